"""The emergency lockdown: one action or command, and the person is out everywhere."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from digests.models import PreviewLink
from digests.services import create_preview_link
from newsroom.models import AuditEntry
from newsroom.services import add_authenticator_app, lock_down, replace_backup_codes
from tests.test_staff_sessions import is_logged_in, logged_in_browser

from .factories import DigestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def detained(staff_member):
    """An Editor with an open session, an authenticator app, backup codes and a preview link."""
    user = staff_member("Editor", username="detained")
    add_authenticator_app(user=user, key="12" * 20, name="phone", last_t=0, by=user)
    replace_backup_codes(user=user, by=user)
    create_preview_link(digest=DigestFactory(), by=user, hours=72)
    return user


@pytest.fixture
def administrator(staff_member):
    return staff_member("Administrator", username="chief")


def assert_locked_down(user):
    user.refresh_from_db()
    assert not user.is_active
    assert not user.has_usable_password()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()
    assert not PreviewLink.objects.active().filter(created_by=user).exists()
    assert AuditEntry.objects.filter(action="lockdown", target_id=str(user.pk)).exists()


def test_a_session_cookie_captured_before_the_lockdown_no_longer_works(staff_member, administrator):
    user = staff_member("Editor", username="detained")
    browser = logged_in_browser(user)
    captured = browser.cookies["sessionid"].value
    assert is_logged_in(browser)

    lock_down(user=user, by=administrator)

    browser.cookies["sessionid"] = captured
    response = browser.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert_locked_down(user)


def test_the_audit_log_records_every_part(detained, administrator):
    logged_in_browser(detained)

    summary = lock_down(user=detained, by=administrator)

    assert summary["sessions"] == 1
    assert summary["preview_links"] == 1
    assert summary["second_factors"]["apps"] == 1
    actions = set(AuditEntry.objects.filter(actor=administrator).values_list("action", flat=True))
    assert {"lockdown", "sessions_ended", "second_factor_removed", "preview_revoked"} <= actions


def test_the_command_locks_down_by_user_name(detained, capsys):
    call_command("lockdown", "detained")

    assert_locked_down(detained)
    assert "locked down" in capsys.readouterr().out


def test_the_command_refuses_an_unknown_name():
    with pytest.raises(CommandError, match="no account"):
        call_command("lockdown", "nobody")


@pytest.mark.parametrize("role", ["Author", "Translator", "Editor"])
def test_only_administrators_lock_down(detained, staff_member, role):
    with pytest.raises(PermissionDenied):
        lock_down(user=detained, by=staff_member(role, username="other"))

    detained.refresh_from_db()
    assert detained.is_active


def test_nobody_locks_down_their_own_account(administrator):
    with pytest.raises(ValidationError):
        lock_down(user=administrator, by=administrator)


def test_the_admin_action_asks_first_then_locks_down(detained, administrator, client):
    client.force_login(administrator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "be"
    url = reverse("admin:auth_user_changelist")
    data = {"action": "lock_down_selected", "_selected_action": [detained.pk]}

    confirm = client.post(url, data)
    detained.refresh_from_db()
    assert confirm.status_code == 200 and detained.is_active
    assert "Экстранае блакаванне" in confirm.content.decode()

    client.post(url, {**data, "confirm": "yes"})
    assert_locked_down(detained)


def test_an_editor_has_no_lockdown_action(detained, staff_member, client):
    client.force_login(staff_member("Editor", username="other"))

    client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "lock_down_selected", "_selected_action": [detained.pk], "confirm": "yes"},
    )

    detained.refresh_from_db()
    assert detained.is_active
