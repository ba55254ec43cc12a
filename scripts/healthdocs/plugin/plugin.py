"""The MkDocs plugin: events only; the work is done by the pipeline modules.

mkdocs-static-i18n builds the site once per language (English, then each
other language in its own `build()` call from its `on_post_build`), so most
events here run once per language.  The pipeline itself is cached by content
hash, so the repeated calls cost nothing.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, _add_parent_links, _add_previous_and_next_links
from mkdocs.structure.pages import Page

from .. import catalogs, content, generated, head, languages, navigation, offline, site, stats, translate
from ..errors import SourceError, SourceErrors
from ..layout import Layout
from . import parallel
from .config import HealthDocsConfig
from .rebuild import MemoryBytecodeCache, Rebuilds

log = get_plugin_logger(__name__)


class HealthDocsPlugin(BasePlugin[HealthDocsConfig]):
    def __init__(self) -> None:
        self.site: site.Site | None = None
        self.generated: dict[str, str] = {}
        self.rebuilds = Rebuilds()
        # Compiled theme templates, kept for the next build in this process (a template
        # is compiled again when its source changes: Jinja checks a checksum).
        self.templates_cache = MemoryBytecodeCache()
        # `healthdocs build`: one process per language (parallel.py)
        self.parallel = False
        self.dirty = False
        self.only_language: str | None = None
        self.builds = parallel.Builds()
        self._theme: tuple | None = None  # (env, files, nav) of this build, for the merged sitemap

    # Defined so that MkDocs keeps this instance for the whole of `mkdocs serve`
    # (the loaded site and the digests of built pages survive each rebuild).
    def on_startup(self, *, command, dirty) -> None:
        self.parallel = parallel.wanted(command) and not dirty
        self.dirty = dirty
        if dirty:
            # `make serve` is strict (mkdocs.yml) and dirty: MkDocs' warning that a dirty
            # build is a preview would abort every build; say it once, as information.
            quiet_dirty_warning()

    # -- configuration -----------------------------------------------------

    # Runs before the search plugin's on_config (0), which keeps the stemmer
    # languages it is given: they are the site's languages.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return
        root = Path(config.config_file_path).resolve().parent
        langs = site_languages(config, self.config.source_language)
        layout = Layout(root, docs_dir=Path(config.docs_dir).resolve().relative_to(root).as_posix(),
                        locales_dir=self.config.locales_dir, overrides_dir=_custom_dir(config, root),
                        config_file=Path(config.config_file_path).name, declared=langs)
        set_search_languages(config, langs)
        try:
            problems = catalogs.unconfigured_folders(layout, layout.languages())
            if problems:
                raise SourceErrors(problems)
            loaded = site.load(layout)
            if self.site is not None and _same_sources(self.site, loaded):
                # static-i18n's build of the next language runs on_config again: same
                # files, so the same pages (generating them again costs as much as the first time).
                return config
            previous, self.site = self.site, loaded
            content.check_related(self.site)
            content.check_placeholders(self.site)
            self.generated = generated.generate(self.site)
        except (SourceError, SourceErrors) as exc:
            raise PluginError(f"healthdocs: the sources have errors:\n{exc}") from None
        i18n = config.plugins.get("i18n")
        self.only_language = None
        if self.dirty and previous is not None and i18n is not None and i18n.current_language is None:
            # A rebuild of `make serve` after a change that is one translation language's
            # only (its catalogs): static-i18n builds that language alone.
            changed = changed_languages(previous, loaded)
            if changed is not None and len(changed) == 1:
                (lang,) = changed
                if lang != i18n.default_language and lang in i18n.build_languages:
                    i18n.current_language = lang
                    i18n.building = True  # no other language's build after this one
                    self.only_language = lang
                    # The sitemap of one language's pages would replace that of all of them.
                    config.theme.static_templates.discard("sitemap.xml")
                    log.info(f"only {lang}'s catalogs changed: rebuilding the {lang} pages only "
                             "(the other languages' pages catch up at the next full build or restart)")
        if self.parallel and not self.builds.started and i18n is not None:
            others = [lang for lang in i18n.build_languages if lang != i18n.default_language]
            if others:
                sys.stdout.flush()
                sys.stderr.flush()
                self.builds.start(config, others)
        return config

    def _language(self, config: MkDocsConfig) -> str:
        """The language of this build (static-i18n sets the theme's language per build)."""
        return str(config.theme.get("language") or self.config.source_language)

    # -- files and pages ---------------------------------------------------

    # Runs before mkdocs-static-i18n's on_files (-100), which sorts files into
    # languages: the generated pages must already be there to be sorted.
    @event_priority(0)
    def _add_generated_files(self, files: Files, config: MkDocsConfig):
        if not self.config.enabled:
            return
        for src_uri in self.generated:
            files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
        return files

    # After static-i18n's on_files (-100), which replaces every File: the files of
    # generated pages say whether their Markdown changed (dirty builds of `make serve`).
    @event_priority(-110)
    def _watch_generated_files(self, files: Files, config: MkDocsConfig):
        if not self.config.enabled:
            return files
        self.rebuilds.watch(files, self.generated)
        return files

    on_files = CombinedEvent(_add_generated_files, _watch_generated_files)

    def on_page_read_source(self, page: Page, config: MkDocsConfig):
        if not self.config.enabled:
            return None
        return self.generated.get(page.file.src_uri)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files):
        if not self.config.enabled or self.site is None:
            return markdown
        if not offline.bundle_build(config):
            # The site's search is Pagefind's index, made from the built pages after the
            # build (offline.index_search), which then deletes Material's lunr index: only
            # the offline copy uses that one, so other builds do not index the pages for it
            # (Material's documented front matter, `search: exclude`).
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        try:
            return generated.expand(self.site, markdown, page.meta, self._language(config), page.file.src_uri)
        except SourceError as exc:
            raise PluginError(str(exc)) from None

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files):
        if not self.config.enabled or self.site is None:
            return html
        lang = self._language(config)
        fallback_fields = (page.meta.get("translation") or {}).get("fallback_fields") or []
        if lang != self.site.langs.source and "title" in fallback_fields and page.title:
            # A title still in the source language, marked as such where the navigation
            # shows it: `typeset` is how Material's navigation shows a title with markup
            # (its typeset plugin sets it for titles that come from a heading).
            page.typeset = {"title": Markup(translate.fallback(escape(page.title), self.site.langs.source))}
        return html

    # -- navigation --------------------------------------------------------

    # Runs after static-i18n's on_nav (-100), which has sorted the pages into
    # this build's language.  Material prints the whole navigation on every
    # page, so a navigation listing every page makes the site grow with the
    # square of its size: keep it to the ways in (home, glossary index,
    # translation status) and, on small sites, the articles.
    @event_priority(-150)
    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        if not self.config.enabled or self.site is None:
            return nav
        by_uri = {page.file.src_uri: page for page in nav.pages}
        wanted = navigation.navigation(self.site, self._language(config), self.config.nav_max_articles)
        items = [by_uri[uri] for uri in wanted if uri in by_uri]
        listed = set(map(id, items))
        for page in nav.pages:
            page.parent = None
            if id(page) not in listed:
                # MkDocs linked every page to its neighbours in the full list of files
                # (a term to the next term, an article to the next file name): pages
                # the navigation does not list get no previous/next links.
                page.previous_page = page.next_page = None
        new = Navigation(items, items)
        _add_parent_links(items)
        _add_previous_and_next_links(items)
        new.homepage = nav.homepage
        self._theme = (None, files, new)
        return new

    # -- templates ---------------------------------------------------------

    def on_env(self, env, config: MkDocsConfig, files: Files):
        if not self.config.enabled or self.site is None:
            return env
        lang = self._language(config)
        # MkDocs makes a new template environment for every build: each language's
        # build, and each rebuild of `make serve`, would compile every template again.
        env.bytecode_cache = self.templates_cache
        # Interface strings in the page's language; one not translated yet is shown in
        # the source language, marked with its lang (and counted by `make stats`).
        env.install_gettext_translations(self.site.marked_gettext(lang), newstyle=False)
        env.globals["hd_interface"] = lambda msgid: self.site.interface_string(lang, msgid)
        env.filters["localized_date"] = languages.get(lang).format_date
        # For static templates too (404.html, sitemap.xml): the site's languages.
        env.globals["hd_languages"] = self.site.langs
        self._theme = (env, files, self._theme[2] if self._theme else None)
        # Every language's interface strings, for the pages in all of them (404.html).
        env.globals["hd_gettext"] = {code: self.site.gettext(code).gettext for code in self.site.langs.all}
        # Search and reading offline (overrides/partials/search.html, offline-save.html)
        env.globals["hd_language_root"] = self.site.langs.root(lang)
        env.globals["hd_offline_copy"] = offline.bundle_link(config, lang)
        env.globals["hd_lunr_scripts"] = offline.lunr_scripts(lang)
        return env

    # Runs after static-i18n's on_page_context (50) so the pairing of pages
    # it computed is available.
    @event_priority(0)
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        if not self.config.enabled or self.site is None:
            return context
        context["healthdocs"] = head.context(self.site, page, config, self._language(config))
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig):
        if self.config.enabled:
            self.rebuilds.written(page.file)
        return output

    # -- search ------------------------------------------------------------

    # Runs after static-i18n's on_post_build (-100), which builds the other
    # languages and merges every page into one search index: split it again.
    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig):
        if not self.config.enabled or self.site is None:
            return
        if self.builds.is_child:
            self.builds.child_done(config)  # the parent finishes the site
            return
        if self.builds.active:
            # Every language's pages in one folder, then the sitemap of all of them.
            self.builds.finish(config)
            env, files, nav = self._theme
            from mkdocs.commands.build import _build_theme_template

            if "sitemap.xml" in config.theme.static_templates:
                _build_theme_template("sitemap.xml", env, files, config, nav)
        else:
            i18n = config.plugins.get("i18n")
            if i18n is not None and getattr(i18n, "building", False) and not self.only_language:
                return  # a nested per-language build: the site is not complete yet
        site_dir = Path(config.site_dir)
        if self.config.search_split:
            split_search_index(site_dir, self.site.langs)
        write_badges(site_dir, self.site)
        # Reading offline: manifests, offline pages and service worker, or the bundle's search scripts
        offline.post_build(config, self.site, incremental=self.dirty)


    def on_build_error(self, error) -> None:
        if not self.builds.is_child:
            self.builds.discard()

    def on_shutdown(self) -> None:
        if not self.builds.is_child:
            self.builds.discard()


class _DirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def quiet_dirty_warning() -> None:
    build_log = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyWarning) for f in build_log.filters):
        build_log.addFilter(_DirtyWarning())
        log.info("serving with dirty rebuilds: a change rebuilds the pages whose Markdown changed "
                 "(lists of other pages and the search index catch up at the next full build)")


def write_badges(site_dir: Path, loaded: site.Site) -> None:
    """shields.io endpoint badges, one per language: badges/translation-<lang>.json."""
    for lang, data in stats.from_site(loaded).items():
        target = site_dir / "badges" / f"translation-{lang}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(stats.badge(data), ensure_ascii=False), encoding="utf-8")


def changed_languages(old: site.Site, new: site.Site) -> set[str] | None:
    """The translation languages whose catalogs differ between two loads of the same sources,
    or None when more than catalogs changed (the English, the list of pages or of languages)."""
    if (old.langs != new.langs or old.languages != new.languages or len(old.articles) != len(new.articles)
            or any(a is not b for a, b in zip(old.articles, new.articles))
            or old.localized.keys() != new.localized.keys() or old.interface.keys() != new.interface.keys()):
        return None
    changed = {lang for (src, lang), loc in new.localized.items()
               if old.localized[(src, lang)].translation is not loc.translation
               or old.localized[(src, lang)].catalog is not loc.catalog}
    changed.update(lang for lang, catalog in new.interface.items() if old.interface[lang] is not catalog)
    return changed


def _same_sources(old: site.Site, new: site.Site) -> bool:
    """Whether two loads read the same bytes: site.load returns the very objects it
    cached (by content hash) for sources and catalogs that did not change."""
    return (
        old.langs == new.langs
        and old.languages == new.languages
        and len(old.articles) == len(new.articles)
        and all(a is b for a, b in zip(old.articles, new.articles))
        and old.localized.keys() == new.localized.keys()
        and all(old.localized[k].translation is loc.translation and old.localized[k].catalog is loc.catalog
                for k, loc in new.localized.items())
        and old.interface.keys() == new.interface.keys()
        and all(old.interface[k] is catalog for k, catalog in new.interface.items())
    )


def site_languages(config: MkDocsConfig, source: str) -> languages.Languages:
    """The site's languages: the i18n plugin's list, as MkDocs parsed it."""
    i18n = config.plugins.get("i18n")
    entries = getattr(getattr(i18n, "config", None), "languages", None) or []
    try:
        if not entries:
            return languages.Languages(source, ())
        return languages.from_entries(entries, source, Path(config.config_file_path).name)
    except languages.LanguageConfigError as exc:
        raise PluginError(f"healthdocs: {exc}") from None


def set_search_languages(config: MkDocsConfig, langs: languages.Languages) -> None:
    """The search plugin's stemmers: every language of the site, as MkDocs' own option
    validates them (a language lunr has no stemmer for falls back to its default)."""
    from mkdocs.contrib.search import LangOption

    search = config.plugins.get("search") or config.plugins.get("material/search")
    if search is not None:
        search.config.lang = LangOption().run_validation(list(langs.all))


def _custom_dir(config: MkDocsConfig, root: Path) -> str:
    custom = config.theme.custom_dir
    return Path(custom).resolve().relative_to(root).as_posix() if custom else "overrides"


def split_search_index(site_dir: Path, langs: languages.Languages) -> None:
    """One search index per language, each with locations relative to its language root."""
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    by_lang: dict[str, list] = {code: [] for code in langs.all}
    for doc in index.get("docs", []):
        first = doc["location"].split("/", 1)[0]
        if first in langs.translations:
            doc = dict(doc, location=doc["location"][len(first) + 1 :])
            by_lang[first].append(doc)
        else:
            by_lang[langs.source].append(doc)
    for lang, docs in by_lang.items():
        target = site_dir / langs.root(lang) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        config = dict(index.get("config", {}), lang=[lang])
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
