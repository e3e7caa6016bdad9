import datetime

import pytest

from campaigns.models import ActionItem, Campaign
from digests.models import Digest
from tests.factories import ActionItemFactory, CampaignFactory, DigestFactory

pytestmark = pytest.mark.django_db


def errors_of(response):
    assert response.status_code == 200, "the form was accepted"
    return response.content.decode()


def test_period_ending_before_it_starts_is_refused_with_a_message(post_new_digest):
    response = post_new_digest({"period_start": "2022-01-23", "period_end": "2022-01-10"})

    assert "The period ends before it starts." in errors_of(response)
    assert not Digest.objects.exists()


def test_a_reversed_period_is_the_only_error_the_activity_list_gets(post_new_digest):
    # Active within the period as meant (10–23 January), not within the reversed one.
    item = ActionItemFactory(active_from=datetime.date(2022, 1, 15), text_en="Sign the letter")

    response = post_new_digest(
        {"period_start": "2022-01-23", "period_end": "2022-01-10"}, activity_list=[item]
    )

    content = errors_of(response)
    assert "The period ends before it starts." in content
    assert "was not active during this digest" not in content


def test_address_already_used_by_another_digest_is_refused_with_a_message(post_new_digest):
    DigestFactory(slug="referendum-special")

    response = post_new_digest({"slug": "referendum-special"})

    assert "Another digest already uses this address. Choose another." in errors_of(response)
    assert Digest.objects.count() == 1


def test_address_with_cyrillic_letters_is_refused(post_new_digest):
    response = post_new_digest({"slug": "дайджэст"})

    assert "Enter a valid “slug”" in errors_of(response)
    assert not Digest.objects.exists()


def test_publishing_from_the_form_without_any_headline_is_refused(post_new_digest):
    response = post_new_digest(
        {"status": "published", "headline_be": "", "headline_ru": "", "headline_en": ""}
    )

    assert "Write the headline in at least one language before publishing." in errors_of(response)
    assert not Digest.objects.exists()


def test_activity_item_that_ended_before_the_period_is_refused_with_a_message(
    post_new_digest,
):
    ended = ActionItemFactory(
        text_en="Vote in December",
        active_from=datetime.date(2021, 12, 1),
        active_until=datetime.date(2022, 1, 9),
    )

    response = post_new_digest(activity_list=[ended])

    content = errors_of(response)
    assert "was not active during this digest&#x27;s period" in content
    assert "Change the item&#x27;s dates or choose another." in content
    assert not Digest.objects.exists()


def test_activity_item_that_starts_after_the_period_is_refused(post_new_digest):
    upcoming = ActionItemFactory(active_from=datetime.date(2022, 1, 24))

    response = post_new_digest(activity_list=[upcoming])

    assert "was not active during this digest&#x27;s period" in errors_of(response)
    assert not Digest.objects.exists()


def test_back_dated_digest_accepts_items_active_back_then_though_expired_now(post_new_digest):
    back_then = ActionItemFactory(
        active_from=datetime.date(2022, 1, 1), active_until=datetime.date(2022, 1, 10)
    )
    from_the_last_day = ActionItemFactory(active_from=datetime.date(2022, 1, 23))
    standing = ActionItemFactory(active_from=datetime.date(2021, 6, 1), active_until=None)

    response = post_new_digest(activity_list=[back_then, from_the_last_day, standing])

    assert response.status_code == 302
    digest = Digest.objects.get()
    assert [entry.action_item for entry in digest.action_entries.all()] == [
        back_then,
        from_the_last_day,
        standing,
    ]
    assert not back_then.is_current()


def test_same_item_twice_in_one_activity_list_is_refused(post_new_digest):
    item = ActionItemFactory(active_from=datetime.date(2022, 1, 1))

    response = post_new_digest(activity_list=[item, item])

    assert "Please correct the duplicate data for action_item." in errors_of(response)
    assert not Digest.objects.exists()


def test_action_item_whose_last_day_is_before_its_first_is_refused(admin_client, admin_form_data):
    campaign = CampaignFactory()
    url = "/admin/campaigns/actionitem/add/"
    data = admin_form_data(admin_client.get(url))
    data.update(
        text_be="Падпішыце ліст",
        campaign=str(campaign.pk),
        active_from="2022-01-23",
        active_until="2022-01-10",
        position="0",
    )

    response = admin_client.post(url, data)

    assert "The last day is before the first day." in errors_of(response)
    assert not ActionItem.objects.exists()


def test_campaign_ending_before_it_starts_is_refused(admin_client, admin_form_data):
    url = "/admin/campaigns/campaign/add/"
    data = admin_form_data(admin_client.get(url))
    data.update(
        name_be="Рэферэндум",
        slug="referendum",
        starts_on="2022-01-23",
        ends_on="2022-01-10",
    )

    response = admin_client.post(url, data)

    assert "The end date is before the start date." in errors_of(response)
    assert not Campaign.objects.exists()
