"""Options of the healthdocs MkDocs plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class HealthDocsConfig(Config):
    enabled = opt.Type(bool, default=True)

    # Sources: where the English Markdown and the catalogs are, relative to mkdocs.yml
    locales_dir = opt.Type(str, default="locales")
    source_language = opt.Type(str, default="en")

    # Search: one index per language, so an English search returns English pages
    search_split = opt.Type(bool, default=True)
