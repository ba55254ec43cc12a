"""`make check-po`: everything a reviewer would check in a catalog, as `path:line: check: problem`.

Errors (exit status 1):

- ``format``: the .po cannot be read (syntax, encoding, header).  Line
  layout is not checked: a file saved by Poedit, msgcat, Weblate
  (translate-toolkit) or polib passes, and `make catalogs` brings it back to
  the project's layout;
- ``sync``: the catalog is not up to date with the English source (a msgid is
  missing, one is left over, references changed, or the translation memory
  has a translation for an entry), a catalog has no English source, or a
  template (.pot) is not current;
- ``freshness``: an article catalog's translation anchor (header fields
  X-Translates-English, X-Translation-Matched, X-English-Newer-Since) is not
  well formed, or `make catalogs` would change it (see `healthdocs.freshness`);
- ``msgfmt``: an error of gettext's ``msgfmt -c --check-format`` (when msgfmt
  is installed: `make system-deps`);
- every check of `healthdocs.checks` on every translated entry (``markup``,
  ``links``, ``html``, ``code``, ``numbers``, ``whitespace``,
  ``abbreviations``), and ``placeholders``: python-format placeholders such
  as ``%(date)s`` kept as they are.

Warnings (listed, exit status 0 unless ``--strict``):

- ``fuzzy``: a translation waiting for review.  It is not shipped: the page
  shows the English with a notice until someone checks it and removes the
  fuzzy flag.  Like python-docs-es, fuzzy entries are reported, not failed on,
  so `make catalogs` after an English edit never breaks CI;
- ``terminology``: a term of ``locales/<lang>/terminology.csv`` not in its
  Spanish form;
- ``spelling``: a word neither Hunspell's dictionary nor
  ``locales/<lang>/wordlist.txt`` knows;
- ``msgfmt`` warnings.

``--strict`` turns every warning into an error (for a release, or a reviewer
who wants a clean file).  Untranslated entries are not problems: `make stats`
counts them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from . import catalogs, checks, freshness, pofile, segment, site, spelling, terminology
from .errors import SourceError
from .translate import abbreviation_map

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    check: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        level = "warning: " if self.severity == WARNING else ""
        return f"{where}: {self.check}: {level}{self.message}"


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    untranslated: int = 0

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == WARNING]

    def summary(self) -> str:
        by_check: dict[str, int] = {}
        for d in self.diagnostics:
            by_check[d.check] = by_check.get(d.check, 0) + 1
        detail = ", ".join(f"{n} {c}" for c, n in sorted(by_check.items()))
        return (f"check-po: {len(self.errors)} error(s), {len(self.warnings)} warning(s)"
                f"{f' ({detail})' if detail else ''} in {self.files} catalog(s); "
                f"{self.untranslated} entries untranslated (make stats)")


@dataclass
class Target:
    """One catalog to check and the English it translates."""

    lang: str
    po: Path
    template: Catalog
    doc: segment.Document | None  # None for the interface catalog


@dataclass
class _Language:
    """What a language's checks share: term base and spell checker."""

    lang: str
    terms: list[terminology.Term]
    speller: spelling.Speller | None
    wordlist_name: str
    memory: catalogs.Memory | None = None


# -- the checks of one catalog ---------------------------------------------------


def _first_difference(a: bytes, b: bytes) -> int:
    la, lb = a.decode("utf-8", "replace").splitlines(), b.decode("utf-8", "replace").splitlines()
    for i, (x, y) in enumerate(zip(la, lb), 1):
        if x != y:
            return i
    return min(len(la), len(lb)) + 1


def _key(message) -> tuple:
    return (message.id, message.context)


def _short(msgid) -> str:
    text = " ".join(str(msgid).split())
    return text if len(text) <= 50 else text[:47] + "..."


def msgfmt(root: Path, rel: str) -> list[Diagnostic]:
    """gettext's own validation; nothing when msgfmt is not installed."""
    exe = shutil.which("msgfmt")
    if exe is None:
        return []
    result = subprocess.run([exe, "-c", "--check-format", "-o", "/dev/null", rel],
                            cwd=root, capture_output=True, text=True)
    out: list[Diagnostic] = []
    for raw in result.stderr.splitlines():
        m = re.match(r"^(?P<path>.+?):(?P<line>\d+): (?P<msg>.*)$", raw)
        if not m:
            continue
        message = m.group("msg")
        # Babel writes the header's placeholder Last-Translator etc.; Git records who translated.
        if "still has the initial default value" in message:
            continue
        severity = WARNING if message.startswith("warning: ") else ERROR
        message = message.removeprefix("warning: ")
        out.append(Diagnostic(rel, int(m.group("line")), "msgfmt", message, severity))
    if result.returncode != 0 and not any(d.severity == ERROR for d in out):
        detail = " ".join(result.stderr.split()) or f"exit status {result.returncode}"
        out.append(Diagnostic(rel, 1, "msgfmt", detail))
    return out


def check_structure(root: Path, target: Target, catalog: Catalog, rel: str,
                    memory: catalogs.Memory | None = None) -> list[Diagnostic]:
    """Sync with the English source, judged on content: any layout a gettext tool
    writes passes (`make catalogs` brings the file back to the project's layout)."""
    out: list[Diagnostic] = []
    missing = [m for m in catalogs.messages(target.template) if catalog.get(m.id, m.context) is None]
    for m in missing:
        src, line = (m.locations[0] if m.locations else (rel, 0))
        out.append(Diagnostic(rel, 1, "sync", f'"{_short(m.id)}" ({src}:{line}) is missing; run make catalogs'))
    extra = [m for m in catalogs.messages(catalog) if target.template.get(m.id, m.context) is None]
    for m in extra:
        out.append(Diagnostic(rel, m.lineno or 0, "sync",
                              "this msgid is no longer in the English source; run make catalogs"))
    if not missing and not extra:
        before = catalogs.dumps(catalog)
        updated = catalogs.loads(before)
        catalogs.update(updated, target.template, memory)
        changed = _first_changed(catalog, updated)
        if changed is not None:
            line, what = changed
            out.append(Diagnostic(rel, line, "sync", f"{what}; run make catalogs"))
    if target.doc is not None:
        line = catalogs._header_line(target.po.read_text(encoding="utf-8", errors="replace"))
        out.extend(Diagnostic(rel, line, "freshness", problem) for problem in freshness.problems(catalog, target.template))
    return out


def _comparable(message) -> str:
    """An entry's content: a `#.` comment wrapped over several lines (Babel and polib wrap
    them, polib even inside a word, gettext does not) is the same comment."""
    copy = catalogs.Message(message.id, message.string, locations=message.locations, context=message.context,
                            user_comments=message.user_comments, previous_id=message.previous_id,
                            auto_comments=["".join("".join(message.auto_comments).split())] if message.auto_comments else [])
    copy.flags = set(message.flags)
    copy.previous_context = getattr(message, "previous_context", None)
    return pofile.entry_text(copy)


def _first_changed(before: Catalog, after: Catalog) -> tuple[int, str] | None:
    """The file line of the first entry that an update changes, and what changes (None: nothing)."""
    old = [*catalogs.messages(before), *before.obsolete.values()]
    new = [*catalogs.messages(after), *after.obsolete.values()]
    for a, b in zip(old, new):
        if _comparable(a) != _comparable(b):
            if (a.string, a.fuzzy) != (b.string, b.fuzzy):
                return a.lineno or 1, "the translation memory has a translation for this entry"
            return a.lineno or 1, "references or comments differ from the English source"
    if len(old) != len(new):
        return (old[min(len(old), len(new)) - 1].lineno or 1 if old else 1), "references or comments differ from the English source"
    return None


def check_messages(target: Target, catalog: Catalog, rel: str, shared: _Language, report: Report) -> list[Diagnostic]:
    """Every check of every translated entry; fuzzy ones listed."""
    out: list[Diagnostic] = []
    abbreviations = abbreviation_map(target.doc, catalog) if target.doc is not None else {}
    untranslated_abbr = {a for a in abbreviations if not catalogs.usable(catalog.get(a, "abbreviation"))}
    for message in catalogs.messages(catalog):
        line = message.lineno or 0
        if isinstance(message.id, (list, tuple)):  # plural forms: check the singular
            msgid, msgstr = str(message.id[0]), str((message.string or [""])[0])
        else:
            msgid, msgstr = str(message.id), str(message.string or "")
        if not catalogs.translated(message):  # empty, or only whitespace: untranslated, not a bad translation
            report.untranslated += 1
            continue
        if message.fuzzy:
            out.append(Diagnostic(rel, line, "fuzzy",
                                  "needs review: shown in English until the fuzzy flag is removed", WARNING))
            continue
        abbr = None if message.context == "abbreviation" else abbreviations
        for p in checks.check(msgid, msgstr, abbreviations=abbr):
            text = p.message
            if p.check == "abbreviations" and any(f" {a} " in f" {text} " for a in untranslated_abbr):
                text += " (translate the abbreviation's own entry first)"
            out.append(Diagnostic(rel, line, p.check, text))
        out.extend(Diagnostic(rel, line, p.check, p.message) for p in placeholder_problems(message, msgid, msgstr))
        for p in terminology.check(msgid, msgstr, shared.terms):
            out.append(Diagnostic(rel, line, p.check, p.message, WARNING))
        if shared.speller is not None:
            for p in shared.speller.check(msgid, msgstr, shared.wordlist_name):
                out.append(Diagnostic(rel, line, p.check, p.message, WARNING))
    return out


_NAMED = re.compile(r"%\(\w+\)")


def placeholder_problems(message, msgid: str, msgstr: str) -> list[checks.Problem]:
    """python-format entries keep their placeholders (%(date)s), and others their named ones."""
    if "python-format" in message.flags:
        src, dst = checks.placeholders(msgid), checks.placeholders(msgstr)
    elif _NAMED.search(msgid) or _NAMED.search(msgstr):
        src = checks.Counter(m.group(0) for m in checks.PLACEHOLDER.finditer(msgid) if m.group("name"))
        dst = checks.Counter(m.group(0) for m in checks.PLACEHOLDER.finditer(msgstr) if m.group("name"))
    else:
        return []
    if src == dst:
        return []
    parts = []
    if src - dst:
        parts.append("missing " + ", ".join(sorted(src - dst)))
    if dst - src:
        parts.append("extra " + ", ".join(sorted(dst - src)))
    return [checks.Problem("placeholders", "placeholders differ from the English: " + "; ".join(parts)
                           + " (keep them exactly as written, %% for a literal %)")]


def check_target(layout: catalogs.Layout, target: Target, shared: _Language, report: Report) -> list[Diagnostic]:
    rel = layout.rel(target.po)
    report.files += 1
    if not target.po.exists():
        return [Diagnostic(rel, 0, "sync", "the catalog does not exist; run make catalogs")]
    out = msgfmt(layout.root, rel)
    try:
        catalog = catalogs.read(target.po, layout.root)
    except SourceError as exc:
        return out + [Diagnostic(rel, exc.line or 0, "format", exc.message)]
    out.extend(check_structure(layout.root, target, catalog, rel, shared.memory))
    out.extend(check_messages(target, catalog, rel, shared, report))
    return out


# -- the whole project -----------------------------------------------------------


def targets(layout: catalogs.Layout, languages: list[str], report: Report) -> list[Target]:
    out: list[Target] = []
    docs: list[tuple[Path, segment.Document, Catalog]] = []
    for path in layout.sources():
        try:
            site.check_source_name(layout, path)
            doc = segment.read(path, layout.root)
        except SourceError as exc:
            report.diagnostics.append(Diagnostic(exc.path, exc.line or 0, "source", exc.message))
            continue
        docs.append((path, doc, catalogs.template_for(doc)))
    interface = catalogs.interface_template(layout)
    for lang in languages:
        for path, doc, template in docs:
            out.append(Target(lang, layout.po_path(lang, path), template, doc))
        out.append(Target(lang, layout.interface_po(lang), interface, None))
    return out


def orphans(layout: catalogs.Layout, languages: list[str], known: set[Path]) -> list[Diagnostic]:
    """Catalogs whose English source is gone."""
    out = []
    for lang in languages:
        folder = layout.root / layout.locales_dir / lang
        for po in sorted(folder.rglob("*.po")):
            if po not in known:
                source = layout.docs_dir + "/" + po.relative_to(folder).with_suffix(".md").as_posix()
                out.append(Diagnostic(layout.rel(po), 1, "sync",
                                      f"no English source {source}; delete this catalog or restore the article"))
    return out


def check_templates(layout: catalogs.Layout, templates: list[tuple[Path, Catalog]]) -> list[Diagnostic]:
    """The committed templates (.pot) are current, like a lock file, and none is left over."""
    out: list[Diagnostic] = []
    for pot, template in templates:
        rel = layout.rel(pot)
        if not pot.exists():
            out.append(Diagnostic(rel, 0, "sync", "the template does not exist; run make catalogs"))
            continue
        try:
            current = catalogs.dumps(catalogs.loads(pot.read_bytes()))
        except SourceError as exc:
            out.append(Diagnostic(rel, exc.line or 0, "format", exc.message))
            continue
        expected = catalogs.dumps(template)
        if current != expected:
            out.append(Diagnostic(rel, _first_difference(current, expected), "sync",
                                  "the template is not current with the English source; run make catalogs"))
    known = {pot for pot, _ in templates}
    for pot in sorted((layout.root / layout.locales_dir).rglob("*.pot")):
        if pot not in known:
            out.append(Diagnostic(layout.rel(pot), 1, "sync", "no English source for this template; run make catalogs"))
    return out


def language_tools(layout: catalogs.Layout, lang: str, spell: bool) -> tuple[_Language, list[Diagnostic]]:
    folder = layout.root / layout.locales_dir / lang
    problems: list[Diagnostic] = []
    term_file = terminology.path_for(layout.root / layout.locales_dir, lang)
    try:
        terms = terminology.load(term_file, layout.rel(term_file), lang, layout.langs.source)
    except SourceError as exc:
        problems.append(Diagnostic(exc.path, exc.line or 0, "terminology", exc.message))
        terms = []
    wordlist = folder / spelling.WORDLIST
    speller = spelling.Speller(lang, spelling.load_wordlist(wordlist)) if spell else None
    memory = catalogs.memory(layout, lang)
    return _Language(lang, terms, speller, layout.rel(wordlist), memory), problems


def run(layout: catalogs.Layout, languages: list[str] | None = None, files: list[Path] | None = None,
        *, strict: bool = False, spell: bool = True) -> Report:
    """Check the catalogs of `languages` (all), or only `files`."""
    report = Report()
    languages = languages or layout.languages()
    wanted = {f.resolve() for f in files} if files else None
    all_targets = targets(layout, languages, report)
    if wanted is None:
        report.diagnostics.extend(orphans(layout, languages, {t.po for t in all_targets}))
        report.diagnostics.extend(Diagnostic(e.path, 0, "sync", e.message)
                                  for e in catalogs.unconfigured_folders(layout, layout.languages()))
        if languages:
            pots = [(catalogs.interface_template_path(layout) if t.doc is None
                     else catalogs.template_path(layout, layout.root / t.doc.path), t.template)
                    for t in all_targets if t.lang == languages[0]]
            report.diagnostics.extend(check_templates(layout, pots))
    else:
        unknown = wanted - {t.po.resolve() for t in all_targets}
        for path in sorted(unknown):
            name = layout.rel(path) if path.is_relative_to(layout.root) else str(path)
            report.diagnostics.append(Diagnostic(name, 0, "sync", "not a catalog of this project (no English source)"))
    for lang in languages:
        chosen = [t for t in all_targets if t.lang == lang and (wanted is None or t.po.resolve() in wanted)]
        if not chosen:
            continue
        shared, problems = language_tools(layout, lang, spell)
        report.diagnostics.extend(problems)
        for target in chosen:
            report.diagnostics.extend(check_target(layout, target, shared, report))
        if shared.speller is not None and not shared.speller.available and shared.speller.used:
            report.diagnostics.append(Diagnostic(
                layout.rel(layout.root / layout.locales_dir / lang), 0, "spelling",
                f"no Hunspell dictionary for {lang!r}: spelling not checked (make system-deps installs the project's)",
                WARNING))
    if strict:
        report.diagnostics = [Diagnostic(d.path, d.line, d.check, d.message, ERROR) for d in report.diagnostics]
    report.diagnostics.sort(key=lambda d: (d.path, d.line))  # stable: entries keep their order
    return report


__all__ = ["Diagnostic", "Report", "run", "ERROR", "WARNING"]
