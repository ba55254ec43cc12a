"""English Markdown + catalog -> translated Markdown (a pure function of both).

A unit is shown translated when its catalog entry has a msgstr that is not
fuzzy and passes the build checks.  Otherwise the English text is shown,
wrapped in ``<span lang="...">`` (the source language) so screen readers switch voice (WCAG 3.1.2,
language of parts), and the page's ``translation`` metadata counts it so the
template can show a notice.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog

from .catalogs import translated, usable
from .checks import BUILD_CHECKS, check
from .errors import SourceError, SourceErrors
from .freshness import Freshness
from .freshness import state as freshness_state
from .segment import Document, Unit, front_matter, render_body


def fallback(text: str, source: str) -> str:
    """Source-language text shown on a translated page, marked with its language
    (screen readers switch voice: WCAG 3.1.2, language of parts)."""
    return f'<span lang="{source}">{text}</span>'


def marked(text: str, translated: bool, source: str) -> str:
    """The text as it is when translated, else marked as the source language."""
    return text if translated else fallback(text, source)


@dataclass
class Translation:
    markdown: str
    meta: dict
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    fallback_fields: list[str] = field(default_factory=list)
    #: Which English the translation translates, and since when the English is newer.
    freshness: Freshness | None = None

    @property
    def complete(self) -> bool:
        return self.translated == self.total


def _set_field(meta: dict, dotted: str, value: str) -> None:
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in dotted.split(".")]
    target = meta
    for part in parts[:-1]:
        target = target[part]  # type: ignore[index]
    target[parts[-1]] = value  # type: ignore[index]


def abbreviation_map(doc: Document, catalog: Catalog | None) -> dict[str, str]:
    """English abbreviation -> its form in the catalog's language (itself when untranslated)."""
    out: dict[str, str] = {}
    for item in doc.meta.get("abbreviations") or []:
        abbr = str(item.get("abbr", "")).strip()
        if not abbr:
            continue
        message = catalog.get(abbr, "abbreviation") if catalog is not None else None
        out[abbr] = message.string if usable(message) else abbr
    return out


def translate(doc: Document, catalog: Catalog, po_name: str, lang: str, source: str) -> Translation:
    """The page in `lang` (from the `source` language's Markdown). Raises SourceErrors naming
    the .po lines whose msgstr would break it."""
    errors: list[SourceError] = []
    chosen: dict[Unit, str | None] = {}
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for unit in doc.units:
        message = catalog.get(unit.msgid, unit.context)
        if usable(message):
            assert message is not None
            blocking = [p for p in check(unit.msgid, message.string) if p.check in BUILD_CHECKS]
            if blocking:
                line = getattr(message, "lineno", None)
                errors.extend(SourceError(po_name, line, f"{p.check}: {p.message}") for p in blocking)
                continue
            chosen[unit] = message.string
            counts["translated"] += 1
        else:
            chosen[unit] = None
            counts["fuzzy" if translated(message) and message.fuzzy else "untranslated"] += 1
    if errors:
        raise SourceErrors(errors)

    meta = copy.deepcopy(doc.meta)
    fallback_fields: list[str] = []
    for unit in doc.meta_units:
        assert unit.field is not None
        text = chosen[unit]
        if text is None:
            fallback_fields.append(unit.field)
        else:
            _set_field(meta, unit.field, text)

    def replace(unit: Unit) -> str | None:
        text = chosen[unit]
        if text is None and unit.kind.startswith("image"):
            return None  # alt text cannot carry a lang attribute: keep the English as it is
        if text is not None:
            return text.replace("\n", " ") if "\\\n" not in text and "  \n" not in text else text
        return fallback(unit.msgid, source)

    body = render_body(doc, replace).split("\n")[doc.body_start :]
    if "title" in fallback_fields and not doc.has_h1:
        # The theme would print the English title as the page's h1 with no language:
        # give the page its own h1, marked as English.
        body = ["", f"# {fallback(doc.meta['title'], source)}", *body]
    total = len(doc.units)
    fresh = freshness_state(((u.msgid, u.context) for u in doc.units), catalog, total - counts["translated"])
    meta["translation"] = {
        "lang": lang,
        "total": total,
        "translated": counts["translated"],
        "missing": total - counts["translated"],
        "fallback_fields": fallback_fields,
        **fresh.as_meta(),
    }
    markdown = front_matter(meta) + "\n".join(body)
    return Translation(markdown, meta, total=total, fallback_fields=fallback_fields, freshness=fresh, **counts)


def identity(doc: Document) -> str:
    """The English page rendered through the same unit replacement (for the round-trip test)."""
    return render_body(doc, lambda unit: unit.msgid)
