"""Something held in the mouth: a pipe, a cigar, a cigarette, a toothpick or a straw, as geometry.

Each is a few straight, capped tubes (each of one material, so their colours meet cleanly)
laid along one axis that leaves the lips a little in from the mouth's corner on the person's
left, pointing forwards, down and out; a pipe's stem ends in an upright bowl. Its end lies
PROP_INSET_M inside the closed lips, so the lips hold it. Every vertex rides on one vertex of
the lower lip there (its skinning and expression offsets): the prop moves rigidly with the lip
and jaw as the face speaks.
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach, merged
from .body import region_mask
from .glasses import tube

KINDS = ("pipe", "cigar", "cigarette", "toothpick", "straw")
# the regions (materials) of the props: appearance/parts.PART_COLOURS_SRGB colours each
REGIONS = ("prop_filter", "prop_paper", "prop_ash", "prop_ember", "prop_cigar", "prop_band", "prop_briar",
           "prop_bit", "prop_char", "prop_wood", "prop_straw")
# from the lips outwards: (length m, radius m, region) per piece; a radius pair tapers the piece
PIECES: dict[str, tuple[tuple[float, float | tuple[float, float], str], ...]] = {
    "cigarette": ((0.022, 0.0039, "prop_filter"), (0.046, 0.0039, "prop_paper"), (0.0018, 0.0038, "prop_ember"),
                  (0.004, (0.0037, 0.0030), "prop_ash")),
    "cigar": ((0.03, (0.0065, 0.0085), "prop_cigar"), (0.012, 0.0089, "prop_band"), (0.068, 0.0085, "prop_cigar"),
              (0.002, 0.0083, "prop_ember"), (0.01, (0.0082, 0.0072), "prop_ash")),
    "pipe": ((0.022, (0.0028, 0.0036), "prop_bit"), (0.046, (0.0036, 0.0046), "prop_briar")),
    "toothpick": ((0.068, (0.0016, 0.0006), "prop_wood"),),
    "straw": ((0.105, (0.0015, 0.0009), "prop_straw"),),
}
# the axis leaving the lips: turned out from straight ahead and tipped down (radians)
AIM_RAD: dict[str, tuple[float, float]] = {"cigarette": (0.3, 0.38), "cigar": (0.25, 0.3), "pipe": (0.2, 0.42),
                                           "toothpick": (0.35, 0.2), "straw": (0.4, 0.25)}
HOLD_SHARE = 0.6            # held this share of the way from the midline to the mouth's corner
PROP_INSET_M = 0.006        # its end this far inside the lips' front
BOWL_M = (0.0115, 0.036, 0.008)   # a pipe's bowl: outer radius, height, how far its foot hangs below the stem's end
BOWL_RIM_M = 0.0022         # the wall's thickness: the char inside shows this far in from the rim
SIDES = 14


def _direction(yaw: float, pitch: float, sign: float) -> np.ndarray:
    return np.array([sign * np.sin(yaw) * np.cos(pitch), -np.sin(pitch), np.cos(yaw) * np.cos(pitch)])


def _hint(axis: np.ndarray) -> np.ndarray:
    """A direction across `axis` for the tube's frames (up, unless the axis is upright)."""
    return np.array([1.0, 0.0, 0.0]) if abs(axis[1]) > 0.9 else np.array([0.0, 1.0, 0.0])


def _piece(start: np.ndarray, axis: np.ndarray, length: float, radius, rings: int = 4):
    """A capped tube from `start` along unit `axis`, its radius a number or a (start, end) taper."""
    t = np.linspace(0.0, 1.0, rings)
    r0, r1 = radius if isinstance(radius, tuple) else (radius, radius)
    points = start + np.outer(t * length, axis)
    r = r0 + (r1 - r0) * t
    return tube(points, _hint(axis), r, r, closed=False, sides=SIDES)


def mouth_prop_part(head: HeadModel, kind: str, side: str = "left") -> Part:
    """The prop `kind` (KINDS) held at the `side` (the person's own) of the mouth of `head`."""
    if kind not in KINDS:
        raise PortraitTalkerError(f"mouth prop '{kind}' is unknown; use one of {', '.join(KINDS)}")
    lm = head.landmarks
    if not {"mouth_corner_left", "mouth_corner_right", "lip_inner_top", "lip_inner_bottom"} <= set(lm):
        raise PortraitTalkerError("a mouth prop needs the head's mouth landmarks (an anny head has them)")
    v = np.asarray(head.v_template, np.float64)
    sign = 1.0 if side == "left" else -1.0
    corner = v[lm["mouth_corner_left" if sign > 0 else "mouth_corner_right"]]
    seam_y = float(v[lm["lip_inner_top"], 1] + v[lm["lip_inner_bottom"], 1]) / 2
    x = HOLD_SHARE * float(corner[0])
    lips = np.flatnonzero(region_mask(head, "lips"))
    if len(lips) == 0:
        raise PortraitTalkerError("a mouth prop needs the head's lips region")
    near = lips[np.linalg.norm(v[lips, :2] - [x, seam_y], axis=1) < 0.005]
    front_z = float(v[near, 2].max()) if len(near) else float(corner[2]) + 0.008
    start = np.array([x, seam_y, front_z - PROP_INSET_M])
    axis = _direction(*AIM_RAD[kind], sign)

    pieces, at = [], start
    for length, radius, region in PIECES[kind]:
        pieces.append((*_piece(at, axis, length, radius), REGIONS.index(region)))
        at = at + axis * length
    if kind == "pipe":   # the bowl stands on the stem's end, its foot hanging a little below
        radius, height, foot = BOWL_M
        base = at + axis * (radius * 0.6) - np.array([0.0, foot, 0.0])
        up = np.array([0.0, 1.0, 0.0])
        pieces.append((*_piece(base, up, height, (radius * 0.82, radius), rings=6), REGIONS.index("prop_briar")))
        top = base + up * (height + 0.0003)
        pieces.append((*_piece(top - up * 0.0006, up, 0.0006, radius - BOWL_RIM_M, rings=2), REGIONS.index("prop_char")))
    verts, faces, labels = merged(pieces)

    # every vertex rides on the lower lip under the hold: rigid with it, following the jaw and the lips' motion
    lower = lips[v[lips, 1] < seam_y]
    anchor = int(lower[np.argmin(np.linalg.norm(v[lower] - [x, seam_y - 0.003, front_z], axis=1))])
    used = sorted(set(labels.tolist()))
    remap = np.searchsorted(used, labels)
    return Part(name=f"mouth_prop_{kind}", verts=verts, faces=faces, source=np.full(len(verts), anchor),
                region=REGIONS[used[0]], follow_expression=np.ones(len(verts), bool), labels=remap,
                label_names=tuple(REGIONS[i] for i in used),
                metadata={"mouth_prop": {"kind": kind, "side": side, "hold": start.round(5).tolist(),
                                         "axis": axis.round(5).tolist()}})


def add_mouth_prop(head: HeadModel, kind: str | None, side: str = "left") -> HeadModel:
    """`head` holding `kind` in its mouth (None: unchanged)."""
    if kind is None:
        return head
    return attach(head, mouth_prop_part(head, kind, side))
