"""What search engines are told: the sitemap, robots.txt and security.txt."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from newsroom.views import security_txt_expiry
from tests.factories import (
    CampaignFactory,
    DigestFactory,
    PartnerMeetingFactory,
    SectionFactory,
    SiteSettingsFactory,
)

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
LANGUAGES = ["be", "ru", "en"]


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("x:link", namespaces=NS)
            },
        }
        for url in root.findall("s:url", namespaces=NS)
    }


def every_language(path):
    return [f"http://testserver/{code}{path}" for code in LANGUAGES]


def test_sitemap_lists_every_published_digest_in_three_languages_with_alternates(client):
    digests = [DigestFactory(published=True) for _ in range(3)]

    urls = sitemap(client)

    for digest in digests:
        path = f"/digests/{digest.slug}/"
        for url in every_language(path):
            assert urls[url]["alternates"] == {
                "be": f"http://testserver/be{path}",
                "ru": f"http://testserver/ru{path}",
                "en": f"http://testserver/en{path}",
                "x-default": f"http://testserver/be{path}",
            }
            # The day in the site's time zone: in Minsk it may be tomorrow already.
            assert urls[url]["lastmod"] == f"{timezone.localtime(digest.updated_at):%Y-%m-%d}"


def test_sitemap_lists_no_draft_and_no_scheduled_digest(client):
    draft = DigestFactory()
    scheduled = DigestFactory(scheduled=True)
    DigestFactory(published=True)

    content = client.get("/sitemap.xml").content.decode()

    assert draft.slug not in content
    assert scheduled.slug not in content


def test_sitemap_lists_the_sites_pages_campaigns_public_meetings_and_tags(client):
    campaign = CampaignFactory(tags=["sanctions"])
    public = PartnerMeetingFactory()
    internal = PartnerMeetingFactory(internal=True)
    digest = DigestFactory(published=True, tags=["referendum"])
    SectionFactory(digest=DigestFactory(tags=["draft-only"]), tags=["draft-only"])

    urls = sitemap(client)

    for path in ["/", "/today/", "/digests/", "/campaigns/", "/meetings/"]:
        assert set(every_language(path)) <= set(urls), path
    for path in [
        f"/campaigns/{campaign.slug}/",
        f"/meetings/{public.pk}/",
        "/tags/referendum/",
        "/tags/sanctions/",
        f"/digests/{digest.period_start.year}/",
    ]:
        assert set(every_language(path)) <= set(urls), path
    assert f"http://testserver/be/meetings/{internal.pk}/" not in urls
    assert "http://testserver/be/tags/draft-only/" not in urls


def test_sitemap_is_the_same_bytes_when_nothing_changed(client):
    DigestFactory(published=True, tags=["referendum"])
    CampaignFactory()

    assert client.get("/sitemap.xml").content == client.get("/sitemap.xml").content


def test_robots_txt_keeps_crawlers_from_the_admin_and_previews_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    for code in LANGUAGES:
        assert f"Disallow: /{code}/preview/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" not in lines


def test_robots_txt_does_not_give_away_an_admin_address_of_its_own(client, settings):
    settings.ADMIN_URL = "desk-7f3k/"

    content = client.get("/robots.txt").content.decode()

    assert "desk-7f3k" not in content
    assert "Disallow: /be/preview/" in content


@override_settings(LANGUAGES=[("be", "Belarusian"), ("en", "English")])
def test_robots_txt_names_the_previews_of_the_configured_languages(client):
    content = client.get("/robots.txt").content.decode()

    assert "Disallow: /be/preview/" in content
    assert "Disallow: /en/preview/" in content
    assert "/ru/preview/" not in content


def test_security_txt_gives_the_security_contact(client):
    SiteSettingsFactory(security_contact="security@example.org", contact_email="news@example.org")

    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:security@example.org"
    assert fields["Preferred-Languages"] == "be, ru, en"
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"
    expires = datetime.datetime.fromisoformat(fields["Expires"])
    now = datetime.datetime.now(datetime.UTC)
    assert now < expires <= now + datetime.timedelta(days=366)
    assert expires.day == 1 and expires.hour == 0


def test_security_txt_takes_a_web_address_as_it_is(client):
    SiteSettingsFactory(security_contact="https://example.org/report")

    content = client.get("/.well-known/security.txt").content.decode()

    assert "Contact: https://example.org/report\n" in content


def test_security_txt_falls_back_to_the_contact_email(client):
    SiteSettingsFactory(contact_email="news@example.org")

    content = client.get("/.well-known/security.txt").content.decode()

    assert "Contact: mailto:news@example.org\n" in content


def test_security_txt_is_not_found_without_any_contact(client):
    SiteSettingsFactory(contact_email="")

    assert client.get("/.well-known/security.txt").status_code == 404


def test_security_txt_expires_on_the_first_of_the_month_a_year_ahead():
    assert security_txt_expiry(datetime.date(2026, 12, 2)) == datetime.datetime(
        2027, 12, 1, tzinfo=datetime.UTC
    )
    assert security_txt_expiry(datetime.date(2026, 12, 31)) == security_txt_expiry(
        datetime.date(2026, 12, 1)
    )


@pytest.mark.parametrize("value", ["someone", "http://example.org/report", "ftp://x.org"])
def test_a_security_contact_must_be_an_email_or_an_https_address(value):
    site = SiteSettingsFactory(security_contact=value)

    with pytest.raises(ValidationError) as error:
        site.full_clean()

    assert "security_contact" in error.value.message_dict


def test_these_files_set_no_cookies(client):
    SiteSettingsFactory(contact_email="news@example.org")

    for url in ["/sitemap.xml", "/robots.txt", "/.well-known/security.txt"]:
        response = client.get(url)
        assert response.status_code == 200
        assert response.cookies == {}, url
