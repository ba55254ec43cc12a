"""Options of the healthdocs MkDocs plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from .. import languages


class HealthDocsConfig(Config):
    enabled = opt.Type(bool, default=True)

    # Sources: where the catalogs are, relative to mkdocs.yml, and the language
    # the Markdown is written in (the i18n plugin's default language; the list of
    # languages is the i18n plugin's, declared once)
    locales_dir = opt.Type(str, default="locales")
    source_language = opt.Type(str, default=languages.SOURCE)

    # Navigation: articles are listed in it only up to this many (then the home
    # page and the glossary index are the way in, and pages stay small)
    nav_max_articles = opt.Type(int, default=30)

    # Search: one index per language, so an English search returns English pages
    search_split = opt.Type(bool, default=True)
