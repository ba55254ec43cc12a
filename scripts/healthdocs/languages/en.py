"""English: the source language of the Markdown."""

from __future__ import annotations

import functools
import re

from . import Language, Readability


@functools.cache
def _textstat():
    """textstat's English (CMU Pronouncing Dictionary syllables, Pyphen for words it lacks),
    an instance of our own (the module-level one is global state)."""
    from textstat.textstat import textstatistics

    ts = textstatistics()
    ts.set_lang("en_US")
    ts.set_rounding_points(None)
    return ts


def syllables(text: str) -> int:
    return _textstat().syllable_count(text)


def measure(text: str) -> dict:
    """Flesch-Kincaid grade ``0.39 W/F + 11.8 S/W - 15.59`` and Flesch reading ease
    ``206.835 - 1.015 W/F - 84.6 S/W`` (textstat's)."""
    ts = _textstat()
    return {
        "words": ts.lexicon_count(text),
        "sentences": ts.sentence_count(text),
        "syllables": ts.syllable_count(text),
        "flesch_kincaid_grade": ts.flesch_kincaid_grade(text),
        "flesch_reading_ease": ts.flesch_reading_ease(text),
    }


def summary(scores) -> str:
    return f"grade {scores.flesch_kincaid_grade:.1f}, reading ease {scores.flesch_reading_ease:.1f}"


def inflections(word: str) -> tuple[str, ...]:
    """A noun and its plural: battery/batteries, pacemaker/pacemakers, patch/patches."""
    if re.search(r"[^aeiou]y$", word, re.IGNORECASE):
        return (word, word[:-1] + "ies")
    if re.search(r"(?:s|x|z|ch|sh)$", word, re.IGNORECASE):
        return (word, word + "es")
    return (word, word + "s")


LANGUAGE = Language(
    code="en",
    glossary_dir="glossary",
    og_locale="en_US",
    # US school grade 8 or lower
    readability=Readability("Flesch-Kincaid grade", "flesch_kincaid_grade", 8.0, False, measure, summary),
    inflections=inflections,
    inflect_every_word=False,  # in English only the last word of a term takes the plural
    dictionaries=("en_US",),
    dictionary_package="hunspell-en-us",
)
