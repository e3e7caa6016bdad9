"""A reader's Chromium on a shared digest: the schema.org data breaks no content
security policy, the share links and dates show, nothing comes from another host."""

import datetime
import json

import pytest
from playwright.sync_api import expect

from tests.e2e.test_editor_builds_a_digest import watch
from tests.factories import DigestFactory, ImageFactory, SiteSettingsFactory, SocialLinkFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [375, 1280])
def test_a_reader_sees_the_dates_and_share_links_with_no_policy_violation(
    browser, live_server, width
):
    site = SiteSettingsFactory()
    SocialLinkFactory(site=site)
    digest = DigestFactory(
        published=True,
        cover=ImageFactory(),
        headline_be="</script><script>alert(1)</script>",
        period_start=datetime.date(2022, 1, 10),
        period_end=datetime.date(2022, 1, 23),
        published_at=datetime.datetime(2022, 1, 24, 7, 0, tzinfo=datetime.UTC),
    )
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = watch(page, live_server)
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message) or dialog.dismiss())

    page.goto(f"{live_server.url}/be/digests/{digest.slug}/")

    expect(page).to_have_title("Дайджэст: 10 — 23 студзеня 2022 · Навіны")
    expect(page.locator(".digest__dates time")).to_have_text("24 студзеня 2022")
    expect(page.locator(".share a")).to_have_text(
        ["Telegram", "Facebook", "X", "Электронная пошта"]
    )
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "NewsArticle"
    assert data["description"] == "</script><script>alert(1)</script>"
    assert problems == []  # a CSP violation is a console error
    assert dialogs == []
    assert context.cookies() == []
