# Espace santé: the two commands (CONTRACT.md).
#   make run   sets everything up and serves the app with demo data on http://127.0.0.1:$(PORT)
#   make test  installs what the tests need and runs all of them, browser tests included

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
APT := apt-get -o DPkg::Lock::Timeout=600

.PHONY: run test test-postgres install install-test chromium lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test,postgres]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/flask --app app db upgrade
	$(BIN)/flask --app app demo seed --if-empty
	@echo "Espace santé : http://127.0.0.1:$(PORT)  (les e-mails, dont les codes de connexion, s'affichent ici)"
	$(BIN)/gunicorn --no-control-socket --preload --workers 2 --bind 127.0.0.1:$(PORT) \
		--access-logfile - app:app

# The browser tests drive the system Chromium; install it when missing and we are root.
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ]; then \
			$(APT) update -q && $(APT) install -y -q chromium; \
		else \
			echo "Chromium manque : installez-le (sudo apt-get install chromium) puis relancez make test."; \
			exit 1; \
		fi; \
	fi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install-test chromium lint
	$(BIN)/pytest -n 2 --dist loadfile

# The same suite on a real PostgreSQL server on loopback (installed if missing, when root).
test-postgres: install-test chromium
	@url="$$(scripts/postgres.sh start)" && \
	ESPACE_TEST_POSTGRES_URL="$$url" $(BIN)/pytest -n 2 --dist loadfile; \
	status=$$?; scripts/postgres.sh stop; exit $$status

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-test
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
