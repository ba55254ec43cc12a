"""Read and write gettext .po/.pot files with translate-toolkit, as GNU gettext lays them out.

Why translate-toolkit and not Babel's or polib's writer (measured on this
project's catalogs and on `msgmerge --previous` output with long, multi-line,
non-ASCII strings, plurals and previous msgctxt/msgid/msgid_plural):

- Babel wraps a ``#| msgid`` line as comment text, so a previous msgid longer
  than the width loses its quotes (``msgfmt -c``: "end-of-line within string"),
  reads ``#|`` back as a translator comment, and rewrites the header;
- polib wraps ``#|`` and ``#~`` lines at a different column from gettext;
- translate-toolkit reads every construct (``#|`` previous msgctxt, msgid and
  msgid_plural, ``#~`` obsolete entries, ``#~|``) and writes a file it has read
  back byte for byte.  Its wrapper still breaks some long words (URLs) at other
  places than gettext, so this project does not wrap strings at all.

The layout is gettext's ``--no-wrap`` one: each string on one line, split only
after an embedded newline; ``#:`` references packed into lines of at most 79
columns.  It is exactly what ``msgcat --no-wrap`` and ``msgmerge --no-wrap
--previous`` write (a test checks it on random catalogs), and what Weblate
writes with its line-wrapping setting at 65535 characters.  Each msgid then
stays on one line, so an English edit is a one-line diff.

In memory a catalog is a Babel `Catalog` (the rest of the pipeline uses
Babel's model, its .mo writer and its plural rules).  Babel's `Message` has no
previous msgctxt: it is kept as ``message.previous_context``.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable

from babel.messages.catalog import Catalog, Message
from translate.storage import pypo
from translate.storage.poparser import PoParseError

#: gettext's page width: only ``#:`` reference lines are wrapped at it.
WIDTH = 79
#: Strings are never wrapped (translate-toolkit then splits only after "\n", like ``--no-wrap``).
_NO_WRAP = pypo.PoWrapper(width=65535)


class PoSyntaxError(ValueError):
    def __init__(self, line: int | None, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


def _quote(text: str) -> list[str]:
    return pypo.quoteforpo(text, _NO_WRAP)


def _unquote(lines: list[str]) -> str:
    return pypo.unquotefrompo(lines)


# -- reading ---------------------------------------------------------------------


#: What the old Babel writer left of a previous msgid once it wrapped it: `# | msgid "...`
#: translator comments, cut off (issue 11).  They are not a translator's words: dropped on read.
_BROKEN_PREVIOUS = re.compile(r'^\| *(msgctxt|msgid|msgid_plural)? *"')


def _flags(unit: pypo.pounit) -> list[str]:
    out: list[str] = []
    for line in unit.typecomments:
        out.extend(f.strip() for f in line[2:].split(",") if f.strip())
    return out


def _comments(lines: Iterable[str], marker: str) -> list[str]:
    out = []
    for line in lines:
        text = line.rstrip("\n")[len(marker):]
        out.append(text[1:] if text.startswith(" ") else text)
    return out


def _locations(unit: pypo.pounit) -> list[tuple[str, int | None]]:
    out: list[tuple[str, int | None]] = []
    for location in unit.getlocations():
        path, _, line = location.rpartition(":")
        out.append((path, int(line)) if path and line.isdigit() else (location, None))
    return out


def _msgid_lines(lines: list[str]) -> list[int]:
    """1-based numbers of the lines that start an entry's msgid, active or obsolete."""
    out = []
    for number, line in enumerate(lines, 1):
        stripped = line.lstrip()
        if stripped.startswith("#~"):
            stripped = stripped[2:].lstrip()
        if stripped.startswith("msgid ") or stripped.startswith('msgid"'):
            out.append(number)
    return out


def parse(data: bytes) -> tuple[Catalog, list[str], str, dict[str, str]]:
    """A .po file's catalog, header comment lines, header text and header fields.

    Raises PoSyntaxError (with the line) for what translate-toolkit cannot read,
    and for an entry that is there twice.
    """
    try:
        store = pypo.pofile(data)
    except PoParseError as exc:
        line = getattr(getattr(exc, "parse_state", None), "lineno", None)
        raise PoSyntaxError(line, str(exc).split(" on line ")[0]) from None
    except (ValueError, UnicodeError) as exc:
        raise PoSyntaxError(None, str(exc)) from None
    text = data.decode("utf-8")
    msgid_lines = _msgid_lines(text.split("\n"))
    catalog = Catalog(fuzzy=False)
    header_comments: list[str] = []
    header = ""
    fields: dict[str, str] = {}
    numbers = iter(msgid_lines)
    for unit in store.units:
        if not unit.msgid and not unit.msgctxt:
            continue  # comments with no entry (translate-toolkit keeps them; gettext drops them)
        lineno = next(numbers, None)
        if unit.isheader():
            header_comments = [line.rstrip("\n") for line in unit.othercomments]
            header = unit.target
            for line in header.split("\n"):
                name, sep, value = line.partition(":")
                if sep:
                    fields[name.strip()] = value.strip()
            continue
        message = _to_message(unit, lineno)
        target = catalog.obsolete if unit.isobsolete() else catalog._messages
        if _key(message) in target:
            raise PoSyntaxError(lineno, "duplicate entry: this msgid (and msgctxt) is already in the file")
        target[_key(message)] = message
    _apply_header(catalog, fields)
    return catalog, header_comments, header, fields


def _key(message: Message):
    id = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return (id, message.context) if message.context is not None else id


def _to_message(unit: pypo.pounit, lineno: int | None) -> Message:
    context = _unquote(unit.msgctxt) if unit.msgctxt else None
    if unit.hasplural():
        id: str | tuple = (_unquote(unit.msgid), _unquote(unit.msgid_plural))
        msgstr = unit.msgstr if isinstance(unit.msgstr, dict) else {0: unit.msgstr}
        string: str | tuple = tuple(_unquote(msgstr[k]) for k in sorted(msgstr))
    else:
        id = _unquote(unit.msgid)
        string = _unquote(unit.msgstr if isinstance(unit.msgstr, list) else unit.msgstr.get(0, []))
    previous: list[str] = []
    if unit.prev_msgid:
        previous.append(_unquote(unit.prev_msgid))
        if unit.prev_msgid_plural:
            previous.append(_unquote(unit.prev_msgid_plural))
    message = Message(
        id,
        string,
        locations=_locations(unit),
        auto_comments=_comments(unit.automaticcomments, "#."),
        user_comments=[c for c in _comments(unit.othercomments, "#") if not _BROKEN_PREVIOUS.match(c)],
        previous_id=previous,
        lineno=lineno,
        context=context,
    )
    message.flags = set(_flags(unit))  # as written: Babel would add or drop python-format by itself
    message.previous_context = _unquote(unit.prev_msgctxt) if unit.prev_msgctxt else None
    return message


def _apply_header(catalog: Catalog, fields: dict[str, str]) -> None:
    """What Babel needs from the header: language and plural rule."""
    known = [(k, v) for k, v in fields.items() if k in ("Language", "Plural-Forms", "Content-Type")]
    try:
        catalog.mime_headers = known
    except ValueError:  # a Language Babel cannot even parse ("es_", "12"): no locale (catalogs.read says why)
        catalog.mime_headers = [(k, v) for k, v in known if k != "Language"]


def plural_error(value: str) -> str | None:
    """Why a Plural-Forms header is invalid (None when it is valid), the way msgfmt -c judges it."""
    parts = dict(p.strip().partition("=")[::2] for p in value.split(";") if p.strip())
    nplurals, expression = parts.get("nplurals", "").strip(), parts.get("plural", "").strip()
    if not nplurals.isdigit() or int(nplurals) < 1:
        return f"nplurals must be a positive number (got {nplurals or 'nothing'!r})"
    if not expression:
        return "no plural= expression"
    try:
        rule = gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError) as exc:
        return f"plural expression {expression!r} is not valid: {exc}"
    for n in range(0, 1001):
        if not 0 <= int(rule(n)) < int(nplurals):
            return f"plural expression {expression!r} gives form {int(rule(n))} for n={n}, but nplurals={nplurals}"
    return None


# -- writing ---------------------------------------------------------------------


def _references(locations: Iterable[tuple[str, int | None]]) -> list[str]:
    """``#:`` lines as gettext packs them: at most WIDTH columns, one reference at least."""
    lines: list[str] = []
    current = "#:"
    for path, line in locations:
        ref = pypo.pocommon.quote_plus(f"{path}:{line}" if line else path)
        if current != "#:" and len(current) + 1 + len(ref) > WIDTH:
            lines.append(current + "\n")
            current = "#:"
        current += " " + ref
    if current != "#:":
        lines.append(current + "\n")
    return lines


def _comment_lines(marker: str, comments: Iterable[str]) -> list[str]:
    out = []
    for comment in comments:
        for text in str(comment).split("\n"):
            out.append(f"{marker} {text}\n" if text else f"{marker}\n")
    return out


def _flag_line(flags: Iterable[str]) -> list[str]:
    flags = set(flags)
    ordered = (["fuzzy"] if "fuzzy" in flags else []) + sorted(flags - {"fuzzy"})
    return [f"#, {', '.join(ordered)}\n"] if ordered else []


def _unit(message: Message, obsolete: bool) -> pypo.pounit:
    unit = pypo.pounit(wrapper=_NO_WRAP)
    unit.othercomments = _comment_lines("#", message.user_comments)
    if not obsolete:
        unit.automaticcomments = _comment_lines("#.", message.auto_comments)
        unit.sourcecomments = _references(message.locations)
    unit.typecomments = _flag_line(message.flags)
    if message.context is not None:
        unit.msgctxt = _quote(message.context)
    previous = list(message.previous_id or [])
    previous_context = getattr(message, "previous_context", None)
    if previous and message.fuzzy:
        if previous_context is not None:
            unit.prev_msgctxt = _quote(previous_context)
        unit.prev_msgid = _quote(previous[0])
        if len(previous) > 1 and isinstance(message.id, (list, tuple)):
            unit.prev_msgid_plural = _quote(previous[1])
    if isinstance(message.id, (list, tuple)):
        unit.msgid = _quote(message.id[0])
        unit.msgid_plural = _quote(message.id[1])
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string or "",)
        unit.msgstr = {i: _quote(s or "") for i, s in enumerate(strings)}
    else:
        unit.msgid = _quote(message.id)
        unit.msgstr = _quote(str(message.string or ""))
    unit.obsolete = obsolete
    return unit


def serialize(catalog: Catalog, header_comments: list[str], header: str) -> bytes:
    """The catalog as gettext (--no-wrap) writes it: header, entries in order, obsolete ones last."""
    store = pypo.pofile(width=65535)
    store.units = []
    head = pypo.pounit(wrapper=_NO_WRAP)
    head.othercomments = [line + "\n" for line in header_comments]
    head.msgid = ['""']
    head.msgstr = _quote(header)
    store.units.append(head)
    store.units.extend(_unit(m, obsolete=False) for m in catalog if m.id)
    store.units.extend(_unit(m, obsolete=True) for m in catalog.obsolete.values())
    return bytes(store)


def entry_text(message: Message, obsolete: bool = False) -> str:
    """One entry as `serialize` writes it (to compare entries, whatever the file's layout)."""
    return str(_unit(message, obsolete))
