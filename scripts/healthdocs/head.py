"""What the theme's templates need beyond MkDocs' own context, page by page: the language
switcher's links, related articles, and the head's SEO values (hreflang, canonical
addresses, Open Graph, JSON-LD) for overrides/partials/head-meta.html.
"""

from __future__ import annotations

from . import freshness, glossary, languages
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
        "is_article": article is not None and article.is_article,
        "freshness": _freshness(site, article, lang),
        **publishing(site, page, config, lang, pairs),
    }


def _freshness(site: Site, article, lang: str) -> dict | None:
    """A translated page (article or home) against the source-language text it translates
    (None on source-language pages): for the notice, the footer and the JSON-LD."""
    if article is None or lang == site.langs.source:
        return None
    localized = site.localized.get((article.src_uri, lang))
    fresh = localized.translation.freshness if localized is not None else None
    if fresh is None:
        return None
    newer_since = fresh.newer_since
    if fresh.stale and newer_since is None:
        # `make catalogs` has not stamped the change yet: the source file's own date.
        newer_since = freshness.file_date(site.layout.docs / article.src_uri)
    return {
        "stale": fresh.stale,
        "newer_since": newer_since if fresh.stale else None,
        "matched": None if fresh.unconfirmed else fresh.matched,
        "translates": fresh.translates,
        "english": fresh.english,
    }


def based_on(site: Site, source: dict, lang: str) -> dict:
    """JSON-LD of the source page, as the article footer shows it: the medical review and
    its reviewers are the source's (lastReviewed, reviewedBy), not this page's."""
    gettext = site.gettext(lang).gettext
    reviewers = []
    for reviewer in source.get("reviewed_by") or []:
        if reviewer.get("editorial_team"):
            # The footer's own words for the team (overrides/partials/article-footer.html).
            name = gettext("%(name)s Editorial team") % {"name": reviewer["editorial_team"]}
            reviewers.append({"@type": "Organization", "name": name})
        else:
            person = {"@type": "Person", "name": reviewer["name"]}
            if reviewer.get("role"):
                person["jobTitle"] = reviewer["role"]
            reviewers.append(person)
    data = {
        "@type": "MedicalWebPage",
        "name": source.get("title") or source.get("name"),
        "url": str(source.get("url")),
        "inLanguage": site.langs.source,
        "copyrightHolder": {"@type": "Organization", "name": source.get("copyright")},
        "lastReviewed": str(source.get("reviewed")),
        "reviewedBy": reviewers,
    }
    if source.get("title"):
        data["isPartOf"] = {"@type": "CreativeWork", "name": source.get("name")}
    return data


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
    own = article_for(site, page.file.src_uri)
    if own is not None and own.is_article:
        out["based_on"] = based_on(site, page.meta.get("source") or {}, lang)
        if lang == site.langs.source:
            # The source-language text a translation names when it matches it (translationOfWork.version).
            out["english_version"] = freshness.digest((u.msgid, u.context) for u in own.doc.units)
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
            for _, group in glossary.letter_groups(site.terms.get(lang, []), lang, site.langs.source)
            for t in group
        ]
    return out
