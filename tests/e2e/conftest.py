import os

import pytest

# The browser, the editor and the ORM guard of the first browser test, for
# every browser test.
from .test_editor_builds_a_digest import (  # noqa: F401
    _allow_orm_beside_playwright,
    browser,
    editor,
)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # In CI (.ci/run) a browser test that did not run is a failure, not a pass.
    report = yield
    if report.skipped and os.environ.get("E2E_FORBID_SKIPS"):
        report.outcome = "failed"
        report.longrepr = f"A browser test was skipped, which CI does not allow: {report.longrepr}"
    return report
