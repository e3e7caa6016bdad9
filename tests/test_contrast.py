"""Text colours at WCAG AAA (7:1) in both colour schemes: readers use cheap phones in sunlight."""

import re
from pathlib import Path

import pytest
from django.conf import settings

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()

# (text, background) as site.css uses them.
PAIRS = [
    ("--ink", "--paper"),  # body text
    ("--ink", "--soft"),  # the action box, notices, the footer
    ("--ink", "--mark"),  # search marks, the preview banner
    ("--ink", "--code"),  # pre
    ("--muted", "--paper"),
    ("--muted", "--soft"),
    ("--accent", "--paper"),  # links
    ("--accent", "--soft"),  # links in the action box and the footer
    ("--accent-dark", "--paper"),  # links under the pointer
    ("--accent-dark", "--soft"),
    ("--quote", "--paper"),
    ("--on-button", "--button"),  # white on red
    ("--on-button", "--button-hover"),
]


def variables(block):
    return dict(re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\b", block))


def light():
    return variables(re.search(r":root\s*\{(.*?)\}", CSS, re.S).group(1))


def dark():
    block = re.search(
        r"@media \(prefers-color-scheme: dark\)\s*\{\s*:root\s*\{(.*?)\}", CSS, re.S
    ).group(1)
    return {**light(), **variables(block)}


def luminance(colour):
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, other):
    brighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (brighter + 0.05) / (darker + 0.05)


def test_the_formula_gives_the_known_ratios():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#b3122b", "#fff") == pytest.approx(6.91, abs=0.01)  # the old link red


def test_the_dark_scheme_redefines_the_colours():
    assert dark()["--paper"] != light()["--paper"]
    assert dark()["--ink"] != light()["--ink"]
    assert "color-scheme: light dark" in CSS


@pytest.mark.parametrize("scheme", [light, dark], ids=["light", "dark"])
@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_text_is_at_least_seven_to_one(scheme, text, background):
    colours = scheme()

    ratio = contrast(colours[text], colours[background])

    assert ratio >= 7, f"{text} {colours[text]} on {background} {colours[background]}: {ratio:.2f}"


def test_no_rule_sets_a_text_colour_outside_the_checked_variables():
    rules = re.sub(r":root\s*\{.*?\}", "", CSS, flags=re.S)
    literal = re.findall(r"(?<![-\w])(?:color|background)\s*:\s*(#[0-9a-fA-F]{3,6})", rules)
    assert literal == []


def test_no_rule_fades_text_with_opacity():
    # Faded text is text of another colour, which no pair above checks.
    assert not re.search(r"(?<![-\w])opacity\s*:", CSS)
