# Regioportaal: the two commands that matter are `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.geinstalleerd

.PHONY: run test lint bench install clean-venv vendor systeem openapi

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## make run: the portal with demo data on SQLite, at http://127.0.0.1:$(PORT)/
run: $(STAMP)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py import_scholen
	$(PY) manage.py demo
	@echo "Het portaal draait op http://127.0.0.1:$(PORT)/ (beheer: http://127.0.0.1:$(PORT)/beheer/)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## make test: lint, migration check and the whole suite on a throw-away PostgreSQL cluster
test: systeem $(STAMP) lint
	DJANGO_SETTINGS_MODULE=ecosysteem.settings.dev $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

# The system programs the suite needs (chromium, redis-server, PostgreSQL, pdftoppm): one
# line naming what to install, before anything else runs. .ci/run installs them first.
systeem:
	@$(PYTHON) scripts/controleer_systeem.py

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

## make bench: speed and memory figures (not part of the test suite)
bench: $(STAMP)
	@for script in tests/perf/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

## make vendor: copy the pinned front-end packages into static/vendor/
vendor:
	npm ci --no-audit --no-fund
	npm run vendor

clean-venv:
	rm -rf $(VENV)

## make openapi: write the API's schema (docs/openapi.yaml) from the code; a test checks it.
## On PostgreSQL (the test settings start a throw-away cluster): field ranges follow the database.
openapi: $(STAMP)
	DJANGO_SETTINGS_MODULE=ecosysteem.settings.test $(PY) manage.py spectacular --lang nl --validate --fail-on-warn --file docs/openapi.yaml
