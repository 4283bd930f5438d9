"""Texture layout for a mesh without UVs: one small chart per triangle.

Triangles are laid out in pairs, one pair per square cell of a regular grid: the first of a
pair fills the lower-left half of its cell, the second the upper-right half. Every texel of
the image then belongs to exactly one triangle (the half of the cell it lies in) and is
coloured from the nearest point of that triangle, so the unused margins around each chart
repeat its border colour. The charts are inset from the cell border and from the cell's
diagonal by at least one texel (`AtlasMargins`), so bilinear filtering at a chart's edge
only ever reads texels of that same triangle: no colour bleeds between unrelated triangles.

Coordinates: texel (row, col) covers uv [col, col+1] x [row, row+1] / size, with uv (0, 0)
at the top-left of the image (glTF's convention, row 0 first in the file).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import PortraitTalkerError


@dataclass(frozen=True)
class AtlasMargins:
    """Insets of each chart inside its cell, in texels."""

    border_texels: float = 1.0  # from the cell's edges (bilinear reads one texel out)
    diagonal_texels: float = 2.0  # between the two charts of a cell, measured along u + v


MIN_CELL_TEXELS = 6  # below this a chart is a few texels: refuse rather than export mush


@dataclass(frozen=True)
class TriangleAtlas:
    """corner_uv [F,3,2] in [0,1] (u right, v down); `size` texels square; `cell` texels per cell."""

    corner_uv: np.ndarray
    size: int
    cell: int
    cells_per_row: int
    margins: AtlasMargins | None = None


def _chart_corners(cell: int, margins: AtlasMargins) -> np.ndarray:
    """[2,3,2] texel-space corners (x, y) of the lower-left and upper-right chart in a cell."""
    m, d = margins.border_texels, margins.diagonal_texels
    s = float(cell)
    lower = [(m, m), (s - m - d, m), (m, s - m - d)]
    upper = [(s - m, s - m), (m + d, s - m), (s - m, m + d)]
    return np.array([lower, upper], dtype=np.float64)


def triangle_atlas(num_faces: int, size: int = 2048, margins: AtlasMargins = AtlasMargins()) -> TriangleAtlas:
    """Lay out `num_faces` triangles on a `size` x `size` texture (largest cells that fit)."""
    pairs = (num_faces + 1) // 2
    per_row = int(np.ceil(np.sqrt(max(pairs, 1))))
    cell = size // per_row
    if cell < MIN_CELL_TEXELS:
        raise PortraitTalkerError(
            f"texture of {size} px is too small for {num_faces} triangles ({cell} px per cell); "
            f"raise the texture size")
    corners = _chart_corners(cell, margins)
    face = np.arange(num_faces)
    pair, half = face // 2, face % 2
    origin = np.stack([pair % per_row, pair // per_row], axis=-1).astype(np.float64) * cell  # x, y
    texel_xy = origin[:, None, :] + corners[half]  # [F,3,2]
    return TriangleAtlas((texel_xy / size).astype(np.float32), size, cell, per_row, margins)


def texel_samples(atlas: TriangleAtlas) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which triangle, and where in it, every texel shows.

    Returns face [N] int, barycentrics [N,3] (non-negative, summing to 1) and the flat texel
    index [N] (row * size + col) of the N texels inside used cells; other texels stay unused.
    Every cell has the same layout, so one cell's table is computed and tiled.
    """
    size, cell, per_row = atlas.size, atlas.cell, atlas.cells_per_row
    num_faces = atlas.corner_uv.shape[0]
    local_y, local_x = np.mgrid[0:cell, 0:cell]
    half = (local_x + 0.5 + local_y + 0.5 > cell).reshape(-1).astype(np.int64)  # [C] 0 lower, 1 upper
    centre = np.stack([local_x + 0.5, local_y + 0.5], axis=-1).reshape(-1, 2)
    corners = _chart_corners(cell, atlas.margins or AtlasMargins())
    bary_cell = _clamped_barycentrics(centre, corners[half])  # [C,3]
    offset_cell = (local_y * size + local_x).reshape(-1)  # [C] flat offset inside the image
    pairs = np.arange((num_faces + 1) // 2)
    cell_origin = (pairs // per_row) * cell * size + (pairs % per_row) * cell  # [P]
    face = (2 * pairs[:, None] + half[None, :]).reshape(-1)
    flat = (cell_origin[:, None] + offset_cell[None, :]).reshape(-1)
    bary = np.broadcast_to(bary_cell, (len(pairs),) + bary_cell.shape).reshape(-1, 3)
    used = face < num_faces  # an odd face count leaves the last cell's upper half empty
    return face[used], bary[used], flat[used]


def _clamped_barycentrics(points: np.ndarray, tri: np.ndarray) -> np.ndarray:
    """Barycentrics [N,3] of the nearest point of triangle tri [N,3,2] to points [N,2]."""
    a, b, c = tri[:, 0], tri[:, 1], tri[:, 2]
    v0, v1, v2 = b - a, c - a, points - a
    d00, d01, d11 = (v0 * v0).sum(-1), (v0 * v1).sum(-1), (v1 * v1).sum(-1)
    d20, d21 = (v2 * v0).sum(-1), (v2 * v1).sum(-1)
    denom = d00 * d11 - d01 * d01
    wb = (d11 * d20 - d01 * d21) / denom
    wc = (d00 * d21 - d01 * d20) / denom
    bary = np.stack([1.0 - wb - wc, wb, wc], axis=-1)
    outside = (bary < 0).any(-1)
    if outside.any():
        bary[outside] = _nearest_on_edges(points[outside], tri[outside])
    return bary.astype(np.float32)


def _nearest_on_edges(points: np.ndarray, tri: np.ndarray) -> np.ndarray:
    """For points outside their triangle: barycentrics of the closest point on its edges."""
    best = np.full(points.shape[0], np.inf)
    out = np.zeros((points.shape[0], 3))
    for i, j in ((0, 1), (1, 2), (2, 0)):
        p, q = tri[:, i], tri[:, j]
        edge = q - p
        t = np.clip(((points - p) * edge).sum(-1) / np.maximum((edge * edge).sum(-1), 1e-20), 0.0, 1.0)
        dist = ((p + t[:, None] * edge - points) ** 2).sum(-1)
        closer = dist < best
        best = np.where(closer, dist, best)
        bary = np.zeros_like(out)
        bary[:, i], bary[:, j] = 1.0 - t, t
        out[closer] = bary[closer]
    return out
