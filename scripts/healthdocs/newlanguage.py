"""A new language in one step: `make new-language LANG=fr`.

1. adds the language to the i18n plugin's list in mkdocs.yml (the one list of
   the site's languages), with its name from CLDR ("Français") and, commented
   out, the site name, description and menu names for a translator to fill;
2. creates its catalogs from the templates: one .po per article, the shared
   `_interface.po`, and an empty term base and word list.

The next `make site` builds /<lang>/: every text still in English is shown
in English and marked as such, with the translation notice, until someone
translates it (TRANSLATING.md, "Adding a language").
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from . import catalogs, languages, segment, spelling, terminology
from .layout import Layout
from .render import yaml_scalar

#: The navigation's own titles, which static-i18n translates per language (nav_translations).
NAV_TITLES = ("Home", "Glossary", "Articles")

#: What mkdocs-static-i18n accepts as a locale (its own rule).
_I18N_LOCALE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")


class NewLanguageError(Exception):
    """Why the language was not added (the CLI prints it and exits 1)."""


def check_code(code: str, layout: Layout) -> Locale:
    if not code:
        raise NewLanguageError("give the new language's code, for example: make new-language LANG=fr")
    if not _I18N_LOCALE.fullmatch(code):
        raise NewLanguageError(f"{code!r} is not a language code mkdocs-static-i18n accepts (like fr, pt-BR or pt_BR)")
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise NewLanguageError(f"{code!r} is not a language CLDR knows (dates, alphabetical order and direction come from it)") from None
    if code in layout.langs.all:
        raise NewLanguageError(f"{code!r} is already a language of the site ({layout.config_file})")
    return locale


def _find(node: yaml.Node, key: str) -> yaml.Node | None:
    """The value of `key` in a mapping node, or of the item named `key` in a plugins list."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and item.value == key:
                return yaml.MappingNode("tag:yaml.org,2002:map", [], item.start_mark, item.end_mark)
            found = _find(item, key)
            if found is not None:
                return found
    return None


def _last_line(node: yaml.Node) -> int:
    """The last line (0-based) with text of a node: the end of its last scalar."""
    if isinstance(node, yaml.ScalarNode):
        return node.end_mark.line
    children = [v for pair in node.value for v in pair] if isinstance(node, yaml.MappingNode) else node.value
    return max((_last_line(c) for c in children), default=node.start_mark.line)


def entry(code: str, locale: Locale, indent: int, config: dict) -> list[str]:
    """The language's item in the i18n plugin's list, as YAML lines: its name, and the
    site's own texts commented out, for a translator to translate and uncomment."""
    own = locale.get_display_name(locale) or code
    pad = " " * indent
    lines = [f"{pad}- locale: {code}", f"{pad}  name: {yaml_scalar(own[:1].upper() + own[1:])}", f"{pad}  build: true",
             f"{pad}  # To translate (until then the source language's text is shown), then uncomment:"]
    for key in ("site_name", "site_description", "copyright"):
        if config.get(key):
            lines.append(f"{pad}  # {key}: {yaml_scalar(str(config[key]))}")
    lines.append(f"{pad}  # nav_translations:")
    lines.extend(f"{pad}  #   {name}: {name}" for name in NAV_TITLES)
    return lines


def add_to_config(path: Path, code: str, locale: Locale) -> None:
    """Append the language to the i18n plugin's `languages:` of a mkdocs.yml, keeping the
    rest of the file (comments included) as it is."""
    text = path.read_text(encoding="utf-8")
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    plugins = _find(root, "plugins") if root is not None else None
    i18n = _find(plugins, "i18n") if plugins is not None else None
    listed = _find(i18n, "languages") if i18n is not None else None
    if not isinstance(listed, yaml.SequenceNode) or not listed.value:
        raise NewLanguageError(f"{path.name}: no `languages:` list under the i18n plugin to add {code!r} to")
    last = listed.value[-1]
    indent = max(last.start_mark.column - 2, 0)
    lines = text.split("\n")
    at = _last_line(last) + 1
    lines[at:at] = entry(code, locale, indent, languages.read_config(path))
    path.write_text("\n".join(lines), encoding="utf-8")


def new_language(layout: Layout, code: str) -> list[Path]:
    """Add `code` to the site and create its catalogs; returns the files created."""
    locale = check_code(code, layout)
    add_to_config(layout.root / layout.config_file, code, locale)
    created: list[Path] = []
    for path in layout.sources():
        po = layout.po_path(code, path)
        if catalogs.sync(po, catalogs.template_for(segment.read(path, layout.root)), code):
            created.append(po)
    if catalogs.sync(layout.interface_po(code), catalogs.interface_template(layout), code):
        created.append(layout.interface_po(code))
    folder = layout.locales / code
    terms = terminology.path_for(layout.locales, code)
    if not terms.exists():
        terms.write_text(",".join(terminology.COLUMNS) + "\n", encoding="utf-8")
        created.append(terms)
    words = folder / spelling.WORDLIST
    if not words.exists():
        words.write_text("# Words the spelling dictionary does not know, one a line (see TRANSLATING.md).\n",
                         encoding="utf-8")
        created.append(words)
    languages.get.cache_clear()
    return created
