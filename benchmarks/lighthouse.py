"""Lighthouse scores of every page type, in every language (a measurement, not a test).

The page types are home, article, glossary term, glossary index and translation
status; each is found in the built site by what it contains (see page_types()),
so any language the site is built in is measured.

    npm ci                                   # once: installs lighthouse (package-lock.json)
    .venv/bin/python benchmarks/lighthouse.py
    .venv/bin/python benchmarks/lighthouse.py --match-site-url   # see below
    .venv/bin/python benchmarks/lighthouse.py --runs 5 --lang es  # Spanish only, 5 runs
    .venv/bin/python benchmarks/lighthouse.py --type article --type "glossary index"

1. The built site (site/, built first with `python -m healthdocs build` if it is
   missing) is served on 127.0.0.1 at a free port by a small threaded server in
   this process.  Like GitHub Pages, it gzips text files when the browser asks,
   sends `Cache-Control: max-age=600` and answers missing files with 404.html
   (`--no-gzip` serves everything uncompressed).
2. The `lighthouse` CLI from node_modules/.bin runs on each page in Debian's
   Chromium (CHROME_PATH, default the `chromium` on PATH), headless, with its default
   mobile preset (simulated slow 4G and a 4x slower CPU).  The performance score
   varies from run to run (a few points here), so each page is measured
   `--runs` times (default 3) and the median run by performance is reported.
3. The four category scores (performance, accessibility, best-practices, seo)
   are printed x100 as a table; for each category below 100, its failing audits
   (id, title and the value found).  The JSON reports and a summary go to
   build/lighthouse/ (not committed).

The site normally says it lives at SITE_URL (default http://localhost:8000/):
canonical links, hreflang alternates, robots.txt and sitemap.xml use it.
Served from 127.0.0.1 instead, the SEO audits may compare the page with
another origin.  `--match-site-url` builds a copy into build/lighthouse/site/
with SITE_URL set to this server's address, and measures that copy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import http.server
import json
import mimetypes
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = REPO / "build" / "lighthouse"

TYPES = ["home", "article", "glossary term", "glossary index", "translation status"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --no-first-run"
    " --disable-background-networking --disable-component-update --disable-sync"
)
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "image/svg+xml",
)
MIME = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".webmanifest": "application/manifest+json",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".woff2": "font/woff2",
    ".txt": "text/plain",
}


# ---------------------------------------------------------------------------
# The local server


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files the way GitHub Pages serves them: directory -> index.html, a
    redirect for a directory without its slash, 404.html for a missing file, gzip
    for text when accepted, and a 10-minute cache lifetime."""

    root: Path = REPO / "site"
    use_gzip = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.root), **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_HEAD(self):
        self._serve(body=False)

    def do_GET(self):
        self._serve(body=True)

    def _serve(self, body: bool) -> None:
        url_path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        path = Path(self.translate_path(self.path))
        status = 200
        if path.is_dir():
            if not url_path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            path, status = self.root / "404.html", 404
        data = path.read_bytes()
        ctype = MIME.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype.endswith(("+json", "/json", "/xml", "/javascript")):
            ctype += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Cache-Control", "max-age=600")
        if self.use_gzip and ctype.startswith(COMPRESSIBLE):
            self.send_header("Vary", "Accept-Encoding")
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                data = gzip.compress(data, 6)
                self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)


def make_server(use_gzip: bool) -> http.server.ThreadingHTTPServer:
    """Bound to a free port on 127.0.0.1 at once (the port is known before the
    build that needs it); serving starts with start_serving()."""
    handler = type("Handler", (SiteHandler,), {"use_gzip": use_gzip})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    return server


def start_serving(server: http.server.ThreadingHTTPServer, root: Path) -> threading.Thread:
    server.RequestHandlerClass.root = root
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    return thread


# ---------------------------------------------------------------------------
# The pages to measure


def _html_lang(page: Path) -> str | None:
    text = page.read_text(encoding="utf-8", errors="replace")[:2000]
    marker = "<html lang=\""
    i = text.find(marker)
    return text[i + len(marker) : text.index('"', i + len(marker))] if i >= 0 else None


def page_types(site: Path) -> dict[str, dict[str, str]]:
    """{language: {page type: site path}}, found in the built files: a language's
    root is the site root or a top-level folder whose home page is in that
    language; an article has the disclaimer, the glossary index the letter
    list, a glossary term is a page below the index, and the status page has
    the only other table."""
    default = _html_lang(site / "index.html") or "default"
    roots = {default: ""}
    for folder in sorted(p for p in site.iterdir() if (p / "index.html").is_file()):
        lang = _html_lang(folder / "index.html")
        if lang and lang != default and lang == folder.name:
            roots[lang] = f"{folder.name}/"
    out: dict[str, dict[str, str]] = {}
    for lang, root in roots.items():
        found = {"home": root}
        others = [r for r in roots.values() if r and r != root]
        for index in sorted((site / root).glob("*/index.html")):
            rel = index.parent.relative_to(site).as_posix() + "/"
            if any(rel.startswith(o) for o in others):
                continue
            text = index.read_text(encoding="utf-8", errors="replace")
            if "hd-disclaimer" in text:
                found.setdefault("article", rel)
            elif 'class="hd-letters"' in text:
                found.setdefault("glossary index", rel)
                terms = sorted(index.parent.glob("*/index.html"))
                if terms:
                    found.setdefault("glossary term", terms[0].parent.relative_to(site).as_posix() + "/")
            elif "<table>" in text:  # the status table (articles, which may have tables, are matched first)
                found.setdefault("translation status", rel)
        out[lang] = {t: found[t] for t in TYPES if t in found}
    return out


# ---------------------------------------------------------------------------
# Building and running lighthouse


def build(site_dir: Path, site_url: str | None) -> float:
    """`python -m healthdocs build --quiet` into site_dir (relative to the repo); seconds taken."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if site_url:
        env["SITE_URL"] = site_url
    rel = os.path.relpath(site_dir, REPO)
    cmd = [sys.executable, "-m", "healthdocs", "build", "--quiet", "--site-dir", rel]
    print(f"building {rel}/" + (f" with SITE_URL={site_url}" if site_url else ""), flush=True)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"build failed (exit {result.returncode})")
    return time.perf_counter() - start


def run_lighthouse(binary: Path, chrome: str, url: str, report: Path, timeout: float) -> dict:
    cmd = [
        str(binary),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = dict(os.environ, CHROME_PATH=chrome)
    report.unlink(missing_ok=True)
    result = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0 or not report.is_file():
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"lighthouse failed on {url} (exit {result.returncode})")
    return json.loads(report.read_text(encoding="utf-8"))


def score(report: dict, category: str) -> int | None:
    value = report["categories"].get(category, {}).get("score")
    return None if value is None else round(value * 100)


def failing(report: dict, category: str) -> list[dict]:
    """The category's audits that did not pass (score below 1), heaviest first."""
    rows = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if audit.get("scoreDisplayMode") in ("notApplicable", "manual", "informative", "error"):
            continue
        if audit.get("score") is None or audit["score"] >= 1:
            continue
        rows.append(
            {
                "id": ref["id"],
                "title": audit.get("title", ""),
                "score": round(audit["score"] * 100),
                "weight": ref.get("weight", 0),
                "value": audit.get("displayValue", ""),
            }
        )
    return sorted(rows, key=lambda r: (-r["weight"], r["score"]))


# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", default="site", help="the built site to serve (default site/; built if missing)")
    parser.add_argument(
        "--match-site-url",
        action="store_true",
        help="build a copy into build/lighthouse/site/ with SITE_URL = this server's address",
    )
    parser.add_argument("--no-gzip", action="store_true", help="serve text files uncompressed")
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--type", action="append", choices=TYPES, help="only this page type (repeatable)")
    parser.add_argument("--lighthouse", default=str(REPO / "node_modules" / ".bin" / "lighthouse"))
    parser.add_argument(
        "--chrome",
        default=os.environ.get("CHROME_PATH") or shutil.which("chromium") or shutil.which("chromium-browser"),
        help="the browser (default: CHROME_PATH, else Debian's chromium on PATH)",
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per page (default 3); the median run by performance is reported"
    )
    parser.add_argument("--timeout", type=float, default=300, help="seconds per lighthouse run")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    binary = Path(args.lighthouse)
    if not binary.exists():
        raise SystemExit(f"{binary} is missing: run `npm ci` at the repository root")
    if not args.chrome or not Path(args.chrome).exists():
        raise SystemExit(f"no Chromium ({args.chrome or 'none on PATH'}): `apt-get install chromium` or set CHROME_PATH")
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.glob("*.report.json"):  # this run's reports only
        stale.unlink()
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()

    server = make_server(use_gzip=not args.no_gzip)
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    build_seconds = None
    if args.match_site_url:
        site = OUT / "site"
        build_seconds = build(site, origin)
    else:
        site = (REPO / args.site_dir).resolve()
        if not (site / "index.html").is_file():
            build_seconds = build(site, None)
    start_serving(server, site)
    found = page_types(site)
    pages = {
        f"{lang} {kind}": path
        for lang, kinds in found.items()
        if not args.lang or lang in args.lang
        for kind, path in kinds.items()
        if not args.type or kind in args.type
    }
    if not pages:
        raise SystemExit(f"no page to measure in {site} (found: {found})")
    canonical = _canonical(site / "index.html")
    if canonical and not canonical.startswith(origin):
        print(
            f"note: the site was built for {canonical}, served at {origin}"
            " (--match-site-url builds it for the server's address)"
        )

    results = {}
    try:
        for name, path in pages.items():
            url = origin + path
            runs = []
            slug = name.replace(" ", "-")
            for i in range(1, args.runs + 1):
                report_path = OUT / (f"{slug}.report.json" if args.runs == 1 else f"{slug}-{i}.report.json")
                t0 = time.perf_counter()
                print(f"lighthouse {url}" + (f" (run {i}/{args.runs})" if args.runs > 1 else "") + " ...", flush=True)
                report = run_lighthouse(binary, args.chrome, url, report_path, args.timeout)
                runs.append((report_path, report, time.perf_counter() - t0))
            # The median run by performance score (Lighthouse's own advice for noisy scores).
            runs.sort(key=lambda run: score(run[1], "performance") or 0)
            report_path, report, seconds = runs[(len(runs) - 1) // 2]
            results[name] = {
                "url": url,
                "report": os.path.relpath(report_path, REPO),
                "seconds": round(seconds, 1),
                "scores": {c: score(report, c) for c in CATEGORIES},
                "performance_runs": sorted(score(run[1], "performance") for run in runs),
                "failing": {c: failing(report, c) for c in CATEGORIES if (score(report, c) or 0) < 100},
                "metrics": {
                    m: report["audits"][m].get("displayValue", "")
                    for m in (
                        "first-contentful-paint",
                        "largest-contentful-paint",
                        "total-blocking-time",
                        "cumulative-layout-shift",
                        "speed-index",
                    )
                    if m in report["audits"]
                },
                "runtime_error": report.get("runtimeError"),
                "warnings": report.get("runWarnings", []),
            }
    finally:
        server.shutdown()
        server.server_close()

    # The table: one row per page (language and type), one column per category.
    print()
    print(
        f"Lighthouse {version}, mobile preset, {'gzip' if not args.no_gzip else 'no gzip'}, site {os.path.relpath(site, REPO)}/,"
        f" median of {args.runs} run(s) by performance"
    )
    width = max(len(name) for name in results) + 2
    print(f"{'page':<{width}}" + "".join(f"{c[:12]:>14}" for c in CATEGORIES) + "   performance runs")
    for name, r in results.items():
        cells = "".join(f"{'-' if r['scores'][c] is None else r['scores'][c]:>14}" for c in CATEGORIES)
        print(f"{name:<{width}}{cells}   {r['performance_runs']}")
    print(f"{'target':<{width}}" + "".join(f"{('>=' + str(TARGETS[c])) if TARGETS[c] < 100 else TARGETS[c]:>14}" for c in CATEGORIES))
    for name, r in results.items():
        print(f"\n{name}: {r['url']} ({r['seconds']} s)  " + ", ".join(f"{k} {v}" for k, v in r["metrics"].items()))
        if len(r["performance_runs"]) > 1:
            print(f"  median run: {r['report']}")
        for warning in r["warnings"]:
            print(f"  warning: {warning}")
        for c, rows in r["failing"].items():
            print(f"  {c} {r['scores'][c]}: failing audits")
            for row in rows:
                value = f" [{row['value']}]" if row["value"] else ""
                print(f"    {row['id']:<32} {row['score']:>3} w{row['weight']:<3} {row['title']}{value}")
    missed = [f"{name}:{c}" for name in results for c in CATEGORIES if (results[name]["scores"][c] or 0) < TARGETS[c]]
    elapsed = time.perf_counter() - started
    print(
        f"\ntargets {'met' if not missed else 'missed: ' + ', '.join(missed)}; {elapsed:.0f} s in all"
        + (f" (build {build_seconds:.0f} s)" if build_seconds else "")
    )

    summary = {
        "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "lighthouse": version,
        "site": os.path.relpath(site, REPO),
        "site_url_matches_server": args.match_site_url,
        "gzip": not args.no_gzip,
        "runs": args.runs,
        "seconds": round(elapsed, 1),
        "build_seconds": None if build_seconds is None else round(build_seconds, 1),
        "targets": TARGETS,
        "pages": results,
    }
    (OUT / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"reports: {os.path.relpath(OUT, REPO)}/ (one JSON report per page and run, summary.json)")
    return 0


def _canonical(page: Path) -> str | None:
    if not page.is_file():
        return None
    text = page.read_text(encoding="utf-8")
    marker = '<link rel="canonical" href="'
    i = text.find(marker)
    return text[i + len(marker) : text.index('"', i + len(marker))] if i >= 0 else None


if __name__ == "__main__":
    sys.exit(main())
