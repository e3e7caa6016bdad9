"""Every save is kept with who and when; editors compare, restore and recover."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from campaigns.models import Campaign, CampaignLink
from campaigns.services import end_action_items, extend_action_items
from digests.models import Digest, DigestAction, Section
from digests.services import publish_digest, restore_digest, unpublish_digest
from newsroom.models import AuditEntry
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    CampaignLinkFactory,
    DigestFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def admin_url(obj, view, *args):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk, *args])


def save_in_admin(client, form_data, obj, **changes):
    """Open the change form, change some fields, save; the response after saving."""
    data = form_data(client.get(change_url(obj)))
    data.update(changes)
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    return response


def versions(obj):
    return list(Version.objects.get_for_object(obj).select_related("revision__user"))


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def digest_with_parts():
    digest = DigestFactory(headline_be="Першая навіна", headline_ru="Первая новость", tags=["мір"])
    SectionFactory(digest=digest, heading_be="Стары раздзел", tags=["санкцыі"])
    item = ActionItemFactory(active_from=datetime.date(2021, 12, 1))
    DigestAction.objects.create(digest=digest, action_item=item, position=1)
    return digest


# A version for every save.


def test_an_admin_save_keeps_a_version_with_its_user_and_parts(
    admin_client, admin_user, admin_form_data, digest_with_parts
):
    save_in_admin(admin_client, admin_form_data, digest_with_parts, headline_be="Другая навіна")

    [version] = versions(digest_with_parts)
    assert version.revision.user == admin_user
    assert version.field_dict["headline_be"] == "Другая навіна"
    saved = {v.content_type.model for v in version.revision.version_set.all()}
    assert {"digest", "section", "digestaction", "taggeditem"} <= saved


def test_the_services_keep_a_version_by_whoever_acted(editor, digest_with_parts):
    publish_digest(digest=digest_with_parts, by=editor)
    unpublish_digest(digest=digest_with_parts, by=editor)

    unpublished, published = versions(digest_with_parts)
    assert published.revision.user == editor
    assert published.field_dict["status"] == Digest.Status.PUBLISHED
    assert unpublished.field_dict["status"] == Digest.Status.DRAFT


def test_ending_and_extending_action_items_are_kept_in_their_history(editor):
    item = ActionItemFactory(active_from=timezone.localdate() - datetime.timedelta(days=5))
    end_action_items(items=type(item).objects.filter(pk=item.pk), by=editor)
    extend_action_items(items=type(item).objects.filter(pk=item.pk), by=editor)

    extended, ended = versions(item)
    assert ended.revision.user == editor
    assert ended.field_dict["active_until"] == timezone.localdate() - datetime.timedelta(days=1)
    assert extended.field_dict["active_until"] > ended.field_dict["active_until"]


def test_the_history_lists_who_saved_what_in_the_admin_language(
    admin_client, admin_form_data, digest_with_parts, admin_user
):
    admin_user.first_name, admin_user.last_name = "Ганна", "Рэдактарка"
    admin_user.save()
    save_in_admin(admin_client, admin_form_data, digest_with_parts, headline_be="Другая навіна")
    publish_digest(digest=digest_with_parts, by=admin_user)

    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "be"
    page = admin_client.get(admin_url(digest_with_parts, "history")).content.decode()

    assert "Ганна Рэдактарка" in page
    assert "Апублікаваны" in page
    assert "Зменена: загаловак [be]" in page


# Comparing.


def test_the_compare_page_shows_the_differences_of_each_language(
    admin_client, admin_form_data, digest_with_parts
):
    section = digest_with_parts.sections.get()
    save_in_admin(admin_client, admin_form_data, digest_with_parts)
    save_in_admin(
        admin_client,
        admin_form_data,
        digest_with_parts,
        headline_be="Новая навіна",
        headline_en="Brand new",
        **{"sections-0-heading_be": "Новы раздзел"},
    )
    newer, older = versions(digest_with_parts)

    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "be"
    response = admin_client.get(
        admin_url(digest_with_parts, "compare"), {"old": older.pk, "new": newer.pk}
    )

    page = response.content.decode()
    row = re.search(r"<th scope=\"row\">Загаловак</th>(.*?)</tr>", page, re.S)[1]
    be, ru, en = re.findall(r"<td.*?</td>", row, re.S)
    assert "<del>Першая</del>" in be and "<ins>Новая</ins>" in be
    assert "changed" not in ru.split(">")[0] and "Первая новость" in ru
    assert "<ins>Brand" in en
    assert "<del>Стары</del>" in page and "<ins>Новы</ins>" in page
    assert section.heading_be not in page.split("<caption>")[0]


def test_compare_without_two_versions_goes_back_to_the_history(admin_client, digest_with_parts):
    response = admin_client.get(admin_url(digest_with_parts, "compare"), {"old": "x", "new": "1"})

    assert response.status_code == 302
    assert response.url == admin_url(digest_with_parts, "history")


# Restoring.


def test_restoring_brings_the_old_text_back_and_keeps_the_status(
    admin_client, admin_user, admin_form_data, digest_with_parts
):
    save_in_admin(admin_client, admin_form_data, digest_with_parts)
    [draft_version] = versions(digest_with_parts)
    publish_digest(digest=digest_with_parts, by=admin_user)
    save_in_admin(
        admin_client,
        admin_form_data,
        digest_with_parts,
        headline_be="Выпраўленая навіна",
        **{"sections-0-DELETE": "on"},
    )
    assert not digest_with_parts.sections.exists()
    published_at = Digest.objects.get().published_at

    response = admin_client.post(admin_url(digest_with_parts, "revision", draft_version.pk))

    assert response.status_code == 302
    digest = Digest.objects.get(pk=digest_with_parts.pk)
    assert digest.headline_be == "Першая навіна"
    assert digest.status == Digest.Status.PUBLISHED
    assert digest.published_at == published_at
    assert [s.heading_be for s in digest.sections.all()] == ["Стары раздзел"]
    assert list(digest.tags.names()) == ["мір"]
    assert digest.sections.get().tags.names()[0] == "санкцыі"
    # Published means frozen, whatever the restored version had.
    assert all(entry.is_frozen for entry in digest.action_entries.all())
    entry = AuditEntry.objects.get(action=AuditEntry.Action.RESTORED)
    assert entry.actor == admin_user and entry.target_id == str(digest.pk)
    assert versions(digest)[0].revision.user == admin_user


def test_restoring_a_version_saved_while_published_leaves_a_draft_a_draft(
    admin_user, digest_with_parts
):
    publish_digest(digest=digest_with_parts, by=admin_user)
    [published] = versions(digest_with_parts)
    unpublish_digest(digest=digest_with_parts, by=admin_user)

    digest, _notes = restore_digest(version=published, by=admin_user)

    digest.refresh_from_db()
    assert digest.status == Digest.Status.DRAFT


def test_the_version_page_shows_what_a_restore_would_change(
    admin_client, admin_form_data, digest_with_parts
):
    save_in_admin(admin_client, admin_form_data, digest_with_parts)
    [old] = versions(digest_with_parts)
    save_in_admin(admin_client, admin_form_data, digest_with_parts, headline_ru="Новость дня")

    page = admin_client.get(admin_url(digest_with_parts, "revision", old.pk)).content.decode()

    assert "<del>Первая</del>" in page and "<ins>Новость</ins>" in page
    assert "Restore this version" in page
    assert Digest.objects.get().headline_ru == "Новость дня"


def test_a_restore_that_would_break_a_rule_is_refused_with_a_message(
    admin_client, admin_user, admin_form_data
):
    digest = DigestFactory(headline_be="", headline_en="")
    save_in_admin(admin_client, admin_form_data, digest)
    [empty] = versions(digest)
    save_in_admin(admin_client, admin_form_data, digest, headline_be="Навіна")
    digest.refresh_from_db()
    publish_digest(digest=digest, by=admin_user)

    response = admin_client.post(admin_url(digest, "revision", empty.pk), follow=True)

    assert any("was not restored" in message for message in messages_of(response))
    assert Digest.objects.get().headline_be == "Навіна"


def test_restoring_needs_the_permission_to_change(client, django_user_model, digest_with_parts):
    reader = django_user_model.objects.create_user(
        username="reader", password="x-long-password-1", is_staff=True
    )
    reader.user_permissions.set(Permission.objects.filter(codename="view_digest"))
    publish_digest(digest=digest_with_parts, by=None)
    [version] = versions(digest_with_parts)
    client.force_login(reader)

    assert client.get(admin_url(digest_with_parts, "revision", version.pk)).status_code == 200
    assert client.post(admin_url(digest_with_parts, "revision", version.pk)).status_code == 403


def test_a_version_of_another_record_is_not_found(admin_client, admin_user, digest_with_parts):
    other = DigestFactory()
    publish_digest(digest=other, by=admin_user)
    [version] = versions(other)

    response = admin_client.post(admin_url(digest_with_parts, "revision", version.pk))

    assert response.status_code == 404


# Recovering.


def test_a_deleted_draft_digest_is_recovered_with_its_parts(
    admin_client, admin_user, digest_with_parts
):
    pk = digest_with_parts.pk
    response = admin_client.post(admin_url(digest_with_parts, "delete"), {"post": "yes"})
    assert response.status_code == 302 and not Digest.objects.exists()

    listing = admin_client.get(reverse("admin:digests_digest_recoverlist")).content.decode()
    [recover] = re.findall(r'action="(/admin/digests/digest/recover/\d+/)"', listing)
    response = admin_client.post(recover)

    digest = Digest.objects.get(pk=pk)
    assert response.url == change_url(digest)
    assert digest.status == Digest.Status.DRAFT
    assert digest.headline_be == "Першая навіна"
    assert [s.heading_be for s in Section.objects.filter(digest=digest)] == ["Стары раздзел"]
    assert digest.action_entries.count() == 1
    assert AuditEntry.objects.filter(action=AuditEntry.Action.RESTORED).exists()
    assert "Аднавіць выдаленыя" not in listing  # the English admin of the fixture


def test_a_deleted_campaign_is_recovered_with_its_links(admin_client):
    campaign = CampaignFactory(name_be="Народныя санкцыі")
    CampaignLinkFactory(campaign=campaign, label_be="Далучыцца")
    admin_client.post(admin_url(campaign, "delete"), {"post": "yes"})
    assert not Campaign.objects.exists()
    [version] = Version.objects.get_deleted(Campaign)

    admin_client.post(reverse("admin:campaigns_campaign_recover", args=[version.pk]))

    campaign = Campaign.objects.get()
    assert campaign.name_be == "Народныя санкцыі"
    assert [link.label_be for link in CampaignLink.objects.filter(campaign=campaign)] == [
        "Далучыцца"
    ]


def test_recovering_is_a_post_and_needs_the_permission_to_change(
    client, admin_client, django_user_model
):
    campaign = CampaignFactory()
    admin_client.post(admin_url(campaign, "delete"), {"post": "yes"})
    [version] = Version.objects.get_deleted(Campaign)
    url = reverse("admin:campaigns_campaign_recover", args=[version.pk])
    reader = django_user_model.objects.create_user(
        username="reader", password="x-long-password-1", is_staff=True
    )
    reader.user_permissions.set(Permission.objects.filter(codename="view_campaign"))
    client.force_login(reader)

    assert admin_client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert not Campaign.objects.exists()


def test_someone_who_may_only_view_sees_the_page_and_its_history(
    client, django_user_model, digest_with_parts
):
    reader = django_user_model.objects.create_user(
        username="reader", password="x-long-password-1", is_staff=True
    )
    reader.user_permissions.set(Permission.objects.filter(codename="view_digest"))
    client.force_login(reader)

    assert client.get(change_url(digest_with_parts)).status_code == 200
    assert client.get(admin_url(digest_with_parts, "history")).status_code == 200
    assert client.get(reverse("admin:digests_digest_recoverlist")).status_code == 403
