"""Suspenders (British braces): two straps over the shoulders running down the chest.

Each strap is a thin band laid on the clothes (or the body) from in front as a tie is, its
two edges cast along the same rays: up the chest from the bottom of the body, drawing a little
apart on the way up, then over the top of the shoulder and a short way down the back (what the
camera never sees ends there). Every vertex rides on the body vertex under it (skinning
copied, as clothes do), so the straps turn with the torso.
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach
from .body import Anchors, BodySurface, nearest_of, region_mask
from .contour import strip, thickened
from .garments import NeckFrame, front_points

SUSPENDERS_REGION = "suspenders"
RESTS_ON = ("torso", "cloth", "cloth_inner", "tie")     # the vertices they may ride on
HALF_WIDTH_M = 0.016          # a strap 3.2 cm wide
LIFT_M = 0.0025               # off the shirt
THICKNESS_M = 0.002
# where a strap crosses the shoulder line (|x|, beside the neck) and how much nearer the middle
# it runs at the body's bottom edge
SHOULDER_X_PAST_NECK_M = 0.035
CONVERGE_M = 0.012
ARC_DROP_M = 0.07             # the arc over the shoulder turns about an axis this far below its top
ARC_DEG = 150.0               # from the front (0) over the top (90) to this far down the back
ARC_REACH_M = 0.10            # its rays start this far from the axis: from higher up they met the ear


def _arc(body: BodySurface, x: float, centre_y: float, centre_z: float, lift: float) -> np.ndarray:
    """Points over the shoulder at `x`: rays in the y-z plane aimed at (x, centre_y, centre_z)."""
    phi = np.radians(np.linspace(0.0, ARC_DEG, 14))[1:]
    direction = np.stack([np.zeros_like(phi), np.sin(phi), np.cos(phi)], axis=1)
    origin = np.array([x, centre_y, centre_z]) + direction * ARC_REACH_M
    p = body.march(origin, -direction, ARC_REACH_M, steps=60)
    return body.pushed_out(p, lift)


def _strap(body: BodySurface, frame: NeckFrame, a: Anchors, side: float) -> tuple[np.ndarray, np.ndarray]:
    """One strap on the `side` (+1 left, -1 right) as a thin sheet."""
    top_x = frame.radius + SHOULDER_X_PAST_NECK_M
    centre_y = frame.line_y - ARC_DROP_M
    y = np.linspace(a.bottom_y + 0.005, centre_y, 16)
    t = (y - y[0]) / (y[-1] - y[0])
    columns = []
    for u in np.linspace(-1.0, 1.0, 4):
        x = side * (top_x - CONVERGE_M * (1.0 - t)) + u * HALF_WIDTH_M
        front = body.pushed_out(front_points(body, x, y, 0.0), LIFT_M)
        columns.append(np.concatenate([front, _arc(body, x[-1], centre_y, frame.axis_z, LIFT_M)]))
    verts, faces = strip(columns)
    verts, faces = thickened(verts, faces, body.query(verts)[1], THICKNESS_M)
    return body.pushed_out(verts, LIFT_M / 2), faces   # the back, too, where the torso curves away at the side


def suspenders_part(head: HeadModel) -> Part:
    """Suspenders over `head`'s shoulders and down its chest, as one part."""
    rests_on = region_mask(head, *RESTS_ON)
    if not rests_on.any():
        raise PortraitTalkerError(f"head model '{head.model_id}' has no torso to hang suspenders on")
    a = Anchors.from_head(head)
    frame = NeckFrame(a)
    body = BodySurface(head, subdivisions=8)   # fine enough that no ray steps through a 3 mm tie or lapel
    (lv, lf), (rv, rf) = _strap(body, frame, a, 1.0), _strap(body, frame, a, -1.0)
    verts, faces = np.concatenate([lv, rv]), np.concatenate([lf, rf + len(lv)])
    return Part(name="suspenders", verts=verts, faces=faces, source=nearest_of(head, rests_on, verts),
                region=SUSPENDERS_REGION)


def add_suspenders(head: HeadModel, worn: bool) -> HeadModel:
    """`head` wearing suspenders (`worn` False: unchanged)."""
    return attach(head, suspenders_part(head)) if worn else head
