"""A new article in one step: `make new-article SLUG=knee-replacement` writes docs/knee-replacement.md.

The file comes from `templates/article.md.j2`: every section heading of a
MedlinePlus-style article, the markers the pipeline fills (alternative names,
references) and every front-matter field with a placeholder value that passes
the schema.  Each placeholder says ``TODO:`` (the review date too), and
`make check-content` and the build fail at each one's file and line until the
editor has written the text: a placeholder is never published.  Nothing else
needs editing: the site finds articles in docs/, the home page lists them and
the glossary gets a page per alternative name.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from slugify import slugify

from . import schema
from .layout import Layout
from .render import environment

TEMPLATE = "article.md.j2"

#: Names a new article cannot take: the home page and what the theme puts at the
#: site's root (the languages' folders and glossary folders too: `Layout.langs`).
RESERVED = frozenset({"index", "404", "assets", "search", "sitemap"})


class ScaffoldError(Exception):
    """Why the article was not created (the CLI prints it and exits 1)."""


def check_slug(slug: str, layout: Layout) -> None:
    if not slug:
        raise ScaffoldError("give the new article's slug, for example: make new-article SLUG=knee-replacement")
    if not schema.SLUG.fullmatch(slug):
        suggestion = slugify(slug, lowercase=True, separator="-")
        hint = f" (for example {suggestion!r})" if suggestion and schema.SLUG.fullmatch(suggestion) else ""
        raise ScaffoldError(
            f"{slug!r} is not a valid slug: use lowercase letters a-z, digits and single hyphens{hint}; "
            "it becomes the file name and the page's address"
        )
    if slug in RESERVED or slug in layout.langs.all or slug in layout.langs.folders():
        raise ScaffoldError(f"{slug!r} is reserved for the site's own pages; choose another slug")


def title_from_slug(slug: str) -> str:
    """knee-replacement -> "Knee replacement" (the editor fixes capitals such as MRI)."""
    words = slug.split("-")
    return " ".join([words[0].capitalize(), *words[1:]])


def render(slug: str, today: dt.date | None = None) -> str:
    title = title_from_slug(slug)
    return environment().get_template(TEMPLATE).render(
        slug=slug,
        title=title,
        topic=title[:1].lower() + title[1:],
        today=(today or dt.date.today()).isoformat(),
    )


def new_article(layout: Layout, slug: str, today: dt.date | None = None) -> Path:
    """Write docs/<slug>.md from the template; refuse a bad slug or an existing article."""
    check_slug(slug, layout)
    path = layout.docs / f"{slug}.md"
    existing = {p.name.lower() for p in layout.docs.glob("*.md")} if layout.docs.is_dir() else set()
    if path.exists() or path.name.lower() in existing:
        raise ScaffoldError(f"{layout.rel(path)} already exists: edit it, or choose another slug")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
        fh.write(render(slug, today))
    return path

