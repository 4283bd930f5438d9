"""The key, fill and rim lights of a `scene.Lighting` as float32 arrays, without torch: what the
GL frame path sets as its shader's uniforms (`shading.light_rig` is the torch twin)."""

from __future__ import annotations

import numpy as np

from ..scene import Lighting


def _norm_like_torch(v: np.ndarray) -> np.ndarray:
    """|v| [N] of float32 rows v [N,3] rounded as torch's CPU kernel rounds it (a fused
    multiply-add chain), so the directions match `F.normalize`'s to the bit (tested)."""
    x = v.astype(np.float64)
    acc = (x[:, 0] * x[:, 0]).astype(np.float32)
    for k in (1, 2):  # fma(x, x, acc): the exact product plus the sum, rounded once
        acc = (acc.astype(np.float64) + x[:, k] * x[:, k]).astype(np.float32)
    return np.sqrt(acc)


def light_rig(lighting: Lighting) -> tuple[np.ndarray, np.ndarray]:
    """Unit directions [3,3] and linear radiance [3,3] float32 of the key, fill and rim lights (rows)."""
    lights = (lighting.key, lighting.fill, lighting.rim)
    directions = np.array([light.direction for light in lights], dtype=np.float32)
    radiance = np.array([[c * light.intensity for c in light.color] for light in lights], dtype=np.float32)
    return directions / np.maximum(_norm_like_torch(directions), np.float32(1e-12))[:, None], radiance
