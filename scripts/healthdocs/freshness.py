"""Translation freshness: which English a translation translates, and since when the English is newer.

gettext already ties each translated entry to its English (the msgid): when a
sentence changes, its entry turns fuzzy and the page shows that sentence in
English.  What it does not keep is which English the translation as a whole
was made from, and when.  Each article catalog keeps that *anchor* in three
fields of its header::

    X-Translates-English: 3f9c0a1d2b4e6f70   the English the translation last matched in full
    X-Translation-Matched: 2026-12-01        the day it did
    X-English-Newer-Since: 2026-12-05        only while the English differs: the first day it did

The English is named by `digest`: a hash of its translation units (msgid and
context), taken as a set, so moving a paragraph does not date a translation
(the translated page follows the English order anyway), while any change of
wording does.

Why header fields: every tool translators use keeps a catalog's header fields
as they are (gettext's msgcat and msgmerge, Poedit, Weblate, polib,
translate-toolkit); the tests save catalogs with them and check.  Babel, the
project's own reader and writer, drops header fields it does not know;
`catalogs` keeps these (`catalogs.PROJECT_HEADERS`).

Who writes them: `make catalogs` (`stamp`, called by `catalogs.sync`), never
the build and never a translator:

- every entry of the English has a usable translation (not fuzzy): the anchor
  moves to the English of today's source, dated today, and
  X-English-Newer-Since goes;
- otherwise, if the anchor names other English: X-English-Newer-Since is set,
  once, to the day the English source changed (its file's date);
- if the English is back to the anchored text: X-English-Newer-Since goes.

`make check-po` reports a catalog whose anchor `make catalogs` would change
(`problems`), so a commit cannot carry a stale stamp (a catalog that was never
stamped is not reported: the next `make catalogs` starts its anchor).  The build (`state`)
reads the anchor: the page says since when the English is newer, the footer
says when the translation last matched, `make stats` and the translation
status page list stale pages with their age.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from babel.messages.catalog import Catalog

from . import catalogs

TRANSLATES = "X-Translates-English"
MATCHED = "X-Translation-Matched"
NEWER_SINCE = "X-English-Newer-Since"
HEADERS = (TRANSLATES, MATCHED, NEWER_SINCE)
assert set(HEADERS) <= set(catalogs.PROJECT_HEADERS)

#: Hex digits of SHA-256 kept: 64 bits tell two versions of an article apart.
DIGITS = 16


def digest(units: Iterable[tuple[str, str | None]]) -> str:
    """The English a page is made of, as a short hash of its (msgid, context) units, taken as a set."""
    h = hashlib.sha256()
    for msgid, context in sorted({(str(m), c or "") for m, c in units}):
        h.update(context.encode("utf-8") + b"\x04" + msgid.encode("utf-8") + b"\x00")
    return h.hexdigest()[:DIGITS]


def template_digest(template: Catalog) -> str:
    return digest((m.id, m.context) for m in catalogs.messages(template))


@dataclass(frozen=True)
class Anchor:
    """The three header fields of one catalog (None where absent)."""

    translates: str | None = None
    matched: dt.date | None = None
    newer_since: dt.date | None = None

    @classmethod
    def of(cls, catalog: Catalog) -> Anchor:
        """The catalog's anchor; a field that is not well formed counts as absent (`problems` names it)."""
        fields = catalogs.header_fields(catalog)
        return cls(_hash(fields.get(TRANSLATES)), _date(fields.get(MATCHED)), _date(fields.get(NEWER_SINCE)))

    def write(self, catalog: Catalog) -> None:
        for name, value in ((TRANSLATES, self.translates), (MATCHED, self.matched), (NEWER_SINCE, self.newer_since)):
            catalogs.set_header_field(catalog, name, value.isoformat() if isinstance(value, dt.date) else value)


def _hash(value: str | None) -> str | None:
    value = (value or "").strip().lower()
    return value if len(value) == DIGITS and all(c in "0123456789abcdef" for c in value) else None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def complete(catalog: Catalog, template: Catalog) -> bool:
    """Every English entry has a translation the page shows."""
    return all(catalogs.usable(catalog.get(m.id, m.context)) for m in catalogs.messages(template))


def expected(catalog: Catalog, template: Catalog, changed: dt.date, today: dt.date) -> Anchor:
    """The anchor `make catalogs` writes for an updated catalog (the rules in the module's docstring)."""
    english = template_digest(template)
    anchor = Anchor.of(catalog)
    if complete(catalog, template):
        if anchor.translates == english and anchor.matched is not None:
            return Anchor(english, anchor.matched)
        return Anchor(english, today)
    if anchor.translates is None or anchor.translates == english:
        return Anchor(anchor.translates, anchor.matched)
    return Anchor(anchor.translates, anchor.matched, anchor.newer_since or min(changed, today))


def stamp(catalog: Catalog, template: Catalog, changed: dt.date | None = None, today: dt.date | None = None) -> None:
    """Bring the catalog's anchor up to date with the English (`make catalogs`)."""
    today = today or dt.date.today()
    expected(catalog, template, changed or today, today).write(catalog)


def problems(catalog: Catalog, template: Catalog) -> list[str]:
    """What `make check-po` reports: a field that is not well formed, or an anchor `make catalogs` would change."""
    fields = catalogs.header_fields(catalog)
    out = []
    for name, parse, form in ((TRANSLATES, _hash, f"{DIGITS} hex digits"), (MATCHED, _date, "a date, YYYY-MM-DD"),
                              (NEWER_SINCE, _date, "a date, YYYY-MM-DD")):
        if name in fields and parse(fields[name]) is None:
            out.append(f"header field {name}: {fields[name]!r} is not {form}; it is written by make catalogs: "
                       "restore it from the repository's history or delete it")
    if out:
        return out
    anchor = Anchor.of(catalog)
    if anchor.translates is None and anchor.newer_since is None:
        return []  # never stamped (a new or hand-made catalog): the next make catalogs starts the anchor
    # Only whether make catalogs would change a field matters here, not the dates it would write.
    want = expected(catalog, template, anchor.newer_since or dt.date.min, dt.date.max)
    if want.translates != anchor.translates:
        out.append(f"the translation is complete but {TRANSLATES} names other English; run make catalogs")
    elif (want.matched is None) != (anchor.matched is None):
        out.append(f"{MATCHED} is missing; run make catalogs")
    elif want.newer_since is None and anchor.newer_since is not None:
        out.append(f"{NEWER_SINCE} is set but the translation matches the English; run make catalogs")
    elif want.newer_since is not None and anchor.newer_since is None:
        out.append(f"the English changed since the translation matched it but {NEWER_SINCE} is not set; "
                   "run make catalogs")
    return out


# -- the build ---------------------------------------------------------------------


@dataclass(frozen=True)
class Freshness:
    """One translated page against the English it translates."""

    english: str  # digest of the English now
    translates: str | None  # digest of the English the translation last matched in full (None: never)
    matched: dt.date | None  # when it did (None: not known)
    newer_since: dt.date | None  # stale pages: since when the English is newer (None: not stamped yet)
    missing: int  # units shown in English

    @property
    def stale(self) -> bool:
        """The English changed since the translation matched it, and the page shows some of it in English."""
        return self.translates is not None and self.translates != self.english and self.missing > 0

    def age(self, today: dt.date) -> int | None:
        """Days since the English has been newer (stale pages only)."""
        if not self.stale or self.newer_since is None:
            return None
        return max(0, (today - self.newer_since).days)

    def as_meta(self) -> dict:
        """For the page's front matter (`translation:`)."""
        return {
            "english": self.english,
            "translates": self.translates,
            "matched": self.matched.isoformat() if self.matched and not self.unconfirmed else None,
            "stale": self.stale,
            "newer_since": self.newer_since.isoformat() if self.stale and self.newer_since else None,
        }

    @property
    def unconfirmed(self) -> bool:
        """Translated in full, but after the English changed, and not stamped since: the date is unknown."""
        return self.translates is not None and self.translates != self.english and self.missing == 0


def state(units: Iterable[tuple[str, str | None]], catalog: Catalog, missing: int) -> Freshness:
    """A page's freshness from its English units and its catalog (a pure function of both)."""
    anchor = Anchor.of(catalog)
    return Freshness(digest(units), anchor.translates, anchor.matched, anchor.newer_since, missing)


def file_date(path) -> dt.date:
    """The day a file last changed (UTC), not after today: when a stamp is missing, the English's own date."""
    try:
        changed = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.timezone.utc).date()
    except OSError:
        return dt.date.today()
    return min(changed, dt.date.today())
