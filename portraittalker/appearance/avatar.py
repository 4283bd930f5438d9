"""The avatar: a tri-grid appearance field plus the scene and head it was made for.

`avatar.pt` (DESIGN.md) is a plain `torch.save` dict readable with `weights_only=True`:
  format, format_version, field_config (TriGridConfig dict), field_state (planes + decoder),
  scene (Scene dict), head_model (head spec, e.g. "anny"), head (the avatar's own head
  geometry, identity baked in, as `head.state` tensors; absent for shared heads such as
  "bundled" or a FLAME file), parts (fixed materials of eyes, lashes, teeth and tongue,
  `parts.PartMaterials`, with the own head only), metadata (prompt, seed, guidance, identity, timings, ...).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import torch
from torch import Tensor, nn

from ..errors import PortraitTalkerError
from ..head.model import HeadModel
from ..head.state import head_from_state, head_to_state
from ..io import atomic_path
from .parts import PartMaterials, PartShader
from ..scene import Scene
from .trigrid import TriGridConfig, TriGridField

AVATAR_FORMAT = "portraittalker-avatar"
AVATAR_FORMAT_VERSION = 1


class Avatar(nn.Module):
    """Appearance over canonical head space, with the scene the prompt asked for."""

    def __init__(
        self,
        field: TriGridField,
        scene: Scene | None = None,
        head_model: str = "anny",
        metadata: dict[str, Any] | None = None,
        head: HeadModel | None = None,
        parts: PartMaterials | None = None,
    ):
        super().__init__()
        self.field = field
        self.scene = scene if scene is not None else Scene()
        self.head_model = head_model
        self.metadata: dict[str, Any] = dict(metadata or {})
        self.head = head  # the avatar's own head (anny identity), or None for a shared head model
        self.parts = parts  # fixed materials of eyes, lashes, teeth, tongue (needs `head`)
        self._part_shader: PartShader | None = None

    def appearance(self, points_canonical: Tensor) -> tuple[Tensor, Tensor]:
        """points [N,3] head metres -> (albedo [N,3] linear RGB in [0,1], specular [N,1]):
        the tri-grid, with the small parts' fixed materials on top where the avatar has them."""
        albedo, specular = self.field(points_canonical)
        if self.parts is None or self.head is None:
            return albedo, specular
        if self._part_shader is None:
            self._part_shader = PartShader(self.head, self.parts)
        return self._part_shader(points_canonical, albedo, specular)

    forward = appearance


def avatar_head(avatar: Avatar, spec: str | None = None) -> HeadModel:
    """The head to draw `avatar` on: `spec` when given (a head file or name), else the avatar's
    own head (anny: its identity's body), else the shared head model it was made with."""
    from ..head.loading import load_head_model

    if spec:
        return load_head_model(spec)
    return avatar.head if avatar.head is not None else load_head_model(avatar.head_model)


def avatar_to_dict(avatar: Avatar) -> dict[str, Any]:
    return {
        "format": AVATAR_FORMAT,
        "format_version": AVATAR_FORMAT_VERSION,
        "field_config": avatar.field.config.to_dict(),
        "field_state": {k: v.detach().cpu().clone() for k, v in avatar.field.state_dict().items()},
        "scene": avatar.scene.to_dict(),
        "head_model": avatar.head_model,
        "head": None if avatar.head is None else head_to_state(avatar.head),
        "parts": None if avatar.parts is None else avatar.parts.to_dict(),
        # JSON-plain metadata keeps the file loadable with weights_only=True (no pickled classes).
        "metadata": json.loads(json.dumps(avatar.metadata, default=str)),
    }


def avatar_from_dict(data: dict[str, Any], source: str = "avatar") -> Avatar:
    if not isinstance(data, dict) or data.get("format") != AVATAR_FORMAT:
        raise PortraitTalkerError(f"{source}: not a portraittalker avatar (re-create it with steps/create_avatar.py)")
    if int(data.get("format_version", -1)) > AVATAR_FORMAT_VERSION:
        raise PortraitTalkerError(
            f"{source}: avatar format {data['format_version']} is newer than this portraittalker supports; upgrade"
        )
    try:
        field = TriGridField(TriGridConfig.from_dict(data["field_config"]))
        field.load_state_dict(data["field_state"])
        scene = Scene.from_dict(data["scene"])
    except (KeyError, TypeError, RuntimeError, ValueError) as err:
        raise PortraitTalkerError(f"{source}: damaged avatar ({type(err).__name__}: {err})".replace("\n", " ")) from err
    head = None if data.get("head") is None else head_from_state(data["head"], f"{source}: head")
    try:
        parts = None if data.get("parts") is None else PartMaterials.from_dict(data["parts"])
    except (KeyError, TypeError, ValueError) as err:
        raise PortraitTalkerError(f"{source}: damaged part materials ({type(err).__name__}: {err})") from err
    return Avatar(field, scene, str(data.get("head_model", "bundled")), data.get("metadata", {}), head, parts)


def save_avatar(avatar: Avatar, path: str | os.PathLike) -> None:
    """Write `avatar.pt` atomically."""
    with atomic_path(path) as tmp:
        torch.save(avatar_to_dict(avatar), tmp)


def load_avatar(path: str | os.PathLike) -> Avatar:
    """Read `avatar.pt`; a missing or damaged file raises PortraitTalkerError."""
    path = Path(path)
    if not path.is_file():
        raise PortraitTalkerError(f"{path}: avatar not found (create it with steps/create_avatar.py)")
    try:
        data = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as err:  # torch raises many types for a truncated or foreign file
        raise PortraitTalkerError(f"{path}: not a readable avatar file ({type(err).__name__})") from err
    return avatar_from_dict(data, str(path))
