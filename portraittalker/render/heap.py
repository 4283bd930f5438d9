"""Keep freed heap memory in the process, so a render's per-batch arrays are not handed back to
the kernel and faulted in again, zeroed, a batch later."""

from __future__ import annotations

import ctypes

_M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
_M_MMAP_THRESHOLD = -3
_MMAP_THRESHOLD_MAX = 32 << 20  # glibc's ceiling on 64-bit


def keep_freed_memory(trim_threshold: int = 1 << 30) -> bool:
    """Ask glibc to keep up to `trim_threshold` bytes of free heap instead of returning it, and
    to serve blocks below 32 MiB (a batch of 512 px frames, its vertex data) from the heap,
    not from fresh mmaps. Without it a clip's render spends about a tenth of its CPU time in the
    kernel, mostly zeroing pages it had just given back. False where there is no glibc."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(_M_TRIM_THRESHOLD, trim_threshold)) and bool(mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD_MAX))
