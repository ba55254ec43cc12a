"""The whole site as data: every English source, its catalogs and its translations.

Loading is a pure function of the files; results are cached by content hash,
so `mkdocs serve` re-translates only the article whose source or catalog changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.support import NullTranslations
from markupsafe import Markup, escape
from slugify import slugify

from . import catalogs, schema, segment
from .errors import SourceError, SourceErrors
from .languages import Languages
from .translate import Translation, fallback, translate


@dataclass
class Article:
    doc: segment.Document
    meta: schema.Article | schema.Page
    src_uri: str  # relative to docs_dir, e.g. "spinal-cord-stimulation.md"

    @property
    def is_article(self) -> bool:
        return isinstance(self.meta, schema.Article)


@dataclass
class Localized:
    article: Article
    lang: str
    po_name: str
    catalog: Catalog
    translation: Translation


@dataclass
class Site:
    layout: catalogs.Layout
    langs: Languages  # every language, the source first
    languages: list[str]  # the translation languages (every language but the source)
    articles: list[Article] = field(default_factory=list)
    localized: dict[tuple[str, str], Localized] = field(default_factory=dict)
    interface: dict[str, Catalog] = field(default_factory=dict)
    terms: dict[str, list] = field(default_factory=dict)  # lang -> [glossary.Term], set by pages.generate
    #: Values derived from the loaded site once and reused for every page (gettext
    #: objects, pages' lookup tables); a new load starts empty.
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def uri(self, article: Article, lang: str) -> str:
        """The src_uri of an article in one language (static-i18n's suffix layout)."""
        return self.langs.localized_uri(article.src_uri, lang)

    def meta(self, article: Article, lang: str) -> dict:
        """An article's front matter in one language (translated where the catalog has it)."""
        if lang == self.langs.source:
            return article.doc.meta
        return self.localized[(article.src_uri, lang)].translation.meta

    def pages(self, lang: str) -> dict[str, str]:
        """Generated Markdown of one language, keyed by the src_uri MkDocs will see."""
        return {
            self.uri(loc.article, lang): loc.translation.markdown
            for (_, loc_lang), loc in self.localized.items()
            if loc_lang == lang
        }

    def interface_string(self, lang: str, msgid: str) -> Shown:
        """One interface string in a language: its translation, or the source text marked."""
        if lang == self.langs.source:
            return Shown(msgid)
        catalog = self.interface.get(lang)
        message = catalog.get(msgid) if catalog is not None else None
        if catalogs.usable(message):
            return Shown(str(message.string))
        return Shown(msgid, self.langs.source)

    def marked_gettext(self, lang: str) -> MarkedTranslations | NullTranslations:
        """The interface translations for templates, untranslated strings marked (made once)."""
        if lang == self.langs.source:
            return self.gettext(lang)
        key = ("marked", lang)
        cached = self.memo.get(key)
        if cached is None or cached.plain is not self.gettext(lang):
            cached = self.memo[key] = MarkedTranslations(self, lang)
        return cached

    def gettext(self, lang: str) -> NullTranslations:
        """The interface translations of one language, compiled once per loaded site: the
        same object on every call, so render's Jinja environments are made once too."""
        catalog = self.interface.get(lang)
        key = ("gettext", lang)
        cached = self.memo.get(key)
        if cached is None or cached[0] is not catalog:
            cached = self.memo[key] = (catalog, catalogs.translations(catalog) if catalog is not None else NullTranslations())
        return cached[1]


@dataclass(frozen=True)
class Shown:
    """An interface string as a page shows it."""

    text: str
    lang: str | None = None  # the language of `text` when it is not the page's (not translated yet)


class MarkedTranslations:
    """A language's interface translations for templates: a string with no translation
    comes back in the source language, marked with its lang (WCAG 3.1.2, language of
    parts), and `make stats` counts it as untranslated."""

    def __init__(self, site: Site, lang: str):
        self.site, self.lang = site, lang
        self.plain = site.gettext(lang)

    def _marked(self, msgid: str, text: str) -> str:
        shown = self.site.interface_string(self.lang, msgid)
        return text if shown.lang is None else Markup(fallback(escape(text), shown.lang))

    def gettext(self, message: str) -> str:
        return self._marked(message, self.plain.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._marked(singular, self.plain.ngettext(singular, plural, n))


_cache: dict[tuple, object] = {}


def _digest(*parts: bytes) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(part)
        h.update(b"\0")
    return h.hexdigest()


def _cached(key: tuple, make):
    if key not in _cache:
        _cache[key] = make()
    return _cache[key]


def check_source_name(layout: catalogs.Layout, path: Path) -> None:
    """A source's path becomes its address: lowercase slugs only (no spaces or capitals,
    which would give /Knee%20Replacement/). The error suggests the name to use."""
    rel = path.relative_to(layout.docs)
    parts = [*rel.parts[:-1], rel.name[: -len(".md")] if rel.name.endswith(".md") else rel.stem]
    if all(schema.SLUG.fullmatch(part) for part in parts):
        return
    suggestion = "/".join(slugify(part, lowercase=True, separator="-") or "page" for part in parts)
    raise SourceError(layout.rel(path), None,
                      f"the file name must be a lowercase slug (letters a-z, digits, hyphens): it becomes the page's "
                      f"address; rename it to {layout.docs_dir}/{suggestion}.md")


def load_article(layout: catalogs.Layout, path: Path) -> Article:
    rel = layout.rel(path)
    check_source_name(layout, path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(rel, None, f"cannot read the file: {exc.strerror or exc}") from None

    def make() -> Article:
        doc = segment.segment(segment.decode(data, rel), rel)
        return Article(doc, schema.validate(doc), path.relative_to(layout.docs).as_posix())

    return _cached(("article", rel, _digest(data)), make)  # type: ignore[return-value]


def load_catalog(layout: catalogs.Layout, po_path: Path, lang: str) -> Catalog:
    if not po_path.exists():
        return catalogs.new_catalog(lang)
    data = po_path.read_bytes()
    return _cached(("po", str(po_path), _digest(data)), lambda: catalogs.read(po_path, layout.root))  # type: ignore[return-value]


def load(layout: catalogs.Layout, languages: list[str] | None = None) -> Site:
    """Read and translate everything; raise SourceErrors listing every problem found."""
    languages = layout.languages() if languages is None else languages
    site = Site(layout, layout.langs, list(languages))
    errors: list[SourceError] = []
    for path in layout.sources():
        try:
            site.articles.append(load_article(layout, path))
        except SourceError as exc:
            errors.append(exc)
        except SourceErrors as exc:
            errors.extend(exc.errors)
    for lang in languages:
        try:
            site.interface[lang] = load_catalog(layout, layout.interface_po(lang), lang)
        except SourceError as exc:
            errors.append(exc)
        for article in site.articles:
            po_path = layout.po_path(lang, layout.docs / article.src_uri)
            po_name = layout.rel(po_path)
            try:
                catalog = load_catalog(layout, po_path, lang)
                key = ("translation", article.doc.path, _digest(article.doc.text.encode()), po_name,
                       _digest(po_path.read_bytes()) if po_path.exists() else "", lang, site.langs.source)
                translation = _cached(key, lambda: translate(article.doc, catalog, po_name, lang, site.langs.source))
            except SourceError as exc:
                errors.append(exc)
                continue
            except SourceErrors as exc:
                errors.extend(exc.errors)
                continue
            site.localized[(article.src_uri, lang)] = Localized(article, lang, po_name, catalog, translation)  # type: ignore[arg-type]
    if errors:
        raise SourceErrors(errors)
    return site
