import datetime

import pytest
from django.utils import translation

from digests.services import publish_digest, unpublish_digest
from tests.factories import ActionItemFactory, DigestActionFactory, DigestFactory

pytestmark = pytest.mark.django_db

PERIOD_START = datetime.date(2022, 1, 10)
PERIOD_END = datetime.date(2022, 1, 23)


@pytest.fixture
def item():
    return ActionItemFactory(
        text_be="Зарэгіструйцеся на платформе «Голас»",
        text_ru="Зарегистрируйтесь на платформе «Голос»",
        text_en="Register on the Voice platform",
        url="https://example.org/voice",
        active_from=datetime.date(2022, 1, 1),
        active_until=datetime.date(2022, 1, 31),
    )


def publish_with(item, **entry):
    digest = DigestFactory(period_start=PERIOD_START, period_end=PERIOD_END)
    DigestActionFactory(digest=digest, action_item=item, **entry)
    publish_digest(digest=digest, by=None)
    return digest


def activity_list(client, digest, language="en"):
    response = client.get(f"/{language}/digests/{digest.slug}/")
    assert response.status_code == 200
    content = response.content.decode()
    start = content.index('<ol class="actions">')
    return content[start : content.index("</ol>", start)]


def test_published_digest_keeps_the_wording_it_was_published_with(client, item):
    digest = publish_with(item)

    item.text_en = "Register on Voice before Friday"
    item.save()

    shown = activity_list(client, digest)
    assert "Register on the Voice platform" in shown
    assert "before Friday" not in shown


def test_published_digest_keeps_the_wording_in_every_language(client, item):
    digest = publish_with(item)

    item.text_be = "Новы тэкст"
    item.text_ru = "Новый текст"
    item.save()

    assert "Зарэгіструйцеся на платформе «Голас»" in activity_list(client, digest, "be")
    assert "Зарегистрируйтесь на платформе «Голос»" in activity_list(client, digest, "ru")


def test_published_digest_keeps_the_link_it_was_published_with(client, item):
    digest = publish_with(item)

    item.url = "https://example.org/somewhere-else"
    item.save()

    shown = activity_list(client, digest)
    assert 'href="https://example.org/voice"' in shown
    assert "somewhere-else" not in shown


def test_item_without_a_link_when_published_gets_none_later(client, item):
    item.url = ""
    item.save()
    digest = publish_with(item)

    item.url = "https://example.org/added-later"
    item.save()

    assert "added-later" not in activity_list(client, digest)


def test_old_digest_still_lists_an_item_that_has_since_expired(client, item):
    digest = publish_with(item)

    assert not item.is_current()
    assert "Register on the Voice platform" in activity_list(client, digest)
    assert "Register on the Voice platform" not in client.get("/en/today/").content.decode()


def test_per_digest_wording_replaces_the_items_text(client, item):
    digest = publish_with(item, wording_en="Sign up on Voice: it takes two minutes")

    shown = activity_list(client, digest)

    assert "Sign up on Voice: it takes two minutes" in shown
    assert "Register on the Voice platform" not in shown


def test_per_digest_wording_in_one_language_leaves_the_others_as_published(client, item):
    digest = publish_with(item, wording_en="Sign up on Voice")

    item.text_ru = "Новый текст"
    item.save()

    assert "Sign up on Voice" in activity_list(client, digest, "en")
    assert "Зарегистрируйтесь на платформе «Голос»" in activity_list(client, digest, "ru")


def test_publishing_stores_the_items_words_with_the_digest(item):
    digest = publish_with(item)

    entry = digest.action_entries.get()
    assert entry.frozen_text_en == "Register on the Voice platform"
    assert entry.frozen_text_be == "Зарэгіструйцеся на платформе «Голас»"
    assert entry.frozen_url == "https://example.org/voice"


def test_draft_shows_the_items_current_words_until_it_is_published(item):
    digest = DigestFactory(period_start=PERIOD_START, period_end=PERIOD_END)
    DigestActionFactory(digest=digest, action_item=item)

    item.text_en = "Register on Voice today"
    item.save()

    entry = digest.action_entries.get()
    assert not entry.is_frozen
    with translation.override("en"):
        assert entry.text == "Register on Voice today"


def test_row_switched_to_another_item_shows_the_new_items_words(client, item):
    digest = publish_with(item)
    other = ActionItemFactory(
        text_en="Donate an exhibit to the Museum of Free Belarus",
        active_from=datetime.date(2022, 1, 1),
    )
    unpublish_digest(digest=digest, by=None)
    entry = digest.action_entries.get()
    entry.action_item = other
    entry.save()
    publish_digest(digest=digest, by=None)

    listed = activity_list(client, digest)

    assert "Donate an exhibit" in listed
    assert "Register on the Voice platform" not in listed
