"""A necklace as geometry: a chain, a chain with a pendant or a cross, a string of pearls, a choker,
or a doctor's stethoscope.

A chain hangs: a closed loop of its own length, dropped around the neck from above, falls
under gravity until it rests on the shoulders, the nape and the chest (or on the clothes
over them), as a real one does. That is a few hundred steps of a position-based rope: move
every point down, keep neighbours their length apart, push points out of the body. The
loop's length is a multiple of the neck's girth, so a child's necklace sits as an adult's
does. Pearls are beads strung along the resting loop; a pendant or cross hangs at its front. A
choker is no rope: a flat band around the middle of the neck. Nor is a stethoscope: tubing laid
round the back of the neck whose two ends hang down the chest, the chest piece on one and the ear
tubes' tips on the other.

Every vertex rides on the body vertex under it (skinning copied, as clothes do), so the
necklace turns with the torso and its back follows the neck.
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError
from ..bundled.meshing import icosphere
from ..model import HeadModel
from .attach import Part, attach
from .body import Anchors, BodySurface, nearest_of, region_mask
from .garments import NeckFrame, around_neck
from .glasses import tube

NECKLACE_REGION = "necklace"
RESTS_ON = ("neck", "torso", "cloth", "cloth_inner", "tie")   # the vertices it may ride on
# style -> loop length as a multiple of the neck's girth at its base (a 45 cm chain on a 36 cm neck)
LOOP_OF_GIRTH: dict[str, float] = {"chain": 1.3, "pendant": 1.4, "cross": 1.4, "pearls": 1.2}
STYLES = (*LOOP_OF_GIRTH, "choker", "stethoscope")
CHAIN_WIRE_M = 0.0011         # a chain's half thickness
PEARL_RADIUS_M = 0.0040
PENDANT_RADII_M = (0.0065, 0.0095, 0.0028)   # half width, half height, half depth
# a cross: its upright and its arm as slim rounded bars (half sizes), the arm a third of the way down
CROSS_UPRIGHT_M = (0.0018, 0.0120, 0.0015)
CROSS_ARM_M = (0.0075, 0.0018, 0.0015)
CHOKER_HALF_HEIGHT_M = 0.0065
CHOKER_HALF_DEPTH_M = 0.0012
CHOKER_ABOVE_LINE_M = 0.035   # a choker's height above where the neck meets the shoulders
STETHOSCOPE_TUBE_M = 0.004     # the tubing's half thickness
STETHOSCOPE_RISE_M = 0.012     # it lies this far above where the neck meets the shoulders ...
STETHOSCOPE_SIDE_RAD = np.radians(70.0)    # ... round the back of the neck from this angle either side (0: the front)
STETHOSCOPE_FRONT_RAD = np.radians(26.0)   # its ends hang down the chest at this angle
STETHOSCOPE_DROP_M = 0.15      # this far below where they leave the neck
STETHOSCOPE_TAUT_PASSES = 12
CHEST_PIECE_M = (0.016, 0.016, 0.006)   # the chest piece's half width, half height, half depth
EAR_TIPS_M = 0.007             # the ear tubes' ends, bunched at the other end
RESTING_SUBDIVISIONS = 8       # the body's surface sampled this finely per triangle edge
SKIN_GAP_M = 0.0004           # what rests on the skin stays this far off it
# The rope is short of points and falls in small steps, with many passes to restore its links'
# lengths: the passes are local, so a rope of n points stretches about step * n^2 / passes
# under its own weight (here under 1.5 cm), and the last steps settle it without gravity.
ROPE_POINTS = 48
DROP_STEP_M = 0.0003
DROP_STEPS = 400
LINK_PASSES = 50
SETTLE_STEPS = 40


def _girth(a: Anchors) -> float:
    """The neck's girth at its base (metres), from its half width (the neck is a little deeper than wide)."""
    return 2 * np.pi * a.neck_radius * 1.05


def _resample(loop: np.ndarray, n: int) -> np.ndarray:
    """`n` points evenly spaced along the closed polyline `loop`."""
    closed = np.concatenate([loop, loop[:1]])
    s = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(closed, axis=0), axis=1))])
    t = np.linspace(0, s[-1], n, endpoint=False)
    return np.stack([np.interp(t, s, closed[:, k]) for k in range(3)], axis=1)


def hang_loop(body: BodySurface, a: Anchors, length: float, clearance: float,
              points: int = ROPE_POINTS, steps: int = DROP_STEPS) -> np.ndarray:
    """[points,3] a closed loop of `length` metres dropped around the neck, at rest on the body.

    It starts as a level circle around the neck's axis at the neck joint's height (clear of the
    skin, under the chin) and falls; the rope keeps its length, and bends only where the body
    makes it (a light smoothing stands in for the links' stiffness)."""
    frame = NeckFrame(a)
    radius = length / (2 * np.pi)
    if radius < a.neck_radius * 1.1:
        raise PortraitTalkerError(f"a necklace of {length:.2f} m is too short to go round this neck")
    theta = np.linspace(0, 2 * np.pi, points, endpoint=False)
    p = np.stack([radius * np.sin(theta), np.full(points, float(a.neck_joint[1])),
                  frame.axis_z + radius * np.cos(theta)], axis=1)
    rest = length / points
    for step in range(steps + SETTLE_STEPS):
        if step < steps:
            p = p - np.array([0.0, DROP_STEP_M, 0.0])
        for _ in range(LINK_PASSES):  # neighbours back to their length (each pair meets halfway)
            d = np.roll(p, -1, axis=0) - p
            gap = np.linalg.norm(d, axis=1, keepdims=True)
            fix = 0.5 * (gap - rest) / np.maximum(gap, 1e-9) * d
            p = p + fix - np.roll(fix, 1, axis=0)
        p = 0.9 * p + 0.05 * (np.roll(p, 1, axis=0) + np.roll(p, -1, axis=0))
        p = body.pushed_out(p, clearance, rounds=2)
    return p


def _beads(loop: np.ndarray, radius: float) -> tuple[np.ndarray, np.ndarray]:
    """Spheres of `radius` touching each other along the closed `loop`."""
    length = float(np.linalg.norm(np.roll(loop, -1, axis=0) - loop, axis=1).sum())
    centres = _resample(loop, max(int(length / (2.05 * radius)), 8))
    sv, sf = icosphere(1)
    verts = (centres[:, None] + sv[None] * radius).reshape(-1, 3)
    faces = (sf[None] + (np.arange(len(centres)) * len(sv))[:, None, None]).reshape(-1, 3)
    return verts, faces


def _pendant(body: BodySurface, loop: np.ndarray, cross: bool) -> tuple[np.ndarray, np.ndarray]:
    """A flat drop, or a cross, hanging from the front of the loop and resting on the chest."""
    front = loop[np.argmax(loop[:, 2] - 4 * np.abs(loop[:, 0]))]
    half_height = CROSS_UPRIGHT_M[1] if cross else PENDANT_RADII_M[1]
    centre = front - np.array([0.0, half_height + CHAIN_WIRE_M, 0.0])
    centre = body.pushed_out(centre[None], PENDANT_RADII_M[2] + 0.0008)[0]
    sv, sf = icosphere(2)
    if not cross:
        return centre + sv * np.array(PENDANT_RADII_M), sf
    arm = centre + np.array([0.0, half_height / 3, 0.0])
    verts = np.concatenate([centre + sv * np.array(CROSS_UPRIGHT_M), arm + sv * np.array(CROSS_ARM_M)])
    return verts, np.concatenate([sf, sf + len(sv)])


def _choker(body: BodySurface, a: Anchors) -> tuple[np.ndarray, np.ndarray]:
    """A flat band round the middle of the neck."""
    frame = NeckFrame(a)
    theta = np.linspace(-np.pi, np.pi, 72, endpoint=False)
    y = np.full_like(theta, frame.line_y + CHOKER_ABOVE_LINE_M)
    ring = around_neck(body, frame, theta, y, CHOKER_HALF_DEPTH_M + 0.0008)
    # the frames' normal is the hint (up): the band is tall along it and thin across
    return tube(ring, np.array([0.0, 1.0, 0.0]), CHOKER_HALF_DEPTH_M, CHOKER_HALF_HEIGHT_M, closed=True)


def _stethoscope(body: BodySurface, a: Anchors) -> tuple[np.ndarray, np.ndarray]:
    """Tubing laid over the back of the neck with both ends hanging down the chest, as a doctor
    wears it (no rope: a loop dropped round the neck hangs out to the shoulders); the chest piece
    on the wearer's left end, the ear tubes' tips on the right."""
    frame = NeckFrame(a)
    top = frame.line_y + STETHOSCOPE_RISE_M
    back = np.linspace(STETHOSCOPE_SIDE_RAD, 2 * np.pi - STETHOSCOPE_SIDE_RAD, 40)   # round behind the neck
    t = np.linspace(0.0, 1.0, 24)[1:]
    arm_theta = STETHOSCOPE_SIDE_RAD + (STETHOSCOPE_FRONT_RAD - STETHOSCOPE_SIDE_RAD) * t
    arm_y = top - STETHOSCOPE_DROP_M * t
    theta = np.concatenate([arm_theta[::-1], back, 2 * np.pi - arm_theta])
    y = np.concatenate([arm_y[::-1], np.full(len(back), top), arm_y])
    path = around_neck(body, frame, theta, y, STETHOSCOPE_TUBE_M + 0.0008)
    # drawn taut over collars and lapels: where the cast points jump between the layers of clothes,
    # smoothing and pushing back out lays the tube over the outermost one
    for _ in range(STETHOSCOPE_TAUT_PASSES):
        path[1:-1] = (path[:-2] + 2 * path[1:-1] + path[2:]) / 4
        path = body.pushed_out(path, STETHOSCOPE_TUBE_M + 0.0008, rounds=2)
    path = _resample_open(path, 96)
    verts, faces = tube(path, np.array([0.0, 1.0, 0.0]), STETHOSCOPE_TUBE_M, STETHOSCOPE_TUBE_M, closed=False)
    sv, sf = icosphere(2)
    left, right = (path[0], path[-1]) if path[0, 0] > path[-1, 0] else (path[-1], path[0])   # +x: the wearer's left
    piece = body.pushed_out((left - np.array([0.0, CHEST_PIECE_M[1], 0.0]))[None], CHEST_PIECE_M[2] + 0.0008)[0]
    tips = body.pushed_out(right[None], EAR_TIPS_M + 0.0008)[0]
    for centre, radii in ((piece, np.array(CHEST_PIECE_M)), (tips, np.full(3, EAR_TIPS_M))):
        verts, faces = np.concatenate([verts, centre + sv * radii]), np.concatenate([faces, sf + len(verts)])
    return verts, faces


def _resample_open(line: np.ndarray, n: int) -> np.ndarray:
    """`n` points evenly spaced along the open polyline `line`, its ends kept."""
    s = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(line, axis=0), axis=1))])
    t = np.linspace(0, s[-1], n)
    return np.stack([np.interp(t, s, line[:, k]) for k in range(3)], axis=1)


def necklace_part(head: HeadModel, style: str = "chain") -> Part:
    """A necklace of `style` (STYLES) on `head`'s neck and chest, as one part."""
    if style not in STYLES:
        raise PortraitTalkerError(f"necklace style '{style}' is unknown; use one of {', '.join(STYLES)}")
    rests_on = region_mask(head, *RESTS_ON)
    if not rests_on.any():
        raise PortraitTalkerError(f"head model '{head.model_id}' has no neck or torso to hang a necklace on")
    a = Anchors.from_head(head)
    # what it rests on, sampled finely: the coarse default field's distances are off by
    # millimetres between a torso's vertices, more than a chain is thick
    body = BodySurface(head, subdivisions=RESTING_SUBDIVISIONS)
    if style == "choker":
        verts, faces = _choker(body, a)
    elif style == "stethoscope":
        verts, faces = _stethoscope(body, a)
    else:
        bead = style == "pearls"
        half = PEARL_RADIUS_M if bead else CHAIN_WIRE_M
        loop = hang_loop(body, a, LOOP_OF_GIRTH[style] * _girth(a), half + 0.0008)
        if bead:
            verts, faces = _beads(loop, PEARL_RADIUS_M)
        else:
            verts, faces = tube(_resample(loop, 96), np.array([0.0, 1.0, 0.0]), CHAIN_WIRE_M, CHAIN_WIRE_M,
                                closed=True)
            if style in ("pendant", "cross"):
                pv, pf = _pendant(body, loop, cross=style == "cross")
                verts, faces = np.concatenate([verts, pv]), np.concatenate([faces, pf + len(verts)])
    if style != "pearls":  # a band or wire pressed to the skin's slope where its cross-section would cut it
        verts = body.pushed_out(verts, SKIN_GAP_M)
    return Part(name="necklace", verts=verts, faces=faces, source=nearest_of(head, rests_on, verts),
                region=NECKLACE_REGION,
                metadata={"necklace": {"style": style}})


def add_necklace(head: HeadModel, style: str | None) -> HeadModel:
    """`head` wearing a necklace (`style` None or "none": unchanged)."""
    if style in (None, "none"):
        return head
    return attach(head, necklace_part(head, style))
