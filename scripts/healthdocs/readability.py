"""Readability of every article, per language, on the body text readers read.

Measured text: the prose units of an article's body (paragraphs, list items,
quotes, table cells) in source order; headings are labels, not sentences, and
the front matter, alternative names and references are left out.  Each unit's
Markdown is reduced to plain text with markdown-it-py's inline tokens (link
text stays, targets, images and HTML go), and each unit is one sentence at
least: a list item or a paragraph that ends without ``.``, ``!`` or ``?`` is
given a full stop, so "Pain once the surgery is over" counts as a sentence.

The source language is the Markdown itself.  A translation is the catalog's
msgstr of those same units (only usable translations: present and not fuzzy);
untranslated units are left out, not measured in the source language, and the
report says how much of the article it covers.

Formulas are facts of each language (`healthdocs.languages`: the English
Flesch-Kincaid grade, the Spanish INFLESZ scale with syllables counted by the
RAE's rules, ...).  A language with no formula is reported as not scored,
never skipped in silence.

Below `Limits.min_words` words (for example a Spanish article that is mostly
untranslated) the formulas say little, so the article is not scored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import languages
from .catalogs import usable
from .segment import Document, Unit
from .segment import plain_text as _plain_text
from .site import Article, Site

#: Unit kinds that are running text (see segment.Unit.kind).
PROSE_KINDS = frozenset({"paragraph", "list item", "quote", "table cell"})


@dataclass(frozen=True)
class Limits:
    """Plain-language targets: each language's formula has its own limit
    (`languages.Readability.limit`); below `min_words` words no formula says much."""

    min_words: int = 100  # fewer words than this: not scored


LIMITS = Limits()


@dataclass(frozen=True)
class Scores:
    lang: str
    words: int
    sentences: int
    syllables: int
    # The figures of each language's formula (see healthdocs.languages):
    flesch_kincaid_grade: float | None = None
    flesch_reading_ease: float | None = None
    szigriszt_pazos: float | None = None  # INFLESZ
    fernandez_huerta: float | None = None
    textstat_syllables: int | None = None  # textstat's own (Pyphen) count, for comparison

    @property
    def avg_sentence_length(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    def summary(self) -> str:
        formula = languages.get(self.lang).readability
        head = formula.summary(self) if formula is not None else self.lang
        return (
            f"{head}, {self.avg_sentence_length:.1f} words/sentence, {self.syllables_per_word:.2f} syllables/word "
            f"({self.words} words, {self.sentences} sentences)"
        )


# -- text ------------------------------------------------------------------


def plain_text(markdown: str) -> str:
    """The words of one unit's inline Markdown, as readers see them (no image alt text)."""
    return _plain_text(markdown, images=False)


def as_sentence(text: str) -> str:
    """A unit as at least one sentence: a full stop where it ends without one."""
    text = " ".join(text.split())
    if not text:
        return ""
    if text.rstrip(")]\"'»”’ ")[-1:] in (".", "!", "?"):
        return text
    return text.rstrip(":;,—–- ") + "."


def prose_units(doc: Document) -> list[Unit]:
    return [u for u in doc.body_units if u.kind in PROSE_KINDS]


def body_text(doc: Document, text_of: Callable[[Unit], str | None] = lambda u: u.msgid) -> tuple[str, int]:
    """Plain text of the prose units, one per line, and how many units had text."""
    lines = []
    for unit in prose_units(doc):
        markdown = text_of(unit)
        if markdown is None:
            continue
        sentence = as_sentence(plain_text(markdown))
        if sentence:
            lines.append(sentence)
    return "\n".join(lines), len(lines)


# -- scores ------------------------------------------------------------------


def formula(lang: str) -> languages.Readability | None:
    """The language's readability formula; None when it has none (reported, not scored)."""
    return languages.get(lang).readability


def score(text: str, lang: str) -> Scores:
    """Readability figures of plain text in a language that has a formula."""
    found = formula(lang)
    if found is None:
        raise ValueError(f"no readability formula for language {lang!r}")
    return Scores(lang=lang, **found.measure(text))


def check(scores: Scores, limits: Limits = LIMITS) -> str | None:
    """Why the scores break the plain-language limit, or None."""
    found = formula(scores.lang)
    value = getattr(scores, found.key) if found is not None else None
    return found.problem(value) if value is not None else None


# -- per article -------------------------------------------------------------


@dataclass
class LanguageResult:
    lang: str
    source: str  # the file whose text was measured: docs/x.md, locales/es/x.po
    units: int  # prose units of the article
    measured: int  # units measured (in a translation: the translated ones)
    scores: Scores | None  # None: fewer than Limits.min_words words to measure, or no formula
    words: int = 0  # words measured
    problem: str | None = None  # the limit it breaks
    formula: languages.Readability | None = None  # None: the language has no readability formula

    @property
    def coverage(self) -> float:
        return self.measured / self.units if self.units else 1.0


@dataclass
class ArticleReadability:
    article: Article
    results: dict[str, LanguageResult] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.article.doc.path

    @property
    def slug(self) -> str:
        return self.article.src_uri[: -len(".md")]

    @property
    def exception(self):
        return getattr(self.article.meta, "exception", None)

    @property
    def problems(self) -> list[str]:
        """Limits broken, as "file: message" lines."""
        return [
            f"{r.source}: {languages.get(r.lang).english_name} {r.problem}"
            for r in self.results.values()
            if r.problem
        ]

    @property
    def failed(self) -> bool:
        """Above a limit with no approved exception."""
        return bool(self.problems) and self.exception is None


def article_readability(site: Site, article: Article, limits: Limits = LIMITS) -> ArticleReadability:
    report = ArticleReadability(article)
    total = len(prose_units(article.doc))
    for lang in site.langs.all:
        found = formula(lang)
        if lang == site.langs.source:
            text, measured = body_text(article.doc)
            source = article.doc.path
        else:
            localized = site.localized.get((article.src_uri, lang))
            if localized is None:
                continue
            catalog = localized.catalog

            def translated(unit: Unit, catalog=catalog) -> str | None:
                message = catalog.get(unit.msgid, unit.context)
                return message.string if usable(message) else None

            text, measured = body_text(article.doc, translated)
            source = localized.po_name
        scores = score(text, lang) if text and found is not None else None
        words = scores.words if scores else len(text.split())
        if scores is not None and scores.words < limits.min_words:
            scores = None
        result = LanguageResult(lang, source, total, measured, scores, words, formula=found)
        result.problem = check(scores, limits) if scores else None
        report.results[lang] = result
    return report


def readability_report(site: Site, limits: Limits = LIMITS) -> list[ArticleReadability]:
    """Readability of every article (not the home page) in every language."""
    return [article_readability(site, a, limits) for a in site.articles if a.is_article]
