"""The navigation of one language: the ways in, in the language's alphabetical order.

Material prints the whole navigation on every page, so a navigation listing
every page makes the site grow with the square of its size: it lists the home
page, the articles (up to the plugin's `nav_max_articles`), the glossary index
and the translation status page.
"""

from __future__ import annotations

from . import languages
from .generated import STATUS_PAGE
from .site import Site


def navigation(site: Site, lang: str, max_articles: int) -> list[str]:
    """Sources of the pages the navigation lists, in order, for one language."""
    home = [site.uri(a, lang) for a in site.articles if not a.is_article and a.src_uri == "index.md"]
    articles = [a for a in site.articles if a.is_article]
    listed: list[str] = []
    if len(articles) <= max_articles:
        titles = {site.uri(a, lang): site.meta(a, lang)["title"] for a in articles}
        listed = languages.get(lang).sorted(titles, key=titles.__getitem__)
    return [*home, *listed, site.langs.glossary_index_uri(lang), site.langs.localized_uri(f"{STATUS_PAGE}.md", lang)]
