"""Pages the pipeline adds or completes: translated articles, glossary pages and indexes,
translation status pages, and the sections that articles fill from their front matter.

Markers in the English Markdown say where generated sections go, so a page
still reads sensibly without the pipeline:

    <!-- alternative-names -->   the article's names, each linked to its glossary page
    <!-- references -->          the article's references
    <!-- article-list -->        (home page) every article, in the language's alphabetical order
"""

from __future__ import annotations

from . import glossary, languages, render, stats
from .errors import SourceError
from .glossary import Term
from .segment import front_matter
from .site import Site
from .translate import marked
from .urls import article_for, lookup, relative

__all__ = ["generate", "expand", "terms", "status_pages", "MARKERS", "STATUS_PAGE"]

MARKERS = ("alternative-names", "references", "article-list")
STATUS_PAGE = "translation-status"

#: The theme template of glossary term pages (overrides/glossary-term.html).
TERM_TEMPLATE = "glossary-term.html"


def _marker(name: str) -> str:
    return f"<!-- {name} -->"


def _page(meta: dict, body: str) -> str:
    return f"{front_matter(meta)}\n{body}"


def _title_fallback(fallback) -> dict:
    """Front matter saying that a generated page's title is still in the source language
    (as translate.py says it of an article's): the plugin marks it where the title is shown."""
    return {"translation": {"fallback_fields": ["title"]}} if fallback else {}


def terms(site: Site) -> dict[str, list[Term]]:
    """Every glossary term of every article, per language; collisions are errors."""
    out: dict[str, list[Term]] = {}
    source = site.langs.source
    for lang in site.langs.all:
        found: list[Term] = []
        for article in site.articles:
            if not article.is_article:
                continue
            meta = site.meta(article, lang)
            fallback = set(meta.get("translation", {}).get("fallback_fields", []))
            localized = site.localized[(article.src_uri, lang)] if lang != source else None
            origin_path = localized.po_name if localized is not None else article.doc.path
            catalog = localized.catalog if localized is not None else None
            for i, item in enumerate(meta.get("alternative_names") or []):
                english = article.doc.meta["alternative_names"][i]["name"]
                line = article.doc.line_of("alternative_names", i, "name")
                if catalog is not None:
                    message = catalog.get(english)
                    line = getattr(message, "lineno", line) if message is not None else line
                slug = glossary.slug_for(item["name"])
                found.append(
                    Term(
                        lang=lang,
                        name=item["name"],
                        explanation=item["explanation"],
                        slug=slug,
                        article_uri=site.uri(article, lang),
                        article_title=marked(meta["title"], "title" not in fallback, source),
                        position=i,
                        origin=f"{origin_path}:{line}",
                        src_uri=site.langs.glossary_page_uri(lang, slug),
                        translated=f"alternative_names.{i}.name" not in fallback,
                        explanation_translated=f"alternative_names.{i}.explanation" not in fallback,
                    )
                )
        glossary.check_collisions(found)
        out[lang] = found
    return out


#: Glossary pages made by the last generate() in this process, by what they are made from
#: (the term, its siblings, the languages and the interface catalog): `make serve` makes again
#: only the pages of the terms that changed.  key -> (interface catalog, Markdown)
_made: dict[tuple, tuple] = {}


def _reuse(key: tuple, catalog, made: dict, make) -> str:
    known = _made.get(key)
    if known is None or known[0] is not catalog:
        known = (catalog, make())
    made[key] = known
    return known[1]


def generate(site: Site) -> dict[str, str]:
    """Markdown of every page the pipeline adds, keyed by src_uri."""
    global _made
    out: dict[str, str] = {}
    for lang in site.languages:
        out.update(site.pages(lang))
    site.terms = terms(site)
    source = site.langs.source
    made: dict[tuple, tuple] = {}
    for lang, found in site.terms.items():
        interface = site.interface.get(lang)
        by_article: dict[str, list[Term]] = {}
        for term in found:
            by_article.setdefault(term.article_uri, []).append(term)
        for term in found:
            siblings = tuple(o for o in by_article[term.article_uri] if o is not term)
            key = ("term", term, siblings, source, id(interface))
            out[term.src_uri] = _reuse(key, interface, made, lambda term=term, siblings=siblings, lang=lang: _term_page(site, lang, term, siblings))
        index_uri = site.langs.glossary_index_uri(lang)
        key = ("index", lang, tuple(found), source, id(interface))
        out[index_uri] = _reuse(key, interface, made, lambda lang=lang, found=found: _index_page(site, lang, found))
    _made = made
    out.update(status_pages(site))
    return out


def _term_page(site: Site, lang: str, term: Term, siblings: tuple[Term, ...]) -> str:
    """A glossary term's page: its name, explanation and article, and the article's other names."""
    source = site.langs.source
    gettext = site.marked_gettext(lang)
    others = [
        {"name": marked(o.name, o.translated, source), "link": relative(term.src_uri, o.src_uri)}
        for o in siblings
    ]
    meta = {
        "title": term.name,
        "description": term.explanation,
        "glossary_term": {"name": term.name, "article": term.article_uri, "key": list(term.key)},
        # overrides/glossary-term.html: a thinner page (most of the site's pages are terms)
        "template": TERM_TEMPLATE,
        **_title_fallback(not term.translated),
    }
    body = render.render(
        "glossary-term.md.j2",
        lang,
        gettext,
        term=term,
        name=marked(term.name, term.translated, source),
        explanation=marked(term.explanation, term.explanation_translated, source),
        article_title=term.article_title,
        article_link=relative(term.src_uri, term.article_uri),
        others=others,
        index_link="index.md",
    )
    return _page(meta, body)


def _index_page(site: Site, lang: str, found: list[Term]) -> str:
    """A language's glossary index: every term under its letter."""
    source = site.langs.source
    gettext = site.marked_gettext(lang)
    index_uri = site.langs.glossary_index_uri(lang)
    groups = [
        (
            label,
            [
                {
                    "name": marked(t.name, t.translated, source),
                    "link": relative(index_uri, t.src_uri),
                    "explanation": marked(t.explanation, t.explanation_translated, source),
                    "article_title": t.article_title,
                    "article_link": relative(index_uri, t.article_uri),
                }
                for t in group
            ],
        )
        for label, group in glossary.letter_groups(found, lang, source)
    ]
    body = render.render("glossary-index.md.j2", lang, gettext, groups=groups)
    title = site.interface_string(lang, "Glossary")
    return _page({"title": title.text, "glossary_index": True, **_title_fallback(title.lang)}, body)


def status_pages(site: Site) -> dict[str, str]:
    """A "Translation status" page per language, from the same numbers as `make stats`.

    Each translation's page reports its own catalogs; the source language's page
    reports every translation language, one section each.
    """
    if not site.languages:
        return {}
    data = stats.from_site(site)
    source = site.langs.source
    out: dict[str, str] = {}
    by_source = {a.src_uri: a for a in site.articles}
    for lang in site.langs.all:
        uri = site.langs.localized_uri(f"{STATUS_PAGE}.md", lang)
        reports = []
        for reported_lang in site.languages if lang == source else [lang]:
            reported = data[reported_lang]

            def link(src: str, lang: str = lang, uri: str = uri) -> str:
                return relative(uri, site.uri(by_source[src], lang))  # the article in the page's language

            rows = stats.status_rows(reported, link=link)
            for row, item in zip(rows, reported.catalogs, strict=True):
                # The page's own language where there is a translation; the source language, marked, where not.
                shown = item.translated_title if lang != source else None
                row["title"] = shown or item.title
                row["lang"] = None if (shown or lang == source) else source
            reports.append({"lang": reported_lang, "name": site.langs.name(reported_lang),
                            "rows": rows, "total": stats.total_row(reported)})
        body = render.render("translation-status.md.j2", lang, site.marked_gettext(lang), reports=reports)
        title = site.interface_string(lang, "Translation status")
        meta = {"title": title.text, "translation_status": [r["lang"] for r in reports], **_title_fallback(title.lang)}
        out[uri] = _page(meta, body)
    return out


def expand(site: Site, markdown: str, meta: dict, lang: str, src_uri: str) -> str:
    """Fill the markers of one page and add its abbreviation definitions."""
    if not any(_marker(m) in markdown for m in MARKERS) and not meta.get("abbreviations"):
        return markdown
    article = article_for(site, src_uri)
    gettext = site.marked_gettext(lang)
    source = site.langs.source
    if _marker("alternative-names") in markdown:
        if article is None:
            raise SourceError(src_uri, None, "<!-- alternative-names --> is only for articles")
        own = lookup(site).own_terms.get((lang, site.uri(article, lang)), [])
        listed = [{"name": marked(render.escape_markdown(t.name), t.translated, source), "link": relative(src_uri, t.src_uri)}
                  for t in own]
        markdown = markdown.replace(
            _marker("alternative-names"), render.render("alternative-names.md.j2", lang, gettext, terms=listed)
        )
    if _marker("references") in markdown:
        markdown = markdown.replace(
            _marker("references"),
            render.render("references.md.j2", lang, gettext, source=source, references=meta.get("references") or []),
        )
    if _marker("article-list") in markdown:
        entries = []
        for other in site.articles:
            if not other.is_article:
                continue
            other_meta = site.meta(other, lang)
            shown = set(other_meta.get("translation", {}).get("fallback_fields", []))
            entries.append(
                {
                    "name": other_meta["title"],
                    # an untranslated title or description is marked as the source language
                    "title": marked(other_meta["title"], "title" not in shown, source),
                    "description": marked(other_meta["description"], "description" not in shown, source),
                    "reviewed": other.meta.source.reviewed,  # type: ignore[union-attr]
                    "link": relative(src_uri, site.uri(other, lang)),
                }
            )
        entries = languages.get(lang).sorted(entries, key=lambda e: e["name"])
        markdown = markdown.replace(
            _marker("article-list"),
            render.render(
                "article-list.md.j2",
                lang,
                gettext,
                articles=entries,
                glossary_link=relative(src_uri, site.langs.glossary_index_uri(lang)),
            ),
        )
    if meta.get("abbreviations"):
        markdown += "\n" + render.render("abbreviations.md.j2", lang, gettext, abbreviations=meta["abbreviations"])
    return markdown
