"""A `HeadModel` as a dict of tensors and plain values, for files read with `weights_only=True`.

An avatar built on the anny head carries its own head (its identity baked in), so rendering,
previews and export use exactly the geometry the appearance was made on, with no rebuild.
All-zero pose correctives (heads without them, like anny's) are left out and restored as zeros.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import torch

from ..errors import PortraitTalkerError
from .model import HeadModel

_FLOAT = ("v_template", "shapedirs", "exprdirs", "J_regressor", "lbs_weights")
_INT = ("faces", "parents")


def head_to_state(head: HeadModel) -> dict[str, Any]:
    state: dict[str, Any] = {k: torch.from_numpy(np.ascontiguousarray(getattr(head, k), dtype=np.float32)) for k in _FLOAT}
    state.update({k: torch.from_numpy(np.ascontiguousarray(getattr(head, k), dtype=np.int64)) for k in _INT})
    posedirs = np.asarray(head.posedirs, dtype=np.float32)
    state["posedirs"] = torch.from_numpy(posedirs) if np.any(posedirs) else None
    state["posedirs_shape"] = list(posedirs.shape)
    state["regions"] = None if head.regions is None else torch.from_numpy(np.asarray(head.regions, dtype=np.int64))
    state["uv"] = None if head.uv is None else torch.from_numpy(np.asarray(head.uv, dtype=np.float32))
    state["faces_uv"] = None if head.faces_uv is None else torch.from_numpy(np.asarray(head.faces_uv, dtype=np.int64))
    state["arkit_matrix"] = None if head.arkit_matrix is None else torch.from_numpy(
        np.asarray(head.arkit_matrix, dtype=np.float32))
    state["arkit_matrix"] = None if head.arkit_matrix is None else torch.from_numpy(np.asarray(head.arkit_matrix, np.float32))
    state["model_id"] = head.model_id
    state["expression_names"] = list(head.expression_names)
    state["region_names"] = list(head.region_names)
    state["landmarks"] = {str(k): int(v) for k, v in head.landmarks.items()}
    state["metadata_json"] = json.dumps(head.metadata, sort_keys=True, default=str)
    return state


def head_from_state(state: dict[str, Any], source: str = "head") -> HeadModel:
    try:
        arr = lambda k, dtype: np.asarray(state[k].numpy(), dtype=dtype)  # noqa: E731
        opt = lambda k, dtype: None if state.get(k) is None else arr(k, dtype)  # noqa: E731
        posedirs = opt("posedirs", np.float32)
        if posedirs is None:
            posedirs = np.zeros(tuple(state["posedirs_shape"]), np.float32)
        head = HeadModel(
            **{k: arr(k, np.float32) for k in _FLOAT}, **{k: arr(k, np.int64) for k in _INT},
            posedirs=posedirs, model_id=str(state["model_id"]),
            expression_names=tuple(state["expression_names"]), regions=opt("regions", np.int64),
            region_names=tuple(state["region_names"]), landmarks={str(k): int(v) for k, v in state["landmarks"].items()},
            metadata=json.loads(state["metadata_json"]), uv=opt("uv", np.float32), faces_uv=opt("faces_uv", np.int64),
            arkit_matrix=opt("arkit_matrix", np.float32),
        )
    except (KeyError, TypeError, AttributeError, ValueError) as err:
        raise PortraitTalkerError(f"{source}: damaged head record ({type(err).__name__}: {err}); re-create the avatar") from err
    return head.validate(source)
