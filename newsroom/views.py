from django.contrib import admin, messages
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import services, sessions


@never_cache
@require_safe
def healthz(request):
    """For the container's health check and the proxy: is the database reachable?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


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
