"""The field's start: fitting flat region colours, dark ones included."""

import torch

from portraittalker.appearance.initialise import fit_field_to_colors
from portraittalker.appearance.layers import LayeredField
from portraittalker.appearance.trigrid import TriGridConfig, TriGridField


def test_a_dark_layer_with_few_points_is_fitted_not_overshot_to_black():
    # A small layer (2% of the points, as glasses on a dressed head) with a dark target: fitted on
    # the colours themselves, Adam overshot it into the sigmoid's flat tail (albedo ~1e-10) in ten
    # steps, where nothing brought it back; the glasses of every tortoiseshell avatar were black.
    g = torch.Generator().manual_seed(0)
    config = TriGridConfig(bbox_min=(-0.2, -0.2, -0.2), bbox_max=(0.2, 0.2, 0.2), resolutions=(16, 32))
    small = TriGridConfig(bbox_min=(-0.05, -0.05, -0.05), bbox_max=(0.05, 0.05, 0.05), resolutions=(8, 8))
    field = LayeredField(TriGridField(config, g), {"glasses": TriGridField(small, g)}, {"glasses": ("glasses",)})
    points = torch.rand(20000, 3, generator=g) * 0.4 - 0.2
    layer = (torch.rand(20000, generator=g) < 0.02).long()
    points[layer == 1] *= 0.25
    target = torch.where(layer[:, None] == 1, torch.tensor([0.107, 0.033, 0.0085]), torch.tensor([0.6, 0.4, 0.3]))
    fit_field_to_colors(field, points, target, torch.full((20000, 1), 0.3), 100, g, layer=layer)
    with torch.no_grad():
        albedo = field(points[layer == 1], torch.ones(int((layer == 1).sum()), dtype=torch.long))[0].mean(0)
    assert torch.allclose(albedo, torch.tensor([0.107, 0.033, 0.0085]), rtol=0.3), albedo
