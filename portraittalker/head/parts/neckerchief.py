"""A neckerchief (a cowboy's bandana) worn round the neck: a thin band, a small knot at the
front and a cloth triangle hanging from it down over the shirt's collar and chest.

The band is a flat elliptical tube laid round the neck's base, lower and much thinner than a
scarf's wrap, and pushed out wherever it would cut the neck, the shoulders or a collar. The
triangle is a thin sheet cast onto the chest (or the clothes) from in front as a tie is, as
wide as the neck where it leaves the band and narrowing to a point. Every vertex rides on the
body vertex under it (skinning copied, as clothes do), so it turns with the torso and never
follows the jaw: it sits low enough for the chin to open over it.
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError
from ..bundled.meshing import icosphere
from ..model import HeadModel
from ..retarget import JAW_JOINT
from .attach import Part, attach
from .body import Anchors, BodySurface, nearest_of, region_mask
from .contour import strip, thickened
from .garments import NeckFrame, around_neck, front_points
from .glasses import tube

NECKERCHIEF_REGION = "neckerchief"
RESTS_ON = ("neck", "torso", "cloth", "cloth_inner", "tie", "necklace")   # the vertices it may ride on
BAND_ABOVE_LINE_M = 0.012     # the band's middle above where the neck meets the shoulders ...
BAND_SIDE_RISE_M = 0.016      # ... this much higher at the sides (lower, it stood out on the shoulders' slope) ...
BAND_FRONT_DIP_M = 0.016      # ... and this much lower at the front (the knot pulls it down)
BAND_HALF_HEIGHT_M = 0.010
BAND_HALF_DEPTH_M = 0.004
SKIN_GAP_M = 0.0015
OUTLIER_M = 0.005             # a point of the band's ring this much further out than its neighbours is pulled in
TRIANGLE_HALF_WIDTH_M = 0.046  # the triangle's top edge, each side of the knot (wider, its corners stuck out
                               # past the band where the neck meets the shoulders) ...
TRIANGLE_LENGTH_M = 0.12       # ... and how far its point hangs below it, on an adult
TRIANGLE_LIFT_M = 0.004        # off the chest or shirt
CLOTH_THICKNESS_M = 0.002
KNOT_RADII_M = (0.012, 0.009, 0.007)   # half width, half height, half depth
ADULT_NECK_RADIUS_M = 0.057


def _smoothed(ring: np.ndarray, frame: NeckFrame, window: int = 5) -> np.ndarray:
    """A closed ring round the neck with each point that stands out from its neighbours (a ray
    that caught a sweater's hem made a flap) pulled in to their median distance from the neck's
    axis, plus a little (pulled in all the way, the band sank into a collar)."""
    axis = np.array([0.0, 0.0, frame.axis_z])
    radius = frame.radial(ring)
    near = np.arange(-(window // 2), window // 2 + 1)
    median = np.median(radius[(np.arange(len(ring))[:, None] + near) % len(ring)], axis=1)
    flat = (ring - axis) * [1.0, 0.0, 1.0]
    target = np.minimum(radius, median + OUTLIER_M)
    return axis + flat * (target / np.maximum(radius, 1e-9))[:, None] + ring * [0.0, 1.0, 0.0]


def _band(body: BodySurface, frame: NeckFrame) -> tuple[np.ndarray, np.ndarray]:
    theta = np.linspace(-np.pi, np.pi, 64, endpoint=False)
    front = np.clip(np.cos(theta), 0.0, 1.0) ** 2
    y = frame.line_y + BAND_ABOVE_LINE_M + BAND_SIDE_RISE_M * np.sin(theta) ** 2 - BAND_FRONT_DIP_M * front
    ring = _smoothed(around_neck(body, frame, theta, y, BAND_HALF_DEPTH_M + SKIN_GAP_M), frame)
    verts, faces = tube(ring, np.array([0.0, 1.0, 0.0]), BAND_HALF_DEPTH_M, BAND_HALF_HEIGHT_M, closed=True, sides=10)
    return body.pushed_out(verts, SKIN_GAP_M, rounds=8), faces   # (a collar's fold needs a few rounds)


def _triangle(body: BodySurface, top: float, half_width: float, length: float) -> tuple[np.ndarray, np.ndarray]:
    """The hanging point: columns cast onto the chest, narrowing from `half_width` to a tip."""
    s = np.linspace(0.0, 1.0, 12)
    y = top - s * length
    half = half_width * (1.0 - s) + 0.002          # (a bare point would make faces of no area)
    # the cloth hangs a little proud in the middle, where the two folded layers lie
    sag = TRIANGLE_LIFT_M + 0.003 * np.sin(np.pi * s)
    columns = []
    for u in np.linspace(-1.0, 1.0, 9):
        column = front_points(body, u * half, y, 0.0)
        columns.append(body.pushed_out(column + body.query(column)[1] * sag[:, None], TRIANGLE_LIFT_M))
    verts, faces = strip(columns)
    verts, faces = thickened(verts, faces, body.query(verts)[1], CLOTH_THICKNESS_M)
    return body.pushed_out(verts, SKIN_GAP_M), faces   # its back, too, clear of a collar's points


def _knot(body: BodySurface, top: float) -> tuple[np.ndarray, np.ndarray]:
    centre = front_points(body, np.zeros(1), np.array([top]), KNOT_RADII_M[2] + BAND_HALF_DEPTH_M)[0]
    centre = body.pushed_out(centre[None], KNOT_RADII_M[2] + SKIN_GAP_M)[0]
    v, f = icosphere(1)
    return body.pushed_out(centre + v * np.asarray(KNOT_RADII_M), SKIN_GAP_M), f   # (between the collar's points)


def neckerchief_part(head: HeadModel) -> Part:
    """A neckerchief round `head`'s neck, knotted at the front, its point down the chest, as one part."""
    # on the neck and chest only: the throat's skin under the chin moves a little with the jaw
    rests_on = region_mask(head, *RESTS_ON) & (np.asarray(head.lbs_weights)[:, JAW_JOINT] == 0)
    if not rests_on.any():
        raise PortraitTalkerError(f"head model '{head.model_id}' has no neck or torso to knot a neckerchief round")
    a = Anchors.from_head(head)
    frame = NeckFrame(a)
    body = BodySurface(head, subdivisions=8)  # fine enough that no ray steps through a collar
    scale = min(a.neck_radius / ADULT_NECK_RADIUS_M, 1.0)
    top = frame.line_y + BAND_ABOVE_LINE_M - BAND_FRONT_DIP_M   # the band's middle at the front
    pieces = [_band(body, frame), _triangle(body, top, TRIANGLE_HALF_WIDTH_M * scale, TRIANGLE_LENGTH_M * scale),
              _knot(body, top)]
    verts, faces = pieces[0]
    for pv, pf in pieces[1:]:
        verts, faces = np.concatenate([verts, pv]), np.concatenate([faces, pf + len(verts)])
    return Part(name="neckerchief", verts=verts, faces=faces, source=nearest_of(head, rests_on, verts),
                region=NECKERCHIEF_REGION)


def add_neckerchief(head: HeadModel, worn: bool) -> HeadModel:
    """`head` wearing a neckerchief knotted round its neck (`worn` False: unchanged)."""
    return attach(head, neckerchief_part(head)) if worn else head
