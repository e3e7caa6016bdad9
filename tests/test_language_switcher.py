import datetime
import re

import pytest
from django.utils import translation

from newsroom import i18n
from tests.factories import CampaignFactory, DigestFactory

pytestmark = pytest.mark.django_db


def switcher(content):
    return re.search(r'<nav class="languages".*?</nav>', content, re.S).group(0)


def test_switcher_on_a_digest_leads_to_the_same_digest_in_the_other_languages(client):
    digest = DigestFactory(published=True)

    content = client.get(f"/en/digests/{digest.slug}/").content.decode()

    links = switcher(content)
    assert f'href="/be/digests/{digest.slug}/" hreflang="be"' in links
    assert f'href="/ru/digests/{digest.slug}/" hreflang="ru"' in links
    assert (
        '<span aria-current="true" lang="en"><span class="languages__code">EN</span> '
        '<span class="languages__name">English</span></span>'
    ) in links


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_page_lists_its_alternates_in_every_language(client, language):
    digest = DigestFactory(published=True)

    content = client.get(f"/{language}/digests/{digest.slug}/").content.decode()

    for code in ("be", "ru", "en"):
        assert (
            f'<link rel="alternate" hreflang="{code}" '
            f'href="http://testserver/{code}/digests/{digest.slug}/">' in content
        )


def test_switcher_names_each_language_in_itself(client):
    content = client.get("/en/").content.decode()

    links = switcher(content)
    assert "Беларуская" in links
    assert "Русский" in links


@pytest.mark.parametrize(
    "path",
    ["", "today/", "digests/", "campaigns/", "campaigns/{campaign.slug}/", "meetings/"],
)
def test_switcher_keeps_the_reader_on_the_same_page(client, path):
    campaign = CampaignFactory()
    path = path.format(campaign=campaign)

    links = switcher(client.get(f"/ru/{path}").content.decode())

    assert f'href="/be/{path}" hreflang="be"' in links
    assert f'href="/en/{path}" hreflang="en"' in links


def test_switcher_keeps_the_archive_year_and_page(client):
    for week in range(13):
        DigestFactory(
            published=True, period_start=datetime.date(2022, 1, 3) + datetime.timedelta(weeks=week)
        )

    links = switcher(client.get("/en/digests/2022/page/2/").content.decode())

    assert 'href="/be/digests/2022/page/2/" hreflang="be"' in links


def alternates(content):
    return re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]*)">', content)


@pytest.mark.parametrize(
    "url",
    [
        "//evil.example/x",
        "///evil.example/x",
        "/\\evil.example/x",
        "/%2F%2Fevil.example/x",
        "/%5Cevil.example/x",
        "/be//evil.example/x",
        "/en//evil.example/x?page=2",
        "/ru/%2F%2Fevil.example/",
        "/be/digests//evil.example/",
        "/en/\\\\evil.example/",
    ],
)
def test_switcher_on_a_strange_address_stays_on_the_site(client, url):
    response = client.get(url)
    content = response.content.decode()

    assert response.status_code == 404
    links = re.findall(r'href="([^"]*)"', switcher(content))
    assert links
    for link in links:
        assert link.startswith("/") and link[1:2] not in ("/", "\\"), link
        assert "evil" not in link
    assert "evil.example" not in switcher(content)
    assert alternates(content) == []


def test_switcher_on_a_missing_page_leads_to_the_home_pages(client):
    links = switcher(client.get("/ru/no-such-page/").content.decode())

    assert 'href="/be/" hreflang="be"' in links
    assert 'href="/en/" hreflang="en"' in links


def test_missing_digest_names_no_alternates(client):
    content = client.get("/en/digests/no-such-digest/").content.decode()

    assert alternates(content) == []
    assert 'href="/be/" hreflang="be"' in switcher(content)


def test_alternates_name_the_page_on_the_sites_own_host_without_stray_parameters(client):
    digest = DigestFactory(published=True)

    content = client.get(f"/ru/digests/{digest.slug}/?utm=x").content.decode()

    # Search engines take the alternates as the canonical addresses of the page.
    assert alternates(content) == [
        ("be", f"http://testserver/be/digests/{digest.slug}/"),
        ("ru", f"http://testserver/ru/digests/{digest.slug}/"),
        ("en", f"http://testserver/en/digests/{digest.slug}/"),
    ]
    assert f'href="/be/digests/{digest.slug}/?utm=x" hreflang="be"' in switcher(content)


def test_alternates_of_a_list_keep_its_page_number(client):
    for _ in range(13):
        DigestFactory(published=True)

    content = client.get("/en/digests/page/2/?utm=x").content.decode()

    assert ("be", "http://testserver/be/digests/page/2/") in alternates(content)


def test_an_address_in_another_language_is_its_own_whichever_comes_first():
    # Remembered per language: asking in ru while be is active, then the other way round.
    with translation.override("be"):
        assert i18n.address_in("ru", "digests:tag", "voice") == "/ru/tags/voice/"
        assert i18n.page_address("digests:tag", "voice") == "/be/tags/voice/"
    with translation.override("en"):
        assert i18n.address_in("be", "digests:tag", "voice") == "/be/tags/voice/"
        assert i18n.address_in("ru", "digests:tag", "voice") == "/ru/tags/voice/"
        assert i18n.page_address("digests:tag", "voice") == "/en/tags/voice/"
