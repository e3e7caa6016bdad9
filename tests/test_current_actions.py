import datetime

import pytest
from django.utils import timezone

from campaigns.models import ActionItem
from tests.factories import ActionItemFactory

pytestmark = pytest.mark.django_db

FIRST_DAY = datetime.date(2022, 1, 10)
LAST_DAY = datetime.date(2022, 1, 23)
ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture
def item():
    return ActionItemFactory(active_from=FIRST_DAY, active_until=LAST_DAY)


def test_item_is_not_current_the_day_before_its_first_day(item):
    assert item not in ActionItem.objects.current(on=FIRST_DAY - ONE_DAY)
    assert item in ActionItem.objects.upcoming(on=FIRST_DAY - ONE_DAY)


def test_item_is_current_on_its_first_day(item):
    assert item in ActionItem.objects.current(on=FIRST_DAY)


def test_item_is_current_on_its_last_day(item):
    assert item in ActionItem.objects.current(on=LAST_DAY)


def test_item_expires_by_itself_the_day_after_its_last_day(item):
    assert item not in ActionItem.objects.current(on=LAST_DAY + ONE_DAY)
    assert item in ActionItem.objects.expired(on=LAST_DAY + ONE_DAY)


def test_standing_item_without_an_end_stays_current_for_years():
    item = ActionItemFactory(active_from=FIRST_DAY, active_until=None)

    assert item in ActionItem.objects.current(on=FIRST_DAY + datetime.timedelta(days=3650))
    assert item not in ActionItem.objects.expired(on=FIRST_DAY + datetime.timedelta(days=3650))


@pytest.mark.parametrize(
    "day", [FIRST_DAY - ONE_DAY, FIRST_DAY, LAST_DAY, LAST_DAY + ONE_DAY], ids=str
)
def test_item_and_the_registry_agree_on_what_is_current(item, day):
    assert item.is_current(day) == ActionItem.objects.current(on=day).filter(pk=item.pk).exists()


def test_current_list_defaults_to_today():
    current = ActionItemFactory()
    expired = ActionItemFactory(expired=True)
    upcoming = ActionItemFactory(upcoming=True)

    assert list(ActionItem.objects.current()) == [current]
    assert expired.active_until == timezone.localdate() - ONE_DAY
    assert upcoming.active_from == timezone.localdate() + ONE_DAY


def test_today_page_lists_current_items_in_their_order_and_leaves_out_others(client):
    second = ActionItemFactory(text_en="Sign the petition", position=2)
    first = ActionItemFactory(text_en="Register on Voice", position=1)
    ActionItemFactory(text_en="Vote in the old poll", expired=True)
    ActionItemFactory(text_en="Join next week's march", upcoming=True)

    content = client.get("/en/today/").content.decode()

    assert content.index(first.text_en) < content.index(second.text_en)
    assert "Vote in the old poll" not in content
    assert "Join next week's march" not in content


def test_item_leaves_todays_list_the_day_after_its_last_day_without_anyone_acting(
    client, monkeypatch
):
    today = timezone.localdate()
    ActionItemFactory(text_en="Last chance to sign", active_until=today)

    assert "Last chance to sign" in client.get("/en/today/").content.decode()

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)

    assert "Last chance to sign" not in client.get("/en/today/").content.decode()


def test_item_joins_todays_list_on_its_first_day_without_anyone_acting(client, monkeypatch):
    ActionItemFactory(text_en="Starts tomorrow", upcoming=True)

    assert "Starts tomorrow" not in client.get("/en/today/").content.decode()

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)

    assert "Starts tomorrow" in client.get("/en/today/").content.decode()
