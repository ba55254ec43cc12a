"""Markdown <-> translation units, on markdown-it-py.

One *unit* is one thing a translator translates as a whole: a heading, a
paragraph, a list item, a table cell, the alt text and title of a stand-alone
image, and each translatable front-matter field.  Inline markup (links,
emphasis, code) stays inside the unit verbatim, so translators see it and keep
it; `healthdocs.checks` verifies they did.

How units map back to the page: each body unit remembers its *span*, the
lines and columns its text occupies in the English source.  Rendering a
translation replaces exactly those spans, from the end of the file to the
start, and leaves every other byte of the source (markers, indentation, blank
lines, HTML comments, code) as it is.  A unit rendered with its own msgid
therefore gives back the English page; soft line breaks inside a paragraph
become spaces, which HTML renders the same.

Headings also get an explicit ``{#id}`` with the id the English heading has,
so anchors (``#risks``) are the same in every language and the language
switcher, glossary and cross-references can link to sections.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify as toc_slugify
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from .errors import SourceError

#: Characters that may stand before a unit's text on its first line: indentation,
#: block-quote and list markers, ATX heading hashes, ordered-list numbers.
_PREFIX_CHARS = frozenset(" \t>-*+#0123456789.)")

#: Front-matter fields that translators translate, with the message context
#: that tells them apart where the same English text needs another rendering.
TRANSLATABLE_FIELDS: dict[str, str | None] = {
    "title": None,
    "description": None,
    "alternative_names[].name": None,
    "alternative_names[].explanation": None,
    "abbreviations[].abbr": "abbreviation",
    "abbreviations[].title": None,
    "exception.reason": None,
}


@dataclass(frozen=True)
class Span:
    """Where a unit's text stands in the source: lines are 0-based, end is exclusive."""

    first_line: int
    start_col: int
    last_line: int
    end_col: int


@dataclass(frozen=True)
class Unit:
    msgid: str
    kind: str
    line: int  # 1-based line in the source file
    section: str = ""
    context: str | None = None
    span: Span | None = None  # body units only
    field: str | None = None  # front-matter units only, e.g. "alternative_names.3.name"
    heading_id: str | None = None

    @property
    def comment(self) -> str:
        """The `#.` comment translators see."""
        if self.field:
            return f"Front matter: {self.field}"
        where = f' in section "{self.section}"' if self.section else " before the first section"
        text = f"{self.kind.capitalize()}{where}"
        if self.heading_id:
            text += f"; anchor #{self.heading_id} stays the same in every language"
        return text


@dataclass
class Document:
    path: str
    text: str
    meta: dict
    units: list[Unit] = field(default_factory=list)
    body_start: int = 0  # 0-based index of the first line after the front matter
    field_lines: dict[tuple, int] = field(default_factory=dict)  # front-matter path -> 1-based file line
    has_h1: bool = False  # the body has its own top-level heading (else the theme prints the title)

    def line_of(self, *path: str | int) -> int:
        """The file line of a front-matter field, or of its nearest parent that exists."""
        while path and path not in self.field_lines:
            path = path[:-1]
        return self.field_lines.get(path, 2 if self.body_start else 1)

    @property
    def body_units(self) -> list[Unit]:
        return [u for u in self.units if u.span is not None]

    @property
    def meta_units(self) -> list[Unit]:
        return [u for u in self.units if u.field is not None]


@functools.cache
def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


#: The white space of Markdown's line structure: spaces and tabs (a no-break space is text).
_INDENT = " \t"


def hard_break(line: str) -> bool:
    """Whether a line that is not a paragraph's last ends in a hard line break: two or more
    spaces, or an odd number of backslashes (an even number is escaped backslashes)."""
    backslashes = len(line) - len(line.rstrip("\\"))
    return line.endswith("  ") or backslashes % 2 == 1


def normalize(content: str) -> str:
    """Inline content as a msgid: soft line breaks become spaces; a hard one stays as the
    source writes it (two spaces or a backslash, then the line end), so the translator
    sees it and the translated page keeps it."""
    out: list[str] = []
    lines = content.split("\n")
    for i, line in enumerate(lines):
        if i:
            # A continuation line's indentation is not text (CommonMark strips it), and
            # markdown-it gives a tab there as spaces.
            line = line.lstrip(_INDENT)
        if i == len(lines) - 1:
            out.append(line.rstrip(_INDENT))
        elif hard_break(line):
            out.append(line + "\n")  # two spaces (kept as written) or a backslash
        else:
            out.append(line.rstrip(_INDENT) + " ")
    return "".join(out)


def walk(tokens: list[Token], images: bool = True) -> Iterator[Token]:
    """Tokens and, depth first, their children (an image's alt text is its children)."""
    for token in tokens:
        yield token
        if token.children and (images or token.type != "image"):
            yield from walk(token.children, images)


def inline_text(tokens: list[Token], *, code: bool = True, autolinks: bool = True, images: bool = True) -> str:
    """The text a reader sees in inline tokens: text, image alt text (unless `images`
    is False), and inline code (or a space where `code` is False); a line break or raw
    HTML is a space, and so is an autolink's address where `autolinks` is False.
    Link targets are not text."""
    parts: list[str] = []
    in_autolink = 0
    for token in walk(tokens, images):
        if token.type == "link_open":
            in_autolink += token.markup == "autolink"
        elif token.type == "link_close":
            in_autolink -= token.markup == "autolink"
        elif token.type == "text":
            if autolinks or not in_autolink:
                parts.append(token.content)
        elif token.type == "code_inline":
            parts.append(token.content if code else " ")
        elif token.type in ("softbreak", "hardbreak", "html_inline"):
            parts.append(" ")
    return "".join(parts)


def plain_text(markdown: str, **options) -> str:
    """Inline Markdown (a unit, a citation) as the text a reader sees, spaces collapsed.
    The one way the pipeline reduces Markdown to words (readability, structured data)."""
    return " ".join(inline_text(parser().parseInline(markdown), **options).split())


def _text_of(token: Token) -> str:
    """Plain text of an inline token, the way a heading's id is computed."""
    return inline_text(token.children or [])


def _start_col(line: str, first: str) -> int:
    """Largest column where `first` starts and only marker characters stand before it."""
    best = -1
    pos = line.find(first)
    while pos != -1:
        # markdown-it trims any Unicode white space off a block's text, a no-break space included.
        if all(ch in _PREFIX_CHARS or ch.isspace() for ch in line[:pos]):
            best = pos
        pos = line.find(first, pos + 1)
    return best


def _end_col(line: str, last: str) -> int:
    pos = _start_col(line, last)
    return -1 if pos < 0 else pos + len(last)


class _Segmenter:
    def __init__(self, path: str, text: str):
        self.path = path
        self.lines = text.split("\n")
        self.units: list[Unit] = []
        self.section = ""
        self.used_ids: set[str] = set()
        self.has_h1 = False

    def error(self, line: int, message: str) -> SourceError:
        return SourceError(self.path, line, message)

    def unique_id(self, text: str) -> str:
        base = toc_slugify(text, "-")
        candidate, n = base, 0
        while candidate in self.used_ids:
            n += 1
            candidate = f"{base}_{n}"
        self.used_ids.add(candidate)
        return candidate

    def span(self, token: Token) -> Span:
        assert token.map is not None
        content = token.content.split("\n")
        # The text starts on the block's first line, or later when that line holds only
        # markers and white space (a list item "1. " followed by its text on the next line).
        for first_line in range(token.map[0], max(token.map[0], token.map[1] - len(content)) + 1):
            start = _start_col(self.lines[first_line], content[0])
            if start < 0:
                continue
            if len(content) == 1:
                return Span(first_line, start, first_line, start + len(content[0]))
            last_line = first_line + len(content) - 1
            # markdown-it gives a continuation line's indentation as spaces, a tab included.
            end = _end_col(self.lines[last_line], content[-1].lstrip(_INDENT))
            if end >= 0:
                return Span(first_line, start, last_line, end)
        raise self.error(token.map[0] + 1, "cannot locate this block's text in the source line")

    def add_inline(self, token: Token, kind: str) -> None:
        assert token.map is not None
        msgid = normalize(token.content)
        if not msgid.strip():
            return
        line = token.map[0] + 1
        children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
        if kind == "paragraph" and len(children) == 1 and children[0].type == "image":
            if self.add_image(token, children[0]):
                return
        heading_id = None
        if kind.startswith("heading"):
            heading_id = self.unique_id(_text_of(token))
            self.section = msgid
        self.units.append(
            Unit(msgid, kind, line, self.section, span=self.span(token), heading_id=heading_id)
        )

    def add_image(self, token: Token, image: Token) -> bool:
        """A stand-alone image: its alt text and title are separate units; its src is not."""
        assert token.map is not None
        row = token.map[0]
        line = self.lines[row]
        alt = image.content
        alt_at = line.find("![" + alt + "]")
        if not alt or alt_at < 0:
            return False
        start = alt_at + 2
        self.units.append(
            Unit(alt, "image alt text", row + 1, self.section, span=Span(row, start, row, start + len(alt)))
        )
        title = image.attrs.get("title")
        if title:
            title_at = line.find(f'"{title}"', start + len(alt))
            if title_at >= 0:
                t0 = title_at + 1
                self.units.append(
                    Unit(str(title), "image title", row + 1, self.section, span=Span(row, t0, row, t0 + len(str(title))))
                )
        return True

    def add_table_row(self, cells: list[Token], header: bool) -> None:
        if not cells:
            return
        assert cells[0].map is not None
        row = cells[0].map[0]
        line = self.lines[row]
        cursor = 0
        kind = "table header cell" if header else "table cell"
        for cell in cells:
            text = cell.content
            if not text.strip():
                continue
            pos = line.find(text, cursor)
            if pos < 0:
                raise self.error(row + 1, f"cannot locate table cell {text!r} in the source line")
            cursor = pos + len(text)
            self.units.append(
                Unit(normalize(text), kind, row + 1, self.section, span=Span(row, pos, row, cursor))
            )

    def run(self, tokens: list[Token]) -> None:
        stack: list[str] = []
        row_cells: list[Token] = []
        in_header = False
        for token in tokens:
            if token.nesting == 1:
                stack.append(token.type)
            elif token.nesting == -1:
                stack.pop()
            if token.type == "heading_open" and token.tag == "h1":
                self.has_h1 = True
            if token.type == "thead_open":
                in_header = True
            elif token.type == "thead_close":
                in_header = False
            elif token.type == "tr_open":
                row_cells = []
            elif token.type == "tr_close":
                self.add_table_row(row_cells, in_header)
            if token.type != "inline":
                continue
            parent = stack[-1] if stack else ""
            if parent in ("th_open", "td_open"):
                row_cells.append(token)
            elif parent == "heading_open":
                self.add_inline(token, "heading")
            elif "list_item_open" in stack:
                self.add_inline(token, "list item")
            elif "blockquote_open" in stack:
                self.add_inline(token, "quote")
            else:
                self.add_inline(token, "paragraph")


#: libyaml's parser when PyYAML has it: the same documents and marks, about ten times
#: faster than the pure-Python one (front matter is read for every article on every
#: build and `make catalogs`).  On an error the pure-Python parser runs again, for
#: its messages (they name the offending character).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _fast(parse, text: str):
    try:
        return parse(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return parse(text, Loader=yaml.SafeLoader)


def _field_lines(front_matter: str) -> dict[tuple, int]:
    """Line (1-based, within the front matter) of every scalar, keyed by its path."""
    out: dict[tuple, int] = {}

    def walk(node: yaml.Node, path: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                out[path + (key.value,)] = key.start_mark.line + 1
                walk(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                out[path + (i,)] = item.start_mark.line + 1
                walk(item, path + (i,))

    root = _fast(yaml.compose, front_matter)
    if root is not None:
        walk(root, ())
    return out


def _bad_date(path: str, front_matter: str, exc: ValueError) -> SourceError:
    """The error for a front-matter date that does not exist, at its field and line."""
    constructor = yaml.SafeLoader("")
    stack: list[tuple[yaml.Node, tuple]] = []
    root = yaml.compose(front_matter)
    if root is not None:
        stack.append((root, ()))
    while stack:
        node, where = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend((value, where + (key.value,)) for key, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, where + (i,)) for i, item in enumerate(node.value))
        elif node.tag == "tag:yaml.org,2002:timestamp":
            try:
                constructor.construct_yaml_timestamp(node)
            except ValueError:
                name = ".".join(map(str, where))
                # +1: 1-based, +1: the opening ---
                return SourceError(path, node.start_mark.line + 2, f"front matter field '{name}': {node.value!r} is not a real date")
    return SourceError(path, 2, f"front matter has a value that is not valid: {exc}")


def _meta_units(meta: dict, lines: dict[tuple, int], offset: int) -> Iterator[Unit]:
    for spec, context in TRANSLATABLE_FIELDS.items():
        parts = spec.split(".")
        head = parts[0]
        if head.endswith("[]"):
            name = head[:-2]
            for i, item in enumerate(meta.get(name) or []):
                if not isinstance(item, dict):
                    continue
                for key in parts[1:]:
                    value = item.get(key)
                    if isinstance(value, str) and value.strip():
                        line = lines.get((name, i, key), 0) + offset
                        yield Unit(value.strip(), "front matter", line, context=context, field=f"{name}.{i}.{key}")
        else:
            value = meta
            for key in parts:
                value = value.get(key) if isinstance(value, dict) else None
            if isinstance(value, str) and value.strip():
                line = lines.get(tuple(parts), 0) + offset
                yield Unit(value.strip(), "front matter", line, context=context, field=spec)


def segment(text: str, path: str) -> Document:
    """Parse one Markdown source into its translation units."""
    text = text.replace("\r\n", "\n")
    tokens = parser().parse(text)
    meta: dict = {}
    units: list[Unit] = []
    body_start = 0
    field_lines: dict[tuple, int] = {}
    if not (tokens and tokens[0].type == "front_matter") and text.split("\n", 1)[0].rstrip() == "---":
        raise SourceError(path, 1, "the front matter is not closed: add a line with only --- after its last field")
    if tokens and tokens[0].type == "front_matter":
        assert tokens[0].map is not None
        body_start = tokens[0].map[1]
        try:
            meta = _fast(yaml.load, tokens[0].content) or {}
            lines = _field_lines(tokens[0].content)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = (mark.line + 2) if mark else 1
            raise SourceError(path, line, f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}") from exc
        except ValueError as exc:  # PyYAML reads 2018-02-30 as a date and fails
            raise _bad_date(path, tokens[0].content, exc) from exc
        if not isinstance(meta, dict):
            raise SourceError(path, 2, "front matter must be a mapping of fields")
        field_lines = {key: line + 1 for key, line in lines.items()}
        units.extend(_meta_units(meta, lines, offset=1))
    seg = _Segmenter(path, text)
    seg.run(tokens)
    units.extend(seg.units)
    return Document(path, text, meta, units, body_start, field_lines, seg.has_h1)


def read(path: Path, root: Path) -> Document:
    name = path.relative_to(root).as_posix()
    return segment(read_text(path, name), name)


def read_text(path: Path, name: str) -> str:
    """A source file's text (UTF-8), or an error naming the file (and the line of a bad byte)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(name, None, f"cannot read the file: {exc.strerror or exc}") from None
    return decode(data, name)


def decode(data: bytes, name: str, what: str = "") -> str:
    """UTF-8 text of a file, or a SourceError at the line of its first bad byte
    (`what` starts the message, e.g. "malformed .po: ")."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(name, line, f"{what}not UTF-8 (byte 0x{data[exc.start]:02x}): save the file as UTF-8") from None


#: libyaml's emitter when PyYAML has it: the same text as yaml.safe_dump, several times faster
#: (every generated page's front matter is written with it).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict) -> str:
    """A page's YAML front matter, between its --- lines (the one writer of generated pages)."""
    return f"---\n{yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)}---\n"


def render_body(doc: Document, replace: Callable[[Unit], str | None]) -> str:
    """The document's source with each body unit's text replaced by `replace(unit)`.

    `replace` returns the new text, or None to keep the source text as it is.
    Headings that are replaced get the English heading's id.
    """
    lines = doc.text.split("\n")
    body = sorted(doc.body_units, key=lambda u: (u.span.first_line, u.span.start_col), reverse=True)
    for unit in body:
        new = replace(unit)
        if new is None:
            continue
        span = unit.span
        assert span is not None
        prefix = lines[span.first_line][: span.start_col]
        suffix = lines[span.last_line][span.end_col :]
        if unit.heading_id:
            suffix = f" {{#{unit.heading_id}}}" + suffix.rstrip(" #")
        indent = " " * len(prefix) if not prefix.lstrip().startswith(">") else prefix
        new_lines = new.split("\n")
        replaced = [prefix + new_lines[0]] + [indent + rest for rest in new_lines[1:]]
        replaced[-1] += suffix
        lines[span.first_line : span.last_line + 1] = replaced
    return "\n".join(lines)
