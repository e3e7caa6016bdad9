import datetime

import pytest

from digests.models import Digest
from tests.factories import DigestFactory

pytestmark = pytest.mark.django_db

JAN_10 = datetime.date(2022, 1, 10)
JAN_23 = datetime.date(2022, 1, 23)


def test_generated_belarusian_title_gives_a_transliterated_ascii_slug():
    digest = DigestFactory(period_start=JAN_10, period_end=JAN_23)

    assert digest.slug == "daidzhest-10-23-studzenia-2022"


def test_cyrillic_title_written_by_the_editor_gives_an_ascii_slug():
    digest = DigestFactory(period_start=JAN_10, title_be="Выбары ў Беларусі: што далей")

    assert digest.slug == "vybary-u-belarusi-shto-dalei-2022"
    assert digest.slug.isascii()


def test_slug_names_the_year_once_when_the_title_already_does():
    digest = DigestFactory(period_start=JAN_10, title_be="Год 2022 у лічбах")

    assert digest.slug == "god-2022-u-lichbakh"


def test_second_and_third_digest_with_the_same_title_get_numbered_slugs():
    slugs = [DigestFactory(period_start=JAN_10, title_be="Спецвыпуск").slug for _ in range(3)]

    assert slugs == ["spetsvypusk-2022", "spetsvypusk-2022-2", "spetsvypusk-2022-3"]


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


def test_digest_is_reached_at_its_ascii_address_in_every_language(client):
    DigestFactory(published=True, period_start=JAN_10, period_end=JAN_23)

    for language in ("be", "ru", "en"):
        assert client.get(f"/{language}/digests/daidzhest-10-23-studzenia-2022/").status_code == 200


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
