"""`make catalogs` skips catalogs whose inputs did not change (build/catalogs.stamp.json),
and never skips one whose source, itself or another catalog of its language changed."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po
from healthdocs.stamp import Stamp, files_digest

from .conftest import fill

STAMP = "build/catalogs.stamp.json"


def _run(project) -> str:
    result = project.run("catalogs")
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _skipped(output: str) -> int:
    m = re.search(r"(\d+) unchanged since the last run, skipped", output)
    return int(m.group(1)) if m else 0


def _catalog_files(project) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project.root / "locales" / "es").glob("*.po"))}


def test_a_second_run_skips_every_catalog(two_articles):
    assert (two_articles.root / STAMP).is_file()
    before = _catalog_files(two_articles)
    out = _run(two_articles)
    assert _skipped(out) == len(before), out  # the articles, the home page and the interface
    assert "0 file(s) changed" in out
    assert _catalog_files(two_articles) == before


def test_an_edited_source_updates_its_catalog_only(two_articles):
    path = two_articles.root / "docs" / "knee-replacement.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing sentence about the knee.\n", encoding="utf-8")
    out = _run(two_articles)
    assert "updated locales/es/knee-replacement.po" in out, out
    assert "A new closing sentence about the knee." in (two_articles.root / "locales/es/knee-replacement.po").read_text(encoding="utf-8")
    assert _skipped(out) == len(_catalog_files(two_articles)) - 1, out
    # and then nothing is left to do
    assert _skipped(_run(two_articles)) == len(_catalog_files(two_articles))


def test_a_catalog_edited_by_hand_is_updated_again(two_articles):
    po = two_articles.root / "locales/es/hip-replacement.po"
    text = po.read_text(encoding="utf-8")
    # An editor drops a message (the update puts it back) and a translator fills one in.
    first = re.search(r'\n\n(#[^\n]*\n)*msgid "(?!")[^\n]*"\nmsgstr ""\n', text)
    assert first, text
    po.write_text(text.replace(first.group(0), "\n"), encoding="utf-8")
    out = _run(two_articles)
    assert "updated locales/es/hip-replacement.po" in out, out
    assert po.read_text(encoding="utf-8") == text


def test_a_translation_in_another_catalog_invalidates_the_language(two_articles):
    """A catalog's update may take translations from every catalog of its language."""
    po = two_articles.root / "locales/es/knee-replacement.po"
    first = next(m for m in read_po(po.open("rb")) if m.id and not m.string)
    fill(two_articles, "locales/es/knee-replacement.po", {first.id: "Texto traducido."})
    assert "Texto traducido." in po.read_text(encoding="utf-8")
    _run(two_articles)  # normalizes the file the way the project writes catalogs
    out = _run(two_articles)
    assert _skipped(out) == len(_catalog_files(two_articles)), out
    fill(two_articles, "locales/es/knee-replacement.po", {first.id: "Otro texto traducido."})
    out = _run(two_articles)
    assert _skipped(out) == 0, out


def test_without_build_every_catalog_runs(two_articles):
    (two_articles.root / STAMP).unlink()
    out = _run(two_articles)
    assert _skipped(out) == 0, out
    assert (two_articles.root / STAMP).is_file()


def test_a_broken_stamp_is_ignored(two_articles):
    (two_articles.root / STAMP).write_text("{not json", encoding="utf-8")
    out = _run(two_articles)
    assert _skipped(out) == 0, out


def test_digests_cover_names_bytes_and_extra_parts(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("one", encoding="utf-8")
    b.write_text("one", encoding="utf-8")
    assert files_digest([a], tmp_path) != files_digest([b], tmp_path)  # same bytes, other name
    before = files_digest([a], tmp_path)
    a.write_text("two", encoding="utf-8")
    assert files_digest([a], tmp_path) != before
    a.write_text("one", encoding="utf-8")
    assert files_digest([a], tmp_path) == before  # edited and reverted: unchanged
    assert files_digest([a], tmp_path, "code v2") != before  # new code
    assert files_digest([tmp_path / "missing.txt"], tmp_path) != files_digest([b], tmp_path)
    stamp = Stamp(tmp_path / "build" / "x.json")
    stamp.record("k", before)
    stamp.save()
    assert Stamp(tmp_path / "build" / "x.json").fresh("k", before)
    assert not Stamp(tmp_path / "build" / "x.json").fresh("k", "other")
