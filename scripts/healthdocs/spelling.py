"""Spelling of translations: the language's Hunspell dictionary through spylls, plus a word list.

The dictionary is Debian's hunspell-<lang> (``/usr/share/hunspell/<name>.dic``,
the names each language tries are in `healthdocs.languages`; `make
system-deps` installs the project's); ``HEALTHDOCS_HUNSPELL`` may name another
``.dic`` (without the extension) or another folder to search.  The project's
own words (medical terms the dictionary lacks, brand names, abbreviations)
are in ``locales/<lang>/wordlist.txt``, one a line; ``#`` starts a comment.
A word written in lower case there is accepted in any case ("desfibrilador",
"Desfibrilador"); one with capitals only as written ("MedlinePlus").

Not checked: link targets, inline code, HTML, placeholders (`checks.prose`),
words with digits, and words the msgid has as they are (names such as
"Advil", "MedlinePlus" in a citation).

spylls is pure Python: loading a dictionary (Spanish) takes about a second
(measured 1.0 s; up to 5 s on a busy machine; most of it compiles the affix
rules), so it is loaded once per process, only when a translated entry is
checked, and every word is looked up once (about 0.1 ms a word).
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from pathlib import Path

from . import languages
from .checks import Problem, prose

WORDLIST = "wordlist.txt"
SEARCH_DIRS = ("/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell")

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_TOKEN = re.compile(r"[\w'’.-]+")


def find_dictionary(lang: str) -> Path | None:
    """The path of the .dic (without extension) for `lang`, or None."""
    override = os.environ.get("HEALTHDOCS_HUNSPELL")
    dirs: list[str] = list(SEARCH_DIRS)
    if override:
        base = Path(override)
        if base.with_suffix(".dic").is_file():
            return base.with_suffix("")
        dirs.insert(0, override)
    for name in languages.get(lang).hunspell_names:
        for folder in dirs:
            base = Path(folder) / name
            if base.with_suffix(".dic").is_file() and base.with_suffix(".aff").is_file():
                return base
    return None


def dictionary(lang: str):
    """The loaded spylls Dictionary, once per process; None when none is installed."""
    base = find_dictionary(lang)
    return None if base is None else _load(str(base))


@functools.cache
def _load(base: str):
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(base)


def load_wordlist(path: Path) -> frozenset[str]:
    if not path.exists():
        return frozenset()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(unicodedata.normalize("NFC", word))
    return frozenset(words)


class Speller:
    """Spell-checks the msgstr of one language; the verdict on each word is cached."""

    def __init__(self, lang: str, wordlist: frozenset[str] = frozenset()):
        self.lang = lang
        self.exact = wordlist
        self.anycase = frozenset(w.lower() for w in wordlist if w == w.lower())
        self.used = False  # set by check(): the dictionary is loaded only if something is checked
        self.base = find_dictionary(lang)
        self._known: dict[str, bool] = {}

    @property
    def available(self) -> bool:
        return self.base is not None

    def known(self, word: str) -> bool:
        if word in self._known:
            return self._known[word]
        hunspell = _load(str(self.base)) if self.base is not None else None
        ok = (
            word in self.exact
            or word.lower() in self.anycase
            or (hunspell is not None and hunspell.lookup(word))
        )
        self._known[word] = bool(ok)
        return bool(ok)

    def unknown(self, msgid: str, msgstr: str) -> list[str]:
        """Misspelt words of the msgstr, each once, in order."""
        source_words = set(_WORD.findall(prose(msgid)))
        out: list[str] = []
        for token in _TOKEN.findall(unicodedata.normalize("NFC", prose(msgstr))):
            if any(ch.isdigit() for ch in token):
                continue
            for word in _WORD.findall(token):
                if word in source_words or word in out:
                    continue
                if not self.known(word) and not self.known(word.strip("'’")):
                    out.append(word)
        return out

    def check(self, msgid: str, msgstr: str, wordlist_name: str = WORDLIST) -> list[Problem]:
        """Warnings for the unknown words of msgstr; none when no dictionary is installed."""
        self.used = True
        if not self.available:
            return []
        return [
            Problem("spelling", f'unknown word "{w}" (fix it, or add it to {wordlist_name} if it is right)')
            for w in self.unknown(msgid, msgstr)
        ]
