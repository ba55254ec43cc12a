"""`make check-po`: each check fires on a crafted bad catalog and stays quiet on a good one."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from healthdocs import catalogs, checkpo, spelling, terminology
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import FIXTURES, ROOT, require

PAGE = """---
title: Heart devices
abbreviations:
  - abbr: MRI
    title: magnetic resonance imaging
---

## Risks

SCS may affect pacemakers and defibrillators.

Read [MedlinePlus](https://medlineplus.gov/) for more.

Run `make site` to build it.

It takes 2 to 5 years.

You may not be able to have an MRI.

A *mild* current blocks pain.
"""

GOOD = {
    ("Heart devices", None): "Aparatos del corazón",
    ("MRI", "abbreviation"): "RM",
    ("magnetic resonance imaging", None): "resonancia magnética",
    ("Risks", None): "Riesgos",
    ("SCS may affect pacemakers and defibrillators.", None): "La EME puede afectar a los marcapasos y los desfibriladores.",
    ("Read [MedlinePlus](https://medlineplus.gov/) for more.", None): "Lea [MedlinePlus](https://medlineplus.gov/) para saber más.",
    ("Run `make site` to build it.", None): "Ejecute `make site` para crearlo.",
    ("It takes 2 to 5 years.", None): "Lleva de 2 a 5 años.",
    ("You may not be able to have an MRI.", None): "Es posible que no pueda hacerse una RM.",
    ("A *mild* current blocks pain.", None): "Una corriente *suave* bloquea el dolor.",
}

LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+): (?P<check>[a-z]+): (?:warning: )?.+$")
HAS_MSGFMT = shutil.which("msgfmt") is not None
HAS_DICT = spelling.find_dictionary("es") is not None


class Project:
    """A tiny project: one article, its catalog and the interface catalog, all in sync."""

    def __init__(self, root: Path, page: str = PAGE, translations: dict | None = None):
        self.root = root
        (root / "docs").mkdir(parents=True)
        shutil.copytree(ROOT / "overrides", root / "overrides")
        (root / "docs" / "page.md").write_text(page, encoding="utf-8")
        self.layout = catalogs.Layout(root)
        es = root / "locales" / "es"
        es.mkdir(parents=True)
        shutil.copy(ROOT / "locales" / "es" / "terminology.csv", es / "terminology.csv")
        shutil.copy(ROOT / "locales" / "es" / "wordlist.txt", es / "wordlist.txt")
        self.po = self.layout.po_path("es", root / "docs" / "page.md")
        catalogs.update_all(self.layout, ["es"])  # make catalogs
        self.translate(GOOD if translations is None else translations)

    def translate(self, translations: dict, fuzzy: set = frozenset()) -> None:
        catalog = catalogs.read(self.po)
        for (msgid, context), msgstr in translations.items():
            message = catalog.get(msgid, context)
            assert message is not None, msgid
            message.string = msgstr
            if (msgid, context) in fuzzy:
                message.flags.add("fuzzy")
        self.po.write_bytes(catalogs.dumps(catalog))

    def set_interface(self, msgid: str, msgstr: str) -> None:
        path = self.layout.interface_po("es")
        catalog = catalogs.read(path)
        catalog.get(msgid).string = msgstr
        path.write_bytes(catalogs.dumps(catalog))

    def check(self, **kwargs) -> checkpo.Report:
        return checkpo.run(self.layout, **kwargs)

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "healthdocs", "--root", str(self.root), "check-po", *args],
                              capture_output=True, text=True, cwd=self.root)


def checks_of(report: checkpo.Report, severity: str | None = None) -> set[str]:
    return {d.check for d in report.diagnostics if severity is None or d.severity == severity}


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path / "p")


def test_good_catalog_passes(project):
    report = project.check()
    assert report.diagnostics == [], "\n".join(map(str, report.diagnostics))
    result = project.cli()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s), 0 warning(s)" in result.stderr


BAD = [
    ("markup", "A *mild* current blocks pain.", "- Una corriente *suave* bloquea el dolor."),
    ("markup", "A *mild* current blocks pain.", "Una corriente suave bloquea el dolor."),
    ("links", "Read [MedlinePlus](https://medlineplus.gov/) for more.", "Lea [MedlinePlus](https://example.org/) para saber más."),
    ("html", "It takes 2 to 5 years.", 'Lleva de 2 a 5 años.<script>alert(1)</script>'),
    ("code", "Run `make site` to build it.", "Ejecute `make sitio` para crearlo."),
    ("numbers", "It takes 2 to 5 years.", "Lleva de 2 a 3 años."),
    ("whitespace", "Risks", "Riesgos "),
    ("abbreviations", "You may not be able to have an MRI.", "Es posible que no pueda hacerse una MRI."),
]


@pytest.mark.parametrize("check, msgid, msgstr", BAD, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD)])
def test_each_entry_check_fires(project, check, msgid, msgstr):
    project.translate({(msgid, None): msgstr})
    report = project.check(spell=False)
    assert check in checks_of(report, checkpo.ERROR), "\n".join(map(str, report.diagnostics))
    line = catalogs.read(project.po).get(msgid).lineno
    assert any(d.check == check and d.line == line and d.path == "locales/es/page.po" for d in report.errors)
    result = project.cli("--no-spelling")
    assert result.returncode == 1
    assert f"locales/es/page.po:{line}: {check}: " in result.stdout


def test_abbreviation_entry_itself_is_not_checked_for_abbreviations(project):
    project.translate({("MRI", "abbreviation"): "RM"})
    assert "abbreviations" not in checks_of(project.check(spell=False))


def test_placeholders_kept(project):
    project.set_interface("Source reviewed %(date)s.", "Fuente revisada el %(fecha)s.")
    report = project.check(spell=False)
    found = [d for d in report.errors if d.check == "placeholders"]
    assert found and found[0].path == "locales/es/_interface.po"
    assert "missing %(date)s" in found[0].message and "extra %(fecha)s" in found[0].message


def test_msgfmt_errors_are_reported(project):
    require(HAS_MSGFMT, "gettext's msgfmt is installed by `make system-deps`")
    project.set_interface("Source reviewed %(date)s.", "Fuente revisada el %(fecha)s.")
    project.translate({("Risks", None): "Riesgos\n"})
    report = project.check(spell=False)
    msgfmt = [d for d in report.errors if d.check == "msgfmt"]
    assert {d.path for d in msgfmt} == {"locales/es/_interface.po", "locales/es/page.po"}
    assert all(d.line > 0 for d in msgfmt)


def test_layout_is_not_judged_only_content(project):
    catalogs.update_all(project.layout, ["es"])  # the translation anchor stamped: the file is settled
    text = project.po.read_text(encoding="utf-8")
    changed = text.replace('msgstr "Riesgos"', 'msgstr ""\n"Ries"\n"gos"')
    project.po.write_text(changed, encoding="utf-8")
    report = project.check(spell=False)
    assert not report.errors, "\n".join(map(str, report.diagnostics))
    # make catalogs brings the file back to the project's layout
    catalogs.update_all(project.layout, ["es"])
    assert project.po.read_text(encoding="utf-8") == text


def test_malformed_po_is_an_error_with_its_line(project):
    text = project.po.read_text(encoding="utf-8").replace('msgstr "Riesgos"', 'msgstr "Riesgos')
    project.po.write_text(text, encoding="utf-8")
    report = project.check(spell=False)
    assert any(d.check == "format" and d.line > 0 for d in report.errors)


def test_missing_msgid_means_run_make_catalogs(project):
    page = project.root / "docs" / "page.md"
    page.write_text(PAGE + "\nA new paragraph.\n", encoding="utf-8")
    report = project.check(spell=False)
    found = [d for d in report.errors if d.check == "sync"]
    assert any('"A new paragraph." (docs/page.md:' in d.message and "run make catalogs" in d.message for d in found)


def test_leftover_msgid_and_moved_references_mean_run_make_catalogs(project):
    page = project.root / "docs" / "page.md"
    page.write_text(PAGE.replace("It takes 2 to 5 years.\n\n", ""), encoding="utf-8")
    report = project.check(spell=False)
    assert any(d.check == "sync" and "no longer in the English source" in d.message for d in report.errors)
    # After make catalogs the file is in sync again.
    catalogs.update_all(project.layout, ["es"])
    assert not project.check(spell=False).errors

    # Same text, moved down a line: only the references (#: docs/page.md:N) differ.
    page.write_text(page.read_text().replace("## Risks\n", "## Risks\n\n"), encoding="utf-8")
    report = project.check(spell=False)
    assert sorted((d.path, d.message) for d in report.errors) == [
        ("locales/es/page.po", "references or comments differ from the English source; run make catalogs"),
        ("locales/page.pot", "the template is not current with the English source; run make catalogs")]


def test_catalog_without_source_and_missing_catalog(project):
    (project.root / "locales" / "es" / "gone.po").write_bytes(project.po.read_bytes())
    project.po.unlink()
    report = project.check(spell=False)
    messages = {(d.path, d.message) for d in report.errors}
    assert ("locales/es/page.po", "the catalog does not exist; run make catalogs") in messages
    assert any(p == "locales/es/gone.po" and "no English source docs/gone.md" in m for p, m in messages)


def test_fuzzy_is_a_warning_and_strict_fails(project):
    project.translate({("Risks", None): "Riesgos"}, fuzzy={("Risks", None)})
    report = project.check(spell=False)
    assert not report.errors and checks_of(report, checkpo.WARNING) == {"fuzzy"}
    result = project.cli("--no-spelling")
    assert result.returncode == 0
    assert re.search(r"^locales/es/page\.po:\d+: fuzzy: warning: needs review", result.stdout, re.M)
    assert project.cli("--no-spelling", "--strict").returncode == 1


def test_only_the_named_files(project):
    project.set_interface("Source reviewed %(date)s.", "Fuente revisada el %(fecha)s.")
    result = project.cli("--no-spelling", "locales/es/page.po")
    assert result.returncode == 0, result.stdout
    assert "1 catalog(s)" in result.stderr


def test_every_output_line_is_path_line_check_problem(project):
    project.translate({("It takes 2 to 5 years.", None): "Lleva de 2 a 3 años. "})
    project.translate({("Risks", None): "Riesgos"}, fuzzy={("Risks", None)})
    result = project.cli("--no-spelling")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) >= 3
    assert all(LINE.match(line) for line in lines), result.stdout


# -- terminology -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def terms():
    return terminology.load(ROOT / "locales" / "es" / "terminology.csv")


@pytest.mark.parametrize("msgid, msgstr", [
    ("You may have a pacemaker.", "Es posible que tenga un marcapasos."),
    ("These include pacemakers and defibrillators.", "Estos incluyen marcapasos y desfibriladores."),
    ("Leaks of cerebrospinal fluid (CSF).", "Fugas de líquido cefalorraquídeo (LCR)."),
    ("Spinal cord stimulation (SCS) treats pain.", "La estimulación de la médula espinal (EME) trata el dolor."),
    ("It covers the spinal cord.", "Cubre la Médula Espinal."),
    ("Stop blood thinners first.", "Primero deje los anticoagulantes."),
    ("This is called a local anesthetic.", "Esto se llama anestésico local."),
    ("Bring a cane.", "Traiga sus bastones."),
    ("See [the spinal cord](https://example.org/pacemaker) page.", "Vea la página de la [médula espinal](https://example.org/pacemaker)."),
])
def test_terminology_quiet_when_the_term_is_right(terms, msgid, msgstr):
    assert terminology.check(msgid, msgstr, terms) == []


@pytest.mark.parametrize("msgid, msgstr, english", [
    ("You may have a pacemaker.", "Es posible que tenga un estimulador cardíaco.", "pacemaker"),
    ("These include defibrillators.", "Estos incluyen aparatos.", "defibrillators"),
    ("It covers the spinal cord.", "Cubre la medula espinal.", "spinal cord"),  # accents count
    ("Spinal cord stimulation (SCS) treats pain.", "La neuroestimulación (EME) trata el dolor.", "Spinal cord stimulation"),
])
def test_terminology_warns_when_the_term_is_missing(terms, msgid, msgstr, english):
    problems = terminology.check(msgid, msgstr, terms)
    assert len(problems) == 1 and problems[0].check == "terminology"
    assert f'"{english}"' in problems[0].message and "terminology.csv:" in problems[0].message


def test_terminology_warning_through_check_po(project):
    project.translate({("SCS may affect pacemakers and defibrillators.", None): "La EME puede afectar a los aparatos del corazón."})
    report = project.check(spell=False)
    assert not report.errors
    found = [d for d in report.warnings if d.check == "terminology"]
    assert len(found) == 2  # pacemakers, defibrillators


def test_malformed_term_base_is_an_error(project):
    (project.root / "locales" / "es" / "terminology.csv").write_text("source,translation,note\npacemaker,,\n", encoding="utf-8")
    report = project.check(spell=False)
    assert any(d.path == "locales/es/terminology.csv" and d.line == 2 for d in report.errors)


# -- spelling ----------------------------------------------------------------------------

@pytest.fixture
def dictionary_installed():
    require(HAS_DICT, "Hunspell's Spanish dictionary: `make system-deps` installs hunspell-es")


needs_dictionary = pytest.mark.usefixtures("dictionary_installed")


@pytest.fixture(scope="module")
def speller():
    return spelling.Speller("es", spelling.load_wordlist(ROOT / "locales" / "es" / "wordlist.txt"))


@needs_dictionary
def test_spelling_flags_a_misspelt_word(speller):
    assert speller.unknown("Pain blocks.", "El dolr se bloquea.") == ["dolr"]


@needs_dictionary
def test_spelling_accepts_dictionary_wordlist_names_links_and_numbers(speller):
    msgid = "Take ibuprofen (Advil, Motrin) before the MRI. See [MedlinePlus](https://medlineplus.gov/xyzzy) and `frobnicate`."
    msgstr = ("Tome ibuprofeno (Advil, Motrin) antes de la RM. Las EME y los desfibriladores, el SDRC y el LCR. "
              "Vea [MedlinePlus](https://medlineplus.gov/xyzzy) y `frobnicate`. Después, 2018 y 30-45.")
    assert speller.unknown(msgid, msgstr) == []
    assert speller.unknown("Ask Dr. Quixotlan.", "Pregunte al Dr. Quixotlan.") == []  # a name the msgid has


@needs_dictionary
def test_spelling_wordlist_case_rules(tmp_path):
    wordlist = tmp_path / "wordlist.txt"
    wordlist.write_text("# comment\nfrobnicación\nZyxware\n", encoding="utf-8")
    s = spelling.Speller("es", spelling.load_wordlist(wordlist))
    assert s.unknown("x", "Frobnicación y frobnicación, Zyxware") == []
    assert s.unknown("x", "zyxware") == ["zyxware"]


@needs_dictionary
def test_spelling_warning_through_check_po(project):
    project.translate({("Risks", None): "Riesgoss"})
    report = project.check()
    found = [d for d in report.diagnostics if d.check == "spelling"]
    assert len(found) == 1 and found[0].severity == checkpo.WARNING and '"Riesgoss"' in found[0].message
    assert project.cli().returncode == 0
    assert project.cli("--strict").returncode == 1


def test_dictionary_is_loaded_once_per_process():
    require(HAS_DICT, "no Hunspell dictionary: `make system-deps` installs hunspell-es")
    assert spelling.dictionary("es") is spelling.dictionary("es")


# -- canonical format ---------------------------------------------------------------------

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(" \n\t\"\\"), max_size=200)


@settings(max_examples=150, deadline=None)
@given(msgid=text.filter(lambda s: s.strip()), msgstr=text, comment=st.text(alphabet="abc de", max_size=120),
       previous=text.filter(lambda s: s.strip()), fuzzy=st.booleans())
def test_formatter_is_idempotent(msgid, msgstr, comment, previous, fuzzy):
    """dumps(read(dumps(x))) == dumps(x): `make catalogs` output is a fixed point."""
    catalog = catalogs.new_catalog("es")
    fuzzy = fuzzy and bool(msgstr)
    catalog.add(msgid, msgstr, locations=[("docs/page.md", 3)], auto_comments=[comment] if comment else [],
                flags=["fuzzy"] if fuzzy else [], previous_id=[previous] if fuzzy else [])
    catalog.add("Second entry that is long enough to be wrapped at seventy-nine columns by the writer.",
                msgstr[::-1], locations=[("docs/page.md", 5)])
    once = catalogs.dumps(catalog)
    assert catalogs.dumps(catalogs.loads(once)) == once


def test_real_catalogs_are_fixed_points_of_the_formatter():
    for po in sorted((ROOT / "locales").rglob("*.po")):
        data = catalogs.dumps(catalogs.read(po))
        assert catalogs.dumps(catalogs.loads(data)) == data


def test_english_change_makes_a_fuzzy_entry_that_passes_as_a_warning(project):
    page = project.root / "docs" / "page.md"
    page.write_text(PAGE.replace("It takes 2 to 5 years.", "It often takes 2 to 5 years."), encoding="utf-8")
    catalogs.update_all(project.layout, ["es"])  # make catalogs
    assert '#| msgid "It takes 2 to 5 years."' in project.po.read_text(encoding="utf-8")
    report = project.check(spell=False)
    assert not report.errors, "\n".join(map(str, report.diagnostics))
    assert [d.check for d in report.warnings] == ["fuzzy"]


def test_fixture_scenario_passes_with_its_fuzzy_entry_listed(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "translation-status", root)
    shutil.copytree(ROOT / "overrides", root / "overrides")
    layout = catalogs.Layout(root)
    catalogs.update_all(layout, ["es"])  # make catalogs
    report = checkpo.run(layout)
    assert not report.errors, "\n".join(map(str, report.diagnostics))
    assert [d.check for d in report.warnings] == ["fuzzy"]
    assert report.untranslated == 2 + len(list(catalogs.messages(catalogs.interface_template(layout))))
