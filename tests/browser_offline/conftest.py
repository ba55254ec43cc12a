"""Fixtures of the offline tests: the bundle, a small server, one Chromium.

- `offline_bundle` is dist/offline-site.zip of the real project (built once,
  beside `real_site`), unzipped into a temporary folder.
- `Server` serves a built site under a path prefix ("/" or "/REPO/"), a
  missing address getting the site's 404.html with status 404 as GitHub Pages
  does; its folder can be swapped (a new deploy at the same address).
- `browser` is Debian's Chromium (never downloaded); service workers are
  allowed here, unlike in tests/browser.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ..browser.conftest import CHROMIUM, CHROMIUM_ARGS


class _Handler(http.server.SimpleHTTPRequestHandler):
    server_state: "Server"

    def translate_path(self, path):
        state = self.server_state
        bare = urlsplit(path).path
        if not bare.startswith(state.prefix):
            return os.path.join(str(state.root), "\0missing")
        self.directory = str(state.root)
        return super().translate_path("/" + path[len(state.prefix) :])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.server_state.root) / "404.html"
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
class Server:
    root: Path
    prefix: str = "/"
    host: str = "127.0.0.1"
    port: int = 0

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "") -> str:
        return self.origin + self.prefix + path

    def start(self) -> "Server":
        handler = type("Handler", (_Handler,), {"server_state": self})
        self._server = http.server.ThreadingHTTPServer((self.host, 0), functools.partial(handler, directory=str(self.root)))
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def serve():
    servers = []

    def start(root: Path, prefix: str = "/") -> Server:
        server = Server(root, prefix).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def offline_bundle(real_site, tmp_path_factory) -> Path:
    """The real project's offline zip, unzipped: the folder that holds index.html."""
    result = real_site.run("offline", "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    zip_path = real_site.root / "dist" / "offline-site.zip"
    assert zip_path.is_file()
    dest = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(dest)
    (folder,) = [p for p in dest.iterdir() if p.is_dir()]
    return folder


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
def new_context(browser):
    """Fresh contexts (own storage, caches and service workers); context.requests lists every request."""
    contexts = []

    def factory(**options):
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.requests = []
        context.on("request", lambda request: context.requests.append(request.url))
        contexts.append(context)
        return context

    yield factory
    for context in contexts:
        context.close()
