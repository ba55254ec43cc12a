"""`make catalogs` in process on a tiny project: which files it writes, in which order, what
the content-hash stamp skips, the translation memory across catalogs, the interface template.

In-process and fast: `make mutate` runs these against every mutant of catalogs.py."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from healthdocs import catalogs, freshness
from healthdocs.errors import SourceError
from healthdocs.stamp import Stamp

from ..conftest import msgfmt_check, set_translations

PAGE = "---\ntitle: Page\n---\n\nPain in the back.\n\nThe device sends a mild current to the spinal cord.\n"
OTHER = "---\ntitle: Other\n---\n\nPain in the back.\n"
OVERRIDE = '<p>{{ _("Hello") }} {{ _("Hello") }}</p>\n<p>{{ _("Hello") }}</p>\n<p>{{ _("Close the menu") }}</p>\n'
CONFIG = ("site_name: x\ntheme:\n  palette:\n    - toggle:\n        name: Dark mode\n    - toggle:\n        name: Hello\n"
          "    - toggle: {}\n    - toggle:\n        name: ''\n")


def project(root: Path, config: bool = True) -> catalogs.Layout:
    (root / "docs").mkdir(parents=True)
    (root / "overrides").mkdir()
    (root / "docs" / "page.md").write_text(PAGE, encoding="utf-8")
    (root / "docs" / "other.md").write_text(OTHER, encoding="utf-8")
    (root / "overrides" / "main.html").write_text(OVERRIDE, encoding="utf-8")
    if config:
        (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return catalogs.Layout(root)


def names(layout: catalogs.Layout, paths: list[Path]) -> list[str]:
    return [layout.rel(p) for p in paths]


FIRST_RUN = ["locales/other.pot", "locales/page.pot", "locales/_interface.pot",
             "locales/es/other.po", "locales/es/page.po", "locales/es/_interface.po"]


def test_make_catalogs_writes_templates_then_catalogs_and_a_second_run_nothing(tmp_path):
    layout = project(tmp_path)
    assert names(layout, catalogs.update_all(layout, ["es"])) == FIRST_RUN
    for name in FIRST_RUN:
        assert (tmp_path / name).is_file()
        if name.endswith(".po"):
            msgfmt_check(tmp_path / name)
    page = (tmp_path / "locales/es/page.po").read_text(encoding="utf-8")
    assert page.endswith(
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
        '\n#. Front matter: title\n#: docs/page.md:2\nmsgid "Page"\nmsgstr ""\n'
        '\n#. Paragraph before the first section\n#: docs/page.md:5\nmsgid "Pain in the back."\nmsgstr ""\n'
        '\n#. Paragraph before the first section\n#: docs/page.md:7\n'
        'msgid "The device sends a mild current to the spinal cord."\nmsgstr ""\n')
    assert (tmp_path / "locales/page.pot").read_text(encoding="utf-8").startswith(
        "# Template of the catalogs of docs/page.md: written by `make catalogs`, do not edit.\n")
    assert catalogs.update_all(layout, ["es"]) == []


def test_every_language_gets_its_catalogs(tmp_path):
    layout = project(tmp_path)
    changed = names(layout, catalogs.update_all(layout, ["es", "fr"]))
    assert changed == FIRST_RUN + ["locales/fr/other.po", "locales/fr/page.po", "locales/fr/_interface.po"]
    assert '"Language: fr\\n"' in (tmp_path / "locales/fr/page.po").read_text(encoding="utf-8")
    assert names(layout, catalogs.update_all(layout, [])) == []


def test_a_translation_of_one_catalog_reaches_the_others_of_its_language_only(tmp_path):
    layout = project(tmp_path)
    catalogs.update_all(layout, ["es", "fr"])
    set_translations(tmp_path / "locales/es/other.po", {"Pain in the back.": "Dolor de espalda."})
    assert names(layout, catalogs.update_all(layout, ["es", "fr"])) == ["locales/es/page.po"]
    message = catalogs.read(tmp_path / "locales/es/page.po").get("Pain in the back.")
    assert message.string == "Dolor de espalda." and not message.fuzzy
    assert catalogs.read(tmp_path / "locales/fr/page.po").get("Pain in the back.").string == ""


def test_an_edited_and_reverted_paragraph_gets_its_translation_back(tmp_path):
    layout = project(tmp_path)
    catalogs.update_all(layout, ["es"])
    po = tmp_path / "locales/es/page.po"
    set_translations(po, {"The device sends a mild current to the spinal cord.": "El aparato envía una corriente suave a la médula."})
    catalogs.update_all(layout, ["es"])
    translated = po.read_bytes()
    (tmp_path / "docs/page.md").write_text(PAGE.replace("mild", "gentle"), encoding="utf-8")
    assert names(layout, catalogs.update_all(layout, ["es"])) == ["locales/page.pot", "locales/es/page.po"]
    fuzzy = catalogs.read(po).get("The device sends a gentle current to the spinal cord.")
    assert fuzzy.fuzzy and fuzzy.previous_id == ["The device sends a mild current to the spinal cord."]
    msgfmt_check(po)
    (tmp_path / "docs/page.md").write_text(PAGE, encoding="utf-8")
    catalogs.update_all(layout, ["es"])
    assert po.read_bytes() == translated


def test_a_complete_article_gets_its_translation_anchor_and_the_interface_none(tmp_path):
    layout = project(tmp_path)
    catalogs.update_all(layout, ["es"])
    set_translations(tmp_path / "locales/es/other.po", {"Other": "Otra", "Pain in the back.": "Dolor de espalda."})
    interface = tmp_path / "locales/es/_interface.po"
    set_translations(interface, {m.id: "x" for m in catalogs.read(interface) if m.id and not isinstance(m.id, tuple)})
    catalogs.update_all(layout, ["es"], today=dt.date(2026, 5, 4))
    other = catalogs.read(tmp_path / "locales/es/other.po")
    template = catalogs.read(tmp_path / "locales/other.pot")
    assert catalogs.header_fields(other) == {"X-Translates-English": freshness.template_digest(template),
                                             "X-Translation-Matched": "2026-05-04"}
    assert catalogs.header_fields(catalogs.read(tmp_path / "locales/es/page.po")) == {}
    assert catalogs.header_fields(catalogs.read(interface)) == {}


def test_the_stamp_skips_what_did_not_change(tmp_path):
    layout = project(tmp_path)
    stamp = Stamp(tmp_path / "build" / "catalogs.stamp.json")
    assert names(layout, catalogs.update_all(layout, ["es"], stamp=stamp)) == FIRST_RUN
    assert stamp.skipped == 0
    assert sorted(stamp.entries) == sorted([f"pot:{n}" for n in FIRST_RUN[:3]] + [f"es:{n}" for n in FIRST_RUN[3:]])
    stamp.skipped = 0
    assert catalogs.update_all(layout, ["es"], stamp=stamp) == []
    assert stamp.skipped == 3
    # An edited source: its template and its catalog only.
    (tmp_path / "docs/page.md").write_text(PAGE + "\nA new closing sentence.\n", encoding="utf-8")
    stamp.skipped = 0
    assert names(layout, catalogs.update_all(layout, ["es"], stamp=stamp)) == ["locales/page.pot", "locales/es/page.po"]
    assert stamp.skipped == 2
    # A translation in one catalog: every catalog of the language may take it.
    set_translations(tmp_path / "locales/es/other.po", {"Pain in the back.": "Dolor de espalda."})
    stamp.skipped = 0
    assert names(layout, catalogs.update_all(layout, ["es"], stamp=stamp)) == ["locales/es/page.po"]
    assert stamp.skipped == 0
    stamp.skipped = 0
    assert catalogs.update_all(layout, ["es"], stamp=stamp) == [] and stamp.skipped == 3
    # A template deleted by hand is written again; a catalog deleted by hand too.
    (tmp_path / "locales/page.pot").unlink()
    (tmp_path / "locales/es/_interface.po").unlink()
    stamp.skipped = 0
    assert names(layout, catalogs.update_all(layout, ["es"], stamp=stamp)) == ["locales/page.pot", "locales/es/_interface.po"]
    assert stamp.skipped == 0
    # Another language is stamped on its own.
    stamp.skipped = 0
    assert names(layout, catalogs.update_all(layout, ["es", "fr"], stamp=stamp)) == [
        "locales/fr/other.po", "locales/fr/page.po", "locales/fr/_interface.po"]
    assert stamp.skipped == 3


def test_a_stamp_from_other_code_or_content_is_not_trusted(tmp_path):
    layout = project(tmp_path)
    stamp = Stamp(tmp_path / "build" / "catalogs.stamp.json")
    catalogs.update_all(layout, ["es"], stamp=stamp)
    stamp.entries = {key: "0" * 64 for key in stamp.entries}
    stamp.skipped = 0
    # nothing to write (the files are current), but nothing skipped either, and the stamp is right again
    assert catalogs.update_all(layout, ["es"], stamp=stamp) == []
    assert stamp.skipped == 0
    assert catalogs.update_all(layout, ["es"], stamp=stamp) == [] and stamp.skipped == 3


def test_a_catalog_edited_by_hand_into_another_layout_is_written_back(tmp_path):
    layout = project(tmp_path)
    stamp = Stamp(tmp_path / "build" / "catalogs.stamp.json")
    catalogs.update_all(layout, ["es"], stamp=stamp)
    po = tmp_path / "locales/es/page.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "Pain in the back."', 'msgid ""\n"Pain in "\n"the back."'), encoding="utf-8")
    assert names(layout, catalogs.update_all(layout, ["es"], stamp=stamp)) == ["locales/es/page.po"]
    assert po.read_text(encoding="utf-8") == text


def test_a_broken_catalog_stops_make_catalogs_at_its_line(tmp_path):
    layout = project(tmp_path)
    catalogs.update_all(layout, ["es"])
    po = tmp_path / "locales/es/other.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "Other"', 'msgid "Other'), encoding="utf-8")
    with pytest.raises(SourceError) as info:
        catalogs.update_all(layout, ["es"])
    assert str(info.value).startswith("locales/es/other.po:")


# -- one catalog: sync -------------------------------------------------------------------------------


def test_sync_creates_and_updates_one_catalog(tmp_path):
    layout = project(tmp_path)
    template = catalogs.template_for(catalogs.segment.read(tmp_path / "docs/other.md", tmp_path))
    po = tmp_path / "out" / "other.po"
    assert catalogs.sync(po, template, "es") is True
    assert catalogs.read(po).locale_identifier == "es"
    assert catalogs.sync(po, template, "es") is False
    set_translations(po, {"Other": "Otra", "Pain in the back.": "Dolor de espalda."})
    assert catalogs.sync(po, template, "es", source=tmp_path / "docs/other.md", today=dt.date(2026, 5, 4)) is True
    assert catalogs.header_fields(catalogs.read(po))["X-Translation-Matched"] == "2026-05-04"
    memory = catalogs.Memory.of([catalogs.read(po)])
    fresh = tmp_path / "out" / "fr.po"
    assert catalogs.sync(fresh, template, "fr", memory) is True
    assert catalogs.read(fresh).get("Other").string == "Otra"
    assert layout.root == tmp_path


# -- paths, templates, folders ------------------------------------------------------------------------


def test_template_paths_follow_the_docs(tmp_path):
    layout = project(tmp_path)
    (tmp_path / "docs" / "sub").mkdir()
    (tmp_path / "docs" / "sub" / "deep.md").write_text("---\ntitle: Deep\n---\n\nDeep text.\n", encoding="utf-8")
    assert catalogs.template_path(layout, tmp_path / "docs" / "sub" / "deep.md") == tmp_path / "locales" / "sub" / "deep.pot"
    assert catalogs.interface_template_path(layout) == tmp_path / "locales" / "_interface.pot"
    found = catalogs.templates(layout)
    assert [(s and layout.rel(s), layout.rel(p)) for s, p, _ in found] == [
        ("docs/other.md", "locales/other.pot"), ("docs/page.md", "locales/page.pot"),
        ("docs/sub/deep.md", "locales/sub/deep.pot"), (None, "locales/_interface.pot")]
    assert [m.id for m in found[2][2] if m.id] == ["Deep", "Deep text."]
    assert found[3][2].get("Hello") is not None
    assert names(layout, catalogs.update_all(layout, ["es"]))[2] == "locales/sub/deep.pot"
    assert (tmp_path / "locales/es/sub/deep.po").is_file()


def test_folders_of_languages_the_site_does_not_configure(tmp_path):
    layout = project(tmp_path)
    assert catalogs.unconfigured_folders(layout, ["es"]) == []  # no locales/ yet
    for name in ("es", "de", "fr"):
        (tmp_path / "locales" / name).mkdir(parents=True)
    (tmp_path / "locales" / "notes.txt").write_text("not a folder", encoding="utf-8")
    errors = catalogs.unconfigured_folders(layout, ["fr", "es"])
    assert [str(e) for e in errors] == [
        "locales/de/: catalogs for language 'de', which mkdocs.yml does not configure (plugins: i18n: languages; "
        "configured translations: es, fr): add the language there, or remove the folder"]
    assert [(e.path, e.line) for e in errors] == [("locales/de/", None)]
    errors = catalogs.unconfigured_folders(layout, [])
    assert [e.path for e in errors] == ["locales/de/", "locales/es/", "locales/fr/"]
    assert "configured translations: none)" in errors[0].message


# -- the interface template ----------------------------------------------------------------------------


def test_interface_strings_of_the_overrides_templates_and_configuration(tmp_path):
    layout = project(tmp_path)
    template = catalogs.interface_template(layout)
    hello = template.get("Hello")
    # the same string twice on one line is one reference; the palette toggle's name adds mkdocs.yml's line
    assert hello.locations == [("overrides/main.html", 1), ("overrides/main.html", 2), ("mkdocs.yml", 7)]
    assert (hello.id, hello.string) == ("Hello", None)  # a repeated singular stays singular
    assert template.get("Close the menu").locations == [("overrides/main.html", 3)]
    assert template.get("Dark mode").locations == [("mkdocs.yml", 5)]
    reviewed = template.get("Source reviewed %(date)s.")
    assert reviewed.locations == [("scripts/healthdocs/templates/article-list.md.j2", 4)]
    ids = [m.id for m in template if m.id]
    assert ids[:2] == ["Hello", "Close the menu"] and ids[-1] == "Dark mode"
    assert catalogs.dumps(template).decode().startswith(
        "# Template of the catalogs of the theme's and the pipeline's templates: written by `make catalogs`, do not edit.\n")
    assert ('the English version has been newer since %(since)s (%(count)s day).',
            'the English version has been newer since %(since)s (%(count)s days).') in ids


def test_interface_template_without_a_configuration(tmp_path):
    layout = project(tmp_path, config=False)
    template = catalogs.interface_template(layout)
    assert template.get("Hello").locations == [("overrides/main.html", 1), ("overrides/main.html", 2)]
    assert template.get("Dark mode") is None


def test_interface_template_is_cached_until_an_override_changes(tmp_path):
    layout = project(tmp_path)
    first = catalogs.interface_template(layout)
    first.get("Hello").locations.append(("changed.html", 1))  # a copy: the cache keeps its own
    first.add("Injected")
    second = catalogs.interface_template(layout)
    assert second.get("Hello").locations == [("overrides/main.html", 1), ("overrides/main.html", 2), ("mkdocs.yml", 7)]
    assert second.get("Injected") is None
    (tmp_path / "overrides" / "main.html").write_text('<p>{{ _("Goodbye for now") }}</p>\n', encoding="utf-8")
    third = catalogs.interface_template(layout)
    assert third.get("Goodbye for now").locations == [("overrides/main.html", 1)]
    assert third.get("Close the menu") is None
    (tmp_path / "overrides" / "partials").mkdir()
    (tmp_path / "overrides" / "partials" / "footer.html").write_text('<p>{{ _("Footer words") }}</p>\n', encoding="utf-8")
    assert catalogs.interface_template(layout).get("Footer words").locations == [("overrides/partials/footer.html", 1)]


def test_interface_template_of_another_root_is_its_own(tmp_path):
    one = project(tmp_path / "one")
    two = project(tmp_path / "two")
    (tmp_path / "two" / "overrides" / "main.html").write_text('<p>{{ _("Only in two") }}</p>\n', encoding="utf-8")
    os.utime(tmp_path / "two" / "overrides" / "main.html", ns=(0, (tmp_path / "one" / "overrides" / "main.html").stat().st_mtime_ns))
    assert catalogs.interface_template(one).get("Only in two") is None
    assert catalogs.interface_template(two).get("Only in two") is not None


def test_an_edited_override_or_palette_name_reaches_the_interface_catalogs_through_the_stamp(tmp_path):
    layout = project(tmp_path)
    stamp = Stamp(tmp_path / "build" / "catalogs.stamp.json")
    catalogs.update_all(layout, ["es"], stamp=stamp)
    (tmp_path / "overrides" / "main.html").write_text(OVERRIDE + '<p>{{ _("Open the menu") }}</p>\n', encoding="utf-8")
    stamp.skipped = 0
    assert names(layout, catalogs.update_all(layout, ["es"], stamp=stamp)) == ["locales/_interface.pot", "locales/es/_interface.po"]
    assert stamp.skipped == 2
    assert catalogs.read(tmp_path / "locales/es/_interface.po").get("Open the menu") is not None
    (tmp_path / "mkdocs.yml").write_text(CONFIG.replace("Dark mode", "Switch to dark mode"), encoding="utf-8")
    stamp.skipped = 0
    assert names(layout, catalogs.update_all(layout, ["es"], stamp=stamp)) == ["locales/_interface.pot", "locales/es/_interface.po"]
    interface = catalogs.read(tmp_path / "locales/es/_interface.po")
    assert interface.get("Switch to dark mode").locations == [("mkdocs.yml", 5)]
    assert interface.get("Dark mode") is None


def test_new_code_updates_every_catalog_again(tmp_path, monkeypatch):
    layout = project(tmp_path)
    stamp = Stamp(tmp_path / "build" / "catalogs.stamp.json")
    catalogs.update_all(layout, ["es"], stamp=stamp)
    monkeypatch.setattr(catalogs, "code_digest", lambda: "another version of the pipeline")
    stamp.skipped = 0
    assert catalogs.update_all(layout, ["es"], stamp=stamp) == []  # the same bytes: nothing written
    assert stamp.skipped == 0
    stamp.skipped = 0
    assert catalogs.update_all(layout, ["es"], stamp=stamp) == [] and stamp.skipped == 3


def test_the_english_is_newer_since_its_files_date(tmp_path):
    layout = project(tmp_path)
    catalogs.update_all(layout, ["es"], today=dt.date(2026, 5, 1))
    po = tmp_path / "locales/es/other.po"
    set_translations(po, {"Other": "Otra", "Pain in the back.": "Dolor de espalda."})
    catalogs.update_all(layout, ["es"], today=dt.date(2026, 5, 1))
    assert catalogs.header_fields(catalogs.read(po))["X-Translation-Matched"] == "2026-05-01"
    source = tmp_path / "docs/other.md"
    source.write_text(OTHER + "\nA new sentence.\n", encoding="utf-8")
    edited = dt.datetime(2026, 5, 3, 12, tzinfo=dt.timezone.utc).timestamp()
    os.utime(source, (edited, edited))
    catalogs.update_all(layout, ["es"], today=dt.date(2026, 5, 9))
    assert catalogs.header_fields(catalogs.read(po))["X-English-Newer-Since"] == "2026-05-03"


# -- the interface template: Jinja as MkDocs themes write it ---------------------------------------------


def test_interface_strings_in_jinja_with_do_break_and_context(tmp_path):
    layout = project(tmp_path)
    (tmp_path / "overrides" / "main.html").write_text(
        '{% set seen = [] %}{% do seen.append(1) %}\n'
        '{% for x in [1, 2] %}{% if x > 1 %}{% break %}{% endif %}{{ _("In a loop") }}{% endfor %}\n'
        '{{ _("Close") }} {{ pgettext("menu", "Close") }}\n{{ _("menu") }}\n{{ pgettext("menu", "Open") }}\n', encoding="utf-8")
    template = catalogs.interface_template(layout)
    assert template.get("In a loop").locations == [("overrides/main.html", 2)]
    assert template.get("Close").locations == [("overrides/main.html", 3)]
    assert template.get("Close", "menu").locations == [("overrides/main.html", 3)]
    assert template.get("menu").locations == [("overrides/main.html", 4)]
    assert template.get("Open", "menu").locations == [("overrides/main.html", 5)]


def test_a_template_jinja_cannot_parse_is_an_error_not_a_silent_loss(tmp_path):
    import jinja2

    layout = project(tmp_path)
    (tmp_path / "overrides" / "main.html").write_text('{{ _("Hello") }}\n{% if %}\n', encoding="utf-8")
    with pytest.raises(jinja2.TemplateSyntaxError):
        catalogs.interface_template(layout)


def test_interface_template_follows_mkdocs_yml_in_one_process(tmp_path):
    layout = project(tmp_path)
    assert catalogs.interface_template(layout).get("Dark mode") is not None
    (tmp_path / "mkdocs.yml").write_text(CONFIG.replace("Dark mode", "Switch to dark mode"), encoding="utf-8")
    template = catalogs.interface_template(layout)
    assert template.get("Dark mode") is None and template.get("Switch to dark mode") is not None


def test_interface_template_follows_a_renamed_override(tmp_path):
    layout = project(tmp_path)
    assert catalogs.interface_template(layout).get("Close the menu").locations == [("overrides/main.html", 3)]
    (tmp_path / "overrides" / "main.html").rename(tmp_path / "overrides" / "base.html")  # same size, same time
    assert catalogs.interface_template(layout).get("Close the menu").locations == [("overrides/base.html", 3)]


def test_interface_template_follows_the_pipelines_templates(tmp_path, monkeypatch):
    from healthdocs import render

    layout = project(tmp_path)
    templates = tmp_path / "pipeline-templates"
    templates.mkdir()
    (templates / "page.md.j2").write_text('{{ _("From the pipeline") }}\n', encoding="utf-8")
    monkeypatch.setattr(render, "TEMPLATES", templates)
    template = catalogs.interface_template(layout)
    assert template.get("From the pipeline").locations == [("pipeline-templates/page.md.j2", 1)]
    assert template.get("Source reviewed %(date)s.") is None
    (templates / "page.md.j2").write_text('{{ _("Edited in the pipeline") }}\n', encoding="utf-8")
    assert catalogs.interface_template(layout).get("Edited in the pipeline") is not None
    (templates / "more.md.j2").write_text('{{ _("Another") }}\n', encoding="utf-8")
    assert catalogs.interface_template(layout).get("Another") is not None


def test_interface_templates_of_two_projects_sharing_their_overrides(tmp_path):
    one = project(tmp_path / "one", config=False)
    (tmp_path / "two").mkdir()
    two = catalogs.Layout(tmp_path / "two", overrides_dir=str(tmp_path / "one" / "overrides"))
    assert catalogs.interface_template(one).get("Hello").locations[0] == ("overrides/main.html", 1)
    # the same files, another root: not the first project's template
    assert catalogs.interface_template(two).get("Hello").locations[0] != ("overrides/main.html", 1)


def test_two_palette_toggles_named_alike_on_one_line_are_one_reference(tmp_path):
    layout = project(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ntheme:\n  palette: [{toggle: {name: Dark mode}}, {toggle: {name: Dark mode}}]\n", encoding="utf-8")
    assert catalogs.interface_template(layout).get("Dark mode").locations == [("mkdocs.yml", 3)]


def test_a_msgid_used_alone_and_with_a_plural_is_one_plural_entry(tmp_path):
    """As xgettext writes it, whichever comes first; the plural is never lost."""
    layout = project(tmp_path)
    (tmp_path / "overrides" / "main.html").write_text(
        '{{ _("day") }}\n{{ ngettext("day", "%(num)s days", 3) }}\n'
        '{{ ngettext("week", "weeks", 2) }}\n{{ _("week") }}\n', encoding="utf-8")
    template = catalogs.interface_template(layout)
    day, week = template.get("day"), template.get("week")
    assert (day.id, day.string, day.locations) == (("day", "%(num)s days"), ("", ""), [("overrides/main.html", 1), ("overrides/main.html", 2)])
    assert day.flags == {"python-format"}
    assert (week.id, week.string, week.locations) == (("week", "weeks"), ("", ""), [("overrides/main.html", 3), ("overrides/main.html", 4)])
    assert week.flags == set()
