"""Prints and weaves on a garment's cloth: stripes, pinstripes, plaid, polka dots, flowers, camouflage, fur,
a leopard's rosettes and a zebra's stripes;
and armour's steel: overlapping plates or the rings of mail.

Each is a function of a point's front-view position (x, y in head metres), so it reads straight
on the chest the camera sees, and the tri-grid's xy plane can hold it. Sizes are a grown-up's
clothes (a 2.5 cm stripe, a 6 cm plaid tile); edges are a few millimetres soft, about the
field's finest texel, so the fitted appearance does not alias them into noise.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

from ..identity.lexicon import luminance
from .noise import fractal_noise, hash01, value_noise

PATTERNS = ("stripes", "pinstripes", "plaid", "dots", "floral", "camo", "fur", "leopard", "zebra", "plate", "mail")
METAL_PATTERNS = ("plate", "mail")   # armour: steel, not cloth (shinier; it does not fold)
STRIPE_PERIOD_M, STRIPE_DUTY = 0.025, 0.45
PINSTRIPE_PERIOD_M, PINSTRIPE_WIDTH_M = 0.025, 0.006   # finer lines than the field's texels broke into beads
PLAID_PERIOD_M, PLAID_BAND = 0.06, 0.32
PLAID_LINE_M = 0.006                # its thin light lines (3 mm ones broke into dashes, as pinstripes into beads)
DOT_SPACING_M, DOT_RADIUS_M = 0.03, 0.007
FLOWER_SPACING_M, FLOWER_RADIUS_M = 0.065, 0.018
EDGE_M = 0.0025
WHITE = (0.85, 0.85, 0.83)          # linear RGB
NAVY = (0.012, 0.02, 0.07)
FLOWER_COLOURS = ((0.85, 0.85, 0.83), (0.9, 0.65, 0.05), (0.75, 0.08, 0.12), (0.95, 0.35, 0.05))
CAMO_COLOURS = ((0.045, 0.035, 0.015), (0.012, 0.03, 0.01), (0.22, 0.19, 0.10))   # brown, dark green, sand
CAMO_FREQUENCY = 22.0         # blotches a few centimetres across
FUR_TUFTS, FUR_CLUMPS = 420.0, 90.0   # fur: tufts a few millimetres across, in clumps of about a centimetre
# a leopard's rosettes: a broken dark ring about a browner centre, one at a jittered spot in each cell
ROSETTE_SPACING_M, ROSETTE_RADIUS_M, ROSETTE_RING_M = 0.048, 0.012, 0.006
ROSETTE_CENTRE = (0.62, 0.5, 0.35)    # the centre: the ground darkened, more of its red kept (warmer)
ZEBRA_PERIOD_M, ZEBRA_WARP_M = 0.035, 0.02   # a zebra's stripes: wavy bands of uneven width
ZEBRA_BLACK = (0.012, 0.012, 0.013)
PLATE_LAME_M = 0.045          # plate armour: overlapping horizontal steel bands this tall
MAIL_RING_M = 0.009           # mail: rings this far apart, in rows offset by half a ring


def contrast_colour(base) -> tuple[float, float, float]:
    """White on a dark cloth, navy on a light one."""
    return NAVY if luminance(base) > 0.4 else WHITE


def second_colour(pattern: str | None, base) -> tuple[float, float, float]:
    """A print's second colour when the prompt names none: plaid's bands a darker shade of the
    cloth, the other prints' the colour that stands out on it."""
    if pattern == "leopard":
        return tuple(0.06 * c for c in base)   # the ground's own brown, near black
    if pattern == "zebra":
        return ZEBRA_BLACK
    return tuple(0.22 * c for c in base) if pattern == "plaid" else contrast_colour(base)


def _soft(distance_inside: Tensor, edge: float = EDGE_M) -> Tensor:
    """Coverage in [0, 1] from a signed distance (metres, > 0 inside the shape)."""
    return (distance_inside / edge + 0.5).clamp(0.0, 1.0)


def _band(coord: Tensor, period: float, width: float) -> Tensor:
    """Coverage of bands `width` wide every `period` along `coord` (metres)."""
    phase = torch.remainder(coord, period)
    return _soft(width / 2 - (phase - width / 2).abs())


def _dots(x: Tensor, y: Tensor) -> Tensor:
    row = torch.floor(y / DOT_SPACING_M)
    shifted = x + 0.5 * DOT_SPACING_M * torch.remainder(row, 2)   # every other row half a step over
    dx = torch.remainder(shifted, DOT_SPACING_M) - DOT_SPACING_M / 2
    dy = torch.remainder(y, DOT_SPACING_M) - DOT_SPACING_M / 2
    return _soft(DOT_RADIUS_M - torch.sqrt(dx * dx + dy * dy))


def _jittered(x: Tensor, y: Tensor, spacing: float, radius: float, seed: int):
    """A motif of `radius` at a jittered spot in every `spacing` cell, clear of the cell's edges:
    -> (dx [N], dy [N]) from the motif's centre and `cell(k)`, the cell's k-th repeatable value in [0, 1]."""
    ix, iy = torch.floor(x / spacing), torch.floor(y / spacing)
    cell = lambda k: hash01(ix.long(), iy.long(), torch.full_like(ix, k).long(), seed)   # noqa: E731
    margin = radius / spacing
    jx, jy = (margin + (1 - 2 * margin) * cell(k) for k in (1, 2))
    return x - (ix + jx) * spacing, y - (iy + jy) * spacing, cell


def _flowers(x: Tensor, y: Tensor, seed: int) -> tuple[Tensor, Tensor]:
    """-> (coverage [N], colour index [N]): a five-petalled flower at a jittered spot in every cell."""
    dx, dy, cell = _jittered(x, y, FLOWER_SPACING_M, FLOWER_RADIUS_M, seed)
    r = torch.sqrt(dx * dx + dy * dy)
    petals = FLOWER_RADIUS_M * (0.45 + 0.55 * torch.cos(2.5 * (torch.atan2(dy, dx) + 6.2832 * cell(3))).abs())
    kind = torch.floor(cell(4) * len(FLOWER_COLOURS)).long().clamp(max=len(FLOWER_COLOURS) - 1)
    return _soft(petals - r), kind


def _rosettes(x: Tensor, y: Tensor, seed: int) -> tuple[Tensor, Tensor]:
    """-> (ring coverage [N], centre coverage [N]) of a leopard's rosettes: in every cell a ring of
    uneven radius at a jittered spot, broken into three or four spots by gaps round it."""
    dx, dy, cell = _jittered(x, y, ROSETTE_SPACING_M, ROSETTE_RADIUS_M + ROSETTE_RING_M, seed)
    angle = torch.atan2(dy, dx)
    radius = ROSETTE_RADIUS_M * (0.75 + 0.5 * cell(3)) * (1 + 0.18 * torch.sin(3 * angle + 6.2832 * cell(4)))
    r = torch.sqrt(dx * dx + dy * dy)
    gaps = (torch.cos((3 + torch.floor(2 * cell(5))) * angle + 6.2832 * cell(6)) > -0.7).float()
    return _soft(ROSETTE_RING_M / 2 - (r - radius).abs()) * gaps, _soft(radius - r)


def printed(pattern: str | None, p: Tensor, base, second, shading: Tensor, seed: int = 0) -> Tensor:
    """Cloth colour [N, 3] at points `p` [N, 3] (head metres): the `base` colour [3] with `pattern`
    in `second` [3] (the stripes, pinstripes, dots, plaid's bands), times `shading` [N] (folds)."""
    base, second = p.new_tensor(base), p.new_tensor(second)
    if pattern is None:
        return base * shading[:, None]
    if pattern not in PATTERNS:
        raise ValueError(f"garment pattern '{pattern}' is unknown (one of {', '.join(PATTERNS)})")
    x, y = p[:, 0], p[:, 1]
    if pattern == "stripes":
        colour = torch.lerp(base, second, _band(y, STRIPE_PERIOD_M, STRIPE_DUTY * STRIPE_PERIOD_M)[:, None])
    elif pattern == "pinstripes":
        colour = torch.lerp(base, second, 0.35 * _band(x, PINSTRIPE_PERIOD_M, PINSTRIPE_WIDTH_M)[:, None])
    elif pattern == "plaid":
        width = PLAID_BAND * PLAID_PERIOD_M
        across = 0.5 * (_band(y, PLAID_PERIOD_M, width) + _band(x, PLAID_PERIOD_M, width))  # crossings the darkest
        line = torch.maximum(_band(x + 0.62 * PLAID_PERIOD_M, PLAID_PERIOD_M, PLAID_LINE_M),
                             _band(y + 0.62 * PLAID_PERIOD_M, PLAID_PERIOD_M, PLAID_LINE_M))
        colour = torch.lerp(torch.lerp(base, second, across[:, None]), p.new_tensor(WHITE), 0.5 * line[:, None])
    elif pattern == "dots":
        colour = torch.lerp(base, second, _dots(x, y)[:, None])
    elif pattern == "camo":   # blotches of three colours over the cloth's own (olive unless said)
        colour = base.expand(len(p), 3)
        for i, blotch in enumerate(CAMO_COLOURS):
            n = fractal_noise(p * p.new_tensor([1.0, 1.6, 1.0]), CAMO_FREQUENCY, 2, seed + 41 + 7 * i)
            colour = torch.lerp(colour, p.new_tensor(blotch), ((n - 0.56) / 0.03).clamp(0.0, 1.0)[:, None])
    elif pattern == "leopard":
        ring, centre = _rosettes(x, y, seed)
        ground = torch.lerp(base.expand(len(p), 3), base * p.new_tensor(ROSETTE_CENTRE), centre[:, None])
        colour = torch.lerp(ground, second, ring[:, None])
    elif pattern == "zebra":
        # of the front view's x and y only, as every print (depth frayed the stripes' edges)
        wavy = y + ZEBRA_WARP_M * (2 * fractal_noise(p * p.new_tensor([0.5, 1.0, 0.0]), 10.0, 2, seed + 81) - 1)
        width = ZEBRA_PERIOD_M * (0.35 + 0.2 * fractal_noise(p * p.new_tensor([1.0, 1.0, 0.0]), 9.0, 1, seed + 82))
        colour = torch.lerp(base, second, _band(wavy, ZEBRA_PERIOD_M, width)[:, None])
    elif pattern == "fur":    # fine tufts in clumps, darker at their roots (an ushanka's fur)
        tufts = fractal_noise(p, FUR_TUFTS, 3, seed + 61)
        clumps = fractal_noise(p * p.new_tensor([1.0, 0.6, 1.0]), FUR_CLUMPS, 2, seed + 62)
        colour = base * (0.55 + 0.35 * tufts + 0.35 * clumps)[:, None]
    elif pattern == "plate":   # overlapping convex bands: each one's rolled lower edge catches the light, the
        phase = torch.remainder(y, PLATE_LAME_M) / PLATE_LAME_M          # band under it lies in its shadow
        edge, shadow = torch.exp(-(phase / 0.04) ** 2), torch.exp(-((1 - phase) / 0.22) ** 2)
        brushed = value_noise(p * p.new_tensor([8.0, 0.5, 8.0]), 60.0, seed + 71)
        swell = torch.sin(math.pi * phase)
        colour = base * (0.62 + 0.38 * swell + 0.25 * edge - 0.45 * shadow + 0.08 * (brushed - 0.5))[:, None]
        return colour * (shading ** 0.3)[:, None]   # steel does not fold: the cloth's folds much flattened
    elif pattern == "mail":    # rows of small rings: bright wire round dark holes
        row = torch.floor(y / MAIL_RING_M)
        u = x / MAIL_RING_M + 0.5 * torch.remainder(row, 2.0)
        d = torch.hypot(u - torch.round(u), y / MAIL_RING_M - row - 0.5)
        wire = torch.exp(-((d - 0.32) / 0.1) ** 2)
        colour = base * (0.35 + 0.85 * wire)[:, None]
        return colour * (shading ** 0.3)[:, None]
    else:
        cover, kind = _flowers(x, y, seed)
        colour = torch.lerp(base.expand(len(p), 3), p.new_tensor(FLOWER_COLOURS)[kind], cover[:, None])
    return colour * shading[:, None]
