"""MkDocs hook: pages without the indentation and blank lines of the theme's templates.

Material's templates are written for reading: nested, indented, with every
`{% if %}` and `{% for %}` on its own line, and all of that whitespace is
printed into every page (about a fifth of a glossary page).  A browser shows
any run of whitespace between words or tags as at most one space, so a run
that contains a line break is written here as that one line break: the page
renders the same, text and spacing included.  Left exactly as they are:
`<pre>` and `<textarea>` (whitespace is content there), and, on a page with
a backtick (a JavaScript template literal keeps its indentation), every
`<script>` and `<style>`.

JSON that the templates print with Jinja's `tojson` (Material's configuration,
the structured data) is printed without the spaces after `,` and `:`: the
same JSON (on_env sets Jinja's json.dumps_kwargs policy; keys stay sorted).

Wired in mkdocs.yml (hooks:), like valid_html.py; runs on every page and on
the static templates (404.html).
"""

from __future__ import annotations

import re

# Where an element whose text is kept byte for byte starts; its end tag ends it.
_VERBATIM = re.compile(r"<(pre|textarea|script|style)\b", re.I)
_CLOSE = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("pre", "textarea", "script", "style")}
_VERBATIM_TEXT = re.compile(r"<(pre|textarea)\b", re.I)
_BREAK = re.compile(r"\n\s+")


def compact(html: str) -> str:
    if "`" not in html and not _VERBATIM_TEXT.search(html):
        # No <pre> or <textarea>, and no script with a template literal (the one
        # place in a script or style sheet where a line's indentation is kept):
        # the common case, in one pass.
        return _BREAK.sub("\n", html)
    out = []
    pos = 0
    for match in _VERBATIM.finditer(html):
        if match.start() < pos:  # inside the previous verbatim element
            continue
        end = _end(html, match)
        out.append(_BREAK.sub("\n", html[pos : match.start()]))
        out.append(html[match.start() : end])
        pos = end
    out.append(_BREAK.sub("\n", html[pos:]))
    return "".join(out)


def _end(html: str, match: re.Match) -> int:
    """Just after the end tag of the element that starts at match (the page's end if none)."""
    close = _CLOSE[match.group(1).lower()].search(html, match.end())
    return close.end() if close else len(html)


def on_env(env, config, files):
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    return env


def on_post_page(output: str, page, config) -> str:
    return compact(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    return compact(output_content) if template_name.endswith(".html") else output_content
