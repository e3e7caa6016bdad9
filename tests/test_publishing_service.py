"""The one write path: publishing, unpublishing and duplicating through digests/services.py."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from digests.models import Digest
from digests.services import duplicate_digest, publish_digest, unpublish_digest

from .factories import ActionItemFactory, DigestActionFactory, DigestFactory

pytestmark = pytest.mark.django_db


def test_publishing_records_who_when_and_freezes_the_list(admin_user):
    digest = DigestFactory()
    entry = DigestActionFactory(digest=digest, action_item__text_en="Sign the letter")

    publish_digest(digest=digest, by=admin_user)

    digest.refresh_from_db()
    entry.refresh_from_db()
    assert digest.status == Digest.Status.PUBLISHED
    assert digest.published_at <= timezone.now()
    assert digest.published_by == admin_user
    assert entry.frozen_text_en == "Sign the letter"


def test_publishing_again_keeps_who_published_first(admin_user, staff_member):
    digest = DigestFactory()
    publish_digest(digest=digest, by=admin_user)
    other = staff_member("Editor", username="other")

    publish_digest(digest=digest, by=other)
    unpublish_digest(digest=digest, by=other)
    publish_digest(digest=digest, by=other)

    digest.refresh_from_db()
    assert digest.published_by == admin_user


def test_publishing_at_a_future_time_schedules(admin_user):
    digest = DigestFactory()
    when = timezone.now() + datetime.timedelta(days=2)

    publish_digest(digest=digest, by=admin_user, at=when)

    assert digest.published_at == when
    assert not Digest.objects.published().exists()


def test_a_digest_with_a_headline_in_russian_only_can_be_published(admin_user):
    digest = DigestFactory(headline_be="", headline_en="", headline_ru="Только по-русски")

    publish_digest(digest=digest, by=admin_user)

    assert Digest.objects.published().get() == digest


def test_publishing_without_any_headline_changes_nothing(admin_user):
    digest = DigestFactory(headline_be="", headline_en="")
    DigestActionFactory(digest=digest)

    with pytest.raises(ValidationError):
        publish_digest(digest=digest, by=admin_user)

    stored = Digest.objects.get(pk=digest.pk)
    assert stored.status == Digest.Status.DRAFT
    assert stored.published_at is None
    assert not stored.action_entries.get().is_frozen


def test_unpublishing_makes_a_draft_and_keeps_the_frozen_list(admin_user):
    digest = DigestFactory()
    entry = DigestActionFactory(digest=digest)
    publish_digest(digest=digest, by=admin_user)

    unpublish_digest(digest=digest, by=admin_user)

    assert Digest.objects.get(pk=digest.pk).status == Digest.Status.DRAFT
    entry.refresh_from_db()
    assert entry.is_frozen


def test_duplicating_records_who_made_the_draft(admin_user):
    source = DigestFactory()
    DigestActionFactory(
        digest=source, action_item=ActionItemFactory(active_from=datetime.date(2021, 1, 1))
    )

    digest, created = duplicate_digest(source=source, by=admin_user)

    assert created
    assert digest.created_by == admin_user
    assert digest.action_entries.count() == 1


def test_a_digest_made_in_the_admin_records_who_made_it(post_new_digest, admin_user):
    post_new_digest()

    assert Digest.objects.get().created_by == admin_user


@pytest.mark.parametrize(
    ("language", "warning"),
    [
        ("en", "The headline is not yet written in: RU, EN."),
        ("be", "Загаловак яшчэ не напісаны на мовах: RU, EN."),
        ("ru", "Заголовок ещё не написан на языках: RU, EN."),
    ],
)
def test_publishing_in_the_form_warns_which_headline_languages_are_empty(
    admin_client, admin_form_data, language, warning
):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    digest = DigestFactory(headline_be="Толькі па-беларуску", headline_en="")
    url = f"/admin/digests/digest/{digest.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data["status"] = "published"

    response = admin_client.post(url, data, follow=True)

    messages = [str(m) for m in response.context["messages"]]
    assert any(message.startswith(warning) for message in messages), messages
    assert Digest.objects.published().get() == digest
