"""Sparse compositing of shaded fragments over the backdrop, with silhouette antialiasing.

The same rule as `interpolate.antialias` (blend by multi-sample coverage, edge pixels whose
centre missed borrow their covered neighbours' colour), but evaluated only where there is
something to do: the backdrop is encoded once per call and copied, interior fragments are
written directly, and only rim pixels are blended. On a CPU this is several times faster
than dense full-frame passes, because a portrait's subject covers a fraction of the frame.

Given each coverage sample's surface (`Rasterizer.surface_samples`), edges inside the
silhouette are antialiased too: where hair lies over the forehead or the lips over the teeth,
a pixel's samples that see the other surface take that surface's colour from the neighbours
whose centre lies on it, so the edge is blended by the same sample counts as the silhouette.
"""

from __future__ import annotations

from typing import Callable

import torch

from .interpolate import Fragments

_NEIGHBOURS = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1))


def fragment_index(frags: Fragments, shape: tuple[int, int, int]) -> torch.Tensor:
    """[B,H,W] long map from pixel to fragment number (-1 where uncovered)."""
    index = torch.full(shape, -1, dtype=torch.long, device=frags.tri.device)
    index.view(-1)[frags.pixel] = torch.arange(frags.count, device=index.device)
    return index


def rim_colours(values: torch.Tensor, index: torch.Tensor, b: torch.Tensor, y: torch.Tensor, x: torch.Tensor,
                own_values: torch.Tensor | None = None):
    """For rim pixels (b, y, x): their own fragment's value (from `own_values` if given), or else
    the mean of their covered 8-neighbours'. Returns (colour [M,C], has_colour [M] bool)."""
    _, height, width = index.shape
    own = index[b, y, x]
    total = values.new_zeros((b.shape[0], values.shape[-1]))
    count = values.new_zeros((b.shape[0], 1))
    for dy, dx in _NEIGHBOURS:
        yy, xx = y + dy, x + dx
        inside = (yy >= 0) & (yy < height) & (xx >= 0) & (xx < width)
        n = torch.where(inside, index[b, yy.clamp(0, height - 1), xx.clamp(0, width - 1)], -1)
        valid = (n >= 0)[:, None]
        total = total + values[n.clamp_min(0)] * valid
        count = count + valid
    borrowed = total / count.clamp_min(1.0)
    has_own = (own >= 0)[:, None]
    colour = torch.where(has_own, (values if own_values is None else own_values)[own.clamp_min(0)], borrowed)
    return colour, (has_own | (count > 0))[:, 0]


def surface_edge_colours(values: torch.Tensor, index: torch.Tensor, centre: torch.Tensor, samples: torch.Tensor,
                         b: torch.Tensor, y: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """For pixels (b, y, x) whose centre is covered: the mean over their covered samples of what
    each sees. A sample on the centre's surface (or on no labelled one) sees the pixel's own
    fragment; one on another surface, the mean of the 8-neighbours whose centre lies on that
    surface (the own fragment if none does). values [N,C] per fragment; index [B,H,W] fragment
    per pixel (-1 none); centre [B,H,W] the centre's surface label (0 none, negative on a face
    turned away: never borrowed from); samples [B,H,W,S] (`Rasterizer.surface_samples`).
    Returns [M,C]."""
    _, height, width = index.shape
    own = values[index[b, y, x]]
    seen = samples[b, y, x]
    other = (seen > 0) & (seen != centre[b, y, x][:, None])
    total = values.new_zeros(seen.shape + values.shape[-1:])
    found = values.new_zeros(seen.shape)
    for dy, dx in _NEIGHBOURS:
        yy, xx = (y + dy).clamp(0, height - 1), (x + dx).clamp(0, width - 1)
        inside = (y + dy >= 0) & (y + dy < height) & (x + dx >= 0) & (x + dx < width)
        label = torch.where(inside, centre[b, yy, xx], 0)  # > 0 only on a covered centre facing the camera
        hit = (other & (label[:, None] == seen)).to(values.dtype)
        total = total + hit[..., None] * values[index[b, yy, xx].clamp_min(0)][:, None, :]
        found = found + hit
    per_sample = torch.where((found > 0)[..., None], total / found.clamp_min(1.0)[..., None], own[:, None, :])
    covered = (seen != 0).to(values.dtype)
    return (per_sample * covered[..., None]).sum(1) / covered.sum(1, keepdim=True)


def composite(
    radiance: torch.Tensor,
    frags: Fragments,
    coverage: torch.Tensor,
    backdrop: torch.Tensor,
    post: torch.Tensor,
    encode: Callable[[torch.Tensor], torch.Tensor],
    samples: torch.Tensor | None = None,
    fragment_labels: torch.Tensor | None = None,
) -> torch.Tensor:
    """Final pictures [B,H,W,3].

    radiance [N,3] linear colour per fragment; coverage [B,H,W] sample fraction; backdrop
    [H,W,3] linear (or [H,1,3]); post [H,W,1] linear gain applied to every pixel
    (vignette x exposure); encode: linear -> display (tone curve + sRGB). Blending happens
    in linear light; differentiable in `radiance`. `samples` [B,H,W,S] (`Rasterizer.surface_samples`)
    with `fragment_labels` [N] (each fragment's surface label, negated where its face is turned
    away from the camera): also blend edges between surfaces inside the silhouette. Samples see
    only faces turned towards the camera, so a fragment of a face turned away keeps its colour.
    """
    batch, height, width = coverage.shape
    backdrop = backdrop.to(radiance.dtype).expand(height, width, 3)
    post = post.to(radiance.dtype).expand(height, width, 1)
    coverage = coverage.to(radiance.dtype)
    # Work on flat [B*H*W, 3] pixels: 1-D index_put is far cheaper than 3-index scatter.
    image = encode(backdrop * post).expand(batch, height, width, 3).reshape(-1, 3)
    index = fragment_index(frags, (batch, height, width))
    pix_in_frame = frags.pixel % (height * width)
    post_flat, backdrop_flat = post.reshape(-1, 1), backdrop.reshape(-1, 3)

    own = radiance  # each covered centre's colour, blended where its samples see other surfaces
    if samples is not None:
        centre = torch.zeros((batch, height, width), dtype=samples.dtype, device=samples.device)
        centre.view(-1)[frags.pixel] = fragment_labels.to(samples.device, samples.dtype)
        edge = (centre > 0) & ((samples > 0) & (samples != centre[..., None])).any(-1)
        eb, ey, ex = torch.nonzero(edge, as_tuple=True)
        if len(eb):
            own = radiance.index_put((index[eb, ey, ex],), surface_edge_colours(radiance, index, centre, samples, eb, ey, ex))

    full = coverage.reshape(-1)[frags.pixel] >= 1.0
    image = image.index_put((frags.pixel[full],), encode(own[full] * post_flat[pix_in_frame[full]]))

    rim = (coverage > 0) & ((coverage < 1) | (index < 0))
    b, y, x = torch.nonzero(rim, as_tuple=True)
    colour, has_colour = rim_colours(radiance, index, b, y, x, own)
    alpha = torch.where(has_colour, coverage[b, y, x], 0.0)[:, None]
    in_frame = y * width + x
    blended = alpha * colour + (1 - alpha) * backdrop_flat[in_frame]
    image = image.index_put((b * height * width + in_frame,), encode(blended * post_flat[in_frame]))
    return image.reshape(batch, height, width, 3)
