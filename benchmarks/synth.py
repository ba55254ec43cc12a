"""Synthetic projects for the benchmark: N English articles, their Spanish catalogs
filled with deterministic fake Spanish, and the same pages pre-rendered for a stock
MkDocs build.

Everything is a pure function of N (no randomness that is not seeded), so two runs
of the benchmark build byte-for-byte the same sites.

Articles look like the real ones (docs/spinal-cord-stimulation.md): front matter
with title, description, source (with its review), adapted, abbreviations, 3-6 alternative names
with explanations and references; about 800 words of body in sections, with
bullet and numbered lists, a table, **emphasis**, links to other articles (and to
their sections), and the `<!-- alternative-names -->` and `<!-- references -->`
markers.

Fake Spanish (`fake_spanish`) keeps every Markdown token (link targets, emphasis
markers, inline code, HTML, heading ids) and every number in place, reverses the
order of the words between tokens and respells them ("-tion" -> "-ción", ...), so
it passes the build checks (links, markup, html) and the numbers check, exercises
accents in glossary slugs and ICU collation, and is the same length as the English.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------
# Names

_SYLLABLES = ["ba", "ce", "di", "fo", "ga", "hu", "ki", "lo", "ma", "ne", "pi", "ro", "sa", "tu", "vo", "ze"]
_PROCEDURES = [
    "ablation", "biopsy", "bypass", "catheterization", "drainage", "endoscopy",
    "implant", "repair", "resection", "stimulation", "transplant", "fusion",
]
_KINDS = ["procedure", "treatment", "surgery", "therapy", "operation", "correction", "insertion", "reconstruction"]


def made_up(i: int, j: int) -> str:
    """A unique made-up word for (article i, name j): 'Bacedin'.  Unique for i < 8192, j < 8."""
    n = ((i * 8 + j) * 40503) & 0xFFFF  # an odd multiplier permutes 0..65535: unique, varied first letters
    digits = [(n >> (4 * k)) & 15 for k in (3, 2, 1, 0)]
    return ("".join(_SYLLABLES[d] for d in digits) + "n").capitalize()


def title_of(i: int) -> str:
    return f"{made_up(i, 0)} {_PROCEDURES[i % len(_PROCEDURES)]}"


def slug_of(i: int) -> str:
    return title_of(i).lower().replace(" ", "-")


# ---------------------------------------------------------------------------
# Text

_SUBJECTS = [
    "Your doctor", "The surgeon", "Your care team", "A nurse", "The provider", "Your family",
    "Most people", "Some patients", "The specialist", "Your health care provider",
]
_VERBS = [
    "will explain", "may check", "can adjust", "will look at", "often talks about", "should ask about",
    "will clean", "may change", "can measure", "will write down",
]
_OBJECTS = [
    "the area around the cut", "your medicines", "the results of your tests", "your blood pressure",
    "the small tube", "the dressing over the wound", "your pain level", "the device settings",
    "the plan for your recovery", "the signs of an infection", "your breathing", "the skin near the site",
]
_TAILS = [
    "before you go home", "during the first week", "after the procedure", "on the day of surgery",
    "every few hours", "at your next visit", "while you rest", "if you have questions",
    "when the medicine wears off", "as you heal",
]
_EXTRA = [
    "This helps you heal faster.", "It does not hurt.", "Ask about it if you are not sure.",
    "Write it down so you do not forget.", "Call right away if it gets worse.",
    "Most people feel better within a few days.", "It is normal to feel tired.",
]


def _sentence(rng: random.Random) -> str:
    s = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_TAILS)}."
    if rng.random() < 0.35:
        s += " " + rng.choice(_EXTRA)
    return s


def _paragraph(rng: random.Random, n: int) -> str:
    return " ".join(_sentence(rng) for _ in range(n))


_IMPERATIVES = ["Check", "Clean", "Change", "Measure", "Ask about", "Write down", "Look at", "Keep"]


def _item(rng: random.Random) -> str:
    return f"{rng.choice(_IMPERATIVES)} {rng.choice(_OBJECTS)} {rng.choice(_TAILS)}"


_ABBREVIATIONS = [
    ("MRI", "magnetic resonance imaging"), ("CT", "computed tomography"), ("ECG", "electrocardiogram"),
    ("IV", "intravenous"), ("ICU", "intensive care unit"), ("BP", "blood pressure"),
]


def article(i: int, n: int) -> str:
    """The English Markdown of article i of n (about 800 words of body)."""
    rng = random.Random(i)
    title = title_of(i)
    proc = _PROCEDURES[i % len(_PROCEDURES)]
    a_proc = ("an " if proc[0] in "aeiou" else "a ") + proc
    abbrs = [_ABBREVIATIONS[i % 6], _ABBREVIATIONS[(i + 3) % 6]]
    others = sorted({(i + k) % n for k in (1, 7, 31)} - {i}) or [i]
    count = 3 + i % 4  # 3-6 alternative names
    names = []
    for j in range(1, count + 1):
        word = made_up(i, j)
        name = f"{word} {_KINDS[(i + j) % len(_KINDS)]}"
        expl = (
            f"{name} is another name for {title.lower()}. It is {a_proc} that a trained team does "
            f"in a hospital or clinic. {_sentence(rng)}"
        )
        names.append((name, expl))
    reviewed = dt.date(2019, 1, 1) + dt.timedelta(days=(i * 37) % 2000)

    fm = [
        "---",
        f"title: {title}",
        f"description: {title} is {a_proc} that treats a health problem. This article explains how it is done, its risks and how to get ready.",
        "source:",
        "  name: Synthetic Medical Encyclopedia",
        f"  url: https://example.org/articles/{i:05d}.htm",
        "  copyright: Example Publisher",
        f"  reviewed: {reviewed.isoformat()}",
        "  reviewed_by:",
        "    - name: A. Reviewer, MD",
        "    - editorial_team: Example",
        f"adapted: {reviewed.isoformat()}",
        "abbreviations:",
    ]
    for abbr, expansion in abbrs:
        fm += [f"  - abbr: {abbr}", f"    title: {expansion}"]
    fm.append("alternative_names:")
    for name, expl in names:
        fm += [f"  - name: {name}", f"    explanation: {expl}"]
    related = [slug_of(k) for k in others if k != i][:2]
    if related:
        fm.append("related:")
        fm += [f"  - {slug}" for slug in related]
    fm.append("references:")
    for r in range(2 + i % 2):
        fm.append(
            f'  - "Author{r} A, Writer B. {title} in practice. In: Editor C, ed. *Textbook of '
            f'{proc.capitalize()} Care*. {r + 3}th ed. Philadelphia, PA: Elsevier; {2015 + r}:chap {10 + i % 90}."'
        )
    fm.append("---")

    link = lambda k, text=None: f"[{text or title_of(k)}]({slug_of(k)}.md)"  # noqa: E731
    a0, a1 = abbrs[0][0], abbrs[1][0]
    an = lambda abbr: ("an " if abbr[0] in "AEFHILMNORSX" else "a ") + abbr  # noqa: E731  (letter names)
    body = [
        "",
        f"{title} is {a_proc} that treats a health problem. {_paragraph(rng, 1)} You may need {an(a0)} first.",
        "",
        "## Description",
        "",
        _paragraph(rng, 3),
        "",
        "### The first part",
        "",
    ]
    body += [f"- {_item(rng)}. {_sentence(rng)}" for _ in range(4)]
    body += ["", f"{_paragraph(rng, 3)} **{_sentence(rng)}**", "", "### The second part", ""]
    body += [f"{k}. {_item(rng)}." for k in range(1, 4)]
    body += [
        "",
        "The table shows how long each step takes.",
        "",
        "| Step | What happens | How long |",
        "| --- | --- | --- |",
    ]
    for k in range(1, 5):
        body.append(f"| Step {k} | {_item(rng)} | {10 * k} to {10 * k + 15} minutes |")
    body += ["", "## Why the procedure is performed", "", _paragraph(rng, 2), ""]
    body += [f"- {_item(rng)}" for _ in range(5)]
    body += [
        "",
        f"Some people have {link(others[0], 'a different procedure')} instead. {_paragraph(rng, 2)}",
        "",
        "## Risks",
        "",
        f"Possible problems from this {proc} are:",
        "",
    ]
    body += [f"- {_item(rng)}. {_sentence(rng)}" for _ in range(5)]
    body += [
        "",
        f"{_paragraph(rng, 2)} {an(a1)[0].upper() + an(a1)[1:]} can show problems early. Read about "
        f"[the risks of {title_of(others[-1]).lower()}]({slug_of(others[-1])}.md#risks) too.",
        "",
        "## Before the procedure",
        "",
        _paragraph(rng, 2),
        "",
    ]
    body += [f"- {_item(rng)}. {_sentence(rng)}" for _ in range(4)]
    body += ["", "## After the procedure", "", _paragraph(rng, 2), "", _paragraph(rng, 2)]
    body += ["", "## Outlook (prognosis)", "", _paragraph(rng, 2), "", "## Related articles", ""]
    body += [f"- {link(k)}" for k in others]
    text = "\n".join(fm + body)
    # Top up to about 800 words of body (front matter not counted).
    words = len(re.findall(r"[A-Za-z]+", "\n".join(body)))
    extra = []
    while words < 780:
        p = _paragraph(rng, 3)
        words += len(re.findall(r"[A-Za-z]+", p))
        extra += ["", p]
    tail = ["", "## Alternative names", "", "<!-- alternative-names -->", "", "## References", "", "<!-- references -->", ""]
    if extra:
        # More text at the end of "Outlook" (before "Related articles").
        head, _, rest = text.partition("\n## Related articles")
        text = head + "\n".join(extra) + "\n\n## Related articles" + rest
    return text + "\n" + "\n".join(tail)


# ---------------------------------------------------------------------------
# Fake Spanish

#: Markdown that must stay as it is: link target, link bracket, emphasis markers,
#: inline code, raw HTML / autolinks, attribute lists.
_TOKEN = re.compile(r"(\]\([^)]*\)|\*\*|\*|`[^`]*`|<[^>]*>|\[|\{[^}]*\})")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SMALL = {
    "the": "el", "a": "un", "an": "un", "and": "y", "or": "o", "of": "de", "to": "a", "in": "en",
    "is": "es", "it": "lo", "you": "usted", "your": "su", "with": "con", "for": "para", "on": "en",
    "may": "puede", "can": "puede", "will": "va", "this": "esto", "that": "que", "are": "son",
    "not": "no", "at": "en", "if": "si", "as": "como",
}
_ENDINGS = [("tion", "ción"), ("ty", "dad"), ("ic", "ico"), ("ure", "ura"), ("ment", "miento"), ("ous", "oso")]


def _respell(word: str) -> str:
    if len(word) > 1 and word.isupper():
        return word[::-1]  # abbreviations: MRI -> IRM
    low = word.lower()
    if low in _SMALL:
        out = _SMALL[low]
    else:
        for end, new in _ENDINGS:
            if low.endswith(end):
                out = low[: -len(end)] + new
                break
        else:
            out = low + ("o" if low[-1] not in "aeiou" else "s")
    return out


def _words(segment: str) -> str:
    found = _WORD.findall(segment)
    if not found:
        return segment
    new = []
    for k, src in enumerate(reversed(found)):
        word = _respell(src)
        if not (len(src) > 1 and src.isupper()):
            word = word[:1].upper() + word[1:] if found[k][:1].isupper() else word
        new.append(word)
    it = iter(new)
    return _WORD.sub(lambda m: next(it), segment)


def fake_spanish(text: str) -> str:
    """Deterministic fake Spanish that keeps Markdown tokens and numbers where they are."""
    parts = _TOKEN.split(text)
    return "".join(part if k % 2 else _words(part) for k, part in enumerate(parts))


# ---------------------------------------------------------------------------
# Projects


def make_pipeline_project(dest: Path, n: int) -> Path:
    """The real configuration and theme (as tests/conftest.py make_project copies them),
    the real home page and its catalog, and N synthetic articles.  Catalogs are not yet made."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copy(REPO / "mkdocs.offline.yml", dest / "mkdocs.offline.yml")  # `healthdocs offline` (the copies)
    shutil.copytree(REPO / "overrides", dest / "overrides")
    docs = dest / "docs"
    docs.mkdir()
    shutil.copy(REPO / "docs" / "index.md", docs / "index.md")
    es = dest / "locales" / "es"
    es.mkdir(parents=True)
    for name in ("_interface.po", "index.po"):
        if (REPO / "locales" / "es" / name).exists():
            shutil.copy(REPO / "locales" / "es" / name, es / name)
    for i in range(n):
        (docs / f"{slug_of(i)}.md").write_text(article(i, n), encoding="utf-8")
    return dest


def remove_article_catalogs(project: Path, n: int) -> None:
    for i in range(n):
        (project / "locales" / "es" / f"{slug_of(i)}.po").unlink(missing_ok=True)


def fill_catalogs(project: Path, n: int) -> dict:
    """Translate the article catalogs: every message of the even articles, about 60 % of
    the odd ones' (chosen by a hash of the msgid).  Written in the canonical format, so
    the next `healthdocs catalogs` has nothing to change."""
    from healthdocs import catalogs

    stats = {"messages": 0, "translated": 0, "complete_articles": 0}
    for i in range(n):
        path = project / "locales" / "es" / f"{slug_of(i)}.po"
        catalog = catalogs.read(path)
        complete = i % 2 == 0
        stats["complete_articles"] += complete
        for message in catalog:
            if not message.id:
                continue
            stats["messages"] += 1
            if complete or zlib.crc32(message.id.encode()) % 10 < 6:
                message.string = fake_spanish(message.id)
                stats["translated"] += 1
        path.write_bytes(catalogs.dumps(catalog))
    return stats


_HEALTHDOCS_PLUGIN = re.compile(r"^  healthdocs:\n(?:^(?: {4,}.*|\s*)\n)*", re.M)


def stock_config(text: str) -> str:
    """The project's mkdocs.yml without the healthdocs plugin: same theme, features,
    extensions, search and mkdocs-static-i18n configuration."""
    out, count = _HEALTHDOCS_PLUGIN.subn("", text)
    if count != 1:
        raise SystemExit("benchmark: cannot find the healthdocs plugin entry in mkdocs.yml")
    return out


def _nav_max_articles(config_text: str) -> int:
    m = re.search(r"^\s+nav_max_articles:\s*(\d+)", config_text, re.M)
    if m:
        return int(m.group(1))
    from healthdocs.plugin.config import HealthDocsConfig

    return HealthDocsConfig.nav_max_articles.default


def _with_navigation(config_text: str, navs: dict[str, list[str]]) -> str:
    """The stock mkdocs.yml with the pipeline's navigation written in: `nav:` for English
    and a `nav:` override in each other language's mkdocs-static-i18n entry."""
    out = config_text.rstrip("\n") + "\n\n# The navigation the healthdocs plugin makes, written out.\nnav:\n"
    source, *_ = navs  # the source language comes first
    out += "".join(f"  - {uri}\n" for uri in navs[source])
    for lang, uris in navs.items():
        if lang == source:
            continue
        m = re.search(rf"^(\s*)- locale: {re.escape(lang)}\n", out, re.M)
        if not m:
            raise SystemExit(f"benchmark: no '- locale: {lang}' entry in mkdocs.yml")
        pad = " " * (len(m.group(1)) + 2)
        block = f"{pad}nav:\n" + "".join(f"{pad}  - {uri}\n" for uri in uris)
        out = out[: m.end()] + block + out[m.end():]
    return out


def make_stock_project(pipeline: Path, dest: Path) -> int:
    """What a user of stock MkDocs + Material + static-i18n would keep in docs/: every page
    the pipeline shows MkDocs (English sources, Spanish *.es.md, glossary pages and indexes),
    written out with the markers already filled (the same Markdown the pipeline hands to
    MkDocs' Markdown renderer), and the navigation the plugin makes written into mkdocs.yml.
    Returns the number of Markdown files."""
    from healthdocs import catalogs, generated, navigation, site
    from mkdocs.utils.meta import get_data

    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copytree(pipeline / "overrides", dest / "overrides")
    # The globals the theme reads from the plugin (404.html, sitemap.xml): see stock_globals.py.
    shutil.copy(Path(__file__).resolve().parent / "stock_globals.py", dest / "overrides" / "hooks" / "stock_globals.py")
    layout = catalogs.Layout(pipeline.resolve())
    loaded = site.load(layout)
    pages = generated.generate(loaded)
    config_text = (pipeline / "mkdocs.yml").read_text(encoding="utf-8")
    config = stock_config(config_text)
    if "\nhooks:\n" not in config:
        raise SystemExit("benchmark: cannot find the hooks of mkdocs.yml")
    config = config.replace("\nhooks:\n", "\nhooks:\n  - overrides/hooks/stock_globals.py\n", 1)
    limit = _nav_max_articles(config_text)  # the plugin chooses what the navigation lists
    config = _with_navigation(config, {lang: navigation.navigation(loaded, lang, limit) for lang in loaded.langs.all})
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    sources = {p.relative_to(layout.docs).as_posix(): p.read_text(encoding="utf-8") for p in layout.sources()}
    every = {**sources, **pages}
    for src_uri, markdown in every.items():
        lang = loaded.langs.language_of(src_uri)
        body, meta = get_data(markdown)
        front = markdown[: len(markdown) - len(body)] if body and markdown.endswith(body) else ""
        expanded = generated.expand(loaded, body, meta, lang, src_uri)
        target = dest / "docs" / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(front + expanded, encoding="utf-8")
    return len(every)
