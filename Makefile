PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv demo test lint bench clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: venv
	$(BIN)/icpkit demo demo-workspace

lint: venv
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: venv lint
	$(BIN)/pytest

BENCH_COMPANIES ?= 100000 1000000 10000000

bench: venv
	$(BIN)/python benchmarks/run.py
	for n in $(BENCH_COMPANIES); do $(BIN)/python benchmarks/tal.py --companies $$n || exit 1; done
	$(BIN)/python benchmarks/resolve_quality.py

clean:
	rm -rf $(VENV) demo-workspace .pytest_cache .mypy_cache .ruff_cache
