"""Preview links: a digest as last saved, for a reader without an account."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from digests.models import PreviewLink, hash_preview_token
from digests.services import create_preview_link, revoke_preview_link, revoke_preview_links
from newsroom.models import AuditEntry
from tests.factories import (
    ActionItemFactory,
    DigestActionFactory,
    DigestFactory,
    PreviewLinkFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

CHANGE = "/admin/digests/digest/{}/change/"
NOT_PUBLISHED = "Preview, not published: readers cannot see this page."
ALREADY_PUBLISHED = "Preview: this digest is already published"


def preview_path(token, language="be"):
    return f"/{language}/preview/{token}/"


def new_link(*, digest=None, by, hours=72):
    return create_preview_link(digest=digest or DigestFactory(), by=by, hours=hours)


def staff_with(django_user_model, *codenames, username="staff"):
    user = django_user_model.objects.create_user(
        username=username, password="a-long-staff-password", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="digests", codename__in=codenames)
    )
    return user


def expire(link):
    PreviewLink.objects.filter(pk=link.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=5),
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )


# The page a reader opens.


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_link_shows_the_draft_with_a_banner_in_the_readers_language(client, editor, language):
    link = new_link(digest=DigestFactory(headline_be="Чарнавая навіна", headline_en=""), by=editor)

    response = client.get(preview_path(link.token, language))

    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{language}">' in content
    assert "Чарнавая навіна" in content
    with translation.override(language):
        banner = translation.gettext(
            "Preview, not published: readers cannot see this page. Please do not share this link."
        )
    assert f'<div class="preview-banner" role="status">{banner}</div>' in content
    if language != "en":
        assert NOT_PUBLISHED not in content, "the banner is not translated"


def test_preview_page_is_kept_from_search_engines_caches_and_referrers(client, editor):
    link = new_link(by=editor)

    response = client.get(preview_path(link.token))

    assert "noindex" in response["X-Robots-Tag"]
    assert response["Cache-Control"] == "no-store, private"
    assert response["Referrer-Policy"] == "no-referrer"
    content = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in content
    assert '<meta name="referrer" content="no-referrer">' in content


def test_preview_page_sets_no_cookie_and_starts_no_session(client, editor):
    link = new_link(by=editor)
    sessions_before = Session.objects.count()

    response = client.get(preview_path(link.token, "ru"))

    assert response.status_code == 200
    assert response.cookies == {}
    assert "Set-Cookie" not in response.headers
    assert "csrftoken" not in client.cookies
    assert "sessionid" not in client.cookies
    assert Session.objects.count() == sessions_before


def test_link_to_a_published_digest_shows_it_as_last_saved(client, editor):
    digest = DigestFactory(published=True, headline_en="Live headline")
    link = new_link(digest=digest, by=editor)
    digest.headline_en = "Corrected headline"
    digest.save()

    content = client.get(preview_path(link.token, "en")).content.decode()

    assert "Corrected headline" in content
    assert ALREADY_PUBLISHED in content
    assert NOT_PUBLISHED not in content


def test_scheduled_digest_is_shown_as_not_published(client, editor):
    link = new_link(digest=DigestFactory(scheduled=True), by=editor)

    assert NOT_PUBLISHED in client.get(preview_path(link.token, "en")).content.decode()


def test_each_link_opens_its_own_digest_only(client, editor):
    first = new_link(digest=DigestFactory(headline_en="First draft"), by=editor)
    second = new_link(digest=DigestFactory(headline_en="Second draft"), by=editor)

    first_page = client.get(preview_path(first.token, "en")).content.decode()
    second_page = client.get(preview_path(second.token, "en")).content.decode()

    assert "First draft" in first_page and "Second draft" not in first_page
    assert "Second draft" in second_page and "First draft" not in second_page


def test_language_switcher_keeps_the_preview(client, editor):
    link = new_link(by=editor)

    content = client.get(preview_path(link.token, "be")).content.decode()

    assert f'href="{preview_path(link.token, "ru")}"' in content
    assert f'href="{preview_path(link.token, "en")}"' in content


def test_expired_link_answers_404(client, editor):
    link = new_link(by=editor)
    expire(link)

    assert client.get(preview_path(link.token)).status_code == 404


def test_link_answers_404_once_its_time_is_up(client, editor):
    link = new_link(by=editor, hours=1)
    assert client.get(preview_path(link.token)).status_code == 200
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())

    assert client.get(preview_path(link.token)).status_code == 404


def test_revoked_link_answers_404(client, editor):
    link = new_link(by=editor)
    assert client.get(preview_path(link.token)).status_code == 200

    revoke_preview_link(link=link, by=editor)

    response = client.get(preview_path(link.token))
    assert response.status_code == 404
    assert response.cookies == {}


def test_link_of_a_deleted_digest_answers_404(client, editor):
    link = new_link(by=editor)
    link.digest.delete()

    assert not PreviewLink.objects.exists()
    assert client.get(preview_path(link.token)).status_code == 404


def test_tampered_tokens_answer_404(client, editor):
    token = new_link(by=editor).token
    flipped = ("A" if token[0] != "A" else "B") + token[1:]

    for tampered in [flipped, token[:-1], token + "x", token.upper(), token[::-1]]:
        if tampered == token:
            continue
        assert client.get(preview_path(tampered)).status_code == 404, tampered


@pytest.mark.parametrize(
    "token",
    [
        "x" * 10_000,
        "a" * 43 + "/" + "b" * 43,
        "ы" * 43,
        "%E2%80%AE" * 10,
        "%F0%9F%98%80" * 20,
        "%FF%FE",
        "..",
        "%20" * 43,
        "' OR 1=1 --",
        "<script>",
    ],
    ids=[
        "overlong",
        "slash",
        "cyrillic",
        "rtl-override",
        "emoji",
        "bad-utf8",
        "dots",
        "spaces",
        "sql",
        "html",
    ],
)
def test_odd_tokens_answer_404_never_500(client, editor, token):
    new_link(by=editor)

    response = client.get(f"/be/preview/{token}/")

    assert response.status_code == 404
    assert response.cookies == {}


def test_token_with_a_nul_character_is_refused_never_500(client, editor):
    token = new_link(by=editor).token

    response = client.get(f"/be/preview/{token[:20]}%00{token[21:]}/")

    # The site-wide NUL guard answers 400 before the preview is even looked up.
    assert response.status_code in {400, 404}


def test_a_token_from_the_hash_itself_does_not_open_the_preview(client, editor):
    link = new_link(by=editor)
    stored = PreviewLink.objects.get(pk=link.pk).token_hash

    assert client.get(preview_path(stored)).status_code == 404
    assert client.get(preview_path(stored[:43])).status_code == 404


def test_the_database_keeps_only_the_hash_of_the_token(editor):
    link = new_link(by=editor)

    row = PreviewLink.objects.values().get(pk=link.pk)
    assert row["token_hash"] == hash_preview_token(link.token)
    assert link.token not in {str(value) for value in row.values()}
    assert not AuditEntry.objects.filter(detail__icontains=link.token).exists()


def test_preview_page_takes_the_same_number_of_queries_however_long_the_digest(client, editor):
    short, long = DigestFactory(), DigestFactory()
    SectionFactory(digest=short)
    for _ in range(6):
        SectionFactory(digest=long, tags=["санкцыі"])
    short_link, long_link = new_link(digest=short, by=editor), new_link(digest=long, by=editor)
    client.get(preview_path(short_link.token))  # Site settings and the like, cached once.

    with CaptureQueriesContext(connection) as short_queries:
        client.get(preview_path(short_link.token))
    with CaptureQueriesContext(connection) as long_queries:
        client.get(preview_path(long_link.token))

    assert len(long_queries) == len(short_queries)


# The services.


def test_creating_a_link_needs_the_permission_to_add_preview_links(django_user_model):
    author = staff_with(django_user_model, "view_digest", "change_digest")

    with pytest.raises(PermissionDenied):
        new_link(by=author)
    assert not PreviewLink.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PREVIEW_CREATED).exists()


@pytest.mark.parametrize("hours", [0, -1, 721, 10**9, "72", 72.0, True, None])
def test_a_link_lasts_from_one_hour_to_thirty_days(editor, hours):
    with pytest.raises(ValidationError):
        new_link(by=editor, hours=hours)
    assert not PreviewLink.objects.exists()


@pytest.mark.parametrize("hours", [1, 72, 720])
def test_link_expires_after_the_hours_chosen(editor, hours):
    before = timezone.now()
    link = new_link(by=editor, hours=hours)

    assert link.created_by == editor
    assert link.expires_at - link.created_at == datetime.timedelta(hours=hours)
    assert link.created_at >= before
    assert link.status == PreviewLink.Status.ACTIVE


def test_each_link_has_a_token_of_its_own(editor):
    digest = DigestFactory()
    tokens = {new_link(digest=digest, by=editor).token for _ in range(5)}

    assert len(tokens) == 5
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", token) for token in tokens)


def test_creating_and_revoking_are_in_the_audit_log(editor):
    link = new_link(by=editor)

    revoke_preview_link(link=link, by=editor)

    created, revoked = AuditEntry.objects.order_by("id")
    assert created.action == AuditEntry.Action.PREVIEW_CREATED
    assert revoked.action == AuditEntry.Action.PREVIEW_REVOKED
    for entry in (created, revoked):
        assert entry.actor == editor
        assert entry.target_type == "digests.digest"
        assert entry.target_id == str(link.digest.pk)
        assert entry.detail["preview_link"] == link.pk


def test_revoking_twice_revokes_and_records_once(editor, django_user_model):
    other = staff_with(django_user_model, "change_previewlink", username="other")
    link = new_link(by=editor)

    revoke_preview_link(link=link, by=editor)
    again = revoke_preview_link(link=link, by=other)

    assert again.revoked_by == editor
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PREVIEW_REVOKED).count() == 1
    assert again.status == PreviewLink.Status.REVOKED


def test_revoking_needs_the_permission_to_change_preview_links(editor, django_user_model):
    creator_only = staff_with(django_user_model, "add_previewlink")
    link = new_link(by=editor)

    with pytest.raises(PermissionDenied):
        revoke_preview_link(link=link, by=creator_only)
    with pytest.raises(PermissionDenied):
        revoke_preview_links(created_by=editor, by=creator_only)
    link.refresh_from_db()
    assert link.revoked_at is None


def test_revoking_a_persons_links_closes_all_they_created_and_only_those(
    client, editor, django_user_model
):
    colleague = staff_with(django_user_model, "add_previewlink", username="colleague")
    theirs = [new_link(by=colleague) for _ in range(3)]
    already = new_link(by=colleague)
    revoke_preview_link(link=already, by=editor)
    mine = new_link(by=editor)

    count = revoke_preview_links(created_by=colleague, by=editor)

    assert count == 3
    for link in theirs:
        link.refresh_from_db()
        assert link.revoked_by == editor
        assert client.get(preview_path(link.token)).status_code == 404
    assert client.get(preview_path(mine.token)).status_code == 200
    # One entry per link, besides the one revoked before.
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PREVIEW_REVOKED).count() == 4


def test_an_operators_command_may_revoke_without_an_account(client, editor):
    link = new_link(by=editor)

    assert revoke_preview_links(created_by=editor, by=None) == 1

    link.refresh_from_db()
    assert link.revoked_at is not None and link.revoked_by is None
    assert client.get(preview_path(link.token)).status_code == 404
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PREVIEW_REVOKED)
    assert entry.actor is None


def test_database_refuses_a_link_that_expires_before_it_is_created():
    with pytest.raises(IntegrityError):
        PreviewLinkFactory(expires_at=timezone.now() - datetime.timedelta(hours=1))


def test_only_links_neither_expired_nor_revoked_are_active():
    active = PreviewLinkFactory()
    expired = PreviewLinkFactory(expired=True)
    revoked = PreviewLinkFactory(revoked=True)

    assert [link.status for link in (active, expired, revoked)] == ["active", "expired", "revoked"]
    assert list(PreviewLink.objects.active()) == [active]


def test_both_previews_show_the_activity_list_in_the_readers_language(
    client, editor_client, editor
):
    digest = DigestFactory()
    DigestActionFactory(
        digest=digest,
        action_item=ActionItemFactory(text_be="Зарэгіструйцеся на платформе «Голас»"),
    )
    link = new_link(digest=digest, by=editor)
    shown = client.get(preview_path(link.token, "be")).content.decode()
    assert "Зарэгіструйцеся на платформе «Голас»" in shown
    admin_preview = editor_client.get(f"/admin/digests/digest/{digest.pk}/preview/?lang=be")
    assert "Зарэгіструйцеся на платформе «Голас»" in admin_preview.content.decode()
