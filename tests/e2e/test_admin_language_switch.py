"""The whole digest form in one language at a time, and the translator's view, in Chromium."""

import pytest
from playwright.sync_api import expect

from digests.models import Digest
from newsroom.models import EditorPreference
from tests.e2e.test_editor_builds_a_digest import watch
from tests.factories import DigestFactory, SectionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def digest():
    digest = DigestFactory(headline_be="Навіна", headline_ru="", headline_en="News")
    SectionFactory(digest=digest, heading_be="Першы", heading_ru="Первый", heading_en="First")
    SectionFactory(digest=digest, heading_be="Другі", heading_ru="", heading_en="Second")
    return digest


def logged_in(browser, live_server):
    page = browser.new_page(extra_http_headers={"Accept-Language": "be"})
    problems = watch(page, live_server)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-editor-password")
    page.click("input[type=submit]")
    return page, problems


def test_switching_to_russian_shows_only_russian_fields_sections_included(
    browser,
    live_server,
    editor,
    digest,
):
    page, problems = logged_in(browser, live_server)
    url = f"{live_server.url}/admin/digests/digest/{digest.pk}/change/"
    page.goto(url)
    expect(page.locator("#id_headline_be")).to_be_visible()  # all languages until one is chosen

    page.click("#content-language button[data-language=ru]")

    expect(page.locator("#id_headline_ru")).to_be_visible()
    expect(page.locator("#id_headline_be")).to_be_hidden()
    expect(page.locator("#id_headline_en")).to_be_hidden()
    for number in range(2):
        expect(page.locator(f"#id_sections-{number}-heading_ru")).to_be_visible()
        expect(page.locator(f"#id_sections-{number}-heading_be")).to_be_hidden()
        expect(page.locator(f"#sections-{number} .field-body_be")).to_be_hidden()
    expect(page.locator("#sections-0 .field-body_ru .tiptap")).to_be_visible()

    # The fill status follows the typing, on every language's row.
    status = page.locator("#sections-1 .field-heading_ru .mt-status [data-language=ru]")
    expect(status).to_have_attribute("data-written", "false")
    page.fill("#id_sections-1-heading_ru", "Второй")
    expect(status).to_have_attribute("data-written", "true")
    expect(
        page.locator("#sections-1 .field-heading_be .mt-status [data-language=ru]")
    ).to_have_text("RU ✓")
    page.locator("#sections-0 .field-body_ru .tiptap").click()
    page.keyboard.type("Текст")

    # A section added now shows its Russian fields only.
    page.locator(".inline-group#sections-group .add-row a").click()
    expect(page.locator("#id_sections-2-heading_ru")).to_be_visible()
    expect(page.locator("#id_sections-2-heading_be")).to_be_hidden()
    expect(page.locator("#sections-2 .field-body_ru .tiptap")).to_be_visible()

    # Remembered for this editor, on the next page too.
    page.goto(f"{live_server.url}/admin/digests/digest/add/")
    expect(page.locator("#id_headline_ru")).to_be_visible()
    expect(page.locator("#id_headline_be")).to_be_hidden()
    assert EditorPreference.objects.get(user=editor).content_language == "ru"
    assert problems == []


def test_translating_from_belarusian_saves_only_the_russian_fields(
    browser,
    live_server,
    editor,
    digest,
):
    page, problems = logged_in(browser, live_server)
    page.goto(f"{live_server.url}/admin/digests/digest/{digest.pk}/change/?from=be&translate=ru")

    expect(page.locator("#sections-1 .field-heading_ru .mt-source")).to_contain_text("Другі")
    expect(page.locator("#id_sections-1-heading_be")).to_be_hidden()
    page.fill("#id_headline_ru", "Новость")
    page.fill("#id_sections-1-heading_ru", "Второй")
    page.click("input[name=_continue]")
    page.wait_for_load_state()

    expect(page.locator(".messagelist .success")).to_have_count(1)
    assert page.url.endswith("?from=be&translate=ru")
    digest = Digest.objects.get(pk=digest.pk)
    assert (digest.headline_be, digest.headline_ru, digest.headline_en) == (
        "Навіна",
        "Новость",
        "News",
    )
    headings = list(digest.sections.values_list("heading_be", "heading_ru", "heading_en"))
    assert headings == [("Першы", "Первый", "First"), ("Другі", "Второй", "Second")]
    assert problems == []


def test_an_error_in_a_language_switched_off_shows_every_language(
    browser,
    live_server,
    editor,
):
    EditorPreference.objects.create(user=editor, content_language="ru")
    page, problems = logged_in(browser, live_server)
    page.goto(f"{live_server.url}/admin/newsroom/image/add/")
    expect(page.locator("#id_alt_be")).to_be_hidden()
    # Too long for the Belarusian description: an error on that field alone.
    page.eval_on_selector("#id_alt_be", "input => { input.value = 'а'.repeat(301); }")

    page.click("input[name=_save]")

    error_row = page.locator(".field-alt_be")
    expect(error_row.locator(".errorlist")).to_be_visible()
    expect(page.locator("#id_alt_be")).to_be_visible()
    # The editor's choice is kept for the next form.
    assert EditorPreference.objects.get(user=editor).content_language == "ru"
    assert problems == []
