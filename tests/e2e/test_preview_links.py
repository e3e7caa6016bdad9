"""An editor makes a preview link in Chromium; a reader without an account opens it."""

import pytest
from playwright.sync_api import expect

from digests.models import PreviewLink
from tests.e2e.test_editor_builds_a_digest import watch
from tests.factories import DigestFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_editor_shares_a_draft_and_revokes_the_link(browser, live_server, editor):
    digest = DigestFactory(headline_be="Чарнавая навіна", headline_ru="Черновая новость")
    context = browser.new_context(extra_http_headers={"Accept-Language": "be"})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    problems = watch(page, live_server)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-editor-password")
    page.click("input[type=submit]")

    page.goto(f"{live_server.url}/admin/digests/digest/{digest.pk}/change/")
    page.select_option("#id_hours", "24")
    page.fill("#id_note", "Праверка рускага тэксту")
    page.click(".preview-links__create input[type=submit]")

    address = page.locator("#preview-address-ru")
    url = address.input_value()
    assert url.startswith(f"{live_server.url}/ru/preview/")
    copy = page.locator("button[data-copy=preview-address-ru]")
    expect(copy).to_be_visible()
    copy.click()
    assert page.evaluate("navigator.clipboard.readText()") == url

    # Someone else's browser, with no account and no cookie.
    reader = browser.new_context()
    reader_page = reader.new_page()
    response = reader_page.goto(url)
    assert response.status == 200
    assert response.headers["x-robots-tag"].startswith("noindex")
    expect(reader_page.locator(".preview-banner")).to_contain_text("Предпросмотр, не опубликовано")
    expect(reader_page.locator(".headline")).to_have_text("Черновая новость")
    assert reader.cookies() == []

    page.goto(f"{live_server.url}/admin/digests/digest/{digest.pk}/change/")
    expect(page.locator(".preview-link--active")).to_contain_text("Праверка рускага тэксту")
    page.click(".preview-link--active button[type=submit]")
    expect(page.locator(".preview-link--revoked")).to_have_count(1)
    assert PreviewLink.objects.get().revoked_by == editor

    assert reader_page.goto(url).status == 404
    assert reader.cookies() == []
    assert problems == []
    reader.close()
    context.close()
