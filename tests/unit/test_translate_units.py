"""Which text a translated page shows: the translation when it is usable and safe, else
the English, marked with its language and counted (in-process: `make mutate` runs these)."""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog
from healthdocs import segment, translate
from healthdocs.errors import SourceErrors
from healthdocs.translate import fallback, marked

SOURCE = """---
title: Knee replacement
description: What happens.
alternative_names:
  - name: TKR
    explanation: The short name.
abbreviations:
  - abbr: TKR
    title: Total knee replacement
---

## Risks

Rest for 1 to 3 days.

![A knee](knee.png)

Take it  
with food.
"""

SPANISH = {
    "Knee replacement": "Reemplazo de rodilla",
    "What happens.": "Qué pasa.",
    "TKR": "RTR",
    "The short name.": "El nombre corto.",
    "Total knee replacement": "Reemplazo total de rodilla",
    "Risks": "Riesgos",
    "Rest for 1 to 3 days.": "Descanse de 1 a 3 días.",
    "A knee": "Una rodilla",
    "Take it  \nwith food.": "Tómelo  \ncon comida.",
}


def catalog_of(doc, strings: dict[str, str], fuzzy: set[str] = frozenset()) -> Catalog:
    catalog = Catalog(locale="es")
    for n, unit in enumerate(doc.units, start=10):
        if unit.msgid in strings:
            message = catalog.add(unit.msgid, strings[unit.msgid], context=unit.context,
                                  flags={"fuzzy"} if unit.msgid in fuzzy else ())
            message.lineno = n
    return catalog


@pytest.fixture
def doc():
    return segment.segment(SOURCE, "docs/knee.md")


def run(doc, catalog):
    return translate.translate(doc, catalog, "locales/es/knee.po", "es", "en")


def test_a_complete_translation(doc):
    page = run(doc, catalog_of(doc, SPANISH))
    assert (page.total, page.translated, page.fuzzy, page.untranslated) == (10, 10, 0, 0)
    assert page.complete and page.fallback_fields == []
    assert page.meta["title"] == "Reemplazo de rodilla"
    assert page.meta["alternative_names"] == [{"name": "RTR", "explanation": "El nombre corto."}]
    assert page.meta["abbreviations"] == [{"abbr": "RTR", "title": "Reemplazo total de rodilla"}]
    body = page.markdown.split("---\n", 2)[2]
    assert body == ("\n## Riesgos {#risks}\n\nDescanse de 1 a 3 días.\n\n![Una rodilla](knee.png)\n\n"
                    "Tómelo  \ncon comida.\n")
    info = page.meta["translation"]
    assert {k: info[k] for k in ("lang", "total", "translated", "missing", "fallback_fields")} == {
        "lang": "es", "total": 10, "translated": 10, "missing": 0, "fallback_fields": []}
    assert page.markdown.startswith("---\ntitle: Reemplazo de rodilla\n")


def test_the_source_document_is_not_changed(doc):
    before = repr(doc.meta)
    run(doc, catalog_of(doc, SPANISH))
    assert repr(doc.meta) == before


def test_fuzzy_entries_alone_count_as_missing_and_show_the_english(doc):
    """A page whose only gaps are fuzzy entries still says part of it is in English."""
    page = run(doc, catalog_of(doc, SPANISH, fuzzy={"Rest for 1 to 3 days."}))
    assert (page.translated, page.fuzzy, page.untranslated) == (9, 1, 0)
    assert page.meta["translation"]["missing"] == 1 and not page.complete
    assert '<span lang="en">Rest for 1 to 3 days.</span>' in page.markdown
    assert page.freshness is not None and page.freshness.missing == 1


def test_untranslated_units_are_shown_in_english_marked_with_its_language(doc):
    strings = {k: v for k, v in SPANISH.items() if k not in ("Risks", "Take it  \nwith food.", "A knee")}
    strings["Take it  \nwith food."] = ""
    page = run(doc, catalog_of(doc, strings))
    assert (page.translated, page.fuzzy, page.untranslated) == (7, 0, 3)
    body = page.markdown.split("---\n", 2)[2]
    assert '## <span lang="en">Risks</span> {#risks}' in body
    assert '<span lang="en">Take it  \nwith food.</span>' in body
    # Alt text cannot carry a language: the English stays as it is, unmarked.
    assert "![A knee](knee.png)" in body
    assert page.meta["translation"]["missing"] == 3


def test_front_matter_fields_left_in_english_are_listed(doc):
    strings = {k: v for k, v in SPANISH.items() if k not in ("Knee replacement", "The short name.")}
    page = run(doc, catalog_of(doc, strings))
    assert page.fallback_fields == ["title", "alternative_names.0.explanation"]
    assert page.meta["title"] == "Knee replacement"
    assert page.meta["alternative_names"][0] == {"name": "RTR", "explanation": "The short name."}
    assert page.meta["translation"]["fallback_fields"] == ["title", "alternative_names.0.explanation"]
    # No h1 of its own: the page gets one, marked English, instead of the theme's unmarked title.
    body = page.markdown.split("---\n", 2)[2]
    assert body.startswith('\n# <span lang="en">Knee replacement</span>\n\n## Riesgos {#risks}')


def test_an_english_title_with_the_pages_own_h1_adds_no_second_h1():
    doc = segment.segment("---\ntitle: Knee\n---\n\n# Knee\n\nText.\n", "docs/knee.md")
    page = run(doc, catalog_of(doc, {"Text.": "Texto."}))
    body = page.markdown.split("---\n", 2)[2]
    assert body == '\n# <span lang="en">Knee</span> {#knee}\n\nTexto.\n'


@pytest.mark.parametrize(
    ("msgstr", "problem"),
    [
        ("Descanse de 1 a 4 días.", "numbers: numbers differ from the English: missing 3; extra 4"),
        ('<div onclick="x" de 1 a 3 días', "html: adds an HTML block the English does not have"),
        ("Descanse [de 1 a 3 días](x.md).", "links: link targets differ from the English: adds x.md"),
        ("# Descanse de 1 a 3 días.", "markup: changes the block structure (a heading, list, quote or code block marker was added or removed)"),
        ("Descanse de 1 a 3 días. {#x}", "attributes: attribute lists ({#id}) differ from the English: adds {#x} (the build keeps the English anchor; remove them)"),
    ],
)
def test_a_msgstr_that_would_mislead_stops_the_page_with_its_po_line(doc, msgstr, problem):
    strings = dict(SPANISH, **{"Rest for 1 to 3 days.": msgstr})
    with pytest.raises(SourceErrors) as caught:
        run(doc, catalog_of(doc, strings))
    line = 10 + [u.msgid for u in doc.units].index("Rest for 1 to 3 days.")
    assert [str(e) for e in caught.value.errors] == [f"locales/es/knee.po:{line}: {problem}"]


def test_every_blocking_problem_is_reported_at_once(doc):
    strings = dict(SPANISH, **{"Rest for 1 to 3 days.": "Descanse 2 días.", "Risks": "## Riesgos"})
    with pytest.raises(SourceErrors) as caught:
        run(doc, catalog_of(doc, strings))
    assert [e.message.split(":")[0] for e in caught.value.errors] == ["markup", "numbers"]
    assert all(e.path == "locales/es/knee.po" for e in caught.value.errors)


def test_a_check_that_does_not_block_lets_the_translation_through(doc):
    # Whitespace and abbreviation problems are for `make check-po`, not for stopping the build.
    strings = dict(SPANISH, **{"Rest for 1 to 3 days.": "Descanse de 1 a 3 días. "})
    page = run(doc, catalog_of(doc, strings))
    assert page.translated == 10


def test_a_soft_wrapped_msgstr_is_joined_and_a_hard_break_kept():
    doc = segment.segment("One line.\n\nTwo  \nlines.\n", "docs/x.md")
    page = run(doc, catalog_of(doc, {"One line.": "Una\nlínea.", "Two  \nlines.": "Dos  \nlíneas\nen total."}))
    body = page.markdown.split("---\n", 2)[2]
    assert body == "Una línea.\n\nDos  \nlíneas\nen total.\n"
    doc = segment.segment("Two\\\nlines.\n", "docs/x.md")
    page = run(doc, catalog_of(doc, {"Two\\\nlines.": "Dos\\\nlíneas\nmás."}))
    assert page.markdown.split("---\n", 2)[2] == "Dos\\\nlíneas\nmás.\n"


def test_abbreviation_map():
    doc = segment.segment("---\ntitle: x\nabbreviations:\n  - abbr: TKR\n  - abbr: ' '\n  - abbr: SCS\n---\n", "x.md")
    catalog = Catalog(locale="es")
    catalog.add("TKR", "RTR", context="abbreviation")
    catalog.add("SCS", "EME")  # without its context: not the abbreviation's entry
    assert translate.abbreviation_map(doc, catalog) == {"TKR": "RTR", "SCS": "SCS"}
    assert translate.abbreviation_map(doc, None) == {"TKR": "TKR", "SCS": "SCS"}


def test_identity_is_the_english_body():
    doc = segment.segment(SOURCE, "docs/knee.md")
    assert translate.identity(doc) == SOURCE.replace("## Risks", "## Risks {#risks}")


def test_fallback_and_marked():
    assert fallback("Risks", "en") == '<span lang="en">Risks</span>'
    assert marked("Riesgos", True, "en") == "Riesgos"
    assert marked("Risks", False, "fr") == '<span lang="fr">Risks</span>'


def test_set_field_follows_dotted_paths_with_indices():
    meta = {"a": [{"b": "x"}, {"b": "y"}], "c": {"d": "z"}}
    translate._set_field(meta, "a.1.b", "Y")
    translate._set_field(meta, "c.d", "Z")
    translate._set_field(meta, "e", "E")
    assert meta == {"a": [{"b": "x"}, {"b": "Y"}], "c": {"d": "Z"}, "e": "E"}


def test_an_abbreviation_item_without_its_abbreviation_is_skipped():
    doc = segment.segment("---\ntitle: x\nabbreviations:\n  - title: No abbreviation here\n---\n", "x.md")
    assert translate.abbreviation_map(doc, Catalog(locale="es")) == {}


def test_the_same_english_in_two_contexts_gets_each_its_own_translation(doc):
    strings = dict(SPANISH)
    catalog = catalog_of(doc, strings)
    catalog.get("TKR", "abbreviation").string = "RTR (abrev.)"  # the abbreviation's own entry
    page = run(doc, catalog)
    assert page.meta["alternative_names"][0]["name"] == "RTR"
    assert page.meta["abbreviations"][0]["abbr"] == "RTR (abrev.)"


def test_the_page_reads_its_translation_anchor_from_the_catalog(doc):
    from healthdocs import catalogs, freshness

    catalog = catalog_of(doc, SPANISH)
    catalogs.set_header_field(catalog, freshness.TRANSLATES, "0123456789abcdef")
    catalogs.set_header_field(catalog, freshness.MATCHED, "2026-11-30")
    page = run(doc, catalog)
    assert page.freshness.translates == "0123456789abcdef"
    assert page.meta["translation"]["translates"] == "0123456789abcdef"
    assert str(page.freshness.matched) == "2026-11-30"
