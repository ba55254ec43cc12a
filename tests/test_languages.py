"""Languages as data: one list (mkdocs.yml's i18n languages), one package that knows what
differs per language (healthdocs.languages), and `make new-language`.

- no Spanish-specific literal outside healthdocs/languages/, locales/ and the
  templates' translations (a scan of the code, the theme overrides and the
  build files, which fails on a planted literal);
- `healthdocs new-language fr` adds French to mkdocs.yml and creates its
  catalogs; the next build has /fr/, with every English text marked
  lang="en" (content, notice, menus, palette names, footer credit), its own
  glossary folder, and `check-content` saying French has no readability formula;
- a language added to mkdocs.yml by hand, with no catalogs, builds too, and
  `make catalogs` creates them.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from healthdocs import languages

from .conftest import ROOT

# -- no Spanish outside the language package -------------------------------------

#: What only Spanish-specific code would write: the code as a string, its locales,
#: its URL folder, its glossary folder, Spanish letters and punctuation, its names.
SPANISH = re.compile(
    r"""(?:["'/]es["'/_.]|\bes_[A-Z]{2}\b|\blang="es"|glosario|[áéíóúñÁÉÍÓÚÑ¿¡]|spanish|español)""",
    re.IGNORECASE,
)


def python_literals(text: str) -> list[tuple[int, str]]:
    """Strings and names of Python code (comments and docstrings left out)."""
    tree = ast.parse(text)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            out.append((node.lineno, repr(node.value)))
        elif isinstance(node, ast.Name):
            out.append((node.lineno, node.id))
        elif isinstance(node, ast.Attribute):
            out.append((node.lineno, node.attr))
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            out.append((node.lineno, node.name))
    return out


_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\w])//[^\n]*", re.S)


def template_text(text: str, script: bool = False) -> list[tuple[int, str]]:
    """Lines of a template without its Jinja and HTML comments (kept as blank lines),
    and of a script or stylesheet without its /* */ and // comments."""
    def blank(m: re.Match) -> str:
        return "\n" * m.group(0).count("\n")

    text = _HTML_COMMENT.sub(blank, _JINJA_COMMENT.sub(blank, text))
    if script:
        text = _SCRIPT_COMMENT.sub(blank, text)
    return list(enumerate(text.splitlines(), 1))


def config_text(text: str) -> list[tuple[int, str]]:
    """Lines of a Makefile, shell script or YAML file without their comments."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        out.append((number, line.split(" #", 1)[0]))
    return out


def scanned_files() -> list[Path]:
    package = ROOT / "scripts" / "healthdocs"
    files = [p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    files = [p for p in files if languages.__name__.split(".")[-1] not in p.relative_to(package).parts]
    files += [p for p in (ROOT / "overrides").rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".txt", ".py", ".js", ".css")]
    files += [ROOT / "Makefile", ROOT / "mkdocs.offline.yml", ROOT / "scripts" / "system-deps.sh", ROOT / ".ci" / "run"]
    files += sorted((ROOT / ".github").rglob("*.yml"))
    return files


def spanish_literals(path: Path, text: str) -> list[str]:
    if path.suffix == ".py":
        items = python_literals(text)
    elif path.suffix in (".html", ".xml", ".j2", ".txt", ".js", ".css"):
        items = template_text(text, script=path.suffix in (".js", ".css"))
    else:
        items = config_text(text)
    return [f"{path.name}:{line}: {item.strip()[:80]}" for line, item in items if SPANISH.search(item)]


def test_the_scan_finds_a_planted_literal():
    assert spanish_literals(Path("x.py"), 'DIRS = {"en": "glossary", "es": "glosario"}\n')
    assert spanish_literals(Path("x.py"), 'def spanish_plural(w):\n    return w\n')
    assert spanish_literals(Path("x.html"), '<p lang="es">Hola</p>\n')
    assert spanish_literals(Path("x.html"), '<meta content="es_ES">\n')
    assert spanish_literals(Path("Makefile"), 'serve:\n\techo "/es/"\n')
    assert not spanish_literals(Path("x.py"), '"""Spanish in a docstring: fine."""\n# and "es" in a comment\n')
    assert not spanish_literals(Path("x.html"), '{# "es" in a comment #}<p>{{ lang }}</p>\n')
    assert not spanish_literals(Path("x.js"), '/* /es/glosario/ */ var a = "http://x/"; // "es"\n')
    assert spanish_literals(Path("x.js"), 'var root = "/es/";\n')


def test_no_spanish_literal_outside_the_language_package():
    found = []
    for path in scanned_files():
        found += [f"{path.relative_to(ROOT)}: {hit}" for hit in spanish_literals(path, path.read_text(encoding="utf-8"))]
    assert not found, "Spanish-specific literals (move them to scripts/healthdocs/languages/):\n" + "\n".join(found)


def test_the_language_list_is_written_once():
    """mkdocs.offline.yml inherits mkdocs.yml's language list; no other file lists languages."""
    offline = (ROOT / "mkdocs.offline.yml").read_text(encoding="utf-8")
    assert "INHERIT: mkdocs.yml" in offline and "languages:" not in offline and "locale:" not in offline
    assert languages.configured(ROOT / "mkdocs.offline.yml") == languages.configured(ROOT / "mkdocs.yml")
    site_config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "lang: [" not in site_config  # the search stemmers come from the list too


# -- make new-language ------------------------------------------------------------------


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    """two-articles with its Spanish catalogs, then French added with `new-language fr`, built."""
    from .conftest import make_project

    project = make_project(tmp_path_factory.mktemp("fr") / "project", "two-articles")
    assert project.run("catalogs").returncode == 0
    before = project.read("mkdocs.yml")
    result = project.run("new-language", "fr")
    assert result.returncode == 0, result.stdout + result.stderr
    built = project.build()
    assert built.returncode == 0, built.stdout + built.stderr
    return project, before, result.stdout


def test_new_language_adds_it_to_the_config_and_creates_its_catalogs(french):
    project, before, output = french
    langs = languages.configured(project.root / "mkdocs.yml")
    assert langs.all == ["en", "es", "fr"] and langs.name("fr") == "Français"
    after = project.read("mkdocs.yml")
    assert after.startswith(before.split("  # material/offline")[0].rsplit("\n", 1)[0])  # nothing else changed
    assert languages.configured(project.root / "mkdocs.offline.yml").all == ["en", "es", "fr"]
    catalogs = sorted(p.name for p in (project.root / "locales" / "fr").iterdir())
    assert catalogs == ["_interface.po", "hip-replacement.po", "index.po", "knee-replacement.po",
                        "terminology.csv", "wordlist.txt"]
    for name in catalogs:
        if name.endswith(".po"):
            assert f"created locales/fr/{name}" in output
            if shutil.which("msgfmt"):
                check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", f"locales/fr/{name}"],
                                       cwd=project.root, capture_output=True, text=True)
                assert check.returncode == 0, check.stderr
    assert "Language: fr" in project.read("locales/fr/index.po")
    check_po = project.run("check-po", "--no-spelling", "--lang", "fr")
    assert check_po.returncode == 0, check_po.stdout + check_po.stderr


def test_new_language_refuses_a_bad_or_known_code(french):
    project, _, _ = french
    config = project.read("mkdocs.yml")
    for code, message in (("fr", "already a language"), ("es", "already a language"), ("en", "already a language"),
                          ("xx", "not a language CLDR knows"), ("fr/../x", "not a language code"), ("", "give the new")):
        result = project.run("new-language", code)
        assert result.returncode == 1 and message in result.stderr, (code, result.stderr)
    assert project.read("mkdocs.yml") == config


def test_the_french_site_marks_every_english_text(french):
    project, _, _ = french
    assert (project.site / "fr" / "glossaire" / "index.html").is_file()
    page = project.html("fr/knee-replacement/index.html")
    assert page.html["lang"] == "fr"
    notice = page.select_one(".hd-notice")
    assert notice is not None and notice.select_one('span[lang="en"]') is not None
    content = page.select_one(".md-content__inner")
    # The article's text (the footer's interface strings are checked below; its names are no language's).
    unmarked = [p.get_text(" ", strip=True)[:60] for p in content.select("p, li, h1, h2, h3, td")
                if p.get_text(strip=True) and not p.find_parent(attrs={"lang": "en"}) and not p.select('[lang="en"]')
                and not p.find_parent(class_="hd-article-footer")]
    assert not unmarked, unmarked
    for label in page.select('[data-md-component="palette"] label, [data-md-component="palette"] input'):
        assert label.get("lang") == "en", label
    credit = page.select_one(".md-copyright")
    if "Made with" in credit.get_text():  # the theme's credit, unless mkdocs.yml turns it off (extra.generator)
        assert credit.select_one('span[lang="en"]') is not None
    nav = [a for a in page.select(".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link")]
    assert nav and all(a.select_one('[lang="en"]') is not None for a in nav), [str(a)[:200] for a in nav]
    switcher = {a["hreflang"]: a.get("lang") for a in page.select(".md-select__link")}
    assert switcher == {"en": "en", "es": "es", "fr": "fr"}
    # Spanish is translated: its interface is Spanish and nothing there is marked English but the source credit.
    spanish = project.html("es/knee-replacement/index.html")
    assert spanish.select_one('[data-md-component="palette"] label').get("lang") is None
    assert "Made with" not in spanish.select_one(".md-copyright").get_text()


def test_the_status_counts_the_interface_strings(french):
    project, _, _ = french
    data = json.loads(project.run("stats", "--json").stdout)["languages"]
    interface = [c for c in data["fr"]["catalogs"] if c["source"] is None][0]
    assert interface["entries"]["untranslated"] == interface["entries"]["total"] > 0
    spanish = [c for c in data["es"]["catalogs"] if c["source"] is None][0]
    assert spanish["entries"]["total"] == interface["entries"]["total"]
    # The source language's status page reports every translation language.
    page = project.html("translation-status/index.html")
    sections = {h.select_one("[lang]")["lang"]: h.get_text(strip=True) for h in page.select("article h2")}
    assert sections == {"es": "Español", "fr": "Français"}, sections
    assert len(page.select("article table")) == 2
    assert len(project.html("fr/translation-status/index.html").select("article table")) == 1
    po = project.read("locales/fr/_interface.po")
    assert 'msgid "Switch to dark mode"' in po and "#: mkdocs.yml:" in po and 'msgid "Made with %(link)s"' in po


def test_check_content_says_french_has_no_readability_formula(french):
    project, _, _ = french
    result = project.run("check-content", "--today", "2026-01-01")
    assert "fr: no readability formula for French" in result.stdout, result.stdout
    assert languages.get("fr").readability is None and languages.get("es").readability is not None


def test_a_language_added_to_the_config_by_hand_builds(project_factory):
    """The user's first try in the issue: fr written into mkdocs.yml, no catalogs at all."""
    project = project_factory("two-articles")
    config = project.read("mkdocs.yml")
    entry = "      - locale: es\n"
    assert entry in config
    project.write("mkdocs.yml", config.replace(entry, "      - locale: fr\n        name: Français\n" + entry))
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr
    assert project.html("fr/index.html").html["lang"] == "fr"
    assert (project.site / "fr" / "glossaire" / "index.html").is_file()
    assert project.run("catalogs").returncode == 0
    assert (project.root / "locales" / "fr" / "knee-replacement.po").is_file()


def test_make_new_language_takes_lang_from_the_command_line_only(project_factory):
    """`make new-language LANG=fr` adds fr; without LANG=, the locale in the environment
    (LANG=en_US.UTF-8) is not taken for a language to add."""
    import os
    import sys

    project = project_factory("two-articles")
    shutil.copy(ROOT / "Makefile", project.root / "Makefile")
    venv = Path(sys.prefix)
    make = ["make", "--no-print-directory", "-C", str(project.root), f"VENV={venv}", "-o", f"{venv}/.installed"]
    env = dict(os.environ, LANG="en_US.UTF-8")
    missing = subprocess.run([*make, "new-language"], capture_output=True, text=True, env=env)
    assert missing.returncode != 0 and "give the new language's code" in missing.stderr, missing.stderr
    added = subprocess.run([*make, "new-language", "LANG=fr"], capture_output=True, text=True, env=env)
    assert added.returncode == 0, added.stdout + added.stderr
    assert languages.configured(project.root / "mkdocs.yml").translations == ("es", "fr")
    helped = subprocess.run([*make, "help"], capture_output=True, text=True, env=env)
    assert "make new-language LANG=fr" in helped.stdout
