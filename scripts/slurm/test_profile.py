#!/usr/bin/env python3
"""Derive a profile for the single-node test cluster from workflow/profiles/slurm.

The test cluster has no GPU, so every GPU request (`gpu`, `gpus`, `gres`, `gpu_model`,
`cpus_per_gpu`) is dropped: the GPU rules then run as CPU jobs. Memory requests are capped
at the node's memory, account and partition are the test cluster's, and status checks start
sooner. Everything else (executor, retries, requeue, groups, runtimes) is the real profile's,
so the test exercises it as written.

    python scripts/slurm/test_profile.py --out /tmp/pt-profile --account portraittalker \
        --partition debug --max-mem-mb 8000
    snakemake --profile /tmp/pt-profile ...
"""

from __future__ import annotations

import argparse
import copy
from pathlib import Path

import yaml

REAL_PROFILE = Path(__file__).resolve().parents[2] / "workflow" / "profiles" / "slurm" / "config.yaml"
GPU_KEYS = ("gpu", "gpus", "nvidia_gpu", "gres", "gpu_model", "cpus_per_gpu", "tasks_per_gpu")


def derive_test_profile(profile: dict, account: str, partition: str, max_mem_mb: int) -> dict:
    """The real profile with GPU requests removed and site settings for the test cluster."""
    derived = copy.deepcopy(profile)
    set_resources = {}
    for rule, resources in (derived.get("set-resources") or {}).items():
        kept = {k: v for k, v in resources.items() if k not in GPU_KEYS}
        if isinstance(kept.get("mem_mb"), int):
            kept["mem_mb"] = min(kept["mem_mb"], max_mem_mb)
        if kept:
            set_resources[rule] = kept
    derived["set-resources"] = set_resources
    derived["default-resources"] = [f"slurm_account={account}", f"slurm_partition={partition}"]
    derived["slurm-init-seconds-before-status-checks"] = 3
    derived["latency-wait"] = 10
    derived["slurm-keep-successful-logs"] = True
    return derived


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="profile directory to write")
    parser.add_argument("--account", default="portraittalker")
    parser.add_argument("--partition", default="debug")
    parser.add_argument("--max-mem-mb", type=int, default=8000)
    parser.add_argument("--profile", type=Path, default=REAL_PROFILE, help="profile to derive from")
    args = parser.parse_args()
    profile = yaml.safe_load(args.profile.read_text())
    derived = derive_test_profile(profile, args.account, args.partition, args.max_mem_mb)
    args.out.mkdir(parents=True, exist_ok=True)
    header = f"# Derived from {args.profile} by scripts/slurm/test_profile.py: no GPU requests.\n"
    (args.out / "config.yaml").write_text(header + yaml.safe_dump(derived, sort_keys=False))
    print(args.out / "config.yaml")


if __name__ == "__main__":
    main()
