"""Prompt-prior guidance: distil a painted target appearance into the avatar.

The target (`appearance.paint.PriorTarget`, any `AppearanceFn`) is rendered under the same views as the avatar and the loss is the image-space
mean squared error, so the tri-grid learns the painted face exactly where (and under the
expressions with which) it is seen.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import Tensor

from .base import AppearanceFn, GuidanceInput

PRIOR_VERSION = "prompt-prior-v1"


class PromptPriorGuidance:
    kind = "prior"
    model_id = PRIOR_VERSION
    default_steps = 160
    learning_rate = 0.02

    def __init__(self, target: AppearanceFn):
        self.target = target

    def loss(self, inp: GuidanceInput) -> Tensor:
        with torch.no_grad():
            goal = inp.render(self.target)
        return torch.nn.functional.mse_loss(inp.images, goal)

    def metadata(self) -> dict[str, Any]:
        return {"kind": self.kind, "model_id": self.model_id, "loss": "image mse under the training views"}
