#!/usr/bin/env python
"""Evaluate one rendered MP4 from its decoded frames and audio track: delivery checks (audio
shift, length), face found, weights-free lip sync against a loudness baseline, landmark jitter,
face flicker, and SyncNet LSE-C/LSE-D when its weights are configured.

Metrics that cannot be computed are written as null with a reason. FID is per batch
(steps/evaluate_batch.py).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse

from portraittalker.cli import positive_int, run_step
from portraittalker.config import load_config, option_or_configured_path


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--video", required=True, help="rendered MP4 (25 fps for SyncNet)")
    p.add_argument("--audio", default=None, help="the clip's audio.wav, to check the MP4's audio track against")
    p.add_argument("--landmarks", default=None,
                   help="landmarks.npz from render_frames: read only for the film grain it records "
                        "(the metrics' landmarks are detected on the video)")
    p.add_argument("--out", required=True, help="metrics JSON to write")
    p.add_argument("--config", default=None, help="config YAML whose `evaluation` section gives defaults")
    p.add_argument("--syncnet-weights", default=None, help="syncnet_v2.model (none: not used; default: evaluation.syncnet_weights)")
    p.add_argument("--device", default="cpu", help="torch device for SyncNet")
    p.add_argument("--threads", type=positive_int, default=1, help="torch CPU threads (the workflow rule reserves one)")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    import torch

    from portraittalker.io import write_json
    from portraittalker.metrics.evaluate import EvaluationSettings, evaluate_video
    from portraittalker.metrics.media import read_film_grain

    torch.set_num_threads(max(1, args.threads))
    cfg = load_config(args.config) if args.config else load_config()
    ev = cfg.evaluation
    def chosen(option, key):
        return option_or_configured_path(option, f"evaluation.{key}", getattr(ev, key))

    settings = EvaluationSettings(
        syncnet_weights=chosen(args.syncnet_weights, "syncnet_weights"),
        device=args.device,
    )
    grain = read_film_grain(args.landmarks) if args.landmarks else None
    result = evaluate_video(args.video, args.audio, settings, film_grain=grain)
    write_json(args.out, result)


if __name__ == "__main__":
    run_step(main)
