"""Where each page is: its source in every language, its address, and what it is a page of.

Sources follow mkdocs-static-i18n's suffix layout (page.md, page.es.md); the
language folders and glossary folders come from `healthdocs.languages`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urljoin

from .glossary import Term
from .site import Article, Site


def url_of(site: Site, src_uri: str, use_directory_urls: bool) -> str:
    """Site-relative URL of a page source in the suffix layout (page.es.md -> es/page/)."""
    lang = site.langs.language_of(src_uri)
    stem = src_uri[: -len(".md")]
    if lang != site.langs.source:
        stem = stem[: -len(lang) - 1]
    prefix = site.langs.root(lang)
    name = posixpath.basename(stem)
    folder = posixpath.dirname(stem)
    if name in ("index", "README"):
        path = f"{folder}/" if folder else ""
        return prefix + (path if use_directory_urls else f"{path}index.html")
    return prefix + (f"{stem}/" if use_directory_urls else f"{stem}.html")


def absolute_url(config, site_relative: str) -> str | None:
    """The public address of a site-relative URL, under site_url (None without one)."""
    base = config.site_url
    if not base:
        return None
    return urljoin(base if base.endswith("/") else base + "/", site_relative)


def relative(from_uri: str, to_uri: str) -> str:
    """A Markdown link from one page source to another (posixpath.relpath of two src_uris,
    computed on the strings: relpath asks the operating system for the working folder
    twice per call, and the glossary makes one call per link)."""
    start = posixpath.normpath(posixpath.dirname(from_uri) or ".").split("/")
    target = posixpath.normpath(to_uri).split("/")
    if ".." in start or ".." in target or not from_uri or not to_uri or from_uri.startswith("/") or to_uri.startswith("/"):
        return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
    start = [part for part in start if part != "."]
    target = [part for part in target if part != "."]
    common = 0
    for a, b in zip(start, target):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start) - common) + target[common:]
    return "/".join(parts) if parts else "."


@dataclass
class Lookup:
    """Pages by src_uri, made once per loaded site (and again once generate() sets the
    terms), so that finding a page's article, terms or counterparts does not loop over
    every article and term for every page."""

    terms: dict  # the site.terms it was made from
    count: int  # len(site.articles) it was made from
    articles: dict[str, Article]  # src_uri in any language -> article
    sources: dict[str, Article]  # source-language src_uri -> article
    own_terms: dict[tuple[str, str], list[Term]]  # (lang, article src_uri in lang) -> its terms
    term_pairs: dict[str, dict[str, str]]  # term page src_uri -> lang -> src_uri of the same term


def lookup(site: Site) -> Lookup:
    cached = site.memo.get("urls.lookup")
    if cached is not None and cached.terms is site.terms and cached.count == len(site.articles):
        return cached
    articles: dict[str, Article] = {}
    for article in site.articles:
        for lang in site.langs.all:
            articles.setdefault(site.uri(article, lang), article)
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
    made = Lookup(site.terms, len(site.articles), articles, {a.src_uri: a for a in site.articles}, own_terms, term_pairs)
    site.memo["urls.lookup"] = made
    return made


def article_for(site: Site, src_uri: str) -> Article | None:
    """The article a page source (in any language) is a page of."""
    return lookup(site).articles.get(src_uri)


def counterparts(site: Site, src_uri: str) -> dict[str, str]:
    """The same page in every language: lang -> src_uri."""
    article = article_for(site, src_uri)
    if article is not None:
        return {lang: site.uri(article, lang) for lang in site.langs.all}
    pairs = lookup(site).term_pairs.get(src_uri)
    if pairs is not None:
        return dict(pairs)
    for lang in site.langs.all:
        if site.langs.glossary_index_uri(lang) == src_uri:
            return {other: site.langs.glossary_index_uri(other) for other in site.langs.all}
    return {}
