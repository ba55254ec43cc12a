"""The service worker's version: readers' browsers update their offline copy when it changes,
so it must change with anything the worker serves, the worker's own code included."""

from __future__ import annotations

import shutil

from healthdocs import catalogs, offline

from .conftest import ROOT


def test_the_worker_version_changes_with_the_workers_own_code_and_only_then(real_site, tmp_path, monkeypatch):
    site = tmp_path / "site"
    shutil.copytree(real_site.site, site)
    langs = catalogs.Layout(ROOT).langs
    built = offline.worker_version(site)
    assert built and len(built) == 16

    offline.write_service_worker(site, langs)
    assert offline.worker_version(site) == built  # the same inputs: the same version

    templates = tmp_path / "templates"
    shutil.copytree(offline.TEMPLATES, templates)
    worker = templates / offline.SERVICE_WORKER
    worker.write_text(worker.read_text(encoding="utf-8") + "\n// a fix in the worker alone\n", encoding="utf-8")
    monkeypatch.setattr(offline, "TEMPLATES", templates)
    offline.write_service_worker(site, langs)
    assert offline.worker_version(site) != built
    assert (site / offline.SERVICE_WORKER).read_text(encoding="utf-8").endswith("// a fix in the worker alone\n")
