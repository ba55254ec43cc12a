"""The scripts every page used to carry inline, now in shared files (issue 14), still do their work.

- assets/javascripts/palette.js (Material's palette script, loaded by
  overrides/partials/javascripts/palette.html where Material prints it
  inline) applies the palette the reader chose, on the next page, before
  Material's bundle runs: checked here with the bundle not loaded at all.
- assets/javascripts/keyboard.js points the skip link at the content and
  checks the current palette's switch: on articles and on glossary term
  pages (test_keyboard.py presses the skip link on both).
- assets/javascripts/scope.js (Material's head script, with the scope found
  from the file's own address) keeps the reader's choices under the site
  root: the palette chosen on an article holds on a term page, another folder.
- Pages carry no inline script (Material's configuration and the structured
  data are JSON, not scripts).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

INLINE = """() => Array.from(document.querySelectorAll("script:not([src])"))
  .filter(s => !["application/json", "application/ld+json"].includes(s.type))
  .map(s => s.textContent.trim().slice(0, 60))"""


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_chosen_palette_is_applied_by_the_shared_script(open_page, site_server, article_path, term_paths, lang):
    page = open_page(color_scheme="light")
    article = article_path if lang == "en" else f"es/{article_path}"
    page.goto(site_server.url(article))
    page.wait_for_function("() => !!window.document$")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    # The switch to the dark palette: the visible label of the palette form
    page.locator("[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    # The next page without Material's bundle: only palette.js can apply the choice
    page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
    page.goto(site_server.url(term_paths[lang]))
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert [url for url in page.requests if url.endswith("/assets/javascripts/palette.js")]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_pages_have_no_inline_script_of_their_own(open_page, site_server, article_path, term_paths, lang):
    article = article_path if lang == "en" else f"es/{article_path}"
    for path in (article, term_paths[lang]):
        page = open_page()
        page.goto(site_server.url(path))
        assert page.evaluate(INLINE) == [], f"/{path}: inline scripts"
        # Material's scope: the site root, whatever the page's folder
        assert page.evaluate("__md_scope.href") == site_server.url(""), path
        # The palette's switch is checked by keyboard.js once Material shows the page
        page.wait_for_function("() => !!document.querySelector('[data-md-component=palette] .md-option:checked')")
