import datetime
import sys

from django.conf import settings
from django.contrib import admin, messages
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import mirror as static_mirror
from . import services, sessions
from .log import report_database_unavailable
from .models import SiteSettings

# What a lost or refused database connection raises; other database errors are our bugs.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 120


@never_cache
@require_safe
def healthz(request):
    """For the container's health check and the proxy: is the database reachable?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        # Health checks keep coming when readers do not: the outage is still logged.
        report_database_unavailable(error)
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


@require_safe
def mirror(request):
    """How to check a copy of the site: SHA256SUMS and its signature with the published key."""
    return render(request, "newsroom/mirror.html", {"key": static_mirror.published_key()})


@require_safe
def mirror_signing_key(request):
    """The mirror's public key as a PEM file, for `openssl pkeyutl -verify`."""
    key = static_mirror.published_key()
    if key is None:
        raise Http404("Mirrors are not signed.")
    return HttpResponse(key.pem, content_type="text/plain; charset=utf-8")


def error_language(request):
    """The language of the address's prefix, else the site's: never a guess from headers."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


# Error pages set `error_page`: their language links lead to the home pages and
# they name no alternates, whatever address was asked for.


def bad_request(request, exception):
    # Rendered with the request for the site's name, but nothing here may ask
    # for the host again: a foreign Host header is one reason for a 400.
    with translation.override(error_language(request)):
        return render(request, "400.html", {"error_page": True}, status=400)


# The admin's default address is no secret; one set in ADMIN_URL is, and
# robots.txt is the first file a prowler reads. The admin's own pages ask
# search engines not to index them (<meta name="robots">) whatever the address.
WELL_KNOWN_ADMIN_URL = "admin/"


@require_safe
def robots_txt(request):
    """Crawlers may read the public site, not the admin nor editors' preview links."""
    disallowed = [f"/{settings.ADMIN_URL}"] if settings.ADMIN_URL == WELL_KNOWN_ADMIN_URL else []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            preview = reverse("digests:preview", kwargs={"token": "-"})
        disallowed.append(preview.removesuffix("-/"))
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def security_txt_expiry(today):
    """RFC 9116 wants an expiry at most a year ahead: the first of the month a year on.

    The same all month long, so the file changes once a month, not every day.
    """
    return datetime.datetime(today.year + 1, today.month, 1, tzinfo=datetime.UTC)


@require_safe
def security_txt(request):
    """Where to report a security problem (RFC 9116), from the site settings."""
    contact = SiteSettings.for_request(request).security_contact_uri()
    if not contact:
        raise Http404("No security contact is set.")
    expires = security_txt_expiry(timezone.now().date())
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}",
        f"Preferred-Languages: {', '.join(code for code, _name in settings.LANGUAGES)}",
        f"Canonical: {request.build_absolute_uri(reverse('security_txt'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    return render(request, "404.html", {"error_page": True}, status=404)


def server_error(request):
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        # Raised outside a view (a middleware), where process_exception cannot catch it.
        return service_unavailable(request, error)
    return HttpResponse(loader.get_template("500.html").render({"error_page": True}), status=500)


def service_unavailable(request, exception):
    """The database is unreachable: a page that needs none, and one log line a minute."""
    report_database_unavailable(exception)
    with translation.override(error_language(request)):
        # No request, so no context processor asks the database for the site's settings.
        body = loader.get_template("503.html").render({"error_page": True})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def password_change(request):
    """The admin's own password change; the new password also ends one's other sessions."""
    user = request.user
    before = user.password
    with transaction.atomic():
        response = admin.site.password_change(request)
        user.refresh_from_db(fields=["password"])
        if user.password != before:
            sessions.remember_key(request)
            services.record_password_change(user=user, by=user, keep=request.session.session_key)
    return response


@never_cache
def staff_sessions(request):
    """The browsers one is logged in with, and a way to end the others."""
    sessions.remember_key(request)
    current = request.session.session_key
    if request.method == "POST":
        only = None
        if "end" in request.POST:
            values = request.POST.getlist("end")
            only = [int(v) for v in values if v.isascii() and v.isdigit() and len(v) < 16]
        count = services.end_sessions(user=request.user, by=request.user, keep=current, only=only)
        if count:
            message = ngettext("%(count)d session ended.", "%(count)d sessions ended.", count) % {
                "count": count
            }
            messages.success(request, message)
        else:
            messages.info(request, _("No other session was active."))
        return redirect("staff_sessions")
    return TemplateResponse(
        request,
        "admin/staff_sessions.html",
        {
            **admin.site.each_context(request),
            "title": _("Your sessions"),
            "records": request.user.staff_sessions.all(),
            "current_key": current,
        },
    )
