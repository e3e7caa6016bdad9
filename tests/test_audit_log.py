"""The audit log: append-only, hash-chained, readable only by those allowed."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from newsroom import audit
from newsroom.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_entries_chain_to_the_one_before(django_user_model):
    user = django_user_model.objects.create_user(username="рэдактар")
    first = audit.record(audit.Action.LOGIN, actor=user)
    second = audit.record(audit.Action.PUBLISHED, actor=user, target=user, detail={"a": 1})

    assert first.previous_hash == audit.GENESIS
    assert second.previous_hash == first.hash
    assert second.actor_name == "рэдактар"
    assert second.target_type == "auth.user"
    assert audit.verify() is None


def test_an_entry_cannot_be_changed_or_deleted_through_the_model():
    entry = audit.record(audit.Action.LOGIN_FAILED, username="hacker")
    entry.actor_name = "someone else"

    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()


def test_verify_names_the_first_changed_entry():
    audit.record(audit.Action.LOGIN_FAILED, username="a")
    changed = audit.record(audit.Action.LOGIN_FAILED, username="b")
    audit.record(audit.Action.LOGIN_FAILED, username="c")
    AuditEntry.objects.filter(pk=changed.pk).update(actor_name="z")

    assert audit.verify() == changed
    with pytest.raises(CommandError, match=f"entry {changed.pk}"):
        call_command("verify_audit_log")


def test_verify_notices_a_removed_entry():
    audit.record(audit.Action.LOGIN_FAILED, username="a")
    removed = audit.record(audit.Action.LOGIN_FAILED, username="b")
    after = audit.record(audit.Action.LOGIN_FAILED, username="c")
    AuditEntry.objects.filter(pk=removed.pk).delete()

    assert audit.verify() == after


def test_verify_command_reports_an_intact_log(capsys):
    audit.record(audit.Action.LOGIN_FAILED, username="a")

    call_command("verify_audit_log")

    assert "intact: 1 entries" in capsys.readouterr().out


def test_a_failed_log_in_records_the_name_and_nothing_else(client):
    client.post("/admin/login/", {"username": "nobody", "password": "wrong-password"})

    entry = AuditEntry.objects.get()
    assert entry.action == audit.Action.LOGIN_FAILED
    assert entry.actor_name == "nobody"
    assert "wrong-password" not in str(entry.detail)


def test_log_in_and_log_out_are_recorded(client, django_user_model):
    django_user_model.objects.create_user(
        username="staff", password="a-long-editor-password", is_staff=True
    )
    client.post("/admin/login/", {"username": "staff", "password": "a-long-editor-password"})
    client.post("/admin/logout/")

    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == [audit.Action.LOGIN, audit.Action.LOGOUT]


def test_nobody_can_change_or_delete_an_entry_in_the_admin(admin_client):
    entry = audit.record(audit.Action.LOGIN_FAILED, username="a")
    base = f"/admin/newsroom/auditentry/{entry.pk}"

    assert admin_client.get("/admin/newsroom/auditentry/").status_code == 200
    assert admin_client.post(f"{base}/change/", {"actor_name": "b"}).status_code in {200, 403}
    assert admin_client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    admin_client.post(
        "/admin/newsroom/auditentry/",
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert admin_client.get("/admin/newsroom/auditentry/add/").status_code == 403
    entry.refresh_from_db()
    assert entry.actor_name == "a"
    assert audit.verify() is None
