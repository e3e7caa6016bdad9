"""The rich-text editor in Chromium, with the admin in Belarusian.

Run with `make e2e` (needs Debian's `chromium`).
"""

import pytest

from tests.e2e.test_admin_ordering import open_admin
from tests.e2e.test_editor_builds_a_digest import saved
from tests.factories import DigestFactory, SectionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_digest_form_with_many_editors_logs_no_warning_or_error(browser, live_server, editor):
    digest = DigestFactory()
    SectionFactory.create_batch(3, digest=digest)
    page, console = open_admin(browser, live_server)

    page.goto(f"{live_server.url}/admin/digests/digest/{digest.pk}/change/")
    page.locator("#sections-0 .field-body_be .ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Сустрэча https://example.org ")
    for number in (3, 4):
        page.locator("#sections-group .add-row a").click()
        page.locator(
            f"#sections-{number} .field-body_be .ProseMirror[contenteditable=true]"
        ).click()
        page.keyboard.type("Тэкст")

    assert page.locator(".ProseMirror").count() > 20
    # CSP violations are console errors too.
    assert console == []


def test_text_typed_right_after_a_link_is_not_part_of_it(browser, live_server, editor):
    section = SectionFactory(body_be='<p>Глядзіце <a href="https://example.org/">сайт</a></p>')
    page, console = open_admin(browser, live_server)

    page.goto(f"{live_server.url}/admin/digests/digest/{section.digest.pk}/change/")
    # Put the cursor at the end of the paragraph, right after the link, and type on.
    page.locator("#sections-0 .field-body_be .ProseMirror[contenteditable=true] a").click()
    page.keyboard.press("End")
    page.keyboard.type("ы і далей")
    page.click("input[name=_continue]")
    saved(page)

    section.refresh_from_db()
    assert section.body_be == (
        '<p>Глядзіце <a href="https://example.org/" rel="noopener noreferrer">сайт</a>ы і далей</p>'
    )
    assert console == []
