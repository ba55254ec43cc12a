"""MkDocs hook: Material's pages as valid HTML (the Nu HTML Checker, tests/test_html_valid.py).

Material 9.8.1 prints two things the HTML standard does not allow; this hook
rewrites them in every page and in the static templates (404.html):

- autocomplete="off" on its drawer and search toggles, two checkboxes: the
  attribute is not allowed on checkboxes.  Material uses it so that a
  browser going back to a page does not restore a toggle as it was left
  (the drawer or the search open).  A form owner with autocomplete="off"
  does the same validly: the toggles get form="__md_toggles" and an empty
  hidden <form id="__md_toggles" autocomplete="off"> closes the body.
  Checked in Chromium: without either, going back reopens the drawer.
- tabindex="" on the labels of navigation sections (navigation.sections):
  an empty tabindex is not an integer; without it the label is not
  focusable either, which is what Material means.

Wired in mkdocs.yml (hooks:); it lives in overrides/ so that the test
projects, which copy mkdocs.yml and overrides/, have it too.
"""

from __future__ import annotations

import re

FORM_ID = "__md_toggles"
_TOGGLE = re.compile(r'<input\b(?=[^>]*\btype="checkbox")(?![^>]*\bform=)([^>]*?)\s+autocomplete="off"([^>]*)>')
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\s+tabindex=""')


def valid_html(html: str) -> str:
    html, toggles = _TOGGLE.subn(rf'<input\1 form="{FORM_ID}"\2>', html)
    if toggles and f'id="{FORM_ID}"' not in html:
        html = html.replace("</body>", f'<form id="{FORM_ID}" autocomplete="off" hidden></form>\n</body>', 1)
    return _EMPTY_TABINDEX.sub(r"\1", html)


def on_post_page(output: str, page, config) -> str:
    return valid_html(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    return valid_html(output_content) if template_name.endswith(".html") else output_content
