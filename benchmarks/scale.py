"""Scale measures for `make bench` (issue 14): what a site of N articles costs GitHub Pages.

- `output(site)`: files, bytes, bytes per page, and the size of the artifact that
  actions/upload-pages-artifact makes of it: a tar of the site folder (GNU tar:
  a 512-byte header per file and folder, data padded to 512 bytes, long names
  in extra headers, 10 kB records), which is the size deploy-pages compares
  with Pages' 1 GB limit.  Also the output by kind of page (term pages,
  articles, the rest) per page.
- `catalogs_runs(project, n)`: `healthdocs catalogs` again with nothing changed
  (the stamp skips everything), and after one English article is edited (the
  run a writer does), timed.
- `serve_rebuild(project, n)`: `mkdocs serve --dirty` as `make serve` runs it;
  once the site is served, one msgstr of one article is edited and the time
  until the served page shows it is measured (polled every 0.1 s).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import synth

BLOCK = 512
RECORD = 20 * BLOCK
GNU_NAME = 100  # longer names take a ././@LongLink header and blocks


def _blocks(size: int) -> int:
    return -(-size // BLOCK) * BLOCK


def _member(name: str, size: int) -> int:
    extra = 0
    if len(name.encode()) >= GNU_NAME:
        extra = BLOCK + _blocks(len(name.encode()) + 1)
    return extra + BLOCK + _blocks(size)


def output(site: Path) -> dict:
    """Files, folders, bytes, and the Pages artifact's tar size, of a built site."""
    files = folders = total = html = pages = 0
    tar = _member("./", 0)
    kinds: dict[str, list[int]] = {}
    for dirpath, dirnames, filenames in os.walk(site):
        rel_dir = os.path.relpath(dirpath, site)
        for d in dirnames:
            folders += 1
            tar += _member("./" + os.path.normpath(os.path.join(rel_dir, d)) + "/", 0)
        for f in filenames:
            size = os.path.getsize(os.path.join(dirpath, f))
            rel = os.path.normpath(os.path.join(rel_dir, f))
            files += 1
            total += size
            tar += _member("./" + rel, size)
            if f.endswith(".html"):
                html += size
                pages += 1
                kind = _kind(rel.replace(os.sep, "/"))
                entry = kinds.setdefault(kind, [0, 0])
                entry[0] += 1
                entry[1] += size
    tar = -(-(tar + 2 * BLOCK) // RECORD) * RECORD
    return {
        "files": files,
        "folders": folders,
        "bytes": total,
        "pages": pages,
        "bytes_per_page": total / pages if pages else 0,
        "html_bytes_per_page": html / pages if pages else 0,
        "artifact_tar_bytes": tar,
        "by_kind": {k: {"pages": c, "bytes_per_page": b / c} for k, (c, b) in sorted(kinds.items())},
    }


def _kind(rel: str) -> str:
    parts = rel.split("/")
    if parts and parts[0] in ("es",):  # the language prefix of the benchmark's second language
        parts = parts[1:]
    if len(parts) == 3 and parts[0] in ("glossary", "glosario"):
        return "term"
    if len(parts) == 2 and parts[1] == "index.html" and re.fullmatch(r"[a-z]+-[a-z-]+", parts[0]) and parts[0] not in ("translation-status",):
        return "article"
    return "other"


def _timed(cmd: list[str], cwd: Path, log: Path, env: dict) -> float:
    with log.open("ab") as out:
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"benchmark: {' '.join(cmd)} failed (exit {result.returncode}); log: {log}")
    return seconds


def catalogs_runs(project: Path, n: int, log: Path, env: dict) -> dict:
    """`healthdocs catalogs` with nothing changed, then after one English edit."""
    cmd = [sys.executable, "-m", "healthdocs", "--root", str(project), "catalogs"]
    unchanged = _timed(cmd, project, log, env)
    source = project / "docs" / f"{synth.slug_of(n // 2)}.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text + "\nOne more sentence that the writer added at the end.\n", encoding="utf-8")
    try:
        edited = _timed(cmd, project, log, env)
    finally:
        source.write_text(text, encoding="utf-8")
    _timed(cmd, project, log, env)  # back to the catalogs as they were
    return {"unchanged_seconds": unchanged, "one_edit_seconds": edited}


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def serve_rebuild(project: Path, n: int, log: Path, env: dict, timeout: float = 3600) -> dict:
    """Seconds from saving one edited msgstr to the served page showing it (make serve)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    slug = synth.slug_of(0)
    po = project / "locales" / "es" / f"{slug}.po"
    text = po.read_text(encoding="utf-8")
    match = re.search(r'\nmsgstr "([^"\n]{8,})"\n', text)
    if not match:
        return {"error": f"no translated message in {po.name}"}
    edited = match.group(1) + " revisado"
    url = f"http://127.0.0.1:{port}/es/{slug}/"
    with log.open("ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
                                cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)
        try:
            start = time.perf_counter()
            while _get(url) is None:
                if proc.poll() is not None or time.perf_counter() - start > timeout:
                    return {"error": f"mkdocs serve did not serve {url}; log: {log}"}
                time.sleep(0.5)
            first = time.perf_counter() - start
            time.sleep(1)
            po.write_text(text.replace(match.group(0), f'\nmsgstr "{edited}"\n', 1), encoding="utf-8")
            start = time.perf_counter()
            while True:
                page = _get(url)
                if page is not None and edited in page:
                    break
                if proc.poll() is not None or time.perf_counter() - start > timeout:
                    return {"error": f"the edit never showed; log: {log}"}
                time.sleep(0.1)
            return {"first_build_seconds": first, "rebuild_seconds": time.perf_counter() - start}
        finally:
            po.write_text(text, encoding="utf-8")
            proc.terminate()
            proc.wait(timeout=60)
