import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from digests.models import Digest
from tests.factories import ActionItemFactory, DigestActionFactory, DigestFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/digests/digest/"
JAN_10 = datetime.date(2022, 1, 10)
JAN_23 = datetime.date(2022, 1, 23)


def run_action(client, action, *digests):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [digest.pk for digest in digests]},
        follow=True,
    )


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_publish_action_publishes_the_selected_drafts(admin_client, admin_user):
    first, second = DigestFactory(), DigestFactory()
    untouched = DigestFactory()

    response = run_action(admin_client, "publish", first, second)

    assert "2 digests published." in messages_of(response)
    for digest in (first, second):
        digest.refresh_from_db()
        assert digest.status == Digest.Status.PUBLISHED
        assert digest.published_at is not None
        assert digest.published_by == admin_user
    untouched.refresh_from_db()
    assert untouched.status == Digest.Status.DRAFT


def test_published_digest_is_on_the_site_right_after_the_action(admin_client, client):
    digest = DigestFactory(headline_en="Fresh news")

    run_action(admin_client, "publish", digest)

    assert "Fresh news" in client.get(f"/en/digests/{digest.slug}/").content.decode()


def test_publish_action_keeps_a_scheduled_time_set_by_the_editor(admin_client, client):
    when = datetime.datetime(2099, 1, 1, 9, tzinfo=datetime.UTC)
    digest = DigestFactory(published_at=when)

    run_action(admin_client, "publish", digest)

    digest.refresh_from_db()
    assert digest.status == Digest.Status.PUBLISHED
    assert digest.published_at == when
    assert client.get(f"/en/digests/{digest.slug}/").status_code == 404


def test_publishing_without_any_headline_is_refused_with_a_message(admin_client):
    digest = DigestFactory(headline_be="", headline_ru="", headline_en="")

    response = run_action(admin_client, "publish", digest)

    [message] = messages_of(response)
    assert "was not published" in message
    assert "Write the headline in at least one language before publishing." in message
    digest.refresh_from_db()
    assert digest.status == Digest.Status.DRAFT
    assert digest.published_at is None


def test_one_refused_digest_does_not_stop_the_others(admin_client):
    ready = DigestFactory()
    not_ready = DigestFactory(headline_be="", headline_ru="", headline_en="")

    response = run_action(admin_client, "publish", ready, not_ready)

    assert "1 digest published." in messages_of(response)
    assert Digest.objects.get(pk=ready.pk).status == Digest.Status.PUBLISHED
    assert Digest.objects.get(pk=not_ready.pk).status == Digest.Status.DRAFT


def test_publish_action_freezes_the_activity_list(admin_client):
    digest = DigestFactory()
    entry = DigestActionFactory(digest=digest, action_item__text_en="Sign the letter")

    run_action(admin_client, "publish", digest)

    entry.refresh_from_db()
    assert entry.frozen_text_en == "Sign the letter"


def test_unpublish_action_takes_the_digest_off_the_site(admin_client, client):
    digest = DigestFactory(published=True)

    response = run_action(admin_client, "unpublish", digest)

    assert "1 digest is a draft again." in messages_of(response)
    assert Digest.objects.get(pk=digest.pk).status == Digest.Status.DRAFT
    assert client.get(f"/en/digests/{digest.slug}/").status_code == 404


def test_publishing_in_the_change_form_records_who_and_when_and_freezes_the_list(
    admin_client, admin_user, admin_form_data
):
    item = ActionItemFactory(text_en="Donate to the museum", active_from=JAN_10)
    digest = DigestFactory(period_start=JAN_10, period_end=JAN_23)
    DigestActionFactory(digest=digest, action_item=item)
    url = f"/admin/digests/digest/{digest.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data["status"] = "published"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    digest.refresh_from_db()
    assert digest.status == Digest.Status.PUBLISHED
    assert digest.published_at is not None
    assert digest.published_by == admin_user
    assert digest.action_entries.get().frozen_text_en == "Donate to the museum"


def test_publishing_in_the_change_form_without_any_headline_is_refused(
    admin_client, admin_form_data
):
    digest = DigestFactory(headline_be="", headline_ru="", headline_en="")
    url = f"/admin/digests/digest/{digest.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data["status"] = "published"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert (
        "Write the headline in at least one language before publishing."
        in response.content.decode()
    )
    assert Digest.objects.get(pk=digest.pk).status == Digest.Status.DRAFT


@pytest.fixture
def fortnight():
    """A digest for 10–23 January 2022 whose activity list has items of every kind."""
    source = DigestFactory(
        published=True, period_start=JAN_10, period_end=JAN_23, tags=["referendum"]
    )
    ended = ActionItemFactory(
        text_en="Ended with the period",
        active_from=datetime.date(2022, 1, 1),
        active_until=JAN_23,
    )
    standing = ActionItemFactory(text_en="Standing item", active_from=datetime.date(2022, 1, 1))
    running = ActionItemFactory(
        text_en="Runs into February",
        active_from=datetime.date(2022, 1, 1),
        active_until=datetime.date(2022, 2, 15),
    )
    DigestActionFactory(digest=source, action_item=running, position=1, wording_en="Keep going")
    DigestActionFactory(digest=source, action_item=ended, position=2)
    DigestActionFactory(digest=source, action_item=standing, position=3)
    source.freeze_activity_list()
    return source


def assert_is_the_next_draft(new, source):
    assert new.pk != source.pk
    assert new.status == Digest.Status.DRAFT
    assert new.published_at is None
    assert new.period_start == datetime.date(2022, 1, 24)
    assert new.period_end == datetime.date(2022, 2, 6)
    assert [entry.action_item.text_en for entry in new.action_entries.all()] == [
        "Runs into February",
        "Standing item",
    ]
    entry = new.action_entries.first()
    assert entry.wording_en == "Keep going"
    assert not entry.is_frozen
    assert list(new.tags.names()) == ["referendum"]


def test_duplicate_action_makes_the_draft_for_the_next_period(admin_client, fortnight):
    response = run_action(admin_client, "duplicate", fortnight)

    new = Digest.objects.exclude(pk=fortnight.pk).get()
    assert_is_the_next_draft(new, fortnight)
    assert response.redirect_chain[-1][0] == f"/admin/digests/digest/{new.pk}/change/"
    assert any("A draft for the next period was created" in m for m in messages_of(response))


def test_duplicate_action_wants_exactly_one_digest(admin_client, fortnight):
    response = run_action(admin_client, "duplicate", fortnight, DigestFactory())

    assert "Choose exactly one digest to duplicate." in messages_of(response)
    assert Digest.objects.count() == 2


def test_duplicate_button_makes_the_draft_for_the_next_period(admin_client, fortnight):
    response = admin_client.post(reverse("admin:digests_digest_duplicate", args=[fortnight.pk]))

    new = Digest.objects.exclude(pk=fortnight.pk).get()
    assert_is_the_next_draft(new, fortnight)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/digests/digest/{new.pk}/change/"


def test_duplicate_button_needs_a_post(admin_client, fortnight):
    response = admin_client.get(reverse("admin:digests_digest_duplicate", args=[fortnight.pk]))

    assert response.status_code == 405
    assert Digest.objects.count() == 1


def test_duplicate_keeps_the_length_of_a_longer_period(admin_client):
    source = DigestFactory(
        period_start=datetime.date(2022, 1, 1), period_end=datetime.date(2022, 1, 31)
    )

    admin_client.post(reverse("admin:digests_digest_duplicate", args=[source.pk]))

    new = Digest.objects.exclude(pk=source.pk).get()
    assert (new.period_start, new.period_end) == (
        datetime.date(2022, 2, 1),
        datetime.date(2022, 3, 3),
    )


def test_duplicating_twice_makes_one_draft_and_says_so(admin_client, fortnight):
    url = reverse("admin:digests_digest_duplicate", args=[fortnight.pk])
    admin_client.post(url)

    response = admin_client.post(url, follow=True)

    assert Digest.objects.exclude(pk=fortnight.pk).count() == 1
    assert "A digest for the next period already exists" in response.content.decode()


def test_change_form_offers_the_duplicate_button_and_previews(admin_client):
    digest = DigestFactory()

    content = admin_client.get(f"/admin/digests/digest/{digest.pk}/change/").content.decode()

    assert reverse("admin:digests_digest_duplicate", args=[digest.pk]) in content
    preview = reverse("admin:digests_digest_preview", args=[digest.pk])
    for language in ("be", "ru", "en"):
        assert f"{preview}?lang={language}" in content


def test_staff_can_preview_a_draft(admin_client):
    digest = DigestFactory(headline_en="Draft news")

    response = admin_client.get(
        reverse("admin:digests_digest_preview", args=[digest.pk]) + "?lang=en"
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Draft news" in content
    assert "Preview: readers cannot see this page" in content


def test_preview_shows_the_language_asked_for(admin_client):
    digest = DigestFactory(period_start=JAN_10, period_end=JAN_23)

    response = admin_client.get(
        reverse("admin:digests_digest_preview", args=[digest.pk]) + "?lang=ru"
    )

    assert "<h1>Дайджест: 10 — 23 января</h1>" in response.content.decode()


def test_anonymous_visitor_asking_for_a_preview_is_sent_to_the_login(client):
    digest = DigestFactory(headline_en="Draft news")

    response = client.get(reverse("admin:digests_digest_preview", args=[digest.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "Draft news" not in response.content.decode()


def test_view_on_site_leads_to_the_preview_until_the_digest_is_on_the_site(admin_client):
    draft = DigestFactory()
    published = DigestFactory(published=True)

    draft_page = admin_client.get(f"/admin/digests/digest/{draft.pk}/change/")
    published_page = admin_client.get(f"/admin/digests/digest/{published.pk}/change/")

    assert draft_page.context["absolute_url"] == reverse(
        "admin:digests_digest_preview", args=[draft.pk]
    )
    assert published_page.context["absolute_url"] == f"/en/digests/{published.slug}/"
