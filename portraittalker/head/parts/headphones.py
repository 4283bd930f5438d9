"""Over-ear headphones as geometry: two cups over the ears, a band over the head, a boom mic for
a headset.

Each cup is a flattened ellipsoid centred on its ear (the ear's height is the eye line's a
little lower, its depth the ears' own), moved out sideways until its inner face clears the
head and whatever lies over the ear (long hair, a scarf). The band is swept over the head in the
ears' vertical plane: rays cast onto the dressed head from above find the hair or a hat under
it, so it rides on an afro as on a shaved scalp, and it runs down to the top of each cup. A
headset's boom leaves the left cup's front and curves to in front of the mouth's corner.
Everything rides rigidly on one skin vertex skinned to the head alone: the headphones turn
with the head and ignore the face's expressions. Worn round the neck, the band lies round the
back of the neck at its base and the cups rest on the collarbones either side of the throat,
facing up; they ride on the neck's base and the chest, not the head.
"""

from __future__ import annotations

import numpy as np

from ..bundled.meshing import icosphere
from ..model import HeadModel
from .attach import Part, attach, merged
from .body import Anchors, BodySurface, nearest_of, region_mask, rigid_skin_vertex
from .glasses import tube

HEADPHONES_REGION = "headphones"
CUP_RADII_M = (0.017, 0.040, 0.034)    # half thickness (out from the head), half height, half depth
CUP_BELOW_EYES_M = 0.012               # the ear's middle below the eye line
CUP_CLEARANCE_M = 0.002
MAX_OVER_HAIR_M = 0.02                 # a cup presses hair (pigtails, a beanie's hair) deeper than this
BAND_HALF_WIDTH_M = 0.011              # along the head's depth
BAND_HALF_THICKNESS_M = 0.0035
BAND_CLEARANCE_M = 0.002
BOOM_RADIUS_M = 0.0022
MIC_RADIUS_M = 0.0045
FACE_CLEARANCE_M = 0.012               # the boom's distance from the cheek
NECK_CUPS_OUT_M = 0.022                # round the neck: the cups' middles this far beyond the neck's side ...
NECK_CUPS_AHEAD_M = 0.035              # ... this far in front of its axis ...
NECK_BAND_ABOVE_SHOULDERS_M = 0.02     # ... and the band round the back this high above the shoulder line


def _ear_side_x(head: HeadModel, a: Anchors, y: float, z: float, side: float) -> float:
    """How far out the skin reaches at the ear (|x|), around height y and depth z (a head without
    skin labels there: the cranium's half width)."""
    v = np.asarray(head.v_template, np.float64)
    near = region_mask(head, "skin", "ear") & (np.abs(v[:, 1] - y) < 0.02) & (np.abs(v[:, 2] - z) < 0.03)
    near &= v[:, 0] * side > 0
    return float(np.abs(v[near, 0]).max()) if near.any() else float(a.skull_radii[0])


def _cup_centre(body: BodySurface, head: HeadModel, a: Anchors, side: float) -> np.ndarray:
    """Where a cup sits: over the ear, moved out until its inner face clears everything there,
    but never more than MAX_OVER_HAIR_M off the ear (what lies deeper, it presses flat)."""
    rx, ry, rz = CUP_RADII_M
    y, z = a.eye_y - CUP_BELOW_EYES_M, a.ear_z
    ear = _ear_side_x(head, a, y, z, side)
    centre = np.array([side * (ear + rx), y, z])
    t = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    rim = np.concatenate([[[0.0, 0.0]], np.stack([np.sin(t) * ry, np.cos(t) * rz], 1) * 0.85])
    for _ in range(20):  # the inner face's points [17,3], pushed out as one
        face = np.column_stack([np.full(len(rim), centre[0] - side * rx * 0.6), centre[1] + rim[:, 0], centre[2] + rim[:, 1]])
        short = CUP_CLEARANCE_M - body.signed_distance(face).min()
        if short <= 1e-4 or abs(centre[0]) >= ear + rx + MAX_OVER_HAIR_M:
            break
        centre[0] = side * min(abs(centre[0]) + short, ear + rx + MAX_OVER_HAIR_M)
    return centre


def _band(body: BodySurface, a: Anchors, cups: list[np.ndarray]) -> np.ndarray:
    """[N,3] the band's middle: from the top of one cup over the head to the other's."""
    z = float((cups[0][2] + cups[1][2]) / 2)
    hub = np.array([0.0, float(cups[0][1] + cups[1][1]) / 2, z])
    angles = np.linspace(-np.pi / 2, np.pi / 2, 41)[1:-1]
    direction = np.stack([np.sin(angles), np.cos(angles), np.zeros_like(angles)], 1)
    p = body.march(hub + direction * 0.4, -direction, 0.4, max_step=0.03, steps=120)  # onto the dressed head
    p = p + direction * (BAND_HALF_THICKNESS_M + BAND_CLEARANCE_M)
    top_of_cup = [c + np.array([0.0, CUP_RADII_M[1] * 0.8, 0.0]) for c in cups]
    # the band's arc between the cups: what lies above the cups' tops, and outside them
    keep = p[:, 1] > top_of_cup[0][1] + 0.02
    arc = p[keep]
    arc[:, 0] = np.clip(arc[:, 0], -abs(top_of_cup[1][0]), abs(top_of_cup[0][0]))
    ends = sorted(top_of_cup, key=lambda c: c[0])
    path = np.concatenate([[ends[0]], arc[np.argsort(arc[:, 0])], [ends[1]]])
    smooth = path.copy()
    for _ in range(3):  # soften the corner where the arc meets a cup, never sinking into the head
        smooth[1:-1] = 0.5 * smooth[1:-1] + 0.25 * (smooth[:-2] + smooth[2:])
    return body.pushed_out(smooth, BAND_HALF_THICKNESS_M + BAND_CLEARANCE_M)


def _boom(body: BodySurface, a: Anchors, cup: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A headset's mic boom from the cup's front to in front of the mouth's corner, with the mic."""
    side = np.sign(cup[0])
    start = cup + np.array([-side * CUP_RADII_M[0] * 0.3, -CUP_RADII_M[1] * 0.4, CUP_RADII_M[2] * 0.8])
    end = np.array([side * a.eye_half_gap * 0.55, a.mouth_y - 0.008, float(a.nose_tip[2]) - 0.005])
    control = np.array([cup[0] * 0.95, (start[1] + end[1]) / 2, end[2] - 0.02])
    t = np.linspace(0, 1, 18)[:, None]
    path = (1 - t) ** 2 * start + 2 * (1 - t) * t * control + t ** 2 * end
    path[1:] = body.pushed_out(path[1:], FACE_CLEARANCE_M)
    bv, bf = tube(path, (0.0, 1.0, 0.0), BOOM_RADIUS_M, BOOM_RADIUS_M, closed=False)
    mv, mf = icosphere(1)
    mv = path[-1] + mv * MIC_RADIUS_M
    return np.concatenate([bv, mv]), np.concatenate([bf, mf + len(bv)])


def _round_the_neck(body: BodySurface, a: Anchors) -> list[tuple[np.ndarray, np.ndarray, int]]:
    """Headphones resting round the neck: the cups on the collarbones facing up, the band round
    the back of the neck between them -> (verts, faces, 0 for a cup on the chest | 1 for the band) pieces."""
    from .garments import NeckFrame

    frame = NeckFrame(a)
    sv, sf = icosphere(2)
    rx, ry, rz = CUP_RADII_M
    pieces, cups = [], []
    for side in (1.0, -1.0):
        spot = np.array([side * (frame.radius + NECK_CUPS_OUT_M), frame.line_y + 0.01, frame.axis_z + NECK_CUPS_AHEAD_M])
        normal = body.query(spot[None])[1][0]
        up = normal / np.linalg.norm(normal)                               # the cup's thin axis, off the body
        across = np.cross(up, [0.0, 0.0, 1.0])
        across /= np.linalg.norm(across)
        along = np.cross(across, up)
        centre = body.pushed_out(spot[None], rx + CUP_CLEARANCE_M)[0]
        cup = centre + (sv * np.array([rx, ry, rz])) @ np.stack([up, across, along])
        cup = body.pushed_out(cup, CUP_CLEARANCE_M)
        pieces.append((cup, sf, 0))
        cups.append(centre)
    # the band: round the back of the neck from one cup to the other
    theta = np.linspace(np.pi * 0.3, np.pi * 1.7, 41)
    y = frame.line_y + NECK_BAND_ABOVE_SHOULDERS_M
    ring = np.stack([np.sin(theta), np.zeros_like(theta), np.cos(theta)], 1) * (frame.radius + 0.01) \
        + np.array([0.0, y, frame.axis_z])
    ring = body.pushed_out(ring, BAND_HALF_THICKNESS_M + BAND_CLEARANCE_M)
    ends = sorted(cups, key=lambda c: -c[0])                                # the person's left (+x) first
    path = np.concatenate([[ends[0]], ring, [ends[1]]])
    for _ in range(3):
        path[1:-1] = 0.5 * path[1:-1] + 0.25 * (path[:-2] + path[2:])
    path[1:-1] = body.pushed_out(path[1:-1], BAND_HALF_THICKNESS_M + BAND_CLEARANCE_M)
    pieces.append((*tube(path, (0.0, 1.0, 0.0), BAND_HALF_WIDTH_M, BAND_HALF_THICKNESS_M, closed=False), 1))
    return pieces


def headphones_part(head: HeadModel, mic: bool = False, neck: bool = False) -> Part:
    """Over-ear headphones on `head` (and a boom mic when `mic`), or resting round its neck
    (`neck`), as one part."""
    a = Anchors.from_head(head)
    body = BodySurface(head)
    if neck:
        verts, faces, on_neck = merged(_round_the_neck(body, a))
        # the cups lie on the chest and stay there as the head turns; the band follows the neck's skin
        source = np.where(on_neck == 1, nearest_of(head, region_mask(head, "neck", "torso"), verts),
                          nearest_of(head, region_mask(head, "torso"), verts))
        return Part(name="headphones", verts=verts, faces=faces, source=source, region=HEADPHONES_REGION,
                    metadata={"headphones": {"mic": False, "neck": True}})
    cups = [_cup_centre(body, head, a, side) for side in (1.0, -1.0)]
    sv, sf = icosphere(2)
    pieces = [(c + sv * np.array(CUP_RADII_M), sf) for c in cups]
    band = _band(body, a, cups)
    pieces.append(tube(band, (0.0, 0.0, 1.0), BAND_HALF_THICKNESS_M, BAND_HALF_WIDTH_M, closed=False))
    if mic:
        pieces.append(_boom(body, a, cups[0]))
    verts, faces, _ = merged((pv, pf, 0) for pv, pf in pieces)
    source = np.full(len(verts), rigid_skin_vertex(head, a.crown))
    return Part(name="headphones", verts=verts, faces=faces, source=source, region=HEADPHONES_REGION,
                metadata={"headphones": {"mic": bool(mic)}})


def add_headphones(head: HeadModel, worn: bool, mic: bool = False, neck: bool = False) -> HeadModel:
    """`head` wearing over-ear headphones, or with them round its neck (`worn` False: unchanged)."""
    return attach(head, headphones_part(head, mic, neck)) if worn else head
