"""Search on the published site (Pagefind in the site's own dialog), in real Chromium.

- Nothing of the index loads before the reader searches; a query then loads
  Pagefind's chunks from the site's own host only.
- Accent-free and plural queries find their pages, in both languages, and a
  page's search finds pages of its own language only.
- The dialog is named, its result count is a live region, focus goes into it
  and comes back to the button, and axe finds nothing while it is open.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urljoin

import pytest

from .conftest import describe_violations, foreign_requests, run_axe


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def accented_word(real_site, rel: str, length: int = 6) -> str:
    """A word of the page's article with an accent (the test types it without)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((real_site.site / rel).read_text(encoding="utf-8"), "lxml")
    words = [w.strip(".,;:()«»\"'¿?¡!").lower() for w in soup.select_one("article").get_text(" ").split()]
    accented = sorted({w for w in words if len(w) >= length and w.isalpha() and fold(w) != w}, key=lambda w: (-words.count(w), w))
    assert accented, f"no accented word in {rel}"
    return accented[0]


def search(page, query: str) -> list[str]:
    """Open the dialog, type the query; the result addresses once the count is announced."""
    if not page.evaluate("document.getElementById('hd-search').open"):
        page.click(".hd-search-open")
    box = page.locator("#hd-search-input")
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function(
        "q => document.getElementById('hd-search-input').value === q && "
        "document.getElementById('hd-search-status').dataset.query === q",
        arg=query,
        timeout=15_000,
    )
    return page.eval_on_selector_all("#hd-search-results a", "els => els.map(e => e.href.split('#')[0])")


def pagefind_requests(page) -> list[str]:
    return [url for url in page.requests if "/pagefind/" in url]


@pytest.mark.browser
def test_nothing_loads_before_searching_and_queries_stay_local(open_page, site_server, article_path):
    page = open_page()
    page.goto(site_server.url(f"es/{article_path}"))
    page.wait_for_load_state("networkidle")
    assert pagefind_requests(page) == []
    assert not [url for url in page.requests if "search_index" in url or "/workers/search" in url or "/lunr/" in url]
    results = search(page, "bateria")
    assert site_server.url(f"es/{article_path}") in results
    assert pagefind_requests(page), "the query loaded nothing from pagefind/"
    assert foreign_requests(page.requests, site_server) == []


@pytest.mark.browser
def test_accent_free_and_plural_queries_in_both_languages(open_page, site_server, article_path, real_site):
    page = open_page()
    spanish_article = site_server.url(f"es/{article_path}")
    english_article = site_server.url(article_path)
    accented = accented_word(real_site, f"es/{article_path}index.html")
    page.goto(spanish_article)
    for query in (fold(accented), accented, "baterias", "baterías", "cirugia"):
        results = search(page, query)
        assert spanish_article in results, (query, results)
        outside = [url for url in results if not url.startswith(site_server.url("es/"))]
        assert not outside, f"Spanish search for {query!r} gives pages of another language: {outside}"
    page.goto(english_article)
    for query in ("batteries", "battery", "stimulators"):
        results = search(page, query)
        assert english_article in results, (query, results)
        inside = [url for url in results if url.startswith(site_server.url("es/"))]
        assert not inside, f"English search for {query!r} gives Spanish pages: {inside}"
    # A word that is nowhere: zero results, said in words
    assert search(page, "zzqxjv") == []
    assert page.inner_text("#hd-search-status").strip()


@pytest.mark.browser
@pytest.mark.parametrize("lang,color_scheme", [("es", "dark"), ("en", "light")])
def test_search_dialog_by_keyboard_and_screen_reader(open_page, site_server, article_path, lang, color_scheme):
    page = open_page(color_scheme=color_scheme)
    path = article_path if lang == "en" else f"es/{article_path}"
    page.goto(site_server.url(path))
    button = page.locator(".hd-search-open")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#hd-search")
    assert dialog.evaluate("d => d.open && d.matches(':modal')")
    # Named dialog, focus in its search box, the count in a live region
    name = page.evaluate("() => document.getElementById(document.getElementById('hd-search').getAttribute('aria-labelledby')).textContent.trim()")
    assert name
    assert page.evaluate("document.activeElement.id") == "hd-search-input"
    assert page.get_attribute("#hd-search-status", "role") == "status"
    page.keyboard.type("batteries" if lang == "en" else "bateria")
    page.wait_for_selector("#hd-search-results a", timeout=15_000)
    count = page.inner_text("#hd-search-status")
    assert any(ch.isdigit() for ch in count), count
    # The open dialog, with its results, passes axe
    lines = describe_violations(run_axe(page), f"/{path} with search results ({color_scheme})")
    assert not lines, "\n".join(lines)
    # Tab reaches the first result; Enter opens it
    href = page.eval_on_selector("#hd-search-results a", "a => a.href")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest && !!document.activeElement.closest('#hd-search-results')"):
            break
    assert page.evaluate("document.activeElement.href") == href
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("#")[0] == href.split("#")[0]
    # Escape closes the dialog and focus returns to the button
    page.locator(".hd-search-open").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('hd-search').open")
    assert page.evaluate("document.activeElement.classList.contains('hd-search-open')")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_alternative_name_finds_its_article(open_page, site_server, article_path, term_paths, real_site, lang):
    """Glossary term pages are not indexed (issue 14: four in five pages); a search for a
    term's name finds the article, which lists the name among its alternative names."""
    from bs4 import BeautifulSoup

    term = BeautifulSoup((real_site.site / term_paths[lang] / "index.html").read_text(encoding="utf-8"), "lxml")
    name = term.h1.get_text(" ", strip=True)
    article = site_server.url(article_path if lang == "en" else f"es/{article_path}")
    page = open_page()
    page.goto(article)
    results = search(page, name)
    assert results, f"nothing found for {name!r}"
    terms = [url for url in results if re.search(r"/(glossary|glosario)/[^/]+/$", url)]
    assert not terms, f"{name!r} finds term pages: {terms}"
    link = next(a for a in term.select("article a[href]") if "glossary" not in a["href"] and "glosario" not in a["href"])
    assert urljoin(site_server.url(term_paths[lang]), link["href"]) in results, (name, results)
