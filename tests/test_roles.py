"""Who may do what (newsroom.roles), proved through the service, the admin
action, the change form, and a crafted POST, for every role."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from campaigns.models import ActionItem, Campaign
from campaigns.services import end_action_items
from digests.models import Digest
from digests.services import delete_digest, publish_digest, unpublish_digest
from newsroom.models import AuditEntry

from .factories import ActionItemFactory, CampaignFactory, DigestFactory, SectionFactory

pytestmark = pytest.mark.django_db

ROLES = ["Author", "Translator", "Editor", "Administrator"]
PUBLISHERS = {"Editor", "Administrator"}
CHANGELIST = reverse("admin:digests_digest_changelist")


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def member(role, staff_member):
    return staff_member(role)


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    # The default language: the rules must hold in the be admin.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "be"
    return client


def post_action(client, action, *objects, url=CHANGELIST):
    return client.post(
        url, {"action": action, "_selected_action": [o.pk for o in objects]}, follow=True
    )


# Publishing, scheduling, unpublishing


def test_publishing_through_the_service(role, member):
    digest = DigestFactory()

    if role in PUBLISHERS:
        publish_digest(digest=digest, by=member)
        assert Digest.objects.published().filter(pk=digest.pk).exists()
    else:
        with pytest.raises(PermissionDenied):
            publish_digest(digest=digest, by=member)
        digest.refresh_from_db()
        assert digest.status == Digest.Status.DRAFT


def test_publishing_through_the_admin_action(role, member_client):
    digest = DigestFactory()

    post_action(member_client, "publish", digest)

    digest.refresh_from_db()
    assert (digest.status == Digest.Status.PUBLISHED) == (role in PUBLISHERS)


def test_publishing_through_the_change_form(role, member_client, admin_form_data):
    digest = DigestFactory()
    page = member_client.get(change_url(digest))
    data = admin_form_data(page)
    # What a crafted POST would send even where the form has no status field.
    data.update(status="published", published_at_0="2020-01-01", published_at_1="10:00")

    member_client.post(change_url(digest), data)

    digest.refresh_from_db()
    assert (digest.status == Digest.Status.PUBLISHED) == (role in PUBLISHERS)
    if role not in PUBLISHERS:
        # Not back-dated either.
        assert digest.published_at is None


def test_scheduling_through_the_service(role, member):
    digest = DigestFactory()
    when = timezone.now() + datetime.timedelta(days=3)

    if role in PUBLISHERS:
        publish_digest(digest=digest, by=member, at=when)
        assert AuditEntry.objects.filter(action="scheduled", target_id=str(digest.pk)).exists()
    else:
        with pytest.raises(PermissionDenied):
            publish_digest(digest=digest, by=member, at=when)
        digest.refresh_from_db()
        assert digest.published_at is None


def test_unpublishing_through_the_service_and_the_action(role, member, member_client):
    first, second = DigestFactory(published=True), DigestFactory(published=True)

    if role in PUBLISHERS:
        unpublish_digest(digest=first, by=member)
    else:
        with pytest.raises(PermissionDenied):
            unpublish_digest(digest=first, by=member)
    post_action(member_client, "unpublish", second)

    for digest in (first, second):
        digest.refresh_from_db()
        assert (digest.status == Digest.Status.DRAFT) == (role in PUBLISHERS)


def test_unpublishing_through_the_change_form(role, member_client, admin_form_data, admin_client):
    digest = DigestFactory(published=True)
    # The form as a publisher sees it, with the status changed: a crafted POST for the others.
    data = admin_form_data(admin_client.get(change_url(digest)))
    data["status"] = "draft"

    response = member_client.post(change_url(digest), data)

    digest.refresh_from_db()
    assert (digest.status == Digest.Status.DRAFT) == (role in PUBLISHERS)
    if role not in PUBLISHERS:
        assert response.status_code == 403


# Editing


def test_editing_a_live_digest(role, member_client, admin_form_data, admin_client):
    digest = DigestFactory(published=True, headline_be="Як было")
    data = admin_form_data(admin_client.get(change_url(digest)))
    data["headline_be"] = "Падменена"

    page = member_client.get(change_url(digest))
    response = member_client.post(change_url(digest), data)

    digest.refresh_from_db()
    if role in PUBLISHERS:
        assert digest.headline_be == "Падменена"
    else:
        # Others read it: no save button, and a crafted save is refused.
        assert page.status_code == 200
        assert b'name="_save"' not in page.content
        assert response.status_code == 403
        assert digest.headline_be == "Як было"


def test_editing_a_live_digests_section(role, member_client, admin_form_data, admin_client):
    digest = DigestFactory(published=True)
    section = SectionFactory(digest=digest, heading_be="Як было")
    data = admin_form_data(admin_client.get(change_url(digest)))
    data["sections-0-heading_be"] = "Падменена"

    member_client.post(change_url(digest), data)

    section.refresh_from_db()
    assert (section.heading_be == "Падменена") == (role in PUBLISHERS)


def test_editing_a_drafts_texts(role, member_client, admin_form_data):
    digest = DigestFactory(headline_ru="")
    section = SectionFactory(digest=digest, heading_ru="")
    data = admin_form_data(member_client.get(change_url(digest)))
    data["headline_ru"] = "Перевод"
    data["sections-0-heading_ru"] = "Раздел"

    response = member_client.post(change_url(digest), data)

    assert response.status_code == 302
    digest.refresh_from_db()
    section.refresh_from_db()
    assert (digest.headline_ru, section.heading_ru) == ("Перевод", "Раздел")


def test_a_translator_changes_no_dates_status_or_address(role, member_client, admin_form_data):
    digest = DigestFactory(slug="")
    section = SectionFactory(digest=digest)
    original = (digest.period_start, digest.slug, section.kind, section.position)
    data = admin_form_data(member_client.get(change_url(digest)))
    data.update(
        {
            "period_start": "2020-01-06",
            "period_end": "2020-01-19",
            "slug": "somewhere-else",
            "sections-0-position": "7",
        }
    )

    member_client.post(change_url(digest), data)

    digest.refresh_from_db()
    section.refresh_from_db()
    changed = (digest.period_start, digest.slug, section.kind, section.position) != original
    assert changed == (role != "Translator")


def test_creating_a_draft(role, member_client, admin_form_data):
    page = member_client.get(reverse("admin:digests_digest_add"))

    if role == "Translator":
        assert page.status_code == 403
        return
    data = admin_form_data(page)
    data.update(period_start="2022-01-10", period_end="2022-01-23", headline_be="Навіна")
    member_client.post(reverse("admin:digests_digest_add"), data)

    digest = Digest.objects.get()
    assert digest.status == Digest.Status.DRAFT
    assert digest.created_by.username == role.lower()


# Deleting


def test_deleting_a_draft(role, member, member_client):
    by_service, by_page, by_action = DigestFactory(), DigestFactory(), DigestFactory()

    if role == "Administrator":
        delete_digest(digest=by_service, by=member)
    else:
        with pytest.raises(PermissionDenied):
            delete_digest(digest=by_service, by=member)
    member_client.post(reverse("admin:digests_digest_delete", args=[by_page.pk]), {"post": "yes"})
    member_client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [by_action.pk], "post": "yes"},
    )

    left = Digest.objects.filter(pk__in=[by_service.pk, by_page.pk, by_action.pk]).count()
    assert left == (0 if role == "Administrator" else 3)


def test_deleting_is_in_the_audit_log(staff_member):
    administrator = staff_member("Administrator")
    digest = DigestFactory()
    pk = digest.pk

    delete_digest(digest=digest, by=administrator)

    entry = AuditEntry.objects.get(action="deleted")
    assert (entry.actor, entry.target_id) == (administrator, str(pk))


# Campaigns and action items


def test_campaign_texts_and_dates(role, member_client, admin_form_data, admin_client):
    campaign = CampaignFactory(name_ru="", slug="kampaniya")
    data = admin_form_data(admin_client.get(change_url(campaign)))
    data.update(name_ru="Кампания", slug="elsewhere", starts_on="2020-01-01")

    member_client.post(change_url(campaign), data)

    campaign.refresh_from_db()
    translated = campaign.name_ru == "Кампания"
    moved = campaign.slug == "elsewhere" or campaign.starts_on == datetime.date(2020, 1, 1)
    assert translated == (role != "Author")
    assert moved == (role in PUBLISHERS)


def test_ending_action_items(role, member, member_client):
    today = timezone.localdate()
    item, other = (
        ActionItemFactory(active_from=today - datetime.timedelta(days=5)) for _ in range(2)
    )
    may = role in PUBLISHERS

    if may:
        end_action_items(items=ActionItem.objects.filter(pk=item.pk), by=member)
    else:
        with pytest.raises(PermissionDenied):
            end_action_items(items=ActionItem.objects.filter(pk=item.pk), by=member)
    post_action(
        member_client, "end_now", other, url=reverse("admin:campaigns_actionitem_changelist")
    )

    ended = ActionItem.objects.filter(active_until__lt=today).count()
    assert ended == (2 if may else 0)


def test_campaigns_are_deleted_only_by_administrators(role, member_client):
    campaign = CampaignFactory()

    member_client.post(
        reverse("admin:campaigns_campaign_delete", args=[campaign.pk]), {"post": "yes"}
    )

    assert Campaign.objects.filter(pk=campaign.pk).exists() == (role != "Administrator")
    deleted = AuditEntry.objects.filter(action="deleted", target_type="campaigns.campaign")
    assert deleted.exists() == (role == "Administrator")


# Administration


def test_the_audit_log_users_and_site_settings_are_for_administrators(role, member_client):
    pages = [
        reverse("admin:newsroom_auditentry_changelist"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_group_changelist"),
    ]

    codes = {member_client.get(url).status_code for url in pages}

    assert codes == ({200} if role == "Administrator" else {403})


def test_role_names_read_in_the_admins_language(admin_client, staff_member):
    user = staff_member("Translator")

    page = admin_client.get(change_url(user), HTTP_ACCEPT_LANGUAGE="be")

    assert "Перакладчык" in page.content.decode()


def test_a_role_change_is_in_the_audit_log(admin_client, admin_form_data, staff_member):
    user = staff_member("Translator")
    data = admin_form_data(admin_client.get(change_url(user)))
    data["groups"] = [str(Group.objects.get(name="Editor").pk)]

    admin_client.post(change_url(user), data)

    entry = AuditEntry.objects.get(action="role_changed")
    assert entry.target_id == str(user.pk)
    assert entry.detail == {"before": ["Translator"], "after": ["Editor"]}
