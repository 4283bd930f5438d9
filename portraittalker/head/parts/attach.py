"""Append a part (hair, beard, clothes) to a `HeadModel`, rigged from the head it sits on.

A part is a triangle mesh plus, per vertex, the head vertex it rides on (`source`). The new
vertices copy that vertex's skinning weights, shape and pose-corrective offsets, so the part
follows the neck and head exactly as the skin under it does; expression offsets are copied
only where asked (a beard follows the jaw and lips; hair and clothes do not move with the
face). Joints are unchanged: the new J_regressor columns are zero.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .body import outward_sign


@dataclass(frozen=True)
class Part:
    """verts [P,3] metres; faces [Q,3] wound outwards (away from the body); source [P] head
    vertex ids; region: the label its vertices get; labels [P] optional per-vertex region
    names index into `region_names` (overrides `region`); follow_expression [P] bool."""

    name: str
    verts: np.ndarray
    faces: np.ndarray
    source: np.ndarray
    region: str
    follow_expression: np.ndarray | None = None
    labels: np.ndarray | None = None
    label_names: tuple[str, ...] = ()
    relabel: np.ndarray | None = None   # head vertex ids hidden under the part: they take its region
    metadata: dict | None = None        # plain data merged into the head's metadata (e.g. a neckline)


def merged(pieces) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Meshes (verts, faces, label) as one: (verts, faces re-indexed, a label per vertex)."""
    verts, faces, labels, offset = [], [], [], 0
    for pv, pf, label in pieces:
        verts.append(pv)
        faces.append(pf + offset)
        labels.append(np.full(len(pv), label))
        offset += len(pv)
    return np.concatenate(verts), np.concatenate(faces), np.concatenate(labels)


def attach(head: HeadModel, part: Part) -> HeadModel:
    """A new HeadModel: `head` with `part` appended (the input is not modified)."""
    p = len(part.verts)
    if p == 0 or len(part.faces) == 0:
        return head
    if part.source.shape != (p,) or part.source.min() < 0 or part.source.max() >= head.num_vertices:
        raise PortraitTalkerError(f"part '{part.name}': source vertices must index the head's {head.num_vertices}")
    v0 = head.num_vertices
    src = np.asarray(part.source, dtype=np.int64)
    faces = np.asarray(part.faces, dtype=np.int64)
    if outward_sign(np.asarray(head.v_template, np.float64), np.asarray(head.faces)) < 0:
        faces = faces[:, ::-1]  # match the head's own winding convention
    follow = np.zeros(p, dtype=bool) if part.follow_expression is None else np.asarray(part.follow_expression, bool)

    exprdirs = head.exprdirs[src] * follow[:, None, None]
    posedirs = head.posedirs.reshape(head.posedirs.shape[0], v0, 3)[:, src].reshape(head.posedirs.shape[0], -1)

    names = tuple(head.region_names)
    wanted = [part.region, *part.label_names]
    for name in wanted:
        if name not in names:
            names = names + (name,)
    if part.labels is not None:
        new_labels = np.asarray([names.index(part.label_names[i]) for i in part.labels], dtype=np.int64)
    else:
        new_labels = np.full(p, names.index(part.region), dtype=np.int64)
    regions = None
    if head.regions is not None:
        old = np.asarray(head.regions, dtype=np.int64).copy()
        if part.relabel is not None and len(part.relabel):
            old[np.asarray(part.relabel, dtype=np.int64)] = names.index(part.region)
        regions = np.concatenate([old, new_labels])

    changes = dict(
        v_template=np.concatenate([head.v_template, part.verts.astype(head.v_template.dtype)]),
        faces=np.concatenate([head.faces, (faces + v0).astype(head.faces.dtype)]),
        shapedirs=np.concatenate([head.shapedirs, head.shapedirs[src]]),
        exprdirs=np.concatenate([head.exprdirs, exprdirs.astype(head.exprdirs.dtype)]),
        posedirs=np.concatenate([head.posedirs, posedirs.astype(head.posedirs.dtype)], axis=1),
        J_regressor=np.concatenate([head.J_regressor, np.zeros((head.num_joints, p), head.J_regressor.dtype)], axis=1),
        lbs_weights=np.concatenate([head.lbs_weights, head.lbs_weights[src]]),
        regions=regions,
        region_names=names if regions is not None else head.region_names,
        metadata={**head.metadata, **(part.metadata or {}), "parts": [*head.metadata.get("parts", []), part.name],
                  "body_vertices": int(head.metadata.get("body_vertices", v0))},  # the skin model's; parts follow
    )
    # texture coordinates, where the head has them: the part's corners share one texel
    uv, faces_uv = getattr(head, "uv", None), getattr(head, "faces_uv", None)
    if uv is not None and faces_uv is not None:
        changes["uv"] = np.concatenate([uv, np.zeros((1, 2), uv.dtype)])
        changes["faces_uv"] = np.concatenate([faces_uv, np.full((len(faces), 3), len(uv), faces_uv.dtype)])
    return dataclasses.replace(head, **changes)
