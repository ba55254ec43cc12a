"""Reading offline, in real Chromium over real builds.

- The downloadable bundle (`healthdocs offline`, dist/offline-site.zip) opened
  from file://: navigation, language switch and search in each language, and
  not one request that is not a file.
- The published site's service worker: after one visit every page, the
  search and the offline page of each language work with the network off;
  a new build with other content is a new worker that replaces the saved
  copy; under a project subpath (/REPO/) the worker's scope is that subpath.
"""

from __future__ import annotations

import json
import shutil
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from healthdocs import offline
from healthdocs.layout import Layout
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[2]


# -- helpers -------------------------------------------------------------------------


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def h1(path: Path) -> str:
    return soup(path).select_one("article h1").get_text(strip=True)


def article_name(site: Path, suffix: str) -> str:
    """An article of the source language with a Spanish counterpart: 'name' + suffix ('/' or '.html')."""
    candidates = sorted(site.glob("*/index.html")) if suffix == "/" else sorted(site.glob("*.html"))
    for path in candidates:
        name = path.parent.name if suffix == "/" else path.stem
        spanish = site / "es" / (f"{name}/index.html" if suffix == "/" else f"{name}.html")
        if "hd-disclaimer" in path.read_text(encoding="utf-8") and spanish.is_file():
            return name + suffix
    pytest.fail(f"no article with a Spanish counterpart in {site}")


def search_word(title: str) -> str:
    """A word of a title that search will find: its longest."""
    return max(title.replace("-", " ").split(), key=len)


def search(page, word: str) -> list[str]:
    """Type in the search box (Material reads it on keyup); the addresses of the results."""
    box = page.locator("input[data-md-component='search-query']")
    box.fill("")
    box.press_sequentially(word)
    page.wait_for_selector(".md-search-result__item a", timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")


def caches(page) -> list[str]:
    return page.evaluate("caches.keys()")


def wait_until(predicate, timeout: float = 15.0, message: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out: {message}")


def local(urls: list[str], *origins: str) -> list[str]:
    """The requests to anything but the given origins (file: only, when none is given)."""
    out = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if origins:
            if f"{parts.scheme}://{parts.netloc}" not in origins:
                out.append(url)
        elif parts.scheme != "file":
            out.append(url)
    return out


def open_offline(page, url: str):
    """Open an address with the network off: the response and the page's lang."""
    response = page.goto(url)
    assert response is not None and response.ok, (url, response and response.status)
    return response


def styled(page) -> bool:
    """Material's stylesheet is applied (its header sticks to the top)."""
    return page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"


# -- configuration --------------------------------------------------------------------


def test_offline_config_is_the_site_config_plus_the_offline_plugin():
    """mkdocs.offline.yml inherits mkdocs.yml's plugins (a mapping, which INHERIT merges), language list included."""
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as fh:
        site = yaml_load(fh)
    with (ROOT / "mkdocs.offline.yml").open(encoding="utf-8") as fh:
        bundle = yaml_load(fh)
    assert bundle["plugins"] == {**site["plugins"], "material/offline": {}}
    assert list(bundle["plugins"]) == [*site["plugins"], "material/offline"]
    assert bundle["use_directory_urls"] is False
    assert any("iframe-worker" in url for url in bundle["extra"]["polyfills"])
    assert all(not urlsplit(url).netloc for url in bundle["extra"]["polyfills"])


# -- the bundle --------------------------------------------------------------------


def test_bundle_contents(offline_bundle):
    folder = offline_bundle
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {"index.html", "es/index.html", "search/search_index.js", "es/search/search_index.js"} <= files
    assert not [f for f in files if f.endswith((".map", ".gz")) or f == "sw.js" or f.endswith(".webmanifest")]
    assert offline.remote_loads(folder) == []
    # Each language's index script holds that language's pages, at addresses of its folder
    for lang, base in (("en", folder), ("es", folder / "es")):
        text = (base / "search" / "search_index.js").read_text(encoding="utf-8")
        assert text.startswith("var __index = ")
        index = json.loads(text[len("var __index = ") :])
        assert index["config"]["lang"] == [lang]
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert locations
        for location in locations:
            assert (base / (location or "index.html")).is_file(), (lang, location)
    assert not any(doc["location"].startswith("es/") for doc in json.loads(
        (folder / "search" / "search_index.js").read_text(encoding="utf-8")[len("var __index = ") :])["docs"])


def test_failed_bundle_build_leaves_dist_as_it_was(real_site, offline_bundle):
    zip_path = real_site.root / "dist" / "offline-site.zip"
    before = zip_path.read_bytes()
    broken = real_site.root / "broken.offline.yml"
    broken.write_text("INHERIT: mkdocs.offline.yml\nnav: 42\n", encoding="utf-8")
    try:
        result = real_site.run("offline", "--quiet", "--config", broken.name)
    finally:
        broken.unlink()
    assert result.returncode != 0
    assert zip_path.read_bytes() == before
    assert sorted(p.name for p in zip_path.parent.iterdir()) == ["offline-site.zip"]
    with zipfile.ZipFile(zip_path) as zf:
        assert zf.testzip() is None


@pytest.mark.browser
def test_bundle_from_file_navigation_language_and_search(offline_bundle, new_context):
    folder = offline_bundle
    name = article_name(folder, ".html")
    context = new_context()
    page = context.new_page()
    page.goto((folder / "index.html").as_uri())

    # Navigation: the home page links to the article, a file beside it
    page.locator(f"article a[href='{name}']").first.click()
    page.wait_for_load_state()
    assert page.url == (folder / name).as_uri()
    assert page.locator("article h1").inner_text() == h1(folder / name)
    assert styled(page)

    # Search in English finds English pages only
    english = search(page, search_word(h1(folder / name)))
    assert (folder / name).as_uri() in [u.split("?")[0].split("#")[0] for u in english]
    assert not [u for u in english if u.startswith((folder / "es").as_uri() + "/")]

    # Language switch: the same article in Spanish
    page.goto((folder / name).as_uri())
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang='es']")
    page.wait_for_load_state()
    assert page.url == (folder / "es" / name).as_uri()
    assert page.evaluate("document.documentElement.lang") == "es"
    spanish_title = h1(folder / "es" / name)
    assert page.locator("article h1").inner_text() == spanish_title

    # Search a Spanish word on the Spanish page: Spanish results only
    results = search(page, search_word(spanish_title))
    pages = [u.split("?")[0].split("#")[0] for u in results]
    assert (folder / "es" / name).as_uri() in pages
    assert all(u.startswith((folder / "es").as_uri() + "/") for u in pages), pages
    titles = page.eval_on_selector_all(".md-search-result__item h1", "els => els.map(e => e.textContent.trim())")
    assert spanish_title in titles

    assert local(context.requests) == [], "requests that are not files"


# -- the published site's service worker ---------------------------------------------------


def test_manifests_and_worker_files(real_site):
    site = real_site.site
    for lang, page in (("en", site / "index.html"), ("es", site / "es" / "index.html")):
        links = soup(page).select('link[rel="manifest"]')
        assert [link["href"] for link in links] == [("" if lang == "en" else "../") + f"manifest.{lang}.webmanifest"]
        manifest = json.loads((site / f"manifest.{lang}.webmanifest").read_text(encoding="utf-8"))
        assert manifest["lang"] == lang
        assert manifest["start_url"] == ("./" if lang == "en" else "es/")
        assert manifest["scope"] == "./"
        assert manifest["name"] and manifest["short_name"]
        assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
        for icon in manifest["icons"]:
            assert (site / icon["src"]).is_file()
            assert not urlsplit(icon["src"]).netloc
    assert json.loads((site / "manifest.es.webmanifest").read_text(encoding="utf-8"))["name"] == "Información de salud"
    assert soup(site / "offline.html").html["lang"] == "en"
    assert soup(site / "es" / "offline.html").html["lang"] == "es"
    # Every page of both languages is in the precache list
    worker = (site / "sw.js").read_text(encoding="utf-8")
    build = json.loads(worker[len("const BUILD = ") : worker.index(";\n")])
    pages = {
        ("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/") or "./"
        for p in site.rglob("index.html")
    }
    assert pages <= set(build["precache"])
    assert {"es/search/search_index.json", "search/search_index.json", "offline.html", "es/offline.html", "404.html"} <= set(build["precache"])
    for url in build["precache"]:
        path = site / ("index.html" if url == "./" else url + "index.html" if url.endswith("/") else url)
        assert path.is_file(), url


@pytest.mark.browser
def test_worker_serves_every_language_offline(real_site, serve, new_context):
    site = real_site.site
    prefix = urlsplit(_site_url(real_site)).path or "/"
    server = serve(site, prefix)
    article = article_name(site, "/")
    term = sorted(p.parent.name for p in (site / "glossary").glob("*/index.html"))[0]
    context = new_context()
    failed = []
    # What the pages asked for and did not get (the worker's own tries at the network fail offline)
    context.on(
        "requestfailed",
        lambda request: request.service_worker or "ERR_ABORTED" in (request.failure or "") or failed.append(request.url),
    )
    page = context.new_page()

    page.goto(server.url(""))
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == server.url("")
    context.set_offline(True)

    for path, lang in ((article, "en"), (f"glossary/{term}/", "en"), ("es/", "es"), (f"es/{article}", "es")):
        open_offline(page, server.url(path))
        assert page.evaluate("document.documentElement.lang") == lang, path
        assert page.locator("article h1").inner_text() == h1(site / path / "index.html"), path
        assert styled(page), path

    # The language switch and search, offline
    open_offline(page, server.url(article))
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang='es']")
    page.wait_for_load_state()
    assert page.url == server.url(f"es/{article}")
    spanish_title = h1(site / "es" / article / "index.html")
    results = search(page, search_word(spanish_title))
    assert server.url(f"es/{article}") in [u.split("?")[0].split("#")[0] for u in results]
    assert all(u.startswith(server.url("es/")) for u in results), results

    # A page that was never saved: the offline page of its language
    for path, lang in (("no-such-page/", "en"), ("es/no-such-page/", "es")):
        open_offline(page, server.url(path))
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.title() == soup(site / offline.offline_page(lang, Layout(real_site.root).langs)).title.get_text()

    # Offline, nothing the pages need failed (Material's sitemap look-ups may)
    assert [u for u in failed if not u.endswith("sitemap.xml") and u.startswith(server.origin)] == []
    # No host but this one (and the configured public address, the same host once published)
    public = urlsplit(_site_url(real_site))
    assert local(context.requests, server.origin, f"{public.scheme}://{public.netloc}") == []


def _site_url(project) -> str:
    """The public address the project was built for: the canonical address of its home page."""
    return soup(project.site / "index.html").select_one('link[rel="canonical"]')["href"]


@pytest.mark.browser
@pytest.mark.slow
def test_new_content_is_a_new_worker_that_replaces_the_saved_copy(real_site, project_factory, serve, new_context):
    # The first deploy: the real site as built (a copy, served from the project's site/)
    project = project_factory()
    shutil.copytree(real_site.site, project.site)
    first = offline.worker_version(project.site)
    assert first

    server = serve(project.site)
    context = new_context()
    page = context.new_page()
    page.goto(server.url(""))
    page.evaluate("navigator.serviceWorker.ready")
    wait_until(lambda: [key.endswith(" " + first) for key in caches(page)] == [True], message="first cache")

    # A new deploy: other content, the same address
    sentence = "This sentence is new in this deploy."
    index = project.root / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").rstrip() + f"\n\n{sentence}\n", encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.stderr
    second = offline.worker_version(project.site)
    assert second and second != first

    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    wait_until(lambda: [key.endswith(" " + second) for key in caches(page)] == [True], message="old cache replaced")
    context.set_offline(True)
    open_offline(page, server.url(""))
    assert sentence in page.locator("article").inner_text()


@pytest.mark.browser
@pytest.mark.slow
def test_worker_under_a_project_subpath(project_factory, serve, new_context):
    project = project_factory()
    project.site.mkdir(parents=True, exist_ok=True)
    server = serve(project.site, "/REPO/")
    result = project.build(env={"SITE_URL": server.url("")})
    assert result.returncode == 0, result.stderr
    article = article_name(project.site, "/")

    context = new_context()
    page = context.new_page()
    page.goto(server.url(""))
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == server.origin + "/REPO/"
    context.set_offline(True)
    open_offline(page, server.url(f"es/{article}"))
    assert page.evaluate("document.documentElement.lang") == "es"
    assert styled(page)
    open_offline(page, server.url("es/glosario/no-such-term/"))
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.title() == soup(project.site / "es" / "offline.html").title.get_text()
    home = page.eval_on_selector("header a", "a => a.href")
    assert home == server.url("es/")
    assert local(context.requests, server.origin) == []
