"""Weights-free audio-visual sync, from landmarks detected on the video's own frames.

Timing: mouths open on voiced speech, so a well-muxed video shows a mouth-aperture track
whose correlation with the loudness envelope of its own audio track peaks at zero lag; the
lag of the peak within ±max_offset frames is the sync offset (a muxing shift shows here).
Quality: loudness alone cannot say whether the mouth moves *well* (a mouth that merely
follows loudness scores perfectly against loudness), so the aperture is scored against phone
openness (`phones.py`) and so is a pure loudness follower; the margin between the two is
what the mouth adds beyond loudness.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .landmarker import FaceTrack
from .media import Audio


@dataclass(frozen=True)
class AvSyncResult:
    offset_frames: int  # > 0: the mouth lags the audio by this many frames
    corr: float  # Pearson r at the best offset
    corr_at_zero: float  # Pearson r without shifting
    correlations: tuple[float, ...]  # r per offset, -max_offset .. +max_offset (nan: undefined)


def mouth_aperture(track: FaceTrack) -> np.ndarray:
    """[T] inner-lip opening over the outer eye-corner distance (unitless, so the same for
    any framing or resolution); NaN where no face was found."""
    gap = np.linalg.norm(track.point("lip_inner_top") - track.point("lip_inner_bottom"), axis=1)
    eyes = np.linalg.norm(track.point("right_eye_outer") - track.point("left_eye_outer"), axis=1)
    return gap / np.maximum(eyes, 1e-6)


def fill_gaps(values: np.ndarray) -> np.ndarray:
    """Linear interpolation over NaN frames (frames without a face), so correlations use all
    frames; all-NaN stays NaN."""
    values = np.asarray(values, float).copy()
    ok = np.isfinite(values)
    if ok.any() and not ok.all():
        idx = np.arange(len(values))
        values[~ok] = np.interp(idx[~ok], idx[ok], values[ok])
    return values


def energy_envelope(audio: Audio, fps: float, num_frames: int, floor_db: float = -60.0) -> np.ndarray:
    """[num_frames] RMS level in dB (relative to full scale, floored) over each video frame's span."""
    samples = audio.samples.astype(np.float64)
    edges = np.round(np.arange(num_frames + 1) * audio.sample_rate_hz / fps).astype(int)
    level = np.full(num_frames, floor_db)
    for t in range(num_frames):
        chunk = samples[edges[t] : edges[t + 1]]
        if chunk.size:
            level[t] = max(floor_db, 10 * np.log10(np.mean(chunk**2) + 1e-12))
    return level


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 3:
        return float("nan")
    x, y = x - x.mean(), y - y.mean()
    denom = np.sqrt((x @ x) * (y @ y))
    return float(x @ y / denom) if denom > 1e-12 else float("nan")


def lagged_correlations(visual: np.ndarray, audio: np.ndarray, max_offset: int) -> np.ndarray:
    """r[lag] for lag in -max_offset..max_offset, pairing visual[t] with audio[t - lag]."""
    n = min(len(visual), len(audio))
    out = []
    for lag in range(-max_offset, max_offset + 1):
        lo, hi = max(0, lag), min(n, n + lag)
        out.append(pearson(visual[lo:hi], audio[lo - lag : hi - lag]) if hi - lo >= 3 else float("nan"))
    return np.array(out)


def av_sync(aperture: np.ndarray, envelope: np.ndarray, max_offset: int = 15) -> AvSyncResult | None:
    """Best-lag correlation between aperture [T] and envelope [T]; None if either is constant."""
    r = lagged_correlations(aperture, envelope, max_offset)
    if not np.any(np.isfinite(r)):
        return None
    best = int(np.nanargmax(r))
    return AvSyncResult(
        offset_frames=best - max_offset,
        corr=float(r[best]),
        corr_at_zero=float(r[max_offset]),
        correlations=tuple(float(v) for v in r),
    )
