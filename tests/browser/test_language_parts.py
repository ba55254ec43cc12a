"""Language of parts (WCAG 3.1.2): English text shown on a Spanish page, because
its translation is missing, is inside an element with lang="en".

The oracle needs no knowledge of the pipeline: a block of a Spanish page
(paragraph, list item, heading, table cell...) whose text is exactly the text
of a block of the English counterpart is untranslated, so all of its text
must be in an element marked lang="en" (unless it is Spanish quoted on the
English page, marked lang="es" there).  The fixture site has no Spanish
catalog at all (everything falls back); the real site is checked the same way.
"""

from __future__ import annotations

import pytest

from .conftest import built_pages, language_of

pytestmark = pytest.mark.browser

BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, td, th, dt, dd, figcaption, caption, summary"

# Leaf blocks of the content, with their text and the language of every piece of it.
CONTENT_BLOCKS = """selector => {
  const blocks = [...document.querySelectorAll(".md-content__inner :is(" + selector + ")")]
    .filter(b => !b.querySelector(selector));
  return blocks.map(block => {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const langs = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const owner = node.parentElement.closest("[lang]");
      langs.add(owner ? owner.getAttribute("lang").toLowerCase().split("-")[0] : "");
    }
    return {tag: block.tagName.toLowerCase(), text: block.textContent.replace(/\\s+/g, " ").trim(), langs: [...langs]};
  });
}"""

ENGLISH_LINK = "document.querySelector('.md-select__link[hreflang=\"en\"]')?.href"


def check_spanish_pages(page, server, paths: list[str]) -> tuple[int, list[str]]:
    """(blocks with the same text on both pages, problems) over the given Spanish pages.

    The same text on the Spanish page and on its English counterpart is either
    English not translated yet (to be marked lang="en" on the Spanish page) or
    Spanish quoted on the English page (to be marked lang="es" there).
    """
    checked, problems = 0, []
    for path in paths:
        page.goto(server.url(path))
        assert page.evaluate("document.documentElement.lang") == "es", f"/{path}: <html lang> is not es"
        spanish = page.evaluate(CONTENT_BLOCKS, BLOCKS)
        english_url = page.evaluate(ENGLISH_LINK)
        if not english_url or english_url.rstrip("/") == server.url(path).rstrip("/"):
            continue  # no English counterpart to compare with
        page.goto(english_url)
        english = {b["text"]: b["langs"] for b in page.evaluate(CONTENT_BLOCKS, BLOCKS)
                   if sum(c.isalpha() for c in b["text"]) >= 8}
        for block in spanish:
            if block["text"] not in english:
                continue
            checked += 1
            if block["langs"] == ["en"] or english[block["text"]] == ["es"]:
                continue
            problems.append(
                f"/{path}: <{block['tag']}> {block['text'][:70]!r} is the same on /{server.path_of(english_url)}, "
                f"marked {block['langs']} here and {english[block['text']]} there"
            )
    return checked, problems


def spanish_paths(site) -> list[str]:
    return [p for p in built_pages(site) if language_of(p) == "es"]


def test_untranslated_text_is_marked_english(open_page, fixture_site):
    paths = spanish_paths(fixture_site.root)
    assert paths
    page = open_page(fixture_site)
    checked, problems = check_spanish_pages(page, fixture_site, paths)
    assert checked >= 10, f"only {checked} untranslated blocks found in the untranslated fixture"
    assert not problems, f"{len(problems)} English block(s) not marked lang=\"en\":\n" + "\n".join(problems)

    # The page says so, in Spanish.
    article = next(p for p in paths if p.count("/") == 2 and "glosario" not in p)
    page.goto(fixture_site.url(article))
    notice = page.locator(".hd-notice")
    assert notice.is_visible() and notice.evaluate("n => !n.closest('[lang=\"en\"]')")


def test_real_site_english_fallbacks_are_marked(open_page, site_server, real_site):
    checked, problems = check_spanish_pages(open_page(), site_server, spanish_paths(real_site.site))
    assert not problems, f"{len(problems)} English block(s) not marked lang=\"en\" ({checked} checked):\n" + "\n".join(problems)
