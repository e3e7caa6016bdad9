"""Five wrong passwords for a user name pause logging in with it for 30 minutes.

Locks go by user name alone and axes keeps no address and no browser name;
administrators unlock, and the audit log has each lock and unlock.
"""

import datetime
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Permission
from django.core import serializers
from django.urls import reverse
from django.utils import timezone

from newsroom.models import AuditEntry, LoginFailures
from tests.factories import LoginFailuresFactory
from tests.test_admin_translations import english_strings, proper_names

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
RIGHT = "a-long-editor-password"
ADDRESS = "203.0.113.77"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def log_in(client, password, username="editor", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **headers
    )


def fail(client, times, username="editor", **headers):
    return [log_in(client, f"wrong-{n}", username, **headers) for n in range(times)]


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def staff(editor, client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return editor


def test_four_wrong_passwords_leave_logging_in_open(client, staff):
    responses = fail(client, 4)

    assert [r.status_code for r in responses] == [200] * 4
    assert log_in(client, RIGHT).status_code == 302
    assert logged_in(client)


def test_the_fifth_wrong_password_pauses_logging_in_and_the_sixth_try_is_refused(client, staff):
    responses = fail(client, 5)
    sixth = log_in(client, RIGHT)

    assert [r.status_code for r in responses] == [200] * 4 + [429]
    assert sixth.status_code == 429
    assert not logged_in(client)
    assert "Too many failed log-ins" in sixth.content.decode()


def test_the_pause_ends_thirty_minutes_after_the_fifth_failure(client, staff):
    fail(client, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=29))

    assert log_in(client, RIGHT).status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))

    assert log_in(client, RIGHT).status_code == 302
    assert logged_in(client)


def test_tries_during_the_pause_do_not_prolong_it(client, staff):
    fail(client, 5)
    locked_at = AccessAttempt.objects.get().attempt_time

    fail(client, 3)
    log_in(client, RIGHT)

    assert AccessAttempt.objects.get().attempt_time == locked_at


def test_the_locked_out_page_says_until_when(client, staff):
    response = fail(client, 5)[-1]
    ends = timezone.localtime(AccessAttempt.objects.get().attempt_time) + datetime.timedelta(
        minutes=30
    )
    text = re.sub(r"\s+", " ", response.content.decode())

    assert response.status_code == 429
    assert 1790 <= int(response["Retry-After"]) <= 1800
    assert "no-store" in response["Cache-Control"]
    assert f"at {ends:%H:%M}, in 30 minutes" in text
    assert "5 times in a row" in text
    assert 'id="site-name"' in text  # the admin's look


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("be", "Занадта шмат няўдалых спроб уваходу"),
        ("ru", "Слишком много неудачных попыток входа"),
        ("en", "Too many failed log-ins"),
    ],
)
def test_the_locked_out_page_speaks_the_admin_language(client, staff, language, title):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language

    response = fail(client, 5)[-1]
    html = response.content.decode()

    assert f"<h1>{title}</h1>" in html
    if language != "en":
        assert english_strings(html, proper_names()) == []


def test_a_name_without_an_account_is_paused_the_same_way(client, staff):
    """The page tells nothing about whether the account exists."""
    existing = fail(client, 5, "editor")[-1]
    unknown = fail(client, 5, "nobody-by-this-name")[-1]

    def page(response):
        return re.sub(r'\d\d:\d\d|\d+ minutes?|nonce="[^"]*"', "", response.content.decode())

    assert unknown.status_code == existing.status_code == 429
    assert page(unknown) == page(existing)
    assert "nobody-by-this-name" not in unknown.content.decode()


def test_the_lock_follows_the_name_whatever_the_browser_or_address(client, staff):
    for n in range(5):
        log_in(
            client,
            "wrong",
            HTTP_USER_AGENT=f"Browser/{n}",
            REMOTE_ADDR=f"198.51.100.{n}",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )

    assert AccessAttempt.objects.count() == 1
    assert log_in(client, RIGHT, HTTP_USER_AGENT="Another/1").status_code == 429


def test_no_address_and_no_browser_name_is_stored(client, staff):
    headers = {"REMOTE_ADDR": ADDRESS, "HTTP_USER_AGENT": BROWSER, "HTTP_X_FORWARDED_FOR": ADDRESS}
    fail(client, 2, **headers)
    log_in(client, RIGHT, **headers)
    fail(client, 1, "someone-else", **headers)

    attempt = AccessAttempt.objects.get()
    stored = serializers.serialize(
        "json",
        [
            *AccessAttempt.objects.all(),
            *AccessLog.objects.all(),
            *AccessFailureLog.objects.all(),
            *AuditEntry.objects.all(),
        ],
    )
    assert attempt.username == "someone-else"
    assert attempt.ip_address is None
    assert attempt.user_agent == ""
    assert AccessLog.objects.count() == 0
    assert AccessFailureLog.objects.count() == 0
    assert ADDRESS not in stored
    assert "Firefox" not in stored
    assert RIGHT not in stored and "wrong-0" not in stored


def test_a_success_before_the_limit_starts_the_count_again(client, staff):
    fail(client, 4)
    log_in(client, RIGHT)
    client.logout()

    assert fail(client, 4)[-1].status_code == 200


def test_an_overlong_user_name_is_refused_without_an_error(client, staff):
    responses = fail(client, 5, "x" * 10_000)

    assert [r.status_code for r in responses] == [200] * 4 + [429]
    assert AccessAttempt.objects.get().username == "x" * 150


def test_the_audit_log_has_one_lockout_however_many_tries_follow(client, staff):
    fail(client, 8)

    lockouts = AuditEntry.objects.filter(action=AuditEntry.Action.LOCKED_OUT)
    assert lockouts.count() == 1
    entry = lockouts.get()
    assert entry.actor_name == "editor"
    assert entry.target_id == str(staff.pk)
    assert entry.detail == {"failures": 5}


def changelist():
    return reverse("admin:newsroom_loginfailures_changelist")


def test_an_administrator_unlocks_and_the_audit_log_says_who(client, admin_client, staff):
    fail(client, 5)
    attempt = AccessAttempt.objects.get()

    response = admin_client.post(
        changelist(), {"action": "unlock_selected", "_selected_action": [attempt.pk]}
    )

    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UNLOCKED)
    assert entry.actor_name == "admin"
    assert entry.target_id == str(staff.pk)
    assert entry.detail == {"username": "editor"}
    assert log_in(client, RIGHT).status_code == 302


def test_deleting_a_row_unlocks_through_the_same_logged_way(client, admin_client, staff):
    fail(client, 5)
    attempt = AccessAttempt.objects.get()
    url = reverse("admin:newsroom_loginfailures_delete", args=[attempt.pk])

    admin_client.post(url, {"post": "yes"})

    assert not AccessAttempt.objects.exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.UNLOCKED).count() == 1


def test_staff_without_the_permission_cannot_unlock(client, editor_client, staff):
    locked = LoginFailuresFactory(locked=True, username="colleague")

    response = editor_client.post(
        changelist(), {"action": "unlock_selected", "_selected_action": [locked.pk]}
    )

    assert response.status_code == 403
    assert AccessAttempt.objects.filter(pk=locked.pk).exists()


def test_a_viewer_sees_the_pause_but_cannot_unlock(editor, editor_client):
    editor.user_permissions.add(Permission.objects.get(codename="view_loginfailures"))
    locked = LoginFailuresFactory(locked=True, username="colleague")

    listing = editor_client.get(changelist())
    response = editor_client.post(
        changelist(), {"action": "unlock_selected", "_selected_action": [locked.pk]}
    )

    assert listing.status_code == 200
    assert "colleague" in listing.content.decode()
    assert AccessAttempt.objects.filter(pk=locked.pk).exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.UNLOCKED).exists()
    assert response.status_code in {200, 302}


@pytest.mark.parametrize("language", ["be", "ru"])
def test_the_failed_log_ins_list_speaks_the_admin_language(admin_client, language):
    LoginFailuresFactory(locked=True, username="colleague")
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language

    html = admin_client.get(changelist()).content.decode()

    assert english_strings(html, proper_names() | {"colleague", "admin"}) == []


def test_paused_until_is_shown_only_while_the_pause_lasts():
    now = timezone.now()
    locked = LoginFailuresFactory(locked=True)
    LoginFailures.objects.filter(pk=locked.pk).update(attempt_time=now)
    old = LoginFailuresFactory(locked=True)
    LoginFailures.objects.filter(pk=old.pk).update(attempt_time=now - datetime.timedelta(hours=1))
    few = LoginFailuresFactory(failures_since_start=4)

    assert LoginFailures.objects.get(pk=locked.pk).paused_until == now + datetime.timedelta(
        minutes=30
    )
    assert LoginFailures.objects.get(pk=old.pk).paused_until is None
    assert LoginFailures.objects.get(pk=few.pk).paused_until is None
