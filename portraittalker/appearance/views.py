"""Training views: random cameras, expressions and jaw poses, and rendering under them.

SDS and the prompt prior see the avatar the same way: a random orbit camera around the
portrait framing, a random sparse expression and an open-or-closed jaw, so the texture
is right when the face moves, not only at rest.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import torch
from torch import Tensor

from ..head import FlameLayer, HeadModel
from ..render.camera import orbit_cameras
from ..render.renderer import HeadRenderer
from ..scene import Scene
from ..guidance.base import AppearanceFn


@dataclass(frozen=True)
class ViewConfig:
    yaw_range_deg: float = 180.0        # uniform in +-range (180: all the way round)
    front_fraction: float = 0.6         # share of views drawn from the frontal +-45 deg
    pitch_range_deg: float = 15.0
    zoom_range: tuple[float, float] = (0.3, 1.0)  # distance scale: < 1 moves in on the face
    expression_probability: float = 0.3
    expression_max: float = 0.8
    jaw_open_probability: float = 0.5
    jaw_open_max_rad: float = 0.3


@dataclass(frozen=True)
class Views:
    """A batch of B training views."""

    yaw_deg: Tensor          # [B]
    pitch_deg: Tensor        # [B]
    distance_scale: Tensor   # [B]
    expression: Tensor       # [B,E]
    jaw_pose: Tensor         # [B,3] axis-angle (x opens the mouth)


def sample_views(config: ViewConfig, batch: int, num_expression: int, generator: torch.Generator) -> Views:
    u = torch.rand(batch, 8, generator=generator)
    frontal = u[:, 0] < config.front_fraction
    yaw = torch.where(frontal, (u[:, 1] * 2 - 1) * min(45.0, config.yaw_range_deg), (u[:, 1] * 2 - 1) * config.yaw_range_deg)
    pitch = (u[:, 2] * 2 - 1) * config.pitch_range_deg
    lo, hi = config.zoom_range
    scale = lo + (hi - lo) * u[:, 3]
    active = torch.rand(batch, num_expression, generator=generator) < config.expression_probability
    expression = active * torch.rand(batch, num_expression, generator=generator) * config.expression_max
    jaw = torch.zeros(batch, 3)
    jaw[:, 0] = (u[:, 4] < config.jaw_open_probability) * u[:, 5] * config.jaw_open_max_rad
    return Views(yaw, pitch, scale, expression, jaw)


class HeadViewRenderer:
    """Poses the head for a batch of `Views` and renders an appearance under them."""

    def __init__(self, head: HeadModel, scene: Scene, size: int = 128, backend: str = "auto", device: str | None = None):
        self.renderer = HeadRenderer(head, size=size, backend=backend, framing="upper_body")
        self.device = torch.device(device) if device else torch.device(self.renderer.device)
        self.flame = FlameLayer(head).to(self.device)
        self.num_expression = head.num_expression
        self.size = size
        # Grain is noise the guidance should not try to explain; it is added at output time.
        self.scene = replace(scene, background=replace(scene.background, film_grain=0.0))

    def render(self, views: Views, appearance_fn: AppearanceFn) -> Tensor:
        """-> images [B,H,W,3] in [0,1]."""
        b = views.yaw_deg.shape[0]
        zeros3 = torch.zeros(b, 3, device=self.device)
        verts = self.flame(
            views.expression.to(self.device), views.jaw_pose.to(self.device), zeros3, zeros3,
            torch.zeros(b, 6, device=self.device),
        )
        orbit = self.renderer.orbit
        camera = orbit_cameras(orbit, (self.size, self.size), views.yaw_deg, views.pitch_deg, orbit.distance * views.distance_scale)
        return self.renderer.render(verts, appearance_fn, self.scene, camera.to(self.device))
