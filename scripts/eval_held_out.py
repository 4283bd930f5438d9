#!/usr/bin/env python
"""Score speech checkpoints on a corpus's held-out test split, with the closure figure's uncertainty.

    python scripts/eval_held_out.py --checkpoint models/audio2flame/model.pt other/model.pt

The training corpus holds 371 held-out p/b/m closures (Flite's 40 sentences and 20 per language
from the held-out espeak-ng variants): a binomial 95% interval of about ±3.5 points at 86%, wider
than most differences between training settings. A test-only corpus five times as large (a
superset of that test split: the same seed draws the same first sentences) narrows it to about
±1.7 points; building it takes under a minute:

    python steps/build_corpus.py --out results/corpus_held_out --sentences 0 --engines espeak \\
        --held-out-sentences 200 --held-out-variant-sentences 100
    python scripts/eval_held_out.py --corpus results/corpus_held_out --checkpoint A B C

Per checkpoint: jaw r per held-out group (training.evaluate with the shipped ClosureDecoding),
p/b/m closures shut with their Wilson 95% interval, and open-vowel frames shut. Evaluation only:
the held-out voices never choose anything that is then reported on them.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import run_step  # noqa: E402


def wilson_interval(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% score interval of a binomial share (stays inside [0, 1], sensible at small n)."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", nargs="+", default=["models/audio2flame/model.pt"])
    parser.add_argument("--corpus", default="results/corpus", help="a corpus with a held-out test split")
    args = parser.parse_args()
    run_step(lambda _argv: evaluate(args))


def evaluate(args) -> None:
    import numpy as np
    import torch

    from portraittalker.errors import PortraitTalkerError
    from portraittalker.speech import training
    from portraittalker.speech.checkpoint import load_checkpoint
    from portraittalker.speech.closure_decoding import ClosureDecoding
    from portraittalker.speech.corpus import load_corpus

    torch.set_num_threads(1)
    corpus = load_corpus(args.corpus)
    test = np.flatnonzero(corpus.split == "test")
    if test.size == 0:
        raise PortraitTalkerError(f"{args.corpus}: the corpus has no held-out test split; build one (see --help)")
    print(f"corpus {corpus.corpus_hash}: {test.size} held-out utterances")
    for path in args.checkpoint:
        ck = load_checkpoint(path, runtime="torch")
        ev = training.evaluate(ck.model, corpus, test, ck.feature_mean, ck.feature_std, training.TrainConfig(),
                               decoding=ClosureDecoding())
        b = ev["bilabial"]
        n = b["closure_events"]
        hits = round(b["closed_fraction"] * n)
        lo, hi = wilson_interval(hits, n)
        rs = ", ".join(f"{group} {fig['jaw_pearson_r']:.3f}" for group, fig in ev["per_language"].items())
        print(f"{path}: p/b/m shut {100 * hits / max(n, 1):.1f}% of {n} (95% {100 * lo:.1f}-{100 * hi:.1f}), "
              f"open-vowel frames shut {100 * (b['shut_in_open_vowels'] or 0):.1f}%; r: {rs}")


if __name__ == "__main__":
    main()
