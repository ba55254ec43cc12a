"""MkDocs hook of the benchmark's stock baseline (copied into its overrides/hooks/).

The theme's 404.html and sitemap.xml read two globals that the healthdocs plugin
sets: `hd_languages` (the languages of mkdocs.yml) and `hd_gettext` (each
language's interface strings); the palette calls `hd_interface` (an interface
string of mkdocs.yml in the page's language).  The stock project has no plugin; this hook sets
them from mkdocs.yml alone, with the interface strings untranslated (the stock
project has no catalogs), so that stock builds the same pages with the same theme.
"""

from __future__ import annotations

from pathlib import Path

from healthdocs.layout import Layout


def on_env(env, config, files):
    langs = Layout(Path(config.config_file_path).resolve().parent).langs
    env.globals["hd_languages"] = langs
    env.globals["hd_gettext"] = {code: (lambda text: text) for code in langs.all}
    env.globals["hd_interface"] = lambda msgid: msgid
    return env
