"""Reading without a connection, two ways.

- The published site (`make site`): after the build, `post_build` writes a web
  app manifest per language, an offline page per language and the service
  worker `sw.js` at the site root, with the list of every page, asset and
  search index to save and a version hash of their content (a new deploy with
  other content is a new worker, which replaces the old saved copy).
- The downloadable bundle (`make offline`): `build_bundle` builds with
  mkdocs.offline.yml (Material's offline plugin: links to .html files, search
  index as a script) into a temporary folder, checks that no page loads
  anything from another host, and zips it into dist/offline-site.zip.  There
  `post_build` writes each language's search index as a script
  (search/search_index.js, es/search/search_index.js), so that a Spanish page
  searches the Spanish pages.  The search worker runs in a frame
  (overrides/assets/javascripts/local-iframe-worker.js): browsers start no
  worker from file://.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from . import languages as language_facts
from . import staging
from .languages import Languages
from .render import TEMPLATES, environment

BUNDLE_CONFIG = "mkdocs.offline.yml"
BUNDLE = "dist/offline-site.zip"
#: The folder inside the zip: unzipping gives offline-site/index.html
BUNDLE_FOLDER = "offline-site"
OFFLINE_PLUGIN = "material/offline"
SERVICE_WORKER = "sw.js"
#: The search shim of the bundle; the published site keeps the real worker
SEARCH_SHIM = "assets/javascripts/local-iframe-worker.js"
#: Fixed time stamp of every file in the zip: the same site gives the same zip
ZIP_DATE = (2000, 1, 1, 0, 0, 0)

_SKIP_SUFFIXES = {".map", ".gz", ".cfg", ".py", ".po", ".pot", ".mo"}
_SKIP_NAMES = {"sitemap.xml"}


# -- which files a reader needs ---------------------------------------------


def language_root(lang: str, langs: Languages) -> str:
    """Folder of a language under the site root: '' for the source language, 'es/' for another."""
    return langs.root(lang)


def needed(rel: str, languages: list[str]) -> bool:
    """Whether a built file is part of what a reader needs (pages, assets, search).

    Left out: source maps, the compressed sitemap and the sitemap, build
    leftovers, and the search stemmers of languages the site does not have.
    """
    path = PurePosixPath(rel)
    if path.suffix in _SKIP_SUFFIXES or path.name in _SKIP_NAMES:
        return False
    if rel.startswith("assets/javascripts/lunr/"):
        keep = {"min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js"}
        keep.update(f"min/lunr.{lang}.min.js" for lang in languages)
        for lang in languages:
            keep.update(language_facts.get(lang).search_scripts)
        return rel[len("assets/javascripts/lunr/") :] in keep
    return True


def site_files(site_dir: Path, languages: list[str]) -> list[str]:
    return sorted(
        rel
        for rel in (p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
        if needed(rel, languages)
    )


# -- the published site: manifests, offline pages, service worker ------------


def post_build(config, site) -> None:
    """Called by the healthdocs plugin once every language is built."""
    site_dir = Path(config.site_dir)
    langs = site.langs
    languages = langs.all
    if bundle_build(config):
        write_search_scripts(site_dir, langs)
        return
    names = _language_names(config)
    root = urlsplit(config.site_url or "/").path or "/"
    root = root if root.endswith("/") else root + "/"
    for lang in languages:
        translations = site.gettext(lang) if site else None
        write_manifest(site_dir, lang, langs, names[lang], translations)
        write_offline_page(site_dir, lang, langs, names, root, config, translations)
    write_service_worker(site_dir, langs)


def bundle_build(config) -> bool:
    """Whether this build is the offline bundle (Material's offline plugin is on)."""
    plugin = config.plugins.get(OFFLINE_PLUGIN)
    return plugin is not None and bool(plugin.config.get("enabled", True))


def _language_names(config) -> dict[str, dict[str, str]]:
    """Per language: its name in the switcher, site name and description (from the i18n plugin)."""
    out: dict[str, dict[str, str]] = {}
    i18n = config.plugins.get("i18n")
    # After its per-language builds, static-i18n leaves the last language's
    # site_name in the config; it keeps the original values aside.
    original = getattr(i18n, "original_configs", None) or {}
    site_name = original.get("site_name") or config.site_name
    description = original.get("site_description") or config.site_description or ""
    for item in getattr(getattr(i18n, "config", None), "languages", None) or []:
        out[item.locale] = {
            "name": item.name or item.locale,
            "site_name": item.site_name or site_name,
            "description": item.site_description or description,
        }

    class Default(dict):
        def __missing__(self, lang):
            return {"name": lang, "site_name": site_name, "description": description}

    return Default(out)


def manifest_name(lang: str) -> str:
    return f"manifest.{lang}.webmanifest"


def write_manifest(site_dir: Path, lang: str, langs: Languages, names: dict[str, str], translations) -> Path:
    """manifest.<lang>.webmanifest at the site root; its addresses are relative to the root."""
    text = environment(lang, translations).get_template("manifest.webmanifest.j2").render(
        lang=lang,
        dir=language_facts.get(lang).direction,
        name=names["site_name"],
        description=names["description"],
        start_url=language_root(lang, langs) or "./",
    )
    json.loads(text)  # a template error must not publish a broken manifest
    target = site_dir / manifest_name(lang)
    target.write_text(text.strip() + "\n", encoding="utf-8")
    return target


def offline_page(lang: str, langs: Languages) -> str:
    return f"{language_root(lang, langs)}offline.html"


def read_search_index(site_dir: Path, lang: str, langs: Languages) -> dict:
    path = site_dir / language_root(lang, langs) / "search" / "search_index.json"
    if not path.is_file():
        return {"docs": []}
    return json.loads(path.read_text(encoding="utf-8"))


def saved_pages(site_dir: Path, lang: str, langs: Languages) -> list[dict[str, str]]:
    """The language's home page, then its top-level pages (articles, glossary), by title
    in the language's alphabetical order (ICU)."""
    home, pages = [], []
    for doc in read_search_index(site_dir, lang, langs).get("docs", []):
        location = doc["location"]
        if "#" in location or location.strip("/").count("/") > 0:
            continue
        item = {"title": html.unescape(doc.get("title") or location), "location": location}
        (home if location in ("", "index.html") else pages).append(item)
    return home[:1] + language_facts.get(lang).sorted(pages, key=lambda item: item["title"])


def write_offline_page(site_dir: Path, lang: str, langs: Languages, names, root: str, config, translations) -> Path:
    lang_root = root + language_root(lang, langs)
    pages = [{"title": p["title"], "url": lang_root + p["location"]} for p in saved_pages(site_dir, lang, langs)]
    others = [
        {"lang": other, "name": names[other]["name"], "url": root + language_root(other, langs)}
        for other in langs.all
        if other != lang
    ]
    favicon = config.theme.get("favicon") or "assets/images/favicon.png"
    text = environment(lang, translations).get_template("offline.html.j2").render(
        lang=lang,
        dir=language_facts.get(lang).direction,
        site_name=names[lang]["site_name"],
        home=lang_root,
        pages=pages,
        others=others,
        favicon=root + favicon,
    )
    target = site_dir / offline_page(lang, langs)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def precache_list(site_dir: Path, languages: list[str], use_directory_urls: bool = True) -> list[str]:
    """Addresses to save, relative to the site root: folder/ for folder/index.html."""
    urls = []
    for rel in site_files(site_dir, languages):
        if rel in (SERVICE_WORKER, SEARCH_SHIM):
            continue
        if use_directory_urls and (rel == "index.html" or rel.endswith("/index.html")):
            rel = rel[: -len("index.html")] or "./"
        urls.append(rel)
    return urls


def content_version(site_dir: Path, languages: list[str]) -> str:
    """Hash of every saved file's address and bytes, and of the worker's own code."""
    digest = hashlib.sha256((TEMPLATES / SERVICE_WORKER).read_bytes())
    for rel in site_files(site_dir, languages):
        if rel == SERVICE_WORKER:
            continue
        digest.update(b"\0" + rel.encode() + b"\0")
        digest.update((site_dir / rel).read_bytes())
    return digest.hexdigest()[:16]


def write_service_worker(site_dir: Path, langs: Languages) -> Path:
    languages = langs.all
    build = {
        "version": content_version(site_dir, languages),
        "source": langs.source,
        "roots": {lang: language_root(lang, langs) for lang in languages},
        "fallback": {lang: offline_page(lang, langs) for lang in languages},
        "precache": precache_list(site_dir, languages),
    }
    header = "const BUILD = " + json.dumps(build, ensure_ascii=False, indent=1) + ";\n"
    target = site_dir / SERVICE_WORKER
    target.write_text(header + (TEMPLATES / SERVICE_WORKER).read_text(encoding="utf-8"), encoding="utf-8")
    return target


def worker_version(site_dir: Path) -> str | None:
    """The version written into a built site's sw.js (None without one)."""
    path = site_dir / SERVICE_WORKER
    if not path.is_file():
        return None
    match = re.search(r'"version":\s*"([0-9a-f]+)"', path.read_text(encoding="utf-8"))
    return match.group(1) if match else None


# -- the bundle ---------------------------------------------------------------


def write_search_scripts(site_dir: Path, langs: Languages) -> None:
    """search/search_index.js of each language, from its own index (what Material loads from file://)."""
    for lang in langs.all:
        folder = site_dir / language_root(lang, langs) / "search"
        source = folder / "search_index.json"
        if source.is_file():
            data = source.read_text(encoding="utf-8")
            (folder / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")


_LOADING = {
    # element -> attributes that make the browser fetch something by itself
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
}
_LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "prerender"}
_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_CSS_REMOTE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.remote: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        names = list(_LOADING.get(tag, ()))
        if tag == "link" and set((values.get("rel") or "").lower().split()) & _LOADING_RELS:
            names.append("href")
        for name in names:
            value = values.get(name) or ""
            for part in value.split(",") if name == "srcset" else [value]:
                if _REMOTE.match(part):
                    self.remote.append(f"<{tag} {name}={part.strip()}>")


def remote_loads(site_dir: Path) -> list[str]:
    """Everything a page or stylesheet of the site would load from another host."""
    out = []
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            parser = _Loads()
            parser.feed(path.read_text(encoding="utf-8"))
            out += [f"{rel}: {item}" for item in parser.remote]
        elif path.suffix == ".css":
            out += [f"{rel}: {m.group(1)}" for m in _CSS_REMOTE.finditer(path.read_text(encoding="utf-8"))]
    return out


def build_bundle(root: Path, config: str = BUNDLE_CONFIG, output: str = BUNDLE, quiet: bool = False) -> int:
    """Build the offline site into a temporary folder, check it, zip it; dist/ never holds half a zip."""
    target = root / output
    with staging.temporary(root, "offline") as work:
        site_dir = work / "site"
        code = staging.mkdocs_build(root, config, site_dir, quiet)
        if code != 0:
            print(f"offline build failed: {output} was left as it was", file=sys.stderr)
            return code
        remote = remote_loads(site_dir)
        if remote:
            print("offline build: these load files from another host:\n  " + "\n  ".join(remote), file=sys.stderr)
            print(f"{output} was left as it was", file=sys.stderr)
            return 1
        languages = language_facts.configured(root / config).all
        part = work / target.name
        with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for rel in site_files(site_dir, languages):
                info = zipfile.ZipInfo(f"{BUNDLE_FOLDER}/{rel}", ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, (site_dir / rel).read_bytes())
        staging.swap_in(part, target)
    if not quiet:
        size = target.stat().st_size
        print(f"\nThe offline site is in {output} ({size / 1024:.0f} KiB).")
        print(f"Unzip it and open {BUNDLE_FOLDER}/index.html in a browser: no connection or server is needed.")
    return 0
