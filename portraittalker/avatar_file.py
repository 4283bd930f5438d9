"""The `avatar.pt` file: its format tag and a checked read, shared by the full avatar loader
(appearance/avatar.py) and the render job's geometry-only loader (render/avatar_geometry.py),
with nothing heavier than torch imported; and its fingerprint, without torch."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

from .errors import PortraitTalkerError

AVATAR_FORMAT = "portraittalker-avatar"
AVATAR_FORMAT_VERSION = 2  # 2: per-layer fields (skin, hair, cloth); a format-1 file is one skin field


def read_avatar_file(path: str | os.PathLike) -> dict:
    """The raw dict of an avatar.pt (tensors only: weights_only); a missing or unreadable file
    raises a PortraitTalkerError naming it."""
    import torch

    path = Path(path)
    if not path.is_file():
        raise PortraitTalkerError(f"{path}: avatar not found (create it with steps/create_avatar.py)")
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except Exception as err:  # torch raises many types for a truncated or foreign file
        raise PortraitTalkerError(f"{path}: not a readable avatar file ({type(err).__name__})") from err


def avatar_fingerprint(path: str | os.PathLike) -> str:
    """A content hash of an avatar.pt, read from its zip directory (torch.save writes a zip): the
    name, size and CRC-32 of every member, so no tensor is read (25 MB on a dressed avatar).
    What a baked file records of the avatar it was made from; a file that is not a zip is
    hashed whole."""
    if not Path(path).is_file():
        raise PortraitTalkerError(f"{path}: avatar not found (create it with steps/create_avatar.py)")
    digest = hashlib.sha256()
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                digest.update(f"{info.filename}\0{info.file_size}\0{info.CRC}\n".encode())
    except zipfile.BadZipFile:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()
