"""The avatar: a tri-grid appearance field plus the scene and head it was made for.

`avatar.pt` (DESIGN.md) is a plain `torch.save` dict readable with `weights_only=True`:
  format, format_version, field_config (TriGridConfig dict), field_state (planes + decoder),
  layers (format 2: the hair and cloth fields of a dressed head, `layers.LayeredField`, each
  {name, regions, field_config, field_state}; empty for a single-field avatar),
  scene (Scene dict), head_model (head spec, e.g. "anny"), head (the avatar's own head
  geometry, identity baked in, as `head.state` tensors; absent for shared heads such as
  "bundled" or a FLAME file), parts (fixed materials of eyes, lashes, teeth and tongue,
  `parts.PartMaterials`, with the own head only), metadata (prompt, seed, guidance, identity, timings, ...).
"""

from __future__ import annotations

import json
import os
from typing import Any

import numpy as np
import torch
from torch import Tensor, nn

from ..avatar_file import AVATAR_FORMAT, AVATAR_FORMAT_VERSION, read_avatar_file
from ..errors import PortraitTalkerError
from ..head.model import HeadModel
from ..head.state import head_from_state, head_to_state
from ..io import atomic_path
from ..render.baked import ByFace
from .layers import LayeredField, SurfaceLabels, vertex_layers
from .parts import PartMaterials, PartShader
from ..scene import Scene
from .trigrid import TriGridConfig, TriGridField



class Avatar(nn.Module):
    """Appearance over canonical head space, with the scene the prompt asked for."""

    def __init__(
        self,
        field: LayeredField | TriGridField,
        scene: Scene | None = None,
        head_model: str = "anny",
        metadata: dict[str, Any] | None = None,
        head: HeadModel | None = None,
        parts: PartMaterials | None = None,
    ):
        super().__init__()
        self.field = field if isinstance(field, LayeredField) else LayeredField(field)
        if self.field.layered and (head is None or head.regions is None):
            raise PortraitTalkerError("a layered appearance needs the head whose regions say where its layers lie")
        self.scene = scene if scene is not None else Scene()
        self.head_model = head_model
        self.metadata: dict[str, Any] = dict(metadata or {})
        self.head = head  # the avatar's own head (anny identity), or None for a shared head model
        self.parts = parts  # fixed materials of eyes, lashes, teeth, tongue (needs `head`)
        self._labels: SurfaceLabels | None = None
        self._part_shader: PartShader | None = None

    def appearance(self, points_canonical: Tensor, face: np.ndarray | None = None) -> tuple[Tensor, Tensor]:
        """points [N,3] head metres -> (albedo [N,3] linear RGB in [0,1], specular [N,1]):
        each point decoded by its layer's tri-grid, with the small parts' fixed materials on
        top where the avatar has them (one surface lookup serves both). `face` [N]: the face
        of the avatar's own head each point lies on, where the caller knows it (`appearance_on`)."""
        if self.head is None or (self.parts is None and not self.field.layered):
            return self.field(points_canonical)
        if self._labels is None:
            self._labels = SurfaceLabels(self.head, vertex_layers(self.head, self.field.layer_regions))
        vertex, layer = self._labels(points_canonical, face)
        albedo, specular = self.field(points_canonical, layer)
        if self.parts is None:
            return albedo, specular
        if self._part_shader is None:
            self._part_shader = PartShader(self.head, self.parts)
        return self._part_shader(points_canonical, albedo, specular, vertex)

    forward = appearance

    def lays_on(self, head: HeadModel) -> bool:
        """Whether `head`'s faces are this avatar's own (a `--head` override's are not)."""
        return self.head is not None and (head is self.head or (
            np.array_equal(np.asarray(head.faces), np.asarray(self.head.faces))
            and np.array_equal(np.asarray(head.v_template), np.asarray(self.head.v_template))))

    def appearance_on(self, head: HeadModel):
        """The appearance to draw `head` with: on the avatar's own head a `ByFace` function, so
        bakes and renders hand it the face of each point, else `appearance` by position."""
        return ByFace(self.appearance) if self.lays_on(head) else self.appearance


def avatar_head(avatar: Avatar, spec: str | None = None) -> HeadModel:
    """The head to draw `avatar` on: `spec` when given (a head file or name), else the avatar's
    own head (anny: its identity's body), else the shared head model it was made with."""
    from ..head.loading import load_head_model

    if spec:
        return load_head_model(spec)
    return avatar.head if avatar.head is not None else load_head_model(avatar.head_model)


def _state(field: TriGridField) -> dict[str, Tensor]:
    return {k: v.detach().cpu().clone() for k, v in field.state_dict().items()}


def _field_from_dict(config: dict, state: dict) -> TriGridField:
    field = TriGridField(TriGridConfig.from_dict(config))
    field.load_state_dict(state)
    return field


def avatar_to_dict(avatar: Avatar) -> dict[str, Any]:
    return {
        "format": AVATAR_FORMAT,
        "format_version": AVATAR_FORMAT_VERSION,
        "field_config": avatar.field.base.config.to_dict(),
        "field_state": _state(avatar.field.base),
        "layers": [{"name": name, "regions": list(avatar.field.layer_regions[name]),
                    "field_config": field.config.to_dict(), "field_state": _state(field)}
                   for name, field in zip(avatar.field.names[1:], avatar.field.fields[1:])],
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
        layers = {str(d["name"]): _field_from_dict(d["field_config"], d["field_state"]) for d in data.get("layers", [])}
        regions = {str(d["name"]): tuple(map(str, d["regions"])) for d in data.get("layers", [])}
        field = LayeredField(_field_from_dict(data["field_config"], data["field_state"]), layers, regions)
        scene = Scene.from_dict(data["scene"])
    except (KeyError, TypeError, RuntimeError, ValueError) as err:
        raise PortraitTalkerError(f"{source}: damaged avatar ({type(err).__name__}: {err})".replace("\n", " ")) from err
    head = None if data.get("head") is None else head_from_state(data["head"], f"{source}: head")
    if field.layered and (head is None or head.regions is None):
        raise PortraitTalkerError(f"{source}: damaged avatar (layered appearance without its head's regions)")
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
    return avatar_from_dict(read_avatar_file(path), str(path))
