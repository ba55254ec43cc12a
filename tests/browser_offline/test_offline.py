"""Reading offline, in real Chromium over real builds.

- The downloadable copies (`healthdocs offline`, dist/offline-site-<lang>.zip),
  one per configured language, opened from file://: navigation and search
  (accent-free and plural queries), and not one request that is not a file.
- The published site's service worker, sized to the reader: after one visit
  the shell and that language's home, glossary index and offline page are
  saved, nothing of another language; pages read open offline, an address
  without its trailing slash too (redirected to the folder, as the server
  does); a reader saves a whole language after seeing its size; a content
  change followed by an update fetches only the files that changed (counted
  at the server); under a project subpath (/REPO/) the scope is that subpath.
"""

from __future__ import annotations

import gzip
import json
import time
import unicodedata
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from healthdocs import languages, offline
from mkdocs.utils.yaml import yaml_load

from ..browser.conftest import describe_violations, run_axe

ROOT = Path(__file__).resolve().parents[2]


# -- helpers -------------------------------------------------------------------------


LANGS = languages.configured(ROOT / "mkdocs.yml")


def configured_languages() -> list[str]:
    return LANGS.all


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def h1(path: Path) -> str:
    return soup(path).select_one("article h1").get_text(strip=True)


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def article_name(site: Path, suffix: str, lang: str = "en") -> str:
    """An article with a counterpart in every language: 'name' + suffix ('/' or '.html')."""
    base = site / LANGS.root(lang)
    candidates = sorted(base.glob("*/index.html")) if suffix == "/" else sorted(base.glob("*.html"))
    for path in candidates:
        name = path.parent.name if suffix == "/" else path.stem
        if "hd-disclaimer" in path.read_text(encoding="utf-8"):
            return name + suffix
    pytest.fail(f"no article in {base}")


def search(page, query: str) -> list[str]:
    """The addresses of the results of a query in the search dialog, once its count is announced."""
    if not page.evaluate("document.getElementById('hd-search').open"):
        page.click(".hd-search-open")
    box = page.locator("#hd-search-input")
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function(
        "q => document.getElementById('hd-search-status').dataset.query === q", arg=query, timeout=20_000
    )
    return page.eval_on_selector_all("#hd-search-results a", "els => els.map(e => e.href.split('#')[0])")


def cached(page) -> list[str]:
    """Every address the site's cache holds."""
    return page.evaluate("caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.keys())))).then(all => all.flat().map(r => r.url))")


def wait_until(predicate, timeout: float = 20.0, message: str = "") -> None:
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
    response = page.goto(url)
    assert response is not None and response.ok, (url, response and response.status)
    return response


def styled(page) -> bool:
    """Material's stylesheet is applied (its header sticks to the top)."""
    return page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"


def installed(page, server) -> None:
    """Wait until the worker is active and has saved its install list."""
    page.evaluate("navigator.serviceWorker.ready")
    wait_until(lambda: server.url("") in cached(page) or server.url("es/") in cached(page), message="install")


def files_of(site: Path, lang: str) -> dict[str, list]:
    return json.loads((site / offline.files_name(lang)).read_text(encoding="utf-8"))["files"]


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
    assert bundle["extra"]["alternate"] == []  # one language per copy: no switcher
    assert any("iframe-worker" in url for url in bundle["extra"]["polyfills"])
    assert all(not urlsplit(url).netloc for url in bundle["extra"]["polyfills"])


# -- the copies ----------------------------------------------------------------------


def test_one_copy_per_language(offline_bundles):
    languages = configured_languages()
    assert sorted(offline_bundles) == sorted(languages)
    for lang, folder in offline_bundles.items():
        root = LANGS.root(lang)
        files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        assert {"index.html", f"{root}index.html", f"{root}search/search_index.js", offline.LUNR} <= files
        assert not [f for f in files if f.endswith((".map", ".gz", ".webmanifest")) or f == "sw.js"]
        assert offline.remote_loads(folder) == []
        # Only this language's pages
        for other in languages:
            if other == lang:
                continue
            if LANGS.root(other):
                assert not [f for f in files if f.startswith(LANGS.root(other))], (lang, other)
            else:
                pages = [f for f in files if f.endswith(".html") and not f.startswith(root) and f not in ("index.html", "404.html")]
                assert pages == [], (lang, pages)
        assert soup(folder / root / "index.html").html["lang"] == lang
        assert not soup(folder / root / "index.html").select(".md-select__link[hreflang]")
        # Its search index: this language's pages, at addresses of its folder
        text = (folder / root / "search" / "search_index.js").read_text(encoding="utf-8")
        assert text.startswith("var __index = ")
        index = json.loads(text[len("var __index = ") :])
        assert index["config"]["lang"] == [lang]
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert locations
        for location in locations:
            assert (folder / root / (location or "index.html")).is_file(), (lang, location)


def test_failed_bundle_build_leaves_dist_as_it_was(real_site, offline_bundles):
    dist = real_site.root / "dist"
    before = {p.name: p.read_bytes() for p in dist.iterdir()}
    broken = real_site.root / "broken.offline.yml"
    broken.write_text("INHERIT: mkdocs.offline.yml\nnav: 42\n", encoding="utf-8")
    try:
        result = real_site.run("offline", "--quiet", "--config", broken.name)
    finally:
        broken.unlink()
    assert result.returncode != 0
    assert {p.name: p.read_bytes() for p in dist.iterdir()} == before
    assert sorted(before) == sorted(offline.bundle_name(lang) for lang in configured_languages())
    for name in before:
        with zipfile.ZipFile(dist / name) as zf:
            assert zf.testzip() is None


@pytest.mark.browser
def test_copy_from_file_navigation_and_search(offline_bundles, new_context):
    queries = {"en": ["batteries", "stimulators"], "es": ["bateria", "baterias", "cirugia"]}
    for lang, folder in offline_bundles.items():
        root = folder / LANGS.root(lang)
        name = article_name(folder, ".html", lang)
        context = new_context()
        page = context.new_page()
        page.goto((folder / "index.html").as_uri())
        page.wait_for_url((root / "index.html").as_uri())
        assert page.evaluate("document.documentElement.lang") == lang

        # Navigation: the home page links to the article, a file beside it
        page.locator(f"article a[href='{name}']").first.click()
        page.wait_for_load_state()
        assert page.url == (root / name).as_uri()
        assert page.locator("article h1").inner_text() == h1(root / name)
        assert styled(page)

        # Search (lunr from file://): accent-free and plural queries, this language only
        for query in queries.get(lang, [fold(h1(root / name).split()[0])]):
            results = search(page, query)
            assert (root / name).as_uri() in results, (lang, query, results)
            assert all(url.startswith(root.as_uri()) for url in results), results
            if lang == "en":
                assert not [u for u in results if any(u.startswith((folder / o).as_uri() + "/") for o in configured_languages() if o != lang)]
        assert local(context.requests) == [], "requests that are not files"
        context.close()


# -- the published site's service worker ---------------------------------------------------


def test_manifests_and_worker_files(real_site):
    site = real_site.site
    languages = configured_languages()
    for lang in languages:
        page = site / LANGS.root(lang) / "index.html"
        links = soup(page).select('link[rel="manifest"]')
        assert [link["href"] for link in links] == [("../" * LANGS.root(lang).count("/")) + f"manifest.{lang}.webmanifest"]
        manifest = json.loads((site / f"manifest.{lang}.webmanifest").read_text(encoding="utf-8"))
        assert manifest["lang"] == lang
        assert manifest["start_url"] == (LANGS.root(lang) or "./")
        assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
        assert soup(site / offline.offline_page(lang, LANGS)).html["lang"] == lang
    build = offline.worker_build(site)
    for lang in languages:
        files = files_of(site, lang)
        # Every page of the language is listed, with the revision and size of its bytes
        root = LANGS.root(lang)
        pages = {offline.address(p.relative_to(site).as_posix()) for p in site.rglob("index.html")
                 if offline.owner(p.relative_to(site).as_posix(), LANGS) == lang}
        assert pages and pages <= set(files)
        for address, (rev, size) in files.items():
            path = site / ("index.html" if address == "./" else address + "index.html" if address.endswith("/") else address)
            data = path.read_bytes()
            assert (offline.revision(data), len(data)) == (rev, size), address
        # Its Pagefind chunks are listed with it
        assert [a for a in files if a.startswith("pagefind/")]
        # Install: the home page, glossary index and offline page of this language, and shared files only
        install = build["install"][lang]
        assert {root or "./", f"{root}{LANGS[lang].glossary_dir}/", offline.offline_page(lang, LANGS)} <= set(install)
        for address in install:
            assert address in files or address in build["files"], address
            assert offline.owner(address if not address.endswith("/") else address + "index.html", LANGS) in (lang, offline.SHARED) or address == "./"
    # What the worker never saves: Material's lunr index and worker, the lists themselves
    assert not list(site.glob("**/search/search_index.json"))
    assert not [a for a in build["files"] if "/lunr/" in a or "/workers/" in a or a.startswith("sw-files")]
    # The worker stays small at any size of site: its lists are per language, fetched on demand
    assert len(gzip.compress((site / "sw.js").read_bytes())) < 12_000


@pytest.mark.browser
def test_after_one_visit_the_pages_read_open_offline(real_site, serve, new_context):
    site = real_site.site
    prefix = urlsplit(_site_url(real_site)).path or "/"
    server = serve(site, prefix)
    article = article_name(site, "/", "es")
    glossary = LANGS["es"].glossary_dir
    terms = sorted(p.parent.name for p in (site / "es" / glossary).glob("*/index.html"))
    term = terms[0]
    context = new_context()
    page = context.new_page()

    page.goto(server.url("es/"))
    installed(page, server)
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)") == server.url("")
    saved = cached(page)
    # The shell and the reader's language only: nothing English, nothing of Pagefind yet
    build = offline.worker_build(site)
    assert {server.url(a) for a in build["install"]["es"]} <= set(saved)
    assert not [u for u in saved if u.startswith(server.url("")) and u.endswith("/") and not u.startswith(server.url("es/"))]
    assert not [u for u in saved if "/pagefind/" in u]

    # Read an article and a glossary term, and search once
    page.goto(server.url(f"es/{article}"))
    results = search(page, "bateria")
    assert server.url(f"es/{article}") in results
    page.goto(server.url(f"es/{glossary}/{term}/"))
    wait_until(lambda: server.url(f"es/{glossary}/{term}/") in cached(page), message="the term page saved as read")
    context.set_offline(True)

    for path in (f"es/{article}", f"es/{glossary}/{term}/", "es/", f"es/{glossary}/"):
        open_offline(page, server.url(path))
        assert page.evaluate("document.documentElement.lang") == "es", path
        assert page.locator("article h1").inner_text() == h1(site / path / "index.html"), path
        assert styled(page), path

    # An address without its trailing slash: redirected to the folder, so relative links work
    open_offline(page, server.url(f"es/{glossary}/{term}"))
    assert page.url == server.url(f"es/{glossary}/{term}/")
    assert page.locator("article h1").inner_text() == h1(site / "es" / glossary / term / "index.html")
    links = page.eval_on_selector_all("article a[href]", "els => els.map(a => a.href)")
    assert links and all(u.startswith(server.url("es/")) or not u.startswith(server.origin) for u in links), links

    # Search offline finds the saved article with the chunks loaded before
    page.goto(server.url(f"es/{article}"))
    assert server.url(f"es/{article}") in search(page, "bateria")

    # A page that was not saved: the offline page of its language, which lists what is saved
    open_offline(page, server.url("es/no-such-page/"))
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.title() == soup(site / "es" / "offline.html").title.get_text()
    page.wait_for_selector(f"#hd-saved a[href='{server.url(f'es/{article}')}']")
    # A page of a language the reader never opened: the offline page of the language they read
    open_offline(page, server.url("no-such-page/"))
    assert page.evaluate("document.documentElement.lang") == "es"

    public = urlsplit(_site_url(real_site))
    assert local(context.requests, server.origin, f"{public.scheme}://{public.netloc}") == []


def _site_url(project) -> str:
    """The public address the project was built for: the canonical address of its home page."""
    return soup(project.site / "index.html").select_one('link[rel="canonical"]')["href"]


@pytest.mark.browser
def test_saving_a_language(real_site, serve, new_context):
    site = real_site.site
    server = serve(site, urlsplit(_site_url(real_site)).path or "/")
    context = new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(server.url("es/"))
    installed(page, server)
    box = page.locator("[data-hd-save='language']")
    box.wait_for(state="visible")
    box.locator("[data-hd-save-ask]").click()
    size = box.locator("[data-hd-save-size]")
    size.wait_for(state="visible")
    files = files_of(site, "es")
    text = size.inner_text()
    assert ("KB" in text or "MB" in text) and any(ch.isdigit() for ch in text), text
    assert box.locator("[data-hd-save-status]").get_attribute("role") == "status"
    # The controls pass axe (the dark palette, where Material's plain buttons are darkest)
    lines = describe_violations(run_axe(page), "/es/ with the save controls (dark)")
    assert not lines, "\n".join(lines)
    box.locator("[data-hd-save-go]").click()
    page.wait_for_selector("[data-hd-save='language'][data-hd-saved='yes']", timeout=60_000)

    saved = set(cached(page))
    assert {server.url(a) for a in files} <= saved
    # Only this language's pages
    english = [u for u in saved if u.endswith("/") and u.startswith(server.url("")) and not u.startswith(server.url("es/"))]
    assert english == []
    context.set_offline(True)
    for address in [a for a in files if a.endswith("/")]:
        open_offline(page, server.url(address))
        assert page.evaluate("document.documentElement.lang") == "es", address
    # Search of any word works offline: every chunk of the language is saved
    page.goto(server.url("es/"))
    assert search(page, "cirugia")
    assert search(page, "medula")
    assert local(context.requests, server.origin, f"{urlsplit(_site_url(real_site)).scheme}://{urlsplit(_site_url(real_site)).netloc}") == []


@pytest.mark.browser
@pytest.mark.slow
def test_an_update_fetches_only_the_changed_files(real_site, project_factory, serve, new_context):
    # The first deploy: the real site, with its offline copies (built first, as CI does)
    project = project_factory()
    assert project.run("offline", "--quiet").returncode == 0
    result = project.build()
    assert result.returncode == 0, result.stderr
    # The home page links to the language's copy, with its size
    for lang in configured_languages():
        home = project.html(LANGS.root(lang) + "index.html")
        link = home.select_one(f"a[href$='{offline.bundle_name(lang)}']")
        assert link is not None, lang
        assert (project.site / offline.bundle_name(lang)).is_file()
        assert "KB" in link.parent.get_text() or "MB" in link.parent.get_text()
    first = all_files(project.site)
    first_version = offline.worker_version(project.site)
    server = serve(project.site)
    article = article_name(project.site, "/")
    context = new_context()
    page = context.new_page()
    page.goto(server.url(""))
    installed(page, server)
    page.goto(server.url(article))
    wait_until(lambda: server.url(article) in cached(page), message="article saved as read")
    before = set(cached(page))

    # A new deploy: one sentence more in the article
    source = project.root / "docs" / f"{article.strip('/')}.md"
    sentence = "This sentence is new in this deploy."
    source.write_text(source.read_text(encoding="utf-8").rstrip() + f"\n\n{sentence}\n", encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert offline.worker_version(project.site) != first_version
    second = all_files(project.site)
    changed = {server.url(a) for a in second if a in first and first[a][0] != second[a][0]} & before
    gone = {server.url(a) for a in first if a not in second} & before
    assert server.url(article) in changed

    server.log.clear()
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    revision_now = "u => caches.open('healthdocs ' + location.origin + '/').then(c => c.match(u)).then(r => r && r.headers.get('x-hd-revision'))"
    wait_until(lambda: page.evaluate(revision_now, server.url(article)) == second[article][0], message="the changed article saved again")
    wait_until(lambda: page.evaluate("navigator.serviceWorker.getRegistration().then(r => !r.installing && !r.waiting)"), message="update done")
    fetched = {server.origin + path for method, path, status in server.log if method == "GET" and status == 200}
    lists = {server.url("sw.js"), *(server.url(offline.files_name(lang)) for lang in configured_languages())}
    assert changed <= fetched, changed - fetched
    assert fetched - lists <= changed, f"fetched though unchanged: {sorted(fetched - lists - changed)}"
    assert not gone & set(cached(page))
    context.set_offline(True)
    open_offline(page, server.url(article))
    assert sentence in page.locator("article").inner_text()


def all_files(site: Path) -> dict[str, list]:
    """Every file the worker knows of: address -> [revision, size]."""
    out = dict(offline.worker_build(site)["files"])
    for lang in configured_languages():
        out.update(files_of(site, lang))
    return out


@pytest.mark.browser
@pytest.mark.slow
def test_worker_under_a_project_subpath(project_factory, serve, new_context):
    project = project_factory()
    project.site.mkdir(parents=True, exist_ok=True)
    server = serve(project.site, "/REPO/")
    result = project.build(env={"SITE_URL": server.url("")})
    assert result.returncode == 0, result.stderr
    article = article_name(project.site, "/", "es")

    context = new_context()
    page = context.new_page()
    page.goto(server.url(f"es/{article}"))
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == server.origin + "/REPO/"
    installed(page, server)
    page.reload()
    wait_until(lambda: server.url(f"es/{article}") in cached(page), message="article saved")
    assert server.url(f"es/{article}") in search(page, "bateria")
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
