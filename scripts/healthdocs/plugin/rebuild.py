"""Work a later build in the same process need not do again.

`make serve` rebuilds what changed: MkDocs' dirty builds for the pages made in memory.

With `mkdocs serve --dirty` MkDocs rebuilds a page only when its source file is
newer than the page it wrote.  The pipeline's pages (the Spanish articles,
glossary pages and indexes, the status pages) have no source file: MkDocs would
fail looking for one.  Each of them is asked instead whether its Markdown
differs from the Markdown it was last built from (a digest kept by the plugin,
whose instance lives as long as `mkdocs serve` because it has `on_startup`).
mkdocs-static-i18n makes new File objects from the ones it is given, so the
question is put on the files it returns, after its on_files.

Like every dirty build of MkDocs (it warns about it), pages whose own source
did not change are not rebuilt even if what they show of other pages did
(the home page's list of articles, the search index): the next full build,
or restarting `make serve`, brings them up to date.
"""

from __future__ import annotations

import functools
import hashlib
import os

from jinja2 import BytecodeCache


class Rebuilds:
    def __init__(self) -> None:
        self._built: dict[str, str] = {}  # output path -> digest of the Markdown it was built from
        self._pending: dict[str, str] = {}

    def watch(self, files, generated: dict[str, str]) -> None:
        """Give each generated file an is_modified() that compares Markdown, not times."""
        self._pending = {}
        for file in files:
            markdown = generated.get(file.src_uri)
            if markdown is None:
                continue
            digest = hashlib.sha1(markdown.encode("utf-8")).hexdigest()
            self._pending[file.abs_dest_path] = digest
            file.is_modified = functools.partial(self._modified, file.abs_dest_path, digest)

    def _modified(self, dest: str, digest: str) -> bool:
        return self._built.get(dest) != digest or not os.path.isfile(dest)

    def written(self, file) -> None:
        """The page of `file` was built (called from on_post_page)."""
        digest = self._pending.get(file.abs_dest_path)
        if digest is not None:
            self._built[file.abs_dest_path] = digest


class MemoryBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache, in memory: compiled templates for the builds of one process."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        data = self._code.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
