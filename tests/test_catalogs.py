"""Catalogs: extraction with context, updates that never lose a translation, canonical output."""

from __future__ import annotations

import shutil
import subprocess

from healthdocs import catalogs, segment
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import ROOT, require


def po_for(text: str, existing: bytes | None = None, lang: str = "es"):
    doc = segment.segment(text, "docs/page.md")
    catalog = catalogs.new_catalog(lang) if existing is None else catalogs.loads(existing)
    catalogs.update(catalog, catalogs.template_for(doc))
    return catalog, catalogs.dumps(catalog)


def test_entries_carry_references_comments_and_context():
    text = "---\ntitle: Page\nabbreviations:\n  - abbr: SCS\n    title: spinal cord stimulation\n---\n\n## Risks\n\n- Pain after SCS\n"
    catalog, data = po_for(text)
    po = data.decode()
    assert "#: docs/page.md:10" in po  # the list item's line
    assert '#. List item in section "Risks"' in po
    assert '#. Heading in section "Risks"; anchor #risks stays the same in every language' in po
    assert 'msgctxt "abbreviation"\nmsgid "SCS"' in po


def test_changed_segment_becomes_fuzzy_with_previous_msgid_and_removed_one_obsolete():
    v1 = "Your skin will be numbed with a local anesthetic.\n\nA paragraph that goes away.\n"
    catalog, _ = po_for(v1)
    catalog["Your skin will be numbed with a local anesthetic."].string = "Se adormecerá la piel con un anestésico local."
    catalog["A paragraph that goes away."].string = "Un párrafo que desaparece."
    data = catalogs.dumps(catalog)
    v2 = "Your skin will be numbed with a local anesthetic first.\n"
    catalog2, data2 = po_for(v2, data)
    po = data2.decode()
    msg = catalog2["Your skin will be numbed with a local anesthetic first."]
    assert msg.fuzzy and msg.string == "Se adormecerá la piel con un anestésico local."
    assert '#| msgid "Your skin will be numbed with a local anesthetic."' in po
    assert '#~ msgid "A paragraph that goes away."' in po
    assert '#~ msgstr "Un párrafo que desaparece."' in po
    # A second update keeps the previous msgid as `#|` (Babel alone turns it into a comment).
    catalog3, data3 = po_for(v2, data2)
    assert data3 == data2
    assert catalog3["Your skin will be numbed with a local anesthetic first."].previous_id == ["Your skin will be numbed with a local anesthetic."]
    assert "# |" not in data3.decode()


def test_obsolete_translation_comes_back_when_the_english_does():
    v1 = "Alpha beta gamma.\n\nDelta epsilon.\n"
    catalog, _ = po_for(v1)
    catalog["Delta epsilon."].string = "Delta épsilon."
    _, data = po_for("Alpha beta gamma.\n", catalogs.dumps(catalog))
    catalog3, _ = po_for(v1, data)
    assert catalog3["Delta epsilon."].string == "Delta épsilon."
    assert not catalog3["Delta epsilon."].fuzzy
    assert not catalog3.obsolete


def test_update_twice_changes_nothing(tmp_path):
    text = (ROOT / "docs" / "spinal-cord-stimulation.md").read_text()
    doc = segment.segment(text, "docs/spinal-cord-stimulation.md")
    po = tmp_path / "a.po"
    assert catalogs.sync(po, catalogs.template_for(doc), "es") is True
    first = po.read_bytes()
    assert catalogs.sync(po, catalogs.template_for(doc), "es") is False
    assert po.read_bytes() == first


def test_real_catalogs_pass_msgfmt_check_and_are_complete():
    require(shutil.which("msgfmt") is not None, "gettext's msgfmt is installed by `make test` (scripts/system-deps.sh)")
    for po in sorted((ROOT / "locales").rglob("*.po")):
        result = subprocess.run(["msgfmt", "-c", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, f"{po.name}: {result.stderr}"


# -- property: no translator's msgstr is ever lost -------------------------------

sentence = st.lists(st.text(alphabet="abcdefghijklmnop", min_size=1, max_size=7), min_size=2, max_size=7).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
blocks = st.lists(sentence, min_size=1, max_size=10, unique=True)


@st.composite
def edits(draw):
    original = draw(blocks)
    edited = list(original)
    for i in range(len(edited)):
        action = draw(st.sampled_from(["keep", "keep", "change", "remove"]))
        if action == "change":
            edited[i] = edited[i][:-1] + " " + draw(st.text(alphabet="xyz", min_size=1, max_size=5)) + "."
        elif action == "remove":
            edited[i] = None
    edited = [e for e in edited if e]
    edited = draw(st.permutations(edited))
    edited += draw(st.lists(sentence, max_size=3))
    return original, list(dict.fromkeys(edited))


def as_doc(paragraphs: list[str]) -> str:
    return "\n\n".join(f"- {p}" if i % 3 == 2 else p for i, p in enumerate(paragraphs)) + "\n"


@settings(max_examples=120, deadline=None)
@given(edits(), st.integers(min_value=1, max_value=3))
def test_updates_keep_every_msgstr(change, rounds):
    original, edited = change
    catalog, _ = po_for(as_doc(original))
    translations = {}
    for n, message in enumerate(m for m in catalog if m.id):
        message.string = f"traducción {n}"
        translations[message.id] = message.string
    data = catalogs.dumps(catalog)
    for _ in range(rounds):
        catalog, data = po_for(as_doc(edited) if edited else "Empty.\n", data)
    kept = {m.string for m in catalog if m.id and m.string} | {m.string for m in catalog.obsolete.values()}
    assert set(translations.values()) <= kept
    # Unchanged English keeps its translation, not fuzzy.
    for msgid, msgstr in translations.items():
        if msgid in edited:
            assert catalog[msgid].string == msgstr and not catalog[msgid].fuzzy
