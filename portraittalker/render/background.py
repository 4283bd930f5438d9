"""The backdrop behind the subject: a vertical gradient, vignette and film grain
(`portraittalker.scene.Background`). Gradient and vignette are linear-light; grain is added
to the display-encoded picture, seeded per frame so a video's grain moves but re-renders
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


def film_grain(strength: float, frame_ids: torch.Tensor, size: tuple[int, int], seed: int = 0) -> torch.Tensor:
    """Monochrome grain [B,H,W,1] with standard deviation 0.05 * strength, one seed per frame."""
    height, width = size
    out = torch.empty((len(frame_ids), height, width, 1))
    for i, frame in enumerate(frame_ids.tolist()):
        gen = torch.Generator().manual_seed(seed * 1_000_003 + int(frame))
        out[i] = torch.randn((height, width, 1), generator=gen)
    return out * (0.05 * strength)
