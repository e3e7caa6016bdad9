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
