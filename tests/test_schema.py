"""Front-matter schema: one test per bad field, each error naming file:line and the field;
and a real build that meets a bad field fails and leaves no site."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from healthdocs import schema, segment
from healthdocs.errors import SourceErrors

PATH = "docs/knee-replacement.md"

GOOD = textwrap.dedent(
    """\
    ---
    title: Knee replacement
    description: Surgery that replaces a worn knee joint with an artificial one.
    source:
      name: MedlinePlus Medical Encyclopedia
      url: https://medlineplus.gov/ency/article/002974.htm
      copyright: A.D.A.M., Inc.
      reviewed: 2020-05-01
      reviewed_by:
        - name: A. Reviewer, MD
          role: Medical Director
        - editorial_team: A.D.A.M.
    adapted: 2026-11-23
    alternative_names:
      - name: Total knee replacement
        explanation: Another name for the surgery when the whole joint is replaced.
      - name: Knee arthroplasty
        explanation: The medical word for rebuilding the knee joint.
    references:
      - "Doe J. *Knee Surgery*. 2nd ed. Springfield: Example Press; 2019."
    related: [hip-replacement]
    ---

    A knee replacement puts in an artificial joint.
    """
)


def errors_of(text: str) -> list[str]:
    with pytest.raises(SourceErrors) as info:
        schema.validate(segment.segment(text, PATH))
    return [str(e) for e in info.value.errors]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def only_error(text: str) -> str:
    errors = errors_of(text)
    assert len(errors) == 1, errors
    return errors[0]


def test_good_front_matter_passes():
    meta = schema.validate(segment.segment(GOOD, PATH))
    assert isinstance(meta, schema.Article)
    assert meta.reviewed == dt.date(2020, 5, 1)
    assert meta.related == ["hip-replacement"]


def test_missing_title():
    text = GOOD.replace("title: Knee replacement\n", "")
    message = only_error(text)
    assert message == f"{PATH}:2: front matter field 'title': required field is missing"


@pytest.mark.parametrize("value", ["2020/05/01", "1 May 2020", "1588291200", "2020-05-01 10:30:00", "'2020-02-30'"])
def test_bad_date(value):
    text = GOOD.replace("reviewed: 2020-05-01", f"reviewed: {value}")
    message = only_error(text)
    assert message.startswith(f"{PATH}:{line_of(text, 'reviewed:')}: front matter field 'source.reviewed': ")
    assert "YYYY-MM-DD" in message or "not a real date" in message


def test_quoted_iso_date_is_accepted():
    meta = schema.validate(segment.segment(GOOD.replace("reviewed: 2020-05-01", "reviewed: '2020-05-01'"), PATH))
    assert meta.reviewed == dt.date(2020, 5, 1)


def test_future_date():
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    text = GOOD.replace("reviewed: 2020-05-01", f"reviewed: {tomorrow.isoformat()}")
    message = only_error(text)
    assert message == f"{PATH}:{line_of(text, 'reviewed:')}: front matter field 'source.reviewed': review date is in the future"


def test_today_is_not_in_the_future():
    text = GOOD.replace("reviewed: 2020-05-01", f"reviewed: {dt.date.today().isoformat()}")
    schema.validate(segment.segment(text, PATH))


def test_empty_alternative_names():
    start = GOOD.index("alternative_names:")
    end = GOOD.index("references:")
    text = GOOD[:start] + "alternative_names: []\n" + GOOD[end:]
    message = only_error(text)
    assert message == (
        f"{PATH}:{line_of(text, 'alternative_names:')}: front matter field 'alternative_names': must have at least one item"
    )


def test_blank_alternative_name():
    text = GOOD.replace("- name: Knee arthroplasty", "- name: '  '")
    message = only_error(text)
    line = line_of(text, "- name: '  '")
    assert message == f"{PATH}:{line}: front matter field 'alternative_names.1.name': must not be empty"


def test_missing_explanation():
    text = GOOD.replace("    explanation: The medical word for rebuilding the knee joint.\n", "")
    assert text != GOOD
    message = only_error(text)
    line = line_of(text, "- name: Knee arthroplasty")
    assert message == f"{PATH}:{line}: front matter field 'alternative_names.1.explanation': required field is missing"


def test_unknown_field():
    text = GOOD.replace("  reviewed: 2020-05-01", "  reviewed: 2020-05-01\n  reveiwed_by: Dr. A")
    message = only_error(text)
    assert message.startswith(f"{PATH}:{line_of(text, 'reveiwed_by')}: front matter field 'source.reveiwed_by': unknown field")
    assert "reviewed_by" in message  # says which fields are allowed


def test_unknown_nested_field():
    text = GOOD.replace("  name: MedlinePlus Medical Encyclopedia", "  name: MedlinePlus Medical Encyclopedia\n  accessed: 2020-05-01")
    message = only_error(text)
    assert message == f"{PATH}:{line_of(text, 'accessed:')}: front matter field 'source.accessed': unknown field (check the spelling; allowed here: name, title, url, copyright, reviewed, reviewed_by)"


def test_missing_and_empty_references():
    text = GOOD.replace('  - "Doe J. *Knee Surgery*. 2nd ed. Springfield: Example Press; 2019."\n', "")
    assert only_error(text).startswith(f"{PATH}:{line_of(text, 'references:')}: front matter field 'references': ")
    text = GOOD.replace('"Doe J. *Knee Surgery*. 2nd ed. Springfield: Example Press; 2019."', '""')
    line = line_of(text, '- ""')
    assert only_error(text) == f"{PATH}:{line}: front matter field 'references.0': must not be empty"


def test_source_url_must_be_a_web_address():
    text = GOOD.replace("url: https://medlineplus.gov/ency/article/002974.htm", "url: medlineplus article 002974")
    assert only_error(text).startswith(f"{PATH}:{line_of(text, 'url:')}: front matter field 'source.url': ")


def test_related_must_be_slugs():
    text = GOOD.replace("related: [hip-replacement]", "related: [Hip Replacement.md]")
    message = only_error(text)
    assert message.startswith(f"{PATH}:{line_of(text, 'related:')}: front matter field 'related.0': 'Hip Replacement.md' is not an article slug")


def test_every_problem_is_reported_at_once():
    text = GOOD.replace("title: Knee replacement\n", "").replace("reviewed: 2020-05-01", "reviewed: someday")
    fields = sorted(e.split("field '")[1].split("'")[0] for e in errors_of(text))
    assert fields == ["source.reviewed", "title"]


def test_exception_needs_a_reason_and_an_approver():
    text = GOOD.replace("related: [hip-replacement]", "exception:\n  reason: Too hard\n")
    errors = errors_of(text)
    assert any("'exception.reason'" in e and "at least 20 characters" in e for e in errors)
    assert any("'exception.approved_by': required field is missing" in e for e in errors)


def test_build_fails_and_leaves_no_site(project_factory):
    project = project_factory()
    path = project.root / "docs" / "spinal-cord-stimulation.md"
    text = path.read_text(encoding="utf-8")
    bad = text.replace("reviewed: 2018-04-09", "reviewed: 2018/04/09")
    assert bad != text
    path.write_text(bad, encoding="utf-8")
    result = project.build()
    assert result.returncode != 0
    assert not project.site.exists()
    assert not (project.root / "build" / "site.tmp").exists()
    line = line_of(bad, "reviewed:")
    assert f"docs/spinal-cord-stimulation.md:{line}: front matter field 'source.reviewed'" in result.stdout + result.stderr


def test_failed_build_keeps_the_previous_site(project_factory):
    project = project_factory()
    assert project.build().returncode == 0
    before = (project.site / "spinal-cord-stimulation" / "index.html").read_bytes()
    path = project.root / "docs" / "spinal-cord-stimulation.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Spinal cord stimulation\n", "", 1), encoding="utf-8")
    result = project.build()
    assert result.returncode != 0
    assert "front matter field 'title': required field is missing" in result.stdout + result.stderr
    assert (project.site / "spinal-cord-stimulation" / "index.html").read_bytes() == before


# -- provenance: the source, its own review and reviewers, this site's adaptation --


def test_provenance_is_read():
    meta = schema.validate(segment.segment(GOOD, PATH))
    assert meta.source.copyright == "A.D.A.M., Inc."
    assert meta.source.reviewed == meta.reviewed == dt.date(2020, 5, 1)
    assert [(r.name, r.role, r.editorial_team) for r in meta.source.reviewed_by] == [
        ("A. Reviewer, MD", "Medical Director", None), (None, None, "A.D.A.M."),
    ]
    assert meta.adapted == dt.date(2026, 11, 23)


def test_old_top_level_review_date_says_where_it_moved():
    text = GOOD.replace("adapted: 2026-11-23\n", "adapted: 2026-11-23\nreviewed: 2020-05-01\n")
    message = only_error(text)
    line = [i for i, ln in enumerate(text.split("\n"), 1) if ln == "reviewed: 2020-05-01"][0]
    assert message.startswith(f"{PATH}:{line}: front matter field 'reviewed': unknown field: ")
    assert "source.reviewed" in message and "source.reviewed_by" in message


@pytest.mark.parametrize("field", ["copyright", "reviewed", "reviewed_by"])
def test_source_provenance_is_required(field):
    lines = GOOD.split("\n")
    start = lines.index(f"  {field}: " + {"copyright": "A.D.A.M., Inc.", "reviewed": "2020-05-01", "reviewed_by": ""}[field].strip()
                        if field != "reviewed_by" else "  reviewed_by:")
    end = start + 1
    while field == "reviewed_by" and lines[end].startswith("    "):
        end += 1
    text = "\n".join(lines[:start] + lines[end:])
    message = only_error(text)
    assert message == f"{PATH}:{line_of(text, 'source:')}: front matter field 'source.{field}': required field is missing"


def test_adaptation_date_is_required_and_not_in_the_future():
    text = GOOD.replace("adapted: 2026-11-23\n", "")
    assert only_error(text) == f"{PATH}:2: front matter field 'adapted': required field is missing"
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    text = GOOD.replace("adapted: 2026-11-23", f"adapted: {tomorrow.isoformat()}")
    assert only_error(text) == f"{PATH}:{line_of(text, 'adapted:')}: front matter field 'adapted': adaptation date is in the future"


@pytest.mark.parametrize("reviewer", [
    "    - role: Medical Director",  # neither a name nor a team
    "    - name: B. Other\n      editorial_team: A.D.A.M.",  # both
    "    - editorial_team: A.D.A.M.\n      role: Editors",  # a team has no role
])
def test_each_reviewer_is_a_person_or_an_editorial_team(reviewer):
    text = GOOD.replace("    - editorial_team: A.D.A.M.", reviewer)
    message = only_error(text)
    assert message.startswith(f"{PATH}:{line_of(text, reviewer.split(chr(10))[0].strip())}: front matter field 'source.reviewed_by.1': ")
    assert "name" in message and "editorial_team" in message
