"""Read FLAME 2020 / 2023 pickles without `chumpy`.

The official FLAME files are Python-2 pickles: `shapedirs` (and sometimes other arrays) are
chumpy objects and `J_regressor` is a scipy sparse matrix. chumpy does not import on modern
numpy, and a pickle may name any class, so files are read by the allowlist unpickler of
`safe_pickle`: every `chumpy.*` class becomes the inert `ChumpyStandIn`, which only keeps
the pickled state; the array is then taken out of that state.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ..errors import PortraitTalkerError
from .model import FLAME_PARENTS, HeadModel
from .safe_pickle import ChumpyStandIn, safe_load_pickle

FLAME_NUM_SHAPE = 300  # FLAME stores 300 identity then 100 expression components in `shapedirs`
REQUIRED_KEYS = ("v_template", "f", "shapedirs", "posedirs", "J_regressor", "kintree_table", "weights")


def chumpy_array(obj: ChumpyStandIn) -> np.ndarray:
    """The array a chumpy `Ch` wraps: its `x` term (or, failing that, its largest array)."""
    state = getattr(obj, "state", None)
    if isinstance(state, dict):
        if "x" in state:
            return as_array(state["x"])
        arrays = [as_array(v) for v in state.values() if isinstance(v, (np.ndarray, ChumpyStandIn))]
        if arrays:
            return max(arrays, key=lambda a: a.size)
    for value in (state, *obj.args):
        if isinstance(value, np.ndarray):
            return value
    raise ValueError("chumpy object holds no array")


def as_array(value: Any) -> np.ndarray:
    """A dense numpy array from an ndarray, a chumpy stand-in or a scipy sparse matrix."""
    if isinstance(value, ChumpyStandIn):
        return chumpy_array(value)
    if hasattr(value, "toarray"):  # a scipy sparse matrix (scipy stays unimported until a pickle needs it)
        return value.toarray()
    return np.asarray(value)


def read_flame_pickle(path: Path) -> dict[str, Any]:
    """The raw dictionary stored in a FLAME pickle, read through the allowlist unpickler."""
    data = safe_load_pickle(path, what="FLAME pickle")
    if not isinstance(data, dict):
        raise PortraitTalkerError(f"{path}: expected a FLAME model dictionary, found {type(data).__name__}")
    return data


def flame_model_id(path: Path) -> str:
    """Expression-basis id of a FLAME file: its release, guessed from the file name."""
    return "flame2023" if "2023" in path.name else "flame2020"


def load_flame_pickle(path: str | Path, model_id: str | None = None,
                      num_shape: int = FLAME_NUM_SHAPE) -> HeadModel:
    """Load FLAME `generic_model.pkl` (2020) or `flame2023*.pkl` into a `HeadModel`.

    `shapedirs` [V,3,K] is split into the first `num_shape` identity components and the
    remaining expression components; `posedirs` [V,3,P] becomes [P, V*3] as in FLAME's layer.
    """
    path = Path(path)
    raw = read_flame_pickle(path)
    missing = [k for k in REQUIRED_KEYS if k not in raw]
    if missing:
        raise PortraitTalkerError(f"{path}: FLAME pickle lacks key(s) {', '.join(missing)}")

    arrays = {}
    for key in REQUIRED_KEYS:
        try:
            arrays[key] = as_array(raw[key])
        except ValueError as err:
            raise PortraitTalkerError(f"{path}: FLAME key '{key}' could not be read as an array ({err})") from err

    v_template = arrays["v_template"].astype(np.float32)
    num_verts = v_template.shape[0] if v_template.ndim == 2 else -1
    shapedirs = arrays["shapedirs"].astype(np.float32)
    if shapedirs.ndim != 3 or shapedirs.shape[:2] != (num_verts, 3) or shapedirs.shape[2] <= num_shape:
        raise PortraitTalkerError(
            f"{path}: FLAME key 'shapedirs' must have shape [{num_verts},3,>{num_shape}] "
            f"(identity then expression components), got {shapedirs.shape}")
    posedirs = arrays["posedirs"].astype(np.float32)
    if posedirs.ndim != 3 or posedirs.shape[:2] != (num_verts, 3):
        raise PortraitTalkerError(f"{path}: FLAME key 'posedirs' must have shape [{num_verts},3,P], got {posedirs.shape}")
    kintree = arrays["kintree_table"].astype(np.int64)
    if kintree.ndim != 2 or kintree.shape[0] != 2:
        raise PortraitTalkerError(f"{path}: FLAME key 'kintree_table' must have shape [2,J], got {kintree.shape}")
    parents = kintree[0].copy()
    parents[0] = -1  # stored as the largest uint32
    if tuple(parents) != FLAME_PARENTS:
        raise PortraitTalkerError(f"{path}: FLAME key 'kintree_table' is not FLAME's 5-joint tree: parents {parents}")

    head = HeadModel(
        v_template=v_template,
        faces=arrays["f"].astype(np.int64),
        shapedirs=shapedirs[:, :, :num_shape],
        exprdirs=shapedirs[:, :, num_shape:],
        posedirs=posedirs.reshape(-1, posedirs.shape[2]).T.copy(),
        J_regressor=arrays["J_regressor"].astype(np.float32),
        parents=parents,
        lbs_weights=arrays["weights"].astype(np.float32),
        model_id=model_id or flame_model_id(path),
        expression_names=tuple(f"flame_expression_{i:03d}" for i in range(shapedirs.shape[2] - num_shape)),
        regions=None,
        landmarks={},
        metadata={"source": str(path), "format": "flame-pickle"},
    )
    return head.validate(str(path))
