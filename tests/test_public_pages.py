import datetime
import re

import pytest
from django.utils import translation
from django.views.defaults import server_error

from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    CampaignLinkFactory,
    DigestActionFactory,
    DigestFactory,
    MeetingTopicFactory,
    PersonFactory,
    SectionFactory,
    SocialLinkFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["be", "ru", "en"]
PAGES = {
    "home": "",
    "today": "today/",
    "archive": "digests/",
    "archive of a year": "digests/2022/",
    "archive page 2": "digests/page/2/",
    "digest": "digests/{digest.slug}/",
    "older digest": "digests/{older.slug}/",
    "campaigns": "campaigns/",
    "campaign": "campaigns/{campaign.slug}/",
    "meetings": "meetings/",
    "meetings of a country": "meetings/?country=CH",
    "meeting": "meetings/{meeting.pk}/",
    "tag": "tags/referendum/",
    "search": "search/?q=section",
    "search without a query": "search/",
}


@pytest.fixture
def site_content():
    """A small but complete site: every page has something to show."""
    SocialLinkFactory(network="facebook", url="https://facebook.com/office")
    campaign = CampaignLinkFactory().campaign
    campaign.tags.add("referendum")
    meeting = MeetingTopicFactory(meeting__country="CH").meeting
    meeting.representatives.add(PersonFactory())
    meeting.campaigns.add(campaign)
    older = DigestFactory(published=True, tags=["referendum"])
    for _ in range(12):
        DigestFactory(published=True)
    digest = DigestFactory(published=True, tags=["referendum"], lead_en="The lead.")
    DigestActionFactory(digest=digest, action_item=ActionItemFactory(campaign=campaign))
    for _ in range(3):
        SectionFactory(digest=digest, campaign=campaign, meetings=[meeting], tags=["referendum"])
    digest.freeze_activity_list()
    return {"digest": digest, "older": older, "campaign": campaign, "meeting": meeting}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_public_page_answers_in_every_language_without_cookies(
    client, site_content, language, path
):
    response = client.get(f"/{language}/" + path.format(**site_content))

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    assert response.cookies == {}
    assert "Content-Security-Policy" in response.headers
    assert "default-src 'self'" in response["Content-Security-Policy"]
    # Nothing about the reader's visit reaches another site.
    assert response["Referrer-Policy"] in {"no-referrer", "same-origin"}


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("ru", "/ru/"),
        ("ru-RU,ru;q=0.9,en;q=0.8", "/ru/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("be", "/be/"),
        ("de-DE,de;q=0.9", "/be/"),
        ("", "/be/"),
    ],
)
def test_root_sends_the_reader_to_the_language_their_browser_asks_for(
    client, accept_language, expected
):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}

    response = client.get("/", **headers)

    assert response.status_code == 302
    assert response["Location"] == expected
    assert response.cookies == {}


def test_root_without_any_language_header_goes_to_belarusian(client):
    assert client.get("/")["Location"] == "/be/"


def test_not_found_page_is_in_the_sites_look_and_language(client):
    response = client.get("/ru/digests/no-such-digest/")

    assert response.status_code == 404
    content = response.content.decode()
    assert '<html lang="ru">' in content
    assert 'class="site-header"' in content
    assert 'href="/ru/digests/"' in content
    assert response.cookies == {}
    assert "Content-Security-Policy" in response.headers


def test_digest_page_shows_everything_the_digest_has(client, site_content):
    digest = site_content["digest"]

    content = client.get(f"/en/digests/{digest.slug}/").content.decode()

    assert digest.headline_en in content
    assert "The lead." in content
    for section in digest.sections.all():
        assert f'id="{section.anchor}"' in content
        assert f'href="#{section.anchor}"' in content
    assert digest.action_entries.get().frozen_text_en in content
    assert 'href="/en/tags/referendum/"' in content
    assert 'href="https://facebook.com/office"' in content
    assert f'href="/en/campaigns/{site_content["campaign"].slug}/"' in content


def test_digest_page_links_the_previous_and_next_digests(client):
    first, middle, last = (DigestFactory(published=True) for _ in range(3))

    content = client.get(f"/en/digests/{middle.slug}/").content.decode()

    assert f'rel="prev" href="/en/digests/{first.slug}/"' in content
    assert f'rel="next" href="/en/digests/{last.slug}/"' in content


def test_neighbour_links_show_each_languages_title_and_skip_unpublished(client):
    first = DigestFactory(published=True, title_ru="Первый", title_en="")
    DigestFactory()  # a draft between them is no neighbour
    middle = DigestFactory(published=True)
    # Same period as the middle one: ordered after it by creation.
    twin = DigestFactory(
        published=True, period_start=middle.period_start, period_end=middle.period_end
    )

    ru = client.get(f"/ru/digests/{middle.slug}/").content.decode()
    en = client.get(f"/en/digests/{middle.slug}/").content.decode()

    assert f'rel="prev" href="/ru/digests/{first.slug}/">← Первый</a>' in ru
    assert f'rel="next" href="/ru/digests/{twin.slug}/">' in ru
    # No English title: the one made from the period, in English.
    assert f'rel="prev" href="/en/digests/{first.slug}/">← Digest: ' in en
    last = client.get(f"/en/digests/{twin.slug}/").content.decode()
    assert f'rel="prev" href="/en/digests/{middle.slug}/"' in last
    assert 'rel="next"' not in last
    assert 'rel="prev"' not in client.get(f"/en/digests/{first.slug}/").content.decode()


def test_sections_appear_in_their_order(client):
    digest = DigestFactory(published=True)
    SectionFactory(digest=digest, position=2, heading_en="Second heading")
    SectionFactory(digest=digest, position=1, heading_en="First heading")

    content = client.get(f"/en/digests/{digest.slug}/").content.decode()

    assert content.index("First heading") < content.index("Second heading")


def test_archive_lists_newest_first_and_pages(client):
    digests = [DigestFactory(published=True) for _ in range(13)]

    first_page = client.get("/en/digests/").content.decode()
    second_page = client.get("/en/digests/page/2/").content.decode()

    assert first_page.index(digests[-1].slug) < first_page.index(digests[-2].slug)
    assert digests[0].slug not in first_page
    assert digests[0].slug in second_page


def test_archive_of_a_year_lists_that_years_digests_only(client):
    this_year = DigestFactory(published=True, period_start=datetime.date(2022, 1, 10))
    other_year = DigestFactory(published=True, period_start=datetime.date(2023, 1, 10))

    content = client.get("/en/digests/2022/").content.decode()

    assert this_year.slug in content
    assert other_year.slug not in content


@pytest.mark.parametrize(
    ("language", "title"),
    [("be", "Дайджэсты · 2022"), ("ru", "Дайджесты · 2022"), ("en", "Digests · 2022")],
)
def test_a_years_archive_names_the_year_in_its_title_and_card(client, language, title):
    DigestFactory(published=True, period_start=datetime.date(2022, 1, 10))

    content = client.get(f"/{language}/digests/2022/").content.decode()

    assert f"<title>{title} · " in content
    assert f'<meta property="og:title" content="{title}">' in content


def test_archive_links_each_year_and_tag_to_its_own_page(client):
    DigestFactory(published=True, period_start=datetime.date(2022, 1, 10), tags=["referendum"])
    DigestFactory(published=True, period_start=datetime.date(2023, 1, 10))

    content = client.get("/be/digests/").content.decode()

    assert 'href="/be/digests/2022/"' in content
    assert 'href="/be/digests/2023/"' in content
    assert 'href="/be/tags/referendum/"' in content


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("?year=2022", "/ru/digests/2022/"),
        ("?tag=referendum", "/ru/tags/referendum/"),
        ("?year=2022&tag=referendum", "/ru/tags/referendum/"),
    ],
)
def test_old_archive_filter_addresses_redirect_for_good(client, query, location):
    DigestFactory(published=True, period_start=datetime.date(2022, 1, 10), tags=["referendum"])

    response = client.get(f"/ru/digests/{query}")

    assert response.status_code == 301
    assert response["Location"] == location


def test_pages_of_a_years_archive_keep_the_year_in_the_address(client):
    for week in range(13):
        DigestFactory(
            published=True, period_start=datetime.date(2022, 1, 3) + datetime.timedelta(weeks=week)
        )

    content = client.get("/en/digests/2022/").content.decode()

    assert 'href="/en/digests/2022/page/2/"' in content


def test_campaigns_list_active_ones_first(client):
    closed = CampaignFactory(closed=True, name_en="Closed campaign")
    active = CampaignFactory(name_en="Active campaign")

    content = client.get("/en/campaigns/").content.decode()

    assert content.index(active.name_en) < content.index(closed.name_en)


def test_campaign_page_shows_its_current_items_sections_and_public_meetings(client, site_content):
    campaign = site_content["campaign"]
    ActionItemFactory(campaign=campaign, text_en="An expired call", expired=True)

    content = client.get(f"/en/campaigns/{campaign.slug}/").content.decode()

    assert campaign.action_items.current().get().text_en in content
    assert "An expired call" not in content
    assert site_content["digest"].sections.first().heading_en in content
    assert campaign.meetings.get().counterpart_name_en in content
    assert 'href="https://example.org/register"' in content


def test_tag_page_lists_digests_and_sections_with_the_tag(client, site_content):
    content = client.get("/en/tags/referendum/").content.decode()

    assert site_content["digest"].slug in content
    assert site_content["older"].slug in content
    assert site_content["digest"].sections.first().heading_en in content


def test_health_check_reports_the_database(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


def test_server_error_page_is_in_the_sites_look(rf):
    with translation.override("en"):
        response = server_error(rf.get("/en/"))

    assert response.status_code == 500
    content = response.content.decode()
    assert "Something went wrong" in content
    assert 'class="site-header"' in content


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_headings_go_down_one_level_at_a_time(client, site_content, path):
    content = client.get("/en/" + path.format(**site_content)).content.decode()

    levels = [int(level) for level in re.findall(r"<h([1-6])\b", content)]

    assert levels[0] == 1
    assert levels.count(1) == 1
    for previous, level in zip(levels, levels[1:], strict=False):
        assert level <= previous + 1, f"h{previous} followed by h{level}"
