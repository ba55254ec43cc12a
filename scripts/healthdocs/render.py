"""Markdown fragments the pipeline adds to pages, rendered from Jinja templates.

The templates live in `templates/` beside this module; their interface strings
(`{% trans %}`) are extracted into `locales/<lang>/_interface.po` with the
theme's.  Python only prepares data; no Markdown or HTML is written here.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import jinja2
from babel.dates import format_date
from babel.support import NullTranslations

TEMPLATES = Path(__file__).parent / "templates"


def localized_date(value: dt.date | str, lang: str) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, format="long", locale=lang)


@functools.cache
def _env(lang: str, translations: NullTranslations) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        extensions=["jinja2.ext.i18n"],
        autoescape=False,  # Markdown output; values are escaped by the `md` filter
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.install_gettext_translations(translations, newstyle=False)  # type: ignore[attr-defined]
    env.filters["date"] = lambda value: localized_date(value, lang)
    env.filters["md"] = escape_markdown
    return env


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as it is (for names used as link text or list items)."""
    out = []
    for ch in str(text):
        if ch in "\\`*_[]<>#|":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def render(template: str, lang: str, translations: NullTranslations, **context) -> str:
    return _env(lang, translations).get_template(template).render(lang=lang, **context)
