"""The front-matter schema of an article, with errors that name the file, line and field.

An article must have a title, a description, its provenance, at least one
alternative name with a plain-language explanation, and at least one
reference.  Any other field is an error (a misspelt field would otherwise be
ignored without a word).

Provenance says truthfully where the text comes from and how current it is::

    source:
      name: MedlinePlus Medical Encyclopedia    # the work the article is adapted from
      title: Spinal cord stimulation            # the source page's own title (optional)
      url: https://medlineplus.gov/ency/article/007560.htm
      copyright: A.D.A.M., Inc.                 # who holds the copyright of the source text
      reviewed: 2018-04-09                      # the source's own medical review (its date, YYYY-MM-DD)
      reviewed_by:                              # ... and who did it, in the source's order
        - name: C. Benjamin Ma, MD
          role: Professor, Chief, Sports Medicine and Shoulder Service, UCSF ...
        - editorial_team: A.D.A.M.              # "the A.D.A.M. Editorial team"
    adapted: 2026-12-01                         # when this site wrote its own version

The review is the *source's*: the page says so, and `make check-content`
lists it for editors once it is `content.REVIEW_YEARS` old.  Each
translation's own date (when it last matched the English) is kept in its
catalog, not here: see `freshness`.  Dates are ISO dates, not in the future.  `docs/spinal-cord-stimulation.md` shows every field;
`make new-article SLUG=...` starts a new article with all of them in place.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationError,
    field_validator,
    model_validator,
)

from .errors import SourceError, SourceErrors
from .segment import Document


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: An article's slug: its file name under docs/ without ".md" (lowercase words joined by hyphens).
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _iso_date(value: Any) -> Any:
    """YAML reads an unquoted 2018-04-09 as a date; accept that or the same text quoted, nothing else
    (pydantic alone would also take a Unix timestamp such as 1523232000, or a date and time)."""
    if isinstance(value, dt.datetime):
        raise ValueError("must be a date without a time, written YYYY-MM-DD (for example 2024-05-31)")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value.strip()!r} is not a real date") from None
    raise ValueError("must be an ISO date, YYYY-MM-DD (for example 2024-05-31)")


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise ValueError(
            f"{value!r} is not an article slug: write the article's file name under docs/ without .md "
            "(for example spinal-cord-stimulation)"
        )
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
NonEmpty = Annotated[str, Field(min_length=1)]
Slug = Annotated[str, Field(min_length=1), AfterValidator(_slug)]


class Reviewer(_Strict):
    """One reviewer of the source: a person (name, and their role as the source gives it)
    or an editorial team (the organization's name: `A.D.A.M.` for "the A.D.A.M. Editorial team")."""

    name: str | None = Field(default=None, min_length=1)
    role: str | None = Field(default=None, min_length=1)
    editorial_team: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_kind(self) -> Reviewer:
        if (self.name is None) == (self.editorial_team is None):
            raise ValueError("give either `name` (a person) or `editorial_team` (an organization), not both or neither")
        if self.editorial_team is not None and self.role is not None:
            raise ValueError("`role` is for a person (`name`), not for an `editorial_team`")
        return self


class Source(_Strict):
    name: str = Field(min_length=1, description="The work this article is adapted from")
    title: str | None = Field(default=None, min_length=1, description="The source page's own title")
    url: HttpUrl
    copyright: str = Field(min_length=1, description="Who holds the copyright of the source text")
    reviewed: IsoDate = Field(description="Date of the source's own last medical review; not in the future")
    reviewed_by: list[Reviewer] = Field(min_length=1, description="Who did that review, in the source's order")

    @field_validator("reviewed")
    @classmethod
    def _not_in_future(cls, value: dt.date) -> dt.date:
        return _not_future(value, "review date")


class AlternativeName(_Strict):
    name: str = Field(min_length=1)
    explanation: str = Field(min_length=1, description="Plain-language glossary text for this name")


class Abbreviation(_Strict):
    abbr: str = Field(min_length=1)
    title: str = Field(min_length=1)


class Exception_(_Strict):
    """An editor's justified exception to the readability limits."""

    reason: str = Field(min_length=20)
    approved_by: str = Field(min_length=1)


class Article(_Strict):
    title: str = Field(min_length=1)
    description: str = Field(min_length=1, max_length=200)
    source: Source
    adapted: IsoDate = Field(description="Date this site adapted the source into its own words; not in the future")
    alternative_names: list[AlternativeName] = Field(min_length=1)
    references: list[NonEmpty] = Field(min_length=1)
    abbreviations: list[Abbreviation] = []
    related: list[Slug] = Field(default=[], description="Slugs of other articles; `content.check_related` checks they exist")
    exception: Exception_ | None = None

    @field_validator("adapted")
    @classmethod
    def _not_in_future(cls, value: dt.date) -> dt.date:
        return _not_future(value, "adaptation date")

    @property
    def reviewed(self) -> dt.date:
        """The date of the article's last medical review: the source's (this site does not review)."""
        return self.source.reviewed


def _not_future(value: dt.date, what: str) -> dt.date:
    if value > dt.date.today():
        raise ValueError(f"{what} is in the future")
    return value


#: Fields that moved: the old name, where it is now (said instead of "unknown field").
MOVED = {
    ("reviewed",): "the source's review date is now `source.reviewed`, with its reviewers in `source.reviewed_by` "
    "(this site does not review the text itself; see scripts/healthdocs/schema.py)",
}


class Page(_Strict):
    """Pages that are not articles (the home page)."""

    title: str = Field(min_length=1)
    description: str = Field(min_length=1, max_length=200)
    template: Literal["home"] = "home"


def is_article(doc: Document) -> bool:
    return not doc.path.rsplit("/", 1)[-1].startswith("index.")


def validate(doc: Document) -> Article | Page:
    model = Article if is_article(doc) else Page
    try:
        return model.model_validate(doc.meta)
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            name = ".".join(str(p) for p in loc) or "front matter"
            message = _message(model, loc, err)
            errors.append(SourceError(doc.path, doc.line_of(*loc), f"front matter field '{name}': {message}"))
        raise SourceErrors(errors) from None


def _message(model: type[BaseModel], loc: tuple, err: dict) -> str:
    """pydantic's message, said the way an editor fixes it."""
    kind = err["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        if model is Article and tuple(loc) in MOVED:
            return f"unknown field: {MOVED[tuple(loc)]}"
        parent = _model_at(model, loc[:-1])
        if parent is not None:
            allowed = ", ".join(parent.model_fields)
            return f"unknown field (check the spelling; allowed here: {allowed})"
        return "unknown field"
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    if kind == "string_too_short" and err.get("ctx", {}).get("min_length") == 1:
        return "must not be empty"
    if kind == "too_short" and err.get("ctx", {}).get("actual_length") == 0:
        return "must have at least one item"
    return err["msg"]


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc` (list indexes skipped)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = current.model_fields[part].annotation
        while typing.get_origin(current) is not None:  # list[X], X | None
            args = [a for a in typing.get_args(current) if a is not type(None)]
            current = args[0] if args else None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None
