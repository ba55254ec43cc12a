"""Reading without a connection, and search, sized to the reader.

- The published site (`make site`): after the build, `post_build`
  * indexes the pages with Pagefind (pagefind/ at the site root: one index per
    `<html lang>`, split into chunks that the search dialog fetches when the
    reader searches; overrides/assets/javascripts/search.js);
  * writes a web app manifest and an offline page per language;
  * writes, per language, the list of its files with a revision (hash of the
    bytes) and a size (`sw-files.<lang>.json`), and the service worker `sw.js`
    with the shared files' revisions and what to install per language.
  The worker (templates/sw.js) installs only the shell and the reader's
  language's home page, glossary index and offline page; pages and search
  data are saved as they are read; a reader can save one article or the whole
  language (overrides/assets/javascripts/offline.js asks the worker for the
  size first); an update fetches only the files whose revision changed.
  Offline copies found in dist/ (`make offline`, run first in CI) are copied
  into the site and linked from each language's home page with their size.
- The downloadable copies (`make offline`): `build_bundle` builds with
  mkdocs.offline.yml (Material's offline plugin: links to .html files) into a
  temporary folder, checks that no page loads anything from another host, and
  zips one copy per language, dist/offline-site-<lang>.zip (that language's
  pages and the shared assets).  Pagefind cannot run from file:// (Chromium
  refuses ES modules and fetch() there), so the copy's search dialog uses lunr
  (lunr.js shipped with MkDocs, the stemmers shipped with Material) over the
  language's index written as a script (search/search_index.js), with the
  same accent folding.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from . import languages as language_facts
from . import staging
from .languages import Languages
from .render import TEMPLATES, environment

BUNDLE_CONFIG = "mkdocs.offline.yml"
#: One offline copy per language; the folder inside the zip has the same name
BUNDLE_PATTERN = "offline-site-{lang}.zip"
DIST = "dist"
OFFLINE_PLUGIN = "material/offline"
SERVICE_WORKER = "sw.js"
#: Pagefind's output folder at the site root
PAGEFIND = "pagefind"
#: The files of Pagefind's output a reader's browser uses (the rest is its own UIs)
PAGEFIND_ENGINE = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
#: lunr.js, copied from MkDocs into the offline copy (its search engine from file://)
LUNR = "assets/javascripts/lunr/lunr.min.js"
#: Fixed time stamp of every file in the zip: the same site gives the same zip
ZIP_DATE = (2000, 1, 1, 0, 0, 0)
#: Characters of a file's revision (hex of its SHA-256); sw.js computes the same
REVISION_LENGTH = 12

_SKIP_SUFFIXES = {".map", ".gz", ".cfg", ".py", ".po", ".pot", ".mo", ".zip"}
_SKIP_NAMES = {"sitemap.xml"}
#: The per-language sitemaps that sitemap.xml indexes (overrides/hooks/sitemaps.py)
_SITEMAP = re.compile(r"sitemap-[A-Za-z0-9_-]+\.xml")
SHARED = "*"


# -- which files a reader needs ---------------------------------------------


def language_root(lang: str, langs: Languages) -> str:
    """Folder of a language under the site root: '' for the source language, 'es/' for another."""
    return langs.root(lang)


def needed(rel: str, languages: list[str]) -> bool:
    """Whether a built file is part of what a reader needs (pages, assets, search).

    Left out: source maps, the compressed sitemap and the sitemaps, build
    leftovers, zips, and the search stemmers of languages the site does not have.
    """
    name = rel.rpartition("/")[2]
    dot = name.rfind(".")
    suffix = name[dot:] if 0 < dot < len(name) - 1 else ""  # PurePosixPath(rel).suffix, without the cost
    if suffix in _SKIP_SUFFIXES or name in _SKIP_NAMES or (rel == name and _SITEMAP.fullmatch(rel)):
        return False
    if rel.startswith("assets/javascripts/lunr/"):
        keep = {"min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js", "lunr.min.js"}
        keep.update(f"min/lunr.{lang}.min.js" for lang in languages)
        for lang in languages:
            keep.update(language_facts.get(lang).search_scripts)
        return rel[len("assets/javascripts/lunr/") :] in keep
    return True


def site_files(site_dir: Path, languages: list[str]) -> list[str]:
    out = []
    for dirpath, _, names in os.walk(site_dir):
        folder = os.path.relpath(dirpath, site_dir).replace(os.sep, "/")
        prefix = "" if folder == "." else folder + "/"
        out.extend(rel for rel in (prefix + name for name in names) if needed(rel, languages))
    return sorted(out)


_PAGEFIND_LANG = re.compile(r"^(?:wasm\.|pagefind\.)?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)[._]")


def owner(rel: str, langs: Languages) -> str | None:
    """Whose file a built file is, for the service worker: a language, SHARED, or None (never saved).

    Pagefind's chunks and each language's folder belong to that language; the
    source language owns the pages outside the other languages' folders.
    Never saved: the worker and its lists, Material's lunr search (the published
    site searches with Pagefind), 404.html (the worker has offline pages),
    badges and robots.txt.
    """
    languages = langs.all
    if not needed(rel, languages) or rel == SERVICE_WORKER or rel.startswith("sw-files."):
        return None
    if rel.startswith(PAGEFIND + "/"):
        name = rel[len(PAGEFIND) + 1 :]
        if name in PAGEFIND_ENGINE:
            return SHARED
        match = _PAGEFIND_LANG.match(PurePosixPath(name).name)
        return match.group(1) if match and match.group(1) in languages else None
    head = rel.split("/", 1)[0]
    if head in ("search", "badges") or rel.startswith(("assets/javascripts/lunr/", "assets/javascripts/workers/")):
        return None
    if rel in ("404.html", "robots.txt"):
        return None
    for lang in langs.translations:
        if rel.startswith(langs.root(lang)):
            return None if rel.startswith(langs.root(lang) + "search/") else lang
    match = re.fullmatch(r"manifest\.(.+)\.webmanifest", rel)
    if match:
        return match.group(1) if match.group(1) in languages else None
    if head == "assets" or "/" not in rel and not rel.endswith(".html"):
        return SHARED
    return langs.source


def address(rel: str) -> str:
    """A file's address relative to the site root, as the worker keys it: folder/ for folder/index.html."""
    if rel == "index.html":
        return "./"
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def revision(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:REVISION_LENGTH]


#: Revisions of the files of earlier builds in this process (`make serve`): path -> (mtime, size, revision)
_revisions: dict[str, tuple[int, int, str]] = {}


def file_table(site_dir: Path, langs: Languages, incremental: bool = False) -> dict[str, dict[str, list]]:
    """Per owner (each language, SHARED): address -> [revision, size in bytes].

    `incremental`: a file whose modification time and size are those it had at the
    previous build in this process keeps the revision computed then."""
    table: dict[str, dict[str, list]] = {SHARED: {}, **{lang: {} for lang in langs.all}}
    for rel in site_files(site_dir, langs.all):
        who = owner(rel, langs)
        if who is None:
            continue
        path = site_dir / rel
        key = str(path)
        if incremental:
            st = path.stat()
            known = _revisions.get(key)
            if known is not None and known[:2] == (st.st_mtime_ns, st.st_size):
                table[who][address(rel)] = [known[2], st.st_size]
                continue
        data = path.read_bytes()
        table[who][address(rel)] = [revision(data), len(data)]
        if incremental:
            _revisions[key] = (st.st_mtime_ns, st.st_size, table[who][address(rel)][0])
    return table


class _PageLoads(HTMLParser):
    """The local files a page makes the browser fetch by itself (stylesheets, scripts, images, icons)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and set((values.get("rel") or "").lower().split()) & {"stylesheet", "icon", "manifest", "apple-touch-icon"}:
            self.urls.append(values.get("href") or "")
        elif tag in ("script", "img") and values.get("src"):
            self.urls.append(values["src"] or "")


def page_loads(site_dir: Path, rel: str) -> list[str]:
    """Site-relative paths of the files a built page loads (what the worker installs beside it)."""
    parser = _PageLoads()
    parser.feed((site_dir / rel).read_text(encoding="utf-8"))
    base = "http://site.invalid/" + rel
    out = []
    for url in parser.urls:
        parts = urlsplit(urljoin(base, url))
        if parts.netloc != "site.invalid" or not url:
            continue
        path = parts.path.lstrip("/")
        if (site_dir / path).is_file():
            out.append(path)
    return out


# -- the published site: manifests, offline pages, service worker ------------


def post_build(config, site, incremental: bool = False) -> None:
    """Called by the healthdocs plugin once every language is built.

    `incremental` (a dirty build: `make serve` rebuilding what changed): Pagefind's
    index is kept as the first build made it (it catches up at the next full build
    or restart, like the lists on other pages), and only the files whose size or
    modification time changed are hashed again for the service worker."""
    site_dir = Path(config.site_dir)
    langs = site.langs
    languages = langs.all
    if bundle_build(config):
        write_search_scripts(site_dir, langs)
        copy_lunr(site_dir)
        return
    names = _language_names(config)
    root = urlsplit(config.site_url or "/").path or "/"
    root = root if root.endswith("/") else root + "/"
    for lang in languages:
        translations = site.gettext(lang) if site else None
        write_manifest(site_dir, lang, langs, names[lang], translations)
        write_offline_page(site_dir, lang, langs, names, root, config, translations)
    if incremental and (site_dir / PAGEFIND / "pagefind-entry.json").is_file():
        _remove_lunr_indexes(site_dir, languages)
    else:
        index_search(site_dir, languages)
    copy_bundles(Path(config.config_file_path).resolve().parent / DIST, site_dir, languages)
    write_service_worker(site_dir, langs, incremental=incremental)


def _remove_lunr_indexes(site_dir: Path, languages: list[str] | None) -> None:
    """Material's search_index.json, at the root and in each language's folder (the build splits it)."""
    if languages is None:
        found = list(site_dir.glob("**/search/search_index.json"))
    else:
        found = [site_dir / "search" / "search_index.json", *(site_dir / lang / "search" / "search_index.json" for lang in languages)]
    for index in found:
        index.unlink(missing_ok=True)


def index_search(site_dir: Path, languages: list[str] | None = None) -> None:
    """Pagefind over the built pages (the parts marked data-pagefind-body), one index per <html lang>.

    Material's lunr index is not published: the search dialog uses Pagefind.
    Its pagefind-entry.json lists the languages in the order it found their pages
    (the order of the folders on disk); they are put in the site's order (`languages`),
    so that the same pages give the same bytes (and the same service worker version).
    """
    out = site_dir / PAGEFIND
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", PAGEFIND, "--silent"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed on {site_dir}:\n{result.stdout}{result.stderr}")
    for path in out.iterdir():
        if path.is_file() and path.name not in PAGEFIND_ENGINE and not path.name.startswith(("wasm.", "pagefind.")):
            path.unlink()  # Pagefind's own UIs: the site has its own dialog
        elif path.name == "wasm.unknown.pagefind":
            path.unlink()
    entry = out / "pagefind-entry.json"
    if languages and entry.is_file():
        data = json.loads(entry.read_text(encoding="utf-8"))
        found = data.get("languages") or {}
        order = {lang: i for i, lang in enumerate(languages)}
        data["languages"] = dict(sorted(found.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))
        entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    _remove_lunr_indexes(site_dir, languages)


def bundle_name(lang: str) -> str:
    return BUNDLE_PATTERN.format(lang=lang)


def copy_bundles(dist: Path, site_dir: Path, languages: list[str]) -> None:
    """The offline copies `make offline` left in dist/, published beside the home page."""
    for lang in languages:
        source = dist / bundle_name(lang)
        if source.is_file():
            shutil.copyfile(source, site_dir / bundle_name(lang))


def bundle_link(config, lang: str) -> dict | None:
    """The home page's link to its language's offline copy: {"href", "size"} (None without one, or in the copy)."""
    if bundle_build(config):
        return None
    path = Path(config.config_file_path).resolve().parent / DIST / bundle_name(lang)
    if not path.is_file():
        return None
    return {"href": bundle_name(lang), "name": bundle_name(lang), "size": human_size(path.stat().st_size, lang)}


def human_size(size: int, lang: str) -> str:
    from babel.numbers import format_decimal

    if size >= 1024 * 1024:
        return format_decimal(round(size / (1024 * 1024), 1), locale=lang) + " MB"
    return format_decimal(max(1, round(size / 1024)), locale=lang) + " KB"


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


def write_offline_page(site_dir: Path, lang: str, langs: Languages, names, root: str, config, translations) -> Path:
    lang_root = root + language_root(lang, langs)
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
        root=root,
        others=others,
        favicon=root + favicon,
    )
    target = site_dir / offline_page(lang, langs)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def install_list(site_dir: Path, lang: str, langs: Languages) -> list[str]:
    """What the worker installs for a reader of one language: the shell (what the home page
    loads: stylesheets, scripts, icons, manifest) and the home page, glossary index and offline page."""
    home = language_root(lang, langs) + "index.html"
    index = f"{language_root(lang, langs)}{langs[lang].glossary_dir}/index.html"
    rels = [home, index, offline_page(lang, langs), *page_loads(site_dir, home)]
    return list(dict.fromkeys(address(rel) for rel in rels if (site_dir / rel).is_file()))


def files_name(lang: str) -> str:
    return f"sw-files.{lang}.json"


def write_service_worker(site_dir: Path, langs: Languages, incremental: bool = False) -> Path:
    """sw-files.<lang>.json per language, then sw.js (its version changes with any of them)."""
    languages = langs.all
    table = file_table(site_dir, langs, incremental)
    digest = hashlib.sha256((TEMPLATES / SERVICE_WORKER).read_bytes())
    lists = {}
    for lang in languages:
        text = json.dumps({"files": table[lang]}, separators=(",", ":"), sort_keys=True)
        (site_dir / files_name(lang)).write_text(text, encoding="utf-8")
        lists[lang] = files_name(lang)
        digest.update(text.encode())
    install = {lang: install_list(site_dir, lang, langs) for lang in languages}
    everything = {k: v for part in table.values() for k, v in part.items()}
    files = dict(table[SHARED])
    for paths in install.values():
        files.update({path: everything[path] for path in paths if path in everything})
    build = {
        "source": langs.source,
        "roots": {lang: language_root(lang, langs) for lang in languages},
        "fallback": {lang: offline_page(lang, langs) for lang in languages},
        "lists": lists,
        "install": install,
        "engine": [f"{PAGEFIND}/{name}" for name in PAGEFIND_ENGINE if f"{PAGEFIND}/{name}" in files],
        "files": dict(sorted(files.items())),
    }
    digest.update(json.dumps(build, sort_keys=True).encode())
    build = {"version": digest.hexdigest()[:16], **build}
    header = "const BUILD = " + json.dumps(build, ensure_ascii=False, separators=(",", ":")) + ";\n"
    target = site_dir / SERVICE_WORKER
    target.write_text(header + (TEMPLATES / SERVICE_WORKER).read_text(encoding="utf-8"), encoding="utf-8")
    return target


def worker_build(site_dir: Path) -> dict | None:
    """The BUILD object written into a built site's sw.js (None without one)."""
    path = site_dir / SERVICE_WORKER
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    return json.loads(text[len("const BUILD = ") : text.index(";\n")])


def worker_version(site_dir: Path) -> str | None:
    build = worker_build(site_dir)
    return build["version"] if build else None


# -- the bundle ---------------------------------------------------------------


def write_search_scripts(site_dir: Path, langs: Languages) -> None:
    """search/search_index.js of each language, from its own index (a script loads from file://, fetch does not)."""
    for lang in langs.all:
        folder = site_dir / language_root(lang, langs) / "search"
        source = folder / "search_index.json"
        if source.is_file():
            data = source.read_text(encoding="utf-8")
            (folder / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")


def lunr_scripts(lang: str) -> list[str]:
    """The scripts lunr needs for a language, after lunr.js, in the copy's search: Material's
    stemmer for it, or none where lunr stems the language by itself (Material has no file for it)."""
    import material

    folder = "assets/javascripts/lunr/min"
    if not (Path(material.__file__).parent / "templates" / folder / f"lunr.{lang}.min.js").is_file():
        return []
    return [f"{folder}/lunr.stemmer.support.min.js", f"{folder}/lunr.{lang}.min.js"]


def copy_lunr(site_dir: Path) -> None:
    """lunr.js as MkDocs ships it (Material bundles lunr inside its worker, which needs a Worker)."""
    import mkdocs.contrib.search

    source = Path(mkdocs.contrib.search.__file__).parent / "templates" / "search" / "lunr.js"
    target = site_dir / LUNR
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


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


def bundle_files(site_dir: Path, lang: str, langs: Languages) -> list[str]:
    """The files of one language's copy: its pages and search index, and the shared assets."""
    out = []
    for rel in site_files(site_dir, langs.all):
        if rel == SERVICE_WORKER or rel.endswith(".webmanifest") or rel.startswith("badges/"):
            continue
        other = next((o for o in langs.translations if rel.startswith(langs.root(o))), None)
        if other is not None:
            if other == lang:
                out.append(rel)
            continue
        is_page = rel.endswith(".html") or rel.startswith("search/")
        if lang == langs.source or not is_page or rel == "404.html":
            out.append(rel)
    return out


_START = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta http-equiv="refresh" content="0; url={target}"></head>
<body><p><a href="{target}">{title}</a></p></body></html>
"""


def build_bundle(root: Path, config: str = BUNDLE_CONFIG, output: str = DIST, quiet: bool = False) -> int:
    """Build the offline site into a temporary folder, check it, and zip one copy per language
    into `output` (dist/offline-site-<lang>.zip); dist/ never holds half a zip."""
    out_dir = root / output
    langs = language_facts.configured(root / config)
    with staging.temporary(root, "offline") as work:
        site_dir = work / "site"
        code = staging.mkdocs_build(root, config, site_dir, quiet)
        if code != 0:
            print(f"offline build failed: {output}/ was left as it was", file=sys.stderr)
            return code
        remote = remote_loads(site_dir)
        if remote:
            print("offline build: these load files from another host:\n  " + "\n  ".join(remote), file=sys.stderr)
            print(f"{output}/ was left as it was", file=sys.stderr)
            return 1
        parts = []
        for lang in langs.all:
            folder = bundle_name(lang)[: -len(".zip")]
            part = work / bundle_name(lang)
            with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
                for rel in bundle_files(site_dir, lang, langs):
                    _zip_write(zf, f"{folder}/{rel}", (site_dir / rel).read_bytes())
                if langs.root(lang):
                    # The copy opens at index.html, which leads to the language's home page
                    title = _home_title(site_dir / langs.root(lang) / "index.html")
                    start = _START.format(lang=lang, title=title, target=f"{langs.root(lang)}index.html")
                    _zip_write(zf, f"{folder}/index.html", start.encode())
            parts.append((part, out_dir / bundle_name(lang)))
        for part, target in parts:
            staging.swap_in(part, target)
    if not quiet:
        for lang in langs.all:
            target = out_dir / bundle_name(lang)
            print(f"The offline copy in {langs.name(lang)} is {output}/{target.name} ({target.stat().st_size / 1024:.0f} KiB).")
        print("Unzip one and open index.html in its folder in a browser: no connection or server is needed.")
    return 0


def _zip_write(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def _home_title(path: Path) -> str:
    match = re.search(r"<title>([^<]*)</title>", path.read_text(encoding="utf-8"))
    return match.group(1).strip() if match else path.parent.name
