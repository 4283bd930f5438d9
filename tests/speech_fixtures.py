"""Small real speech inputs for the speech tests, made with espeak-ng at test time."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import soundfile as sf

from portraittalker.speech.audio import SAMPLE_RATE_HZ
from portraittalker.speech.corpus import resample_to_16k
from portraittalker.speech.espeak import ESpeak, PhonemeEvent, Prosody, Utterance


def speak(text: str, voice: str = "en-us", rate_wpm: int = 160) -> Utterance:
    return ESpeak.get().synthesize(text, voice, Prosody(rate_wpm=rate_wpm))


def speech_16k(text: str = "Maybe we can buy a big map of Paris.", voice: str = "en-us", pad_s: float = 0.3) -> np.ndarray:
    """Speech [N] at 16 kHz with `pad_s` of silence either side, peak 0.5."""
    wave = resample_to_16k(speak(text, voice).waveform, ESpeak.get().sample_rate_hz)
    pad = np.zeros(int(pad_s * SAMPLE_RATE_HZ), np.float32)
    wave = np.concatenate([pad, wave, pad])
    return (0.5 * wave / np.abs(wave).max()).astype(np.float32)


def ffmpeg_encode(wave: np.ndarray, rate: int, out: Path, args: list[str]) -> Path:
    """Encode a float waveform [N] or [N, ch] at `rate` with ffmpeg (e.g. to MP3/OGG/M4A)."""
    import imageio_ffmpeg

    src = out.with_suffix(".src.wav")
    sf.write(src, wave, rate, subtype="FLOAT")
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-i", str(src), *args, str(out)], check=True)
    src.unlink()
    return out


def augment_draws(wave: np.ndarray, rate: int, **options) -> int:
    """How many uniform draws `augment` makes on `wave` with AugmentConfig(codec_prob=0, **options):
    an option that is off must draw nothing, so a corpus built without it stays the same."""
    from portraittalker.speech.augment import AugmentConfig, augment

    class Counting:   # a generator that counts its uniform draws
        def __init__(self):
            self.rng, self.draws = np.random.default_rng(5), 0

        def random(self, *a, **k):
            self.draws += 1
            return self.rng.random(*a, **k)

        def __getattr__(self, name):
            return getattr(self.rng, name)

    rng = Counting()
    augment(wave, rate, rng, AugmentConfig(codec_prob=0.0, **options))
    return rng.draws
