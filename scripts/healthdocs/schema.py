"""The front-matter schema of an article, with errors that name the file, line and field."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, field_validator

from .errors import SourceError, SourceErrors
from .segment import Document


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Source(_Strict):
    name: str = Field(min_length=1)
    url: HttpUrl


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
    reviewed: dt.date
    source: Source
    alternative_names: list[AlternativeName] = Field(min_length=1)
    references: list[str] = Field(min_length=1)
    abbreviations: list[Abbreviation] = []
    related: list[str] = []
    exception: Exception_ | None = None

    @field_validator("reviewed")
    @classmethod
    def _not_in_future(cls, value: dt.date) -> dt.date:
        if value > dt.date.today():
            raise ValueError("review date is in the future")
        return value


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
            message = err["msg"]
            if err["type"] == "missing":
                message = "required field is missing"
            errors.append(SourceError(doc.path, doc.line_of(*loc), f"front matter field '{name}': {message}"))
        raise SourceErrors(errors) from None
