"""Freckles (ephelides) as round spots scattered over the face's surface.

Freckles are many small soft spots, 1-4 mm across, light tan to brown and of varied strength,
densest across the nose bridge and the upper cheeks (a butterfly), sparser on the forehead and
chin, none on the lips or lids. Cut from 3D noise and distilled into the tri-grid, they came out
sparse, dark and streaked: a tri-grid sums three axis-aligned planes, so a dot a texel across has
to be drawn by a plane's texel, which is a line through space (along y for the xz plane), and
cut the face's surface in a streak wherever the surface runs along that line (beside the nose).

So the spots are data, not field: `scatter_freckles` samples their centres on the head's
surface (area-uniform, thinned by `butterfly_density`), each with its own radius and strength,
and `freckle_cover` splats them by 3D distance wherever the appearance is decoded: round on the
surface whichever way it faces, as sharp as the bake's lattice. `parts.PartShader` lays them on
the avatar's skin, `paint.PriorTarget.skin` on the painted target (the same spots), so the
tri-grid under them learns the skin alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import torch
from torch import Tensor

if TYPE_CHECKING:
    from .paint import FaceAnchors


@dataclass(frozen=True)
class FreckleTable:
    """How a face's freckles are scattered and shaded (metres, shares)."""

    count: int = 320                      # spots over a whole face (most in the butterfly)
    radius_m: tuple[float, float] = (0.0006, 0.002)    # 1.2-4 mm across, log-uniform (more small ones); a
    #                                                    smaller one is a lattice point or two of a bake (0.85 mm)
    strength: tuple[float, float] = (0.3, 0.85)        # share of the tint each spot takes at its centre
    core: float = 0.35                    # full strength out to this share of the radius ...
    edge: float = 1.3                     # ... fading to none at this share (a soft edge)
    spacing: float = 0.9                  # centres at least this share of their radii's sum apart
    # the butterfly: a band down the nose bridge and a wing over each upper cheek (front view,
    # from the eye centres: half widths and drop below the eyes), over a thin base elsewhere
    bridge_half_m: tuple[float, float] = (0.011, 0.016)     # |x|, y about its centre
    bridge_drop_m: float = 0.016
    wing_half_m: tuple[float, float] = (0.024, 0.016)
    wing_drop_m: float = 0.026
    wing_out: float = 0.95                # wing centre at this share of the eye centre's |x|
    base: float = 0.12                    # density on the rest of the face (forehead, chin)
    lid_clear_m: float = 0.007            # none within this of the eyeball's sphere (lids)
    lip_clear_m: float = 0.003            # nor this close to the lips
    face_depth_m: float = 0.055           # only on the front of the face: this far behind the nose tip at most
    forehead_top_m: float = 0.05          # up to this far above the brows


FRECKLES = FreckleTable()
FRECKLE_TINT = (0.72, 0.58, 0.45)   # a full-strength freckle's colour as a share of the skin's: tan-brown


@dataclass(frozen=True)
class FreckleSpots:
    """Spot centres [K,3] (head metres), radii [K] (m), strengths [K] in [0,1]; plain data."""

    centres: np.ndarray
    radii: np.ndarray
    strengths: np.ndarray
    tint: tuple[float, float, float] = FRECKLE_TINT

    def to_dict(self) -> dict:
        return {"centres": np.asarray(self.centres, np.float64).round(6).tolist(),
                "radii": np.asarray(self.radii, np.float64).round(7).tolist(),
                "strengths": np.asarray(self.strengths, np.float64).round(4).tolist(), "tint": list(self.tint)}

    @classmethod
    def from_dict(cls, d: dict) -> "FreckleSpots":
        return cls(np.asarray(d["centres"], np.float64).reshape(-1, 3), np.asarray(d["radii"], np.float64),
                   np.asarray(d["strengths"], np.float64), tuple(float(c) for c in d.get("tint", FRECKLE_TINT)))  # type: ignore[arg-type]


def butterfly_density(p: np.ndarray, anchors: "FaceAnchors", eye_radius: float,
                      table: FreckleTable = FRECKLES) -> np.ndarray:
    """[N] relative freckle density in [0,1] at points [N,3]: the nose bridge and upper cheeks
    full, the rest of the face's front `table.base`, none on the lids, behind the face or above
    the forehead."""
    t = table
    eyes = [np.asarray(c, np.float64) for c in anchors.eye_centers]
    eye_y = 0.5 * (eyes[0][1] + eyes[1][1])
    x, y = p[:, 0], p[:, 1]
    bx, by = t.bridge_half_m
    bridge = np.exp(-0.5 * ((x / bx) ** 2 + ((y - (eye_y - t.bridge_drop_m)) / by) ** 2))
    wx, wy = t.wing_half_m
    wings = [np.exp(-0.5 * (((x - t.wing_out * e[0]) / wx) ** 2 + ((y - (eye_y - t.wing_drop_m)) / wy) ** 2))
             for e in eyes]
    d = np.maximum.reduce([bridge, *wings])
    d = t.base + (1 - t.base) * d
    lids = np.min([np.linalg.norm(p - e, axis=1) for e in eyes], axis=0) < eye_radius + t.lid_clear_m
    nose = np.asarray(anchors.nose_tip, np.float64)
    front = (p[:, 2] > nose[2] - t.face_depth_m) & (y < anchors.brow_y + t.forehead_top_m)
    return np.where(lids | ~front, 0.0, d)


def scatter_freckles(verts: np.ndarray, faces: np.ndarray, density, seed: int,
                     table: FreckleTable = FRECKLES, candidates: int = 60000) -> FreckleSpots:
    """Spots on the surface of `faces` (of `verts`): candidates area-uniform over the faces, kept
    in proportion to `density(points [N,3]) -> [N]` in [0,1], up to `table.count` spots none of
    which overlaps an earlier one by more than `table.spacing` allows (seeded, deterministic)."""
    t = table
    rng = np.random.default_rng(seed)
    empty = FreckleSpots(np.zeros((0, 3)), np.zeros(0), np.zeros(0))
    if not len(faces):
        return empty
    tri = np.asarray(verts, np.float64)[np.asarray(faces)]
    area = 0.5 * np.linalg.norm(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]), axis=1)
    if area.sum() <= 0:
        return empty
    face = rng.choice(len(faces), size=candidates, p=area / area.sum())
    u, v = rng.random(candidates), rng.random(candidates)
    flip = u + v > 1
    u[flip], v[flip] = 1 - u[flip], 1 - v[flip]
    pts = tri[face, 0] + u[:, None] * (tri[face, 1] - tri[face, 0]) + v[:, None] * (tri[face, 2] - tri[face, 0])
    keep = rng.random(candidates) < np.asarray(density(pts), np.float64)
    pts = pts[keep]
    lo, hi = np.log(t.radius_m[0]), np.log(t.radius_m[1])
    radii = np.exp(lo + (hi - lo) * rng.random(len(pts)))
    strengths = t.strength[0] + (t.strength[1] - t.strength[0]) * rng.random(len(pts))
    chosen: list[int] = []
    for i in range(len(pts)):   # dart throwing in the candidates' random order
        if len(chosen) >= t.count:
            break
        if chosen:
            c = np.asarray(chosen)
            if (np.linalg.norm(pts[c] - pts[i], axis=1) < t.spacing * (radii[c] + radii[i])).any():
                continue
        chosen.append(i)
    c = np.asarray(chosen, np.int64)
    return FreckleSpots(pts[c], radii[c], strengths[c])


def freckle_cover(points: Tensor, spots: FreckleSpots, table: FreckleTable = FRECKLES) -> Tensor:
    """[N] in [0,1]: how much freckle lies at points [N,3] (head metres), by each point's 3D
    distance to the nearest spots' centres: a spot's strength out to `table.core` of its radius,
    fading smoothly to none at `table.edge` of it; overlapping spots take the stronger."""
    out = torch.zeros(len(points))
    if not len(spots.radii) or not len(points):
        return out
    from scipy.spatial import cKDTree

    p = points.detach().cpu().double().numpy()
    reach = float(spots.radii.max()) * table.edge
    k = min(4, len(spots.radii))
    d, i = cKDTree(spots.centres).query(p, k=k, distance_upper_bound=reach)
    d, i = d.reshape(len(p), k), i.reshape(len(p), k)
    found = i < len(spots.radii)
    i = np.where(found, i, 0)
    s = (d / spots.radii[i] - table.core) / (table.edge - table.core)
    s = np.clip(np.where(found, s, 1.0), 0.0, 1.0)
    fall = 1.0 - s * s * (3 - 2 * s)
    cover = (fall * spots.strengths[i]).max(axis=1)
    return torch.as_tensor(cover, dtype=torch.float32)


def freckled(colour: Tensor, cover: Tensor, tint: tuple[float, float, float] = FRECKLE_TINT) -> Tensor:
    """Linear colours [N,3] with freckles of `cover` [N] laid on: multiplied towards `tint`."""
    return colour * (1 - cover[:, None].to(colour) * (1 - torch.tensor(tint, dtype=colour.dtype, device=colour.device)))
