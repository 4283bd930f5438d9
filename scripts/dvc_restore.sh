#!/usr/bin/env bash
# `dvc pull` / `dvc checkout`, then make the restored results look as fresh as they are.
#
#   bash scripts/dvc_restore.sh pull [dvc pull args]
#   bash scripts/dvc_restore.sh checkout [dvc checkout args]
#
# DVC writes restored files with the current time, in no particular order, so an input
# (results/clips/x/audio.wav) can come out newer than what was made from it
# (results/videos/a/x.mp4) and Snakemake would redo that work. `snakemake --touch` with
# only the mtime trigger re-stamps exactly those outputs in DAG order; jobs that must run
# for other reasons (changed params, code, missing outputs) are left to run.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  pull|checkout) action=$1; shift ;;
  *) echo "usage: $0 pull|checkout [dvc args]" >&2; exit 2 ;;
esac
DVC="${DVC:-$( [ -x .venv/bin/dvc ] && echo .venv/bin/dvc || echo dvc )}"
SNAKEMAKE="${SNAKEMAKE:-$( [ -x .venv/bin/snakemake ] && echo .venv/bin/snakemake || echo snakemake )}"
"$DVC" "$action" "$@"
# SNAKEMAKE_ARGS: the same --config/--configfile as the run (they decide the DAG).
# shellcheck disable=SC2086
"$SNAKEMAKE" --touch --rerun-triggers mtime --cores 1 ${SNAKEMAKE_ARGS:-}
