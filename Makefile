# The same targets the README names. `make run` and `make test` are the two Quickstart commands.
PYTHON ?= python3
PIP ?= $(PYTHON) -m pip

.PHONY: run test install install-test services lint docs bench

## Installs pin the versions the suite last passed with (constraints.txt, written by
## scripts/constraints.py; `make lint` fails when it is out of date).
install:
	$(PIP) install --quiet -c constraints.txt -e .

install-test:
	$(PIP) install --quiet -c constraints.txt -e '.[dev]'

## Seed article in, graph out (embedded store in .kg/store, files in exports/).
run: install
	kg build
	kg export html


## Everything the tests need (Python packages, Chromium, SPARQL servers), the linters (ruff,
## ruff format, mypy), the documentation site, then the whole suite, then the built wheel in a
## fresh virtualenv (scripts/wheel_check.sh).
test: install-test services lint docs
	$(PYTHON) -m pytest
	bash scripts/wheel_check.sh

services:
	bash scripts/services.sh install

lint:
	$(PYTHON) scripts/constraints.py --check
	ruff check .
	ruff format --check .
	mypy kg
	lint-imports --no-cache

## The documentation site (mkdocs.yml, docs/), built with warnings as errors (a broken link or
## anchor fails) into a temporary folder that is then removed; `mkdocs serve` previews it.
docs:
	@site=$$(mktemp -d) && trap 'rm -rf "$$site"' EXIT && \
	NO_MKDOCS_2_WARNING=1 $(PYTHON) -m mkdocs build --strict --site-dir "$$site"

bench: install-test
	$(PYTHON) bench/store_bench.py
	$(PYTHON) bench/html_bench.py
	$(PYTHON) bench/ingest_bench.py --articles 500
	$(PYTHON) bench/score_extract.py
	$(PYTHON) bench/extract_scaling.py
