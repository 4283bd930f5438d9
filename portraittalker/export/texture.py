"""Bake an avatar's appearance field into a base-colour texture on a texture layout.

Every used texel is decoded exactly (no intermediate lattice): its triangle and barycentrics
come from the layout, its canonical surface point is the barycentric mix of the triangle's
rest-pose corners, and the tri-grid's albedo there (linear RGB) is stored sRGB-encoded, as
glTF's baseColorTexture expects.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import torch

from ..render.baked import decode
from ..render.shading import linear_to_srgb
from .layout import TextureLayout, layout_texels

AppearanceFn = Callable[[torch.Tensor], tuple[torch.Tensor, torch.Tensor]]

UNUSED_TEXEL_SRGB = (128, 128, 128)  # texels outside every chart (never sampled)
DECODE_CHUNK = 1 << 17  # points per appearance call: bounded memory on a laptop


def bake_base_colour(
    appearance_fn: AppearanceFn,
    verts_canonical: np.ndarray,
    faces: np.ndarray,
    layout: TextureLayout,
    progress: Callable | None = None,
) -> np.ndarray:
    """uint8 [size,size,3] sRGB base colour of the mesh (verts [V,3], faces [F,3]) on `layout`
    (a `render.baked.ByFace` function is also given each texel's face)."""
    face, bary, flat = layout_texels(layout)
    corners = np.asarray(verts_canonical, np.float32)[np.asarray(faces)[face]]  # [N,3,3]
    points = torch.from_numpy(np.einsum("nk,nkc->nc", bary, corners).astype(np.float32))
    colours = np.empty((points.shape[0], 3), np.uint8)
    starts = range(0, points.shape[0], DECODE_CHUNK)
    with torch.no_grad():
        for start in progress(starts) if progress else starts:
            albedo, _ = decode(appearance_fn, points[start:start + DECODE_CHUNK], face[start:start + DECODE_CHUNK])
            srgb = linear_to_srgb(albedo.float().clamp(0.0, 1.0))
            colours[start:start + DECODE_CHUNK] = (srgb * 255.0 + 0.5).to(torch.uint8).numpy()
    image = np.empty((layout.size * layout.size, 3), np.uint8)
    image[:] = UNUSED_TEXEL_SRGB
    image[flat] = colours
    return image.reshape(layout.size, layout.size, 3)
