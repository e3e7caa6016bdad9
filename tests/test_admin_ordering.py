"""Ordering inline rows in the admin: what the positions saved are.

The drag-and-drop script only renumbers the position inputs (browser test:
tests/e2e/test_admin_ordering.py); what the server makes of the numbers it
receives, or of rows sent without one, is tested here.
"""

import datetime

import pytest

from campaigns.models import CampaignLink, MeetingTopic
from digests.models import DigestAction, Section
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    CampaignLinkFactory,
    DigestActionFactory,
    DigestFactory,
    MeetingTopicFactory,
    PartnerMeetingFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_in(admin_client, admin_language):
    """The superuser's browser with the admin in each of the three languages."""
    return admin_client


@pytest.fixture
def resubmit(admin_in, admin_form_data):
    """Open an admin page, change what `edit` changes in the form, and save."""

    def submit(url, edit=None):
        data = admin_form_data(admin_in.get(url))
        if edit:
            edit(data)
        response = admin_in.post(url, data)
        assert response.status_code == 302, response.context["errors"] if response.context else ""
        return response

    return submit


def headings(digest):
    return list(digest.sections.values_list("heading_en", flat=True))


def test_positions_given_by_dragging_are_saved_in_that_order(resubmit):
    digest = DigestFactory()
    for number, heading in enumerate(["First", "Second", "Third"], start=1):
        SectionFactory(digest=digest, heading_en=heading, position=number)

    def drag_third_to_the_top(data):
        data["sections-0-position"] = "2"
        data["sections-1-position"] = "3"
        data["sections-2-position"] = "1"

    resubmit(f"/admin/digests/digest/{digest.pk}/change/", drag_third_to_the_top)

    assert headings(digest) == ["Third", "First", "Second"]
    assert list(digest.sections.values_list("position", flat=True)) == [1, 2, 3]


def test_rows_of_a_new_digest_sent_without_positions_are_saved_one_to_n_as_shown(
    admin_in, admin_form_data
):
    items = ActionItemFactory.create_batch(3, active_from=datetime.date(2022, 1, 1))
    data = admin_form_data(admin_in.get("/admin/digests/digest/add/"))
    data.update(
        {
            "period_start": "2022-01-10",
            "period_end": "2022-01-23",
            "status": "draft",
            "headline_be": "Галоўная навіна",
            "action_entries-TOTAL_FORMS": "3",
            "sections-TOTAL_FORMS": "3",
        }
    )
    for number, (item, heading) in enumerate(zip(items, ["A", "B", "C"], strict=True)):
        data[f"action_entries-{number}-action_item"] = str(item.pk)
        data[f"action_entries-{number}-position"] = "0"
        data[f"sections-{number}-heading_be"] = heading
        data[f"sections-{number}-heading_en"] = heading
        data[f"sections-{number}-kind"] = Section.Kind.OTHER
        data[f"sections-{number}-position"] = "0"

    response = admin_in.post("/admin/digests/digest/add/", data)

    assert response.status_code == 302
    assert list(Section.objects.values_list("heading_en", "position")) == [
        ("A", 1),
        ("B", 2),
        ("C", 3),
    ]
    assert list(DigestAction.objects.values_list("action_item", "position")) == [
        (items[0].pk, 1),
        (items[1].pk, 2),
        (items[2].pk, 3),
    ]


def test_new_row_sent_without_a_position_goes_after_the_existing_rows(resubmit):
    digest = DigestFactory()
    SectionFactory(digest=digest, heading_en="Old first", position=4)
    SectionFactory(digest=digest, heading_en="Old second", position=7)

    def add_a_section(data):
        data["sections-TOTAL_FORMS"] = "3"
        data["sections-2-heading_be"] = "Новы"
        data["sections-2-heading_en"] = "New"
        data["sections-2-kind"] = Section.Kind.OTHER
        data["sections-2-position"] = "0"

    resubmit(f"/admin/digests/digest/{digest.pk}/change/", add_a_section)

    assert list(digest.sections.values_list("heading_en", "position")) == [
        ("Old first", 4),
        ("Old second", 7),
        ("New", 8),
    ]


def test_new_call_to_action_link_and_meeting_topic_are_appended(resubmit):
    campaign = CampaignFactory()
    CampaignLinkFactory(campaign=campaign, label_en="Voice", position=2)
    meeting = PartnerMeetingFactory()
    MeetingTopicFactory(meeting=meeting, text_en="Sanctions", position=5)

    def add_a_link(data):
        data["links-TOTAL_FORMS"] = "2"
        data["links-1-label_be"] = "Чат-бот"
        data["links-1-label_en"] = "Chatbot"
        data["links-1-url"] = "https://example.org/bot"
        data["links-1-position"] = "0"

    def add_a_topic(data):
        data["topics-1-text_be"] = "Палітвязні"
        data["topics-1-text_en"] = "Political prisoners"
        data["topics-1-position"] = "0"

    resubmit(f"/admin/campaigns/campaign/{campaign.pk}/change/", add_a_link)
    resubmit(f"/admin/campaigns/partnermeeting/{meeting.pk}/change/", add_a_topic)

    assert list(CampaignLink.objects.values_list("label_en", "position")) == [
        ("Voice", 2),
        ("Chatbot", 3),
    ]
    assert list(MeetingTopic.objects.values_list("text_en", "position")) == [
        ("Sanctions", 5),
        ("Political prisoners", 6),
    ]


def test_blank_new_row_numbered_by_the_script_is_left_out_without_an_error(resubmit):
    meeting = PartnerMeetingFactory()
    MeetingTopicFactory(meeting=meeting, text_en="Sanctions", position=1)

    def number_the_blank_row(data):
        # The meeting form has one blank topic row; the script gives it the next number.
        assert data["topics-1-text_en"] == ""
        data["topics-1-position"] = "2"

    resubmit(f"/admin/campaigns/partnermeeting/{meeting.pk}/change/", number_the_blank_row)

    assert list(MeetingTopic.objects.values_list("text_en", flat=True)) == ["Sanctions"]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/digests/digest/{digest}/change/",
        "/admin/campaigns/campaign/{campaign}/change/",
        "/admin/campaigns/partnermeeting/{meeting}/change/",
    ],
)
def test_ordered_rows_keep_a_number_input_and_load_the_ordering_script(admin_in, url):
    digest = DigestFactory()
    SectionFactory(digest=digest)
    DigestActionFactory(digest=digest)
    link = CampaignLinkFactory()
    topic = MeetingTopicFactory()

    response = admin_in.get(
        url.format(digest=digest.pk, campaign=link.campaign.pk, meeting=topic.meeting.pk)
    )

    content = response.content.decode()
    assert 'type="number" name="' in content
    assert 'class="ordering-position"' in content
    assert "/static/js/admin-ordering.js" in content


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("be", "Перацягніце, каб перамясціць, або карыстайцеся стрэлкамі"),
        ("ru", "Перетащите, чтобы переместить, или используйте стрелки"),
        ("en", "Drag to move, or use the arrow keys"),
    ],
)
def test_drag_handle_is_labelled_in_the_admin_language(admin_client, language, label):
    digest = DigestFactory()
    SectionFactory(digest=digest)

    response = admin_client.get(
        f"/admin/digests/digest/{digest.pk}/change/", HTTP_ACCEPT_LANGUAGE=language
    )

    assert f'data-handle-label="{label}"' in response.content.decode()


def test_activity_and_campaign_choices_have_no_links_that_change_or_delete_them(admin_in):
    digest = DigestFactory()
    DigestActionFactory(digest=digest)
    SectionFactory(digest=digest, campaign=CampaignFactory())

    content = admin_in.get(f"/admin/digests/digest/{digest.pk}/change/").content.decode()

    for field in ["action_entries-0-action_item", "sections-0-campaign"]:
        for link in ["add", "change", "delete", "view"]:
            assert f'id="{link}_id_{field}"' not in content
    # The row itself can still be removed, and a meeting still added in a popup.
    assert 'name="action_entries-0-DELETE"' in content
    assert 'id="add_id_sections-0-meetings"' in content
