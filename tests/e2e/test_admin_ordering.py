"""Ordering inline rows by dragging, in Chromium, with the admin in Belarusian.

Run with `make e2e` (needs Debian's `chromium`).
"""

import datetime

import pytest

from digests.models import DigestAction, Section
from tests.e2e.test_editor_builds_a_digest import drag, saved
from tests.factories import ActionItemFactory, DigestActionFactory, DigestFactory, SectionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def open_admin(browser, live_server):
    """A logged-in editor's page with the admin in Belarusian, and what its console said.

    The window is tall enough for a drag from the last section to the first.
    """
    page = browser.new_page(
        viewport={"width": 1400, "height": 8000}, extra_http_headers={"Accept-Language": "be"}
    )
    console = []
    page.on("console", lambda m: m.type in {"warning", "error"} and console.append(m.text))
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-editor-password")
    page.click("input[type=submit]")
    return page, console


def positions(page, prefix):
    """The rows' position inputs, in the rows' form order (not the order shown)."""
    numbered = page.locator(f"[id^='{prefix}-'] input.ordering-position").evaluate_all(
        "inputs => inputs.filter(i => !i.name.includes('__prefix__'))"
        ".map(i => [Number(i.name.split('-')[1]), i.value])"
    )
    return [value for _, value in sorted(numbered)]


def test_dragged_sections_and_moved_activity_rows_are_saved_in_their_new_order(
    browser, live_server, editor
):
    digest = DigestFactory(period_start=datetime.date(2022, 1, 10))
    for number, heading in enumerate(["Першы", "Другі", "Трэці"], start=1):
        SectionFactory(digest=digest, heading_be=heading, heading_en=heading, position=number)
    for number in (1, 2):
        DigestActionFactory(
            digest=digest,
            position=number,
            action_item=ActionItemFactory(
                text_be=f"Справа {number}", active_from=datetime.date(2022, 1, 1)
            ),
        )
    page, console = open_admin(browser, live_server)
    page.goto(f"{live_server.url}/admin/digests/digest/{digest.pk}/change/")

    drag(page, page.locator("#sections-2 .ordering-handle"), page.locator("#sections-0"))
    assert positions(page, "sections") == ["2", "3", "1"]
    # The arrow keys on a handle move a row too.
    page.locator("#action_entries-1 .ordering-handle").press("ArrowUp")
    assert positions(page, "action_entries") == ["2", "1"]
    page.click("input[name=_continue]")
    saved(page)

    assert list(digest.sections.values_list("heading_be", flat=True)) == [
        "Трэці",
        "Першы",
        "Другі",
    ]
    assert list(
        DigestAction.objects.filter(digest=digest).values_list("action_item__text_be", flat=True)
    ) == ["Справа 2", "Справа 1"]
    assert console == []


def test_new_rows_come_last_and_a_removed_new_row_leaves_the_order_shown(
    browser, live_server, editor
):
    digest = DigestFactory()
    SectionFactory(digest=digest, heading_be="Стары", heading_en="Old", position=5)
    page, console = open_admin(browser, live_server)
    page.goto(f"{live_server.url}/admin/digests/digest/{digest.pk}/change/")
    add_section = page.locator("#sections-group .add-row a")

    for number, heading in [(1, "Новы"), (2, "Лішні"), (3, "Апошні")]:
        add_section.click()
        page.fill(f"#id_sections-{number}-heading_be", heading)
    assert positions(page, "sections") == ["5", "6", "7", "8"]
    # A new row dragged above the saved one, then another new row removed:
    # the admin renames the rows left by their place in the page.
    drag(page, page.locator("#sections-3 .ordering-handle"), page.locator("#sections-0"))
    page.locator("#sections-2 .inline-deletelink").click()
    page.click("input[name=_continue]")
    saved(page)

    assert list(digest.sections.values_list("heading_be", flat=True)) == [
        "Апошні",
        "Стары",
        "Новы",
    ]
    assert Section.objects.count() == 3
    assert console == []


@pytest.mark.parametrize("width", [1400, 375])
def test_activity_rows_show_the_whole_text_of_their_choice(browser, live_server, editor, width):
    text = (
        "Раскажыце іншым пра план на «рэферэндум» і зарэгіструйцеся на платформе «Голас», "
        "каб вашы суседзі таксама ведалі, што рабіць"
    )
    digest = DigestFactory()
    DigestActionFactory(digest=digest, action_item=ActionItemFactory(text_be=text))
    page, console = open_admin(browser, live_server)
    page.set_viewport_size({"width": width, "height": 1200})
    page.goto(f"{live_server.url}/admin/digests/digest/{digest.pk}/change/")

    choice = page.locator("#action_entries-0 .select2-selection__rendered")
    shown = choice.evaluate(
        "e => ({text: e.title || e.textContent, cut: e.scrollWidth > e.clientWidth,"
        " lines: Math.round(e.getBoundingClientRect().height"
        " / parseFloat(getComputedStyle(e).lineHeight))})"
    )

    assert text in shown["text"]
    # Nothing hidden behind an ellipsis: the sentence wraps onto more lines.
    assert not shown["cut"]
    assert shown["lines"] >= 2
    assert console == []
