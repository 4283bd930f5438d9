#!/usr/bin/env python
"""Evaluate one rendered video: LSE-C/LSE-D (SyncNet), FID, weights-free sync, jitter, flicker.

Metrics whose weights are not configured are written as null with a reason.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import json

from portraittalker.cli import run_step
from portraittalker.config import configured_path, load_config


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--video", required=True, help="rendered MP4 (25 fps for SyncNet)")
    p.add_argument("--audio", required=True, help="16 kHz speech WAV of the clip")
    p.add_argument("--landmarks", required=True, help="landmarks.npz written by render_frames")
    p.add_argument("--frames", default=None, help="folder of rendered PNG frames (FID needs it; flicker reads the video without)")
    p.add_argument("--out", required=True, help="metrics JSON to write")
    p.add_argument("--config", default=None, help="config YAML whose `evaluation` section gives defaults")
    p.add_argument("--syncnet-weights", default=None, help="syncnet_v2.model (none: not used; default: evaluation.syncnet_weights)")
    p.add_argument("--inception-weights", default=None, help="pt_inception-2015-12-05 .pth (default: evaluation.inception_weights)")
    p.add_argument("--fid-reference", default=None, help="folder of reference frames (default: evaluation.fid_reference)")
    p.add_argument("--fid-max-frames", type=int, default=200, help="evenly spaced frames per set for FID")
    p.add_argument("--fid-cache", default="results/cache/fid",
                   help="folder for cached reference-set statistics ('' to disable)")
    p.add_argument("--device", default="cpu", help="torch device for SyncNet/Inception")
    p.add_argument("--threads", type=int, default=1, help="torch CPU threads (the workflow rule reserves one)")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    import torch

    from portraittalker.io import atomic_path
    from portraittalker.metrics.evaluate import EvaluationSettings, evaluate_video

    torch.set_num_threads(max(1, args.threads))
    cfg = load_config(args.config) if args.config else load_config()
    ev = cfg.evaluation
    # Command-line paths are relative to the working directory ('none': not used), config paths
    # to the project root (and must exist when set).
    def chosen(arg, key):
        if arg is None:
            return configured_path(f"evaluation.{key}", getattr(ev, key))
        return None if arg.lower() == "none" else Path(arg)

    settings = EvaluationSettings(
        syncnet_weights=chosen(args.syncnet_weights, "syncnet_weights"),
        inception_weights=chosen(args.inception_weights, "inception_weights"),
        fid_reference=chosen(args.fid_reference, "fid_reference"),
        fid_max_frames=args.fid_max_frames,
        fid_cache_dir=Path(args.fid_cache) if args.fid_cache else None,
        device=args.device,
    )
    result = evaluate_video(args.video, args.audio, args.landmarks, args.frames, settings)
    with atomic_path(args.out) as tmp:
        tmp.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    run_step(main)
