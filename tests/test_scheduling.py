import datetime

import pytest
from django.utils import timezone

from digests.models import Digest
from digests.services import unpublish_digest
from tests.factories import CampaignFactory, DigestFactory, SectionFactory

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def later(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_draft_digest_is_404_and_nowhere_on_the_site(client):
    draft = DigestFactory(headline_en="Draft headline", tags=["drafts"])

    assert client.get(f"/en/digests/{draft.slug}/").status_code == 404
    assert "Draft headline" not in page(client, "/en/digests/")
    assert "Draft headline" not in page(client, "/en/")
    # A tag only drafts use would announce what is being prepared.
    assert client.get("/en/tags/drafts/").status_code == 404
    assert client.get("/en/digests/?tag=drafts").status_code == 404


def test_tag_page_lists_the_campaigns_with_that_tag(client):
    campaign = CampaignFactory(name_en="Cross out the referendum", tags=["referendum"])

    content = page(client, "/en/tags/referendum/")

    assert campaign.name_en in content


def test_scheduled_digest_is_404_until_its_time(client):
    scheduled = DigestFactory(scheduled=True, headline_en="Scheduled headline")

    assert client.get(f"/en/digests/{scheduled.slug}/").status_code == 404
    assert "Scheduled headline" not in page(client, "/en/digests/")
    assert list(Digest.objects.published()) == []


def test_home_page_keeps_showing_the_previous_digest_while_the_next_is_scheduled(client):
    DigestFactory(published=True, headline_en="News of the last fortnight")
    DigestFactory(scheduled=True, headline_en="News of the coming fortnight")

    home = page(client, "/en/")

    assert "News of the last fortnight" in home
    assert "News of the coming fortnight" not in home


def test_scheduled_digest_appears_everywhere_when_its_time_comes(client, monkeypatch):
    DigestFactory(published=True, headline_en="News of the last fortnight")
    scheduled = DigestFactory(
        scheduled=True, headline_en="News of the coming fortnight", tags=["soon"]
    )

    later(monkeypatch, scheduled.published_at + datetime.timedelta(minutes=1))

    assert "News of the coming fortnight" in page(client, f"/en/digests/{scheduled.slug}/")
    assert "News of the coming fortnight" in page(client, "/en/digests/")
    assert "News of the coming fortnight" in page(client, "/en/")
    assert "News of the coming fortnight" in page(client, "/en/tags/soon/")


def test_digest_is_visible_from_the_exact_moment_it_is_scheduled_for(client, monkeypatch):
    scheduled = DigestFactory(scheduled=True)
    url = f"/en/digests/{scheduled.slug}/"

    later(monkeypatch, scheduled.published_at - datetime.timedelta(seconds=1))
    assert client.get(url).status_code == 404

    later(monkeypatch, scheduled.published_at)
    assert client.get(url).status_code == 200


def test_scheduled_digest_is_not_linked_as_the_next_digest_before_its_time(client):
    current = DigestFactory(published=True)
    scheduled = DigestFactory(scheduled=True)

    content = page(client, f"/en/digests/{current.slug}/")

    assert scheduled.slug not in content


def test_sections_of_a_scheduled_digest_are_not_listed_on_the_campaign_page(client):
    campaign = CampaignFactory()
    SectionFactory(digest=DigestFactory(published=True), campaign=campaign, heading_en="Old news")
    SectionFactory(digest=DigestFactory(scheduled=True), campaign=campaign, heading_en="Not yet")
    SectionFactory(digest=DigestFactory(), campaign=campaign, heading_en="Still a draft")

    content = page(client, f"/en/campaigns/{campaign.slug}/")

    assert "Old news" in content
    assert "Not yet" not in content
    assert "Still a draft" not in content


def test_unpublished_digest_disappears_from_the_site(client):
    digest = DigestFactory(published=True, headline_en="Withdrawn")

    unpublish_digest(digest=digest, by=None)

    assert client.get(f"/en/digests/{digest.slug}/").status_code == 404
    assert "Withdrawn" not in page(client, "/en/digests/")


def test_digests_starting_on_the_same_day_link_to_each_other(client):
    first = DigestFactory(published=True, period_start=datetime.date(2022, 1, 10))
    second = DigestFactory(published=True, period_start=datetime.date(2022, 1, 10))

    assert first.neighbours() == (None, second)
    assert second.neighbours() == (first, None)
