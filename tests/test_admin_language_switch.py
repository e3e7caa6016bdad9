"""One language switch per admin form, each field's fill status, the translator's view."""

from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from digests.models import Section
from newsroom.models import EditorPreference
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    DigestActionFactory,
    DigestFactory,
    MeetingTopicFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["be", "ru", "en"]


class _Page(HTMLParser):
    """What the form shows of the switch and of each field's "BE ✓ RU – EN ✓"."""

    def __init__(self, html):
        super().__init__()
        self.statuses = {}  # the name of the field the status follows -> its text
        self.switch = []
        self._last_field = None
        self._depth = 0
        self._text = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"input", "textarea", "select"} and attrs.get("name"):
            self._last_field = attrs["name"]
        if attrs.get("id") == "content-language":
            self.switch.append(attrs)
        if tag == "span" and self._depth:
            self._depth += 1
        elif tag == "span" and "mt-status" in (attrs.get("class") or "").split():
            self._depth, self._text = 1, []

    def handle_endtag(self, tag):
        if tag == "span" and self._depth:
            self._depth -= 1
            if not self._depth:
                self.statuses[self._last_field] = " ".join("".join(self._text).split())

    def handle_data(self, data):
        if self._depth:
            self._text.append(data)


def page(response):
    assert response.status_code == 200, response.status_code
    return _Page(response.content.decode())


def sources_of(response):
    """(language, html) of the source text beside each target field, by the target's name."""
    assert response.status_code == 200, response.status_code
    found = {}
    for chunk in response.content.decode().split('<div class="mt-pair">')[1:]:
        source, _sep, target = chunk.partition('<div class="mt-target">')
        name = target.split('name="', 1)[1].split('"', 1)[0]
        found[name] = (source.split('lang="', 1)[1].split('"', 1)[0], source)
    return found


@pytest.fixture
def forms():
    """One of each translated form, with its change address."""
    digest = DigestFactory()
    SectionFactory(digest=digest)
    DigestActionFactory(digest=digest)
    campaign = CampaignFactory()
    item = ActionItemFactory(campaign=campaign)
    meeting = MeetingTopicFactory().meeting
    return {
        "digest": reverse("admin:digests_digest_change", args=[digest.pk]),
        "campaign": reverse("admin:campaigns_campaign_change", args=[campaign.pk]),
        "action item": reverse("admin:campaigns_actionitem_change", args=[item.pk]),
        "meeting": reverse("admin:campaigns_partnermeeting_change", args=[meeting.pk]),
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("form", ["digest", "campaign", "action item", "meeting"])
def test_each_translated_form_has_one_language_switch_and_no_field_tabs(
    editor_client, forms, form, language
):
    response = editor_client.get(forms[form], HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()

    assert len(page(response).switch) == 1
    for code in LANGUAGES:
        assert f'data-language="{code}"' in html
    assert 'data-language="all"' in html
    assert "tabbed_translation_fields" not in html
    assert "/static/js/admin-languages.js" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_add_forms_have_the_switch_too(editor_client, language):
    response = editor_client.get("/admin/digests/digest/add/", HTTP_ACCEPT_LANGUAGE=language)

    assert len(page(response).switch) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_field_says_which_languages_are_written(editor_client, language):
    digest = DigestFactory(headline_be="Навіна", headline_ru="", headline_en="News", lead_ru="Лид")
    section = SectionFactory(digest=digest)
    # Written past save(), which would tidy the editor's empty paragraph away.
    Section.objects.filter(pk=section.pk).update(
        heading_be="",
        heading_ru="",
        heading_en="Only in English",
        body_be="<p></p>",
        body_ru="<p>Текст</p>",
        body_en="",
    )
    DigestActionFactory(digest=digest, wording_ru="Сделайте", wording_be="", wording_en="")
    url = reverse("admin:digests_digest_change", args=[digest.pk])

    statuses = page(editor_client.get(url, HTTP_ACCEPT_LANGUAGE=language)).statuses

    assert statuses["headline_be"] == "BE ✓ RU – EN ✓"
    assert statuses["headline_ru"] == "BE ✓ RU – EN ✓"  # every language's row says the same
    assert statuses["lead_en"] == "BE – RU ✓ EN –"
    assert statuses["sections-0-heading_be"] == "BE – RU – EN ✓"
    assert statuses["sections-0-body_en"] == "BE – RU ✓ EN –"  # an empty paragraph is empty
    assert statuses["action_entries-0-wording_en"] == "BE – RU ✓ EN –"


def test_fill_status_of_a_failed_submit_shows_what_was_typed(admin_client, admin_form_data):
    digest = DigestFactory(headline_ru="")
    url = reverse("admin:digests_digest_change", args=[digest.pk])
    data = admin_form_data(admin_client.get(url))
    data.update({"headline_ru": "Набрано", "period_end": "2000-01-01"})

    response = admin_client.post(url, data)

    assert response.context["adminform"].form.errors
    assert page(response).statuses["headline_be"] == "BE ✓ RU ✓ EN ✓"


@pytest.mark.parametrize("language", LANGUAGES)
def test_chosen_language_is_remembered_for_that_editor_on_every_form(
    editor_client, editor, forms, django_user_model, client, language
):
    response = editor_client.post(
        reverse("admin:digests_digest_content_language"),
        {"content_language": "ru"},
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 204
    assert EditorPreference.objects.get(user=editor).content_language == "ru"
    for url in forms.values():
        assert page(editor_client.get(url, HTTP_ACCEPT_LANGUAGE=language)).switch[0][
            "data-language"
        ] == ("ru")

    other = django_user_model.objects.create_superuser("other", password="x-long-password")
    client.force_login(other)
    assert page(client.get(forms["digest"])).switch[0]["data-language"] == "all"


def test_choosing_again_replaces_the_remembered_language(editor_client, editor, forms):
    for language in ["en", "all"]:
        editor_client.post(
            reverse("admin:campaigns_campaign_content_language"), {"content_language": language}
        )

    assert EditorPreference.objects.get(user=editor).content_language == "all"
    assert page(editor_client.get(forms["meeting"])).switch[0]["data-language"] == "all"


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unknown_language_is_refused_and_nothing_is_stored(editor_client, language):
    url = reverse("admin:digests_digest_content_language")

    response = editor_client.post(url, {"content_language": "de"}, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 400
    assert EditorPreference.objects.count() == 0
    assert editor_client.get(url).status_code == 405


def test_only_logged_in_staff_can_store_a_language(client):
    response = client.post(
        reverse("admin:digests_digest_content_language"), {"content_language": "ru"}
    )

    assert response.status_code == 302
    assert EditorPreference.objects.count() == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_translator_view_shows_the_source_beside_every_target_field_of_the_digest(
    editor_client, language
):
    digest = DigestFactory(headline_be="Галоўная навіна", lead_be="Лід\nу два радкі")
    SectionFactory(
        digest=digest, heading_be="Закрэслім «рэферэндум»", body_be="<p><strong>Ідзіце</strong></p>"
    )
    DigestActionFactory(digest=digest, wording_be="Падпішыце <петыцыю>")
    url = reverse("admin:digests_digest_change", args=[digest.pk])

    response = editor_client.get(url + "?from=be&translate=ru", HTTP_ACCEPT_LANGUAGE=language)
    sources = sources_of(response)

    assert page(response).switch[0]["data-translator-target"] == "ru"
    assert sources["headline_ru"][0] == "be"
    assert "Галоўная навіна" in sources["headline_ru"][1]
    assert "Лід<br>у два радкі" in sources["lead_ru"][1]
    assert "Закрэслім «рэферэндум»" in sources["sections-0-heading_ru"][1]
    assert "<strong>Ідзіце</strong>" in sources["sections-0-body_ru"][1]
    assert "Падпішыце &lt;петыцыю&gt;" in sources["action_entries-0-wording_ru"][1]
    # Only the target language's fields get a source beside them.
    assert not [name for name in sources if not name.endswith("_ru")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_saving_in_the_translator_view_changes_only_the_target_language(
    editor_client, admin_form_data, language
):
    digest = DigestFactory(headline_be="Навіна", headline_ru="", headline_en="News")
    section = SectionFactory(digest=digest, heading_be="Раздзел", heading_en="Section")
    entry = DigestActionFactory(
        digest=digest,
        action_item=ActionItemFactory(active_from=digest.period_start),
        wording_be="Як тут",
        wording_en="As here",
    )
    url = reverse("admin:digests_digest_change", args=[digest.pk]) + "?from=be&translate=ru"
    data = admin_form_data(editor_client.get(url, HTTP_ACCEPT_LANGUAGE=language))
    data.update(
        {
            "headline_ru": "Новость",
            "sections-0-heading_ru": "Раздел",
            "action_entries-0-wording_ru": "Как здесь",
            "_continue": "1",
        }
    )

    response = editor_client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 302, response.context["errors"]
    # Saving and continuing stays in the translator's view (the admin keeps the query).
    assert response["Location"].split("?", 1)[1] == "from=be&translate=ru"
    digest.refresh_from_db()
    section.refresh_from_db()
    entry.refresh_from_db()
    assert (digest.headline_be, digest.headline_ru, digest.headline_en) == (
        "Навіна",
        "Новость",
        "News",
    )
    assert (section.heading_be, section.heading_ru, section.heading_en) == (
        "Раздзел",
        "Раздел",
        "Section",
    )
    assert (section.body_be, section.body_en) == (
        "<p>Тэкст раздзела.</p>",
        "<p>The section's text.</p>",
    )
    assert (entry.wording_be, entry.wording_ru, entry.wording_en) == (
        "Як тут",
        "Как здесь",
        "As here",
    )


def test_source_text_of_a_failed_submit_is_shown_sanitised(admin_client, admin_form_data):
    digest = DigestFactory()
    SectionFactory(digest=digest)
    url = reverse("admin:digests_digest_change", args=[digest.pk]) + "?from=be&translate=en"
    data = admin_form_data(admin_client.get(url))
    data.update(
        {
            "sections-0-body_be": '<p>Text<img src="x" onerror="alert(1)"></p>',
            "period_end": "2000-01-01",
        }
    )

    response = admin_client.post(url, data)
    shown = sources_of(response)["sections-0-body_en"][1]

    assert "Text" in shown
    assert "onerror" not in shown


@pytest.mark.parametrize("query", ["?from=be&translate=be", "?from=be&translate=de"])
def test_translator_view_of_unusable_languages_says_so(admin_client, forms, query):
    response = admin_client.get(forms["campaign"] + query)

    assert sources_of(response) == {}
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Choose two different languages for the translator's view."
    ]


def test_leaving_the_translator_view_keeps_the_list_filters(admin_client, forms):
    response = admin_client.get(
        forms["action item"] + "?_changelist_filters=shown%3Dcurrent&from=ru&translate=en"
    )

    assert response.context["content_language_switch"]["leave_url"] == (
        forms["action item"] + "?_changelist_filters=shown%3Dcurrent"
    )
