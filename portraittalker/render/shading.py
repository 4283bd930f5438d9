"""Lambert + soft specular under a key/fill/rim rig, and the linear -> display transform.

Light directions and colours come from `portraittalker.scene.Lighting` (head space, linear
RGB). `softness` wraps the diffuse term around the terminator (a soft-box look) and widens
the highlight; `specular` scales the highlight, which the appearance modulates per point.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ..scene import Lighting


def _lights(lighting: Lighting, like: torch.Tensor) -> list[tuple[torch.Tensor, torch.Tensor]]:
    out = []
    for light in (lighting.key, lighting.fill, lighting.rim):
        direction = F.normalize(torch.tensor(light.direction, dtype=like.dtype, device=like.device), dim=0)
        radiance = torch.tensor(light.color, dtype=like.dtype, device=like.device) * light.intensity
        out.append((direction, radiance))
    return out


def shade(
    albedo: torch.Tensor,
    specular: torch.Tensor,
    normal: torch.Tensor,
    view_dir: torch.Tensor,
    lighting: Lighting,
    occlusion: torch.Tensor | None = None,
) -> torch.Tensor:
    """Outgoing linear radiance [N,3].

    albedo [N,3] linear RGB, specular [N,1] in [0,1] (per-point highlight strength),
    normal [N,3] and view_dir [N,3] unit vectors (view_dir points from the surface to the
    camera), occlusion [N,1] ambient/cavity visibility in [0,1] (1 = open surface).
    """
    wrap = float(lighting.softness)
    shininess = 48.0 - 36.0 * wrap  # soft light -> broad, gentle highlight
    norm = (shininess + 8.0) / (8.0 * 3.14159265)  # energy-normalised Blinn-Phong lobe
    diffuse = torch.tensor(lighting.ambient, dtype=albedo.dtype, device=albedo.device).expand_as(albedo)
    highlight = torch.zeros_like(albedo)
    for direction, radiance in _lights(lighting, albedo):
        n_dot_l = normal @ direction
        lambert = ((n_dot_l + wrap) / (1.0 + wrap)).clamp_min(0.0)
        diffuse = diffuse + lambert[:, None] * radiance
        half = F.normalize(direction + view_dir, dim=-1)
        lobe = (normal * half).sum(-1).clamp_min(0.0).pow(shininess) * norm
        highlight = highlight + (lobe * n_dot_l.clamp_min(0.0))[:, None] * radiance
    occ = torch.ones_like(albedo[:, :1]) if occlusion is None else occlusion
    # Cavities lose both sky (ambient) and most direct light; highlights die faster still.
    return albedo * diffuse * occ + lighting.specular * specular * highlight * occ * occ


def soft_clip(x: torch.Tensor, knee: float = 0.8) -> torch.Tensor:
    """Identity below `knee`, then an exponential shoulder towards 1 (no hard clipping of highlights)."""
    head = 1.0 - knee
    shoulder = knee + head * (1.0 - torch.exp(-(x - knee) / head))
    return torch.where(x > knee, shoulder, x).clamp_min(0.0)


def linear_to_srgb(x: torch.Tensor) -> torch.Tensor:
    """The sRGB transfer curve; x linear in [0,1]."""
    x = x.clamp(0.0, 1.0)
    return torch.where(x <= 0.0031308, 12.92 * x, 1.055 * x.clamp_min(0.0031308).pow(1 / 2.4) - 0.055)


def srgb_to_linear(x: torch.Tensor) -> torch.Tensor:
    x = x.clamp(0.0, 1.0)
    return torch.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055).pow(2.4))
