"""Glossary: one page per alternative name per language, and an index per language.

A term's page lives at `<glossary dir>/<slug>` where the slug comes from the
name *in that language* (accents folded: "Estimulación de la columna dorsal"
-> `estimulacion-de-la-columna-dorsal`).  Terms are paired across languages by
their position in the article's `alternative_names`, which is what the
language switcher and the hreflang links use.

The index is sorted and grouped with ICU's collation for the language, so in
Spanish accents do not change the order and Ñ is its own letter after N.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

import icu
from slugify import slugify

from .errors import SourceError, SourceErrors
from .site import localized_uri

#: The folder of glossary pages, per language (part of the URL readers see).
DIRS = {"en": "glossary", "es": "glosario"}


def glossary_dir(lang: str) -> str:
    return DIRS.get(lang, "glossary")


def index_uri(lang: str) -> str:
    """Source of the glossary index page of one language."""
    return localized_uri(f"{glossary_dir(lang)}/index.md", lang)


@dataclass(frozen=True)
class Term:
    lang: str
    name: str
    explanation: str
    slug: str
    article_uri: str  # src_uri of the article page in this language
    article_title: str
    position: int  # index in the article's alternative_names: pairs languages
    origin: str  # "path:line" of the text, for error messages
    translated: bool = True

    @property
    def src_uri(self) -> str:
        return localized_uri(f"{glossary_dir(self.lang)}/{self.slug}.md", self.lang)

    @property
    def key(self) -> tuple[str, int]:
        """Same for a term in every language."""
        return (self.article_uri.split(".")[0], self.position)


def slug_for(name: str) -> str:
    return slugify(name, lowercase=True, separator="-")


def check_collisions(terms: list[Term]) -> None:
    """Two names that would share a page are an error naming both sources."""
    seen: dict[tuple[str, str], Term] = {}
    errors: list[SourceError] = []
    for term in terms:
        key = (term.lang, term.slug)
        path, _, line = term.origin.rpartition(":")
        if not term.slug or term.slug == "index":
            errors.append(SourceError(path, int(line or 0), f"alternative name {term.name!r} gives no usable page name"))
        elif key in seen:
            other = seen[key]
            errors.append(
                SourceError(
                    path,
                    int(line or 0),
                    f"alternative name {term.name!r} and {other.name!r} ({other.origin}) "
                    f"both make the glossary page {term.src_uri}",
                )
            )
        else:
            seen[key] = term
    if errors:
        raise SourceErrors(errors)


@functools.cache
def collator(lang: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(lang))


def sort_terms(terms: list[Term], lang: str) -> list[Term]:
    coll = collator(lang)
    return sorted(terms, key=lambda t: coll.getSortKey(t.name))


def sort_names(names: list[str], lang: str) -> list[str]:
    coll = collator(lang)
    return sorted(names, key=coll.getSortKey)


def letter_groups(terms: list[Term], lang: str) -> list[tuple[str, list[Term]]]:
    """Terms under their letter headings, with ICU's alphabetic index for the language."""
    index = icu.AlphabeticIndex(icu.Locale(lang))
    for term in terms:
        index.addRecord(term.name, term)
    groups: list[tuple[str, list[Term]]] = []
    while index.nextBucket():
        if index.bucketRecordCount == 0:
            continue
        records = []
        while index.nextRecord():
            records.append(index.recordData)
        # Names that start with a digit or symbol fall in ICU's under/overflow buckets.
        label = index.bucketLabel if index.bucketLabelType == icu.UAlphabeticIndexLabelType.NORMAL else "#"
        groups.append((label, sort_terms(records, lang)))
    return groups


def relative(from_uri: str, to_uri: str) -> str:
    """A Markdown link from one page source to another."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
