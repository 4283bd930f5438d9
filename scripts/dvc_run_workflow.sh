#!/usr/bin/env bash
# The command of the DVC stage in dvc.yaml: runs the Snakemake workflow.
# Extra Snakemake arguments come from $SNAKEMAKE_ARGS, e.g. a cluster run:
#   SNAKEMAKE_ARGS="--profile workflow/profiles/slurm" dvc repro
set -euo pipefail
cd "$(dirname "$0")/.."
SNAKEMAKE="${SNAKEMAKE:-$( [ -x .venv/bin/snakemake ] && echo .venv/bin/snakemake || echo snakemake )}"
# shellcheck disable=SC2086  # SNAKEMAKE_ARGS is a list of words on purpose
# DVC replaces symlinked outputs (avatars from Snakemake's cache) with fresh copies before
# the stage runs; with input checksums recorded, newer-but-identical inputs are not changes.
exec "$SNAKEMAKE" --cores "${CORES:-all}" --max-checksum-file-size 268435456 ${SNAKEMAKE_ARGS:-}
