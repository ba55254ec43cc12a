"""Translation freshness: each article catalog records which English it translates (a hash of its
units, in its header); when the English changes, the translated page says, in its own language,
since when the English has been newer; `make stats` and the status page list it with its age.

The anchor is tested where users break things: English edited, stamped, edited again, reverted;
catalogs saved by msgcat, polib and translate-toolkit; and on a real build of the real project."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess

import pytest
from babel.dates import format_date
from healthdocs import catalogs, checkpo, freshness, segment

from .conftest import Project

ARTICLE = "docs/spinal-cord-stimulation.md"
PO = "locales/es/spinal-cord-stimulation.po"
SENTENCE = "This part lasts about 30 to 45 minutes."
EDITED = "This part takes about 30 to 45 minutes."
SPANISH = "Esta parte dura de 30 a 45 minutos."


def units(project: Project) -> list[tuple[str, str | None]]:
    doc = segment.read(project.root / ARTICLE, project.root)
    return [(u.msgid, u.context) for u in doc.units]


def anchor(project: Project) -> freshness.Anchor:
    return freshness.Anchor.of(catalogs.read(project.root / PO))


def edit_english(project: Project, old: str, new: str, day: dt.date) -> None:
    """Edit the English source as an editor does, on `day` (the file's date)."""
    path = project.root / ARTICLE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=dt.timezone.utc).timestamp()
    os.utime(path, (noon, noon))


def sync(project: Project, today: dt.date) -> None:
    """`make catalogs` on `today` (cli.cmd_catalogs does the same with today's date)."""
    catalogs.update_all(catalogs.Layout(project.root), ["es"], today=today)


def translate(project: Project, msgid: str, msgstr: str) -> None:
    """A translator's edit: the msgstr, fuzzy flag cleared."""
    path = project.root / PO
    catalog = catalogs.read(path)
    message = catalog.get(msgid)
    message.string = msgstr
    message.flags.discard("fuzzy")
    message.previous_id = []
    path.write_bytes(catalogs.dumps(catalog))


def localized(day: str | dt.date, lang: str = "es") -> str:
    return format_date(dt.date.fromisoformat(str(day)), format="long", locale=lang)


# -- the hash -------------------------------------------------------------------------


def test_digest_names_the_set_of_units():
    a = [("Risks", None), ("SCS", "abbreviation"), ("It takes 2 to 5 years.", None)]
    assert freshness.digest(a) == freshness.digest(list(reversed(a)))  # moving a paragraph is not a new English
    assert freshness.digest(a) == freshness.digest(a + [a[0]])  # a sentence said twice is one unit
    assert freshness.digest(a) != freshness.digest([*a[:2], ("It takes 2 to 3 years.", None)])
    assert freshness.digest(a) != freshness.digest([("Risks", None), ("SCS", None), a[2]])  # context counts
    assert len(freshness.digest(a)) == freshness.DIGITS


def test_the_committed_catalog_names_the_english_it_translates(project_factory):
    project = project_factory()
    found = anchor(project)
    assert found.translates == freshness.digest(units(project))
    assert found.matched is not None and found.matched <= dt.date.today()
    assert found.newer_since is None
    layout = catalogs.Layout(project.root)
    report = checkpo.run(layout, spell=False)
    assert not [d for d in report.diagnostics if d.check == "freshness"], report.diagnostics


# -- make catalogs stamps it ----------------------------------------------------------


def test_make_catalogs_keeps_the_anchor_through_edit_edit_revert_and_translation(project_factory):
    project = project_factory()
    start = anchor(project)
    sync(project, dt.date(2026, 11, 9))
    assert anchor(project) == start  # nothing changed: nothing is rewritten

    # The English changes on 10 November; make catalogs runs on the 12th.
    edit_english(project, SENTENCE, EDITED, dt.date(2026, 11, 10))
    sync(project, dt.date(2026, 11, 12))
    stale = anchor(project)
    assert stale == freshness.Anchor(start.translates, start.matched, dt.date(2026, 11, 10))
    assert "X-English-Newer-Since: 2026-11-10" in (project.root / PO).read_text(encoding="utf-8")

    # A second edit later does not move "since": the English has been newer since the first one.
    edit_english(project, "Putting in a new battery takes another surgery.",
                 "A new battery needs another surgery.", dt.date(2026, 11, 13))
    sync(project, dt.date(2026, 11, 14))
    assert anchor(project) == stale
    edit_english(project, "A new battery needs another surgery.",
                 "Putting in a new battery takes another surgery.", dt.date(2026, 11, 15))

    # Reverted: the English is the one the translation matched again.
    edit_english(project, EDITED, SENTENCE, dt.date(2026, 11, 16))
    sync(project, dt.date(2026, 11, 16))
    assert anchor(project) == freshness.Anchor(start.translates, start.matched)

    # Edited again, then translated: the anchor moves to the new English, dated that day.
    edit_english(project, SENTENCE, EDITED, dt.date(2026, 11, 17))
    sync(project, dt.date(2026, 11, 17))
    assert anchor(project).newer_since == dt.date(2026, 11, 17)
    catalog = catalogs.read(project.root / PO)
    for message in catalogs.messages(catalog):  # every entry the English edits left fuzzy
        if message.fuzzy:
            translate(project, message.id, message.string)
    translate(project, EDITED, SPANISH)
    report = checkpo.run(catalogs.Layout(project.root), spell=False)
    assert [d.check for d in report.errors] == ["freshness"]  # translated, not stamped yet
    assert "run make catalogs" in report.errors[0].message
    sync(project, dt.date(2026, 11, 18))
    assert anchor(project) == freshness.Anchor(freshness.digest(units(project)), dt.date(2026, 11, 18))
    assert not checkpo.run(catalogs.Layout(project.root), spell=False).errors


def test_check_po_names_a_broken_anchor_field(project_factory):
    project = project_factory()
    path = project.root / PO
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"X-Translation-Matched: ', '"X-Translation-Matched: 1 Dec '), encoding="utf-8")
    report = checkpo.run(catalogs.Layout(project.root), spell=False)
    found = [d for d in report.errors if d.check == "freshness"]
    assert len(found) == 1 and found[0].path == PO and found[0].line == text.split("\n").index('msgid ""') + 1
    assert "X-Translation-Matched" in found[0].message and "YYYY-MM-DD" in found[0].message


# -- translators' tools keep it -----------------------------------------------------


def _msgcat(data: bytes, *options: str) -> bytes:
    exe = shutil.which("msgcat")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("msgcat is not installed (make system-deps installs gettext)")
        pytest.skip("msgcat is not installed")
    return subprocess.run([exe, *options, "-"], input=data, capture_output=True, check=True).stdout


def _polib(data: bytes) -> bytes:
    import polib

    return str(polib.pofile(data.decode("utf-8"), wrapwidth=0)).encode("utf-8")


def _translate_toolkit(data: bytes) -> bytes:
    from translate.storage import pypo

    store = pypo.pofile(io.BytesIO(data))
    return bytes(store)


TOOLS = {
    "msgcat": lambda data: _msgcat(data),
    "msgcat --no-wrap": lambda data: _msgcat(data, "--no-wrap"),
    "msgcat --width=60 --sort-output": lambda data: _msgcat(data, "--width=60", "--sort-output"),
    "polib": _polib,
    "translate-toolkit": _translate_toolkit,
}


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_the_anchor_survives_a_translators_tool(project_factory, tool):
    project = project_factory()
    edit_english(project, SENTENCE, EDITED, dt.date(2026, 11, 28))
    sync(project, dt.date(2026, 11, 30))
    before = anchor(project)
    assert before.newer_since == dt.date(2026, 11, 28) and before.translates and before.matched
    path = project.root / PO
    saved = TOOLS[tool](path.read_bytes())
    path.write_bytes(saved)
    for name in freshness.HEADERS:
        assert name.encode() in saved, f"{tool} dropped {name}"
    assert anchor(project) == before  # read back as the tool saved it
    sync(project, dt.date(2026, 11, 30))  # make catalogs after the tool, as TRANSLATING.md says
    assert anchor(project) == before
    assert catalogs.dumps(catalogs.read(path)) == path.read_bytes()


def test_the_project_writer_keeps_what_babel_alone_drops(project_factory):
    """Babel's own reader and writer drop header fields they do not know: catalogs keeps them."""
    from babel.messages.pofile import read_po, write_po

    project = project_factory()
    data = (project.root / PO).read_bytes()
    buf = io.BytesIO()
    write_po(buf, read_po(io.BytesIO(data)), width=79)
    assert b"X-Translates-English" not in buf.getvalue()
    assert b"X-Translates-English" in catalogs.dumps(catalogs.loads(data))


# -- on the built site ----------------------------------------------------------------


def stale_notice(project: Project, rel: str = "es/spinal-cord-stimulation/index.html"):
    return project.html(rel).select_one(".hd-notice .hd-stale")


def test_editing_one_english_sentence_makes_the_spanish_page_partly_out_of_date(project_factory):
    project = project_factory()
    english_day = dt.date(2026, 11, 20)
    edit_english(project, SENTENCE, EDITED, english_day)

    # Built at once, before anyone runs make catalogs: the English file's own date.
    assert project.build().returncode == 0
    notice = stale_notice(project)
    assert notice is not None
    assert "desactualizada en parte" in notice.get_text() and localized(english_day) in notice.get_text()
    assert notice.select_one("time")["datetime"] == english_day.isoformat()

    # make catalogs records it in the catalog; the built page says the same, in Spanish.
    result = project.run("catalogs")
    assert result.returncode == 0, result.stderr
    matched = anchor(project).matched
    assert anchor(project).newer_since == english_day
    assert project.build().returncode == 0
    page = project.html("es/spinal-cord-stimulation/index.html")
    notice = stale_notice(project)
    assert notice.select_one("time")["datetime"] == english_day.isoformat()
    assert page.html["lang"] == "es"
    # The changed sentence is shown in English, marked as English; the rest stays Spanish.
    changed = [s for s in page.select("article span[lang=en]") if s.get_text() == EDITED]
    assert len(changed) == 1
    assert SPANISH not in page.get_text() and "Esta parte" not in page.get_text()
    assert "Se colocan debajo de la piel unos cables delgados, llamados electrodos." in page.get_text()
    # The footer: when the translation matched the English, and since when the English is newer.
    footer = page.select_one(".hd-translated")
    times = [t["datetime"] for t in footer.select("time")]
    assert times == [matched.isoformat(), english_day.isoformat()]
    assert "coincidía con la versión en inglés" in footer.get_text()
    # The JSON-LD: the English this translation matched is no longer the English page's.
    es = json.loads(page.find("script", type="application/ld+json").string)
    en_page = project.html("spinal-cord-stimulation/index.html")
    en = json.loads(en_page.find("script", type="application/ld+json").string)
    assert en["version"] == freshness.digest(units(project))
    assert es["translationOfWork"]["version"] == anchor(project).translates != en["version"]
    assert es["dateModified"] == matched.isoformat()
    assert en_page.select_one(".hd-notice") is None and en_page.select_one(".hd-translated") is None

    # The translation status page and make stats list it, with its age.
    age = (dt.date.today() - english_day).days
    status = project.html("es/translation-status/index.html")
    heading = status.find("h2", string="Desactualizadas")
    assert heading is not None
    item = heading.find_next("ul").find("li")
    assert item.find("a")["href"].rstrip("/").endswith("spinal-cord-stimulation")
    assert localized(english_day) in item.get_text() and f"({age} días)" in item.get_text()
    result = project.run("stats")
    assert f"{PO}: English newer since {english_day.isoformat()} ({age} days)" in result.stdout
    data = json.loads(project.run("stats", "--json").stdout)["languages"]["es"]
    assert data["stale"] == [PO]
    (item,) = [c for c in data["catalogs"] if c["path"] == PO]
    assert item["freshness"]["stale"] and item["freshness"]["age_days"] == age
    assert item["freshness"]["newer_since"] == english_day.isoformat()

    # Reverted: nothing is out of date any more.
    edit_english(project, EDITED, SENTENCE, dt.date(2026, 11, 21))
    assert project.run("catalogs").returncode == 0
    assert anchor(project).newer_since is None
    assert project.build().returncode == 0
    assert stale_notice(project) is None
    assert project.html("es/translation-status/index.html").find("h2", string="Desactualizadas") is None
    assert "out of date" not in project.run("stats").stdout
