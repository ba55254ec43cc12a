"""Keyboard order that follows what is visible, at a phone's width and a desktop's.

At 412 px and 1280 px, in both languages, only with the keys a reader presses:
- the first Tab stops are the skip link, then the header's controls, then the
  page (never the closed drawer, never the closed search screen);
- every stop is drawn, inside the viewport and not hidden under the header;
- the drawer's toggle opens the drawer, Tab stays in it, Escape closes it and
  brings the focus back;
- the search screen opens only from its button; while it is open, Tab and
  Shift+Tab never leave it; Escape closes it and the focus is back where it was.
Also: nothing in the header is cut off at 320-412 px, and tooltips stay inside
the viewport.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE, DESKTOP = 412, 1280
WIDTHS = [PHONE, DESKTOP]
LANGS = ["en", "es"]
HEIGHT = 800

# The focused element, where it is, and what would be drawn there.  A 0x0
# radio button (Material's palette switch) is drawn as the label after it.
STOP = """() => {
  let el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  let shown = el;
  const own = el.getBoundingClientRect();
  if ((own.width === 0 || own.height === 0) && el.nextElementSibling && el.nextElementSibling.tagName === "LABEL")
    shown = el.nextElementSibling;
  const box = shown.getBoundingClientRect();
  let hidden = null;
  for (let node = shown; node && node.nodeType === 1; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.visibility === "hidden" || style.display === "none" || parseFloat(style.opacity) < 0.5) {
      hidden = node.tagName.toLowerCase() + "." + String(node.className).split(" ").join(".");
      break;
    }
  }
  const header = document.querySelector(".md-header");
  const headerBottom = header ? header.getBoundingClientRect().bottom : 0;
  // What is drawn at the middle of the element: itself (or a part of it), unless
  // something covers it.
  const cx = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const cy = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(cx, cy);
  const covered = !(hit && (shown.contains(hit) || hit.contains(shown) || el.contains(hit) || hit === el));
  // The header is sticky: what Tab scrolls to must not sit under it.
  const topHit = document.elementFromPoint(cx, Math.min(Math.max(box.top + 2, 0), innerHeight - 1));
  const underHeader = !!(header && topHit && header.contains(topHit) && !header.contains(el));
  const dialog = el.closest("dialog, [role=dialog]");
  const controls = el.getAttribute("aria-controls") && document.getElementById(el.getAttribute("aria-controls"));
  return {
    controlsDrawer: !!(controls && controls.matches(".md-sidebar--primary")),
    popup: el.getAttribute("aria-haspopup"),
    expanded: el.getAttribute("aria-expanded"),
    what: el.tagName.toLowerCase() + (el.className ? "." + String(el.className).trim().split(/\\s+/).join(".") : "")
      + (el.getAttribute("href") ? ` href=${el.getAttribute("href")}` : ""),
    name: (el.getAttribute("aria-label") || el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40),
    inHeader: !!el.closest(".md-header") && !dialog,
    inDialog: !!dialog,
    inDrawer: !!el.closest(".md-sidebar--primary"),
    inContent: !!el.closest(".md-content"),
    inMain: !!el.closest(".md-main"),
    left: box.left, right: box.right, top: box.top, bottom: box.bottom,
    width: box.width, height: box.height,
    vw: innerWidth, vh: innerHeight, headerBottom: headerBottom,
    hidden: hidden, covered: covered, underHeader: underHeader,
    hit: hit ? hit.tagName.toLowerCase() + "." + String(hit.className).split(" ").join(".") : null,
  };
}"""


def problems(stop: dict) -> list[str]:
    """Why a focused element cannot be seen: not drawn, outside the viewport, covered."""
    out = []
    if stop["hidden"]:
        out.append(f"hidden by {stop['hidden']}")
    if stop["width"] <= 0 or stop["height"] <= 0:
        out.append("has no size")
    tolerance = 1
    if stop["left"] < -tolerance or stop["right"] > stop["vw"] + tolerance:
        out.append(f"outside the viewport horizontally ({stop['left']:.0f}..{stop['right']:.0f} of {stop['vw']})")
    if stop["top"] < -tolerance or stop["bottom"] > stop["vh"] + tolerance:
        out.append(f"outside the viewport vertically ({stop['top']:.0f}..{stop['bottom']:.0f} of {stop['vh']})")
    if stop["underHeader"]:
        out.append(f"under the header (top {stop['top']:.0f}, header to {stop['headerBottom']:.0f})")
    if stop["covered"]:
        out.append(f"covered by {stop['hit']}")
    return out


def settled_stop(page) -> dict | None:
    """The focused element once scrolling and transitions (drawer, menus) have settled."""
    page.wait_for_timeout(30)
    last = None
    for _ in range(15):
        stop = page.evaluate(STOP)
        if stop is None or (last and stop == last and not problems(stop)):
            return stop
        last = stop
        page.wait_for_timeout(60)
    return last


def describe(stop: dict | None) -> str:
    if stop is None:
        return "(nothing: the page itself)"
    return f"{stop['what']} {stop['name']!r}"


def open_at(open_page, site_server, path: str, width: int):
    page = open_page(viewport={"width": width, "height": HEIGHT})
    page.goto(site_server.url(path))
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)  # Material's scripts have set the header up
    return page


def page_path(article_path: str, lang: str) -> str:
    return article_path if lang == "en" else f"{lang}/{article_path}"


# -- the first Tab stops, and every stop visible ------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_tab_order_follows_what_is_visible(open_page, site_server, article_path, lang, width):
    path = page_path(article_path, lang)
    page = open_at(open_page, site_server, path, width)
    stops, invisible = [], []
    for _ in range(250):
        page.keyboard.press("Tab")
        stop = settled_stop(page)
        if stop is None:
            break  # past the last stop
        if stops and stop["what"] == stops[0]["what"]:
            break  # around again
        stops.append(stop)
        for problem in problems(stop):
            invisible.append(f"stop {len(stops)} {describe(stop)}: {problem}")
    sequence = "\n".join(f"{i + 1:>3} {describe(s)}" for i, s in enumerate(stops[:40]))
    where = f"/{path} at {width} px"

    assert stops and "md-skip" in stops[0]["what"], f"{where}: the first Tab stop is not the skip link:\n{sequence}"
    header = 1
    while header < len(stops) and stops[header]["inHeader"]:
        header += 1
    assert header >= 3, f"{where}: fewer than two header controls after the skip link:\n{sequence}"
    assert all(not s["inHeader"] and not s["inDialog"] for s in stops[header:]), (
        f"{where}: Tab comes back to the header or reaches the closed search screen:\n{sequence}"
    )
    assert stops[header]["inMain"], f"{where}: after the header, Tab goes to {describe(stops[header])}:\n{sequence}"
    if width == PHONE:
        assert not any(s["inDrawer"] for s in stops), f"{where}: the closed drawer takes focus:\n{sequence}"
        assert stops[header]["inContent"], f"{where}: after the header, Tab does not go to the content:\n{sequence}"
        assert any(s["controlsDrawer"] for s in stops[1:header]), f"{where}: the drawer's toggle is not a stop:\n{sequence}"
    assert any(s["popup"] == "dialog" for s in stops[1:header]), f"{where}: no search button in the header:\n{sequence}"
    assert sum(1 for s in stops if s["inContent"]) >= 5, f"{where}: few content stops:\n{sequence}"
    assert not invisible, f"{where}: focus not visible:\n" + "\n".join(invisible) + f"\n\nsequence:\n{sequence}"


# -- the drawer -------------------------------------------------------------------------------


def tab_to(page, predicate, what: str, limit: int = 20) -> dict:
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = settled_stop(page)
        if stop and predicate(stop):
            return stop
        seen.append(describe(stop))
    pytest.fail(f"{what} not reached with {limit} presses of Tab:\n" + "\n".join(seen))


@pytest.mark.parametrize("lang", LANGS)
def test_drawer_by_keyboard(open_page, site_server, article_path, lang):
    path = page_path(article_path, lang)
    page = open_at(open_page, site_server, path, PHONE)
    toggle = tab_to(page, lambda s: s["inHeader"] and s["controlsDrawer"], "the drawer's toggle")
    state = page.evaluate(
        """() => ({tag: document.activeElement.tagName, expanded: document.activeElement.getAttribute("aria-expanded"),
                   inert: document.querySelector(".md-sidebar--primary").inert})"""
    )
    assert state == {"tag": "BUTTON", "expanded": "false", "inert": True}, state
    assert toggle["name"], "the drawer's toggle has no name"

    page.keyboard.press("Enter")
    first = settled_stop(page)
    assert first and first["inDrawer"], f"Enter on the toggle: the focus is on {describe(first)}, not in the drawer"
    assert not problems(first), problems(first)
    assert page.evaluate("!document.querySelector('.md-sidebar--primary').inert")
    inside = [describe(first)]
    for key in ["Tab"] * 25 + ["Shift+Tab"] * 5:
        page.keyboard.press(key)
        stop = settled_stop(page)
        assert stop and stop["inDrawer"], f"{key} leaves the open drawer for {describe(stop)} after {inside}"
        assert not problems(stop), f"{describe(stop)}: {problems(stop)}"
        inside.append(describe(stop))

    page.keyboard.press("Escape")
    back = settled_stop(page)
    assert back and back["controlsDrawer"], f"Escape: the focus is on {describe(back)}, not on the toggle"
    assert back["expanded"] == "false"
    assert page.evaluate(
        "!document.getElementById('__drawer').checked && document.querySelector('.md-sidebar--primary').inert"
    ), "Escape does not close the drawer"


# -- the search screen ------------------------------------------------------------------------

# A word the page's own title has, so that the search finds this page at least.
WORD = """() => document.querySelector(".md-content h1").textContent.trim().split(/\\s+/)
  .sort((a, b) => b.length - a.length)[0]"""

OPEN_DIALOG = """() => {
  const open = [...document.querySelectorAll("dialog[open], [role=dialog]")].filter(d => {
    const box = d.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(d).visibility !== "hidden";
  });
  return open.length;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_search_screen_keeps_the_focus(open_page, site_server, article_path, lang, width):
    path = page_path(article_path, lang)
    page = open_at(open_page, site_server, path, width)
    assert page.evaluate(OPEN_DIALOG) == 0, f"/{path}: a dialog is open before the reader asks"
    opener = tab_to(page, lambda s: s["inHeader"] and s["popup"] == "dialog", "the search button")
    assert page.evaluate(OPEN_DIALOG) == 0, "tabbing to the search button opens the search screen"

    word = page.evaluate(WORD)
    page.keyboard.press("Enter")
    page.wait_for_function(OPEN_DIALOG)
    stop = settled_stop(page)
    assert stop and stop["inDialog"], f"the search screen opens, but the focus is on {describe(stop)}"
    page.keyboard.type(word)
    page.wait_for_selector("dialog[open] a[href], [role=dialog] a[href]", timeout=15_000)
    page.wait_for_timeout(300)
    seen = []
    for key in ["Tab"] * 25 + ["Shift+Tab"] * 25:
        page.keyboard.press(key)
        stop = settled_stop(page)
        assert stop and stop["inDialog"], f"{key} leaves the open search screen for {describe(stop)}; before: {seen[-5:]}"
        assert not problems(stop), f"{describe(stop)} in the search screen: {problems(stop)}"
        seen.append(describe(stop))
    assert len(set(seen)) >= 3, f"Tab goes through only {set(seen)} in the search screen"

    page.keyboard.press("Escape")
    page.wait_for_function(f"!({OPEN_DIALOG})()")
    back = settled_stop(page)
    assert back and back["what"] == opener["what"], f"Escape: the focus is on {describe(back)}, not on the search button"


# -- nothing cut off ---------------------------------------------------------------------------

CUT_OFF = """() => {
  const out = [];
  for (const el of document.querySelectorAll(".md-header *")) {
    if (el.closest("dialog:not([open]), [hidden], .md-select__inner")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden" || el.getClientRects().length === 0) continue;
    const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join("").trim();
    if (!text) continue;
    const box = el.getBoundingClientRect();
    if (style.opacity === "0") continue;
    if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== "visible")
      out.push(`${text.slice(0, 40)}: ${el.scrollWidth} px of text in ${el.clientWidth} px`);
    if (box.left < -1 || box.right > innerWidth + 1)
      out.push(`${text.slice(0, 40)}: ${box.left.toFixed(0)}..${box.right.toFixed(0)} outside 0..${innerWidth}`);
    if (text.includes("\\u2026")) out.push(`${text.slice(0, 40)}: shortened with an ellipsis`);
  }
  if (document.documentElement.scrollWidth > innerWidth + 1)
    out.push(`the page is ${document.documentElement.scrollWidth} px wide in ${innerWidth} px`);
  return out;
}"""

TOOLTIPS = """() => [...document.querySelectorAll(".md-tooltip--active, .md-tooltip2--active, [role=tooltip]")]
  .filter(t => getComputedStyle(t).opacity !== "0" && t.getClientRects().length)
  .map(t => { const b = t.getBoundingClientRect();
              return {text: t.textContent.trim(), left: b.left, right: b.right, top: b.top, bottom: b.bottom}; })"""


@pytest.fixture(scope="module")
def page_kinds(real_site, article_path) -> list[str]:
    """One page of each kind: home, article, glossary index, a glossary term, status (English paths)."""
    import sys

    from ..conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import lighthouse
    finally:
        sys.path.pop(0)
    found = lighthouse.page_types(real_site.site)
    assert len(found) >= 2 and all(len(kinds) == len(lighthouse.TYPES) for kinds in found.values()), found
    return [path for kinds in found.values() for path in kinds.values()]


@pytest.mark.parametrize("width", [320, 360, 412])
def test_nothing_cut_off_in_the_header(open_page, site_server, page_kinds, width):
    page = open_page(viewport={"width": width, "height": 640})
    cut = []
    for path in page_kinds:
        page.goto(site_server.url(path))
        page.wait_for_timeout(150)
        for scrolled in (False, True):
            if scrolled:  # Material swaps in the page's title once its heading is gone
                page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
                page.wait_for_timeout(500)
            cut += [f"/{path}{' (scrolled)' if scrolled else ''}: {line}" for line in page.evaluate(CUT_OFF)]
    assert not cut, f"cut off at {width} px:\n" + "\n".join(cut)


TITLED = """() => [...(document.querySelectorAll("[data-hd-titled]").forEach(el => el.removeAttribute("data-hd-titled")), document.querySelector("dialog[open]") || document.querySelector(".md-header")).querySelectorAll("[title]")]
  .filter(el => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0
                  && b.right > 0 && b.left < innerWidth && getComputedStyle(el).visibility !== "hidden"; })
  .map((el, i) => { el.setAttribute("data-hd-titled", String(i)); return el.getAttribute("title"); })"""


def hover_tooltips(page, width: int) -> tuple[list[str], list[str]]:
    """Point at every visible control with a title; the tooltips shown, and those not inside the viewport."""
    shown, outside = [], []
    for i, title in enumerate(page.evaluate(TITLED)):
        page.hover(f'[data-hd-titled="{i}"]')
        page.wait_for_timeout(400)
        for tip in page.evaluate(TOOLTIPS):
            shown.append(tip["text"])
            if tip["left"] < -1 or tip["right"] > width + 1 or tip["top"] < -1:
                outside.append(f"{title!r}: tooltip {tip['text']!r} at {tip['left']:.0f}..{tip['right']:.0f}")
        page.mouse.move(width / 2, HEIGHT - 5)
        page.wait_for_timeout(300)
    return shown, outside


@pytest.mark.parametrize("width", [320, 412])
@pytest.mark.parametrize("lang", LANGS)
def test_tooltips_inside_the_viewport(open_page, site_server, article_path, lang, width):
    """Every control in the header, and in the open search screen, that shows a tooltip: it fits."""
    path = page_path(article_path, lang)
    page = open_at(open_page, site_server, path, width)
    shown, outside = hover_tooltips(page, width)
    tab_to(page, lambda s: s["inHeader"] and s["popup"] == "dialog", "the search button")
    page.keyboard.press("Enter")
    page.wait_for_function(OPEN_DIALOG)
    page.keyboard.type(page.evaluate(WORD))
    page.wait_for_timeout(500)
    in_dialog, outside_dialog = hover_tooltips(page, width)
    assert shown, f"/{path}: no tooltip shown for any header control"
    outside += outside_dialog
    assert not outside, f"/{path} at {width} px: tooltips cut off:\n" + "\n".join(outside)
