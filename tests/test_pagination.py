import datetime

import pytest

from campaigns.views import CampaignListView, MeetingListView
from digests.views import ArchiveView, TagView
from tests.factories import CampaignFactory, DigestFactory, PartnerMeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def short_pages(monkeypatch):
    """Two to a page: a few rows make a second page (factories' dates run out otherwise)."""
    for view in (ArchiveView, TagView, CampaignListView, MeetingListView):
        monkeypatch.setattr(view, "paginate_by", 2)


@pytest.fixture
def three_digests_of_2022():
    return [
        DigestFactory(
            published=True,
            period_start=datetime.date(2022, 1, 3) + datetime.timedelta(weeks=week),
            tags=["referendum"],
        )
        for week in range(3)
    ]


def test_each_archive_page_is_an_address_of_its_own(client, three_digests_of_2022):
    oldest = three_digests_of_2022[0]

    first = client.get("/be/digests/").content.decode()
    second = client.get("/be/digests/page/2/")

    assert 'rel="next" href="/be/digests/page/2/"' in first
    assert second.status_code == 200
    assert oldest.slug in second.content.decode()
    assert 'rel="prev" href="/be/digests/"' in second.content.decode()


def test_pages_of_a_year_keep_the_year_in_the_address(client, three_digests_of_2022):
    content = client.get("/ru/digests/2022/page/2/").content.decode()

    assert 'rel="prev" href="/ru/digests/2022/"' in content
    assert three_digests_of_2022[0].slug in content


@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("/en/digests/?page=2", "/en/digests/page/2/"),
        ("/en/digests/?page=1", "/en/digests/"),
        ("/en/digests/?page=last", "/en/digests/page/2/"),
        ("/en/digests/2022/?page=2", "/en/digests/2022/page/2/"),
        ("/en/digests/page/1/", "/en/digests/"),
    ],
)
def test_old_page_addresses_redirect_for_good(client, three_digests_of_2022, url, location):
    response = client.get(url)

    assert response.status_code == 301
    assert response["Location"] == location


@pytest.mark.parametrize(
    "url", ["/en/digests/page/3/", "/en/digests/page/0/", "/en/digests/2023/page/2/"]
)
def test_a_page_past_the_end_is_a_404(client, three_digests_of_2022, url):
    assert client.get(url).status_code == 404


def test_tag_campaign_and_meeting_lists_page_by_address(client):
    for _ in range(3):
        DigestFactory(published=True, tags=["referendum"])
        CampaignFactory()
        PartnerMeetingFactory(country="CH")

    for path in ("tags/referendum/", "campaigns/", "meetings/"):
        first = client.get(f"/en/{path}").content.decode()
        assert f'rel="next" href="/en/{path}page/2/"' in first
        assert client.get(f"/en/{path}page/2/").status_code == 200


def test_a_meetings_page_keeps_the_country_filter(client):
    for _ in range(3):
        PartnerMeetingFactory(country="CH")

    response = client.get("/en/meetings/?country=CH&page=2")
    content = client.get("/en/meetings/?country=CH").content.decode()

    assert response["Location"] == "/en/meetings/page/2/?country=CH"
    assert 'rel="next" href="/en/meetings/page/2/?country=CH"' in content
