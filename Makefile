# Two commands on a fresh machine: `make run` and `make test` (see README).
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
WAREHOUSE ?= warehouse.duckdb
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 60
export OMP_THREAD_LIMIT := 1

# `make test`: the fast suite (no servers, no Chromium, no Dask) on a developer machine, everything in CI
# (CI=true: .ci/run calls `make test` and must run every test); `make test-all`: everything anywhere.
PYTEST_MARK := $(if $(CI),,-m "not slow")

.PHONY: run test test-all bench system setup samples clean

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

system:
	bash scripts/install-system.sh

setup: system $(VENV)/.installed

run: setup
	$(BIN)/verslagen ingest samples/pdf --warehouse $(WAREHOUSE)
	$(BIN)/verslagen documents --warehouse $(WAREHOUSE)
	@echo
	@echo "Next: $(BIN)/verslagen trends   (or: source $(BIN)/activate, then: verslagen --help)"

test: setup
	$(BIN)/python -m pytest -q $(PYTEST_MARK)

test-all: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/run.py

samples: setup
	$(BIN)/python samples/make_samples.py

clean:
	rm -rf $(VENV) $(WAREHOUSE) $(WAREHOUSE).*
