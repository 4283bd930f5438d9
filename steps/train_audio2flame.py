#!/usr/bin/env python
"""Train the audio2flame transformer on a corpus (and optional HDTF-style user data); write the report."""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import run_step  # noqa: E402


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", required=True, help="folder written by build_corpus")
    parser.add_argument("--out", required=True, help="output checkpoint (model.pt; metadata.json and report.* go beside it)")
    parser.add_argument("--user-data", default=None, help="HDTF-style folder of clips (audio + tracked flame.npz) to add")
    parser.add_argument("--wav2vec2-path", default=None, help="local encoder, when the corpus holds wav2vec2 features")
    parser.add_argument("--steps", type=int, default=2500)
    parser.add_argument("--max-minutes", type=float, default=11.0, help="wall-clock budget for the optimisation")
    parser.add_argument("--follow-clock", action="store_true",
                        help="decay the learning rate by steps or minutes, whichever runs out first (the weights then "
                             "depend on the machine's speed; default: by steps, reproducible)")
    parser.add_argument("--batch-size", type=int, default=12)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--false-closure-weight", type=float, default=0.0,
                        help="hinge on predicted mouthPress in open-vowel frames (training.false_closure_penalty)")
    parser.add_argument("--closure-frame-weight", type=float, default=None,
                        help="extra loss weight on frames inside p/b/m closures (default: TrainConfig's)")
    parser.add_argument("--bilabial-class-weight", type=float, default=None,
                        help="weight of the bilabial class in the phone-class cross-entropy (default: TrainConfig's)")
    parser.add_argument("--adversary-weight", type=float, default=0.0,
                        help="> 0: voice-adversarial training, a voice classifier on the encoder through gradient "
                             "reversal (training.VoiceAdversary); the checkpoint holds the network alone")
    parser.add_argument("--jaw-correlation-weight", type=float, default=None,
                        help="weight of 1 - Pearson r of the jaw and its target per crop in the loss "
                             "(default: TrainConfig's, 0.5; 0: off)")
    parser.add_argument("--freq-channels", type=int, default=None,
                        help="channels of the 2-D convolutions over (time, mel band) before the network's front "
                             "(default: TrainConfig's; 0: none, the dense front alone)")
    parser.add_argument("--freq-layers", type=int, default=None,
                        help="how many of them, each halving the mel bands (default: TrainConfig's)")
    parser.add_argument("--context-s", type=float, default=None,
                        help="the attention's reach either side of a frame, seconds (default: TrainConfig's)")
    parser.add_argument("--level-prob", type=float, default=None,
                        help="share of training crops whose loudness wobbles syllable by syllable (feature_augment.level_wobble)")
    parser.add_argument("--closure-cut-prob", type=float, default=None,
                        help="share of training utterances whose p/b/m closures are shortened (feature_augment.shorten_closures)")
    args = parser.parse_args(argv)
    from portraittalker.speech.feature_augment import FeatureAugment
    from portraittalker.speech.training import run_training

    chosen = {k: v for k, v in (("level_prob", args.level_prob), ("closure_cut_prob", args.closure_cut_prob)) if v is not None}
    settings = {"feature_augment": FeatureAugment(**chosen)} if chosen else {}
    front = {k: v for k, v in (("freq_channels", args.freq_channels), ("freq_layers", args.freq_layers),
                               ("context_s", args.context_s)) if v is not None}
    if front:
        from dataclasses import replace

        from portraittalker.speech.training import TrainConfig

        settings["model"] = replace(TrainConfig().model, **front)

    run_training(args.corpus, args.out, steps=args.steps, max_minutes=args.max_minutes, batch_size=args.batch_size,
                 follow_clock=args.follow_clock, threads=args.threads, seed=args.seed, user_data=args.user_data, wav2vec2_path=args.wav2vec2_path,
                 false_closure_weight=args.false_closure_weight, adversary_weight=args.adversary_weight,
                 **{k: v for k, v in (("closure_frame_weight", args.closure_frame_weight),
                                      ("bilabial_class_weight", args.bilabial_class_weight),
                                      ("jaw_correlation_weight", args.jaw_correlation_weight)) if v is not None}, **settings)


if __name__ == "__main__":
    run_step(main)
