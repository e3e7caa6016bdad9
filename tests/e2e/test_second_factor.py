"""Staff enrol and log in with a passkey (Chromium's virtual authenticator) and an app's code."""

import base64
import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from tests.e2e.test_editor_builds_a_digest import watch

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_factor_required(settings, live_server):
    settings.STAFF_REQUIRE_SECOND_FACTOR = True
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]


def log_in(page, live_server):
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-editor-password")
    page.click("input[type=submit]")
    page.wait_for_load_state()


def log_out(page):
    page.locator("form[action$='/logout/'] button").first.click()
    page.wait_for_load_state()


def virtual_authenticator(page):
    """A passkey in Chromium itself, answering as a phone's would, with no one to tap it."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp


def test_staff_member_enrols_a_passkey_and_logs_in_with_it(
    browser, live_server, editor, second_factor_required
):
    page = browser.new_page(extra_http_headers={"Accept-Language": "be"})
    problems = watch(page, live_server)
    virtual_authenticator(page)

    log_in(page, live_server)
    # No second factor yet: the Security page comes before any admin page.
    assert page.url.startswith(f"{live_server.url}/admin/security/?next=")
    page.click("#passkey-register-button")
    expect(page.locator(".messagelist .success")).to_have_count(1)
    assert WebAuthnCredential.objects.filter(user=editor, confirmed=True).count() == 1
    expect(page.locator(".security-section table tbody tr")).to_have_count(1)
    page.locator(".security > p > a.button.default").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")

    log_out(page)
    log_in(page, live_server)
    expect(page).to_have_url(re.compile(r"/admin/security/verify/\?next=/admin/$"))
    page.click("#passkey-verification-button")
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.locator("#site-name")).to_be_visible()
    assert problems == []


def test_staff_member_enrols_an_authenticator_app_and_logs_in_with_its_code(
    browser, live_server, editor, second_factor_required
):
    page = browser.new_page(extra_http_headers={"Accept-Language": "ru"})
    problems = watch(page, live_server)

    log_in(page, live_server)
    page.click("a[href^='/admin/security/app/']")
    expect(page.locator("img.security-qr")).to_be_visible()
    secret = page.locator(".security-secret").input_value().replace(" ", "")
    key = base64.b32decode(secret)

    def code(offset=0):
        totp = TOTP(key)
        totp.time = time.time() + offset * 30
        return f"{totp.token():06d}"

    page.fill("#id_name", "рабочий телефон")
    # Kept, not computed again: the app's 30-second step may turn meanwhile.
    used = code()
    page.fill("#id_code", used)
    page.locator("form button.default").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    assert TOTPDevice.objects.get(user=editor).name == "рабочий телефон"

    log_out(page)
    log_in(page, live_server)
    expect(page).to_have_url(re.compile(r"/admin/security/verify/"))
    # The code just used is refused; the app's next one (a step of tolerance) is not.
    page.fill("#id_app-code", used)
    page.locator("#id_app-code").press("Enter")
    expect(page.locator(".errorlist")).to_have_count(1)
    page.wait_for_timeout(1500)  # django-otp makes one wait a second after a wrong code
    page.fill("#id_app-code", code(offset=1))
    page.locator("#id_app-code").press("Enter")
    expect(page).to_have_url(f"{live_server.url}/admin/")
    assert problems == []
