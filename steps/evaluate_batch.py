#!/usr/bin/env python
"""Batch metrics over all rendered MP4s of a batch: FID of frames sampled across the batch
against a reference image folder (null with a reason when weights or references are missing)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse

from portraittalker.cli import positive_int, run_step
from portraittalker.config import load_config, option_or_configured_path


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--videos", nargs="+", required=True, help="the batch's rendered MP4s")
    p.add_argument("--out", required=True, help="batch metrics JSON to write")
    p.add_argument("--config", default=None, help="config YAML whose `evaluation` section gives defaults")
    p.add_argument("--inception-weights", default=None, help="pt_inception-2015-12-05 .pth (none: not used; default: evaluation.inception_weights)")
    p.add_argument("--fid-reference", default=None, help="folder of reference images (none: not used; default: evaluation.fid_reference)")
    p.add_argument("--fid-max-frames", type=positive_int, default=500, help="frames sampled across the batch (and references)")
    p.add_argument("--fid-cache", default="results/cache/fid", help="folder for cached reference statistics ('' to disable)")
    p.add_argument("--device", default="cpu", help="torch device for Inception")
    p.add_argument("--threads", type=positive_int, default=1, help="torch CPU threads")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    import torch

    from portraittalker.io import write_json
    from portraittalker.metrics.batch import BatchSettings, evaluate_batch

    torch.set_num_threads(max(1, args.threads))
    ev = (load_config(args.config) if args.config else load_config()).evaluation
    def chosen(option, key):
        return option_or_configured_path(option, f"evaluation.{key}", getattr(ev, key))

    settings = BatchSettings(
        inception_weights=chosen(args.inception_weights, "inception_weights"),
        fid_reference=chosen(args.fid_reference, "fid_reference"),
        fid_max_frames=args.fid_max_frames,
        fid_cache_dir=Path(args.fid_cache) if args.fid_cache else None,
        device=args.device,
    )
    result = evaluate_batch(args.videos, settings)
    write_json(args.out, result)


if __name__ == "__main__":
    run_step(main)
