#!/usr/bin/env python
"""Run predict_flame on real recordings and print how the mouth follows them, frame by frame.

    python scripts/speech_on_recording.py /usr/share/sounds/alsa/Front_*.wav   # Debian alsa-utils voice prompts

Several files are joined with 0.4 s of silence between them (one clip, like a user's recording).
Each printed row is one 25 fps frame: time, loudness bar, jaw opening (degrees) and the strongest
mouth shapes, so you can read whether the jaw opens on vowels, shuts in pauses, and which lip
shapes appear where.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("audio", nargs="+")
    parser.add_argument("--fps", type=float, default=25)
    parser.add_argument("--checkpoint", default="models/audio2flame/model.pt")
    parser.add_argument("--presence-model", default="models/speech_presence/model.npz",
                        help="speech-presence detector whose gate rests the mouth where no one speaks (as predict_flame)")
    parser.add_argument("--no-presence-gate", action="store_true", help="without the speech-presence gate")
    args = parser.parse_args()
    from portraittalker.arkit import ARKIT_NAMES
    from portraittalker.speech.audio import SAMPLE_RATE_HZ
    from portraittalker.speech.motion import loudness_db
    from portraittalker.speech.predict import flame_from_waveform, get_checkpoint, load_speech
    from portraittalker.speech.presence import get_presence_model

    gap = np.zeros(int(0.4 * SAMPLE_RATE_HZ), np.float32)
    parts = []
    for path in args.audio:
        parts += [load_speech(path), gap]
    wave = np.concatenate(parts)
    presence = None if args.no_presence_gate else get_presence_model(args.presence_model)
    seq = flame_from_waveform(wave, args.fps, get_checkpoint(args.checkpoint), presence=presence)
    level = loudness_db(wave, seq.num_frames, args.fps)
    jaw_deg = np.degrees(seq.jaw_pose[:, 0])
    MOUTH_COMPONENTS = [n for n in ARKIT_NAMES if n.startswith("mouth")]
    mouth = np.stack([seq.expression[:, ARKIT_NAMES.index(n)] for n in MOUTH_COMPONENTS], 1)
    for k in range(seq.num_frames):
        bar = "#" * int(np.clip((level[k] + 60) / 3, 0, 20))
        shapes = ", ".join(f"{MOUTH_COMPONENTS[i]} {mouth[k, i]:.2f}" for i in np.argsort(-mouth[k])[:2] if mouth[k, i] > 0.15)
        print(f"{k / args.fps:6.2f} s |{bar:<20}| jaw {jaw_deg[k]:5.1f} deg {'=' * int(jaw_deg[k] * 2):<30} {shapes}")
    active = level > np.percentile(level, 95) - 25
    print(f"\n{seq.num_frames} frames; jaw opening in speech {jaw_deg[active].mean():.1f} deg mean / {jaw_deg.max():.1f} max,"
          f" in silence {jaw_deg[~active].mean():.2f} deg; corr(jaw, loudness) = {np.corrcoef(jaw_deg, np.maximum(level, -60))[0, 1]:.2f}")


if __name__ == "__main__":
    main()
