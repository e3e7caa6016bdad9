"""{% sitewide %}: the header and footer rendered once per language and state of the settings."""

import pytest
from django.template import Context, Template
from django.utils import translation

from newsroom.models import SiteSettings

from .factories import DigestFactory, ImageFactory, SiteSettingsFactory, SocialLinkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return SiteSettingsFactory(site_name_be="Рэдакцыя", site_name_en="Newsroom", tagline_be="")


def test_an_edit_of_the_settings_shows_on_the_next_page(client, site):
    assert "Рэдакцыя" in client.get("/be/").text
    site.site_name_be = "Новая назва"
    site.tagline_be = "Пра Беларусь"
    site.save()
    page = client.get("/be/").text
    assert "Новая назва" in page and "Рэдакцыя" not in page
    assert "Пра Беларусь" in page


def test_a_new_social_link_and_a_changed_one_show_at_once(client, site):
    assert "t.me/first" not in client.get("/be/").text
    link = SocialLinkFactory(site=site, url="https://t.me/first")
    assert "t.me/first" in client.get("/be/").text
    link.url = "https://t.me/second"
    link.save()
    page = client.get("/be/").text
    assert "t.me/second" in page and "t.me/first" not in page
    link.delete()
    assert "t.me/second" not in client.get("/be/").text


def test_each_language_has_its_own(client, site):
    be, en = client.get("/be/").text, client.get("/en/").text
    assert 'href="/be/digests/"' in be and 'href="/be/digests/"' not in en
    assert 'href="/en/digests/"' in en
    assert "Рэдакцыя" in be and ">Newsroom<" in en


def test_a_digest_page_keeps_its_own_parts_its_own(client, site):
    # The digest's own links sit between sitewide parts: each page has its own.
    first, second = DigestFactory.create_batch(2, published=True)
    assert first.get_absolute_url() in client.get(second.get_absolute_url()).text
    assert second.get_absolute_url() in client.get(first.get_absolute_url()).text


def test_only_the_settings_are_known_inside(site):
    template = Template(
        "{% load newsroom %}{% sitewide %}[{{ site.site_name }}|{{ secret }}]{% endsitewide %}"
    )
    site = SiteSettings.load()
    site.site_name = "Newsroom"
    with translation.override("en"):
        assert template.render(Context({"site": site, "secret": "one"})) == "[Newsroom|]"
        assert template.render(Context({"site": site, "secret": "two"})) == "[Newsroom|]"
        site.site_name = "Changed"
        del site.__dict__["fingerprint"]
        assert template.render(Context({"site": site})) == "[Changed|]"


def test_pages_share_the_settings_until_they_change(rf, site):
    first, second = rf.get("/be/"), rf.get("/be/")
    shown = SiteSettings.for_request(first)
    assert SiteSettings.for_request(second) is shown
    assert SiteSettings.load() is not shown  # an editor's form gets objects of its own
    site.sharing_image = ImageFactory(alt_be="Плошча")
    site.save()
    changed = SiteSettings.for_request(rf.get("/be/"))
    assert changed is not shown and changed.sharing_image.alt_be == "Плошча"
    assert shown.sharing_image is None


def test_the_settings_shown_are_those_of_the_database(rf, site):
    SocialLinkFactory(site=site, url="https://t.me/first", position=1)
    SocialLinkFactory(site=site, url="https://t.me/second", position=0)
    shown = SiteSettings.for_request(rf.get("/be/"))
    loaded = SiteSettings.load()
    assert [link.url for link in shown.social_profiles] == [
        "https://t.me/second",
        "https://t.me/first",
    ]
    for field in SiteSettings._meta.concrete_fields:
        assert getattr(shown, field.attname) == getattr(loaded, field.attname), field.name
    assert shown.fingerprint == loaded.fingerprint
    with translation.override("be"):
        assert shown.site_name == "Рэдакцыя"
