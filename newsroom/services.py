from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from . import audit
from .models import TaggedItem

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
