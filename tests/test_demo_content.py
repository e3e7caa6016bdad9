import pytest
from django.core.management import call_command
from django.utils.html import escape

from campaigns.models import ActionItem, Campaign, PartnerMeeting
from digests.models import Digest, DigestAction, Section

pytestmark = pytest.mark.django_db

MODELS = [Campaign, ActionItem, PartnerMeeting, Digest, DigestAction, Section]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_the_demo_twice_creates_nothing_new():
    call_command("load_demo")
    first = counts()

    call_command("load_demo")

    assert counts() == first
    assert first["Digest"] >= 3


def test_demo_has_a_current_activity_list_today(client):
    call_command("load_demo")

    content = client.get("/en/today/").content.decode()

    assert ActionItem.objects.current().exists()
    for item in ActionItem.objects.current():
        assert escape(item.text_en) in content


def test_demo_sample_digest_reads_as_the_january_2022_digest(client):
    call_command("load_demo")
    digest = Digest.objects.published().get(period_start="2022-01-10")

    content = client.get(f"/be/digests/{digest.slug}/").content.decode()

    assert "Дайджэст: 10 — 23 студзеня" in content
    assert digest.sections.count() >= 7
    assert digest.action_entries.count() == 5
    assert digest.sections.filter(meetings__country__in=["CH", "SE"]).exists()
