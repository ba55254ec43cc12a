"""Catalogs: extract (Babel), update (msgmerge's rules), read and write (translate-toolkit), compile.

Layout (one .po per article, following docs/ path for path)::

    docs/spinal-cord-stimulation.md   ->  locales/es/spinal-cord-stimulation.po
    docs/index.md                     ->  locales/es/index.po
    overrides/**/*.html (interface)   ->  locales/es/_interface.po

Templates, one per catalog, for translators' platforms (Weblate, Poedit)::

    locales/spinal-cord-stimulation.pot, locales/index.pot, locales/_interface.pot

`make catalogs` writes them with the catalogs; `make check-po` fails when one
is not current, like a lock file (README: "Catalog templates").

Layout: gettext's own, unwrapped (`healthdocs.pofile`): entries in source
order, previous msgctxt/msgid/msgid_plural (``#|``) kept for fuzzy entries,
obsolete entries (``#~``) at the end.  `make catalogs` writes it; `make
check-po` and the build read any layout a gettext tool writes and judge only
the content, so a translator's tool never fails CI for line breaks.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import json
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.support import Translations

from . import pofile, segment
from .errors import SourceError
from .languages import get as language
from .layout import INTERFACE, Layout  # noqa: F401  (catalogs.Layout, catalogs.INTERFACE for callers)
from .segment import Document
from .stamp import Stamp, code_digest, files_digest

PROJECT = "healthdocs"
#: Header fields of the project's own, set by `make catalogs` (the translation anchor, see
#: `freshness`): kept in `catalog.project_headers` and written after the others, in this order.
PROJECT_HEADERS = ("X-Translates-English", "X-Translation-Matched", "X-English-Newer-Since")
#: A fixed creation date for templates: the catalog keeps its own, so
#: re-running `make catalogs` never rewrites a header line.
_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


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


def new_catalog(lang: str | None = None) -> Catalog:
    catalog = Catalog(
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


def new_template(source: str) -> Catalog:
    """An empty template (.pot): the translators' interface to one English source."""
    template = new_catalog()
    template.header_comment = (
        f"# Template of the catalogs of {source}: written by `make catalogs`, do not edit.\n"
        "# Translators' platforms (Weblate, Poedit) start new translations from it. See TRANSLATING.md."
    )
    return template


def template_for(doc: Document) -> Catalog:
    """The .pot of one article."""
    template = new_template(doc.path)
    for unit in doc.units:
        existing = template.get(unit.msgid, unit.context)
        location = (doc.path, unit.line)
        if existing is not None:
            if location not in existing.locations:  # the same text twice on one line (table cells): one reference
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
    extracted with Jinja2's Babel extractor, the way MkDocs' own themes are.

    Extracted again only when one of those files changed (every `make catalogs`
    and check-po needs it; extraction is most of their time on a small site)."""
    from .render import TEMPLATES

    files = [*_interface_sources(layout), *sorted(TEMPLATES.rglob("*.j2"))]
    stamp = (str(layout.root.resolve()), str(layout.overrides), *((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files))
    cached = _interface_cache.get(stamp)
    if cached is None:
        cached = _interface_cache[stamp] = _extract_interface(layout, TEMPLATES)
    return copy.deepcopy(cached)


_interface_cache: dict[tuple, Catalog] = {}


def _interface_sources(layout: Layout) -> list[Path]:
    """The project's files its interface strings come from: the override templates, and
    mkdocs.yml (the palette toggles' names)."""
    config = layout.root / layout.config_file
    return [*sorted(layout.overrides.rglob("*.html")), *([config] if config.is_file() else [])]


def _extract_interface(layout: Layout, TEMPLATES: Path) -> Catalog:
    template = new_template("the theme's and the pipeline's templates")
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
                if isinstance(message, (list, tuple)) and not existing.pluralizable:
                    # used alone and with a plural: one plural entry, as xgettext writes it
                    existing.id, existing.string = message, ("", "")
                    existing.flags |= Message(message).flags
                if (name, lineno) not in existing.locations:  # the same string twice on one line
                    existing.locations.append((name, lineno))
            else:
                template.add(message, locations=[(name, lineno)], auto_comments=comments, context=context)
    for message, lineno in layout.config_strings():  # the palette toggles' names
        existing = template.get(message)
        if existing is not None:
            if (layout.config_file, lineno) not in existing.locations:  # two toggles named alike on one line
                existing.locations.append((layout.config_file, lineno))
        else:
            template.add(message, locations=[(layout.config_file, lineno)])
    return template


def read(path: Path, root: Path | None = None) -> Catalog:
    """Read a .po strictly: a syntax error is an error naming the file and line.

    Any layout gettext accepts is read (wrapped at any width or not at all, as
    Poedit, msgcat, Weblate/translate-toolkit or polib save it): only the
    content counts.
    """
    name = path.relative_to(root).as_posix() if root else str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(name, None, f"cannot read the catalog: {exc.strerror or exc}") from None
    return _read_bytes(data, name, path.suffix == ".po")


def loads(data: bytes) -> Catalog:
    """A catalog from bytes (no header checks): for tools and tests."""
    return _read_bytes(data, "<bytes>", check_header=False)


def _read_bytes(data: bytes, name: str, check_header: bool) -> Catalog:
    text = segment.decode(data, name, "malformed .po: ")
    _check_strings(text, name)
    try:
        catalog, comments, header, fields = pofile.parse(data)
    except pofile.PoSyntaxError as exc:
        raise SourceError(name, exc.line, f"malformed .po: {exc.message}") from None
    if check_header:
        _check_header(fields, name, _header_line(text))
    catalog._healthdocs_header = (comments, header)
    catalog.project_headers = {field: fields[field] for field in PROJECT_HEADERS if field in fields}
    return catalog


_KEYWORDS = ("msgctxt", "msgid", "msgid_plural", "msgstr")
#: One quoted string alone, with only the escapes that gettext and this project's reader
#: (translate-toolkit) both decode, and decode alike.
_STRING = re.compile(r'"(?:[^"\\\n\x00]|\\[\\"ntr])*"')
#: Escapes gettext decodes that the reader takes as the bare letter or digits: `\a` would
#: become "a", `\x41` "x41", a silent change of the msgstr.
_MISREAD_ESCAPE = re.compile(r'\\(?:[abfv]|x[0-9A-Fa-f]+|[0-7]{1,3})')
_ESCAPE = re.compile(r"\\.")


def _check_strings(text: str, name: str) -> None:
    """translate-toolkit's reader forgives an unterminated or badly escaped string, and
    decodes some of gettext's escapes differently; gettext's msgfmt does not forgive.  Check
    every quoted string, so a typo is an error at its line instead of a silent change."""
    for number, raw in enumerate(text.split("\n"), 1):  # gettext's lines: a U+2028 in a msgstr is text
        line = raw.strip()
        if line.startswith("#~"):
            line = line[2:].strip()
            if line.startswith("|"):
                line = line[1:].strip()
        elif line.startswith("#|"):
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
        if _STRING.fullmatch(literal):
            continue
        for escape in _ESCAPE.finditer(literal):
            misread = _MISREAD_ESCAPE.match(literal, escape.start())
            if misread:
                raise SourceError(name, number, f"malformed .po: the escape {misread.group(0)} is not read the same "
                                                "by every gettext tool: write the character itself")
        raise SourceError(name, number, "malformed .po: the string is not closed or not escaped properly")


def _check_header(fields: dict[str, str], name: str, line: int) -> None:
    content_type = fields.get("Content-Type", "")
    if "charset=utf-8" not in content_type.lower().replace(" ", ""):
        raise SourceError(name, line, "bad header: Content-Type must declare charset=UTF-8")
    language = fields.get("Language", "").strip()
    if not language:
        raise SourceError(name, line, "bad header: no Language field (add \"Language: <code>\\n\" to the header)")
    try:
        Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        raise SourceError(name, line, f"bad header: Language {language!r} is not a language code Babel knows") from None
    plural = fields.get("Plural-Forms")
    if plural is not None:
        problem = pofile.plural_error(plural)
        if problem:
            raise SourceError(name, line, f"bad header: Plural-Forms: {problem}")


def _header_line(text: str) -> int:
    for i, line in enumerate(text.split("\n"), 1):
        if line.startswith('msgid ""'):
            return i
    return 1


def _new_header(catalog: Catalog) -> tuple[list[str], str]:
    """Header comment lines and header text of a catalog or template this project starts."""
    comments = [f"# {line}".rstrip() if not line.startswith("#") else line for line in catalog.header_comment.split("\n")]
    fields = [(k, v) for k, v in catalog.mime_headers if k != "Generated-By"]
    return comments, "".join(f"{k}: {v}\n" for k, v in fields)


#: The header fields in the order GNU gettext writes them (msgmerge puts them so);
#: others (X-Generator...) follow in their own order.
_HEADER_ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
                 "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
                 "Content-Transfer-Encoding", "Plural-Forms")


def _canonical_header(header: str) -> str:
    """The header's fields with their values as they are, in gettext's order (a tool that
    reorders them, or writes charset=utf-8 for UTF-8, changes nothing)."""
    fields: list[tuple[str, str]] = []
    for line in header.split("\n"):
        name, sep, value = line.partition(":")
        if sep:
            fields.append((name.strip(), value.strip()))
    rank = {name: i for i, name in enumerate(_HEADER_ORDER)}
    fields.sort(key=lambda f: rank.get(f[0], len(rank)))
    out = []
    for name, value in fields:
        if name == "Content-Type" and value.lower().replace(" ", "") == "text/plain;charset=utf-8":
            value = "text/plain; charset=UTF-8"
        out.append(f"{name}: {value}\n")
    return "".join(out)


def dumps(catalog: Catalog) -> bytes:
    """The project's layout: gettext's own, unwrapped (see healthdocs.pofile)."""
    comments, header = getattr(catalog, "_healthdocs_header", None) or _new_header(catalog)
    own = header_fields(catalog)
    kept = [line for line in header.split("\n") if line.partition(":")[0].strip() not in PROJECT_HEADERS]
    header = "\n".join(kept) + "".join(f"{name}: {own[name]}\n" for name in PROJECT_HEADERS if name in own)
    return pofile.serialize(catalog, comments, _canonical_header(header))


# -- update: msgmerge's rules, with a translation memory --------------------------

#: msgmerge's threshold: a translated entry whose msgid is more similar than this
#: to a new msgid becomes its fuzzy suggestion (gettext's FUZZY_THRESHOLD).
FUZZY_THRESHOLD = 0.6
#: msgmerge's small advantage for a candidate with no context or the same context.
_CONTEXT_BONUS = 0.00001


def _lcs(a: bytes, b: bytes) -> int:
    """Length of the longest common subsequence (bit-parallel, Hyyrö 2004)."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return 0
    masks: dict[int, int] = {}
    for i, byte in enumerate(b):
        masks[byte] = masks.get(byte, 0) | (1 << i)
    full = (1 << len(b)) - 1
    v = full
    for byte in a:
        m = masks.get(byte)
        if m:
            u = v & m
            v = ((v + u) | (v - u)) & full
    return len(b) - v.bit_count()


def similarity(a: str, b: str) -> float:
    """gettext's fstrcmp: 2 * common subsequence / total length, on UTF-8 bytes."""
    x, y = a.encode("utf-8"), b.encode("utf-8")
    if not x and not y:
        return 1.0
    return 2 * _lcs(x, y) / (len(x) + len(y))


def _singular(id) -> str:
    return str(id[0] if isinstance(id, (list, tuple)) else id)


def _strings(string) -> tuple:
    return tuple(string) if isinstance(string, (list, tuple)) else (string,)


def _has_text(string) -> bool:
    """A translation is there: not empty and not only whitespace (any Unicode space)."""
    strings = string if isinstance(string, (list, tuple)) else (string,)
    return any(s and str(s).strip() for s in strings)


Key = tuple[str, "str | None"]


def key_of(message: Message) -> Key:
    return (_singular(message.id), message.context)


def _previous_key(message: Message) -> Key | None:
    if not (message.fuzzy and message.previous_id):
        return None
    return (str(message.previous_id[0]), getattr(message, "previous_context", None))


@dataclass
class Memory:
    """Translations of one language from other catalogs: exact matches only.

    Every usable translation of every catalog of the language, keyed by
    (msgid, msgctxt): active entries, obsolete ones, and the previous msgid of
    a fuzzy entry whose msgstr still translates it.
    """

    exact: dict[Key, Message]

    @classmethod
    def of(cls, catalogs: Iterable[Catalog]) -> Memory:
        exact: dict[Key, Message] = {}
        for catalog in catalogs:
            for message in [*catalog, *catalog.obsolete.values()]:
                if not message.id or not _has_text(message.string):
                    continue
                if message.fuzzy:
                    previous = _previous_key(message)
                    if previous is not None:
                        exact.setdefault(previous, message)
                else:
                    exact.setdefault(key_of(message), message)
        return cls(exact)


#: build/catalogs.memory/<lang>.json: what each catalog of a language gives the translation
#: memory, by the catalog's content hash (`cached_memory`).
MEMORY_CACHE = "catalogs.memory"


def _remembered(catalog: Catalog) -> list[list]:
    """What one catalog gives the memory, in Memory.of's order: [key id, key context, entry]."""
    out = []
    for message in [*catalog, *catalog.obsolete.values()]:
        if not message.id or not _has_text(message.string):
            continue
        key = _previous_key(message) if message.fuzzy else key_of(message)
        if key is None:
            continue
        out.append([key[0], key[1], _record(message)])
    return out


def _record(message: Message) -> list:
    """The parts of a message that `update` takes from the memory, as JSON."""
    plural = isinstance(message.id, (list, tuple))
    string = message.string
    return [list(message.id) if plural else message.id, message.context,
            list(string) if isinstance(string, (list, tuple)) else string,
            list(message.user_comments), sorted(message.flags), list(message.previous_id or []),
            getattr(message, "previous_context", None)]


def _from_record(record: list) -> Message:
    id, context, string, comments, flags, previous, previous_context = record
    message = Message(tuple(id) if isinstance(id, list) else id, tuple(string) if isinstance(string, list) else string,
                      user_comments=comments, previous_id=previous, context=context)
    message.flags = set(flags)
    message.previous_context = previous_context
    return message


class _Recorded(dict):
    """Memory.exact read from the cache: each entry made a Message when it is asked for."""

    def get(self, key, default=None):
        record = super().get(key)
        if record is None:
            return default
        if not isinstance(record, Message):
            record = _from_record(record)
            self[key] = record
        return record

    def __getitem__(self, key):
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value


class MemoryCache:
    """`cache_dir`/<lang>.json: what each catalog of a language gives the translation memory,
    with the SHA-1 of the catalog's bytes it was read from."""

    def __init__(self, layout: Layout, lang: str, cache_dir: Path) -> None:
        self.layout, self.path = layout, cache_dir / f"{lang}.json"
        self.code = code_digest()
        try:
            cached = json.loads(self.path.read_text(encoding="utf-8"))
            self.saved = cached["catalogs"] if cached.get("code") == self.code else {}
            if not isinstance(self.saved, dict):
                self.saved = {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.saved = {}
        self.entries: dict[str, dict] = {}

    def memory(self, paths: list[Path]) -> Memory:
        """Like Memory.of(read(path) for path in paths), reading again only the catalogs whose
        bytes changed since they were recorded.  An unreadable catalog raises as `read` does."""
        exact = _Recorded()
        for path in paths:
            rel = self.layout.rel(path)
            data = path.read_bytes()
            digest = hashlib.sha1(data).hexdigest()
            entry = self.saved.get(rel)
            if not isinstance(entry, dict) or entry.get("sha1") != digest:
                entry = {"sha1": digest, "entries": _remembered(_read_bytes(data, rel, path.suffix == ".po"))}
            self.entries[rel] = entry
            for key_id, key_context, record in entry["entries"]:
                exact.setdefault((key_id, key_context), record)
        return Memory(exact)

    def written(self, path: Path, data: bytes, catalog: Catalog) -> None:
        """A catalog this run wrote (`data`, from `catalog`): what the next run will read."""
        self.entries[self.layout.rel(path)] = {"sha1": hashlib.sha1(data).hexdigest(), "entries": _remembered(catalog)}

    def save(self) -> None:
        if self.entries == self.saved:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps({"code": self.code, "catalogs": self.entries}, ensure_ascii=False, separators=(",", ":")),
                       encoding="utf-8")
        os.replace(tmp, self.path)


def cached_memory(layout: Layout, lang: str, paths: list[Path], cache_dir: Path) -> Memory:
    """The memory of `paths` (a language's catalogs, in order), like Memory.of(read(path)
    for each), reading again only the catalogs whose bytes changed since the cache
    (`cache_dir`/<lang>.json) was written: `make catalogs` after one edit reads one
    catalog, not every catalog of the language."""
    cache = MemoryCache(layout, lang, cache_dir)
    memory = cache.memory(paths)
    cache.save()
    return memory


def memory(layout: Layout, lang: str) -> Memory:
    """The translation memory of one language: every catalog of its folder that can be read."""
    found = []
    for po in sorted((layout.root / layout.locales_dir / lang).rglob("*.po")):
        try:
            found.append(read(po, layout.root))
        except SourceError:
            continue  # reported where the file itself is checked or built
    return Memory.of(found)


def _grams(text: str) -> list[str]:
    """The character 4-grams of a string, in order (msgmerge's fuzzy index)."""
    return [text[i:i + 4] for i in range(len(text) - 3)]


#: msgmerge's short-string path: strings of fewer than 4 characters are compared with
#: the translated msgids whose length (in bytes) could give a ratio above the threshold.
_LENGTH_FACTOR = 2 / FUZZY_THRESHOLD - 1


class _FuzzyIndex:
    """GNU msgmerge's fuzzy search (gettext's msgl-fsearch.c with its heuristic off).

    The candidates of a msgid are the translated entries that share at least one
    character 4-gram with it (all of a similar length for a msgid of fewer than 4
    characters), tried in decreasing number of shared 4-grams, then in file order;
    the first one with the highest score wins, and the score must be above
    FUZZY_THRESHOLD.  The score is gettext's fstrcmp (`similarity`) plus a tiny
    bonus for a candidate with the same (or no) msgctxt.  msgmerge also merges a
    singular entry into a plural one; here a fuzzy suggestion keeps its form.
    """

    def __init__(self, candidates: list[Message]):
        self.candidates = candidates
        self.ids = [_singular(m.id) for m in candidates]
        self.by_gram: dict[str, list[int]] = {}
        for index, text in enumerate(self.ids):
            for gram in set(_grams(text)):
                self.by_gram.setdefault(gram, []).append(index)

    def _order(self, msgid: str) -> list[int]:
        if len(msgid) >= 4:
            shared: dict[int, int] = {}
            for gram in _grams(msgid):
                for index in self.by_gram.get(gram, ()):
                    shared[index] = shared.get(index, 0) + 1
            return sorted(shared, key=lambda i: (-shared[i], i))
        size = len(msgid.encode("utf-8"))
        low, high = math.ceil(size / _LENGTH_FACTOR), int(size * _LENGTH_FACTOR)
        lengths = [len(text.encode("utf-8")) for text in self.ids]
        return sorted((i for i, n in enumerate(lengths) if low <= n <= high), key=lambda i: (lengths[i], i))

    def best(self, template: Message) -> Message | None:
        msgid = _singular(template.id)
        plural = isinstance(template.id, (list, tuple))
        best, best_score = None, FUZZY_THRESHOLD
        size = len(msgid.encode("utf-8"))
        for index in self._order(msgid):
            candidate = self.candidates[index]
            if isinstance(candidate.id, (list, tuple)) != plural:
                continue
            bonus = _CONTEXT_BONUS if candidate.context is None or candidate.context == template.context else 0.0
            other_size = len(self.ids[index].encode("utf-8"))
            if 2 * min(size, other_size) / ((size + other_size) or 1) + bonus <= best_score:
                continue  # cannot beat the best even if one string holds the other
            score = similarity(msgid, self.ids[index]) + bonus
            if score > best_score:
                best, best_score = candidate, score
        return best


def _merged(template: Message, source: Message | None, *, fuzzy: bool, previous: tuple | None, forms: int) -> Message:
    """The template's entry (references, comments, flags) with the source's translation.

    A plural entry it starts has `forms` msgstr (the catalog's nplurals, as msgmerge
    writes them: six for Arabic), the first one the singular msgstr if there is one."""
    if source is None:
        string = ("",) * forms if isinstance(template.id, (list, tuple)) else ""
        user_comments: list[str] = []
    else:
        string = source.string
        if isinstance(template.id, (list, tuple)) and not isinstance(string, (list, tuple)):
            string = (string, *("",) * (forms - 1))
        elif not isinstance(template.id, (list, tuple)) and isinstance(string, (list, tuple)):
            string = string[0] if string else ""
        user_comments = list(source.user_comments)
    message = Message(
        template.id,
        string,
        locations=template.locations,
        auto_comments=template.auto_comments,
        user_comments=user_comments,
        context=template.context,
    )
    flags = set(template.flags) - {"fuzzy"}
    fuzzy = fuzzy and _has_text(string)
    if fuzzy:
        flags.add("fuzzy")
    message.flags = flags
    if fuzzy and previous is not None:
        prev_id, prev_context = previous
        message.previous_id = list(prev_id) if isinstance(prev_id, (list, tuple)) else [prev_id]
        message.previous_context = prev_context
    else:
        message.previous_id = []
        message.previous_context = None
    return message


def _previous_of(source: Message) -> tuple:
    """What `#|` shows for a fuzzy suggestion taken from `source` (msgmerge keeps the
    older previous msgid of a source that is fuzzy itself: the English its msgstr translates)."""
    if source.fuzzy and source.previous_id:
        return (source.previous_id if len(source.previous_id) > 1 else source.previous_id[0],
                getattr(source, "previous_context", None))
    return (source.id, source.context)


def update(catalog: Catalog, template: Catalog, memory: Memory | None = None) -> Catalog:
    """Merge a fresh template into a translated catalog, losing no msgstr.

    GNU msgmerge's rules (`msgmerge --previous`), with the translation memory
    it lacks:

    1. an entry whose msgid (and msgctxt) is still in the English keeps its
       msgstr and its state;
    2. otherwise an exact match comes back *active* (not fuzzy): an obsolete
       entry (``#~``), the previous msgid (``#|``) of a fuzzy entry whose msgstr
       still translates it (an English edit reverted), or any catalog of the
       same language (`memory`);
    3. otherwise the most similar translated msgid of this catalog, obsolete
       entries included, above msgmerge's threshold, gives a *fuzzy* suggestion
       with its msgid as ``#|``;
    4. entries no longer in the English keep their msgstr as obsolete (``#~``),
       unless one of the rules above took it; untranslated ones are dropped.

    A second update with the same template changes nothing.
    """
    active = [m for m in catalog if m.id]
    obsolete = list(catalog.obsolete.values())
    by_key = {key_of(m): m for m in active}
    obsolete_by_key = {key_of(m): m for m in obsolete}
    by_previous: dict[Key, Message] = {}
    for m in [*active, *obsolete]:
        previous = _previous_key(m)
        if previous is not None and _has_text(m.string):
            by_previous.setdefault(previous, m)
    fuzzy_index = _FuzzyIndex([m for m in [*active, *obsolete] if _has_text(m.string)])
    forms = catalog.num_plurals
    used: set[int] = set()
    merged: list[Message] = []
    for entry in template:
        if not entry.id:
            continue
        key = key_of(entry)
        current = by_key.get(key)
        if current is not None and _has_text(current.string):
            used.add(id(current))
            reverted = _previous_key(current) == key  # "#|" equal to the msgid: nothing left to review
            previous = _previous_of(current) if current.previous_id else None
            merged.append(_merged(entry, current, fuzzy=current.fuzzy and not reverted, previous=previous, forms=forms))
            continue
        exact = obsolete_by_key.get(key) or by_previous.get(key)
        if exact is None and memory is not None:
            exact = memory.exact.get(key)
        if exact is not None:
            used.add(id(exact))
            if current is not None:
                used.add(id(current))
            fuzzy = exact.fuzzy and key_of(exact) == key and _previous_key(exact) != key
            merged.append(_merged(entry, exact, fuzzy=fuzzy, previous=_previous_of(exact) if fuzzy else None, forms=forms))
            continue
        if current is not None:  # in the English, not translated yet: keep it (and any comment) as it is
            used.add(id(current))
            merged.append(_merged(entry, current, fuzzy=False, previous=None, forms=forms))
            continue
        suggestion = fuzzy_index.best(entry)
        if suggestion is not None:
            used.add(id(suggestion))
            merged.append(_merged(entry, suggestion, fuzzy=True, previous=_previous_of(suggestion), forms=forms))
            continue
        merged.append(_merged(entry, None, fuzzy=False, previous=None, forms=forms))
    leftovers = [m for m in [*active, *obsolete] if id(m) not in used and _has_text(m.string)]
    catalog._messages.clear()
    for message in merged:
        catalog._messages[_babel_key(message)] = message
    new_keys = {key_of(m) for m in merged}
    settled = {(key_of(m), _strings(m.string)) for m in merged if not m.fuzzy and _has_text(m.string)}
    catalog.obsolete.clear()
    for message in leftovers:
        if key_of(message) in new_keys:
            continue
        if message.fuzzy and (_previous_key(message), _strings(message.string)) in settled:
            continue  # a suggestion copied from an entry that is back, translated the same: nothing to keep
        message.locations, message.auto_comments = [], []
        catalog.obsolete.setdefault(_babel_key(message), message)
    return catalog


def _babel_key(message: Message):
    id, context = key_of(message)
    return (id, context) if context is not None else id


def unconfigured_folders(layout: Layout, configured: Iterable[str]) -> list[SourceError]:
    """A folder of locales/ for a language the site does not configure is an error naming it:
    its catalogs would never be built, and the language would be announced (hreflang) for
    pages that do not exist."""
    base = layout.root / layout.locales_dir
    wanted = set(configured)
    errors = []
    for folder in sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []:
        if folder.name not in wanted:
            listed = ", ".join(sorted(wanted)) or "none"
            errors.append(SourceError(
                f"{layout.rel(folder)}/", None,
                f"catalogs for language {folder.name!r}, which mkdocs.yml does not configure "
                f"(plugins: i18n: languages; configured translations: {listed}): add the language "
                "there, or remove the folder"))
    return errors


def template_path(layout: Layout, source: Path) -> Path:
    """locales/<name>.pot beside the language folders (the same name as every language's .po)."""
    return layout.root / layout.locales_dir / source.resolve().relative_to(layout.docs.resolve()).with_suffix(".pot")


def interface_template_path(layout: Layout) -> Path:
    return layout.root / layout.locales_dir / f"{INTERFACE}.pot"


def templates(layout: Layout) -> list[tuple[Path | None, Path, Catalog]]:
    """(English source, .pot path, template) of every catalog: articles first, then the interface."""
    out: list[tuple[Path | None, Path, Catalog]] = []
    for source in layout.sources():
        doc = segment.read(source, layout.root)
        out.append((source, template_path(layout, source), template_for(doc)))
    out.append((None, interface_template_path(layout), interface_template(layout)))
    return out


def update_all(layout: Layout, languages: list[str], today: dt.date | None = None,
               stamp: Stamp | None = None, memory_cache: Path | None = None) -> list[Path]:
    """`make catalogs`: write every template and update every catalog of `languages`.

    Each language's catalogs are read first, so that each update can take exact
    matches from all of them (the translation memory).  Returns the files that changed.

    With a `stamp` (build/catalogs.stamp.json), a template or catalog whose inputs are
    byte for byte what they were when it was last written is skipped: for a template,
    its English source and the pipeline's code; for a catalog, also the catalog itself
    and every catalog of its language (what the update may take translations from).
    `stamp.skipped` counts the catalogs skipped.

    With a `memory_cache` folder (build/catalogs.memory), the memory is read from what
    each catalog gave it last time, by content hash (`cached_memory`): only the catalogs
    to update and those whose bytes changed are parsed.
    """
    changed: list[Path] = []
    sources: list[Path | None] = [*layout.sources(), None]
    code = code_digest()
    interface_inputs = _interface_sources(layout)
    cache: dict[Path | None, Catalog] = {}

    def template(source: Path | None) -> Catalog:
        if source not in cache:
            cache[source] = interface_template(layout) if source is None else template_for(segment.read(source, layout.root))
        return cache[source]

    def inputs(source: Path | None) -> list[Path]:
        return interface_inputs if source is None else [source]

    def pot_path(source: Path | None) -> Path:
        return interface_template_path(layout) if source is None else template_path(layout, source)

    def fresh(key: str, digest: str) -> bool:
        return stamp is not None and stamp.fresh(key, digest)

    for source in sources:
        pot = pot_path(source)
        key = f"pot:{layout.rel(pot)}"
        if fresh(key, files_digest([pot, *inputs(source)], layout.root, code)):
            continue
        if write(pot, dumps(template(source))):
            changed.append(pot)
        if stamp is not None:
            stamp.record(key, files_digest([pot, *inputs(source)], layout.root, code))
    for lang in languages:
        paths = [layout.po_path(lang, source) if source is not None else layout.interface_po(lang) for source in sources]

        def digest(source: Path | None, path: Path, of_language: str) -> str:
            return files_digest([path, *inputs(source)], layout.root, code, lang, of_language)

        before = _language_digest(layout, lang)
        stale = [(source, path) for source, path in zip(sources, paths)
                 if not fresh(f"{lang}:{layout.rel(path)}", digest(source, path, before))]
        if stamp is not None:
            stamp.skipped += len(paths) - len(stale)
        if stale:
            present = [path for path in paths if path.exists()]
            store = MemoryCache(layout, lang, memory_cache) if memory_cache is not None else None
            if store is not None:
                language_memory = store.memory(present)
                existing = {path: read(path, layout.root) for _, path in stale if path.exists()}
            else:
                existing = {path: read(path, layout.root) for path in present}
                language_memory = Memory.of(existing.values())
            for source, path in stale:
                catalog = existing.get(path) or new_catalog(lang)
                update(catalog, template(source), language_memory)
                if source is not None:
                    _stamp(catalog, template(source), source, today)
                data = dumps(catalog)
                if write(path, data):
                    changed.append(path)
                if store is not None:
                    # Read back, the file gives what the catalog gives (the writer round-trips):
                    # the next run need not parse it again.
                    store.written(path, data, catalog)
            if store is not None:
                store.save()
        if stamp is not None:
            # Every catalog of the language is now up to date with its inputs as they are.
            after = _language_digest(layout, lang)
            for source, path in zip(sources, paths):
                stamp.record(f"{lang}:{layout.rel(path)}", digest(source, path, after))
    return changed


def _language_digest(layout: Layout, lang: str) -> str:
    """Every catalog of one language, by name and content."""
    folder = layout.root / layout.locales_dir / lang
    return files_digest(sorted(folder.rglob("*.po")) if folder.is_dir() else [], layout.root)


def sync(po_path: Path, template: Catalog, lang: str, memory: Memory | None = None,
         source: Path | None = None, today: dt.date | None = None) -> bool:
    """Create or update one .po in the project's layout. Returns True if the file changed.

    An article's catalog (`source`: its English file) also gets its translation
    anchor brought up to date (`freshness.stamp`)."""
    if po_path.exists():
        catalog = read(po_path)
    else:
        catalog = new_catalog(lang)
    update(catalog, template, memory)
    if source is not None:
        _stamp(catalog, template, source, today)
    return write(po_path, dumps(catalog))


def _stamp(catalog: Catalog, template: Catalog, source: Path, today: dt.date | None) -> None:
    from . import freshness

    freshness.stamp(catalog, template, changed=freshness.file_date(source), today=today)


def write(path: Path, data: bytes) -> bool:
    """Write `data` unless the file already holds it. Returns True if the file changed."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def content(catalog: Catalog) -> bytes:
    """What a catalog says, whatever its layout: the project's layout of it."""
    return dumps(catalog)


def translations(catalog: Catalog) -> Translations:
    """A gettext Translations object for Jinja, compiled in memory (no .mo on disk)."""
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(fp=buf)


def usable(message: Message | None) -> bool:
    """A translation that may be shown: present, not only whitespace (any Unicode space:
    a msgstr of non-breaking spaces is untranslated), not fuzzy.  A plural entry may be
    shown only when every form has text (an empty form would show nothing)."""
    if message is None or message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    return all(_has_text(s) for s in strings)


def translated(message: Message | None) -> bool:
    """The msgstr holds text (fuzzy or not)."""
    return bool(message is not None and _has_text(message.string))


def messages(catalog: Catalog) -> Iterable[Message]:
    return (m for m in catalog if m.id)
