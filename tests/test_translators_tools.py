"""Catalogs saved by translators' tools pass check-po and the build; `make catalogs` brings
them back to the project's layout without changing a translation.

The tools: GNU gettext (`msgcat`, `msgmerge --previous`: what Poedit and gettext's own
tools write, wrapped at 79 columns or another width), translate-toolkit (what Weblate
writes) and polib.  Each catalog carries a fuzzy entry with a long previous msgid, the
case that broke the old writer.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from healthdocs import catalogs, checkpo
from translate.storage import pypo

from .conftest import ROOT, make_project

pytestmark = pytest.mark.skipif(
    shutil.which("msgcat") is None and not os.environ.get("CI"),
    reason="GNU gettext is installed by `make test` (scripts/system-deps.sh)",
)

ARTICLE = "docs/spinal-cord-stimulation.md"
PO = "locales/es/spinal-cord-stimulation.po"
POT = "locales/spinal-cord-stimulation.pot"


def gettext_tool(*args: str):
    def save(po: Path, root: Path) -> None:
        subprocess.run([*args, "-o", str(po), str(po)] if args[0] == "msgcat" else
                       [args[0], *args[1:], "-o", str(po), str(po), str(root / POT)], check=True, capture_output=True)
    return save


def polib_save(po: Path, root: Path) -> None:
    catalog = polib.pofile(str(po))
    catalog.save(str(po))


def translate_toolkit_save(po: Path, root: Path) -> None:
    """Weblate's way: translate-toolkit reads the file and writes each unit it touched with its
    own wrapping (77 columns); here every unit is touched."""
    store = pypo.pofile(po.read_bytes())
    for unit in store.units:
        unit.target = unit.target
        if unit.prev_msgid:
            unit.prev_source = unit.prev_source
    po.write_bytes(bytes(store))


TOOLS = {
    "msgcat (gettext, Poedit's layout)": gettext_tool("msgcat"),
    "msgcat -w 60": gettext_tool("msgcat", "-w", "60"),
    "msgmerge --previous": gettext_tool("msgmerge", "--previous", "-q"),
    "polib": polib_save,
    "translate-toolkit (Weblate)": translate_toolkit_save,
}


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """The real project after an English edit of a long sentence and `make catalogs`."""
    project = make_project(tmp_path_factory.mktemp("tools") / "project")
    article = project.root / ARTICLE
    text = article.read_text(encoding="utf-8")
    assert "test device" in text
    article.write_text(text.replace("test device", "trial device"), encoding="utf-8")
    result = project.run("catalogs")
    assert result.returncode == 0, result.stderr
    po = project.read(PO)
    assert '#| msgid "First, you will get a test device.' in po
    return project


@pytest.mark.parametrize("tool", TOOLS)
def test_saved_catalog_passes_check_po_and_make_catalogs_restores_the_layout(edited, tmp_path, tool):
    root = tmp_path / "project"
    shutil.copytree(edited.root, root)
    po = root / PO
    before = po.read_bytes()
    TOOLS[tool](po, root)
    saved = po.read_bytes()
    assert saved != before, "the tool wrote the same bytes: the test would prove nothing"
    assert catalogs.read(po).get(next(m.id for m in catalogs.read(root / PO) if m.fuzzy)).previous_id
    report = checkpo.run(catalogs.Layout(root), ["es"], [po], spell=False)
    assert not report.errors, "\n".join(map(str, report.diagnostics))
    catalogs.update_all(catalogs.Layout(root), ["es"])  # make catalogs
    assert po.read_bytes() == before


def test_site_builds_from_catalogs_saved_by_every_tool(edited, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(edited.root, root)
    saves = list(TOOLS.values())
    for i, po in enumerate(sorted((root / "locales" / "es").glob("*.po"))):
        saves[i % len(saves)](po, root)
    project = type(edited)(root)
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr
    page = project.html("es/spinal-cord-stimulation/index.html")
    assert "estimulación" in page.get_text().lower()


def test_real_catalogs_are_in_gnu_gettexts_layout():
    for po in sorted((ROOT / "locales").rglob("*.po*")):
        data = po.read_bytes()
        expected = subprocess.run(["msgcat", "--no-wrap", "-"], input=data, capture_output=True, check=True).stdout
        assert data == expected, po
