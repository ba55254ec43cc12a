"""Catalogs: extract, update, read, write and compile gettext .po files with Babel.

Layout (one .po per article, following docs/ path for path)::

    docs/spinal-cord-stimulation.md   ->  locales/es/spinal-cord-stimulation.po
    docs/index.md                     ->  locales/es/index.po
    overrides/**/*.html (interface)   ->  locales/es/_interface.po

Templates (.pot) are never written to the repository: they are computed from
the sources on every run, so a commit never carries a churned template.

Canonical format: Babel's writer, wrapped at 79 columns, entries in source
order, previous msgids (``#|``) kept for fuzzy entries, obsolete entries
(``#~``) kept at the end.  `make catalogs` writes it; `make check-po` fails
on a file that differs from it, so a translator's diff shows only their work.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import re
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, PoFileParser, write_po
from babel.support import Translations

from .errors import SourceError
from .languages import get as language
from .layout import INTERFACE, Layout  # noqa: F401  (catalogs.Layout, catalogs.INTERFACE for callers)
from .segment import Document

WIDTH = 79
PROJECT = "healthdocs"
#: Header fields of the project's own that a catalog keeps across reads and writes
#: (Babel drops every header field it does not know): the translation anchor, see `freshness`.
PROJECT_HEADERS = ("X-Translates-English", "X-Translation-Matched", "X-English-Newer-Since")
#: A fixed creation date for templates: the catalog keeps its own, so
#: re-running `make catalogs` never rewrites a header line.
_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


class ProjectCatalog(Catalog):
    """Babel's Catalog, keeping the project's own header fields (`PROJECT_HEADERS`) in
    `project_headers`, written after Babel's fields in that order."""

    def __init__(self, *args, **kwargs) -> None:
        self.project_headers: dict[str, str] = {}
        super().__init__(*args, **kwargs)

    def _get_mime_headers(self) -> list[tuple[str, str]]:
        headers = super()._get_mime_headers()
        extra = [(name, self.project_headers[name]) for name in PROJECT_HEADERS if name in self.project_headers]
        if not extra:
            return headers
        # Babel ends its last field's value with the header's final newline.
        last, value = headers[-1]
        return [*headers[:-1], (last, value.rstrip("\n")), *extra[:-1], (extra[-1][0], extra[-1][1] + "\n")]

    def _set_mime_headers(self, headers) -> None:
        headers = list(headers)
        super()._set_mime_headers(headers)
        wanted = {name.lower(): name for name in PROJECT_HEADERS}
        for name, value in headers:
            if str(name).lower() in wanted:
                self.project_headers[wanted[str(name).lower()]] = str(value).strip()

    mime_headers = property(_get_mime_headers, _set_mime_headers)


def header_fields(catalog: Catalog) -> dict[str, str]:
    """The project's own header fields of a catalog (`PROJECT_HEADERS`), by name."""
    return dict(getattr(catalog, "project_headers", {}))


def set_header_field(catalog: Catalog, name: str, value: str | None) -> None:
    """Set (or, with None, remove) one of the project's own header fields."""
    assert name in PROJECT_HEADERS, name
    fields = catalog.__dict__.setdefault("project_headers", {})
    if value is None:
        fields.pop(name, None)
    else:
        fields[name] = value


def _parse(fileobj) -> ProjectCatalog:
    """Babel's read_po, into a ProjectCatalog."""
    catalog = ProjectCatalog()
    PoFileParser(catalog, ignore_obsolete=False, abort_invalid=True).parse(fileobj)
    return catalog


def new_catalog(lang: str | None = None) -> Catalog:
    catalog = ProjectCatalog(
        locale=lang,
        project=PROJECT,
        version="1",
        copyright_holder="healthdocs contributors",
        msgid_bugs_address="",
        last_translator="healthdocs translators",
        creation_date=_EPOCH,
        revision_date=_EPOCH,
        fuzzy=False,
        language_team=language(lang).english_name if lang else None,
    )
    catalog.header_comment = (
        f"# {language(lang).english_name if lang else 'Template'} translation of healthdocs content.\n"
        "# Edit msgstr only; `make catalogs` keeps this file in sync with the English source.\n"
        "# See TRANSLATING.md."
    )
    return catalog


def template_for(doc: Document) -> Catalog:
    """The .pot of one article, computed in memory."""
    template = new_catalog()
    for unit in doc.units:
        existing = template.get(unit.msgid, unit.context)
        location = (doc.path, unit.line)
        if existing is not None:
            existing.locations.append(location)
            if unit.comment not in existing.auto_comments:
                existing.auto_comments.append(unit.comment)
            continue
        template.add(
            unit.msgid,
            locations=[location],
            auto_comments=[unit.comment],
            context=unit.context,
        )
    return template


def interface_template(layout: Layout) -> Catalog:
    """Interface strings of the override templates and the pipeline's Markdown templates,
    extracted with Jinja2's Babel extractor, the way MkDocs' own themes are."""
    from .render import TEMPLATES

    template = new_catalog()
    options = {"extensions": "jinja2.ext.do,jinja2.ext.loopcontrols", "silent": "false"}
    sources = [(layout.overrides, "**.html"), (TEMPLATES, "**.j2")]
    for directory, pattern in sources:
        for filename, lineno, message, comments, context in extract_from_dir(
            str(directory), [(pattern, "jinja2")], {pattern: options}
        ):
            path = Path(directory, filename).resolve()
            try:
                name = path.relative_to(layout.root.resolve()).as_posix()
            except ValueError:
                name = f"scripts/healthdocs/templates/{filename}"
            existing = template.get(message, context)
            if existing is not None:
                existing.locations.append((name, lineno))
            else:
                template.add(message, locations=[(name, lineno)], auto_comments=comments, context=context)
    for message, lineno in layout.config_strings():  # the palette toggles' names
        existing = template.get(message)
        if existing is not None:
            existing.locations.append((layout.config_file, lineno))
        else:
            template.add(message, locations=[(layout.config_file, lineno)])
    return template


def read(path: Path, root: Path | None = None) -> Catalog:
    """Read a .po strictly: a syntax error is an error naming the file and line."""
    name = path.relative_to(root).as_posix() if root else str(path)
    _check_strings(path, name)
    try:
        with path.open("rb") as fh:
            catalog = _parse(fh)
    except PoFileError as exc:
        raise SourceError(name, getattr(exc, "lineno", None), f"malformed .po: {exc.args[0] if exc.args else exc}") from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise SourceError(name, None, f"unreadable .po: {exc}") from exc
    _check_header(catalog, name, path)
    return _restored(catalog)


def loads(data: bytes) -> Catalog:
    """A catalog from bytes (no file checks): for tools and tests."""
    return _restored(_parse(io.BytesIO(data)))


def _restored(catalog: Catalog) -> Catalog:
    for message in [*catalog, *catalog.obsolete.values()]:
        _restore_previous(message)
    return catalog


def _restore_previous(message: Message) -> None:
    """Babel reads `#| msgid "..."` (the previous msgid of a fuzzy entry) as a
    translator comment and would write it back as `# | msgid`, losing it on the
    next update.  Turn those comments back into `previous_id`."""
    previous: list[str] = []
    kept: list[str] = []
    for comment in message.user_comments:
        if not comment.startswith("|"):
            kept.append(comment)
            continue
        body = comment[1:].strip()
        keyword, _, literal = body.partition(" ")
        if body.startswith('"'):
            literal = body
        elif keyword != "msgid":
            continue  # msgid_plural / msgctxt of the previous entry: not used here
        try:
            previous.append(ast.literal_eval(literal))
        except (SyntaxError, ValueError):
            kept.append(comment)
    if previous:
        message.previous_id = ["".join(previous)]
    message.user_comments = kept


_KEYWORDS = ("msgctxt", "msgid", "msgid_plural", "msgstr")
#: A quoted string with only the escapes Babel writes: a valid literal for certain,
#: so the check skips compiling it (most lines of every catalog; `make catalogs`
#: reads every catalog).
_PLAIN_STRING = re.compile(r'"(?:[^"\\\n\x00]|\\[\\"nt])*"')


def _check_strings(path: Path, name: str) -> None:
    """Babel's reader forgives an unterminated or badly escaped string (it drops a
    character and goes on); gettext's msgfmt does not.  Check every quoted string
    as a literal, so a typo is an error at its line instead of a silent change."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise SourceError(name, None, f"malformed .po: not UTF-8 ({exc.reason})") from exc
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if line.startswith("#~"):
            line = line[2:].strip()
        elif line.startswith("#") or not line:
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            literal = line
        elif keyword.split("[")[0] in _KEYWORDS:
            literal = rest.strip()
        else:
            raise SourceError(name, number, f"malformed .po: unexpected text {line[:30]!r}")
        if _PLAIN_STRING.fullmatch(literal):
            continue
        try:
            value = ast.literal_eval(literal)
        except (SyntaxError, ValueError):
            value = None
        if not isinstance(value, str) or not (literal.startswith('"') and literal.endswith('"')):
            raise SourceError(name, number, "malformed .po: the string is not closed or not escaped properly")


def _check_header(catalog: Catalog, name: str, path: Path) -> None:
    mime = dict(catalog.mime_headers)
    content_type = mime.get("Content-Type", "")
    if "charset=UTF-8" not in content_type.replace("utf-8", "UTF-8"):
        raise SourceError(name, _header_line(path), "bad header: Content-Type must declare charset=UTF-8")
    if not catalog.locale and path.suffix == ".po":
        raise SourceError(name, _header_line(path), "bad header: no Language field")


def _header_line(path: Path) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if line.startswith('msgid ""'):
            return i
    return 1


def dumps(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(
        buf,
        catalog,
        width=WIDTH,
        sort_output=False,
        sort_by_file=False,
        include_previous=True,
        ignore_obsolete=False,
    )
    return buf.getvalue()


def update(catalog: Catalog, template: Catalog) -> Catalog:
    """Merge a fresh template into a translated catalog, losing no msgstr.

    Babel's own update marks changed entries fuzzy (keeping the previous msgid)
    and moves removed ones to obsolete.  On top of it: an obsolete entry whose
    English comes back is revived with its translation, and obsolete entries
    that never had a translation are dropped (there is nothing to keep).
    """
    for key, message in list(catalog.obsolete.items()):
        if template.get(message.id, message.context) is not None and catalog.get(message.id, message.context) is None:
            del catalog.obsolete[key]
            catalog[message.id] = message
    # Babel's update rebuilds each entry from the template and keeps its string
    # and flags, but not the previous msgid of an entry that was already fuzzy.
    previous = {(m.id, m.context): m.previous_id for m in catalog if m.id and m.fuzzy and m.previous_id}
    catalog.update(template, update_header_comment=False, keep_user_comments=True, update_creation_date=False)
    for message in catalog:
        if message.fuzzy and not message.previous_id and (message.id, message.context) in previous:
            message.previous_id = previous[(message.id, message.context)]
    for key, message in list(catalog.obsolete.items()):
        if not message.string or catalog.get(message.id, message.context) is not None:
            del catalog.obsolete[key]
    for message in catalog:
        if message.id and not message.string and message.fuzzy:
            message.flags.discard("fuzzy")
        if not message.fuzzy:
            message.previous_id = []  # gettext keeps the previous msgid only while fuzzy
    return catalog


def sync(po_path: Path, template: Catalog, lang: str, source: Path | None = None, today: dt.date | None = None) -> bool:
    """Create or update one .po in the canonical format. Returns True if the file changed.

    An article's catalog (`source`: its English file) also gets its translation
    anchor brought up to date (`freshness.stamp`)."""
    if po_path.exists():
        catalog = read(po_path)
    else:
        catalog = new_catalog(lang)
    update(catalog, template)
    if source is not None:
        from . import freshness

        freshness.stamp(catalog, template, changed=freshness.file_date(source), today=today)
    data = dumps(catalog)
    if po_path.exists() and po_path.read_bytes() == data:
        return False
    po_path.parent.mkdir(parents=True, exist_ok=True)
    po_path.write_bytes(data)
    return True


def translations(catalog: Catalog) -> Translations:
    """A gettext Translations object for Jinja, compiled in memory (no .mo on disk)."""
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(fp=buf)


def usable(message: Message | None) -> bool:
    """A translation that may be shown: present, not fuzzy."""
    if message is None or message.fuzzy or not message.string:
        return False
    # A plural entry is translated only when every form is (an empty form would show nothing).
    return all(message.string) if isinstance(message.string, (list, tuple)) else True


def messages(catalog: Catalog) -> Iterable[Message]:
    return (m for m in catalog if m.id)
