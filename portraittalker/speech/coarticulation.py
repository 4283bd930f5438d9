"""Phoneme timings -> frame-level speech-channel targets with coarticulation.

Each phoneme becomes a segment with a viseme. Every frame is a dominance-weighted blend of all
segment poses (Cohen & Massaro 1993): a segment's dominance is its weight inside the segment
and falls off as a Gaussian of the distance to it, with a longer reach forwards in time for the
lips (anticipatory coarticulation: lips round for "u" before its onset). Bilabials (p, b, m)
must close the mouth whatever their neighbours, so a closure window centred slightly before the
segment's middle overrides the blend with a pressed-lips pose, the jaw barely open (mouthClose
holds the lips together against it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .channels import JAW, LIP_PRESS, MOUTH_CLOSE, NUM_CHANNELS
from .tts import PhonemeEvent
from .visemes import BILABIAL_JAW, SILENCE, Viseme, viseme_class, viseme_parts

TARGET_RATE_HZ = 50            # the model's output rate (20 ms frames)
_JAW_REACH_S = 0.045           # Gaussian reach of a segment's dominance over the jaw
_LIP_REACH_BEFORE_S = 0.06     # lips anticipate the next segment...
_LIP_REACH_AFTER_S = 0.035     # ... and carry over the previous one for less long
_CLOSURE_LEAD_S = 0.012        # bilabial closure peaks this much before the segment middle
_CLOSURE_RAMP_S = 0.035        # raised-cosine ramp into and out of a closure


@dataclass(frozen=True)
class Segment:
    start_s: float
    end_s: float
    viseme: Viseme


def phoneme_segments(phonemes: Sequence[PhonemeEvent], duration_s: float) -> list[Segment]:
    """Consecutive viseme segments covering [0, duration_s]; diphthongs split evenly."""
    events = sorted(phonemes, key=lambda p: p.start_s)
    segments: list[Segment] = []
    if not events or events[0].start_s > 0:
        segments.append(Segment(0.0, events[0].start_s if events else duration_s, SILENCE))
    for i, ev in enumerate(events):
        end = events[i + 1].start_s if i + 1 < len(events) else duration_s
        end = min(max(end, ev.start_s), duration_s)
        if end <= ev.start_s:
            continue
        parts = viseme_parts(ev.ipa)
        step = (end - ev.start_s) / len(parts)
        for k, vis in enumerate(parts):
            segments.append(Segment(ev.start_s + k * step, ev.start_s + (k + 1) * step, vis))
    if segments and segments[-1].end_s < duration_s:
        segments.append(Segment(segments[-1].end_s, duration_s, SILENCE))
    return segments


def _distance_outside(t: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Signed distances [T,S]: how far before the segment start / after its end (0 inside)."""
    before = np.maximum(start[None, :] - t[:, None], 0.0)
    after = np.maximum(t[:, None] - end[None, :], 0.0)
    return before, after


def coarticulated_targets(segments: Sequence[Segment], num_frames: int, rate_hz: float = TARGET_RATE_HZ) -> np.ndarray:
    """Speech-channel targets [num_frames, C] sampled at frame centres (k + 0.5) / rate_hz."""
    if not segments:
        return np.zeros((num_frames, NUM_CHANNELS), np.float32)
    t = (np.arange(num_frames) + 0.5) / rate_hz
    start = np.array([s.start_s for s in segments])
    end = np.array([s.end_s for s in segments])
    poses = np.stack([s.viseme.pose for s in segments])                       # [S, C]
    # A pause only holds the mouth shut if it lasts; a 40 ms word gap barely registers.
    pause_weight = np.array([min(1.0, max(0.1, (s.end_s - s.start_s) / 0.15)) if s.viseme is SILENCE else 1.0 for s in segments])
    jaw_alpha = np.array([s.viseme.jaw_dominance for s in segments]) * pause_weight
    lip_alpha = np.array([s.viseme.lip_dominance for s in segments]) * pause_weight

    before, after = _distance_outside(t, start, end)
    jaw_dom = jaw_alpha[None] * np.exp(-((before + after) / _JAW_REACH_S) ** 2)
    # `before` is the distance to a segment still ahead: anticipation reaches further.
    lip_dom = lip_alpha[None] * np.exp(-((before / _LIP_REACH_BEFORE_S) ** 2 + (after / _LIP_REACH_AFTER_S) ** 2))
    jaw_dom += 1e-9
    lip_dom += 1e-9
    out = np.empty((num_frames, NUM_CHANNELS), np.float32)
    out[:, JAW] = (jaw_dom @ poses[:, JAW]) / jaw_dom.sum(1)
    out[:, JAW + 1:] = (lip_dom @ poses[:, JAW + 1:]) / lip_dom.sum(1, keepdims=True)

    closure = bilabial_closure_weight(segments, t)
    return ((1 - closure)[:, None] * out + closure[:, None] * closed_pose()).astype(np.float32)


def closed_pose() -> np.ndarray:
    """[C] the pose of a bilabial closure: lips pressed, held together (mouthClose) against the
    barely open jaw, every other channel at rest."""
    closed = np.zeros(NUM_CHANNELS, np.float32)
    closed[JAW] = closed[MOUTH_CLOSE] = BILABIAL_JAW
    closed[LIP_PRESS] = 1.0
    return closed


def bilabial_closure_weight(segments: Sequence[Segment], t: np.ndarray) -> np.ndarray:
    """[T] in [0,1]: 1 where the lips must be shut for a p/b/m, ramping in and out."""
    w = np.zeros_like(t)
    for s in segments:
        if not s.viseme.bilabial:
            continue
        centre = 0.5 * (s.start_s + s.end_s) - _CLOSURE_LEAD_S
        hold = max(0.01, 0.3 * (s.end_s - s.start_s))
        d = np.abs(t - centre) - hold
        ramp = np.where(d <= 0, 1.0, np.where(d < _CLOSURE_RAMP_S, 0.5 * (1 + np.cos(np.pi * d / _CLOSURE_RAMP_S)), 0.0))
        w = np.maximum(w, ramp)
    return w


def frame_classes(segments: Sequence[Segment], num_frames: int, rate_hz: float = TARGET_RATE_HZ) -> np.ndarray:
    """[num_frames] int8: the viseme class (visemes.VISEME_CLASSES) of the segment at each frame centre."""
    t = (np.arange(num_frames) + 0.5) / rate_hz
    out = np.zeros(num_frames, np.int8)
    for s in segments:
        out[(t >= s.start_s) & (t < s.end_s)] = viseme_class(s.viseme)
    return out
