"""A sash as geometry: a band across the chest from the right hip up over the left shoulder (the
person's own sides) and down the back: a sari's pallu, a pageant or a royal sash.

Built as a suspenders' strap is (`suspenders.py`): its two edges cast onto the clothes from in
front, lifted off them, then over the top of the shoulder along rays about an axis below it and
a short way down the back (what the camera never sees ends there). Its middle runs on a straight
line in the front view, from low at the far side of the chest to beside the neck on the shoulder.
Every vertex rides on the body vertex under it (skinning copied, as clothes do).
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach
from .body import BodySurface, nearest_of, region_mask
from .contour import strip, thickened
from .garments import front_points
from .scarf import SCARF_REGION
from .suspenders import RESTS_ON, Layout, over_shoulder

# half widths, grown man's sizes (scaled with the shoulders): a sari's pallu is broad, a sash a ribbon
HALF_WIDTH_M = {"sash": 0.032, "drape": 0.055}
LIFT_M = 0.004                 # off the clothes
THICKNESS_M = 0.002
LOW_X_M = 0.15                 # its middle at the body's bottom edge, this far to the person's right
SHOULDER_X_PAST_NECK_M = 0.05  # and over the left shoulder, this far out past the neck
GATHERED = 0.5                 # over the shoulder it is gathered to this much narrower than across the chest
COLUMNS = 6                    # lines along the band, edge to edge (the cloth bends across the chest between them)


def _band(body: BodySurface, at: Layout, half_width: float) -> tuple[np.ndarray, np.ndarray]:
    """The band as a thin sheet: straight across the front, then over the left shoulder."""
    y = np.linspace(at.bottom_y + 0.005, at.arc_y, 18)
    t = (y - y[0]) / (y[-1] - y[0])
    low, high = -LOW_X_M * at.scale, at.neck_radius + SHOULDER_X_PAST_NECK_M * at.scale
    middle = low + (high - low) * t
    # a band of even width, seen along its slant: its horizontal cut is wider by 1/cos
    slant = np.hypot(high - low, y[-1] - y[0]) / (y[-1] - y[0])
    # gathered on the shoulder (a broad drape laid flat out there stood off the shoulder's edge as a fin)
    width = half_width * at.scale * slant * (1.0 - GATHERED * t)
    columns = []
    for u in np.linspace(-1.0, 1.0, COLUMNS):
        x = middle + u * width
        front = body.pushed_out(front_points(body, x, y, 0.0), LIFT_M)
        columns.append(np.concatenate([front, over_shoulder(body, x[-1], at, LIFT_M)]))
    verts, faces = strip(columns)
    verts, faces = thickened(verts, faces, body.query(verts)[1], THICKNESS_M)
    return body.pushed_out(verts, LIFT_M / 2), faces


def sash_part(head: HeadModel, style: str = "sash") -> Part:
    """A sash (`style` "sash") or a sari's drape ("drape") across `head`'s chest, as one part."""
    if style not in HALF_WIDTH_M:
        raise PortraitTalkerError(f"sash style '{style}' is unknown; use one of {', '.join(HALF_WIDTH_M)}")
    rests_on = region_mask(head, *RESTS_ON)
    if not rests_on.any():
        raise PortraitTalkerError(f"head model '{head.model_id}' has no torso to lay a sash on")
    at = Layout.of(head)
    body = BodySurface(head, subdivisions=8)   # fine enough that no ray steps through a tie or lapel
    verts, faces = _band(body, at, HALF_WIDTH_M[style])
    return Part(name="sash", verts=verts, faces=faces, source=nearest_of(head, rests_on, verts), region=SCARF_REGION)


def add_sash(head: HeadModel, style: str | None) -> HeadModel:
    """`head` wearing a sash or a sari's drape (`style` None: unchanged)."""
    return attach(head, sash_part(head, style)) if style else head
