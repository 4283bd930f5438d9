#!/usr/bin/env python
"""Convert a speech recording (WAV/FLAC/OGG/MP3/M4A, any rate/channels) to 16 kHz mono audio.wav."""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import positive_float, run_step  # noqa: E402


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--in", "--audio", dest="audio", required=True, help="input recording (any common format)")
    parser.add_argument("--out", required=True, help="output 16 kHz mono PCM WAV")
    parser.add_argument("--max-seconds", type=positive_float, default=600, help="refuse longer input (default 600)")
    args = parser.parse_args(argv)
    if Path(args.out).suffix.lower() != ".wav":
        parser.error(f"--out {args.out}: the output is a WAV file; name it .wav")
    from portraittalker.speech.audio import prepare_audio

    duration = prepare_audio(args.audio, args.out, max_seconds=args.max_seconds)
    print(f"{args.out}: {duration:.2f} s")


if __name__ == "__main__":
    run_step(main)
