"""Editorial checks of every article: front matter, related articles, readability, review dates.

`make check-content` runs `check_content` and fails (exit 1) on:

- a front-matter error (schema.validate: file, line and field);
- a `related:` slug that names no article (`check_related`);
- an article above the plain-language limit of a language's readability
  formula (`healthdocs.languages`), unless its front matter carries an
  approved exception::

      exception:
        reason: Names of devices and conditions cannot be made shorter.
        approved_by: Dr. A. Editor

It also lists, as notices that do not fail, articles whose medical review
(the source's: `source.reviewed`) is `REVIEW_YEARS` old or older
(`due_for_review`), and says which languages have no readability formula (their
articles are not scored).  The review notice is for editors: the page itself
shows the review's date and reviewers, never "due".

It fails, too, on a line that still holds the new-article template's placeholder
text (``TODO:``), the dates it wrote included (`placeholders`; the build fails
on them too).

`readability_report(site)` and `due_for_review(site, today)` are for other
reports too (`make stats`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import catalogs, languages, schema, segment
from .errors import SourceError, SourceErrors
from .readability import LIMITS, ArticleReadability, Limits, readability_report
from .site import Site, load

__all__ = [
    "REVIEW_YEARS",
    "ReviewDue",
    "check_related",
    "due_for_review",
    "readability_report",
    "validate_sources",
    "check_content",
    "ContentReport",
]

#: An article is due for review when its last review is this many years old: MedlinePlus
#: and the NHS review their pages on a cycle of about 3 years.
REVIEW_YEARS = 3

#: What the new-article template writes where an editor has to write the text.
PLACEHOLDER = "TODO"


def slug_of(src_uri: str) -> str:
    return src_uri[: -len(".md")]


# -- related articles --------------------------------------------------------


def check_related(site: Site) -> None:
    """Every `related:` slug must name another article. Raises SourceErrors naming file:line."""
    articles = {slug_of(a.src_uri): a for a in site.articles if a.is_article}
    pages = {slug_of(a.src_uri) for a in site.articles if not a.is_article}
    errors: list[SourceError] = []
    for slug, article in articles.items():
        seen: set[str] = set()
        for i, other in enumerate(getattr(article.meta, "related", None) or []):
            line = article.doc.line_of("related", i)
            where = f"front matter field 'related.{i}'"
            if other == slug:
                errors.append(SourceError(article.doc.path, line, f"{where}: an article cannot be related to itself"))
            elif other in seen:
                errors.append(SourceError(article.doc.path, line, f"{where}: {other!r} is listed twice"))
            elif other in pages:
                errors.append(SourceError(article.doc.path, line, f"{where}: {other!r} is not an article"))
            elif other not in articles:
                known = ", ".join(sorted(articles)) or "none"
                errors.append(
                    SourceError(
                        article.doc.path,
                        line,
                        f"{where}: no article {other!r} ({site.layout.docs_dir}/{other}.md does not exist; "
                        f"articles: {known})",
                    )
                )
            seen.add(other)
    if errors:
        raise SourceErrors(errors)


# -- review dates ------------------------------------------------------------


@dataclass(frozen=True)
class ReviewDue:
    path: str
    title: str
    reviewed: dt.date
    due: dt.date

    def __str__(self) -> str:
        return f"{self.path}: source last reviewed {self.reviewed.isoformat()}, review was due {self.due.isoformat()}"


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def due_for_review(site: Site, today: dt.date | None = None, years: int = REVIEW_YEARS) -> list[ReviewDue]:
    """Articles whose last review is `years` or more years before `today`, oldest first."""
    today = today or dt.date.today()
    due = []
    for article in site.articles:
        if not article.is_article:
            continue
        reviewed = article.meta.reviewed  # type: ignore[union-attr]
        when = _add_years(reviewed, years)
        if when <= today:
            due.append(ReviewDue(article.doc.path, article.meta.title, reviewed, when))
    return sorted(due, key=lambda d: (d.reviewed, d.path))


# -- front matter ------------------------------------------------------------


def validate_sources(layout: catalogs.Layout) -> list[SourceError]:
    """Front-matter errors of every English source, each naming file, line and field."""
    errors: list[SourceError] = []
    for path in layout.sources():
        try:
            schema.validate(segment.read(path, layout.root))
        except SourceError as exc:
            errors.append(exc)
        except SourceErrors as exc:
            errors.extend(exc.errors)
    return errors


def placeholders(site: Site) -> list[SourceError]:
    """Every line of an English source that still holds the new-article template's
    placeholder text (``TODO:``), the review date the template wrote included: each is
    an error at its file and line, for check-content and the build (a placeholder must
    never be published, and a page must not claim a medical review that never happened)."""
    found = []
    for article in site.articles:
        for number, line in enumerate(article.doc.text.split("\n"), 1):
            if PLACEHOLDER + ":" not in line:
                continue
            if line.lstrip().startswith("reviewed:"):
                message = ("the review date was never set: write the date of the last medical review "
                           f"(YYYY-MM-DD) and remove the {PLACEHOLDER} note")
            elif line.lstrip().startswith("adapted:"):
                message = f"the adaptation date was never set: write it (YYYY-MM-DD) and remove the {PLACEHOLDER} note"
            else:
                message = f"template text still to be written: replace the {PLACEHOLDER}: text"
            found.append(SourceError(article.doc.path, number, message))
    return found


def check_placeholders(site: Site) -> None:
    """The build's check: raises SourceErrors naming every placeholder line."""
    found = placeholders(site)
    if found:
        raise SourceErrors(found)


# -- the whole check -----------------------------------------------------------


@dataclass
class ContentReport:
    errors: list[SourceError] = field(default_factory=list)
    readability: list[ArticleReadability] = field(default_factory=list)
    due: list[ReviewDue] = field(default_factory=list)
    placeholders: list[SourceError] = field(default_factory=list)
    limits: Limits = LIMITS
    years: int = REVIEW_YEARS

    @property
    def failures(self) -> list[str]:
        out = [str(e) for e in self.errors] + [str(p) for p in self.placeholders]
        for item in self.readability:
            if item.failed:
                out.extend(item.problems)
        return out

    @property
    def ok(self) -> bool:
        return not self.failures

    def lines(self) -> list[str]:
        """The report as people read it."""
        out: list[str] = []
        lim = self.limits
        if self.errors:
            out.append("Errors:")
            out.extend(f"  {e}" for e in self.errors)
        if self.readability:
            formulas: dict[str, object] = {}
            for item in self.readability:
                for lang, result in item.results.items():
                    formulas.setdefault(lang, result.formula)
            rules = [f"{languages.get(lang).english_name} {f.rule}" for lang, f in formulas.items() if f is not None]
            out.append(
                f"Readability (limits: {', '.join(rules) or 'none'}; at least {lim.min_words} words to score):"
            )
            for lang, f in formulas.items():
                if f is None:
                    out.append(f"  {lang}: no readability formula for {languages.get(lang).english_name}: "
                               "its articles are not scored")
        for item in self.readability:
            out.append(f"  {item.path}")
            for lang, result in item.results.items():
                if result.formula is None:
                    continue  # said once, above
                covered = "" if result.measured == result.units else f", {result.measured} of {result.units} text blocks translated"
                if result.scores is None:
                    out.append(f"    {lang}: not scored: {result.words} words, fewer than {lim.min_words}{covered}")
                    continue
                verdict = "ok"
                if result.problem:
                    verdict = f"ABOVE THE LIMIT: {result.problem}"
                    if item.exception is not None:
                        verdict += f" (exception approved by {item.exception.approved_by}: {item.exception.reason})"
                out.append(f"    {lang}: {result.scores.summary()}{covered}: {verdict}")
        if self.due:
            out.append(f"Notice: due for medical review (older than {self.years} years):")
            out.extend(f"  {d}" for d in self.due)
        if self.placeholders:
            out.append("Template text still to be written (errors):")
            out.extend(f"  {p}" for p in self.placeholders)
        above = [problem for item in self.readability if item.failed for problem in item.problems]
        if above:
            out.append("Above the plain-language limits (simplify the text, or add an approved `exception:`):")
            out.extend(f"  {problem}" for problem in above)
        failures = self.failures
        out.append(f"check-content: {len(failures)} problem(s)" if failures else "check-content: ok")
        return out


def check_content(
    layout: catalogs.Layout,
    today: dt.date | None = None,
    years: int = REVIEW_YEARS,
    limits: Limits = LIMITS,
) -> ContentReport:
    report = ContentReport(limits=limits, years=years)
    report.errors = validate_sources(layout)
    if report.errors:
        return report
    try:
        site = load(layout)
    except SourceError as exc:
        report.errors.append(exc)
        return report
    except SourceErrors as exc:
        report.errors.extend(exc.errors)
        return report
    try:
        check_related(site)
    except SourceErrors as exc:
        report.errors.extend(exc.errors)
    report.readability = readability_report(site, limits)
    report.due = due_for_review(site, today, years)
    report.placeholders = placeholders(site)
    return report
