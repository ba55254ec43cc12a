"""Term base: the words every translator of a language uses for a medical term.

`locales/<lang>/terminology.csv` has three columns, ``source,translation,note``,
one term a row: the term in the source language, its translation, a note.
``translation`` may list several accepted forms separated by ``|``
("cardíaca|cardiaca").  Translators and reviewers edit it like any other
file; Poedit and Weblate can import it as a glossary.

Matching, so a rule stays quiet when the translation is right: whole words,
case-insensitive but *accent-sensitive*, with the inflections each language
allows (`healthdocs.languages`: plurals of the last word in English, of
every word in Spanish; a language with no rules matches terms as written).
Where terms overlap the longest wins ("spinal cord stimulation" over
"spinal cord").

A term in the msgid whose translation is not in the msgstr is a warning
(`make check-po` lists it; it does not fail): sometimes a sentence reads
better with a pronoun or a synonym, and the reviewer decides.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import languages
from .checks import Problem, prose
from .errors import SourceError

FILENAME = "terminology.csv"
COLUMNS = ("source", "translation", "note")


def _pattern(text: str, language: languages.Language, joiner: str, edge: str) -> str:
    """A term as a pattern: its words, inflected as the language allows, joined by `joiner`."""
    words = text.split()
    parts = []
    for i, word in enumerate(words):
        inflect = language.inflect_every_word or i == len(words) - 1
        forms = language.inflections(word) if inflect else (word,)
        parts.append("(?:" + "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True)) + ")")
    return rf"(?<!{edge})" + joiner.join(parts) + rf"(?!{edge})"


@dataclass(frozen=True)
class Term:
    original: str  # in the source language
    translations: tuple[str, ...]  # accepted forms in the catalog's language
    note: str
    line: int  # in the CSV file, for messages
    file: str = FILENAME
    source_lang: str = languages.SOURCE
    lang: str = ""

    @functools.cached_property
    def original_pattern(self) -> re.Pattern:
        return re.compile(_pattern(self.original, languages.get(self.source_lang), r"[\s-]+", r"[\w-]"), re.IGNORECASE)

    @functools.cached_property
    def translation_patterns(self) -> tuple[re.Pattern, ...]:
        language = languages.get(self.lang)
        return tuple(re.compile(_pattern(form, language, r"\s+", r"\w"), re.IGNORECASE) for form in self.translations)

    def where(self) -> str:
        return f"{self.file}:{self.line}"


def path_for(locales: Path, lang: str) -> Path:
    return locales / lang / FILENAME


def load(path: Path, name: str | None = None, lang: str | None = None, source: str = languages.SOURCE) -> list[Term]:
    """Read the term base of `lang` (by default its folder's name, locales/<lang>/); a malformed
    row is an error naming its line. A missing file is no terms."""
    name = name or path.name
    lang = lang or path.parent.name
    if not path.exists():
        return []
    terms: list[Term] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            return []
        if tuple(h.strip().lower() for h in header[:3]) != COLUMNS:
            raise SourceError(name, 1, f"the first row must be the header {','.join(COLUMNS)}")
        for row in reader:
            line = reader.line_num
            if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
                continue
            if len(row) < 2 or not row[0].strip() or not row[1].strip():
                raise SourceError(name, line, "a term needs a source and a translation column")
            forms = tuple(unicodedata.normalize("NFC", f.strip()) for f in row[1].split("|") if f.strip())
            note = row[2].strip() if len(row) > 2 else ""
            terms.append(Term(" ".join(row[0].split()), forms, note, line, name, source, lang))
    return terms


def check(msgid: str, msgstr: str, terms: list[Term]) -> list[Problem]:
    """A warning for each term of the msgid whose translation the msgstr lacks."""
    source = prose(msgid)
    target = unicodedata.normalize("NFC", prose(msgstr))
    found: list[tuple[int, int, Term, str]] = []
    for term in terms:
        for m in term.original_pattern.finditer(source):
            found.append((m.start(), m.end(), term, m.group(0)))
    # Longest first; a match inside a longer term's match is that term's business.
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int]] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for start, end, term, text in found:
        if any(s <= start and end <= e for s, e in taken):
            continue
        taken.append((start, end))
        if term.original in seen:
            continue
        seen.add(term.original)
        if not any(p.search(target) for p in term.translation_patterns):
            expected = " or ".join(f'"{s}"' for s in term.translations)
            note = f"; {term.note}" if term.note else ""
            problems.append(Problem("terminology", f'"{text}" should be {expected} (term base {term.where()}{note})'))
    return problems
