# The two commands a newcomer needs: `make run` and `make test`. Both start from plain python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck pytest setup db data model serve bench clean reference-data \
	sample-data sample-check nginx

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

## make run — set up, migrate, load the real reference data and the sample deployment, train the
## matcher when needed, then serve the API and UI on http://$(HOST):$(PORT)
run: setup
	$(BIN)/vocmatch db upgrade
	$(BIN)/vocmatch load reference
	$(BIN)/vocmatch load sample
	$(BIN)/vocmatch train --if-needed
	$(BIN)/vocmatch postings rematch
	$(BIN)/vocmatch demo-users
	$(BIN)/vocmatch serve --host $(HOST) --port $(PORT)

## make test — find (or install) the Chromium the browser tests drive, then lint, type check, and
## the whole suite on SQLite, then again on PostgreSQL when VOCMATCH_TEST_DATABASE_URL is set
## (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test). Without any way to get a browser it
## stops first, with one line saying what to install (tests/browser/discovery.py).
test: setup
	@browser="$$($(BIN)/python -m tests.browser.discovery)" || exit 1; \
	echo "== browser: $$browser"; \
	$(MAKE) --no-print-directory lint typecheck && \
	VOCMATCH_BROWSER="$$browser" $(MAKE) --no-print-directory pytest

lint: setup
	$(BIN)/ruff check vocmatch tests bench scripts migrations/env.py
	$(BIN)/ruff format --check vocmatch tests bench scripts
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy

pytest: setup
	VOCMATCH_TEST_DATABASE_URL= $(BIN)/python -m pytest
	@if [ -n "$$VOCMATCH_TEST_DATABASE_URL" ]; then \
		echo "== again on $$VOCMATCH_TEST_DATABASE_URL (with the multi-process test: nginx + Redis)"; \
		$(MAKE) --no-print-directory nginx && \
		$(BIN)/python -m pytest -m "not browser"; \
	fi

## make nginx — make sure nginx is installed (the multi-process test runs deploy/nginx.conf):
## as root through apt-get (nginx-light, services not started), otherwise say what to install.
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq nginx-light >/dev/null; \
		else echo "nginx is missing: sudo apt-get install nginx-light"; exit 1; fi; }

reference-data:
	$(PYTHON) scripts/build_reference_data.py

## make sample-data — write data/sample/ from data/sample/src/ (validated by the package's loaders)
sample-data: setup
	$(BIN)/python scripts/build_sample_data.py

## make sample-check — fail unless a fresh build of the sample is byte-identical to data/sample/
sample-check: setup
	$(BIN)/python scripts/build_sample_data.py --check

bench: setup
	for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) var/*.db var/*.db-* .mypy_cache .ruff_cache
