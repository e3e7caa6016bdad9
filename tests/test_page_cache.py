"""Public pages from the cache (newsroom/caching.py), never older than the database.

Each test runs against local memory and against Redis. The database commits
(transaction=True), so invalidation runs on commit as it does in production.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from campaigns.services import end_action_items
from digests.services import (
    create_preview_link,
    publish_digest,
    record_translations,
    unpublish_digest,
)
from newsroom import audit, caching
from newsroom.models import SiteSettings, Tag
from tests.conftest import CACHE_BACKENDS
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    DigestFactory,
    ImageFactory,
    PartnerMeetingFactory,
    PersonFactory,
    SectionFactory,
    SocialLinkFactory,
    TagFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("page_cache")]


def queries_and_page(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return len(queries), response


def page(url, language="en"):
    response = Client().get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def travel(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def local_midnight(days_from_now):
    day = timezone.localdate() + datetime.timedelta(days=days_from_now)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def published_digest(**fields):
    return DigestFactory(published=True, tags=["referendum"], **fields)


def every_page_of(digest):
    """The pages a digest's title shows on, and those a change anywhere may touch."""
    return [
        "/en/",
        "/en/digests/",
        f"/en/digests/{digest.period_start.year}/",
        f"/en/digests/{digest.slug}/",
        "/en/tags/referendum/",
        "/en/feeds/digests.rss",
        "/en/feeds/digests.atom",
        "/sitemap.xml",
        "/en/search/?q=crossing",
    ]


def warm(urls):
    for url in urls:
        page(url)
        queries, _response = queries_and_page(Client(), url)
        assert queries == 0, url


# Hits.


def test_a_second_request_gets_the_same_bytes_without_any_query(client):
    digest = published_digest(headline_en="Strike at the tractor works")

    first_queries, first = queries_and_page(client, f"/en/digests/{digest.slug}/")
    second_queries, second = queries_and_page(client, f"/en/digests/{digest.slug}/")

    assert first_queries > 0
    assert second_queries == 0
    assert second.status_code == 200
    assert second.content == first.content
    assert "Strike at the tractor works" in second.content.decode()
    for header in ("Content-Type", "Content-Language", "ETag", "Last-Modified", "Cache-Control"):
        assert second[header] == first[header], header


def test_a_cached_page_has_the_security_headers_of_a_rendered_one(client):
    digest = published_digest()
    url = f"/en/digests/{digest.slug}/"

    first = client.get(url)
    second = client.get(url)

    for header in (
        "Content-Security-Policy",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Permissions-Policy",
        "Cross-Origin-Opener-Policy",
        "Cross-Origin-Resource-Policy",
    ):
        assert second[header] == first[header], header


def test_cached_pages_set_no_cookie(client):
    digest = published_digest()

    client.get(f"/en/digests/{digest.slug}/")
    hit = client.get(f"/en/digests/{digest.slug}/")

    assert not hit.cookies
    assert "Set-Cookie" not in hit
    assert not client.cookies


def test_a_response_that_sets_a_cookie_is_not_kept():
    def view(request):
        response = HttpResponse(b"<p>hello</p>")
        response.set_cookie("tracker", "1")
        calls.append(request)
        return response

    calls = []
    middleware = caching.PageCacheMiddleware(view)

    for _ in range(2):
        response = middleware(RequestFactory().get("/en/digests/"))
        assert response.cookies

    assert len(calls) == 2


def test_each_language_is_kept_apart(client):
    digest = published_digest(headline_en="Main news in English", headline_ru="Главное по-русски")

    english = client.get(f"/en/digests/{digest.slug}/").content.decode()
    russian = client.get(f"/ru/digests/{digest.slug}/").content.decode()
    queries, russian_again = queries_and_page(client, f"/ru/digests/{digest.slug}/")

    assert "Main news in English" in english
    assert "Главное по-русски" in russian
    assert "Главное по-русски" not in english
    assert queries == 0
    assert russian_again.content.decode() == russian


def test_each_search_is_kept_apart(client):
    SectionFactory(digest=published_digest(), heading_en="Sanctions on potash")
    SectionFactory(digest=published_digest(), heading_en="Strike at the tractor works")

    potash = client.get("/en/search/?q=potash").content.decode()
    tractor = client.get("/en/search/?q=tractor").content.decode()
    queries, _again = queries_and_page(client, "/en/search/?q=potash")

    assert "Sanctions on potash" in potash and "Strike at the tractor" not in potash
    assert "Strike at the tractor works" in tractor and "Sanctions on potash" not in tractor
    assert queries == 0


def test_a_host_is_kept_apart_from_another(client, settings):
    settings.ALLOWED_HOSTS = ["news.example", "mirror.example"]
    client.get("/sitemap.xml", headers={"host": "news.example"})

    other = client.get("/sitemap.xml", headers={"host": "mirror.example"})

    assert "mirror.example" in other.content.decode()
    assert "news.example" not in other.content.decode()


def test_a_lost_generation_renders_pages_again(client):
    digest = published_digest()
    client.get(f"/en/digests/{digest.slug}/")

    cache.delete(caching.GENERATION_KEY)
    queries, response = queries_and_page(client, f"/en/digests/{digest.slug}/")

    assert response.status_code == 200
    assert queries > 0


# What goes around the cache.


def test_staff_requests_go_around_the_cache_both_ways(client, admin_client):
    digest = published_digest(headline_en="Before")
    url = f"/en/digests/{digest.slug}/"
    client.get(url)

    staff_queries, staff_page = queries_and_page(admin_client, url)
    # What staff were shown is not kept for readers either.
    digest.headline_en = "After"
    type(digest).objects.filter(pk=digest.pk).update(headline_en="After")
    admin_client.get(url)
    reader_queries, _reader_page = queries_and_page(client, url)

    assert staff_queries > 0
    assert staff_page["Cache-Control"] == "private, no-cache"
    assert "ETag" not in staff_page
    assert reader_queries == 0


def test_a_reader_never_gets_a_page_rendered_for_staff(client, admin_client):
    digest = published_digest()
    url = f"/en/digests/{digest.slug}/"

    admin_client.get(url)
    queries, _response = queries_and_page(client, url)

    assert queries > 0


def test_previews_are_never_cached(client, admin_user):
    link = create_preview_link(digest=DigestFactory(), by=admin_user, hours=24)
    url = f"/en/preview/{link.token}/"

    first = client.get(url)
    queries, second = queries_and_page(client, url)

    assert first.status_code == second.status_code == 200
    assert queries > 0
    assert second["Cache-Control"] == "no-store, private"
    assert "ETag" not in second


def test_admin_pages_are_never_cached(client, admin_client):
    queries, login = queries_and_page(client, "/admin/login/")
    staff_queries, index = queries_and_page(admin_client, "/admin/")
    staff_again, _index = queries_and_page(admin_client, "/admin/")

    assert "no-store" in login["Cache-Control"] and "private" in login["Cache-Control"]
    assert "no-store" in index["Cache-Control"]
    assert staff_queries > 0 and staff_again > 0
    assert "ETag" not in index


def test_pages_that_are_not_found_are_not_kept(client):
    client.get("/en/digests/no-such-digest/")
    digest = published_digest()
    type(digest).objects.filter(pk=digest.pk).update(slug="no-such-digest")

    assert client.get("/en/digests/no-such-digest/").status_code == 200


def test_with_the_cache_off_every_request_is_rendered(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    digest = published_digest()
    client.get(f"/en/digests/{digest.slug}/")

    queries, response = queries_and_page(client, f"/en/digests/{digest.slug}/")

    assert queries > 0
    assert response["ETag"]


# Writes: every page shows them at once.


def test_publishing_shows_on_every_page_at_once():
    previous = published_digest(headline_en="The fortnight before")
    draft = DigestFactory(headline_en="Referendum news", tags=["referendum"])
    campaign = CampaignFactory(name_en="Cross it out")
    SectionFactory(digest=draft, campaign=campaign, heading_en="Crossing out the ballot")
    pages = [*every_page_of(draft), f"/en/campaigns/{campaign.slug}/"]
    pages.remove(f"/en/digests/{draft.slug}/")
    pages.remove("/en/tags/referendum/")
    warm([*pages, f"/en/digests/{previous.slug}/"])

    publish_digest(digest=draft, by=None)

    for url in pages:
        content = page(url)
        assert (
            "Referendum news" in content
            or "Crossing out the ballot" in content
            or f"/en/digests/{draft.slug}/" in content
        ), url
    assert "Referendum news" in page(f"/en/digests/{draft.slug}/")
    assert "Crossing out the ballot" in page("/en/search/?q=crossing")
    # The neighbour links to it.
    assert f"/en/digests/{draft.slug}/" in page(f"/en/digests/{previous.slug}/")


def test_unpublishing_takes_the_digest_off_every_page_at_once():
    digest = published_digest(headline_en="Withdrawn news")
    SectionFactory(digest=digest, heading_en="Crossing out the ballot")
    pages = every_page_of(digest)
    warm(pages)
    assert "Crossing out the ballot" in page("/en/search/?q=crossing")

    unpublish_digest(digest=digest, by=None)

    assert Client().get(f"/en/digests/{digest.slug}/").status_code == 404
    for url in pages:
        if url != f"/en/digests/{digest.slug}/" and url != "/en/tags/referendum/":
            content = page(url)
            assert "Withdrawn news" not in content and digest.slug not in content, url
    assert Client().get("/en/tags/referendum/").status_code == 404


def test_an_edit_shows_on_every_page_at_once():
    digest = published_digest(headline_en="First wording")
    pages = every_page_of(digest)[:-2]
    warm(pages)

    digest.headline_en = "Corrected wording"
    digest.save()

    for url in pages:
        content = page(url)
        assert "Corrected wording" in content and "First wording" not in content, url


def test_an_edit_in_the_admin_shows_at_once(admin_client, admin_form_data):
    digest = published_digest(headline_en="First wording")
    pages = every_page_of(digest)[:-2]
    warm(pages)
    url = f"/admin/digests/digest/{digest.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data["headline_en"] = "Corrected in the admin"

    assert admin_client.post(url, data).status_code == 302

    for address in pages:
        assert "Corrected in the admin" in page(address), address


def test_a_section_edit_shows_at_once():
    digest = published_digest()
    section = SectionFactory(digest=digest, heading_en="Old heading")
    warm([f"/en/digests/{digest.slug}/"])

    section.heading_en = "New heading"
    section.save()

    assert "New heading" in page(f"/en/digests/{digest.slug}/")


def test_a_saved_translation_shows_at_once():
    digest = published_digest(headline_ru="")
    warm([f"/ru/digests/{digest.slug}/", "/ru/"])

    digest.headline_ru = "Перевод готов"
    digest.save()
    record_translations(digest=digest, by=None)

    assert "Перевод готов" in page(f"/ru/digests/{digest.slug}/")
    assert "Перевод готов" in page("/ru/")


def test_a_renamed_tag_shows_at_once():
    digest = published_digest()
    pages = [f"/en/digests/{digest.slug}/", "/en/tags/referendum/"]
    warm(pages)

    tag = Tag.objects.get(slug="referendum")
    tag.name_en = "Plebiscite"
    tag.save()

    for url in pages:
        assert "Plebiscite" in page(url), url


def test_changed_site_settings_show_at_once():
    digest = published_digest()
    pages = ["/en/", f"/en/digests/{digest.slug}/", "/en/feeds/digests.rss"]
    warm(pages)

    settings_row = SiteSettings.objects.get()
    settings_row.site_name_en = "Free Newsroom"
    settings_row.save()

    for url in pages:
        assert "Free Newsroom" in page(url), url


def test_site_settings_changed_in_the_admin_show_at_once(admin_client, admin_form_data):
    warm(["/en/"])
    url = "/admin/newsroom/sitesettings/1/change/"
    data = admin_form_data(admin_client.get(url))
    data["site_name_en"] = "Newsroom in exile"

    assert admin_client.post(url, data).status_code == 302

    assert "Newsroom in exile" in page("/en/")


def test_an_action_item_ended_by_the_service_goes_at_once():
    item = ActionItemFactory(
        text_en="Sign the open letter",
        active_from=timezone.localdate() - datetime.timedelta(days=3),
    )
    warm(["/en/today/"])
    assert "Sign the open letter" in page("/en/today/")

    end_action_items(items=type(item).objects.filter(pk=item.pk), by=None)

    assert "Sign the open letter" not in page("/en/today/")


# Time: pages change at midnight and when a scheduled digest comes due.


def test_an_action_item_starting_tomorrow_shows_from_midnight(monkeypatch):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    ActionItemFactory(text_en="Write to a political prisoner", active_from=tomorrow)
    travel(monkeypatch, local_midnight(1) - datetime.timedelta(seconds=1))
    warm(["/en/today/", "/en/"])
    assert "Write to a political prisoner" not in page("/en/today/")

    travel(monkeypatch, local_midnight(1))

    assert "Write to a political prisoner" in page("/en/today/")
    assert "Write to a political prisoner" in page("/en/")


def test_an_action_item_ending_today_goes_at_midnight(monkeypatch):
    today = timezone.localdate()
    ActionItemFactory(
        text_en="Donate to the strike fund",
        active_from=today - datetime.timedelta(days=2),
        active_until=today,
    )
    travel(monkeypatch, local_midnight(1) - datetime.timedelta(seconds=1))
    warm(["/en/today/"])
    assert "Donate to the strike fund" in page("/en/today/")

    travel(monkeypatch, local_midnight(1))

    assert "Donate to the strike fund" not in page("/en/today/")


def test_a_scheduled_digest_shows_when_its_time_comes(monkeypatch):
    scheduled = DigestFactory(scheduled=True, headline_en="Scheduled news", tags=["referendum"])
    travel(monkeypatch, scheduled.published_at - datetime.timedelta(seconds=1))
    pages = ["/en/", "/en/digests/", "/en/feeds/digests.rss", "/en/tags/referendum/"]
    page("/en/")
    page("/en/digests/")
    page("/en/feeds/digests.rss")
    assert "Scheduled news" not in page("/en/digests/")

    travel(monkeypatch, scheduled.published_at)

    for url in pages:
        assert "Scheduled news" in page(url), url


def test_a_page_is_kept_until_the_next_change_in_time(monkeypatch):
    scheduled = DigestFactory(scheduled=True)
    now = scheduled.published_at - datetime.timedelta(hours=2)
    travel(monkeypatch, now)

    moment = caching.next_change(now, generation=caching.generation())

    assert moment == min(scheduled.published_at, caching.next_midnight(now))
    assert caching.next_midnight(now) == timezone.make_aware(
        datetime.datetime.combine(
            timezone.localtime(now).date() + datetime.timedelta(days=1), datetime.time.min
        )
    )


def test_a_version_restored_in_the_admin_shows_at_once(admin_client, admin_user, admin_form_data):
    digest = published_digest(headline_en="First wording")
    url = f"/admin/digests/digest/{digest.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    assert admin_client.post(url, data).status_code == 302
    [first] = Version.objects.get_for_object(digest)
    data = admin_form_data(admin_client.get(url))
    data["headline_en"] = "Second wording"
    assert admin_client.post(url, data).status_code == 302
    warm([f"/en/digests/{digest.slug}/", "/en/"])
    assert "Second wording" in page("/en/")

    restored = admin_client.post(
        reverse("admin:digests_digest_revision", args=[digest.pk, first.pk])
    )

    assert restored.status_code == 302
    assert "First wording" in page(f"/en/digests/{digest.slug}/")
    assert "First wording" in page("/en/")


def test_a_campaign_edited_in_the_admin_shows_at_once(admin_client, admin_form_data):
    campaign = CampaignFactory(name_en="Cross it out")
    warm([f"/en/campaigns/{campaign.slug}/", "/en/campaigns/"])
    url = f"/admin/campaigns/campaign/{campaign.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data["name_en"] = "Cross out the referendum"

    assert admin_client.post(url, data).status_code == 302

    assert "Cross out the referendum" in page(f"/en/campaigns/{campaign.slug}/")
    assert "Cross out the referendum" in page("/en/campaigns/")


@pytest.mark.parametrize(
    "make",
    [
        SocialLinkFactory,
        ImageFactory,
        PersonFactory,
        PartnerMeetingFactory,
        lambda: TagFactory().delete(),
        lambda: SectionFactory().meetings.add(PartnerMeetingFactory()),
    ],
    ids=["social link", "image", "person", "meeting", "tag deleted", "section's meetings"],
)
def test_saving_anything_a_public_page_shows_bumps_the_generation(make):
    before = caching.generation()

    make()

    assert caching.generation() != before


def test_saving_what_no_public_page_shows_keeps_the_pages(admin_user):
    digest = DigestFactory()
    before = caching.generation()

    create_preview_link(digest=digest, by=admin_user, hours=24)
    audit.record(audit.Action.PUBLISHED, actor=admin_user, target=digest)

    assert caching.generation() == before


def test_a_write_rolled_back_keeps_the_pages():
    before = caching.generation()

    with pytest.raises(RuntimeError), transaction.atomic():
        DigestFactory(published=True)
        raise RuntimeError

    assert caching.generation() == before


def test_pages_are_rendered_while_redis_is_unavailable(client, caplog):
    digest = published_digest(headline_en="Still readable")
    caching.cache_report_due.last = None
    gone = {"default": {**CACHE_BACKENDS["redis"], "LOCATION": "redis://127.0.0.1:9/0"}}

    with override_settings(CACHES=gone):
        first = client.get(f"/en/digests/{digest.slug}/")
        second = client.get(f"/en/digests/{digest.slug}/")

    assert first.status_code == second.status_code == 200
    assert "Still readable" in second.content.decode()
    assert second["ETag"] == first["ETag"]
    assert [r.getMessage()[:28] for r in caplog.records if r.name == "newsroom.caching"] == [
        "The cache is unavailable, pa"
    ]


def test_a_very_long_address_is_answered_but_not_kept(client):
    published_digest()
    url = "/en/search/?q=" + "referendum+" * 60

    client.get(url)
    queries, response = queries_and_page(client, url)

    assert response.status_code == 200
    assert queries > 0
    assert response["ETag"]


def test_a_page_is_rendered_again_after_an_hour_whatever_happens(client, monkeypatch):
    digest = published_digest(published_at=local_midnight(-1))
    url = f"/en/digests/{digest.slug}/"
    start = local_midnight(0) + datetime.timedelta(hours=9)
    travel(monkeypatch, start)
    client.get(url)

    travel(monkeypatch, start + datetime.timedelta(minutes=59))
    within, _response = queries_and_page(client, url)
    travel(monkeypatch, start + caching.LONGEST)
    after, _response = queries_and_page(client, url)

    assert within == 0
    assert after > 0
