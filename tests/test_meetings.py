import datetime

import pytest

from campaigns.models import PartnerMeeting
from digests.models import Digest
from tests.factories import (
    CampaignFactory,
    DigestFactory,
    MeetingTopicFactory,
    PartnerMeetingFactory,
    PersonFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign_with_meetings():
    campaign = CampaignFactory()
    public = PartnerMeetingFactory(counterpart_name_en="Ambassador Public", country="CH")
    internal = PartnerMeetingFactory(
        counterpart_name_en="Quiet Contact", country="LT", internal=True
    )
    for meeting in (public, internal):
        meeting.campaigns.add(campaign)
        SectionFactory(digest=DigestFactory(published=True), campaign=campaign, meetings=[meeting])
    return campaign


def test_internal_meeting_never_appears_on_the_site(client, campaign_with_meetings):
    pages = [
        "/en/meetings/",
        "/en/meetings/?country=LT",
        f"/en/campaigns/{campaign_with_meetings.slug}/",
        *(f"/en/digests/{slug}/" for slug in Digest.objects.values_list("slug", flat=True)),
    ]

    contents = {url: client.get(url).content.decode() for url in pages}

    assert [url for url, content in contents.items() if "Quiet Contact" in content] == []
    assert len([url for url, content in contents.items() if "Ambassador Public" in content]) == 3


def test_country_of_internal_meetings_is_not_offered_as_a_filter(client, campaign_with_meetings):
    content = client.get("/en/meetings/").content.decode()

    assert '<option value="CH"' in content
    assert '<option value="LT"' not in content


def test_public_queryset_leaves_out_internal_meetings(campaign_with_meetings):
    assert list(PartnerMeeting.objects.public().values_list("counterpart_name_en", flat=True)) == [
        "Ambassador Public"
    ]


def test_meetings_filtered_by_country_show_only_that_country(client):
    PartnerMeetingFactory(counterpart_name_en="Swiss Ambassador", country="CH")
    PartnerMeetingFactory(counterpart_name_en="Swedish Ambassador", country="SE")

    content = client.get("/en/meetings/?country=SE").content.decode()

    assert "Swedish Ambassador" in content
    assert "Swiss Ambassador" not in content


def test_meetings_are_listed_newest_first_with_topics_in_order_and_who_went(client):
    older = PartnerMeetingFactory(date=datetime.date(2022, 1, 12), counterpart_name_en="First")
    newer = PartnerMeetingFactory(date=datetime.date(2022, 1, 19), counterpart_name_en="Second")
    MeetingTopicFactory(meeting=newer, text_en="Political prisoners", position=2)
    MeetingTopicFactory(meeting=newer, text_en="Sanctions", position=1)
    newer.representatives.add(PersonFactory(name_en="Head of the office"))

    content = client.get("/en/meetings/").content.decode()

    assert content.index(newer.counterpart_name_en) < content.index(older.counterpart_name_en)
    assert content.index("Sanctions") < content.index("Political prisoners")
    assert "Head of the office" in content
    assert "19 January 2022" in content


def test_internal_meeting_has_no_page(client, campaign_with_meetings):
    internal = PartnerMeeting.objects.get(is_public=False)

    assert client.get(f"/en/meetings/{internal.pk}/").status_code == 404


def test_meeting_page_lists_the_published_sections_that_report_it(client):
    meeting = PartnerMeetingFactory(counterpart_name_en="Ambassador Public")
    published = DigestFactory(published=True)
    SectionFactory(digest=published, heading_en="Working with partners", meetings=[meeting])
    SectionFactory(digest=DigestFactory(), heading_en="Draft report", meetings=[meeting])

    content = client.get(f"/en/meetings/{meeting.pk}/").content.decode()

    assert "Ambassador Public" in content
    assert "Working with partners" in content
    assert "Draft report" not in content


def test_digest_links_a_reported_meeting_to_its_own_page(client):
    meeting = PartnerMeetingFactory()
    digest = DigestFactory(published=True)
    SectionFactory(digest=digest, meetings=[meeting])

    content = client.get(digest.get_absolute_url()).content.decode()

    assert f'href="/be/meetings/{meeting.pk}/"' in content
