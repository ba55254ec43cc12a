"""Language of parts (WCAG 3.1.2): English text shown on a Spanish page, because
its translation is missing, is inside an element with lang="en".

The oracle needs no knowledge of the pipeline: a block of a Spanish page
(paragraph, list item, heading, table cell...) whose text is exactly the text
of a block of its English counterpart (the page its language switcher points
to) is either English not translated yet, to be marked lang="en" on the
Spanish page, or Spanish quoted on the English page, to be marked lang="es"
there.  The fixture site has no Spanish catalog at all, so every Spanish page
is full of fallbacks; the real site is checked the same way.

This reads the built HTML (the browser adds nothing to the content that could
change the answer); <html lang> in the browser is checked with every page in
test_pages.py.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, NavigableString

from .conftest import built_pages, language_of

pytestmark = pytest.mark.browser

BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "dt", "dd", "figcaption", "caption", "summary"]


def soup_of(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def language(node, default: str) -> str:
    for parent in node.parents:
        if getattr(parent, "attrs", None) and parent.has_attr("lang"):
            return parent["lang"].lower().split("-")[0]
    return default


def blocks(soup: BeautifulSoup) -> list[tuple[str, str, list[str]]]:
    """(tag, text, languages of its pieces of text) of every leaf block of the content."""
    content = soup.select_one(".md-content__inner")
    if content is None:
        return []
    default = soup.html.get("lang", "")
    out = []
    for block in content.find_all(BLOCKS):
        if block.find(BLOCKS):
            continue
        text = re.sub(r"\s+", " ", block.get_text()).strip()
        # Only text with letters has a language: ": " between two English parts does not.
        langs = sorted({language(s, default) for s in block.descendants
                        if type(s) is NavigableString and any(c.isalpha() for c in s)})
        out.append((block.name, text, langs))
    return out


def english_counterpart(soup: BeautifulSoup, path: str) -> str | None:
    """The site path of the page the language switcher offers in English."""
    link = soup.select_one('.md-select__link[hreflang="en"][href]')
    if link is None:
        return None
    href = urlsplit(link["href"]).path
    target = posixpath.normpath(posixpath.join("/" + path, href)).lstrip("/")
    return target + "/" if target and not target.endswith("/") else target


def check(site: Path, paths: list[str]) -> tuple[int, list[str]]:
    """(blocks with the same text on both pages, problems) over Spanish pages."""
    checked, problems = 0, []
    for path in paths:
        spanish = soup_of(site, path)
        assert spanish.html.get("lang") == "es", f"/{path}: <html lang={spanish.html.get('lang')!r}>"
        english_path = english_counterpart(spanish, path)
        if english_path is None or english_path == path or not (site / english_path / "index.html").is_file():
            continue
        english = {text: langs for _, text, langs in blocks(soup_of(site, english_path))
                   if sum(c.isalpha() for c in text) >= 8}
        for tag, text, langs in blocks(spanish):
            if text not in english:
                continue
            checked += 1
            if langs == ["en"] or english[text] == ["es"]:
                continue
            problems.append(f"/{path}: <{tag}> {text[:70]!r} is the same on /{english_path}: "
                            f"marked {langs} here, {english[text]} there")
    return checked, problems


def spanish_paths(site: Path) -> list[str]:
    return [p for p in built_pages(site) if language_of(p) == "es" and p.endswith("/")]


def test_untranslated_text_is_marked_english(fixture_site):
    paths = spanish_paths(fixture_site.root)
    assert paths
    checked, problems = check(fixture_site.root, paths)
    assert checked >= 10, f"only {checked} untranslated blocks found in the untranslated fixture"
    assert not problems, (f"{len(problems)} of {checked} English blocks not marked lang=\"en\" on Spanish pages "
                          f"(or, if Spanish, lang=\"es\" on English ones):\n" + "\n".join(problems))


def test_untranslated_pages_say_so(fixture_site):
    """An article with fallbacks has the notice, in Spanish (not inside a lang="en" part)."""
    articles = [p for p in spanish_paths(fixture_site.root)
                if "hd-disclaimer" in (fixture_site.root / p / "index.html").read_text(encoding="utf-8")]
    assert articles
    for path in articles:
        notice = soup_of(fixture_site.root, path).select_one(".hd-notice")
        assert notice is not None, f"/{path} has English text and no notice"
        assert language(notice.find(string=True), "es") == "es"


def test_real_site_english_text_is_marked(real_site):
    paths = spanish_paths(real_site.site)
    # Every Spanish page but the home page (its English counterpart is the site root) is compared
    # with its English page: a switcher that lost its links would otherwise make this test compare nothing.
    compared = [p for p in paths if (e := english_counterpart(soup_of(real_site.site, p), p)) not in (None, p)
                and (real_site.site / e / "index.html").is_file()]
    assert len(paths) >= 10 and len(compared) >= len(paths) - 1, (paths, compared)
    checked, problems = check(real_site.site, paths)
    # The references and names that read the same in both languages (citations, the source's name).
    assert checked >= 3, f"only {checked} blocks read the same in both languages"
    assert not problems, (f"{len(problems)} of {checked} blocks that read the same in both languages are not marked:\n"
                          + "\n".join(problems))
