"""Head coverings as geometry: a headscarf (hijab) framing the face, a turban over the crown.

Each is a soft field over the head's skin (how much cloth lies there), cut along its level
curve (`contour.clip_to_level`: the face opening and the lower edge are smooth curves, not the
stair steps of triangles) and lifted off the skin by the cloth's thickness plus its bulk, with
a rim folding into the skin at the edge so no sliver shows under it. Every cloth vertex rides
on the skin vertex it was lifted from, expressions included: a scarf under the chin opens with
the jaw. The hair a covering hides is not built (`dress_head` leaves it out).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from scipy import sparse
from scipy.spatial import cKDTree

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach
from .body import Anchors, BodySurface, outward_sign, region_mask, vertex_normals
from .contour import boundary_edges, clip_to_level

HEADWEAR_REGION = "headwear"
COVERS = ("skin", "neck", "hair_cap", "brow", "beard")  # never the lips, eyes, teeth or clothes
EDGE_LEVEL = 0.5
RIM_DEPTH_M = 0.002          # the rim folds this far into the skin
MIN_CLEARANCE_M = 0.0025     # draped cloth stays at least this far off the skin
HIDDEN_MARGIN_M = 0.01       # skin this far inside the edge is hidden under the cloth (takes its region)
FACE_OPENING_TOP_M = 0.03    # a scarf's opening reaches this far above the brows ...
FACE_OPENING_CHIN_M = 0.006  # ... and this far below the chin
FACE_OPENING_WIDTH = 1.95    # half width of the opening, in eye half gaps (the cheeks' width)


@dataclass(frozen=True)
class Wrap:
    thickness_m: float       # cloth over the skin
    bulk_m: float            # extra volume: a scarf's over the back of the head, a turban's wraps


WRAPS: dict[str, Wrap] = {"headscarf": Wrap(0.006, 0.014), "turban": Wrap(0.012, 0.045)}


def _smooth(edge0: float, edge1: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - edge0) / (edge1 - edge0), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def headwear_field(head: HeadModel, kind: str) -> Callable[[np.ndarray], np.ndarray]:
    """points [N,3] on the skin -> [N] in [0, 1]: how much cloth of `kind` lies there."""
    a = Anchors.from_head(head)
    v = np.asarray(head.v_template, np.float64)
    allowed = region_mask(head, *COVERS).astype(np.float64)
    tree = cKDTree(v)
    chin_y, brow_y = float(a.chin[1]), float(a.brow_y)
    back_z = float(a.skull_center[2] - a.skull_radii[2])

    def on_skin(p: np.ndarray) -> np.ndarray:
        dist, idx = tree.query(p, k=3)
        w = 1.0 / (dist + 1e-5)
        return (allowed[idx] * w).sum(axis=1) / w.sum(axis=1)

    if kind == "headscarf":
        top, bottom = brow_y + FACE_OPENING_TOP_M, chin_y - FACE_OPENING_CHIN_M
        cy, ry, rx = (top + bottom) / 2, (top - bottom) / 2, FACE_OPENING_WIDTH * a.eye_half_gap
        neck_base = float(a.neck_base[1])

        def field(p: np.ndarray) -> np.ndarray:
            front = _smooth(a.ear_z, a.ear_z + 0.03, p[:, 2])
            e = np.sqrt((p[:, 0] / rx) ** 2 + ((p[:, 1] - cy) / ry) ** 2)
            face = front * _smooth(1.06, 0.98, e)
            return (1 - face) * _smooth(neck_base + 0.01, neck_base + 0.03, p[:, 1]) * on_skin(p)
    elif kind == "turban":
        front_z = float(a.face_z) + 0.02
        low, high = float(a.eye_y) - 0.012, brow_y + 0.022

        def field(p: np.ndarray) -> np.ndarray:
            t = np.clip((p[:, 2] - back_z) / (front_z - back_z), 0.0, 1.0)
            line = low + (high - low) * t ** 1.5            # over the brow, above the ears, low at the nape
            return _smooth(line - 0.004, line + 0.004, p[:, 1]) * on_skin(p)
    else:
        raise PortraitTalkerError(f"head covering '{kind}' is unknown; use one of {', '.join(WRAPS)}")
    return field


def _draped(shell: np.ndarray, faces: np.ndarray, pinned: np.ndarray, body: BodySurface, clearance: np.ndarray,
            rounds: int = 3, iterations: int = 12) -> np.ndarray:
    """Cloth spans hollows and bumps instead of following every one (an ear under a scarf is
    a gentle swell, not an ear): Laplacian smoothing of the shell with its edge pinned, each
    round pushed back out to `clearance` [N] over the body."""
    n = len(shell)
    edges = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    adjacency = sparse.coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n)).tocsr()
    adjacency = ((adjacency + adjacency.T) > 0).astype(np.float64)
    mean = sparse.diags(1.0 / np.maximum(np.asarray(adjacency.sum(axis=1)).ravel(), 1.0)) @ adjacency
    free = np.ones(n, bool)
    free[pinned] = False
    out = shell.copy()
    def smooth(times: int) -> None:
        for _ in range(times):
            out[free] = 0.5 * out[free] + 0.5 * (mean @ out)[free]

    def push(to: np.ndarray | float) -> None:
        sd, normal, _ = body.query(out)
        out[:] += normal * np.clip(to - sd, 0.0, None)[:, None]

    for _ in range(rounds):
        smooth(iterations)
        push(clearance)
    smooth(iterations // 2)  # the bumps the last push raised (an ear's shape) spread out ...
    for _ in range(3):       # ... and nothing pokes through (in a crease one push along the
        push(MIN_CLEARANCE_M)  # blended normal may fall short)
    return out


def headwear_part(head: HeadModel, kind: str) -> Part:
    if kind not in WRAPS:
        raise PortraitTalkerError(f"head covering '{kind}' is unknown; use one of {', '.join(WRAPS)}")
    if head.regions is None:
        raise PortraitTalkerError(f"head model '{head.model_id}' has no region labels to lay a {kind} on")
    field = headwear_field(head, kind)
    v = np.asarray(head.v_template, np.float64)
    all_faces = np.asarray(head.faces, np.int64)
    normals_v = vertex_normals(v, all_faces) * outward_sign(v, all_faces)
    mask = field(v) * region_mask(head, *COVERS)
    faces = all_faces[(mask[all_faces] > 0).any(axis=1) & region_mask(head, *COVERS)[all_faces].all(axis=1)]
    base, patch, origin = clip_to_level(v, faces, mask, EDGE_LEVEL, field)
    used = np.unique(patch)
    if not len(used):
        raise PortraitTalkerError(f"head model '{head.model_id}' has no skin where a {kind} would lie")
    remap = np.full(len(base), -1, np.int64)
    remap[used] = np.arange(len(used))
    base, origin, patch = base[used], origin[used], remap[patch]
    a_id, b_id, t = origin[:, 0].astype(np.int64), origin[:, 1].astype(np.int64), origin[:, 2]
    normals = normals_v[a_id] * (1 - t)[:, None] + normals_v[b_id] * t[:, None]
    normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)
    m = np.where(a_id == b_id, mask[a_id], EDGE_LEVEL)
    fullness = _smooth(EDGE_LEVEL, 1.0, m)
    anchors = Anchors.from_head(head)
    wrap = WRAPS[kind]
    if kind == "headscarf":   # fuller over the back of the head and where it gathers at the neck
        bulk = _smooth(anchors.ear_z, anchors.ear_z - 0.06, base[:, 2]) * _smooth(anchors.eye_y - 0.03,
                                                                                    anchors.eye_y + 0.04, base[:, 1])
        bulk = bulk + 0.5 * _smooth(float(anchors.chin[1]), float(anchors.neck_base[1]), base[:, 1])
    else:                     # the wraps build up towards the crown
        bulk = _smooth(anchors.brow_y, float(anchors.crown[1]), base[:, 1])
    shell = base + normals * (wrap.thickness_m * fullness + wrap.bulk_m * bulk * fullness + 0.0008)[:, None]
    rim_edges = boundary_edges(patch)
    edge_ids = np.unique(rim_edges)
    if kind == "headscarf":   # a scarf drapes over the ears; a turban's wraps keep their shape
        shell = _draped(shell, patch, edge_ids, BodySurface(head), np.maximum(wrap.thickness_m * fullness, 0.0025))
    n = len(shell)
    rim_index = np.full(n, -1, np.int64)
    rim_index[edge_ids] = n + np.arange(len(edge_ids))
    rim = base[edge_ids] - normals[edge_ids] * RIM_DEPTH_M
    ea, eb = rim_edges[:, 0], rim_edges[:, 1]
    rim_faces = np.concatenate([np.stack([ea, rim_index[eb], eb], 1), np.stack([ea, rim_index[ea], rim_index[eb]], 1)])
    source = np.where(t < 0.5, a_id, b_id)
    deep = cKDTree(base[edge_ids]).query(v)[0] > HIDDEN_MARGIN_M if len(edge_ids) else np.ones(len(v), bool)
    return Part(kind, np.concatenate([shell, rim]), np.concatenate([patch, rim_faces]),
                np.concatenate([source, source[edge_ids]]), HEADWEAR_REGION,
                follow_expression=np.ones(n + len(edge_ids), dtype=bool),
                relabel=np.flatnonzero((mask > 0.6) & deep),
                metadata={"headwear": {"kind": kind, "rim_vertices": int(len(edge_ids))}})  # rims come last


def add_headwear(head: HeadModel, kind: str | None) -> HeadModel:
    """`head` with a headscarf or turban (None or "none": unchanged)."""
    if kind in (None, "none"):
        return head
    return attach(head, headwear_part(head, kind))
