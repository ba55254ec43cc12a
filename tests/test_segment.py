"""Segmentation: units on a real parser, and the identity round trip."""

from __future__ import annotations

import markdown
import pytest
from healthdocs import segment, translate
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import FIXTURES, ROOT

# The Markdown extensions of mkdocs.yml that change how a page renders.
EXTENSIONS = ["abbr", "attr_list", "md_in_html", "toc", "tables"]


def html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def body(text: str, doc: segment.Document) -> str:
    return "\n".join(text.split("\n")[doc.body_start :])


SOURCES = [ROOT / "docs" / "spinal-cord-stimulation.md", *sorted((FIXTURES / "two-articles" / "docs").glob("*.md"))]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_identity_translation_reproduces_the_english_html(path):
    doc = segment.read(path, path.parent)
    assert doc.body_units, "the source has translatable text"
    assert html(body(translate.identity(doc), doc)) == html(body(doc.text, doc))


def test_units_of_each_kind_with_inline_markup_kept():
    doc = segment.read(FIXTURES / "two-articles" / "docs" / "knee-replacement.md", FIXTURES)
    by_kind = {}
    for unit in doc.units:
        by_kind.setdefault(unit.kind, []).append(unit.msgid)
    assert "A knee joint replacement (TKR) puts in an **artificial** joint." in by_kind["paragraph"]
    assert "The surgeon removes the damaged bone. See [the risks](#risks) and the [other article](hip-replacement.md)." in by_kind["paragraph"]
    assert by_kind["heading"] == ["Description", "Risks", "Alternative names", "References"]
    assert by_kind["table header cell"] == ["Step", "Time"]
    assert "1 to 3 days" in by_kind["table cell"]
    assert "Use `ice` for swelling" in by_kind["list item"]
    fields = {u.field: u.msgid for u in doc.meta_units}
    assert fields["title"] == "Knee joint replacement"
    assert fields["alternative_names.2.name"] == "Ñandú knee"
    assert fields["abbreviations.0.abbr"] == "TKR"
    # Units carry the line they come from, for `#:` references.
    risks = next(u for u in doc.units if u.msgid == "Risks")
    assert doc.text.split("\n")[risks.line - 1] == "## Risks"


def test_image_alt_and_title_are_units_and_src_is_not():
    text = 'Intro.\n\n![A lead under the skin](lead.png "Trial lead")\n'
    doc = segment.segment(text, "x.md")
    kinds = {u.kind: u.msgid for u in doc.units}
    assert kinds["image alt text"] == "A lead under the skin"
    assert kinds["image title"] == "Trial lead"
    out = segment.render_body(doc, lambda u: {"A lead under the skin": "Un electrodo", "Trial lead": "Prueba"}.get(u.msgid))
    assert '![Un electrodo](lead.png "Prueba")' in out


def test_soft_wrapped_paragraph_is_one_msgid_and_headings_keep_their_anchor():
    text = "## Before the visit\n\nA long sentence\nwrapped in the source.\n"
    doc = segment.segment(text, "x.md")
    assert [u.msgid for u in doc.units] == ["Before the visit", "A long sentence wrapped in the source."]
    out = segment.render_body(doc, lambda u: {"Before the visit": "Antes de la visita"}.get(u.msgid, u.msgid))
    assert "## Antes de la visita {#before-the-visit}" in out
    assert 'id="before-the-visit"' in html(out)


# -- property: any document of these blocks round-trips -------------------------

words = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzáéíñ"), min_size=1, max_size=8)
sentence = st.lists(words, min_size=1, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")
inline = st.one_of(
    sentence,
    st.tuples(sentence, words).map(lambda t: f"{t[0]} *{t[1]}* end."),
    st.tuples(sentence, words).map(lambda t: f"{t[0]} [{t[1]}](page-{t[1]}.md)."),
    st.tuples(sentence, words).map(lambda t: f"{t[0]} `{t[1]}`."),
)
block = st.one_of(
    inline.map(lambda s: s),
    inline.map(lambda s: f"## {s.rstrip('.')}"),
    st.lists(inline, min_size=1, max_size=4).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.lists(inline, min_size=1, max_size=3).map(lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))),
    st.tuples(words, words, words, words).map(lambda c: f"| {c[0]} | {c[1]} |\n|---|---|\n| {c[2]} | {c[3]} |"),
    inline.map(lambda s: f"> {s}"),
)
documents = st.lists(block, min_size=1, max_size=8).map(lambda blocks: "\n\n".join(blocks) + "\n")


@settings(max_examples=150, deadline=None)
@given(documents)
def test_identity_round_trip_on_random_documents(text):
    doc = segment.segment(text, "random.md")
    assert html(translate.identity(doc)) == html(text)
