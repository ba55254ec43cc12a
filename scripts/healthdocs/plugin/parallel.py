"""`healthdocs build` builds the languages at the same time, one process each.

mkdocs-static-i18n builds the site once per language, one after the other, in
one process (the default language, then each other language from its
`on_post_build`), so a build uses one core however many the machine has.  With
`HEALTHDOCS_PARALLEL=1` (set by `healthdocs build` for its `mkdocs build`), the
healthdocs plugin instead forks, in its first `on_config` and once the site is
loaded and its pages generated (work the children then share instead of doing
again), one process per translation language:

- each child is told it builds its language only (static-i18n's
  `current_language`, with its own loop over the other languages turned off)
  into a folder of its own next to the site folder (`<site_dir>.<lang>`), and
  goes on with the build MkDocs had started: its pages, its static templates,
  and the checks of strict mode; it exits with MkDocs' status;
- the parent builds the default language, then in its `on_post_build` waits
  for every child (a child that failed fails the build, before anything is
  swapped in), moves each child's files into the site folder as the
  sequential build would have written them (a later language's build writes
  over the earlier one's files, and the default language's `404.html` stays
  because the other builds render nothing for it), and renders `sitemap.xml`
  again with every language's pages (the sequential build renders it last,
  in the last language's build, which knows the pages of all of them).  The
  rest of the plugin's `on_post_build` (badges, Pagefind, the service worker)
  then runs once on the whole site, as before.

The children send the parent what the sitemap needs of their pages (address,
the front matter fields it reads, alternates) as JSON.  The result is the same
tree of files as the sequential build's, byte for byte (tests/test_build.py).
`mkdocs serve`, `make offline` and in-process builds (tests) are not parallel:
only a `mkdocs build` command with the variable set forks.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

from mkdocs.exceptions import PluginError

#: Set by `healthdocs build` for the `mkdocs build` it runs.
VARIABLE = "HEALTHDOCS_PARALLEL"
#: What a child leaves in its folder for the parent: what the sitemap reads of its pages.
SITEMAP_DATA = ".healthdocs-sitemap.json"
#: Front matter the sitemap template reads (overrides/sitemap.xml).
SITEMAP_META = ("glossary_term", "glossary_index", "translation", "adapted")


def wanted(command: str | None) -> bool:
    # Not where there is no fork (Windows): the languages are then built one after the other.
    return command == "build" and os.environ.get(VARIABLE) == "1" and hasattr(os, "fork")


class Builds:
    """The parent's children (lang -> pid and folder), or, in a child, its language."""

    def __init__(self) -> None:
        self.children: dict[str, tuple[int, Path]] = {}
        self.child_lang: str | None = None
        self.started = False

    @property
    def active(self) -> bool:
        return self.started

    @property
    def is_child(self) -> bool:
        return self.child_lang is not None

    def start(self, config, languages: list[str]) -> None:
        """Fork one child per language of `languages` (called from the first on_config)."""
        self.started = True
        i18n = config.plugins["i18n"]
        site_dir = Path(config.site_dir)
        for lang in languages:
            folder = site_dir.with_name(f"{site_dir.name}.{lang}")
            shutil.rmtree(folder, ignore_errors=True)
            pid = os.fork()
            if pid == 0:
                self.children = {}
                self.child_lang = lang
                config.site_dir = str(folder)
                i18n.current_language = lang
                i18n.building = True  # its on_post_build builds no other language
                return
            self.children[lang] = (pid, folder)
        # The parent builds the default language only.
        i18n.current_language = i18n.default_language
        i18n.building = True

    def child_done(self, config) -> None:
        """In a child's on_post_build: what the parent's sitemap needs of this language's pages."""
        i18n = config.plugins["i18n"]
        pages = []
        for file in i18n.i18n_files_per_language.get(self.child_lang, []):
            pages.append(_file_data(file))
        target = Path(config.site_dir) / SITEMAP_DATA
        target.write_text(json.dumps(pages, ensure_ascii=False, default=str), encoding="utf-8")

    def finish(self, config) -> None:
        """In the parent's on_post_build: wait for every child, then merge their folders."""
        failed = []
        for lang, (pid, _) in self.children.items():
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                failed.append(lang)
        if failed:
            self.discard()
            raise PluginError(f"healthdocs: the build of {', '.join(failed)} failed (see its messages above)")
        site_dir = Path(config.site_dir)
        i18n = config.plugins["i18n"]
        for lang, (_, folder) in self.children.items():
            data = json.loads((folder / SITEMAP_DATA).read_text(encoding="utf-8"))
            (folder / SITEMAP_DATA).unlink()
            i18n.i18n_files_per_language[lang] = [_Obj.of(item) for item in data]
            _move_into(folder, site_dir)
            shutil.rmtree(folder, ignore_errors=True)
        self.children = {}

    def discard(self) -> None:
        """Stop the children still running and remove their folders (the build failed)."""
        for pid, folder in self.children.values():
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            shutil.rmtree(folder, ignore_errors=True)
        self.children = {}


def _file_data(file) -> dict:
    page = file.page
    out: dict = {"src_uri": file.src_uri, "url": file.url, "page": None, "alternates": {}}
    if page is not None:
        meta = page.meta or {}
        out["page"] = {"is_link": bool(getattr(page, "is_link", False)), "canonical_url": page.canonical_url,
                       "meta": {key: meta[key] for key in SITEMAP_META if key in meta}}
    for locale, other in (getattr(file, "alternates", None) or {}).items():
        other_page = getattr(other, "page", None)
        out["alternates"][locale] = {
            "url": other.url,
            "page": {"canonical_url": other_page.canonical_url} if other_page is not None and other_page.canonical_url else None,
        }
    return out


class _Obj(dict):
    """A JSON object that templates read like the MkDocs object it stands for."""

    @classmethod
    def of(cls, value):
        if isinstance(value, dict):
            return cls({k: cls.of(v) for k, v in value.items()})
        if isinstance(value, list):
            return [cls.of(v) for v in value]
        return value

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _move_into(source: Path, target: Path) -> None:
    """Every file of `source` into `target`, replacing what is there (a later build's file wins)."""
    for entry in os.scandir(source):
        dest = target / entry.name
        if entry.is_dir(follow_symlinks=False):
            if dest.is_dir():
                _move_into(Path(entry.path), dest)
            else:
                if dest.exists():
                    dest.unlink()
                os.rename(entry.path, dest)
        else:
            if dest.is_dir():
                shutil.rmtree(dest)
            os.replace(entry.path, dest)
