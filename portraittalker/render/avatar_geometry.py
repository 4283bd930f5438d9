"""What a clip's render reads from avatar.pt when the appearance comes baked: head and scene.

`appearance.avatar.load_avatar` rebuilds every tri-grid field of the avatar and imports the
surface lookups' SciPy k-d trees, only for a render job to replace the appearance with the
lattice of rule `bake_appearance`: 0.4-0.8 s of every clip's start-up. This reader takes the
head geometry and the scene from the same file and leaves the fields alone; it does not
import `portraittalker.appearance`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


from ..avatar_file import AVATAR_FORMAT, AVATAR_FORMAT_VERSION, read_avatar_file
from ..errors import PortraitTalkerError
from ..head.model import HeadModel
from ..head.state import head_from_state
from ..scene import Scene



@dataclass(frozen=True)
class AvatarGeometry:
    """head: the avatar's own head (None for a shared head model, named by head_model); scene."""

    head: HeadModel | None
    head_model: str
    scene: Scene

    def head_for(self, spec: str | None = None) -> HeadModel:
        """The head to draw on, as `appearance.avatar.avatar_head`: `spec` when given, else
        the avatar's own head, else its shared head model."""
        from ..head.loading import load_head_model

        if spec:
            return load_head_model(spec)
        return self.head if self.head is not None else load_head_model(self.head_model)


def load_avatar_geometry(path: str | os.PathLike) -> AvatarGeometry:
    """Head and scene of an avatar.pt; a missing, foreign or damaged file raises a
    PortraitTalkerError naming it."""
    path = Path(path)
    data = read_avatar_file(path)
    if not isinstance(data, dict) or data.get("format") != AVATAR_FORMAT:
        raise PortraitTalkerError(f"{path}: not a portraittalker avatar (re-create it with steps/create_avatar.py)")
    if int(data.get("format_version", -1)) > AVATAR_FORMAT_VERSION:
        raise PortraitTalkerError(f"{path}: avatar format {data['format_version']} is newer than this portraittalker supports; upgrade")
    try:
        scene = Scene.from_dict(data["scene"])
    except (KeyError, TypeError, ValueError) as err:
        raise PortraitTalkerError(f"{path}: damaged avatar ({type(err).__name__}: {err})".replace("\n", " ")) from err
    head = None if data.get("head") is None else head_from_state(data["head"], f"{path}: head")
    return AvatarGeometry(head, str(data.get("head_model", "bundled")), scene)
