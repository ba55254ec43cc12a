"""MkDocs hook: sitemap.xml as a sitemap index, with one sitemap per language.

A sitemap may list at most 50,000 URLs and 52,428,800 bytes (sitemaps.org,
"Sitemap index files"; Google Search Central, "Manage your sitemaps with a
sitemap index file").  At 4,000 articles a language has about 22,000 pages,
so two languages fit in one file but a third does not.  overrides/sitemap.xml
still renders every page of every language with its last change; this hook
then writes:

- `sitemap-<lang>.xml` at the site root for each language (a sitemap may
  list URLs under its own folder only, so the files are at the root), and
  `sitemap-<lang>-2.xml` and so on when a language needs more than one file;
  one `<url>` per line, without the template's indentation;
- `sitemap.xml`, the address robots.txt names, as the index of those files,
  each with the latest `lastmod` of its URLs; and `sitemap.xml.gz` (which
  MkDocs writes next to it) as the index compressed.

A URL's language is the hreflang whose address is the URL itself, else the
language whose root the URL is under (mkdocs-static-i18n's languages), else
the default language.  The files are not for readers: the service worker
never saves them (healthdocs.offline skips sitemap*.xml), and no page fetches
sitemap.xml (head-meta.html keeps Material's bundle from doing so).

It runs after every other post-build step (priority -300): mkdocs-static-i18n
builds the other languages from its own on_post_build (priority -100), and
the last language's build writes the sitemap that stays; that build's own
run of this hook splits it, and a sitemap that is already an index is left
as it is.  Wired in mkdocs.yml (hooks:), like valid_html.py.
"""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from mkdocs.plugins import event_priority

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
MAX_URLS = 50_000
MAX_BYTES = 52_428_800
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
URLSET = f'<urlset xmlns="{SITEMAP_NS}">\n'
URLSET_LINKS = f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
NAME = re.compile(r"sitemap-[A-Za-z0-9_-]+\.xml")


def _languages(config) -> tuple[str, dict[str, str]]:
    """The default language and each other language's root address (site_url + code + "/")."""
    site_url = config.site_url or ""
    default, roots = "en", {}
    plugin = config.plugins.get("i18n")
    for language in getattr(getattr(plugin, "config", None), "languages", None) or []:
        if language.default:
            default = language.locale
        else:
            roots[language.locale] = site_url + language.locale + "/"
    return default, roots


def _entry(url: ET.Element) -> tuple[str, str | None, list[tuple[str, str]], str]:
    loc = (url.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip()
    lastmod = url.findtext(f"{{{SITEMAP_NS}}}lastmod")
    links = [(link.get("hreflang", ""), link.get("href", "")) for link in url.findall(f"{{{XHTML_NS}}}link")]
    line = "<url><loc>" + escape(loc) + "</loc>"
    if lastmod:
        line += "<lastmod>" + escape(lastmod.strip()) + "</lastmod>"
    for hreflang, href in links:
        line += f'<xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} href={quoteattr(href)}/>'
    return loc, lastmod.strip() if lastmod else None, links, line + "</url>\n"


def _language(loc: str, links: list[tuple[str, str]], default: str, roots: dict[str, str]) -> str:
    for hreflang, href in links:
        if href == loc and hreflang != "x-default":
            return hreflang
    under = [code for code, root in roots.items() if loc.startswith(root)]
    return max(under, key=lambda code: len(roots[code])) if under else default


def split(site_dir: Path, site_url: str, default: str, roots: dict[str, str]) -> list[str] | None:
    """Rewrite site_dir/sitemap.xml as an index of per-language sitemaps; the files written (None: left as it was)."""
    index_path = site_dir / "sitemap.xml"
    if not index_path.is_file() or not site_url:
        return None
    root = ET.parse(index_path).getroot()
    if root.tag != f"{{{SITEMAP_NS}}}urlset":
        return None  # already an index
    by_lang: dict[str, list[tuple[str | None, str]]] = {}
    urlset = URLSET
    for url in root.findall(f"{{{SITEMAP_NS}}}url"):
        loc, lastmod, links, line = _entry(url)
        by_lang.setdefault(_language(loc, links, default, roots), []).append((lastmod, line))
        if links:
            urlset = URLSET_LINKS
    order = [default, *sorted(code for code in by_lang if code != default)]
    written: list[tuple[str, str | None]] = []
    for code in order:
        entries = by_lang.get(code)
        if not entries:
            continue
        chunks: list[list[tuple[str | None, str]]] = [[]]
        size = len((HEAD + urlset + "</urlset>\n").encode())
        for entry in entries:
            grow = len(entry[1].encode())
            if chunks[-1] and (len(chunks[-1]) >= MAX_URLS or size + grow > MAX_BYTES):
                chunks.append([])
                size = len((HEAD + urlset + "</urlset>\n").encode())
            chunks[-1].append(entry)
            size += grow
        for number, chunk in enumerate(chunks, 1):
            name = f"sitemap-{code}.xml" if number == 1 else f"sitemap-{code}-{number}.xml"
            text = HEAD + urlset + "".join(line for _, line in chunk) + "</urlset>\n"
            (site_dir / name).write_text(text, encoding="utf-8")
            dates = [lastmod for lastmod, _ in chunk if lastmod]
            written.append((name, max(dates) if dates else None))
    names = {name for name, _ in written}
    for stale in site_dir.glob("sitemap-*.xml"):
        if NAME.fullmatch(stale.name) and stale.name not in names:
            stale.unlink()
    lines = [HEAD, f'<sitemapindex xmlns="{SITEMAP_NS}">\n']
    for name, lastmod in written:
        lines.append("<sitemap><loc>" + escape(site_url + name) + "</loc>" + (f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else "") + "</sitemap>\n")
    lines.append("</sitemapindex>\n")
    index = "".join(lines).encode("utf-8")
    index_path.write_bytes(index)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(index, mtime=0))
    return [name for name, _ in written]


@event_priority(-300)
def on_post_build(config) -> None:
    default, roots = _languages(config)
    split(Path(config.site_dir), config.site_url or "", default, roots)
