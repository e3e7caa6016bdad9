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

# The digest, its tags, its activity list, its sections, their tags, their
# meetings, the previous and the next digest, the site settings with their
# sharing image, and the social links (under the digest, in the footer and in
# the page's schema.org data), fetched once for all three.
DIGEST_PAGE_QUERIES = 10
# The site settings with their sharing image, the social links (in the footer
# and in the page's schema.org data), the latest digests with their covers,
# the latest one's sections, the current items, the active campaigns with
# their counts of current items, and the recent public meetings.
HOME_PAGE_QUERIES = 7


@pytest.fixture(autouse=True)
def site():
    SiteSettingsFactory()
    SocialLinkFactory.create_batch(2)


def digest_with_sections(count):
    digest = DigestFactory(published=True, tags=["referendum", "sanctions"])
    for number in range(count):
        meeting = MeetingTopicFactory().meeting
        SectionFactory(
            digest=digest,
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
    assert response.status_code == 200
    return len(queries)


def test_digest_page_makes_as_many_queries_with_30_sections_as_with_3(client):
    small = digest_with_sections(3)
    large = digest_with_sections(30)

    small_count = queries_for(client, f"/en/digests/{small.slug}/")
    large_count = queries_for(client, f"/en/digests/{large.slug}/")

    assert large.sections.count() == 30
    assert small_count == large_count == DIGEST_PAGE_QUERIES


def test_archive_makes_as_many_queries_for_a_full_page_as_for_one_digest(client):
    DigestFactory(published=True, tags=["referendum"])
    one = queries_for(client, "/en/digests/")

    for _ in range(15):
        DigestFactory(published=True, tags=["referendum", "sanctions"])

    assert queries_for(client, "/en/digests/") == one


def test_home_and_today_pages_make_as_many_queries_with_20_items_as_with_1(client):
    DigestFactory(published=True)
    ActionItemFactory()
    home, today = queries_for(client, "/en/"), queries_for(client, "/en/today/")

    ActionItemFactory.create_batch(19)

    assert queries_for(client, "/en/") == home == HOME_PAGE_QUERIES
    assert queries_for(client, "/en/today/") == today


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
    one = queries_for(client, "/en/meetings/")

    for _ in range(19):
        meeting()

    assert queries_for(client, "/en/meetings/") == one


def test_campaign_page_makes_as_many_queries_with_many_sections_and_items(client):
    campaign = CampaignFactory()

    def mention():
        SectionFactory(digest=DigestFactory(published=True), campaign=campaign)
        ActionItemFactory(campaign=campaign)
        PartnerMeetingFactory().campaigns.add(campaign)

    mention()
    one = queries_for(client, f"/en/campaigns/{campaign.slug}/")

    for _ in range(10):
        mention()

    assert queries_for(client, f"/en/campaigns/{campaign.slug}/") == one


def test_tag_page_makes_as_many_queries_with_many_digests_and_sections(client):
    SectionFactory(digest=DigestFactory(published=True, tags=["referendum"]), tags=["referendum"])
    one = queries_for(client, "/en/tags/referendum/")

    for _ in range(10):
        SectionFactory(
            digest=DigestFactory(published=True, tags=["referendum"]), tags=["referendum"]
        )

    assert queries_for(client, "/en/tags/referendum/") == one
