"""A crown or a tiara as geometry, resting on the hair.

A crown is a rigid ring: an ellipse just wide enough to pass round the dressed head (hair
included) at the height it is worn, tilted a little back as crowns sit, with a band rising
from it, points on the band's top edge and a stone at the foot of each point. A tiara is a
slim arc from behind one ear over the top of the head to behind the other, in a plane leaning
forwards, with a pointed ornament at the front and a stone in it. Both ride rigidly on one
skin vertex skinned to the head alone: they turn with the head and ignore the face's
expressions.
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError
from ..bundled.meshing import icosphere
from ..model import HeadModel
from .attach import Part, attach, merged
from .body import Anchors, BodySurface, rigid_skin_vertex
from .glasses import tube

METAL, STONES = "crown", "crown_stones"
STYLES = ("crown", "tiara")
CROWN_ABOVE_BROWS_M = 0.045    # the ring's height above the brows at the sides ...
CROWN_TILT_M = 0.008           # ... lower by this at the front, higher at the back
CROWN_BAND_M = 0.028           # the band's height
CROWN_POINTS = 8
CROWN_POINT_M = 0.032          # a point's height above the band
METAL_HALF_THICKNESS_M = 0.0018
CLEARANCE_M = 0.003
STONE_RADIUS_M = 0.0035
TIARA_LEAN_DEG = 55.0          # the tiara's plane leans this far forwards from upright: over the hairline
TIARA_HALF_SECTION_M = (0.0025, 0.0018)   # its band: half height, half thickness
TIARA_ORNAMENT_M = (0.016, 0.028)          # the front ornament: half width, height


def _onto(body: BodySurface, hub: np.ndarray, direction: np.ndarray, reach: float = 0.4) -> np.ndarray:
    """Rays [N] cast from `reach` out along `direction` back towards `hub`: where each meets the head."""
    return body.march(hub + direction * reach, -direction, reach, max_step=0.03, steps=120)


def _plate(outline: np.ndarray, outward: np.ndarray, half: float) -> tuple[np.ndarray, np.ndarray]:
    """A flat plate of thickness 2 * half: the convex `outline` [K,3] fanned from its mean, front and back."""
    k = len(outline)
    centre = outline.mean(axis=0)
    front = np.concatenate([[centre], outline]) + outward * half
    back = np.concatenate([[centre], outline]) - outward * half
    fan = np.stack([np.zeros(k, int), 1 + np.arange(k), 1 + (np.arange(k) + 1) % k], -1)
    rim = np.concatenate([np.stack([1 + np.arange(k), k + 2 + np.arange(k), 1 + (np.arange(k) + 1) % k], -1),
                          np.stack([1 + (np.arange(k) + 1) % k, k + 2 + np.arange(k), k + 2 + (np.arange(k) + 1) % k], -1)])
    return np.concatenate([front, back]), np.concatenate([fan, fan[:, ::-1] + k + 1, rim])


def _crown(body: BodySurface, a: Anchors) -> tuple[list, list]:
    theta = np.linspace(-np.pi, np.pi, 72, endpoint=False)
    y = a.brow_y + CROWN_ABOVE_BROWS_M - CROWN_TILT_M * np.cos(theta)
    hub = np.stack([np.zeros_like(theta), y, np.full_like(theta, a.skull_center[2])], 1)
    direction = np.stack([np.sin(theta), np.zeros_like(theta), np.cos(theta)], 1)
    hit = _onto(body, hub, direction)
    # a rigid ellipse round everything it met: half-widths from the widest hits, plus clearance
    zc = float((hit[:, 2].max() + hit[:, 2].min()) / 2)
    rx = float(np.abs(hit[:, 0]).max()) + METAL_HALF_THICKNESS_M + CLEARANCE_M
    rz = float(np.abs(hit[:, 2] - zc).max()) + METAL_HALF_THICKNESS_M + CLEARANCE_M
    ring = np.stack([rx * np.sin(theta), y, zc + rz * np.cos(theta)], 1)
    up = np.array([0.0, 1.0, 0.0])
    metal = [tube(ring + up * CROWN_BAND_M / 2, up, METAL_HALF_THICKNESS_M, CROWN_BAND_M / 2, closed=True, sides=8)]
    stones = []
    step = len(theta) // CROWN_POINTS
    for k in range(CROWN_POINTS):
        i = k * step
        left, right = ring[(i - step // 2) % len(ring)], ring[(i + step // 2) % len(ring)]
        top = ring[i] + up * (CROWN_BAND_M + CROWN_POINT_M)
        outline = np.stack([left + up * CROWN_BAND_M, right + up * CROWN_BAND_M, top])
        outward = np.array([np.sin(theta[i]), 0.0, np.cos(theta[i])])
        metal.append(_plate(outline, outward, METAL_HALF_THICKNESS_M))
        sv, sf = icosphere(1)
        stones.append((ring[i] + up * CROWN_BAND_M / 2 + outward * (METAL_HALF_THICKNESS_M + STONE_RADIUS_M * 0.6)
                       + sv * STONE_RADIUS_M, sf))
    return metal, stones


def _tiara(body: BodySurface, a: Anchors) -> tuple[list, list]:
    lean = np.radians(TIARA_LEAN_DEG)
    up = np.array([0.0, np.cos(lean), np.sin(lean)])            # the plane's "up", leaning forwards
    hub = np.array([0.0, a.eye_y, float(a.skull_center[2])])
    angles = np.linspace(-np.radians(80), np.radians(80), 41)
    direction = np.sin(angles)[:, None] * np.array([1.0, 0.0, 0.0]) + np.cos(angles)[:, None] * up
    arc = _onto(body, np.tile(hub, (len(angles), 1)), direction)
    arc = arc + direction * (TIARA_HALF_SECTION_M[1] + CLEARANCE_M)
    metal = [tube(arc, up, TIARA_HALF_SECTION_M[1], TIARA_HALF_SECTION_M[0], closed=False)]
    # the ornament: a pointed shield standing upright on the arc's middle, facing forwards
    mid = arc[len(arc) // 2]
    forward, upright = np.array([0.0, 0.0, 1.0]), np.array([0.0, 1.0, 0.0])
    w, h = TIARA_ORNAMENT_M
    x = np.array([1.0, 0.0, 0.0])
    outline = np.stack([mid + w * x, mid + 0.6 * w * x + 0.5 * h * upright, mid + h * upright,
                        mid - 0.6 * w * x + 0.5 * h * upright, mid - w * x])
    metal.append(_plate(outline, forward, METAL_HALF_THICKNESS_M * 0.7))
    sv, sf = icosphere(1)
    stone = mid + upright * (h * 0.4) + forward * (METAL_HALF_THICKNESS_M + STONE_RADIUS_M * 0.5) + sv * STONE_RADIUS_M
    return metal, [(stone, sf)]


def crown_part(head: HeadModel, style: str = "crown") -> Part:
    """A crown or tiara (STYLES) on `head`, as one part: metal and stones."""
    if style not in STYLES:
        raise PortraitTalkerError(f"crown style '{style}' is unknown; use one of {', '.join(STYLES)}")
    a = Anchors.from_head(head)
    body = BodySurface(head)
    metal, stones = (_crown if style == "crown" else _tiara)(body, a)
    verts, faces, labels = merged((pv, pf, label) for label, pieces in ((0, metal), (1, stones)) for pv, pf in pieces)
    return Part(name=style, verts=verts, faces=faces, region=METAL, labels=labels,
                label_names=(METAL, STONES), source=np.full(len(verts), rigid_skin_vertex(head, a.crown)),
                metadata={"crown": {"style": style}})


def add_crown(head: HeadModel, style: str | None) -> HeadModel:
    """`head` wearing a crown or tiara (`style` None or "none": unchanged)."""
    if style in (None, "none"):
        return head
    return attach(head, crown_part(head, style))
