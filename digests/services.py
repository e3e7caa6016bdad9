"""The one write path for digests: the admin, its actions and commands call these.

Roles, revisions, the audit log and cache invalidation hook in here, so
nothing that publishes, unpublishes or copies a digest may go around them.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from campaigns.models import ActionItem

from .models import Digest, DigestAction

# The editor's own wording carries over; the text frozen at publication does not.
WORDING_FIELDS = [f"wording_{code}" for code, _name in settings.LANGUAGES]


@transaction.atomic
def publish_digest(*, digest, by, at=None):
    """Publish now, or schedule for `at`, and freeze the activity list as it reads.

    A digest that is already published keeps who published it first; its
    time changes only when `at` is given. Raises ValidationError (and
    changes nothing) when the digest is not ready.
    """
    was_published = digest.status == Digest.Status.PUBLISHED
    digest.status = Digest.Status.PUBLISHED
    digest.published_at = at or digest.published_at or timezone.now()
    if not was_published or digest.published_by_id is None:
        digest.published_by = by
    digest.full_clean()
    digest.save()
    digest.freeze_activity_list()
    return digest


@transaction.atomic
def unpublish_digest(*, digest, by):
    """Take a digest off the site; it becomes a draft and keeps its frozen list."""
    digest.status = Digest.Status.DRAFT
    digest.save(update_fields=["status", "updated_at"])
    return digest


@transaction.atomic
def duplicate_digest(*, source, by):
    """A draft for the period after `source`, with its still-current activity list.

    The new period starts the day after the source's ends and lasts as long.
    Titles, headlines and sections are left for the editor to write. Returns
    (digest, created): a digest that already covers that period is returned
    as it is, so a second click does not make a second draft.
    """
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
    return digest, True


@transaction.atomic
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
    return digest
