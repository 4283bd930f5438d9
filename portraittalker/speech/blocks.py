"""Whole-clip computations in blocks: a long clip's float64 temporaries (460 MB each for an
hour at 16 kHz) are made a block at a time, with the same numbers as one pass."""

from __future__ import annotations

from typing import Iterable

import numpy as np

# Samples per pass of a whole-clip float64 computation (8 MB at a time): three whole-clip copies
# at once set the peak memory of a 1-hour prediction job.
BLOCK_SAMPLES = 1 << 20


def running_sum(blocks: Iterable[np.ndarray], length: int, width: tuple[int, ...] = ()) -> np.ndarray:
    """[length + 1, *width] float64: 0, x0, x0 + x1, ... of the rows `blocks` yields in order (each
    a fresh float64 array, added to here), summed in np.cumsum's order: the same numbers as
    np.cumsum of them all, without them all at once."""
    out = np.zeros((length + 1, *width))
    at = 0
    for part in blocks:
        part[0] += out[at]  # the sum so far, carried on as the next addition
        np.cumsum(part, 0, out=out[at + 1:at + 1 + len(part)])
        at += len(part)
    return out
