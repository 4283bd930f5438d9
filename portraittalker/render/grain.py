"""Film grain's hash: the GLSL the GL frame path draws grain with, and the same hash over plain
integers (`grain_key`, without torch) and int64 tensors (`background.film_grain`)."""

from __future__ import annotations

# Grain is a counter-based hash of (frame, pixel), not a random generator's stream, so the GL
# frame path draws it in its finishing shader (no per-frame noise on the CPU) and the torch
# path computes the very same values: GRAIN_GLSL and film_grain are one definition, twice.
# Hash: Chris Wellons' "lowbias32"; Gaussian by Box-Muller from two 24-bit uniforms.
GRAIN_STD = 0.05  # standard deviation at strength 1, in display units
_MASK32 = 0xFFFFFFFF
_GOLDEN = 0x9E3779B9
_LOWBIAS32 = ((16, 0x7FEB352D), (15, 0x846CA68B), (16, None))

GRAIN_GLSL = """
uint grain_hash(uint x) {
    x ^= x >> 16u; x *= 0x7feb352du;
    x ^= x >> 15u; x *= 0x846ca68bu;
    x ^= x >> 16u;
    return x;
}
// Standard normal at row-major pixel index `pixel` (row 0 at the top) of the frame keyed `key`.
float grain_normal(uint pixel, uint key) {
    uint h1 = grain_hash(pixel ^ key);
    uint h2 = grain_hash(h1 + 0x9e3779b9u);
    float u1 = (float(h1 >> 8u) + 1.0) * (1.0 / 16777216.0);
    float u2 = float(h2 >> 8u) * (1.0 / 16777216.0);
    return sqrt(-2.0 * log(u1)) * cos(6.28318530718 * u2);
}
"""


def _mul32(x, c: int):
    """x * c mod 2**32 for x in [0, 2**32) (a Python int or int64 array), without overflowing int64."""
    return (x * (c & 0xFFFF) + (((x * (c >> 16)) & 0xFFFF) << 16)) & _MASK32


def grain_hash(x):
    """lowbias32 over a Python int or int64 tensors/arrays holding uint32 values (GRAIN_GLSL's grain_hash)."""
    for shift, factor in _LOWBIAS32:
        x = x ^ (x >> shift)
        if factor is not None:
            x = _mul32(x, factor)
    return x


def grain_key(frame: int, seed: int = 0) -> int:
    """The per-frame key the pixel hashes are mixed with (a uniform of the GL finishing pass)."""
    return int(grain_hash((int(frame) + _GOLDEN * int(seed)) & _MASK32))
