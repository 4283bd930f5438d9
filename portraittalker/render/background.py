"""The backdrop behind the subject: a vertical gradient, vignette and film grain
(`portraittalker.scene.Background`). Gradient and vignette are linear-light; grain is added
to the display-encoded picture, keyed per frame so a video's grain moves but re-renders
reproduce it exactly."""

from __future__ import annotations

import torch

from ..scene import Background


def gradient(background: Background, size: tuple[int, int], device: torch.device | str = "cpu") -> torch.Tensor:
    """Linear RGB backdrop [H,1,3] (broadcasts over columns): `top` at row 0 blending to `bottom`."""
    height = size[0]
    t = ((torch.arange(height, dtype=torch.float32, device=device) + 0.5) / height)[:, None, None]
    top = torch.tensor(background.top, dtype=torch.float32, device=device)
    bottom = torch.tensor(background.bottom, dtype=torch.float32, device=device)
    return (1 - t) * top + t * bottom


def vignette(background: Background, size: tuple[int, int], device: torch.device | str = "cpu") -> torch.Tensor:
    """The vignette's multiplicative falloff [H,W,1], 1 - vignette at the corners (applied to
    subject and backdrop alike, as a lens would)."""
    height, width = size
    ys = (torch.arange(height, dtype=torch.float32, device=device) + 0.5) / height * 2 - 1
    xs = (torch.arange(width, dtype=torch.float32, device=device) + 0.5) / width * 2 - 1
    radius2 = (ys[:, None] ** 2 + xs[None, :] ** 2) / 2  # 1 at the corners
    return (1.0 - background.vignette * radius2).clamp_min(0.0)[..., None]


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


def _mul32(x: torch.Tensor, c: int) -> torch.Tensor:
    """x * c mod 2**32 for x in [0, 2**32) held in int64, without overflowing int64."""
    return (x * (c & 0xFFFF) + (((x * (c >> 16)) & 0xFFFF) << 16)) & _MASK32


def grain_hash(x: torch.Tensor) -> torch.Tensor:
    """lowbias32 over int64 tensors holding uint32 values (GRAIN_GLSL's grain_hash)."""
    for shift, factor in _LOWBIAS32:
        x = x ^ (x >> shift)
        if factor is not None:
            x = _mul32(x, factor)
    return x


def grain_key(frame: int, seed: int = 0) -> int:
    """The per-frame key the pixel hashes are mixed with (a uniform of the GL finishing pass)."""
    return int(grain_hash(torch.tensor([(int(frame) + _GOLDEN * int(seed)) & _MASK32]))[0])


def film_grain(strength: float, frame_ids: torch.Tensor, size: tuple[int, int], seed: int = 0) -> torch.Tensor:
    """Monochrome grain [B,H,W,1] with standard deviation 0.05 * strength, one key per frame."""
    height, width = size
    pixel = torch.arange(height * width, dtype=torch.int64)
    out = torch.empty((len(frame_ids), height, width, 1))
    for i, frame in enumerate(frame_ids.tolist()):
        h1 = grain_hash(pixel ^ grain_key(frame, seed))
        h2 = grain_hash((h1 + _GOLDEN) & _MASK32)
        u1 = ((h1 >> 8).float() + 1.0) * (1.0 / 16777216.0)
        u2 = (h2 >> 8).float() * (1.0 / 16777216.0)
        out[i, ..., 0] = (torch.sqrt(-2.0 * torch.log(u1)) * torch.cos(6.28318530718 * u2)).view(height, width)
    return out * (GRAIN_STD * strength)
