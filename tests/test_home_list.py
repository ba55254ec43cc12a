"""The home page lists every article, one list item each, in both languages, whatever their number."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import format_date
from healthdocs import catalogs

from .conftest import fill

HOME = """---
title: Test home
description: A fixture home page that lists every article.
---

# Test home

<!-- article-list -->
"""

ARTICLE = """---
title: {title}
description: {description}
source:
  name: Fixture source
  url: https://example.org/{slug}
  copyright: Example Publisher
  reviewed: {reviewed}
  reviewed_by:
    - name: A. Reviewer, MD
adapted: 2026-11-23
alternative_names:
  - name: {title} other name
    explanation: Another name for the fixture article {n}.
references:
  - "Roe R. *Book {n}*. 1st ed. Springfield: Example Press; 2018."
---

Article {n} is a fixture.
"""


def articles(count: int) -> list[dict]:
    out = []
    for n in range(count):
        out.append({
            "n": n,
            "slug": f"article-{n:02d}",
            "title": f"Procedure {n:02d}",
            "description": f"What procedure {n:02d} does.",
            "reviewed": dt.date(2020, 1, 1) + dt.timedelta(days=n),
            # Spanish for every other article: the list mixes translated and English titles
            "es": n % 2 == 0,
        })
    return out


def item_texts(project, page: str) -> list[str]:
    html = project.html(page)
    lists = [ul for ul in html.select("article ul") if ul.find("a", href=lambda h: h and "article-" in h)]
    assert len(lists) == 1, f"one list of articles on {page}"
    return [" ".join(li.get_text(" ", strip=True).split()) for li in lists[0].find_all("li", recursive=False)]


@pytest.mark.slow
@pytest.mark.parametrize("count", [1, 2, 50])
def test_home_page_lists_every_article_once_in_both_languages(project_factory, count):
    project = project_factory("two-articles")
    for old in (project.root / "docs").glob("*.md"):
        old.unlink()
    project.write("docs/index.md", HOME)
    found = articles(count)
    for a in found:
        project.write(f"docs/{a['slug']}.md", ARTICLE.format(**a))
    result = project.run("catalogs")
    assert result.returncode == 0, result.stderr
    for a in found:
        if a["es"]:
            fill(project, f"locales/es/{a['slug']}.po", {
                a["title"]: f"Procedimiento {a['n']:02d}",
                a["description"]: f"Lo que hace el procedimiento {a['n']:02d}.",
            })
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr

    english = [f"{a['title']} : {a['description']} Source reviewed {format_date(a['reviewed'], 'long', locale='en')}."
               for a in sorted(found, key=lambda a: a["title"])]
    assert item_texts(project, "index.html") == english

    reviewed_es = catalogs.read(project.root / "locales/es/_interface.po").get("Source reviewed %(date)s.").string

    def spanish(a):
        title = f"Procedimiento {a['n']:02d}" if a["es"] else a["title"]
        description = f"Lo que hace el procedimiento {a['n']:02d}." if a["es"] else a["description"]
        return title, f"{title} : {description} {reviewed_es % {'date': format_date(a['reviewed'], 'long', locale='es')}}"

    expected = [text for _, text in sorted(map(spanish, found))]
    assert item_texts(project, "es/index.html") == expected
    # untranslated titles are marked as English, translated ones are not
    html = project.html("es/index.html")
    marked = {span.get_text() for span in html.select("article li span[lang=en]")}
    assert {a["title"] for a in found if not a["es"]} <= marked
    assert not {f"Procedimiento {a['n']:02d}" for a in found if a["es"]} & marked
