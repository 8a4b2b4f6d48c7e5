# The two commands of the README, and the chores around them.
#   make run    set up (venv, dependencies, database, seeds, admin) and serve on 127.0.0.1:8000
#   make test   lint, then the whole test suite on SQLite and on PostgreSQL

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEV := DJANGO_DEBUG=1
# PostgreSQL for the second test run; the test database is test_<name>.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/claims

.PHONY: run setup install test test-sqlite test-postgres lint fixtures

run: setup
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:8000

setup: install
	mkdir -p var
	$(DEV) $(BIN)/python manage.py migrate --no-input -v0
	$(DEV) $(BIN)/python manage.py ingest
	$(DEV) $(BIN)/python manage.py ensure_admin

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt -c constraints.txt
	touch $@

# The two databases' runs go side by side, one per core; each prints when it ends.
test: lint
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-sqlite: install
	env -u DATABASE_URL $(BIN)/python -m pytest

test-postgres: install
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/python -m pytest

# Rebuild fixtures/seeds.json from a fresh ingest of seeds/ (tests check it is current).
fixtures: install
	mkdir -p var
	rm -f var/fixtures.sqlite3
	DATABASE_URL=sqlite:///var/fixtures.sqlite3 $(DEV) $(BIN)/python manage.py migrate -v0
	DATABASE_URL=sqlite:///var/fixtures.sqlite3 $(DEV) $(BIN)/python manage.py ingest -v0
	DATABASE_URL=sqlite:///var/fixtures.sqlite3 $(DEV) $(BIN)/python manage.py dumpdata \
		claims.source claims.article claims.actor claims.actoralias claims.actorrole \
		claims.statement claims.statementband claims.statementlink claims.claim claims.claimrelay \
		--indent 1 -o fixtures/seeds.json
	rm -f var/fixtures.sqlite3
