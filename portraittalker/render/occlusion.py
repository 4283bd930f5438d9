"""How much light reaches surfaces inside the head: the mouth's regions by depth, and back faces
seen through an opening (both per vertex, once per head; which side is seen, per fragment).
Numpy, no torch: the torch renderer and the playback path read the same numbers."""

from __future__ import annotations

import numpy as np

# Ambient/direct visibility of regions that sit inside the mouth; everything else is 1.
# A pair (front, back) fades with depth inside the region: incisors catch light, molars do not.
# The tongue lies under the palate and behind the teeth: lit at 0.45 it filled an open mouth
# with flat pink, where a photographed mouth reads as a dark opening (and the standard face
# landmarker's lip contour lost the elderly demo woman's small openings: r 0.871 -> 0.900).
CAVITY_OCCLUSION: dict[str, float | tuple[float, float]] = {
    "mouth_cavity": 0.04, "teeth": (0.7, 0.12), "tongue": (0.2, 0.05),
    "braces": 0.7, "teeth_gold": 0.7, "teeth_silver": 0.7}   # on the front teeth: lit as their fronts are
# Surfaces seen from their back side are inside the head (through the open mouth of a head
# without a modelled mouth cavity, e.g. real FLAME): keep only a little light on them.
BACKFACE_OCCLUSION = 0.1
# ... except the inside of clothes and head coverings, seen over a shoulder through a wide
# neckline or at a scarf's edge: in shade, not black (at 0.1 the inside of the back of a scoop
# neck showed as a dark sliver on both shoulders).
INTERIOR_OCCLUSION: dict[str, float] = {"cloth": 0.5, "cloth_inner": 0.5, "tie": 0.5, "headwear": 0.5}


def cavity_occlusion(head) -> np.ndarray:
    """Per-vertex visibility [V] of `head` (a HeadModel, or anything with v_template, regions and
    region_names) from its region labels (1 where none are given)."""
    occ = np.ones(len(head.v_template), dtype=np.float32)
    regions, names = getattr(head, "regions", None), getattr(head, "region_names", None)
    if regions is None or names is None:
        return occ
    z = np.asarray(head.v_template)[:, 2]
    for name, value in CAVITY_OCCLUSION.items():
        if name not in names:
            continue
        mask = np.asarray(regions) == names.index(name)
        if not mask.any():
            continue
        if isinstance(value, tuple):
            front, back = value
            depth = (z[mask].max() - z[mask]) / max(float(np.ptp(z[mask])), 1e-6)  # 0 front .. 1 back
            occ[mask] = front + (back - front) * np.sqrt(depth)
        else:
            occ[mask] = value
    return occ


def surface_occlusion(head) -> np.ndarray:
    """Per-vertex visibility [V, 2] of `head`: of its front side (`cavity_occlusion`) and of its
    back side, seen through an opening (BACKFACE_OCCLUSION of that; INTERIOR_OCCLUSION in clothes)."""
    front = cavity_occlusion(head)
    back = front * BACKFACE_OCCLUSION
    regions, names = getattr(head, "regions", None), getattr(head, "region_names", None)
    if regions is not None and names is not None:
        for name, value in INTERIOR_OCCLUSION.items():
            if name in names:
                mask = np.asarray(regions) == names.index(name)
                back[mask] = front[mask] * value
    return np.stack([front, back], axis=1)


def occlusion_pairs(occlusion: np.ndarray) -> np.ndarray:
    """[V, 2] (front, back) from a stored [V, 2], or from a [V] front-only one (files baked before
    the back side had its own): its back, BACKFACE_OCCLUSION of the front."""
    occ = np.asarray(occlusion, np.float32)
    return occ if occ.ndim == 2 else np.stack([occ, occ * BACKFACE_OCCLUSION], axis=1)
