#!/usr/bin/env python
"""Speech -> FLAME inference speed: real-time factor of predict_flame on this CPU.

    python scripts/bench_speech.py                # 60 s of generated multilingual speech
    python scripts/bench_speech.py --audio my.mp3 # or your own recording

Prints seconds of audio, wall seconds per stage and the real-time factor (audio s / wall s).
The checkpoint is loaded once before timing (a long-running service pays that once).
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def generated_speech(seconds: float):
    import numpy as np

    from portraittalker.speech.audio import SAMPLE_RATE_HZ, normalize_loudness
    from portraittalker.speech.corpus import resample_to_16k
    from portraittalker.speech.espeak import ESpeak
    from portraittalker.speech.sentences import LANGUAGES, load_lexicon, random_sentence

    rng = np.random.default_rng(0)
    parts, total = [], 0.0
    codes = ["ko", "en", "zh", "ja"]
    while total < seconds:
        lang = LANGUAGES[codes[len(parts) % 4]]
        utt = ESpeak.get().synthesize(random_sentence(lang, load_lexicon(lang), rng), lang.voice)
        parts.append(resample_to_16k(utt.waveform, utt.sample_rate_hz))
        total += len(parts[-1]) / SAMPLE_RATE_HZ
    return normalize_loudness(np.concatenate(parts)[: int(seconds * SAMPLE_RATE_HZ)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--audio", default=None, help="recording to time (default: generated speech)")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the generated speech")
    parser.add_argument("--fps", type=float, default=25)
    parser.add_argument("--threads", type=int, default=1, help="BLAS CPU threads (default 1)")
    parser.add_argument("--repeats", type=int, default=3, help="best of N")
    parser.add_argument("--checkpoint", default="models/audio2flame/model.pt")
    parser.add_argument("--no-closure-decoding", action="store_true", help="time without the closure decoding step")
    parser.add_argument("--presence-model", default="models/speech_presence/model.npz", help="speech-presence detector (its gate)")
    parser.add_argument("--no-presence-gate", action="store_true", help="time without the speech-presence gate")
    args = parser.parse_args()
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # read when numpy loads, below
        os.environ[var] = str(args.threads)
    import numpy as np

    from portraittalker.speech.audio import SAMPLE_RATE_HZ
    from portraittalker.speech.predict import flame_from_waveform, get_checkpoint, load_speech
    from portraittalker.speech.presence import get_presence_model

    wave = load_speech(args.audio) if args.audio else generated_speech(args.seconds)
    duration = len(wave) / SAMPLE_RATE_HZ
    ckpt = get_checkpoint(args.checkpoint)
    extractor = ckpt.feature_spec.extractor()
    presence = None if args.no_presence_gate else get_presence_model(args.presence_model)
    flame_from_waveform(wave[: SAMPLE_RATE_HZ], args.fps, ckpt, extractor=extractor, presence=presence)  # warm-up

    no_decoding = {"closure_decoding": None} if args.no_closure_decoding else {}
    no_decoding["presence"] = presence
    best_total, best_feat, best_cpu = np.inf, np.inf, np.inf
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        extractor(wave)
        t1, cpu1 = time.perf_counter(), time.process_time()
        seq = flame_from_waveform(wave, args.fps, ckpt, extractor=extractor, **no_decoding)
        t2, cpu2 = time.perf_counter(), time.process_time()
        best_feat, best_total, best_cpu = min(best_feat, t1 - t0), min(best_total, t2 - t1), min(best_cpu, cpu2 - cpu1)
    print(f"audio: {duration:.1f} s -> {seq.num_frames} frames at {args.fps:g} fps ({ckpt.feature_spec.kind} features, {args.threads} thread(s))")
    print(f"features only: {best_feat:.3f} s")
    print(f"predict_flame (features + model + {'presence gate + ' if presence else ''}smoothing + motion): {best_total:.3f} s")
    print(f"real-time factor: {duration / best_total:.0f}x")
    # on a shared machine wall time waits for other jobs; CPU time compares runs across loads better
    print(f"CPU seconds: {best_cpu:.3f} s (real-time factor on CPU time: {duration / best_cpu:.0f}x; load {os.getloadavg()[0]:.1f})")
    print(f"torch imported: {'torch' in sys.modules}")


if __name__ == "__main__":
    main()
