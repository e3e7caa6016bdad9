"""Staff sessions end when idle or old, are listed for their owner, and end on demand.

A password change ends the user's other sessions; `end_sessions` (the
emergency lockdown uses it) removes sessions from the store itself, so a
cookie captured before no longer works.
"""

import time
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from newsroom import sessions
from newsroom.models import AuditEntry, StaffSession
from newsroom.services import end_sessions
from tests.test_admin_translations import english_strings, proper_names

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-editor-password"
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
ADDRESS = "203.0.113.77"


def browser(user_agent=FIREFOX, language="en"):
    return Client(HTTP_USER_AGENT=user_agent, HTTP_ACCEPT_LANGUAGE=language, REMOTE_ADDR=ADDRESS)


def logged_in_browser(user, user_agent=FIREFOX, language="en"):
    client = browser(user_agent, language)
    response = client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    return client


def is_logged_in(client):
    return client.get("/admin/").status_code == 200


def age(client, **seconds):
    """Move the session's clock back, as if time had passed."""
    session = client.session
    for key, value in seconds.items():
        session[key] -= value
    session.save()


@pytest.fixture
def staff(editor):
    return editor


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser(username="chief", password=PASSWORD, email="")


@pytest.mark.parametrize(
    ("user_agent", "summary"),
    [
        (FIREFOX, "Firefox, Windows"),
        (PHONE, "Chrome, Android"),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like "
            "Gecko) Version/17.5 Safari/605.1.15",
            "Safari, macOS",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Safari, iOS",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
            "Edge, Windows",
        ),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/124.0.0.0 YaBrowser/24.4.0.0 Safari/537.36",
            "Yandex Browser, Linux",
        ),
        ("curl/8.5.0", ""),
        ("", ""),
    ],
)
def test_the_device_is_a_short_summary_of_the_browser_and_system(user_agent, summary):
    assert sessions.device_summary(user_agent) == summary


def test_logging_in_records_the_session_without_an_address(staff):
    logged_in_browser(staff)

    record = StaffSession.objects.get()
    assert record.user == staff
    assert record.device == "Firefox, Windows"
    assert record.started_at == record.last_seen_at
    assert ADDRESS not in str(StaffSession.objects.values().get())


def test_the_session_cookie_goes_with_the_browser(staff):
    client = logged_in_browser(staff)

    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""


def test_a_session_idle_for_thirty_minutes_ends(staff):
    client = logged_in_browser(staff)
    age(client, **{sessions.SEEN: 29 * 60})

    assert is_logged_in(client)

    age(client, **{sessions.SEEN: 31 * 60})
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/admin/login/")
    assert "after 30 minutes without activity" in response.content.decode()
    assert not StaffSession.objects.exists()
    assert not is_logged_in(client)


def test_the_idle_time_is_a_setting(staff, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    client = logged_in_browser(staff)
    age(client, **{sessions.SEEN: 6 * 60})

    assert not is_logged_in(client)


def test_a_session_ends_twelve_hours_after_logging_in_however_active(staff):
    client = logged_in_browser(staff)
    age(client, **{sessions.STARTED: 12 * 3600 - 60})

    assert is_logged_in(client)

    age(client, **{sessions.STARTED: 120})
    response = client.get("/admin/", follow=True)

    assert "at most 12 hours after logging in" in response.content.decode()
    assert not is_logged_in(client)


def test_the_lifetime_is_a_setting(staff, settings):
    settings.STAFF_SESSION_MAX_HOURS = 1
    client = logged_in_browser(staff)
    age(client, **{sessions.STARTED: 3601})

    assert not is_logged_in(client)


def test_last_active_is_written_at_most_once_a_minute(staff):
    client = logged_in_browser(staff)
    record = StaffSession.objects.get()
    client.get("/admin/")

    record.refresh_from_db()
    assert record.last_seen_at == record.started_at

    age(client, **{sessions.SEEN: 61})
    client.get("/admin/")

    record.refresh_from_db()
    assert record.last_seen_at > record.started_at
    assert client.session[sessions.SEEN] >= int(time.time()) - 1


def test_a_session_from_before_the_records_ends(staff):
    """Sessions without a record (logged in before this version) log in again."""
    client = logged_in_browser(staff)
    session = client.session
    del session[sessions.STARTED]
    session.save()

    assert not is_logged_in(client)


def test_logging_out_removes_the_record(staff):
    client = logged_in_browser(staff)

    client.post("/admin/logout/")

    assert not StaffSession.objects.exists()


@pytest.mark.parametrize(
    "engine",
    [
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
        "django.contrib.sessions.backends.cache",
    ],
)
def test_a_cookie_captured_before_end_sessions_no_longer_works(staff, chief, settings, engine):
    settings.SESSION_ENGINE = engine
    laptop = logged_in_browser(staff)
    phone = logged_in_browser(staff, PHONE)
    stolen = laptop.cookies[settings.SESSION_COOKIE_NAME].value
    key = import_module(engine).SessionStore

    ended = end_sessions(user=staff, by=chief)

    thief = browser()
    thief.cookies[settings.SESSION_COOKIE_NAME] = stolen
    assert ended == 2
    assert not is_logged_in(thief)
    assert not is_logged_in(laptop)
    assert not is_logged_in(phone)
    assert not key(session_key=stolen).exists(stolen)
    assert not StaffSession.objects.exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SESSIONS_ENDED)
    assert entry.actor_name == chief.username
    assert entry.target_id == str(staff.pk)
    assert entry.detail == {"count": 2}


def test_end_sessions_keeps_the_one_asked_for(staff):
    laptop = logged_in_browser(staff)
    phone = logged_in_browser(staff, PHONE)

    end_sessions(user=staff, by=staff, keep=laptop.session.session_key)

    assert is_logged_in(laptop)
    assert not is_logged_in(phone)


def test_a_session_whose_record_is_gone_ends_within_a_minute(staff):
    """Should its key have stayed in the store, the missing record ends it."""
    client = logged_in_browser(staff)
    StaffSession.objects.all().delete()
    age(client, **{sessions.SEEN: 61})

    assert not is_logged_in(client)


def test_end_sessions_of_someone_without_sessions_logs_nothing(staff):
    assert end_sessions(user=staff, by=staff) == 0
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.SESSIONS_ENDED).exists()


# "Your sessions"

PAGE = "/admin/my-sessions/"


def test_the_user_tools_link_to_your_sessions(staff):
    page = logged_in_browser(staff).get("/admin/").content.decode()

    assert f'<a href="{PAGE}">Your sessions</a>' in page


def test_your_sessions_lists_devices_and_times_but_no_address(staff, chief):
    laptop = logged_in_browser(staff)
    logged_in_browser(staff, PHONE)
    logged_in_browser(chief, "Opera/9.80 (Windows NT 6.1) Presto/2.12 Version/12.16")

    page = laptop.get(PAGE).content.decode()

    assert "Firefox, Windows" in page
    assert "Chrome, Android" in page
    assert "Opera" not in page  # someone else's
    assert "This browser" in page
    assert page.count('name="end"') == 1
    assert ADDRESS not in page


def test_ending_another_session_from_the_list(staff):
    laptop = logged_in_browser(staff)
    phone = logged_in_browser(staff, PHONE)
    phone_record = StaffSession.objects.get(device="Chrome, Android")

    response = laptop.post(PAGE, {"end": phone_record.pk}, follow=True)

    assert "1 session ended." in response.content.decode()
    assert is_logged_in(laptop)
    assert not is_logged_in(phone)


def test_ending_all_other_sessions(staff):
    laptop = logged_in_browser(staff)
    others = [logged_in_browser(staff, PHONE) for _ in range(2)]

    laptop.post(PAGE)

    assert is_logged_in(laptop)
    assert not any(is_logged_in(other) for other in others)
    assert list(StaffSession.objects.values_list("session_key", flat=True)) == [
        laptop.session.session_key
    ]


@pytest.mark.parametrize("value", ["abc", "-1", "", "1e3", "²", "9" * 40, "<script>"])
def test_a_malformed_session_to_end_ends_nothing(staff, value):
    laptop = logged_in_browser(staff)
    phone = logged_in_browser(staff, PHONE)

    response = laptop.post(PAGE, {"end": value}, follow=True)

    assert response.status_code == 200
    assert "No other session was active." in response.content.decode()
    assert is_logged_in(phone)


def test_someone_elses_session_cannot_be_ended_from_the_list(staff, chief):
    laptop = logged_in_browser(staff)
    admins = logged_in_browser(chief, PHONE)
    record = StaffSession.objects.get(user=chief)

    laptop.post(PAGE, {"end": record.pk})

    assert is_logged_in(admins)


def test_ending_sessions_needs_the_csrf_token(staff):
    client = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=FIREFOX)
    client.force_login(staff)
    logged_in_browser(staff, PHONE)

    response = client.post(PAGE)

    assert response.status_code == 403
    assert StaffSession.objects.count() == 2


def test_your_sessions_is_for_staff_only(client, django_user_model):
    user = django_user_model.objects.create_user(username="reader", password=PASSWORD)
    client.force_login(user)

    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("language", ["be", "ru"])
def test_your_sessions_speaks_the_admin_language(staff, language):
    laptop = logged_in_browser(staff, language=language)
    logged_in_browser(staff, PHONE)
    StaffSession.objects.create(user=staff, session_key="x" * 32, device="")

    html = laptop.get(PAGE).content.decode()

    allowed = proper_names() | {"Firefox", "Windows", "Chrome", "Android", "editor"}
    assert english_strings(html, allowed) == []


# Password changes


def test_changing_ones_password_ends_the_other_sessions(staff):
    laptop = logged_in_browser(staff)
    phone = logged_in_browser(staff, PHONE)
    new = "another-long-password-for-the-editor"

    response = laptop.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    assert response.status_code == 302
    assert is_logged_in(laptop)
    assert not is_logged_in(phone)
    assert StaffSession.objects.get().session_key == laptop.session.session_key
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {AuditEntry.Action.PASSWORD_CHANGED, AuditEntry.Action.SESSIONS_ENDED} <= actions


def test_a_refused_password_change_ends_nothing(staff):
    laptop = logged_in_browser(staff)
    phone = logged_in_browser(staff, PHONE)

    response = laptop.post(
        reverse("admin:password_change"),
        {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
    )

    assert response.status_code == 200
    assert is_logged_in(phone)
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PASSWORD_CHANGED).exists()


def test_an_administrator_changing_a_password_ends_all_that_users_sessions(staff, chief):
    laptop = logged_in_browser(staff)
    admins = logged_in_browser(chief, PHONE)
    new = "another-long-password-for-the-editor"

    response = admins.post(
        reverse("admin:auth_user_password_change", args=[staff.pk]),
        {"usable_password": "true", "password1": new, "password2": new},
    )

    assert response.status_code == 302
    assert not is_logged_in(laptop)
    assert is_logged_in(admins)
    assert not StaffSession.objects.filter(user=staff).exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PASSWORD_CHANGED)
    assert entry.actor_name == chief.username
    assert entry.target_id == str(staff.pk)


def test_an_administrator_changing_their_own_password_in_users_stays_logged_in(chief):
    admins = logged_in_browser(chief)
    phone = logged_in_browser(chief, PHONE)
    new = "another-long-password-for-the-admin"

    admins.post(
        reverse("admin:auth_user_password_change", args=[chief.pk]),
        {"usable_password": "true", "password1": new, "password2": new},
    )

    assert is_logged_in(admins)
    assert not is_logged_in(phone)


def test_public_pages_do_not_look_at_sessions(client):
    response = client.get("/be/")

    assert "Cookie" not in response.get("Vary", "")
    assert not Session.objects.exists()
