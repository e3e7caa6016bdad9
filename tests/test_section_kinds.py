import datetime
import re

import pytest

from campaigns.models import PartnerMeeting
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


def partner_meeting_section(*meetings):
    return SectionFactory(
        digest=DigestFactory(published=True),
        kind=Section.Kind.PARTNER_MEETING,
        meetings=list(meetings),
    )


def topics_of(html):
    match = re.search(r'<ul class="meeting-facts__topics">(.*?)</ul>', html, re.S)
    return re.findall(r"<li([^>]*)>(.*?)</li>", match.group(1)) if match else []


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        # The first topic has no Russian, the second no English: each falls
        # back as the site's settings say (ru to be, en to ru).
        ("be", [("", "Санкцыі"), ("", "Палітвязні")]),
        ("ru", [(' lang="be"', "Санкцыі"), ("", "Политзаключённые")]),
        ("en", [("", "Sanctions"), (' lang="ru"', "Политзаключённые")]),
    ],
)
def test_a_partner_meetings_topics_are_listed_in_the_readers_language(client, language, shown):
    meeting = PartnerMeetingFactory()
    MeetingTopicFactory(
        meeting=meeting, position=2, text_be="Палітвязні", text_ru="Политзаключённые", text_en=""
    )
    MeetingTopicFactory(meeting=meeting, position=1, text_be="Санкцыі", text_en="Sanctions")

    html = section_html(client, partner_meeting_section(meeting), language)

    assert topics_of(html) == shown


def test_topics_of_the_same_position_keep_the_order_they_were_added_in(client):
    meeting = PartnerMeetingFactory()
    for text in ("Alpha", "Beta", "Gamma"):
        MeetingTopicFactory(meeting=meeting, position=0, text_en=text)
    MeetingTopicFactory(meeting=meeting, position=0, text_en="Delta")

    html = section_html(client, partner_meeting_section(meeting))

    assert [text for _lang, text in topics_of(html)] == ["Alpha", "Beta", "Gamma", "Delta"]


def test_a_topic_that_looks_like_markup_or_a_separator_is_shown_as_text(client):
    meeting = PartnerMeetingFactory()
    MeetingTopicFactory(meeting=meeting, position=1, text_en='<b>Visas</b> & "aid"; a, b | c')
    MeetingTopicFactory(meeting=meeting, position=2, text_en="split\x1fhere\x1eand here")
    MeetingTopicFactory(meeting=meeting, position=3, text_en="Last")

    html = section_html(client, partner_meeting_section(meeting))

    assert topics_of(html) == [
        ("", "&lt;b&gt;Visas&lt;/b&gt; &amp; &quot;aid&quot;; a, b | c"),
        ("", "splithereand here"),
        ("", "Last"),
    ]
    assert "<b>Visas" not in html


def test_each_meeting_lists_its_own_topics_and_a_meeting_without_topics_none(client):
    first = MeetingTopicFactory(text_en="First's topic").meeting
    second = PartnerMeetingFactory()
    internal = MeetingTopicFactory(meeting=PartnerMeetingFactory(internal=True), text_en="Secret")

    html = section_html(client, partner_meeting_section(first, second, internal.meeting))

    facts = re.findall(r'<dl class="meeting-facts">.*?</dl>', html, re.S)
    assert len(facts) == 2
    assert [text for _lang, text in topics_of(facts[0])] == ["First&#x27;s topic"]
    assert "Topics" not in facts[1]
    assert "meeting-facts__topics" not in facts[1]
    assert "Secret" not in html
    assert f"/meetings/{internal.meeting.pk}/" not in html


def test_topic_texts_are_read_with_the_meetings_in_one_query(django_assert_num_queries):
    meeting = PartnerMeetingFactory()
    MeetingTopicFactory(meeting=meeting, position=2, text_be="Б", text_ru="Б-ру", text_en="")
    MeetingTopicFactory(meeting=meeting, position=1, text_be="А", text_en="A")
    PartnerMeetingFactory()

    with django_assert_num_queries(1):
        meetings = list(PartnerMeeting.objects.with_topic_texts().order_by("pk"))
        topics = list(meetings[0].topics.all())
        assert list(meetings[1].topics.all()) == []

    stored = list(meeting.topics.all())
    assert topics == stored
    assert [(t.text_be, t.text_ru, t.text_en) for t in topics] == [
        (t.text_be or "", t.text_ru or "", t.text_en or "") for t in stored
    ]
    assert all(topic.meeting is meetings[0] for topic in topics)
