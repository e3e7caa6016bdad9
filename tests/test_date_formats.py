"""Dates read as each language writes them, in the admin and on public pages."""

import datetime
import re
import zoneinfo

import pytest
from django.utils import formats, translation

from campaigns.models import Campaign
from digests.models import Digest
from newsroom.i18n import long_date
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    DigestFactory,
    PartnerMeetingFactory,
)
from tests.test_titles import BELARUSIAN_MONTHS, ENGLISH_MONTHS, RUSSIAN_MONTHS

pytestmark = pytest.mark.django_db

MINSK = zoneinfo.ZoneInfo("Europe/Minsk")
JAN_24 = datetime.date(2022, 1, 24)
FEB_6 = datetime.date(2022, 2, 6)
DIGESTS = "/admin/digests/digest/"

LONG_DATES = {
    "be": ("24 студзеня 2022", "6 лютага 2022"),
    "ru": ("24 января 2022", "6 февраля 2022"),
    "en": ("24 January 2022", "6 February 2022"),
}
WRONG = ["Сту.", "Люты", "Jan.", "Feb.", "Янв.", "г.", "a.m.", "p.m.", "01/24/2022"]


def changelist(client, url, language):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_digest_list_gives_the_period_as_the_language_writes_dates(admin_client, language):
    DigestFactory(period_start=JAN_24, period_end=FEB_6)

    content = changelist(admin_client, DIGESTS, language)

    start, end = LONG_DATES[language]
    assert f">{start}<" in content
    assert f">{end}<" in content
    for wrong in WRONG:
        assert wrong not in content


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("be", "24 студзеня 2022, 09:05"),
        ("ru", "24 января 2022, 09:05"),
        ("en", "24 January 2022, 09:05"),
    ],
)
def test_digest_list_gives_the_publication_time_in_24_hours(admin_client, language, expected):
    DigestFactory(
        published=True,
        period_start=datetime.date(2022, 1, 10),
        published_at=datetime.datetime(2022, 1, 24, 9, 5, tzinfo=MINSK),
    )

    assert f">{expected}<" in changelist(admin_client, DIGESTS, language)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("be", "Запланаваны на 1 снежня 2040, 23:57"),
        ("ru", "Запланирован на 1 декабря 2040, 23:57"),
        ("en", "Scheduled for 1 December 2040, 23:57"),
    ],
)
def test_scheduled_digest_says_when_readers_will_see_it(admin_client, language, expected):
    DigestFactory(
        status=Digest.Status.PUBLISHED,
        published_at=datetime.datetime(2040, 12, 1, 23, 57, tzinfo=MINSK),
    )

    assert expected in changelist(admin_client, DIGESTS, language)


@pytest.mark.parametrize(
    ("language", "month", "day"),
    [
        ("be", "Студзень 2022", "24 студзеня"),
        ("ru", "Январь 2022", "24 января"),
        ("en", "January 2022", "24 January"),
    ],
)
def test_date_hierarchy_names_the_month_alone_and_after_a_day(admin_client, language, month, day):
    DigestFactory(period_start=JAN_24, period_end=FEB_6)

    by_year = changelist(admin_client, f"{DIGESTS}?period_start__year=2022", language)
    by_month = changelist(
        admin_client, f"{DIGESTS}?period_start__year=2022&period_start__month=1", language
    )

    assert f">{month}<" in by_year
    assert f">{day}<" in by_month


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_action_item_meeting_and_campaign_lists_give_long_dates(admin_client, language):
    ActionItemFactory(active_from=JAN_24, active_until=FEB_6)
    PartnerMeetingFactory(date=JAN_24)
    CampaignFactory(starts_on=JAN_24, ends_on=FEB_6, status=Campaign.Status.CLOSED)
    start, end = LONG_DATES[language]

    items = changelist(admin_client, "/admin/campaigns/actionitem/", language)
    meetings = changelist(admin_client, "/admin/campaigns/partnermeeting/", language)
    campaigns = changelist(admin_client, "/admin/campaigns/campaign/", language)

    for content in (items, campaigns):
        assert f">{start}<" in content
        assert f">{end}<" in content
    assert f">{start}<" in meetings


@pytest.mark.parametrize(
    ("language", "names"),
    [("be", BELARUSIAN_MONTHS), ("ru", RUSSIAN_MONTHS), ("en", ENGLISH_MONTHS)],
)
def test_every_month_reads_right_after_a_day_number(language, names):
    # Django's own Belarusian catalogue has "сакавік" and taraškievica spellings here.
    days = [datetime.date(2022, month, 1) for month in range(1, 13)]

    with translation.override(language):
        dates = [formats.date_format(day) for day in days]
        public = [long_date(day) for day in days]

    assert dates == [f"1 {name} 2022" for name in names]
    assert public == dates


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_public_pages_give_the_same_dates_as_the_admin(client, language):
    DigestFactory(published=True, period_start=JAN_24, period_end=FEB_6)
    meeting = PartnerMeetingFactory(date=JAN_24)

    archive = client.get(f"/{language}/digests/").content.decode()
    with translation.override(language):
        meeting_url = meeting.get_absolute_url()
    meeting_page = client.get(meeting_url).content.decode()

    start, end = LONG_DATES[language]
    # The archive names the year once for a period within one year: "24 January – 6 February 2022".
    assert start.rsplit(" ", 1)[0] + " – " + end in archive
    assert start in meeting_page


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_date_typed_day_first_with_dots_is_accepted(admin_client, post_new_digest, language):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language

    response = post_new_digest({"period_start": "24.01.2022", "period_end": "06.02.2022"})

    assert response.status_code == 302
    digest = Digest.objects.get()
    assert (digest.period_start, digest.period_end) == (JAN_24, FEB_6)


@pytest.mark.parametrize(
    ("language", "shown"), [("be", "24.01.2022"), ("ru", "24.01.2022"), ("en", "2022-01-24")]
)
def test_date_field_shows_the_date_as_the_calendar_writes_it(admin_client, language, shown):
    # The calendar writes the first input format; the field must show the same form.
    digest = DigestFactory(period_start=JAN_24, period_end=FEB_6)

    content = changelist(admin_client, f"{DIGESTS}{digest.pk}/change/", language)

    catalog = changelist(admin_client, "/admin/jsi18n/", language)

    assert f'name="period_start" value="{shown}"' in content
    written = datetime.datetime.strptime(shown, "%d.%m.%Y" if "." in shown else "%Y-%m-%d")
    assert re.search(r'"DATE_INPUT_FORMATS": \[\s*"([^"]+)"', catalog)[1] == (
        "%d.%m.%Y" if "." in shown else "%Y-%m-%d"
    )
    assert written.date() == JAN_24


@pytest.mark.parametrize(
    ("start", "end", "language", "text"),
    [
        (datetime.date(2026, 12, 2), datetime.date(2026, 12, 15), "be", "2–15 снежня 2026"),
        (datetime.date(2026, 12, 2), datetime.date(2026, 12, 15), "ru", "2–15 декабря 2026"),
        (datetime.date(2026, 12, 2), datetime.date(2026, 12, 15), "en", "2–15 December 2026"),
        (
            datetime.date(2022, 1, 24),
            datetime.date(2022, 2, 6),
            "be",
            "24 студзеня – 6 лютага 2022",
        ),
        (
            datetime.date(2021, 12, 27),
            datetime.date(2022, 1, 9),
            "ru",
            "27 декабря 2021 – 9 января 2022",
        ),
    ],
)
def test_archive_cards_name_each_part_of_a_period_once(client, start, end, language, text):
    DigestFactory(published=True, period_start=start, period_end=end)

    content = client.get(f"/{language}/digests/").content.decode()

    assert f'<p class="meta digest__dates">{text} · ' in content


@pytest.mark.parametrize(("language", "text"), [("be", "3 вынікі"), ("ru", "3 результата")])
def test_admin_lists_count_results_in_a_form_that_fits_any_model(admin_client, language, text):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    ActionItemFactory.create_batch(3)

    content = admin_client.get("/admin/campaigns/actionitem/").content.decode()

    assert text in content
