"""How well predicted mouth motion follows the phones actually spoken (per clip figures).

The reference is the phone sequence of the recording (from espeak's own events, or aligned by
pocketsphinx for real voices) turned into a jaw-opening curve by the same viseme table and
coarticulation that make the training targets: "phone openness". Against it:

- r(jaw, phone openness): Pearson correlation of the predicted jaw opening, per video frame;
- the loudness follower's r: the same correlation for a mouth that opens with loudness alone
  (the stronger of a linear-RMS and a dB follower), the baseline a speech model must beat;
- bilabial closure: the share of p/b/m phones during which the predicted lips meet, and the
  share of open-vowel frames in which they (wrongly) meet. An open-vowel frame lies in the middle
  half of an open vowel's phone (as p/b/m are judged) where the reference is open: the smooth
  reference alone also passes 0.6 in a consonant next to a vowel (an n or a k), where lips or
  a nearly closed jaw are right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..arkit import arkit_index
from ..io import FlameSequence
from .audio import SAMPLE_RATE_HZ
from .channels import JAW_OPEN_MAX_RAD
from .coarticulation import TARGET_RATE_HZ, coarticulated_targets, phoneme_segments
from .signal1d import gaussian_filter1d  # scipy's, bit for bit: predict_flame imports this module and no scipy
from .tts import PhonemeEvent
from .visemes import VISEME_CLASSES, viseme_class, viseme_parts

LIPS_SHUT_JAW_RAD = 0.02     # about 1.1 degrees: with no lip-parting shape the lips meet
OPEN_VOWEL_OPENNESS = 0.6    # inside an open vowel (a, ɑ, æ, ɔ, ...), phone openness above this is open
OPEN_VOWEL_CLASS = VISEME_CLASSES.index("vowel_open")
_FOLLOWER_FLOOR_DB = 40.0    # the dB follower ignores what is this far below the loud parts


@dataclass(frozen=True)
class ClipFigures:
    jaw_r: float
    loudness_r: float
    bilabials: int
    bilabial_shut: float | None      # share of p/b/m phones with the lips shut in some frame
    open_vowel_shut: float | None    # share of open-vowel frames with the lips shut
    open_vowel_frames: int = 0       # how many frames that share is of (pool clips by it)

    @property
    def margin(self) -> float:
        return self.jaw_r - self.loudness_r


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / (np.sqrt((a * a).sum() * (b * b).sum()) + 1e-12))


def phone_openness(phones: Sequence[PhonemeEvent], num_frames: int, fps: float) -> np.ndarray:
    """Jaw-opening reference [T] in [0,1] per video frame (mean over each frame's exposure)."""
    duration = num_frames / fps
    m = int(np.ceil(duration * TARGET_RATE_HZ))
    jaw = coarticulated_targets(phoneme_segments(phones, duration), m)[:, 0]
    return _pool(jaw, TARGET_RATE_HZ, num_frames, fps)


def _pool(x: np.ndarray, rate_hz: float, num_frames: int, fps: float) -> np.ndarray:
    sub = 8
    ts = (np.arange(num_frames * sub) + 0.5) / (fps * sub)
    return np.interp(ts, (np.arange(len(x)) + 0.5) / rate_hz, x).reshape(num_frames, sub).mean(1)


def loudness_followers(wave: np.ndarray, num_frames: int, fps: float) -> dict[str, np.ndarray]:
    """Two mouths that open with loudness: frame RMS (linear) and its level in dB above a floor."""
    hop = SAMPLE_RATE_HZ // 100
    n = len(wave) // hop
    rms = np.sqrt(np.mean(wave[: n * hop].reshape(n, hop).astype(np.float64) ** 2, axis=1) + 1e-12)
    rms = gaussian_filter1d(rms, 2.0, mode="nearest")  # 20 ms
    db = 20 * np.log10(rms)
    db = np.clip(db - (np.percentile(db, 95) - _FOLLOWER_FLOOR_DB), 0, None)
    return {"rms": _pool(rms, 100, num_frames, fps), "db": _pool(db, 100, num_frames, fps)}


def lips_shut_weights(jaw_rad: np.ndarray, e: np.ndarray) -> np.ndarray:
    """[T] bool from jaw opening [T] (radians) and ARKit weights [T,52]: the lips meet. Pressed,
    held closed against the open jaw (mouthClose), or the jaw within ~1 degree of closed with no
    shape that parts the lips (the rest face has closed lips)."""
    press = 0.5 * (e[:, arkit_index("mouthPressLeft")] + e[:, arkit_index("mouthPressRight")])
    close = e[:, arkit_index("mouthClose")]
    closed_against_jaw = (close > 0.05) & (close >= 0.8 * jaw_rad / JAW_OPEN_MAX_RAD)
    parting = 0.5 * (e[:, arkit_index("mouthLowerDownLeft")] + e[:, arkit_index("mouthLowerDownRight")]
                     + e[:, arkit_index("mouthUpperUpLeft")] + e[:, arkit_index("mouthUpperUpRight")])
    nearly_closed = jaw_rad < LIPS_SHUT_JAW_RAD
    return (press > 0.5) | closed_against_jaw | (nearly_closed & (parting < 0.2))


def lips_shut(seq: FlameSequence) -> np.ndarray:
    """[T] bool: the lips meet in each frame of a predicted sequence."""
    return lips_shut_weights(seq.jaw_pose[:, 0], seq.expression)


def _phone_spans(phones: Sequence[PhonemeEvent], duration_s: float, keep) -> list[tuple[float, float]]:
    """(start, end) of each phone whose visemes pass `keep`; a phone ends where the next starts."""
    events = sorted(phones, key=lambda p: p.start_s)
    spans = []
    for ev, nxt in zip(events, [*events[1:], None]):
        end = nxt.start_s if nxt is not None else duration_s
        if end > ev.start_s and keep(viseme_parts(ev.ipa)):
            spans.append((ev.start_s, end))
    return spans


def _bilabial_spans(phones: Sequence[PhonemeEvent], duration_s: float) -> list[tuple[float, float]]:
    return _phone_spans(phones, duration_s, lambda parts: any(v.bilabial for v in parts))


def _is_open_vowel(parts) -> bool:
    """An open vowel, or a diphthong that starts or ends on one (its closed part has a closed reference)."""
    return any(viseme_class(v) == OPEN_VOWEL_CLASS for v in parts)


def _middle_frames(start: float, end: float, fps: float, num_frames: int) -> np.ndarray:
    """Frames whose exposure overlaps the middle half of a phone from `start` to `end` (s)."""
    mid0, mid1 = start + 0.25 * (end - start), end - 0.25 * (end - start)
    return np.arange(int(mid0 * fps), min(num_frames, int(np.ceil(mid1 * fps))))


def open_vowel_frames(phones: Sequence[PhonemeEvent], reference: np.ndarray, fps: float) -> np.ndarray:
    """[T] bool: frames in the middle half of an open vowel's phone where the reference is open."""
    inside = np.zeros(len(reference), bool)
    for start, end in _phone_spans(phones, len(reference) / fps, _is_open_vowel):
        inside[_middle_frames(start, end, fps, len(reference))] = True
    return inside & (reference > OPEN_VOWEL_OPENNESS)


def clip_figures(seq: FlameSequence, wave: np.ndarray, phones: Sequence[PhonemeEvent]) -> ClipFigures:
    """All per-clip figures for a predicted sequence, its waveform and its timed phones."""
    t, fps = seq.num_frames, seq.fps
    reference = phone_openness(phones, t, fps)
    jaw = seq.jaw_pose[:, 0]
    follower_r = max(pearson(f, reference) for f in loudness_followers(wave, t, fps).values())
    shut = lips_shut(seq)
    spans = _bilabial_spans(phones, t / fps)
    hits = 0
    for start, end in spans:
        frames = _middle_frames(start, end, fps, t)
        hits += int(frames.size > 0 and shut[frames].any())
    open_vowel = open_vowel_frames(phones, reference, fps)
    return ClipFigures(
        jaw_r=pearson(jaw, reference),
        loudness_r=follower_r,
        bilabials=len(spans),
        bilabial_shut=hits / len(spans) if spans else None,
        open_vowel_shut=float(shut[open_vowel].mean()) if open_vowel.any() else None,
        open_vowel_frames=int(open_vowel.sum()),
    )
