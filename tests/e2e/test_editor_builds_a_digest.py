"""An editor builds and publishes a digest in a real browser; a reader opens it.

Run with `make e2e` (needs Chromium: Debian's `chromium` package). Not part
of `make test`, which must pass on a machine with Python alone.
"""

import re

import PIL.Image
import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from digests.models import Digest
from newsroom.models import Image

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


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


def test_editor_builds_publishes_and_a_reader_reads_a_digest(
    browser, live_server, editor, tmp_path
):
    # The admin in Belarusian, the default language: buttons are found by
    # their place in the page, messages by the catalogue's Belarusian. The
    # window is tall enough to drag the last section onto the first.
    page = browser.new_page(
        viewport={"width": 1400, "height": 4000}, extra_http_headers={"Accept-Language": "be"}
    )
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
    page.click("#action_items-group .add-row a")
    page.fill("#id_action_items-0-text_be", "Зарэгіструйцеся на платформе «Голас»")
    page.fill("#id_action_items-0-active_from", "2022-01-10")
    page.click("input[name=_save]")
    saved(page)

    # The digest: a headline in two languages through the form's language
    # switch, the activity list through autocomplete, three sections.
    page.goto(admin + "digests/digest/add/")
    page.fill("#id_period_start", "2022-01-10")
    page.fill("#id_period_end", "2022-01-23")
    page.click("#content-language button[data-language=ru]")
    expect(page.locator("#id_headline_be")).to_be_hidden()
    page.fill("#id_headline_ru", "Перечеркнём «референдум»")
    page.click("#content-language button[data-language=be]")
    expect(page.locator("#id_headline_ru")).to_be_hidden()
    page.fill("#id_headline_be", "Закрэслім «рэферэндум»")
    page.click("#action_entries-group .add-row a")
    page.locator("#action_entries-0 .select2-selection").click()
    page.keyboard.type("Голас")
    page.locator(".select2-results__option", has_text="Голас").click()
    for number, heading in enumerate(HEADINGS):
        page.click("#sections-group .add-row a")
        page.fill(f"#id_sections-{number}-heading_be", heading)
        # A section added now shows the chosen language only.
        expect(page.locator(f"#id_sections-{number}-heading_ru")).to_be_hidden()
    page.locator("#sections-0 .ProseMirror:visible").click()
    page.keyboard.type("Сустрэча з ")
    page.keyboard.press("Control+b")
    page.keyboard.type("паслом")

    # The last section dragged by its handle to the top.
    drag(page, page.locator("#sections-2 .ordering-handle"), page.locator("#sections-0"))
    assert shown(page, "heading_be") == DRAGGED
    assert shown(page, "position") == ["1", "2", "3"]

    # A cover uploaded in the popup, and chosen in the digest's form.
    cover = tmp_path / "cover.jpg"
    PIL.Image.new("RGB", (1200, 800), "#c00").save(cover, "JPEG")
    with page.expect_popup() as opened:
        page.click("#add_id_cover")
    popup = opened.value
    popup_problems = watch(popup, live_server)
    popup.set_input_files("#id_file", cover)
    popup.fill("#id_alt_be", "Бел-чырвона-белы сцяг")
    with popup.expect_event("close"):
        popup.click("input[name=_save]")
    image = Image.objects.get()
    expect(page.locator("#id_cover")).to_have_value(str(image.pk))

    # A period that ends before it starts: the error is shown, and neither the
    # cover nor the sections' order is lost.
    page.fill("#id_period_end", "2022-01-03")
    page.click("input[name=_save]")
    page.wait_for_load_state()
    with translation.override("be"):
        period_error = gettext("The period ends before it starts.")
    assert period_error != "The period ends before it starts."
    expect(page.locator(".field-period_end .errorlist")).to_have_text(period_error)
    expect(page.locator("#id_cover")).to_have_value(str(image.pk))
    expect(page.locator("#id_cover + .select2")).to_contain_text("Бел-чырвона-белы сцяг")
    assert shown(page, "heading_be") == DRAGGED
    assert shown(page, "position") == ["1", "2", "3"]

    page.fill("#id_period_end", "2022-01-23")
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    saved(page)

    digest = Digest.objects.get()
    assert digest.status == Digest.Status.PUBLISHED
    assert digest.cover == image
    assert list(digest.sections.values_list("heading_be", flat=True)) == DRAGGED
    assert list(digest.sections.values_list("position", flat=True)) == [1, 2, 3]

    # A reader, with no session, in Belarusian.
    reader = browser.new_page()
    reader_problems = watch(reader, live_server)
    response = reader.goto(live_server.url + "/be/digests/")
    assert response.status == 200
    reader.click("text=Дайджэст: 10 — 23 студзеня")
    body = reader.locator("main").inner_text()
    assert "Закрэслім «рэферэндум»" in body
    assert "Зарэгіструйцеся на платформе «Голас»" in body
    assert reader.locator("main h2[id$='-h']").all_inner_texts() == (DRAGGED)
    assert reader.locator("main strong", has_text="паслом").count() == 1
    picture = reader.locator(".digest__cover img")
    expect(picture).to_have_attribute("width", "1200")
    expect(picture).to_have_attribute("height", "800")
    expect(picture).to_have_attribute("srcset", re.compile(r" 480w, .* 960w"))
    expect(picture).to_have_attribute("alt", "Бел-чырвона-белы сцяг")
    # The file itself reaches the reader, from this site.
    assert picture.evaluate("img => img.complete && img.naturalWidth") > 0
    assert reader.context.cookies() == []

    assert problems == []
    assert popup_problems == []
    assert reader_problems == []


HEADINGS = ["Працуем з партнёрамі", "Палітвязні", "Санкцыі"]
DRAGGED = ["Санкцыі", "Працуем з партнёрамі", "Палітвязні"]


def shown(page, field):
    """A field's values in the sections' rows, in the order the form shows them."""
    return page.locator(
        f"#sections-group .inline-related:not(.empty-form) [name$='-{field}']"
    ).evaluate_all("inputs => inputs.map(i => i.value)")


def drag(page, handle, onto):
    """Drag a row by its handle onto the top edge of another row, as a hand would."""
    handle.scroll_into_view_if_needed()
    start, target = handle.bounding_box(), onto.bounding_box()
    page.mouse.move(start["x"] + 5, start["y"] + 5)
    page.mouse.down()
    page.mouse.move(target["x"] + 20, target["y"] + 5, steps=20)
    page.mouse.up()
