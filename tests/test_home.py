import pytest

from tests.factories import ActionItemFactory, DigestFactory

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_latest_published_digest(client):
    DigestFactory(published=True, headline_en="Older news")
    latest = DigestFactory(
        published=True, headline_en="Latest news", lead_en="What happened in two weeks."
    )
    DigestFactory(headline_en="Draft news")

    content = client.get("/en/").content.decode()

    assert "Latest news" in content
    assert "What happened in two weeks." in content
    assert f'href="/en/digests/{latest.slug}/"' in content
    assert "Older news" not in content
    assert "Draft news" not in content


def test_home_page_shows_the_current_activity_list(client):
    ActionItemFactory(text_en="Register on the Voice platform", url="https://example.org/voice")
    ActionItemFactory(text_en="An expired call", expired=True)
    ActionItemFactory(text_en="A call for next week", upcoming=True)

    content = client.get("/en/").content.decode()

    assert (
        '<a href="https://example.org/voice" rel="noopener noreferrer">'
        "Register on the Voice platform</a>"
    ) in content
    assert "An expired call" not in content
    assert "A call for next week" not in content


def test_home_page_before_the_first_digest_says_so(client):
    content = client.get("/en/").content.decode()

    assert "No digest has been published yet." in content
    assert "There are no calls to action right now." in content


def test_today_page_names_each_items_campaign(client):
    item = ActionItemFactory(campaign__name_en="Museum donations")

    content = client.get("/en/today/").content.decode()

    assert f'<a href="/en/campaigns/{item.campaign.slug}/">Museum donations</a>' in content
