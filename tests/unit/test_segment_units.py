"""Segmentation, unit by unit: what becomes a msgid, where it comes from, and how a
translation goes back in its place (in-process: `make mutate` runs these)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown
import pytest
from healthdocs import segment, translate
from healthdocs.errors import SourceError
from healthdocs.segment import Span, Unit
from hypothesis import given, settings
from hypothesis import strategies as st

EXTENSIONS = ["abbr", "attr_list", "md_in_html", "toc", "tables"]


def html(text: str) -> str:
    """The page as MkDocs' Markdown renders it, white space collapsed (a soft line break
    joined into a space renders the same)."""
    return " ".join(markdown.markdown(text, extensions=EXTENSIONS).split())


def units(text: str) -> list[tuple[str, str]]:
    return [(u.kind, u.msgid) for u in segment.segment(text, "x.md").units]


# -- hard and soft line breaks ------------------------------------------------------

@pytest.mark.parametrize(
    ("content", "msgid"),
    [
        ("one\ntwo", "one two"),
        ("one   \ntwo", "one   \ntwo"),  # two or more spaces: a hard break, kept as written
        ("one  \ntwo", "one  \ntwo"),
        ("one \ntwo", "one two"),  # one space: soft
        ("one\\\ntwo", "one\\\ntwo"),  # a backslash: hard, not doubled
        ("one\\\\\ntwo", "one\\\\ two"),  # an escaped backslash: soft
        ("one\\\\\\\ntwo", "one\\\\\\\ntwo"),  # an escaped backslash, then a hard break
        ("one \\\ntwo", "one \\\ntwo"),
        ("last line  ", "last line"),
        ("a\nb\nc", "a b c"),
        ("", ""),
    ],
)
def test_normalize_keeps_hard_breaks_and_joins_soft_ones(content, msgid):
    assert segment.normalize(content) == msgid


@pytest.mark.parametrize(("line", "hard"), [("x  ", True), ("x ", False), ("x\\", True), ("x\\\\", False),
                                            ("x\\\\\\", True), ("x", False), ("", False)])
def test_hard_break(line, hard):
    assert segment.hard_break(line) is hard


@pytest.mark.parametrize(("source", "br"), [("Take it  \nwith food.\n", 1), ("> Take it  \n> with food.\n", 1),
                                           # CommonMark's backslash break; Python-Markdown shows the backslash
                                           ("Take it\\\nwith food.\n", 0), ("- Take it\\\n  with food.\n", 0)])
def test_a_hard_break_survives_translation(source, br):
    doc = segment.segment(source, "x.md")
    (unit,) = doc.units
    assert "\n" in unit.msgid
    out = segment.render_body(doc, lambda u: u.msgid.replace("Take it", "Tómelo").replace("with food", "con comida"))
    assert html(out).count("<br />") == br
    assert html(out) == html(source).replace("Take it", "Tómelo").replace("with food", "con comida")


# -- units: kinds, sections, lines, contexts ----------------------------------------

DOC = """---
title: Knee replacement
description: What happens before and after.
alternative_names:
  - name: TKR
    explanation: The short name.
  - name: "  "
  - just a string
abbreviations:
  - abbr: TKR
    title: Total knee replacement
  - abbr: " "
exception:
  reason: A quoted drug label.
reviewed: 2020-01-02
---

Intro before any heading.

# Knee replacement

## Description

A **new** joint.
Wrapped line.

- First item
- Second item

> A quote.

| Step | Time |
|---|---|
| Rest | 1 to 3 days |

![A knee](knee.png "The joint")

![](empty-alt.png)

## Description

Again.
"""


def test_every_kind_of_unit_in_source_order():
    doc = segment.segment(DOC, "docs/knee.md")
    assert [(u.kind, u.msgid, u.line) for u in doc.units] == [
        ("front matter", "Knee replacement", 2),
        ("front matter", "What happens before and after.", 3),
        ("front matter", "TKR", 5),
        ("front matter", "The short name.", 6),
        ("front matter", "TKR", 10),
        ("front matter", "Total knee replacement", 11),
        ("front matter", "A quoted drug label.", 14),
        ("paragraph", "Intro before any heading.", 18),
        ("heading", "Knee replacement", 20),
        ("heading", "Description", 22),
        ("paragraph", "A **new** joint. Wrapped line.", 24),
        ("list item", "First item", 27),
        ("list item", "Second item", 28),
        ("quote", "A quote.", 30),
        ("table header cell", "Step", 32),
        ("table header cell", "Time", 32),
        ("table cell", "Rest", 34),
        ("table cell", "1 to 3 days", 34),
        ("image alt text", "A knee", 36),
        ("image title", "The joint", 36),
        ("paragraph", "![](empty-alt.png)", 38),  # no alt text to translate: the paragraph is the unit
        ("heading", "Description", 40),
        ("paragraph", "Again.", 42),
    ]
    assert doc.has_h1 and doc.body_start == 16


def test_front_matter_units_name_their_field_and_context():
    doc = segment.segment(DOC, "docs/knee.md")
    fields = [(u.field, u.context) for u in doc.meta_units]
    assert fields == [
        ("title", None), ("description", None), ("alternative_names.0.name", None),
        ("alternative_names.0.explanation", None), ("abbreviations.0.abbr", "abbreviation"),
        ("abbreviations.0.title", None), ("exception.reason", None),
    ]
    assert [u.comment for u in doc.meta_units][:2] == ["Front matter: title", "Front matter: description"]
    assert all(u.span is None for u in doc.meta_units) and all(u.field is None for u in doc.body_units)
    assert doc.meta["reviewed"] == dt.date(2020, 1, 2)


def test_front_matter_values_are_stripped():
    doc = segment.segment("---\ntitle: '  Spaced  '\n---\n\nText.\n", "x.md")
    assert doc.units[0].msgid == "Spaced"


def test_units_know_their_section_and_heading_ids_are_unique():
    doc = segment.segment(DOC, "docs/knee.md")
    body = doc.body_units
    assert [u.section for u in body][:3] == ["", "Knee replacement", "Description"]
    assert body[0].comment == "Paragraph before the first section"
    headings = [u for u in body if u.kind == "heading"]
    assert [u.heading_id for u in headings] == ["knee-replacement", "description", "description_1"]
    assert headings[1].comment == 'Heading in section "Description"; anchor #description stays the same in every language'
    assert body[3].comment == 'Paragraph in section "Description"'
    assert all(u.heading_id is None for u in body if u.kind != "heading")


def test_a_heading_id_is_what_the_toc_extension_gives():
    doc = segment.segment("## Why it's *done* `now`\n\n## Why it's done now\n", "x.md")
    assert [u.heading_id for u in doc.units] == ["why-its-done-now", "why-its-done-now_1"]
    assert 'id="why-its-done-now"' in html("## Why it's *done* `now`")


def test_line_of_finds_a_field_or_its_nearest_parent():
    doc = segment.segment(DOC, "docs/knee.md")
    assert doc.line_of("title") == 2
    assert doc.line_of("alternative_names", 0, "explanation") == 6
    assert doc.line_of("alternative_names", 0, "missing") == 5
    assert doc.line_of("alternative_names", 1) == 7
    assert doc.line_of("nowhere") == 2  # no such field: the first line of the front matter
    assert segment.segment("No front matter.\n", "x.md").line_of("title") == 1


def test_spans_are_where_the_text_stands():
    doc = segment.segment("# Title\n\n- item *one*\n\n> quoted\n> twice\n", "x.md")
    spans = [u.span for u in doc.units]
    assert spans == [Span(0, 2, 0, 7), Span(2, 2, 2, 12), Span(4, 2, 5, 7)]


def test_a_paragraph_of_only_an_image_without_alt_text_is_a_paragraph_unit():
    assert units("![](x.png) and text\n") == [("paragraph", "![](x.png) and text")]
    assert units("![](x.png)\n") == [("paragraph", "![](x.png)")]


def test_empty_and_whitespace_only_blocks_give_no_unit():
    assert units("---\ntitle: ''\n---\n\n#\n\n|   | x |\n|---|---|\n|   | y |\n") == [
        ("table header cell", "x"), ("table cell", "y")]


def test_crlf_sources_are_read_as_lf():
    assert units("# Title\r\n\r\nOne\r\ntwo.\r\n") == [("heading", "Title"), ("paragraph", "One two.")]


# -- front matter errors ------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("---\ntitle: x\n\nBody.\n", 1, "the front matter is not closed: add a line with only --- after its last field"),
        ("---\ntitle: [x\n---\n", 2, "front matter is not valid YAML: expected ',' or ']', but got '<stream end>'"),
        ("---\n- a\n- b\n---\n", 2, "front matter must be a mapping of fields"),
        ("---\ntitle: x\nsource:\n  reviewed: 2018-02-30\n---\n", 4,
         "front matter field 'source.reviewed': '2018-02-30' is not a real date"),
        ("---\nitems:\n  - 2019-13-01\n---\n", 3, "front matter field 'items.0': '2019-13-01' is not a real date"),
    ],
)
def test_front_matter_errors_name_the_file_and_line(text, line, message):
    with pytest.raises(SourceError) as caught:
        segment.segment(text, "docs/x.md")
    assert (caught.value.path, caught.value.line, caught.value.message) == ("docs/x.md", line, message)


def test_an_empty_front_matter_is_no_fields():
    doc = segment.segment("---\n---\n\nBody.\n", "x.md")
    assert doc.meta == {} and doc.body_start == 2 and units("---\n---\n\nBody.\n") == [("paragraph", "Body.")]


def test_decode_names_the_line_of_the_first_bad_byte():
    with pytest.raises(SourceError) as caught:
        segment.decode("line one\nline two\ncaf\xe9\n".encode("latin-1"), "docs/x.md", "malformed: ")
    assert (caught.value.path, caught.value.line, caught.value.message) == (
        "docs/x.md", 3, "malformed: not UTF-8 (byte 0xe9): save the file as UTF-8")
    assert segment.decode("é".encode(), "x") == "é"


def test_read_text_names_an_unreadable_file(tmp_path: Path):
    with pytest.raises(SourceError) as caught:
        segment.read_text(tmp_path / "missing.md", "docs/missing.md")
    assert (caught.value.path, caught.value.line) == ("docs/missing.md", None)
    assert caught.value.message == "cannot read the file: No such file or directory"


def test_read_names_the_document_by_its_path_under_the_root(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n", encoding="utf-8")
    doc = segment.read(tmp_path / "docs" / "a.md", tmp_path)
    assert doc.path == "docs/a.md" and doc.units[0].msgid == "A"


# -- writing pages back ---------------------------------------------------------------

def test_front_matter_is_yaml_between_its_lines_unicode_kept_and_long_lines_whole():
    long = "ñ " * 3000
    text = segment.front_matter({"title": "Médula", "z": 1, "a": long})
    assert text.startswith("---\ntitle: Médula\nz: 1\na: ") and text.endswith("\n---\n")
    assert text.count("\n") == 5


def test_render_body_replaces_spans_and_keeps_every_other_byte():
    source = "# Title\n\n<!-- note -->\n\n- *one*  \n  two\n\n> quoted\n> twice\n\n    code\n"
    doc = segment.segment(source, "x.md")
    out = segment.render_body(doc, lambda u: None)
    assert out == source
    out = segment.render_body(doc, lambda u: {"Title": "Título", "quoted twice": "citado\ndos veces"}.get(u.msgid))
    assert out == "# Título {#title}\n\n<!-- note -->\n\n- *one*  \n  two\n\n> citado\n> dos veces\n\n    code\n"


def test_render_body_indents_continuation_lines_under_the_list_marker():
    doc = segment.segment("1. First\n", "x.md")
    assert segment.render_body(doc, lambda u: "Primero  \nsegundo") == "1. Primero  \n   segundo\n"


def test_a_translated_heading_drops_closing_hashes_and_gets_the_english_id():
    doc = segment.segment("## Risks ##\n", "x.md")
    assert segment.render_body(doc, lambda u: "Riesgos") == "## Riesgos {#risks}\n"


def test_plain_text_is_what_a_reader_reads():
    assert segment.plain_text("A **bold**  [link](x.md) and `code`,\nthen ![alt](i.png) <b>x</b>") == \
        "A bold link and code, then alt x"
    assert segment.plain_text("`code` and <https://example.org>", code=False, autolinks=False) == "and"
    assert segment.plain_text("![alt](i.png) text", images=False) == "text"


# -- property: a translation with every msgstr equal to its msgid gives the English page --

words = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzáéíñ"), min_size=1, max_size=8)
line = st.lists(words, min_size=1, max_size=6).map(" ".join)
breaks = st.sampled_from(["\n", "  \n", "\\\n", "   \n"])
paragraph = st.lists(st.tuples(line, breaks), min_size=1, max_size=4).map(
    lambda parts: "".join(text + brk for text, brk in parts).rstrip("\n\\ ").capitalize() + ".")
block = st.one_of(
    paragraph,
    paragraph.map(lambda p: "> " + p.replace("\n", "\n> ")),
    paragraph.map(lambda p: "- " + p.replace("\n", "\n  ")),
    line.map(lambda s: f"## {s}"),
)
documents = st.lists(block, min_size=1, max_size=6).map(lambda blocks: "\n\n".join(blocks) + "\n")


@settings(max_examples=60, deadline=None, derandomize=True)
@given(documents)
def test_translating_every_unit_to_itself_gives_the_english_page(text):
    from babel.messages.catalog import Catalog

    doc = segment.segment(text, "random.md")
    catalog = Catalog(locale="es")
    for unit in doc.units:
        catalog.add(unit.msgid, unit.msgid, context=unit.context)
    page = translate.translate(doc, catalog, "random.po", "es", "en")
    assert page.translated == page.total == len(doc.units)
    body = page.markdown.split("---\n", 2)[2]
    assert html(body) == html(text)


def test_unit_is_hashable_and_frozen():
    unit = Unit("x", "paragraph", 1)
    assert {unit: 1}[Unit("x", "paragraph", 1)] == 1
    with pytest.raises(AttributeError):
        unit.msgid = "y"  # type: ignore[misc]


# -- white space: what is text and what is layout ---------------------------------------

@pytest.mark.parametrize(
    ("content", "msgid"),
    [
        ("a\n   b", "a b"),  # a continuation line's indentation is not text
        ("a\n\t\tb", "a b"),
        ("a\t\nb", "a b"),  # a trailing tab is not text either
        ("a\xa0\nb", "a\xa0 b"),  # a no-break space is
        ("ends in\xa0", "ends in\xa0"),
        ("MAX \nBOX ", "MAX BOX"),  # only white space is stripped
        ("a  \n   b", "a  \nb"),
    ],
)
def test_normalize_strips_layout_white_space_only(content, msgid):
    assert segment.normalize(content) == msgid


@pytest.mark.parametrize("source", ["- a\n\tb\n", "- a\n    b\n", "> a\n>\tb\n", "1. a\n\t\tb\n"])
def test_a_tab_indented_continuation_line_is_found_and_replaced(source):
    """markdown-it gives a tab-indented continuation line as spaces: its text is still found."""
    doc = segment.segment(source, "x.md")
    assert [u.msgid for u in doc.units] == ["a b"]
    out = segment.render_body(doc, lambda u: "uno dos")
    assert html(out) == html(source.replace("a", "uno").replace("b", "dos"))


def test_a_crlf_source_renders_with_lf_only():
    doc = segment.segment("# Title\r\n\r\nOne\r\ntwo.\r\n", "x.md")
    assert "\r" not in segment.render_body(doc, lambda u: None)


def test_a_document_without_front_matter_starts_at_line_0():
    doc = segment.segment("Text.\n", "x.md")
    assert doc.body_start == 0 and doc.meta == {} and doc.has_h1 is False


def test_a_first_line_like_front_matter_must_be_exactly_three_dashes():
    with pytest.raises(SourceError, match="the front matter is not closed"):
        segment.segment("--- \ntitle: x\n\nBody.\n", "docs/x.md")
    assert units("--- a\n\nBody.\n") == [("paragraph", "--- a"), ("paragraph", "Body.")]


def test_a_front_matter_value_that_is_not_valid_names_the_file():
    with pytest.raises(SourceError) as caught:
        segment.segment("---\nx: !!float abc\n---\n", "docs/x.md")
    assert (caught.value.path, caught.value.line, caught.value.message) == (
        "docs/x.md", 2, "front matter has a value that is not valid: could not convert string to float: 'abc'")


def test_a_control_character_in_the_front_matter_is_a_yaml_error_at_its_start():
    with pytest.raises(SourceError) as caught:
        segment.segment("---\ntitle: a\x07b\n---\n", "docs/x.md")
    assert (caught.value.path, caught.value.line) == ("docs/x.md", 1)
    assert caught.value.message.startswith("front matter is not valid YAML: unacceptable character #x0007")


def test_a_list_of_names_with_a_stray_entry_keeps_the_ones_after_it():
    doc = segment.segment("---\ntitle: x\nalternative_names:\n  - stray\n  - name: Kept\n---\n", "x.md")
    assert [(u.field, u.msgid, u.line) for u in doc.meta_units] == [("title", "x", 2), ("alternative_names.1.name", "Kept", 5)]


def test_three_headings_alike_get_numbered_ids():
    doc = segment.segment("## Risks\n\n## Risks\n\n## Risks\n", "x.md")
    assert [u.heading_id for u in doc.units] == ["risks", "risks_1", "risks_2"]


def test_decode_without_a_prefix():
    with pytest.raises(SourceError) as caught:
        segment.decode(b"ok\n\xff", "docs/x.md")
    assert caught.value.message == "not UTF-8 (byte 0xff): save the file as UTF-8" and caught.value.line == 2


def test_a_source_that_is_not_utf8_is_named_by_its_path_under_the_root(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    with pytest.raises(SourceError) as caught:
        segment.read(tmp_path / "docs" / "a.md", tmp_path)
    assert str(caught.value) == "docs/a.md:1: not UTF-8 (byte 0xe9): save the file as UTF-8"


# -- images, tables and lists: each text in its own place -------------------------------

def test_an_image_title_is_replaced_in_its_place_even_when_the_alt_text_quotes_it():
    doc = segment.segment('## Device\n\n![say "Lead"](lead.png "Lead")\n', "x.md")
    assert [(u.kind, u.msgid, u.section) for u in doc.units] == [
        ("heading", "Device", "Device"), ("image alt text", 'say "Lead"', "Device"), ("image title", "Lead", "Device")]
    out = segment.render_body(doc, lambda u: {'say "Lead"': 'diga "Cable"', "Lead": "Cable"}.get(u.msgid))
    assert out == '## Device\n\n![diga "Cable"](lead.png "Cable")\n'


def test_an_image_followed_by_text_is_one_paragraph_unit():
    assert units("![A knee](knee.png) and more text\n") == [("paragraph", "![A knee](knee.png) and more text")]
    assert units("- ![A knee](knee.png) and text\n") == [("list item", "![A knee](knee.png) and text")]


def test_table_cells_are_found_left_to_right_even_when_one_contains_another():
    source = "| ab | b |\n|---|---|\n| b | x b |\n"
    doc = segment.segment(source, "x.md")
    out = segment.render_body(doc, lambda u: {"ab": "AB", "b": "B", "x b": "XB"}[u.msgid])
    assert out == "| AB | B |\n|---|---|\n| B | XB |\n"
    assert [(u.kind, u.section) for u in doc.units][:1] == [("table header cell", "")]


def test_a_table_without_outer_pipes_and_a_one_column_table():
    doc = segment.segment("a | b\n--|--\nc | d\n", "x.md")
    assert segment.render_body(doc, lambda u: u.msgid.upper()) == "A | B\n--|--\nC | D\n"
    doc = segment.segment("| only |\n|---|\n| one |\n", "x.md")
    assert segment.render_body(doc, lambda u: u.msgid.upper()) == "| ONLY |\n|---|\n| ONE |\n"


# -- the guards: a text markdown-it reports that is not where it says ---------------------

def _inline_token(content: str, line: int):
    from markdown_it.token import Token

    token = Token("inline", "", 0, content=content, map=[line, line + content.count("\n") + 1])
    return token


def test_a_block_whose_text_is_not_on_its_line_is_an_error_naming_it():
    seg = segment._Segmenter("docs/x.md", "first line\nsecond line\nthird")
    # "third" is on the line after the block: not its text, even though it is in the file.
    for content in ("elsewhere", "elsewhere\nthird", "second line\nnowhere", "third"):
        with pytest.raises(SourceError) as caught:
            seg.span(_inline_token(content, 1))
        assert (caught.value.path, caught.value.line, caught.value.message) == (
            "docs/x.md", 2, "cannot locate this block's text in the source line")
    assert seg.span(_inline_token("second line\nthird", 1)) == Span(1, 0, 2, 5)


def test_a_table_cell_that_is_not_on_its_line_is_an_error_naming_it():
    seg = segment._Segmenter("docs/x.md", "| a | b |\n|---|---|\n| c | d |")
    with pytest.raises(SourceError) as caught:
        seg.add_table_row([_inline_token("c", 2), _inline_token("zz", 2)], header=False)
    assert (caught.value.path, caught.value.line, caught.value.message) == (
        "docs/x.md", 3, "cannot locate table cell 'zz' in the source line")


# -- what a reader reads ------------------------------------------------------------------

def test_plain_text_after_an_autolink_and_around_breaks_and_html():
    assert segment.plain_text("<https://a.org> then [the page](x.md), and more", autolinks=False) == \
        "then the page, and more"
    assert segment.plain_text("See <https://a.org>") == "See https://a.org"
    assert segment.plain_text("one<br>two") == "one two"
    assert segment.plain_text("one  \ntwo") == "one two"
    assert segment.plain_text("one\\\ntwo") == "one two"


def test_walk_goes_into_images_unless_told_not_to():
    tokens = segment.parser().parseInline("![alt *x*](i.png)")
    assert "em_open" in [t.type for t in segment.walk(tokens)]
    assert "em_open" not in [t.type for t in segment.walk(tokens, images=False)]


def test_a_no_break_space_starting_a_continuation_line_is_text():
    assert segment.normalize("a\n\xa0b") == "a \xa0b"


def test_an_indented_quote_keeps_its_markers_on_every_replaced_line():
    doc = segment.segment("  > quoted\n  > twice\n", "x.md")
    assert segment.render_body(doc, lambda u: "citado\ndos veces") == "  > citado\n  > dos veces\n"


def test_a_table_cell_knows_its_section():
    doc = segment.segment("## Steps\n\n| a | b |\n|---|---|\n| c | d |\n", "x.md")
    assert [u.section for u in doc.units] == ["Steps"] * 5


def test_an_image_whose_title_repeats_the_alt_marker_is_replaced_in_place():
    doc = segment.segment('![A](x.png "see ![A]")\n', "x.md")
    assert [u.msgid for u in doc.units] == ["A", "see ![A]"]
    out = segment.render_body(doc, lambda u: {"A": "B", "see ![A]": "vea ![A]"}[u.msgid])
    assert out == '![B](x.png "vea ![A]")\n'


@pytest.mark.parametrize(("source", "msgid", "rendered"), [
    ("\xa0Text after a no-break space.\n", "Text after a no-break space.", "\xa0X\n"),
    ("1.\n   Text on the next line.\n", "Text on the next line.", "1.\n   X\n"),
    ("-\n  item\n  more\n", "item more", "-\n  X\n"),
    ("1. \xa0\n)\n", ")", "1. \xa0\nX\n"),
])
def test_a_blocks_text_is_found_after_white_space_or_on_the_next_line(source, msgid, rendered):
    doc = segment.segment(source, "x.md")
    assert [u.msgid for u in doc.units] == [msgid]
    assert segment.render_body(doc, lambda u: "X") == rendered


_PIECES = ["- ", "* ", "1. ", "> ", "  ", "\t", "#", "## ", "a", "b c", "`x`", "*e*", "![a](x.png)", "[l](y)",
           "|", " | ", "\n", "\n\n", "---", "  \n", "\\\n", "<b>", "&amp;", "    ", "\xa0", "1)", "+ ", "===",
           "\r\n", "\u2003", "-", ">", ")", "1."]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=16).map("".join))
def test_any_markdown_is_segmented_and_renders_back(text):
    """Whatever an editor writes, every block's text is found in its line (or the front
    matter is reported), and the page renders back byte for byte."""
    try:
        doc = segment.segment(text, "x.md")
    except SourceError as exc:
        assert "front matter" in exc.message, exc
        return
    assert segment.render_body(doc, lambda u: u.msgid if "\n" in u.msgid else None) is not None
    assert segment.render_body(doc, lambda u: None) == text.replace("\r\n", "\n")
