"""The translation loop as editors and translators use it: the English changes (and is
reverted), catalogs are updated with `make catalogs`, and every file stays valid for GNU
gettext, in gettext's own layout, with every translation kept or reused."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from healthdocs import catalogs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import set_translations

HAS_GETTEXT = all(shutil.which(tool) for tool in ("msgfmt", "msgcat", "msgmerge"))
needs_gettext = pytest.mark.skipif(
    not HAS_GETTEXT and not os.environ.get("CI"),
    reason="GNU gettext is installed by `make test` (scripts/system-deps.sh)",
)

#: Hypothesis examples of the property test (each runs one to three successive English edits,
#: then the revert).  The closing note of issue 11 quotes this number.
EXAMPLES = int(os.environ.get("HEALTHDOCS_EXAMPLES", "100"))


def msgfmt_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True)


def gettext_layout(data: bytes) -> bytes:
    """What GNU gettext writes for the same content (`msgcat --no-wrap`): the reference layout."""
    return subprocess.run(["msgcat", "--no-wrap", "-"], input=data, capture_output=True, check=True).stdout


# -- the English: long, wrapped, multi-line and non-ASCII ---------------------------------

WORDS = ["pain", "the", "device", "spinal", "cord", "stimulation", "lead", "battery", "surgeon",
         "año", "corazón", "naïve", "Zürich", "μg", "—", "“quoted”", "médico", "niño", "façade", "日本",
         "days", "weeks", "after", "before", "may", "help", "your", "back", "legs", "and", "or"]
word = st.sampled_from(WORDS)
number = st.integers(min_value=0, max_value=9999).map(str)
token = st.one_of(word, word, word, number)


@st.composite
def sentence(draw, min_words=4, max_words=14):
    words = draw(st.lists(token, min_size=min_words, max_size=max_words))
    return " ".join(words).capitalize() + "."


@st.composite
def paragraph(draw):
    """One unit: a long (300+ characters) paragraph over several source lines, sometimes
    with a hard line break (a msgid with an embedded newline), or a short one."""
    long = draw(st.booleans())
    sentences = draw(st.lists(sentence(), min_size=5 if long else 1, max_size=9 if long else 2))
    text = " ".join(sentences)
    while long and len(text) < 300:
        text += " " + draw(sentence())
    lines, current = [], ""
    for w in text.split(" "):  # wrapped at about 70 columns, as editors write Markdown
        if current and len(current) + 1 + len(w) > 70:
            lines.append(current)
            current = w
        else:
            current = f"{current} {w}".strip()
    lines.append(current)
    if len(lines) > 2 and draw(st.booleans()):
        lines[0] += "  "  # hard line break: the msgid has a "\n"
    return "\n".join(lines)


@st.composite
def document(draw):
    blocks = []
    for i in range(draw(st.integers(min_value=1, max_value=4))):
        blocks.append(("heading", f"Section {i} " + draw(sentence(2, 5))[:-1]))
        for _ in range(draw(st.integers(min_value=1, max_value=3))):
            blocks.append(("paragraph", draw(paragraph())))
        if draw(st.booleans()):
            blocks.append(("item", draw(sentence())))
    return blocks


def markdown(blocks) -> str:
    out = ["---", "title: A page about año and niño", "---", ""]
    for kind, text in blocks:
        if kind == "heading":
            out.append(f"## {text}")
        elif kind == "item":
            out.append(f"- {text}")
        else:
            out.append(text)
        out.append("")
    return "\n".join(out)


@st.composite
def edit(draw, blocks):
    """One editor's change: a word changed, blocks reordered, deleted or added, a heading
    renamed, a number changed."""
    blocks = list(blocks)
    action = draw(st.sampled_from(["word", "reorder", "delete", "add", "heading", "number"]))
    i = draw(st.integers(min_value=0, max_value=len(blocks) - 1))
    kind, text = blocks[i]
    if action == "word":
        words = text.split(" ")
        j = draw(st.integers(min_value=0, max_value=len(words) - 1))
        words[j] = draw(word) if not words[j].endswith("\n") else words[j]
        blocks[i] = (kind, " ".join(words))
    elif action == "reorder" and len(blocks) > 1:
        blocks = draw(st.permutations(blocks))
    elif action == "delete" and len(blocks) > 1:
        del blocks[i]
    elif action == "add":
        blocks.insert(i, ("paragraph", draw(paragraph())))
    elif action == "heading":
        j = next((k for k, b in enumerate(blocks) if b[0] == "heading"), i)
        blocks[j] = ("heading", blocks[j][1] + " " + draw(word))
    elif action == "number":
        digits = [k for k, ch in enumerate(text) if ch.isdigit()]
        if digits:
            k = draw(st.sampled_from(digits))
            blocks[i] = (kind, text[:k] + str((int(text[k]) + 1) % 10) + text[k + 1:])
    return blocks


def write_project(root: Path, text: str) -> catalogs.Layout:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "overrides").mkdir(exist_ok=True)
    (root / "docs" / "page.md").write_text(text, encoding="utf-8")
    return catalogs.Layout(root)


def entries(po: Path) -> tuple[list, list]:
    catalog = catalogs.read(po)
    return [m for m in catalog if m.id], list(catalog.obsolete.values())


@needs_gettext
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_english_edits_and_revert_keep_every_translation(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("loop")
    original = data.draw(document())
    layout = write_project(root, markdown(original))
    po = layout.po_path("es", layout.docs / "page.md")
    catalogs.update_all(layout, ["es"])

    # A translator translates everything: each msgstr names its msgid, so we know what it translates.
    catalog = catalogs.read(po)
    translation_of: dict[str, str] = {}
    for n, message in enumerate(m for m in catalog if m.id):
        message.string = f"traducción {n}: ñ"
        translation_of[message.string] = message.id
    po.write_bytes(catalogs.dumps(catalog))
    catalogs.update_all(layout, ["es"])  # stamps the translation anchor (issue 16): the file is settled
    translated = po.read_bytes()
    assert msgfmt_check(po).returncode == 0

    blocks = original
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        blocks = data.draw(edit(blocks))
        (root / "docs" / "page.md").write_text(markdown(blocks), encoding="utf-8")
        catalogs.update_all(layout, ["es"])  # make catalogs
        result = msgfmt_check(po)
        assert result.returncode == 0, result.stderr
        written = po.read_bytes()
        assert written == gettext_layout(written), "not in GNU gettext's layout"
        assert catalogs.update_all(layout, ["es"]) == [], "a second make catalogs changed something"
        active, obsolete = entries(po)
        kept = {m.string for m in active + obsolete if m.string}
        assert set(translation_of) <= kept, "a msgstr was lost"
        for message in active + obsolete:
            if message.fuzzy:
                # `#|` is exactly the English that the msgstr translates
                assert message.previous_id == [translation_of[message.string]]

    (root / "docs" / "page.md").write_text(markdown(original), encoding="utf-8")
    catalogs.update_all(layout, ["es"])
    active, _ = entries(po)
    assert {m.id: m.string for m in active} == {v: k for k, v in translation_of.items()}
    assert not any(m.fuzzy for m in active), "an exact revert leaves no fuzzy entry"
    assert po.read_bytes() == translated


# -- translation memory -----------------------------------------------------------------------

LONG = ("Spinal cord stimulation (SCS) sends a mild electric current to the spinal cord through thin "
        "wires called leads, which are placed in the space above the spinal cord; the current blocks "
        "pain signals before they reach the brain, and most people feel a gentle tingling instead, "
        "which you can turn up or down with a remote control that comes with the device — año 2024.")
TRANSLATED = ("La estimulación de la médula espinal (EME) envía una corriente eléctrica suave a la médula "
              "espinal a través de cables finos llamados electrodos; la corriente bloquea las señales de dolor.")


def project_with(root: Path, paragraphs: list[str], name: str = "page") -> catalogs.Layout:
    layout = write_project(root, "")
    (root / "docs" / f"{name}.md").write_text("---\ntitle: Page\n---\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return layout


def test_paragraph_removed_and_added_back_is_translated_again(tmp_path):
    layout = project_with(tmp_path, ["First paragraph.", LONG])
    po = layout.po_path("es", layout.docs / "page.md")
    catalogs.update_all(layout, ["es"])
    set_translations(po, {LONG: TRANSLATED})
    project_with(tmp_path, ["First paragraph."])
    catalogs.update_all(layout, ["es"])
    _, obsolete = entries(po)
    assert [m.string for m in obsolete] == [TRANSLATED]  # kept as #~
    project_with(tmp_path, ["First paragraph.", LONG])
    catalogs.update_all(layout, ["es"])
    message = catalogs.read(po).get(LONG)
    assert message.string == TRANSLATED and not message.fuzzy
    assert not catalogs.read(po).obsolete


def test_paragraph_added_back_with_one_word_changed_is_a_fuzzy_suggestion(tmp_path):
    layout = project_with(tmp_path, ["First paragraph.", LONG])
    po = layout.po_path("es", layout.docs / "page.md")
    catalogs.update_all(layout, ["es"])
    set_translations(po, {LONG: TRANSLATED})
    project_with(tmp_path, ["First paragraph."])
    catalogs.update_all(layout, ["es"])
    changed = LONG.replace("gentle", "soft")
    project_with(tmp_path, ["First paragraph.", changed])
    catalogs.update_all(layout, ["es"])
    message = catalogs.read(po).get(changed)
    assert message.fuzzy and message.string == TRANSLATED and message.previous_id == [LONG]
    assert f'#| msgid "{LONG}"' in po.read_text(encoding="utf-8")


def test_translation_from_another_catalog_of_the_same_language_comes_back_active(tmp_path):
    layout = project_with(tmp_path, [LONG], name="first")
    catalogs.update_all(layout, ["es"])
    set_translations(layout.po_path("es", layout.docs / "first.md"), {LONG: TRANSLATED})
    project_with(tmp_path, ["Another article.", LONG], name="second")
    catalogs.update_all(layout, ["es"])
    message = catalogs.read(layout.po_path("es", layout.docs / "second.md")).get(LONG)
    assert message.string == TRANSLATED and not message.fuzzy


def test_reverted_english_comes_back_active_from_the_previous_msgid(tmp_path):
    layout = project_with(tmp_path, [LONG])
    po = layout.po_path("es", layout.docs / "page.md")
    catalogs.update_all(layout, ["es"])
    set_translations(po, {LONG: TRANSLATED})
    before = po.read_bytes()
    project_with(tmp_path, [LONG.replace("gentle", "light")])
    catalogs.update_all(layout, ["es"])
    assert catalogs.read(po).get(LONG.replace("gentle", "light")).fuzzy
    project_with(tmp_path, [LONG])
    catalogs.update_all(layout, ["es"])
    assert po.read_bytes() == before


def test_similarity_is_gettexts_common_subsequence_ratio():
    def lcs(a: bytes, b: bytes) -> int:  # the textbook table, to check the bit-parallel one
        row = [0] * (len(b) + 1)
        for x in a:
            prev = 0
            for j, y in enumerate(b, 1):
                prev, row[j] = row[j], prev + 1 if x == y else max(row[j], row[j - 1])
        return row[-1]

    pairs = [("", ""), ("a", ""), ("kitten", "sitting"), ("año", "ano"), (LONG, LONG.replace("gentle", "soft")),
             ("abc" * 50, "cab" * 40), ("The device helps.", "El aparato ayuda.")]
    for a, b in pairs:
        x, y = a.encode(), b.encode()
        expected = 1.0 if not x and not y else 2 * lcs(x, y) / (len(x) + len(y))
        assert catalogs.similarity(a, b) == pytest.approx(expected)


@needs_gettext
@pytest.mark.parametrize("new", [
    "The device helps with pain in the lower back.",      # close: fuzzy
    "The device helps with pain in your lower back and both of your legs at night.",
    "Call your provider if the wound is red.",             # far: untranslated
    "The device helps.",
    "Pain in the back: the device helps with it.",
])
def test_fuzzy_matches_are_the_ones_msgmerge_makes(tmp_path, new):
    old = "The device helps with pain in the back."
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
    (tmp_path / "def.po").write_text(header + f'msgid "{old}"\nmsgstr "El aparato ayuda con el dolor de espalda."\n', encoding="utf-8")
    (tmp_path / "new.pot").write_text(header + f'msgid "{new}"\nmsgstr ""\n', encoding="utf-8")
    merged = subprocess.run(["msgmerge", "--previous", "--no-wrap", "-q", "-o", "-", "def.po", "new.pot"],
                            cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    gettext_fuzzy = "#, fuzzy" in merged
    catalog = catalogs.loads((tmp_path / "def.po").read_bytes())
    template = catalogs.loads((tmp_path / "new.pot").read_bytes())
    catalogs.update(catalog, template)
    assert catalog.get(new).fuzzy == gettext_fuzzy, (catalogs.similarity(old, new), merged)


@needs_gettext
def test_fuzzy_suggestions_are_the_ones_msgmerge_chooses_among_several(tmp_path):
    """Random English edits with several translated candidates: the entry we suggest (its `#|`)
    is the one `msgmerge --previous` suggests, or none when msgmerge makes none."""
    import random

    rng = random.Random(11)
    words = "the device helps with pain in back legs your after surgery may feel a mild tingling current año".split()
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'

    def mutate(text: str) -> str:
        new = text.split()
        for _ in range(rng.randint(1, max(1, len(new) // 2))):
            j, op = rng.randrange(len(new)), rng.random()
            if op < 0.4:
                new[j] = rng.choice(words)
            elif op < 0.7 and len(new) > 1:
                del new[j]
            else:
                new.insert(j, rng.choice(words))
        return " ".join(new)

    compared = 0
    while compared < 40:
        base = " ".join(rng.choice(words) for _ in range(rng.choice([1, 2, 3, 6, 12, 30])))
        olds = list(dict.fromkeys([base] + [mutate(base) for _ in range(rng.randint(1, 4))]))
        new = mutate(base)
        if new in olds:
            continue
        (tmp_path / "def.po").write_text(header + "".join(f'msgid "{o}"\nmsgstr "t{k}"\n\n' for k, o in enumerate(olds)), encoding="utf-8")
        (tmp_path / "new.pot").write_text(header + f'msgid "{new}"\nmsgstr ""\n', encoding="utf-8")
        merged = subprocess.run(["msgmerge", "--previous", "--no-wrap", "-q", "-o", "-", "def.po", "new.pot"],
                                cwd=tmp_path, capture_output=True, text=True, check=True).stdout
        expected = next((line[len('#| msgid "'):-1] for line in merged.splitlines() if line.startswith('#| msgid "')), None)
        catalog = catalogs.loads((tmp_path / "def.po").read_bytes())
        catalogs.update(catalog, catalogs.loads((tmp_path / "new.pot").read_bytes()))
        message = catalog.get(new)
        assert (message.previous_id[0] if message.fuzzy else None) == expected, (olds, new)
        compared += 1


def _memory_entries(memory: catalogs.Memory) -> dict:
    return {key: (memory.exact.get(key).string, memory.exact.get(key).fuzzy, list(memory.exact.get(key).previous_id or []))
            for key in memory.exact}


def test_the_cached_memory_is_the_memory_of_the_catalogs_as_they_are_now(tmp_path):
    """`make catalogs` keeps what each catalog gives the memory in build/ (by content hash):
    an edited catalog is read again, and the memory is what reading every catalog gives."""
    cache = tmp_path / "build" / catalogs.MEMORY_CACHE
    layout = project_with(tmp_path, [LONG], name="first")
    catalogs.update_all(layout, ["es"], memory_cache=cache)
    first = layout.po_path("es", layout.docs / "first.md")
    set_translations(first, {LONG: TRANSLATED})
    project_with(tmp_path, ["Another article.", LONG], name="second")
    catalogs.update_all(layout, ["es"], memory_cache=cache)
    assert (cache / "es.json").is_file()
    message = catalogs.read(layout.po_path("es", layout.docs / "second.md")).get(LONG)
    assert message.string == TRANSLATED and not message.fuzzy
    # A translator changes the first catalog: the cache follows its bytes.
    set_translations(first, {LONG: "Otra traducción de la estimulación de la médula espinal."})
    project_with(tmp_path, ["A third article.", LONG], name="third")
    catalogs.update_all(layout, ["es"], memory_cache=cache)
    message = catalogs.read(layout.po_path("es", layout.docs / "third.md")).get(LONG)
    assert message.string == "Otra traducción de la estimulación de la médula espinal." and not message.fuzzy
    paths = sorted((tmp_path / "locales" / "es").glob("*.po"))
    # What the run wrote is recorded as written: the next run parses none of them again.
    saved = json.loads((cache / "es.json").read_text(encoding="utf-8"))["catalogs"]
    assert {rel: entry["sha1"] for rel, entry in saved.items()} == {
        layout.rel(p): hashlib.sha1(p.read_bytes()).hexdigest() for p in paths}
    expected = _memory_entries(catalogs.Memory.of(catalogs.read(p) for p in paths))
    assert LONG in {key[0] for key in expected}
    assert _memory_entries(catalogs.cached_memory(layout, "es", paths, cache)) == expected
    # A broken cache is ignored (and written again).
    (cache / "es.json").write_text("{not json", encoding="utf-8")
    assert _memory_entries(catalogs.cached_memory(layout, "es", paths, cache)) == expected
    assert json.loads((cache / "es.json").read_text(encoding="utf-8"))["catalogs"]
