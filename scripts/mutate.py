"""`make mutate`: mutation testing of the code whose bugs would mislead a reader or lose a
translator's work, with mutmut, against the fast in-process tests in tests/unit/.

mutmut changes the code one small edit at a time (a `<` for a `<=`, a string for
another, a call dropped...) and runs the tests that reach the changed function.  A
mutant the tests notice is *killed*; one they do not notice *survived*: a bug of that
shape would reach readers unnoticed.  Each survivor is either killed by a new test or
listed in scripts/mutation-equivalent.toml with the reason it cannot change behaviour.

mutmut expects the package at the top of the folder it runs in (or under src/), so the
run happens in build/mutate/, a copy of the package (as src/healthdocs), the tests and
the project files they read.  mutmut keeps its results there: a second run re-tests only
the mutants of functions that changed.

    python scripts/mutate.py [--jobs N] [--fresh] [--module checks.py ...]

The last line is `mutation score: K/N killed (P%)`, over the mutants of MODULES that are
not listed as equivalent.  The exit status is 0 when the score reaches TARGET.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "mutate"
EQUIVALENT = ROOT / "scripts" / "mutation-equivalent.toml"
STATS = WORK / "mutants" / "mutmut-stats.json"

#: The modules under test, as paths inside the package.
MODULES = [
    "checks.py",  # the translation checks: a changed number, link, markup or raw HTML never reaches a reader
    "translate.py",  # which units are shown translated, which in English (marked), and the counts
    "segment.py",  # English Markdown -> translation units and back: nothing lost, nothing changed
    "catalogs.py",  # reading, merging and writing catalogs: no translator's msgstr is ever lost
    "staging.py",  # the build runner: a failed build leaves the published site as it was
]
TARGET = 90.0
#: The project files the tests read (copied beside the package).
PROJECT_FILES = ["mkdocs.yml", "docs", "locales", "overrides", "TRANSLATING.md", "README.md"]
#: mutmut's statuses that count as the tests noticing the mutant.
KILLED = {"killed", "timeout", "segfault"}


def _sync(source: Path, dest: Path) -> None:
    """Copy a file or folder, keeping modification times (mutmut compares them)."""
    if source.is_dir():
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(source, dest, copy_function=shutil.copy2,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    elif source.exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest)


def prepare(fresh: bool, modules: list[str]) -> None:
    if fresh:
        shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True, exist_ok=True)
    _sync(ROOT / "scripts" / "healthdocs", WORK / "src" / "healthdocs")
    _sync(ROOT / "tests", WORK / "tests")
    for name in PROJECT_FILES:
        _sync(ROOT / name, WORK / name)
    pytest_options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    markers = ",\n".join(f'  "{m}"' for m in pytest_options["markers"])
    only = ",\n".join(f'  "src/healthdocs/{m}"' for m in modules)
    also = ", ".join(f'"{name}"' for name in [*PROJECT_FILES, "src/healthdocs/templates", "src/healthdocs/languages"])
    # mutmut copies every file of the package into mutants/ once, and never mutates a copy
    # that is there: a module first copied while it was not under test stays unmutated.
    for module in modules:
        copied = WORK / "mutants" / "src" / "healthdocs" / module
        if copied.exists() and "__mutmut_" not in copied.read_text(encoding="utf-8"):
            copied.unlink()
            copied.with_name(copied.name + ".meta").unlink(missing_ok=True)
            STATS.unlink(missing_ok=True)  # which tests reach which function: collected again
    (WORK / "pyproject.toml").write_text(
        "# Written by scripts/mutate.py: the mutmut run of `make mutate`.\n"
        "[tool.mutmut]\n"
        'source_paths = ["src/healthdocs"]\n'
        f"only_mutate = [\n{only},\n]\n"
        'pytest_add_cli_args_test_selection = ["tests/unit"]\n'
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-x", "-q"]\n'
        f"also_copy = [{also}]\n"
        "\n[tool.pytest.ini_options]\n"
        f"markers = [\n{markers},\n]\n",
        encoding="utf-8",
    )


def _tests_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "tests").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def mutmut(*args: str, capture: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONPATH", None)
    command = [sys.executable, "-m", "mutmut", *args]
    return subprocess.run(command, cwd=WORK, env=env, text=True, capture_output=capture)


#: One process for every survivor's diff (`mutmut show` takes a second each), with mutmut's own
#: functions (mutmut is pinned); a name it cannot show falls back to `mutmut show`.
_DIFFS = """
import json, sys
from mutmut.mutation.diff_apply import find_mutant, get_diff_for_mutant
out = {}
for name in json.load(sys.stdin):
    try:
        out[name] = get_diff_for_mutant(name, path=find_mutant(name).path)
    except Exception:
        pass
print(json.dumps(out))
"""


def _diffs(names: list[str]) -> dict[str, str]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, "-c", _DIFFS], cwd=WORK, env=env, text=True,
                          input=json.dumps(names), capture_output=True)
    try:
        return json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else {}
    except (ValueError, IndexError):
        return {}


def results() -> dict[str, str]:
    out = mutmut("results", "--all", "true", capture=True)
    if out.returncode != 0:
        sys.exit(f"mutmut results failed:\n{out.stderr}")
    found = {}
    for line in out.stdout.splitlines():
        match = re.fullmatch(r"\s*(\S+__mutmut_\d+): (.+)", line)
        if match:
            found[match.group(1)] = match.group(2).strip()
    return found


def equivalents() -> dict[str, str]:
    """Mutant name -> why it cannot change what the code does."""
    if not EQUIVALENT.exists():
        return {}
    data = tomllib.loads(EQUIVALENT.read_text(encoding="utf-8"))
    return {name: str(reason) for name, reason in data.get("equivalent", {}).items()}


def module_of(mutant: str) -> str:
    """`healthdocs.segment.xǁ_Segmenterǁspan__mutmut_48` -> `healthdocs.segment`: mutmut names a
    function's mutants `x_<name>` and a method's `xǁ<class>ǁ<name>`, after the module."""
    return mutant.split("__mutmut_")[0].split(".x")[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="mutants tested at once")
    parser.add_argument("--fresh", action="store_true", help="forget earlier results and test every mutant again")
    parser.add_argument("--module", action="append", choices=MODULES, help="only this module (repeatable)")
    parser.add_argument("--report-only", action="store_true", help="print the last run's results without running")
    args = parser.parse_args(argv)

    if not args.report_only:
        prepare(args.fresh, args.module or MODULES)
        run = mutmut("run", "--max-children", str(args.jobs))
        if run.returncode not in (0, 1):
            print(f"mutmut run stopped with exit status {run.returncode}", file=sys.stderr)
            return run.returncode
        # mutmut re-tests a mutant when its function changes, not when the tests do: after a
        # change to the tests, every survivor is tested again (a new test may kill it).
        stamp = WORK / "tests.sha256"
        digest = _tests_digest()
        if not stamp.exists() or stamp.read_text() != digest:
            listed = equivalents()
            again = [name for name, status in results().items() if status not in KILLED and name not in listed]
            if again:
                print(f"the tests changed: testing the {len(again)} survivor(s) again")
                mutmut("run", "--max-children", str(args.jobs), *again)
        stamp.write_text(digest)
        # A mutant with no tests may only be new since mutmut last mapped tests to functions.
        untested = [name for name, status in results().items() if status == "no tests"]
        if untested:
            STATS.unlink(missing_ok=True)
            mutmut("run", "--max-children", str(args.jobs), *untested)

    statuses = results()
    if not statuses:
        print("no mutants: run without --report-only first", file=sys.stderr)
        return 2
    known = equivalents()
    per_module: dict[str, Counter] = defaultdict(Counter)
    survivors = []
    for name, status in sorted(statuses.items()):
        module = module_of(name)
        if name in known:
            per_module[module]["equivalent"] += 1
            continue
        per_module[module]["total"] += 1
        if status in KILLED:
            per_module[module]["killed"] += 1
        else:
            survivors.append((name, status))

    tested = {module_of(name) for name in statuses}  # the modules of this run
    stale = sorted(name for name in known if module_of(name) in tested
                   and (statuses.get(name) is None or statuses[name] in KILLED))
    print()
    print(f"{'module':<24} {'killed':>7} {'total':>6} {'score':>7} {'equivalent':>11}")
    for module, counts in sorted(per_module.items()):
        score = 100 * counts["killed"] / counts["total"] if counts["total"] else 100.0
        print(f"{module:<24} {counts['killed']:>7} {counts['total']:>6} {score:>6.1f}% {counts['equivalent']:>11}")
    if survivors:
        print(f"\n{len(survivors)} survivor(s): a test should notice each, or "
              f"{EQUIVALENT.relative_to(ROOT)} says why it is equivalent")
        diffs = _diffs([name for name, _ in survivors])
        for name, status in survivors:
            diff = diffs.get(name) or mutmut("show", name, capture=True).stdout
            changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
            print(f"  {name} ({status})")
            for line in changed:
                print(f"      {line}")
    if stale:
        print(f"\n{len(stale)} entr(y/ies) of {EQUIVALENT.relative_to(ROOT)} no longer survive (killed, or the code moved): remove them")
        for name in stale:
            print(f"  {name}")
    killed = sum(c["killed"] for c in per_module.values())
    total = sum(c["total"] for c in per_module.values())
    score = 100 * killed / total if total else 100.0
    print(f"\nmutation score: {killed}/{total} killed ({score:.1f}%)")
    return 0 if score >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
