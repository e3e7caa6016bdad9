"""Creating, listing and revoking preview links on the digest's admin page."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from digests.models import PREVIEW_HOURS_DEFAULT, PreviewLink
from digests.services import create_preview_link
from newsroom.models import AuditEntry
from tests.factories import DigestFactory, PreviewLinkFactory
from tests.test_admin_translations import english_strings, proper_names, stored_words

pytestmark = pytest.mark.django_db

CHANGE = "/admin/digests/digest/{}/change/"
ADDRESS = re.compile(r'value="(http://testserver/(\w\w)/preview/([A-Za-z0-9_-]{43})/)"')


def create_url(digest):
    return reverse("admin:digests_digest_preview_link_create", args=[digest.pk])


def revoke_url(link):
    return reverse("admin:digests_digest_preview_link_revoke", args=[link.digest_id, link.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def staff_client(django_user_model, *codenames):
    user = django_user_model.objects.create_user(
        username="staff", password="a-long-staff-password", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="digests", codename__in=codenames)
    )
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client, user


def test_creating_a_link_shows_its_addresses_once_in_every_language(admin_client, admin_user):
    digest = DigestFactory(headline_en="Draft for review")

    response = admin_client.post(create_url(digest), {"hours": "24", "note": "ru check"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Copy the address now: it is shown only this once." in content
    addresses = ADDRESS.findall(content)
    assert [language for _url, language, _token in addresses] == ["be", "ru", "en"]
    assert len({token for _url, _language, token in addresses}) == 1
    link = PreviewLink.objects.get()
    assert link.digest == digest
    assert link.created_by == admin_user
    assert link.note == "ru check"
    assert link.expires_at - link.created_at == datetime.timedelta(hours=24)
    # The address works for someone without an account, in its language.
    url, _language, token = addresses[2]
    page = Client().get(url.removeprefix("http://testserver"))
    assert page.status_code == 200
    assert "Draft for review" in page.content.decode()
    assert "no-store" in response["Cache-Control"]
    # Shown once: the digest's page lists the link but not its address.
    change_page = admin_client.get(CHANGE.format(digest.pk)).content.decode()
    assert "ru check" in change_page
    assert token not in change_page


def test_form_offers_three_days_by_default(admin_client):
    digest = DigestFactory()

    response = admin_client.get(CHANGE.format(digest.pk))

    form = response.context["preview_link_form"]
    assert form["hours"].initial == PREVIEW_HOURS_DEFAULT == 72
    assert '<option value="72" selected>3 days</option>' in response.content.decode()


def test_change_page_lists_links_with_who_created_them_and_their_status(admin_client, admin_user):
    digest = DigestFactory()
    PreviewLinkFactory(digest=digest, created_by=admin_user, note="active one")
    PreviewLinkFactory(digest=digest, created_by=admin_user, note="old one", expired=True)
    PreviewLinkFactory(digest=digest, created_by=admin_user, note="closed one", revoked=True)
    PreviewLinkFactory(note="another digest's")

    response = admin_client.get(CHANGE.format(digest.pk))

    content = response.content.decode()
    rows = re.findall(r'<tr class="preview-link preview-link--(\w+)">(.*?)</tr>', content, re.S)
    assert {status: "admin" in row for status, row in rows} == {
        "active": True,
        "expired": True,
        "revoked": True,
    }
    assert "another digest" not in content
    assert content.count(">Revoke</button>") == 1


def test_editor_revokes_a_link_from_the_digests_page(admin_client, admin_user, client):
    digest = DigestFactory()
    link = create_preview_link(digest=digest, by=admin_user, hours=72)
    assert client.get(f"/be/preview/{link.token}/").status_code == 200

    response = admin_client.post(revoke_url(link), follow=True)

    assert response.redirect_chain[-1][0] == CHANGE.format(digest.pk) + "#preview-links"
    assert "The preview link was revoked" in " ".join(messages_of(response))
    link.refresh_from_db()
    assert link.revoked_by == admin_user
    assert client.get(f"/be/preview/{link.token}/").status_code == 404
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PREVIEW_REVOKED).count() == 1


def test_links_are_created_and_revoked_by_post_only(admin_client):
    link = PreviewLinkFactory()

    assert admin_client.get(create_url(link.digest)).status_code == 405
    assert admin_client.get(revoke_url(link)).status_code == 405
    assert PreviewLink.objects.count() == 1
    assert PreviewLink.objects.get().revoked_at is None


def test_creating_and_revoking_need_the_csrf_token(admin_user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)
    link = PreviewLinkFactory()

    assert browser.post(create_url(link.digest), {"hours": "72"}).status_code == 403
    assert browser.post(revoke_url(link)).status_code == 403
    assert PreviewLink.objects.count() == 1
    assert PreviewLink.objects.get().revoked_at is None


def test_a_link_of_another_digest_is_not_revoked_through_this_one(admin_client):
    link = PreviewLinkFactory()
    other = DigestFactory()

    url = reverse("admin:digests_digest_preview_link_revoke", args=[other.pk, link.pk])
    assert admin_client.post(url).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


@pytest.mark.parametrize(
    "data",
    [
        {"hours": "abc"},
        {"hours": "99999"},
        {"hours": "0"},
        {"hours": "-72"},
        {"hours": "72.5"},
        {"hours": ""},
        {},
        {"hours": "72", "note": "x" * 101},
        {"hours": "72", "note": "a\x00b"},
        {"hours": "72\x00"},
        {"hours": "٧٢"},
    ],
    ids=[
        "letters",
        "too-long",
        "zero",
        "negative",
        "fraction",
        "empty",
        "missing",
        "overlong-note",
        "nul-in-note",
        "nul",
        "arabic-digits",
    ],
)
def test_hostile_form_input_creates_nothing_and_says_why(admin_client, data):
    digest = DigestFactory()

    response = admin_client.post(create_url(digest), data, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == CHANGE.format(digest.pk) + "#preview-links"
    assert any("The preview link was not created" in m for m in messages_of(response))
    assert not PreviewLink.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PREVIEW_CREATED).exists()


def test_note_written_in_html_is_shown_as_text(admin_client):
    digest = DigestFactory()

    admin_client.post(create_url(digest), {"hours": "1", "note": "<b>x</b><script>1</script>"})

    content = admin_client.get(CHANGE.format(digest.pk)).content.decode()
    assert "&lt;script&gt;1&lt;/script&gt;" in content
    assert "<script>1</script>" not in content


def test_preview_link_of_an_unknown_digest_is_404(admin_client):
    assert admin_client.post("/admin/digests/digest/999999/preview-links/").status_code == 404
    assert (
        admin_client.post("/admin/digests/digest/999999/preview-links/1/revoke/").status_code == 404
    )


def test_staff_without_preview_permissions_see_no_links_and_cannot_make_any(django_user_model):
    browser, _user = staff_client(django_user_model, "view_digest", "change_digest")
    digest = DigestFactory()
    link = PreviewLinkFactory(digest=digest)

    page = browser.get(CHANGE.format(digest.pk))
    assert page.status_code == 200
    assert 'id="preview-links"' not in page.content.decode()

    assert browser.post(create_url(digest), {"hours": "72"}).status_code == 403
    assert browser.post(revoke_url(link)).status_code == 403
    assert PreviewLink.objects.count() == 1
    assert PreviewLink.objects.get().revoked_at is None


def test_staff_who_may_add_but_not_change_links_create_without_revoking(django_user_model):
    browser, user = staff_client(django_user_model, "view_digest", "add_previewlink")
    digest = DigestFactory()
    link = PreviewLinkFactory(digest=digest)

    page = browser.get(CHANGE.format(digest.pk)).content.decode()
    assert 'id="preview-links"' in page
    assert ">Revoke</button>" not in page

    assert browser.post(create_url(digest), {"hours": "72"}).status_code == 200
    assert PreviewLink.objects.filter(created_by=user).count() == 1
    assert browser.post(revoke_url(link)).status_code == 403
    link.refresh_from_db()
    assert link.revoked_at is None


def test_staff_who_may_only_view_links_see_the_list_without_the_form(django_user_model):
    browser, _user = staff_client(django_user_model, "view_digest", "view_previewlink")
    digest = DigestFactory()
    PreviewLinkFactory(digest=digest, note="seen")

    page = browser.get(CHANGE.format(digest.pk)).content.decode()

    assert "seen" in page
    assert create_url(digest) not in page
    assert ">Revoke</button>" not in page


def test_anonymous_visitor_cannot_create_links(client):
    digest = DigestFactory()

    response = client.post(create_url(digest), {"hours": "72"})

    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert not PreviewLink.objects.exists()


# The admin in be and ru.


@pytest.fixture(params=["be", "ru"])
def be_ru_admin(request, admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = request.param
    return admin_client, request.param


def test_preview_links_section_and_new_link_page_speak_the_admins_language(be_ru_admin, admin_user):
    browser, language = be_ru_admin
    digest = DigestFactory()
    PreviewLinkFactory(digest=digest, created_by=admin_user)
    PreviewLinkFactory(digest=digest, created_by=admin_user, expired=True)
    PreviewLinkFactory(digest=digest, created_by=admin_user, revoked=True, revoked_by=admin_user)
    allowed = proper_names() | stored_words()

    change_page = browser.get(CHANGE.format(digest.pk)).content.decode()
    created_page = browser.post(create_url(digest), {"hours": "168"}).content.decode()

    section = change_page[change_page.index('<section class="module preview-links"') :]
    assert english_strings(section, allowed) == []
    # The page's own text; the menu beside it belongs to every admin page.
    main = created_page[created_page.index('<div id="content-main"') :]
    title = re.search(r"<title>(.*?)</title>", created_page, re.S)[1]
    assert english_strings(main, allowed) == []
    assert english_strings(f"<p>{title}</p>", allowed) == []
    with translation.override(language):
        for text in ("Preview links", "Create preview link"):
            assert translation.gettext(text) != text
            assert translation.gettext(text) in change_page
        for status in ("Active", "Expired", "Revoked"):
            assert translation.pgettext("preview link", status) in change_page
        assert translation.gettext("Copy the address now: it is shown only this once.") in (
            created_page
        )


def test_error_message_speaks_the_admins_language(be_ru_admin):
    browser, language = be_ru_admin
    digest = DigestFactory()

    response = browser.post(create_url(digest), {"hours": "99999"}, follow=True)

    message = " ".join(messages_of(response))
    assert english_strings(f"<p>{message}</p>", set()) == []


def test_the_new_link_page_tells_when_the_link_expires(admin_client):
    digest = DigestFactory()

    response = admin_client.post(create_url(digest), {"hours": "1"})

    link = PreviewLink.objects.get()
    assert link.expires_at - timezone.now() <= datetime.timedelta(hours=1)
    expected = timezone.localtime(link.expires_at).strftime("%H:%M")
    assert expected in response.content.decode()
