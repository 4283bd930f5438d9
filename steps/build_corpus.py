#!/usr/bin/env python
"""Generate the synthetic multilingual speech corpus (espeak-ng, Festival, Open JTalk; a held-out engine
for testing) with viseme targets for audio2flame."""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import run_step  # noqa: E402


def _voices(arg: str) -> tuple[str, ...]:
    return () if arg == "all" else tuple(v for v in arg.split(",") if v)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True, help="output folder (corpus.npz + manifest.json)")
    parser.add_argument("--languages", default="ko,en,zh,ja,de,fr,es,it", help="comma-separated language codes")
    parser.add_argument("--sentences", type=int, default=150, help="espeak sentences per language")
    parser.add_argument("--engines", default="espeak,festival,openjtalk", help="comma-separated training engines")
    parser.add_argument("--engine-sentences", type=int, default=300, help="sentences per non-espeak training engine but Festival")
    parser.add_argument("--festival-sentences-per-voice", type=int, default=90, help="sentences per Festival voice")
    parser.add_argument("--mbrola-sentences-per-voice", type=int, default=90, help="sentences per MBROLA voice")
    parser.add_argument("--rhvoice-sentences-per-voice", type=int, default=90, help="sentences per RHVoice voice")
    parser.add_argument("--festival-voices", default="all",
                        help="comma-separated Festival voices ('all': every training voice in speech/voices.py)")
    parser.add_argument("--pico-sentences-per-voice", type=int, default=90, help="sentences per Pico voice")
    parser.add_argument("--rhvoice-voices", default="bdl,clb",
                        help="comma-separated RHVoice voices ('all': every training voice in speech/voices.py; "
                             "the default two are LGPL, the other two non-commercial)")
    parser.add_argument("--held-out-engine", default="flite", help="engine kept wholly out of training (test split only)")
    parser.add_argument("--held-out-sentences", type=int, default=40, help="test sentences from the held-out engine")
    parser.add_argument("--held-out-variant-sentences", type=int, default=20,
                        help="test sentences per language from the held-out espeak variants")
    parser.add_argument("--workers", type=int, default=1, help="parallel synthesis processes")
    parser.add_argument("--voice-dir", default="results/tts_voices", help="where the Open JTalk HTS voice is kept")
    parser.add_argument("--no-utterance-norm", action="store_true", help="raw log-mel (no utterance-mean normalisation)")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--train-bilabial-weight", type=float, default=None,
                        help="> 1: training sentences draw p/b/m words that much more often (default: CorpusConfig's)")
    parser.add_argument("--features", default="logmel", help="logmel | wav2vec2")
    parser.add_argument("--wav2vec2-path", default=None, help="local transformers wav2vec2/HuBERT folder")
    parser.add_argument("--music-prob", type=float, default=0.0,
                        help="share of utterances with synthetic background music under them (augment.add_music)")
    parser.add_argument("--source-prob", type=float, default=0.0,
                        help="share of utterances spoken with another voice source: tilt, breathiness, jitter, shimmer "
                             "(augment.swap_source)")
    parser.add_argument("--espeak-generated-voices", type=int, default=0,
                        help="generated espeak-ng voice variants (random vocal tracts and voice sources; 0: none)")
    parser.add_argument("--espeak-generated-share", type=float, default=0.5,
                        help="share of espeak train/validation sentences they speak (with --espeak-generated-voices)")
    parser.add_argument("--espeak-closure-timed-stops", action="store_true",
                        help="espeak-ng's voiceless stops start at their closure, not at their release (espeak.move_stops_to_closures)")
    args = parser.parse_args(argv)
    import torch

    from portraittalker.speech.augment import AugmentConfig
    from portraittalker.speech.corpus import CorpusConfig, build_corpus, save_corpus
    from portraittalker.speech.features import make_extractor

    torch.set_num_threads(1)
    cfg = CorpusConfig(languages=tuple(args.languages.split(",")), sentences_per_language=args.sentences, seed=args.seed,
                       engines=tuple(args.engines.split(",")), engine_sentences=args.engine_sentences,
                       festival_sentences_per_voice=args.festival_sentences_per_voice,
                       mbrola_sentences_per_voice=args.mbrola_sentences_per_voice,
                       rhvoice_sentences_per_voice=args.rhvoice_sentences_per_voice,
                       pico_sentences_per_voice=args.pico_sentences_per_voice,
                       festival_voices=_voices(args.festival_voices), rhvoice_voices=_voices(args.rhvoice_voices),
                       held_out_engine=args.held_out_engine, held_out_engine_sentences=args.held_out_sentences,
                       held_out_variant_sentences=args.held_out_variant_sentences,
                       workers=args.workers, espeak_generated_voices=args.espeak_generated_voices,
                       espeak_generated_share=args.espeak_generated_share,
                       espeak_closure_timed_stops=args.espeak_closure_timed_stops, voice_dir=args.voice_dir, augment=AugmentConfig(music_prob=args.music_prob, source_prob=args.source_prob),
                       **({} if args.train_bilabial_weight is None else {"train_bilabial_weight": args.train_bilabial_weight}))
    extractor = make_extractor(args.features, args.wav2vec2_path, utterance_norm=not args.no_utterance_norm)
    corpus, records = build_corpus(cfg, extractor, args.wav2vec2_path)
    save_corpus(corpus, records, cfg, args.out)
    hours = sum(r["duration_s"] for r in records) / 3600
    print(f"{args.out}: {len(records)} utterances, {hours:.2f} h, hash {corpus.corpus_hash}")


if __name__ == "__main__":
    run_step(main)
