"""Every built page, English and Spanish, in the light and the dark palette.

One pass of the browser over the whole site (`visits`, in conftest.py)
gathers what each page is made of; the tests below check it:

- axe-core finds no violation (WCAG 2.0-2.2 A and AA, and best practices),
- the palette follows the system's colour scheme (Material's "slate" in dark),
- <html lang> is the page's language,
- headings never skip a level, every image has a meaningful text alternative,
- nothing is requested from, or linked as a resource on, another host
  (no web fonts: mkdocs.yml has `font: false`).
"""

from __future__ import annotations

import itertools
import re
from urllib.parse import urlsplit

import pytest

from .conftest import SCHEMES, describe_violations, foreign_requests, language_of

pytestmark = pytest.mark.browser


def test_every_page_is_visited_in_both_palettes(visits, site_pages):
    assert len(visits) == 2 * len(site_pages)
    assert {v.path for v in visits} == set(site_pages)
    assert any(language_of(p) == "es" for p in site_pages) and any(language_of(p) == "en" for p in site_pages)
    bad = [f"{v.where}: HTTP {v.status}" for v in visits if v.status != 200]
    assert not bad, "\n".join(bad)


def test_palette_follows_the_system_colour_scheme(visits):
    wrong = [f"{v.where}: data-md-color-scheme={v.facts['scheme']!r}, expected {SCHEMES[v.color_scheme]!r}"
             for v in visits if v.facts["scheme"] != SCHEMES[v.color_scheme]]
    assert not wrong, "\n".join(wrong)


def test_axe_finds_no_violations(visits):
    lines = [line for v in visits for line in describe_violations(v.violations, v.where)]
    assert not lines, f"{len(lines)} axe-core violation(s):\n" + "\n".join(lines)


def test_html_lang_is_the_page_language(visits):
    wrong = [f"{v.where}: <html lang={v.facts['lang']!r}>, expected {language_of(v.path)!r}"
             for v in visits if v.facts["lang"] != language_of(v.path)]
    assert not wrong, "\n".join(wrong)


def test_headings_never_skip_a_level(visits):
    problems = []
    for v in visits:
        if v.color_scheme != "light":
            continue  # the palette does not change the markup
        headings = v.facts["headings"]
        if not headings:
            problems.append(f"{v.where}: no heading at all")
            continue
        if headings[0][0] != 1:
            problems.append(f"{v.where}: the first heading is h{headings[0][0]} {headings[0][1]!r}, not h1")
        for (before, _), (level, text) in itertools.pairwise(headings):
            if level > before + 1:
                problems.append(f"{v.where}: h{before} then h{level} {text!r}")
    assert not problems, "\n".join(problems)


GENERIC_ALT = re.compile(r"^(image|img|picture|photo|graphic|icon|logo|figure|imagen|foto|figura)\s*\d*$", re.IGNORECASE)


def test_every_image_has_a_meaningful_alt(visits):
    problems = []
    for v in visits:
        if v.color_scheme != "light":
            continue
        for src, alt in v.facts["images"]:
            name = urlsplit(src or "").path.rsplit("/", 1)[-1]
            if alt is None or not alt.strip():
                problems.append(f"{v.where}: <img src={src!r}> has no text alternative")
            elif alt.strip() == name or GENERIC_ALT.match(alt.strip()):
                problems.append(f"{v.where}: <img src={src!r}> alt={alt!r} says nothing")
    assert not problems, "\n".join(problems)


def test_nothing_is_requested_from_another_host(visits, site_server):
    requests = [url for v in visits for url in v.requests]
    assert requests, "no request recorded"
    foreign = sorted({f"{url} (from {v.where})" for v in visits for url in foreign_requests(v.requests, site_server)})
    hint = ""
    if any("sitemap.xml" in line for line in foreign):
        hint = ("\n(sitemap.xml: Material's bundle fetches sitemap.xml next to every <link rel=\"alternate\">; "
                "absolute hreflang links built from site_url make every page call that host when the site "
                "is served from any other address: a mirror, a preview, the offline copy)")
    assert not foreign, (f"{len(foreign)} request(s) to hosts other than {site_server.host}:{site_server.port}:\n"
                         + "\n".join(foreign) + hint)
    linked = sorted({f"{url} (in {v.where})" for v in visits
                     for url in foreign_requests(v.facts["resources"], site_server)})
    assert not linked, "resources linked from another host:\n" + "\n".join(linked)


def test_no_web_fonts(visits):
    """`font: false`: no Google Fonts link or request; the system's fonts."""
    fonts = [f"{url} ({v.where})" for v in visits for url in v.requests + v.facts["resources"]
             if "fonts.googleapis" in url or "fonts.gstatic" in url or re.search(r"\.(woff2?|ttf|otf)(\?|$)", url)]
    assert not fonts, "\n".join(fonts)
    roboto = sorted({v.where for v in visits if "roboto" in v.facts["textFont"].lower()})
    assert not roboto, f"text set in Roboto on {roboto}"
