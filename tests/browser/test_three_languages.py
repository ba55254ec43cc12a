"""A site in three languages, one written right to left: English, Spanish and Arabic.

The fixture is the two-articles scenario with Arabic added the way a user adds
a language (`healthdocs new-language ar`), a few Arabic translations filled
in, built for a project subpath and served.  In Chromium, every page checked:

- the Arabic pages are right to left (dir="rtl") and Material's layout is
  mirrored (the navigation is on the right of the content);
- axe-core finds no violation, in the light and the dark palette;
- the language switcher lists the three languages, each link with `lang` and
  `hreflang`;
- the head lists the three hreflang alternates plus x-default, and the
  sitemap the same alternates.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from ..conftest import fill, make_project, sitemap_files
from ..webserver import SiteServer
from .conftest import SCHEMES, describe_violations, foreign_requests, run_axe

pytestmark = pytest.mark.browser

SITE_URL = "https://example.org/health-docs/"
LANGUAGES = ("en", "es", "ar")
ARABIC = {
    "Knee replacement": "استبدال الركبة",
    "Test home": "الصفحة الرئيسية للاختبار",
}


@pytest.fixture(scope="module")
def three_languages(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("rtl") / "project", "two-articles")
    for step in (("catalogs",), ("new-language", "ar")):
        result = project.run(*step)
        assert result.returncode == 0, result.stdout + result.stderr
    for po in sorted((project.root / "locales" / "ar").glob("*.po")):
        fill(project, po.relative_to(project.root).as_posix(), ARABIC)
    result = project.build(env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stdout + result.stderr
    server = SiteServer(project.site, urlsplit(SITE_URL).path).start()
    try:
        yield project, server
    finally:
        server.stop()


def pages_of(project) -> list[str]:
    """Home, articles, glossary index, status page of every language (site paths)."""
    out = []
    for lang in LANGUAGES:
        root = project.site if lang == "en" else project.site / lang
        for index in sorted(root.glob("*/index.html")) + [root / "index.html"]:
            rel = index.parent.relative_to(project.site).as_posix()
            if rel.split("/")[0] in LANGUAGES[1:] and lang == "en":
                continue
            out.append("" if rel == "." else f"{rel}/")
    return out


def language_of(path: str) -> str:
    first = path.split("/", 1)[0]
    return first if first in LANGUAGES[1:] else "en"


def test_the_site_has_three_languages(three_languages):
    project, _ = three_languages
    paths = pages_of(project)
    assert {language_of(p) for p in paths} == set(LANGUAGES), paths
    assert "ar/" in paths and "ar/knee-replacement/" in paths


@pytest.mark.parametrize("color_scheme", list(SCHEMES))
def test_every_language_in_the_browser(three_languages, browser, color_scheme):
    project, server = three_languages
    context = browser.new_context(color_scheme=color_scheme, service_workers="block")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    problems: list[str] = []
    try:
        for path in pages_of(project):
            lang = language_of(path)
            where = f"/{path} ({color_scheme})"
            response = page.goto(server.url(path), wait_until="load")
            assert response.status == 200, where
            facts = page.evaluate(
                """() => {
                  const nav = document.querySelector(".md-sidebar--primary");
                  const content = document.querySelector(".md-content");
                  return {
                    lang: document.documentElement.lang,
                    dir: document.body.dir,
                    computed: getComputedStyle(document.body).direction,
                    scheme: document.body.getAttribute("data-md-color-scheme"),
                    navLeft: nav ? nav.getBoundingClientRect().left : null,
                    contentLeft: content ? content.getBoundingClientRect().left : null,
                    switcher: [...document.querySelectorAll(".md-select__link")].map(a => ({
                      lang: a.getAttribute("lang"), hreflang: a.getAttribute("hreflang"),
                      href: a.href, text: a.textContent.trim()})),
                  };
                }"""
            )
            if facts["lang"] != lang:
                problems.append(f"{where}: <html lang={facts['lang']!r}>")
            want = "rtl" if lang == "ar" else "ltr"
            if facts["dir"] != want or facts["computed"] != want:
                problems.append(f"{where}: dir={facts['dir']!r}, direction {facts['computed']!r}, expected {want}")
            if facts["scheme"] != SCHEMES[color_scheme]:
                problems.append(f"{where}: palette {facts['scheme']!r}")
            if facts["navLeft"] is not None and facts["contentLeft"] is not None:
                mirrored = facts["navLeft"] > facts["contentLeft"]
                if mirrored != (want == "rtl"):
                    problems.append(f"{where}: navigation at x={facts['navLeft']}, content at x={facts['contentLeft']}")
            switcher = facts["switcher"]
            if sorted(item["hreflang"] for item in switcher) != sorted(LANGUAGES):
                problems.append(f"{where}: switcher lists {switcher}")
            for item in switcher:
                if item["lang"] != item["hreflang"]:
                    problems.append(f"{where}: switcher link {item['text']!r} has lang={item['lang']!r}")
            problems.extend(describe_violations(run_axe(page), where))
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert not foreign_requests(requests, server), foreign_requests(requests, server)
    assert not problems, "\n".join(problems)


def test_hreflang_triples_and_x_default(three_languages):
    project, _ = three_languages
    for rel in ("knee-replacement/index.html", "es/knee-replacement/index.html", "ar/knee-replacement/index.html"):
        soup = BeautifulSoup((project.site / rel).read_text(encoding="utf-8"), "lxml")
        links = {link["hreflang"]: link["href"] for link in soup.select('link[rel~="alternate"][hreflang]')}
        assert links == {
            "en": SITE_URL + "knee-replacement/",
            "es": SITE_URL + "es/knee-replacement/",
            "ar": SITE_URL + "ar/knee-replacement/",
            "x-default": SITE_URL + "knee-replacement/",
        }, rel
        locales = {m["content"] for m in soup.select('meta[property="og:locale:alternate"]')}
        own = soup.select_one('meta[property="og:locale"]')["content"]
        assert len(locales) == 2 and own not in locales and re.fullmatch(r"[a-z]{2}_[A-Z]{2}", own), rel


def test_one_sitemap_per_language_and_alternates_in_every_head(three_languages):
    """sitemap.xml indexes one sitemap per language (overrides/hooks/sitemaps.py), each listing
    that language's pages; the alternates are in each page's head (glossary terms too), not
    repeated in the sitemaps."""
    project, _ = three_languages
    files = sitemap_files(project.site, SITE_URL)
    assert sorted(files) == [SITE_URL + f"sitemap-{code}.xml" for code in ("ar", "en", "es")]
    by_lang = {}
    for code in ("en", "es", "ar"):
        soup = BeautifulSoup((project.site / f"sitemap-{code}.xml").read_text(encoding="utf-8"), "xml")
        assert not soup.find("link"), code
        by_lang[code] = [url.find("loc").text for url in soup.find_all("url")]
    assert SITE_URL + "ar/knee-replacement/" in by_lang["ar"]
    assert all(loc.startswith(SITE_URL + "ar/") for loc in by_lang["ar"])
    assert all(loc.startswith(SITE_URL + "es/") for loc in by_lang["es"])
    assert not [loc for loc in by_lang["en"] if loc.startswith((SITE_URL + "es/", SITE_URL + "ar/"))]
    terms = [loc for loc in by_lang["ar"] if loc.startswith(SITE_URL + "ar/glossary/") and loc != SITE_URL + "ar/glossary/"]
    assert terms
    for loc in terms:
        soup = BeautifulSoup((project.site / loc[len(SITE_URL):] / "index.html").read_text(encoding="utf-8"), "lxml")
        links = {link["hreflang"] for link in soup.select('link[rel~="alternate"][hreflang]')}
        assert links == {"en", "es", "ar", "x-default"}, loc
