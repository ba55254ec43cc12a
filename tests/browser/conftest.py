"""Browser fixtures: the real site served on 127.0.0.1 and one headless Chromium.

- `site_server` serves `real_site.site` with Python's http.server in a thread,
  on a free port; a missing path gets the site's 404.html with status 404, as
  GitHub Pages does.
- `browser` is Debian's Chromium driven by Playwright (never downloaded), one
  for the whole session.
- `open_page(color_scheme=..., media=...)` gives a fresh page (its own
  context, so nothing stored by one visit leaks into the next) that records
  every request it makes in `page.requests`.
- `site_pages` lists every built page (each */index.html and 404.html) as a
  URL path, English and Spanish.
"""

from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; the site's own 404.html for anything missing."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # quiet
        pass


@dataclass
class SiteServer:
    root: Path
    host: str
    port: int

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.origin + path


def serve(root: Path):
    handler = functools.partial(_SiteHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


@pytest.fixture(scope="session")
def site_server(real_site):
    server, thread = serve(real_site.site)
    host, port = server.server_address[:2]
    try:
        yield SiteServer(real_site.site, host, port)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def built_pages(site: Path) -> list[str]:
    """URL paths of every built page: each */index.html, and 404.html."""
    paths = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        paths.append("/" if rel == "." else f"/{rel}/")
    if (site / "404.html").is_file():
        paths.append("/404.html")
    return paths


@pytest.fixture(scope="session")
def site_pages(real_site) -> list[str]:
    pages = built_pages(real_site.site)
    assert "/" in pages and "/es/" in pages and "/404.html" in pages, pages
    return pages


def is_spanish(path: str) -> bool:
    return path == "/es/" or path.startswith("/es/")


@pytest.fixture(scope="session")
def playwright_instance():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (make system-deps)")
    with sync_api.sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def open_page(browser, site_server):
    """A factory of fresh pages; every request each page makes is kept in page.requests."""
    contexts = []

    def factory(color_scheme: str = "light", **options):
        context = browser.new_context(
            base_url=site_server.origin,
            color_scheme=color_scheme,
            service_workers="block",
            **options,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        return page

    yield factory
    for context in contexts:
        context.close()


def foreign_requests(urls: list[str], server: SiteServer) -> list[str]:
    """Requests to any host other than the local server (data: and blob: URLs are local)."""
    out = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if parts.scheme != "http" or parts.hostname != server.host or parts.port != server.port:
            out.append(unquote(url))
    return out
