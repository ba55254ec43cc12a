"""Pages the pipeline adds or completes: translated articles, glossary pages and indexes,
and the sections that articles fill from their front matter.

Markers in the English Markdown say where generated sections go, so a page
still reads sensibly without the pipeline:

    <!-- alternative-names -->   the article's names, each linked to its glossary page
    <!-- references -->          the article's references
    <!-- article-list -->        (home page) every article, in the language's alphabetical order
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urljoin

import yaml
from markdown import markdown as render_markdown
from markupsafe import Markup

from . import glossary, render, stats
from .errors import SourceError, SourceErrors
from .glossary import Term
from .render import localized_date
from .site import SOURCE_LANG, Article, Site, localized_uri
from .translate import FALLBACK_CLOSE, FALLBACK_OPEN

#: libyaml's emitter when PyYAML has it: the same text as yaml.safe_dump, several times faster
#: (every generated page's front matter is written with it).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

__all__ = ["generate", "expand", "context", "localized_date"]

MARKERS = ("alternative-names", "references", "article-list")


def _marker(name: str) -> str:
    return f"<!-- {name} -->"


def all_languages(site: Site) -> list[str]:
    return [SOURCE_LANG, *site.languages]


def localized_meta(site: Site, article: Article, lang: str) -> dict:
    if lang == SOURCE_LANG:
        return article.doc.meta
    return site.localized[(article.src_uri, lang)].translation.meta


def _fallback(text: str, translated: bool) -> str:
    return text if translated else f"{FALLBACK_OPEN}{text}{FALLBACK_CLOSE}"


def terms(site: Site) -> dict[str, list[Term]]:
    """Every glossary term of every article, per language; collisions are errors."""
    out: dict[str, list[Term]] = {}
    for lang in all_languages(site):
        found: list[Term] = []
        for article in site.articles:
            if not article.is_article:
                continue
            meta = localized_meta(site, article, lang)
            fallback = set(meta.get("translation", {}).get("fallback_fields", []))
            if lang == SOURCE_LANG:
                origin_path = article.doc.path
            else:
                origin_path = site.localized[(article.src_uri, lang)].po_name
            catalog = site.localized[(article.src_uri, lang)].catalog if lang != SOURCE_LANG else None
            for i, item in enumerate(meta.get("alternative_names") or []):
                english = article.doc.meta["alternative_names"][i]["name"]
                line = article.doc.line_of("alternative_names", i, "name")
                if catalog is not None:
                    message = catalog.get(english)
                    line = getattr(message, "lineno", line) if message is not None else line
                found.append(
                    Term(
                        lang=lang,
                        name=item["name"],
                        explanation=item["explanation"],
                        slug=glossary.slug_for(item["name"]),
                        article_uri=article.localized_uri(lang),
                        article_title=_fallback(meta["title"], "title" not in fallback),
                        position=i,
                        origin=f"{origin_path}:{line}",
                        translated=f"alternative_names.{i}.name" not in fallback,
                    )
                )
        glossary.check_collisions(found)
        out[lang] = found
    return out


def generate(site: Site) -> dict[str, str]:
    """Markdown of every page the pipeline adds, keyed by src_uri."""
    errors: list[SourceError] = []
    out: dict[str, str] = {}
    for lang in site.languages:
        out.update(site.pages(lang))
    try:
        site.terms = terms(site)
    except SourceErrors as exc:
        errors.extend(exc.errors)
    if errors:
        raise SourceErrors(errors)
    for lang, found in site.terms.items():
        gettext = site.gettext(lang)
        by_article: dict[str, list[Term]] = {}
        for term in found:
            by_article.setdefault(term.article_uri, []).append(term)
        for term in found:
            others = [
                {"name": _fallback(o.name, o.translated), "link": glossary.relative(term.src_uri, o.src_uri)}
                for o in by_article[term.article_uri]
                if o is not term
            ]
            meta = {
                "title": term.name,
                "description": term.explanation,
                "glossary_term": {"name": term.name, "article": term.article_uri, "key": list(term.key)},
            }
            body = render.render(
                "glossary-term.md.j2",
                lang,
                gettext,
                term=term,
                name=_fallback(term.name, term.translated),
                explanation=_fallback(term.explanation, term.translated),
                article_title=term.article_title,
                article_link=glossary.relative(term.src_uri, term.article_uri),
                others=others,
                index_link="index.md",
            )
            out[term.src_uri] = _page(meta, body)
        index_uri = glossary.index_uri(lang)
        groups = [
            (
                label,
                [
                    {
                        "name": _fallback(t.name, t.translated),
                        "link": glossary.relative(index_uri, t.src_uri),
                        "article_title": t.article_title,
                    }
                    for t in group
                ],
            )
            for label, group in glossary.letter_groups(found, lang)
        ]
        body = render.render("glossary-index.md.j2", lang, gettext, groups=groups)
        title = gettext.gettext("Glossary")
        out[index_uri] = _page({"title": title, "glossary_index": True}, body)
    out.update(status_pages(site))
    return out


STATUS_PAGE = "translation-status"


def status_pages(site: Site) -> dict[str, str]:
    """A "Translation status" page per language, from the same numbers as `make stats`.

    Each language's page reports its own catalogs; the English page reports the
    first translation language (the site has one today: Spanish).
    """
    if not site.languages:
        return {}
    data = stats.from_site(site)
    out: dict[str, str] = {}
    for lang in all_languages(site):
        reported = data[lang if lang != SOURCE_LANG else site.languages[0]]
        uri = localized_uri(f"{STATUS_PAGE}.md", lang)
        by_source = {a.src_uri: a for a in site.articles}

        def link(source: str, lang: str = lang, uri: str = uri) -> str:
            return glossary.relative(uri, by_source[source].localized_uri(lang))

        gettext = site.gettext(lang)
        rows = stats.status_rows(reported, link=link)
        for row, item in zip(rows, reported.catalogs, strict=True):
            # The page's own language where there is a translation; English, marked, where not.
            shown = item.translated_title if lang != SOURCE_LANG else None
            row["title"] = shown or item.title
            row["lang"] = None if (shown or lang == SOURCE_LANG) else SOURCE_LANG
        body = render.render(
            "translation-status.md.j2", lang, gettext, rows=rows, total=stats.total_row(reported),
        )
        out[uri] = _page({"title": gettext.gettext("Translation status"), "translation_status": reported.lang}, body)
    return out


def _page(meta: dict, body: str) -> str:
    return f"---\n{yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)}---\n\n{body}"


@dataclass
class _Lookup:
    """Pages by src_uri, made once per loaded site (and again once generate() sets the
    terms), so that finding a page's article, terms or counterparts does not loop over
    every article and term for every page."""

    terms: dict  # the site.terms it was made from
    count: int  # len(site.articles) it was made from
    articles: dict[str, Article]  # src_uri in any language -> article
    sources: dict[str, Article]  # English src_uri -> article
    own_terms: dict[tuple[str, str], list[Term]]  # (lang, article src_uri in lang) -> its terms
    term_pairs: dict[str, dict[str, str]]  # term page src_uri -> lang -> src_uri of the same term


def _lookup(site: Site) -> _Lookup:
    cached = site.memo.get("pages.lookup")
    if cached is not None and cached.terms is site.terms and cached.count == len(site.articles):
        return cached
    articles: dict[str, Article] = {}
    for article in site.articles:
        for lang in all_languages(site):
            articles.setdefault(article.localized_uri(lang), article)
    own_terms: dict[tuple[str, str], list[Term]] = {}
    by_key: dict[tuple, dict[str, str]] = {}
    for found in site.terms.values():
        for t in found:
            own_terms.setdefault((t.lang, t.article_uri), []).append(t)
            by_key.setdefault(t.key, {})[t.lang] = t.src_uri
    term_pairs: dict[str, dict[str, str]] = {}
    for found in site.terms.values():
        for t in found:
            term_pairs.setdefault(t.src_uri, by_key[t.key])
    lookup = _Lookup(site.terms, len(site.articles), articles, {a.src_uri: a for a in site.articles}, own_terms, term_pairs)
    site.memo["pages.lookup"] = lookup
    return lookup


def _article_for(site: Site, src_uri: str) -> Article | None:
    return _lookup(site).articles.get(src_uri)


def expand(site: Site, markdown: str, meta: dict, lang: str, src_uri: str) -> str:
    """Fill the markers of one page and add its abbreviation definitions."""
    if not any(_marker(m) in markdown for m in MARKERS) and not meta.get("abbreviations"):
        return markdown
    article = _article_for(site, src_uri)
    gettext = site.gettext(lang)
    if _marker("alternative-names") in markdown:
        if article is None:
            raise SourceError(src_uri, None, "<!-- alternative-names --> is only for articles")
        own = _lookup(site).own_terms.get((lang, article.localized_uri(lang)), [])
        listed = [{"name": _fallback(t.name, t.translated), "link": glossary.relative(src_uri, t.src_uri)} for t in own]
        markdown = markdown.replace(
            _marker("alternative-names"), render.render("alternative-names.md.j2", lang, gettext, terms=listed)
        )
    if _marker("references") in markdown:
        markdown = markdown.replace(
            _marker("references"),
            render.render("references.md.j2", lang, gettext, references=meta.get("references") or []),
        )
    if _marker("article-list") in markdown:
        entries = []
        for other in site.articles:
            if not other.is_article:
                continue
            other_meta = localized_meta(site, other, lang)
            entries.append(
                {
                    "title": other_meta["title"],
                    "description": other_meta["description"],
                    "reviewed": other.doc.meta["reviewed"],
                    "link": glossary.relative(src_uri, other.localized_uri(lang)),
                }
            )
        order = glossary.sort_names([e["title"] for e in entries], lang)
        entries.sort(key=lambda e: order.index(e["title"]))
        markdown = markdown.replace(
            _marker("article-list"),
            render.render(
                "article-list.md.j2",
                lang,
                gettext,
                articles=entries,
                glossary_link=glossary.relative(src_uri, glossary.index_uri(lang)),
            ),
        )
    if meta.get("abbreviations"):
        markdown += "\n" + render.render("abbreviations.md.j2", lang, gettext, abbreviations=meta["abbreviations"])
    return markdown


def navigation(site: Site, lang: str, max_articles: int) -> list[str]:
    """Sources of the pages the navigation lists, in order, for one language."""
    home = [a.localized_uri(lang) for a in site.articles if not a.is_article and a.src_uri == "index.md"]
    articles = [a for a in site.articles if a.is_article]
    listed: list[str] = []
    if len(articles) <= max_articles:
        titles = {a.localized_uri(lang): localized_meta(site, a, lang)["title"] for a in articles}
        order = glossary.sort_names(list(titles.values()), lang)
        listed = sorted(titles, key=lambda uri: order.index(titles[uri]))
    return [*home, *listed, glossary.index_uri(lang), localized_uri(f"{STATUS_PAGE}.md", lang)]


@dataclass
class Counterpart:
    lang: str
    src_uri: str


def counterparts(site: Site, src_uri: str) -> dict[str, str]:
    """The same page in every language: lang -> src_uri."""
    article = _article_for(site, src_uri)
    if article is not None:
        return {lang: article.localized_uri(lang) for lang in all_languages(site)}
    pairs = _lookup(site).term_pairs.get(src_uri)
    if pairs is not None:
        return dict(pairs)
    for lang in all_languages(site):
        index_uri = glossary.index_uri(lang)
        if index_uri == src_uri:
            return {
                other: glossary.index_uri(other)
                for other in all_languages(site)
            }
    return {}


def url_of(src_uri: str, use_directory_urls: bool) -> str:
    """Site-relative URL of a page source in the suffix layout (page.es.md -> es/page/)."""
    parts = src_uri[: -len(".md")].split(".")
    stem, lang = (parts[0], parts[1]) if len(parts) > 1 else (parts[0], SOURCE_LANG)
    prefix = "" if lang == SOURCE_LANG else f"{lang}/"
    name = posixpath.basename(stem)
    folder = posixpath.dirname(stem)
    if name in ("index", "README"):
        path = f"{folder}/" if folder else ""
        return prefix + (path if use_directory_urls else f"{path}index.html")
    return prefix + (f"{stem}/" if use_directory_urls else f"{stem}.html")


def context(site: Site, page, config, lang: str) -> dict:
    """What the templates need beyond MkDocs' own context."""
    pairs = counterparts(site, page.file.src_uri)
    alternates = {other: url_of(uri, config.use_directory_urls) for other, uri in pairs.items()}
    # static-i18n sets the switcher's links as an *attribute* of config.extra
    # (which Jinja reads first); point them at this page's own counterparts.
    switcher = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
    if alternates and isinstance(switcher, list):
        for item in switcher:
            if item.get("lang") in alternates:
                item["link"] = alternates[item["lang"]]
    translation = page.meta.get("translation") or {}
    related = []
    article = _article_for(site, page.file.src_uri)
    by_uri = _lookup(site).sources
    for slug in (article.doc.meta.get("related") or []) if article is not None else []:
        other = by_uri.get(f"{slug}.md")
        if other is not None:
            other_meta = localized_meta(site, other, lang)
            fallback = "title" in other_meta.get("translation", {}).get("fallback_fields", [])
            related.append(
                {
                    "title": other_meta["title"],
                    "lang": SOURCE_LANG if fallback else lang,
                    "url": url_of(other.localized_uri(lang), config.use_directory_urls),
                }
            )
    return {
        "related": related,
        "lang": lang,
        "alternates": alternates,
        "missing": translation.get("missing", 0),
        "is_article": bool(page.meta.get("reviewed")),
        **publishing(site, page, config, lang, pairs),
    }


# -- publishing: public addresses and structured data for overrides/partials/head-meta.html --


def absolute_url(config, site_relative: str) -> str | None:
    """The public address of a site-relative URL, under site_url (None without one)."""
    base = config.site_url
    if not base:
        return None
    return urljoin(base if base.endswith("/") else base + "/", site_relative)


def plain_text(markdown_text: str) -> str:
    """Inline Markdown (a citation) as the text a reader sees."""
    return Markup(render_markdown(markdown_text)).striptags()


def publishing(site: Site, page, config, lang: str, pairs: dict[str, str]) -> dict:
    """hreflang, Open Graph and JSON-LD values: absolute addresses, and the page's data as shown."""

    def public(src_uri: str) -> str | None:
        return absolute_url(config, url_of(src_uri, config.use_directory_urls))

    if not pairs:
        # A page the pipeline does not pair itself (page.md and page.es.md): static-i18n's pairs.
        pairs = {code: f.src_uri for code, f in (getattr(page.file, "alternates", None) or {}).items()}
    urls = {other: public(uri) for other, uri in pairs.items()} if config.site_url else {}
    out = {
        # lang -> public address of this page in that language, itself included
        "urls": urls,
        "x_default": urls.get(SOURCE_LANG),
        "glossary_url": public(glossary.index_uri(lang)),
        "glossary_name": site.gettext(lang).gettext("Glossary"),
        "citations": [plain_text(str(ref)) for ref in page.meta.get("references") or []],
    }
    term = page.meta.get("glossary_term")
    if term:
        article = _article_for(site, term["article"])
        out["article"] = {
            "url": public(term["article"]),
            "name": localized_meta(site, article, lang)["title"] if article is not None else None,
        }
    if page.meta.get("glossary_index"):
        out["defined_terms"] = [
            {"name": t.name, "url": public(t.src_uri)}
            for _, group in glossary.letter_groups(site.terms.get(lang, []), lang)
            for t in group
        ]
    return out
