"""numpy stand-ins for the two scipy routines a speech prediction uses, so a `predict_flame` job never
imports scipy (scipy.signal alone pulls in scipy.stats etc.: ~0.4 s idle, ~1.8 s on a loaded machine).

Both reproduce scipy's arithmetic, not just its maths (tests/test_speech_signal1d.py compares them with
scipy on random signals, bit for bit):

- `gaussian_filter1d(x, sigma, axis, mode)` = `scipy.ndimage.gaussian_filter1d` with order 0 and
  truncate 4: the same normalised kernel, summed in float64 in the order of ndimage's symmetric
  correlation (centre tap, then outermost pair inwards), cast back to the input's float dtype;
  modes "nearest", "wrap", "reflect", "mirror", "constant" (cval 0).
- `find_peaks(x, prominence, distance)` = the indices of `scipy.signal.find_peaks` with those two
  arguments only: plateau midpoints, the distance pass by descending height (the same argsort),
  then the prominence test.
"""

from __future__ import annotations

import math

import numpy as np

_PAD_MODES = {"nearest": "edge", "wrap": "wrap", "reflect": "symmetric", "mirror": "reflect", "constant": "constant"}


def gaussian_kernel1d(sigma: float, radius: int) -> np.ndarray:
    x = np.arange(-radius, radius + 1)
    phi = np.exp(-0.5 / (sigma * sigma) * x ** 2)
    return phi / phi.sum()


def gaussian_filter1d(x: np.ndarray, sigma: float, axis: int = -1, mode: str = "reflect", truncate: float = 4.0) -> np.ndarray:
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"gaussian_filter1d: float input expected, got {x.dtype}")
    if mode not in _PAD_MODES:
        raise ValueError(f"gaussian_filter1d: mode {mode!r} not supported (one of {', '.join(_PAD_MODES)})")
    sigma = float(sigma)
    radius = int(truncate * sigma + 0.5)
    w = gaussian_kernel1d(sigma, radius)
    line = np.moveaxis(x, axis, -1).astype(np.float64)
    n = line.shape[-1]
    if n == 0:
        return x.copy()
    pad = [(0, 0)] * (line.ndim - 1) + [(radius, radius)]
    p = np.pad(line, pad, mode=_PAD_MODES[mode])
    out = p[..., radius: radius + n] * w[radius]
    for j in range(radius, 0, -1):          # ndimage: oline += (iline[-j] + iline[j]) * fw[-j], j = size1 .. 1
        out += (p[..., radius - j: radius - j + n] + p[..., radius + j: radius + j + n]) * w[radius - j]
    return np.moveaxis(out, -1, axis).astype(x.dtype, copy=False)


def _local_maxima(x: np.ndarray) -> np.ndarray:
    """Midpoints (rounded down) of strict local maxima, flat tops included, ends excluded."""
    if x.size < 3:
        return np.zeros(0, np.intp)
    starts = np.flatnonzero(np.r_[True, x[1:] != x[:-1]])
    ends = np.r_[starts[1:] - 1, x.size - 1]
    v = x[starts]
    k = np.arange(1, len(starts) - 1)
    k = k[(v[k - 1] < v[k]) & (v[k + 1] < v[k])]
    return ((starts[k] + ends[k]) // 2).astype(np.intp)


def _select_by_distance(peaks: np.ndarray, priority: np.ndarray, distance: float) -> np.ndarray:
    distance_ = math.ceil(distance)
    keep = np.ones(len(peaks), bool)
    for j in np.argsort(priority)[::-1]:    # highest first, scipy's argsort for ties
        if not keep[j]:
            continue
        k = j - 1
        while k >= 0 and peaks[j] - peaks[k] < distance_:
            keep[k] = False
            k -= 1
        k = j + 1
        while k < len(peaks) and peaks[k] - peaks[j] < distance_:
            keep[k] = False
            k += 1
    return keep


def prominences(x: np.ndarray, peaks: np.ndarray) -> np.ndarray:
    """scipy.signal.peak_prominences(x, peaks)[0] with no window."""
    out = np.empty(len(peaks))
    for i, peak in enumerate(peaks):
        top = x[peak]
        higher_left = np.flatnonzero(x[:peak] > top)
        higher_right = np.flatnonzero(x[peak + 1:] > top)
        lo = higher_left[-1] + 1 if higher_left.size else 0
        hi = peak + 1 + higher_right[0] if higher_right.size else x.size
        out[i] = top - max(x[lo: peak + 1].min(), x[peak: hi].min())
    return out


def find_peaks(x: np.ndarray, prominence: float | None = None, distance: float | None = None) -> np.ndarray:
    x = np.ascontiguousarray(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError("find_peaks: 1-D signal expected")
    peaks = _local_maxima(x)
    if distance is not None:
        if distance < 1:
            raise ValueError("find_peaks: distance must be >= 1")
        peaks = peaks[_select_by_distance(peaks, x[peaks], distance)]
    if prominence is not None:
        peaks = peaks[prominence <= prominences(x, peaks)]
    return peaks
