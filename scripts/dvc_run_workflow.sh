#!/usr/bin/env bash
# The command of the DVC stage in dvc.yaml: runs the Snakemake workflow.
# Extra Snakemake arguments come from $SNAKEMAKE_ARGS, e.g. a cluster run:
#   SNAKEMAKE_ARGS="--profile workflow/profiles/slurm" dvc repro
set -euo pipefail
cd "$(dirname "$0")/.."
SNAKEMAKE="${SNAKEMAKE:-$( [ -x .venv/bin/snakemake ] && echo .venv/bin/snakemake || echo snakemake )}"
# shellcheck disable=SC2086  # SNAKEMAKE_ARGS is a list of words on purpose
exec "$SNAKEMAKE" --cores "${CORES:-all}" ${SNAKEMAKE_ARGS:-}
