#!/usr/bin/env python
"""Re-evaluate a trained speech checkpoint as inference now runs it, and rewrite its report.

    python scripts/rereport_speech.py                       # models/audio2flame, results/corpus
    python scripts/eval_real_speech.py --update-report models/audio2flame/report.md   # then the real voices

For a change downstream of the network (closure decoding, closure_decoding.py) no retraining is
needed: this runs the checkpoint over its corpus's validation and held-out test splits
(training.evaluate, with ClosureDecoding's defaults) and writes report.md / report.json with the
training history, loss curves and metadata kept from the existing report.json. The corpus must
be the one the checkpoint was trained on (same hash). The real-voice section is written by
eval_real_speech.py afterwards, as after training.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", default="models/audio2flame/model.pt")
    parser.add_argument("--corpus", default="results/corpus")
    parser.add_argument("--no-decoding", action="store_true", help="the network's own channels (no closure decoding)")
    parser.add_argument("--rebuilt-corpus", action="store_true",
                        help="accept a rebuild of the checkpoint's corpus (same engines and split sizes, another hash: "
                             "the engines' output is not bit-identical between builds); the report names it")
    args = parser.parse_args()
    from portraittalker.cli import run_step

    run_step(lambda _argv: rereport(args))


def rereport(args) -> None:
    import torch

    from portraittalker.errors import PortraitTalkerError
    from portraittalker.speech.checkpoint import load_checkpoint
    from portraittalker.speech.closure_decoding import ClosureDecoding
    from portraittalker.speech.corpus import load_corpus
    from portraittalker.speech.report import write_report
    from portraittalker.speech.training import History, TrainConfig, evaluate

    torch.set_num_threads(1)
    out_dir = Path(args.checkpoint).parent
    old = json.loads((out_dir / "report.json").read_text())
    ckpt = load_checkpoint(args.checkpoint, runtime="torch")  # training's evaluation runs the torch module
    corpus = load_corpus(args.corpus)
    meta = dict(old["metadata"])
    if args.rebuilt_corpus and ckpt.metadata.get("corpus_hash") != corpus.corpus_hash:
        counts = {s: int((corpus.split == s).sum()) for s in ("train", "val", "test")}
        engines = {e: int((corpus.engine == e).sum()) for e in sorted(set(corpus.engine))}
        expected = {"train": meta.get("train_utterances"), "val": meta.get("val_utterances"), "test": meta.get("test_utterances")}
        if counts != expected or engines != meta.get("engines"):
            raise PortraitTalkerError(f"{args.corpus} is not a rebuild of the corpus {args.checkpoint} was trained on: splits "
                                      f"{counts} and engines {engines}, expected {expected} and {meta.get('engines')}")
        meta["evaluation_corpus_hash"] = corpus.corpus_hash
    elif ckpt.metadata.get("corpus_hash") != corpus.corpus_hash:
        raise PortraitTalkerError(f"{args.checkpoint} was trained on corpus {ckpt.metadata.get('corpus_hash')}, "
                                  f"{args.corpus} is {corpus.corpus_hash}: rebuild that corpus (then --rebuilt-corpus) or retrain")
    decoding = None if args.no_decoding else ClosureDecoding()
    cfg = TrainConfig()
    mean, std = ckpt.feature_mean, ckpt.feature_std
    figures = dict(old["validation"])
    val = evaluate(ckpt.model, corpus, np.flatnonzero(corpus.split == "val"), mean, std, cfg, decoding)
    val.pop("loss")  # the loss stays the training run's (the network's own output, unchanged)
    for key in ("bilabial_network", "closure_decoding"):
        figures.pop(key, None)
    figures.update(val)
    test_idx = np.flatnonzero(corpus.split == "test")
    if test_idx.size:
        figures["test"] = evaluate(ckpt.model, corpus, test_idx, mean, std, cfg, decoding)
    ckpt.model.eval()
    write_report(out_dir, History(**old["history"]), figures, meta)
    for name, f in (("validation", figures), ("held-out test", figures.get("test"))):
        if f:
            b = f["bilabial"]
            rs = ", ".join(f"{g} {v['jaw_pearson_r']:.3f}" for g, v in f["per_language"].items())
            print(f"{name}: p/b/m shut {100 * b['closed_fraction']:.1f}% of {b['closure_events']}, open vowels "
                  f"{100 * (b['shut_in_open_vowels'] or 0):.2f}%; jaw r {rs}")


if __name__ == "__main__":
    main()
