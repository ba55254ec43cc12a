"""Content-hash stamps under build/: skip a step whose inputs are byte for byte what they
were when it last finished.

A stamp is a small JSON file of `key -> digest`.  A digest covers the bytes of
every input file, their names, and the pipeline's own code (a new version of
the code may write different output from the same inputs).  Modification
times are never trusted: a checkout, `touch` or an editor that saves an
unchanged file does not make work, and a file edited and reverted is
unchanged.  Deleting build/ (or the stamp) makes everything run again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@functools.cache
def code_digest() -> str:
    """Every module and template of the healthdocs package."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".js"))
    return files_digest(files, PACKAGE)


def files_digest(paths: Iterable[Path], root: Path, *extra: str) -> str:
    """Names (relative to root) and bytes of files; a missing file counts as missing."""
    h = hashlib.sha256()
    for part in extra:
        h.update(part.encode())
        h.update(b"\0")
    for path in paths:
        try:
            name = path.relative_to(root).as_posix()
        except ValueError:
            name = path.as_posix()
        h.update(name.encode())
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            h.update(b"\1missing")
        else:
            h.update(b"\0%d\0" % len(data))
            h.update(data)
        h.update(b"\0")
    return h.hexdigest()


class Stamp:
    """build/<name>.json: the digest each key had when its work last finished."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            self.entries: dict[str, str] = dict(data.get("entries", {}))
        except (FileNotFoundError, ValueError, AttributeError):
            self.entries = {}
        #: how many entries the caller found fresh and skipped in this run
        self.skipped = 0

    def fresh(self, key: str, digest: str) -> bool:
        return self.entries.get(key) == digest

    def record(self, key: str, digest: str) -> None:
        self.entries[key] = digest

    def forget(self, key: str) -> None:
        self.entries.pop(key, None)

    def save(self) -> None:
        """Written whole to a temporary file, then renamed: never half a stamp."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps({"entries": self.entries}, indent=0, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)
