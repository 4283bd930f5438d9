# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORES ?= all

.PHONY: setup system-deps run test test-fast bench clean-results

setup: $(STAMP) system-deps

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

system-deps:
	@bash scripts/install_system_deps.sh

run: setup
	$(VENV)/bin/snakemake --profile workflow/profiles/default --cores $(CORES)
	@echo "Videos:"; find results/videos -name '*.mp4' | sort

test: setup
	$(VENV)/bin/pytest

test-fast: setup
	$(VENV)/bin/pytest -m "not slow"

bench: setup
	$(PY) scripts/bench.py --out results/bench.json

clean-results:
	rm -rf results .snakemake
