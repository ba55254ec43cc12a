"""Build into a temporary folder, then swap the result in: a failed build never leaves
half a site (`make site`) or half a zip (`make offline`) where readers would find it."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

#: Where temporary builds go, under the project root (ignored by git).
BUILD_DIR = "build"


@contextlib.contextmanager
def temporary(root: Path, name: str) -> Iterator[Path]:
    """A fresh folder build/<name>.tmp, removed afterwards whatever happens."""
    work = root / BUILD_DIR / f"{name}.tmp"
    shutil.rmtree(work, ignore_errors=True)
    work.parent.mkdir(parents=True, exist_ok=True)
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def mkdocs_build(root: Path, config: str, site_dir: Path, quiet: bool = False, parallel: bool = False) -> int:
    """`mkdocs build --strict` of one configuration into `site_dir`; its exit status.
    `parallel`: one process per language (healthdocs.plugin.parallel).

    `quiet` keeps MkDocs' output to itself unless the build fails. It is not MkDocs'
    own --quiet: that one hides warnings from --strict too, and the build then
    passes with a broken link (MkDocs 1.6)."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), "-f", config]
    env = dict(os.environ)
    if parallel:
        env["HEALTHDOCS_PARALLEL"] = "1"
    done = subprocess.run(cmd, cwd=root, env=env, capture_output=quiet, text=True)
    if quiet and done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
    return done.returncode


def swap_in(built: Path, target: Path) -> None:
    """Put a finished build where `target` is (a folder or a file), replacing it at once."""
    if built.is_dir():
        old = built.with_name(built.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        built.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(built, target)
