"""Earrings as geometry: a stud, a pearl or a hoop on each earlobe.

The lobe is the lowest point of each ear (found as what sticks out sideways at the ears' depth:
the heads carry no ear label). A stud or pearl is a small sphere resting on the
lobe's outer side; a hoop is a thin ring hanging from it, its plane turned a little towards the
face so it reads from the front (edge-on it would be a line). Each earring rides rigidly on the
skin vertex nearest its lobe, skinned to the head alone: it turns with the head and ignores the
face's expressions.
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError
from ..bundled.meshing import icosphere
from ..model import HeadModel
from .attach import Part, attach
from .body import Anchors, BodySurface, region_mask, rigid_skin_vertex, smoothstep
from .glasses import tube

EARRINGS_REGION = "earrings"
# style -> (radius of the sphere or of the ring, metres); a hoop's wire is HOOP_WIRE_M thick
STYLES: dict[str, float] = {"stud": 0.0025, "pearl": 0.0038, "hoop": 0.011}
HOOP_WIRE_M = 0.0009
HOOP_TURN_DEG = 35.0       # a hoop's plane turned from the head's side towards the face
EAR_STEP_M = 0.012         # below the lobe the head's side is this much narrower than the ear
SLICE_M = 0.002            # the ear's rim is found in slices this tall


def ear_rim(head: HeadModel, side: float, heights: np.ndarray, a: Anchors | None = None) -> list[np.ndarray]:
    """The ear's rim on `side` (+1 the person's left): the widest skin point at the ears' depth in each
    2 mm slice at `heights` (the heads have no ear label: the ear is what sticks out sideways there),
    empty slices left out."""
    a = Anchors.from_head(head) if a is None else a
    v = np.asarray(head.v_template, np.float64)
    near = region_mask(head, "skin", "ear") & (np.abs(v[:, 2] - a.ear_z) < 0.035)
    ids = np.flatnonzero(near & (v[:, 0] * side > 0))
    if not len(ids):
        raise PortraitTalkerError(f"head model '{head.model_id}' has no skin at the ears to hang anything on")
    rim = []
    for y in heights:
        slab = ids[np.abs(v[ids, 1] - y) < SLICE_M]
        if len(slab):
            rim.append(v[slab[np.argmax(v[slab, 0] * side)]])
    return rim


def earlobes(head: HeadModel, a: Anchors | None = None) -> list[np.ndarray]:
    """Each ear's lobe (left, then right): down the ear's rim from eye level, the last slice before
    the width falls back to the jaw's (the ear ends)."""
    a = Anchors.from_head(head) if a is None else a
    lobes = []
    for side in (1.0, -1.0):
        widest, lobe = None, None
        for point in ear_rim(head, side, np.arange(a.eye_y, a.mouth_y - 0.03, -SLICE_M), a):
            widest = abs(point[0]) if widest is None else max(widest, abs(point[0]))
            if abs(point[0]) < widest - EAR_STEP_M:
                break
            lobe = point
        if lobe is None:
            raise PortraitTalkerError(f"head model '{head.model_id}': no earlobe found to hang earrings on")
        lobes.append(lobe)
    return lobes


EAR_WALL_DEPTH_M = 0.06    # what falls past the ears is moved out over this depth round theirs (fading) ...
EAR_WALL_MAX_M = 0.03      # ... by at most this much


def past_the_ears(head: HeadModel, points: np.ndarray, a: Anchors, clearance: float, below_lobe_m: float,
                  above_brow_m: float) -> np.ndarray:
    """[...] signed x offsets that move `points` [..., 3] on the sides of the head out to the ears'
    width plus `clearance`, from `above_brow_m` over the brows down to `below_lobe_m` under the lobes
    (both fading): cloth or hair falling past an ear is one smooth side. Laid over the ear it kept the
    ear's shape, rim and hollow (a hump like an ear muff); lifted along the skin's normals instead,
    behind an ear it stood out backwards in spikes. Zeros when the head has no ears to find."""
    out = np.zeros(points.shape[:-1])
    try:
        lobes = earlobes(head, a)
    except PortraitTalkerError:
        return out
    x, y, z = points[..., 0], points[..., 1], points[..., 2]
    for side, lobe in zip((1.0, -1.0), lobes):
        rim = ear_rim(head, side, np.arange(a.eye_y + 0.015, lobe[1], -0.004), a)
        if not rim:
            continue
        wall = max(abs(p[0]) for p in rim) + clearance
        band = smoothstep(float(lobe[1]) - below_lobe_m, float(lobe[1]), y) \
            * smoothstep(a.brow_y + above_brow_m, a.eye_y, y) * smoothstep(EAR_WALL_DEPTH_M, 0.0, np.abs(z - a.ear_z))
        out += side * band * np.clip(wall - x * side, 0.0, EAR_WALL_MAX_M) * (x * side > 0)
    return out


def earrings_part(head: HeadModel, style: str = "stud") -> Part:
    """A pair of earrings of `style` (STYLES) on `head`'s earlobes, as one part."""
    if style not in STYLES:
        raise PortraitTalkerError(f"earring style '{style}' is unknown; use one of {', '.join(STYLES)}")
    body = BodySurface(head)
    size = STYLES[style]
    verts, faces, sources = [], [], []
    for lobe in earlobes(head):
        side = np.sign(lobe[0])
        out = body.query(lobe[None])[1][0]
        out = out + np.array([0.6 * side, 0.0, 0.0])  # the lobe's outer side, whatever its normal says
        out /= np.linalg.norm(out)
        if style == "hoop":  # a ring hanging from the lobe
            turn = np.radians(HOOP_TURN_DEG)
            along = np.array([-side * np.sin(turn), 0.0, np.cos(turn)])   # in the ring's plane, horizontal
            top = lobe + out * 0.0015 - np.array([0.0, 0.002, 0.0])
            centre = top - np.array([0.0, size, 0.0])
            t = np.linspace(0, 2 * np.pi, 40, endpoint=False)
            ring = centre + size * (np.sin(t)[:, None] * along + np.cos(t)[:, None] * np.array([0.0, 1.0, 0.0]))
            pv, pf = tube(ring, out, HOOP_WIRE_M, HOOP_WIRE_M, closed=True)
        else:                # a stud or a pearl resting on the lobe
            pv, pf = icosphere(2)
            pv = lobe + out * (size + 0.0008) - np.array([0.0, 0.001, 0.0]) + pv * size
        faces.append(pf + sum(len(x) for x in verts))
        verts.append(pv)
        sources.append(np.full(len(pv), rigid_skin_vertex(head, lobe)))
    return Part(name="earrings", verts=np.concatenate(verts), faces=np.concatenate(faces),
                source=np.concatenate(sources), region=EARRINGS_REGION, metadata={"earrings": {"style": style}})


def add_earrings(head: HeadModel, style: str | None) -> HeadModel:
    """`head` wearing earrings (`style` None or "none": unchanged)."""
    if style in (None, "none"):
        return head
    return attach(head, earrings_part(head, style))
