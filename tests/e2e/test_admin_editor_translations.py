"""The rich-text editor's toolbar speaks the admin's language.

Its tooltips and block menu are written by the editor's script, so only a
browser sees them: every `title`, `aria-label` and menu entry of the toolbar
is read in Chromium with the admin in be and in ru, and none may be English.
"""

import pytest
from django.contrib.auth.models import Permission

from tests.test_admin_translations import TECHNICAL_NAMES, WORD, is_english

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TOOLBAR_LABELS = """
toolbar => [
    ...[...toolbar.querySelectorAll("[title]")].map(e => e.title),
    ...[...toolbar.querySelectorAll("[aria-label]")].map(e => e.getAttribute("aria-label")),
    ...[...toolbar.querySelectorAll(".prose-menubar__option")].map(e => e.textContent),
]
"""
EXPECTED = {
    "be": {"Тлусты", "Курсіў", "Загаловак 3", "Загаловак 4", "Абзац", "Уставіць спасылку"},
    "ru": {"Полужирный", "Курсив", "Заголовок 3", "Заголовок 4", "Абзац", "Вставить ссылку"},
}


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        username="рэдактар", password="a-long-editor-password", is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="campaigns"))
    return user


def toolbar_labels(page):
    """Every label of the first visible toolbar, a heading chosen so its button shows too."""
    toolbar = page.locator(".prose-menubar:visible").first
    labels = set(toolbar.evaluate(TOOLBAR_LABELS))
    page.locator(".ProseMirror:visible").first.click()
    toolbar.locator(".prose-menubar__selected").click()
    toolbar.locator(".prose-menubar__option h3").click()
    return labels | set(toolbar.evaluate(TOOLBAR_LABELS))


@pytest.mark.parametrize("language", ["be", "ru"])
def test_the_editor_toolbar_has_no_english_label(browser, live_server, editor, language):
    page = browser.new_page(extra_http_headers={"Accept-Language": language})
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "рэдактар")
    page.fill("#id_password", "a-long-editor-password")
    page.click("input[type=submit]")

    page.goto(live_server.url + "/admin/campaigns/campaign/add/")
    page.wait_for_selector(".prose-menubar", state="attached")
    labels = toolbar_labels(page)

    english = sorted(
        label
        for label in labels
        if any(is_english(word) and word not in TECHNICAL_NAMES for word in WORD.findall(label))
    )
    assert english == []
    assert EXPECTED[language] <= labels
    assert errors == []
