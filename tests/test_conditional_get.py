"""ETag, Last-Modified and Cache-Control of public pages and feeds; 304 for an unchanged page."""

import datetime
import hashlib

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date, parse_http_date

from digests.models import SectionsRendering
from newsroom.caching import PUBLIC_CACHE_CONTROL, _fingerprint
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    DigestFactory,
    SectionFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def digest():
    digest = DigestFactory(published=True, headline_en="Strike at the tractor works")
    campaign = CampaignFactory()
    SectionFactory(digest=digest, campaign=campaign)
    ActionItemFactory(campaign=campaign)
    return digest


def public_addresses(digest):
    campaign = digest.sections.get().campaign
    return [
        "/en/",
        "/be/today/",
        "/ru/digests/",
        f"/en/digests/{digest.slug}/",
        f"/en/campaigns/{campaign.slug}/",
        "/en/feeds/digests.rss",
        "/en/feeds/today.atom",
        f"/en/campaigns/{campaign.slug}/feed.atom",
        "/en/feeds/actions.ics",
        "/en/search/?q=tractor",
        "/sitemap.xml",
    ]


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def test_public_pages_and_feeds_have_validators_and_may_be_kept_a_minute(client, digest):
    for url in public_addresses(digest):
        response = client.get(url)

        assert response.status_code == 200, url
        assert response["ETag"].startswith('"') and response["ETag"].endswith('"'), url
        assert parse_http_date(response["Last-Modified"]), url
        assert response["Cache-Control"] == PUBLIC_CACHE_CONTROL, url


def test_cache_control_lets_a_page_be_kept_briefly_and_corrected_within_a_minute():
    directives = dict(part.strip().partition("=")[::2] for part in PUBLIC_CACHE_CONTROL.split(","))

    assert "public" in directives
    assert directives["max-age"] == "60"
    assert 0 < int(directives["stale-while-revalidate"]) <= 60


def test_an_unchanged_page_is_304_with_its_etag_and_no_query(client, digest):
    for url in public_addresses(digest):
        first = client.get(url)

        again, queries = get(client, url, if_none_match=first["ETag"])

        assert again.status_code == 304, url
        assert again.content == b"", url
        assert again["ETag"] == first["ETag"], url
        assert again["Cache-Control"] == PUBLIC_CACHE_CONTROL, url
        assert queries == 0, url


def test_an_unchanged_page_is_304_since_its_last_modified_time(client, digest):
    url = f"/en/digests/{digest.slug}/"
    first = client.get(url)

    again, queries = get(client, url, if_modified_since=first["Last-Modified"])

    assert again.status_code == 304
    assert again.content == b""
    assert queries == 0


def test_a_copy_older_than_the_page_gets_the_page(client, digest):
    url = f"/en/digests/{digest.slug}/"
    first = client.get(url)
    an_hour_before = parse_http_date(first["Last-Modified"]) - 3600

    again = client.get(url, headers={"if_modified_since": http_date(an_hour_before)})

    assert again.status_code == 200
    assert again.content == first.content


def test_another_etag_gets_the_page(client, digest):
    url = f"/en/digests/{digest.slug}/"
    first = client.get(url)

    again = client.get(url, headers={"if_none_match": '"0123456789abcdef"'})

    assert again.status_code == 200
    assert again.content == first.content


def test_after_an_edit_the_old_etag_gets_the_new_page(client, digest):
    url = f"/en/digests/{digest.slug}/"
    first = client.get(url)

    digest.headline_en = "Strike called off"
    digest.save()
    again = client.get(url, headers={"if_none_match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "Strike called off" in again.content.decode()


def test_etag_comes_from_the_content_so_it_survives_a_cleared_cache(client, digest):
    url = f"/en/digests/{digest.slug}/"
    first = client.get(url)

    cache.clear()
    again = client.get(url, headers={"if_none_match": first["ETag"]})

    assert again.status_code == 304


def test_without_the_page_cache_pages_still_answer_304(client, digest, settings):
    settings.PAGE_CACHE_ENABLED = False
    url = f"/en/digests/{digest.slug}/"
    first = client.get(url)

    again = client.get(url, headers={"if_none_match": first["ETag"]})

    assert first["Cache-Control"] == PUBLIC_CACHE_CONTROL
    assert again.status_code == 304


def test_a_head_request_has_the_pages_validators(client, digest):
    url = f"/en/digests/{digest.slug}/"
    page = client.get(url)

    head = client.head(url)

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == page["ETag"]


def test_staff_views_of_public_pages_are_private_and_asked_for_again(admin_client, digest):
    response = admin_client.get(f"/en/digests/{digest.slug}/")

    assert response["Cache-Control"] == "private, no-cache"
    assert "ETag" not in response


def test_previews_and_the_admin_stay_unstored(admin_client, admin_user, digest):
    from digests.services import create_preview_link

    link = create_preview_link(digest=digest, by=admin_user, hours=24)
    preview = admin_client.get(f"/en/preview/{link.token}/")
    changelist = admin_client.get("/admin/digests/digest/")

    assert preview["Cache-Control"] == "no-store, private"
    assert "no-store" in changelist["Cache-Control"]
    assert "private" in changelist["Cache-Control"]
    assert "ETag" not in preview and "ETag" not in changelist


def test_a_page_rendered_after_midnight_is_not_older_than_its_last_modified(
    client, digest, monkeypatch
):
    from django.utils import timezone

    url = f"/en/digests/{digest.slug}/"
    first = client.get(url)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)

    again = client.get(url, headers={"if_modified_since": first["Last-Modified"]})

    # Rendered again after midnight, with its new time: the reader's copy is older.
    assert again.status_code == 200
    assert parse_http_date(again["Last-Modified"]) >= int(tomorrow.timestamp())


def test_a_digest_has_one_etag_whether_its_article_is_rendered_or_read_kept(
    client, digest, settings
):
    settings.PAGE_CACHE_ENABLED = False
    url = f"/en/digests/{digest.slug}/"
    rendered = client.get(url)
    kept = client.get(url)
    assert SectionsRendering.objects.filter(digest=digest, language="en").exists()
    assert kept.content == rendered.content
    assert kept["ETag"] == rendered["ETag"]
    SectionsRendering.objects.update(html_sha256="")  # kept before the hash was
    assert client.get(url)["ETag"] == rendered["ETag"]


def test_a_fingerprint_a_response_made_is_used_only_for_those_bytes():
    response = HttpResponse(b"<p>Page</p>")
    # Equal bytes, but not the response's own: made of something else.
    response.content_fingerprint = (bytes(bytearray(b"<p>Page</p>")), "f" * 64)
    assert _fingerprint(response) == hashlib.sha256(b"<p>Page</p>").hexdigest()
    response.content_fingerprint = (response.content, "f" * 64)
    assert _fingerprint(response) == "f" * 64
    response.content = b"<p>Changed</p>"
    assert _fingerprint(response) == hashlib.sha256(b"<p>Changed</p>").hexdigest()
