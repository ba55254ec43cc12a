"""Checks of one translation against its English source.

Each check compares what markdown-it-py sees in the msgid with what it sees in
the msgstr, so a translator can reword freely but cannot break the page:

- ``markup``: the msgstr must stay one inline block (no new heading, list,
  code block or HTML block), with the same emphasis and strong structure;
- ``links``: the same link and image targets, as many times;
- ``html``: no raw HTML that the msgid does not have (``<script>``,
  ``<iframe>``, ``onclick=``...);
- ``code``: the same inline code;
- ``numbers``: the same numbers ("2 to 5 years" cannot become "2 a 3 años");
- ``attributes``: the same ``{#id}``/``{.class}`` attribute lists (a heading's
  own ``{#id}`` would change its anchor, and every link to it would break);
- ``whitespace``: no leading or trailing space the msgid lacks (it changes
  Markdown: a leading space of four is a code block);
- ``abbreviations``: an abbreviation the article defines is written in its
  translated form (SCS -> EME in Spanish) when the msgid uses it.

`BUILD_CHECKS` are the ones that stop a build: a msgstr that fails one would
mislead a reader (a changed number is a dosing or timing error on a health
page) or break the page, so it never reaches one.  `make check-po` runs them
all.  A msgstr that is empty or only whitespace (any Unicode space) is not a
translation: `catalogs.usable` says so, and no check runs on it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from markdown_it import MarkdownIt

from .segment import inline_text, parser, walk

BUILD_CHECKS = frozenset({"markup", "links", "html", "numbers", "attributes"})

#: Numbers as digits: 2, 30, 45, 2018, 1.5, 1,000.  Words are the translator's to choose.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
#: Python-Markdown's attribute lists ({#id}, {.class}, {: #id }): not CommonMark, so not in
#: markdown-it's tokens; the build gives headings their English {#id} itself.
_ATTR_LIST = re.compile(r"\{:?\s*[#.][^{}\n]*\}")


@dataclass(frozen=True)
class Problem:
    check: str
    message: str


@dataclass
class _Inline:
    targets: Counter
    code: Counter
    html: Counter
    markup: Counter


def _inline(md: MarkdownIt, text: str) -> _Inline:
    targets: Counter = Counter()
    code: Counter = Counter()
    html: Counter = Counter()
    markup: Counter = Counter()
    for token in walk(md.parseInline(text)):
        if token.type == "link_open":
            targets[str(token.attrs.get("href", ""))] += 1
        elif token.type == "image":
            targets[str(token.attrs.get("src", ""))] += 1
        elif token.type == "code_inline":
            code[token.content] += 1
        elif token.type == "html_inline":
            html[_tag_name(token.content)] += 1
        elif token.type in ("em_open", "strong_open"):
            markup[token.type[:-5]] += 1
    return _Inline(targets, code, html, markup)


def _tag_name(html: str) -> str:
    """`<span lang="en">` -> `<span ...>`: compare tags with their attributes too."""
    return " ".join(html.split())


def _block_kinds(md: MarkdownIt, text: str) -> list[str]:
    if text[:1].isalpha() and "\n" not in text and "\r" not in text:
        # One line that starts with a letter is one paragraph (most units): no need to parse it.
        return ["paragraph_open"]
    return [t.type for t in md.parse(text) if t.nesting == 1 or t.type in ("html_block", "code_block", "fence", "hr")]


def _fmt(counter: Counter) -> str:
    return ", ".join(sorted(counter)) or "none"


def _difference(source: Counter, translation: Counter, missing_word: str, added_word: str) -> str:
    """"missing 2; extra 3": what the translation lacks, then what it adds."""
    parts = []
    if source - translation:
        parts.append(f"{missing_word} {_fmt(source - translation)}")
    if translation - source:
        parts.append(f"{added_word} {_fmt(translation - source)}")
    return "; ".join(parts)


def check(msgid: str, msgstr: str, *, abbreviations: dict[str, str] | None = None) -> list[Problem]:
    """Every problem of `msgstr` as a translation of `msgid`."""
    md = parser()
    out: list[Problem] = []
    src, dst = _inline(md, msgid), _inline(md, msgstr)

    extra_html = dst.html - src.html
    if extra_html:
        out.append(Problem("html", f"adds raw HTML the English does not have: {_fmt(extra_html)}"))
    # Each side parsed once (a build checks every translated unit).
    src_blocks, dst_blocks = _block_kinds(md, msgid), _block_kinds(md, msgstr)
    raw_blocks = [k for k in dst_blocks if k == "html_block"]
    if raw_blocks and "html_block" not in src_blocks:
        out.append(Problem("html", "adds an HTML block the English does not have"))

    if src.targets != dst.targets:
        detail = _difference(src.targets, dst.targets, "drops or changes", "adds")
        out.append(Problem("links", "link targets differ from the English: " + detail))

    if src_blocks != dst_blocks and not raw_blocks:
        out.append(Problem("markup", "changes the block structure (a heading, list, quote or code block marker was added or removed)"))
    if src.markup != dst.markup:
        out.append(
            Problem(
                "markup",
                f"emphasis differs from the English (English has {dict(src.markup) or 'none'}, translation has {dict(dst.markup) or 'none'})",
            )
        )

    if src.code != dst.code:
        out.append(Problem("code", f"inline code differs: expected {_fmt(src.code)}"))

    src_numbers, dst_numbers = Counter(_NUMBER.findall(msgid)), Counter(_NUMBER.findall(msgstr))
    if src_numbers != dst_numbers:
        detail = _difference(src_numbers, dst_numbers, "missing", "extra")
        out.append(Problem("numbers", "numbers differ from the English: " + detail))

    src_attrs, dst_attrs = Counter(_ATTR_LIST.findall(msgid)), Counter(_ATTR_LIST.findall(msgstr))
    if src_attrs != dst_attrs:
        detail = _difference(src_attrs, dst_attrs, "missing", "adds")
        out.append(Problem("attributes", "attribute lists ({#id}) differ from the English: " + detail
                           + " (the build keeps the English anchor; remove them)"))

    if msgstr[:1].isspace() != msgid[:1].isspace() or msgstr[-1:].isspace() != msgid[-1:].isspace():
        out.append(Problem("whitespace", "leading or trailing whitespace differs from the English"))

    for abbr, translated in (abbreviations or {}).items():
        if re.search(rf"\b{re.escape(abbr)}\b", msgid) and not re.search(rf"\b{re.escape(translated)}\b", msgstr):
            out.append(Problem("abbreviations", f"uses {abbr} in the English but not its translated form {translated}"))
    return out


#: python-format placeholders (``%(date)s``, ``%s``, ``%%``) as Jinja's `{% trans %}` writes them.
PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<type>[diouxXeEfFgGcrsa%])")


#: Only the named ones are taken out of prose: "50% of" is text, not a placeholder.
_NAMED_PLACEHOLDER = re.compile(r"%\([^)]*\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]")


def placeholders(text: str) -> Counter:
    """The python-format placeholders of a message, ``%%`` excluded."""
    return Counter(m.group(0) for m in PLACEHOLDER.finditer(text) if m.group("type") != "%")


def prose(text: str) -> str:
    """The words a reader sees in one unit: link targets, inline code, raw HTML,
    autolinks and python-format placeholders removed (used to count words and to
    check terms and spelling)."""
    words = inline_text(parser().parseInline(text), code=False, autolinks=False)
    return _NAMED_PLACEHOLDER.sub(" ", words).replace("%%", "%")


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def word_count(text: str) -> int:
    """Words of a unit as a reader counts them (``long-lasting`` is one, ``2`` is one)."""
    return len(_WORD.findall(prose(text)))
