"""Staff sessions: their records (StaffSession), idle and absolute limits.

A session carries when it started and when it was last seen; the middleware
(newsroom.middleware.StaffSessionMiddleware) ends it once either limit is
passed, and at most once a minute marks it seen, in the session and in its
record. A session whose record is gone (ended from another browser, or by an
administrator) ends at that moment, if its key somehow survived in the store.
"""

import re
import time

from django.conf import settings
from django.contrib.auth import signals
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import StaffSession

STARTED = "_staff_started"
SEEN = "_staff_seen"
RECORD = "_staff_session"
KEY = "_staff_session_key"
TOUCH_SECONDS = 60

# (pattern, name), first match wins: Edge and Opera also call themselves
# Chrome, and Chrome calls itself Safari.
BROWSERS = [
    (r"Edg(?:e|A|iOS)?/", "Edge"),
    (r"OPR/|Opera", "Opera"),
    (r"YaBrowser/", "Yandex Browser"),
    (r"SamsungBrowser/", "Samsung Internet"),
    (r"Firefox/|FxiOS/", "Firefox"),
    (r"Chrome/|CriOS/|Chromium/", "Chrome"),
    (r"Version/[\d.]+.*Safari/", "Safari"),
]
SYSTEMS = [
    (r"iPhone", "iOS"),
    (r"iPad", "iPadOS"),
    (r"Android", "Android"),
    (r"Windows", "Windows"),
    (r"CrOS", "ChromeOS"),
    (r"Mac OS X|Macintosh", "macOS"),
    (r"Linux|X11", "Linux"),
]


def device_summary(user_agent):
    """ "Firefox, Windows": enough to recognise one's own devices, no version, no more."""
    names = [
        next((name for pattern, name in table if re.search(pattern, user_agent or "")), None)
        for table in (BROWSERS, SYSTEMS)
    ]
    return ", ".join(name for name in names if name)


def start(request, user):
    """Give the session just logged in a record and its clock."""
    session = request.session
    if session.session_key is None:
        session.save()
    # Logging in again in the same browser replaces its record.
    StaffSession.objects.filter(pk=session.get(RECORD)).delete()
    now = timezone.now()
    record = StaffSession.objects.create(
        user=user,
        session_key=session.session_key,
        device=device_summary(request.META.get("HTTP_USER_AGENT", "")),
        started_at=now,
        last_seen_at=now,
    )
    session[STARTED] = session[SEEN] = int(now.timestamp())
    session[RECORD] = record.pk
    session[KEY] = session.session_key


def remember_key(request):
    """Point the session's record at its key again after the key changed.

    Django gives a session a new key when the password changes
    (update_session_auth_hash) and on other occasions; the record must
    follow, or ending the session would miss it.
    """
    session = request.session
    key = session.session_key
    if key and RECORD in session and session.get(KEY) != key:
        StaffSession.objects.filter(pk=session[RECORD]).update(session_key=key)
        session[KEY] = key


def expired(request):
    """Why the logged-in session of `request` must end now, or None.

    Marks the session seen when a minute has passed since the last time.
    """
    session = request.session
    now = int(time.time())
    started, seen = session.get(STARTED), session.get(SEEN)
    if started is None or seen is None or RECORD not in session:
        return _("Your session has ended. Please log in again.")
    if now - started > settings.STAFF_SESSION_MAX_HOURS * 3600:
        hours = settings.STAFF_SESSION_MAX_HOURS
        return ngettext(
            "Sessions last at most %(hours)d hour after logging in. Please log in again.",
            "Sessions last at most %(hours)d hours after logging in. Please log in again.",
            hours,
        ) % {"hours": hours}
    if now - seen > settings.STAFF_SESSION_IDLE_MINUTES * 60:
        minutes = settings.STAFF_SESSION_IDLE_MINUTES
        return ngettext(
            "You were logged out after %(minutes)d minute without activity. Please log in again.",
            "You were logged out after %(minutes)d minutes without activity. Please log in again.",
            minutes,
        ) % {"minutes": minutes}
    if now - seen >= TOUCH_SECONDS:
        seen_at = timezone.now()
        if not StaffSession.objects.filter(pk=session[RECORD], user=request.user).update(
            last_seen_at=seen_at
        ):
            return _("Your session has ended. Please log in again.")
        session[SEEN] = now
    return None


@receiver(signals.user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    start(request, user)


@receiver(signals.user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    StaffSession.objects.filter(pk=request.session.get(RECORD)).delete()
