from importlib import import_module

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from . import audit
from .models import StaffSession, TaggedItem


@transaction.atomic
def merge_tags(*, tags, into):
    """Make `tags` one tag, `into`: it gets all their links and the names it lacks.

    `into` keeps its address, so its links keep working; the addresses of the
    others stop answering.
    """
    others = [tag for tag in tags if tag.pk != into.pk]
    names = {}
    for tag in others:
        for code, _language in settings.LANGUAGES:
            names.setdefault(code, getattr(tag, f"name_{code}"))
        for item in tag.tagged_items.all():
            already = TaggedItem.objects.filter(
                tag=into, content_type_id=item.content_type_id, object_id=item.object_id
            )
            if already.exists():
                item.delete()
            else:
                item.tag = into
                item.save()
    type(into).objects.filter(pk__in=[tag.pk for tag in others]).delete()
    for code, name in names.items():
        if name and not getattr(into, f"name_{code}"):
            setattr(into, f"name_{code}", name)
    into.save()
    return into


@transaction.atomic
def end_sessions(*, user, by, keep=None, only=None):
    """End `user`'s sessions, their cookies stop working at once; the number ended.

    All of them, or only the StaffSession ids in `only`; never the one whose
    session key is `keep` (the browser asking). Each is removed from the
    session store itself, whatever the engine (db, cache, cached_db).
    """
    records = StaffSession.objects.filter(user=user)
    if keep:
        records = records.exclude(session_key=keep)
    if only is not None:
        records = records.filter(pk__in=only)
    keys = list(records.values_list("session_key", flat=True))
    if not keys:
        return 0
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in keys:
        store(session_key=key).delete()
    StaffSession.objects.filter(session_key__in=keys).delete()
    audit.record(audit.Action.SESSIONS_ENDED, actor=by, target=user, detail={"count": len(keys)})
    return len(keys)


@transaction.atomic
def record_password_change(*, user, by, keep=None):
    """After `by` changed `user`'s password: log it and end `user`'s other sessions."""
    audit.record(audit.Action.PASSWORD_CHANGED, actor=by, target=user)
    end_sessions(user=user, by=by, keep=keep)


@transaction.atomic
def unlock(*, usernames, by):
    """Let these user names log in again at once, forgetting their failed log-ins."""
    users = get_user_model()._default_manager
    unlocked = []
    for username in sorted(set(usernames)):
        count, _deleted = AccessAttempt.objects.filter(username=username).delete()
        if count:
            audit.record(
                audit.Action.UNLOCKED,
                actor=by,
                target=users.filter(**{users.model.USERNAME_FIELD: username}).first(),
                detail={"username": username},
            )
            unlocked.append(username)
    return unlocked
