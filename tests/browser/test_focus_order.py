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
    hidden: hidden, covered: covered,
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
    if not (stop["inHeader"] or stop["inDialog"] or stop["inDrawer"]) and stop["top"] < stop["headerBottom"] - tolerance:
        out.append(f"under the header (top {stop['top']:.0f} < {stop['headerBottom']:.0f})")
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


