"""The pipeline's Jinja templates (`templates/` beside this module), in one environment.

Markdown fragments the pipeline adds to pages (`*.md.j2`), the offline page
and web app manifest (`*.html.j2`, `*.webmanifest.j2`) and the new-article
template all render here.  Their interface strings (`{% trans %}`) are
extracted into `locales/<lang>/_interface.po` with the theme's.  Python only
prepares data; no Markdown or HTML is written in Python.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2
import yaml
from babel.support import NullTranslations
from markupsafe import Markup

from . import languages

TEMPLATES = Path(__file__).parent / "templates"


def localized_date(value, lang: str) -> str:
    return languages.get(lang).format_date(value)


@functools.cache
def environment(lang: str | None = None, translations: NullTranslations | None = None) -> jinja2.Environment:
    """The environment of one language and its interface translations (made once for each).

    HTML templates (`.html.j2`) are autoescaped; Markdown, JSON and YAML ones are
    not, and their values go through the `md`, `tojson` and `yaml` filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        extensions=["jinja2.ext.i18n"],
        autoescape=jinja2.select_autoescape(["html.j2"], default_for_string=False, default=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.install_gettext_translations(translations or NullTranslations(), newstyle=False)  # type: ignore[attr-defined]
    if lang is not None:
        env.filters["date"] = lambda value: localized_date(value, lang)
    env.filters["md"] = escape_markdown
    env.filters["yaml"] = yaml_scalar
    env.filters["plain"] = plain
    env.filters["lang_attr"] = lang_attr
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


def plain(text) -> str:
    """An interface string as an attribute value: the text, without the mark of its language."""
    return Markup(text).striptags() if isinstance(text, Markup) else str(text)


def lang_attr(text) -> str:
    """` lang="en"` for an interface string shown in the source language (see `plain`), else ""."""
    found = _MARKED.match(str(text)) if isinstance(text, Markup) else None
    return f' lang="{found.group(1)}"' if found else ""


_MARKED = re.compile(r'^<span lang="([^"]+)">')


def yaml_scalar(value: str) -> str:
    """A string as YAML writes it on one line (quoted only when it needs to be)."""
    text = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def render(template: str, lang: str | None, translations: NullTranslations | None = None, **context) -> str:
    return environment(lang, translations).get_template(template).render(lang=lang, **context)
