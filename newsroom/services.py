import functools
import itertools
import json
from importlib import import_module

import reversion
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_permission_codename, get_user_model
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from modeltranslation.fields import TranslationFieldDescriptor
from reversion.revisions import _follow_relations_recursive, _get_options

from . import audit
from .models import StaffSession, TaggedItem
from .roles import LOCKDOWN

BACKUP_CODES = 10


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


# History (django-reversion). Every service that saves a record runs inside a
# revision, so each save is kept with who made it and why.


def in_revision(event):
    """Run a service (which takes `by=`) as one revision of history, by that user.

    `event` names what happened ("published"); the history shows it in the
    reader's language. Inside another revision (an admin save) it joins it.
    """

    def decorate(service):
        @functools.wraps(service)
        def run(*args, **kwargs):
            with reversion.create_revision():
                by = kwargs.get("by")
                if by is not None and by.pk:
                    reversion.set_user(by)
                reversion.set_comment(json.dumps({"event": event}))
                return service(*args, **kwargs)

        return run

    return decorate


def version_parts(version):
    """The versions saved with `version` that belong to its record (its sections,
    links, tags...), found by the relations the record's history follows."""
    by_model = {}
    for other in version.revision.version_set.exclude(pk=version.pk):
        by_model.setdefault(other._model, []).append(other)
    parts = []
    parents = [(version._model, version.object_id)]
    while parents:
        model, pk = parents.pop()
        for name in _get_options(model).follow:
            relation = model._meta.get_field(name)
            for candidate in by_model.get(relation.related_model, []):
                if candidate not in parts and _belongs_to(candidate, relation, model, pk):
                    parts.append(candidate)
                    parents.append((candidate._model, candidate.object_id))
    return parts


def _belongs_to(version, relation, model, pk):
    data = version.field_dict
    if isinstance(relation, GenericRelation):
        content_type = ContentType.objects.get_for_model(model)
        return (
            str(data.get(relation.object_id_field_name)) == str(pk)
            and data.get(f"{relation.content_type_field_name}_id") == content_type.pk
        )
    return str(data.get(relation.field.attname)) == str(pk)


def _check_may_change(by, model):
    opts = model._meta
    if not by.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}"):
        raise PermissionDenied


def _is_translated_original(model, field):
    # modeltranslation's `title` stands for title_<current language>: the
    # language columns are restored instead.
    return isinstance(model.__dict__.get(field.name), TranslationFieldDescriptor)


def _existing(related_model, pks):
    found = related_model._base_manager.filter(pk__in=pks).values_list("pk", flat=True)
    return {str(pk) for pk in found}


def _drop_dangling(obj, m2m_data, notes):
    """Links to records deleted since the version was saved are left out.

    Returns False when the record cannot stand without the missing one.
    """
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if not field.is_relation or value is None:
            continue
        if not _existing(field.related_model, [value]):
            if not field.null:
                notes.append(
                    _("“%(object)s” was not brought back: its %(field)s no longer exists.")
                    % {"object": obj, "field": field.verbose_name}
                )
                return False
            setattr(obj, field.attname, None)
            notes.append(
                _("%(field)s of “%(object)s” no longer exists and was left empty.")
                % {"field": capfirst(field.verbose_name), "object": obj}
            )
    for name, pks in (m2m_data or {}).items():
        field = obj._meta.get_field(name)
        kept = _existing(field.related_model, pks)
        if len(kept) < len(pks):
            notes.append(
                _("Some %(field)s of “%(object)s” no longer exist and were left out.")
                % {"field": field.verbose_name, "object": obj}
            )
        m2m_data[name] = [pk for pk in pks if str(pk) in kept]
    return True


def _apply_version(version, *, onto, keep, notes):
    """Puts the version's fields on the current record, except those kept."""
    model = version._model
    saved = version._object_version
    source = saved.object
    for field in model._meta.concrete_fields:
        if (
            field.primary_key
            or not field.editable
            or field.name in keep
            or field.name not in _get_options(model).fields
            or _is_translated_original(model, field)
        ):
            continue
        setattr(onto, field.attname, getattr(source, field.attname))
    m2m_data = {
        name: pks
        for name, pks in (saved.m2m_data or {}).items()
        if name not in keep and isinstance(model._meta.get_field(name), models.ManyToManyField)
    }
    _drop_dangling(onto, m2m_data, notes)
    onto.full_clean()
    onto.save()
    for name, pks in m2m_data.items():
        getattr(onto, name).set(pks)


def _restore_parts(obj, version, notes):
    """The record's sections, links and tags as they were in the version."""
    parts = version_parts(version)
    wanted = {(part._model, part.object_id) for part in parts}
    current = [
        other
        for other in _follow_relations_recursive(obj)
        if other is not obj and (type(other), str(other.pk)) not in wanted
    ]
    for model, group in itertools.groupby(sorted(current, key=lambda o: o._meta.label), key=type):
        collector = Collector(using=router.db_for_write(model))
        collector.collect(list(group))
        collector.delete()
    for part in parts:
        saved = part._object_version
        if _drop_dangling(saved.object, saved.m2m_data, notes):
            saved.save()


@in_revision("restored")
@transaction.atomic
def restore_version(*, version, by, keep=()):
    """Make a record read as in `version` again, with the sections, links and
    tags saved with it. Returns (record, notes): notes tell what could not
    come back (an image deleted since...).

    Fields in `keep` keep their current values, and so do who created or
    published it. The restore is itself a save: the replaced text stays in
    the history, and forms opened before it refuse to save.
    """
    model = version._model
    _check_may_change(by, model)
    obj = model._default_manager.select_for_update().get(pk=version.object_id)
    notes = []
    _apply_version(version, onto=obj, keep=keep, notes=notes)
    _restore_parts(obj, version, notes)
    saved_at = version.revision.date_created
    reversion.set_comment(json.dumps({"event": "restored", "date": saved_at.isoformat()}))
    audit.record(
        audit.Action.RESTORED,
        actor=by,
        target=obj,
        detail={"version": version.pk, "saved_at": saved_at.isoformat()},
    )
    return obj, notes


@in_revision("recovered")
@transaction.atomic
def recover_version(*, version, by, reset=None):
    """Bring back a deleted record from its last version, with its parts.

    `reset` gives fields their values for a record that comes back (a digest
    comes back as a draft). Returns (record, notes) like restore_version.
    """
    model = version._model
    _check_may_change(by, model)
    if model._base_manager.filter(pk=version.object_id).exists():
        raise ValidationError(_("This record was not deleted: it is already there."))
    obj = version._object_version.object
    for name, value in (reset or {}).items():
        setattr(obj, name, value)
    notes = []
    m2m_data = dict(version._object_version.m2m_data or {})
    if not _drop_dangling(obj, m2m_data, notes):
        raise ValidationError(notes)
    obj.full_clean()
    obj.save()
    for name, pks in m2m_data.items():
        getattr(obj, name).set(pks)
    _restore_parts(obj, version, notes)
    audit.record(
        audit.Action.RESTORED,
        actor=by,
        target=obj,
        detail={"version": version.pk, "recovered": True},
    )
    return obj, notes


@transaction.atomic
def add_authenticator_app(*, user, key, name, last_t, by):
    """Keep an authenticator app whose first code was right; `last_t` stops its reuse."""
    device = TOTPDevice.objects.create(
        user=user, key=key, name=name or "", confirmed=True, last_t=last_t
    )
    audit.record(audit.Action.SECOND_FACTOR_ADDED, actor=by, target=device, detail={"kind": "app"})
    return device


@transaction.atomic
def replace_backup_codes(*, user, by):
    """Ten new one-time codes for `user`; the old ones stop working. Returns the codes."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    audit.record(
        audit.Action.SECOND_FACTOR_ADDED,
        actor=by,
        target=device,
        detail={"kind": "backup_codes", "count": len(codes)},
    )
    return codes


@transaction.atomic
def remove_second_factor(*, device, by):
    """Remove one passkey or app; with the last of them go the backup codes too.

    Backup codes stand in for a passkey or an app, never alone: an account
    left with only a printed list would be easier to enter than one with none.
    """
    user = device.user
    kind = "passkey" if isinstance(device, WebAuthnCredential) else "app"
    audit.record(audit.Action.SECOND_FACTOR_REMOVED, actor=by, target=device, detail={"kind": kind})
    device.delete()
    others = (
        WebAuthnCredential.objects.filter(user=user).exists()
        or TOTPDevice.objects.filter(user=user).exists()
    )
    if not others:
        StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def remove_second_factors(*, user, by):
    """Remove every passkey, authenticator app and backup code of `user`.

    For a staff member who lost their phone (they enrol again at their next
    log-in) and for the emergency lockdown. `by` is None from the command line.
    """
    removed = {
        "passkeys": WebAuthnCredential.objects.filter(user=user).count(),
        "apps": TOTPDevice.objects.filter(user=user).count(),
        "backup_codes": StaticToken.objects.filter(device__user=user).count(),
    }
    WebAuthnCredential.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record(
        audit.Action.SECOND_FACTOR_REMOVED,
        actor=by,
        target=user,
        detail={"kind": "all", **removed, **({} if by else {"via": "command"})},
    )
    return removed


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


# The emergency lockdown: a staff member detained or a device seized.


@transaction.atomic
def lock_down(*, user, by):
    """Shut `user` out at once: every session ended, the account disabled with
    no usable password, every passkey, authenticator app and backup code
    removed, every preview link they created revoked, all in the audit log.

    Undone only by an Administrator, who gives the account a new password,
    enables it again, and has the person enrol a second factor afresh. `by`
    is None from the command line (`manage.py lockdown`).
    """
    if by is not None and not by.has_perm(LOCKDOWN):
        raise PermissionDenied(_("Only administrators lock accounts down."))
    if by is not None and by.pk == user.pk:
        raise ValidationError(_("You cannot lock down your own account."))
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["is_active", "password"])
    sessions = end_sessions(user=user, by=by)
    second_factors = remove_second_factors(user=user, by=by)
    links = 0
    for link in user.created_preview_links.active().select_for_update().order_by("pk"):
        link.revoke(by=by)
        links += 1
    summary = {"sessions": sessions, "second_factors": second_factors, "preview_links": links}
    audit.record(audit.Action.LOCKDOWN, actor=by, target=user, detail=summary)
    return summary
