"""A monocle as geometry: one round rim over an eye and a thin chain hanging from it to the chest.

The rim is a circle centred on the pupil, in a plane a little in front of the cornea, lifted
wherever the brow or the cheek would reach it (a monocle is held between them), so it clears
the eye and lashes; the lens is clear and left out, as glasses' are. The chain leaves the rim's
outer lower edge, sags down past the cheek and jaw (kept well off them: the jaw moves as the
face speaks) and ends on the chest below the collar on the same side; a beaded tube reads as
its links. The rim and the chain above the chin ride on one skin vertex of the nose bridge
(rigid, like glasses); below the chin each chain vertex rides the body under it.
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach, merged
from .body import Anchors, BodySurface, region_mask, rigid_skin_vertex
from .glasses import CLEARANCE_M, GLASSES_REGION, _Face, _moving_average, tube

SIDES = ("left", "right")        # the person's own: left is +x
GAP_M = 0.007                    # rim plane in front of the cornea (a monocle sits closer than glasses)
RADIUS_EYE_GAPS = 0.55           # rim radius, in eye half gaps (about 1.7 cm)
RIM_M = (0.0013, 0.0011)         # rim cross-section half extents: in the lens plane, in depth
CHAIN_RADIUS_M = 0.0007
LINK_M = 0.004                   # a bead of the chain every this far
CHAIN_LEAVES_DEG = -40.0         # the chain leaves the rim this far below its outer side
CHAIN_END_M = (0.055, 0.10)      # it ends this far out from the middle and below the neck's base ...
JAW_CLEARANCE_M = 0.008          # ... passing this far off the face and body
SAMPLES = 72


def _chain_path(body: BodySurface, start: np.ndarray, end: np.ndarray, count: int = 48) -> np.ndarray:
    """[count,3] from `start` to `end`, sagging forwards-down like a hanging chain, kept off the body."""
    t = np.linspace(0.0, 1.0, count)[:, None]
    sag = np.array([0.0, -0.02, 0.012]) * (4 * t * (1 - t))
    path = start * (1 - t) + end * t + sag
    for _ in range(3):
        path = body.pushed_out(path, JAW_CLEARANCE_M * (1 - t[:, 0] ** 4) + CHAIN_RADIUS_M * 2)
        path[1:-1] = 0.5 * path[1:-1] + 0.25 * (path[:-2] + path[2:])
    return path


def monocle_part(head: HeadModel, eye: str = "right") -> Part:
    """The rim over `eye` (the person's own) and its chain, for the dressed `head`, as one part."""
    if eye not in SIDES:
        raise PortraitTalkerError(f"monocle eye '{eye}' is unknown; use one of {', '.join(SIDES)}")
    sign = 1.0 if eye == "left" else -1.0
    anchors = Anchors.from_head(head)
    face = _Face(head)
    v = np.asarray(head.v_template, np.float64)
    lm = {k: v[i] for k, i in head.landmarks.items()}
    joints = np.asarray(head.J_regressor, np.float64) @ v
    pupil = lm.get("pupil_left" if sign > 0 else "pupil_right", joints[3] if sign > 0 else joints[4])
    eyes = v[region_mask(head, "eye", "eyelashes", "eyelashes_lower")]
    cornea_z = float(eyes[:, 2].max()) if len(eyes) else float(pupil[2] + 0.012)
    radius = RADIUS_EYE_GAPS * anchors.eye_half_gap
    angle = np.linspace(0, 2 * np.pi, SAMPLES, endpoint=False)
    xy = pupil[:2] + radius * np.stack([np.cos(angle), np.sin(angle)], 1)
    rim = np.column_stack([xy, np.maximum(cornea_z + GAP_M, face.front_z(xy) + CLEARANCE_M + RIM_M[1])])
    rim[:, 2] = np.maximum(_moving_average(rim[:, 2], 3, closed=True), rim[:, 2])
    pieces = [(*tube(rim, (0.0, 0.0, 1.0), *RIM_M, closed=True), 0)]

    # the chain: from the rim's outer lower edge to the chest on the same side
    leaves = np.radians(CHAIN_LEAVES_DEG)
    start_xy = pupil[:2] + radius * np.array([sign * np.cos(leaves), np.sin(leaves)])
    start = rim[np.argmin(np.linalg.norm(rim[:, :2] - start_xy, axis=1))]
    body = BodySurface(head)
    end_y = float(anchors.neck_base[1]) - CHAIN_END_M[1]
    end = body.march(np.array([[sign * CHAIN_END_M[0], end_y, 0.4]]), np.array([[0.0, 0.0, -1.0]]), 0.6)[0]
    path = _chain_path(body, start, end)
    length = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(path, axis=0), axis=1))])
    along = np.linspace(0.0, length[-1], int(length[-1] / LINK_M * 4) + 2)   # four samples a link
    dense = np.stack([np.interp(along, length, path[:, k]) for k in range(3)], 1)
    beads = CHAIN_RADIUS_M * (1.0 + 0.4 * np.cos(2 * np.pi * along / LINK_M))
    pieces.append((*tube(dense, (0.0, 0.0, 1.0), beads, beads, closed=False, sides=6), 0))

    verts, faces, _ = merged(pieces)
    rigid = rigid_skin_vertex(head, np.array([0.0, float(pupil[1]), float(anchors.nose_tip[2]) - 0.02]))
    below = verts[:, 1] < float(anchors.chin[1])
    source = np.full(len(verts), rigid)
    if below.any():
        source[below] = body.query(verts[below])[2]
    return Part(name="monocle", verts=verts, faces=faces, source=source, region=GLASSES_REGION,
                metadata={"monocle": {"eye": eye, "rim_plane_z": float(cornea_z + GAP_M)}})


def add_monocle(head: HeadModel, eye: str | None) -> HeadModel:
    """`head` wearing a monocle over `eye` (None or "none": unchanged)."""
    if eye in (None, "none"):
        return head
    return attach(head, monocle_part(head, eye))
