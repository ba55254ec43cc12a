"""The pipeline end to end through the real MkDocs build, on fixture sites named by scenario."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from .conftest import Project, assert_fails, fill

SPANISH = {
    "Knee joint replacement": "Reemplazo de la articulación de la rodilla",
    "Description": "Descripción",
    "Risks": "Riesgos",
    "Infection": "Infección",
    "The surgeon removes the damaged bone. See [the risks](#risks) and the [other article](hip-replacement.md).":
        "El cirujano quita el hueso dañado. Vea [los riesgos](#risks) y el [otro artículo](hip-replacement.md).",
    "Total knee replacement": "Reemplazo total de rodilla",
    "Knee arthroplasty": "Artroplastia de rodilla",
    "Ñandú knee": "Rodilla de ñandú",
}


def test_round_trip_extract_fill_build(two_articles):
    fill(two_articles, "locales/es/knee-replacement.po", SPANISH)
    result = two_articles.build()
    assert result.returncode == 0, result.stderr
    page = two_articles.html("es/knee-replacement/index.html")
    assert page.html["lang"] == "es"
    text = page.select_one("article").get_text(" ")
    assert "El cirujano quita el hueso dañado." in text
    assert page.select_one("h1").get_text(strip=True) == "Reemplazo de la articulación de la rodilla"
    # Links kept: the anchor stays English, the article link goes to the Spanish page.
    links = {a.get_text(): a["href"] for a in page.select("article a")}
    assert links["los riesgos"] == "#risks"
    assert links["otro artículo"] == "../hip-replacement/"
    assert page.find(id="risks") is not None
    # The second article went through the same pipeline with no catalog work at all.
    assert (two_articles.site / "es/hip-replacement/index.html").exists()
    assert (two_articles.site / "hip-replacement/index.html").exists()


def test_untranslated_and_fuzzy_text_is_english_marked_and_announced(two_articles):
    fill(two_articles, "locales/es/knee-replacement.po", SPANISH, fuzzy={"Infection"})
    assert two_articles.build().returncode == 0
    page = two_articles.html("es/knee-replacement/index.html")
    notice = page.select_one(".hd-notice")
    assert notice is not None and notice.get_text(strip=True)
    fallback = [el.get_text() for el in page.select('article [lang="en"]')]
    assert "Infection" in fallback  # fuzzy: shown in English
    assert "Blood clots in the legs" in " ".join(fallback)  # untranslated, markup kept inside
    assert "Infección" not in page.select_one("article").get_text()


def test_fully_translated_page_has_no_notice(two_articles):
    catalog = read_po((two_articles.root / "locales/es/hip-replacement.po").open("rb"))
    fill(two_articles, "locales/es/hip-replacement.po", {m.id: f"{m.id}" for m in catalog if m.id})
    assert two_articles.build().returncode == 0
    page = two_articles.html("es/hip-replacement/index.html")
    assert page.select_one(".hd-notice") is None
    page.select_one(".hd-article-footer").decompose()  # the source's name is English on purpose
    references = page.find(id="references").find_next("div")
    assert references["lang"] == "en"  # citations stay English, marked
    references.decompose()
    assert not page.select('article [lang="en"]')


def test_identity_catalog_gives_the_english_article_html(two_articles):
    catalog = read_po((two_articles.root / "locales/es/knee-replacement.po").open("rb"))
    fill(two_articles, "locales/es/knee-replacement.po", {m.id: m.id for m in catalog if m.id})
    assert two_articles.build().returncode == 0

    def body(rel):
        article = two_articles.html(rel).select_one("article")
        for extra in article.select(".hd-article-footer, .hd-notice, a.md-content__button"):
            extra.decompose()
        section = article.find(id="alternative-names")
        for sib in list(section.find_all_next()) if section else []:
            sib.decompose()  # names link to each language's own glossary
        return str(article)

    assert body("es/knee-replacement/index.html") == body("knee-replacement/index.html")


# -- bad input: a clear error naming file and line, non-zero exit, no site -------


def po_line(project: Project, po_rel: str, msgid_start: str) -> int:
    lines = project.read(po_rel).splitlines()
    for number, line in enumerate(lines, 1):
        if line.startswith(f'msgid "{msgid_start}'):
            return number
        if line.startswith(f'"{msgid_start}') and lines[number - 2] == 'msgid ""':
            return number - 1
    raise AssertionError(msgid_start)


def test_malformed_po_is_an_error_with_file_and_line(two_articles):
    po = "locales/es/knee-replacement.po"
    text = two_articles.read(po).replace('msgid "Risks"', 'msgid "Risks', 1)
    two_articles.write(po, text)
    assert_fails(two_articles, "locales/es/knee-replacement.po:")


def test_bad_po_header_is_an_error(two_articles):
    po = "locales/es/hip-replacement.po"
    two_articles.write(po, two_articles.read(po).replace("charset=UTF-8", "charset=latin-1"))
    assert_fails(two_articles, "locales/es/hip-replacement.po:", "charset")


@pytest.mark.parametrize(
    "msgstr, problem",
    [
        ("El cirujano quita el hueso. Vea [los riesgos](#riesgos) y el [otro artículo](hip-replacement.md).", "links"),
        ("El cirujano quita el hueso. Vea [los riesgos](#risks) y el otro artículo.", "links"),
        ("El cirujano <script>alert(1)</script> Vea [los riesgos](#risks) y el [otro](hip-replacement.md).", "html"),
        ('El cirujano <img src=x onerror="alert(1)"> Vea [los riesgos](#risks) y el [otro](hip-replacement.md).', "html"),
        ("# El cirujano. Vea [los riesgos](#risks) y el [otro artículo](hip-replacement.md).", "markup"),
    ],
    ids=["changed-target", "dropped-link", "script", "event-attribute", "heading-marker"],
)
def test_translation_that_breaks_the_page_is_an_error(two_articles, msgstr, problem):
    msgid = "The surgeon removes the damaged bone. See [the risks](#risks) and the [other article](hip-replacement.md)."
    fill(two_articles, "locales/es/knee-replacement.po", {msgid: msgstr})
    line = po_line(two_articles, "locales/es/knee-replacement.po", "The surgeon")
    assert_fails(two_articles, f"locales/es/knee-replacement.po:{line}: {problem}:")


def test_missing_front_matter_field_is_an_error(two_articles):
    src = "docs/hip-replacement.md"
    two_articles.write(src, two_articles.read(src).replace("  reviewed: 2019-01-15\n", ""))
    assert_fails(two_articles, "docs/hip-replacement.md:", "'source.reviewed'", "required field is missing")


def test_two_names_with_one_slug_are_an_error(two_articles):
    src = "docs/hip-replacement.md"
    two_articles.write(src, two_articles.read(src).replace("name: Éter hip", "name: Knee Arthroplasty"))
    assert_fails(two_articles, "docs/hip-replacement.md:", "glossary/knee-arthroplasty.md")


def test_two_spanish_names_with_one_slug_are_an_error_in_the_po(two_articles):
    fill(two_articles, "locales/es/knee-replacement.po", {"Total knee replacement": "Artroplastia de rodilla", "Knee arthroplasty": "Artroplastia de Rodilla"})
    assert_fails(two_articles, "locales/es/knee-replacement.po:", "glosario/artroplastia-de-rodilla.es.md")


def test_related_articles_link_in_each_language(two_articles):
    fill(two_articles, "locales/es/hip-replacement.po", {"Hip joint replacement": "Reemplazo de la articulación de la cadera"})
    assert two_articles.build().returncode == 0
    for rel, title in (("knee-replacement/index.html", "Hip joint replacement"), ("es/knee-replacement/index.html", "Reemplazo de la articulación de la cadera")):
        links = two_articles.html(rel).select(".hd-related a")
        assert [a.get_text(strip=True) for a in links] == [title]
        assert (two_articles.site / rel).parent.joinpath(links[0]["href"], "index.html").resolve().exists()


def test_translation_status_page_and_badge_from_the_same_numbers(two_articles):
    fill(two_articles, "locales/es/knee-replacement.po", SPANISH, fuzzy={"Infection"})
    assert two_articles.build().returncode == 0
    import json

    badge = json.loads((two_articles.site / "badges" / "translation-es.json").read_text())
    assert badge["schemaVersion"] == 1 and badge["message"].endswith("%")
    for rel in ("translation-status/index.html", "es/translation-status/index.html"):
        rows = two_articles.html(rel).select("article table tbody tr")
        cells = {r.select("td")[0].get_text(strip=True): [c.get_text(strip=True) for c in r.select("td")[1:]] for r in rows}
        knee = next(v for k, v in cells.items() if "rodilla" in k or "Knee" in k)
        assert knee[1] == "1"  # one fuzzy entry: "Infection"
        total = next(v for k, v in cells.items() if k in ("Total", "**Total**"))
        assert total[-1] == badge["message"]


def _snapshot(site) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_build_that_fails_late_leaves_the_published_site_as_it_was(two_articles):
    """A broken link is found by MkDocs after every page is written (--strict aborts at the
    end): the failed build's pages must not replace the site readers have."""
    assert two_articles.build().returncode == 0
    before = _snapshot(two_articles.site)
    assert "hip-replacement/index.html" in before
    src = "docs/hip-replacement.md"
    two_articles.write(src, two_articles.read(src).replace("## Risks", "See [the missing page](no-such-page.md).\n\n## Risks", 1))
    result = two_articles.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "no-such-page.md" in output
    assert "build failed: site/ was left as it was" in output
    assert _snapshot(two_articles.site) == before
    assert not (two_articles.root / "build" / "site.tmp").exists()


def test_a_page_whose_only_gaps_are_fuzzy_still_has_the_notice(two_articles):
    """Every entry translated, one of them fuzzy: the fuzzy one is shown in English, and the
    page says part of it is not translated."""
    po = "locales/es/hip-replacement.po"
    catalog = read_po((two_articles.root / po).open("rb"))
    ids = [m.id for m in catalog if m.id and isinstance(m.id, str)]
    fuzzy = next(m.id for m in catalog if any(c.startswith("Paragraph") for c in m.auto_comments))
    fill(two_articles, po, {i: i for i in ids}, fuzzy={fuzzy})
    assert two_articles.build().returncode == 0
    page = two_articles.html("es/hip-replacement/index.html")
    assert page.select_one(".hd-notice") is not None
    marked = [el.get_text(" ", strip=True) for el in page.select('article [lang="en"]')]
    assert " ".join(fuzzy.split()) in " ".join(marked)
