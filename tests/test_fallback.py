import re

import pytest

from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    DigestActionFactory,
    DigestFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

NOTICE = 'class="notice"'


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def headline(content):
    return re.search(r'<p class="headline"[^>]*>.*?</p>', content).group(0)


@pytest.mark.parametrize("language", ["be", "ru"])
def test_digest_with_only_an_english_headline_shows_it_marked_as_english(client, language):
    digest = DigestFactory(published=True, headline_be="", headline_en="Only in English")

    content = page(client, f"/{language}/digests/{digest.slug}/")

    assert headline(content) == '<p class="headline" lang="en">Only in English</p>'
    assert NOTICE in content


def test_digest_with_only_a_russian_headline_shows_it_to_english_readers_with_a_notice(client):
    digest = DigestFactory(
        published=True, headline_be="", headline_en="", headline_ru="Только по-русски"
    )

    content = page(client, f"/en/digests/{digest.slug}/")

    assert headline(content) == '<p class="headline" lang="ru">Только по-русски</p>'
    assert "This text is not yet translated into your language. It is shown in Russian." in (
        content
    )


def test_russian_reader_gets_belarusian_before_english(client):
    digest = DigestFactory(
        published=True, headline_be="Па-беларуску", headline_ru="", headline_en="In English"
    )

    content = page(client, f"/ru/digests/{digest.slug}/")

    assert headline(content) == '<p class="headline" lang="be">Па-беларуску</p>'


def test_translated_headline_has_no_notice_and_no_lang_of_its_own(client):
    digest = DigestFactory(published=True, headline_en="In English")

    content = page(client, f"/en/digests/{digest.slug}/")

    assert headline(content) == '<p class="headline">In English</p>'
    assert NOTICE not in content


def test_untranslated_section_is_shown_with_its_own_language(client):
    digest = DigestFactory(published=True)
    SectionFactory(
        digest=digest,
        heading_be="Сустрэча з паслом",
        heading_en="",
        body_be="<p>Тэкст</p>",
        body_en="",
    )

    content = page(client, f"/en/digests/{digest.slug}/")

    assert re.search(r'<h2 id="section-\d+-h" lang="be">Сустрэча з паслом</h2>', content)
    assert '<div class="prose" lang="be"><p>Тэкст</p></div>' in content


def test_untranslated_activity_is_shown_with_its_own_language(client):
    digest = DigestFactory(published=True)
    DigestActionFactory(
        digest=digest, action_item=ActionItemFactory(text_be="Падпішыце ліст", text_en="")
    )
    digest.freeze_activity_list()

    content = page(client, f"/en/digests/{digest.slug}/")

    assert re.search(r'<li class="actions__item" lang="be">\s*Падпішыце ліст', content)


def test_campaign_named_only_in_russian_is_shown_with_a_notice(client):
    campaign = CampaignFactory(name_be="", name_en="", name_ru="Народные санкции")

    content = page(client, f"/en/campaigns/{campaign.slug}/")

    assert '<h1 lang="ru">Народные санкции</h1>' in content
    assert NOTICE in content


def test_digest_with_text_in_belarusian_only_is_never_an_empty_page(client):
    digest = DigestFactory(
        published=True, headline_be="Галоўнае", headline_en="", lead_be="Коратка пра ўсё"
    )
    SectionFactory(digest=digest, heading_be="Раздзел", heading_en="", body_en="")

    content = page(client, f"/en/digests/{digest.slug}/")

    for text in ["Галоўнае", "Коратка пра ўсё", "Раздзел", "Тэкст раздзела."]:
        assert text in content


def test_todays_list_marks_an_item_shown_in_another_language(client):
    ActionItemFactory(text_be="Толькі па-беларуску", text_en="", text_ru="")

    content = client.get("/en/today/").content.decode()

    assert '<p class="actions__text" lang="be">Толькі па-беларуску</p>' in content
