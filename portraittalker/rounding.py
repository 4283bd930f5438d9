"""Float32 arithmetic rounded as torch's x86 CPU kernels round it, in numpy: what the numpy twins
of torch functions on the playback path (`head/lbs_numpy.py`, `render/playback.py`,
`render/lights.py`) need to match them to the bit. Float32 products are exact in float64, so
a sum rounded once from float64 is a fused multiply-add."""

from __future__ import annotations

import numpy as np


def fma(acc: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """acc + a*b rounded once to float32 (a fused multiply-add)."""
    return (acc.astype(np.float64) + a.astype(np.float64) * b.astype(np.float64)).astype(np.float32)


def norm3(v: np.ndarray) -> np.ndarray:
    """|v| over the last axis (of size 3) of float32 `v`, as torch's norm kernel: x0*x0, then
    two fused multiply-adds, then the square root (what `F.normalize` divides by)."""
    squares = v[..., 0] * v[..., 0]
    for k in (1, 2):
        squares = fma(squares, v[..., k], v[..., k])
    return np.sqrt(squares)
