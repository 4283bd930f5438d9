"""Suspenders (British braces): two straps over the shoulders running down the chest; overalls
(dungarees) add the bib the straps hold, across the chest between them.

Each strap is a thin band laid on the clothes (or the body) from in front as a tie is, its
two edges cast along the same rays: up the chest from the bottom of the body, drawing a little
apart on the way up, then over the top of the shoulder and a short way down the back (what the
camera never sees ends there). Every vertex rides on the body vertex under it (skinning
copied, as clothes do), so the straps turn with the torso.
"""

from __future__ import annotations

from dataclasses import dataclass

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
# where a strap crosses the shoulder line (|x| past the neck) and how much nearer the middle it
# runs at the body's bottom edge; these lengths are a grown man's and scale with the shoulders'
# width: on a child's narrow shoulders a man's spacing put the straps off their edges
ADULT_SHOULDER_HALF_WIDTH_M = 0.30
SHOULDER_X_PAST_NECK_M = 0.035
CONVERGE_M = 0.012
ARC_DROP_M = 0.07             # the arc over the shoulder turns about an axis this far below its top
ARC_DEG = 150.0               # from the front (0) over the top (90) to this far down the back
ARC_REACH_M = 0.10            # its rays start this far from the axis: from higher up they met the ear
BIB_DROP_M = 0.11             # an overalls' bib's top edge this far below the shoulder line (mid-chest)
BIB_LIFT_M = 0.004            # off the shirt: stiffer cloth than a strap's elastic


@dataclass(frozen=True)
class Layout:
    """Where the straps go on one body."""

    neck_radius: float   # the bare neck's (a shirt's neckline or a collar round it left out)
    scale: float         # the body's shoulder width over a grown man's
    line_y: float        # the shoulder line
    axis_z: float        # depth of the neck's axis
    bottom_y: float      # the body's bottom edge

    @classmethod
    def of(cls, head: HeadModel) -> "Layout":
        a = Anchors.from_head(head)
        frame = NeckFrame(a)
        v = np.asarray(head.v_template)[region_mask(head, "neck")]
        ring = v[np.abs(v[:, 1] - (a.neck_joint[1] + a.neck_base[1]) / 2) < 0.01]
        radius = float(np.percentile(np.abs(ring[:, 0]), 95)) if len(ring) else a.neck_radius
        scale = float(np.clip(a.shoulder_half_width / ADULT_SHOULDER_HALF_WIDTH_M, 0.4, 1.2))
        return cls(radius, scale, frame.line_y, frame.axis_z, a.bottom_y)

    @property
    def arc_y(self) -> float:
        """Height of the axis the arc over the shoulder turns about."""
        return self.line_y - ARC_DROP_M * self.scale

    @property
    def bib_top(self) -> float:
        return max(self.line_y - BIB_DROP_M * self.scale, self.bottom_y + 0.03)

    def strap_x(self, y: np.ndarray) -> np.ndarray:
        """|x| of a strap's middle at heights `y`: nearer the middle low on the chest."""
        bottom = self.bottom_y + 0.005
        t = (y - bottom) / (self.arc_y - bottom)
        return self.neck_radius + (SHOULDER_X_PAST_NECK_M - CONVERGE_M * (1.0 - t)) * self.scale


def over_shoulder(body: BodySurface, x: float, at: Layout, lift: float) -> np.ndarray:
    """Points over the shoulder at `x`: rays in the y-z plane aimed at (x, arc_y, axis_z)."""
    phi = np.radians(np.linspace(0.0, ARC_DEG, 14))[1:]
    direction = np.stack([np.zeros_like(phi), np.sin(phi), np.cos(phi)], axis=1)
    reach = ARC_REACH_M * at.scale
    origin = np.array([x, at.arc_y, at.axis_z]) + direction * reach
    p = body.march(origin, -direction, reach, steps=60)
    return body.pushed_out(p, lift)


def _strap(body: BodySurface, at: Layout, side: float, lift: float = LIFT_M) -> tuple[np.ndarray, np.ndarray]:
    """One strap on the `side` (+1 left, -1 right) as a thin sheet, `lift` off what it lies on."""
    y = np.linspace(at.bottom_y + 0.005, at.arc_y, 16)
    columns = []
    for u in np.linspace(-1.0, 1.0, 4):
        x = side * at.strap_x(y) + u * HALF_WIDTH_M * at.scale
        front = body.pushed_out(front_points(body, x, y, 0.0), lift)
        columns.append(np.concatenate([front, over_shoulder(body, x[-1], at, lift)]))
    verts, faces = strip(columns)
    verts, faces = thickened(verts, faces, body.query(verts)[1], THICKNESS_M)
    return body.pushed_out(verts, lift / 2), faces   # the back, too, where the torso curves away at the side


def _bib(body: BodySurface, at: Layout) -> tuple[np.ndarray, np.ndarray]:
    """The overalls' bib: a panel across the chest from the body's bottom edge up to where the
    straps hold it, as wide as the straps' outer edges, its top edge straight."""
    y = np.linspace(at.bottom_y + 0.005, at.bib_top, 12)
    half = at.strap_x(y) + HALF_WIDTH_M * at.scale
    columns = [body.pushed_out(front_points(body, u * half, y, 0.0), BIB_LIFT_M) for u in np.linspace(-1.0, 1.0, 17)]
    verts, faces = strip(columns)
    return thickened(verts, faces, body.query(verts)[1], THICKNESS_M)


def suspenders_part(head: HeadModel, bib: bool = False) -> Part:
    """Suspenders over `head`'s shoulders and down its chest (with `bib`: overalls), as one part."""
    rests_on = region_mask(head, *RESTS_ON)
    if not rests_on.any():
        raise PortraitTalkerError(f"head model '{head.model_id}' has no torso to hang suspenders on")
    at = Layout.of(head)
    body = BodySurface(head, subdivisions=8)   # fine enough that no ray steps through a 3 mm tie or lapel
    lift = BIB_LIFT_M + THICKNESS_M if bib else LIFT_M   # the straps over the bib's top edge
    pieces = [_strap(body, at, 1.0, lift), _strap(body, at, -1.0, lift)] + ([_bib(body, at)] if bib else [])
    offsets = np.cumsum([0] + [len(v) for v, _ in pieces])
    verts = np.concatenate([v for v, _ in pieces])
    faces = np.concatenate([f + o for (_, f), o in zip(pieces, offsets)])
    return Part(name="suspenders", verts=verts, faces=faces, source=nearest_of(head, rests_on, verts),
                region=SUSPENDERS_REGION)


def add_suspenders(head: HeadModel, worn: bool, bib: bool = False) -> HeadModel:
    """`head` wearing suspenders, with `bib` overalls (`worn` False: unchanged)."""
    return attach(head, suspenders_part(head, bib)) if worn else head
