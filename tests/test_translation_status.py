"""Each language of a digest is complete, stale or missing, per field, per section and in the list.

A translation is stale once the text it was translated from changes: the hash
of that text is kept when the translation is saved (newsroom.models.TranslationSources).
"""

from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from digests.models import Digest
from digests.services import record_translations
from newsroom.admin_languages import CHECKED_SUFFIX, TranslatorView
from newsroom.models import TranslationStatus
from tests.factories import (
    ActionItemFactory,
    DigestActionFactory,
    DigestFactory,
    SectionFactory,
    SiteSettingsFactory,
)

pytestmark = pytest.mark.django_db

COMPLETE, STALE, MISSING = (
    TranslationStatus.COMPLETE,
    TranslationStatus.STALE,
    TranslationStatus.MISSING,
)
LIST = "/admin/digests/digest/"


def change_url(digest, query=""):
    return reverse("admin:digests_digest_change", args=[digest.pk]) + query


def save(client, admin_form_data, digest, query="", **changes):
    """Open the digest's form, change what is given, save it; the digest as stored then."""
    url = change_url(digest, query)
    data = admin_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    return Digest.objects.get(pk=digest.pk)


@pytest.fixture
def digest_in_belarusian():
    """A digest written in Belarusian only, saved once through the admin's write path."""
    digest = DigestFactory(headline_be="Навіна", headline_en="", lead_be="Лід")
    SectionFactory(digest=digest, heading_be="Раздзел", heading_en="", body_en="")
    record_translations(digest=digest, by=None)
    return digest


class Badges(HTMLParser):
    """The badges of the digest list's translation column, by row: {language: (status, words)}."""

    def __init__(self, html):
        super().__init__()
        self.rows, self._badge, self._spoken = [], None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "td" and "field-translation" in (attrs.get("class") or ""):
            self.rows.append({})
        if tag == "span" and attrs.get("class") == "translation-badge":
            self._badge = [attrs["data-status"], ""]
        if tag == "span" and attrs.get("class") == "visually-hidden" and self._badge:
            self._spoken = True

    def handle_endtag(self, tag):
        if tag == "span" and self._spoken:
            self._spoken = False
            code, words = self._badge[1].split(maxsplit=1)
            self.rows[-1][code.lower()] = (self._badge[0], words)
            self._badge = None

    def handle_data(self, data):
        if self._badge and not self._spoken:
            self._badge[1] += data


def test_a_translation_is_missing_until_written_then_complete(
    admin_client, admin_form_data, admin_language, digest_in_belarusian
):
    digest = digest_in_belarusian
    assert digest.text_status("headline", "ru") == MISSING
    assert digest.translation_status["ru"] == {"stale": False, "missing": True}

    digest = save(admin_client, admin_form_data, digest, headline_ru="Новость")

    assert digest.text_status("headline", "ru") == COMPLETE
    assert digest.translated_from("headline", "ru") == "be"
    assert digest.text_status("headline", "be") == COMPLETE
    assert digest.translated_from("headline", "be") is None  # the original


def test_editing_the_original_makes_its_translations_stale_and_resaving_them_complete(
    admin_client, admin_form_data, admin_language, digest_in_belarusian
):
    digest = save(
        admin_client, admin_form_data, digest_in_belarusian, headline_ru="Новость", lead_ru="Лид"
    )

    digest = save(admin_client, admin_form_data, digest, headline_be="Іншая навіна")

    assert digest.text_status("headline", "ru") == STALE
    assert digest.text_status("lead", "ru") == COMPLETE
    assert digest.text_status("headline", "be") == COMPLETE  # the original is never stale
    assert digest.translation_status["ru"] == {"stale": True, "missing": True}

    digest = save(admin_client, admin_form_data, digest, headline_ru="Другая новость")

    assert digest.text_status("headline", "ru") == COMPLETE
    assert digest.translation_status["ru"]["stale"] is False


def test_saving_the_form_unchanged_leaves_a_stale_translation_stale(
    admin_client, admin_form_data, digest_in_belarusian
):
    digest = save(admin_client, admin_form_data, digest_in_belarusian, headline_ru="Новость")
    digest = save(admin_client, admin_form_data, digest, headline_be="Іншая навіна")

    digest = save(admin_client, admin_form_data, digest)

    assert digest.text_status("headline", "ru") == STALE


def test_a_stale_translation_ticked_as_still_matching_is_complete(
    admin_client, admin_form_data, admin_language, digest_in_belarusian
):
    digest = save(admin_client, admin_form_data, digest_in_belarusian, headline_ru="Новость")
    digest = save(admin_client, admin_form_data, digest, headline_be="Навіна.")

    form = admin_client.get(change_url(digest)).content.decode()
    assert f'name="headline_ru{CHECKED_SUFFIX}"' in form
    assert f'name="lead_ru{CHECKED_SUFFIX}"' not in form  # only beside stale translations
    digest = save(admin_client, admin_form_data, digest, **{f"headline_ru{CHECKED_SUFFIX}": "1"})

    assert digest.headline_ru == "Новость"
    assert digest.text_status("headline", "ru") == COMPLETE


def test_a_translation_of_a_translation_is_stale_when_its_own_source_changes():
    digest = DigestFactory(headline_be="Навіна", headline_en="")
    record_translations(digest=digest, by=None)
    digest.headline_ru = "Новость"
    record_translations(digest=digest, by=None)
    digest.headline_en = "News"
    record_translations(digest=digest, by=None, translating=TranslatorView("ru", "en"))

    digest.headline_ru = "Главная новость"
    record_translations(digest=digest, by=None)

    assert digest.translated_from("headline", "en") == "ru"
    assert digest.text_status("headline", "en") == STALE
    assert digest.text_status("headline", "ru") == COMPLETE


def test_texts_written_in_two_languages_at_once_are_both_originals():
    digest = DigestFactory(headline_be="Навіна", headline_en="News")
    record_translations(digest=digest, by=None)

    digest.headline_be = "Іншая навіна"
    record_translations(digest=digest, by=None)

    assert digest.text_status("headline", "en") == COMPLETE
    assert digest.translated_from("headline", "en") is None


def test_each_section_has_its_own_status_and_a_stale_one_makes_the_digest_stale(
    admin_client, admin_form_data, admin_language
):
    digest = DigestFactory(headline_be="Навіна", headline_en="", headline_ru="Новость")
    first = SectionFactory(digest=digest, heading_en="", body_en="")
    second = SectionFactory(digest=digest, heading_en="", body_en="")
    record_translations(digest=digest, by=None)
    changes = {}
    for number in (0, 1):
        changes[f"sections-{number}-heading_ru"] = f"Раздел {number}"
        changes[f"sections-{number}-body_ru"] = "<p>Текст раздела.</p>"
    digest = save(admin_client, admin_form_data, digest, **changes)
    assert digest.translation_status["ru"] == {"stale": False, "missing": False}

    digest = save(
        admin_client, admin_form_data, digest, **{"sections-1-body_be": "<p>Новы тэкст.</p>"}
    )
    first.refresh_from_db()
    second.refresh_from_db()

    assert first.text_statuses("ru") == {"heading": COMPLETE, "body": COMPLETE}
    assert second.text_statuses("ru") == {"heading": COMPLETE, "body": STALE}
    assert digest.text_statuses("ru") == {"headline": COMPLETE}
    assert digest.translation_status["ru"] == {"stale": True, "missing": False}
    assert digest.translation_status["en"] == {"stale": False, "missing": True}
    html = admin_client.get(change_url(digest)).content.decode()
    sections = html.split('class="form-row field-translation"')[1:]
    assert len(sections) == 3  # and the empty form for a new section
    assert 'data-status="stale"' not in sections[0].split("</div>")[0]
    assert 'data-status="stale"' in sections[1].split("</div>")[0]


def test_the_activity_list_counts_towards_the_digest(admin_client, admin_form_data):
    digest = DigestFactory(headline_be="Навіна", headline_en="", headline_ru="Новость")
    DigestActionFactory(
        digest=digest,
        action_item=ActionItemFactory(active_from=digest.period_start),
        wording_be="Падпішыце",
    )
    record_translations(digest=digest, by=None)

    assert digest.translation_status["ru"] == {"stale": False, "missing": True}
    digest = save(admin_client, admin_form_data, digest, **{"action_entries-0-wording_ru": "Да"})
    assert digest.translation_status["ru"] == {"stale": False, "missing": False}


def test_the_digest_list_shows_each_languages_status_in_the_admins_language(
    admin_client, admin_form_data, admin_language, digest_in_belarusian
):
    digest = save(admin_client, admin_form_data, digest_in_belarusian, headline_ru="Новость")
    digest = save(
        admin_client,
        admin_form_data,
        digest,
        headline_be="Іншая навіна",
        **{"sections-0-heading_ru": "Раздел", "sections-0-body_ru": "<p>Текст.</p>"},
    )

    rows = Badges(admin_client.get(LIST).content.decode()).rows

    with translation.override(admin_language):
        assert rows == [
            {
                "be": ("complete", "✓"),
                "ru": ("stale missing", f"{STALE.label}, {MISSING.label}"),
                "en": ("missing", str(MISSING.label)),
            }
        ]
    assert digest.text_status("lead", "ru") == MISSING


def test_a_badge_says_its_language_and_status_in_words(admin_client, digest_in_belarusian):
    html = admin_client.get(LIST).content.decode()

    assert '<span class="visually-hidden">Russian: missing</span>' in html
    assert 'title="Belarusian: complete"' in html


@pytest.fixture
def three_digests(admin_client, admin_form_data):
    complete = DigestFactory(headline_be="Навіна", headline_ru="Новость", headline_en="News")
    stale = DigestFactory(headline_be="Навіна", headline_ru="", headline_en="News")
    missing = DigestFactory(headline_be="Навіна", headline_ru="", headline_en="")
    for digest in (complete, stale, missing):
        record_translations(digest=digest, by=None)
    save(admin_client, admin_form_data, stale, headline_ru="Новость")
    save(admin_client, admin_form_data, stale, headline_be="Іншая навіна")
    return {"complete": complete, "stale": stale, "missing": missing}


@pytest.mark.parametrize(
    ("choice", "listed"),
    [
        ("ru-complete", {"complete"}),
        ("ru-stale", {"stale"}),
        ("ru-missing", {"missing"}),
        ("en-missing", {"missing"}),
        ("en-complete", {"complete", "stale"}),
        ("be-stale", set()),
        ("be-complete", {"complete", "stale", "missing"}),
    ],
)
def test_the_digest_list_is_filtered_by_language_and_status(
    admin_client, three_digests, choice, listed
):
    response = admin_client.get(LIST, {"translation": choice})

    assert response.status_code == 200
    shown = set(response.context["cl"].result_list)
    assert shown == {three_digests[name] for name in listed}


@pytest.mark.parametrize("language", ["be", "ru"])
def test_the_filter_offers_each_language_and_status_in_the_admins_language(
    admin_client, three_digests, language
):
    response = admin_client.get(LIST, HTTP_ACCEPT_LANGUAGE=language)

    with translation.override(language):
        stale_ru = f"RU: {STALE.label}"
        assert str(STALE.label) != "stale"
    assert stale_ru in response.content.decode()


@pytest.mark.parametrize("choice", ["ru-old", "de-stale", "ru", "-", "ru-stale-x"])
def test_an_unknown_filter_choice_lists_every_digest(admin_client, three_digests, choice):
    response = admin_client.get(LIST, {"translation": choice})

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 3


def test_the_translators_view_offers_the_stale_fields_first(
    admin_client, admin_form_data, admin_language, digest_in_belarusian
):
    digest = save(
        admin_client,
        admin_form_data,
        digest_in_belarusian,
        lead_ru="Лид",
        headline_ru="Новость",
        **{"sections-0-heading_ru": "Раздел"},
    )
    digest = save(
        admin_client,
        admin_form_data,
        digest,
        lead_be="Новы лід",
        **{"sections-0-heading_be": "Новы раздзел"},
    )

    response = admin_client.get(change_url(digest, "?from=be&translate=ru"))

    fieldsets = response.context["adminform"].fieldsets
    # The hidden edit count (newsroom.admin_history) rides along with the first fieldset.
    first = [f for f in fieldsets[0][1]["fields"] if f != "edit_count_opened"]
    assert first == ["lead_be", "lead_ru", "lead_en"]
    assert "lead_ru" not in [f for _name, options in fieldsets[1:] for f in options["fields"]]
    to_check = [
        (item["anchor"], item["status"]) for item in response.context["translations_to_check"]
    ]
    assert to_check == [
        ("id_lead_ru", STALE),
        ("id_sections-0-heading_ru", STALE),
        ("id_sections-0-body_ru", MISSING),
    ]
    html = response.content.decode()
    assert html.index('href="#id_lead_ru"') < html.index('href="#id_sections-0-body_ru"')
    assert html.index('name="lead_ru"') < html.index('name="headline_ru"')


def test_the_usual_view_keeps_the_fields_in_their_order(
    admin_client, admin_form_data, digest_in_belarusian
):
    digest = save(admin_client, admin_form_data, digest_in_belarusian, lead_ru="Лид")
    digest = save(admin_client, admin_form_data, digest, lead_be="Новы лід")

    response = admin_client.get(change_url(digest))

    assert "translations_to_check" not in response.context
    html = response.content.decode()
    assert html.index('name="headline_ru"') < html.index('name="lead_ru"')


def test_a_translation_saved_in_the_translators_view_comes_from_its_source(
    admin_client, admin_form_data
):
    digest = DigestFactory(headline_be="Навіна", headline_ru="Новость", headline_en="")
    record_translations(digest=digest, by=None)

    digest = save(
        admin_client, admin_form_data, digest, "?from=ru&translate=en", headline_en="News"
    )

    assert digest.translated_from("headline", "en") == "ru"


def digests_with_sections(count):
    for _number in range(count):
        digest = DigestFactory(headline_ru="")
        SectionFactory.create_batch(3, digest=digest)
        record_translations(digest=digest, by=None)


def queries_for_list(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(queries), len(Badges(response.content.decode()).rows)


# Session, user, the filters' choices (years, tags, campaigns), two counts, the site
# settings twice, the page of digests, and the date hierarchy's range and months.
# The translation column adds none: it reads the status kept on each digest.
# A session not yet verified by a second factor looks for the user's devices
# once (passkeys, apps, backup codes): 3 more.
DIGEST_LIST_QUERIES = 15


def test_the_digest_list_makes_as_many_queries_for_50_digests_as_for_10(admin_client):
    SiteSettingsFactory()
    digests_with_sections(10)
    ten = queries_for_list(admin_client)
    digests_with_sections(40)
    fifty = queries_for_list(admin_client)

    assert ten == (DIGEST_LIST_QUERIES, 10)
    assert fifty == (DIGEST_LIST_QUERIES, 50)


def test_an_edited_original_stays_an_original():
    digest = DigestFactory(headline_be="Навіна", headline_en="News", headline_ru="")
    record_translations(digest=digest, by=None)
    digest.headline_ru = "Новость"
    record_translations(digest=digest, by=None)

    digest.headline_be = "Іншая навіна"
    record_translations(digest=digest, by=None)

    assert digest.translated_from("headline", "be") is None
    assert digest.text_status("headline", "be") == COMPLETE
    assert digest.text_status("headline", "ru") == STALE


@pytest.mark.django_db(transaction=True)
def test_digests_written_before_the_status_existed_get_theirs_from_the_migration():
    from django.db.migrations.executor import MigrationExecutor

    digest = DigestFactory(headline_be="Навіна", headline_ru="Новость", headline_en="")
    SectionFactory(digest=digest, heading_ru="Раздел", heading_en="", body_ru="<p>Текст.</p>")
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    MigrationExecutor(connection).migrate([("digests", "0008_covers_in_the_media_library")])

    MigrationExecutor(connection).migrate(latest)

    digest = Digest.objects.get(pk=digest.pk)
    assert digest.translation_status == {
        "be": {"stale": False, "missing": False},
        "ru": {"stale": False, "missing": False},
        "en": {"stale": False, "missing": True},
    }
    assert digest.translated_from("headline", "ru") is None  # an original, as far as we know
    assert set(digest.translation_sources["headline"]) == {"be", "ru"}
    assert digest.sections.get().text_statuses("en") == {"heading": MISSING, "body": COMPLETE}


def test_saving_in_the_translators_view_makes_an_original_a_translation_of_the_chosen_one(
    admin_client, admin_form_data
):
    digest = DigestFactory(headline_be="Навіна", headline_ru="Новость", headline_en="")
    record_translations(digest=digest, by=None)
    assert digest.translated_from("headline", "ru") is None

    digest = save(admin_client, admin_form_data, digest, "?from=be&translate=ru")
    digest = save(admin_client, admin_form_data, digest, headline_be="Іншая навіна")

    assert digest.translated_from("headline", "ru") == "be"
    assert digest.text_status("headline", "ru") == STALE
    assert digest.translated_from("headline", "be") is None


def test_the_translators_view_does_not_make_an_original_translate_its_own_translation():
    digest = DigestFactory(headline_be="", headline_ru="Новость", headline_en="")
    record_translations(digest=digest, by=None)
    digest.headline_be = "Навіна"
    record_translations(digest=digest, by=None)
    assert digest.translated_from("headline", "be") == "ru"

    record_translations(digest=digest, by=None, translating=TranslatorView("be", "ru"))

    assert digest.translated_from("headline", "ru") is None
