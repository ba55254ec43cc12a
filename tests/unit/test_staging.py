"""The build runner's parts: a temporary folder, a strict MkDocs build, and the swap that
puts a finished build where readers find it (in-process: `make mutate` runs these)."""

from __future__ import annotations

from pathlib import Path

import pytest
from healthdocs import staging


def test_temporary_is_a_fresh_folder_under_build_removed_afterwards(tmp_path: Path):
    stale = tmp_path / "build" / "site.tmp"
    stale.mkdir(parents=True)
    (stale / "left-over.html").write_text("old", encoding="utf-8")
    with staging.temporary(tmp_path, "site") as work:
        assert work == tmp_path / staging.BUILD_DIR / "site.tmp"
        assert not work.exists()  # the left-over of a killed build is gone
        work.mkdir()
        (work / "index.html").write_text("new", encoding="utf-8")
    assert not work.exists() and (tmp_path / "build").is_dir()


def test_temporary_is_removed_when_the_build_raises(tmp_path: Path):
    with pytest.raises(RuntimeError), staging.temporary(tmp_path, "offline") as work:
        work.mkdir()
        raise RuntimeError("interrupted")
    assert not (tmp_path / "build" / "offline.tmp").exists()


def test_swap_in_replaces_a_folder_whole(tmp_path: Path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old", encoding="utf-8")
    built = tmp_path / "build" / "site.tmp"
    built.mkdir(parents=True)
    (built / "new.html").write_text("new", encoding="utf-8")
    (tmp_path / "build" / "site.tmp.old").mkdir()  # a left-over of an interrupted swap
    (tmp_path / "build" / "site.tmp.old" / "stale.html").write_text("stale", encoding="utf-8")
    staging.swap_in(built, target)
    assert sorted(p.name for p in target.iterdir()) == ["new.html"]
    assert not built.exists() and not (tmp_path / "build" / "site.tmp.old").exists()


def test_swap_in_creates_the_folder_the_first_time(tmp_path: Path):
    built = tmp_path / "build" / "site.tmp"
    built.mkdir(parents=True)
    (built / "index.html").write_text("x", encoding="utf-8")
    staging.swap_in(built, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "x"


def test_swap_in_replaces_a_file_and_makes_its_folder(tmp_path: Path):
    built = tmp_path / "build" / "bundle.zip.tmp"
    built.parent.mkdir(parents=True)
    built.write_bytes(b"new")
    target = tmp_path / "dist" / "en" / "bundle.zip"  # its folders are made
    staging.swap_in(built, target)
    assert target.read_bytes() == b"new" and not built.exists()
    built.write_bytes(b"newer")
    staging.swap_in(built, target)
    assert target.read_bytes() == b"newer"


def _project(root: Path, page: str) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(page, encoding="utf-8")
    (root / "plain.yml").write_text("site_name: Test\ntheme: mkdocs\n", encoding="utf-8")
    return root


def test_mkdocs_build_builds_the_named_configuration_into_the_folder(tmp_path: Path, capfd):
    root = _project(tmp_path / "p", "# Hello\n")
    out = tmp_path / "out"
    assert staging.mkdocs_build(root, "plain.yml", out) == 0
    assert "Hello" in (out / "index.html").read_text(encoding="utf-8")
    assert not (root / "site").exists()
    assert "Documentation built" in capfd.readouterr().err


def test_mkdocs_build_is_strict_even_when_quiet(tmp_path: Path, capfd):
    """MkDocs' own --quiet drops --strict's warnings and passes a broken link: quiet here
    only holds the output back, and shows all of it when the build fails."""
    root = _project(tmp_path / "p", "# Hello\n\n[broken](missing.md)\n")
    assert staging.mkdocs_build(root, "plain.yml", tmp_path / "out", quiet=True) == 1
    captured = capfd.readouterr()
    assert "missing.md" in captured.err and "Aborted with 1 warnings in strict mode" in captured.err
    assert staging.mkdocs_build(root, "plain.yml", tmp_path / "out") == 1


def test_a_quiet_build_that_succeeds_says_nothing(tmp_path: Path, capfd):
    root = _project(tmp_path / "p", "# Hello\n")
    assert staging.mkdocs_build(root, "plain.yml", tmp_path / "out", quiet=True) == 0
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


def test_a_parallel_build_tells_the_plugin_and_a_plain_one_does_not(tmp_path: Path):
    """`parallel` reaches the build as HEALTHDOCS_PARALLEL (healthdocs.plugin.parallel reads it);
    a hook of the test project writes down what it saw."""
    root = _project(tmp_path / "p", "# Hello\n")
    (root / "hook.py").write_text(
        "import os\n\ndef on_post_build(config):\n"
        "    with open(os.path.join(config['site_dir'], 'parallel.txt'), 'w') as f:\n"
        "        f.write(os.environ.get('HEALTHDOCS_PARALLEL', 'unset'))\n", encoding="utf-8")
    (root / "plain.yml").write_text("site_name: Test\ntheme: mkdocs\nhooks:\n  - hook.py\n", encoding="utf-8")
    assert staging.mkdocs_build(root, "plain.yml", tmp_path / "one", parallel=True, quiet=True) == 0
    assert (tmp_path / "one" / "parallel.txt").read_text(encoding="utf-8") == "1"
    assert staging.mkdocs_build(root, "plain.yml", tmp_path / "two", quiet=True) == 0
    assert (tmp_path / "two" / "parallel.txt").read_text(encoding="utf-8") == "unset"
