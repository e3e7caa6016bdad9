import datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.utils import timezone

from campaigns.models import ActionItem
from tests.factories import ActionItemFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/campaigns/actionitem/"
DAY = datetime.timedelta(days=1)


def run_action(client, action, *items):
    response = client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [item.pk for item in items]},
        follow=True,
    )
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_list_filter_shows_only_the_items_current_today(admin_client):
    ActionItemFactory(text_en="Today's thing")
    ActionItemFactory(text_en="Yesterday's thing", expired=True)
    ActionItemFactory(text_en="Tomorrow's thing", upcoming=True)

    content = admin_client.get(CHANGELIST + "?shown=current").content.decode()

    assert "Today&#x27;s thing" in content
    assert "Yesterday&#x27;s thing" not in content
    assert "Tomorrow&#x27;s thing" not in content


def test_end_now_takes_items_off_todays_list(admin_client, client):
    item = ActionItemFactory(text_en="Sign the open letter")

    messages = run_action(admin_client, "end_now", item)

    item.refresh_from_db()
    assert item.active_until == timezone.localdate() - DAY
    assert item not in ActionItem.objects.current()
    assert "1 item ended." in messages
    assert "Sign the open letter" not in client.get("/en/today/").content.decode()


def test_end_now_leaves_an_item_that_started_today_and_says_so(admin_client):
    item = ActionItemFactory(active_from=timezone.localdate())

    messages = run_action(admin_client, "end_now", item)

    item.refresh_from_db()
    assert item.active_until is None
    assert any("started only today" in m for m in messages)


def test_extend_gives_a_running_item_two_more_weeks_from_its_last_day(admin_client):
    last_day = timezone.localdate() + datetime.timedelta(days=3)
    item = ActionItemFactory(active_until=last_day)

    messages = run_action(admin_client, "extend", item)

    item.refresh_from_db()
    assert item.active_until == last_day + datetime.timedelta(days=14)
    assert "1 item extended by two weeks." in messages


def test_extend_brings_an_expired_item_back_for_two_weeks_from_today(admin_client):
    item = ActionItemFactory(expired=True)

    run_action(admin_client, "extend", item)

    item.refresh_from_db()
    assert item.active_until == timezone.localdate() + datetime.timedelta(days=14)
    assert item in ActionItem.objects.current()


def test_extend_leaves_a_standing_item_without_an_end(admin_client):
    item = ActionItemFactory(active_until=None)

    run_action(admin_client, "extend", item)

    item.refresh_from_db()
    assert item.active_until is None


def test_staff_who_may_only_view_items_cannot_end_or_extend_them(client, django_user_model):
    viewer = django_user_model.objects.create_user(
        username="viewer", password="a-long-viewer-password", is_staff=True
    )
    viewer.user_permissions.set(Permission.objects.filter(codename="view_actionitem"))
    client.force_login(viewer)
    item = ActionItemFactory(active_from=datetime.date(2022, 1, 1), active_until=None)

    for action in ("end_now", "extend"):
        client.post(
            "/admin/campaigns/actionitem/", {"action": action, "_selected_action": [item.pk]}
        )

    item.refresh_from_db()
    assert item.active_until is None
