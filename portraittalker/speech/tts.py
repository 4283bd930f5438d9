"""What every speech synthesiser in the corpus returns: a waveform and its timed phones.

Engines (espeak.py, festival.py, flite.py, openjtalk.py) differ in how they are driven, but each
gives an `Utterance`: mono float waveform at the engine's rate plus `PhonemeEvent`s in IPA (the
phone set of each engine is mapped by phonesets.py), so one viseme table serves them all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PhonemeEvent:
    """One phoneme as IPA starting `start_s` seconds into the utterance ("" = silence)."""

    ipa: str
    start_s: float


@dataclass(frozen=True)
class Utterance:
    """Synthesised speech: mono float waveform [N] (about [-1, 1]) at `sample_rate_hz` + phonemes."""

    waveform: np.ndarray
    sample_rate_hz: int
    phonemes: tuple[PhonemeEvent, ...]

    @property
    def duration_s(self) -> float:
        return len(self.waveform) / self.sample_rate_hz


@dataclass(frozen=True)
class Style:
    """Engine-independent delivery: durations stretched by `duration_stretch` (> 1 is slower),
    pitch moved by `pitch_semitones`. Engines apply what they can (see each engine)."""

    duration_stretch: float = 1.0
    pitch_semitones: float = 0.0


def events_from_ends(labels: list[tuple[str, float]], mapping: dict[str, str], engine: str) -> tuple[PhonemeEvent, ...]:
    """[(phone, end_s)] in order -> PhonemeEvents starting where the previous phone ended."""
    events, start = [], 0.0
    for phone, end in labels:
        if phone not in mapping:
            raise KeyError(f"{engine}: phone '{phone}' has no IPA mapping")
        events.append(PhonemeEvent(mapping[phone], start))
        start = end
    return tuple(events)
