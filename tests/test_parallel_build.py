"""`healthdocs build` builds each language in its own process (healthdocs/plugin/parallel.py):
the same files as the one-process build, and a failure in any language's process fails
the build and leaves site/ as it was."""

from __future__ import annotations

import hashlib

from .conftest import fill


def _tree(site) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_parallel_and_one_process_builds_write_the_same_files(two_articles):
    fill(two_articles, "locales/es/knee-replacement.po", {"Knee joint replacement": "Reemplazo de la articulación de la rodilla"})
    result = two_articles.build("--one-process")
    assert result.returncode == 0, result.stdout + result.stderr
    one = _tree(two_articles.site)
    result = two_articles.build()
    assert result.returncode == 0, result.stdout + result.stderr
    # Each language was built by its own process, into its own folder...
    assert "Building 'es' documentation to directory" in result.stderr
    assert "site.tmp.es" in result.stderr, result.stderr
    parallel = _tree(two_articles.site)
    # ...and the site is the same, byte for byte: pages of both languages, the sitemaps with
    # every language's pages, the root 404 page, Pagefind, the service worker.
    assert parallel == one
    assert "es/knee-replacement/index.html" in parallel and "knee-replacement/index.html" in parallel
    sitemap = (two_articles.site / "sitemap-es.xml").read_text(encoding="utf-8")  # overrides/hooks/sitemaps.py
    assert "/es/knee-replacement/</loc>" in sitemap and "<lastmod>" in sitemap
    assert "/knee-replacement/</loc>" in (two_articles.site / "sitemap-en.xml").read_text(encoding="utf-8")
    assert not any(p.name.startswith("site.tmp") for p in (two_articles.root / "build").iterdir())


HOOK = '''
import logging

log = logging.getLogger("mkdocs.plugins.test_hook")


def on_page_markdown(markdown, page, config, files):
    # A warning in the Spanish build only: strict mode fails that language's process.
    if config.theme["language"] == "es" and page.file.src_uri == "knee-replacement.es.md":
        log.warning("a problem in the Spanish page")
    return markdown
'''


def test_a_failure_in_another_language_s_process_fails_the_build(two_articles):
    result = two_articles.build()
    assert result.returncode == 0, result.stdout + result.stderr
    before = _tree(two_articles.site)
    two_articles.write("overrides/hooks/test_hook.py", HOOK)
    config = two_articles.read("mkdocs.yml")
    two_articles.write("mkdocs.yml", config.replace("\nhooks:\n", "\nhooks:\n  - overrides/hooks/test_hook.py\n", 1))
    result = two_articles.build()
    assert result.returncode != 0
    assert "a problem in the Spanish page" in result.stderr
    assert "the build of es failed" in result.stderr, result.stderr
    assert _tree(two_articles.site) == before  # site/ left as it was
    assert not any(p.name.startswith("site.tmp") for p in (two_articles.root / "build").iterdir())
