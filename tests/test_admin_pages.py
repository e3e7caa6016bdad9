import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import (
    ActionItemFactory,
    CampaignLinkFactory,
    DigestActionFactory,
    DigestFactory,
    ImageFactory,
    LoginFailuresFactory,
    MeetingTopicFactory,
    PersonFactory,
    SectionFactory,
    SiteSettingsFactory,
    SocialLinkFactory,
)

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry.items(), key=lambda pair: pair[0]._meta.label)
MODEL_IDS = [model._meta.label for model, _model_admin in REGISTERED]
LANGUAGES = ["be", "ru", "en"]


@pytest.fixture
def one_of_everything():
    SiteSettingsFactory()
    SocialLinkFactory()
    Group.objects.create(name="Editors")
    meeting = MeetingTopicFactory().meeting
    meeting.representatives.add(PersonFactory())
    campaign = CampaignLinkFactory().campaign
    meeting.campaigns.add(campaign)
    image = ImageFactory()
    digest = DigestFactory(
        published=True, period_start=datetime.date(2022, 1, 10), tags=["referendum"], cover=image
    )
    DigestActionFactory(digest=digest, action_item=ActionItemFactory(campaign=campaign))
    SectionFactory(
        digest=digest, campaign=campaign, meetings=[meeting], tags=["sanctions"], image=image
    )
    DigestFactory()
    LoginFailuresFactory(locked=True)
    return {"campaign": campaign, "tag": digest.tags.get(), "digest": digest}


def test_every_model_of_the_app_has_an_admin():
    labels = set(MODEL_IDS)

    assert {
        "newsroom.SiteSettings",
        "newsroom.Person",
        "campaigns.Campaign",
        "campaigns.ActionItem",
        "campaigns.PartnerMeeting",
        "digests.Digest",
        "newsroom.Tag",
        "auth.User",
        "auth.Group",
    } <= labels


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_index_renders(admin_client, one_of_everything, language):
    response = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=MODEL_IDS)
def test_changelist_renders(admin_client, one_of_everything, model, model_admin, language):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=language, follow=True)

    assert response.status_code == 200
    assert model._default_manager.exists()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=MODEL_IDS)
def test_add_page_renders(admin_client, one_of_everything, model, model_admin, language):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    request = admin_client.get(reverse("admin:index")).wsgi_request

    response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=language)

    # The site's settings are one row, which exists: there is nothing to add;
    # records kept by the site itself (the audit log, failed log-ins) are never added.
    addable = model_admin.has_add_permission(request)
    assert response.status_code == (200 if addable else 403)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=MODEL_IDS)
def test_change_page_renders(admin_client, one_of_everything, model, model_admin, language):
    for obj in model._default_manager.all():
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]
        )

        response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=language)

        assert response.status_code == 200, obj


EDITABLE = [pair for pair in REGISTERED if pair[0]._meta.app_label in {"newsroom", "campaigns"}]


@pytest.mark.parametrize(
    ("model", "model_admin"), EDITABLE, ids=[m._meta.label for m, _a in EDITABLE]
)
def test_change_page_saved_unchanged_is_accepted(
    admin_client, admin_form_data, one_of_everything, model, model_admin
):
    obj = model._default_manager.first()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    request = admin_client.get(reverse("admin:index")).wsgi_request

    if not model_admin.has_change_permission(request, obj):
        # Read-only records (the audit log, failed log-ins): a crafted post changes nothing.
        response = admin_client.post(url, {})
        assert response.status_code == 403
        return
    response = admin_client.post(url, admin_form_data(admin_client.get(url)))

    assert response.status_code == 302


@pytest.mark.parametrize(
    "query",
    [
        "?status__exact=published",
        "?status__exact=draft",
        "?year=2022",
        "?tags__id__exact={tag.pk}",
        "?sections__campaign__id__exact={campaign.pk}",
        "?period_start__year=2022",
        "?q={digest.slug}",
    ],
)
def test_digest_list_filters_and_search_find_the_digest(admin_client, one_of_everything, query):
    response = admin_client.get("/admin/digests/digest/" + query.format(**one_of_everything))

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("query", ["?shown=current", "?shown=upcoming", "?shown=expired", "?q=Do"])
def test_action_item_list_filters_render(admin_client, one_of_everything, query):
    assert admin_client.get(f"/admin/campaigns/actionitem/{query}").status_code == 200


@pytest.mark.parametrize("query", ["?country=CH", "?is_public__exact=0", "?date__year=2022"])
def test_meeting_list_filters_render(admin_client, one_of_everything, query):
    assert admin_client.get(f"/admin/campaigns/partnermeeting/{query}").status_code == 200


@pytest.mark.parametrize("query", ["?year=abc", "?year=²", "?year=99999999999999999999", "?year=0"])
def test_digest_list_with_a_nonsense_year_is_not_an_error(admin_client, one_of_everything, query):
    response = admin_client.get(f"/admin/digests/digest/{query}", follow=True)

    assert response.status_code == 200


def test_autocomplete_for_the_activity_list_answers(admin_client, one_of_everything):
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "digests",
            "model_name": "digestaction",
            "field_name": "action_item",
            "term": "Do",
        },
    )

    assert response.status_code == 200
    assert response.json()["results"]


def test_editor_can_open_the_pages_of_their_work(editor_client, one_of_everything):
    digest = one_of_everything["digest"]
    for url in [
        "/admin/",
        "/admin/digests/digest/",
        "/admin/digests/digest/add/",
        f"/admin/digests/digest/{digest.pk}/change/",
        reverse("admin:digests_digest_preview", args=[digest.pk]),
        "/admin/campaigns/campaign/",
        "/admin/campaigns/actionitem/",
        "/admin/campaigns/partnermeeting/add/",
    ]:
        assert editor_client.get(url).status_code == 200, url


def test_admin_switches_to_the_language_the_editor_chooses(admin_client):
    admin_client.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})

    response = admin_client.get("/admin/")

    assert "Администрирование сайта" in response.content.decode()
