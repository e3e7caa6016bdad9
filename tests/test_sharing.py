"""What a shared link shows: canonical address, alternates, sharing card, schema.org data,
the digest's dates and title with its year, and the share links under a digest."""

import datetime
import json
import re
import urllib.parse
from html.parser import HTMLParser

import pytest
from django.utils import timezone
from PIL import Image as PillowImage

from digests.services import create_preview_link
from tests.factories import (
    CampaignFactory,
    DigestFactory,
    ImageFactory,
    PartnerMeetingFactory,
    SiteSettingsFactory,
    SocialLinkFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["be", "ru", "en"]


class Head(HTMLParser):
    """The head's meta and link elements and the page's JSON-LD blocks."""

    def __init__(self, content):
        super().__init__()
        self.meta, self.links, self.json_ld = [], [], []
        self._in_json_ld = False
        self.feed(content)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta.append(attrs)
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True

    def handle_endtag(self, tag):
        self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

    def property(self, name):
        return [m["content"] for m in self.meta if m.get("property") == name]

    def name(self, name):
        return [m["content"] for m in self.meta if m.get("name") == name]

    def canonical(self):
        return [link["href"] for link in self.links if link.get("rel") == "canonical"]

    def alternates(self):
        return {
            link["hreflang"]: link["href"]
            for link in self.links
            # Feeds are alternates too, of another type and with no language of their own.
            if link.get("rel") == "alternate" and "hreflang" in link
        }


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return Head(response.content.decode())


@pytest.fixture
def site():
    site = SiteSettingsFactory(tagline_be="Навіны офіса", tagline_en="The office's news")
    SocialLinkFactory(site=site, url="https://t.me/office")
    SocialLinkFactory(site=site, url="https://www.facebook.com/office")
    return site


@pytest.fixture
def pages(site):
    digest = DigestFactory(published=True, tags=["referendum"])
    campaign = CampaignFactory()
    meeting = PartnerMeetingFactory()
    return [
        "/{language}/",
        "/{language}/today/",
        "/{language}/digests/",
        f"/{{language}}/digests/{digest.slug}/",
        f"/{{language}}/digests/{digest.period_start.year}/",
        "/{language}/tags/referendum/",
        "/{language}/campaigns/",
        f"/{{language}}/campaigns/{campaign.slug}/",
        "/{language}/meetings/",
        f"/{{language}}/meetings/{meeting.pk}/",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_names_its_own_absolute_canonical_address(client, pages, language):
    canonicals = []
    for page in pages:
        url = page.format(language=language)
        found = head(client, url).canonical()
        assert found == [f"http://testserver{url}"]
        canonicals += found
    assert len(set(canonicals)) == len(pages)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_has_alternates_and_the_belarusian_page_as_default(
    client, pages, language
):
    for page in pages:
        alternates = head(client, page.format(language=language)).alternates()
        assert alternates == {
            **{code: f"http://testserver{page.format(language=code)}" for code in LANGUAGES},
            "x-default": f"http://testserver{page.format(language='be')}",
        }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_has_a_sharing_card_in_its_language(client, pages, language):
    locales = {"be": "be_BY", "ru": "ru_RU", "en": "en_GB"}
    for page in pages:
        url = page.format(language=language)
        found = head(client, url)
        assert found.property("og:url") == [f"http://testserver{url}"]
        assert found.property("og:site_name") == ["Newsroom" if language == "en" else "Навіны"], url
        assert found.property("og:title")[0]
        assert found.property("og:description")[0]
        assert found.property("og:locale") == [locales[language]]
        assert sorted(found.property("og:locale:alternate")) == sorted(
            value for code, value in locales.items() if code != language
        )
        assert found.name("twitter:title") == found.property("og:title")


def test_a_digest_is_an_article_and_other_pages_are_websites(client, pages):
    for page in pages:
        kind = head(client, page.format(language="en")).property("og:type")
        assert kind == (["article"] if "/digests/digest-" in page else ["website"]), page


def test_a_digests_card_shows_its_cover_at_the_size_of_the_copy_it_names(client, site):
    cover = ImageFactory(file__width=2000, file__height=1000, alt_en="Flags in Vilnius")
    digest = DigestFactory(published=True, cover=cover)

    found = head(client, f"/en/digests/{digest.slug}/")

    (url,) = found.property("og:image")
    assert url.startswith("http://testserver/media/")
    assert url.endswith("-1600w.jpg")
    name = urllib.parse.urlparse(url).path.removeprefix("/media/")
    with PillowImage.open(cover.file.storage.path(name)) as copy:
        assert found.property("og:image:width") == [str(copy.width)]
        assert found.property("og:image:height") == [str(copy.height)]
    assert found.property("og:image:alt") == ["Flags in Vilnius"]
    assert found.property("og:image:type") == ["image/jpeg"]
    assert found.name("twitter:card") == ["summary_large_image"]
    assert found.name("twitter:image") == [url]


def test_a_small_cover_is_shared_at_its_own_size(client, site):
    digest = DigestFactory(published=True, cover=ImageFactory())  # 640 × 480

    found = head(client, f"/en/digests/{digest.slug}/")

    assert found.property("og:image")[0].endswith("-640w.jpg")
    assert found.property("og:image:width") == ["640"]
    assert found.property("og:image:height") == ["480"]


def test_pages_without_a_cover_share_the_site_image(client, site):
    site.sharing_image = ImageFactory(file__width=1300, file__height=700, alt_be="Сцяг")
    site.save()
    digest = DigestFactory(published=True)

    for url in ["/be/", "/be/campaigns/", f"/be/digests/{digest.slug}/"]:
        found = head(client, url)
        assert found.property("og:image")[0].endswith("-1300w.jpg"), url
        assert found.property("og:image:width") == ["1300"]
        assert found.property("og:image:height") == ["700"]
        assert found.property("og:image:alt") == ["Сцяг"]


def test_without_any_image_the_card_is_a_small_summary(client, site):
    found = head(client, "/en/")

    assert found.property("og:image") == []
    assert found.name("twitter:card") == ["summary"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_digest_page_describes_itself_as_a_news_article(client, site, language):
    cover = ImageFactory()
    digest = DigestFactory(
        published=True,
        cover=cover,
        period_start=datetime.date(2022, 1, 10),
        period_end=datetime.date(2022, 1, 23),
        published_at=datetime.datetime(2022, 1, 24, 7, 0, tzinfo=datetime.UTC),
    )

    (article,) = head(client, f"/{language}/digests/{digest.slug}/").json_ld

    url = f"http://testserver/{language}/digests/{digest.slug}/"
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "NewsArticle"
    assert article["inLanguage"] == language
    assert "2022" in article["headline"]
    assert article["datePublished"] == "2022-01-24T10:00:00+03:00"
    assert article["dateModified"] >= article["datePublished"]
    assert article["url"] == url
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["publisher"]["@type"] == "Organization"
    assert article["publisher"]["name"] == ("Newsroom" if language == "en" else "Навіны")
    assert article["image"]["url"].startswith("http://testserver/media/")
    assert article["image"]["width"] == 640


def test_the_home_page_describes_the_office_as_an_organization(client, site):
    (organization,) = head(client, "/ru/").json_ld

    assert organization["@type"] == "Organization"
    assert organization["url"] == "http://testserver/ru/"
    assert organization["sameAs"] == ["https://t.me/office", "https://www.facebook.com/office"]


def test_markup_in_a_text_cannot_end_the_json_ld_block(client, site):
    digest = DigestFactory(published=True, headline_en="</script><script>alert(1)</script>&")

    content = client.get(f"/en/digests/{digest.slug}/").content.decode()

    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert json.loads(block)["description"] == "</script><script>alert(1)</script>&"
    assert "\\u003C/script\\u003E" in block


def test_a_preview_gives_search_engines_and_messengers_nothing_but_noindex(client, site, editor):
    digest = DigestFactory(cover=ImageFactory(), headline_en="Secret plans")
    link = create_preview_link(digest=digest, by=editor, hours=72)

    response = client.get(f"/en/preview/{link.token}/")
    found = Head(response.content.decode())

    assert found.name("robots") == ["noindex, nofollow"]
    assert found.canonical() == []
    assert found.alternates() == {}
    assert [m for m in found.meta if m.get("property", "").startswith("og:")] == []
    assert [m for m in found.meta if m.get("name", "").startswith("twitter:")] == []
    assert found.json_ld == []
    assert "Secret plans" not in found.name("description")
    assert 'class="social share"' not in response.content.decode()


def test_a_stray_page_number_is_not_part_of_the_canonical_address(client, site):
    digest = DigestFactory(published=True)

    # Lists answer a ?page= of their own with a redirect to the page's address.
    for url in [f"/be/digests/{digest.slug}/", "/be/", "/be/today/"]:
        found = head(client, f"{url}?page=abc").canonical()

        assert found == [f"http://testserver{url}"]


def test_a_digest_published_this_instant_gives_a_valid_html_time(client, site):
    digest = DigestFactory(published=True)
    digest.published_at = digest.published_at.replace(microsecond=123456)
    digest.save()

    for url in [f"/be/digests/{digest.slug}/", "/be/", f"/be/digests/{digest.slug}/offline.html"]:
        found = re.findall(r'<time datetime="([^"]+)"', client.get(url).content.decode())
        # HTML takes at most three digits of a second's fraction: these give none.
        assert found and all(
            re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", value) for value in found
        ), (url, found)


@pytest.mark.parametrize(
    ("language", "title", "period"),
    [
        ("be", "Дайджэст: 10 — 23 студзеня 2022", "10–23 студзеня 2022"),
        ("ru", "Дайджест: 10 — 23 января 2022", "10–23 января 2022"),
        ("en", "Digest: 10 — 23 January 2022", "10–23 January 2022"),
    ],
)
def test_the_digest_page_shows_its_period_with_the_year_and_when_it_was_published(
    client, site, language, title, period
):
    digest = DigestFactory(
        published=True,
        period_start=datetime.date(2022, 1, 10),
        period_end=datetime.date(2022, 1, 23),
        published_at=datetime.datetime(2022, 1, 24, 7, 0, tzinfo=datetime.UTC),
    )
    published = {"be": "24 студзеня 2022", "ru": "24 января 2022", "en": "24 January 2022"}

    for url in [f"/{language}/digests/{digest.slug}/", f"/{language}/"]:
        content = client.get(url).content.decode()
        assert period in content, url
        assert (
            f'<time datetime="2022-01-24T10:00:00+03:00">{published[language]}</time>' in content
        ), url
    content = client.get(f"/{language}/digests/{digest.slug}/").content.decode()
    assert f"<title>{title} · " in content


def test_a_period_over_new_year_names_both_years_in_the_title(client, site):
    digest = DigestFactory(
        published=True,
        period_start=datetime.date(2021, 12, 27),
        period_end=datetime.date(2022, 1, 9),
    )

    content = client.get(f"/be/digests/{digest.slug}/").content.decode()

    assert "<title>Дайджэст: 27 снежня 2021 — 9 студзеня 2022 · Навіны</title>" in content


def test_an_editors_own_title_gets_the_year_when_it_has_none(client, site):
    digest = DigestFactory(
        published=True,
        title_en="Referendum special",
        period_start=datetime.date(2022, 1, 10),
        period_end=datetime.date(2022, 1, 23),
    )

    content = client.get(f"/en/digests/{digest.slug}/").content.decode()

    assert "<title>Referendum special, 2022 · Newsroom</title>" in content
    assert "<h1>Referendum special</h1>" in content


def test_share_links_carry_the_digests_address_encoded(client, site):
    digest = DigestFactory(
        published=True,
        period_start=datetime.date(2022, 1, 10),
        period_end=datetime.date(2022, 1, 23),
    )

    content = client.get(f"/en/digests/{digest.slug}/?utm=x&a=b").content.decode()

    share = re.search(r'<nav class="social share".*?</nav>', content, re.S).group(0)
    url = urllib.parse.quote(f"http://testserver/en/digests/{digest.slug}/", safe="")
    text = urllib.parse.quote("Digest: 10 — 23 January 2022", safe="")
    assert f'href="https://t.me/share/url?url={url}&amp;text={text}"' in share
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={url}"' in share
    assert f'href="https://x.com/intent/post?url={url}&amp;text={text}"' in share
    assert f'href="mailto:?subject={text}&amp;body={text}%0A{url}"' in share
    assert "utm" not in share
    assert share.count('rel="noopener noreferrer"') == 4
    assert "<script" not in share and "<img" not in share


def test_share_links_are_labelled_in_the_readers_language(client, site):
    digest = DigestFactory(published=True)

    content = client.get(f"/be/digests/{digest.slug}/").content.decode()

    share = re.search(r'<nav class="social share".*?</nav>', content, re.S).group(0)
    assert "Падзяліцца" in share
    assert "Электронная пошта" in share


def test_the_404_page_title_carries_the_site_name(client, site):
    content = client.get("/be/digests/no-such-digest/").content.decode()

    assert re.search(r"<title>[^<]+ · Навіны</title>", content)


def test_sharing_pages_set_no_cookies(client, site):
    digest = DigestFactory(published=True, cover=ImageFactory())

    for url in ["/be/", f"/be/digests/{digest.slug}/"]:
        assert client.get(url).cookies == {}, url


def test_a_scheduled_digest_is_not_announced_on_the_home_page(client, site):
    DigestFactory(published=True, published_at=timezone.now() - datetime.timedelta(days=1))
    scheduled = DigestFactory(scheduled=True, headline_en="Not yet")

    content = client.get("/en/").content.decode()

    assert scheduled.slug not in content
    assert "Not yet" not in content
