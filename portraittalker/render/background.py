"""The backdrop behind the subject: a vertical gradient, vignette and film grain
(`portraittalker.scene.Background`). Gradient and vignette are linear-light; grain is added
to the display-encoded picture, keyed per frame so a video's grain moves but re-renders
reproduce it exactly."""

from __future__ import annotations

import torch

from ..scene import Background
from .grain import _GOLDEN, _MASK32, GRAIN_STD, grain_hash, grain_key


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
