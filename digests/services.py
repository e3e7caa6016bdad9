"""The one write path for digests: the admin, its actions and commands call these.

Roles, revisions, the audit log and cache invalidation hook in here, so
nothing that publishes, unpublishes or copies a digest may go around them.
"""

import datetime
import secrets

import reversion
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import ActionItem
from newsroom import audit, caching
from newsroom.roles import can_publish, check_texts_only
from newsroom.services import in_revision, recover_version, restore_version

from . import rendering
from .models import (
    PREVIEW_HOURS_MAX,
    PREVIEW_HOURS_MIN,
    Digest,
    DigestAction,
    PreviewLink,
    hash_preview_token,
)

# The editor's own wording carries over; the text frozen at publication does not.
WORDING_FIELDS = [f"wording_{code}" for code, _name in settings.LANGUAGES]


@in_revision("published")
@transaction.atomic
def publish_digest(*, digest, by, at=None):
    """Publish now, or schedule for `at`, and freeze the activity list as it reads.

    A digest keeps who published it first, through unpublishing and
    publishing again; the audit log has every time. Its time changes only
    when `at` is given. Raises PermissionDenied for whoever may not publish,
    and ValidationError (changing nothing) when the digest is not ready.
    """
    _require_publisher(by)
    was = (digest.status, digest.published_at)
    digest.status = Digest.Status.PUBLISHED
    digest.published_at = at or digest.published_at or timezone.now()
    if digest.published_by_id is None:
        digest.published_by = by
    digest.full_clean()
    digest.save()
    digest.freeze_activity_list()
    caching.content_changed()
    rendering.render_after_commit(digest)
    if was != (digest.status, digest.published_at):
        action = audit.Action.SCHEDULED if digest.is_scheduled else audit.Action.PUBLISHED
        audit.record(
            action, actor=by, target=digest, detail={"at": digest.published_at.isoformat()}
        )
    return digest


@in_revision("unpublished")
@transaction.atomic
def unpublish_digest(*, digest, by):
    """Take a digest off the site; it becomes a draft and keeps its frozen list."""
    _require_publisher(by)
    digest.status = Digest.Status.DRAFT
    digest.save(update_fields=["status", "updated_at"])
    caching.content_changed()
    audit.record(audit.Action.UNPUBLISHED, actor=by, target=digest)
    return digest


def check_digest_edit(*, digest, by, changed):
    """Refuse an edit `by` may not make; `changed` names the fields it changes.

    Called before the admin saves a digest or any of its parts. A published
    digest (live or scheduled) is changed only by those who may publish;
    translators change only texts.
    """
    stored = Digest.objects.filter(pk=digest.pk).only("status").first()
    if stored is not None and not stored.editable_by(by):
        raise PermissionDenied(_("Only editors who may publish change a published digest."))
    if {"status", "published_at"} & set(changed) and not can_publish(by):
        raise PermissionDenied(_("You may not publish or schedule digests."))
    check_texts_only(user=by, model=Digest, changed=changed)


@transaction.atomic
def delete_digest(*, digest, by):
    """Delete a digest that is not published; its last version stays recoverable."""
    if not by.has_perm("digests.delete_digest"):
        raise PermissionDenied(_("Only administrators delete digests."))
    if digest.status == Digest.Status.PUBLISHED:
        raise PermissionDenied(_("Published digests cannot be deleted. Unpublish them first."))
    audit.record(audit.Action.DELETED, actor=by, target=digest)
    digest.delete()


def _require_publisher(user):
    # None is an operator's command (load_demo, a shell): whoever runs it has the server.
    if user is not None and not can_publish(user):
        raise PermissionDenied(_("You may not publish, schedule or unpublish digests."))


@in_revision("duplicated")
@transaction.atomic
def duplicate_digest(*, source, by):
    """A draft for the period after `source`, with its still-current activity list.

    The new period starts the day after the source's ends and lasts as long.
    Titles, headlines and sections are left for the editor to write. Returns
    (digest, created): a digest that already covers that period is returned
    as it is, so a second click does not make a second draft.
    """
    if by is not None and not by.has_perm("digests.add_digest"):
        raise PermissionDenied(_("You may not create digests."))
    length = source.period_end - source.period_start
    start = source.period_end + datetime.timedelta(days=1)
    existing = Digest.objects.filter(period_start=start, period_end=start + length).first()
    if existing:
        return existing, False
    digest = Digest.objects.create(period_start=start, period_end=start + length, created_by=by)
    digest.tags.set(source.tags.all())
    still_active = ActionItem.objects.active_during(digest.period_start, digest.period_end)
    entries = source.action_entries.filter(action_item__in=still_active).order_by("position")
    DigestAction.objects.bulk_create(
        DigestAction(
            digest=digest,
            action_item_id=entry.action_item_id,
            position=entry.position,
            **{field: getattr(entry, field) for field in WORDING_FIELDS},
        )
        for entry in entries
    )
    reversion.add_to_revision(digest)  # bulk_create() leaves the new list out of the history
    record_translations(digest=digest, by=by)
    return digest, True


@transaction.atomic
def create_preview_link(*, digest, by, hours, note=""):
    """A new preview address for `digest`, open for `hours` hours.

    The returned link carries its token in `link.token`, the only time it
    exists outside the reader's address: the database keeps its hash.
    """
    if not by.has_perm("digests.add_previewlink"):
        raise PermissionDenied(_("You may not create preview links."))
    if (
        not isinstance(hours, int)
        or isinstance(hours, bool)
        or not PREVIEW_HOURS_MIN <= hours <= PREVIEW_HOURS_MAX
    ):
        raise ValidationError(
            _("A preview link lasts from %(min)d hour to %(max)d days."),
            params={"min": PREVIEW_HOURS_MIN, "max": PREVIEW_HOURS_MAX // 24},
        )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    link = PreviewLink(
        digest=digest,
        token_hash=hash_preview_token(token),
        note=note,
        created_by=by,
        created_at=now,
        expires_at=now + datetime.timedelta(hours=hours),
    )
    link.full_clean()
    link.save()
    audit.record(
        audit.Action.PREVIEW_CREATED,
        actor=by,
        target=digest,
        detail={"preview_link": link.pk, "expires_at": link.expires_at.isoformat()},
    )
    link.token = token
    return link


@transaction.atomic
def revoke_preview_link(*, link, by):
    """Close a preview address for good; a link already revoked stays as it was.

    `by` is None for an operator's command, which has no account.
    """
    if by is not None and not by.has_perm("digests.change_previewlink"):
        raise PermissionDenied(_("You may not revoke preview links."))
    # Re-read under lock: two clicks revoke once and record once.
    link = (
        PreviewLink.objects.select_for_update(of=("self",)).select_related("digest").get(pk=link.pk)
    )
    if link.revoked_at is not None:
        return link
    link.revoke(by=by)
    return link


@transaction.atomic
def revoke_preview_links(*, created_by, by):
    """Revoke every link `created_by` made that still opens (the emergency lockdown).

    Returns the number revoked. `by` is None for an operator's command.
    """
    if by is not None and not by.has_perm("digests.change_previewlink"):
        raise PermissionDenied(_("You may not revoke preview links."))
    now = timezone.now()
    links = (
        PreviewLink.objects.active(now=now)
        .filter(created_by=created_by)
        .select_for_update(of=("self",))
        .select_related("digest")
        .order_by("pk")
    )
    count = 0
    for link in links:
        link.revoke(by=by, now=now)
        count += 1
    return count


# Restoring a version brings back what was written, never a publication:
# publishing and unpublishing go through the functions above.
KEPT_ON_RESTORE = ["status", "published_at"]


@in_revision("restored")
@transaction.atomic
def restore_digest(*, version, by):
    """A digest's text, sections, activity list and tags as in `version`.

    Its status and publication time stay as they are; a published digest's
    activity list is frozen again, as publishing would. Returns (digest, notes).
    """
    current = Digest.objects.filter(pk=version.object_id).first()
    if current is not None:
        # A published digest is restored only by whoever may change it.
        check_digest_edit(digest=current, by=by, changed=[])
    digest, notes = restore_version(version=version, by=by, keep=KEPT_ON_RESTORE)
    if digest.status == Digest.Status.PUBLISHED:
        digest.freeze_activity_list()
    record_translations(digest=digest, by=by)
    return digest, notes


@in_revision("recovered")
@transaction.atomic
def recover_digest(*, version, by):
    """A deleted digest back from its last version, as a draft. Returns (digest, notes)."""
    digest, notes = recover_version(
        version=version, by=by, reset={"status": Digest.Status.DRAFT, "published_at": None}
    )
    record_translations(digest=digest, by=by)
    return digest, notes


def record_translations(*, digest, by, translating=None, checked=()):
    """Remember what each text of the digest and its parts was translated from.

    Call it once the digest, its sections and its activity list are saved.
    It also keeps the digest's status per language for the digest list.
    `translating` is the translator's view's (source, target) the texts were
    saved in, if any; `checked` holds (object, field, language) of stale
    translations the editor confirmed still match their source.
    """
    checked = list(checked)
    for part in digest.translation_parts():
        part.record_translation_sources(
            translating=translating,
            checked={(field, language) for obj, field, language in checked if obj == part},
        )
        # Only this column: the part's own save() has run already.
        type(part).objects.filter(pk=part.pk).update(translation_sources=part.translation_sources)
    digest.translation_status = digest.current_translation_status()
    Digest.objects.filter(pk=digest.pk).update(translation_status=digest.translation_status)
    # update() sends no signal: the pages showing these texts are rendered again here,
    # the sections too, so that the first reader finds them ready.
    caching.content_changed()
    rendering.contents_changed([digest.pk])
    rendering.render_after_commit(digest)
    return digest
