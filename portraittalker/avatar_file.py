"""The `avatar.pt` file: its format tag and a checked read, shared by the full avatar loader
(appearance/avatar.py) and the render job's geometry-only loader (render/avatar_geometry.py),
with nothing heavier than torch imported."""

from __future__ import annotations

import os
from pathlib import Path

import torch

from .errors import PortraitTalkerError

AVATAR_FORMAT = "portraittalker-avatar"
AVATAR_FORMAT_VERSION = 2  # 2: per-layer fields (skin, hair, cloth); a format-1 file is one skin field


def read_avatar_file(path: str | os.PathLike) -> dict:
    """The raw dict of an avatar.pt (tensors only: weights_only); a missing or unreadable file
    raises a PortraitTalkerError naming it."""
    path = Path(path)
    if not path.is_file():
        raise PortraitTalkerError(f"{path}: avatar not found (create it with steps/create_avatar.py)")
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except Exception as err:  # torch raises many types for a truncated or foreign file
        raise PortraitTalkerError(f"{path}: not a readable avatar file ({type(err).__name__})") from err
