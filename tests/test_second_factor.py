"""Staff give a second factor after their password: passkey, authenticator app or backup code."""

import base64
import hashlib
import json
import os
import re
import time
from binascii import unhexlify
from pathlib import Path

import django_otp_webauthn
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from django_otp_webauthn.models import WebAuthnCredential

from newsroom import audit
from newsroom.models import AuditEntry
from newsroom.services import remove_second_factors, replace_backup_codes

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-staff-password"
ORIGIN = "http://testserver"


@pytest.fixture
def enforced(settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = True


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user(
        username="reporter", password=PASSWORD, is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="digests"))
    return user


@pytest.fixture
def browser():
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def log_in(browser, user):
    response = browser.post(
        "/admin/login/?next=/admin/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content
    return response


def code_for(key, at=None, offset=0):
    totp = TOTP(unhexlify(key))
    totp.time = (at or time.time()) + offset * 30
    return f"{totp.token():06d}"


def add_app(user):
    return TOTPDevice.objects.create(user=user, key=random_hex(20), name="phone", confirmed=True)


def errors_of(response):
    return " ".join(re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S))


# Enforcement


def test_staff_without_second_factor_must_enrol_before_any_admin_page(enforced, staff, browser):
    log_in(browser, staff)
    for address in ["/admin/", "/admin/digests/digest/", "/admin/password_change/"]:
        response = browser.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/security/?next=")
    page = browser.get("/admin/security/")
    assert page.status_code == 200
    assert "Before you continue, add a second way" in page.text


def test_without_enforcement_staff_without_second_factor_reach_the_admin(staff, browser, settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = False
    log_in(browser, staff)
    assert browser.get("/admin/").status_code == 200


def test_staff_with_a_second_factor_give_it_even_without_enforcement(staff, browser, settings):
    settings.STAFF_REQUIRE_SECOND_FACTOR = False
    add_app(staff)
    log_in(browser, staff)
    response = browser.get("/admin/digests/digest/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/security/verify/?next=/admin/digests/digest/"


def test_setting_is_on_when_debug_is_off(monkeypatch):
    import importlib

    from newsroom import settings as settings_module

    monkeypatch.setenv("DEBUG", "0")
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "news.example.org")
    monkeypatch.delenv("STAFF_REQUIRE_SECOND_FACTOR", raising=False)
    monkeypatch.delenv("WEBAUTHN_RP_ID", raising=False)
    monkeypatch.delenv("WEBAUTHN_ORIGINS", raising=False)
    try:
        production = importlib.reload(settings_module)
        assert production.STAFF_REQUIRE_SECOND_FACTOR is True
        assert production.OTP_WEBAUTHN_RP_ID == "news.example.org"
        assert production.OTP_WEBAUTHN_ALLOWED_ORIGINS == ["https://news.example.org"]
        monkeypatch.setenv("STAFF_REQUIRE_SECOND_FACTOR", "0")
        assert importlib.reload(settings_module).STAFF_REQUIRE_SECOND_FACTOR is False
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)


def test_logging_out_works_halfway_through_logging_in(enforced, staff, browser):
    add_app(staff)
    log_in(browser, staff)
    assert browser.post("/admin/logout/").status_code == 200
    assert "_auth_user_id" not in browser.session


def test_public_pages_set_no_cookie_with_enforcement_on(enforced, staff, browser):
    response = browser.get("/be/")
    assert response.status_code == 200
    assert not response.cookies


# Authenticator app


def test_staff_member_enrols_an_authenticator_app_with_the_code_it_shows(enforced, staff, browser):
    log_in(browser, staff)
    page = browser.get("/admin/security/app/?next=/admin/digests/digest/")
    assert page.status_code == 200
    # The QR code is drawn here: an image in the page itself, from no other site.
    assert re.search(r'<img class="security-qr" src="data:image/svg\+xml', page.text)
    key = browser.session["security_new_totp_key"]
    response = browser.post(
        "/admin/security/app/",
        {"name": "work phone", "code": code_for(key), "next": "/admin/digests/digest/"},
    )
    assert response.status_code == 302
    device = TOTPDevice.objects.get(user=staff)
    assert device.confirmed and device.name == "work phone"
    assert browser.get("/admin/digests/digest/").status_code == 200
    entry = AuditEntry.objects.filter(action=audit.Action.SECOND_FACTOR_ADDED).get()
    assert entry.actor == staff and entry.detail == {"kind": "app"}


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("wrong", "Enter the six digits the app shows."),
        ("12345", "Enter the six digits the app shows."),
        ("1" * 21, "at most 20 characters"),
        ("", "This field is required."),
        ("<b>123456</b>", "Enter the six digits the app shows."),
    ],
)
def test_a_malformed_code_at_enrolment_is_a_form_error_and_adds_no_device(
    enforced, staff, browser, code, message
):
    log_in(browser, staff)
    browser.get("/admin/security/app/")
    response = browser.post("/admin/security/app/", {"name": "x" * 64, "code": code})
    assert response.status_code == 200
    assert message in errors_of(response)
    assert not TOTPDevice.objects.exists()
    assert browser.get("/admin/").status_code == 302


def test_a_wrong_code_at_enrolment_adds_no_device_not_even_an_unconfirmed_one(
    enforced, staff, browser
):
    log_in(browser, staff)
    browser.get("/admin/security/app/")
    key = browser.session["security_new_totp_key"]
    response = browser.post("/admin/security/app/", {"code": code_for(key, offset=5)})
    assert "This code is not right" in errors_of(response)
    assert not TOTPDevice.objects.exists()
    # An unconfirmed device left by other means counts for nothing.
    TOTPDevice.objects.create(user=staff, key=key, confirmed=False)
    assert browser.get("/admin/")["Location"].startswith("/admin/security/?")


def test_staff_member_logs_in_with_password_then_a_code(enforced, staff, browser):
    device = add_app(staff)
    log_in(browser, staff)
    assert browser.get("/admin/")["Location"] == "/admin/security/verify/?next=/admin/"
    page = browser.get("/admin/security/verify/?next=/admin/")
    assert "Code from the app" in page.text
    response = browser.post(
        "/admin/security/verify/?next=/admin/",
        {"app-code": code_for(device.key), "next": "/admin/"},
    )
    assert response["Location"] == "/admin/"
    assert browser.get("/admin/").status_code == 200


def test_verification_never_sends_staff_to_another_site(enforced, staff, browser):
    device = add_app(staff)
    log_in(browser, staff)
    response = browser.post(
        "/admin/security/verify/",
        {"app-code": code_for(device.key), "next": "https://evil.example/admin/"},
    )
    assert response["Location"] == "/admin/"


def test_a_replayed_code_is_refused(enforced, staff):
    device = add_app(staff)
    now = time.time()
    first, second = Client(HTTP_ACCEPT_LANGUAGE="en"), Client(HTTP_ACCEPT_LANGUAGE="en")
    log_in(first, staff)
    log_in(second, staff)
    code = code_for(device.key, at=now)
    assert first.post("/admin/security/verify/", {"app-code": code}).status_code == 302
    replay = second.post("/admin/security/verify/", {"app-code": code})
    assert replay.status_code == 200
    assert "it was used already" in errors_of(replay)
    assert second.get("/admin/").status_code == 302


@pytest.mark.parametrize("code", ["000000x", "1" * 200, "", "١٢٣٤٥٦", "12 34 5"])
def test_malformed_codes_at_log_in_are_form_errors(enforced, staff, browser, code):
    add_app(staff)
    log_in(browser, staff)
    response = browser.post("/admin/security/verify/", {"app-code": code})
    assert response.status_code == 200
    assert errors_of(response)
    assert browser.get("/admin/").status_code == 302


def test_after_a_wrong_code_even_the_right_one_waits(enforced, staff, browser):
    device = add_app(staff)
    log_in(browser, staff)
    wrong = browser.post("/admin/security/verify/", {"app-code": code_for(device.key, offset=9)})
    assert "it was used already" in errors_of(wrong)
    right = browser.post("/admin/security/verify/", {"app-code": code_for(device.key)})
    assert "Too many wrong codes" in errors_of(right)
    assert AuditEntry.objects.filter(action=audit.Action.LOGIN_FAILED, actor=staff).count() == 2


# Backup codes


def test_ten_backup_codes_are_shown_once_and_each_works_once(enforced, staff):
    device = add_app(staff)
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    log_in(browser, staff)
    browser.post("/admin/security/verify/", {"app-code": code_for(device.key)})
    page = browser.post("/admin/security/backup-codes/")
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.text)
    assert len(codes) == 10
    assert codes[0] not in browser.get("/admin/security/").text

    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    log_in(other, staff)
    spaced = f"{codes[0][:4].upper()} {codes[0][4:]}"
    assert other.post("/admin/security/verify/", {"backup-code": spaced}).status_code == 302
    assert other.get("/admin/").status_code == 200

    again = Client(HTTP_ACCEPT_LANGUAGE="en")
    log_in(again, staff)
    refused = again.post("/admin/security/verify/", {"backup-code": codes[0]})
    assert "it was used already" in errors_of(refused)
    assert StaticToken.objects.count() == 9


def test_new_backup_codes_replace_the_old_ones(staff):
    add_app(staff)
    old = replace_backup_codes(user=staff, by=staff)
    new = replace_backup_codes(user=staff, by=staff)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)
    assert not set(old) & set(new)


def test_backup_codes_need_a_passkey_or_app_first(staff, browser):
    log_in(browser, staff)
    browser.post("/admin/security/backup-codes/")
    assert not StaticDevice.objects.exists()


@pytest.mark.parametrize("code", ["abcdefg", "abcdefgh1", "abcdef01", "x" * 300])
def test_malformed_backup_codes_are_form_errors(enforced, staff, browser, code):
    add_app(staff)
    replace_backup_codes(user=staff, by=staff)
    log_in(browser, staff)
    response = browser.post("/admin/security/verify/", {"backup-code": code})
    assert response.status_code == 200
    assert errors_of(response)
    assert StaticToken.objects.count() == 10


# CSRF


@pytest.mark.parametrize(
    "address",
    [
        "/admin/security/verify/",
        "/admin/security/app/",
        "/admin/security/backup-codes/",
        "/admin/security/passkeys/register/begin/",
        "/admin/security/passkeys/verify/begin/",
        "/admin/security/passkeys/verify/complete/",
    ],
)
def test_posts_without_csrf_token_are_refused(enforced, staff, address):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff)
    add_app(staff)
    assert browser.post(address, {"app-code": "123456"}).status_code == 403


# Removal


def test_removing_a_device_needs_a_verified_session_and_is_logged(staff):
    device, spare = add_app(staff), add_app(staff)
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    log_in(browser, staff)
    refused = browser.post(f"/admin/security/remove/app/{device.pk}/")
    assert refused["Location"].startswith("/admin/security/verify/")
    assert TOTPDevice.objects.count() == 2
    browser.post("/admin/security/verify/", {"app-code": code_for(device.key)})
    browser.post(f"/admin/security/remove/app/{spare.pk}/")
    assert list(TOTPDevice.objects.all()) == [device]
    entry = AuditEntry.objects.get(action=audit.Action.SECOND_FACTOR_REMOVED)
    assert entry.actor == staff and entry.target_id == str(spare.pk)


def test_nobody_removes_another_staff_members_device(staff, django_user_model):
    other = django_user_model.objects.create_user(username="other", is_staff=True)
    theirs = add_app(other)
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    browser.force_login(staff)
    assert browser.post(f"/admin/security/remove/app/{theirs.pk}/").status_code == 404
    assert browser.post(f"/admin/security/remove/bogus/{theirs.pk}/").status_code == 403
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()


def test_removing_the_last_app_takes_the_backup_codes_with_it(staff):
    device = add_app(staff)
    replace_backup_codes(user=staff, by=staff)
    from newsroom.services import remove_second_factor

    remove_second_factor(device=device, by=staff)
    assert not StaticDevice.objects.exists()


def test_remove_second_factors_removes_every_kind_and_logs_it(staff, django_user_model):
    lead = django_user_model.objects.create_user(username="lead", is_staff=True)
    add_app(staff)
    replace_backup_codes(user=staff, by=staff)
    make_passkey(staff)
    removed = remove_second_factors(user=staff, by=lead)
    assert removed == {"passkeys": 1, "apps": 1, "backup_codes": 10}
    assert not TOTPDevice.objects.exists()
    assert not StaticDevice.objects.exists()
    assert not WebAuthnCredential.objects.exists()
    entry = AuditEntry.objects.filter(action=audit.Action.SECOND_FACTOR_REMOVED).get()
    assert entry.actor == lead and entry.target_id == str(staff.pk)


def test_a_session_verified_with_a_removed_device_is_verified_no_more(enforced, staff):
    device = add_app(staff)
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    log_in(browser, staff)
    browser.post("/admin/security/verify/", {"app-code": code_for(device.key)})
    assert browser.get("/admin/").status_code == 200
    remove_second_factors(user=staff, by=None)
    assert browser.get("/admin/")["Location"].startswith("/admin/security/?")


def test_reset_second_factor_command(staff, capsys):
    add_app(staff)
    call_command("reset_second_factor", "reporter")
    assert not TOTPDevice.objects.exists()
    assert "reporter" in capsys.readouterr().out
    entry = AuditEntry.objects.get(action=audit.Action.SECOND_FACTOR_REMOVED)
    assert entry.actor is None and entry.detail["via"] == "command"


def test_reset_second_factor_command_names_an_unknown_user():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="nobody"):
        call_command("reset_second_factor", "nobody")


def test_administrators_remove_a_staff_members_second_factors(staff, django_user_model):
    add_app(staff)
    administrator = django_user_model.objects.create_user(username="admin1", is_staff=True)
    administrator.user_permissions.add(Permission.objects.get(codename="change_user"))
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    browser.force_login(administrator)
    page = browser.get("/admin/security/staff/")
    assert page.status_code == 200 and "reporter" in page.text
    browser.post(f"/admin/security/staff/{staff.pk}/remove/")
    assert not TOTPDevice.objects.exists()


def test_staff_without_user_permissions_see_no_one_elses_second_factors(
    staff, browser, django_user_model
):
    other = django_user_model.objects.create_user(username="other", is_staff=True)
    theirs = add_app(other)
    browser.force_login(staff)
    assert browser.get("/admin/security/staff/").status_code == 403
    assert browser.post(f"/admin/security/staff/{other.pk}/remove/").status_code == 403
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()


# Passkeys: a software authenticator signs assertions as a browser's would.


class SoftwareAuthenticator:
    def __init__(self):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)

    def cose_public_key(self):
        import cbor2

        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )

    def assertion(self, challenge, rp_id="localhost", origin=ORIGIN, sign_count=1):
        client_data = json.dumps(
            {"type": "webauthn.get", "challenge": challenge, "origin": origin}
        ).encode()
        authenticator_data = (
            hashlib.sha256(rp_id.encode()).digest() + b"\x01" + sign_count.to_bytes(4, "big")
        )
        signature = self.key.sign(
            authenticator_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        raw_id = b64(self.credential_id)
        return {
            "id": raw_id,
            "rawId": raw_id,
            "type": "public-key",
            "response": {
                "clientDataJSON": b64(client_data),
                "authenticatorData": b64(authenticator_data),
                "signature": b64(signature),
            },
            "clientExtensionResults": {},
        }


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def make_passkey(user):
    authenticator = SoftwareAuthenticator()
    WebAuthnCredential.objects.create(
        user=user,
        credential_id=authenticator.credential_id,
        public_key=authenticator.cose_public_key(),
        sign_count=0,
        confirmed=True,
    )
    return authenticator


@pytest.fixture
def passkey_origin(settings):
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [ORIGIN]


def passkey_log_in(browser, authenticator, **assertion):
    options = browser.post("/admin/security/passkeys/verify/begin/").json()
    return browser.post(
        "/admin/security/passkeys/verify/complete/?next=/admin/digests/digest/",
        authenticator.assertion(options["challenge"], **assertion),
        content_type="application/json",
    )


def test_staff_member_logs_in_with_password_then_passkey(enforced, staff, browser, passkey_origin):
    authenticator = make_passkey(staff)
    log_in(browser, staff)
    page = browser.get("/admin/security/verify/")
    assert 'id="otp_webauthn_config"' in page.text
    assert "/static/django_otp_webauthn/otp_webauthn_auth.js" in page.text
    response = passkey_log_in(browser, authenticator)
    assert response.status_code == 200, response.content
    assert response.json()["redirect_url"] == "/admin/digests/digest/"
    assert browser.get("/admin/digests/digest/").status_code == 200


def test_a_passkey_of_another_user_is_refused(
    enforced, staff, browser, passkey_origin, django_user_model
):
    make_passkey(staff)
    other = django_user_model.objects.create_user(username="other", is_staff=True)
    theirs = make_passkey(other)
    log_in(browser, staff)
    response = passkey_log_in(browser, theirs)
    assert response.status_code == 403
    assert response.json()["code"] == "credential_user_mismatch"
    assert browser.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "assertion",
    [{"origin": "https://evil.example"}, {"rp_id": "evil.example"}],
)
def test_a_passkey_assertion_for_another_site_is_refused(
    enforced, staff, browser, passkey_origin, assertion
):
    authenticator = make_passkey(staff)
    log_in(browser, staff)
    response = passkey_log_in(browser, authenticator, **assertion)
    assert response.status_code == 422
    assert browser.get("/admin/").status_code == 302


def test_a_replayed_passkey_assertion_is_refused(enforced, staff, passkey_origin):
    authenticator = make_passkey(staff)
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    log_in(browser, staff)
    options = browser.post("/admin/security/passkeys/verify/begin/").json()
    assertion = authenticator.assertion(options["challenge"])
    complete = "/admin/security/passkeys/verify/complete/"
    assert browser.post(complete, assertion, content_type="application/json").status_code == 200
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    log_in(other, staff)
    other.post("/admin/security/passkeys/verify/begin/")
    assert other.post(complete, assertion, content_type="application/json").status_code >= 400
    assert other.get("/admin/").status_code == 302


def test_passkeys_need_a_password_first(passkey_origin, staff, browser):
    make_passkey(staff)
    assert browser.post("/admin/security/passkeys/verify/begin/").status_code == 403
    assert browser.post("/admin/security/passkeys/register/begin/").status_code == 403


def test_adding_a_passkey_needs_the_existing_second_factor_first(passkey_origin, staff, browser):
    add_app(staff)
    log_in(browser, staff)
    response = browser.post("/admin/security/passkeys/register/begin/")
    assert response.status_code == 403
    assert response.json()["code"] == "user_not_verified"


def test_the_passkey_scripts_load_from_this_site_only(enforced, staff, browser):
    log_in(browser, staff)
    page = browser.get("/admin/security/")
    sources = re.findall(r'<script[^>]*src="([^"]+)"', page.text)
    assert "/static/django_otp_webauthn/otp_webauthn_register.js" in sources
    assert all(source.startswith("/") and not source.startswith("//") for source in sources)
    catalog = browser.get("/admin/security/jsi18n/")
    assert catalog.status_code == 200


# Languages: the pages only seen halfway through logging in, and the passkey scripts' texts.

PASSKEY_SCRIPTS = Path(django_otp_webauthn.__file__).parent / "static" / "django_otp_webauthn"


@pytest.mark.parametrize("language", ["be", "ru"])
def test_second_factor_pages_hold_no_english_word(enforced, staff, passkey_origin, language):
    from tests.test_admin_translations import english_strings, proper_names, stored_words

    make_passkey(staff)
    add_app(staff)
    replace_backup_codes(user=staff, by=staff)
    browser = Client(HTTP_ACCEPT_LANGUAGE=language)
    log_in(browser, staff)
    pages = {"verify": browser.get("/admin/security/verify/")}
    browser.post("/admin/security/verify/", {"app-code": "000000"})
    pages["wrong code"] = browser.post("/admin/security/verify/", {"app-code": "12"})
    browser.post("/admin/security/verify/", {"backup-code": StaticToken.objects.first().token})
    pages["security"] = browser.get("/admin/security/")
    pages["backup codes"] = browser.post("/admin/security/backup-codes/")
    # What staff typed, and the codes (random letters), are not interface words.
    typed = stored_words()
    remove_second_factors(user=staff, by=None)
    pages["enrol"] = browser.get("/admin/security/?next=/admin/", follow=True)
    allowed = proper_names() | typed
    found = {}
    for name, response in pages.items():
        assert response.status_code == 200, name
        strings = english_strings(response.text, allowed)
        if strings:
            found[name] = strings
    assert not found


@pytest.mark.parametrize("language", ["be", "ru"])
def test_the_passkey_scripts_speak_be_and_ru(staff, language):
    strings = set()
    for name in ("otp_webauthn_auth.js.map", "otp_webauthn_register.js.map"):
        sources = json.loads((PASSKEY_SCRIPTS / name).read_text())
        for path, text in zip(sources["sources"], sources["sourcesContent"], strict=True):
            if "/client/src/" in path:
                strings.update(re.findall(r'gettext\(\s*"((?:[^"\\]|\\.)*)"', text or ""))
    assert "Registration successful!" in strings
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    browser.force_login(staff)
    browser.cookies["django_language"] = language
    text = browser.get("/admin/security/jsi18n/").text
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", text, re.S)[1])
    missing = sorted(s for s in strings if not catalogue.get(s))
    assert not missing


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        json.dumps({"id": "x", "rawId": "x", "type": "public-key", "response": {}}),
        json.dumps(
            {"id": "A" * 10000, "response": {"attestationObject": "!!", "clientDataJSON": 5}}
        ),
    ],
)
def test_a_failed_passkey_enrolment_leaves_no_passkey(
    enforced, staff, browser, passkey_origin, body
):
    log_in(browser, staff)
    assert browser.post("/admin/security/passkeys/register/begin/").status_code == 200
    response = browser.post(
        "/admin/security/passkeys/register/complete/", body, content_type="application/json"
    )
    assert 400 <= response.status_code < 500
    assert not WebAuthnCredential.objects.exists()
    assert not AuditEntry.objects.filter(action=audit.Action.SECOND_FACTOR_ADDED).exists()
    assert browser.get("/admin/")["Location"].startswith("/admin/security/?")
