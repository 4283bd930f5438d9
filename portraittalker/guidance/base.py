"""The guidance interface: what the optimisation loop asks of SDS and of the prompt prior.

Each step the loop renders the avatar under freshly sampled views (cameras, expressions, jaw
poses) and hands the images to `Guidance.loss`. A guidance may re-render any other
appearance under exactly the same views through `GuidanceInput.render` (the prior does, to
get its target image). The loop never looks at which guidance it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Protocol

import torch
from torch import Tensor

AppearanceFn = Callable[[Tensor], tuple[Tensor, Tensor]]


@dataclass(frozen=True)
class GuidanceInput:
    """images [B,H,W,3] in [0,1] (differentiable w.r.t. the avatar); yaw_deg [B] camera
    azimuth (0 = frontal, +-180 = from behind); step in [0, total_steps)."""

    images: Tensor
    yaw_deg: Tensor
    step: int
    total_steps: int
    render: Callable[[AppearanceFn], Tensor]
    generator: torch.Generator


class Guidance(Protocol):
    kind: str            # "prior" | "sds"
    model_id: str        # what guided (prior version, or the SD model folder)
    default_steps: int
    learning_rate: float

    def loss(self, inp: GuidanceInput) -> Tensor:
        """Scalar loss whose gradient w.r.t. `inp.images` is the guidance direction."""
        ...

    def metadata(self) -> dict[str, Any]:
        ...
