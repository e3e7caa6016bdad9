import re

import pytest
from django.db.models import ProtectedError

from campaigns.models import ActionItem, Campaign
from digests.models import Digest, Section
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    DigestActionFactory,
    DigestFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator_client(client, staff_member):
    """Only Administrators delete digests (newsroom.roles)."""
    client.force_login(staff_member("Administrator"))
    return client


@pytest.fixture
def item_in_a_published_digest():
    item = ActionItemFactory(text_en="Register on Voice")
    DigestActionFactory(digest=DigestFactory(published=True), action_item=item)
    return item


def test_action_item_used_by_a_published_digest_cannot_be_deleted(item_in_a_published_digest):
    with pytest.raises(ProtectedError):
        item_in_a_published_digest.delete()

    assert ActionItem.objects.filter(pk=item_in_a_published_digest.pk).exists()


def test_campaign_whose_item_a_published_digest_lists_cannot_be_deleted(
    item_in_a_published_digest,
):
    with pytest.raises(ProtectedError):
        item_in_a_published_digest.campaign.delete()

    assert Campaign.objects.filter(pk=item_in_a_published_digest.campaign_id).exists()


def test_campaign_a_published_section_is_about_cannot_be_deleted():
    campaign = CampaignFactory()
    SectionFactory(digest=DigestFactory(published=True), campaign=campaign)

    with pytest.raises(ProtectedError):
        campaign.delete()

    assert Campaign.objects.filter(pk=campaign.pk).exists()


def test_admin_explains_why_an_action_item_cannot_be_deleted(
    admin_client, item_in_a_published_digest
):
    url = f"/admin/campaigns/actionitem/{item_in_a_published_digest.pk}/delete/"

    page = admin_client.get(url).content.decode()
    admin_client.post(url, {"post": "yes"})

    assert "would require deleting the following protected related objects" in page
    assert "Register on Voice" in page
    assert ActionItem.objects.filter(pk=item_in_a_published_digest.pk).exists()


def test_admin_explains_why_a_campaign_cannot_be_deleted(admin_client):
    campaign = CampaignFactory()
    section = SectionFactory(
        digest=DigestFactory(published=True), campaign=campaign, heading_en="Sanctions news"
    )
    url = f"/admin/campaigns/campaign/{campaign.pk}/delete/"

    page = admin_client.get(url).content.decode()
    admin_client.post(url, {"post": "yes"})

    assert "would require deleting the following protected related objects" in page
    assert section.heading_en in page
    assert Campaign.objects.filter(pk=campaign.pk).exists()


def test_bulk_delete_of_campaigns_in_use_deletes_none_of_them(admin_client):
    campaign = CampaignFactory()
    SectionFactory(digest=DigestFactory(published=True), campaign=campaign)

    admin_client.post(
        "/admin/campaigns/campaign/",
        {"action": "delete_selected", "_selected_action": [campaign.pk], "post": "yes"},
    )

    assert Campaign.objects.filter(pk=campaign.pk).exists()


def test_unused_action_item_can_be_deleted(admin_client):
    item = ActionItemFactory()

    response = admin_client.post(f"/admin/campaigns/actionitem/{item.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not ActionItem.objects.filter(pk=item.pk).exists()


REFUSALS = {
    "be": ("Гэты дайджэст нельга выдаліць", "чытачы бачаць яго", "Зняць з публікацыі"),
    "ru": ("Этот дайджест нельзя удалить", "читатели видят его", "Снять с публикации"),
    "en": ("This digest cannot be deleted", "readers see it", "Unpublish"),
}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_delete_page_of_a_published_digest_explains_in_the_admin_why_it_is_refused(
    administrator_client, language, method
):
    digest = DigestFactory(published=True)
    url = f"/admin/digests/digest/{digest.pk}/delete/"

    response = getattr(administrator_client, method)(
        url, {"post": "yes"}, HTTP_ACCEPT_LANGUAGE=language
    )

    content = response.content.decode()
    heading, reason, unpublish = REFUSALS[language]
    assert response.status_code == 403
    assert 'id="site-name"' in content
    assert '<ol class="breadcrumbs">' in content
    assert f"<h1>{heading}</h1>" in content
    assert reason in content
    assert unpublish in content
    assert f'href="/admin/digests/digest/{digest.pk}/change/"' in content
    assert Digest.objects.filter(pk=digest.pk).exists()


def test_delete_page_of_a_scheduled_digest_says_when_readers_will_see_it(admin_client):
    digest = DigestFactory(scheduled=True)

    response = admin_client.get(f"/admin/digests/digest/{digest.pk}/delete/")

    assert response.status_code == 403
    assert "readers will see it from" in response.content.decode()
    assert "readers see it" not in response.content.decode()


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_unpublishing_from_the_refusal_page_lets_the_administrator_delete_the_digest(
    administrator_client, language
):
    digest = DigestFactory(published=True)
    delete_url = f"/admin/digests/digest/{digest.pk}/delete/"
    refusal = administrator_client.get(delete_url, HTTP_ACCEPT_LANGUAGE=language)
    form = re.search(r'<form class="unpublish" action="([^"]+)".*?</form>', refusal.text, re.S)
    fields = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', form[0]))

    administrator_client.post(form[1], fields, HTTP_ACCEPT_LANGUAGE=language)
    confirmation = administrator_client.get(delete_url, HTTP_ACCEPT_LANGUAGE=language)
    administrator_client.post(delete_url, {"post": "yes"}, HTTP_ACCEPT_LANGUAGE=language)

    assert confirmation.status_code == 200
    assert not Digest.objects.filter(pk=digest.pk).exists()


def test_refusal_page_offers_no_unpublishing_to_who_may_not_change_digests(
    client, django_user_model
):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="reviewer", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_digest", "delete_digest"])
    )
    client.force_login(user)
    digest = DigestFactory(published=True)

    response = client.get(f"/admin/digests/digest/{digest.pk}/delete/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 403
    assert "This digest cannot be deleted" in response.content.decode()
    assert 'class="unpublish"' not in response.content.decode()


def test_who_may_not_delete_digests_gets_no_delete_page_at_all(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="reader", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_digest"))
    client.force_login(user)
    digest = DigestFactory(published=True)

    response = client.get(f"/admin/digests/digest/{digest.pk}/delete/")

    assert response.status_code == 403
    assert "This digest cannot be deleted" not in response.content.decode()


def test_bulk_delete_including_a_published_digest_is_refused_with_a_message(admin_client):
    published = DigestFactory(published=True)
    draft = DigestFactory()
    action = {"action": "delete_selected", "_selected_action": [published.pk, draft.pk]}

    confirmation = admin_client.post("/admin/digests/digest/", action, follow=True)
    response = admin_client.post("/admin/digests/digest/", {**action, "post": "yes"}, follow=True)

    for page in (confirmation, response):
        assert page.status_code == 200
        assert "Published digests cannot be deleted. Unpublish them first." in (
            page.content.decode()
        )
    assert Digest.objects.filter(pk__in=[published.pk, draft.pk]).count() == 2


def test_bulk_delete_of_drafts_deletes_them(admin_client):
    drafts = DigestFactory.create_batch(2)
    action = {"action": "delete_selected", "_selected_action": [d.pk for d in drafts]}

    admin_client.post("/admin/digests/digest/", {**action, "post": "yes"})

    assert not Digest.objects.filter(pk__in=[d.pk for d in drafts]).exists()


def test_draft_digest_can_be_deleted_with_its_sections(admin_client):
    draft = DigestFactory()
    SectionFactory(digest=draft)

    response = admin_client.post(f"/admin/digests/digest/{draft.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Digest.objects.filter(pk=draft.pk).exists()
    assert not Section.objects.exists()


def test_deleting_a_draft_leaves_the_action_items_it_listed(admin_client):
    entry = DigestActionFactory(digest=DigestFactory())

    admin_client.post(f"/admin/digests/digest/{entry.digest_id}/delete/", {"post": "yes"})

    assert ActionItem.objects.filter(pk=entry.action_item_id).exists()
