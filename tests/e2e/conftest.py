"""What every browser test shares: Chromium, the ORM guard, an editor, the demo site
served for a whole module, and CI's no-skip rule."""

import datetime
import io
import os
import pathlib
import shutil

import pytest
from django.contrib.auth.models import Permission

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
# Where the browser run leaves what a person looks at afterwards (screenshots).
ARTEFACTS = pathlib.Path(
    os.environ.get("E2E_ARTEFACTS")
    or pathlib.Path(__file__).resolve().parents[2] / "var" / "e2e-artefacts"
)
# Lines the run prints at its end: measured figures, where artefacts went.
NOTES = []
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


@pytest.fixture(scope="module")
def module_browser():
    """One Chromium for a module's reader tests, which only read and never log in."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class DemoSite:
    """The demo content (`load_demo`) served by a live server, and the reader's pages on it."""

    def __init__(self, server):
        from campaigns.models import PartnerMeeting
        from digests.models import Digest

        self.server = server
        self.url = server.url
        sample = Digest.objects.published().get(period_start=datetime.date(2022, 1, 10))
        self.digest_slug = sample.slug
        self.tag_slug = sample.tags.order_by("slug").first().slug
        self.campaign_slug = "cross-out-the-referendum"
        self.meeting_pk = PartnerMeeting.objects.public().order_by("pk").first().pk

    def path(self, page, language):
        """The address of one of the page types every check covers, in a language."""
        return {
            "home": f"/{language}/",
            "today": f"/{language}/today/",
            "archive": f"/{language}/digests/",
            "digest": f"/{language}/digests/{self.digest_slug}/",
            "campaign": f"/{language}/campaigns/{self.campaign_slug}/",
            "meetings": f"/{language}/meetings/",
            "tag": f"/{language}/tags/{self.tag_slug}/",
            "campaigns": f"/{language}/campaigns/",
            "meeting": f"/{language}/meetings/{self.meeting_pk}/",
            "search": f"/{language}/search/?q=Yara",
        }[page]


# The page types of issue 9's axe budget, then the other public pages.
PAGES = ["home", "today", "archive", "digest", "campaign", "meetings", "tag"]
PAGES += ["campaigns", "meeting", "search"]
LANGUAGES = ["be", "ru", "en"]


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content, loaded once for a module of tests that only read it.

    pytest-django's `live_server` flushes the database after every test, and
    loading the demo takes seconds: these tests share one load and one server,
    and the module leaves an empty database and cache behind, as it found them.
    Its tests carry `django_db` (without `transaction`), so that the test
    database exists and no flush comes between them.
    """
    from django.core.cache import caches
    from django.core.management import call_command
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield DemoSite(server)
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            for cache in caches.all():
                cache.clear()


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


def pytest_terminal_summary(terminalreporter):
    if NOTES:
        terminalreporter.section("browser checks")
        for line in NOTES:
            terminalreporter.write_line(line)
