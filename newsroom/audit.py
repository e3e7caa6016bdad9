"""The audit log's one way in: `record()`, and `verify()` to check the chain.

Services call `record()` inside their own transaction, so an action that
fails leaves no entry and an entry never describes an action that did not
happen. Log-ins and log-outs arrive through Django's auth signals, the only
place they can be seen.
"""

from django.contrib.auth import signals
from django.db import connection, transaction
from django.dispatch import receiver

from .models import AuditEntry

Action = AuditEntry.Action
GENESIS = "0" * 64
# Serialises appends on PostgreSQL so two writers never chain to one entry.
# SQLite writes one transaction at a time anyway.
LOCK_KEY = 7_357_001


@transaction.atomic
def record(action, *, actor=None, username="", target=None, detail=None):
    """Append an entry; `actor` is a user or None, `target` any model instance."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
    last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
    entry = AuditEntry(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(actor.get_username() if actor is not None and actor.pk else username)[:150],
        action=action,
        detail=detail or {},
        previous_hash=last or GENESIS,
    )
    if target is not None:
        entry.target_type = target._meta.label_lower
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:200]
    entry.hash = entry.compute_hash()
    entry.save()
    return entry


def verify():
    """The first entry whose link is broken, or None when the chain holds.

    An entry is broken when its stored hash does not match its contents, or
    when it does not point at the entry before it (one was removed or
    inserted).
    """
    previous = GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator():
        if entry.previous_hash != previous or entry.compute_hash() != entry.hash:
            return entry
        previous = entry.hash
    return None


@receiver(signals.user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(Action.LOGIN, actor=user)


@receiver(signals.user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, actor=user)


@receiver(signals.user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # Only the name typed: never the password, never an address.
    record(Action.LOGIN_FAILED, username=str(credentials.get("username", "")))
