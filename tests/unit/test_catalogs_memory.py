"""The translation memory kept in build/catalogs.memory/<lang>.json (`catalogs.cached_memory`):
the same memory as reading every catalog, reading again only the catalogs whose bytes changed.

In-process and fast: `make mutate` runs these against every mutant of catalogs.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from healthdocs import catalogs
from healthdocs.errors import SourceError

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
FIRST = HEADER + (
    '# a note\nmsgid "Pain"\nmsgstr "Dolor"\n\n'
    '#, fuzzy\n#| msgctxt "old"\n#| msgid "Swelling"\nmsgctxt "new"\nmsgid "Swelling!"\nmsgstr "Hinchazón"\n\n'
    '#, fuzzy\nmsgid "Bleeding"\nmsgstr "Sangrado"\n\n'
    'msgid "Empty"\nmsgstr ""\n\n'
    '#, python-format\nmsgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] "%(n)s día"\nmsgstr[1] "%(n)s días"\n\n'
    'msgctxt "abbreviation"\nmsgid "MRI"\nmsgstr "RM"\n\n'
    '#~ msgid "Fever"\n#~ msgstr "Fiebre"\n')
SECOND = HEADER + 'msgid "Pain"\nmsgstr "Dolencia"\n\nmsgid "Cough"\nmsgstr "Tos"\n'


def setup(tmp_path: Path) -> tuple[catalogs.Layout, list[Path], Path]:
    folder = tmp_path / "locales" / "es"
    folder.mkdir(parents=True)
    (folder / "a.po").write_text(FIRST, encoding="utf-8")
    (folder / "b.po").write_text(SECOND, encoding="utf-8")
    return catalogs.Layout(tmp_path), [folder / "a.po", folder / "b.po"], tmp_path / "build" / catalogs.MEMORY_CACHE


def entries(memory: catalogs.Memory) -> dict:
    out = {}
    for key in memory.exact:
        m = memory.exact.get(key)
        out[key] = (m.id, m.context, m.string, m.fuzzy, sorted(m.flags), list(m.previous_id or []),
                    getattr(m, "previous_context", None), list(m.user_comments))
    return out


EXPECTED = {
    ("Pain", None): ("Pain", None, "Dolor", False, [], [], None, ["a note"]),
    ("Swelling", "old"): ("Swelling!", "new", "Hinchazón", True, ["fuzzy"], ["Swelling"], "old", []),
    ("%(n)s day", None): (("%(n)s day", "%(n)s days"), None, ("%(n)s día", "%(n)s días"), False, ["python-format"], [], None, []),
    ("MRI", "abbreviation"): ("MRI", "abbreviation", "RM", False, [], [], None, []),
    ("Fever", None): ("Fever", None, "Fiebre", False, [], [], None, []),
    ("Cough", None): ("Cough", None, "Tos", False, [], [], None, []),
}


def test_the_cached_memory_is_the_memory_of_every_catalog(tmp_path):
    layout, paths, cache = setup(tmp_path)
    read = entries(catalogs.Memory.of(catalogs.read(p) for p in paths))
    assert read == EXPECTED
    assert entries(catalogs.cached_memory(layout, "es", paths, cache)) == EXPECTED  # the cache written
    assert entries(catalogs.cached_memory(layout, "es", paths, cache)) == EXPECTED  # and read back
    data = json.loads((cache / "es.json").read_text(encoding="utf-8"))
    assert data["code"] == catalogs.code_digest()
    assert sorted(data["catalogs"]) == ["locales/es/a.po", "locales/es/b.po"]
    assert [e[:2] for e in data["catalogs"]["locales/es/b.po"]["entries"]] == [["Pain", None], ["Cough", None]]
    assert "Hinchazón" in (cache / "es.json").read_text(encoding="utf-8")  # UTF-8, not \\u escapes
    assert not (cache / "es.json.tmp").exists()


def test_the_cache_is_used_for_a_catalog_whose_bytes_did_not_change(tmp_path):
    layout, paths, cache = setup(tmp_path)
    catalogs.cached_memory(layout, "es", paths, cache)
    path = cache / "es.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["catalogs"]["locales/es/b.po"]["entries"][1][2][2] = "Tos (from the cache)"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    assert entries(catalogs.cached_memory(layout, "es", paths, cache))[("Cough", None)][2] == "Tos (from the cache)"
    assert path.read_bytes() == before  # nothing new: not written again
    # the catalog changes: read again, and the cache follows
    paths[1].write_text(SECOND.replace("Tos", "Tos seca"), encoding="utf-8")
    assert entries(catalogs.cached_memory(layout, "es", paths, cache))[("Cough", None)][2] == "Tos seca"
    assert "Tos seca" in path.read_text(encoding="utf-8")


def test_the_cache_of_other_code_is_not_used(tmp_path, monkeypatch):
    layout, paths, cache = setup(tmp_path)
    catalogs.cached_memory(layout, "es", paths, cache)
    path = cache / "es.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["catalogs"]["locales/es/b.po"]["entries"][1][2][2] = "Tos (from the cache)"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(catalogs, "code_digest", lambda: "another version")
    assert entries(catalogs.cached_memory(layout, "es", paths, cache)) == EXPECTED
    assert json.loads(path.read_text(encoding="utf-8"))["code"] == "another version"


@pytest.mark.parametrize("broken", ["{not json", "[]", '{"code": "x"}', "null", '{"catalogs": {}}'])
def test_a_broken_cache_is_ignored_and_written_again(tmp_path, broken):
    layout, paths, cache = setup(tmp_path)
    cache.mkdir(parents=True)
    (cache / "es.json").write_text(broken, encoding="utf-8")
    assert entries(catalogs.cached_memory(layout, "es", paths, cache)) == EXPECTED
    assert sorted(json.loads((cache / "es.json").read_text(encoding="utf-8"))["catalogs"]) == ["locales/es/a.po", "locales/es/b.po"]


def test_a_cache_entry_of_another_shape_is_read_again(tmp_path):
    layout, paths, cache = setup(tmp_path)
    catalogs.cached_memory(layout, "es", paths, cache)
    path = cache / "es.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["catalogs"]["locales/es/a.po"] = ["not", "a", "dict"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert entries(catalogs.cached_memory(layout, "es", paths, cache)) == EXPECTED


def test_a_catalog_left_out_is_left_out_of_the_cache(tmp_path):
    layout, paths, cache = setup(tmp_path)
    catalogs.cached_memory(layout, "es", paths, cache)
    memory = catalogs.cached_memory(layout, "es", paths[1:], cache)
    assert entries(memory)[("Pain", None)][2] == "Dolencia"
    assert sorted(json.loads((cache / "es.json").read_text(encoding="utf-8"))["catalogs"]) == ["locales/es/b.po"]


def test_an_unreadable_catalog_is_an_error_at_its_line(tmp_path):
    layout, paths, cache = setup(tmp_path)
    paths[1].write_text(HEADER + 'msgid "Cough"\nmsgstr "Tos\n', encoding="utf-8")
    with pytest.raises(SourceError) as info:
        catalogs.cached_memory(layout, "es", paths, cache)
    assert str(info.value) == "locales/es/b.po:7: malformed .po: the string is not closed or not escaped properly"
    paths[1].write_text('msgid "Cough"\nmsgstr "Tos"\n', encoding="utf-8")
    with pytest.raises(SourceError) as info:
        catalogs.cached_memory(layout, "es", paths, cache)
    assert str(info.value) == "locales/es/b.po:1: bad header: Content-Type must declare charset=UTF-8"


def test_recorded_entries_are_messages_made_once():
    recorded = catalogs._Recorded()
    recorded[("Pain", None)] = ["Pain", None, "Dolor", ["note"], ["fuzzy"], ["Pai"], "old"]
    first = recorded.get(("Pain", None))
    assert (first.id, first.string, first.user_comments, first.flags, first.previous_id, first.previous_context) == (
        "Pain", "Dolor", ["note"], {"fuzzy"}, ["Pai"], "old")
    assert recorded.get(("Pain", None)) is first and recorded[("Pain", None)] is first
    assert recorded.get(("Other", None)) is None and recorded.get(("Other", None), "default") == "default"
    with pytest.raises(KeyError) as info:
        recorded[("Other", None)]
    assert info.value.args == (("Other", None),)
    plural = catalogs._from_record([["day", "days"], "ctx", ["día", "días"], [], [], [], None])
    assert (plural.id, plural.context, plural.string) == (("day", "days"), "ctx", ("día", "días"))
    record = catalogs._record(plural)
    assert record == [["day", "days"], "ctx", ["día", "días"], [], [], [], None]
    assert json.loads(json.dumps(record)) == record


def test_make_catalogs_with_the_memory_cache_writes_what_it_writes_without(tmp_path):
    def run(root: Path, cache: Path | None) -> dict:
        (root / "docs").mkdir(parents=True)
        (root / "overrides").mkdir()
        (root / "docs" / "a.md").write_text("---\ntitle: A\n---\n\nPain in the back.\n", encoding="utf-8")
        (root / "docs" / "b.md").write_text("---\ntitle: B\n---\n\nCough at night.\n", encoding="utf-8")
        layout = catalogs.Layout(root)
        catalogs.update_all(layout, ["es"], memory_cache=cache)
        po = layout.po_path("es", root / "docs" / "a.md")
        catalog = catalogs.read(po)
        catalog.get("Pain in the back.").string = "Dolor de espalda."
        po.write_bytes(catalogs.dumps(catalog))
        (root / "docs" / "b.md").write_text("---\ntitle: B\n---\n\nCough at night.\n\nPain in the back.\n", encoding="utf-8")
        changed = [layout.rel(p) for p in catalogs.update_all(layout, ["es"], memory_cache=cache)]
        return {"changed": changed, **{p.name: p.read_bytes() for p in sorted((root / "locales" / "es").glob("*.po"))}}

    with_cache = run(tmp_path / "one", tmp_path / "one" / "build" / catalogs.MEMORY_CACHE)
    assert with_cache == run(tmp_path / "two", None)
    assert b'msgid "Pain in the back."\nmsgstr "Dolor de espalda."' in with_cache["b.po"]
    assert with_cache["changed"] == ["locales/b.pot", "locales/es/b.po"]
    assert (tmp_path / "one" / "build" / catalogs.MEMORY_CACHE / "es.json").is_file()


def test_a_catalog_the_run_wrote_is_not_read_again_by_the_next_run(tmp_path):
    """`written` records a catalog as make catalogs wrote it: the next run takes its entries
    from the record (here told apart by a string the file does not have)."""
    layout, paths, cache = setup(tmp_path)
    first = catalogs.MemoryCache(layout, "es", cache)
    first.memory(paths)
    recorded = catalogs.read(paths[1])
    recorded.get("Cough").string = "Tos (as recorded)"
    first.written(paths[1], paths[1].read_bytes(), recorded)
    first.save()
    assert entries(catalogs.cached_memory(layout, "es", paths, cache))[("Cough", None)][2] == "Tos (as recorded)"


def test_a_cache_whose_catalogs_are_not_a_mapping_is_ignored(tmp_path):
    layout, paths, cache = setup(tmp_path)
    cache.mkdir(parents=True)
    (cache / "es.json").write_text(json.dumps({"code": catalogs.code_digest(), "catalogs": []}), encoding="utf-8")
    assert entries(catalogs.cached_memory(layout, "es", paths, cache)) == EXPECTED
