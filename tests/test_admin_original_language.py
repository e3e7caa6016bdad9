"""Any language may be the original, and a save in any admin language keeps each one's text."""

import pytest

from campaigns.models import ActionItem
from digests.models import Section

from .factories import (
    ActionItemFactory,
    CampaignFactory,
    DigestFactory,
    MeetingTopicFactory,
    PartnerMeetingFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def save_unchanged(admin_client, admin_form_data, url, **changes):
    data = admin_form_data(admin_client.get(url))
    data.update(changes)
    return admin_client.post(url, data)


def test_saving_a_campaign_written_in_english_keeps_the_other_languages_empty(
    admin_client, admin_form_data, admin_language
):
    campaign = CampaignFactory(
        name_be="", name_en="Popular sanctions", body_be="", body_en="<p>Only English.</p>"
    )

    response = save_unchanged(
        admin_client, admin_form_data, f"/admin/campaigns/campaign/{campaign.pk}/change/"
    )

    assert response.status_code == 302, response.context["errors"]
    campaign.refresh_from_db()
    assert campaign.body_en == "<p>Only English.</p>"
    assert not campaign.body_be
    assert not campaign.body_ru
    assert not campaign.name_be


def test_saving_a_digest_keeps_each_sections_languages_apart(
    admin_client, admin_form_data, admin_language
):
    digest = DigestFactory()
    section = SectionFactory(
        digest=digest,
        heading_be="",
        heading_en="A partner's statement",
        body_be="",
        body_en="<p>In English only.</p>",
    )

    response = save_unchanged(
        admin_client, admin_form_data, f"/admin/digests/digest/{digest.pk}/change/"
    )

    assert response.status_code == 302, response.context["errors"]
    section.refresh_from_db()
    assert not (section.heading_be or section.heading_ru)
    assert not (section.body_be or section.body_ru)
    assert section.body_en == "<p>In English only.</p>"


def test_a_change_in_one_language_is_sanitised_in_that_language_only(
    admin_client, admin_form_data, admin_language
):
    campaign = CampaignFactory(body_be="", body_en="<p>English.</p>")

    save_unchanged(
        admin_client,
        admin_form_data,
        f"/admin/campaigns/campaign/{campaign.pk}/change/",
        body_ru='<p onclick="x()">Па-руску<script>x()</script></p>',
    )

    campaign.refresh_from_db()
    assert campaign.body_ru == "<p>Па-руску</p>"
    assert not campaign.body_be
    assert campaign.body_en == "<p>English.</p>"


@pytest.mark.parametrize("language", ["ru", "en"])
def test_a_section_written_only_in_one_language_can_be_saved(
    admin_client, admin_form_data, admin_language, language
):
    digest = DigestFactory()
    url = f"/admin/digests/digest/{digest.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data.update(
        {
            "sections-TOTAL_FORMS": "1",
            "sections-0-kind": Section.Kind.STATEMENT,
            "sections-0-position": "1",
            f"sections-0-heading_{language}": "Only here",
            f"sections-0-body_{language}": "<p>The original text.</p>",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    section = digest.sections.get()
    assert getattr(section, f"heading_{language}") == "Only here"
    assert not section.heading_be


def test_a_section_with_no_heading_in_any_language_is_refused_naming_field_and_languages(
    admin_client, admin_form_data
):
    digest = DigestFactory()
    url = f"/admin/digests/digest/{digest.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data.update(
        {
            "sections-TOTAL_FORMS": "1",
            "sections-0-kind": Section.Kind.STATEMENT,
            "sections-0-body_en": "<p>Text without a heading.</p>",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    errors = " ".join(str(e) for e in response.context["inline_admin_formsets"][1].formset.errors)
    assert "“Heading” is empty in every language" in errors
    assert "BE, RU or EN" in errors
    assert not digest.sections.exists()


def test_the_refusal_reads_in_the_admins_language(admin_client, admin_form_data):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "be"
    url = "/admin/campaigns/actionitem/add/"
    campaign = CampaignFactory()
    data = admin_form_data(admin_client.get(url))
    data.update({"campaign": campaign.pk, "active_from": "2022-01-10"})

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "пустое на ўсіх мовах" in response.content.decode()
    assert not ActionItem.objects.exists()


@pytest.mark.parametrize(
    ("url", "factory", "field"),
    [
        ("/admin/campaigns/campaign/{}/change/", CampaignFactory, "name"),
        ("/admin/campaigns/actionitem/{}/change/", ActionItemFactory, "text"),
        ("/admin/campaigns/partnermeeting/{}/change/", PartnerMeetingFactory, "counterpart_name"),
    ],
)
def test_records_written_in_russian_only_can_be_saved(
    admin_client, admin_form_data, admin_language, url, factory, field
):
    record = factory(**{f"{field}_be": "", f"{field}_en": "", f"{field}_ru": "Только по-русски"})

    response = save_unchanged(admin_client, admin_form_data, url.format(record.pk))

    assert response.status_code == 302, response.context["errors"]
    record.refresh_from_db()
    assert getattr(record, f"{field}_ru") == "Только по-русски"
    assert not getattr(record, f"{field}_be")


def test_a_meeting_topic_in_english_only_is_kept(admin_client, admin_form_data, admin_language):
    topic = MeetingTopicFactory(text_be="", text_en="Sanctions")

    response = save_unchanged(
        admin_client,
        admin_form_data,
        f"/admin/campaigns/partnermeeting/{topic.meeting.pk}/change/",
    )

    assert response.status_code == 302, response.context["errors"]
    topic.refresh_from_db()
    assert not topic.text_be
    assert topic.text_en == "Sanctions"
