import base64
import hashlib
import html
import re
import subprocess
import sys
from urllib.parse import unquote, urlsplit

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from django.core.management import call_command

from digests.views import ArchiveView
from newsroom import mirror
from tests.factories import (
    DigestFactory,
    ImageFactory,
    PartnerMeetingFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

BASE_URL = "https://news.example.org"
# A fixed test key (base64 of a 32-byte seed), so runs sign alike.
SEED = base64.b64encode(bytes(range(32))).decode()
LINK = re.compile(r"""\s(href|src|srcset|action)="([^"]*)\"""")


@pytest.fixture
def signing_key(settings):
    settings.MIRROR_SIGNING_KEY = SEED
    return mirror.load_signing_key()


@pytest.fixture
def content(monkeypatch):
    # Three digests, two to a page: the archive has a second page, the export stays quick.
    monkeypatch.setattr(ArchiveView, "paginate_by", 2)
    tag = TagFactory(slug="referendum", name_en="referendum")
    digests = [DigestFactory(published=True, tags=[tag.name]) for _ in range(3)]
    latest = digests[-1]
    latest.cover = ImageFactory()
    latest.save()
    section = SectionFactory(digest=latest, image=ImageFactory(), tags=[tag.name])
    draft = DigestFactory(headline_en="A draft nobody may see")
    PartnerMeetingFactory(is_public=True)
    return {"latest": latest, "section": section, "draft": draft}


def export(outdir, key=None):
    return mirror.export_site(outdir, base_url=BASE_URL, signing_key=key)


def snapshot(outdir):
    return {
        str(path.relative_to(outdir)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(outdir.rglob("*"))
        if path.is_file()
    }


def html_files(outdir):
    return sorted(outdir.rglob("*.html"))


def test_every_internal_link_of_every_page_leads_to_a_file_of_the_mirror(tmp_path, content):
    outdir = tmp_path / "mirror"
    export(outdir)

    missing = []
    for page in html_files(outdir):
        for attribute, value in LINK.findall(page.read_text()):
            urls = (
                [part.split()[0] for part in value.split(",")] if attribute == "srcset" else [value]
            )
            for url in urls:
                url = url.replace("&amp;", "&")
                if not url or url.startswith(("#", "mailto:")) or urlsplit(url).scheme:
                    continue
                target = (page.parent / unquote(url.split("#")[0])).resolve()
                if not target.is_file():
                    missing.append(f"{page.relative_to(outdir)}: {url}")

    assert missing == []
    assert len(html_files(outdir)) > 30


def test_the_mirror_holds_every_language_page_archive_page_and_image(tmp_path, content):
    outdir = tmp_path / "mirror"
    export(outdir)
    latest = content["latest"]

    for code in ("be", "ru", "en"):
        assert (outdir / code / "index.html").is_file()
        assert (outdir / code / "digests" / latest.slug / "index.html").is_file()
        assert (outdir / code / "digests" / "page" / "2" / "index.html").is_file()
        assert (outdir / code / "tags" / "referendum" / "index.html").is_file()
        assert (outdir / code / "mirror" / "index.html").is_file()
        assert (outdir / code / "meetings" / "index.html").is_file()
    page = (outdir / "en" / "digests" / latest.slug / "index.html").read_text()
    assert "../../../static/css/site.css" in page
    renditions = list((outdir / "media").rglob("*.webp"))
    assert len(renditions) >= 2
    for rendition in renditions:
        assert (
            rendition.name in page
            or rendition.name
            in (outdir / "be" / "digests" / latest.slug / "index.html").read_text()
        )


def test_the_root_links_the_three_languages_and_leads_to_belarusian_without_script(
    tmp_path, content
):
    outdir = tmp_path / "mirror"
    export(outdir)

    root = (outdir / "index.html").read_text()

    assert '<meta http-equiv="refresh" content="0; url=be/index.html">' in root
    for code in ("be", "ru", "en"):
        assert f'href="{code}/index.html" hreflang="{code}"' in root
    assert "<script" not in root


def test_no_page_links_to_the_sites_own_host_except_its_canonical_addresses(tmp_path, content):
    outdir = tmp_path / "mirror"
    export(outdir)

    for page in html_files(outdir):
        text = page.read_text()
        for tag in re.findall(r"<(?:a|img|source|script|link)\s[^>]*>", text):
            if BASE_URL not in tag:
                continue
            # hreflang alternates and the canonical link name the site, as search engines want.
            assert tag.startswith("<link") and ("hreflang" in tag or "canonical" in tag), tag


def test_links_to_other_sites_keep_their_query_as_the_site_wrote_it(tmp_path, content):
    section = content["section"]
    section.body_en = '<p><a href="https://video.example/watch?v=1&amp;t=30">Watch</a></p>'
    section.save()
    outdir = tmp_path / "mirror"
    export(outdir)

    page = next(outdir.glob(f"en/digests/{content['latest'].slug}/index.html")).read_text()

    assert 'href="https://video.example/watch?v=1&amp;t=30"' in page
    # The share links too: one escape, as on the site, not "&amp;amp;".
    assert "&amp;amp;" not in page
    assert "t.me/share/url?url=" in page


def test_drafts_search_and_previews_are_not_in_the_mirror(tmp_path, content):
    outdir = tmp_path / "mirror"
    export(outdir)

    names = [str(path.relative_to(outdir)) for path in outdir.rglob("*")]

    assert not [name for name in names if content["draft"].slug in name]
    assert not [name for name in names if "/search" in name or "/preview" in name]
    assert not [name for name in names if name.startswith(("admin", "i18n", "healthz"))]
    assert all(content["draft"].headline_en not in page.read_text() for page in html_files(outdir))


def test_the_mirror_has_no_search_box_that_would_lead_to_the_blocked_site(
    client, tmp_path, content
):
    assert 'role="search"' in client.get("/be/").content.decode()
    outdir = tmp_path / "mirror"
    export(outdir)

    for page in html_files(outdir):
        assert 'role="search"' not in page.read_text(), page
        assert "/search/" not in page.read_text(), page


def test_sha256sums_lists_every_file_with_its_checksum(tmp_path, content):
    outdir = tmp_path / "mirror"
    export(outdir)

    lines = (outdir / "SHA256SUMS").read_text().splitlines()
    listed = {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in lines}
    files = {
        str(path.relative_to(outdir))
        for path in outdir.rglob("*")
        if path.is_file() and path.name not in ("SHA256SUMS", "SHA256SUMS.sig")
    }

    assert set(listed) == files
    assert [line.split("  ", 1)[1] for line in lines] == sorted(listed)
    for name, checksum in listed.items():
        assert hashlib.sha256((outdir / name).read_bytes()).hexdigest() == checksum


def test_sha256sum_checks_the_mirror(tmp_path, content):
    outdir = tmp_path / "mirror"
    export(outdir)

    result = subprocess.run(
        ["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=outdir, capture_output=True
    )

    assert result.returncode == 0, result.stdout


def test_the_signature_verifies_with_the_key_the_site_publishes(
    client, tmp_path, content, signing_key
):
    outdir = tmp_path / "mirror"
    export(outdir, signing_key)
    response = client.get("/mirror-signing-key.pub")
    public_key = serialization.load_pem_public_key(response.content)

    public_key.verify(
        (outdir / "SHA256SUMS.sig").read_bytes(), (outdir / "SHA256SUMS").read_bytes()
    )

    assert (outdir / "mirror-signing-key.pub").read_bytes() == response.content


def test_a_changed_file_fails_the_signature_check(tmp_path, content, signing_key):
    outdir = tmp_path / "mirror"
    export(outdir, signing_key)
    sums = outdir / "SHA256SUMS"
    sums.write_text(sums.read_text().replace("a", "b", 1))

    with pytest.raises(InvalidSignature):
        signing_key.public_key().verify((outdir / "SHA256SUMS.sig").read_bytes(), sums.read_bytes())


def documented_commands(client, language="en"):
    page = client.get(f"/{language}/mirror/").content.decode()
    return [
        html.unescape(block) for block in re.findall(r"<pre><code>(.*?)</code></pre>", page, re.S)
    ]


def test_the_commands_on_the_mirror_page_check_a_real_export(
    client, tmp_path, content, signing_key
):
    outdir = tmp_path / "mirror"
    export(outdir, signing_key)
    sha256sum, openssl, python, pem = documented_commands(client)
    # The reader saves the key next to the copy, as the page says.
    (outdir / "mirror-signing-key.pub").write_text(pem)

    checks = [
        subprocess.run(command, shell=True, cwd=outdir, capture_output=True, text=True)
        for command in (sha256sum, openssl, python.replace("python3", sys.executable))
    ]

    assert [check.returncode for check in checks] == [0, 0, 0], checks
    assert "Signature Verified Successfully" in checks[1].stdout
    assert checks[2].stdout.strip() == "OK"
    (outdir / "SHA256SUMS").write_text((outdir / "SHA256SUMS").read_text() + "\n")
    assert subprocess.run(openssl, shell=True, cwd=outdir, capture_output=True).returncode != 0


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_the_mirror_page_shows_the_key_and_its_fingerprint_in_every_language(
    client, language, signing_key
):
    public = mirror.PublicKey.of(signing_key)

    content = client.get(f"/{language}/mirror/").content.decode()

    assert f'<html lang="{language}">' in content
    assert public.fingerprint in content
    assert public.base64 in content
    assert "sha256sum -c SHA256SUMS" in content


def test_the_fingerprint_is_what_sha256sum_prints_for_the_key_file(client, signing_key):
    key_file = client.get("/mirror-signing-key.pub").content

    content = client.get("/be/mirror/").content.decode()

    assert f"<code>{hashlib.sha256(key_file).hexdigest()}</code>" in content
    assert "sha256sum mirror-signing-key.pub" in content


def test_without_a_key_the_page_says_copies_are_unsigned_and_there_is_no_key_file(client):
    assert client.get("/en/mirror/").status_code == 200
    assert "not signed" in client.get("/en/mirror/").content.decode()
    assert client.get("/mirror-signing-key.pub").status_code == 404


def test_a_second_run_with_no_change_rewrites_nothing(tmp_path, content, signing_key):
    outdir = tmp_path / "mirror"
    export(outdir, signing_key)
    before = snapshot(outdir)

    summary = export(outdir, signing_key)

    assert snapshot(outdir) == before
    assert summary.written == []
    assert summary.removed == []
    assert len(summary.unchanged) == len(before)


def test_one_edit_rewrites_only_the_pages_it_touches(tmp_path, content):
    outdir = tmp_path / "mirror"
    export(outdir)
    section = content["section"]
    latest = content["latest"]

    section.body_en = "<p>A corrected text.</p>"
    section.save()
    summary = export(outdir)

    assert f"en/digests/{latest.slug}/index.html" in summary.written
    assert "SHA256SUMS" in summary.written
    assert f"be/digests/{latest.slug}/index.html" not in summary.written
    assert len(summary.written) <= 5
    assert len(summary.unchanged) > 30
    assert (
        "A corrected text." in (outdir / "en" / "digests" / latest.slug / "index.html").read_text()
    )


def test_files_no_longer_produced_are_removed_and_others_left_alone(tmp_path, content):
    outdir = tmp_path / "mirror"
    export(outdir)
    (outdir / "CNAME").write_text("mirror.example.net\n")
    gone = content["latest"]

    gone.unpublish = None
    gone.status = type(gone).Status.DRAFT
    gone.save()
    summary = export(outdir)

    assert f"en/digests/{gone.slug}/index.html" in summary.removed
    assert not (outdir / "en" / "digests" / gone.slug).exists()
    assert (outdir / "CNAME").is_file()


def test_export_site_command_prints_a_summary(tmp_path, content, capsys):
    call_command("export_site", str(tmp_path / "mirror"), "--base-url", BASE_URL)

    output = capsys.readouterr().out

    assert re.search(r"\d+ files written, 0 unchanged, 0 removed; \d+ files, [\d.]+ MB", output)


def test_export_site_generates_a_key_to_put_in_the_environment(capsys):
    call_command("export_site", "--generate-key")

    line = capsys.readouterr().out.strip()

    assert line.startswith("MIRROR_SIGNING_KEY=")
    assert mirror.load_signing_key(line.split("=", 1)[1]) is not None


@pytest.mark.parametrize("value", ["nonsense", "abcd", "/no/such/file.pem"])
def test_a_malformed_signing_key_is_a_clear_error(value):
    with pytest.raises(Exception, match="MIRROR_SIGNING_KEY"):
        mirror.load_signing_key(value)


def test_a_pem_signing_key_file_works(tmp_path, signing_key):
    path = tmp_path / "key.pem"
    path.write_bytes(
        signing_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )

    assert mirror.PublicKey.of(mirror.load_signing_key(str(path))) == mirror.PublicKey.of(
        signing_key
    )


def test_the_mirror_works_with_hashed_static_names_and_debug_off(tmp_path, content, settings):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    outdir = tmp_path / "mirror"

    export(outdir)

    page = (outdir / "en" / "index.html").read_text()
    stylesheet = re.search(r'href="(\.\./static/css/site\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet
    assert (outdir / "en" / stylesheet.group(1)).resolve().is_file()


def test_onion_location_is_sent_on_public_pages_when_set(client, settings):
    settings.ONION_URL = "http://" + "a" * 56 + ".onion"

    page = client.get("/be/digests/")
    admin = client.get("/admin/login/")

    assert page["Onion-Location"] == settings.ONION_URL + "/be/digests/"
    assert "Onion-Location" not in admin


def test_no_onion_location_without_an_onion_address(client):
    assert "Onion-Location" not in client.get("/be/")


def test_addresses_in_style_sheets_become_relative_and_are_followed():
    site = mirror.Mirror(BASE_URL)
    sheet = mirror.Resource(
        path="/static/css/site.css",
        content_type="text/css",
        body=b'a { background: url("/static/img/favicon.svg"); } b { background: url(x.png); }',
        file="static/css/site.css",
    )
    site.referrers = {}

    site.discover(sheet)

    assert site.queue == ["/static/img/favicon.svg", "/static/css/x.png"]
    assert site.rewrite_css(sheet) == (
        b'a { background: url("../img/favicon.svg"); } b { background: url(x.png); }'
    )
