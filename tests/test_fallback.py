import itertools
import re
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from newsroom.i18n import shown_language
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    CampaignLinkFactory,
    DigestActionFactory,
    DigestFactory,
    MeetingTopicFactory,
    PartnerMeetingFactory,
    SectionFactory,
    SiteSettingsFactory,
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
    assert "Shown in Russian: not yet translated into English." in content


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


# What readers of each page see when a block falls back, and which language it names.
NOTICES = {
    ("be", "en"): "Паказана па-англійску: на беларускую мову яшчэ не перакладзена.",
    ("be", "ru"): "Паказана па-руску: на беларускую мову яшчэ не перакладзена.",
    ("ru", "en"): "Показано по-английски: на русский язык ещё не переведено.",
    ("ru", "be"): "Показано по-белорусски: на русский язык ещё не переведено.",
    ("en", "ru"): "Shown in Russian: not yet translated into English.",
    ("en", "be"): "Shown in Belarusian: not yet translated into English.",
}
VOID_ELEMENTS = {
    "area",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


class LanguageOfText(HTMLParser):
    """The language each piece of text is in for a browser: its nearest lang attribute."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if data.strip():
            language = next((a["lang"] for _t, a in reversed(self.stack) if "lang" in a), None)
            self.texts.append((" ".join(data.split()), language, self.stack[-1][1].get("class")))


def language_of(content, text):
    """The language of the element whose own text is `text` (None: the page has no lang)."""
    parser = LanguageOfText()
    parser.feed(content)
    found = [language for words, language, _class in parser.texts if words == text]
    assert found, f"{text!r} is not on the page"
    assert len(set(found)) == 1, f"{text!r} is shown in several languages: {found}"
    return found[0]


def notices(content):
    parser = LanguageOfText()
    parser.feed(content)
    return [(words, language) for words, language, cls in parser.texts if cls == "notice"]


def only_in(obj, language, **texts):
    """Store each text in `language`'s column of obj and empty its other columns.

    The columns are written as given, past save(), so these tests are about
    what pages show; what the admin's save writes is tested on its own.
    """
    columns = {
        f"{field}_{code}": text if code == language else ""
        for field, text in texts.items()
        for code in ["be", "ru", "en"]
    }
    type(obj).objects.filter(pk=obj.pk).update(**columns)
    obj.refresh_from_db()
    return obj


@pytest.mark.parametrize("reader", ["be", "ru"])
def test_section_written_only_in_english_is_marked_english_with_one_notice(client, reader):
    digest = DigestFactory(published=True, headline_ru="Главная новость")
    only_in(SectionFactory(digest=digest), "en", heading="Partners", body="<p>We stand.</p>")

    content = page(client, f"/{reader}/digests/{digest.slug}/")

    assert re.search(r'<h2 id="section-\d+-h" lang="en">Partners</h2>', content)
    assert '<div class="prose" lang="en"><p>We stand.</p></div>' in content
    assert notices(content) == [(NOTICES[reader, "en"], reader)]
    assert f'<html lang="{reader}">' in content


def test_section_written_in_english_has_no_lang_or_notice_on_the_english_page(client):
    digest = DigestFactory(published=True)
    only_in(SectionFactory(digest=digest), "en", heading="Partners", body="<p>We stand.</p>")

    content = page(client, f"/en/digests/{digest.slug}/")

    assert re.search(r'<h2 id="section-\d+-h">Partners</h2>', content)
    assert '<div class="prose"><p>We stand.</p></div>' in content
    assert notices(content) == []


@pytest.mark.parametrize("reader", ["be", "en"])
def test_section_written_only_in_russian_is_marked_russian(client, reader):
    digest = DigestFactory(published=True)
    only_in(SectionFactory(digest=digest), "ru", heading="Цитата", body="<p>Слова.</p>")

    content = page(client, f"/{reader}/digests/{digest.slug}/")

    assert language_of(content, "Цитата") == "ru"
    assert language_of(content, "Слова.") == "ru"
    assert notices(content) == [(NOTICES[reader, "ru"], reader)]


def test_a_section_in_two_other_languages_gets_one_notice_naming_both(client):
    digest = DigestFactory(published=True)
    section = only_in(SectionFactory(digest=digest), "en", heading="Statement")
    only_in(section, "ru", body="<p>Слова.</p>")

    content = page(client, f"/be/digests/{digest.slug}/")

    assert language_of(content, "Statement") == "en"
    assert language_of(content, "Слова.") == "ru"
    assert notices(content) == [
        ("Паказана па-руску і па-англійску: на беларускую мову яшчэ не перакладзена.", "be")
    ]


def test_each_section_that_falls_back_gets_its_own_notice_and_the_others_none(client):
    digest = DigestFactory(published=True, headline_ru="Главная новость")
    SectionFactory(digest=digest, heading_ru="Раздел", body_ru="<p>Текст.</p>")
    only_in(SectionFactory(digest=digest), "be", heading="Першы", body="<p>Адзін.</p>")
    only_in(SectionFactory(digest=digest), "en", heading="Second", body="<p>Two.</p>")

    content = page(client, f"/ru/digests/{digest.slug}/")

    assert notices(content) == [(NOTICES["ru", "be"], "ru"), (NOTICES["ru", "en"], "ru")]
    assert language_of(content, "Раздел") == "ru"


@pytest.mark.parametrize("reader", ["be", "ru"])
def test_lead_written_only_in_english_is_marked_with_the_headline_in_one_notice(client, reader):
    digest = only_in(
        DigestFactory(published=True), "en", headline="The main news", lead="In short."
    )

    content = page(client, f"/{reader}/digests/{digest.slug}/")

    assert '<p class="lead" lang="en">In short.</p>' in content
    assert language_of(content, "The main news") == "en"
    assert notices(content) == [(NOTICES[reader, "en"], reader)]


def test_home_page_marks_the_latest_digests_lead_and_gives_a_notice(client):
    only_in(DigestFactory(published=True, headline_ru=""), "ru", lead="Коротко.")

    content = page(client, "/be/")

    assert '<p class="lead" lang="ru">Коротко.</p>' in content
    assert notices(content) == [(NOTICES["be", "ru"], "be")]


def test_digest_activity_in_russian_only_is_marked_for_english_readers_with_a_notice(client):
    digest = DigestFactory(published=True)
    item = only_in(ActionItemFactory(), "ru", text="Подпишите письмо")
    DigestActionFactory(digest=digest, action_item=item)
    digest.freeze_activity_list()

    content = page(client, f"/en/digests/{digest.slug}/")

    assert language_of(content, "Подпишите письмо") == "ru"
    assert notices(content) == [(NOTICES["en", "ru"], "en")]


def test_todays_list_marks_an_explanation_in_another_language_and_gives_one_notice(client):
    only_in(ActionItemFactory(), "be", explanation="Тлумачэнне")
    only_in(ActionItemFactory(), "be", explanation="Яшчэ адно")

    content = page(client, "/ru/today/")

    assert language_of(content, "Тлумачэнне") == "be"
    assert notices(content) == [(NOTICES["ru", "be"], "ru")]


@pytest.mark.parametrize("reader", ["be", "en"])
def test_meeting_topics_and_title_in_russian_only_are_marked_with_a_notice(client, reader):
    meeting = only_in(PartnerMeetingFactory(), "ru", counterpart_name="Посол")
    only_in(MeetingTopicFactory(meeting=meeting), "ru", text="Санкции")

    content = page(client, f"/{reader}/meetings/{meeting.pk}/")

    assert '<span lang="ru">Посол</span>' in content
    assert language_of(content, "Санкции") == "ru"
    assert notices(content) == [(NOTICES[reader, "ru"], reader)]


def test_meeting_list_gives_a_notice_to_the_meeting_that_falls_back_only(client):
    PartnerMeetingFactory()
    only_in(MeetingTopicFactory(), "en", text="Visas")

    content = page(client, "/be/meetings/")

    assert language_of(content, "Visas") == "en"
    assert notices(content) == [(NOTICES["be", "en"], "be")]


@pytest.mark.parametrize("reader", ["be", "ru"])
def test_campaign_summary_and_body_in_english_only_are_marked_with_one_notice(client, reader):
    campaign = CampaignFactory(name_ru="Кампания")
    only_in(campaign, "en", summary="A summary.", body="<p>The body.</p>")

    content = page(client, f"/{reader}/campaigns/{campaign.slug}/")

    assert '<p class="lead" lang="en">A summary.</p>' in content
    assert '<div class="prose" lang="en"><p>The body.</p></div>' in content
    assert notices(content) == [(NOTICES[reader, "en"], reader)]


def test_campaign_links_shown_in_another_language_are_marked(client):
    campaign = CampaignFactory()
    only_in(CampaignLinkFactory(campaign=campaign), "ru", label="Подписать")

    content = page(client, f"/en/campaigns/{campaign.slug}/")

    assert language_of(content, "Подписать") == "ru"


def test_campaign_list_gives_a_notice_to_a_summary_shown_in_another_language(client):
    only_in(CampaignFactory(), "en", summary="A summary.")
    CampaignFactory(summary_be="Коратка.")

    content = page(client, "/be/campaigns/")

    assert language_of(content, "A summary.") == "en"
    assert notices(content) == [(NOTICES["be", "en"], "be")]


def test_campaign_named_in_a_sections_meta_line_is_marked(client):
    digest = DigestFactory(published=True)
    SectionFactory(digest=digest, campaign=only_in(CampaignFactory(), "ru", name="Санкции"))

    content = page(client, f"/en/digests/{digest.slug}/")

    assert language_of(content, "Санкции") == "ru"


def test_site_name_shown_in_another_language_is_marked(client):
    SiteSettingsFactory(site_name_be="Навіны", site_name_ru="", site_name_en="")

    content = page(client, "/ru/today/")

    assert (
        '<a class="wordmark" href="/ru/" lang="be"><span class="wordmark__flag" aria-hidden="true">'
        '</span><span class="wordmark__name">Навіны</span></a>'
    ) in content


def test_tag_link_marks_a_name_shown_in_another_language():
    # Any translated object with a name and a slug stands in for a translated tag.
    campaign = only_in(CampaignFactory(slug="sanctions"), "ru", name="Санкции")

    with translation.override("en"):
        html = render_to_string("includes/tag_link.html", {"tag": campaign})

    assert html.strip() == '<a class="tag" href="/en/tags/sanctions/" lang="ru">#Санкции</a>'


@pytest.mark.parametrize("language", ["be", "ru", "en"])
@pytest.mark.parametrize("filled", list(itertools.product([True, False], repeat=3)))
def test_shown_language_names_the_column_modeltranslation_renders(language, filled):
    columns = {
        f"heading_{code}": f"heading in {code}" if is_filled else ""
        for code, is_filled in zip(["be", "ru", "en"], filled, strict=True)
    }
    section = SectionFactory(**columns)

    with translation.override(language):
        shown = shown_language(section, "heading")
        rendered = section.heading

    if shown is None:
        assert rendered == "" and not any(filled)
    else:
        assert rendered == f"heading in {shown}"


def test_home_page_without_a_digest_marks_the_site_name_in_another_language(client):
    SiteSettingsFactory(site_name_be="Навіны", site_name_ru="", site_name_en="")

    content = page(client, "/en/")

    assert '<h1 lang="be">Навіны</h1>' in content
