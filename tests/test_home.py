import datetime
import re

import pytest

from digests.models import Section
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    DigestFactory,
    ImageFactory,
    PartnerMeetingFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def home(client, language="en"):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert response.cookies == {}
    return response.content.decode()


def lead_story(content):
    return content.split('<article class="lead-digest">', 1)[1].split("</article>", 1)[0]


def block(content, heading_id):
    """The front page's <section> headed by the element with this id."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', content, re.S)
    assert match, f"No block headed #{heading_id}"
    return match.group(0)


def test_home_page_leads_with_the_latest_published_digest(client):
    DigestFactory(published=True, headline_en="Older news")
    latest = DigestFactory(
        published=True, headline_en="Latest news", lead_en="What happened in two weeks."
    )
    DigestFactory(headline_en="Draft news")
    DigestFactory(scheduled=True, headline_en="Scheduled news")

    content = home(client)
    lead = lead_story(content)

    assert "Latest news" in lead
    assert "What happened in two weeks." in lead
    assert f'href="/en/digests/{latest.slug}/"' in lead
    assert "Older news" not in lead
    assert "Draft news" not in content
    assert "Scheduled news" not in content


def test_the_lead_story_gives_its_period_with_the_year_and_its_publication_time(client):
    DigestFactory(
        published=True,
        period_start=datetime.date(2026, 11, 2),
        period_end=datetime.date(2026, 11, 15),
    )

    lead = lead_story(home(client))

    assert "2–15 November 2026" in lead
    assert re.search(r'published <time datetime="\d{4}-\d\d-\d\dT[\d:]{8}[+-]\d\d:\d\d">', lead)


def test_the_lead_story_shows_its_cover_as_the_digest_page_does(client):
    DigestFactory(published=True, cover=ImageFactory(alt_en="Flags in Vilnius"))

    lead = lead_story(home(client))

    assert 'alt="Flags in Vilnius"' in lead
    assert 'width="640" height="480"' in lead
    assert 'sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)"' in lead
    assert re.search(r'srcset="/media/images/\d{4}/[^"]+-480w\.webp 480w', lead)
    # The first thing a reader sees is not left for later.
    assert 'loading="lazy"' not in lead


def test_the_lead_story_lists_its_sections_with_their_kinds_and_anchors(client):
    digest = DigestFactory(published=True)
    second = SectionFactory(
        digest=digest, position=2, heading_en="Talks in Bern", kind=Section.Kind.PARTNER_MEETING
    )
    first = SectionFactory(
        digest=digest, position=1, heading_en="We said so", kind=Section.Kind.STATEMENT
    )
    SectionFactory(digest=digest, position=3, heading_en="Odds and ends", kind=Section.Kind.OTHER)

    lead = lead_story(home(client))
    items = re.findall(r"<li>(.*?)</li>", lead.split('class="lead-digest__sections"')[1], re.S)

    assert [re.sub(r"<[^>]+>|\s+", " ", item).split() for item in items] == [
        ["Statement", "We", "said", "so"],
        ["Partner", "meeting", "Talks", "in", "Bern"],
        ["Odds", "and", "ends"],  # "Other" says nothing: no label.
    ]
    assert f'href="/en/digests/{digest.slug}/#section-{first.pk}"' in items[0]
    assert f'href="/en/digests/{digest.slug}/#section-{second.pk}"' in items[1]


def test_the_digest_page_has_the_anchors_the_front_page_links_to(client):
    digest = DigestFactory(published=True)
    section = SectionFactory(digest=digest, heading_en="Talks in Bern")

    page = client.get(f"/en/digests/{digest.slug}/").content.decode()

    assert f'id="section-{section.pk}"' in page
    assert f'#section-{section.pk}"' in home(client)


def test_home_page_shows_the_current_activity_list(client):
    ActionItemFactory(text_en="Register on the Voice platform", url="https://example.org/voice")
    ActionItemFactory(text_en="An expired call", expired=True)
    ActionItemFactory(text_en="A call for next week", upcoming=True)

    content = home(client)

    assert (
        '<a href="https://example.org/voice" rel="noopener noreferrer">'
        "Register on the Voice platform</a>"
    ) in block(content, "today-heading")
    assert "An expired call" not in content
    assert "A call for next week" not in content


def test_todays_list_comes_right_after_the_lead_story(client):
    DigestFactory(published=True)
    CampaignFactory()
    PartnerMeetingFactory()

    content = home(client)

    order = [
        content.index(marker)
        for marker in (
            'class="lead-digest"',
            'id="today-heading"',
            'id="campaigns-heading"',
            'id="meetings-heading"',
        )
    ]
    assert order == sorted(order)


def test_active_campaigns_are_cards_counting_their_current_actions(client):
    busy = CampaignFactory(name_en="Popular sanctions", summary_en="Name those who repress.")
    ActionItemFactory.create_batch(2, campaign=busy)
    ActionItemFactory(campaign=busy, expired=True)
    ActionItemFactory(campaign=busy, upcoming=True)
    one = CampaignFactory(name_en="Museum donations")
    ActionItemFactory(campaign=one)
    CampaignFactory(name_en="Waiting campaign")
    CampaignFactory(name_en="Referendum of 2022", closed=True)

    campaigns = block(home(client), "campaigns-heading")

    cards = {
        re.search(r'card__title"><a[^>]*>([^<]+)', card).group(1): card
        for card in campaigns.split("<article")[1:]
    }
    assert set(cards) == {"Popular sanctions", "Museum donations", "Waiting campaign"}
    assert "Name those who repress." in cards["Popular sanctions"]
    assert f'href="/en/campaigns/{busy.slug}/"' in cards["Popular sanctions"]
    assert "2 actions for today" in cards["Popular sanctions"]
    assert "1 action for today" in cards["Museum donations"]
    assert "Nothing to do today" in cards["Waiting campaign"]
    assert 'href="/en/campaigns/"' in campaigns


def test_recent_public_meetings_show_date_counterpart_and_country(client):
    PartnerMeetingFactory(
        date=datetime.date(2026, 11, 20),
        counterpart_title_en="Ambassador",
        counterpart_name_en="Anna Muster",
        country="CH",
    )
    PartnerMeetingFactory(
        date=datetime.date(2026, 11, 25), counterpart_name_en="Hidden Person", internal=True
    )
    older = PartnerMeetingFactory(date=datetime.date(2026, 10, 1), counterpart_name_en="Jan Nowak")

    content = home(client)
    meetings = block(content, "meetings-heading")

    assert '<time datetime="2026-11-20">20 November 2026</time>' in meetings
    assert "Ambassador Anna Muster" in meetings
    assert "Switzerland" in meetings
    assert meetings.index("Anna Muster") < meetings.index("Jan Nowak")
    assert f'href="/en/meetings/{older.pk}/"' in meetings
    assert "Hidden Person" not in content


def test_earlier_digests_are_dated_cards_with_small_covers(client):
    oldest = DigestFactory(published=True, headline_en="Oldest news")
    earlier = [
        DigestFactory(published=True, headline_en=f"Earlier news {n}", cover=ImageFactory())
        for n in range(3)
    ]
    DigestFactory(published=True, headline_en="Latest news")

    cards = block(home(client), "earlier-heading")

    shown = re.findall(r"Earlier news \d", cards)
    assert shown == ["Earlier news 2", "Earlier news 1", "Earlier news 0"]
    assert "Oldest news" not in cards
    assert "Latest news" not in cards
    assert f'href="/en/digests/{earlier[0].slug}/"' in cards
    assert cards.count("<time datetime=") == 3
    assert cards.count('sizes="(min-width: 48rem) 15rem, 6rem"') == 6  # WebP and fallback.
    assert cards.count('loading="lazy"') == 3
    assert 'href="/en/digests/"' in cards
    assert oldest.slug not in cards


def test_home_page_before_anything_is_published_says_so_and_nothing_more(client):
    DigestFactory(headline_en="Draft news")
    CampaignFactory(closed=True)
    PartnerMeetingFactory(internal=True)

    content = home(client)

    assert "No digest has been published yet." in content
    assert "There are no calls to action right now." in content
    for heading in ("campaigns-heading", "meetings-heading", "earlier-heading"):
        assert f'id="{heading}"' not in content
    assert "lead-digest" not in content


def test_a_single_digest_has_no_earlier_digests_block(client):
    DigestFactory(published=True)

    content = home(client)

    assert 'class="lead-digest"' in content
    assert 'id="earlier-heading"' not in content
    assert 'class="lead-digest__sections"' not in content  # It has no sections.


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "be",
            [
                "Апошні дайджэст",
                "Што можна зрабіць сёння",
                "Актыўныя кампаніі",
                "2 дзеянні на сёння",
                "Нядаўнія сустрэчы з партнёрамі",
                "Ранейшыя дайджэсты",
                "Заява",
            ],
        ),
        (
            "ru",
            [
                "Последний дайджест",
                "Что можно сделать сегодня",
                "Активные кампании",
                "2 действия на сегодня",
                "Недавние встречи с партнёрами",
                "Прежние дайджесты",
                "Заявление",
            ],
        ),
        (
            "en",
            [
                "Latest digest",
                "What you can do today",
                "Active campaigns",
                "2 actions for today",
                "Recent partner meetings",
                "Earlier digests",
                "Statement",
            ],
        ),
    ],
)
def test_home_page_speaks_the_readers_language(client, language, texts):
    DigestFactory(published=True)
    SectionFactory(digest=DigestFactory(published=True), kind=Section.Kind.STATEMENT)
    ActionItemFactory.create_batch(2, campaign=CampaignFactory())
    PartnerMeetingFactory()

    content = home(client, language)

    assert f'<html lang="{language}">' in content
    for text in texts:
        assert text in content


def test_today_page_names_each_items_campaign(client):
    item = ActionItemFactory(campaign__name_en="Museum donations")

    content = client.get("/en/today/").content.decode()

    assert f'<a href="/en/campaigns/{item.campaign.slug}/">Museum donations</a>' in content
