"""Atomic artifact writing and the FLAME sequence format (`flame.npz`, DESIGN.md).

Every artifact is written to a temporary sibling and renamed into place, so a failed or
killed job never leaves a half-written file that Snakemake (or a user) would trust.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np

from .arkit import ARKIT_NAMES, EXPRESSION_BASIS, NUM_ARKIT
from .errors import PortraitTalkerError


@functools.cache
def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; once, before any worker thread
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path next to `path`; rename it onto `path` only on success.

    The temporary name keeps the final suffix (tools like ffmpeg pick the format from it). The
    result gets the mode a plain `open()` would give it: mkstemp's private 0600 would otherwise
    survive the rename, and a web server or a colleague could not read the batch's videos.
    """
    path = Path(path)
    if path.is_dir():  # before the work, not at the rename after it
        raise PortraitTalkerError(f"{path}: is a folder; give the output a file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix if suffix is None else suffix
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".tmp{suffix}", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if tmp_path.is_file():
            os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


@contextlib.contextmanager
def atomic_dir(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary directory next to `path`; swap it into place only on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        yield tmp
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp's 0700, as for atomic_path
        if path.exists():
            shutil.rmtree(path)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def write_json(path: str | os.PathLike, obj) -> None:
    """A JSON artifact (indented, newline-terminated), written atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(obj, indent=2) + "\n")


FLAME_KEYS = ("expression", "jaw_pose", "neck_pose", "global_pose", "eye_pose")
POSE_WIDTHS = {"jaw_pose": 3, "neck_pose": 3, "global_pose": 3, "eye_pose": 6}


@dataclass(frozen=True)
class FlameSequence:
    """Per-frame motion, T frames at `fps` (DESIGN.md `flame.npz`).

    expression [T,52]: ARKit-52 weights in [0,1], columns named by `expression_names` (ARKit
    order, `portraittalker.arkit`), `expression_basis` = "arkit52". Poses are FLAME-style
    axis-angle radians: jaw/neck/global [T,3], eye [T,6] (left then right).
    """

    expression: np.ndarray
    jaw_pose: np.ndarray
    neck_pose: np.ndarray
    global_pose: np.ndarray
    eye_pose: np.ndarray
    fps: float
    expression_basis: str = EXPRESSION_BASIS
    expression_names: tuple[str, ...] = ARKIT_NAMES

    @property
    def num_frames(self) -> int:
        return int(self.expression.shape[0])

    def validate(self, source: str = "FLAME sequence") -> "FlameSequence":
        t = self.num_frames
        if self.expression.ndim != 2:
            raise PortraitTalkerError(f"{source}: 'expression' must be [T,E], got shape {self.expression.shape}")
        for key, width in POSE_WIDTHS.items():
            arr = getattr(self, key)
            if arr.shape != (t, width):
                raise PortraitTalkerError(f"{source}: '{key}' must be [{t},{width}], got shape {arr.shape}")
        for key in FLAME_KEYS:
            if not np.all(np.isfinite(getattr(self, key))):
                raise PortraitTalkerError(f"{source}: '{key}' contains NaN or inf")
        if not self.fps > 0:
            raise PortraitTalkerError(f"{source}: fps must be positive, got {self.fps}")
        if self.expression_basis != EXPRESSION_BASIS or tuple(self.expression_names) != ARKIT_NAMES:
            raise PortraitTalkerError(
                f"{source}: expression must be ARKit-52 in ARKit order (basis '{EXPRESSION_BASIS}'), got basis "
                f"'{self.expression_basis}' with {len(self.expression_names)} names; re-run predict_flame")
        if self.expression.shape[1] != NUM_ARKIT:
            raise PortraitTalkerError(f"{source}: 'expression' must be [T,{NUM_ARKIT}], got shape {self.expression.shape}")
        return self


def save_flame(seq: FlameSequence, path: str | os.PathLike) -> None:
    seq.validate(str(path))
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:
            np.savez(
                f,
                **{k: np.asarray(getattr(seq, k), dtype=np.float32) for k in FLAME_KEYS},
                fps=np.float32(seq.fps),
                expression_basis=np.array(seq.expression_basis),
                expression_names=np.array(seq.expression_names),
            )


def load_flame(path: str | os.PathLike) -> FlameSequence:
    path = Path(path)
    if not path.is_file():
        raise PortraitTalkerError(f"{path}: FLAME sequence not found (run predict_flame first)")
    try:
        data = np.load(path, allow_pickle=False)
    except Exception as err:  # numpy raises several types for a damaged archive
        raise PortraitTalkerError(f"{path}: not a readable .npz FLAME sequence ({err})") from err
    missing = [k for k in (*FLAME_KEYS, "fps", "expression_basis", "expression_names") if k not in data.files]
    if missing:
        raise PortraitTalkerError(f"{path}: FLAME sequence lacks key(s) {', '.join(missing)}")
    seq = FlameSequence(
        **{k: np.asarray(data[k], dtype=np.float32) for k in FLAME_KEYS},
        fps=float(data["fps"]),
        expression_basis=str(data["expression_basis"]),
        expression_names=tuple(str(n) for n in data["expression_names"]),
    )
    return seq.validate(str(path))
