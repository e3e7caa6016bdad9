import datetime
import re

import pytest

from digests.models import Section
from tests.factories import (
    DigestFactory,
    MeetingTopicFactory,
    PartnerMeetingFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def section_html(client, section, language="en"):
    content = client.get(f"/{language}/digests/{section.digest.slug}/").content.decode()
    match = re.search(rf'<section [^>]*id="{section.anchor}".*?</section>', content, re.S)
    assert match
    return match.group(0)


@pytest.mark.parametrize(
    ("kind", "language", "label"),
    [
        (Section.Kind.STATEMENT, "en", "Statement"),
        (Section.Kind.STATEMENT, "be", "Заява"),
        (Section.Kind.STATEMENT, "ru", "Заявление"),
        (Section.Kind.CAMPAIGN_UPDATE, "be", "Навіны кампаніі"),
        (Section.Kind.EXPERT_DISCUSSION, "ru", "Экспертная дискуссия"),
        (Section.Kind.EVENT, "en", "Event"),
    ],
)
def test_each_section_is_labelled_with_its_kind_in_the_readers_language(
    client, kind, language, label
):
    section = SectionFactory(digest=DigestFactory(published=True), kind=kind)

    html = section_html(client, section, language)

    assert f'<p class="kind kind--{kind}">{label}</p>' in html
    assert html.index(label) < html.index(f'id="{section.anchor}-h"')


def test_a_section_of_no_particular_kind_has_no_label(client):
    section = SectionFactory(digest=DigestFactory(published=True), kind=Section.Kind.OTHER)

    html = section_html(client, section)

    assert 'class="kind' not in html
    assert "Other" not in html


def test_a_partner_meeting_section_shows_its_public_meetings_at_a_glance(client):
    meeting = PartnerMeetingFactory(
        date=datetime.date(2026, 11, 20),
        counterpart_title_en="Ambassador",
        counterpart_name_en="Anna Muster",
        counterpart_organisation_en="Embassy of Switzerland in Poland",
        country="CH",
    )
    hidden = PartnerMeetingFactory(counterpart_name_en="Secret Person", internal=True)
    section = SectionFactory(
        digest=DigestFactory(published=True),
        kind=Section.Kind.PARTNER_MEETING,
        meetings=[meeting, hidden],
    )

    html = section_html(client, section)
    facts = re.search(r'<dl class="meeting-facts">.*?</dl>', html, re.S).group(0)

    assert '<p class="kind kind--partner_meeting">Partner meeting</p>' in html
    assert f'<a href="/en/meetings/{meeting.pk}/">Ambassador Anna Muster</a>' in facts
    assert "Embassy of Switzerland in Poland" in facts
    assert "<dd>Switzerland</dd>" in facts
    assert '<time datetime="2026-11-20">20 November 2026</time>' in facts
    assert html.count('class="meeting-facts"') == 1
    assert "Secret Person" not in html
    # Said once: not again in the list under the text.
    assert "Meetings:" not in html
    # The facts come before the text they sum up.
    assert html.index("meeting-facts") < html.index('class="prose"')


def test_the_meeting_block_speaks_the_readers_language(client):
    meeting = PartnerMeetingFactory(counterpart_name_be="Ганна Мустэр", country="CH")
    section = SectionFactory(
        digest=DigestFactory(published=True),
        kind=Section.Kind.PARTNER_MEETING,
        meetings=[meeting],
    )

    html = section_html(client, section, "be")

    for text in ("Сустрэча з партнёрамі", "Суразмоўца", "Краіна", "Дата", "Ганна Мустэр"):
        assert text in html


def test_other_sections_name_their_meetings_in_the_list_under_the_text(client):
    meeting = MeetingTopicFactory().meeting
    section = SectionFactory(
        digest=DigestFactory(published=True), kind=Section.Kind.STATEMENT, meetings=[meeting]
    )

    html = section_html(client, section)

    assert "meeting-facts" not in html
    assert f'Meetings: <a href="/en/meetings/{meeting.pk}/">' in html


def test_a_partner_meeting_section_without_public_meetings_is_only_labelled(client):
    section = SectionFactory(
        digest=DigestFactory(published=True),
        kind=Section.Kind.PARTNER_MEETING,
        meetings=[PartnerMeetingFactory(internal=True)],
    )

    html = section_html(client, section)

    assert "Partner meeting" in html
    assert "meeting-facts" not in html
