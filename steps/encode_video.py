#!/usr/bin/env python
"""Mux PNG frames and a WAV into an H.264 yuv420p + AAC MP4 (+faststart)."""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import positive_float, run_step  # noqa: E402
from portraittalker.video import encode_video  # noqa: E402


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--frames", required=True, help="folder of 000000.png … frames")
    p.add_argument("--audio", required=True, help="speech WAV (results/clips/{clip}/audio.wav)")
    p.add_argument("--out", required=True, help="output .mp4")
    p.add_argument("--fps", type=positive_float, default=25.0, help="frame rate of the frames (the FLAME sequence's fps)")
    p.add_argument("--crf", type=int, default=18, help="x264 quality (lower is better)")
    p.add_argument("--preset", default="veryfast", help="x264 speed preset")
    a = p.parse_args(argv)
    encode_video(a.frames, a.audio, a.out, fps=a.fps, crf=a.crf, preset=a.preset)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    run_step(main)
