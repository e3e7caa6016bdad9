import pytest

from digests.models import Digest
from tests.factories import CampaignFactory, DigestFactory, SectionFactory
from tests.test_admin_validation import errors_of

pytestmark = pytest.mark.django_db


def test_tag_without_a_letter_or_digit_is_refused_with_a_message(post_new_digest):
    response = post_new_digest({"tags": "referendum, 🙂"})

    assert "These tags need at least one letter or digit: 🙂" in errors_of(response)
    assert not Digest.objects.exists()


def test_cyrillic_tag_gets_a_latin_address(post_new_digest):
    post_new_digest({"tags": "ЭкспертнаяСреда"})

    assert Digest.objects.get().tags.get().slug == "ekspertnaiasreda"


def test_pages_with_a_tag_that_has_no_address_still_open(client):
    campaign = CampaignFactory()
    digest = DigestFactory(published=True)
    section = SectionFactory(digest=digest, campaign=campaign)
    for tagged in (campaign, digest, section):
        tagged.tags.add("🙂")

    for url in (digest.get_absolute_url(), campaign.get_absolute_url(), "/en/digests/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "#🙂" in response.content.decode() or url == "/en/digests/"
