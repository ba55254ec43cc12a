"""MkDocs hook: the icons of Material's chrome drawn from one shared stylesheet.

Material inlines every icon of its header, search, footer and back-to-top
button as an SVG: about 3.4 kB per page, the same bytes on every page (the
logo and the search icons twice).  At 44,000 pages that is 150 MB of the
site.  mkdocs.yml points those icons (`theme.icon.*` and the palette toggles,
Material's supported way to change an icon) at `overrides/.icons/shared/`,
where each file is an empty `<svg>` with the original's box:

    <svg class="hd-icon" data-hd-icon="material/magnify" viewBox="0 0 24 24" aria-hidden="true"></svg>

It keeps Material's sizing rules (they select `svg`), and this hook writes
`assets/stylesheets/icons.css`, which paints each one with the theme's own
icon as a CSS mask (a data: URI, so it works from file:// too: the offline
bundle), in the text colour (`currentcolor`, like Material's `fill`), and in
the system's text colour with forced colours (Windows contrast themes).

The icon each file names must exist in the theme and have the same viewBox:
otherwise the build warns (and fails under --strict).  Wired in mkdocs.yml
(hooks:), like valid_html.py, so the test projects that copy overrides/ have it.
"""

from __future__ import annotations

import html.parser
import logging
from pathlib import Path
from urllib.parse import quote

log = logging.getLogger("mkdocs.hooks.shared_icons")

SHARED = ".icons/shared"
STYLESHEET = "assets/stylesheets/icons.css"

BASE_RULES = """\
.hd-icon{background-color:currentcolor;-webkit-mask:var(--hd-icon) center/contain no-repeat;mask:var(--hd-icon) center/contain no-repeat}
@media (forced-colors:active){.hd-icon{forced-color-adjust:none;background-color:CanvasText}}
"""


class _Svg(html.parser.HTMLParser):
    """The attributes of the first <svg> of a file."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "svg" and self.attrs is None:
            self.attrs = dict(attrs)


def svg_attrs(text: str) -> dict[str, str | None]:
    parser = _Svg()
    parser.feed(text)
    return parser.attrs or {}


def _theme_icon(theme_dirs: list[str], name: str) -> Path | None:
    for folder in theme_dirs:
        path = Path(folder) / ".icons" / f"{name}.svg"
        if path.is_file() and SHARED not in path.as_posix():
            return path
    return None


def data_uri(svg: str) -> str:
    """An SVG as a CSS url(): percent-encoded but for characters that are safe in it."""
    return "url(\"data:image/svg+xml;charset=utf-8," + quote(svg.strip(), safe=" /:=,.;-<>") + "\")"


def stylesheet(theme_dirs: list[str]) -> tuple[str, list[str]]:
    """The CSS for every shared icon of the theme's folders, and the problems found."""
    rules: list[str] = []
    problems: list[str] = []
    seen: set[str] = set()
    for folder in theme_dirs:
        shared = Path(folder) / SHARED
        if not shared.is_dir():
            continue
        for path in sorted(shared.glob("*.svg")):
            attrs = svg_attrs(path.read_text(encoding="utf-8"))
            name = attrs.get("data-hd-icon")
            if not name:
                problems.append(f"{path}: no data-hd-icon attribute naming the theme's icon")
                continue
            if name in seen:
                continue
            seen.add(name)
            source = _theme_icon(theme_dirs, name)
            if source is None:
                problems.append(f"{path}: the theme has no icon {name!r}")
                continue
            text = source.read_text(encoding="utf-8")
            if svg_attrs(text).get("viewbox") != attrs.get("viewbox"):
                problems.append(f"{path}: viewBox {attrs.get('viewbox')!r} differs from {name}'s {svg_attrs(text).get('viewbox')!r}")
            selector = f'[data-hd-icon="{name}"]'
            rules.append(f"{selector}{{--hd-icon:{data_uri(text)}}}")
    return BASE_RULES + "\n".join(rules) + "\n", problems


def on_post_build(config) -> None:
    css, problems = stylesheet(list(config.theme.dirs))
    for problem in problems:
        log.warning(problem)
    target = Path(config.site_dir) / STYLESHEET
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != css:
        target.write_text(css, encoding="utf-8")
