"""A static server for browser tests: a built site under a path prefix on 127.0.0.1.

A missing address gets the site's own 404.html with status 404, as GitHub Pages
does.  `log` keeps every request answered (method, path, status).  `root` may be swapped while it runs (a new deploy at the same address).
"""

from __future__ import annotations

import http.server
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Handler(http.server.SimpleHTTPRequestHandler):
    state: SiteServer  # set on the subclass each server makes

    def log_request(self, code="-", size="-"):
        # What the server was asked, with its status: tests count requests (an update
        # of the service worker must fetch only the files that changed)
        self.state.log.append((self.command, urlsplit(self.path).path, int(code) if str(code).isdigit() else 0))

    def translate_path(self, path):
        self.directory = str(self.state.root)
        bare = urlsplit(path).path
        if not bare.startswith(self.state.prefix):
            return os.path.join(self.directory, "\0missing")
        return super().translate_path("/" + path[len(self.state.prefix) :])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.state.root) / "404.html"
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


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a tab closed mid-download: fine
            super().handle_error(request, client_address)


@dataclass
class SiteServer:
    root: Path
    prefix: str = "/"
    host: str = "127.0.0.1"
    port: int = 0
    #: (method, path, status) of every request answered, in order
    log: list = field(default_factory=list)
    _server: _QuietServer | None = field(default=None, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "") -> str:
        """The address of a site path ("" the home page, "es/", "glossary/scs/")."""
        return self.origin + self.prefix + path.lstrip("/")

    def path_of(self, url: str) -> str:
        """A site path back from an address on this server."""
        path = unquote(urlsplit(url).path)
        assert path.startswith(self.prefix), url
        return path[len(self.prefix) :]

    def start(self) -> SiteServer:
        handler = type("Handler", (_Handler,), {"state": self})
        self._server = _QuietServer((self.host, 0), handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            assert self._thread is not None
            self._thread.join(timeout=5)
