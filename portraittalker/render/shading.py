"""Lambert + soft specular under a key/fill/rim rig, and the linear -> display transform.

Light directions and colours come from `portraittalker.scene.Lighting` (head space, linear
RGB). `softness` wraps the diffuse term around the terminator (a soft-box look) and widens
the highlight; `specular` scales the highlight, which the appearance modulates per point.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ..scene import Lighting
from .lights import hair_lobes, lobe_shininess


def light_rig(lighting: Lighting, like: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Unit directions [3,3] and linear radiance [3,3] of the key, fill and rim lights (rows)."""
    lights = (lighting.key, lighting.fill, lighting.rim)
    directions = torch.tensor([light.direction for light in lights], dtype=like.dtype, device=like.device)
    radiance = torch.tensor([[c * light.intensity for c in light.color] for light in lights], dtype=like.dtype, device=like.device)
    return F.normalize(directions, dim=-1), radiance


def shade(
    albedo: torch.Tensor,
    specular: torch.Tensor,
    normal: torch.Tensor,
    view_dir: torch.Tensor,
    lighting: Lighting,
    occlusion: torch.Tensor | None = None,
    tangent: torch.Tensor | None = None,
) -> torch.Tensor:
    """Outgoing linear radiance [N,3].

    albedo [N,3] linear RGB, specular [N,1] in [0,1] (per-point highlight strength),
    normal [N,3] and view_dir [N,3] unit vectors (view_dir points from the surface to the
    camera), occlusion [N,1] ambient/cavity visibility in [0,1] (1 = open surface).
    All three lights are evaluated together: [N,3 lights] terms, then one matmul to RGB.
    tangent [N,3] (`hair_strands`: the strand direction, its length the share of the strand
    highlight): where it is not zero the round highlight gives way to the strand highlight
    (`strand_highlight`); elsewhere every value is as without it, to the bit.
    """
    directions, radiance = light_rig(lighting, albedo)
    wrap = float(lighting.softness)
    shininess = lobe_shininess(lighting)
    norm = (shininess + 8.0) / (8.0 * 3.14159265)  # energy-normalised Blinn-Phong lobe
    n_dot_l = normal @ directions.T  # [N,3 lights]
    lambert = ((n_dot_l + wrap) * (1.0 / (1.0 + wrap))).clamp_min(0.0)
    half = F.normalize(directions[None] + view_dir[:, None], dim=-1)  # [N,3 lights,3]
    n_dot_h = (half @ normal[:, :, None])[..., 0].clamp_min(0.0)
    lobe = n_dot_h.pow(shininess) * (norm * n_dot_l.clamp_min(0.0))
    ambient = torch.tensor(lighting.ambient, dtype=albedo.dtype, device=albedo.device)
    diffuse = lambert @ radiance + ambient
    highlight = lobe @ radiance
    if tangent is not None:
        rows = torch.nonzero(tangent.abs().amax(dim=-1) > 0, as_tuple=True)[0]
        if rows.numel():
            hair = strand_highlight(albedo[rows], normal[rows], tangent[rows], half[rows], n_dot_l[rows], radiance,
                                    lighting, highlight[rows])
            highlight = highlight.index_copy(0, rows, hair)
    occ = torch.ones_like(albedo[:, :1]) if occlusion is None else occlusion
    # Cavities lose both sky (ambient) and most direct light; highlights die faster still.
    return occ * (albedo * diffuse + (lighting.specular * occ * specular) * highlight)


def strand_highlight(albedo, normal, tangent, half, n_dot_l, radiance, lighting: Lighting, round_highlight):
    """Kajiya-Kay highlight of hair [N,3], blended with the `round_highlight` [N,3] by the length
    of the `tangent` [N,3] in the shading plane (up to 1: `hair_strands` scales it by the style's
    anisotropy and how sure the direction is). Two lobes (`lights.hair_lobes`): a white one
    shifted towards the root, and (of the key light only) a broader one tinted by sqrt(albedo)
    shifted towards the tip.
    half [N,3 lights,3], n_dot_l [N,3 lights]; `egl_frames._SHADE` is the GL twin."""
    k = hair_lobes(lighting)
    along = tangent - normal * (tangent * normal).sum(-1, keepdim=True)
    length = along.norm(dim=-1, keepdim=True)
    t = along / length.clamp_min(1e-12)
    t_dot_h = (half @ t[:, :, None])[..., 0]  # [N,3 lights]
    n_dot_h = (half @ normal[:, :, None])[..., 0]
    lit = n_dot_l.clamp_min(0.0)
    c = (t_dot_h + k["shift"][0] * n_dot_h) * k["inv_len"][0]
    primary = torch.exp2(-k["exp2_scale"][0] * (c * c)) * (k["norm"][0] * lit)
    # the secondary lobe of the key light alone (the fill's and rim's add little)
    c = (t_dot_h[:, :1] + k["shift"][1] * n_dot_h[:, :1]) * k["inv_len"][1]
    secondary = torch.exp2(-k["exp2_scale"][1] * (c * c)) * (k["norm"][1] * lit[:, :1])
    hair = primary @ radiance + albedo.clamp_min(1e-6).sqrt() * (secondary * radiance[:1])
    return round_highlight + length.clamp(max=1.0) * (hair - round_highlight)


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
