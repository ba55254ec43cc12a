"""Catalogs, read and written: the errors a translator sees (file, line, words), and the
bytes `make catalogs` writes.

In-process and fast: `make mutate` runs these against every mutant of catalogs.py."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from healthdocs import catalogs, segment
from healthdocs.errors import SourceError

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'


def require_msgfmt() -> str:
    """gettext's msgfmt; missing, the test fails under CI (where it must run) and is skipped elsewhere."""
    import os

    found = shutil.which("msgfmt")
    if found is None:
        message = "gettext's msgfmt is installed by `make system-deps`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def msgfmt_check(path: Path) -> None:
    result = subprocess.run([require_msgfmt(), "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def error_of(tmp_path: Path, text: str | bytes, name: str = "page.po") -> str:
    path = tmp_path / "locales" / "es" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    with pytest.raises(SourceError) as info:
        catalogs.read(path, tmp_path)
    return str(info.value)


def read_text(tmp_path: Path, text: str, name: str = "page.po"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return catalogs.read(path, tmp_path)


# -- the project's own header fields ---------------------------------------------------


def test_project_header_fields_are_set_replaced_and_removed():
    catalog = catalogs.new_catalog("es")
    assert catalogs.header_fields(catalog) == {}
    catalogs.set_header_field(catalog, "X-Translation-Matched", "2026-02-01")
    catalogs.set_header_field(catalog, "X-Translates-English", "abc")
    catalogs.set_header_field(catalog, "X-Translation-Matched", "2026-03-01")
    assert catalogs.header_fields(catalog) == {"X-Translation-Matched": "2026-03-01", "X-Translates-English": "abc"}
    fields = catalogs.header_fields(catalog)
    fields["X-Translates-English"] = "changed"  # a copy: the catalog keeps its own
    assert catalogs.header_fields(catalog)["X-Translates-English"] == "abc"
    catalogs.set_header_field(catalog, "X-Translation-Matched", None)
    catalogs.set_header_field(catalog, "X-English-Newer-Since", None)  # absent: nothing to remove
    assert catalogs.header_fields(catalog) == {"X-Translates-English": "abc"}
    with pytest.raises(AssertionError):
        catalogs.set_header_field(catalog, "Language", "fr")


def test_project_header_fields_are_written_last_in_their_order_and_read_back():
    catalog = catalogs.new_catalog("es")
    catalogs.set_header_field(catalog, "X-English-Newer-Since", "2026-03-02")
    catalogs.set_header_field(catalog, "X-Translates-English", "0123abcd")
    catalogs.set_header_field(catalog, "X-Translation-Matched", "2026-03-01")
    data = catalogs.dumps(catalog).decode()
    assert data.endswith(
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
        '"X-Translates-English: 0123abcd\\n"\n'
        '"X-Translation-Matched: 2026-03-01\\n"\n'
        '"X-English-Newer-Since: 2026-03-02\\n"\n'
    )
    again = catalogs.loads(data.encode())
    assert catalogs.header_fields(again) == {"X-Translates-English": "0123abcd", "X-Translation-Matched": "2026-03-01",
                                             "X-English-Newer-Since": "2026-03-02"}
    # An anchor removed from the catalog is removed from the file; the others stay, once.
    catalogs.set_header_field(again, "X-English-Newer-Since", None)
    catalogs.set_header_field(again, "X-Translates-English", "ffff")
    rewritten = catalogs.dumps(again).decode()
    assert rewritten.endswith('"X-Translates-English: ffff\\n"\n"X-Translation-Matched: 2026-03-01\\n"\n')
    assert rewritten.count("X-Translat") == 2 and "Newer-Since" not in rewritten


def test_a_catalog_read_without_project_fields_has_none():
    catalog = catalogs.loads((HEADER + 'msgid "a"\nmsgstr "b"\n').encode())
    assert catalogs.header_fields(catalog) == {}
    catalog = catalogs.loads(HEADER.replace('"Language', '"X-Translation-Matched: 2026-01-05\\n"\n"Language').encode())
    assert catalogs.header_fields(catalog) == {"X-Translation-Matched": "2026-01-05"}


# -- new catalogs and templates, byte for byte ----------------------------------------------

NEW_SPANISH = """\
# Spanish translation of healthdocs content.
# Edit msgstr only; `make catalogs` keeps this file in sync with the English source.
# See TRANSLATING.md.
msgid ""
msgstr ""
"Project-Id-Version: healthdocs 1\\n"
"Report-Msgid-Bugs-To: EMAIL@ADDRESS\\n"
"POT-Creation-Date: 2026-01-01 00:00+0000\\n"
"PO-Revision-Date: 2026-01-01 00:00+0000\\n"
"Last-Translator: healthdocs translators\\n"
"Language-Team: Spanish\\n"
"Language: es\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""

NEW_TEMPLATE = """\
# Template of the catalogs of docs/page.md: written by `make catalogs`, do not edit.
# Translators' platforms (Weblate, Poedit) start new translations from it. See TRANSLATING.md.
msgid ""
msgstr ""
"Project-Id-Version: healthdocs 1\\n"
"Report-Msgid-Bugs-To: EMAIL@ADDRESS\\n"
"POT-Creation-Date: 2026-01-01 00:00+0000\\n"
"PO-Revision-Date: 2026-01-01 00:00+0000\\n"
"Last-Translator: healthdocs translators\\n"
"Language-Team: LANGUAGE <LL@li.org>\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"""


def test_a_new_catalog_is_written_byte_for_byte(tmp_path):
    catalog = catalogs.new_catalog("es")
    assert not catalog.fuzzy and catalog.locale_identifier == "es"
    data = catalogs.dumps(catalog)
    assert data.decode() == NEW_SPANISH
    path = tmp_path / "es.po"
    path.write_bytes(data)
    msgfmt_check(path)
    assert catalogs.dumps(catalogs.read(path)) == data  # read back, written again: the same bytes


def test_a_new_french_catalog_names_its_language():
    data = catalogs.dumps(catalogs.new_catalog("fr")).decode()
    assert data.startswith("# French translation of healthdocs content.\n")
    assert '"Language-Team: French\\n"\n"Language: fr\\n"' in data
    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in data


def test_a_new_template_is_written_byte_for_byte():
    assert catalogs.dumps(catalogs.new_template("docs/page.md")).decode() == NEW_TEMPLATE
    untitled = catalogs.dumps(catalogs.new_catalog()).decode()
    assert untitled.startswith("# Template translation of healthdocs content.\n# Edit msgstr only;")
    assert "Language:" not in untitled


def test_template_of_an_article_merges_repeated_units():
    text = ("---\ntitle: Risks\nabbreviations:\n  - abbr: SCS\n    title: spinal cord stimulation\n---\n\n"
            "## Risks\n\nPain.\n\n- Pain.\n\nPain.\n")
    doc = segment.segment(text, "docs/page.md")
    template = catalogs.template_for(doc)
    rows = [(m.id, m.context, m.locations, m.auto_comments) for m in template if m.id]
    assert rows == [
        ("Risks", None, [("docs/page.md", 2), ("docs/page.md", 8)],
         ["Front matter: title", 'Heading in section "Risks"; anchor #risks stays the same in every language']),
        ("SCS", "abbreviation", [("docs/page.md", 4)], ["Front matter: abbreviations.0.abbr"]),
        ("spinal cord stimulation", None, [("docs/page.md", 5)], ["Front matter: abbreviations.0.title"]),
        ("Pain.", None, [("docs/page.md", 10), ("docs/page.md", 12), ("docs/page.md", 14)],
         ['Paragraph in section "Risks"', 'List item in section "Risks"']),
    ]
    assert NEW_TEMPLATE in catalogs.dumps(template).decode()
    cells = segment.segment("| A | B |\n|---|---|\n| Yes | Yes |\n\n- Yes\n", "docs/page.md")
    yes = catalogs.template_for(cells).get("Yes")
    # two cells on one line are one reference, as xgettext writes it (and the interface template)
    assert yes.locations == [("docs/page.md", 3), ("docs/page.md", 5)]
    assert yes.auto_comments == ["Table cell before the first section", "List item before the first section"]
    # the same text with and without a context are two entries, each with its own references
    text = ("---\ntitle: SCS\nabbreviations:\n  - abbr: SCS\n    title: spinal cord stimulation\n"
            "  - abbr: abbreviation\n    title: a short form\n---\n\nSCS\n\nabbreviation\n")
    contexts = catalogs.template_for(segment.segment(text, "docs/page.md"))
    assert [(m.id, m.context, m.locations) for m in contexts if m.id] == [
        ("SCS", None, [("docs/page.md", 2), ("docs/page.md", 10)]),
        ("SCS", "abbreviation", [("docs/page.md", 4)]),
        ("abbreviation", "abbreviation", [("docs/page.md", 6)]),
        ("spinal cord stimulation", None, [("docs/page.md", 5)]),
        ("a short form", None, [("docs/page.md", 7)]),
        ("abbreviation", None, [("docs/page.md", 12)]),
    ]
    text = "---\ntitle: abbreviation\nabbreviations:\n  - abbr: SCS\n    title: spinal cord stimulation\n---\n\nText.\n"
    contexts = catalogs.template_for(segment.segment(text, "docs/page.md"))
    assert [(m.id, m.context, m.locations) for m in contexts if m.id][:2] == [
        ("abbreviation", None, [("docs/page.md", 2)]), ("SCS", "abbreviation", [("docs/page.md", 4)])]
    assert catalogs.dumps(template).decode().endswith(
        '#. Paragraph in section "Risks"\n#. List item in section "Risks"\n'
        "#: docs/page.md:10 docs/page.md:12 docs/page.md:14\n"
        'msgid "Pain."\nmsgstr ""\n'
    )


# -- reading: every error names the file and the line -------------------------------------


def test_a_missing_catalog_is_an_error_naming_it(tmp_path):
    with pytest.raises(SourceError) as info:
        catalogs.read(tmp_path / "locales" / "es" / "gone.po", tmp_path)
    assert str(info.value) == "locales/es/gone.po: cannot read the catalog: No such file or directory"
    assert info.value.line is None
    with pytest.raises(SourceError) as info:
        catalogs.read(tmp_path / "gone.po")
    assert info.value.path == str(tmp_path / "gone.po")


def test_the_name_is_relative_to_the_root_when_one_is_given(tmp_path):
    path = tmp_path / "locales" / "es" / "page.po"
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + 'msgid "a"\nmsgstr "b\n', encoding="utf-8")
    with pytest.raises(SourceError) as info:
        catalogs.read(path, tmp_path)
    assert (info.value.path, info.value.line) == ("locales/es/page.po", 7)
    with pytest.raises(SourceError) as info:
        catalogs.read(path)
    assert (info.value.path, info.value.line) == (str(path), 7)


@pytest.mark.parametrize(("text", "message"), [
    # An unterminated or badly escaped string: gettext's msgfmt refuses it, so do we, at its line.
    (HEADER + 'msgid "Pain"\nmsgstr "Dolor\n', "page.po:7: malformed .po: the string is not closed or not escaped properly"),
    (HEADER + 'msgid "Pain"\nmsgstr "Dolor\\q"\n', "page.po:7: malformed .po: the string is not closed or not escaped properly"),
    (HEADER + 'msgid "Pain"\nmsgstr ""\n"Dolor\n', "page.po:8: malformed .po: the string is not closed or not escaped properly"),
    (HEADER + 'msgid "Pain"\nmsgstr \'Dolor\'\n', "page.po:7: malformed .po: the string is not closed or not escaped properly"),
    (HEADER + 'msgid "Pain"\nmsgstr 12\n', "page.po:7: malformed .po: the string is not closed or not escaped properly"),
    (HEADER + 'msgid "Pain"\nmsgstr\n', "page.po:7: malformed .po: the string is not closed or not escaped properly"),
    (HEADER + 'msgid "Pain"\nmsgstr "a" + "b"\n', "page.po:7: malformed .po: the string is not closed or not escaped properly"),
    (HEADER + 'msgid "Pain"\nmsgstr "a" "b"\n', "page.po:7: malformed .po: the string is not closed or not escaped properly"),
    (HEADER + 'msgid "Pain"\nmsgstr "a\\u00e9"\n', "page.po:7: malformed .po: the string is not closed or not escaped properly"),
    (HEADER + 'msgid "Pain"\nmsgstr "a\x00"\n', "page.po:7: malformed .po: the string is not closed or not escaped properly"),
    (HEADER + 'msgid "Pain"\nmsgstr "a\\"\n', "page.po:7: malformed .po: the string is not closed or not escaped properly"),
    # Escapes gettext decodes and the reader would misread (the letter, the digits): never a silent change.
    (HEADER + 'msgid "Pain"\nmsgstr "Dolor \\x41"\n', "page.po:7: malformed .po: the escape \\x41 is not read the same by every gettext tool: write the character itself"),
    (HEADER + 'msgid "Pain"\nmsgstr "\\\\\\101"\n', "page.po:7: malformed .po: the escape \\101 is not read the same by every gettext tool: write the character itself"),
    (HEADER + 'msgid "Pain \\a"\nmsgstr "x"\n', "page.po:6: malformed .po: the escape \\a is not read the same by every gettext tool: write the character itself"),
    (HEADER + 'msgid "Pain"\nmsgstr ""\n"x\\f"\n', "page.po:8: malformed .po: the escape \\f is not read the same by every gettext tool: write the character itself"),
    (HEADER + 'msgid "Pain"\nmsgstr "a"\nx\n', "page.po:8: malformed .po: unexpected text 'x'"),
    (HEADER + 'msgid "Pain"\nmsgstr "Dolor"\n\nmsgtxt "a"\n', "page.po:9: malformed .po: unexpected text 'msgtxt \"a\"'"),
    (HEADER + 'msgid "Pain"\nmsgstr "a"\n' + "Stray words that a translator pasted here by mistake\n",
     "page.po:8: malformed .po: unexpected text 'Stray words that a translator '"),
    # Obsolete and previous strings are checked too.
    (HEADER + '#~ msgid "Pain"\n#~ msgstr "Dolor\n', "page.po:7: malformed .po: the string is not closed or not escaped properly"),
    (HEADER + '#, fuzzy\n#| msgid "Pai\nmsgid "Pain"\nmsgstr "Dolor"\n', "page.po:7: malformed .po: the string is not closed or not escaped properly"),
    (HEADER + '#, fuzzy\n#~| msgid "Pai\n#~ msgid "Pain"\n#~ msgstr "Dolor"\n', "page.po:7: malformed .po: the string is not closed or not escaped properly"),
    (HEADER + '#, fuzzy\n#~ | msgid "Pai\n#~ msgid "Pain"\n#~ msgstr "Dolor"\n', "page.po:7: malformed .po: the string is not closed or not escaped properly"),
    (HEADER + '#, fuzzy\n#|  msgid "Pai"  x\nmsgid "Pain"\nmsgstr "Dolor"\n', "page.po:7: malformed .po: the string is not closed or not escaped properly"),
    (HEADER + '#~ msgid "Pain"\n#~ msgstr "Dolor"\n#~ words\n', "page.po:8: malformed .po: unexpected text 'words'"),
    (HEADER + '#| msgid "Pain"\n#| bad words\nmsgid "Pain"\nmsgstr "Dolor"\n', "page.po:7: malformed .po: unexpected text 'bad words'"),
    # The reader's own errors keep their line.
    (HEADER + 'msgid "Pain"\nmsgstr "Dolor"\n\nmsgid "Pain"\nmsgstr "Otro"\n',
     "page.po:9: malformed .po: duplicate entry: this msgid (and msgctxt) is already in the file"),
])
def test_malformed_catalog_is_an_error_at_its_line(tmp_path, text, message):
    assert error_of(tmp_path, text) == "locales/es/" + message


def test_not_utf8_is_an_error_at_its_line(tmp_path):
    data = (HEADER + 'msgid "Infection"\nmsgstr "Infección"\n').encode("latin-1")
    message = error_of(tmp_path, data)
    assert message.startswith("locales/es/page.po:7: malformed .po: not UTF-8")


@pytest.mark.parametrize("text", [
    # What gettext tools write and msgfmt accepts: each is read without error.
    HEADER + 'msgid "Pain"\nmsgstr "Dolor"\n',
    HEADER + 'msgid "Tab\\there"\nmsgstr "Tab\\tahí \\"x\\" \\\\ y\\n"\n',
    HEADER + 'msgid "Back\\\\slash\\r"\nmsgstr "x\\\\\\\\"\n',
    (HEADER + 'msgid "Pain"\nmsgstr "Dolor"\n').replace("\n", "\r\n"),
    HEADER + 'msgid "Pain"\nmsgstr "Dolor \u2028 \x0b \x0c \x1c \x85"\n',
    HEADER + 'msgid ""\n"Pain "\n"again"\nmsgstr "Dolor"\n',
    HEADER + 'msgid "One"\nmsgid_plural "Many"\nmsgstr[0] "Uno"\nmsgstr[1] "Muchos"\n',
    HEADER + 'msgctxt "abbreviation"\nmsgid "SCS"\nmsgstr "EME"\n',
    HEADER + '# a comment\n#. an extracted comment\n#: docs/page.md:3\n#, fuzzy\n#| msgid "Pai"\nmsgid "Pain"\nmsgstr "Dolor"\n',
    HEADER + '#~ msgid "Pain"\n#~ msgstr "Dolor"\n',
    HEADER + '#~msgid "Pain"\n#~msgstr "Dolor"\n',
    HEADER + '#, fuzzy\n#|msgid "Pai"\nmsgid "Pain"\nmsgstr "Dolor"\n',
    HEADER + '#, fuzzy\n#~|msgid "Pai"\n#~ msgid "Pain"\n#~ msgstr "Dolor"\n',
    HEADER + '#, fuzzy\n#~| msgid "Pai"\n#~ msgid "Pain"\n#~ msgstr "Dolor"\n',
    HEADER + '#~ msgid "Pain"\n#~ msgstr ""\n#~ "Dolor"\n',
    HEADER + '\n\n  \nmsgid "Pain"\nmsgstr "Dolor"\n',
])
def test_what_gettext_writes_is_read(tmp_path, text):
    catalog = read_text(tmp_path, text)
    assert [m for m in catalog if m.id] or catalog.obsolete


def test_a_msgstr_with_unicode_line_separators_is_read_back_as_written(tmp_path):
    """gettext's lines end at "\\n" only: U+2028, a form feed or a vertical tab in a msgstr is its text."""
    catalog = catalogs.new_catalog("es")
    catalog.add("Pain", "Dolor\u2028de\x0cespalda\x0b\u2029.", locations=[("docs/page.md", 3)])
    path = tmp_path / "page.po"
    path.write_bytes(catalogs.dumps(catalog))
    assert catalogs.read(path).get("Pain").string == "Dolor\u2028de\x0cespalda\x0b\u2029."
    msgfmt_check(path)


def test_a_language_babel_cannot_parse_is_an_error_not_a_crash(tmp_path):
    for code in ("es_", "12"):
        text = header("Content-Type: text/plain; charset=UTF-8", f"Language: {code}")
        assert error_of(tmp_path, text) == f"locales/es/page.po:1: bad header: Language '{code}' is not a language code Babel knows"
        loaded = catalogs.loads(text.encode())  # no header checks: read, with no locale
        assert loaded.locale is None and loaded.get("a").string == "b"


def test_catalog_content_is_read_as_written(tmp_path):
    catalog = read_text(tmp_path, HEADER + (
        '# a translator\'s note\n#. Paragraph\n#: docs/page.md:3 docs/page.md:9\n#, fuzzy\n'
        '#| msgctxt "old"\n#| msgid "Pai"\nmsgctxt "ctx"\nmsgid "Pain"\nmsgstr "Dolor"\n\n'
        'msgid "One"\nmsgid_plural "Many"\nmsgstr[0] "Uno"\nmsgstr[1] "Muchos"\n\n'
        '#~ msgid "Gone"\n#~ msgstr "Ido"\n'))
    pain = catalog.get("Pain", "ctx")
    assert (pain.string, pain.fuzzy, pain.previous_id, pain.previous_context) == ("Dolor", True, ["Pai"], "old")
    assert (pain.user_comments, pain.auto_comments, pain.locations) == (
        ["a translator's note"], ["Paragraph"], [("docs/page.md", 3), ("docs/page.md", 9)])
    assert catalog.get("One").id == ("One", "Many") and catalog.get("One").string == ("Uno", "Muchos")
    assert [(m.id, m.string) for m in catalog.obsolete.values()] == [("Gone", "Ido")]
    assert catalog.locale_identifier == "es"


# -- header checks: at the header's line -------------------------------------------------------


def header(*fields: str, before: str = "") -> str:
    return before + 'msgid ""\nmsgstr ""\n' + "".join(f'"{f}\\n"\n' for f in fields) + '\nmsgid "a"\nmsgstr "b"\n'


@pytest.mark.parametrize(("text", "message"), [
    (header("Language: es"), "page.po:1: bad header: Content-Type must declare charset=UTF-8"),
    (header("Content-Type: text/plain; charset=ISO-8859-1", "Language: es"),
     "page.po:1: bad header: Content-Type must declare charset=UTF-8"),
    (header("Content-Type: text/plain; charset=UTF-8", before="# comment\n# more\n"),
     'page.po:3: bad header: no Language field (add "Language: <code>\\n" to the header)'),
    (header("Content-Type: text/plain; charset=UTF-8", "Language:   "),
     'page.po:1: bad header: no Language field (add "Language: <code>\\n" to the header)'),
    (header("Content-Type: text/plain; charset=UTF-8", "Language: xx"),
     "page.po:1: bad header: Language 'xx' is not a language code Babel knows"),
    (header("Content-Type: text/plain; charset=UTF-8", "Language: es-"),
     "page.po:1: bad header: Language 'es-' is not a language code Babel knows"),
    (header("Content-Type: text/plain; charset=UTF-8", "Language: es", "Plural-Forms: nplurals=2; plural=(n != ;",
            before="#\n"),
     "page.po:2: bad header: Plural-Forms: plural expression '(n !=' is not valid: unexpected end of plural form"),
    (header("Content-Type: text/plain; charset=UTF-8", "Language: es", "Plural-Forms: nplurals=1; plural=n;"),
     "page.po:1: bad header: Plural-Forms: plural expression 'n' gives form 1 for n=1, but nplurals=1"),
    (header("Content-Type: text/plain; charset=UTF-8", "Language: es", "Plural-Forms: plural=0;"),
     "page.po:1: bad header: Plural-Forms: nplurals must be a positive number (got 'nothing')"),
    # no header at all: the first line
    ('msgid "a"\nmsgstr "b"\n', "page.po:1: bad header: Content-Type must declare charset=UTF-8"),
])
def test_bad_header_is_an_error_at_the_header(tmp_path, text, message):
    assert error_of(tmp_path, text).startswith("locales/es/" + message)


@pytest.mark.parametrize("fields", [
    ("Content-Type: text/plain; charset=UTF-8", "Language: es"),
    ("Content-Type: text/plain;charset=utf-8", "Language: es_MX"),
    ("Content-Type: TEXT/PLAIN; CHARSET = UTF-8", "Language:  pt_BR "),
    ("Language: fr", "Content-Type: text/plain; charset=UTF-8", "Plural-Forms: nplurals=2; plural=(n > 1);"),
])
def test_good_headers_pass(tmp_path, fields):
    catalog = read_text(tmp_path, header(*fields))
    assert catalog.get("a").string == "b"


def test_templates_and_loaded_bytes_skip_the_header_checks(tmp_path):
    text = header("Content-Type: text/plain; charset=latin-1")
    assert read_text(tmp_path, text, "page.pot").get("a").string == "b"
    assert catalogs.loads(text.encode()).get("a").string == "b"
    with pytest.raises(SourceError) as info:
        catalogs.loads(b'msgid "a"\nmsgstr "b\n')
    assert str(info.value) == "<bytes>:2: malformed .po: the string is not closed or not escaped properly"


# -- writing: gettext's layout, header fields in gettext's order ---------------------------------


def test_header_fields_are_written_in_gettexts_order_with_their_values(tmp_path):
    text = ('# A translator\'s header\n#\nmsgid ""\nmsgstr ""\n'
            '"X-Generator: Poedit 3.4\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
            '"Language:   es\\n"\n"Content-Type: text/plain;charset=utf-8\\n"\n"X-Other: b\\n"\n'
            '"Project-Id-Version: healthdocs 1\\n"\n"Last-Translator: Ana <ana@example.org>\\n"\n'
            '"Content-Transfer-Encoding: 8bit\\n"\n"MIME-Version: 1.0\\n"\n\n'
            'msgid "a"\nmsgstr "b"\n')
    catalog = read_text(tmp_path, text)
    written = catalogs.dumps(catalog).decode()
    assert written == (
        "# A translator's header\n#\n"
        'msgid ""\nmsgstr ""\n'
        '"Project-Id-Version: healthdocs 1\\n"\n'
        '"Last-Translator: Ana <ana@example.org>\\n"\n'
        '"Language: es\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
        '"X-Generator: Poedit 3.4\\n"\n'
        '"X-Other: b\\n"\n'
        '\nmsgid "a"\nmsgstr "b"\n'
    )
    path = tmp_path / "out.po"
    path.write_text(written, encoding="utf-8")
    msgfmt_check(path)


def test_another_charset_spelling_is_kept_as_written():
    data = (HEADER.replace("charset=UTF-8", "charset=UTF-8; format=flowed") + 'msgid "a"\nmsgstr "b"\n').encode()
    assert '"Content-Type: text/plain; charset=UTF-8; format=flowed\\n"' in catalogs.dumps(catalogs.loads(data)).decode()
    data = (b'msgid ""\nmsgstr ""\n"Content-Type:text/plain ; Charset = utf-8\\n"\n"Language: es\\n"\n')
    assert catalogs.dumps(catalogs.loads(data)).decode() == (
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n')


def test_header_lines_without_a_colon_are_dropped():
    data = (b'msgid ""\nmsgstr ""\n"Language: es\\n"\n"no colon here\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n')
    assert catalogs.dumps(catalogs.loads(data)).decode() == (
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n')


def test_new_header_comments_get_their_hash(tmp_path):
    catalog = catalogs.new_catalog("es")
    catalog.header_comment = "First line\n# Already a comment\n\nLast line"
    data = catalogs.dumps(catalog).decode()
    assert data.startswith("# First line\n# Already a comment\n#\n# Last line\nmsgid \"\"\n")
    assert "Generated-By" not in data
    assert "Generated-By" in "".join(f"{k}\n" for k, _ in catalog.mime_headers)


def test_content_is_the_projects_layout_of_any_layout():
    wrapped = HEADER + 'msgid ""\n"Pain "\n"again"\nmsgstr ""\n"Dolor "\n"otra vez"\n'
    flat = HEADER + 'msgid "Pain again"\nmsgstr "Dolor otra vez"\n'
    assert catalogs.content(catalogs.loads(wrapped.encode())) == catalogs.content(catalogs.loads(flat.encode()))
    assert catalogs.content(catalogs.loads(flat.encode())) == flat.replace(
        '"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n',
        '"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n').encode()


# -- writing files -------------------------------------------------------------------------------


def test_write_only_when_the_bytes_change(tmp_path):
    path = tmp_path / "locales" / "es" / "deep" / "page.po"
    assert catalogs.write(path, b"one") is True  # folders made
    assert path.read_bytes() == b"one"
    before = path.stat().st_mtime_ns
    assert catalogs.write(path, b"one") is False
    assert path.stat().st_mtime_ns == before
    assert catalogs.write(path, b"two") is True
    assert path.read_bytes() == b"two"


# -- what may be shown --------------------------------------------------------------------------


def message(string, fuzzy=False, id="Pain"):
    m = Message(id, string)
    if fuzzy:
        m.flags.add("fuzzy")
    return m


@pytest.mark.parametrize(("m", "usable", "translated"), [
    (None, False, False),
    (message("Dolor"), True, True),
    (message("Dolor", fuzzy=True), False, True),
    (message(""), False, False),
    (message(" \t\n"), False, False),
    (message("\u00a0\u2003"), False, False),  # non-breaking and em spaces
    (message(None), False, False),
    (message(("Uno", "Muchos"), id=("One", "Many")), True, True),
    (message(("Uno", ""), id=("One", "Many")), False, True),
    (message(("", "Muchos"), id=("One", "Many")), False, True),
    (message(("Uno", "\u00a0"), id=("One", "Many")), False, True),
    (message(("", ""), id=("One", "Many")), False, False),
    (message(("Uno", "Muchos"), fuzzy=True, id=("One", "Many")), False, True),
    (message(["Uno", "Muchos"], id=("One", "Many")), True, True),
])
def test_usable_and_translated(m, usable, translated):
    assert catalogs.usable(m) is usable
    assert catalogs.translated(m) is translated


def test_messages_are_the_entries_without_the_header():
    catalog = catalogs.loads((HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr ""\n').encode())
    assert [m.id for m in catalogs.messages(catalog)] == ["a", "c"]


def test_translations_for_jinja_leave_out_fuzzy_and_untranslated():
    catalog = catalogs.loads((HEADER.replace("Language: es", "Language: es\\n\"\n\"Plural-Forms: nplurals=2; plural=(n != 1);")
                              + 'msgid "Pain"\nmsgstr "Dolor"\n\n#, fuzzy\nmsgid "Risk"\nmsgstr "Riesgo"\n\n'
                              'msgid "Empty"\nmsgstr ""\n\n'
                              'msgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] "%(n)s día"\nmsgstr[1] "%(n)s días"\n').encode())
    t = catalogs.translations(catalog)
    assert t.gettext("Pain") == "Dolor"
    assert t.gettext("Risk") == "Risk"
    assert t.gettext("Empty") == "Empty"
    assert t.ngettext("%(n)s day", "%(n)s days", 1) == "%(n)s día"
    assert t.ngettext("%(n)s day", "%(n)s days", 3) == "%(n)s días"
