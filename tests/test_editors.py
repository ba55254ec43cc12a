"""Editors' tools: `new-article` (scaffold) and `check-content` (front matter, related
articles, readability limits and exceptions, review dates)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup
from healthdocs import catalogs, content, scaffold, schema, segment, site
from healthdocs.errors import SourceErrors

from .conftest import Project

SECTIONS = [
    "Description",
    "Why the procedure is performed",
    "Risks",
    "Before the procedure",
    "After the procedure",
    "Outlook (prognosis)",
    "Alternative names",
    "References",
]


# -- new-article ----------------------------------------------------------------------


def test_template_has_every_section_and_field():
    text = scaffold.render("knee-replacement", dt.date(2024, 5, 31))
    doc = segment.segment(text, "docs/knee-replacement.md")
    headings = [u.msgid for u in doc.body_units if u.kind == "heading"]
    assert headings == SECTIONS
    assert text.index("## Alternative names\n\n<!-- alternative-names -->") < text.index("## References\n\n<!-- references -->")
    assert set(doc.meta) == set(schema.Article.model_fields)  # every field in place
    meta = schema.validate(doc)
    assert meta.title == "Knee replacement"
    assert meta.reviewed == dt.date(2024, 5, 31)
    assert len(meta.alternative_names) == 1 and meta.alternative_names[0].explanation
    assert len(meta.references) == 1
    assert meta.exception is None and meta.related == []


def test_title_from_slug():
    assert scaffold.title_from_slug("knee-replacement") == "Knee replacement"
    assert scaffold.title_from_slug("hip-replacement-2") == "Hip replacement 2"


def written(scaffold_text: str) -> str:
    """The scaffold as an editor leaves it: every TODO text written, the review date set."""
    lines = [line.split("  # TODO:")[0] for line in scaffold_text.split("\n")]
    return "\n".join(lines).replace("TODO: ", "")


def test_new_article_builds_in_both_languages(project_factory):
    project = project_factory()
    result = project.run("new-article", "knee-replacement")
    assert result.returncode == 0, result.stderr
    assert "created docs/knee-replacement.md" in result.stdout
    source = project.read("docs/knee-replacement.md")
    assert f"reviewed: {dt.date.today().isoformat()}  # TODO:" in source

    # Untouched, the scaffold is refused: a placeholder is never published.
    result = project.build()
    assert result.returncode == 1 and "docs/knee-replacement.md:" in result.stderr and "TODO" in result.stderr
    # The editor writes the text (here: the placeholders without their TODO marks) and the review date.
    project.write("docs/knee-replacement.md", written(source))
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr

    english = project.html("knee-replacement/index.html")
    assert english.html["lang"] == "en"
    assert english.select_one("h1").get_text(strip=True) == "Knee replacement"
    assert english.find(id="risks") is not None
    assert english.select_one(".hd-notice") is None
    home = project.html("index.html")
    assert "knee-replacement/" in [a.get("href") for a in home.select("article a")]

    spanish = project.html("es/knee-replacement/index.html")
    assert spanish.html["lang"] == "es"
    assert spanish.select_one(".hd-notice") is not None
    fallback = " ".join(e.get_text(" ") for e in spanish.select('article [lang="en"]'))
    assert "Say what happens during the procedure, step by step." in fallback
    assert "Why the procedure is performed" in fallback
    assert spanish.find(id="risks") is not None  # anchors are the same in every language
    home_es = project.html("es/index.html")
    assert "knee-replacement/" in [a.get("href") for a in home_es.select("article a")]

    # The alternative name has its glossary page in both languages (untranslated: the English name).
    assert (project.site / "glossary" / "other-name-for-knee-replacement" / "index.html").exists()
    term_es = project.html("es/glosario/other-name-for-knee-replacement/index.html")
    assert term_es.html["lang"] == "es"


def test_new_article_refuses_an_existing_file(project_factory):
    project = project_factory()
    before = project.read("docs/spinal-cord-stimulation.md")
    result = project.run("new-article", "spinal-cord-stimulation")
    assert result.returncode == 1
    assert "docs/spinal-cord-stimulation.md already exists" in result.stderr
    assert project.read("docs/spinal-cord-stimulation.md") == before


@pytest.mark.parametrize(
    "slug,message",
    [
        ("Knee Replacement", "not a valid slug"),
        ("knee_replacement", "not a valid slug"),
        ("knee--replacement", "not a valid slug"),
        ("../knee", "not a valid slug"),
        ("knee.md", "not a valid slug"),
        ("rodilla-ñ", "not a valid slug"),
        ("index", "reserved"),
        ("glossary", "reserved"),
        ("es", "reserved"),
    ],
)
def test_new_article_refuses_a_bad_slug(project_factory, slug, message):
    project = project_factory()
    before = sorted(p.name for p in (project.root / "docs").iterdir())
    result = project.run("new-article", slug)
    assert result.returncode == 1
    assert message in result.stderr
    assert sorted(p.name for p in (project.root / "docs").iterdir()) == before


def test_new_article_without_a_slug_says_how(project_factory):
    result = project_factory().run("new-article")
    assert result.returncode == 1
    assert "make new-article SLUG=" in result.stderr


def test_bad_slug_gets_a_suggestion(tmp_path):
    with pytest.raises(scaffold.ScaffoldError, match="for example 'knee-replacement'"):
        scaffold.new_article(catalogs.Layout(tmp_path), "Knee Replacement")


# -- related articles -----------------------------------------------------------------


def loaded(project: Project) -> site.Site:
    return site.load(catalogs.Layout(project.root))


def add_related(project: Project, related: str) -> str:
    path = project.root / "docs" / "spinal-cord-stimulation.md"
    text = path.read_text(encoding="utf-8").replace("\nadapted: ", f"\nrelated: {related}\nadapted: ", 1)
    path.write_text(text, encoding="utf-8")
    return text


def test_check_related_accepts_existing_articles(project_factory):
    project = project_factory()
    assert project.run("new-article", "knee-replacement").returncode == 0
    add_related(project, "[knee-replacement]")
    content.check_related(loaded(project))


def test_check_related_names_file_line_and_field(project_factory):
    project = project_factory()
    assert project.run("new-article", "knee-replacement").returncode == 0
    text = add_related(project, "\n  - knee-replacement\n  - hip-replacement\n  - spinal-cord-stimulation\n  - index")
    with pytest.raises(SourceErrors) as info:
        content.check_related(loaded(project))
    lines = text.split("\n")
    line = {name: lines.index(f"  - {name}") + 1 for name in ("hip-replacement", "spinal-cord-stimulation", "index")}
    messages = [str(e) for e in info.value.errors]
    assert len(messages) == 3
    assert messages[0].startswith(
        f"docs/spinal-cord-stimulation.md:{line['hip-replacement']}: front matter field 'related.1': no article 'hip-replacement'"
    )
    assert messages[1].startswith(f"docs/spinal-cord-stimulation.md:{line['spinal-cord-stimulation']}: front matter field 'related.2'")
    assert "itself" in messages[1]
    assert messages[2].startswith(f"docs/spinal-cord-stimulation.md:{line['index']}: front matter field 'related.3'")
    assert "not an article" in messages[2]


# -- review dates ----------------------------------------------------------------------


def test_due_for_review(project_factory):
    project = project_factory()
    s = loaded(project)
    # The real article's source was reviewed on 2018-04-09; reviews are due after 3 years.
    assert content.REVIEW_YEARS == 3
    assert content.due_for_review(s, dt.date(2021, 4, 8)) == []
    due = content.due_for_review(s, dt.date(2021, 4, 9))
    assert [(d.path, d.reviewed, d.due) for d in due] == [
        ("docs/spinal-cord-stimulation.md", dt.date(2018, 4, 9), dt.date(2021, 4, 9))
    ]
    assert content.due_for_review(s, dt.date(2023, 4, 8), years=5) == []
    assert content.due_for_review(s, dt.date(2025, 1, 1), years=10) == []


# -- check-content ---------------------------------------------------------------------

EASY_BODY = """\
You will get a small test device first. It shows if the treatment helps your pain.

- A doctor numbs your skin with medicine.
- Thin wires go under your skin.
- The wires hook up to a small box that you carry.
- You can go home the same day.

If the test helps, you get a device that stays in. It goes under the skin of your belly.
A battery runs it. Some types can be charged. Others last 2 to 5 years.

Most people go home the same day. Do not lift heavy things while you heal.
Walking can help you get well. Call your doctor if you have a fever or the cut gets red.
Ask your doctor when you can drive, bathe and go back to work.
"""

HARD_BODY = """\
Neuromodulatory interventions necessitate comprehensive multidisciplinary evaluation, incorporating psychological
assessment, radiological characterization of the epidural anatomy, and individualized pharmacological optimization,
before implantation of permanent stimulation hardware is contemplated by the responsible interdisciplinary team.

Postoperative complications, including cerebrospinal fluid leakage, epidural hematoma formation, electrode migration,
and periprosthetic infection necessitating explantation, occur with clinically significant frequency, particularly
among immunocompromised individuals with considerable comorbidities.

Consequently, prospective candidates should anticipate extensive preoperative consultations, comprehensive
psychological screening, and meticulous documentation of previously attempted conservative therapeutic modalities,
including physiotherapy, pharmacotherapy, and interventional procedures.

Intraoperative neurophysiological monitoring facilitates identification of appropriate electrode positioning,
whereas postoperative programming necessitates iterative adjustments of stimulation parameters.
"""


def write_article(project: Project, slug: str, body: str, extra: str = "") -> str:
    text = f"""\
---
title: {slug.replace('-', ' ').capitalize()}
description: A test article.
source:
  name: Test source
  url: https://example.org/{slug}
  copyright: Example Publisher
  reviewed: 2024-01-15
  reviewed_by:
    - name: A. Reviewer, MD
adapted: 2026-11-23
alternative_names:
  - name: Test name for {slug}
    explanation: A name used only by this test.
references:
  - "Doe J. *Test*. 2024."
{extra}---

{body}
## Alternative names

<!-- alternative-names -->

## References

<!-- references -->
"""
    project.write(f"docs/{slug}.md", text)
    return text


def test_check_content_flags_the_2018_review_as_due_today(project_factory):
    """`make check-content` as editors run it: today's date, the default 3 years. A notice, not a failure,
    and not something the page tells readers."""
    project = project_factory()
    result = project.run("check-content")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "docs/spinal-cord-stimulation.md: source last reviewed 2018-04-09, review was due 2021-04-09" in result.stdout
    assert project.build().returncode == 0
    for rel in ("site/spinal-cord-stimulation/index.html", "site/es/spinal-cord-stimulation/index.html"):
        page = project.read(rel)
        assert "2021-04-09" not in page and "due" not in BeautifulSoup(page, "lxml").select_one("footer.hd-article-footer").get_text()


def test_check_content_passes_on_the_real_project(project_factory):
    project = project_factory()
    result = project.run("check-content", "--today", "2026-01-01")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "docs/spinal-cord-stimulation.md" in out
    assert "en: grade " in out
    assert "due for medical review" in out  # a notice, not a failure
    assert "Notice: due for medical review (older than 3 years):" in out
    assert "docs/spinal-cord-stimulation.md: source last reviewed 2018-04-09, review was due 2021-04-09" in out
    assert out.rstrip().endswith("check-content: ok")
    result = project.run("check-content", "--today", "2026-01-01", "--review-years", "10")
    assert "due for medical review" not in result.stdout


def test_check_content_fails_above_the_english_limit(project_factory):
    project = project_factory()
    write_article(project, "easy-article", EASY_BODY)
    write_article(project, "hard-article", HARD_BODY)
    result = project.run("check-content")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "docs/hard-article.md: English Flesch-Kincaid grade" in result.stdout
    assert "docs/easy-article.md: English" not in result.stdout
    assert "check-content: 1 problem(s)" in result.stdout


def test_approved_exception_lets_the_article_pass(project_factory):
    project = project_factory()
    exception = (
        "exception:\n"
        "  reason: A test text that has to use long medical words.\n"
        "  approved_by: Dr. Test Editor\n"
    )
    write_article(project, "hard-article", HARD_BODY, exception)
    result = project.run("check-content")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ABOVE THE LIMIT" in result.stdout
    assert "exception approved by Dr. Test Editor" in result.stdout


def test_check_content_fails_above_the_spanish_limit(project_factory):
    project = project_factory()
    write_article(project, "easy-article", EASY_BODY)
    assert project.run("catalogs").returncode == 0
    po = project.root / "locales" / "es" / "easy-article.po"
    catalog = read_po(po.open("rb"))
    hard_spanish = (
        "La neuromodulación medular constituye una intervención terapéutica extraordinariamente especializada, "
        "cuya indicación requiere evaluaciones multidisciplinarias pormenorizadas e individualizadas previamente "
        "a la implantación definitiva de dispositivos electrónicos."
    )
    for message in catalog:
        if message.id and message.auto_comments and not message.auto_comments[0].startswith("Front matter"):
            if not message.auto_comments[0].startswith("Heading") and not any(c.isdigit() for c in message.id):
                message.string = hard_spanish  # (a msgstr that drops the English numbers would stop the build)
    buf = io.BytesIO()
    write_po(buf, catalog, width=79)
    po.write_bytes(buf.getvalue())
    result = project.run("check-content")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "locales/es/easy-article.po: Spanish INFLESZ" in result.stdout
    assert "docs/easy-article.md: English" not in result.stdout


def test_check_content_reports_front_matter_errors(project_factory):
    project = project_factory()
    text = write_article(project, "broken-article", EASY_BODY).replace("reviewed: 2024-01-15", "reviewed: 2024-02-30")
    project.write("docs/broken-article.md", text)
    result = project.run("check-content")
    assert result.returncode == 1
    line = [ln.strip() for ln in text.split("\n")].index("reviewed: 2024-02-30") + 1
    assert f"docs/broken-article.md:{line}: front matter field 'source.reviewed': '2024-02-30' is not a real date" in result.stdout

    text = text.replace("reviewed: 2024-02-30", "reviewed: 2024-01-15").replace("title: ", "titel: ")
    project.write("docs/broken-article.md", text)
    result = project.run("check-content")
    assert result.returncode == 1
    assert "docs/broken-article.md:2: front matter field 'title': required field is missing" in result.stdout
    assert "front matter field 'titel': unknown field" in result.stdout


def test_check_content_checks_related(project_factory):
    project = project_factory()
    add_related(project, "[no-such-article]")
    result = project.run("check-content")
    assert result.returncode == 1
    assert "front matter field 'related.0': no article 'no-such-article'" in result.stdout


def test_check_content_lists_template_text(project_factory):
    project = project_factory()
    assert project.run("new-article", "knee-replacement").returncode == 0
    result = project.run("check-content")
    assert result.returncode == 1, result.stdout  # placeholders are errors: they must never be published
    assert "docs/knee-replacement.md:" in result.stdout and "TODO" in result.stdout
    project.write("docs/knee-replacement.md", written(project.read("docs/knee-replacement.md")))
    result = project.run("check-content")
    assert "TODO" not in result.stdout and "template text" not in result.stdout, result.stdout
    assert "not scored" in result.stdout
