# Two commands do all the set-up on a fresh clone (only Python 3.11 and make needed):
#   make site   create .venv, install the pinned packages, build the example site into _site/
#   make test   the same set-up plus test tools, then lint and the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check

.PHONY: site serve check test lint docs messages bench clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(PIP) -r requirements-dev.txt
	touch $@

# The pinned axe-core and vnu.jar the quality gates drive (package-lock.json); skipped, and the
# gates with it, where npm is missing (.ci/run installs it, and fails on any skipped gate).
node_modules/.installed: package.json package-lock.json
	if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --ignore-scripts && touch $@; fi

site: $(VENV)/.runtime
	$(PY) build.py build

serve: $(VENV)/.runtime
	$(PY) build.py serve

check: $(VENV)/.runtime
	$(PY) build.py check

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: $(VENV)/.dev node_modules/.installed lint
	$(PY) -m pytest

docs: $(VENV)/.runtime
	$(PY) -m zonesite.staff.reference en > docs/fields.md
	$(PY) -m zonesite.staff.reference vi > docs/fields.vi.md

# Staff messages: extract the English ids from the code and engine templates, merge them into each
# language's catalog (new ones untranslated, for a translator), and compile the catalogs the engine
# reads. tests/test_messages.py fails when a catalog lags the code or a message is untranslated.
CATALOGS := zonesite/locale
messages: $(VENV)/.runtime
	PYTHONPATH=. $(VENV)/bin/pybabel extract -F babel.cfg -k N_ -c Translators: --add-location=file --sort-by-file \
		--no-wrap --project=zonesite -o $(CATALOGS)/zonesite.pot .
	$(VENV)/bin/pybabel update -i $(CATALOGS)/zonesite.pot -d $(CATALOGS) -D zonesite --no-wrap \
		--ignore-obsolete --no-fuzzy-matching
	$(VENV)/bin/pybabel compile --statistics -d $(CATALOGS) -D zonesite

bench: $(VENV)/.runtime
	$(PY) scripts/benchmark.py

clean:
	rm -rf _site $(VENV)
