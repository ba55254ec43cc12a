"""The translation checks, unit by unit: what a msgstr may and may not change.

In-process and fast: `make mutate` runs these against every mutant of checks.py."""

from __future__ import annotations

from collections import Counter

import pytest
from healthdocs import checks
from healthdocs.checks import BUILD_CHECKS, Problem, check

HTML_BLOCK = Problem("html", "adds an HTML block the English does not have")


def kinds(problems: list[Problem]) -> list[str]:
    return [p.check for p in problems]


def test_a_faithful_translation_passes_every_check():
    msgid = "See **[the risks](#risks)** of `SCS` {.note} for 2 to 5 years."
    msgstr = "Vea **[los riesgos](#risks)** de `SCS` {.note} durante 2 a 5 años."
    assert check(msgid, msgstr) == []


def test_the_build_stops_on_the_checks_that_would_mislead_or_break():
    assert BUILD_CHECKS == {"markup", "links", "html", "numbers", "attributes"}


# -- numbers: a changed number is a dosing or timing error -----------------------------

@pytest.mark.parametrize(
    ("msgid", "msgstr", "message"),
    [
        # Digits moved between numbers: compared as whole numbers, not digit by digit.
        ("Take 1.5 mg for 25 days.", "Tome 15 mg durante 52 días.", "missing 1.5, 25; extra 15, 52"),
        ("Take 1.5 mg.", "Tome 15 mg.", "missing 1.5; extra 15"),
        ("Take 15 mg.", "Tome 1.5 mg.", "missing 15; extra 1.5"),
        ("For 25 days.", "Durante 52 días.", "missing 25; extra 52"),
        ("It costs 1,000 dollars.", "Cuesta 1000 dólares.", "missing 1,000; extra 1000"),
        ("1 to 3 days", "de 1 a 4 días", "missing 3; extra 4"),
        ("2 to 5 years", "2 a 5 años 5", "extra 5"),
        ("2 to 5 years, 5 times", "2 a 5 años", "missing 5"),
        ("No number here.", "Aquí hay 1 número.", "extra 1"),
        ("Twice: 2 and 2.", "Dos veces: 2.", "missing 2"),
    ],
)
def test_a_changed_number_is_caught_with_what_changed(msgid, msgstr, message):
    assert check(msgid, msgstr) == [Problem("numbers", "numbers differ from the English: " + message)]


def test_the_same_numbers_in_another_order_pass():
    assert check("From 2 to 5 years, in 2018.", "En 2018, de 2 a 5 años.") == []


# -- raw HTML: nothing the English does not have ----------------------------------------

@pytest.mark.parametrize(
    "msgstr",
    [
        '<div onclick="alert(x)"',
        "<details open",
        "<pre",
        "<!-- x",
        "<div>",
        "<script>alert(x)</script>",
        "<?php echo x ?>",
        "<![CDATA[ x ]]>",
        "<!DOCTYPE html>",
        "<textarea>",
    ],
)
def test_a_msgstr_that_starts_an_html_block_stops_the_build(msgstr):
    problems = check("Hello there.", msgstr)
    assert HTML_BLOCK in problems
    assert "markup" not in kinds(problems)  # said once, as HTML, not also as a block change
    assert set(kinds(problems)) <= BUILD_CHECKS


def test_an_html_block_the_english_has_may_stay():
    assert check("<div>\nHello\n</div>", "<div>\nHola\n</div>") == []


def test_inline_html_added_is_named_with_its_attributes():
    assert check("Hello there.", 'Hola <b onclick="x">a</b> y.') == [
        Problem("html", 'adds raw HTML the English does not have: </b>, <b onclick="x">')
    ]


def test_inline_html_of_the_english_may_stay_and_is_compared_with_attributes():
    msgid = 'The <abbr title="spinal cord stimulation">SCS</abbr> device.'
    assert check(msgid, 'El dispositivo <abbr title="spinal cord stimulation">SCS</abbr>.') == []
    assert check(msgid, 'El dispositivo <abbr   title="spinal cord stimulation">SCS</abbr>.') == []
    assert kinds(check(msgid, 'El dispositivo <abbr title="x" onclick="y">SCS</abbr>.')) == ["html"]


# -- links, block markup, emphasis, code ------------------------------------------------

def test_a_changed_link_target_is_named():
    assert check("See [risks](#risks).", "Vea [riesgos](#riesgos).") == [
        Problem("links", "link targets differ from the English: drops or changes #risks; adds #riesgos")
    ]


def test_a_dropped_link_and_an_added_image_are_caught():
    assert check("See [a](a.md) and [b](b.md).", "Vea [a](a.md).") == [
        Problem("links", "link targets differ from the English: drops or changes b.md")
    ]
    assert check("Text.", "Texto ![x](x.png).") == [Problem("links", "link targets differ from the English: adds x.png")]


def test_a_link_repeated_must_stay_repeated():
    assert kinds(check("[a](x) and [b](x)", "[a](x) y b")) == ["links"]


@pytest.mark.parametrize("msgstr", ["# Hola", "- Hola", "> Hola", "    Hola", "1. Hola", "Hola\n\nAdiós", "---"])
def test_a_new_block_marker_changes_the_block_structure(msgstr):
    assert check("Hello", msgstr)[:1] == [
        Problem("markup", "changes the block structure (a heading, list, quote or code block marker was added or removed)")
    ]


def test_the_same_block_structure_passes():
    assert check("- one\n- two", "- uno\n- dos") == []
    assert check("## Risks", "## Riesgos") == []


def test_emphasis_must_match():
    assert check("Use *y* and **z**.", "Use _y_ y z.") == [
        Problem("markup", "emphasis differs from the English (English has {'em': 1, 'strong': 1}, translation has {'em': 1})")
    ]
    assert check("Plain.", "**Llano**.") == [
        Problem("markup", "emphasis differs from the English (English has none, translation has {'strong': 1})")
    ]


def test_inline_code_must_match():
    assert check("Run `x` now.", "Ejecute `y` ahora.") == [Problem("code", "inline code differs: expected x")]
    assert check("Run it.", "Ejecute `y`.") == [Problem("code", "inline code differs: expected none")]


# -- attribute lists, whitespace, abbreviations -----------------------------------------

def test_attribute_lists_must_match():
    assert check("## Risks {#risks}", "## Riesgos {#riesgos}") == [
        Problem("attributes", "attribute lists ({#id}) differ from the English: missing {#risks}; adds {#riesgos}"
                " (the build keeps the English anchor; remove them)")
    ]
    assert kinds(check("## Risks", "## Riesgos {: #r }")) == ["attributes"]
    assert kinds(check("Text {.note}", "Texto")) == ["attributes"]


@pytest.mark.parametrize(("msgid", "msgstr"), [("Hello", " Hola"), ("Hello", "Hola "), (" Hello", "Hola"), ("Hello ", "Hola")])
def test_leading_or_trailing_space_must_match(msgid, msgstr):
    assert Problem("whitespace", "leading or trailing whitespace differs from the English") in check(msgid, msgstr)


def test_matching_outer_space_passes():
    assert check(" Hello ", " Hola ") == []


def test_an_abbreviation_is_written_in_its_translated_form():
    abbreviations = {"SCS": "EME"}
    assert check("SCS helps.", "SCS ayuda.", abbreviations=abbreviations) == [
        Problem("abbreviations", "uses SCS in the English but not its translated form EME")
    ]
    assert check("SCS helps.", "La EME ayuda.", abbreviations=abbreviations) == []
    assert check("It helps.", "Ayuda.", abbreviations=abbreviations) == []
    assert check("SCSX helps.", "Ayuda.", abbreviations=abbreviations) == []  # whole words only


# -- prose, placeholders and word counts ------------------------------------------------

def test_placeholders_are_counted_without_the_percent_sign():
    assert checks.placeholders("%(date)s, %s, %d and %%") == Counter({"%(date)s": 1, "%s": 1, "%d": 1})
    assert checks.placeholders("%(n)s %(n)s") == Counter({"%(n)s": 2})
    assert checks.placeholders("%(width)5.2f") == Counter({"%(width)5.2f": 1})


def test_prose_is_what_a_reader_sees():
    assert checks.prose("See [the page](x.md), `code` and <b>bold</b>.") == "See the page,   and  bold ."
    assert checks.prose("Updated %(date)s: 50%% done") == "Updated  : 50% done"
    assert checks.prose("Mail <someone@example.org> now") == "Mail  now"


def test_word_count_counts_words_as_a_reader_does():
    assert checks.word_count("A long-lasting device, 2 leads and the patient's [own](x) choice.") == 10
    assert checks.word_count("") == 0
    assert checks.word_count("`code` only") == 1


# -- counts, not just presence ----------------------------------------------------------

def test_each_repeated_element_is_counted():
    assert kinds(check("![a](x.png) and ![b](x.png)", "![a](x.png) y b")) == ["links"]
    assert kinds(check("`x` and `x`", "`x` y x")) == ["code"]
    assert kinds(check("*a* and *b*", "*a* y b")) == ["markup"]
    assert check("<b>a</b> <b>b</b>", "<b>a</b> <b>b</b> <b>c</b>") == [
        Problem("html", "adds raw HTML the English does not have: </b>, <b>")
    ]


def test_html_of_the_english_may_be_dropped():
    assert check("<b>a</b> and <b>b</b>", "<b>a</b> y b") == []


def test_emphasis_dropped_is_named():
    assert check("Use *y*.", "Use y.") == [
        Problem("markup", "emphasis differs from the English (English has {'em': 1}, translation has none)")
    ]


@pytest.mark.parametrize(("added", "check_name"), [("    code", "markup"), ("```\ncode\n```", "markup"), ("***", "markup"),
                                                   ("<div>\nx\n</div>", "html")])
def test_a_block_added_after_the_paragraph_is_caught(added, check_name):
    assert check_name in kinds(check("Hello there.", "Hola.\n\n" + added))


def test_a_carriage_return_starts_a_new_line_as_a_newline_does():
    # CommonMark reads \r as a line end: "\r# x" is a heading, not the rest of the sentence.
    assert kinds(check("Hello there.", "Hola.\r# Adiós")) == ["markup"]
    assert kinds(check("Hello there.", "Hola.\r\n- Adiós")) == ["markup"]
