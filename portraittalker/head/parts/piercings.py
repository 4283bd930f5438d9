"""Facial piercings as geometry: a stud or a ring in a nostril, a septum ring, a lip ring, an
eyebrow bar.

Each is placed from the face's landmarks and the skin around them: a nostril's wing is the
widest point of the nose a little above and behind its tip (on the subject's left, as most
are), the septum's foot the lowest point of the nose's middle, a lip ring sits on the lower
lip between its middle and left corner, an eyebrow bar at the outer end of the left brow.
Each piece rides on the skin vertex it pierces with that vertex's expression offsets, so a
lip ring moves with the lip and a brow bar with the brow.
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError
from ..bundled.meshing import icosphere
from ..model import HeadModel
from .attach import Part, attach
from .body import Anchors, BodySurface, region_mask
from .glasses import tube

PIERCINGS_REGION = "piercings"
KINDS = ("nose_stud", "nose_ring", "septum", "lip_ring", "brow")
STUD_RADIUS_M = 0.0014
RING_RADIUS_M = 0.0042
WIRE_M = 0.0006
LIP_RING_TURN_DEG = 35.0
UP = np.array([0.0, 1.0, 0.0])


def _ring(centre: np.ndarray, a: np.ndarray, b: np.ndarray, radius: float) -> tuple[np.ndarray, np.ndarray]:
    """A wire ring round `centre` in the plane of unit vectors a, b."""
    t = np.linspace(0, 2 * np.pi, 24, endpoint=False)[:, None]
    points = centre + radius * (np.cos(t) * a + np.sin(t) * b)
    return tube(points, np.cross(a, b), WIRE_M, WIRE_M, closed=True, sides=6)


def _ball(centre: np.ndarray, radius: float) -> tuple[np.ndarray, np.ndarray]:
    sv, sf = icosphere(1)
    return centre + sv * radius, sf


def _skin(head: HeadModel) -> tuple[np.ndarray, np.ndarray]:
    v = np.asarray(head.v_template, np.float64)
    ids = np.flatnonzero(region_mask(head, "skin", "lips", "brow"))
    if not len(ids):
        raise PortraitTalkerError(f"head model '{head.model_id}' has no face skin to pierce")
    return v, ids


def _nostril(head: HeadModel, a: Anchors) -> int:
    """The left nostril's wing: the nose's widest skin point just above and behind its tip."""
    v, ids = _skin(head)
    tip = a.nose_tip
    p = v[ids]
    near = ids[(p[:, 0] > 0) & (p[:, 0] < 0.03) & (p[:, 1] < tip[1] - 0.002) & (p[:, 1] > tip[1] - 0.014)
               & (p[:, 2] > tip[2] - 0.03)]
    if not len(near):
        raise PortraitTalkerError(f"head model '{head.model_id}': no nostril found to pierce")
    # the wing: widest, but on the nose (its front half), not the cheek behind it
    front = near[v[near, 2] > np.median(v[near, 2])]
    return int(front[np.argmax(v[front, 0])])


def _septum(head: HeadModel, a: Anchors) -> int:
    """The septum under the nose: on the midline between the tip and the deepest point below it
    (where the nose meets the lip), a little nearer that point."""
    v, ids = _skin(head)
    tip = a.nose_tip
    p = v[ids]
    midline = ids[(np.abs(p[:, 0]) < 0.004) & (p[:, 1] < tip[1]) & (p[:, 1] > a.mouth_y + 0.004)
                  & (p[:, 2] > tip[2] - 0.03)]
    if not len(midline):
        raise PortraitTalkerError(f"head model '{head.model_id}': no septum found to pierce")
    base = v[midline[np.argmin(v[midline, 2])]]                  # where the nose meets the lip
    target = base + np.array([0.0, 0.35, 0.55]) * (tip - base)
    return int(midline[np.argmin(np.linalg.norm(v[midline] - target, axis=1))])


def _lower_lip(head: HeadModel) -> int:
    v = np.asarray(head.v_template, np.float64)
    lm = head.landmarks
    if "lip_outer_bottom" not in lm or "mouth_corner_left" not in lm:
        raise PortraitTalkerError(f"head model '{head.model_id}' has no lip landmarks to place a lip ring")
    target = 0.55 * v[lm["lip_outer_bottom"]] + 0.45 * v[lm["mouth_corner_left"]] - np.array([0.0, 0.002, 0.0])
    ids = np.flatnonzero(region_mask(head, "lips", "skin"))
    return int(ids[np.argmin(np.linalg.norm(v[ids] - target, axis=1))])


def _brow_end(head: HeadModel, a: Anchors) -> int:
    v = np.asarray(head.v_template, np.float64)
    lm = head.landmarks
    outer = v[lm["eye_outer_left"]] if "eye_outer_left" in lm else np.array([a.eye_half_gap + 0.015, a.eye_y, a.face_z])
    target = np.array([outer[0] - 0.002, a.brow_y + 0.004, outer[2] + 0.01])
    ids = np.flatnonzero(region_mask(head, "skin", "brow"))
    return int(ids[np.argmin(np.linalg.norm(v[ids] - target, axis=1))])


def piercing_part(head: HeadModel, kind: str) -> Part:
    """One piercing of `kind` (KINDS) on `head`'s face, as a part."""
    if kind not in KINDS:
        raise PortraitTalkerError(f"piercing '{kind}' is unknown; use one of {', '.join(KINDS)}")
    a = Anchors.from_head(head)
    body = BodySurface(head)
    v = np.asarray(head.v_template, np.float64)
    at = {"nose_stud": _nostril, "nose_ring": _nostril, "septum": _septum, "lip_ring": lambda h, _: _lower_lip(h),
          "brow": _brow_end}[kind](head, a)
    point = v[at]
    normal = body.query(point[None])[1][0]
    if kind == "nose_stud":
        verts, faces = _ball(point + normal * (STUD_RADIUS_M * 0.6), STUD_RADIUS_M)
    elif kind == "nose_ring":   # through the wing, round its lower rim
        centre = point - UP * RING_RADIUS_M * 0.75 - normal * 0.001
        verts, faces = _ring(centre, UP, normal, RING_RADIUS_M)
    elif kind == "septum":      # a horseshoe hanging under the nose, facing forwards
        centre = point - UP * (RING_RADIUS_M * 0.7) + np.array([0.0, 0.0, 0.001])
        verts, faces = _ring(centre, np.array([1.0, 0.0, 0.0]), UP, RING_RADIUS_M)
    elif kind == "lip_ring":    # round the lower lip's edge, turned a little towards the side so it reads from the front
        centre = point - UP * RING_RADIUS_M * 0.6 - normal * 0.0015
        turn = np.radians(LIP_RING_TURN_DEG)
        verts, faces = _ring(centre, UP, np.array([np.sin(turn), 0.0, np.cos(turn)]), RING_RADIUS_M)
    else:                       # a curved bar through the brow's end: two balls, one above the other
        bv, bf = _ball(point + normal * 0.0012 + UP * 0.004, STUD_RADIUS_M)
        cv, cf = _ball(point + normal * 0.0012 - UP * 0.004, STUD_RADIUS_M)
        verts, faces = np.concatenate([bv, cv]), np.concatenate([bf, cf + len(bv)])
    return Part(name=f"piercing:{kind}", verts=verts, faces=faces, source=np.full(len(verts), at),
                region=PIERCINGS_REGION, follow_expression=np.ones(len(verts), bool))


def add_piercings(head: HeadModel, kinds: tuple[str, ...] = ()) -> HeadModel:
    """`head` with each piercing in `kinds` (none: unchanged)."""
    for kind in dict.fromkeys(kinds):
        head = attach(head, piercing_part(head, kind))
    return head
