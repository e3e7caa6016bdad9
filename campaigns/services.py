"""The one write path for action items' dates: the admin's actions call these.

Like every write, they bump the page cache's generation (newsroom/caching.py).
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom import caching
from newsroom.services import in_revision

from .models import ActionItem

EXTENSION = datetime.timedelta(days=14)


def may_change_dates(user):
    return user.has_perm("campaigns.change_actionitem")


def _require_dates_permission(user):
    if user is not None and not may_change_dates(user):
        raise PermissionDenied(_("You may not change when action items are shown."))


@in_revision("ended")
@transaction.atomic
def end_action_items(*, items, by, today=None):
    """End current items yesterday, so they are not shown from today.

    An item that started only today cannot end before it started: it is left
    as it is. Returns (ended, skipped) counts.
    """
    _require_dates_permission(by)
    today = today or timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    current = ActionItem.objects.filter(pk__in=items.values("pk")).current(on=today)
    # Saved one by one, not update(), so that each change is kept in the history.
    ended = 0
    for item in current.filter(active_from__lte=yesterday).select_for_update():
        item.active_until = yesterday
        item.save(update_fields=["active_until"])
        ended += 1
    caching.content_changed()
    skipped = current.count()
    return ended, skipped


@in_revision("extended")
@transaction.atomic
def extend_action_items(*, items, by, today=None):
    """Push back the last day of items that have one by two weeks (from today at least)."""
    _require_dates_permission(by)
    today = today or timezone.localdate()
    extended = 0
    for item in items.exclude(active_until__isnull=True).select_for_update():
        item.active_until = max(item.active_until, today) + EXTENSION
        item.save(update_fields=["active_until"])
        extended += 1
    caching.content_changed()
    return extended
