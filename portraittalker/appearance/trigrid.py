"""Hierarchical tri-grid appearance field: three orthogonal feature planes per level + MLP.

A point in canonical head space is normalised into the head's bounding box, projected onto
the xy, xz and yz planes of every level, and sampled bilinearly (`grid_sample`). The three
plane features of a level are summed (cheap, and symmetric in the axes); the levels are
concatenated so the decoder sees coarse and fine detail separately. A small MLP decodes the
features to albedo (sigmoid, linear RGB) and a specular weight.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
import torch.nn.functional as F
from torch import Tensor, nn


@dataclass(frozen=True)
class TriGridConfig:
    """Shape of the field. `bbox_min`/`bbox_max` are the canonical box in head metres."""

    bbox_min: tuple[float, float, float] = (-0.2, -0.35, -0.2)
    bbox_max: tuple[float, float, float] = (0.2, 0.25, 0.2)
    resolutions: tuple[int, ...] = (32, 64, 128, 256)
    channels: int = 8
    hidden: int = 32
    init_std: float = 0.1

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "TriGridConfig":
        d = dict(d)
        for key in ("bbox_min", "bbox_max", "resolutions"):
            d[key] = tuple(d[key])
        return cls(**d)


# Each plane samples two of the three normalised coordinates: (x,y), (x,z), (y,z).
_PLANE_AXES = ((0, 1), (0, 2), (1, 2))


class TriGridField(nn.Module):
    """Canonical points [N,3] -> (albedo [N,3] in [0,1], specular [N,1] in [0,1])."""

    def __init__(self, config: TriGridConfig, generator: torch.Generator | None = None):
        super().__init__()
        self.config = config
        self.planes = nn.ParameterList(
            nn.Parameter(config.init_std * torch.randn(3, config.channels, r, r, generator=generator))
            for r in config.resolutions
        )
        feat = config.channels * len(config.resolutions)
        self.decoder = nn.Sequential(nn.Linear(feat, config.hidden), nn.SiLU(), nn.Linear(config.hidden, 4))
        with torch.no_grad():  # seeded decoder init, independent of the global RNG
            for layer in (self.decoder[0], self.decoder[2]):
                bound = 1.0 / layer.in_features**0.5
                layer.weight.copy_((torch.rand(layer.weight.shape, generator=generator) * 2 - 1) * bound)
                layer.bias.zero_()
        self.register_buffer("bbox_min", torch.tensor(config.bbox_min, dtype=torch.float32))
        self.register_buffer("bbox_max", torch.tensor(config.bbox_max, dtype=torch.float32))

    def normalise(self, points: Tensor) -> Tensor:
        """Head metres [N,3] -> [-1,1]^3 inside the box (points outside are clamped by sampling)."""
        return 2.0 * (points - self.bbox_min) / (self.bbox_max - self.bbox_min) - 1.0

    def features(self, points: Tensor) -> Tensor:
        """[N,3] head metres -> [N, channels * levels]."""
        p = self.normalise(points.to(self.bbox_min.dtype))
        # grid_sample wants [planes, N, 1, 2] with (x, y) = (width, height) coordinates.
        grid = torch.stack([p[:, list(axes)] for axes in _PLANE_AXES], dim=0).unsqueeze(2)
        per_level = []
        for plane in self.planes:
            sampled = F.grid_sample(plane, grid, mode="bilinear", padding_mode="border", align_corners=False)
            per_level.append(sampled.sum(dim=0).squeeze(-1).transpose(0, 1))  # [N, C]
        return torch.cat(per_level, dim=1)

    def logits(self, points: Tensor) -> Tensor:
        """[N,3] head metres -> [N,4] albedo and specular before their sigmoid."""
        return self.decoder(self.features(points))

    def forward(self, points: Tensor) -> tuple[Tensor, Tensor]:
        out = torch.sigmoid(self.logits(points))
        return out[:, :3], out[:, 3:4]
