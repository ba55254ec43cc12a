"""Command line: one verb per pipeline step. `make help` lists the targets that call them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import staging
from .errors import SourceError, SourceErrors
from .layout import Layout
from .stamp import Stamp

# Modules are imported by the commands that use them: `healthdocs build` only starts
# MkDocs, and need not load the catalog machinery first.


def _layout(args: argparse.Namespace) -> Layout:
    return Layout(Path(args.root).resolve())


def cmd_catalogs(args: argparse.Namespace) -> int:
    """Extract the English sources, write the templates (.pot) and update every language's catalogs."""
    from . import catalogs, site

    layout = _layout(args)
    languages = args.lang or layout.languages()
    errors = catalogs.unconfigured_folders(layout, layout.languages())
    for path in layout.sources():
        try:
            site.check_source_name(layout, path)
        except SourceError as exc:
            errors.append(exc)
    if errors:
        raise SourceErrors(errors)
    # A catalog whose inputs are what they were when it was last updated is skipped.
    stamp = Stamp(layout.root / "build" / CATALOGS_STAMP)
    try:
        changed = catalogs.update_all(layout, languages, stamp=stamp,
                                      memory_cache=layout.root / "build" / catalogs.MEMORY_CACHE)
    finally:
        stamp.save()
    for path in changed:
        print(f"updated {layout.rel(path)}")
    unchanged = f"; {stamp.skipped} unchanged since the last run, skipped ({layout.rel(stamp.path)})" if stamp.skipped else ""
    print(f"catalogs: {len(changed)} file(s) changed{unchanged}")
    return 0


CATALOGS_STAMP = "catalogs.stamp.json"


def cmd_build(args: argparse.Namespace) -> int:
    """`mkdocs build --strict` into a temporary folder, then swap it in: never a half-built site."""
    layout = _layout(args)
    with staging.temporary(layout.root, "site") as tmp:
        code = staging.mkdocs_build(layout.root, args.config, tmp, parallel=not args.one_process)
        if code != 0:
            print(f"build failed: {args.site_dir}/ was left as it was", file=sys.stderr)
            return code
        staging.swap_in(tmp, layout.root / args.site_dir)
    if not args.quiet:
        langs = layout.langs
        where = ", ".join(f"{langs.name(code)} at {args.site_dir}/{langs.root(code)}index.html" for code in langs.all)
        print(f"\nThe site is in {args.site_dir}/ ({where}).")
        print("Preview it with:  make serve   (then open http://127.0.0.1:8000/)")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Translation status per language: translated, fuzzy and untranslated entries and words."""
    import json

    from . import stats

    layout = _layout(args)
    data = stats.collect(layout, args.lang or None)
    if args.json:
        print(json.dumps(stats.as_json(data), ensure_ascii=False, indent=2))
    else:
        from . import content

        print(stats.table(data))
        # Editors' side of the status: readability per article and language, reviews due.
        print()
        print("\n".join(line for line in content.check_content(layout).lines() if not line.startswith("check-content:")))
    return 0


def cmd_check_po(args: argparse.Namespace) -> int:
    """Check every .po: format, sync, msgfmt, markup, links, numbers, placeholders, terms, spelling."""
    from . import checkpo

    layout = _layout(args)
    files = [Path(f) for f in args.files] or None
    report = checkpo.run(layout, args.lang or None, files, strict=args.strict, spell=not args.no_spelling)
    for diagnostic in report.diagnostics:
        print(diagnostic)
    print(report.summary(), file=sys.stderr)
    return 1 if report.errors else 0


def cmd_new_article(args: argparse.Namespace) -> int:
    """Start a new English article from the template: docs/SLUG.md."""
    from . import scaffold

    layout = _layout(args)
    try:
        path = scaffold.new_article(layout, args.slug or "")
    except scaffold.ScaffoldError as exc:
        print(f"new-article: {exc}", file=sys.stderr)
        return 1
    rel = layout.rel(path)
    print(f"created {rel}")
    print(f"Next: write the text where it says TODO in {rel}, then run")
    print("  make check-content   front matter, readability and review date")
    others = ", ".join(f"/{layout.langs.root(code)}" for code in layout.langs.translations) or "none yet"
    print("  make catalogs        start its catalog in every language, for translators")
    print(f"  make serve           see it, and (until translated, in the source language) under {others}")
    return 0


def cmd_new_language(args: argparse.Namespace) -> int:
    """Add a language: to mkdocs.yml's language list, with its catalogs from the templates."""
    from . import newlanguage

    layout = _layout(args)
    try:
        created = newlanguage.new_language(layout, args.code or "")
    except newlanguage.NewLanguageError as exc:
        print(f"new-language: {exc}", file=sys.stderr)
        return 1
    code = args.code
    print(f"added {code!r} to the languages of {layout.config_file}")
    for path in created:
        print(f"created {layout.rel(path)}")
    folder = f"{layout.locales_dir}/{code}"
    print(f"Next: translate the msgstr lines of {folder}/*.po (TRANSLATING.md, \"Adding a language\"),")
    print(f"and the commented site_name, description and menu names of its entry in {layout.config_file}; then")
    print(f"  make site    builds /{code}/ (untranslated text is shown in English, marked as English)")
    print("  make stats   shows how much is translated")
    return 0


def cmd_dictionaries(args: argparse.Namespace) -> int:
    """Debian packages of the translation languages' spelling dictionaries not installed yet."""
    from . import languages, spelling

    layout = _layout(args)
    for code in layout.languages():
        package = languages.get(code).dictionary_package
        if package and spelling.find_dictionary(code) is None:
            print(package)
    return 0


def cmd_check_content(args: argparse.Namespace) -> int:
    """Front matter, related articles, readability and review dates of every article."""
    import datetime as dt

    from . import content

    today = dt.date.fromisoformat(args.today) if args.today else None
    years = content.REVIEW_YEARS if args.review_years is None else args.review_years
    report = content.check_content(_layout(args), today=today, years=years)
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


def cmd_offline(args: argparse.Namespace) -> int:
    """Build dist/offline-site-<lang>.zip: one copy per language, readable from file:// with no server."""
    from . import offline

    return offline.build_bundle(_layout(args).root, config=args.config, output=args.output, quiet=args.quiet)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="healthdocs", description=__doc__)
    parser.add_argument("--root", default=".", help="project root (where mkdocs.yml is)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("catalogs", help=cmd_catalogs.__doc__)
    p.add_argument("--lang", action="append", help="only this language (repeatable)")
    p.set_defaults(func=cmd_catalogs)

    p = sub.add_parser("build", help=cmd_build.__doc__)
    p.add_argument("--config", default="mkdocs.yml")
    p.add_argument("--site-dir", default="site")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--one-process", action="store_true",
                   help="build the languages one after the other in one process (as plain `mkdocs build` does)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("stats", help=cmd_stats.__doc__)
    p.add_argument("--lang", action="append", help="only this language (repeatable)")
    p.add_argument("--json", action="store_true", help="machine-readable output, with a shields.io badge per language")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("check-po", help=cmd_check_po.__doc__)
    p.add_argument("files", nargs="*", help="only these .po files (default: every catalog)")
    p.add_argument("--lang", action="append", help="only this language (repeatable)")
    p.add_argument("--strict", action="store_true", help="warnings (fuzzy, terminology, spelling) are errors too")
    p.add_argument("--no-spelling", action="store_true", help="skip the spelling check (it loads a dictionary: about 1 s)")
    p.set_defaults(func=cmd_check_po)

    p = sub.add_parser("new-article", help=cmd_new_article.__doc__)
    p.add_argument("slug", nargs="?", help="file name of the article under docs/, without .md (e.g. knee-replacement)")
    p.set_defaults(func=cmd_new_article)

    p = sub.add_parser("new-language", help=cmd_new_language.__doc__)
    p.add_argument("code", nargs="?", help="the language's code, as in its URL (e.g. fr, pt-BR)")
    p.set_defaults(func=cmd_new_language)

    p = sub.add_parser("dictionaries", help=cmd_dictionaries.__doc__)
    p.set_defaults(func=cmd_dictionaries)

    p = sub.add_parser("check-content", help=cmd_check_content.__doc__)
    p.add_argument("--review-years", type=int, default=None, metavar="N",
                   help="list articles whose source was last reviewed N or more years ago (default: content.REVIEW_YEARS, 3)")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="check review dates as of this day (default: today)")
    p.set_defaults(func=cmd_check_content)

    p = sub.add_parser("offline", help=cmd_offline.__doc__)
    p.add_argument("--config", default="mkdocs.offline.yml")
    p.add_argument("--output", default="dist", help="folder of the zips")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_offline)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (SourceError, SourceErrors) as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
