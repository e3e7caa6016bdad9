"""How django-axes is set up here: locks by user name, keeps no address.

Settings point axes at this module (AXES_HANDLER, AXES_CLIENT_IP_CALLABLE,
AXES_LOCKOUT_CALLABLE); the audit log hears of each new lock here too.
"""

import math

from axes.conf import settings as axes_settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Max
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit


def no_address(request):
    """The client's address as axes would store it: none."""
    return None


def username(request, credentials=None):
    """The user name typed, cut to the longest a user name can be.

    Django's log-in form passes any length on, and axes' column holds 255.
    """
    if credentials:
        name = credentials.get(axes_settings.AXES_USERNAME_FORM_FIELD)
    else:
        name = getattr(request, "POST", {}).get(axes_settings.AXES_USERNAME_FORM_FIELD)
    if name is None:
        return None
    return str(name)[: get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD).max_length]


class AddresslessHandler(AxesDatabaseHandler):
    """Axes' database handler, told neither the address nor the browser.

    Axes stores the User-Agent with each failure and keeps one row per
    browser; with it blank there is one row per user name, and nothing about
    the device.
    """

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None:
            request.axes_ip_address = None
            request.axes_user_agent = ""
            request.axes_http_accept = ""
        return super().user_login_failed(sender, credentials, request, **kwargs)


def lock_ends(username):
    """When the pause for `username` ends, or None when it is not paused."""
    last = AccessAttempt.objects.filter(
        username=username, failures_since_start__gte=axes_settings.AXES_FAILURE_LIMIT
    ).aggregate(last=Max("attempt_time"))["last"]
    return last + get_cool_off() if last else None


def locked_out(request, original_response=None, credentials=None):
    """The page a paused log-in gets instead of the form: what happened, until when."""
    ends = lock_ends(username(request, credentials)) or timezone.now() + get_cool_off()
    seconds = max(0, math.ceil((ends - timezone.now()).total_seconds()))
    response = render(
        request,
        "admin/locked_out.html",
        {
            **admin.site.each_context(request),
            "title": _("Too many failed log-ins"),
            "failure_limit": get_failure_limit(request, credentials),
            "ends": ends,
            "minutes": max(1, math.ceil(seconds / 60)),
        },
        status=axes_settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store, private"
    return response


@receiver(user_locked_out)
def _record_lockout(sender, request, username, **kwargs):
    # Axes also sends this for every try refused during the pause; only the
    # try that started it counted a failure (axes_failures_since_start).
    if getattr(request, "axes_failures_since_start", None) is None:
        return
    user = get_user_model()._default_manager.filter(username=username).first()
    audit.record(
        audit.Action.LOCKED_OUT,
        username=username or "",
        target=user,
        detail={"failures": request.axes_failures_since_start},
    )
