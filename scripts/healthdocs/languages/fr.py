"""French. No plain-language readability formula yet: `make check-content` says so."""

from __future__ import annotations

from . import Language

LANGUAGE = Language(
    code="fr",
    glossary_dir="glossaire",
    og_locale="fr_FR",
    dictionaries=("fr_FR", "fr"),
    dictionary_package="hunspell-fr",
)
