import os

import pytest


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # In CI (.ci/run) a browser test that did not run is a failure, not a pass.
    report = yield
    if report.skipped and os.environ.get("E2E_FORBID_SKIPS"):
        report.outcome = "failed"
        report.longrepr = f"A browser test was skipped, which CI does not allow: {report.longrepr}"
    return report
