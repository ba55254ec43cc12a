"""Spanish, written for the United States and Latin America ("celular", 911)."""

from __future__ import annotations

import functools
import re

from . import Language, Readability

_VOWELS = frozenset("aeiouáéíóúü")
#: Open vowels, and close vowels with a written accent: two of them side by side
#: are in hiatus (two syllables: le-er, dí-a, rí-o, re-ú-ne); any other pair is a
#: diphthong (one syllable: sia, cue, ciu).
_HIATUS = frozenset("aeoáéóíú")
_UNACCENT = str.maketrans("áéíóú", "aeiou")


def syllables(word: str) -> int:
    """Syllables of one Spanish word by the RAE's orthographic rules.

    Textstat's Pyphen hyphenation undercounts Spanish: hyphenation never leaves one
    letter alone at a word's edge ("anes-te-sia", "elec-tro-dos") and does not split
    hiatus ("ci-ru-gía", "cefalorraquí-deo").

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
        if ch in _VOWELS:
            if not previous or (previous in _HIATUS and ch in _HIATUS) or previous == ch:
                count += 1
            previous = ch
        else:
            previous = ""
    return max(count, 1)


@functools.cache
def _textstat():
    from textstat.textstat import textstatistics

    ts = textstatistics()
    ts.set_lang("es")
    ts.set_rounding_points(None)
    return ts


def measure(text: str) -> dict:
    """Szigriszt-Pazos perspicuity, the INFLESZ scale, ``206.835 - 62.3 S/W - W/F``, and
    Fernández-Huerta ``206.84 - 60 S/W - 1.02 W/F`` (textstat's forms of both), with
    syllables counted by `syllables`; textstat's own count is kept for comparison."""
    from textstat.backend.selections import list_words

    ts = _textstat()
    words = list_words(text)
    w = len(words)
    f = ts.sentence_count(text)
    s = sum(syllables(word) for word in words)
    inflesz = fh = 0.0
    if w and f:
        inflesz = 206.835 - 62.3 * s / w - w / f
        fh = 206.84 - 60 * s / w - 1.02 * w / f
    return {
        "words": w,
        "sentences": f,
        "syllables": s,
        "szigriszt_pazos": inflesz,
        "fernandez_huerta": fh,
        "textstat_syllables": ts.syllable_count(text),
    }


def summary(scores) -> str:
    return f"INFLESZ {scores.szigriszt_pazos:.1f}, Fernández-Huerta {scores.fernandez_huerta:.1f}"


def inflections(word: str) -> tuple[str, ...]:
    """The word and its plural: +s after a vowel, +es after a consonant, -z -> -ces,
    and the written accent of a last syllable in -n/-s dropped (bastón -> bastones);
    marcapasos stays."""
    forms = {word, word + "s", word + "es"}
    if word.endswith("z"):
        forms.add(word[:-1] + "ces")
    m = re.search(r"([áéíóú])([ns])$", word)
    if m:
        forms.add(word[: m.start(1)] + m.group(1).translate(_UNACCENT) + m.group(2) + "es")
    return tuple(sorted(forms))


LANGUAGE = Language(
    code="es",
    glossary_dir="glosario",
    og_locale="es_US",
    # INFLESZ 65 and up: "bastante fácil" and easier
    readability=Readability("INFLESZ", "szigriszt_pazos", 65.0, True, measure, summary),
    inflections=inflections,
    inflect_every_word=True,  # adjectives agree: anestésico local / anestésicos locales
    # Debian's hunspell-es links them all to one dictionary
    dictionaries=("es_US", "es_MX", "es_ES", "es"),
    dictionary_package="hunspell-es",
)
