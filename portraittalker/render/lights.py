"""The key, fill and rim lights of a `scene.Lighting` as float32 arrays, without torch: what the
GL frame path sets as its shader's uniforms (`shading.light_rig` is the torch twin)."""

from __future__ import annotations

import math

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


def lobe_shininess(lighting: Lighting) -> float:
    """The round Blinn-Phong lobe's exponent: soft light -> broad, gentle highlight (torch, GL and
    the strand highlight's energy all read it here)."""
    return 48.0 - 36.0 * float(lighting.softness)


# The strand highlight of hair (`shading.strand_highlight`, `egl_frames`): two Kajiya-Kay lobes,
# Gaussian in cos(T', H) (~ sin(T', H)^p near the peak, and cheaper: one exp2, no pow), T' the
# strand tangent tilted by `shift` towards the normal: the primary (white, from the cuticle) a
# little towards the root, the secondary (through the strand: tinted by the hair's colour,
# broader) further towards the tip, as in Marschner's R and TRT lobes.
HAIR_SHIFTS = (-0.08, 0.16)         # tan of the tilt towards the root (primary) and the tip (secondary)
HAIR_SHARPNESS = (1.0, 0.5)         # Gaussian exponents as multiples of the round lobe's shininess
HAIR_GAINS = (2.5, 1.5)             # each lobe's energy as a multiple of the round lobe's


def _gaussian_band_integral(k: float) -> float:
    """The integral over the hemisphere about the normal of exp(-k cos^2(T, H)), T in the tangent
    plane: pi * integral_-1^1 exp(-k u^2) du."""
    return math.pi * math.sqrt(math.pi / k) * math.erf(math.sqrt(k))


def hair_lobes(lighting: Lighting) -> dict[str, tuple[float, float]]:
    """The strand highlight's constants under `lighting`, for the (primary, secondary) lobe: the
    lobe is exp2(-`exp2_scale` c^2), c = cos(T', H) = (T.H + `shift` N.H) * `inv_len` (T' = T +
    shift N, normalised), times `norm`, which gives it `HAIR_GAINS` times the energy of the round
    Blinn-Phong lobe it replaces (its highlight on a plastic surface)."""
    shininess = lobe_shininess(lighting)
    round_energy = (shininess + 8.0) / (8.0 * 3.14159265) * 2.0 * math.pi / (shininess + 1.0)
    sharp = tuple(k * shininess for k in HAIR_SHARPNESS)
    return {
        "exp2_scale": tuple(k / math.log(2.0) for k in sharp),
        "shift": HAIR_SHIFTS,
        "inv_len": tuple(1.0 / math.sqrt(1.0 + s * s) for s in HAIR_SHIFTS),
        "norm": tuple(g * round_energy / _gaussian_band_integral(k) for g, k in zip(HAIR_GAINS, sharp)),
    }
