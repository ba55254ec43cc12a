"""What the theme's templates need beyond MkDocs' own context, page by page: the language
switcher's links, related articles, and the head's SEO values (hreflang, canonical
addresses, Open Graph, JSON-LD) for overrides/partials/head-meta.html.
"""

from __future__ import annotations

from . import glossary, languages
from .segment import plain_text
from .site import Site
from .urls import absolute_url, article_for, counterparts, lookup, url_of


def context(site: Site, page, config, lang: str) -> dict:
    """The `healthdocs` variable of one page's template context."""
    pairs = counterparts(site, page.file.src_uri)
    alternates = {other: url_of(site, uri, config.use_directory_urls) for other, uri in pairs.items()}
    # static-i18n sets the switcher's links as an *attribute* of config.extra
    # (which Jinja reads first); point them at this page's own counterparts.
    switcher = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
    if alternates and isinstance(switcher, list):
        for item in switcher:
            if item.get("lang") in alternates:
                item["link"] = alternates[item["lang"]]
    translation = page.meta.get("translation") or {}
    related = []
    article = article_for(site, page.file.src_uri)
    by_uri = lookup(site).sources
    for slug in (article.doc.meta.get("related") or []) if article is not None else []:
        other = by_uri.get(f"{slug}.md")
        if other is not None:
            other_meta = site.meta(other, lang)
            fallback = "title" in other_meta.get("translation", {}).get("fallback_fields", [])
            related.append(
                {
                    "title": other_meta["title"],
                    "lang": site.langs.source if fallback else lang,
                    "url": url_of(site, site.uri(other, lang), config.use_directory_urls),
                }
            )
    return {
        "related": related,
        "lang": lang,
        "source": site.langs.source,
        "dir": languages.get(lang).direction,
        "alternates": alternates,
        "missing": translation.get("missing", 0),
        "is_article": bool(page.meta.get("reviewed")),
        **publishing(site, page, config, lang, pairs),
    }


def publishing(site: Site, page, config, lang: str, pairs: dict[str, str]) -> dict:
    """hreflang, Open Graph and JSON-LD values: absolute addresses, and the page's data as shown."""

    def public(src_uri: str) -> str | None:
        return absolute_url(config, url_of(site, src_uri, config.use_directory_urls))

    if not pairs:
        # A page the pipeline does not pair itself (page.md and page.es.md): static-i18n's pairs.
        pairs = {code: f.src_uri for code, f in (getattr(page.file, "alternates", None) or {}).items()}
    urls = {other: public(uri) for other, uri in pairs.items()} if config.site_url else {}
    out = {
        # lang -> public address of this page in that language, itself included
        "urls": urls,
        "x_default": urls.get(site.langs.source),
        "og_locales": {code: languages.get(code).open_graph_locale for code in {lang, *urls}},
        "glossary_url": public(site.langs.glossary_index_uri(lang)),
        "glossary_name": site.gettext(lang).gettext("Glossary"),
        "citations": [plain_text(str(ref)) for ref in page.meta.get("references") or []],
    }
    term = page.meta.get("glossary_term")
    if term:
        article = article_for(site, term["article"])
        out["article"] = {
            "url": public(term["article"]),
            "name": site.meta(article, lang)["title"] if article is not None else None,
        }
    if page.meta.get("glossary_index"):
        out["defined_terms"] = [
            {"name": t.name, "url": public(t.src_uri)}
            for _, group in glossary.letter_groups(site.terms.get(lang, []), lang)
            for t in group
        ]
    return out
