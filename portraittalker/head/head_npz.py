"""The project's own head-model file: one compressed `.npz` readable without pickle.

Keys mirror `HeadModel` fields; strings are stored as numpy unicode arrays, landmarks as two
parallel arrays, metadata as a JSON string, so the file loads with `allow_pickle=False`.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..errors import PortraitTalkerError
from ..io import atomic_path
from .model import REGION_NAMES, HeadModel

ARRAY_KEYS = ("v_template", "faces", "shapedirs", "exprdirs", "posedirs", "J_regressor", "parents", "lbs_weights")
FORMAT_VERSION = 1


def save_head_npz(head: HeadModel, path: str | Path) -> None:
    """Write `head` atomically; float arrays as float32, indices as int32."""
    head.validate(str(path))
    arrays = {k: np.asarray(getattr(head, k), dtype=np.float32) for k in ARRAY_KEYS}
    arrays["faces"] = np.asarray(head.faces, dtype=np.int32)
    arrays["parents"] = np.asarray(head.parents, dtype=np.int32)
    extra = {
        "format_version": np.int32(FORMAT_VERSION),
        "model_id": np.array(head.model_id),
        "expression_names": np.array(head.expression_names, dtype=str),
        "region_names": np.array(head.region_names, dtype=str),
        "landmark_names": np.array(list(head.landmarks), dtype=str),
        "landmark_indices": np.array(list(head.landmarks.values()), dtype=np.int32),
        "metadata_json": np.array(json.dumps(head.metadata, sort_keys=True)),
    }
    if head.regions is not None:
        extra["regions"] = np.asarray(head.regions, dtype=np.int8)
    if head.arkit_matrix is not None:
        extra["arkit_matrix"] = np.asarray(head.arkit_matrix, dtype=np.float32)
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:
            np.savez_compressed(f, **arrays, **extra)


def load_head_npz(path: str | Path) -> HeadModel:
    path = Path(path)
    try:
        data = np.load(path, allow_pickle=False)
    except Exception as err:  # numpy raises several types for a damaged archive
        raise PortraitTalkerError(f"{path}: not a readable head-model .npz ({err})") from err
    missing = [k for k in (*ARRAY_KEYS, "model_id") if k not in data.files]
    if missing:
        raise PortraitTalkerError(f"{path}: head-model .npz lacks key(s) {', '.join(missing)}")
    get_names = lambda k: tuple(str(s) for s in data[k]) if k in data.files else ()  # noqa: E731
    landmark_names = get_names("landmark_names")
    landmark_indices = data["landmark_indices"] if "landmark_indices" in data.files else np.zeros(0, np.int32)
    if len(landmark_names) != len(landmark_indices):
        raise PortraitTalkerError(f"{path}: 'landmark_names' and 'landmark_indices' differ in length")
    head = HeadModel(
        v_template=data["v_template"].astype(np.float32),
        faces=data["faces"].astype(np.int64),
        shapedirs=data["shapedirs"].astype(np.float32),
        exprdirs=data["exprdirs"].astype(np.float32),
        posedirs=data["posedirs"].astype(np.float32),
        J_regressor=data["J_regressor"].astype(np.float32),
        parents=data["parents"].astype(np.int64),
        lbs_weights=data["lbs_weights"].astype(np.float32),
        model_id=str(data["model_id"]),
        expression_names=get_names("expression_names"),
        regions=data["regions"].astype(np.int64) if "regions" in data.files else None,
        region_names=get_names("region_names") or REGION_NAMES,
        landmarks={n: int(i) for n, i in zip(landmark_names, landmark_indices)},
        metadata=json.loads(str(data["metadata_json"])) if "metadata_json" in data.files else {},
        arkit_matrix=data["arkit_matrix"].astype(np.float32) if "arkit_matrix" in data.files else None,
    )
    return head.validate(str(path))
