"""A reader's path through the site by clicking, and the same pages by keyboard only
(issue 10): every link and button takes the focus, visibly, and the skip link first."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import NOTES
from tests.e2e.test_editor_builds_a_digest import watch

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

# What takes the focus on Tab; `main` (tabindex -1, the skip link's target) does not.
FOCUSABLE = (
    "a[href], button, input:not([type=hidden]), select, textarea, summary, "
    "[tabindex]:not([tabindex='-1'])"
)


DIGEST = re.compile(r"/(be|ru|en)/digests/(digest-[0-9-]+)/(#[\w-]*)?$")


def click(page, link):
    """Clicks link as a reader does, opening the disclosure it is folded in, if any."""
    if not link.is_visible():
        folded = link.locator("xpath=ancestor::details[not(@open)]")
        for index in range(folded.count()):
            folded.nth(index).locator("summary").first.click()
    link.click()
    page.wait_for_load_state()


def test_a_reader_reads_a_digest_switches_language_and_follows_the_archive_and_a_tag(
    demo_site, module_browser
):
    context = module_browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    problems = watch(page, demo_site.server)

    page.goto(f"{demo_site.url}/be/")
    click(page, page.locator("main a[href*='/digests/digest-']").first)
    expect(page).to_have_url(DIGEST)
    slug = DIGEST.search(page.url)[2]
    expect(page.locator("h1")).to_be_visible()

    click(page, page.locator("nav.languages a[hreflang='ru']"))
    expect(page).to_have_url(f"{demo_site.url}/ru/digests/{slug}/")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "ru")

    click(page, page.locator("header a[href='/ru/digests/'], nav a[href='/ru/digests/']").first)
    expect(page).to_have_url(f"{demo_site.url}/ru/digests/")
    expect(page.locator(f"main a[href='/ru/digests/{slug}/']").first).to_be_visible()

    tag = page.locator("main a[href^='/ru/tags/']").first
    tag_path = tag.get_attribute("href")
    click(page, tag)
    expect(page).to_have_url(demo_site.url + tag_path)
    click(page, page.locator("main a[href*='/ru/digests/digest-']").first)
    expect(page).to_have_url(DIGEST)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator(f"main a[href='{tag_path}']").first).to_be_attached()

    assert problems == []
    assert context.cookies() == []
    context.close()


FOCUS_STATE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  return {
    index: window.focusables.indexOf(element),
    skip: element.matches('a[href="#main"]'),
    name: element.outerHTML.slice(0, 120),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
  };
}"""


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("page_type", ["home", "digest"])
def test_the_keyboard_reaches_every_link_and_button_with_a_visible_focus(
    demo_site, module_browser, page_type, width
):
    context = module_browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(demo_site.url + demo_site.path(page_type, "be"))
    # What a reader can reach: the focusable elements that are shown.
    names = page.evaluate(
        """selector => {
          window.focusables = [...document.querySelectorAll(selector)].filter(
            element => !element.disabled && element.checkVisibility({visibilityProperty: true}));
          return window.focusables.map(element => element.outerHTML.slice(0, 120));
        }""",
        FOCUSABLE,
    )
    reached, unseen, first = [], [], None
    for _ in range(len(names) + 5):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None or (reached and state["index"] == reached[0]):
            break  # past the last element, or round to the first again
        reached.append(state["index"])
        first = first or state
        if not (state["outline"] or state["shadow"]):
            unseen.append(state["name"])

    NOTES.append(
        f"Keyboard on {demo_site.path(page_type, 'be')} at {width} px: Tab reached "
        f"{len(set(reached) - {-1})} of {len(names)} focusable elements"
    )
    assert reached, "Tab focuses nothing"
    assert first["skip"], f"the first Tab goes to {first['name']}, not the skip link"
    missed = [names[index] for index in sorted(set(range(len(names))) - set(reached))]
    assert missed == [], f"{len(missed)} of {len(names)} never take the focus: {missed}"
    assert -1 not in reached, "the focus went to an element not counted as focusable"
    assert unseen == [], f"focused without a visible indicator: {unseen}"

    page.locator("a.skip-link").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()
