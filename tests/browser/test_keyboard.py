"""Keyboard use: the skip link, a visible focus, the language switcher and search.

Everything is done with the keys a keyboard user presses (Tab, Enter,
typing), never with clicks or by focusing elements from the test.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from .conftest import describe_violations, run_axe

pytestmark = pytest.mark.browser

MAX_TABS = 250

ACTIVE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return {
    tag: el.tagName.toLowerCase(),
    cls: el.getAttribute("class") || "",
    href: el.getAttribute("href"),
    hreflang: el.getAttribute("hreflang"),
    label: el.getAttribute("aria-label") || (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 50),
    inContent: !!el.closest(".md-content"),
  };
}"""

# The focus indicator of the focused element, or of the label that follows it
# when it is not drawn itself (Material's palette switch: a 0x0 radio button,
# and next to it the label that shows as the switch).
FOCUS_STYLE = """() => {
  let el = document.activeElement;
  const box = el.getBoundingClientRect();
  const next = el.nextElementSibling;
  if ((box.width === 0 || box.height === 0) && next && next.tagName === "LABEL") el = next;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  return {
    what: el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : ""),
    href: el.getAttribute("href"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
      ? `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}` : "",
    shadow: style.boxShadow && style.boxShadow !== "none" ? style.boxShadow : "",
    drawn: rect.width > 0 && rect.height > 0 && style.visibility !== "hidden",
  };
}"""


def tab_until(page, predicate, what: str, limit: int = MAX_TABS) -> dict:
    """Press Tab until the focused element satisfies predicate; return its description."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active and predicate(active):
            return active
        seen.append(active and f"{active['tag']}.{active['cls']} {active['href'] or active['label']!r}")
    pytest.fail(f"{what}: not reached with {limit} presses of Tab; focus went through:\n" + "\n".join(map(str, seen)))


# -- skip link -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["article", "term"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_skip_link_moves_to_the_content(open_page, site_server, article_path, term_paths, lang, kind):
    """On an article and on a glossary term page (whose script is the shared keyboard.js)."""
    page = open_page()
    if kind == "term":
        path = term_paths[lang]
    else:
        path = article_path if lang == "en" else f"es/{article_path}"
    page.goto(site_server.url(path))

    page.keyboard.press("Tab")
    first = page.evaluate(ACTIVE)
    assert first and "md-skip" in first["cls"], f"the first Tab on /{path} focuses {first}, not the skip link"
    page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")
    box = page.locator(".md-skip").bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0, "the focused skip link is not shown"
    href = first["href"]
    assert href and href.startswith("#"), href

    page.keyboard.press("Enter")
    page.wait_for_function("hash => location.hash === hash", arg=href)
    state = page.evaluate(
        """href => {
          const target = document.getElementById(decodeURIComponent(href.slice(1)));
          const active = document.activeElement;
          const box = target && target.getBoundingClientRect();
          return {
            target: !!target,
            inMain: !!(target && target.closest("main")),
            hasTitle: !!(target && (target.matches("h1") || target.querySelector("h1"))),
            focused: !!(target && active && (active === target || target.contains(active))),
            top: box ? box.top : null,
            height: window.innerHeight,
          };
        }""",
        href,
    )
    assert state["target"], f"the skip link's target {href} does not exist on /{path}"
    assert state["inMain"], f"the skip link's target {href} is not in <main>"
    assert state["hasTitle"], f"the skip link's target {href} skips the page title"
    assert state["focused"], f"Enter on the skip link does not move the focus to {href}"
    assert 0 <= state["top"] < state["height"] / 2, f"{href} is not scrolled into view ({state})"

    page.keyboard.press("Tab")
    after = page.evaluate(ACTIVE)
    assert after and after["inContent"], f"after the skip link, Tab goes to {after}, not into the content"


# -- visible focus ----------------------------------------------------------------------


@pytest.mark.parametrize("lang,color_scheme", [("en", "light"), ("es", "dark")])
def test_focus_is_always_visible(open_page, site_server, article_path, lang, color_scheme):
    """Tab through the whole article page: every stop shows an outline or a shadow."""
    page = open_page(color_scheme=color_scheme)
    path = article_path if lang == "en" else f"es/{article_path}"
    page.goto(site_server.url(path))
    stops, invisible, links, end = [], [], 0, False
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            end = True  # past the last element
            break
        style = page.evaluate(FOCUS_STYLE)
        stops.append(style)
        if style["what"].startswith("a"):
            links += 1
        if not style["drawn"]:
            invisible.append(f"{style['what']} {style['href'] or ''}: focusable but not shown")
        elif not (style["outline"] or style["shadow"]):
            invisible.append(f"{style['what']} {style['href'] or ''}: no outline, no box-shadow")
    assert end, f"Tab did not reach the end of /{path} in {MAX_TABS} presses"
    assert links >= 5, f"only {links} links reached with Tab on /{path}"
    assert not invisible, f"/{path} ({color_scheme}): focus not visible on\n" + "\n".join(invisible)


# -- language switcher ----------------------------------------------------------------------


def test_language_switcher_by_keyboard(open_page, site_server, article_path):
    page = open_page()
    page.goto(site_server.url(article_path))

    button = tab_until(page, lambda a: a["tag"] == "button" and "md-header__button" in a["cls"]
                       and a["label"] and re.search(r"language", a["label"], re.IGNORECASE), "the language button")
    page.keyboard.press("Enter")
    spanish = page.locator('.md-select__link[hreflang="es"]')
    assert spanish.is_visible(), f"the language list does not open from {button}"
    tab_until(page, lambda a: a["tag"] == "a" and a["hreflang"] == "es", "the Spanish link", limit=5)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-select__inner')).visibility") == "visible"

    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert site_server.path_of(page.url) == f"es/{article_path}", (
        f"the Spanish link of /{article_path} leads to {page.url}, not to its Spanish counterpart"
    )
    assert page.evaluate("document.documentElement.lang") == "es"


# -- search -------------------------------------------------------------------------------------

WORD = re.compile(r"[^\W\d_]{6,}")


def page_words(site, rel: str) -> Counter:
    """The words of a built page's article (what the search dialog indexes)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "lxml")
    return Counter(w.lower() for w in WORD.findall(soup.select_one("article").get_text(" ")))


@pytest.fixture(scope="module")
def search_words(real_site, article_path) -> dict[str, str]:
    """A word to look for in each language, from the article in each language.

    Spanish: frequent in the Spanish article and absent from the English one.
    English: frequent in the English article, found in the Spanish one too if
    possible (text still in English there), so that a leak would show.
    """
    en = page_words(real_site.site, f"{article_path}index.html")
    es = page_words(real_site.site, f"es/{article_path}index.html")
    spanish = [w for w, _ in es.most_common() if w not in en]
    english = [w for w, _ in en.most_common() if w in es] or [w for w, _ in en.most_common()]
    assert spanish and english, "the articles have no words"
    return {"es": spanish[0], "en": english[0]}


@pytest.mark.parametrize("lang,color_scheme", [("es", "dark"), ("en", "light")])
def test_search_by_keyboard(open_page, site_server, article_path, search_words, lang, color_scheme):
    """The search button (overrides/partials/search.html) by Tab and Enter, typing, Tab to a result, Enter."""
    page = open_page(color_scheme=color_scheme)
    path = article_path if lang == "en" else f"es/{article_path}"
    page.goto(site_server.url(path))

    tab_until(page, lambda a: a["tag"] == "button" and "hd-search-open" in a["cls"], "the search button", limit=20)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "hd-search-input"
    word = search_words[lang]
    page.keyboard.type(word)
    page.wait_for_selector("#hd-search-results a", timeout=15_000)
    hrefs = page.eval_on_selector_all("#hd-search-results a[href]", "links => links.map(a => a.href)")
    assert hrefs, f"no result for {word!r} on /{path}"
    spanish_root = site_server.url("es/")
    if lang == "es":
        outside = [h for h in hrefs if not h.startswith(spanish_root)]
        assert not outside, f"Spanish search for {word!r} gives results outside /es/: {outside}"
    else:
        inside = [h for h in hrefs if h.startswith(spanish_root)]
        assert not inside, f"English search for {word!r} gives Spanish results: {inside}"

    # The open search, with its results, passes axe too.
    lines = describe_violations(run_axe(page), f"/{path} with search results ({color_scheme})")
    assert not lines, "\n".join(lines)

    # Tab to the first result and Enter opens it.
    tab_until(page, lambda a: a["tag"] == "a" and "hd-search__link" in a["cls"], "the first result", limit=5)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0].split("#")[0] in {h.split("?")[0].split("#")[0] for h in hrefs}
