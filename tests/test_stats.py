"""`make stats`: entry and word counts, the badge, the status page's rows and template."""

from __future__ import annotations

import json

import markdown
import pytest
from babel.support import NullTranslations
from healthdocs import catalogs, render, site, stats
from healthdocs.checks import word_count

from .conftest import FIXTURES, ROOT, make_project

# tests/fixtures/translation-status: docs/guide.md has 9 units; its catalog has
#   translated   6 entries, 29 words: title 2, description 6, MRI 1, its title 3, list item 9, paragraph 8
#   fuzzy        1 entry,    3 words: the heading "Wearing the brace"
#   untranslated 2 entries, 12 words: "Put the brace on before you walk." 7, "Take it off to sleep." 5
GUIDE = {"translated": 6, "fuzzy": 1, "untranslated": 2,
         "translated_words": 29, "fuzzy_words": 3, "untranslated_words": 12}


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project", "translation-status")


def layout_of(project) -> catalogs.Layout:
    return catalogs.Layout(project.root)


def test_word_count_is_what_a_reader_sees():
    assert word_count("Wear it for 2 to 4 hours a day.") == 9
    assert word_count("See [MedlinePlus](https://medlineplus.gov/ency/article/007560.htm).") == 2
    assert word_count("Run `make catalogs` now") == 2
    assert word_count("Reviewed on %(date)s.") == 2
    assert word_count("A long-lasting pain") == 3


def test_counts_of_the_fixture_catalog(project):
    data = stats.collect(layout_of(project))
    assert list(data) == ["es"]
    guide, interface = data["es"].catalogs
    assert (guide.path, guide.source, guide.title, guide.translated_title) == (
        "locales/es/guide.po", "guide.md", "Knee brace", "Rodillera")
    assert {k: getattr(guide.counts, k) for k in GUIDE} == GUIDE
    assert guide.counts.entries == 9 and guide.counts.words == 44
    assert guide.counts.percent == 65  # 29 * 100 // 44, rounded down

    assert interface.interface and interface.path == "locales/es/_interface.po"
    template = catalogs.interface_template(layout_of(project))
    assert interface.counts.entries == len(list(catalogs.messages(template)))

    total = data["es"].total
    assert total.entries == guide.counts.entries + interface.counts.entries
    assert total.words == guide.counts.words + interface.counts.words


def test_a_missing_catalog_counts_every_unit_untranslated(project):
    (project.root / "locales" / "es" / "guide.po").unlink()
    guide = stats.collect(layout_of(project))["es"].catalogs[0]
    assert not guide.exists
    assert (guide.counts.translated, guide.counts.fuzzy, guide.counts.untranslated) == (0, 0, 9)
    assert guide.counts.percent == 0


def test_percent_is_rounded_down_and_empty_is_complete():
    assert stats.Counts(translated=1, translated_words=999, untranslated=1, untranslated_words=1).percent == 99
    assert stats.Counts().percent == 100


@pytest.mark.parametrize("percent, color", [(100, "brightgreen"), (99, "green"), (80, "green"), (65, "yellow"),
                                            (20, "orange"), (0, "red")])
def test_badge_colors(percent, color):
    assert stats.color(percent) == color


def test_badge_is_a_shields_endpoint(project):
    data = stats.collect(layout_of(project))["es"]
    badge = stats.badge(data)
    assert set(badge) == {"schemaVersion", "label", "message", "color"}
    assert badge["schemaVersion"] == 1 and badge["label"] == "español"
    assert badge["message"] == f"{data.total.percent}%"


def test_status_rows_and_the_page_template(project):
    data = stats.collect(layout_of(project))["es"]
    rows = stats.status_rows(data, link=lambda source: source.replace(".md", ".es.md"))
    assert rows[0]["title"] == "Rodillera" and rows[0]["link"] == "guide.es.md"
    assert (rows[0]["translated"], rows[0]["fuzzy"], rows[0]["untranslated"], rows[0]["percent"]) == (6, 1, 2, 65)
    assert rows[-1]["interface"] and rows[-1]["link"] is None
    reports = [{"lang": "es", "name": "Español", "rows": rows, "total": stats.total_row(data)}]
    text = render.render("translation-status.md.j2", "es", NullTranslations(), reports=reports)
    assert "| [Rodillera](guide.es.md) | 6 | 1 | 2 | 65% |" in text
    html = markdown.markdown(text, extensions=["tables"])
    assert html.count("<tr>") == len(rows) + 2  # header, rows, total
    assert "<h1>" in html and html.count("<p>") == 2


def test_cli_table_and_json(project):
    result = project.run("stats")
    assert result.returncode == 0, result.stderr
    assert "locales/es/guide.po" in result.stdout and "locales/es/_interface.po" in result.stdout
    assert "6 (29)" in result.stdout and "1 (3)" in result.stdout and "2 (12)" in result.stdout

    result = project.run("stats", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)["languages"]["es"]
    guide = data["catalogs"][0]
    assert guide["entries"] == {"translated": 6, "fuzzy": 1, "untranslated": 2, "total": 9}
    assert guide["words"] == {"translated": 29, "fuzzy": 3, "untranslated": 12, "total": 44}
    assert data["badge"]["label"] == "español"


def test_from_site_agrees_with_collect(tmp_path):
    project = make_project(tmp_path / "real")  # the real project, copied: the translator may be saving
    layout = layout_of(project)
    loaded = site.load(layout)
    assert stats.as_json(stats.from_site(loaded)) == stats.as_json(stats.collect(layout))


def test_fixture_is_in_canonical_format():
    po = FIXTURES / "translation-status" / "locales" / "es" / "guide.po"
    assert catalogs.dumps(catalogs.read(po)) == po.read_bytes()


def test_real_project_stats_run():
    data = stats.collect(catalogs.Layout(ROOT))
    assert "es" in data
    assert {c.path for c in data["es"].catalogs} >= {"locales/es/_interface.po"}
