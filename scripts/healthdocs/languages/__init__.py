"""Everything that differs from one language to another, and the site's list of languages.

The list is declared once: the i18n plugin's `languages` in mkdocs.yml (the
healthdocs plugin's `source_language` names the one the Markdown is written in,
the i18n plugin's `default`).  `configured()` reads it for the command line;
the plugin builds the same `Languages` from MkDocs' own parsed configuration.

What a language needs beyond its code lives in one small file per language
here (`en.py`, `es.py`, ...), the way Material keeps `partials/languages/*.html`:

- the folder of its glossary pages (part of the URL readers see);
- its Open Graph locale (``es_US``: the Spanish is written for the United
  States and Latin America, "celular", 911);
- its readability formula, or ``None``: `make check-content` then says that
  the language is not scored, instead of skipping it silently;
- how a word of the term base may be inflected (plurals), and which Hunspell
  dictionaries spell it.

A language with no file gets defaults: the glossary in ``glossary/``, the
Open Graph locale from CLDR's likely territory, no readability formula, terms
matched as written and the Hunspell dictionary named like the code.  Dates
(Babel), collation and alphabetic index (ICU) and writing direction (CLDR)
come from the code itself, for every language.  Interface text (the 404 and
offline pages included) is in each language's catalog, locales/<lang>/_interface.po.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import icu
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date

#: The language the Markdown is written in, unless mkdocs.yml says otherwise
#: (the healthdocs plugin's `source_language`).
SOURCE = "en"

__all__ = ["Language", "Languages", "Readability", "LanguageConfigError", "get", "configured", "from_entries"]


@dataclass(frozen=True)
class Readability:
    """A plain-language formula: how to score a text, and the limit an article must keep."""

    name: str  # shown in reports, e.g. "Flesch-Kincaid grade"
    key: str  # the Scores field it limits
    limit: float
    higher_is_easier: bool
    #: text -> {"words", "sentences", "syllables", and the formula's figures (Scores fields)}
    measure: Callable[[str], dict]
    #: scores -> its summary line ("grade 7.1, reading ease 65.2")
    summary: Callable[[object], str]

    def problem(self, value: float) -> str | None:
        """Why a score breaks the limit, or None."""
        if self.higher_is_easier and value < self.limit:
            return f"{self.name} {value:.1f} is below {self.limit:g}"
        if not self.higher_is_easier and value > self.limit:
            return f"{self.name} {value:.1f} is above {self.limit:g}"
        return None

    @property
    def rule(self) -> str:
        return f"{self.name} {'>=' if self.higher_is_easier else '<='} {self.limit:g}"


def _as_written(word: str) -> tuple[str, ...]:
    return (word,)


@dataclass(frozen=True)
class Language:
    """The facts of one language (the defaults hold for a language with no file here)."""

    code: str
    glossary_dir: str = "glossary"
    og_locale: str | None = None  # None: CLDR's likely territory (fr -> fr_FR)
    readability: Readability | None = None
    #: forms of one term-base word that count as the term (its plurals); as written by default
    inflections: Callable[[str], tuple[str, ...]] = field(default=_as_written, repr=False)
    inflect_every_word: bool = False  # True: every word of a term inflects (Spanish adjectives agree)
    #: Hunspell dictionary names tried in order; () means the code itself
    dictionaries: tuple[str, ...] = ()
    #: the Debian package of that dictionary (`make system-deps` installs it), if known
    dictionary_package: str | None = None

    @functools.cached_property
    def locale(self) -> Locale | None:
        try:
            return Locale.parse(self.code.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            return None

    @property
    def english_name(self) -> str:
        """"Spanish": the PO header's Language-Team."""
        return (self.locale.english_name if self.locale else None) or self.code

    @property
    def own_name(self) -> str:
        """"español": the language's name for itself (CLDR)."""
        return (self.locale.get_display_name(self.locale) if self.locale else None) or self.code

    @property
    def direction(self) -> str:
        """"rtl" or "ltr", as the HTML dir attribute wants it."""
        order = self.locale.character_order if self.locale else "left-to-right"
        return "rtl" if order == "right-to-left" else "ltr"

    @property
    def open_graph_locale(self) -> str:
        if self.og_locale:
            return self.og_locale
        likely = get_global("likely_subtags").get(self.code.replace("-", "_"), "")
        parts = likely.split("_")
        return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 and parts[-1].isupper() else self.code

    @property
    def search_scripts(self) -> tuple[str, ...]:
        """Scripts Material's search needs beyond the language's lunr stemmer (word segmenters)."""
        return _LUNR_SEGMENTERS.get(self.code, ())

    @property
    def hunspell_names(self) -> tuple[str, ...]:
        return self.dictionaries or (self.code,)

    def format_date(self, value: dt.date | str) -> str:
        """A date as the language writes it in running text (Babel, CLDR's long format)."""
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        return format_date(value, format="long", locale=self.code.replace("-", "_"))

    @functools.cached_property
    def collator(self) -> icu.Collator:
        return icu.Collator.createInstance(icu.Locale(self.code))

    def sort_key(self, text: str) -> bytes:
        """The language's alphabetical order (ICU): accents do not count first, Ñ after N."""
        return self.collator.getSortKey(text)

    def sorted(self, items, key: Callable = str):
        return sorted(items, key=lambda item: self.sort_key(key(item)))

    def letter_groups(self, items, key: Callable = str, also: tuple[str, ...] = ()) -> list[tuple[str, list]]:
        """Items under the letter headings of the language's alphabet (ICU's alphabetic index),
        and of the alphabets of the languages `also` (names shown untranslated, in the source
        language); names that start with a digit or a symbol go under "#"."""
        index = icu.AlphabeticIndex(icu.Locale(self.code))
        for other in also:
            if other != self.code:
                index.addLabels(icu.Locale(other))
        for item in items:
            index.addRecord(key(item), item)
        groups: list[tuple[str, list]] = []
        while index.nextBucket():
            if index.bucketRecordCount == 0:
                continue
            records = []
            while index.nextRecord():
                records.append(index.recordData)
            label = index.bucketLabel if index.bucketLabelType == icu.UAlphabeticIndexLabelType.NORMAL else "#"
            groups.append((label, self.sorted(records, key)))
        return groups


#: lunr-languages' word segmenters, by the languages that need one (Material ships them).
_LUNR_SEGMENTERS = {"ja": ("tinyseg.js",), "hi": ("wordcut.js",), "th": ("wordcut.js",)}

#: One module per language with facts of its own, each defining LANGUAGE.
_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@functools.cache
def get(code: str) -> Language:
    """The facts of a language: its own module here, or the defaults."""
    if _CODE.fullmatch(code):
        name = code.lower().replace("-", "_")
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
        else:
            return module.LANGUAGE
    return Language(code)


# -- the site's languages ------------------------------------------------------------


class LanguageConfigError(Exception):
    """The language list of mkdocs.yml is unusable (the message names the file)."""


@dataclass(frozen=True)
class Languages:
    """The languages of one site, in the order of mkdocs.yml, the source language first."""

    source: str
    translations: tuple[str, ...]
    names: dict[str, str] = field(default_factory=dict, compare=False)  # code -> name in the switcher

    @property
    def all(self) -> list[str]:
        return [self.source, *self.translations]

    def __getitem__(self, code: str) -> Language:
        return get(code)

    def name(self, code: str) -> str:
        return self.names.get(code) or get(code).own_name

    def root(self, code: str) -> str:
        """The language's folder under the site root: '' for the source language, 'es/' for another."""
        return "" if code == self.source else f"{code}/"

    def localized_uri(self, src_uri: str, code: str) -> str:
        """static-i18n's suffix layout: page.md -> page.es.md (the source language keeps page.md)."""
        return src_uri if code == self.source else src_uri[: -len(".md")] + f".{code}.md"

    def language_of(self, src_uri: str) -> str:
        """The language of a page source in the suffix layout (page.es.md -> es)."""
        parts = src_uri[: -len(".md")].rsplit("/", 1)[-1].split(".")
        return parts[-1] if len(parts) > 1 and parts[-1] in self.translations else self.source

    def glossary_index_uri(self, code: str) -> str:
        return self.localized_uri(f"{get(code).glossary_dir}/index.md", code)

    def glossary_page_uri(self, code: str, slug: str) -> str:
        return self.localized_uri(f"{get(code).glossary_dir}/{slug}.md", code)

    def folders(self) -> set[str]:
        """Every top-level folder a language takes in the site: language roots and glossary folders."""
        return {*self.translations, *(get(code).glossary_dir for code in self.all)}


def from_entries(entries, source: str | None = None, where: str = "mkdocs.yml") -> Languages:
    """Languages from the i18n plugin's `languages` entries (dicts or its config objects)."""

    def value(entry, key, default=None):
        return entry.get(key, default) if isinstance(entry, dict) else getattr(entry, key, default)

    built = [e for e in entries if value(e, "build", True) and value(e, "locale") not in (None, "null")]
    if not built:
        raise LanguageConfigError(f"{where}: the i18n plugin lists no language to build (plugins: i18n: languages:)")
    defaults = [value(e, "locale") for e in built if value(e, "default", False)]
    default = defaults[0] if defaults else value(built[0], "locale")
    source = source or default
    if source != default:
        raise LanguageConfigError(
            f"{where}: healthdocs' source_language is {source!r} but the i18n plugin's default language "
            f"is {default!r}; they must be the same (the English Markdown is the default language)"
        )
    codes = [str(value(e, "locale")) for e in built]
    for code in codes:
        if not _CODE.fullmatch(code):
            raise LanguageConfigError(f"{where}: {code!r} is not a language code (like fr or pt-BR)")
    names = {str(value(e, "locale")): str(value(e, "name") or value(e, "locale")) for e in built}
    return Languages(source, tuple(c for c in codes if c != source), names)


def plugin_entries(config: dict) -> tuple[list, dict]:
    """The i18n plugin's languages and the healthdocs plugin's options of a loaded mkdocs.yml."""
    plugins = config.get("plugins") or []
    found: dict[str, dict] = {}
    items = plugins.items() if isinstance(plugins, dict) else (
        (next(iter(p)), next(iter(p.values()))) if isinstance(p, dict) else (p, {}) for p in plugins
    )
    for name, options in items:
        found[str(name)] = options or {}
    return list(found.get("i18n", {}).get("languages") or []), found.get("healthdocs", {})


def read_config(path: Path) -> dict:
    """A mkdocs.yml as MkDocs reads it (!ENV tags, INHERIT), without loading any plugin."""
    from mkdocs.utils.yaml import yaml_load

    with path.open("rb") as fh:
        return yaml_load(fh) or {}


def configured(config_file: Path) -> Languages:
    """The languages declared in a mkdocs.yml."""
    if not config_file.is_file():
        raise LanguageConfigError(f"{config_file.name}: not found (the site's languages are declared there)")
    entries, options = plugin_entries(read_config(config_file))
    return from_entries(entries, options.get("source_language"), config_file.name)
