"""Horns as geometry: a Viking's (ox horns out from the sides of his helmet, curving up) or a
devil's (short ones rising from the top of the forehead, leaning back).

Each horn is a tube tapering from its root to a rounded point along a curve whose direction
turns from leaving the surface to its kind's final direction. The root sits where a ray from
outside meets the dressed head (a helmet's shell, the hair or the skin), sunk a little into it so
no seam shows. Horns ride rigidly on one skin vertex skinned to the head alone: they turn with
the head and ignore the face's expressions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach, merged
from .body import Anchors, BodySurface, rigid_skin_vertex
from .glasses import tube

HORNS_REGION = "horns"
STEPS = 24


@dataclass(frozen=True)
class HornShape:
    at: tuple[float, float, float]      # the root's direction from the skull's centre (person's left; x mirrored)
    start: tuple[float, float, float]   # the way it leaves the head ...
    end: tuple[float, float, float]     # ... and the way its point faces
    length_m: float
    root_radius_m: float
    tip_radius_m: float = 0.0015
    bend: float = 1.0                   # how early it turns: the turn follows t ** bend along the horn


SHAPES: dict[str, HornShape] = {
    # out from above the ears, then up and a little forwards, as the horned helmets of pictures
    "ox": HornShape(at=(0.95, 0.35, 0.05), start=(1.0, 0.15, 0.05), end=(0.15, 1.0, 0.25), length_m=0.15,
                    root_radius_m=0.02, bend=0.8),
    # short, from the top of the forehead at the hairline, up and leaning back
    "devil": HornShape(at=(0.4, 0.55, 0.75), start=(0.3, 0.7, 0.65), end=(0.25, 0.95, -0.2), length_m=0.05,
                       root_radius_m=0.0105, bend=1.3),
}
KINDS = tuple(SHAPES)


def _unit(v) -> np.ndarray:
    v = np.asarray(v, np.float64)
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def horn_path(root: np.ndarray, shape: HornShape, side: float) -> tuple[np.ndarray, np.ndarray]:
    """(points [STEPS,3] from the root to the point, radii [STEPS]) of one horn on `side` (+1 left, -1 right)."""
    mirror = np.array([side, 1.0, 1.0])
    t = np.linspace(0.0, 1.0, STEPS)
    turn = t[:, None] ** shape.bend
    direction = _unit((1 - turn) * _unit(np.asarray(shape.start) * mirror) + turn * _unit(np.asarray(shape.end) * mirror))
    steps = direction * (shape.length_m / (STEPS - 1))
    points = root + np.concatenate([np.zeros((1, 3)), np.cumsum(steps[:-1], axis=0)])
    radii = shape.tip_radius_m + (shape.root_radius_m - shape.tip_radius_m) * (1 - t) ** 0.9
    return points, radii


def horns_part(head: HeadModel, kind: str) -> Part:
    """A pair of horns of `kind` (KINDS) on `head` (dressed: on its helmet, hair or skin), as one part."""
    if kind not in SHAPES:
        raise PortraitTalkerError(f"horns '{kind}' are unknown; use one of {', '.join(KINDS)}")
    shape = SHAPES[kind]
    a = Anchors.from_head(head)
    body = BodySurface(head)
    centre = np.asarray(a.skull_center, np.float64)
    pieces = []
    for side in (1.0, -1.0):
        out = _unit(np.asarray(shape.at) * np.array([side, 1.0, 1.0]))
        aim = centre + out * a.skull_radii
        root = body.march(aim[None] + out * 0.4, -out[None], 0.4, max_step=0.03, steps=160)[0]
        root = root - out * 0.4 * shape.root_radius_m         # sunk into what it grows from
        points, radii = horn_path(root, shape, side)
        pieces.append((*tube(points, (0.0, 0.0, 1.0), radii, radii, closed=False, sides=14), 0))
    verts, faces, _ = merged(pieces)
    return Part(name=f"{kind} horns", verts=verts, faces=faces, region=HORNS_REGION,
                source=np.full(len(verts), rigid_skin_vertex(head, a.crown)), metadata={"horns": {"kind": kind}})


def add_horns(head: HeadModel, kind: str | None) -> HeadModel:
    """`head` with a pair of horns of `kind` (None or "none": unchanged)."""
    if kind in (None, "none"):
        return head
    return attach(head, horns_part(head, kind))
