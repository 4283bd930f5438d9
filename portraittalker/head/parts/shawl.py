"""A shawl as geometry: a large knitted cloth draped over both shoulders, open down the front.

The shawl is the body's own surface round the base of the neck, over the shoulders and the
upper arms, down the upper back (to a point at the middle, where a folded shawl's corner hangs)
and down the chest either side of an opening that widens downwards (the two ends hanging in
front); copied and lifted off the body by the knit's thickness, its lower edge and the
opening's sides snapped to clean lines. It is laid over the clothes (pushed out of whatever the
dressed head already wears there), and long hair, added later, lies over it. The neck itself
stays bare. Every vertex rides on the body vertex under it (skinning copied, as clothes do).
A scarf (scarf.py) is a narrow wrap round the neck: said as a shawl, pashmina or stole, it read
as a thick roll collar with a panel down the front.
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach
from .body import BodySurface
from .cape import body_to_drape, laid_over
from .garments import BODY_REGIONS, offset_shell
from .scarf import SCARF_REGION

THICKNESS_M = 0.007           # a knit's thickness off the body
NECK_ROOM_M = 0.014           # the neck stays bare: the shawl starts this far out from it
DROP_M = 0.15                 # the lower edge this far below the shoulder line, at the front and sides ...
BACK_POINT_M = 0.07           # ... and lower by up to this at the middle of the back (its corner)
BACK_POINT_HALF_M = 0.09      # ... the point's half width
OPEN_HALF_M = 0.6             # the front opening's half width at the neck, in neck radii ...
OPEN_SLOPE = 0.35             # ... widening by this share of the distance down the chest
SNAP_M = 0.025                # edge points this near the lower edge or the opening are moved onto it


def shawl_part(head: HeadModel, bare: HeadModel | None = None) -> Part:
    """A shawl over `head`'s shoulders, as one part. `head` may be dressed (the shawl lies over
    its clothes); `bare`, the same head before it was dressed, gives the body's own surface."""
    bare, body_mask, frame, v = body_to_drape(head, bare, "drape a shawl on")

    def lower_y(p: np.ndarray) -> np.ndarray:
        behind = p[:, 2] < frame.axis_z
        point = BACK_POINT_M * np.clip(1.0 - np.abs(p[:, 0]) / BACK_POINT_HALF_M, 0.0, 1.0) * behind
        return frame.line_y - DROP_M - point

    def open_half(p: np.ndarray) -> np.ndarray:
        return OPEN_HALF_M * frame.radius + OPEN_SLOPE * np.maximum(frame.line_y - p[:, 1], 0.0)

    in_front = v[:, 2] > frame.axis_z + 0.5 * frame.radius
    opening = in_front & (np.abs(v[:, 0]) < open_half(v))
    neck = frame.radial(v) < frame.radius + NECK_ROOM_M
    mask = body_mask & (v[:, 1] > lower_y(v)) & ~opening & ~neck
    skin = BodySurface(bare, regions=BODY_REGIONS)

    def snap(p: np.ndarray) -> np.ndarray:
        """Edge points onto the lower edge or the opening's sides: a clean edge, not the
        triangles' saw-tooth."""
        out = p.copy()
        low = np.abs(p[:, 1] - lower_y(p)) < SNAP_M
        side = (p[:, 2] > frame.axis_z + 0.5 * frame.radius) & (np.abs(np.abs(p[:, 0]) - open_half(p)) < SNAP_M) & ~low
        out[low, 1] = lower_y(p[low])
        out[side, 0] = np.sign(p[side, 0]) * open_half(p[side])
        moved = low | side
        if moved.any():
            out[moved] = skin.onto(out[moved])
        return out

    verts, faces, source = offset_shell(bare, skin, mask, THICKNESS_M, snap=snap)
    if not len(faces):
        raise PortraitTalkerError(f"head model '{head.model_id}': no shoulders to drape a shawl on")
    verts = laid_over(head, verts, frame, NECK_ROOM_M)   # over everything worn so far
    return Part(name="shawl", verts=verts, faces=faces, source=source, region=SCARF_REGION)


def add_shawl(head: HeadModel, worn: bool, bare: HeadModel | None = None) -> HeadModel:
    """`head` wearing a shawl over its shoulders (`worn` False: unchanged); `bare` as for `shawl_part`."""
    return attach(head, shawl_part(head, bare)) if worn else head
