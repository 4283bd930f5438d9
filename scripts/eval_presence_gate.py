#!/usr/bin/env python
"""The speech-presence gate on sound without speech, and on held-out synthetic speech: gate on vs off.

    python scripts/eval_presence_gate.py --music A.ogg B.ogg C.ogg     # real music alone (evaluation only)
    python scripts/eval_presence_gate.py --corpus results/corpus         # + the corpus's test split (held out)

Music (any readable recordings; e.g. the three tracks of Debian's lincity-ng-data, never trained or
tuned on): each recording is cut into `--windows` windows of `--window-s` seconds spread over it,
each loudness-normalised as prepare_audio would and run through predict's numpy path with and
without the gate; the figures are the share of frames with the jaw open more than 3 degrees and
the mean jaw opening. Synthetic music, noise and room tone (seeded, not the training draws) are
reported alongside. With `--corpus`, the test split's figures (training.evaluate with the shipped
closure decoding) with and without the gate, and the share of its speech frames the gate dims.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

JAW_OPEN_DEG = 3.0


def jaw_figures(seqs) -> dict:
    jaw_deg = np.degrees(np.concatenate([s.jaw_pose[:, 0] for s in seqs]))
    return {"open_share": round(float((jaw_deg > JAW_OPEN_DEG).mean()), 4), "mean_deg": round(float(jaw_deg.mean()), 2),
            "frames": int(jaw_deg.size)}


def windows(wave: np.ndarray, count: int, seconds: float, rate: int) -> list[np.ndarray]:
    n = int(seconds * rate)
    if len(wave) <= n:
        return [wave]
    starts = np.linspace(0, len(wave) - n, count).astype(int)
    return [wave[s:s + n] for s in starts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", default="models/audio2flame/model.pt")
    parser.add_argument("--presence-model", default="models/speech_presence/model.npz")
    parser.add_argument("--music", nargs="*", default=[], help="recordings without speech (evaluation only)")
    parser.add_argument("--windows", type=int, default=9, help="windows per recording")
    parser.add_argument("--window-s", type=float, default=6.0)
    parser.add_argument("--corpus", default=None, help="a built corpus: its test split, gate on vs off")
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    from portraittalker.cli import run_step

    run_step(lambda _argv: evaluate(args))


def evaluate(args) -> None:
    from portraittalker.speech.audio import SAMPLE_RATE_HZ, load_speech, normalize_loudness
    from portraittalker.speech.augment import coloured_noise, synth_instrumental, synth_music
    from portraittalker.speech.predict import flame_from_waveform, get_checkpoint
    from portraittalker.speech.presence import load_presence_model

    ckpt = get_checkpoint(args.checkpoint)
    presence = load_presence_model(args.presence_model)
    out: dict = {"checkpoint": args.checkpoint, "presence_model": args.presence_model}

    def run(name: str, waves: list[np.ndarray]) -> None:
        row = {}
        for label, model in (("off", None), ("on", presence)):
            row[label] = jaw_figures([flame_from_waveform(normalize_loudness(w), 25, ckpt, presence=model) for w in waves])
        out.setdefault("sounds", {})[name] = row
        print(f"{name:<34} jaw > {JAW_OPEN_DEG:g} deg: off {100 * row['off']['open_share']:5.1f}% (mean {row['off']['mean_deg']:.2f} deg)"
              f"   on {100 * row['on']['open_share']:5.1f}% (mean {row['on']['mean_deg']:.2f} deg)   {row['on']['frames']} frames")

    all_music = []
    for path in args.music:
        ws = windows(load_speech(path, max_seconds=3600), args.windows, args.window_s, SAMPLE_RATE_HZ)
        all_music += ws
        run(Path(path).name[:34], ws)
    if args.music:
        run(f"real music, all {len(all_music)} windows", all_music)
    n = int(args.window_s * SAMPLE_RATE_HZ)
    rng = np.random.default_rng(12345)  # not the training draws (presence_training seeds [seed, 0|1, k])
    run("synth_music (backing)", [synth_music(n, SAMPLE_RATE_HZ, rng) for _ in range(9)])
    run("synth_instrumental", [synth_instrumental(n, SAMPLE_RATE_HZ, rng) for _ in range(9)])
    run("coloured noise", [coloured_noise(n, rng, c).astype(np.float32) * 0.1 for c in ("white", "pink", "brown")])
    if args.corpus:
        out["held_out"] = held_out(args, presence)
    if args.json:
        from portraittalker.io import atomic_path

        with atomic_path(args.json) as tmp:
            tmp.write_text(json.dumps(out, indent=1) + "\n")


def held_out(args, presence) -> dict:
    import torch

    from portraittalker.speech.checkpoint import load_checkpoint
    from portraittalker.speech.closure_decoding import ClosureDecoding
    from portraittalker.speech.corpus import load_corpus
    from portraittalker.speech.training import TrainConfig, evaluate

    torch.set_num_threads(1)
    ckpt = load_checkpoint(args.checkpoint, runtime="torch")
    corpus = load_corpus(args.corpus)
    res = {}
    for split in ("test", "val"):
        idx = np.flatnonzero(corpus.split == split)
        for label, model in (("off", None), ("on", presence)):
            f = evaluate(ckpt.model, corpus, idx, ckpt.feature_mean, ckpt.feature_std, TrainConfig(), ClosureDecoding(), presence=model)
            res[f"{split}_{label}"] = f
            b = f["bilabial"]
            dim = f.get("presence_gate")
            print(f"{split} gate {label:>3}: p/b/m shut {100 * b['closed_fraction']:.1f}% of {b['closure_events']}, open vowels shut "
                  f"{100 * (b['shut_in_open_vowels'] or 0):.2f}%; r " + ", ".join(f"{g} {v['jaw_pearson_r']:.3f}" for g, v in f["per_language"].items())
                  + (f"; speech frames dimmed {100 * dim['speech_frames_dimmed']:.2f}% of {dim['speech_frames']}" if dim else ""))
    res["corpus_hash"] = corpus.corpus_hash
    return res


if __name__ == "__main__":
    main()
