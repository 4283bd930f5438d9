"""Start the field from a plausible face: fit it to flat per-region base colours.

Random planes decode to grey noise; a few hundred cheap point-wise steps (no rendering)
turn them into skin, lips, hair, eyes and clothes where the head's region labels say, so
the guided optimisation refines a face instead of inventing one.
"""

from __future__ import annotations

import torch
from torch import Tensor

from ..head.model import HeadModel
from .optimize import adam
from .layers import LayeredField, SurfaceLabels, vertex_layers
from .surface import RegionLookup, sample_surface
from .trigrid import TriGridField

LOGIT_FLOOR = 1e-3  # targets are fitted as logits, kept this far inside (0, 1)


def region_base_colors(lookup: RegionLookup, palette: dict[str, tuple[float, float, float]], points: Tensor) -> Tensor:
    """Blend of per-region colours at points [N,3] -> [N,3] (regions missing from the palette
    take the skin colour)."""
    default = palette["skin"]
    colors = torch.tensor([palette.get(name, default) for name in lookup.names], dtype=torch.float32)
    return lookup.weights(points).float() @ colors


def fit_field_to_colors(
    field: TriGridField | LayeredField,
    points: Tensor,
    albedo: Tensor,
    specular: Tensor,
    steps: int,
    generator: torch.Generator,
    lr: float = 0.03,
    batch: int = 4096,
    layer: Tensor | None = None,
) -> float:
    """Adam on the field so that field(points) ~ (albedo, specular); returns the last MSE.
    `layer` [N]: each point's layer, for a `LayeredField`.

    The fit is made before the sigmoid, on logits: on the colours themselves a dark target
    (black or tortoiseshell glasses, a dark layer with few points in a batch) was overshot
    within ten steps into the sigmoid's flat tail (albedo 1e-10), where no later step's
    gradient reaches, and the layer stayed black whatever the painter asked for."""
    opt = adam(field.parameters(), lr=lr)
    goal = torch.logit(torch.cat([albedo, specular], dim=1).clamp(LOGIT_FLOOR, 1 - LOGIT_FLOOR))
    weight = torch.tensor([1.0, 1.0, 1.0, 0.1])
    for _ in range(steps):
        idx = torch.randint(0, len(points), (min(batch, len(points)),), generator=generator)
        pred = field.logits(points[idx]) if layer is None else field.logits(points[idx], layer[idx])
        loss = (((pred - goal[idx]) ** 2) * weight).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    with torch.no_grad():
        pred_albedo, pred_spec = field(points) if layer is None else field(points, layer)
        return float(torch.nn.functional.mse_loss(pred_albedo, albedo)
                     + 0.1 * torch.nn.functional.mse_loss(pred_spec, specular))


def initialise_from_regions(
    field: TriGridField | LayeredField,
    head: HeadModel,
    palette: dict[str, tuple[float, float, float]],
    generator: torch.Generator,
    steps: int = 100,
    num_points: int = 20000,
) -> float:
    """Fit `field` to the flat region colours of `palette` on the head surface (each layer of
    a `LayeredField` on the points of its own layer)."""
    lookup = RegionLookup.from_head(head)
    points = torch.cat([sample_surface(head, num_points, generator), torch.as_tensor(head.v_template, dtype=torch.float32)])
    albedo = region_base_colors(lookup, palette, points)
    specular = torch.full((len(points), 1), 0.3)
    layer = None
    if isinstance(field, LayeredField) and field.layered:
        layer = torch.from_numpy(SurfaceLabels(head, vertex_layers(head, field.layer_regions))(points)[1])
    return fit_field_to_colors(field, points, albedo, specular, steps, generator, layer=layer)
