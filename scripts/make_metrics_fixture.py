#!/usr/bin/env python
"""Regenerates tests/data/talking_face/: a short real render for the video-metrics tests.

Takes the first seconds of a rendered demo video (run `make run` first), downsizes it, and
writes video.mp4 (H.264 + AAC, muxed by the project's own encoder), audio.wav (the clip's
audio for the same span, 16 kHz) and flame.npz (the motion of the same frames). The render
is this project's own output (its licence is the project's). Run once; the files are committed.

    .venv/bin/python scripts/make_metrics_fixture.py [--avatar city_man --clip en_hello]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import dataclasses
import tempfile

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--avatar", default="city_man")
    p.add_argument("--clip", default="en_hello")
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--size", type=int, default=256)
    p.add_argument("--out", default=str(ROOT / "tests" / "data" / "talking_face"))
    args = p.parse_args(argv)

    import numpy as np
    import soundfile as sf
    from PIL import Image

    from portraittalker.io import load_flame, save_flame
    from portraittalker.metrics.media import open_video, read_audio
    from portraittalker.video.mux import encode_video

    results = ROOT / "results"
    fps, _, frames = open_video(results / "videos" / args.avatar / f"{args.clip}.mp4")
    count = int(round(args.seconds * fps))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    audio = read_audio(results / "clips" / args.clip / "audio.wav", 16000)
    sf.write(out / "audio.wav", audio.samples[: int(round(count / fps * 16000))], 16000, subtype="PCM_16")
    seq = load_flame(results / "clips" / args.clip / "flame.npz")
    cut = {f.name: getattr(seq, f.name)[:count] for f in dataclasses.fields(seq)
           if isinstance(getattr(seq, f.name), np.ndarray)}
    save_flame(dataclasses.replace(seq, **cut), out / "flame.npz")
    with tempfile.TemporaryDirectory() as tmp:
        for i, frame in zip(range(count), frames):
            Image.fromarray(frame).resize((args.size, args.size), Image.LANCZOS).save(Path(tmp) / f"{i:06d}.png")
        frames.close()
        encode_video(tmp, out / "audio.wav", out / "video.mp4", fps=fps, crf=23)
    print(f"wrote {out}: {count} frames at {fps:g} fps, {args.size} px")


if __name__ == "__main__":
    main()
