"""Browser fixtures: built sites served on 127.0.0.1 and one headless Chromium.

- `site_server` serves `real_site.site` with Python's http.server in a thread,
  on a free port, under the path the site was built for (the path of
  site_url: "/" locally, "/REPO/" for a GitHub project site).  A missing
  address gets the site's 404.html with status 404, as GitHub Pages does.
- `site_pages` lists every built page as a URL path: each */index.html and
  404.html, English and Spanish, found in the built files.
- `browser` is Debian's Chromium driven by Playwright (never downloaded), one
  for the whole session.
- `open_page(server, color_scheme=...)` gives a fresh page in its own context
  (nothing stored by one visit leaks into the next) that keeps every request
  of its context (pages and workers) in `page.requests`.
- `fixture_site` is the two-articles scenario with no Spanish catalogs (every
  Spanish segment falls back to English), built for a project subpath.
- `visits` is one pass over every page in the light and the dark palette:
  axe-core's violations, what the page is made of and every request it made.

Service workers are blocked: these tests look at the pages themselves, not at
what a cache serves (the offline tests cover that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from ..conftest import make_project
from ..webserver import SiteServer

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# The subpath the fixture site is built for, as on a GitHub project site.
FIXTURE_SITE_URL = "https://example.org/health-docs/"


# -- serving: tests/webserver.py ---------------------------------------------------


def site_prefix(site: Path) -> str:
    """The path the site was built for, read from the stylesheet link of its 404 page
    (404.html is the one page MkDocs writes with absolute links, from site_url)."""
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "lxml")
    for link in soup.select('link[rel="stylesheet"][href]'):
        href = link["href"]
        if "assets/stylesheets/main." in href:
            prefix = urlsplit(href).path.split("assets/stylesheets/", 1)[0]
            return prefix if prefix.startswith("/") else "/"
    return "/"


def built_pages(site: Path) -> list[str]:
    """Site paths of every built page: each */index.html, and 404.html."""
    paths = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        paths.append("" if rel == "." else f"{rel}/")
    if (site / "404.html").is_file():
        paths.append("404.html")
    return paths


def language_of(path: str) -> str:
    """The language a site path is in: Spanish under es/, English elsewhere (404.html too)."""
    return "es" if path.startswith("es/") else "en"


@pytest.fixture(scope="session")
def site_server(real_site):
    server = SiteServer(real_site.site, site_prefix(real_site.site)).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def site_pages(real_site) -> list[str]:
    pages = built_pages(real_site.site)
    assert {"", "es/", "404.html"} <= set(pages), pages
    return pages


@pytest.fixture(scope="session")
def article_path(real_site) -> str:
    """The site path of an English article (a page with a review date and a disclaimer)."""
    for path in built_pages(real_site.site):
        if language_of(path) == "en" and path.endswith("/"):
            html = (real_site.site / path / "index.html").read_text(encoding="utf-8")
            if "hd-disclaimer" in html and (real_site.site / "es" / path / "index.html").is_file():
                return path
    pytest.fail("no English article with a Spanish counterpart in the built site")


@pytest.fixture(scope="session")
def term_paths(real_site) -> dict[str, str]:
    """The site path of a glossary term page in each language (four in five of a large site's pages)."""
    out: dict[str, str] = {}
    for path in built_pages(real_site.site):
        html = (real_site.site / path / "index.html").read_text(encoding="utf-8") if path.endswith("/") else ""
        if re.search(r'"@type":\s*"DefinedTerm"', html):
            out.setdefault(language_of(path), path)
    assert set(out) == {"en", "es"}, out
    return out


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """two-articles, untranslated (no Spanish catalogs), built for a project subpath, and served."""
    project = make_project(tmp_path_factory.mktemp("fixture") / "project", "two-articles")
    result = project.build(env={"SITE_URL": FIXTURE_SITE_URL})
    assert result.returncode == 0, result.stdout + result.stderr
    server = SiteServer(project.site, urlsplit(FIXTURE_SITE_URL).path).start()
    try:
        yield server
    finally:
        server.stop()


# -- the browser ------------------------------------------------------------------


@pytest.fixture
def open_page(browser, site_server):
    """A factory of fresh pages, each in its own context; page.requests lists every request."""
    contexts = []

    def factory(server: SiteServer | None = None, color_scheme: str = "light", **options):
        server = server or site_server
        context = browser.new_context(
            base_url=server.origin, color_scheme=color_scheme, service_workers="block", **options
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.requests = []
        context.on("request", lambda request: page.requests.append(request.url))
        return page

    yield factory
    for context in contexts:
        context.close()


# -- every page, in both palettes ---------------------------------------------------------

SCHEMES = {"light": "default", "dark": "slate"}  # Playwright's color_scheme -> Material's scheme

# Link relations that make the browser fetch something.
FETCHING_RELS = ["apple-touch-icon", "dns-prefetch", "icon", "manifest", "modulepreload", "preconnect",
                 "prefetch", "preload", "prerender", "stylesheet"]

PAGE_FACTS = """fetching => {
  const resources = [];
  for (const el of document.querySelectorAll("[src]")) resources.push(el.src);
  for (const el of document.querySelectorAll("link[href]")) {
    if ([...el.relList].some(rel => fetching.includes(rel.toLowerCase()))) resources.push(el.href);
  }
  return {
    lang: document.documentElement.getAttribute("lang"),
    scheme: document.body.getAttribute("data-md-color-scheme"),
    headings: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(
      h => [Number(h.tagName[1]), h.textContent.trim().replace(/\\s+/g, " ").slice(0, 60)]),
    images: [...document.images].map(img => [img.getAttribute("src"), img.getAttribute("alt")]),
    resources: resources,
    textFont: getComputedStyle(document.body).fontFamily,
  };
}"""


@dataclass
class Visit:
    path: str
    color_scheme: str
    status: int
    facts: dict
    violations: list[dict]
    requests: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"/{self.path} ({self.color_scheme})"


@pytest.fixture(scope="session")
def visits(browser, site_server, site_pages) -> list[Visit]:
    """Every page, in the light and the dark palette side by side: two contexts
    (two renderer processes, so axe runs on both at once), one tab each, reused
    page after page.  axe-core is added to every document as it loads."""
    from axe_playwright_python.base import AXE_SCRIPT

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    tabs = []
    for color_scheme in SCHEMES:
        context = browser.new_context(color_scheme=color_scheme, service_workers="block")
        context.add_init_script(script=AXE_SCRIPT)
        requests: list[str] = []
        context.on("request", lambda request, requests=requests: requests.append(request.url))
        page = context.new_page()
        page.set_default_timeout(20_000)
        tabs.append((color_scheme, context, page, requests, []))
    out: dict[tuple[str, str], Visit] = {}
    for path in site_pages:
        statuses = {}
        for color_scheme, _, page, requests, starts in tabs:
            starts.append(len(requests))
            response = page.goto(site_server.url(path), wait_until="load")
            statuses[color_scheme] = response.status if response else 0
        for _, _, page, _, _ in tabs:  # start both, then wait for both
            page.evaluate("options => { window.__hd_axe = axe.run(document, options); }", options)
        for color_scheme, _, page, _, _ in tabs:
            violations = page.evaluate("() => window.__hd_axe.then(results => results.violations)")
            facts = page.evaluate(PAGE_FACTS, FETCHING_RELS)
            out[(color_scheme, path)] = Visit(path, color_scheme, statuses[color_scheme], facts, violations)
    for color_scheme, context, page, requests, starts in tabs:
        page.wait_for_load_state("networkidle")  # late requests of the last page
        starts.append(len(requests))
        for i, path in enumerate(site_pages):
            # A request made after a page was checked is counted with that page.
            out[(color_scheme, path)].requests = requests[starts[i] : starts[i + 1]]
        context.close()
    return [out[(color_scheme, path)] for color_scheme in SCHEMES for path in site_pages]


# -- checks shared by the tests --------------------------------------------------------


def foreign_requests(urls: list[str], server: SiteServer) -> list[str]:
    """Requests to anything but the local server (data: and blob: URLs never leave the page)."""
    out = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if parts.scheme != "http" or parts.hostname != server.host or parts.port != server.port:
            out.append(url)
    return out


def run_axe(page) -> list[dict]:
    """axe-core's violations on the page as it is, with the WCAG 2.0-2.2 A/AA and best-practice rules."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe.axe_script)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return page.evaluate("options => axe.run(document, options)", options)["violations"]


def describe_violations(violations: list[dict], where: str) -> list[str]:
    """One line per failing element: rule id, page and target."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            message = node.get("failureSummary", "").replace("\n", " ")[:200]
            lines.append(f"{violation['id']} on {where}: {target} ({message})")
    return lines
