import datetime

import pytest

from digests.models import Digest
from tests.factories import DigestFactory

pytestmark = pytest.mark.django_db

JAN_10 = datetime.date(2022, 1, 10)
JAN_23 = datetime.date(2022, 1, 23)


def test_new_digest_gets_the_address_of_its_period():
    digest = DigestFactory(period_start=JAN_10, period_end=JAN_23)

    assert digest.slug == "digest-2022-01-10-23"


@pytest.mark.parametrize(
    ("start", "end", "slug"),
    [
        (datetime.date(2022, 1, 24), datetime.date(2022, 2, 6), "digest-2022-01-24-02-06"),
        (datetime.date(2021, 12, 27), datetime.date(2022, 1, 9), "digest-2021-12-27-2022-01-09"),
    ],
)
def test_a_period_over_two_months_or_years_names_both(start, end, slug):
    assert DigestFactory(period_start=start, period_end=end).slug == slug


def test_a_title_written_by_the_editor_does_not_change_the_address():
    digest = DigestFactory(period_start=JAN_10, period_end=JAN_23, title_be="Выбары ў Беларусі")

    assert digest.slug == "digest-2022-01-10-23"


def test_second_and_third_digest_of_the_same_period_get_numbered_addresses():
    slugs = [DigestFactory(period_start=JAN_10, period_end=JAN_23).slug for _ in range(3)]

    assert slugs == ["digest-2022-01-10-23", "digest-2022-01-10-23-2", "digest-2022-01-10-23-3"]


@pytest.mark.parametrize("admin_language", ["be", "ru", "en"])
def test_a_digest_made_in_any_admin_language_gets_the_same_address(
    post_new_digest, admin_client, admin_language
):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = admin_language

    post_new_digest()

    assert Digest.objects.get().slug == "digest-2022-01-10-23"


def test_slug_written_by_the_editor_is_kept():
    digest = DigestFactory(slug="the-referendum-special")

    assert digest.slug == "the-referendum-special"


def test_slug_stays_when_the_title_is_changed_so_shared_links_keep_working(client):
    digest = DigestFactory(published=True, period_start=JAN_10, period_end=JAN_23)
    old_slug = digest.slug

    digest.title_be = "Зусім іншая назва"
    digest.save()
    digest.refresh_from_db()

    assert digest.slug == old_slug
    assert client.get(f"/be/digests/{old_slug}/").status_code == 200


def test_digest_is_reached_at_the_same_address_in_every_language(client):
    DigestFactory(published=True, period_start=JAN_10, period_end=JAN_23)

    for language in ("be", "ru", "en"):
        assert client.get(f"/{language}/digests/digest-2022-01-10-23/").status_code == 200


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_a_changed_address_redirects_for_good_to_the_new_one(client, language):
    digest = DigestFactory(published=True, period_start=JAN_10, period_end=JAN_23)

    digest.slug = "the-referendum-special"
    digest.save()
    response = client.get(f"/{language}/digests/digest-2022-01-10-23/")

    assert response.status_code == 301
    assert response["Location"] == f"/{language}/digests/the-referendum-special/"


def test_an_address_changed_twice_redirects_from_both_and_back_again(client):
    digest = DigestFactory(published=True, period_start=JAN_10, period_end=JAN_23)
    for slug in ("second", "third", "digest-2022-01-10-23"):
        digest.slug = slug
        digest.save()

    assert client.get("/en/digests/second/")["Location"] == "/en/digests/digest-2022-01-10-23/"
    assert client.get("/en/digests/third/")["Location"] == "/en/digests/digest-2022-01-10-23/"
    assert client.get("/en/digests/digest-2022-01-10-23/").status_code == 200
    assert sorted(digest.former_addresses.values_list("slug", flat=True)) == ["second", "third"]


def test_the_former_address_of_a_draft_answers_404(client):
    digest = DigestFactory(period_start=JAN_10, period_end=JAN_23)
    digest.slug = "renamed"
    digest.save()

    assert client.get("/en/digests/digest-2022-01-10-23/").status_code == 404


def test_transliterated_addresses_become_period_addresses_and_redirect(client):
    from importlib import import_module

    from django.apps import apps

    digest = DigestFactory(published=True, period_start=JAN_10, period_end=JAN_23)
    Digest.objects.filter(pk=digest.pk).update(slug="daidzhest-10-23-studzenia-2022")
    kept = DigestFactory(published=True, slug="the-referendum-special")

    migration = import_module("digests.migrations.0005_period_addresses")
    migration.use_period_addresses(apps, None)

    digest.refresh_from_db()
    kept.refresh_from_db()
    assert digest.slug == "digest-2022-01-10-23"
    assert kept.slug == "the-referendum-special"
    response = client.get("/be/digests/daidzhest-10-23-studzenia-2022/")
    assert response.status_code == 301
    assert response["Location"] == "/be/digests/digest-2022-01-10-23/"


def test_cyrillic_tag_gets_an_ascii_address(client):
    DigestFactory(published=True, tags=["Рэферэндум"])

    response = client.get("/en/tags/referendum/")

    assert response.status_code == 200
    assert "#Рэферэндум" in response.content.decode()


def test_digest_saved_with_a_slug_taken_meanwhile_takes_the_next_one(monkeypatch):
    first = DigestFactory(period_start=JAN_10, period_end=JAN_23)
    # As if another editor saved between this digest's check and its insert:
    # the first pick is already taken when the row is written.
    picks = iter([first.slug, f"{first.slug}-2"])
    monkeypatch.setattr(Digest, "unique_slug", lambda self: next(picks))

    second = Digest(period_start=JAN_10, period_end=JAN_23)
    second.save()

    assert second.slug == f"{first.slug}-2"
    assert Digest.objects.count() == 2
