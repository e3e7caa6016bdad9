"""Nothing a reader or an editor loads comes from another host."""

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import django_prose_editor
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.factories import CampaignFactory, DigestFactory, SectionFactory

ASSET = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="([^"]+)"')
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def external_assets(html, host="testserver"):
    return [
        url for url in ASSET.findall(html) if EXTERNAL.match(url) and urlsplit(url).hostname != host
    ]


@pytest.fixture
def digest(db):
    digest = DigestFactory(published=True)
    SectionFactory(digest=digest, campaign=CampaignFactory())
    return digest


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/digests/digest/add/",
        "/admin/campaigns/campaign/add/",
        "/admin/campaigns/partnermeeting/add/",
        "/admin/campaigns/actionitem/",
    ],
)
def test_admin_pages_load_every_asset_from_this_site(admin_client, digest, path):
    response = admin_client.get(path)

    assert response.status_code == 200
    assert external_assets(response.content.decode()) == []


def test_admin_digest_form_loads_its_language_switch_from_this_site(admin_client, digest):
    html = admin_client.get(f"/admin/digests/digest/{digest.pk}/change/").content.decode()

    assert "/static/js/admin-languages.js" in html
    assert finders.find("js/admin-languages.js")
    assert "jquery-ui" not in html


def test_public_digest_page_loads_every_asset_from_this_site(client, digest):
    response = client.get(digest.get_absolute_url())

    assert response.status_code == 200
    assert external_assets(response.content.decode()) == []


def test_public_pages_send_a_policy_that_forbids_other_hosts(client, digest):
    policy = client.get(digest.get_absolute_url())["Content-Security-Policy"]

    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "nonce-" not in policy  # public pages carry no inline script at all
    assert "frame-ancestors 'none'" in policy


def test_editor_style_hash_matches_the_installed_editor():
    bundle = Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"
    source = bundle.read_text()
    start = source.rfind("`", 0, source.index(".ProseMirror {"))
    css = source[start + 1 : source.index("`", start + 1)]
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()

    assert f"'sha256-{digest}'" in settings.SECURE_CSP["style-src"]
