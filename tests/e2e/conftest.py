"""What every browser test shares: Chromium, the ORM guard, an editor, and CI's no-skip rule."""

import os
import shutil

import pytest
from django.contrib.auth.models import Permission

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module", autouse=True)
def _allow_orm_beside_playwright():
    # Playwright's sync API keeps an event loop on this thread; the ORM calls
    # in these tests are synchronous all the same.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        username="editor", password="a-long-editor-password", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["newsroom", "campaigns", "digests", "taggit"]
        )
    )
    return user


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # In CI (.ci/run) a browser test that did not run is a failure, not a pass.
    report = yield
    if report.skipped and os.environ.get("E2E_FORBID_SKIPS"):
        report.outcome = "failed"
        report.longrepr = f"A browser test was skipped, which CI does not allow: {report.longrepr}"
    return report
