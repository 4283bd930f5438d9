"""A cape as geometry: cloth from the base of the throat over the shoulders and down the back.

The cape is the body's own surface over the back (behind the neck's axis: the back and the
backs of the arms) and over a yoke round the base of the neck and across the tops of the
shoulders, front included, where it is fastened; copied and lifted off the body by the cloth's
thickness, and further the lower it hangs below the shoulders: it drapes away from the back
instead of clinging to it. Its edge gets a rim folding back towards the body, as a garment's
does. It is laid over the clothes (pushed out of whatever the dressed head already wears
there), and long hair, added later, lies over it. From the front it shows on the shoulders and
hangs behind the arms. Every vertex rides on the body vertex under it (skinning copied, as
clothes do).
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach
from .body import Anchors, BodySurface, region_mask, smoothstep
from .garments import BODY_REGIONS, NECK_ZONE_M, NeckFrame, offset_shell
from .scarf import SCARF_REGION

THICKNESS_M = 0.008
BEHIND_AXIS_M = 0.01           # below the shoulders, the cape lies behind this plane (the neck's axis less this)
YOKE_DROP_M = 0.035            # over the shoulders it reaches this far below the shoulder line at the neck ...
YOKE_SLOPE = 0.2               # ... and lower by this share of the distance out along the shoulder
SNAP_M = 0.03                  # edge points this near the yoke's line or the back's plane are moved onto it
COLLAR_ABOVE_LINE_M = 0.02     # it rises this far up the back of the neck
FLARE_M = 0.04                 # how far it stands off the back ...
FLARE_DROP_M = 0.3             # ... this far below the shoulder line
CLEARANCE_M = 0.004            # off the clothes under it
NECK_ROOM_M = 0.02             # in front of the neck's axis it stays this far out from the neck: a shirt's
                               # collar stands there (laid round it, the collar's points came through the cloth)
THROAT_HALF = 0.9              # the opening down the front, in neck radii either side of the middle
NECK_CLEARANCE_M = (0.008, 0.04)   # extra room off the clothes at the neck ring, fading out over this distance


def body_to_drape(head: HeadModel, bare: HeadModel | None, what: str
                  ) -> tuple[HeadModel, np.ndarray, NeckFrame, np.ndarray]:
    """What a cloth over the shoulders is cut from: the body before it was dressed (`bare`, else
    `head`; clothes relabel the skin they hide, so a dressed head's torso is only what shows), its
    neck and torso mask [V], neck frame and vertices. Raises when there is no body to `what` on."""
    bare = head if bare is None else bare
    body_mask = region_mask(bare, *BODY_REGIONS)
    if not body_mask.any():
        raise PortraitTalkerError(f"head model '{head.model_id}' has no neck or torso to {what}")
    return bare, body_mask, NeckFrame(Anchors.from_head(bare)), np.asarray(bare.v_template, dtype=np.float64)


def laid_over(head: HeadModel, verts: np.ndarray, frame: NeckFrame, neck_room: float) -> np.ndarray:
    """`verts` pushed out of everything `head` already wears by CLEARANCE_M, and further round the
    neck (from `neck_room` off it, fading out over NECK_CLEARANCE_M[1]), where a jacket's collar and
    lapels stand up between the clothes' vertices."""
    ring = frame.radius + neck_room
    near_neck = 1.0 - smoothstep(ring, ring + NECK_CLEARANCE_M[1], frame.radial(verts))
    return BodySurface(head).pushed_out(verts, CLEARANCE_M + NECK_CLEARANCE_M[0] * near_neck)


def cape_part(head: HeadModel, bare: HeadModel | None = None) -> Part:
    """A cape over `head`'s shoulders and back, as one part. `head` may be dressed (the cape lies
    over its clothes); `bare`, the same head before it was dressed, gives the body's own surface."""
    bare, body_mask, frame, v = body_to_drape(head, bare, "hang a cape on")
    back_z = frame.axis_z - BEHIND_AXIS_M

    def yoke_y(p: np.ndarray) -> np.ndarray:
        return frame.line_y - YOKE_DROP_M - YOKE_SLOPE * np.maximum(np.abs(p[:, 0]) - frame.radius, 0.0)

    up_the_neck = (frame.radial(v) < frame.radius + NECK_ZONE_M) & (v[:, 1] > frame.line_y + COLLAR_ABOVE_LINE_M)
    # it is fastened at the sides of the neck: the throat and the shirt's collar and tie stay open
    throat = (v[:, 2] > frame.axis_z + 0.5 * frame.radius) & (np.abs(v[:, 0]) < THROAT_HALF * frame.radius)
    round_the_neck = (v[:, 2] > frame.axis_z) & (frame.radial(v) < frame.radius + NECK_ROOM_M)
    mask = body_mask & ((v[:, 2] < back_z) | (v[:, 1] > yoke_y(v))) & ~up_the_neck & ~throat & ~round_the_neck
    skin = BodySurface(bare, regions=BODY_REGIONS)    # the body's own surface, for the cloth's shape

    def snap(p: np.ndarray) -> np.ndarray:
        """Edge points onto the yoke's line (over the shoulders), the back's plane (down the
        sides), the ring round the front of the neck or the sides of the throat's opening: a clean
        edge instead of the triangles' saw-tooth."""
        out = p.copy()
        on_yoke = (np.abs(p[:, 1] - yoke_y(p)) < SNAP_M) & (p[:, 2] > back_z)
        on_side = (np.abs(p[:, 2] - back_z) < SNAP_M) & (p[:, 1] < yoke_y(p) - SNAP_M)
        out[on_yoke, 1] = yoke_y(p[on_yoke])
        out[on_side, 2] = back_z
        ring = frame.radius + NECK_ROOM_M
        radial = frame.radial(p)
        in_yoke = p[:, 1] > yoke_y(p) - 0.5 * SNAP_M    # (not the back's edge hanging round the arms)
        on_ring = (p[:, 2] > frame.axis_z) & (radial < ring + 0.5 * SNAP_M) & in_yoke & ~on_yoke
        out[on_ring, 0] *= ring / radial[on_ring]
        out[on_ring, 2] = frame.axis_z + (p[on_ring, 2] - frame.axis_z) * ring / radial[on_ring]
        half = THROAT_HALF * frame.radius
        on_throat = (p[:, 2] > frame.axis_z + 0.5 * frame.radius) & (np.abs(np.abs(p[:, 0]) - half) < 0.5 * SNAP_M) \
            & in_yoke & ~on_ring & ~on_yoke
        out[on_throat, 0] = np.sign(p[on_throat, 0]) * half
        moved = on_yoke | on_side | on_ring | on_throat
        if moved.any():
            out[moved] = skin.onto(out[moved])
        return out
    verts, faces, source = offset_shell(bare, skin, mask, THICKNESS_M, snap=snap)
    if not len(faces):
        raise PortraitTalkerError(f"head model '{head.model_id}': no back or shoulders to hang a cape on")
    # the lower, the further off the back (the rim's copy too, so the edge keeps its depth)
    drop = smoothstep(frame.line_y, frame.line_y - FLARE_DROP_M, verts[:, 1])
    verts = verts + skin.query(verts)[1] * (FLARE_M * drop)[:, None]
    verts = laid_over(head, verts, frame, NECK_ROOM_M)   # over everything worn so far
    return Part(name="cape", verts=verts, faces=faces, source=source, region=SCARF_REGION)


def add_cape(head: HeadModel, worn: bool, bare: HeadModel | None = None) -> HeadModel:
    """`head` wearing a cape over its shoulders (`worn` False: unchanged); `bare` as for `cape_part`."""
    return attach(head, cape_part(head, bare)) if worn else head
