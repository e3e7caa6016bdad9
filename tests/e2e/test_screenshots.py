"""Screenshots of the pages a reader sees first, on a phone and a desktop, in each
language: artefacts of the browser run for a person to look at (issue 9), written
to E2E_ARTEFACTS (var/e2e-artefacts/ unless set), never committed."""

import pytest

from tests.e2e.conftest import ARTEFACTS, LANGUAGES, NOTES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

WIDTHS = [375, 1280]
DIRECTORY = ARTEFACTS / "screenshots"


@pytest.fixture(scope="module")
def pages(module_browser):
    """A page per width (and the phone in the dark), reused for each screenshot at it."""
    DIRECTORY.mkdir(parents=True, exist_ok=True)
    contexts = {
        width: module_browser.new_context(viewport={"width": width, "height": 900})
        for width in WIDTHS
    }
    # And the dark scheme (prefers-color-scheme), on a phone.
    contexts["375-dark"] = module_browser.new_context(
        viewport={"width": 375, "height": 900}, color_scheme="dark"
    )
    yield {width: context.new_page() for width, context in contexts.items()}
    for context in contexts.values():
        context.close()
    NOTES.append(
        f"Screenshots: {DIRECTORY}/ (home, digest, archive, campaign; be, ru, en; "
        "375, 1280 and 375 px dark)"
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", ["home", "digest", "archive", "campaign"])
def test_a_screenshot_at_each_width(demo_site, pages, page_type, language):
    for width, page in pages.items():
        response = page.goto(demo_site.url + demo_site.path(page_type, language))
        assert response.status == 200
        path = DIRECTORY / f"{page_type}-{language}-{width}.png"
        page.screenshot(path=path, full_page=True)
        assert path.stat().st_size > 0
        if width == 375 and page_type == "home":
            # Issue 9's closing note gives the header's height on a phone (at most 120 px).
            height = page.evaluate("document.querySelector('body > header').offsetHeight")
            NOTES.append(f"Header at 375 px in {language}: {height} px")
