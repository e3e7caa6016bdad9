import datetime
import re

import pytest

from tests.factories import CampaignFactory, DigestFactory, PartnerMeetingFactory

pytestmark = pytest.mark.django_db

MOMENT = r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d">'


def cards(client, url):
    content = client.get(url).content.decode()
    return re.findall(r'<article class="card[^"]*".*?</article>', content, re.S)


def a_digest(**kwargs):
    return DigestFactory(
        published=True,
        period_start=datetime.date(2026, 11, 2),
        period_end=datetime.date(2026, 11, 15),
        **kwargs,
    )


@pytest.mark.parametrize("url", ["/en/digests/", "/en/digests/2026/", "/en/tags/referendum/"])
def test_digest_cards_give_the_period_with_its_year_and_the_publication_time(client, url):
    a_digest(tags=["referendum"])

    (card,) = cards(client, url)

    assert "2–15 November 2026" in card
    assert re.search("published " + MOMENT, card)


def test_digest_cards_give_their_dates_in_the_readers_language(client):
    a_digest()

    (card,) = cards(client, "/be/digests/")

    assert "2–15 лістапада 2026" in card
    assert re.search("апублікавана " + MOMENT, card)


def test_campaign_cards_give_when_the_campaign_ran(client):
    CampaignFactory(starts_on=datetime.date(2021, 12, 1), closed=True)
    CampaignFactory(starts_on=datetime.date(2026, 3, 8))

    running, closed = cards(client, "/en/campaigns/")

    assert '<time datetime="2026-03-08">8 March 2026</time>' in running
    assert " – <time" not in running
    assert (
        '<time datetime="2021-12-01">1 December 2021</time> – '
        '<time datetime="2021-12-31">31 December 2021</time>'
    ) in closed


def test_meeting_cards_give_their_day(client):
    PartnerMeetingFactory(date=datetime.date(2026, 11, 20))

    (card,) = cards(client, "/ru/meetings/")

    assert '<time datetime="2026-11-20">20 ноября 2026</time>' in card
