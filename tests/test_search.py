"""Search: /<lang>/search/?q=, on whichever database the suite runs (SQLite or PostgreSQL)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digests.search import MAX_QUERY_LENGTH
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    DigestFactory,
    PartnerMeetingFactory,
    SectionFactory,
    SiteSettingsFactory,
)
from tests.test_public_pages import PAGES, site_content  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

LANGUAGES = ["be", "ru", "en"]
POSTGRES = connection.vendor == "postgresql"


def results(response):
    """The titles of the results, in their order."""
    assert response.status_code == 200
    return re.findall(r'class="result__title"><a href="[^"]*"[^>]*>(.*?)</a>', page(response))


def page(response):
    return response.content.decode()


def section(word="", heading=None, **kwargs):
    digest = kwargs.pop("digest", None) or DigestFactory(published=True)
    return SectionFactory(
        digest=digest,
        heading_be=heading or "Раздзел",
        body_be=f"<p>Напачатку тэкст раздзела, а ў ім {word} і далей.</p>",
        heading_ru="",
        body_ru="",
        heading_en="",
        body_en="",
        **kwargs,
    )


def test_a_word_of_a_section_body_is_found(client):
    found = section("мірнаму", heading="Пра мір")
    section("іншаму", heading="Пра іншае")

    response = client.get("/be/search/?q=мірнаму")

    assert results(response) == ["Пра мір"]
    assert f'href="/be/digests/{found.digest.slug}/#section-{found.pk}"' in page(response)


def test_search_is_in_the_readers_language(client):
    SectionFactory(
        digest=DigestFactory(published=True),
        heading_en="Sanctions",
        body_en="<p>Popular sanctions go on.</p>",
        heading_ru="Санкции",
        body_ru="<p>Народные санкции продолжаются.</p>",
    )

    assert results(client.get("/en/search/?q=sanctions")) == ["Sanctions"]
    assert results(client.get("/ru/search/?q=санкции")) == ["Санкции"]
    assert results(client.get("/en/search/?q=санкции")) == []


def test_a_heading_shown_through_the_fallback_keeps_its_language(client):
    SectionFactory(
        digest=DigestFactory(published=True),
        heading_be="Санкцыі",
        heading_ru="",
        heading_en="",
        body_ru="<p>Народные санкции продолжаются.</p>",
    )

    response = client.get("/ru/search/?q=санкции")

    assert results(response) == ["Санкцыі"]
    assert 'lang="be">Санкцыі</a>' in page(response)


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Беларусь", "беларусь"),
        ("БЕЛАРУСЬ", "Беларусь"),
        ("беларусь", "БЕЛАРУСЬ"),
    ],
)
def test_cyrillic_letters_match_whatever_their_case(client, stored, typed):
    section(stored, heading="Тут")

    assert results(client.get(f"/be/search/?q={typed}")) == ["Тут"]


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("ўсіх", "усих"),
        ("усих", "ўсіх"),
        ("Ўсіх", "усіх"),
        ("Іванаў", "иванау"),
        ("ёлку", "елку"),
        ("ЁЛКУ", "елку"),
    ],
)
def test_belarusian_letters_typed_either_way_match(client, stored, typed):
    section(stored, heading="Тут")

    assert results(client.get(f"/be/search/?q={typed}")) == ["Тут"]


def test_a_word_typed_differently_is_still_highlighted_in_its_own_letters(client):
    section("палітвязняў", heading="Тут")

    response = client.get("/be/search/?q=палитвязняу")

    assert results(response) == ["Тут"]
    assert "<mark>палітвязняў</mark>" in page(response)


def test_drafts_scheduled_digests_and_their_sections_are_never_found(client):
    for digest in (DigestFactory(), DigestFactory(scheduled=True)):
        digest.headline_be = "Таемны загаловак"
        digest.save()
        section("таемны", heading="Таемны раздзел", digest=digest)

    assert results(client.get("/be/search/?q=таемны")) == []


def test_private_meetings_are_never_found_and_public_ones_are(client):
    PartnerMeetingFactory(internal=True, counterpart_name_be="Сакрэтны амбасадар")
    PartnerMeetingFactory(counterpart_name_be="Публічны амбасадар")

    assert results(client.get("/be/search/?q=амбасадар")) == ["Публічны амбасадар"]


def test_campaigns_and_current_action_items_are_found_with_their_labels(client):
    campaign = CampaignFactory(name_be="Музей свабоды", summary_be="Перадайце экспанат.")
    ActionItemFactory(campaign=campaign, text_be="Перадайце экспанат музею")
    ActionItemFactory(expired=True, text_be="Былы экспанат")

    response = client.get("/be/search/?q=экспанат")

    assert sorted(results(response)) == ["Музей свабоды", "Перадайце экспанат музею"]
    assert '<p class="result__kind">Кампанія</p>' in page(response)
    assert '<p class="result__kind">Заклік</p>' in page(response)
    assert 'href="/be/today/"' in page(response)


def test_a_digests_own_texts_are_found(client):
    digest = DigestFactory(published=True, headline_be="Рэферэндум пра канстытуцыю")

    response = client.get("/be/search/?q=рэферэндум")

    assert results(response) == [digest.display_title]
    assert f'href="/be/digests/{digest.slug}/"' in page(response)


def test_a_heading_match_ranks_above_a_body_match(client):
    # The body match comes first in every other order: newer, and made first.
    section("выбары", heading="Іншы раздзел", digest=DigestFactory(published=True))
    older = DigestFactory(
        published=True,
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2020, 1, 14),
    )
    section("", heading="Выбары", digest=older)

    assert results(client.get("/be/search/?q=выбары")) == ["Выбары", "Іншы раздзел"]


def test_the_snippet_escapes_stored_html_and_marks_only_the_match(client):
    SectionFactory(
        digest=DigestFactory(published=True),
        heading_be="Тэст",
        body_be="<p>Словы &lt;script&gt;alert(1)&lt;/script&gt; і &lt;b&gt;санкцыі&lt;/b&gt;</p>",
    )

    content = page(client.get("/be/search/?q=санкцыі"))
    snippet = re.search(r'class="result__snippet">(.*?)</p>', content).group(1)

    assert "<script>" not in content
    assert "alert(1)&lt;/script&gt;" in snippet
    assert "<mark>санкцыі</mark>" in snippet
    assert re.sub(r"</?mark>", "", snippet) == re.sub(r"<[^>]*>", "", snippet).replace("<", "")


def test_a_query_with_markup_is_echoed_as_text(client):
    section("санкцыі", heading="Тэст")

    content = page(client.get("/be/search/?q=<mark>санкцыі</mark><script>x</script>"))

    assert "<script>x" not in content
    assert "&lt;script&gt;x&lt;/script&gt;" in content


def test_highlighting_on_postgresql_is_ts_headline_of_stemmed_words(client):
    SectionFactory(
        digest=DigestFactory(published=True),
        heading_en="Elections",
        body_en="<p>Free <em>elections</em> are what we ask for.</p>",
    )

    response = client.get("/en/search/?q=election")
    content = page(response)

    assert results(response) == ["Elections"]
    if POSTGRES:
        # English stemming: "election" finds and marks "elections".
        assert "Free <mark>elections</mark> are what we ask for." in content
    else:
        assert "Free <mark>election</mark>s are what we ask for." in content


HOSTILE_QUERIES = [
    '"',
    '"unbalanced',
    "'",
    "''",
    "\\",
    "\\\\'",
    "&|!:*()",
    "a & b | !c",
    "word:*",
    "!!!",
    "(((",
    "-",
    "--word",
    "or",
    "OR AND NOT",
    "😀",
    "🇧🇾 санкцыі",
    "...",
    "<>",
    "%",
    "_",
    "%_%",
    "\u200b",
    "\ue000санкцыі\ue001",
    "a" * 3000,
    "санкцыі " * 500,
    "ў" * 199 + "і",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_odd_queries_give_a_clean_page(client, language, query):
    section("санкцыі", heading="Тэст")

    response = client.get(f"/{language}/search/", {"q": query})

    assert response.status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", ["%00", "a%00b", "%00санкцыі"])
def test_a_nul_byte_in_the_query_is_a_bad_request(client, language, query):
    response = client.get(f"/{language}/search/?q={query}")

    assert response.status_code == 400


def test_an_overlong_query_is_cut_and_the_reader_told(client):
    section("санкцыі", heading="Тэст")

    response = client.get("/be/search/", {"q": "санкцыі " + "x" * 2993})
    content = page(response)

    assert response.status_code == 200
    assert f"толькі першыя {MAX_QUERY_LENGTH} знакаў" in content
    assert 'value="санкцыі ' + "x" * (MAX_QUERY_LENGTH - 8) + '"' in content


def test_an_empty_query_shows_the_form_and_no_results(client):
    section("санкцыі", heading="Тэст")

    for query in ("", "   "):
        response = client.get("/be/search/", {"q": query})

        assert results(response) == []
        assert 'id="search-page-q"' in page(response)
        assert "Нічога не знойдзена" not in page(response)


def test_a_query_without_results_says_so(client):
    response = client.get("/be/search/?q=нічога")

    assert results(response) == []
    assert "Нічога не знойдзена па запыце «нічога»" in page(response)


def test_results_come_in_pages(client):
    digest = DigestFactory(published=True)
    for number in range(25):
        section("санкцыі", heading=f"Раздзел {number:02}", digest=digest, position=number)

    first = client.get("/be/search/?q=санкцыі")
    second = client.get("/be/search/?q=санкцыі&page=2")

    assert len(results(first)) == 20
    assert len(results(second)) == 5
    assert set(results(first)).isdisjoint(results(second))
    assert "25 вынікаў" in page(first)
    assert 'href="?q=%D1%81%D0%B0%D0%BD%D0%BA%D1%86%D1%8B%D1%96&amp;page=2"' in page(first)


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("be", "Больш за 3 вынікі па запыце «sanctions»"),
        ("ru", "Больше 3 результатов по запросу «sanctions»"),
        ("en", "More than 3 results for “sanctions”"),
    ],
)
def test_a_count_past_the_cap_is_said_as_more_than_it(client, monkeypatch, language, said):
    monkeypatch.setattr("digests.search.MAX_RESULTS", 3)
    digest = DigestFactory(published=True)
    for position in range(5):
        SectionFactory(
            digest=digest,
            position=position,
            **{f"heading_{code}": "Sanctions" for code in LANGUAGES},
            **{f"body_{code}": "<p>sanctions</p>" for code in LANGUAGES},
        )

    response = client.get(f"/{language}/search/?q=sanctions")

    assert said in page(response)
    # Only the capped count is paged through.
    assert len(results(response)) == 3
    assert "page=2" not in page(response)


def test_only_the_newest_matches_of_a_kind_are_ranked(client, monkeypatch):
    monkeypatch.setattr("digests.search.CANDIDATES", 2)
    monkeypatch.setattr("digests.search.SQLITE_SCANNED_ROWS", 2)
    digest = DigestFactory(published=True)
    # The oldest section would rank first (its heading matches), but it is past the bound.
    section("мір", heading="Мір", digest=digest, position=0)
    section("мір", heading="Другі", digest=digest, position=1)
    section("мір", heading="Трэці", digest=digest, position=2)

    assert sorted(results(client.get("/be/search/?q=мір"))) == ["Другі", "Трэці"]


@pytest.mark.parametrize(("number", "shown"), [("99", 5), ("abc", 20), ("-1", 5), ("0", 5)])
def test_a_page_number_out_of_range_or_not_a_number_gives_a_clean_page(client, number, shown):
    digest = DigestFactory(published=True)
    for position in range(25):
        section("санкцыі", digest=digest, position=position)

    response = client.get(f"/be/search/?q=санкцыі&page={number}")

    assert len(results(response)) == shown


def test_search_page_is_kept_out_of_search_engines_and_sets_no_cookies(client):
    section("санкцыі")

    response = client.get("/be/search/?q=санкцыі")

    assert '<meta name="robots" content="noindex">' in page(response)
    assert response["X-Robots-Tag"] == "noindex"
    assert response.cookies == {}


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def one_of_each(number):
    digest = DigestFactory(published=True, headline_be=f"Мір {number}")
    section("мір", digest=digest)
    CampaignFactory(name_be=f"Мір {number}")
    ActionItemFactory(text_be=f"Мір {number}")
    PartnerMeetingFactory(counterpart_name_be=f"Мір {number}")


def test_a_search_makes_as_many_queries_with_20_results_as_with_5(client):
    SiteSettingsFactory()
    one_of_each(0)
    few = queries_for(client, "/be/search/?q=мір")
    for number in range(1, 4):
        one_of_each(number)

    many = queries_for(client, "/be/search/?q=мір")

    assert len(results(client.get("/be/search/?q=мір"))) == 20
    # The site settings with the footer's social links, the count, the page's
    # (kind, key) pairs, and one query per kind of result.
    assert few == many == 8


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", [*PAGES.values(), "no-such-page/"])
def test_every_public_page_has_the_search_form_in_its_header(
    client,
    site_content,  # noqa: F811
    language,
    path,
):
    content = page(client.get(f"/{language}/" + path.format(**site_content)))
    header = re.search(r'<header class="site-header">.*</header>', content, re.S).group(0)

    form = re.search(r'<form class="site-search" role="search"[^>]*>.*?</form>', header, re.S)
    assert form
    assert f'action="/{language}/search/"' in form.group(0)
    assert 'method="get"' in form.group(0)
    assert re.search(r'<input type="search" name="q" aria-label="[^"]+"', form.group(0))
    assert "csrfmiddlewaretoken" not in form.group(0)


def test_letters_that_lengthen_when_lowercased_do_not_shift_the_marks(client):
    section("İstanbul і Беларусь", heading="Тут")

    content = page(client.get("/be/search/?q=беларусь"))

    assert "İstanbul і <mark>Беларусь</mark>" in content


def test_the_search_page_has_one_search_landmark(client):
    # Its own form sits in the page's main content; two search landmarks
    # with the same name leave screen-reader users guessing which is which.
    content = client.get("/be/search/?q=музей").content.decode()

    assert content.count('role="search"') == 1
