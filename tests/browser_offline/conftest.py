"""Fixtures of the offline tests: the bundle, a small server, one Chromium.

- `offline_bundles` are dist/offline-site-<lang>.zip of the real project
  (built once, beside `real_site`), each unzipped into a temporary folder.
- `Server` serves a built site under a path prefix ("/" or "/REPO/"), a
  missing address getting the site's 404.html with status 404 as GitHub Pages
  does; its folder can be swapped (a new deploy at the same address).
- `browser` is Debian's Chromium (never downloaded); service workers are
  allowed here, unlike in tests/browser.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ..webserver import SiteServer as Server


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
def offline_bundles(real_site, tmp_path_factory) -> dict[str, Path]:
    """The real project's offline copies, one zip per language, unzipped: lang -> the folder that holds index.html."""
    result = real_site.run("offline", "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    out = {}
    for zip_path in sorted((real_site.root / "dist").glob("offline-site-*.zip")):
        lang = zip_path.stem[len("offline-site-") :]
        dest = tmp_path_factory.mktemp(f"unzipped-{lang}")
        with zipfile.ZipFile(zip_path) as zf:
            zf.extractall(dest)
        (folder,) = [p for p in dest.iterdir() if p.is_dir()]
        assert folder.name == zip_path.stem
        out[lang] = folder
    return out


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
