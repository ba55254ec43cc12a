"""Bytes per page (issue 14): what makes pages smaller must not change what a reader gets.

- overrides/hooks/compact_html.py drops the templates' indentation: a second
  build of the same project without the hook gives the same document, element
  for element, attribute for attribute, and the same text once runs of
  whitespace are read as a browser reads them; <pre>, <textarea> and
  <script> are kept byte for byte.
- overrides/hooks/shared_icons.py: the chrome's icons are empty <svg>s painted
  from assets/stylesheets/icons.css; each one used has its rule there, made of
  the theme's own icon; a shared icon naming an icon the theme lacks fails the
  build, naming the file.
- overrides/glossary-term.html: term pages without the one-heading table of
  contents and the previous/next links, still with their language,
  alternates, language switcher, search, navigation and accessible names.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from .conftest import ROOT, Project, make_project

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
import compact_html  # noqa: E402
import material  # noqa: E402
import shared_icons  # noqa: E402

MATERIAL_ICONS = Path(material.__file__).resolve().parent / "templates" / ".icons"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Project:
    project = make_project(tmp_path_factory.mktemp("size") / "project", "two-articles")
    result = project.run("catalogs")
    assert result.returncode == 0, result.stderr
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# -- compact_html ------------------------------------------------------------------


def test_compact_collapses_line_breaks_and_keeps_verbatim_elements():
    page = (
        "<div>\n    <p>one\n      two</p>\n\n   <pre>  a\n    b</pre>\n  <textarea>\n  x</textarea>\n"
        "  <script>\n  var s = `a\n    b`;\n  </script>\n</div>"
    )
    out = compact_html.compact(page)
    assert "<p>one\ntwo</p>" in out
    assert "<pre>  a\n    b</pre>" in out
    assert "<textarea>\n  x</textarea>" in out
    assert "<script>\n  var s = `a\n    b`;\n  </script>" in out  # a template literal keeps its lines
    assert "\n " not in out.replace("<pre>  a\n    b</pre>", "").replace("<textarea>\n  x</textarea>", "").split("<script>")[0]


def test_compact_without_verbatim_elements_is_one_pass():
    assert compact_html.compact("<p>\n   a\n\n\n  b   c</p>\n  ") == "<p>\na\nb   c</p>\n"


def _shape(soup: BeautifulSoup, verbatim=("pre", "textarea"), code=("script", "style")) -> list:
    """The document as a browser reads it: elements with their attributes, and text with
    every run of whitespace as one space; <pre> and <textarea> text as it is, JSON as its
    data, and scripts and style sheets line by line, without the lines' indentation (which the hook drops
    from a page without a template literal)."""
    out: list = []

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                out.append(("<", child.name, sorted((k, " ".join(v) if isinstance(v, list) else v) for k, v in child.attrs.items())))
                if child.name in verbatim:
                    out.append(("verbatim", child.get_text()))
                elif child.name == "script" and child.get("type") in ("application/json", "application/ld+json"):
                    out.append(("json", json.loads(child.get_text())))  # printed without spaces: the same data
                elif child.name in code:
                    out.append(("code", [line.lstrip() for line in child.get_text().split("\n") if line.strip()]))
                else:
                    walk(child)
                out.append((">", child.name))
            elif isinstance(child, NavigableString) and type(child) is NavigableString:
                text = re.sub(r"\s+", " ", str(child))
                if out and out[-1][0] == "text":
                    out[-1] = ("text", re.sub(r"\s+", " ", out[-1][1] + text))
                else:
                    out.append(("text", text))

    walk(soup)
    return out


def test_compact_pages_read_the_same_as_the_templates_print_them(built, tmp_path):
    """The same project built without the hook: every page is the same document."""
    other = make_project(tmp_path / "uncompacted", "two-articles")
    for po in (built.root / "locales").rglob("*.po"):
        target = other.root / po.relative_to(built.root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(po.read_bytes())
    config = other.read("mkdocs.yml")
    assert "overrides/hooks/compact_html.py" in config
    # Without the hook's page compaction, but with its JSON printed the same way (on_env):
    # what is compared is the whitespace of the pages.
    other.write("overrides/hooks/json_only.py", "from compact_html import on_env  # noqa: F401\n")
    other.write("mkdocs.yml", config.replace("  - overrides/hooks/compact_html.py\n", "  - overrides/hooks/json_only.py\n"))
    result = other.build()
    assert result.returncode == 0, result.stdout + result.stderr
    pages = [p.relative_to(built.site) for p in _pages(built.site)]
    assert pages == [p.relative_to(other.site) for p in _pages(other.site)]
    smaller = 0
    for rel in pages:
        compacted = (built.site / rel).read_text(encoding="utf-8")
        printed = (other.site / rel).read_text(encoding="utf-8")
        smaller += len(printed.encode()) - len(compacted.encode())
        assert _shape(BeautifulSoup(compacted, "lxml")) == _shape(BeautifulSoup(printed, "lxml")), rel
    assert smaller > 1000 * len(pages), "the hook should save at least 1 kB per page"


# -- shared_icons -----------------------------------------------------------------


def _rules(site: Path) -> dict[str, str]:
    css = (site / shared_icons.STYLESHEET).read_text(encoding="utf-8")
    return dict(re.findall(r'\[data-hd-icon="([^"]+)"\]\{--hd-icon:url\("data:image/svg\+xml;charset=utf-8,(.*?)"\)\}', css))


def test_chrome_icons_come_from_one_stylesheet(built):
    rules = _rules(built.site)
    assert rules, "icons.css has no icon"
    for name, encoded in rules.items():
        theme_svg = (MATERIAL_ICONS / f"{name}.svg").read_text(encoding="utf-8").strip()
        assert unquote(encoded) == theme_svg, name
    used: set[str] = set()
    for path in _pages(built.site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        rel = path.relative_to(built.site).as_posix()
        if not soup.select("header.md-header"):
            continue  # not a theme page (the offline page)
        assert any(link["href"].endswith(shared_icons.STYLESHEET) for link in soup.select('link[rel="stylesheet"]')), rel
        for region in soup.select("header, footer, .md-top, .md-nav--primary > .md-nav__title"):
            inline = [svg for svg in region.find_all("svg") if svg.find(True)]
            assert not inline, f"{rel}: an icon is still inline: {inline[0]}"
        for svg in soup.select("svg.hd-icon"):
            assert svg.get("data-hd-icon") in rules, f"{rel}: no rule for {svg}"
            assert svg.get("aria-hidden") == "true" and svg.get("viewbox"), f"{rel}: {svg}"
            used.add(svg["data-hd-icon"])
    # The header (logo, menu, palette, language, search) and the back-to-top button.
    assert {"material/magnify", "material/translate", "material/menu", "material/arrow-up"} <= used


def test_a_shared_icon_the_theme_lacks_fails_the_build(project_factory):
    project = project_factory("two-articles")
    project.write("overrides/.icons/shared/menu.svg",
                  '<svg class="hd-icon" data-hd-icon="material/no-such-icon" viewBox="0 0 24 24" aria-hidden="true"></svg>\n')
    result = project.build()
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "menu.svg" in output and "material/no-such-icon" in output, output
    assert not project.site.exists()


def test_a_shared_icon_with_another_box_fails_the_build(project_factory):
    project = project_factory("two-articles")
    project.write("overrides/.icons/shared/menu.svg",
                  '<svg class="hd-icon" data-hd-icon="material/menu" viewBox="0 0 16 16" aria-hidden="true"></svg>\n')
    result = project.build()
    assert result.returncode != 0
    assert "viewBox" in result.stdout + result.stderr


# -- glossary term pages ------------------------------------------------------------


def _term_pages(site: Path) -> list[Path]:
    return [p for folder in ("glossary", "es/glosario") for p in sorted((site / folder).glob("*/index.html"))]


def test_term_pages_are_thin_but_keep_what_readers_need(built):
    terms = _term_pages(built.site)
    assert len(terms) >= 4
    for path in terms:
        rel = path.relative_to(built.site).as_posix()
        lang = "es" if rel.startswith("es/") else "en"
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        # Gone: the table of contents of the one heading, previous/next links to other terms.
        assert not soup.select(".md-sidebar--secondary, [data-md-component=toc]"), rel
        assert not soup.select(".md-footer__link, link[rel=prev], link[rel=next]"), rel
        # Kept: language, alternates, the switcher, the navigation, search, content.
        assert soup.html["lang"] == lang, rel
        hreflangs = {link["hreflang"] for link in soup.select("link[rel~=alternate][hreflang]")}
        assert {"en", "es", "x-default"} <= hreflangs, rel
        assert {a["hreflang"] for a in soup.select(".md-select__link[hreflang]")} == {"en", "es"}, rel
        assert soup.select_one(".md-nav--primary[aria-label]"), rel
        assert soup.select_one("header [aria-label] svg.hd-icon[data-hd-icon='material/magnify']"), rel  # search
        # The search dialog is built by search.js from the button's words (tests/browser/test_search.py opens it)
        button = soup.select_one("button.hd-search-open")
        assert not soup.select("dialog") and all(button.get(f"data-{k}") for k in ("none", "one", "other", "label", "close")), rel
        assert "data-hd-icon" in button["data-close-icon"], rel
        assert soup.h1 and soup.h1.get_text(strip=True), rel
        assert soup.select_one("article a[href]"), rel
        # Every link, button and field of the header has an accessible name (the icons
        # that replaced inline SVGs are hidden from assistive technology; names are on the controls).
        for control in soup.select("header a, header button, header input[type=radio], header input[type=text]"):
            named = control.get("aria-label") or control.get("title") or control.get_text(strip=True)
            assert named, f"{rel}: {control}"


def test_articles_keep_their_table_of_contents(built):
    soup = built.html("hip-replacement/index.html")
    assert soup.select_one(".md-sidebar--secondary [data-md-component=toc] a[href^='#']")


# -- scripts shared instead of inline (issue 14) --------------------------------------

MATERIAL_PARTIALS = MATERIAL_ICONS.parent / "partials" / "javascripts"


def _inline_scripts(soup: BeautifulSoup) -> list[str]:
    return [s.get_text() for s in soup.find_all("script", src=False) if s.get("type") not in ("application/json", "application/ld+json")]


def test_palette_script_is_materials_from_one_shared_file(built):
    """palette.js is Material's inline palette script, byte for byte, and every theme page loads it from there."""
    inline = re.search(r"<script>(.*)</script>", (MATERIAL_PARTIALS / "palette.html").read_text(encoding="utf-8"), re.S).group(1)
    shared = (built.site / "assets" / "javascripts" / "palette.js").read_text(encoding="utf-8")
    assert inline in shared
    for path in _pages(built.site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        if not soup.select("header.md-header"):
            continue
        rel = path.relative_to(built.site).as_posix()
        form = soup.select_one("form[data-md-component=palette]")
        script = form.find_next_sibling("script")
        assert script and script.get("src", "").endswith("assets/javascripts/palette.js"), f"{rel}: {script}"
        assert not script.has_attr("defer") and not script.has_attr("async"), rel  # applied before the page is painted
        assert not [s for s in _inline_scripts(soup) if "__palette" in s], rel


def test_content_scripts_are_materials_and_only_on_pages_with_tabs(built):
    ours = (ROOT / "overrides" / "partials" / "javascripts" / "content.html").read_text(encoding="utf-8")
    theirs = (MATERIAL_PARTIALS / "content.html").read_text(encoding="utf-8").split("-#}\n", 1)[1]
    assert theirs in ours
    for path in _pages(built.site):
        html = path.read_text(encoding="utf-8")
        assert ("__tabbed_" in html) == ("tabbed-set" in html), path


def test_pages_carry_no_inline_script(built):
    """The skip link and palette switch fixes are in keyboard.js, the service worker's registration
    in offline.js, Material's head and palette scripts in scope.js and palette.js: no page repeats
    a script inline (404.html, one page, has its own)."""
    for path in _pages(built.site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        rel = path.relative_to(built.site).as_posix()
        if not soup.select("header.md-header") or rel == "404.html":
            continue
        assert _inline_scripts(soup) == [], rel
        srcs = [s["src"] for s in soup.find_all("script", src=True)]
        assert any(s.endswith("assets/javascripts/keyboard.js") for s in srcs), rel
        assert any(s.endswith("assets/javascripts/offline.js") for s in srcs), rel
        # scope.js in the head, before the stylesheets' palette script and Material's bundle
        head = [s["src"] for s in soup.head.find_all("script", src=True)]
        assert [s for s in head if s.endswith("assets/javascripts/scope.js")], rel
        assert srcs.index(head[0]) < min(i for i, s in enumerate(srcs) if "palette.js" in s or "bundle." in s), rel
    keyboard = (built.site / "assets" / "javascripts" / "keyboard.js").read_text(encoding="utf-8")
    assert ".md-skip" in keyboard and "md-content__inner" in keyboard


def test_head_script_is_materials_with_the_scope_found_from_its_own_address(built):
    inline = re.search(r"<script>(.*)</script>", (MATERIAL_PARTIALS / "base.html").read_text(encoding="utf-8"), re.S).group(1)
    scope = 'new URL("{{ config.extra.scope | d(base_url) }}",location)'
    assert scope in inline
    shared = (built.site / "assets" / "javascripts" / "scope.js").read_text(encoding="utf-8")
    assert inline.replace(scope, 'new URL("../..",document.currentScript.src)') in shared
    ours = (ROOT / "overrides" / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
    assert (MATERIAL_PARTIALS / "base.html").read_text(encoding="utf-8").split("-#}\n", 1)[1] in ours  # with extra.scope


def _config(soup: BeautifulSoup) -> dict:
    return json.loads(soup.find("script", id="__config").get_text())


def test_materials_configuration_keeps_its_keys_and_only_the_words_it_can_use(built):
    base_html = (MATERIAL_ICONS.parent / "base.html").read_text(encoding="utf-8")
    block = base_html[base_html.index("{% block config %}") : base_html.index("{% endblock %}", base_html.index("{% block config %}"))]
    keys = set(re.findall(r'^\s*"([a-z]+)":', block, re.M)) - {"clipboard", "search.result", "select"}
    words = set(re.findall(r'"((?:clipboard|search|select)\.[a-z.]+)":', block))
    worker = re.search(r'"search": "(assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)"', block).group(1)
    assert {"base", "features", "translations", "search"} <= keys
    for rel in ("index.html", "hip-replacement/index.html", "glossary/index.html", "es/index.html", "es/hip-replacement/index.html"):
        config = _config(built.html(rel))
        assert set(config) == keys, rel
        assert set(config["translations"]) <= words, rel
        assert config["search"].endswith(worker), rel
        # Features that would need a word are off: a code-copy button, a version selector
        assert "content.code.copy" not in config["features"] and not config["version"], rel
        assert config["translations"] == {}, rel
        # Printed without spaces between tokens (compact_html's on_env), like the structured data
        for script in built.html(rel).select("script#__config, script[type='application/ld+json']"):
            assert '", "' not in script.get_text() and '": ' not in script.get_text(), rel
    # A translation's base is its language's root (each language's own search index)
    assert _config(built.html("es/hip-replacement/index.html"))["base"] == "../../es/"
    assert _config(built.html("hip-replacement/index.html"))["base"] == ".."


def test_term_pages_are_left_out_of_search(built):
    """Pagefind indexes the pages with data-pagefind-body: articles and indexes, not term pages.
    Each term's name is in the indexed part of its article ("Alternative names"), which a
    search for the name finds (tests/browser/test_search.py searches for one)."""
    terms = _term_pages(built.site)
    assert terms
    for path in terms:
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(built.site).as_posix()
        assert "data-pagefind-body" not in html, rel
        soup = BeautifulSoup(html, "lxml")
        name = soup.h1.get_text(" ", strip=True)
        article = next(a for a in soup.select("article a[href]") if "glossary" not in a["href"] and "glosario" not in a["href"])
        target = (path.parent / article["href"]).resolve() / "index.html"
        body = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml").select_one("[data-pagefind-body]")
        assert body and name in body.get_text(" "), f"{rel}: {name!r} is not in the indexed part of {target}"


def test_drawer_is_materials_navigation_without_its_second_logo(built):
    """overrides/partials/nav.html is Material's but for the logo link in the drawer's title
    (the header's logo and the navigation's first item still go home); no generator meta tag
    (extra.generator is off)."""
    theirs = (MATERIAL_ICONS.parent / "partials" / "nav.html").read_text(encoding="utf-8").split("-#}\n", 1)[1]
    ours = (ROOT / "overrides" / "partials" / "nav.html").read_text(encoding="utf-8").split("-#}\n", 1)[1]
    removed = [line for line in theirs.splitlines() if line not in ours.splitlines()]
    assert len(removed) == 3 and "md-logo" in removed[0] and "logo.html" in removed[1], removed
    assert [line for line in ours.splitlines() if line not in theirs.splitlines()] == []
    for rel in ("index.html", "hip-replacement/index.html", "es/glosario/index.html"):
        soup = built.html(rel)
        title = soup.select_one(".md-nav--primary > label.md-nav__title[for=__drawer]")
        assert title and title.get_text(strip=True) and not title.find("a"), rel
        assert soup.select_one("header a.md-logo[href]") and soup.select_one(".md-nav--primary .md-nav__link[href]"), rel
        assert not soup.find("meta", attrs={"name": "generator"}), rel
