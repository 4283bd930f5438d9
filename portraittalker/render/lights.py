"""The key, fill and rim lights of a `scene.Lighting` as float32 arrays, without torch: what the
GL frame path sets as its shader's uniforms (`shading.light_rig` is the torch twin)."""

from __future__ import annotations

import numpy as np

from ..rounding import norm3
from ..scene import Lighting


def light_rig(lighting: Lighting) -> tuple[np.ndarray, np.ndarray]:
    """Unit directions [3,3] and linear radiance [3,3] float32 of the key, fill and rim lights (rows)."""
    lights = (lighting.key, lighting.fill, lighting.rim)
    directions = np.array([light.direction for light in lights], dtype=np.float32)
    radiance = np.array([[c * light.intensity for c in light.color] for light in lights], dtype=np.float32)
    # Divided by the length as torch's F.normalize rounds it: the same directions to the bit (tested).
    return directions / np.maximum(norm3(directions), np.float32(1e-12))[:, None], radiance
