"""The header in a reader's Chromium: at most 120px on a 375px phone, every link in reach,
the search box folded without JavaScript, and the same on a desktop in both colour schemes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from tests.e2e.test_editor_builds_a_digest import watch
from tests.factories import DigestFactory, SiteSettingsFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def pages():
    # The demo's names, the longest the office uses: the wordmark wraps on a phone.
    SiteSettingsFactory(
        site_name_be="Навіны дэмакратычных сіл",
        site_name_ru="Новости демократических сил",
        site_name_en="News of the democratic forces",
        tagline_be="Дайджэсты і спіс спраў на сёння для прыхільнікаў пераменаў у Беларусі",
        tagline_ru="Дайджесты и список дел на сегодня для сторонников перемен в Беларуси",
        tagline_en="Digests and a to-do list for today for supporters of change in Belarus",
    )
    digest = DigestFactory(published=True)
    return ["/be/", "/ru/", "/en/", f"/be/digests/{digest.slug}/", "/be/today/"]


def box(locator):
    return locator.bounding_box()


def in_viewport(page, locator):
    found = box(locator)
    viewport = page.viewport_size
    return (
        found is not None
        and found["width"] > 0
        and found["x"] >= 0
        and found["y"] >= 0
        and found["x"] + found["width"] <= viewport["width"] + 0.5
        and found["y"] + found["height"] <= viewport["height"]
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_header_is_at_most_120px_and_every_link_is_in_reach(
    browser, live_server, pages, scheme
):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, java_script_enabled=False)
    page = context.new_page()
    problems = watch(page, live_server)

    for path in pages:
        page.goto(live_server.url + path)
        header = page.locator(".site-header")

        assert box(header)["height"] <= 120, (path, box(header))
        # The languages: each one tap away, without scrolling anything.
        languages = page.locator(".languages a, .languages [aria-current]")
        expect(languages).to_have_count(3)
        for language in languages.all():
            assert in_viewport(page, language), path
            assert box(language)["height"] >= 24  # a target a thumb can hit
        # The menu: one row, scrolling sideways; each link can be brought into view.
        links = page.locator(".main-nav a")
        expect(links).to_have_count(5)
        tops = {round(box(link)["y"]) for link in links.all()}
        assert len(tops) == 1, (path, tops)
        summary = page.locator(".header-search > summary")
        for link in links.all():
            link.scroll_into_view_if_needed()
            assert in_viewport(page, link), path
            # Not hidden under the search fold's button at the end of the row.
            assert box(link)["x"] + box(link)["width"] <= box(summary)["x"] + 1, path
        page.evaluate("window.scrollTo(0, 0)")
        # The search box is folded, and opens with one tap, without JavaScript.
        search = page.locator(".site-search input")
        expect(search).to_be_hidden()
        summary.click()
        expect(search).to_be_visible()
        assert in_viewport(page, search)
        # Some room between the header and the page's first line.
        first = page.locator("main > *:not(.visually-hidden)").first
        gap = box(first)["y"] - box(header)["y"] - box(header)["height"]
        assert gap >= 16, (path, gap)

    assert problems == []
    context.close()


def test_on_a_phone_the_keyboard_reaches_every_menu_link(browser, live_server, pages):
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + "/be/")

    page.locator(".header-search > summary").focus()
    reached = []
    for _ in range(5):
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        reached.append(focused.get_attribute("href"))
        assert in_viewport(page, focused)

    assert reached == [link.get_attribute("href") for link in page.locator(".main-nav a").all()]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_desktop_everything_shows_at_once(browser, live_server, pages, scheme):
    page = browser.new_page(viewport=DESKTOP, color_scheme=scheme)

    for path in pages:
        page.goto(live_server.url + path)

        assert box(page.locator(".site-header"))["height"] <= 160
        expect(page.locator(".tagline")).to_be_visible()
        expect(page.locator(".site-search input")).to_be_visible()
        expect(page.locator(".header-search > summary")).to_be_hidden()
        expect(page.locator(".languages__name")).to_have_text(["Беларуская", "Русский", "English"])
        expect(page.locator(".languages__code").first).to_be_hidden()
        links = page.locator(".main-nav a").all()
        assert all(in_viewport(page, link) for link in links)
        assert len({round(box(link)["y"]) for link in links}) == 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_keyboard_reaches_the_search_box_and_it_searches(browser, live_server, pages, viewport):
    page = browser.new_context(viewport=viewport, java_script_enabled=False).new_page()
    page.goto(live_server.url + "/be/")

    page.locator(".languages a").last.focus()
    page.keyboard.press("Tab")
    if viewport is PHONE:  # the fold's button first, opened from the keyboard
        expect(page.locator(".header-search > summary")).to_be_focused()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
    expect(page.locator(".site-search input")).to_be_focused()
    page.keyboard.type("музей")
    page.keyboard.press("Enter")

    page.wait_for_url("**/be/search/?q=*")
    assert page.locator("h1").inner_text() == "Пошук па сайце"


def test_the_dark_scheme_darkens_the_paper_and_keeps_the_flag(browser, live_server, pages):
    page = browser.new_page(viewport=PHONE, color_scheme="dark")
    page.goto(live_server.url + "/be/")

    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    flag = page.locator(".wordmark__flag").evaluate("e => getComputedStyle(e).backgroundImage")

    assert background == "rgb(22, 21, 20)"
    assert "rgb(255, 255, 255)" in flag and "rgb(179, 18, 43)" in flag


def test_printing_keeps_black_on_white_without_the_menu(browser, live_server, pages, tmp_path):
    page = browser.new_page(viewport=DESKTOP, color_scheme="dark")

    for path in ["/be/today/", pages[3]]:
        page.goto(live_server.url + path)
        page.emulate_media(media="print", color_scheme="dark")

        colours = page.locator("body").evaluate(
            "body => [getComputedStyle(body).color, getComputedStyle(body).backgroundColor]"
        )
        assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
        expect(page.locator(".main-nav")).to_be_hidden()
        expect(page.locator(".header-search")).to_be_hidden()
        expect(page.locator(".languages")).to_be_hidden()
        expect(page.locator(".site-footer")).to_be_hidden()
        expect(page.locator("h1")).to_be_visible()
        page.pdf(path=tmp_path / "page.pdf")
        assert (tmp_path / "page.pdf").stat().st_size > 1000


def test_an_uploaded_logo_shows_in_the_header_within_the_policy(browser, live_server):
    site = SiteSettingsFactory(site_name_be="Навіны офіса")
    site.logo = SimpleUploadedFile(
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40">'
        b'<rect width="200" height="40" fill="#b3122b"/><script>alert(1)</script></svg>',
    )
    site.save()
    page = browser.new_page(viewport=PHONE)
    problems = watch(page, live_server)
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message) or dialog.dismiss())

    page.goto(live_server.url + "/be/")

    logo = page.locator(".wordmark img")
    expect(logo).to_have_attribute("alt", "Навіны офіса")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert box(logo)["height"] == 40
    assert box(page.locator(".site-header"))["height"] <= 120
    assert problems == [] and dialogs == []
