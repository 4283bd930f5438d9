"""`load_head_model(spec)`: the anny head, the bundled head, a FLAME pickle, or a project `.npz`, by spec."""

from __future__ import annotations

from pathlib import Path

from ..errors import PortraitTalkerError
from .flame_pickle import load_flame_pickle
from .head_npz import load_head_npz
from .model import HeadModel

BUNDLED_HEAD_PATH = Path(__file__).resolve().parents[2] / "models" / "head" / "bundled_head.npz"


def resolve_head_path(spec: str | Path) -> Path:
    if str(spec) == "bundled":
        if not BUNDLED_HEAD_PATH.is_file():
            raise PortraitTalkerError(
                f"{BUNDLED_HEAD_PATH}: bundled head model missing; rebuild it with "
                "`python scripts/build_head_model.py`")
        return BUNDLED_HEAD_PATH
    path = Path(spec)
    if not path.is_file():
        raise PortraitTalkerError(
            f"{path}: head model not found (config head.model takes 'anny', 'bundled' or a path to a FLAME .pkl or .npz)")
    return path


ANNY_SPEC = "anny"


def load_head_model(spec: str | Path = ANNY_SPEC, basis_path: str | Path | None = None) -> HeadModel:
    """"anny" (the neutral anny upper body, from `basis_path` or the per-install cache),
    "bundled", or a path to a FLAME 2020/2023 `.pkl` or a project `.npz` -> `HeadModel`.
    An avatar's own identity is built with `anny.build_anny_head`."""
    if str(spec) == ANNY_SPEC:
        from .anny import build_anny_head
        from .anny.cache import ensure_basis

        return build_anny_head(ensure_basis(basis_path))
    path = resolve_head_path(spec)
    suffix = path.suffix.lower()
    if suffix == ".npz":
        return load_head_npz(path)
    if suffix in (".pkl", ".pickle"):
        return load_flame_pickle(path)
    raise PortraitTalkerError(f"{path}: unknown head-model format '{suffix}' (expected .pkl or .npz)")
