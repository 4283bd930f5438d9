"""Small tensor helpers the procedural painters share: arrays as float tensors, a Gaussian
falloff, the distance to a 2D segment."""

from __future__ import annotations

import numpy as np
import torch
from torch import Tensor


def tensor(a) -> Tensor:
    return torch.as_tensor(np.asarray(a, dtype=np.float32))


def gauss(d: Tensor, width: float) -> Tensor:
    return torch.exp(-((d / width) ** 2))


def segment_distance(p: Tensor, a: Tensor, b: Tensor) -> Tensor:
    """Distance from 2D points p [N,2] to the segment a-b."""
    ab = b - a
    t = ((p - a) @ ab / (ab @ ab)).clamp(0, 1)
    return (p - (a + t[:, None] * ab)).norm(dim=1)
