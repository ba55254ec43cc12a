"""`make serve`: after a translator saves a catalog, the pages that changed are rebuilt, and
only those (mkdocs serve --dirty, with healthdocs.plugin.rebuild telling MkDocs which
pages made in memory changed)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from .conftest import ROOT, fill


def _translate_title(project, text: str) -> None:
    fill(project, "locales/es/knee-replacement.po", {"Knee joint replacement": text})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, proc, timeout: float = 300) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        assert proc.poll() is None, "mkdocs serve stopped"
        page = _get(url)
        if page is not None and text in page:
            return page
        time.sleep(0.2)
    pytest.fail(f"{url} never showed {text!r}")


@pytest.fixture
def titled(two_articles):
    po = two_articles.read("locales/es/knee-replacement.po")
    assert 'msgid "Knee joint replacement"' in po, po
    _translate_title(two_articles, "Reemplazo de la articulación de la rodilla")
    return two_articles


def test_make_serve_shows_an_edited_translation(titled):
    serve = next(line for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines() if "mkdocs serve" in line)
    assert "--dirty" in serve.split(), serve
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=titled.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    try:
        url = f"http://127.0.0.1:{port}/es/knee-replacement/"
        _wait_for(url, "Reemplazo de la articulación de la rodilla", proc)
        _translate_title(titled, "Reemplazo total de la rodilla")
        page = _wait_for(url, "Reemplazo total de la rodilla", proc)
        assert "Reemplazo de la articulación de la rodilla" not in page
    finally:
        proc.terminate()
        output = proc.communicate(timeout=60)[0]
    # strict (mkdocs.yml) and dirty: MkDocs' own warning about dirty builds is information here
    assert "Aborted" not in output, output
    assert "serving with dirty rebuilds" in output, output


def test_a_dirty_rebuild_writes_only_the_pages_that_changed(titled, tmp_path, monkeypatch):
    """Two builds in one process, as `mkdocs serve --dirty` does them."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.chdir(titled.root)
    # mkdocs-static-i18n builds the other languages dirty when the command line says so
    monkeypatch.setattr(sys, "argv", ["mkdocs", "serve", "--dirty"])
    site_dir = tmp_path / "served"

    def rebuild():
        config = load_config(str(titled.root / "mkdocs.yml"), site_dir=str(site_dir))
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)

    rebuild()
    pages = {p: p.stat().st_mtime_ns for p in site_dir.rglob("*.html")}
    assert len(pages) > 10
    time.sleep(0.05)
    _translate_title(titled, "Reemplazo total de la rodilla")
    rebuild()
    changed = {p.relative_to(site_dir).as_posix() for p, mtime in pages.items() if p.stat().st_mtime_ns != mtime}
    assert "es/knee-replacement/index.html" in changed
    assert "Reemplazo total de la rodilla" in (site_dir / "es/knee-replacement/index.html").read_text(encoding="utf-8")
    # Untouched: the English pages, the other Spanish article, the Spanish term pages of the other article.
    for rel in ("knee-replacement/index.html", "hip-replacement/index.html", "es/hip-replacement/index.html"):
        assert rel not in changed, sorted(changed)
    assert not any(rel.startswith("glossary/") for rel in changed), sorted(changed)
    assert len(changed) < len(pages) / 2, sorted(changed)
    assert re.search(r"Reemplazo total de la rodilla", (site_dir / "es/glosario/index.html").read_text(encoding="utf-8"))
