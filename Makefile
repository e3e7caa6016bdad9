# Development tasks. `make run` and `make test` need only Python >= 3.12.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
# The first Python >= 3.12 found: python3.13, python3.12, python3, then pyenv installs.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 $$(ls -d /root/.pyenv/versions/3.1[2-9]*/bin/python3 $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)

# Development defaults; an exported variable wins.
export DEBUG ?= 1
export DJANGO_SETTINGS_MODULE ?= newsroom.settings

.PHONY: help venv run setup test e2e bench lint format messages clean

help:
	@echo "make run     set up (venv, migrations, demo content) and serve on http://127.0.0.1:$(PORT)"
	@echo "make test    run the whole test suite (SQLite, or DATABASE_URL when set)"
	@echo "make e2e     an editor and a reader in a real browser (needs Chromium and npm)"
	@echo "make bench   load the site with wrk on a large made-up data set (needs wrk)"
	@echo "make lint    ruff format --check and ruff check"
	@echo "make format  apply ruff's formatting and fixes"
	@echo "make messages  extract and compile translations (needs GNU gettext)"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@if [ -z "$(PYTHON)" ]; then \
		echo "Python 3.12 or newer is needed and none was found (tried python3.13, python3.12, python3, pyenv)." >&2; \
		echo "Install one, or run: make PYTHON=/path/to/python3.12 ..." >&2; exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed

setup: venv
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py demo_editor --port $(PORT)

run: setup
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: venv
	$(PY) -m pytest

# axe-core, which the browser tests inject into pages, from package-lock.json.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the browser tests' axe-core (Debian: apt-get install npm)." >&2; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

e2e: venv node_modules/.installed
	$(PY) -m pytest -m e2e tests/e2e

# Not part of `make test`: a few minutes of load (bench/run.py says what it does).
bench: venv
	$(PY) bench/run.py

lint: venv
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: venv
	$(PY) manage.py makemessages --locale be --locale ru --locale en --ignore '.venv/*' --ignore 'var/*' --no-obsolete --no-location
	$(PY) manage.py makemessages --domain djangojs --locale be --locale ru --locale en --ignore '.venv/*' --ignore 'var/*' --ignore 'static/admin/*' --ignore 'static/vendor/*' --no-obsolete --no-location
	$(PY) manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var/static node_modules
