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

Each article's catalog also reports its freshness (`freshness.Freshness`):
which English it translates, and, when the English changed since the
translation last matched it, since when (and so how many days) the English has
been newer: `stale` lists those pages, oldest first.

`collect` reads the files; `from_site` reuses a loaded `site.Site`.  `badge`
gives a shields.io endpoint badge, `status_rows` the rows of the "Translation
status" page (templates/translation-status.md.j2), `table` the text report of
`make stats` and `as_json` its `--json` form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog

from . import catalogs, freshness, segment
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
    freshness: freshness.Freshness | None = None  # articles only
    newer_since: dt.date | None = None  # stale catalogs: since when the English is newer

    @property
    def interface(self) -> bool:
        return self.source is None

    @property
    def stale(self) -> bool:
        return self.freshness is not None and self.freshness.stale

    def age(self, today: dt.date | None = None) -> int | None:
        """Days the English has been newer than this translation (stale catalogs only)."""
        if not self.stale or self.newer_since is None:
            return None
        return max(0, ((today or dt.date.today()) - self.newer_since).days)

    def as_dict(self) -> dict:
        out = {"path": self.path, "source": self.source, "title": self.title,
               "exists": self.exists, **self.counts.as_dict()}
        if self.freshness is not None:
            fresh = self.freshness
            out["freshness"] = {
                "english": fresh.english, "translates": fresh.translates,
                "matched": fresh.matched.isoformat() if fresh.matched and not fresh.unconfirmed else None,
                "stale": fresh.stale, "newer_since": self.newer_since.isoformat() if self.newer_since else None,
                "age_days": self.age(),
            }
        return out


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

    @property
    def stale(self) -> list[CatalogStats]:
        """Pages whose English is newer than their translation, the longest-stale first."""
        found = [c for c in self.catalogs if c.stale]
        return sorted(found, key=lambda c: (c.newer_since or dt.date.max, c.path))

    def as_dict(self) -> dict:
        return {"lang": self.lang, "name": self.name, "total": self.total.as_dict(),
                "catalogs": [c.as_dict() for c in self.catalogs], "badge": badge(self),
                "stale": [c.path for c in self.stale]}


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
    if catalogs.translated(message) and message.fuzzy:
        return "fuzzy"
    return "untranslated"


def count(template: Catalog, catalog: Catalog) -> Counts:
    """Every entry of the English template, looked up in the translated catalog."""
    counts = Counts()
    for entry in catalogs.messages(template):
        counts.add(state(catalog.get(entry.id, entry.context)), word_count(str(entry.id)))
    return counts


def _freshness(doc: segment.Document, catalog: Catalog, counts: Counts, source: Path) -> tuple:
    """An article catalog's freshness, and since when its English is newer (the English file's
    date when `make catalogs` has not stamped the change yet)."""
    fresh = freshness.state(((u.msgid, u.context) for u in doc.units), catalog, counts.fuzzy + counts.untranslated)
    since = (fresh.newer_since or freshness.file_date(source)) if fresh.stale else None
    return fresh, since


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
            counts = count(template, catalog)
            result.catalogs.append(CatalogStats(
                lang, layout.rel(po), path.relative_to(layout.docs).as_posix(), english, translated,
                counts, po.exists(), *_freshness(doc, catalog, counts, path)))
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


#: Counts and freshness of (article, catalog) pairs already counted in this process: site.load
#: returns the same objects for files that did not change, so a rebuild of `make serve`
#: counts again only the catalogs that changed.  id -> (doc, catalog, counts, freshness).
_counted: dict[tuple[int, int], tuple] = {}


def _article_counts(doc: segment.Document, catalog: Catalog, source: Path) -> tuple:
    key = (id(doc), id(catalog))
    known = _counted.get(key)
    if known is not None and known[0] is doc and known[1] is catalog:
        return known[2], known[3]
    counts = count(catalogs.template_for(doc), catalog)
    fresh = _freshness(doc, catalog, counts, source)
    if len(_counted) > 100_000:
        _counted.clear()
    _counted[key] = (doc, catalog, counts, fresh)
    return counts, fresh


def _from_site(site) -> dict[str, LanguageStats]:
    interface = catalogs.interface_template(site.layout)
    out: dict[str, LanguageStats] = {}
    for lang in site.languages:
        result = LanguageStats(lang)
        for article in site.articles:
            localized = site.localized.get((article.src_uri, lang))
            if localized is not None:
                catalog = localized.catalog
                counts, fresh = _article_counts(article.doc, catalog, site.layout.docs / article.src_uri)
            else:
                catalog = catalogs.new_catalog(lang)
                counts = count(catalogs.template_for(article.doc), catalog)
                fresh = _freshness(article.doc, catalog, counts, site.layout.docs / article.src_uri)
            po = site.layout.po_path(lang, site.layout.docs / article.src_uri)
            english, translated = _title(article.doc, catalog)
            result.catalogs.append(CatalogStats(
                lang, site.layout.rel(po), article.src_uri, english, translated,
                counts, po.exists(), *fresh))
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


def status_rows(data: LanguageStats, link: Callable[[str], str] | None = None, today: dt.date | None = None) -> list[dict]:
    """Rows for templates/translation-status.md.j2, one per catalog, articles first.

    `link(source)` turns an article's docs/ path (e.g. "spinal-cord-stimulation.md")
    into the link the page should use; without it rows have no link.  Each row:
    title (the translated title when there is one), link, interface (True for the
    site's own text), translated / fuzzy / untranslated (entries), words,
    translated_words and percent; for a page whose English is newer than its
    translation, newer_since (a date) and age (days), else None.
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
            "newer_since": item.newer_since if item.stale else None,
            "age": item.age(today),
        })
    return rows


def total_row(data: LanguageStats) -> dict:
    """The totals, with the same keys as a row of `status_rows`."""
    c = data.total
    return {"title": data.name, "lang": None, "link": None, "interface": False, "path": None,
            "translated": c.translated, "fuzzy": c.fuzzy, "untranslated": c.untranslated,
            "entries": c.entries, "words": c.words, "translated_words": c.translated_words,
            "percent": c.percent, "newer_since": None, "age": None}


def as_json(stats: dict[str, LanguageStats]) -> dict:
    return {"languages": {lang: data.as_dict() for lang, data in stats.items()}}


def table(stats: dict[str, LanguageStats], today: dt.date | None = None) -> str:
    """The text report: one table per language, then its out-of-date pages with their age."""
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
        stale = data.stale
        if stale:
            lines.append(f"{lang}: {len(stale)} page(s) out of date (the English changed since the translation matched it):")
            for item in stale:
                assert item.newer_since is not None
                matched = item.freshness.matched if item.freshness else None
                lines.append(f"  {item.path}: English newer since {item.newer_since.isoformat()} ({_days(item.age(today))})"
                             f"{f', translation matched {matched.isoformat()}' if matched else ''}; "
                             f"{item.counts.fuzzy + item.counts.untranslated} entries shown in English")
            lines.append("")
    lines.append("Entries (words): translated are shown on the page; fuzzy and untranslated show the English.")
    return "\n".join(lines)


def _days(n: int | None) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _cells(name: str, c: Counts) -> tuple:
    return (name, f"{c.translated} ({c.translated_words})", f"{c.fuzzy} ({c.fuzzy_words})",
            f"{c.untranslated} ({c.untranslated_words})", str(c.words), f"{c.percent}%")
