"""Translation status: how much of each catalog is translated, per language.

Entries are counted against the English source (the template `make catalogs`
would merge), not against whatever the .po happens to hold, so a catalog that
is missing or out of date still counts every unit the page has:

- *translated*: a msgstr that is not fuzzy (shown on the Spanish page);
- *fuzzy*: a msgstr marked fuzzy (the English changed, or a reviewer has not
  approved it yet): the page shows the English until someone reviews it;
- *untranslated*: no msgstr.

Words are the English words of the msgid, as a reader counts them (link
targets, inline code and placeholders excluded), so a long paragraph weighs
more than a heading.  Percentages are of words and rounded down: "100%" means
every word.

`collect` reads the files; `from_site` reuses a loaded `site.Site`.  `badge`
gives a shields.io endpoint badge, `status_rows` the rows of the "Translation
status" page (templates/translation-status.md.j2), `table` the text report of
`make stats` and `as_json` its `--json` form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog

from . import catalogs, segment
from .checks import word_count


@dataclass
class Counts:
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0

    @property
    def entries(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def words(self) -> int:
        return self.translated_words + self.fuzzy_words + self.untranslated_words

    @property
    def percent(self) -> int:
        """Translated words in percent, rounded down (100 only when complete); 100 when empty."""
        if not self.words:
            return 100 if self.translated == self.entries else 0
        return self.translated_words * 100 // self.words

    def add(self, state: str, words: int) -> None:
        setattr(self, state, getattr(self, state) + 1)
        setattr(self, f"{state}_words", getattr(self, f"{state}_words") + words)

    def __iadd__(self, other: Counts) -> Counts:
        for name in ("translated", "fuzzy", "untranslated"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
            setattr(self, f"{name}_words", getattr(self, f"{name}_words") + getattr(other, f"{name}_words"))
        return self

    def as_dict(self) -> dict:
        return {
            "entries": {"translated": self.translated, "fuzzy": self.fuzzy,
                        "untranslated": self.untranslated, "total": self.entries},
            "words": {"translated": self.translated_words, "fuzzy": self.fuzzy_words,
                      "untranslated": self.untranslated_words, "total": self.words},
            "percent": self.percent,
        }


@dataclass
class CatalogStats:
    """One catalog: an article's (`source` is its docs/ path) or the interface's (`source` None)."""

    lang: str
    path: str  # the .po, relative to the project root
    source: str | None  # e.g. "spinal-cord-stimulation.md" (relative to docs/), None for the interface
    title: str  # the English title (the article's front matter), or "Interface"
    translated_title: str | None  # the title in `lang` when translated
    counts: Counts
    exists: bool = True

    @property
    def interface(self) -> bool:
        return self.source is None

    def as_dict(self) -> dict:
        return {"path": self.path, "source": self.source, "title": self.title,
                "exists": self.exists, **self.counts.as_dict()}


@dataclass
class LanguageStats:
    lang: str
    catalogs: list[CatalogStats] = field(default_factory=list)

    @property
    def total(self) -> Counts:
        out = Counts()
        for item in self.catalogs:
            out += item.counts
        return out

    @property
    def name(self) -> str:
        return language_name(self.lang)

    def as_dict(self) -> dict:
        return {"lang": self.lang, "name": self.name, "total": self.total.as_dict(),
                "catalogs": [c.as_dict() for c in self.catalogs], "badge": badge(self)}


def language_name(lang: str) -> str:
    """The language's own name ("español"), from CLDR."""
    try:
        return Locale.parse(lang).get_display_name(lang) or lang
    except (ValueError, UnknownLocaleError):
        return lang


def state(message) -> str:
    """"translated", "fuzzy" or "untranslated", the way the build decides what to show."""
    if catalogs.usable(message):
        return "translated"
    if message is not None and message.string and message.fuzzy:
        return "fuzzy"
    return "untranslated"


def count(template: Catalog, catalog: Catalog) -> Counts:
    """Every entry of the English template, looked up in the translated catalog."""
    counts = Counts()
    for entry in catalogs.messages(template):
        counts.add(state(catalog.get(entry.id, entry.context)), word_count(str(entry.id)))
    return counts


def _title(doc: segment.Document, catalog: Catalog) -> tuple[str, str | None]:
    english = str(doc.meta.get("title") or Path(doc.path).stem)
    message = catalog.get(english)
    return english, (message.string if catalogs.usable(message) else None)


def collect(layout: catalogs.Layout, languages: Iterable[str] | None = None) -> dict[str, LanguageStats]:
    """Status of every catalog of every language (articles in docs/ order, then the interface)."""
    languages = list(languages) if languages is not None else layout.languages()
    docs = [segment.read(path, layout.root) for path in layout.sources()]
    templates = [catalogs.template_for(doc) for doc in docs]
    interface = catalogs.interface_template(layout)
    out: dict[str, LanguageStats] = {}
    for lang in languages:
        result = LanguageStats(lang)
        for path, doc, template in zip(layout.sources(), docs, templates):
            po = layout.po_path(lang, path)
            catalog = catalogs.read(po, layout.root) if po.exists() else catalogs.new_catalog(lang)
            english, translated = _title(doc, catalog)
            result.catalogs.append(CatalogStats(
                lang, layout.rel(po), path.relative_to(layout.docs).as_posix(), english, translated,
                count(template, catalog), po.exists()))
        po = layout.interface_po(lang)
        catalog = catalogs.read(po, layout.root) if po.exists() else catalogs.new_catalog(lang)
        result.catalogs.append(CatalogStats(lang, layout.rel(po), None, "Interface", None,
                                            count(interface, catalog), po.exists()))
        out[lang] = result
    return out


def from_site(site) -> dict[str, LanguageStats]:
    """The same data from a loaded `site.Site` (no file is read again but the interface template).

    Computed once per loaded site (a build asks twice: status pages and badges)."""
    memo = getattr(site, "memo", None)
    if memo is not None and "stats.from_site" in memo:
        return memo["stats.from_site"]
    out = _from_site(site)
    if memo is not None:
        memo["stats.from_site"] = out
    return out


def _from_site(site) -> dict[str, LanguageStats]:
    interface = catalogs.interface_template(site.layout)
    out: dict[str, LanguageStats] = {}
    for lang in site.languages:
        result = LanguageStats(lang)
        for article in site.articles:
            localized = site.localized.get((article.src_uri, lang))
            catalog = localized.catalog if localized is not None else catalogs.new_catalog(lang)
            po = site.layout.po_path(lang, site.layout.docs / article.src_uri)
            english, translated = _title(article.doc, catalog)
            result.catalogs.append(CatalogStats(
                lang, site.layout.rel(po), article.src_uri, english, translated,
                count(catalogs.template_for(article.doc), catalog), po.exists()))
        po = site.layout.interface_po(lang)
        catalog = site.interface.get(lang) or catalogs.new_catalog(lang)
        result.catalogs.append(CatalogStats(lang, site.layout.rel(po), None, "Interface", None,
                                            count(interface, catalog), po.exists()))
        out[lang] = result
    return out


# -- outputs -------------------------------------------------------------------


def color(percent: int) -> str:
    """shields.io named colours, by translated words."""
    if percent >= 100:
        return "brightgreen"
    if percent >= 80:
        return "green"
    if percent >= 50:
        return "yellow"
    if percent >= 20:
        return "orange"
    return "red"


def badge(data: LanguageStats) -> dict:
    """A shields.io endpoint badge (https://shields.io/badges/endpoint-badge) for one language."""
    percent = data.total.percent
    return {"schemaVersion": 1, "label": data.name, "message": f"{percent}%", "color": color(percent)}


def status_rows(data: LanguageStats, link: Callable[[str], str] | None = None) -> list[dict]:
    """Rows for templates/translation-status.md.j2, one per catalog, articles first.

    `link(source)` turns an article's docs/ path (e.g. "spinal-cord-stimulation.md")
    into the link the page should use; without it rows have no link.  Each row:
    title (the translated title when there is one), link, interface (True for the
    site's own text), translated / fuzzy / untranslated (entries), words,
    translated_words and percent.
    """
    rows = []
    for item in data.catalogs:
        c = item.counts
        rows.append({
            "title": item.translated_title or item.title,
            "lang": None,  # set by the site's page where the title is shown in another language
            "link": link(item.source) if link and item.source else None,
            "interface": item.interface,
            "path": item.path,
            "translated": c.translated,
            "fuzzy": c.fuzzy,
            "untranslated": c.untranslated,
            "entries": c.entries,
            "words": c.words,
            "translated_words": c.translated_words,
            "percent": c.percent,
        })
    return rows


def total_row(data: LanguageStats) -> dict:
    """The totals, with the same keys as a row of `status_rows`."""
    c = data.total
    return {"title": data.name, "lang": None, "link": None, "interface": False, "path": None,
            "translated": c.translated, "fuzzy": c.fuzzy, "untranslated": c.untranslated,
            "entries": c.entries, "words": c.words, "translated_words": c.translated_words,
            "percent": c.percent}


def as_json(stats: dict[str, LanguageStats]) -> dict:
    return {"languages": {lang: data.as_dict() for lang, data in stats.items()}}


def table(stats: dict[str, LanguageStats]) -> str:
    """The text report: one table per language."""
    head = ("catalog", "translated", "fuzzy", "untranslated", "words", "done")
    lines: list[str] = []
    for lang, data in stats.items():
        total = data.total
        lines.append(f"{lang} ({data.name}): {total.percent}% of {total.words} words translated, "
                     f"{total.fuzzy} fuzzy, {total.untranslated} untranslated entries")
        rows = []
        for item in data.catalogs:
            rows.append(_cells(item.path + ("" if item.exists else " (missing)"), item.counts))
        rows.append(_cells("total", total))
        widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]

        def fmt(row: tuple) -> str:
            return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()

        lines.append(fmt(head))
        lines.append("  ".join("-" * w for w in widths))
        lines.extend(fmt(r) for r in rows[:-1])
        lines.append("  ".join("-" * w for w in widths))
        lines.append(fmt(rows[-1]))
        lines.append("")
    lines.append("Entries (words): translated are shown on the page; fuzzy and untranslated show the English.")
    return "\n".join(lines)


def _cells(name: str, c: Counts) -> tuple:
    return (name, f"{c.translated} ({c.translated_words})", f"{c.fuzzy} ({c.fuzzy_words})",
            f"{c.untranslated} ({c.untranslated_words})", str(c.words), f"{c.percent}%")
