"""Arabic, written right to left (the direction comes from CLDR). No readability formula yet."""

from __future__ import annotations

from . import Language

LANGUAGE = Language(
    code="ar",
    # An ASCII folder: an Arabic one would be percent-encoded in every address.
    glossary_dir="glossary",
    og_locale="ar_AR",
    dictionaries=("ar",),
    dictionary_package="hunspell-ar",
)
