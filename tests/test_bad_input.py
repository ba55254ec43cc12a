"""Bad input never reaches a reader: one test per input of issue 11, each through the real
command (build, check-po, catalogs, check-content) with its exit status and message."""

from __future__ import annotations

import pytest
from healthdocs import catalogs

from .conftest import Project, assert_fails, fill

PO = "locales/es/knee-replacement.po"
STEP = "Hospital stay"
DAYS = "1 to 3 days"


def po_line(project: Project, po_rel: str, msgid: str) -> int:
    """The line of an entry's msgid, whatever the file's layout (fill() saves it with Babel)."""
    return catalogs.read(project.root / po_rel).get(msgid).lineno


def first_non_ascii_line(text: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if not line.isascii())


def no_traceback(output: str) -> None:
    assert "Traceback" not in output, output


# -- a msgstr that would mislead a reader: the build stops at its file and line ---------------


@pytest.mark.parametrize("msgid, msgstr, check", [
    (DAYS, "de 1 a 4 días", "numbers"),
    ("Description", "Descripción {#descripcion}", "attributes"),
    ("The surgeon removes the damaged bone. See [the risks](#risks) and the [other article](hip-replacement.md).",
     "El cirujano quita el hueso. Vea [los riesgos](#riesgos) y el [otro artículo](hip-replacement.md).", "links"),
    ("Infection", "Infección <b>grave</b>", "html"),
    ("Infection", "# Infección", "markup"),
], ids=["changed-number", "own-heading-id", "changed-link", "html", "block-markup"])
def test_misleading_msgstr_stops_the_build_at_its_line(two_articles, msgid, msgstr, check):
    fill(two_articles, PO, {msgid: msgstr})
    line = po_line(two_articles, PO, msgid)
    output = assert_fails(two_articles, f"{PO}:{line}: {check}:")
    no_traceback(output)
    result = two_articles.run("check-po", "--no-spelling")
    assert result.returncode == 1 and f"{PO}:{line}: {check}:" in result.stdout


@pytest.mark.parametrize("blank", ["\u00a0\u00a0", " ", "\u2003\u3000", "\t"], ids=["nbsp", "space", "em-ideographic", "tab"])
def test_whitespace_only_msgstr_is_untranslated(two_articles, blank):
    fill(two_articles, PO, {"Description": blank})
    result = two_articles.build()
    assert result.returncode == 0, result.stdout + result.stderr
    page = two_articles.html("es/knee-replacement/index.html")
    heading = page.find(id="description")
    assert heading is not None and heading.name == "h2"
    assert heading.find("span", lang="en").get_text() == "Description"
    assert "{#" not in page.get_text()
    result = two_articles.run("check-po", "--no-spelling")
    assert "block structure" not in result.stdout, result.stdout  # not the misleading message
    assert "whitespace" not in result.stdout


# -- files and folders ------------------------------------------------------------------------


def test_folder_of_a_language_that_is_not_configured_is_an_error(two_articles):
    two_articles.write("locales/de/knee-replacement.po", two_articles.read(PO).replace("Language: es", "Language: de"))
    output = assert_fails(two_articles, "locales/de/:", "'de'", "mkdocs.yml does not configure")
    no_traceback(output)


def test_unknown_language_code_in_the_header_says_so(two_articles):
    two_articles.write(PO, two_articles.read(PO).replace("Language: es", "Language: xx"))
    output = assert_fails(two_articles, f"{PO}:", "Language 'xx' is not a language code")
    assert "no Language field" not in output


@pytest.mark.parametrize("name, suggestion", [
    ("Knee Replacement.md", "docs/knee-replacement.md"),
    ("HipSurgery.md", "docs/hipsurgery.md"),
    ("knee_replacement.md", "docs/knee-replacement.md"),
])
def test_source_name_must_be_a_lowercase_slug(two_articles, name, suggestion):
    (two_articles.root / "docs" / "knee-replacement.md").rename(two_articles.root / "docs" / name)
    output = assert_fails(two_articles, f"docs/{name}:", "lowercase slug", f"rename it to {suggestion}")
    no_traceback(output)
    result = two_articles.run("catalogs")
    assert result.returncode == 1 and f"docs/{name}: " in result.stderr and suggestion in result.stderr


def test_invalid_plural_forms_is_an_error_at_the_header(two_articles):
    text = two_articles.read(PO)
    two_articles.write(PO, text.replace("plural=(n != 1);", "plural=(n != ;"))
    line = text.splitlines().index('msgid ""') + 1
    assert_fails(two_articles, f"{PO}:{line}: bad header: Plural-Forms:")


def test_catalog_that_is_not_utf8_is_an_error_at_its_line(two_articles):
    data = two_articles.read(PO).replace('msgid "Infection"\nmsgstr ""', 'msgid "Infection"\nmsgstr "Infección"')
    (two_articles.root / PO).write_bytes(data.encode("latin-1"))
    line = first_non_ascii_line(data)  # the first byte that is not UTF-8
    output = assert_fails(two_articles, f"{PO}:{line}: malformed .po: not UTF-8")
    no_traceback(output)
    result = two_articles.run("check-po", "--no-spelling")
    assert result.returncode == 1 and f"{PO}:{line}:" in result.stdout
    no_traceback(result.stdout + result.stderr)


def test_source_that_is_not_utf8_is_an_error_at_its_line(two_articles):
    src = "docs/hip-replacement.md"
    text = two_articles.read(src)
    (two_articles.root / src).write_bytes(text.replace("artificial hip", "artificial hip, café").encode("latin-1"))
    line = first_non_ascii_line(text.replace("artificial hip", "artificial hip, café"))
    output = assert_fails(two_articles, f"{src}:{line}: not UTF-8")
    no_traceback(output)
    for command in (("catalogs",), ("check-content",), ("check-po", "--no-spelling")):
        result = two_articles.run(*command)
        assert result.returncode == 1, command
        assert f"{src}:{line}:" in result.stdout + result.stderr, command
        no_traceback(result.stdout + result.stderr)


def test_unreadable_source_is_an_error_naming_it(two_articles):
    (two_articles.root / "docs" / "broken.md").symlink_to(two_articles.root / "docs" / "missing.md")
    output = assert_fails(two_articles, "docs/broken.md: cannot read the file")
    no_traceback(output)


# -- the three messages that misled --------------------------------------------------------------


def test_unclosed_front_matter_says_so(two_articles):
    src = "docs/hip-replacement.md"
    text = two_articles.read(src)
    head, _, body = text.partition("\n---\n")
    two_articles.write(src, head + "\n" + body)
    output = assert_fails(two_articles, f"{src}:1: the front matter is not closed")
    assert "required field is missing" not in output


# -- editors' slips -----------------------------------------------------------------------------------


def test_untouched_scaffold_fails_check_content_and_the_build(two_articles):
    result = two_articles.run("new-article", "ankle-sprain")
    assert result.returncode == 0, result.stderr
    text = two_articles.read("docs/ankle-sprain.md")
    todo = [n for n, line in enumerate(text.splitlines(), 1) if "TODO:" in line]
    reviewed = next(n for n, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith("reviewed:"))
    assert reviewed in todo and len(todo) > 5
    result = two_articles.run("check-content")
    assert result.returncode == 1
    for n in todo:
        assert f"docs/ankle-sprain.md:{n}: " in result.stdout
    assert f"docs/ankle-sprain.md:{reviewed}: the review date was never set" in result.stdout
    assert_fails(two_articles, f"docs/ankle-sprain.md:{reviewed}: the review date was never set",
                 f"docs/ankle-sprain.md:{todo[-1]}: template text still to be written")
