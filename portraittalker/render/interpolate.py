"""Torch primitives shared by every backend: attribute interpolation, texture lookup and
silhouette antialiasing. All are differentiable with respect to the attributes/colours
(the raster itself is a constant, as in nvdiffrast without `rast_db`).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass(frozen=True)
class Fragments:
    """The covered pixels of a raster, flattened: N fragments across the batch.

    batch, row, col: [N] long; tri: [N] long (0-based face index); bary: [N,3] corner
    weights; pixel: [N] long flat index b*H*W + row*W + col (for cheap 1-D gathers).
    """

    batch: torch.Tensor
    row: torch.Tensor
    col: torch.Tensor
    tri: torch.Tensor
    bary: torch.Tensor
    pixel: torch.Tensor

    @property
    def count(self) -> int:
        return int(self.tri.shape[0])


def fragments(rast: torch.Tensor) -> Fragments:
    """rast [B,H,W,4] -> the covered pixels (triangle_id > 0) with their barycentrics."""
    _, height, width, _ = rast.shape
    flat = rast.reshape(-1, 4)
    pixel = torch.nonzero(flat[:, 3] > 0, as_tuple=True)[0]
    hit = flat[pixel]
    batch, rem = pixel // (height * width), pixel % (height * width)
    u, v = hit[:, 0], hit[:, 1]
    bary = torch.stack([u, v, 1.0 - u - v], dim=-1)
    return Fragments(batch, rem // width, rem % width, hit[:, 3].long() - 1, bary, pixel)


def interpolate_fragments(attr: torch.Tensor, frags: Fragments, tri: torch.Tensor) -> torch.Tensor:
    """Attributes at the fragments. attr [V,C] (shared) or [B,V,C] (per image) -> [N,C]."""
    corners = tri.long()[frags.tri]  # [N,3]
    if attr.ndim == 3:  # per-image attributes: offset into the flattened [B*V,C] table
        corners = corners + (frags.batch * attr.shape[1])[:, None]
        attr = attr.reshape(-1, attr.shape[-1])
    bary = frags.bary.to(attr.dtype)
    return bary[:, 0:1] * attr[corners[:, 0]] + bary[:, 1:2] * attr[corners[:, 1]] + bary[:, 2:3] * attr[corners[:, 2]]


def scatter_fragments(values: torch.Tensor, frags: Fragments, shape: tuple[int, int, int]) -> torch.Tensor:
    """Fragment values [N,C] into an image [B,H,W,C], zero elsewhere (differentiable)."""
    out = values.new_zeros((*shape, values.shape[-1]))
    return out.index_put((frags.batch, frags.row, frags.col), values)


def interpolate(attr: torch.Tensor, rast: torch.Tensor, tri: torch.Tensor) -> torch.Tensor:
    """nvdiffrast's `interpolate`: attr [V,C] or [B,V,C], rast [B,H,W,4] -> [B,H,W,C]
    (zero where no triangle covers the pixel)."""
    frags = fragments(rast)
    values = interpolate_fragments(attr, frags, tri)
    return scatter_fragments(values, frags, tuple(rast.shape[:3]))


def texture(tex: torch.Tensor, uv: torch.Tensor) -> torch.Tensor:
    """Bilinear texture lookup with nvdiffrast's conventions: tex [B,Ht,Wt,C], uv [B,H,W,2] in
    [0,1] with (0,0) at the first texel row's outer corner -> [B,H,W,C]. Clamps at the border."""
    grid = uv * 2.0 - 1.0  # grid_sample with align_corners=False puts texel centres where nvdiffrast does
    out = F.grid_sample(tex.permute(0, 3, 1, 2), grid, mode="bilinear", padding_mode="border", align_corners=False)
    return out.permute(0, 2, 3, 1)


_NEIGHBOURS = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1))


def antialias(color: torch.Tensor, mask: torch.Tensor, coverage: torch.Tensor, background: torch.Tensor) -> torch.Tensor:
    """Blend the foreground over the background by each pixel's geometric coverage.

    color [B,H,W,C] foreground colour (valid where `mask`), mask [B,H,W] bool (pixel centre
    covered), coverage [B,H,W] in [0,1] (multi-sample area fraction), background
    broadcastable to [B,H,W,C]. Edge pixels whose centre missed the mesh but whose area is
    partly covered borrow the mean colour of their covered 8-neighbours (a sub-pixel sliver
    with no covered neighbour is dropped). Only those edge pixels are gathered, so the cost
    is one dense blend. Differentiable in `color` and `background`.
    """
    batch, height, width = mask.shape
    b, y, x = torch.nonzero((coverage > 0) & ~mask, as_tuple=True)
    total = color.new_zeros((b.shape[0], color.shape[-1]))
    count = color.new_zeros((b.shape[0], 1))
    for dy, dx in _NEIGHBOURS:
        yy, xx = (y + dy).clamp(0, height - 1), (x + dx).clamp(0, width - 1)
        inside = ((y + dy >= 0) & (y + dy < height) & (x + dx >= 0) & (x + dx < width) & mask[b, yy, xx])[:, None]
        total = total + color[b, yy, xx] * inside
        count = count + inside
    fg = color.index_put((b, y, x), total / count.clamp_min(1.0))
    alpha = coverage.index_put((b, y, x), torch.where(count[:, 0] > 0, coverage[b, y, x], 0.0))
    alpha = alpha[..., None].to(color.dtype)
    return alpha * fg + (1.0 - alpha) * background
