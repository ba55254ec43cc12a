"""Printing an article: the page chrome goes, the article, its references,
its disclaimer and the addresses of its links stay."""

from __future__ import annotations

import re

import pytest
import yaml

pytestmark = pytest.mark.browser

CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-top",
          ".md-footer__inner", "nav.md-nav--primary"]


def front_matter(path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_print_keeps_the_article_and_drops_the_chrome(open_page, site_server, real_site, article_path, lang):
    page = open_page()
    path = article_path if lang == "en" else f"es/{article_path}"
    page.goto(site_server.url(path))
    page.emulate_media(media="print")

    shown = [selector for selector in CHROME
             if page.locator(selector).count() and any(el.is_visible() for el in page.locator(selector).all())]
    assert not shown, f"printed with /{path}: {shown}"

    assert page.locator(".md-content h1").first.is_visible()
    assert page.locator(".hd-disclaimer").is_visible(), "the disclaimer is not printed"

    # Every reference of the article, as the front matter lists them.
    meta = front_matter(real_site.root / "docs" / (article_path.rstrip("/") + ".md"))
    references = meta.get("references") or []
    assert references, f"{article_path} has no references to check"
    for citation in references:
        start = re.split(r"[*_\[]", str(citation), maxsplit=1)[0].strip()[:40]
        item = page.locator(".md-content li", has_text=start)
        assert item.count() and item.first.is_visible(), f"reference not printed: {start!r}"

    # Link addresses: after every external link, on paper.
    links = page.eval_on_selector_all(
        ".md-content a[href^='http']",
        "links => links.map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])",
    )
    assert links, f"no external link on /{path}"
    missing = [href for href, after in links if href not in after]
    assert not missing, f"printed without their address: {missing}"

    # And on screen, no such addresses.
    page.emulate_media(media="screen")
    on_screen = page.eval_on_selector_all(
        ".md-content a[href^='http']", "links => links.map(a => getComputedStyle(a, '::after').content)"
    )
    assert not [c for c in on_screen if "http" in c]
