"""Shared fixtures: real, tiny sites built with the real MkDocs.

- `project_factory(scenario)` copies the project's configuration and theme
  overrides into a temporary folder with the docs and locales of a fixture
  scenario (tests/fixtures/<scenario>/) or of the real project, and returns it.
- `build(project)` runs the real build (`python -m healthdocs build`) and
  returns the finished process.
- `real_site` is the real project's site, built once per test session into a
  temporary folder (the working tree's site/ is never touched).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass
class Project:
    root: Path

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def html(self, rel: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / rel).read_text(encoding="utf-8"), "lxml")

    def run(self, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        full_env = dict(os.environ, **(env or {}))
        return subprocess.run(
            [sys.executable, "-m", "healthdocs", "--root", str(self.root), *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            env=full_env,
        )

    def build(self, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
        return self.run("build", "--quiet", *extra, env=env)

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html"))


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_files(site: Path, site_url: str) -> dict[str, ET.Element]:
    """The sitemaps that site/sitemap.xml indexes (overrides/hooks/sitemaps.py), by address:
    each file's parsed <urlset>.  The index and every file it names must exist and parse."""
    index = ET.parse(site / "sitemap.xml").getroot()
    assert index.tag == f"{{{SITEMAP_NS}}}sitemapindex", index.tag
    out = {}
    for entry in index.findall(f"{{{SITEMAP_NS}}}sitemap"):
        loc = entry.findtext(f"{{{SITEMAP_NS}}}loc")
        assert loc and loc.startswith(site_url) and "/" not in loc[len(site_url):], loc
        root = ET.parse(site / loc[len(site_url):]).getroot()
        assert root.tag == f"{{{SITEMAP_NS}}}urlset", loc
        out[loc] = root
    assert out, "the sitemap index names no sitemap"
    return out


def make_project(dest: Path, scenario: str | None = None) -> Project:
    """A project folder: the real configuration and theme, with the scenario's sources."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for extra in ("mkdocs.offline.yml",):
        if (ROOT / extra).exists():
            shutil.copy(ROOT / extra, dest / extra)
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    source = FIXTURES / scenario if scenario else ROOT
    shutil.copytree(source / "docs", dest / "docs")
    if (source / "locales").exists():
        shutil.copytree(source / "locales", dest / "locales")
    else:
        (dest / "locales" / "es").mkdir(parents=True)
    if scenario and not (dest / "locales" / "es" / "_interface.po").exists():
        shutil.copy(ROOT / "locales" / "es" / "_interface.po", dest / "locales" / "es" / "_interface.po")
    return Project(dest)


@pytest.fixture
def project_factory(tmp_path):
    counter = iter(range(1000))

    def factory(scenario: str | None = None) -> Project:
        return make_project(tmp_path / f"project{next(counter)}", scenario)

    return factory


# -- the browser: Debian's Chromium, one for the whole session -----------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require(available: bool, message: str) -> None:
    """Skip a test whose system tool is missing, except under CI, which installs every tool
    (`make system-deps`) and must run every test: there the test fails instead."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI runs every test: a missing tool is a failure)")
    pytest.skip(message)


def msgfmt_check(path: Path) -> None:
    """`msgfmt -c` accepts the file (gettext's own check); msgfmt is required like any system tool."""
    msgfmt = shutil.which("msgfmt")
    require(msgfmt is not None, "gettext's msgfmt is installed by `make system-deps`")
    result = subprocess.run([msgfmt, "-c", "-o", os.devnull, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def set_translations(po: Path, translations: dict[str, str]) -> None:
    """Give entries of a catalog their msgstr and write it back with the project's writer."""
    from healthdocs import catalogs

    catalog = catalogs.read(po)
    for message in catalog:
        if message.id in translations:
            message.string = translations[message.id]
    po.write_bytes(catalogs.dumps(catalog))


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright import sync_api

    require(Path(CHROMIUM).exists(), f"{CHROMIUM} is not installed: run `make system-deps` (as root) or `make test`")
    with sync_api.sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Project:
    """The real project, built once for the whole session."""
    project = make_project(tmp_path_factory.mktemp("real") / "project")
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr
    return project


# -- helpers for fixture sites with catalogs ------------------------------------


def fill(project: Project, po_rel: str, translations: dict[str, str], fuzzy: set[str] = frozenset()) -> None:
    path = project.root / po_rel
    catalog = read_po(path.open("rb"))
    for message in catalog:
        if message.id in translations:
            message.string = translations[message.id]
            if message.id in fuzzy:
                message.flags.add("fuzzy")
    buf = io.BytesIO()
    write_po(buf, catalog, width=79)
    path.write_bytes(buf.getvalue())


@pytest.fixture
def two_articles(project_factory) -> Project:
    project = project_factory("two-articles")
    result = project.run("catalogs")
    assert result.returncode == 0, result.stderr
    return project


def assert_fails(project: Project, *expected: str) -> str:
    result = project.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for text in expected:
        assert text in output, output
    assert not project.site.exists(), "a failed build must not leave a site"
    assert not (project.root / "build" / "site.tmp").exists()
    return output
