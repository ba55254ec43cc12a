"""Term base: the Spanish every translator uses for a medical term.

`locales/<lang>/terminology.csv` has three columns, ``english,spanish,note``,
one term a row.  ``spanish`` may list several accepted forms separated by
``|`` ("cardíaca|cardiaca").  Translators and reviewers edit it like any other
file; Poedit and Weblate can import it as a glossary.

Matching, so a rule stays quiet when the translation is right:

- English: whole words, case-insensitive, with English plurals of the last
  word (pacemaker/pacemakers, battery/batteries).  Where terms overlap the
  longest wins ("spinal cord stimulation" over "spinal cord").
- Spanish: whole words, case-insensitive but *accent-sensitive* (médula, not
  medula), with the plural of every word (desfibrilador/desfibriladores,
  anestésico local/anestésicos locales, bastón/bastones; marcapasos stays).

A term in the msgid whose Spanish form is not in the msgstr is a warning
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

from .checks import Problem, prose
from .errors import SourceError

FILENAME = "terminology.csv"
COLUMNS = ("english", "spanish", "note")

_UNACCENT = str.maketrans("áéíóú", "aeiou")


@dataclass(frozen=True)
class Term:
    english: str
    spanish: tuple[str, ...]
    note: str
    line: int  # in the CSV file, for messages
    source: str = FILENAME

    @functools.cached_property
    def english_pattern(self) -> re.Pattern:
        words = self.english.split()
        *head, last = words
        parts = [re.escape(w) for w in head] + [_english_plural(last)]
        return re.compile(r"(?<![\w-])" + r"[\s-]+".join(parts) + r"(?![\w-])", re.IGNORECASE)

    @functools.cached_property
    def spanish_patterns(self) -> tuple[re.Pattern, ...]:
        out = []
        for form in self.spanish:
            parts = [_spanish_plural(w) for w in form.split()]
            out.append(re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE))
        return tuple(out)

    def where(self) -> str:
        return f"{self.source}:{self.line}"


def _english_plural(word: str) -> str:
    w = re.escape(word)
    if re.search(r"[^aeiou]y$", word, re.IGNORECASE):
        return f"(?:{w}|{re.escape(word[:-1])}ies)"
    if re.search(r"(?:s|x|z|ch|sh)$", word, re.IGNORECASE):
        return f"{w}(?:es)?"
    return f"{w}s?"


def _spanish_plural(word: str) -> str:
    """The word and its plural: +s after a vowel, +es after a consonant, -z -> -ces,
    and the written accent of a last syllable in -n/-s dropped (bastón -> bastones)."""
    forms = {word, word + "s", word + "es"}
    if word.endswith("z"):
        forms.add(word[:-1] + "ces")
    m = re.search(r"([áéíóú])([ns])$", word)
    if m:
        forms.add(word[: m.start(1)] + m.group(1).translate(_UNACCENT) + m.group(2) + "es")
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")"


def path_for(locales: Path, lang: str) -> Path:
    return locales / lang / FILENAME


def load(path: Path, name: str | None = None) -> list[Term]:
    """Read a term base; a malformed row is an error naming its line. A missing file is no terms."""
    name = name or path.name
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
                raise SourceError(name, line, "a term needs an English and a Spanish column")
            forms = tuple(unicodedata.normalize("NFC", f.strip()) for f in row[1].split("|") if f.strip())
            note = row[2].strip() if len(row) > 2 else ""
            terms.append(Term(" ".join(row[0].split()), forms, note, line, name))
    return terms


def check(msgid: str, msgstr: str, terms: list[Term]) -> list[Problem]:
    """A warning for each term of the msgid whose Spanish form the msgstr lacks."""
    source = prose(msgid)
    target = unicodedata.normalize("NFC", prose(msgstr))
    found: list[tuple[int, int, Term, str]] = []
    for term in terms:
        for m in term.english_pattern.finditer(source):
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
        if term.english in seen:
            continue
        seen.add(term.english)
        if not any(p.search(target) for p in term.spanish_patterns):
            expected = " or ".join(f'"{s}"' for s in term.spanish)
            note = f"; {term.note}" if term.note else ""
            problems.append(Problem("terminology", f'"{text}" should be {expected} (term base {term.where()}{note})'))
    return problems
