"""Gates on the repository itself: the same commands CI and translators run."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT


def healthdocs(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "healthdocs", "--root", str(ROOT), *args], capture_output=True, text=True)


def test_check_po_passes_on_the_real_catalogs():
    result = healthdocs("check-po")
    assert result.returncode == 0, result.stdout + result.stderr


def test_real_catalogs_are_in_sync_with_the_english(tmp_path):
    # `make catalogs` on a copy changes nothing: every English change has reached the catalogs.
    copy = tmp_path / "project"
    for name in ("docs", "locales", "overrides"):
        shutil.copytree(ROOT / name, copy / name)
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")  # the languages, and the palette's names
    result = subprocess.run([sys.executable, "-m", "healthdocs", "--root", str(copy), "catalogs"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "0 file(s) changed" in result.stdout, result.stdout


def test_check_content_passes_on_the_real_articles():
    result = healthdocs("check-content")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git checkout")
def test_no_generated_file_is_tracked():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    generated = [
        path
        for path in tracked
        if path.endswith(".mo")
        or path.startswith(("site/", "build/", "dist/", ".venv/"))
        or (path.startswith("docs/") and path.count(".") > 1)  # page.es.md
    ]
    assert generated == []


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git checkout")
def test_templates_are_committed_like_a_lock_file():
    # One .pot per catalog, beside the language folders (README, "Catalog templates"): Weblate and
    # Poedit start new translations from them. `make catalogs` keeps them current (the sync test
    # above fails when one is stale) and check-po fails on a stale or left-over one.
    tracked = subprocess.run(["git", "ls-files", "*.pot"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    sources = sorted(p.relative_to(ROOT / "docs").with_suffix(".pot").as_posix()
                     for p in (ROOT / "docs").rglob("*.md") if p.name.count(".") == 1)
    assert sorted(tracked) == sorted([f"locales/{name}" for name in sources] + ["locales/_interface.pot"])


def test_lint():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "scripts", "tests", "benchmarks"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
