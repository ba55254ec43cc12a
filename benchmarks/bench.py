"""Benchmark: the healthdocs pipeline against stock MkDocs, at several site sizes.

    make bench                       # N = 10 100 1000
    make bench N="10 100"
    .venv/bin/python benchmarks/bench.py --sizes 10 100 --repeat 3 --profile 100

For each N (number of synthetic articles, see benchmarks/synth.py):

1. A temporary project: the real mkdocs.yml and overrides/, the real home page
   and its catalog, N synthetic English articles of about 800 words.
2. `healthdocs catalogs` on it, timed: *extract* (no article catalog yet) and,
   after the catalogs are filled with fake Spanish (every message of the even
   articles, about 60 % of the odd ones), *update* (the run a translator does
   after editing English).
3. `healthdocs build`, timed, with the peak memory (max RSS) of the process tree
   (os.wait4 on the child: the largest of it and its waited-for descendants).
4. The stock baseline: a second project with the same pages written out as
   Markdown files (English sources, Spanish `*.es.md`, glossary pages and
   indexes, with the generated sections already filled in: the Markdown the
   pipeline hands to MkDocs) and the same mkdocs.yml without the healthdocs
   plugin (Material, mkdocs-static-i18n, search, hooks, extensions, theme
   overrides).  `mkdocs build --strict`, timed the same way.  This is what a
   user would run instead of the pipeline.
5. Output: pages, total bytes, HTML bytes per page, the article page's size,
   search index size (every search_index.json, both languages), and the page
   weight of a first visit to an article page (English and Spanish): the HTML
   and everything it makes the browser fetch (CSS, JS, fonts and images in the
   page and in its CSS, the favicon, and what Material fetches at load: the
   search worker, the search index, lunr language files, when Material's search
   is on the page), raw and gzip -6.
   With Chromium and Playwright available (the test dependencies), the same
   page is also loaded in a real browser from a local server that answers
   missing files with 404.html like GitHub Pages does, and every request is
   counted (`--no-browser` skips this).
6. What a reader pays (`reader_cost`, issue 13), in Chromium with the service
   worker on, English and Spanish: the first visit to an article (the page's
   requests), what the worker installs (its requests until its install list is
   saved), one search query typed without accents (every file fetched from the
   dialog's opening to its results), all as gzip -6 of the files served; and
   the size of each language's offline copy (`healthdocs offline`).

Builds alternate pipeline / stock, `--repeat` times each (default 3 for
N <= 100, 1 above); the medians are reported.  Each N ends with the line

    ratio pipeline/stock at N=<N>: <ratio>

and the run ends with a table.  Results go to build/bench/results.json
(build/ is not committed).  `--profile N` also profiles the pipeline build at N
with pyinstrument (build/bench/profile-N.html, .pyisession) and prints the
functions of healthdocs that cost the most.
"""

from __future__ import annotations

import argparse
import gzip
import html.parser
import json
import os
import platform
import posixpath
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
if str(REPO / "scripts") not in sys.path:
    sys.path.insert(1, str(REPO / "scripts"))

import scale  # noqa: E402
import synth  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


# ---------------------------------------------------------------------------
# Running and timing


def run(cmd: list[str], cwd: Path, log: Path) -> dict:
    """Run a command; wall time, exit code and the peak RSS of its process tree."""
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(cmd)}\n".encode())
        out.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": wall, "cpu_seconds": usage.ru_utime + usage.ru_stime, "rc": proc.returncode,
            "maxrss_mb": usage.ru_maxrss / 1024}


def must(result: dict, what: str, log: Path) -> dict:
    if result["rc"] != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:]
        print("\n".join(tail), file=sys.stderr)
        raise SystemExit(f"benchmark: {what} failed (exit {result['rc']}); log: {log}")
    return result


def healthdocs(project: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "healthdocs", "--root", str(project), *args]


def stock_build() -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict"]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# ---------------------------------------------------------------------------
# Output measurements


def tree_bytes(root: Path) -> tuple[int, int, int]:
    """(all bytes, HTML bytes, HTML files) under root."""
    total = html_bytes = pages = 0
    for dirpath, _, files in os.walk(root):
        for name in files:
            size = os.path.getsize(os.path.join(dirpath, name))
            total += size
            if name.endswith(".html"):
                html_bytes += size
                pages += 1
    return total, html_bytes, pages


def search_index_bytes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in sorted(site.rglob("search_index.json"))}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


class _Refs(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []  # (kind, url)
        self.lang = ""
        self.has_search = False
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        elif tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").split()
            if "stylesheet" in rel:
                self.refs.append(("css", a["href"]))
            elif {"icon", "apple-touch-icon", "manifest", "preload", "modulepreload"} & set(rel):
                self.refs.append(("other", a["href"]))
        elif tag == "script":
            if a.get("src"):
                self.refs.append(("js", a["src"]))
            elif a.get("id") == "__config":
                self._in_config = True
        elif tag in ("img", "source", "video", "audio"):
            srcset = (a.get("srcset") or "").split(",")[0].split()
            url = a.get("src") or (srcset[0] if srcset else None) or a.get("poster")
            if url:
                self.refs.append(("image", url))
        elif tag == "form" and a.get("name") == "search":
            self.has_search = True

    def handle_data(self, data):
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_config = False


_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def _local(site: Path, base_rel: str, url: str) -> Path | None:
    """The file a relative or site-absolute URL names, or None for another host / data: URI."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.I):
        return None
    url = url.split("#")[0].split("?")[0]
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(base_rel), url)) if not url.startswith("/") else url.lstrip("/")
    path = site / rel
    if path.is_dir() or url.endswith("/"):
        path = path / "index.html"
    return path


def page_weight(site: Path, page_rel: str) -> dict:
    """What a first visit to one page transfers, by static analysis of the built files."""
    page = site / page_rel
    items: dict[str, tuple[str, Path]] = {}
    external: list[str] = []
    missing: list[str] = []
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))

    def add(kind: str, base_rel: str, url: str) -> None:
        path = _local(site, base_rel, url)
        if path is None:
            if not url.startswith("data:"):
                external.append(url)
            return
        key = path.relative_to(site).as_posix()
        if key in items:
            return
        if not path.is_file():
            missing.append(key)
            return
        items[key] = (kind, path)
        if kind == "css":
            for ref in _CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace")):
                if not ref.startswith("data:") and not ref.startswith("#"):
                    add("font" if re.search(r"\.(woff2?|ttf|otf|eot)$", ref) else "image", key, ref)

    items[page_rel] = ("html", page)
    for kind, url in parser.refs:
        add(kind, page_rel, url)
    # Material at load: the search worker, then the index and lunr's language support.
    if parser.has_search and parser.config:
        config = json.loads(parser.config)
        if config.get("search"):
            add("js", page_rel, config["search"])
        lang = parser.lang.split("-")[0] or "en"
        index_rel = f"{lang}/search/search_index.json" if (site / lang / "search" / "search_index.json").is_file() else "search/search_index.json"
        add("search", "", index_rel)
        langs = json.loads((site / index_rel).read_text(encoding="utf-8")).get("config", {}).get("lang", ["en"])
        lunr = [f"assets/javascripts/lunr/min/lunr.{x}.min.js" for x in langs if x != "en"]
        if lunr:
            lunr.insert(0, "assets/javascripts/lunr/min/lunr.stemmer.support.min.js")
        if len(langs) > 1:
            lunr.append("assets/javascripts/lunr/min/lunr.multi.min.js")
        for rel in lunr:
            add("js", "", rel)
    by_kind: dict[str, dict[str, int]] = {}
    for kind, path in items.values():
        data = path.read_bytes()
        entry = by_kind.setdefault(kind, {"files": 0, "bytes": 0, "gzip": 0})
        entry["files"] += 1
        entry["bytes"] += len(data)
        entry["gzip"] += gz(data)
    return {
        "page": page_rel,
        "requests": len(items),
        "bytes": sum(e["bytes"] for e in by_kind.values()),
        "gzip": sum(e["gzip"] for e in by_kind.values()),
        "by_kind": by_kind,
        "files": sorted(items),
        "external": external,
        "missing": missing,
    }


def _origin(page: Path) -> str | None:
    """The site's address as the build wrote it (site_url), from the page's canonical link."""
    text = page.read_text(encoding="utf-8")
    m = re.search(r'<link rel="canonical" href="([^"]+)"', text)
    return m.group(1) if m else None


def browser_weight(site: Path, page_rel: str) -> dict | None:
    """The same first visit in headless Chromium, the site served at its own site_url:
    every request the page makes, answered from the built files, missing files with
    404.html (as GitHub Pages does)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    canonical = _origin(site / page_rel)
    page_url = page_rel.removesuffix("index.html")
    if not canonical or not canonical.endswith(page_url):
        return {"error": "no canonical link to find the site's address"}
    origin = canonical[: len(canonical) - len(page_url)]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    seen: list[dict] = []

    def serve(route, request):
        url = request.url
        if not url.startswith(origin):
            seen.append({"url": url, "type": request.resource_type, "external": True})
            return route.abort()
        rel = url[len(origin):].split("?")[0].split("#")[0]
        path = site / rel
        if rel == "" or rel.endswith("/") or path.is_dir():
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = site / "404.html", 404
        data = path.read_bytes()
        seen.append({"url": rel, "type": request.resource_type, "status": status, "bytes": len(data), "gzip": gz(data)})
        return route.fulfill(status=status, body=data, headers={"content-type": _mime(path)})

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium) if chromium else pw.chromium.launch()
            context = browser.new_context(service_workers="block")
            page = context.new_page()
            page.route("**/*", serve)
            page.goto(canonical, wait_until="networkidle")
            page.wait_for_timeout(1000)
            browser.close()
    except Exception as exc:  # no browser here: the static figures stand alone
        return {"error": f"{type(exc).__name__}: {exc}".splitlines()[0]}
    local = [r for r in seen if not r.get("external")]
    return {
        "requests": len(seen),
        "bytes": sum(r["bytes"] for r in local),
        "gzip": sum(r["gzip"] for r in local),
        "not_found": [r["url"] for r in local if r["status"] == 404],
        "not_found_gzip": sum(r["gzip"] for r in local if r["status"] == 404),
        "external": [r["url"] for r in seen if r.get("external")],
        "list": seen,
    }


def _mime(path: Path) -> str:
    import mimetypes

    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return kind + ("; charset=utf-8" if kind.startswith("text/") or kind.endswith(("json", "javascript", "xml")) else "")


def precache(site: Path) -> dict | None:
    """What the service worker (sw.js, if the site has one) installs for a reader of each
    language, by its BUILD header: sw.js itself and its install list, gzip -6."""
    sw = site / "sw.js"
    if not sw.is_file():
        return None
    m = re.match(r"const BUILD = (\{.*?\});\n", sw.read_text(encoding="utf-8"), re.S)
    if not m:
        return {"error": "sw.js has no BUILD header"}
    build = json.loads(m.group(1))
    out = {}
    for lang, urls in build.get("install", {}).items():
        paths = []
        for url in urls:
            path = site / url
            if url.endswith("/") or url in ("", "./") or path.is_dir():
                path = path / "index.html"
            if path.is_file():
                paths.append(path)
        data = [sw.read_bytes(), *(p.read_bytes() for p in paths)]
        out[lang] = {"urls": len(urls) + 1, "bytes": sum(map(len, data)), "gzip": sum(map(gz, data))}
    return out


def measure_site(site: Path, article_slug: str, browser: bool) -> dict:
    total, html_bytes, pages = tree_bytes(site)
    out = {
        "pages": pages,
        "bytes": total,
        "html_bytes": html_bytes,
        "html_bytes_per_page": html_bytes / pages if pages else 0,
        "search_index": search_index_bytes(site),
        "article_page_bytes": {},
        "weight": {},
    }
    out["search_index_bytes"] = sum(out["search_index"].values())
    out["precache"] = precache(site)
    for lang, rel in (("en", f"{article_slug}/index.html"), ("es", f"es/{article_slug}/index.html")):
        if (site / rel).is_file():
            out["article_page_bytes"][lang] = (site / rel).stat().st_size
            weight = page_weight(site, rel)
            if browser:
                weight["browser"] = browser_weight(site, rel)
            out["weight"][lang] = weight
    return out


# ---------------------------------------------------------------------------
# What a reader pays (issue 13): first visit, service-worker install, one query, offline copies


def _serve_dir(site: Path):
    """A local server for the built site that answers as GitHub Pages does: folders with
    index.html, missing files with 404.html and status 404, and `Cache-Control:
    max-age=600`, so that the browser's HTTP cache answers a second request for a file.
    Returns (server, origin, log): log lists the paths of the files sent (status 200)."""
    import functools
    import http.server
    import threading

    log: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def log_request(self, code="-", size="-"):
            if str(code) == "200":
                log.append(self.path)

        def end_headers(self):
            self.send_header("Cache-Control", "max-age=600")
            super().end_headers()

        def send_error(self, code, message=None, explain=None):
            page = site / "404.html"
            if code != 404 or not page.is_file():
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}", log


def _cost(site: Path, paths: list[str]) -> dict:
    """Files, raw and gzip bytes of the files sent for a list of request paths."""
    files = {}
    for url in paths:
        rel = url.split("?")[0].split("#")[0].lstrip("/")
        path = site / rel
        if rel == "" or rel.endswith("/") or path.is_dir():
            path = path / "index.html"
        if path.is_file():
            files[rel or "./"] = files.get(rel or "./", []) + [path.read_bytes()]
    sent = [data for datas in files.values() for data in datas]
    return {
        "files": len(files),
        "requests": len(sent),
        "bytes": sum(map(len, sent)),
        "gzip": sum(map(gz, sent)),
        "list": sorted(files),
    }


def query_word(site: Path, page_rel: str) -> str:
    """A word of the article to search for, typed without its accents (a reader's query)."""
    import unicodedata

    text = re.sub(r"<[^>]+>", " ", (site / page_rel).read_text(encoding="utf-8").split("<article", 1)[-1])
    words = [w.lower() for w in re.findall(r"[^\W\d_]{7,}", text)]
    accented = [w for w in words if unicodedata.normalize("NFD", w) != w]
    word = max(set(accented or words), key=(accented or words).count)
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def reader_cost(site: Path, page_rel: str) -> dict:
    """One reader in headless Chromium, service worker on, the site served as GitHub Pages
    serves it (see _serve_dir): what the server sends for the first visit to an article
    (until the page's load event), for the worker's install (until its install list is
    saved; files the page loaded come from the HTTP cache), and for one search query (from
    the dialog's opening to its results).  Sizes are the gzip -6 of the files sent; requests
    to other hosts are counted (and refused)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"error": "playwright is not installed"}
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    build = None
    if (site / "sw.js").is_file():
        text = (site / "sw.js").read_text(encoding="utf-8")
        build = json.loads(text[len("const BUILD = ") : text.index(";\n")])
    server, origin, log = _serve_dir(site)
    external: list[str] = []
    word = query_word(site, page_rel)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"]) if chromium else pw.chromium.launch()
            context = browser.new_context()
            context.route(lambda url: not url.startswith(origin) and not url.startswith(("data:", "blob:")),
                          lambda route: (external.append(route.request.url), route.abort()))
            page = context.new_page()
            page.goto(f"{origin}/{page_rel.removesuffix('index.html')}", wait_until="load")
            visit = [p for p in log if p != "/sw.js"]
            if build:
                page.evaluate("navigator.serviceWorker.ready")
                lang = page.evaluate("document.documentElement.lang")
                install = {f"{origin}/{a}" if a != "./" else f"{origin}/" for a in build["install"].get(lang, [])}
                for _ in range(600):
                    keys = page.evaluate("caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.keys())))).then(a => a.flat().map(r => r.url))")
                    if install <= set(keys):
                        break
                    page.wait_for_timeout(100)
            page.wait_for_load_state("networkidle")
            installed = [p for p in log if p not in visit or p == "/sw.js"]
            start = len(log)
            page.click(".hd-search-open")
            page.fill("#hd-search-input", word)
            page.wait_for_function("q => document.getElementById('hd-search-status').dataset.query === q", arg=word, timeout=60_000)
            results = page.eval_on_selector_all("#hd-search-results a", "els => els.length")
            query = log[start:]
            browser.close()
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}".splitlines()[0]}
    finally:
        server.shutdown()
        server.server_close()
    out = {"visit": _cost(site, visit), "install": _cost(site, installed), "query": _cost(site, query)}
    out["query"]["word"] = word
    out["query"]["results"] = results
    out["external"] = external
    return out


def offline_copies(project: Path, log: Path) -> dict:
    """`healthdocs offline` on the project: seconds and the size of each language's zip."""
    result = must(run(healthdocs(project, "offline", "--quiet"), project, log), "offline copies", log)
    zips = {p.stem.removeprefix("offline-site-"): p.stat().st_size for p in sorted((project / "dist").glob("offline-site-*.zip"))}
    return {"seconds": result["seconds"], "zips": zips}


# ---------------------------------------------------------------------------
# Profile


def profile(project: Path, out_dir: Path, n: int, log: Path, top: int = 15) -> dict:
    """pyinstrument over the pipeline's MkDocs build; the costliest healthdocs functions."""
    from pyinstrument.renderers import HTMLRenderer
    from pyinstrument.session import Session

    session_path = out_dir / f"profile-{n}.pyisession"
    site_dir = project / "build" / "site.profile"
    shutil.rmtree(site_dir, ignore_errors=True)
    cmd = [sys.executable, "-m", "pyinstrument", "-r", "pyisession", "-o", str(session_path),
           "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    must(run(cmd, project, log), "profiled build", log)
    shutil.rmtree(site_dir, ignore_errors=True)
    session = Session.load(str(session_path))
    (out_dir / f"profile-{n}.html").write_text(HTMLRenderer().render(session), encoding="utf-8")
    root = session.root_frame()
    assert root is not None
    marker = f"{os.sep}healthdocs{os.sep}"

    def ours(frame) -> bool:
        return bool(frame.file_path) and (marker in frame.file_path or f"{os.sep}overrides{os.sep}hooks{os.sep}" in frame.file_path)

    def short(path: str) -> str:
        for anchor in (f"healthdocs{os.sep}", f"overrides{os.sep}"):
            if anchor in path:
                return path[path.index(anchor):].replace(os.sep, "/")
        return path

    inclusive: dict[str, float] = {}
    self_time: dict[str, float] = {}
    healthdocs_total = 0.0
    stack = [(root, frozenset(), False)]
    while stack:
        frame, above, inside = stack.pop()
        key = None
        if ours(frame):
            key = f"{frame.function}  {short(frame.file_path)}:{frame.line_no}"
            if key not in above:
                inclusive[key] = inclusive.get(key, 0.0) + frame.time
            if not inside:
                healthdocs_total += frame.time
            self_time[key] = self_time.get(key, 0.0) + frame.total_self_time
        for child in frame.children:
            stack.append((child, above | {key} if key else above, inside or key is not None))
    ranked = sorted(inclusive.items(), key=lambda kv: -kv[1])[:top]
    return {
        "duration": root.time,
        "healthdocs_inclusive": healthdocs_total,
        "top": [{"function": k, "inclusive": v, "self": self_time.get(k, 0.0)} for k, v in ranked],
        "html": str((out_dir / f"profile-{n}.html").relative_to(REPO)) if out_dir.is_relative_to(REPO) else str(out_dir / f"profile-{n}.html"),
    }


# ---------------------------------------------------------------------------
# One size


def _forget_catalogs_stamp(project: Path) -> None:
    (project / "build" / "catalogs.stamp.json").unlink(missing_ok=True)


def bench_size(n: int, repeat: int, work: Path, out_dir: Path, browser: bool, do_profile: bool, keep: bool,
               serve: bool = False) -> dict:
    print(f"\n== N={n} articles ({repeat} run(s) each) ==", flush=True)
    base = work / f"n{n}"
    base.mkdir(parents=True, exist_ok=True)
    log = base / "log.txt"
    pipeline, stock = base / "pipeline", base / "stock"
    t0 = time.perf_counter()
    synth.make_pipeline_project(pipeline, n)
    interface = (pipeline / "locales" / "es" / "_interface.po").read_bytes()
    result: dict = {"n": n, "repeat": repeat}

    extract, update = [], []
    for _ in range(repeat):
        synth.remove_article_catalogs(pipeline, n)
        (pipeline / "locales" / "es" / "_interface.po").write_bytes(interface)
        _forget_catalogs_stamp(pipeline)
        extract.append(must(run(healthdocs(pipeline, "catalogs"), pipeline, log), "catalogs (extract)", log))
    fill = synth.fill_catalogs(pipeline, n)
    for _ in range(repeat):
        _forget_catalogs_stamp(pipeline)  # every catalog changed: the whole update, each time
        update.append(must(run(healthdocs(pipeline, "catalogs"), pipeline, log), "catalogs (update)", log))
    result["catalogs"] = {
        "extract_seconds": median([r["seconds"] for r in extract]),
        "update_seconds": median([r["seconds"] for r in update]),
        "update_maxrss_mb": max(r["maxrss_mb"] for r in update),
        "messages": fill["messages"],
        "translated": fill["translated"],
    }
    print(f"catalogs: extract {result['catalogs']['extract_seconds']:.2f} s, update {result['catalogs']['update_seconds']:.2f} s "
          f"({fill['messages']} messages, {fill['translated']} translated)", flush=True)
    result["catalogs"].update(scale.catalogs_runs(pipeline, n, log, ENV))
    print(f"catalogs: nothing changed {result['catalogs']['unchanged_seconds']:.2f} s, "
          f"one English article edited {result['catalogs']['one_edit_seconds']:.2f} s", flush=True)

    t1 = time.perf_counter()
    files = synth.make_stock_project(pipeline, stock)
    (stock / "locales").mkdir(exist_ok=True)  # mkdocs.yml watches it (for `serve`); empty here
    result["stock_prepare_seconds"] = time.perf_counter() - t1
    result["markdown_files"] = files

    runs: dict[str, list[dict]] = {"pipeline": [], "stock": []}
    for _ in range(repeat):
        shutil.rmtree(pipeline / "site", ignore_errors=True)
        runs["pipeline"].append(must(run(healthdocs(pipeline, "build", "--quiet"), pipeline, log), "pipeline build", log))
        shutil.rmtree(stock / "site", ignore_errors=True)
        runs["stock"].append(must(run(stock_build(), stock, log), "stock build", log))
        print(f"  build: pipeline {runs['pipeline'][-1]['seconds']:.2f} s, stock {runs['stock'][-1]['seconds']:.2f} s", flush=True)

    slug = synth.slug_of(0)
    for name, project in (("pipeline", pipeline), ("stock", stock)):
        seconds = median([r["seconds"] for r in runs[name]])
        site = measure_site(project / "site", slug, browser)
        result[name] = {
            "seconds": seconds,
            "runs": [round(r["seconds"], 3) for r in runs[name]],
            "cpu_seconds": median([r["cpu_seconds"] for r in runs[name]]),
            "maxrss_mb": max(r["maxrss_mb"] for r in runs[name]),
            "pages_per_second": site["pages"] / seconds,
            "ms_per_page": 1000 * seconds / site["pages"],
            **site,
        }
        result[name]["scale"] = scale.output(project / "site")
    result["ratio"] = result["pipeline"]["seconds"] / result["stock"]["seconds"]
    result["cpu_ratio"] = result["pipeline"]["cpu_seconds"] / result["stock"]["cpu_seconds"]
    result["same_pages"] = result["pipeline"]["pages"] == result["stock"]["pages"]

    # What a reader pays (issue 13)
    if browser:
        result["reader"] = {}
        for lang, rel in (("en", f"{slug}/index.html"), ("es", f"es/{slug}/index.html")):
            if (pipeline / "site" / rel).is_file():
                result["reader"][lang] = reader_cost(pipeline / "site", rel)
    result["offline_copies"] = offline_copies(pipeline, log)

    if serve:
        print("make serve: one msgstr edited...", flush=True)
        result["serve"] = scale.serve_rebuild(pipeline, n, log, ENV)

    if do_profile:
        print("profiling the pipeline build (pyinstrument)...", flush=True)
        result["profile"] = profile(pipeline, out_dir, n, log)

    if not keep:
        shutil.rmtree(base, ignore_errors=True)
    result["wall_seconds"] = time.perf_counter() - t0
    report_size(result)
    return result


def bench_reader(n: int, work: Path) -> dict:
    """Only what a reader pays (`--reader-only`): the pipeline project at N, its catalogs
    filled, one build, then `reader_cost` in both languages and the offline copies."""
    print(f"\n== N={n} articles (reader cost only) ==", flush=True)
    pipeline = work / f"n{n}" / "pipeline"
    pipeline.parent.mkdir(parents=True, exist_ok=True)
    log = pipeline.parent / "log.txt"
    synth.make_pipeline_project(pipeline, n)
    must(run(healthdocs(pipeline, "catalogs"), pipeline, log), "catalogs (extract)", log)
    synth.fill_catalogs(pipeline, n)
    must(run(healthdocs(pipeline, "catalogs"), pipeline, log), "catalogs (update)", log)
    build = must(run(healthdocs(pipeline, "build", "--quiet"), pipeline, log), "pipeline build", log)
    slug = synth.slug_of(0)
    site = pipeline / "site"
    result = {"n": n, "build_seconds": build["seconds"], "pages": tree_bytes(site)[2], "precache": precache(site), "reader": {}}
    for lang, rel in (("en", f"{slug}/index.html"), ("es", f"es/{slug}/index.html")):
        if (site / rel).is_file():
            result["reader"][lang] = reader_cost(site, rel)
    result["offline_copies"] = offline_copies(pipeline, log)
    report_reader(result)
    shutil.rmtree(pipeline.parent, ignore_errors=True)
    return result


# ---------------------------------------------------------------------------
# Printing


def mb(value: float) -> str:
    return f"{value / 1e6:.1f} MB" if value >= 1e6 else f"{value / 1e3:.1f} kB"


def report_size(r: dict) -> None:
    p, s = r["pipeline"], r["stock"]
    print(f"pages: pipeline {p['pages']}, stock {s['pages']}" + ("" if r["same_pages"] else "  (DIFFERENT)"))
    for name, x in (("pipeline", p), ("stock", s)):
        print(f"{name:8}: {x['seconds']:.2f} s (runs {x['runs']}; CPU {x['cpu_seconds']:.2f} s), {x['pages_per_second']:.1f} pages/s, "
              f"{x['ms_per_page']:.1f} ms/page, peak {x['maxrss_mb']:.0f} MB, output {mb(x['bytes'])}, "
              f"HTML {mb(x['html_bytes_per_page'])}/page, search index {mb(x['search_index_bytes'])}")
    for lang, w in p["weight"].items():
        kinds = ", ".join(f"{k} {mb(v['gzip'])}" for k, v in sorted(w["by_kind"].items()))
        print(f"first visit, {lang} article page (pipeline): {w['requests']} files, {mb(w['bytes'])} raw, "
              f"{mb(w['gzip'])} gzip ({kinds})")
        b = w.get("browser")
        if b and "error" not in b:
            extra = f"; {len(b['not_found'])} not found ({mb(b['not_found_gzip'])} gzip of 404 page): {', '.join(b['not_found'])}" if b["not_found"] else ""
            extra += f"; other hosts: {len(b['external'])}" if b["external"] else ""
            print(f"  in Chromium: {b['requests']} requests, {mb(b['bytes'])} raw, {mb(b['gzip'])} gzip{extra}")
        elif b:
            print(f"  in Chromium: not measured ({b['error']})")
    pc = p.get("precache")
    if pc and "error" not in pc:
        print("service worker install (sw.js and its install list, static): "
              + ", ".join(f"{lang} {x['urls']} files {mb(x['gzip'])} gzip" for lang, x in pc.items()))
    report_reader(r)
    if "profile" in r:
        pr = r["profile"]
        print(f"profile: build {pr['duration']:.2f} s under pyinstrument, healthdocs code (with what it calls) "
              f"{pr['healthdocs_inclusive']:.2f} s ({100 * pr['healthdocs_inclusive'] / pr['duration']:.0f} %); report {pr['html']}")
        for item in pr["top"]:
            print(f"  {item['inclusive']:7.3f} s incl {item['self']:7.3f} s self  {item['function']}")
    print(scale_report(r))
    print(f"CPU time ratio pipeline/stock: {r['cpu_ratio']:.2f} (less sensitive to other load on the machine)")
    print(f"ratio pipeline/stock at N={r['n']}: {r['ratio']:.2f}", flush=True)


def report_reader(r: dict) -> None:
    for lang, c in (r.get("reader") or {}).items():
        if "error" in c:
            print(f"reader ({lang}): not measured ({c['error']})")
            continue
        print(f"reader ({lang}), in Chromium with the service worker: first visit {c['visit']['files']} files {mb(c['visit']['gzip'])} gzip; "
              f"worker install {c['install']['files']} files {mb(c['install']['gzip'])} gzip; one query ({c['query']['word']!r}, "
              f"{c['query']['results']} results shown) {c['query']['files']} files {mb(c['query']['gzip'])} gzip"
              + (f"; other hosts: {c['external']}" if c["external"] else ""))
    if r.get("offline_copies"):
        oc = r["offline_copies"]
        print(f"offline copies ({oc['seconds']:.1f} s): " + ", ".join(f"{lang} {mb(size)}" for lang, size in oc["zips"].items()))


def scale_report(r: dict) -> str:
    """Issue 14's figures: what the site costs GitHub Pages, and make serve."""
    p = r["pipeline"]["scale"]
    kinds = ", ".join(f"{k} {v['pages']} x {mb(v['bytes_per_page'])}" for k, v in p["by_kind"].items())
    lines = [f"GitHub Pages: {p['files']} files in {p['folders']} folders, {mb(p['bytes'])}, {mb(p['bytes_per_page'])} per page "
             f"({kinds}); artifact tar {mb(p['artifact_tar_bytes'])} (Pages: 1 GB)"]
    serve = r.get("serve")
    if serve:
        lines.append(f"make serve: first build {serve['first_build_seconds']:.1f} s, page rebuilt {serve['rebuild_seconds']:.1f} s after one msgstr edit"
                     if "error" not in serve else f"make serve: not measured ({serve['error']})")
    return "\n".join(lines)


def table(results: list[dict]) -> str:
    head = ["N", "pages", "pipeline s", "stock s", "ratio", "CPU ratio", "pages/s", "ms/page", "peak MB",
            "catalogs extract s", "catalogs update s", "one edit s", "no change s", "output", "stock output",
            "files", "bytes/page", "artifact tar", "HTML/page", "serve rebuild s",
            "search index", "article 1st visit gz en/es", "sw install gz en/es"]
    rows = [head]
    for r in results:
        p, s = r["pipeline"], r["stock"]
        w = p["weight"]
        rows.append([
            str(r["n"]), str(p["pages"]), f"{p['seconds']:.2f}", f"{s['seconds']:.2f}", f"{r['ratio']:.2f}",
            f"{r['cpu_ratio']:.2f}", f"{p['pages_per_second']:.1f}", f"{p['ms_per_page']:.1f}", f"{p['maxrss_mb']:.0f}",
            f"{r['catalogs']['extract_seconds']:.2f}", f"{r['catalogs']['update_seconds']:.2f}",
            f"{r['catalogs']['one_edit_seconds']:.2f}", f"{r['catalogs']['unchanged_seconds']:.2f}",
            mb(p["bytes"]), mb(s["bytes"]), str(p["scale"]["files"]), mb(p["scale"]["bytes_per_page"]),
            mb(p["scale"]["artifact_tar_bytes"]), mb(p["html_bytes_per_page"]),
            f"{r['serve']['rebuild_seconds']:.1f}" if "rebuild_seconds" in r.get("serve", {}) else "-",
            mb(p["search_index_bytes"]),
            "/".join(mb(w[lang]["gzip"]) for lang in ("en", "es") if lang in w),
            "/".join(mb(x["gzip"]) for x in p["precache"].values()) if p.get("precache") and "error" not in p["precache"] else "-",
        ])
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.rjust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def reader_table(results: list[dict]) -> str:
    """What a reader pays, per N (issue 13's targets: first visit <= 100 kB, install <= 150 kB, query <= 300 kB at N=1000)."""
    langs = sorted({lang for r in results for lang in (r.get("reader") or {})}, key=lambda x: (x != "en", x))
    head = ["N", *[f"1st visit gz {x}" for x in langs], *[f"sw install gz {x}" for x in langs],
            *[f"query gz {x}" for x in langs], *[f"zip {x}" for x in langs], "other hosts"]
    rows = [head]
    for r in results:
        reader = r.get("reader") or {}
        cell = lambda lang, key: mb(reader[lang][key]["gzip"]) if lang in reader and "error" not in reader[lang] else "-"  # noqa: E731
        zips = (r.get("offline_copies") or {}).get("zips", {})
        hosts = sum(len(reader[x]["external"]) for x in reader if "error" not in reader[x])
        rows.append([str(r["n"]), *[cell(x, "visit") for x in langs], *[cell(x, "install") for x in langs],
                     *[cell(x, "query") for x in langs], *[mb(zips[x]) if x in zips else "-" for x in langs], str(hosts)])
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.rjust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[10, 100, 1000], help="numbers of articles")
    parser.add_argument("--repeat", type=int, help="runs per measurement (default 3 for N <= 100, else 1)")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "bench", help="where results.json goes")
    parser.add_argument("--work", type=Path, help="where the temporary projects go (default: a new temp dir)")
    parser.add_argument("--profile", type=int, action="append", default=[], metavar="N", help="profile the pipeline build at this N")
    parser.add_argument("--no-browser", action="store_true", help="do not load the article page in Chromium")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--reader-only", action="store_true", help="only what a reader pays (no timings, no stock build)")
    parser.add_argument("--serve-max", type=int, default=1000, metavar="N",
                        help="time a `make serve` rebuild up to this N (default 1000; it builds the site once more)")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()  # the profiled build runs in the project's folder

    args.out.mkdir(parents=True, exist_ok=True)
    work = args.work or Path(tempfile.mkdtemp(prefix="healthdocs-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = []
    doc = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "sizes": args.sizes,
        "results": results,
    }
    try:
        for n in args.sizes:
            if args.reader_only:
                results.append(bench_reader(n, work))
            else:
                repeat = args.repeat or (3 if n <= 100 else 1)
                results.append(bench_size(n, repeat, work, args.out, not args.no_browser, n in args.profile, args.keep,
                                          serve=n <= args.serve_max))
            doc["seconds"] = time.perf_counter() - started
            (args.out / "results.json").write_text(json.dumps(doc, indent=1), encoding="utf-8")
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if not args.reader_only:
        print("\n" + table(results))
    print("\nWhat a reader pays (gzip; first visit and install measured in Chromium with the service worker):\n" + reader_table(results))
    print(f"\nbenchmark took {time.perf_counter() - started:.0f} s; results in {args.out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
