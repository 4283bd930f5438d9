#!/usr/bin/env python
"""Train the speech-presence detector (speech vs music, noise, silence) on generated data; write model.npz."""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import positive_int, run_step  # noqa: E402


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True, help="output weights (model.npz; metadata.json goes beside it)")
    parser.add_argument("--voice-dir", default="results/tts_voices", help="where the Open JTalk HTS voice is kept")
    parser.add_argument("--steps", type=positive_int, default=None)
    parser.add_argument("--scenes", type=positive_int, default=None)
    parser.add_argument("--threads", type=positive_int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    import logging

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    from dataclasses import replace

    from portraittalker.speech.presence import save_presence_model
    from portraittalker.speech.presence_training import PresenceTrainConfig, train_presence

    cfg = PresenceTrainConfig(seed=args.seed, voice_dir=args.voice_dir, threads=args.threads)
    cfg = replace(cfg, **{k: v for k, v in (("steps", args.steps), ("scenes", args.scenes)) if v is not None})
    weights, meta = train_presence(cfg)
    save_presence_model(weights, meta, args.out)
    print(f"{args.out}: validation {meta['validation']}")


if __name__ == "__main__":
    run_step(main)
