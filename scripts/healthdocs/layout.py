"""Where a project's files are: English sources, catalogs, theme overrides, and its languages.

The languages are the i18n plugin's list in the project's mkdocs.yml (see
`healthdocs.languages`).  A folder with no mkdocs.yml (a catalog tree being
checked on its own) takes its translation languages from the folders of
locales/.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import languages

#: The shared catalog of each language: interface strings of the theme and templates.
INTERFACE = "_interface"
CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class Layout:
    """Where sources and catalogs live, relative to the project root."""

    root: Path
    docs_dir: str = "docs"
    locales_dir: str = "locales"
    overrides_dir: str = "overrides"
    config_file: str = CONFIG_FILE
    #: The site's languages when already known (the plugin passes MkDocs' parsed list)
    declared: languages.Languages | None = None

    @property
    def docs(self) -> Path:
        return self.root / self.docs_dir

    @property
    def overrides(self) -> Path:
        return self.root / self.overrides_dir

    @property
    def locales(self) -> Path:
        return self.root / self.locales_dir

    def sources(self) -> list[Path]:
        """English Markdown sources, in a stable order."""
        return sorted(p for p in self.docs.rglob("*.md") if not _is_localized(p))

    def po_path(self, lang: str, source: Path) -> Path:
        rel = source.relative_to(self.docs).with_suffix(".po")
        return self.locales / lang / rel

    def interface_po(self, lang: str) -> Path:
        return self.locales / lang / f"{INTERFACE}.po"

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    @functools.cached_property
    def langs(self) -> languages.Languages:
        """The site's languages: mkdocs.yml's list (or, with no mkdocs.yml, locales/ folders)."""
        if self.declared is not None:
            return self.declared
        config = self.root / self.config_file
        if config.is_file():
            return languages.configured(config)
        found = sorted(p.name for p in self.locales.iterdir() if p.is_dir()) if self.locales.is_dir() else []
        return languages.Languages(languages.SOURCE, tuple(c for c in found if c != languages.SOURCE))

    def config_strings(self) -> list[tuple[str, int]]:
        """Interface strings written in mkdocs.yml (the palette toggles' names), with their
        lines: extracted into every language's _interface.po with the templates' strings."""
        config = self.root / self.config_file
        if not config.is_file():
            return []
        root = yaml.compose(config.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        theme = _value(root, "theme")
        palette = _value(theme, "palette")
        out = []
        for option in palette.value if isinstance(palette, yaml.SequenceNode) else []:
            name = _value(_value(option, "toggle"), "name")
            if isinstance(name, yaml.ScalarNode) and name.value:
                out.append((name.value, name.start_mark.line + 1))
        return out

    def languages(self) -> list[str]:
        """The translation languages (every language but the source)."""
        return list(self.langs.translations)


def _value(node, key: str):
    """The value node of `key` in a YAML mapping node (None when absent or not a mapping)."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def _is_localized(path: Path) -> bool:
    """`page.es.md` is a hand-written translation: this project never has any."""
    suffixes = path.suffixes
    return len(suffixes) >= 2 and len(suffixes[-2]) in (3, 6) and suffixes[-2][1:3].isalpha()
