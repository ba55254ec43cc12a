"""Glossary pages and indexes: one page per alternative name per language."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml
from healthdocs import glossary

from .conftest import ROOT, Project, assert_fails, fill


def alternative_names() -> list[str]:
    text = (ROOT / "docs" / "spinal-cord-stimulation.md").read_text()
    meta = yaml.safe_load(text.split("---")[1])
    return [item["name"] for item in meta["alternative_names"]]


def term_pages(project: Project, folder: str) -> list[Path]:
    return sorted(p for p in (project.site / folder).glob("*/index.html"))


def test_one_page_per_name_per_language(real_site):
    names = alternative_names()
    assert len(names) == 8
    english, spanish = term_pages(real_site, "glossary"), term_pages(real_site, "es/glosario")
    assert len(english) == len(spanish) == len(names)
    assert {p.parent.name for p in english} == {glossary.slug_for(n) for n in names}
    assert "estimulacion-de-la-columna-dorsal" in {p.parent.name for p in spanish}


def test_term_page_has_its_name_explanation_article_link_and_switcher_pair(real_site):
    for page_path in term_pages(real_site, "glossary") + term_pages(real_site, "es/glosario"):
        rel = page_path.relative_to(real_site.site).as_posix()
        page = real_site.html(rel)
        spanish = rel.startswith("es/")
        assert page.html["lang"] == ("es" if spanish else "en")
        h1 = page.select_one("article h1").get_text(strip=True)
        assert h1 and page.title.get_text().startswith(h1)
        article_links = [a["href"] for a in page.select("article a") if "spinal-cord-stimulation" in a["href"]]
        assert article_links == ["../../spinal-cord-stimulation/"], rel
        # The language switcher pairs this page with its counterpart, which links back.
        other_lang = "en" if spanish else "es"
        link = page.select_one(f'.md-select__link[hreflang="{other_lang}"]')["href"]
        target = (page_path.parent / link / "index.html").resolve()
        assert target.exists(), (rel, link)
        back = real_site.html(target.relative_to(real_site.site).as_posix())
        back_link = back.select_one(f'.md-select__link[hreflang="{"es" if other_lang == "en" else "en"}"]')["href"]
        assert (target.parent / back_link / "index.html").resolve() == page_path.resolve()


def test_article_alternative_names_link_to_glossary_pages(real_site):
    for rel, folder in (("spinal-cord-stimulation/index.html", "glossary"), ("es/spinal-cord-stimulation/index.html", "glosario")):
        page = real_site.html(rel)
        section = page.find(id="alternative-names")
        items = section.find_next("ul").select("li a")
        assert len(items) == 8
        for a in items:
            assert f"/{folder}/" in "/" + a["href"]
            assert (real_site.site / rel).parent.joinpath(a["href"], "index.html").resolve().exists()


def initial(name: str) -> str:
    """A name's index letter: its first letter without accents (Ñ stays Ñ)."""
    first = name[:1].upper()
    return first if first == "Ñ" else unicodedata.normalize("NFD", first)[0]


def test_index_sorted_by_language_rules_with_letters(real_site):
    for rel in ("glossary/index.html", "es/glosario/index.html"):
        page = real_site.html(rel)
        letters = [h.get_text(strip=True) for h in page.select("article h2")]
        jump = [a.get_text(strip=True) for a in page.select("nav.hd-letters a")]
        names = [a.get_text(strip=True) for a in page.select("article ul li > a:first-child")]
        assert len(names) == 8
        lang = "es" if rel.startswith("es/") else "en"
        assert names == glossary.sort_names(names, lang)
        # One letter heading per initial, in the language's order (ICU: Ñ after N in Spanish), each
        # in the jump list; at least two, so that an index with no headings fails.
        assert len(letters) >= 2 and letters == jump
        assert letters == glossary.sort_names(letters, lang)
        for heading in page.select("article h2"):
            under = [a.get_text(strip=True) for a in heading.find_next("ul").select("li > a:first-child")]
            assert under and all(initial(n) == heading.get_text(strip=True) for n in under), (heading, under)
        for a in page.select("nav.hd-letters a"):
            assert page.find(id=a["href"][1:]) is not None


def test_index_entries_show_their_explanation_and_article(real_site):
    """The index promises "a short explanation and a link to its article" for each name:
    the explanation is the one on the term's own page, in the page's language."""
    english = {item["name"]: item["explanation"] for item in yaml.safe_load(
        (ROOT / "docs" / "spinal-cord-stimulation.md").read_text().split("---")[1])["alternative_names"]}
    for rel in ("glossary/index.html", "es/glosario/index.html"):
        index_path = real_site.site / rel
        entries = real_site.html(rel).select("article ul li")
        assert len(entries) == 8, rel
        for li in entries:
            term_link, *rest = li.select("a")
            term_page = (index_path.parent / term_link["href"] / "index.html").resolve()
            term = real_site.html(term_page.relative_to(real_site.site).as_posix())
            explanation = term.select_one("article h1").find_next("p").get_text(" ", strip=True)
            text = li.get_text(" ", strip=True)
            assert len(explanation) > 20 and explanation in text, (rel, text, explanation)
            if rel.startswith("es/"):
                assert explanation not in english.values(), f"{rel}: English explanation {explanation!r}"
            else:
                assert english[term_link.get_text(strip=True)] == explanation
            assert len(rest) == 1, (rel, text)
            article = (index_path.parent / rest[0]["href"] / "index.html").resolve()
            assert article.is_file() and "hd-disclaimer" in article.read_text(encoding="utf-8"), (rel, rest[0]["href"])


def test_spanish_collation_ignores_accents_and_puts_enye_after_n():
    names = ["Ñandú", "nube", "Éter", "ola", "estimulación", "Neuroestimulador", "ábaco", "azul"]
    assert glossary.sort_names(names, "es") == ["ábaco", "azul", "estimulación", "Éter", "Neuroestimulador", "nube", "Ñandú", "ola"]
    assert sorted(names) != glossary.sort_names(names, "es")  # code-point order would be wrong


def test_fixture_index_groups_enye_and_accents(two_articles):
    fill(two_articles, "locales/es/knee-replacement.po", {"Ñandú knee": "Ñandú rodilla", "Knee arthroplasty": "Artroplastia de rodilla",
                                                          "Total knee replacement": "Nueva rodilla total"})
    fill(two_articles, "locales/es/hip-replacement.po", {"Éter hip": "Éter cadera", "Hip arthroplasty": "Artroplastia de cadera"})
    assert two_articles.build().returncode == 0
    page = two_articles.html("es/glosario/index.html")
    groups = {h.get_text(strip=True): [a.get_text(strip=True) for a in h.find_next("ul").select("li > a:first-child")] for h in page.select("article h2")}
    assert groups["A"] == ["Artroplastia de cadera", "Artroplastia de rodilla"]
    assert groups["E"] == ["Éter cadera"]
    assert groups["Ñ"] == ["Ñandú rodilla"]
    assert groups["N"] == ["Nueva rodilla total"]
    assert list(groups) == ["A", "E", "N", "Ñ"]  # Ñ is its own letter, right after N (not after Z, nor inside N)
    # Five names in two articles: five pages per language, with no code change.
    assert len(term_pages(two_articles, "glossary")) == len(term_pages(two_articles, "es/glosario")) == 5


def test_abbreviations_expanded_in_each_language(real_site):
    en = {a.get_text(): a["title"] for a in real_site.html("spinal-cord-stimulation/index.html").select("article abbr")}
    es = {a.get_text(): a["title"] for a in real_site.html("es/spinal-cord-stimulation/index.html").select("article abbr")}
    assert en["SCS"] == "spinal cord stimulation" and en["CRPS"] and en["CSF"] and en["MRI"]
    assert es["EME"] == "estimulación de la médula espinal" and es["SDRC"] and es["LCR"] and es["RM"]


def test_name_without_explanation_is_an_error(two_articles):
    src = "docs/hip-replacement.md"
    text = two_articles.read(src).replace("    explanation: A made-up name that tests accents in alphabetical order.\n", "")
    two_articles.write(src, text)
    assert_fails(two_articles, "docs/hip-replacement.md:", "alternative_names.1.explanation")
