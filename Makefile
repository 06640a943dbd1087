# The two commands of the README: `make run` and `make test`.
# Each creates .venv on first use and reinstalls only when a requirements file changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Another data folder: `make check DATA=../our-network`, then `make run DATA=../our-network`.
# Empty: $$PARTNER_MAP_DATA_DIR if set, else the bundled data/.
DATA   ?=
DATA_DIR := $(if $(DATA),--data-dir $(DATA),)

.PHONY: run test lint browser check geocode messages

run: $(VENV)/.runtime  ## install the app and serve the data (bundled, or DATA=folder) on http://127.0.0.1:8050
	$(BIN)/python -m dashboard serve $(DATA_DIR)

test: $(VENV)/.dev browser lint  ## install everything and run the whole test suite
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

check: $(VENV)/.runtime  ## validate the data (bundled, or DATA=folder) and print its summary
	$(BIN)/python -m dashboard check $(DATA_DIR)

# The page's own words: extract them from the code into dashboard/locales/messages.pot
# and bring every catalog up to date with it (`make messages NEW=de` starts a catalog).
PYBABEL := $(BIN)/pybabel
messages: $(VENV)/.runtime
	$(PYBABEL) extract -F babel.cfg -k _ -k N_ -k n_:1,2 --no-location --sort-output \
		--project partner-map -o dashboard/locales/messages.pot .
	$(if $(NEW),$(PYBABEL) init -D messages -i dashboard/locales/messages.pot -d dashboard/locales -l $(NEW))
	$(PYBABEL) update -D messages -i dashboard/locales/messages.pot -d dashboard/locales \
		--no-fuzzy-matching --ignore-obsolete

browser:  ## the browser tests drive Debian's chromium (through Playwright, no WebDriver)
	@command -v chromium >/dev/null || scripts/install-chromium

$(VENV)/.python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "partner-map needs Python 3.11 or newer; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	touch $@

$(VENV)/.runtime: requirements.txt $(VENV)/.python
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.python
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime
