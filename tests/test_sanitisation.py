import pytest

from campaigns.models import Campaign
from newsroom.richtext import sanitize_html
from tests.factories import (
    CampaignFactory,
    DigestFactory,
    PartnerMeetingFactory,
    SectionFactory,
)

LINK_REL = 'rel="noopener noreferrer"'

# Each hostile input, and what must not survive it (compared in lower case).
HOSTILE = {
    "script tag": ("<p>Hi</p><script>alert(1)</script>", ["<script", "alert"]),
    "script in svg": ("<svg><script>alert(1)</script></svg>", ["<svg", "<script", "alert"]),
    "svg onload": ('<svg onload="alert(1)"><circle r="4"/></svg>', ["<svg", "onload"]),
    "img onerror": ("<img src=x onerror=alert(1)>", ["<img", "onerror", "alert"]),
    "onclick": ('<p onclick="alert(1)">Click</p>', ["onclick", "alert"]),
    "onmouseover on link": (
        '<a href="https://example.org" onmouseover="alert(1)">x</a>',
        ["onmouseover", "alert"],
    ),
    "javascript url": ('<a href="javascript:alert(1)">x</a>', ["javascript", "alert"]),
    "mixed-case javascript url": ('<a href="JaVaScRiPt:alert(1)">x</a>', ["javascript"]),
    "javascript url with a tab": ('<a href="jav&#x09;ascript:alert(1)">x</a>', ["ascript"]),
    "entity-encoded javascript url": ('<a href="&#106;avascript:alert(1)">x</a>', ["avascript"]),
    "javascript url after spaces": ('<a href="   javascript:alert(1)">x</a>', ["javascript"]),
    "vbscript url": ('<a href="vbscript:msgbox(1)">x</a>', ["vbscript"]),
    "data url": (
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
        ["data:", "base64"],
    ),
    "iframe": ('<iframe src="https://evil.example/"></iframe>', ["<iframe", "evil.example"]),
    "style tag": ("<style>body{display:none}</style><p>Text</p>", ["<style", "display"]),
    "style attribute": ('<p style="position:fixed;top:0">Text</p>', ["style", "position"]),
    "split script tag": ("<scr<script>ipt>alert(1)</script>", ["<script", "<scr"]),
    "mutation xss": (
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        ["<img", "onerror", "<math", "<style"],
    ),
    "script in a comment": ("<!-- <script>alert(1)</script> --><p>Text</p>", ["<!--", "<script"]),
    "form": ('<form action="https://evil.example/"><input name="q"></form>', ["<form", "<input"]),
    "object and embed": ("<object data=x></object><embed src=x>", ["<object", "<embed"]),
    "base and meta refresh": (
        '<base href="https://evil.example/"><meta http-equiv="refresh" content="0">',
        ["<base", "<meta", "evil.example"],
    ),
    "target blank opener": (
        '<a href="https://example.org" target="_blank" rel="opener">x</a>',
        ["target", 'rel="opener"'],
    ),
}


@pytest.mark.parametrize(("html", "forbidden"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_html_is_disarmed(html, forbidden):
    cleaned = sanitize_html(html).lower()

    for fragment in forbidden:
        assert fragment not in cleaned


@pytest.mark.parametrize(
    "html",
    [
        "<p>One<br>two</p>",
        "<ul><li>One</li></ul><ol><li>Two</li></ol>",
        "<p><strong>Bold</strong> and <em>italic</em></p>",
        "<blockquote><p>A quote</p></blockquote>",
        "<h3>Heading</h3><h4>Subheading</h4>",
    ],
)
def test_allowed_formatting_is_kept_as_written(html):
    assert sanitize_html(html) == html


@pytest.mark.parametrize(
    "href", ["https://example.org/voice", "http://example.org/", "mailto:office@example.org"]
)
def test_allowed_links_are_kept_and_tell_the_other_site_nothing(href):
    cleaned = sanitize_html(f'<a href="{href}">Link</a>')

    assert cleaned == f'<a href="{href}" {LINK_REL}>Link</a>'


def test_link_with_a_forbidden_scheme_keeps_its_text_but_loses_its_address():
    assert sanitize_html('<a href="javascript:alert(1)">Vote</a>') == f"<a {LINK_REL}>Vote</a>"


@pytest.mark.parametrize(
    "href", ["//evil.example/x", "/\\evil.example/x", "page.html", "ftp://example.org/"]
)
def test_links_that_could_lead_to_another_host_without_a_scheme_lose_their_address(href):
    assert sanitize_html(f'<a href="{href}">Link</a>') == f"<a {LINK_REL}>Link</a>"


def test_link_that_hides_a_second_slash_behind_a_tab_loses_its_address():
    assert sanitize_html('<a href="/&#9;/evil.example">Link</a>') == f"<a {LINK_REL}>Link</a>"


def test_no_tag_keeps_attributes_off_the_allow_list():
    cleaned = sanitize_html('<p lang="ru" title="x" data-id="1" aria-label="y">Text</p>')

    assert cleaned == "<p>Text</p>"


@pytest.mark.parametrize("href", ["/en/campaigns/referendum/", "#section-3"])
def test_links_into_this_site_are_kept(href):
    assert sanitize_html(f'<a href="{href}">Link</a>') == f'<a href="{href}" {LINK_REL}>Link</a>'


def test_pasted_headings_become_the_headings_a_digest_allows():
    cleaned = sanitize_html("<h1>Big</h1><h2>Small</h2><H5 class='x'>Tiny</H5>")

    assert cleaned == "<h3>Big</h3><h3>Small</h3><h4>Tiny</h4>"


def test_tags_off_the_allow_list_are_dropped_but_their_text_kept():
    assert sanitize_html('<div class="x"><span>Text</span></div>') == "Text"


def test_empty_editor_document_is_stored_as_empty():
    assert sanitize_html("<p></p>") == ""
    assert sanitize_html(None) == ""


@pytest.mark.django_db
def test_section_body_saved_through_the_orm_is_stored_sanitised():
    section = SectionFactory(
        body_en='<p onclick="steal()">Hello <a href="javascript:steal()">there</a></p>'
        "<script>steal()</script>"
    )

    section.refresh_from_db()

    assert section.body_en == f"<p>Hello <a {LINK_REL}>there</a></p>"


@pytest.mark.django_db
def test_every_rich_text_field_is_stored_sanitised():
    hostile = "<p>Text</p><img src=x onerror=alert(1)>"
    campaign = CampaignFactory(body_ru=hostile)
    meeting = PartnerMeetingFactory(notes_en=hostile)
    digest = DigestFactory(closing_call_be=hostile)

    for obj, field in [(campaign, "body_ru"), (meeting, "notes_en"), (digest, "closing_call_be")]:
        obj.refresh_from_db()
        assert getattr(obj, field) == "<p>Text</p>"


@pytest.mark.django_db
def test_campaign_text_posted_in_the_admin_is_stored_sanitised(admin_client, admin_form_data):
    data = admin_form_data(admin_client.get("/admin/campaigns/campaign/add/"))
    data.update(
        name_be="Народныя санкцыі",
        slug="popular-sanctions",
        body_en='<p>Join us</p><svg><script>alert(1)</script></svg><a href="https://example.org"'
        ' onclick="alert(1)">here</a>',
    )

    response = admin_client.post("/admin/campaigns/campaign/add/", data)

    assert response.status_code == 302
    campaign = Campaign.objects.get(slug="popular-sanctions")
    assert campaign.body_en == f'<p>Join us</p><a href="https://example.org" {LINK_REL}>here</a>'


@pytest.mark.django_db
def test_section_text_posted_in_the_digest_admin_is_stored_sanitised(admin_client, admin_form_data):
    digest = DigestFactory()
    url = f"/admin/digests/digest/{digest.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data.update(
        {
            "sections-TOTAL_FORMS": "1",
            "sections-0-position": "1",
            "sections-0-kind": "statement",
            "sections-0-heading_be": "Заява",
            "sections-0-body_be": '<p>Тэкст</p><iframe src="https://evil.example/"></iframe>'
            '<p><a href="JaVaScRiPt:alert(1)">спасылка</a></p>',
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert digest.sections.get().body_be == f"<p>Тэкст</p><p><a {LINK_REL}>спасылка</a></p>"


@pytest.mark.django_db
def test_digest_page_carries_no_script_even_from_hostile_text(client):
    digest = DigestFactory(published=True, closing_call_en="<script>alert('closing')</script>")
    SectionFactory(digest=digest, body_en="<img src=x onerror=alert('section')>")

    content = client.get(f"/en/digests/{digest.slug}/").content.decode()

    # The schema.org data block is never run (tests/test_sharing.py checks its escaping).
    assert "<script" not in content.replace('<script type="application/ld+json">', "")
    assert "onerror" not in content
    assert "alert(" not in content
