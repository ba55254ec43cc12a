"""The one 404 page GitHub Pages serves for every missing address, in every language.

It is English at the root (<html lang="en">) with a part per language, each
marked with its lang, the reader's language first (chosen by the address's
language folder); each part links to its language's home page, and the links and
the page's own files work from any depth and under a project subpath
(the fixture site is built for https://example.org/health-docs/).
"""

from __future__ import annotations

import pytest

from .conftest import describe_violations, foreign_requests, run_axe

pytestmark = pytest.mark.browser


def check_not_found(page, server, missing: str, color_scheme: str, axe: bool = True) -> None:
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda r: r.status >= 400 and r.request.resource_type != "document"
            and not r.url.endswith("sitemap.xml") and failed.append(f"{r.url} ({r.status})"))
    response = page.goto(server.url(missing))
    assert response.status == 404, f"{missing}: HTTP {response.status}"
    where = f"{server.url(missing)} ({color_scheme})"

    assert page.evaluate("document.documentElement.lang") == "en", f"{where}: the root 404 page is not in English"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
        "slate" if color_scheme == "dark" else "default"
    )
    parts = page.evaluate(
        """() => [...document.querySelectorAll('.md-content [lang]')].map(part => ({
             lang: part.getAttribute('lang'),
             heading: (part.querySelector('h1, h2') || {}).textContent,
             links: [...part.querySelectorAll('a[href]')].map(a => [a.getAttribute('href'), a.href]),
           }))"""
    )
    by_lang = {part["lang"]: part for part in parts if part["links"]}
    assert set(by_lang) >= {"en", "es"}, f"{where}: parts with a link: {parts}"
    # The reader's language first: the one whose folder the address is in.
    reader = "es" if missing.startswith("es/") else "en"
    first = next(part for part in parts if part["links"])
    assert first["lang"] == reader, f"{where}: the first part is in {first['lang']!r}, not {reader!r}"
    titles = {"en": "Page not found", "es": "Página no encontrada"}
    assert page.title().startswith(titles[reader]), f"{where}: title {page.title()!r}"
    homes = {"en": server.url(""), "es": server.url("es/")}
    for lang, part in by_lang.items():
        assert part["heading"], f"{where}: the {lang} part has no heading"
        for raw, _ in part["links"]:
            assert not raw.startswith("/") or raw.startswith(server.prefix), f"{where}: {raw} ignores the site's path"
        assert homes[lang] in [resolved for _, resolved in part["links"]], (
            f"{where}: the {lang} part links to {part['links']}, not to {homes[lang]}"
        )

    if axe:  # (the real site's 404.html is also checked with every other page)
        lines = describe_violations(run_axe(page), where)
        assert not lines, "\n".join(lines)
    assert not failed, f"{where}: files that did not load: {failed}"
    assert not foreign_requests(page.requests, server), foreign_requests(page.requests, server)

    # Each home page link leads to the home page in its language.
    for lang in ("es", "en"):
        page.goto(server.url(missing))
        with page.expect_navigation():
            page.locator(f'.md-content [lang="{lang}"] a[href="{by_lang[lang]["links"][0][0]}"]').first.click()
        assert page.url == homes[lang], f"{where}: the {lang} link leads to {page.url}"
        assert page.evaluate("document.documentElement.lang") == lang


def test_not_found_page_in_both_languages(open_page, site_server):
    check_not_found(open_page(), site_server, "es/glosario/no/such/page.html", "light", axe=False)
    check_not_found(open_page(), site_server, "glossary/no/such/page.html", "light", axe=False)


def test_not_found_page_under_a_project_subpath(open_page, fixture_site):
    assert fixture_site.prefix == "/health-docs/"
    check_not_found(open_page(fixture_site, color_scheme="dark"), fixture_site, "no/such/page/", "dark")


def test_only_the_default_language_writes_the_root_404(real_site):
    """mkdocs-static-i18n renders 404.html once per language into the same folder;
    the Spanish build must not replace the bilingual English page."""
    soup = real_site.html("404.html")
    assert soup.html["lang"] == "en"
    assert soup.select_one('.md-content [lang="es"]') is not None
    assert not (real_site.site / "es" / "404.html").exists()
