"""An editor builds and publishes a digest in a real browser; a reader opens it.

Run with `make e2e` (needs Chromium: Debian's `chromium` package). Not part
of `make test`, which must pass on a machine with Python alone.
"""

import os
import shutil

import pytest
from django.contrib.auth.models import Permission

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

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


def watch(page, live_server):
    """Collects console errors and every request to another host."""
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on(
        "request",
        lambda r: (
            (r.url.startswith(live_server.url) or r.url.startswith("data:"))
            or problems.append(f"request to another host: {r.url}")
        ),
    )
    return problems


def saved(page):
    """Waits for the admin's confirmation; shows the form's errors if it did not come."""
    from playwright.sync_api import expect

    page.wait_for_load_state()
    errors = page.locator(".errorlist").all_inner_texts()
    assert errors == []
    expect(page.locator(".messagelist .success")).to_have_count(1)


def test_editor_builds_publishes_and_a_reader_reads_a_digest(browser, live_server, editor):
    page = browser.new_page(extra_http_headers={"Accept-Language": "en"})
    problems = watch(page, live_server)
    admin = live_server.url + "/admin/"

    page.goto(admin + "login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-editor-password")
    page.click("input[type=submit]")

    # A campaign with one call to action.
    page.goto(admin + "campaigns/campaign/add/")
    page.click("#content-language button[data-language=be]")
    page.fill("#id_name_be", "Закрэслім рэферэндум")
    page.fill("#id_slug", "referendum")
    page.click("text=Add another Action item")
    page.fill("#id_action_items-0-text_be", "Зарэгіструйцеся на платформе «Голас»")
    page.fill("#id_action_items-0-active_from", "2022-01-10")
    page.click("input[name=_save]")
    saved(page)

    # The digest: headline, activity list through autocomplete, one section.
    page.goto(admin + "digests/digest/add/")
    page.fill("#id_period_start", "2022-01-10")
    page.fill("#id_period_end", "2022-01-23")
    page.click("#content-language button[data-language=be]")
    page.fill("#id_headline_be", "Закрэслім «рэферэндум»")
    page.click("text=Add another Activity")
    page.locator("#action_entries-0 .select2-selection").click()
    page.keyboard.type("Голас")
    page.locator(".select2-results__option", has_text="Голас").click()
    page.click("text=Add another Section")
    page.fill("#id_sections-0-heading_be", "Працуем з партнёрамі")
    page.locator("#sections-0 .ProseMirror:visible").click()
    page.keyboard.type("Сустрэча з ")
    page.keyboard.press("Control+b")
    page.keyboard.type("паслом")
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    saved(page)

    # A reader, with no session, in Belarusian.
    reader = browser.new_page()
    reader_problems = watch(reader, live_server)
    response = reader.goto(live_server.url + "/be/digests/")
    assert response.status == 200
    reader.click("text=Дайджэст: 10 — 23 студзеня")
    body = reader.locator("main").inner_text()
    assert "Закрэслім «рэферэндум»" in body
    assert "Зарэгіструйцеся на платформе «Голас»" in body
    assert "Працуем з партнёрамі" in body
    assert reader.locator("main strong", has_text="паслом").count() == 1
    assert reader.context.cookies() == []

    assert problems == []
    assert reader_problems == []
