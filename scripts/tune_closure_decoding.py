#!/usr/bin/env python
"""Choose the closure decoding's threshold and jaw limit on the VALIDATION split of the corpus.

    python scripts/tune_closure_decoding.py                          # shipped checkpoint, results/corpus
    python scripts/tune_closure_decoding.py --checkpoint other.pt --corpus results/corpus

Runs the checkpoint over the validation utterances (training voices, other sentences: never the
held-out test speech, never real recordings), decodes closures (portraittalker/speech/
closure_decoding.py) for each grid point and prints, per point: p/b/m closures shut, open-vowel
frames shut, closures added away from any p/b/m (per minute of speech) and the jaw r. The rule,
fixed before the search: the most closures shut such that open-vowel frames shut rise by at most
--open-vowel-budget (percentage points over the network alone) and closures added away from any
p/b/m stay under --spurious-budget times the number of p/b/m closures; ties go to the higher
threshold. Then, with those, the press fade over an open jaw (`press_jaw`): the setting that shuts
the fewest open-vowel frames while costing at most --press-shut-budget percentage points of p/b/m
closures shut. Last, the press fade over a loud vowel formant region (`press_level`), chosen by the
same rule on top of that. Copy the chosen values into ClosureDecoding's defaults.
"""

import argparse
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

THRESHOLDS = (0.05, 0.075, 0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3, 0.4)
MAX_JAWS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 1.0)
PRESS_JAWS = (None, (0.3, 0.5), (0.25, 0.4), (0.2, 0.35), (0.15, 0.3), (0.12, 0.25))
PRESS_LEVELS = (None, (2.5, 3.5), (2.0, 3.0), (1.75, 2.75), (1.5, 2.5), (1.25, 2.25), (1.0, 2.0), (0.5, 1.5), (0.0, 1.0))


def spurious_closures(peaks: np.ndarray, classes: np.ndarray, shut: np.ndarray, bilabial_class: int, reach: int = 2) -> int:
    """Decoded closure events with no p/b/m (bilabial phone class) within `reach` frames, outside
    silence, where the network had not shut the lips itself."""
    n = 0
    for k in peaks:
        lo, hi = max(0, k - reach), k + reach + 1
        if classes[k] != 0 and not (classes[lo:hi] == bilabial_class).any() and not shut[max(0, k - 1): k + 2].any():
            n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", default="models/audio2flame/model.pt")
    parser.add_argument("--corpus", default="results/corpus")
    parser.add_argument("--open-vowel-budget", type=float, default=0.5, help="percentage points over the network alone")
    parser.add_argument("--close-jaw", action="store_true", help="decode with close_jaw=True (default: ClosureDecoding's)")
    parser.add_argument("--hold-s", type=float, default=None, help="full-closure hold either side of a peak (default: ClosureDecoding's)")
    parser.add_argument("--ramp-s", type=float, default=None, help="ramp in and out of it (default: ClosureDecoding's)")
    parser.add_argument("--spurious-budget", type=float, default=0.2, help="closures added away from p/b/m, per p/b/m closure")
    parser.add_argument("--press-shut-budget", type=float, default=0.5,
                        help="p/b/m shut (percentage points) each press fade may cost")
    parser.add_argument("--keep-defaults", action="store_true",
                        help="tune press_level only, over ClosureDecoding's other defaults")
    args = parser.parse_args()

    import torch

    from portraittalker.speech.checkpoint import load_checkpoint
    from portraittalker.speech.closure_decoding import BILABIAL_CLASS, ClosureDecoding, closure_level, decode_closures
    from portraittalker.speech.corpus import load_corpus
    from portraittalker.speech.feature_augment import closure_events
    from portraittalker.speech.training import _pearson, bilabial_figures, level_readable, lips_shut, predict_utterance

    torch.set_num_threads(1)
    ckpt = load_checkpoint(args.checkpoint, runtime="torch")  # training's evaluation runs the torch module
    corpus = load_corpus(args.corpus)
    if ckpt.metadata.get("corpus_hash") not in (None, corpus.corpus_hash):
        print(f"warning: {args.checkpoint} was trained on corpus {ckpt.metadata.get('corpus_hash')}, this is {corpus.corpus_hash}")
    rate = ckpt.model.config.out_rate_hz
    utts = []
    for i in np.flatnonzero(corpus.split == "val"):  # validation only, by construction
        f, t, c = corpus.utterance(int(i))
        p, pb = predict_utterance(ckpt.model, ckpt.normalise(f), with_phones=True)
        k = min(len(p), len(t))
        level = closure_level(f, k) if level_readable(corpus) else None
        utts.append((p[:k], None if pb is None else pb[:k], t[:k], c[:k], corpus.classes(int(i))[:k], lips_shut(p[:k]), level))
    minutes = sum(len(u[0]) for u in utts) / rate / 60
    events = sum(len(closure_events(u[3])) for u in utts)

    def figures(decoding: ClosureDecoding | None) -> dict:
        decoded, spurious, added = [], 0, 0
        for p, pb, t, c, classes, shut, level in utts:
            if decoding is None:
                decoded.append((p, t, c))
                continue
            pd, peaks = decode_closures(p, pb, rate, decoding, level)
            decoded.append((pd, t, c))
            spurious += spurious_closures(peaks, classes, shut, BILABIAL_CLASS)
            added += len(peaks)
        b = bilabial_figures(decoded)
        r = _pearson(np.concatenate([d[0][:, 0] for d in decoded]), np.concatenate([d[1][:, 0] for d in decoded]))
        return {"shut": 100 * b["closed_fraction"], "open": 100 * b["shut_in_open_vowels"], "spurious": spurious,
                "per_min": spurious / minutes, "events": added, "r": r}

    hold = {} if args.hold_s is None else {"hold_s": args.hold_s}
    hold.update({} if args.ramp_s is None else {"ramp_s": args.ramp_s})
    close_jaw = {"close_jaw": True} if args.close_jaw else {}

    def fade_stage(d: ClosureDecoding, field: str, options: tuple):
        """The value of `field` (a press fade) that shuts the fewest open-vowel frames for at most
        --press-shut-budget points of p/b/m against `d` without it; prints the table."""
        start = figures(replace(d, **{field: None}))
        print(f"\n{field:>12} {'shut %':>7} {'open %':>7}")
        fades = []
        for value in options:
            g = figures(replace(d, **{field: value}))
            ok = g["shut"] >= start["shut"] - args.press_shut_budget
            fades.append((not ok, g["open"], -g["shut"], value))
            print(f"{str(value):>12} {g['shut']:>7.1f} {g['open']:>7.2f}{'' if ok else '  (over budget)'}")
        _, open_, shut, value = min(fades, key=lambda x: x[:3])
        print(f"chosen: {field} {value}: shut {-shut:.1f}%, open vowels {open_:.2f}%")
        return value

    def press_level_stage(d: ClosureDecoding) -> None:
        if not level_readable(corpus):
            print("press_level: the corpus does not hold utterance-normalised log-mel; not tuned")
            return
        fade_stage(d, "press_level", PRESS_LEVELS)

    if args.keep_defaults:
        d = ClosureDecoding(press_level=None)
        print(f"validation: {len(utts)} utterances, {minutes:.1f} min, {events} p/b/m closures; from {d}")
        press_level_stage(d)
        return
    base = figures(None)
    print(f"validation: {len(utts)} utterances, {minutes:.1f} min, {events} p/b/m closures; phone head: {utts[0][1] is not None}")
    print(f"network alone: shut {base['shut']:.1f}%, open vowels {base['open']:.2f}%, jaw r {base['r']:.4f}")
    print(f"{'threshold':>9} {'max_jaw':>7} {'shut %':>7} {'open %':>7} {'added':>6} {'away':>5} {'away/min':>8} {'r':>7}")
    best = None
    for max_jaw in MAX_JAWS:
        for thr in THRESHOLDS:
            f = figures(ClosureDecoding(threshold=thr, max_jaw=max_jaw, press_jaw=None, press_level=None, **hold, **close_jaw))
            ok = f["open"] <= base["open"] + args.open_vowel_budget and f["spurious"] <= args.spurious_budget * events
            print(f"{thr:>9} {max_jaw:>7} {f['shut']:>7.1f} {f['open']:>7.2f} {f['events']:>6} {f['spurious']:>5} "
                  f"{f['per_min']:>8.1f} {f['r']:>7.4f}{'' if ok else '  (over budget)'}")
            if ok and (best is None or (f["shut"], thr) > (best[0]["shut"], best[1].threshold)):
                best = (f, ClosureDecoding(threshold=thr, max_jaw=max_jaw, press_jaw=None, press_level=None, **hold, **close_jaw))
    if best is None:
        print("no grid point within the budgets")
        return
    f, d = best
    print(f"\nchosen: threshold {d.threshold}, max_jaw {d.max_jaw}: shut {f['shut']:.1f}% (network {base['shut']:.1f}%), "
          f"open vowels {f['open']:.2f}% (network {base['open']:.2f}%), {f['spurious']} added away from p/b/m "
          f"({f['per_min']:.1f}/min), jaw r {f['r']:.4f} (network {base['r']:.4f})")
    press_jaw = fade_stage(d, "press_jaw", PRESS_JAWS)
    press_level_stage(replace(d, press_jaw=press_jaw))


if __name__ == "__main__":
    main()
