"""Each public page reads the database a fixed number of times, whatever it shows.

A budget is pinned for each page type: a digest of 3 sections or of 60, an
archive of 10 digests or of 100, a campaign with 2 items or 200 make the same
queries. A change that adds one says so here.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digests.models import Section
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    DigestActionFactory,
    DigestFactory,
    ImageFactory,
    MeetingTopicFactory,
    PartnerMeetingFactory,
    SectionFactory,
    SiteSettingsFactory,
    SocialLinkFactory,
)

pytestmark = pytest.mark.django_db

# The site settings with their sharing image and social links (under the
# digest, in the footer and in the schema.org data); the digest with its
# cover, its previous and next digests' links and its article (header,
# activity list, sections, closing call and tags) as rendered and kept
# (digests/rendering.py).
DIGEST_PAGE_QUERIES = 2
# An article not kept (yet, or since it changed) is rendered from its rows
# (the sections with their campaigns and images, their public meetings, the
# tags of the digest and its sections, the activity list with its items),
# then kept (a savepoint, the row, its release).
DIGEST_PAGE_RENDERING_QUERIES = DIGEST_PAGE_QUERIES + 7
# The site settings with their sharing image and social links, the latest
# digests with their covers, the latest one's sections, the current items, the
# active campaigns with their counts of current items, and the recent public
# meetings.
HOME_PAGE_QUERIES = 6
# The site settings, the current items with their campaigns.
TODAY_PAGE_QUERIES = 2
# The site settings, the years, the tags, the count, the page's digests and
# their tags; a later page first reads where it starts (from an index).
ARCHIVE_PAGE_QUERIES = 6
LATER_ARCHIVE_PAGE_QUERIES = ARCHIVE_PAGE_QUERIES + 1
# The site settings, the campaign, its links, its tags, its current items,
# the sections of published digests about it, its public meetings.
CAMPAIGN_PAGE_QUERIES = 7
# The site settings, the countries, the count, the meetings, their
# representatives, topics and campaigns.
MEETINGS_PAGE_QUERIES = 7
# The site settings, the tag, the count, the page's digests, the sections and
# the campaigns with the tag.
TAG_PAGE_QUERIES = 6
# The site settings, the 20 newest digests with their contents (as a digest
# page reads them, less the neighbours).
DIGEST_FEED_QUERIES = 6
# The site settings, the current items with their campaigns, when the last
# item ended (the feed's own date).
TODAY_FEED_QUERIES = 3


@pytest.fixture(autouse=True)
def site():
    SiteSettingsFactory()
    SocialLinkFactory.create_batch(2)


def digest_with_sections(count):
    digest = DigestFactory(published=True, tags=["referendum", "sanctions"])
    for number in range(count):
        meeting = MeetingTopicFactory().meeting
        MeetingTopicFactory(meeting=meeting, text_ru=f"Тема {number}", text_en="")
        SectionFactory(
            digest=digest,
            kind=Section.Kind.PARTNER_MEETING if number % 2 else Section.Kind.STATEMENT,
            campaign=CampaignFactory(),
            meetings=[meeting, PartnerMeetingFactory(internal=True)],
            tags=["referendum", f"topic-{number}"],
        )
        DigestActionFactory(digest=digest)
    digest.freeze_activity_list()
    return digest


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_digest_page_makes_as_many_queries_with_60_sections_as_with_3(client):
    DigestFactory(published=True)  # a previous digest
    small = digest_with_sections(3)
    large = digest_with_sections(60)
    DigestFactory(published=True)  # a next one

    rendering = [queries_for(client, f"/en/digests/{d.slug}/") for d in (small, large)]
    kept = [queries_for(client, f"/en/digests/{d.slug}/") for d in (small, large)]

    assert large.sections.count() == 60
    assert rendering == [DIGEST_PAGE_RENDERING_QUERIES] * 2
    assert kept == [DIGEST_PAGE_QUERIES] * 2
    # The partner-meeting sections list their meetings' topics.
    page = client.get(f"/en/digests/{large.slug}/").content.decode()
    assert page.count('<ul class="meeting-facts__topics">') == 30
    assert '<li lang="ru">Тема 59</li>' in page


def test_digest_page_of_the_only_digest_makes_the_same_queries(client):
    digest = digest_with_sections(1)

    assert queries_for(client, f"/ru/digests/{digest.slug}/") == DIGEST_PAGE_RENDERING_QUERIES
    assert queries_for(client, f"/ru/digests/{digest.slug}/") == DIGEST_PAGE_QUERIES


def test_archive_makes_as_many_queries_for_100_digests_as_for_10(client):
    def digests(count, tags):
        for _ in range(count):
            DigestFactory(published=True, tags=tags)

    digests(10, ["referendum"])
    assert queries_for(client, "/en/digests/") == ARCHIVE_PAGE_QUERIES

    digests(90, ["referendum", "sanctions"])
    assert queries_for(client, "/en/digests/") == ARCHIVE_PAGE_QUERIES
    assert queries_for(client, "/en/digests/page/2/") == LATER_ARCHIVE_PAGE_QUERIES
    assert queries_for(client, "/en/digests/page/8/") == LATER_ARCHIVE_PAGE_QUERIES


def test_home_and_today_pages_make_as_many_queries_with_20_items_as_with_1(client):
    DigestFactory(published=True)
    ActionItemFactory()
    home, today = queries_for(client, "/en/"), queries_for(client, "/en/today/")

    ActionItemFactory.create_batch(19)

    assert queries_for(client, "/en/") == home == HOME_PAGE_QUERIES
    assert queries_for(client, "/en/today/") == today == TODAY_PAGE_QUERIES


def front_page_content(count):
    """`count` digests with a cover and sections each, campaigns with items, meetings."""
    for _ in range(count):
        digest = DigestFactory(published=True, cover=ImageFactory())
        SectionFactory.create_batch(count, digest=digest, kind=Section.Kind.PARTNER_MEETING)
        campaign = CampaignFactory()
        ActionItemFactory.create_batch(2, campaign=campaign)
        ActionItemFactory(campaign=campaign, expired=True)
        PartnerMeetingFactory()
        PartnerMeetingFactory(internal=True)


def test_home_page_makes_as_many_queries_with_many_of_everything_as_with_one(client):
    front_page_content(1)
    one = queries_for(client, "/en/")

    front_page_content(8)

    assert queries_for(client, "/en/") == one == HOME_PAGE_QUERIES


def test_home_page_makes_a_fixed_number_of_queries_before_the_first_digest(client):
    assert queries_for(client, "/en/") == HOME_PAGE_QUERIES - 1  # No digest: no sections.


def test_sitemap_makes_as_many_queries_with_20_digests_as_with_1(client):
    DigestFactory(published=True, tags=["referendum"])
    CampaignFactory()
    PartnerMeetingFactory()
    queries_for(client, "/sitemap.xml")  # Django caches the tags' content types.
    one = queries_for(client, "/sitemap.xml")

    for number in range(19):
        DigestFactory(published=True, tags=[f"topic-{number}"])
        CampaignFactory()
        PartnerMeetingFactory()

    assert queries_for(client, "/sitemap.xml") == one


def test_meetings_page_makes_as_many_queries_with_20_meetings_as_with_1(client):
    def meeting():
        topic = MeetingTopicFactory()
        topic.meeting.campaigns.add(CampaignFactory())
        MeetingTopicFactory(meeting=topic.meeting)

    meeting()
    assert queries_for(client, "/en/meetings/") == MEETINGS_PAGE_QUERIES

    for _ in range(19):
        meeting()

    assert queries_for(client, "/en/meetings/") == MEETINGS_PAGE_QUERIES


def test_campaign_page_makes_as_many_queries_with_200_items_as_with_2(client):
    campaign = CampaignFactory(tags=["referendum"])
    digest = DigestFactory(published=True)

    def mention(count):
        for _ in range(count):
            SectionFactory(digest=digest, campaign=campaign)
            ActionItemFactory(campaign=campaign)
        PartnerMeetingFactory().campaigns.add(campaign)

    mention(2)
    assert queries_for(client, f"/en/campaigns/{campaign.slug}/") == CAMPAIGN_PAGE_QUERIES

    mention(198)

    assert campaign.action_items.count() == 200
    assert queries_for(client, f"/en/campaigns/{campaign.slug}/") == CAMPAIGN_PAGE_QUERIES


def test_tag_page_makes_as_many_queries_with_many_digests_and_sections(client):
    def tagged(count):
        for _ in range(count):
            SectionFactory(
                digest=DigestFactory(published=True, tags=["referendum"]), tags=["referendum"]
            )
        CampaignFactory(tags=["referendum"])

    tagged(1)
    assert queries_for(client, "/en/tags/referendum/") == TAG_PAGE_QUERIES

    tagged(30)

    assert queries_for(client, "/en/tags/referendum/") == TAG_PAGE_QUERIES
    assert queries_for(client, "/en/tags/referendum/page/2/") == TAG_PAGE_QUERIES + 1


def test_feeds_make_as_many_queries_with_20_digests_and_items_as_with_1(client):
    digest_with_sections(2)
    ActionItemFactory()
    assert queries_for(client, "/en/feeds/digests.rss") == DIGEST_FEED_QUERIES
    assert queries_for(client, "/en/feeds/today.atom") == TODAY_FEED_QUERIES

    for _ in range(19):
        digest_with_sections(3)
    ActionItemFactory.create_batch(19, active_from=datetime.date(2022, 1, 1))

    assert queries_for(client, "/en/feeds/digests.rss") == DIGEST_FEED_QUERIES
    assert queries_for(client, "/en/feeds/today.atom") == TODAY_FEED_QUERIES
