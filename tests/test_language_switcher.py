import datetime
import re

import pytest

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
    assert '<span aria-current="true" lang="en">English</span>' in links


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

    links = switcher(client.get("/en/digests/2022/?page=2").content.decode())

    assert 'href="/be/digests/2022/?page=2" hreflang="be"' in links
