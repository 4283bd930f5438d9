"""Hearing aids as geometry: a behind-the-ear case on each ear, with its tube over the top.

The ear's rim and lobe are earrings.py's (`ear_rim`, `earlobes`: what sticks out sideways at the
ears' depth). The case is a curved capsule laid along the back of that rim from near the ear's
top down CASE_SPAN_M, tucked into the crease behind the ear and pushed out of the head wherever
it would touch it; a thin tube runs from the case's top over the ear towards its middle. Both ride
rigidly on the head (a skin vertex above the ear), so they turn with it and ignore the face's motion.
"""

from __future__ import annotations

import numpy as np

from ..model import HeadModel
from .attach import Part, attach, merged
from .body import Anchors, BodySurface, rigid_skin_vertex
from .earrings import SLICE_M, ear_rim, earlobes
from .glasses import tube

HEARING_AID_REGION = "hearing_aid"
CASE_TOP_M, CASE_SPAN_M = 0.05, 0.028   # the case from this far above the lobe, this far down the ear's back
CASE_RADII_M = (0.0042, 0.0032)         # its half width across the head's side, half depth
TUCK_M = (0.007, 0.006)                 # behind the rim: this far in towards the head, this far back
TUBE_RADIUS_M = 0.0009
TUBE_REACH_M = (0.012, 0.006)           # the tube's end: this far in front of the case's top, this far lower


def hearing_aids_part(head: HeadModel) -> Part:
    """A behind-the-ear hearing aid on each of `head`'s ears, as one part."""
    body = BodySurface(head)
    a = Anchors.from_head(head)
    pieces = []
    for lobe, side in zip(earlobes(head, a), (1.0, -1.0)):
        # the rim from the lobe up to the case's top
        rim = np.asarray(ear_rim(head, side, np.arange(lobe[1], lobe[1] + CASE_TOP_M + SLICE_M, SLICE_M), a),
                         np.float64).reshape(-1, 3)
        top = lobe[1] + CASE_TOP_M
        span = rim[(rim[:, 1] > top - CASE_SPAN_M) & (rim[:, 1] <= top)]
        if len(span) < 3:   # too small an ear to find: along a line behind the lobe instead
            span = lobe + np.outer(np.linspace(CASE_TOP_M - CASE_SPAN_M, CASE_TOP_M, 8), [0.0, 1.0, 0.0])
        # smooth the rim's steps, then tuck in behind it
        path = np.stack([np.convolve(np.pad(span[:, k], 2, mode="edge"), np.ones(5) / 5, mode="valid")
                         for k in range(3)], 1)
        path = path + np.array([-side * TUCK_M[0], 0.0, -TUCK_M[1]])
        path = body.pushed_out(path, max(CASE_RADII_M) + 0.001)
        pieces.append((*tube(path, (0.0, 0.0, 1.0), CASE_RADII_M[0], CASE_RADII_M[1], closed=False), 0))
        start = path[np.argmax(path[:, 1])]
        end = start + np.array([side * 0.002, -TUBE_REACH_M[1], TUBE_REACH_M[0]])
        arc = np.linspace(0.0, 1.0, 10)[:, None]
        line = start * (1 - arc) + end * arc + np.array([side * 0.004, 0.004, 0.0]) * (4 * arc * (1 - arc))
        line = body.pushed_out(line, TUBE_RADIUS_M + 0.0008)
        pieces.append((*tube(line, (0.0, 1.0, 0.0), TUBE_RADIUS_M, TUBE_RADIUS_M, closed=False, sides=6), 0))
    verts, faces, _ = merged(pieces)
    source = np.full(len(verts), rigid_skin_vertex(head, np.array([0.0, float(a.eye_y) + 0.05, float(a.ear_z)])))
    return Part(name="hearing_aids", verts=verts, faces=faces, source=source, region=HEARING_AID_REGION)


def add_hearing_aids(head: HeadModel, worn: bool) -> HeadModel:
    """`head` wearing hearing aids (`worn` False: unchanged)."""
    return attach(head, hearing_aids_part(head)) if worn else head
