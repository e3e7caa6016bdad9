"""Dates in the Belarusian admin, in a browser whose clock is not Minsk's.

Run with `make e2e` (needs Chromium: Debian's `chromium` package).
"""

import datetime

import pytest
from django.utils import timezone

from digests.models import Digest
from tests.e2e.test_editor_builds_a_digest import saved, watch

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, live_server, editor):
    # New York is 7 or 8 hours behind Minsk: Django's admin then notes the
    # difference beside fields where a time is entered.
    context = browser.new_context(
        timezone_id="America/New_York", extra_http_headers={"Accept-Language": "be"}
    )
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-editor-password")
    page.click("input[type=submit]")
    yield page
    context.close()


def test_time_zone_note_is_beside_the_publication_time_only(page, live_server):
    problems = watch(page, live_server)

    page.goto(live_server.url + "/admin/digests/digest/add/")

    assert page.locator("#id_published_at_timezone_warning_helptext").count() == 1
    assert page.locator(".timezonewarning").count() == 1
    for field in ("period_start", "period_end"):
        assert page.locator(f"#id_{field}_timezone_warning_helptext").count() == 0

    page.goto(live_server.url + "/admin/campaigns/campaign/add/")
    page.locator(".add-row a").last.click()

    assert page.locator("#id_action_items-0-active_from").is_visible()
    assert page.locator(".timezonewarning").count() == 0
    assert problems == []


def test_calendar_writes_a_date_the_form_accepts_and_the_list_reads_naturally(page, live_server):
    problems = watch(page, live_server)
    # The calendar opens at the office's month, not the browser's.
    today = timezone.localdate()

    page.goto(live_server.url + "/admin/digests/digest/add/")
    page.locator("#id_period_start ~ .datetimeshortcuts button").click()
    page.locator(".calendarbox:visible td a", has_text="24").first.click()
    written = page.input_value("#id_period_start")
    end = today.replace(day=24) + datetime.timedelta(days=13)
    page.fill("#id_period_end", end.strftime("%d.%m.%Y"))
    page.click("#content-language button[data-language=be]")
    page.fill("#id_headline_be", "Галоўная навіна")
    page.click("input[name=_save]")
    saved(page)

    digest = Digest.objects.get()
    assert written == f"24.{today:%m.%Y}"
    assert digest.period_start == today.replace(day=24)
    months = [
        "студзеня", "лютага", "сакавіка", "красавіка", "мая", "чэрвеня",
        "ліпеня", "жніўня", "верасня", "кастрычніка", "лістапада", "снежня",
    ]  # fmt: skip
    listed = page.locator("#result_list").inner_text()
    assert f"24 {months[today.month - 1]} {today.year}" in listed
    assert problems == []
