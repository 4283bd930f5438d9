#!/usr/bin/env python
"""Predict per-frame FLAME parameters (flame.npz, and optionally arkit.csv) from a speech recording."""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import positive_float, positive_int, run_step  # noqa: E402


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--audio", required=True, help="speech recording (prepared audio.wav or any readable format)")
    parser.add_argument("--out", required=True, help="output flame.npz")
    parser.add_argument("--arkit-csv", default=None, help="also write the curves as a Live Link Face ARKit CSV here")
    parser.add_argument("--fps", type=positive_float, default=25, help="frame rate of the sequence (default 25)")
    parser.add_argument("--checkpoint", default="models/audio2flame/model.pt", help="audio2flame checkpoint")
    parser.add_argument("--seed", type=int, default=0, help="seed of the head-motion/blink generator")
    parser.add_argument("--features", default="auto", help="auto | logmel | wav2vec2 (must match the checkpoint)")
    parser.add_argument("--wav2vec2-path", default=None, help="local transformers wav2vec2/HuBERT folder")
    parser.add_argument("--max-seconds", type=positive_float, default=None, help="refuse longer input")
    parser.add_argument("--presence-model", default="models/speech_presence/model.npz",
                        help="speech-presence detector: the mouth rests where it hears no one speak (music, noise)")
    parser.add_argument("--no-presence-gate", action="store_true", help="no speech-presence gate (speech.presence_gate: false)")
    parser.add_argument("--threads", type=positive_int, default=None, help="CPU threads of numpy's BLAS (and torch's, for "
                        "wav2vec2 features) (default: the libraries' choice)")
    args = parser.parse_args(argv)
    if args.threads:
        # The job's share: on a busy machine more threads only wait on each other (a 4 s clip's model pass
        # takes 3x longer with OpenBLAS's 2 threads than with 1 on a loaded 2-core machine). BLAS and OpenMP
        # read these when numpy/torch first load, which is below.
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)
    from portraittalker.io import save_flame
    from portraittalker.speech.predict import predict_flame

    seq = predict_flame(args.audio, fps=args.fps, checkpoint=args.checkpoint, seed=args.seed, features=args.features,
                        wav2vec2_path=args.wav2vec2_path, max_seconds=args.max_seconds,
                        presence_model=None if args.no_presence_gate else args.presence_model)
    save_flame(seq, args.out)
    print(f"{args.out}: {seq.num_frames} frames at {seq.fps:g} fps")
    if args.arkit_csv:
        from portraittalker.export.arkit_csv import write_arkit_csv

        write_arkit_csv(seq, args.arkit_csv)
        print(f"{args.arkit_csv}: ARKit-52 curves, Live Link Face layout")


if __name__ == "__main__":
    run_step(main)
