"""The chrome's icons, now drawn from assets/stylesheets/icons.css (overrides/hooks/shared_icons.py),
are really painted: in the light and the dark palette, with forced colours (Windows
contrast themes), and in the colour of the control's text like Material's inline icons.

An icon "paints" when a screenshot of its control differs from one taken with the
icon hidden.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# On a wide screen: the header's language button, the search button's magnifier,
# the logo (icons of every page).
ICONS = [
    ".md-select > button svg.hd-icon",
    ".hd-search-open svg.hd-icon",
    "a.md-header__button.md-logo svg.hd-icon",
]


def _paints(page, selector: str) -> bool:
    icon = page.locator(selector).first
    control = icon.locator("xpath=..")
    shown = control.screenshot()
    icon.evaluate("el => { el.style.visibility = 'hidden'; }")
    hidden = control.screenshot()
    icon.evaluate("el => { el.style.visibility = ''; }")
    return shown != hidden


@pytest.mark.parametrize("options", [
    {"color_scheme": "light"},
    {"color_scheme": "dark"},
    {"color_scheme": "light", "forced_colors": "active"},
], ids=["light", "dark", "forced-colors"])
def test_shared_icons_are_painted(open_page, article_path, options):
    page = open_page(viewport={"width": 1280, "height": 800}, **options)
    page.goto(article_path)
    for selector in ICONS:
        assert page.locator(selector).count() >= 1, selector
        assert _paints(page, selector), f"{selector} paints nothing ({options})"


def test_shared_icons_take_the_text_colour(open_page, article_path):
    page = open_page()
    page.goto(article_path)
    colours = page.locator(ICONS[0]).evaluate(
        "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el.parentElement).color]")
    assert colours[0] == colours[1]
    mask = page.locator(ICONS[0]).evaluate("el => getComputedStyle(el).maskImage || getComputedStyle(el).webkitMaskImage")
    assert mask.startswith('url("data:image/svg+xml'), mask
