"""The staff's second factor: the step after the password, and the Security page.

Passkeys come first because a passkey only ever answers the site it was made
for: a copied login page gets nothing from it. An authenticator app (TOTP) is
the alternative, and ten one-time backup codes are for the day neither is at
hand. The pages live in the admin (newsroom/sites.py puts them there).
"""

import json
import time
from base64 import b32encode
from binascii import unhexlify
from functools import wraps
from urllib.parse import quote

import django_otp
import segno
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST
from django.views.i18n import JavaScriptCatalog
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from django_otp_webauthn import exceptions as webauthn_errors
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.models import WebAuthnCredential

from . import audit, services
from .forms import BackupCodeForm, TOTPEnrolmentForm, TOTPVerificationForm

TOTP_KEY_SESSION = "security_new_totp_key"
# What the Security page and the remove address call each kind of device.
KINDS = {"passkey": WebAuthnCredential, "app": TOTPDevice}


def pending_step(request):
    """What a logged-in staff member still has to do before the admin: "verify", "enrol" or None."""
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return None
    if user.is_verified():
        return None
    # Asked several times per admin page (the site's permission check, its
    # context): the device tables are read once per request.
    if not hasattr(request, "_has_second_factor"):
        request._has_second_factor = django_otp.user_has_device(user, confirmed=True)
    if request._has_second_factor:
        return "verify"
    if settings.STAFF_REQUIRE_SECOND_FACTOR:
        return "enrol"
    return None


def pending_allowed(view):
    """For the pages a staff member sees between the password and the admin."""

    @wraps(view)
    def inner(request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return view(request, *args, **kwargs)

    return csrf_protect(never_cache(inner))


def asked_for(request):
    """The admin page the staff member asked for, never another site; "" when none."""
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def next_url(request):
    return asked_for(request) or reverse("admin:index")


def passkey_config(request):
    """The settings django-otp-webauthn's scripts read, with our addresses."""
    return {
        "autocompleteLoginFieldSelector": None,
        "nextFieldSelector": f"input[name='{REDIRECT_FIELD_NAME}']",
        "csrfToken": get_token(request),
        "beginAuthenticationUrl": reverse("admin:passkey_verify_begin"),
        "completeAuthenticationUrl": reverse("admin:passkey_verify_complete"),
        "beginRegistrationUrl": reverse("admin:passkey_register_begin"),
        "completeRegistrationUrl": reverse("admin:passkey_register_complete"),
    }


def page(request, template, title, **context):
    site = admin.site.each_context(request)
    if pending_step(request):
        # Halfway through logging in: no way into the rest of the admin yet.
        site.update(is_nav_sidebar_enabled=False, available_apps=[])
    return TemplateResponse(
        request, template, {**site, "title": title, "subtitle": None, **context}
    )


def primary_devices(user):
    return {
        "passkeys": list(WebAuthnCredential.objects.filter(user=user, confirmed=True)),
        "apps": list(TOTPDevice.objects.filter(user=user, confirmed=True)),
    }


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def overview(request):
    """The Security page: one's own passkeys, authenticator apps and backup codes."""
    step = pending_step(request)
    if step == "verify":
        return redirect(f"{reverse('admin:security_verify')}?{request.GET.urlencode()}")
    devices = primary_devices(request.user)
    return page(
        request,
        "admin/security/overview.html",
        _("Security"),
        enrolling=step == "enrol",
        next=asked_for(request),
        passkeys=devices["passkeys"],
        apps=devices["apps"],
        has_primary=bool(devices["passkeys"] or devices["apps"]),
        backup_codes_left=backup_codes_left(request.user),
        passkey_config=passkey_config(request),
        can_manage_staff=request.user.has_perm("auth.change_user"),
    )


def verify(request):
    """The step after the password: a passkey, a code from the app, or a backup code."""
    user = request.user
    if pending_step(request) != "verify":
        return redirect(next_url(request))
    apps = TOTPDevice.objects.filter(user=user, confirmed=True)
    backups = StaticDevice.objects.filter(user=user, confirmed=True)
    app_form = TOTPVerificationForm(prefix="app")
    backup_form = BackupCodeForm(prefix="backup")
    if request.method == "POST":
        if "app-code" in request.POST:
            app_form = TOTPVerificationForm(request.POST, prefix="app")
            device = app_form.is_valid() and _check_code(app_form, apps, user)
        else:
            backup_form = BackupCodeForm(request.POST, prefix="backup")
            device = backup_form.is_valid() and _check_code(backup_form, backups, user)
        if device:
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                left = backup_codes_left(user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a backup code; %(count)d is left. Make new ones on the "
                        "Security page.",
                        "You used a backup code; %(count)d are left. Each code works once: "
                        "make new ones on the Security page when few are left.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(next_url(request))
    return page(
        request,
        "admin/security/verify.html",
        _("Confirm it is you"),
        next=asked_for(request),
        has_passkey=WebAuthnCredential.objects.filter(user=user, confirmed=True).exists(),
        has_app=apps.exists(),
        has_backup_codes=StaticToken.objects.filter(device__in=backups).exists(),
        app_form=app_form,
        backup_form=backup_form,
        passkey_config=passkey_config(request),
    )


def _check_code(form, devices, user):
    """The device that accepts the form's code, or None with the form's error set."""
    code = form.cleaned_data["code"]
    throttled = False
    for device in devices:
        allowed, _detail = device.verify_is_allowed()
        if not allowed:
            throttled = True
            continue
        # django_otp.verify_token locks the device's row, so one code cannot
        # be used twice by two requests at once.
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    if throttled:
        form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
    else:
        form.add_error("code", form.wrong_code_message)
    audit.record(audit.Action.LOGIN_FAILED, actor=user, detail={"step": "second factor"})
    return None


def add_totp(request):
    """Add an authenticator app: a QR code drawn here, then one code to prove it works."""
    user = request.user
    if pending_step(request) == "verify":
        return redirect(reverse("admin:security_verify"))
    key = request.session.get(TOTP_KEY_SESSION)
    if not key:
        key = request.session[TOTP_KEY_SESSION] = random_hex(20)
    form = TOTPEnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        totp = TOTP(unhexlify(key))
        totp.time = time.time()
        # One step either way, as django-otp allows, for a phone's clock.
        if totp.verify(int(form.cleaned_data["code"]), tolerance=1):
            device = services.add_authenticator_app(
                user=user, key=key, name=form.cleaned_data["name"], last_t=totp.t(), by=user
            )
            del request.session[TOTP_KEY_SESSION]
            if not request.user.is_verified():
                django_otp.login(request, device)
            messages.success(request, _("The authenticator app is added."))
            return redirect(_after_enrolment(request))
        form.add_error("code", form.wrong_code_message)
    uri = TOTPDevice(user=user, key=key).config_url
    return page(
        request,
        "admin/security/add_app.html",
        _("Add an authenticator app"),
        form=form,
        qr_code=segno.make(uri, error="m").svg_data_uri(scale=5, border=2, light="#fff"),
        secret=" ".join(_chunks(b32encode(unhexlify(key)).decode(), 4)),
        next=asked_for(request),
    )


def _after_enrolment(request):
    url = reverse("admin:security")
    next_page = asked_for(request)
    return f"{url}?{REDIRECT_FIELD_NAME}={quote(next_page, safe='/')}" if next_page else url


def _chunks(text, size):
    return [text[i : i + size] for i in range(0, len(text), size)]


@require_POST
def backup_codes(request):
    """Ten new backup codes, shown this once; the old ones stop working."""
    if not any(primary_devices(request.user).values()):
        messages.error(request, _("Add a passkey or an authenticator app first."))
        return redirect("admin:security")
    codes = services.replace_backup_codes(user=request.user, by=request.user)
    return page(request, "admin/security/backup_codes.html", _("Backup codes"), codes=codes)


@require_POST
def remove(request, kind, pk):
    """Remove one of one's own passkeys or apps; only from a verified session."""
    if kind not in KINDS:
        raise PermissionDenied
    device = get_object_or_404(KINDS[kind], pk=pk, user=request.user)
    if not request.user.is_verified():
        raise PermissionDenied
    services.remove_second_factor(device=device, by=request.user)
    messages.success(request, _("Removed."))
    return redirect("admin:security")


def staff(request):
    """For administrators: every staff member's second factors, to help one locked out."""
    if not request.user.has_perm("auth.change_user"):
        raise PermissionDenied
    people = (
        get_user_model()
        .objects.filter(is_staff=True)
        .annotate(
            passkeys=Count(
                "webauthncredential",
                filter=Q(webauthncredential__confirmed=True),
                distinct=True,
            ),
            apps=Count("totpdevice", filter=Q(totpdevice__confirmed=True), distinct=True),
            backup_codes=Count("staticdevice__token_set", distinct=True),
        )
        .order_by("username")
    )
    return page(
        request, "admin/security/staff.html", _("Second factors of the staff"), people=people
    )


@require_POST
def staff_remove(request, pk):
    if not request.user.has_perm("auth.change_user"):
        raise PermissionDenied
    person = get_object_or_404(get_user_model(), pk=pk)
    services.remove_second_factors(user=person, by=request.user)
    messages.success(
        request,
        _("All second factors of %(name)s are removed. At their next log-in they add a new one.")
        % {"name": person.get_username()},
    )
    return redirect("admin:security_staff")


class StaffOnly:
    def get_user(self):
        user = super().get_user()
        if user is None or not user.is_staff:
            return None
        return user


class BeginPasskeyRegistration(StaffOnly, webauthn_views.BeginCredentialRegistrationView):
    pass


class CompletePasskeyRegistration(StaffOnly, webauthn_views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        with transaction.atomic():
            response = super().post(*args, **kwargs)
            device = WebAuthnCredential.objects.get(
                pk=response_id(response), user=self.request.user
            )
            audit.record(
                audit.Action.SECOND_FACTOR_ADDED,
                actor=self.request.user,
                target=device,
                detail={"kind": "passkey"},
            )
        messages.success(self.request, _("The passkey is added."))
        return response


def response_id(response):
    return json.loads(response.content)["id"]


class BeginPasskeyVerification(StaffOnly, webauthn_views.BeginCredentialAuthenticationView):
    def check_can_authenticate(self):
        if self.get_user() is None:
            raise webauthn_errors.NotAuthenticated()


class CompletePasskeyVerification(StaffOnly, webauthn_views.CompleteCredentialAuthenticationView):
    def check_can_authenticate(self):
        if self.get_user() is None:
            raise webauthn_errors.NotAuthenticated()

    def get_success_url(self):
        return self.get_redirect_url() or reverse("admin:index")


passkey_catalog = JavaScriptCatalog.as_view(packages=["django_otp_webauthn"])
