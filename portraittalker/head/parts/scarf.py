"""A scarf worn round the neck: a thick wrap at the neck's base and two ends down the chest.

The wrap is a soft elliptical tube laid round the neck just above where it meets the
shoulders, dipping a little at the front, and pushed out wherever its section would cut the
neck, the shoulders or a collar: it sits on them, fuller than any collar. The ends are two
knitted panels hanging from the front of the wrap, one lying over the other, cast onto the
chest (or the clothes) from in front as a tie is. Every vertex rides on the body vertex under
it (skinning copied, as clothes do), so the scarf turns with the torso and its back follows
the neck.
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach
from .body import Anchors, BodySurface, nearest_of, region_mask
from .contour import strip, thickened
from .garments import NeckFrame, around_neck, front_points
from .glasses import tube

SCARF_REGION = "scarf"        # Identity.scarf's colour: a scarf's, and a cape's, sash's or sari's drape (cape.py, sash.py)
RESTS_ON = ("neck", "torso", "cloth", "cloth_inner", "tie", "necklace")   # the vertices it may ride on
WRAP_ABOVE_LINE_M = 0.014     # the wrap's middle above where the neck meets the shoulders ...
WRAP_FRONT_DIP_M = 0.012      # ... and this much lower at the front
WRAP_HALF_HEIGHT_M = 0.024
WRAP_HALF_DEPTH_M = 0.013
SKIN_GAP_M = 0.0015
END_HALF_WIDTH_M = 0.034
END_THICKNESS_M = 0.006
ADULT_NECK_RADIUS_M = 0.057   # ends are this long on a neck this wide, shorter on a child's
# each end: (its centre's x, how far it lies off the body, its length in metres on an adult)
ENDS = ((0.024, 0.004, 0.21), (-0.020, 0.012, 0.17))


def _wrap(body: BodySurface, frame: NeckFrame) -> tuple[np.ndarray, np.ndarray]:
    theta = np.linspace(-np.pi, np.pi, 64, endpoint=False)
    front = np.clip(np.cos(theta), 0.0, 1.0) ** 2
    y = frame.line_y + WRAP_ABOVE_LINE_M - WRAP_FRONT_DIP_M * front
    ring = around_neck(body, frame, theta, y, WRAP_HALF_DEPTH_M + SKIN_GAP_M)
    # the frames' normal is the hint (up): the wrap is tall along it and deep across
    verts, faces = tube(ring, np.array([0.0, 1.0, 0.0]), WRAP_HALF_DEPTH_M, WRAP_HALF_HEIGHT_M, closed=True,
                        sides=12)
    return body.pushed_out(verts, SKIN_GAP_M), faces


def _end(body: BodySurface, top: float, x: float, lift: float, length: float) -> tuple[np.ndarray, np.ndarray]:
    """One end: a panel from under the wrap down the chest, resting `lift` off the body."""
    y = top - np.linspace(0.0, length, 14)
    rows = []
    # columns 8.5 mm apart: at 17 mm a lapel's edge poked through between two of them
    for dx in np.linspace(-END_HALF_WIDTH_M, END_HALF_WIDTH_M, 9):
        column = front_points(body, np.full_like(y, x + dx), y, lift + END_THICKNESS_M)
        # a ray that found a gap in the clothes (a jacket's V) ends up far from where it was
        # cast: the panel hangs straight down from the point above instead
        for i in np.flatnonzero(np.abs(column[:, 0] - (x + dx)) + np.abs(column[:, 1] - y) > 0.01):
            if i > 0:
                column[i] = body.pushed_out(column[i - 1:i] - [0.0, y[i - 1] - y[i], 0.0], lift + END_THICKNESS_M)[0]
        rows.append(column)
    verts, faces = strip(rows)
    return thickened(verts, faces, body.query(verts)[1], END_THICKNESS_M)


def scarf_part(head: HeadModel) -> Part:
    """A scarf round `head`'s neck, its ends down the chest, as one part."""
    rests_on = region_mask(head, *RESTS_ON)
    if not rests_on.any():
        raise PortraitTalkerError(f"head model '{head.model_id}' has no neck or torso to wrap a scarf round")
    a = Anchors.from_head(head)
    frame = NeckFrame(a)
    body = BodySurface(head, subdivisions=8)  # fine enough that no ray steps through a 3 mm tie or lapel
    verts, faces = _wrap(body, frame)
    top = frame.line_y + WRAP_ABOVE_LINE_M - WRAP_FRONT_DIP_M  # the wrap's middle at the front
    scale = min(a.neck_radius / ADULT_NECK_RADIUS_M, 1.0)
    for x, lift, length in ENDS:
        ev, ef = _end(body, top, x * scale, lift, length * scale)
        verts, faces = np.concatenate([verts, ev]), np.concatenate([faces, ef + len(verts)])
    return Part(name="scarf", verts=verts, faces=faces, source=nearest_of(head, rests_on, verts),
                region=SCARF_REGION)


def add_scarf(head: HeadModel, worn: bool) -> HeadModel:
    """`head` wearing a scarf round its neck (`worn` False: unchanged)."""
    return attach(head, scarf_part(head)) if worn else head
