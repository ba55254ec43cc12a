"""Glossary: one page per alternative name per language, and an index per language.

A term's page lives at `<glossary folder>/<slug>` (the folder is a fact of
the language: `healthdocs.languages`) where the slug comes from the
name *in that language* (accents folded: "Estimulación de la columna dorsal"
-> `estimulacion-de-la-columna-dorsal`).  Terms are paired across languages by
their position in the article's `alternative_names`, which is what the
language switcher and the hreflang links use.

The index is sorted and grouped with ICU's collation for the language (so
accents do not change the order, and a letter such as Ñ has its own heading
where the language's alphabet has it).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from slugify import slugify

from . import languages
from .errors import SourceError, SourceErrors


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
    src_uri: str  # of its page: <glossary folder of the language>/<slug>.md, suffixed
    translated: bool = True  # the name is in this language (not an English fallback)
    explanation_translated: bool = True  # the same for the explanation

    @property
    def key(self) -> tuple[str, int]:
        """Same for a term in every language."""
        return (self.article_uri.split(".")[0], self.position)


@functools.lru_cache(maxsize=200_000)
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


def sort_terms(terms: list[Term], lang: str) -> list[Term]:
    return languages.get(lang).sorted(terms, key=lambda t: t.name)


def sort_names(names: list[str], lang: str) -> list[str]:
    return languages.get(lang).sorted(names)


def letter_groups(terms: list[Term], lang: str, source: str) -> list[tuple[str, list[Term]]]:
    """Terms under their letter headings, with ICU's alphabetic index for the language
    (and the source language's letters, for names not translated yet)."""
    return languages.get(lang).letter_groups(terms, key=lambda t: t.name, also=(source,))
