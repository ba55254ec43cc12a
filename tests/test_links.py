"""Every link of the built site, in both languages, without fetching anything.

Each HTML page is parsed with BeautifulSoup; every internal href/src (and
srcset, and the absolute addresses under site_url: canonical, hreflang,
og:url) must resolve to a file of the build, and every #fragment to an id
(or <a name>) in the target page.  Links to other hosts are collected and
listed (run pytest with -s to see the list), never fetched.

The helpers here (`Built`, `links_of`, `check_links`) are shared with
test_publishing.py, which runs them on a build under a /REPO/ subpath.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load

from .conftest import ROOT

#: (tag, attribute) pairs that hold one address.
URL_ATTRIBUTES = [
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("form", "action"),
]
#: Open Graph properties that hold an address.
URL_PROPERTIES = ("og:url", "og:image")
#: Schemes that are no link to check or list.
IGNORED_SCHEMES = ("data", "javascript", "blob", "about")


def configured_site_url() -> str:
    """site_url as mkdocs.yml computes it in this environment (SITE_URL or its default), ending with "/"."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        url = yaml_load(f)["site_url"]
    return url if url.endswith("/") else url + "/"


@dataclass
class Built:
    """A built site folder and the public address it was built for."""

    root: Path
    site_url: str
    _soups: dict = field(default_factory=dict, repr=False)

    @cached_property
    def base_path(self) -> str:
        return urlsplit(self.site_url).path or "/"

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))

    def soup(self, rel: str) -> BeautifulSoup:
        if rel not in self._soups:
            self._soups[rel] = BeautifulSoup((self.root / rel).read_text(encoding="utf-8"), "lxml")
        return self._soups[rel]

    def url_of(self, rel: str) -> str:
        """Public address of a built file: es/x/index.html -> SITE_URL/es/x/."""
        if rel == "index.html":
            return self.site_url
        if rel.endswith("/index.html"):
            return self.site_url + rel[: -len("index.html")]
        return self.site_url + rel

    def is_internal(self, url: str) -> bool:
        """On the site's host (the subpath is checked by file_for)."""
        a, b = urlsplit(url), urlsplit(self.site_url)
        return (a.scheme, a.netloc) == (b.scheme, b.netloc)

    def file_for(self, url: str) -> str | None:
        """The built file an internal address serves, or None (outside the subpath, or missing)."""
        path = unquote(urlsplit(url).path)
        if not path.startswith(self.base_path):
            return None
        rel = path[len(self.base_path) :]
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        target = self.root / rel
        if target.is_file():
            return rel
        return None

    def ids(self, rel: str) -> set[str]:
        soup = self.soup(rel)
        found = {tag["id"] for tag in soup.find_all(id=True)}
        found |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
        return found

    def lang_of(self, rel: str) -> str:
        return self.soup(rel).html.get("lang", "")


def links_of(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(where, address) of every address in a page: 'a[href]', 'img[srcset]', 'meta[og:url]'…"""
    out: list[tuple[str, str]] = []
    for tag_name, attr in URL_ATTRIBUTES:
        for tag in soup.find_all(tag_name, attrs={attr: True}):
            out.append((f"{tag_name}[{attr}]", tag[attr].strip()))
    for tag in soup.find_all(["img", "source"], attrs={"srcset": True}):
        for candidate in tag["srcset"].split(","):
            if candidate.strip():
                out.append((f"{tag.name}[srcset]", candidate.split()[0]))
    for prop in URL_PROPERTIES:
        for tag in soup.find_all("meta", attrs={"property": prop, "content": True}):
            out.append((f"meta[{prop}]", tag["content"].strip()))
    return out


@dataclass
class Report:
    broken: list[str] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    checked: int = 0

    def listing(self) -> str:
        lines = [f"{len(self.external)} external address(es), not fetched:"]
        for url in sorted(self.external):
            pages = sorted(self.external[url])
            lines.append(f"  {url}  ({len(pages)} page(s), e.g. {pages[0]})")
        return "\n".join(lines)


def check_links(built: Built, pages: list[str] | None = None) -> Report:
    report = Report()
    for rel in pages if pages is not None else built.pages():
        page_url = built.url_of(rel)
        for where, ref in links_of(built.soup(rel)):
            scheme = urlsplit(ref).scheme.lower()
            if scheme in IGNORED_SCHEMES:
                continue
            if rel == "404.html" and not scheme and not ref.startswith(("/", "#")):
                # GitHub Pages serves 404.html at any missing address: a relative link breaks there.
                report.broken.append(f"{rel}: {where} {ref!r} is relative (404.html is served at every missing address)")
                continue
            absolute = urljoin(page_url, ref)
            if not built.is_internal(absolute):
                if scheme in ("http", "https") and not urlsplit(absolute).netloc:
                    report.broken.append(f"{rel}: {where} {ref!r} has no host")
                else:
                    report.external[absolute].add(rel)
                continue
            report.checked += 1
            address, fragment = urldefrag(absolute)
            target = built.file_for(address)
            if target is None:
                outside = not unquote(urlsplit(address).path).startswith(built.base_path)
                why = f"is outside {built.base_path}" if outside else "resolves to no file"
                report.broken.append(f"{rel}: {where} {ref!r} -> {address} {why}")
                continue
            if fragment and target.endswith(".html") and unquote(fragment) not in built.ids(target):
                report.broken.append(f"{rel}: {where} {ref!r} -> no id {fragment!r} in {target}")
    return report


# -- tests -------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(real_site) -> Built:
    return Built(real_site.site, configured_site_url())


@pytest.fixture(scope="module")
def report(built) -> Report:
    return check_links(built)


def test_every_internal_link_and_fragment_resolves_in_both_languages(built, report):
    pages = built.pages()
    assert any(p.startswith("es/") for p in pages) and any(not p.startswith("es/") for p in pages)
    print(f"\n{report.checked} internal addresses checked in {len(pages)} pages.\n{report.listing()}")
    assert report.checked > 0
    assert not report.broken, "\n".join(report.broken)


def test_external_links_are_listed_with_https(report):
    print("\n" + report.listing())
    assert report.external, "the articles cite their sources: some external links are expected"
    insecure = [url for url in report.external if urlsplit(url).scheme == "http"]
    assert not insecure, f"plain http links: {insecure}"
    for url in report.external:
        parts = urlsplit(url)
        assert parts.scheme in ("https", "mailto", "tel"), url
        assert parts.netloc or parts.scheme in ("mailto", "tel"), url


def test_search_index_per_language(built):
    """Pagefind indexes each language's pages (by <html lang>) and nothing else; Material's index is not published."""
    assert not list(built.root.rglob("search/search_index.json"))
    pagefind = built.root / "pagefind"
    indexed_langs = set()
    for page in sorted(built.root.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if "data-pagefind-body" in html:
            lang = re.search(r'<html[^>]* lang="([^"]+)"', html)
            assert lang, page
            indexed_langs.add(lang.group(1))
    assert indexed_langs
    for lang in indexed_langs:
        assert list(pagefind.glob(f"pagefind.{lang}_*.pf_meta")), lang
        assert (pagefind / f"wasm.{lang}.pagefind").is_file(), lang
        assert list(pagefind.glob(f"index/{lang}_*.pf_index")), lang
    assert not (pagefind / "pagefind-ui.js").exists()  # the site has its own dialog


def test_link_check_finds_a_broken_link_and_fragment(tmp_path):
    """The checker itself: a missing page, a missing fragment and a link out of the subpath are reported."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<html lang="en"><body><h2 id="here">x</h2>'
        '<a href="a/">ok</a><a href="#here">ok</a><a href="a/#there">ok</a>'
        '<a href="missing/">bad</a><a href="a/#nowhere">bad</a><a href="/elsewhere/">bad</a>'
        '<a href="https://example.com/x">out</a></body></html>',
        encoding="utf-8",
    )
    (site / "a" / "index.html").write_text('<html><body><p id="there">y</p></body></html>', encoding="utf-8")
    report = check_links(Built(site, "https://example.org/REPO/"))
    assert len(report.broken) == 3, report.broken
    assert any("missing/" in b for b in report.broken)
    assert any("nowhere" in b for b in report.broken)
    assert any("outside /REPO/" in b for b in report.broken)
    assert set(report.external) == {"https://example.com/x"}
