"""The offline edition: one HTML file per digest and language that loads nothing at all."""

import base64
import datetime
import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image as PillowImage

from digests.models import Digest
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    DigestActionFactory,
    DigestFactory,
    ImageFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["be", "ru", "en"]
CSS_REFERENCE = re.compile(r"url\s*\(|@import|image-set\s*\(", re.IGNORECASE)
# Attributes that make a browser fetch something.
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "formaction", "action"}
LINK = re.compile(r"^(https?://[^/\s]+/|mailto:|#)")


def page_url(digest, language):
    with translation.override(language):
        return digest.get_absolute_url()


def offline_url(digest, language="be"):
    with translation.override(language):
        return reverse("digests:offline", kwargs={"slug": digest.slug})


class Document(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.styles, self._in_style = [], [], False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def parse(content):
    document = Document()
    document.feed(content.decode())
    document.close()
    return document


def external_references(document):
    """Everything in the document a browser would load that is not a data: URI."""
    found = []
    for tag, attrs in document.elements:
        if tag in {"script", "link", "iframe", "object", "embed", "base"}:
            found.append((tag, attrs))
        for name, value in attrs.items():
            if name in LOADING_ATTRIBUTES and not (value or "").startswith("data:"):
                found.append((tag, name, value))
            if name == "style" and CSS_REFERENCE.search(value or ""):
                found.append((tag, name, value))
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            found.append((tag, attrs))
    found += [css for css in document.styles if CSS_REFERENCE.search(css)]
    return found


@pytest.fixture
def digest():
    campaign = CampaignFactory(slug="cross-it-out")
    digest = DigestFactory(
        published=True,
        headline_ru="Главная новость",
        cover=ImageFactory(credit="Photo: the office"),
        tags=["sanctions"],
    )
    item = ActionItemFactory(text_en="Sign it", url="https://example.org/sign")
    DigestActionFactory(digest=digest, action_item=item)
    body = '<p>See <a href="/en/campaigns/cross-it-out/">the campaign</a>.</p>'
    SectionFactory(
        digest=digest,
        heading_en="First section",
        body_be=body,
        body_ru=body,
        body_en=body,
        image=ImageFactory(),
        campaign=campaign,
    )
    SectionFactory(digest=digest, heading_en="Second section", heading_ru="Второй раздел")
    SectionFactory(digest=digest, heading_be="Трэці раздзел", heading_ru="", heading_en="")
    digest.closing_call_en = '<p>Write to <a href="mailto:office@example.org">us</a>.</p>'
    digest.save()
    return digest


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_edition_loads_nothing_from_anywhere(client, digest, language):
    response = client.get(offline_url(digest, language))

    assert response.status_code == 200
    document = parse(response.content)
    assert external_references(document) == []
    assert document.styles and "--accent" in document.styles[0]
    assert "@media print" in document.styles[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_link_is_absolute_or_an_anchor(client, digest, language):
    document = parse(client.get(offline_url(digest, language)).content)

    hrefs = [attrs.get("href", "") for tag, attrs in document.elements if tag == "a"]
    assert hrefs
    assert [href for href in hrefs if not LINK.match(href)] == []
    assert "http://testserver/en/campaigns/cross-it-out/" in hrefs
    assert "mailto:office@example.org" in hrefs or language != "en"
    assert f"http://testserver/{language}/digests/{digest.slug}/" in hrefs
    anchors = {attrs["id"] for tag, attrs in document.elements if "id" in attrs}
    assert {href[1:] for href in hrefs if href.startswith("#")} <= anchors


def test_images_are_embedded_and_decode(client, digest):
    document = parse(client.get(offline_url(digest, "en")).content)

    images = [attrs for tag, attrs in document.elements if tag == "img"]
    assert len(images) == 2
    for attrs in images:
        assert "srcset" not in attrs
        header, data = attrs["src"].split(",", 1)
        assert header in {"data:image/webp;base64", "data:image/jpeg;base64"}
        with PillowImage.open(io.BytesIO(base64.b64decode(data))) as picture:
            assert picture.size == (int(attrs["width"]), int(attrs["height"]))
        assert attrs["alt"]


def test_an_image_whose_files_are_gone_is_left_out(client, digest):
    digest.cover.file.storage.delete(digest.cover.file.name)
    for image_format in ("WEBP", "JPEG"):
        for name, _width in digest.cover.renditions(image_format):
            digest.cover.file.storage.delete(name)

    response = client.get(offline_url(digest, "en"))

    assert response.status_code == 200
    assert response.content.count(b"<img ") == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_edition_holds_what_the_digest_page_shows(client, digest, language):
    content = client.get(offline_url(digest, language)).content.decode()
    page = client.get(page_url(digest, language)).content.decode()

    document = parse(content.encode())
    assert ("html", {"lang": language}) in document.elements
    assert '<meta charset="utf-8">' in content
    headings = re.findall(r'<h2 id="section-\d+-h"[^>]*>([^<]*)</h2>', page)
    assert len(headings) == 3
    for heading in headings:
        assert heading in content
    with translation.override(language):
        assert digest.title_with_year in content
        assert str(Digest.objects.get(pk=digest.pk).headline) in content
    assert "https://example.org/sign" in content
    if language != "be":
        assert 'class="notice"' in content  # a section written in Belarusian only says so
    assert f"/{language}/tags/sanctions/" in content
    assert str(digest.period_end.year) in content
    assert (
        f'datetime="{timezone.localtime(digest.published_at).replace(microsecond=0).isoformat()}"'
        in content
    )


def test_the_note_says_it_is_an_offline_edition_of_the_site(client, digest):
    content = client.get(offline_url(digest, "en")).content.decode()

    assert "Offline edition, saved on" in content
    assert "(testserver)" in content
    assert "Read online" in content


@pytest.mark.parametrize(
    "make",
    [
        lambda: DigestFactory(),
        lambda: DigestFactory(scheduled=True),
    ],
    ids=["draft", "scheduled"],
)
def test_only_a_published_digest_has_an_edition(client, make):
    assert client.get(offline_url(make())).status_code == 404


def test_an_unknown_digest_has_no_edition(client):
    assert client.get("/be/digests/no-such-digest/offline.html").status_code == 404


def test_a_former_address_leads_to_the_edition_at_the_new_one(client, digest):
    former = digest.slug
    digest.slug = "renamed-digest"
    digest.save()

    response = client.get(f"/en/digests/{former}/offline.html")

    assert response.status_code == 301
    assert response["Location"] == "/en/digests/renamed-digest/offline.html"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_edition_is_a_download_named_for_the_digest_and_language(client, digest, language):
    response = client.get(offline_url(digest, language))

    assert response["Content-Disposition"] == (
        f'attachment; filename="{digest.slug}-{language}.html"'
    )
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert not response.cookies
    assert "script-src" not in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_the_same_data_gives_the_same_bytes(client, digest):
    first = client.get(offline_url(digest, "be")).content

    later = timezone.now() + datetime.timedelta(days=3)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        second = client.get(offline_url(digest, "be")).content

    assert first == second


def test_the_digest_page_links_its_edition(client, digest):
    for language in LANGUAGES:
        page = client.get(page_url(digest, language))
        assert f'href="{offline_url(digest, language)}"'.encode() in page.content


def test_a_preview_does_not_link_an_edition_it_would_not_have(admin_client):
    draft = DigestFactory()

    preview = admin_client.get(reverse("admin:digests_digest_preview", args=[draft.pk]))

    assert b"offline.html" not in preview.content


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_digest_edition_loads_nothing(client, language, capsys):
    call_command("load_demo")
    capsys.readouterr()
    digest = Digest.objects.get(slug="digest-2022-01-10-23")

    response = client.get(offline_url(digest, language))

    assert response.status_code == 200
    assert external_references(parse(response.content)) == []
    print(f"\n{language}: {len(response.content)} bytes")
