import datetime
import re

import feedparser
import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from campaigns.models import ActionItem
from digests.models import Digest
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    DigestActionFactory,
    DigestFactory,
    ImageFactory,
    SectionFactory,
    SiteSettingsFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["be", "ru", "en"]
FORMATS = ["rss", "atom"]
BASE = "http://testserver/"
LONG_AGO = timezone.make_aware(datetime.datetime(2024, 3, 5, 10, 30))


@pytest.fixture(autouse=True)
def site():
    return SiteSettingsFactory(site_name_ru="Новости")


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response.cookies == {}
    return response


def parse(client, url):
    response = fetch(client, url)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def published(**kwargs):
    """A published digest dated LONG_AGO plus `days`, changed when it was published."""
    days = kwargs.pop("days", 0)
    digest = DigestFactory(published=True, **kwargs)
    moment = LONG_AGO + datetime.timedelta(days=days)
    Digest.objects.filter(pk=digest.pk).update(published_at=moment, updated_at=moment)
    digest.refresh_from_db()
    return digest


def changed_at(item, moment):
    ActionItem.objects.filter(pk=item.pk).update(updated_at=moment)
    item.refresh_from_db()
    return item


def links_in(html):
    return re.findall(r'(?:href|src)="([^"]*)"', html)


def entry_html(entry):
    return entry.content[0].value if "content" in entry else entry.description


@pytest.mark.parametrize("feed_format", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_digest_feed_starts_with_the_latest_digest_titled_in_the_feeds_language(
    client, language, feed_format
):
    published(days=0)
    latest = published(days=14)

    feed = parse(client, f"/{language}/feeds/digests.{feed_format}")

    with translation.override(language):
        assert feed.entries[0].title == latest.title_with_year
        assert (
            feed.feed.title
            == {
                "be": "Навіны: дайджэсты",
                "ru": "Новости: дайджесты",
                "en": "Newsroom: digests",
            }[language]
        )
    assert feed.feed.language == language
    assert feed.entries[0].link == f"{BASE}{language}/digests/{latest.slug}/"
    assert len(feed.entries) == 2


@pytest.mark.parametrize("feed_format", FORMATS)
def test_drafts_and_scheduled_digests_are_not_in_the_digest_feed(client, feed_format):
    shown = published()
    draft = DigestFactory()
    scheduled = DigestFactory(scheduled=True)

    feed = parse(client, f"/en/feeds/digests.{feed_format}")

    links = [entry.link for entry in feed.entries]
    assert links == [f"{BASE}en/digests/{shown.slug}/"]
    body = fetch(client, f"/en/feeds/digests.{feed_format}").content.decode()
    assert draft.headline_en not in body
    assert scheduled.headline_en not in body


def test_digest_feed_holds_the_twenty_newest_digests(client):
    digests = [published(days=14 * n) for n in range(22)]

    feed = parse(client, "/en/feeds/digests.rss")

    assert [entry.link for entry in feed.entries] == [
        f"{BASE}en/digests/{digest.slug}/" for digest in reversed(digests[2:])
    ]


@pytest.mark.parametrize("feed_format", FORMATS)
def test_digest_feed_is_dated_by_its_newest_entry_not_by_the_time_it_is_read(client, feed_format):
    published(days=0)
    latest = published(days=14)
    edited = latest.published_at + datetime.timedelta(hours=5)
    Digest.objects.filter(pk=latest.pk).update(updated_at=edited)

    first = fetch(client, f"/en/feeds/digests.{feed_format}").content
    feed = feedparser.parse(first)

    newest = feed.entries[0]
    assert datetime.datetime(*newest.published_parsed[:6], tzinfo=datetime.UTC) == (
        latest.published_at
    )
    if feed_format == "atom":  # An RSS item has a publication date only.
        assert datetime.datetime(*newest.updated_parsed[:6], tzinfo=datetime.UTC) == edited
    assert datetime.datetime(*feed.feed.updated_parsed[:6], tzinfo=datetime.UTC) == edited
    assert fetch(client, f"/en/feeds/digests.{feed_format}").content == first


@pytest.mark.parametrize("feed_format", FORMATS)
def test_digest_entry_holds_the_whole_digest_with_absolute_links(client, feed_format):
    digest = published(lead_en="The lead of the period.", closing_call_en="<p>Act now.</p>")
    section = SectionFactory(
        digest=digest,
        campaign=CampaignFactory(),
        image=ImageFactory(),
        body_en=(
            '<p>See <a href="/en/campaigns/">the campaigns</a>, <a href="#top">the top</a> '
            'and <a href="https://example.org/x">elsewhere</a>.</p>'
        ),
    )
    DigestActionFactory(digest=digest, action_item=ActionItemFactory(url="https://example.org/do"))
    digest.freeze_activity_list()

    feed = parse(client, f"/en/feeds/digests.{feed_format}")

    html = entry_html(feed.entries[0])
    assert digest.headline_en in html
    assert "The lead of the period." in html
    assert "The list of activities for today" in html
    assert digest.action_entries.get().text in html
    assert section.heading_en in html
    assert "Act now." in html
    links = links_in(html)
    assert f"{BASE}en/campaigns/" in links
    assert f"{BASE}en/digests/{digest.slug}/#top" in links
    assert "https://example.org/x" in links
    assert "https://example.org/do" in links
    assert any(link.startswith(f"{BASE}media/") for link in links)
    assert all(link.startswith(("http://", "https://")) for link in links), links
    assert feed.feed.link == f"{BASE}en/digests/"


@pytest.mark.parametrize("feed_format", FORMATS)
def test_digest_with_a_cover_has_it_as_an_enclosure(client, feed_format, media_root):
    cover = ImageFactory()
    published(cover=cover)
    published(days=14)

    feed = parse(client, f"/en/feeds/digests.{feed_format}")

    with_cover, without = feed.entries[1], feed.entries[0]
    assert without.enclosures == []
    (enclosure,) = with_cover.enclosures
    name = cover.fallback_rendition()
    assert enclosure.href == f"{BASE}media/{name}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == (media_root / name).stat().st_size > 0


def test_digest_without_a_translated_headline_shows_it_in_its_own_language(client):
    digest = published(headline_en="", headline_ru="", headline_be="Навіна па-беларуску")

    html = entry_html(parse(client, "/en/feeds/digests.atom").entries[0])

    assert '<p lang="be"><strong>Навіна па-беларуску</strong></p>' in html
    assert "Shown in Belarusian" in html
    with translation.override("en"):
        assert parse(client, "/en/feeds/digests.atom").entries[0].title == digest.title_with_year


def test_titles_are_plain_text_escaped_once(client):
    digest = published(title_en="Sanctions & <solidarity>")

    feed = parse(client, "/en/feeds/digests.rss")

    # The editor's own title, with the period's year as on the page's <title>.
    assert feed.entries[0].title == f"Sanctions & <solidarity>, {digest.period_end.year}"
    assert "&amp;lt;" not in fetch(client, "/en/feeds/digests.rss").content.decode()


@pytest.mark.parametrize("feed_format", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_today_feed_lists_current_items_and_not_expired_or_upcoming_ones(
    client, language, feed_format
):
    current = ActionItemFactory(url="https://example.org/act", text_ru="Сделайте дело")
    standing = ActionItemFactory()
    expired = ActionItemFactory(expired=True)
    upcoming = ActionItemFactory(upcoming=True)

    feed = parse(client, f"/{language}/feeds/today.{feed_format}")

    links = {entry.link for entry in feed.entries}
    assert links == {"https://example.org/act", f"{BASE}{language}/today/#action-{standing.pk}"}
    ids = {entry.id for entry in feed.entries}
    assert f"{BASE}{language}/today/#action-{expired.pk}" not in ids
    assert f"{BASE}{language}/today/#action-{upcoming.pk}" not in ids
    assert feed.feed.language == language
    with translation.override(language):
        assert current.text in {entry.title for entry in feed.entries}


def test_today_feed_entry_is_updated_when_its_item_changes(client):
    item = changed_at(ActionItemFactory(), LONG_AGO)
    before = parse(client, "/en/feeds/today.atom").entries[0]

    item.text_en = "Do it differently"
    item.save()
    after = parse(client, "/en/feeds/today.atom")

    assert after.entries[0].title == "Do it differently"
    assert after.entries[0].updated_parsed > before.updated_parsed
    assert after.feed.updated_parsed == after.entries[0].updated_parsed


def test_an_item_written_before_it_starts_enters_the_feed_on_its_first_day(client):
    first_day = timezone.localdate() - datetime.timedelta(days=2)
    changed_at(ActionItemFactory(active_from=first_day), LONG_AGO)

    entry = parse(client, "/en/feeds/today.atom").entries[0]

    start = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time()))
    assert entry.updated == start.isoformat()
    assert entry.published == start.isoformat()


def test_today_feed_changes_its_date_when_an_item_leaves_the_list(client):
    changed_at(ActionItemFactory(), LONG_AGO)
    item = ActionItemFactory(expired=True)
    changed_at(item, LONG_AGO)

    feed = parse(client, "/en/feeds/today.rss")

    # The item's last day was yesterday: the list changed at midnight.
    midnight = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
    assert feed.feed.updated_parsed[:6] == midnight.astimezone(datetime.UTC).timetuple()[:6]


def test_empty_feeds_are_dated_all_the_same(client):
    first = fetch(client, "/en/feeds/today.atom").content
    feed = feedparser.parse(first)

    assert feed.entries == []
    assert not feed.bozo
    assert feed.feed.updated == "1970-01-01T00:00:00+00:00"
    assert fetch(client, "/en/feeds/today.atom").content == first


def test_an_item_in_another_language_says_so_in_its_entry(client):
    ActionItemFactory(text_en="", text_ru="", text_be="Толькі па-беларуску")

    atom = fetch(client, "/en/feeds/today.atom").content.decode()
    rss = fetch(client, "/en/feeds/today.rss").content.decode()

    assert '<entry xml:lang="be">' in atom
    assert "<dc:language>be</dc:language>" in rss
    entry = feedparser.parse(atom).entries[0]
    assert entry.title == "Толькі па-беларуску"
    assert entry.title_detail.language == "be"
    assert parse(client, "/en/feeds/today.rss").feed.language == "en"


@pytest.mark.parametrize("feed_format", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_campaign_feed_holds_its_items_and_the_published_sections_about_it(
    client, language, feed_format
):
    campaign = CampaignFactory(name_ru="Кампания")
    item = ActionItemFactory(campaign=campaign)
    ActionItemFactory(campaign=campaign, expired=True)
    ActionItemFactory()
    section = SectionFactory(digest=published(), campaign=campaign)
    SectionFactory(digest=DigestFactory(), campaign=campaign)
    SectionFactory(digest=DigestFactory(scheduled=True), campaign=campaign)
    SectionFactory(digest=published(days=14))

    feed = parse(client, f"/{language}/campaigns/{campaign.slug}/feed.{feed_format}")

    assert [entry.link for entry in feed.entries] == [
        f"{BASE}{language}/campaigns/{campaign.slug}/#action-{item.pk}",
        f"{BASE}{language}/digests/{section.digest.slug}/#section-{section.pk}",
    ]
    assert feed.feed.language == language
    with translation.override(language):
        assert feed.feed.title.endswith(f": {campaign.name}")
        assert feed.entries[1].title == section.heading
    assert "The section's text." in entry_html(feed.entries[1]) or language != "en"
    for link in links_in(entry_html(feed.entries[1])):
        assert link.startswith(BASE)


@pytest.mark.parametrize(
    "url",
    [
        "/en/campaigns/no-such-campaign/feed.rss",
        "/en/campaigns/no-such-campaign/feed.atom",
        "/en/campaigns/no-such-campaign/actions.ics",
    ],
)
def test_unknown_campaign_has_no_feed(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response.cookies == {}


def calendar_of(client, url):
    response = fetch(client, url)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content, icalendar.Calendar.from_ical(response.content)


@pytest.mark.parametrize("language", LANGUAGES)
def test_calendar_holds_current_and_upcoming_items_as_all_day_events(client, language):
    today = timezone.localdate()
    window = ActionItemFactory(
        active_from=today - datetime.timedelta(days=3),
        active_until=today + datetime.timedelta(days=4),
        text_ru="Подпишите; расскажите, поделитесь",
    )
    standing = ActionItemFactory()
    upcoming = ActionItemFactory(upcoming=True)
    ActionItemFactory(expired=True)
    changed_at(window, LONG_AGO)

    content, calendar = calendar_of(client, f"/{language}/feeds/actions.ics")

    events = {event["UID"]: event for event in calendar.walk("VEVENT")}
    assert set(events) == {
        f"action-item-{item.pk}@testserver" for item in [window, standing, upcoming]
    }
    event = events[f"action-item-{window.pk}@testserver"]
    assert event.decoded("DTSTART") == window.active_from
    # DTEND is exclusive: the day after the last one.
    assert event.decoded("DTEND") == window.active_until + datetime.timedelta(days=1)
    assert "DTSTART;VALUE=DATE:" in content.decode()
    assert event.decoded("DTSTAMP") == LONG_AGO
    assert event["SEQUENCE"] == window.edit_count
    with translation.override(language):
        assert str(event["SUMMARY"]) == ActionItem.objects.get(pk=window.pk).text
    assert str(event["URL"]).startswith(f"{BASE}{language}/campaigns/")
    standing_event = events[f"action-item-{standing.pk}@testserver"]
    assert standing_event.decoded("DTEND") == standing.active_from + datetime.timedelta(days=1)
    upcoming_event = events[f"action-item-{upcoming.pk}@testserver"]
    assert upcoming_event.decoded("DTSTART") == upcoming.active_from


def test_calendar_escapes_folds_and_ends_its_lines_as_rfc_5545_says(client):
    item = ActionItemFactory(
        text_en="Sign, share; and " + "tell everyone you know about it " * 4,
        explanation_en="First line,\nsecond line; with a backslash \\ too. Ўсё па-беларуску " * 3,
    )

    content, calendar = calendar_of(client, "/en/feeds/actions.ics")

    assert content.endswith(b"\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert not any(b"\n" in line or b"\r" in line for line in lines)
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    assert any(line.startswith(b" ") for line in lines)
    assert b"Sign\\, share\\; and" in content
    assert b"First line\\,\\nsecond line\\;" in content
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == item.text_en
    assert str(event["DESCRIPTION"]).startswith(item.explanation_en)


def test_calendar_is_the_same_file_until_an_item_changes(client):
    item = changed_at(ActionItemFactory(), LONG_AGO)
    first, _calendar = calendar_of(client, "/ru/feeds/actions.ics")

    assert calendar_of(client, "/ru/feeds/actions.ics")[0] == first
    item.text_ru = "Новый текст"
    item.save()
    changed, calendar = calendar_of(client, "/ru/feeds/actions.ics")

    assert changed != first
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTAMP") == ActionItem.objects.get(pk=item.pk).updated_at.replace(
        microsecond=0
    )


def test_campaign_calendar_holds_only_its_own_items(client):
    campaign = CampaignFactory()
    own = ActionItemFactory(campaign=campaign)
    ActionItemFactory()

    _content, calendar = calendar_of(client, f"/be/campaigns/{campaign.slug}/actions.ics")

    assert [str(event["UID"]) for event in calendar.walk("VEVENT")] == [
        f"action-item-{own.pk}@testserver"
    ]


def test_an_item_saved_with_some_fields_only_is_still_dated_by_the_change(client):
    item = changed_at(ActionItemFactory(), LONG_AGO)

    item.active_until = timezone.localdate() + datetime.timedelta(days=3)
    item.save(update_fields=["active_until"])

    item.refresh_from_db()
    assert item.updated_at > LONG_AGO


FEED_URLS = [
    "feeds/digests.rss",
    "feeds/digests.atom",
    "feeds/today.rss",
    "feeds/today.atom",
    "campaigns/{slug}/feed.rss",
    "campaigns/{slug}/feed.atom",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", FEED_URLS)
def test_every_feed_is_valid_in_every_language_and_sets_no_cookie(client, language, path):
    campaign = CampaignFactory()
    digest = published(cover=ImageFactory())
    SectionFactory(digest=digest, campaign=campaign)
    ActionItemFactory(campaign=campaign)
    DigestActionFactory(digest=digest, action_item=ActionItemFactory())
    digest.freeze_activity_list()

    feed = parse(client, f"/{language}/" + path.format(slug=campaign.slug))

    assert feed.feed.language == language
    assert feed.entries
    for link in [feed.feed.link, *(entry.link for entry in feed.entries)]:
        assert link.startswith(("http://", "https://")), link
    for entry in feed.entries:
        assert entry.published_parsed
        # Atom requires an update date; RSS has none for an item.
        assert "updated" in entry or feed.version.startswith("rss")
        for link in links_in(entry_html(entry)):
            assert link.startswith(("http://", "https://", "mailto:")), link


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_names_the_site_feeds_and_a_campaign_page_its_own(client, language):
    campaign = CampaignFactory()

    home = fetch(client, f"/{language}/").content.decode()
    campaign_page = fetch(client, f"/{language}/campaigns/{campaign.slug}/").content.decode()
    today = fetch(client, f"/{language}/today/").content.decode()

    for page in (home, campaign_page, today):
        assert '<link rel="alternate" type="application/rss+xml" title="' in page
        assert '<link rel="alternate" type="application/atom+xml" title="' in page
        assert f'href="/{language}/feeds/digests.rss">' in page
        assert f'href="/{language}/feeds/digests.atom">' in page
        assert f'href="/{language}/feeds/today.rss">' in page
        assert f'href="/{language}/feeds/today.atom">' in page
        # Plain links a reader can see, in the footer.
        assert f'<a href="/{language}/feeds/digests.rss" type="application/rss+xml">RSS</a>' in page
    assert f'href="/{language}/campaigns/{campaign.slug}/feed.rss">' in campaign_page
    assert f'href="/{language}/campaigns/{campaign.slug}/feed.atom">' in campaign_page
    assert f'href="/{language}/campaigns/{campaign.slug}/actions.ics"' in campaign_page
    assert f'href="/{language}/campaigns/{campaign.slug}/feed.rss">' not in home
    assert f'<a href="/{language}/feeds/actions.ics" type="text/calendar">' in today
    assert f'<a href="/{language}/feeds/today.atom" type="application/atom+xml">Atom</a>' in today


def test_feed_links_are_translated(client):
    page = fetch(client, "/be/today/").content.decode()

    assert "Падпісацца на дайджэсты" in page
    assert 'title="Навіны: дайджэсты (RSS)"' in page


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        fetch(client, url)
    return len(queries)


def test_digest_feed_makes_as_many_queries_for_twenty_digests_as_for_one(client):
    def digest(days):
        made = published(days=days, cover=ImageFactory(), tags=["referendum"])
        for _ in range(3):
            SectionFactory(digest=made, campaign=CampaignFactory(), image=ImageFactory())
            DigestActionFactory(digest=made)
        made.freeze_activity_list()

    digest(0)
    one = {fmt: queries_for(client, f"/en/feeds/digests.{fmt}") for fmt in FORMATS}
    for number in range(1, 20):
        digest(14 * number)

    assert {fmt: queries_for(client, f"/en/feeds/digests.{fmt}") for fmt in FORMATS} == one
    # Site settings, then the digests with all the digest page shows of them
    # (Digest.objects.with_contents): activity list, sections, their meetings,
    # and the tags of the digests and their sections together.
    assert one == {"rss": 6, "atom": 6}


def test_today_campaign_and_calendar_feeds_make_as_many_queries_for_many_items(client):
    campaign = CampaignFactory()

    def mention(days):
        ActionItemFactory(campaign=campaign)
        ActionItemFactory(campaign=campaign, upcoming=True)
        SectionFactory(digest=published(days=days), campaign=campaign, image=ImageFactory())

    urls = [
        "/en/feeds/today.rss",
        "/en/feeds/today.atom",
        "/en/feeds/actions.ics",
        f"/en/campaigns/{campaign.slug}/feed.rss",
        f"/en/campaigns/{campaign.slug}/feed.atom",
        f"/en/campaigns/{campaign.slug}/actions.ics",
    ]
    mention(0)
    one = [queries_for(client, url) for url in urls]
    for number in range(1, 15):
        mention(14 * number)

    assert [queries_for(client, url) for url in urls] == one
    assert one == [3, 3, 2, 4, 4, 3]
