"""Glasses as geometry: a rim around each eye, a bridge over the nose and temples to the ears.

The frame is swept tubes along curves placed from the head's own features: each rim is a
rounded rectangle (or a circle) centred on a pupil, in a lens plane a little in front of the
eyes and lashes, and bent forward only where the nose or a cheek would reach it; the bridge
arcs over the nose between the rims; the temples run back at the hinge's height a few mm off
the skin and bend down behind the ears. Sunglasses fill the rims with dark lenses; clear
lenses are left out (the rasterizer draws no glass), so the eyes show through the rims.

The whole frame rides on one skin vertex of the nose bridge, copying its skinning and no
expression: glasses turn with the head and stay put while the face moves under them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach, merged
from .body import INNER_REGIONS, Anchors, BodySurface, outer_radius, region_mask, rigid_skin_vertex

GLASSES_REGION, LENS_REGION = "glasses", "lenses"
STYLES = ("glasses", "sunglasses")
# regions the frame must clear (the face and what grows on it), never the clothes or hair
FACE_REGIONS = ("skin", "lips", "eye", "brow", "eyelashes", "eyelashes_lower", "hair_cap", "beard", "ear",
                "nose", "facial_hair", "headwear")  # (skin under a headscarf: the temples pass under it)
LENS_GAP_M = 0.012        # lens plane in front of the cornea (a typical vertex distance)
CLEARANCE_M = 0.0025      # the frame's surface stays this far off the face
TEMPLE_CLEARANCE_M = 0.002
RIM_SAMPLES = 72
LENS_OUTSET = 0.15        # a lens's centre lies outside its pupil by this share of its half width
EAR_FRONT_M = 0.025       # the temples pass the ears from this far in front of the ears' depth ...
ABOVE_EAR_M = (0.012, 0.03)  # ... measuring the skull's side this high above them (not the ear)
SIDES = 8                 # cross-section polygon
# glasses pushed up onto the head sit this far above the skull centre's horizontal, tipped back this far ...
RAISED_DEG = (27.0, 30.0)
RAISED_CLEARANCE_M = 0.002   # ... and stand this far off the hair or scalp


@dataclass(frozen=True)
class Shape:
    exponent: float       # superellipse |x/a|^n + |y/b|^n = 1: 2 a circle, ~4.5 a rounded rectangle
    half_width: float     # lens half width / the eyes' half gap
    aspect: float         # lens height / width
    droop: float = 0.0    # the lower half this much deeper at the nose's side than the outline (a teardrop)


SHAPES: dict[str, Shape] = {
    "rectangular": Shape(4.5, 0.86, 0.62),
    "round": Shape(2.0, 0.80, 1.0),
    "aviator": Shape(2.4, 0.92, 0.72, droop=0.6),   # a pilot's teardrop: a level top, deep towards the nose
}
# rim cross-section half extents (in the lens plane, in depth), metres
FRAMES: dict[str, tuple[float, float]] = {"thin": (0.0012, 0.0010), "thick": (0.0028, 0.0019)}


class _Face:
    """The face's surface (`BodySurface` over the face regions only: never clothes or hair), with
    the two lookups the frame is placed by."""

    def __init__(self, head: HeadModel):
        self.surface = BodySurface(head, FACE_REGIONS)
        self.points = self.surface.points
        self.tree_xy = cKDTree(self.points[:, :2])

    def front_z(self, xy: np.ndarray, radius: float = 0.004) -> np.ndarray:
        """[N] the face's frontmost z within `radius` of each (x, y) (-inf where there is none)."""
        out = np.full(len(xy), -np.inf)
        for i, near in enumerate(self.tree_xy.query_ball_point(xy, radius)):
            if near:
                out[i] = self.points[near, 2].max()
        return out

    def side_x(self, y: tuple[float, float], z: np.ndarray, side: float, window: float = 0.006) -> np.ndarray:
        """[N] the head's outermost |x| on one side (sign `side`) between heights y[0]..y[1] at
        each depth z (0 where the head has no surface there)."""
        p = self.points
        band = p[(p[:, 1] > y[0]) & (p[:, 1] < y[1]) & (p[:, 0] * side > 0)]
        out = np.zeros(len(z))
        for i, zi in enumerate(z):
            near = band[np.abs(band[:, 2] - zi) < window]
            out[i] = np.abs(near[:, 0]).max() if len(near) else 0.0
        return out


def _moving_average(values: np.ndarray, width: int, closed: bool) -> np.ndarray:
    kernel = np.hanning(2 * width + 3)[1:-1]
    kernel /= kernel.sum()
    if closed:
        padded = np.concatenate([values[-width:], values, values[:width]])
    else:
        padded = np.concatenate([np.full(width, values[0]), values, np.full(width, values[-1])])
    return np.convolve(padded, kernel, mode="valid")


def _frames(points: np.ndarray, hint: np.ndarray, closed: bool) -> tuple[np.ndarray, np.ndarray]:
    """Rotation-minimising frames along a polyline: (normal [N,3], binormal [N,3]), the first
    normal as close to `hint` as the tangent allows."""
    nxt = np.roll(points, -1, axis=0) if closed else np.concatenate([points[1:], points[-1:] * 2 - points[-2:-1]])
    prv = np.roll(points, 1, axis=0) if closed else np.concatenate([points[:1] * 2 - points[1:2], points[:-1]])
    tangent = nxt - prv
    tangent /= np.linalg.norm(tangent, axis=1, keepdims=True)
    normals = np.zeros_like(points)
    n = hint - tangent[0] * (hint @ tangent[0])
    for i, t in enumerate(tangent):
        n = n - t * (n @ t)
        n /= np.linalg.norm(n)
        normals[i] = n
    return normals, np.cross(tangent, normals)


def tube(points: np.ndarray, hint, half_binormal, half_normal, closed: bool,
         sides: int = SIDES) -> tuple[np.ndarray, np.ndarray]:
    """A swept elliptical tube along `points` [N,3] (its half axes numbers, or [N] for a taper):
    (verts, faces wound outwards), open ends capped."""
    normals, binormals = _frames(points, np.asarray(hint, np.float64), closed)
    angle = np.linspace(0, 2 * np.pi, sides, endpoint=False)
    hb, hn = (np.broadcast_to(np.asarray(h, np.float64), (len(points),))[:, None, None] for h in (half_binormal, half_normal))
    ring = (np.cos(angle)[None, :, None] * binormals[:, None] * hb
            + np.sin(angle)[None, :, None] * normals[:, None] * hn)
    verts = (points[:, None] + ring).reshape(-1, 3)
    n = len(points)
    segments = n if closed else n - 1
    i = np.arange(segments)[:, None]
    k = np.arange(sides)[None, :]
    a, b = i * sides + k, i * sides + (k + 1) % sides
    c, d = ((i + 1) % n) * sides + k, ((i + 1) % n) * sides + (k + 1) % sides
    faces = np.concatenate([np.stack([a, c, b], -1).reshape(-1, 3), np.stack([b, c, d], -1).reshape(-1, 3)])
    faces = _wound_outwards(verts, faces, points)
    if not closed:  # end caps, facing along the tube
        start, end, last = len(verts), len(verts) + 1, (n - 1) * sides
        verts = np.concatenate([verts, points[[0, -1]]])
        cap0 = np.stack([np.full(sides, start), (k[0] + 1) % sides, k[0]], -1)
        cap1 = np.stack([np.full(sides, end), last + k[0], last + (k[0] + 1) % sides], -1)
        faces = np.concatenate([faces, _facing(verts, cap0, points[0] - points[1]),
                                _facing(verts, cap1, points[-1] - points[-2])])
    return verts, faces


def _wound_outwards(verts: np.ndarray, faces: np.ndarray, axis_points: np.ndarray) -> np.ndarray:
    """Faces turned so that each normal points away from the nearest point of the tube's axis."""
    a, b, c = (verts[faces[:, k]] for k in range(3))
    centre = (a + b + c) / 3
    normal = np.cross(b - a, c - a)
    axis = axis_points[cKDTree(axis_points).query(centre)[1]]
    flip = ((centre - axis) * normal).sum(-1) < 0
    faces = faces.copy()
    faces[flip] = faces[flip][:, ::-1]
    return faces


def _superellipse(a: float, b: float, n: float, count: int) -> np.ndarray:
    t = np.linspace(0, 2 * np.pi, count, endpoint=False)
    c, s = np.cos(t), np.sin(t)
    return np.stack([a * np.sign(c) * np.abs(c) ** (2 / n), b * np.sign(s) * np.abs(s) ** (2 / n)], -1)


def _drooped(outline: np.ndarray, droop: float, side: float, half_width: float) -> np.ndarray:
    """`outline` (lens-centred) with its lower half deepened towards the nose (side +1: the
    lens at +x, whose nose side is -x): a teardrop whose drop leans inwards."""
    if droop == 0.0:
        return outline
    nasal = np.clip(-side * outline[:, 0] / half_width, -1.0, 1.0)
    out = outline.copy()
    lower = out[:, 1] < 0
    out[lower, 1] *= 1.0 + droop * (0.5 + 0.5 * nasal[lower])
    return out


def glasses_part(head: HeadModel, style: str = "glasses", shape: str = "rectangular",
                 frame: str = "thin", raised: bool = False) -> Part:
    """The frame (and, for sunglasses, the lenses) for `head`, as a part riding its nose bridge
    (`raised`: pushed up onto the head, riding the forehead)."""
    if style not in STYLES:
        raise PortraitTalkerError(f"glasses style '{style}' is unknown; use one of {', '.join(STYLES)}")
    if shape not in SHAPES:
        raise PortraitTalkerError(f"glasses shape '{shape}' is unknown; use one of {', '.join(SHAPES)}")
    if frame not in FRAMES:
        raise PortraitTalkerError(f"glasses frame '{frame}' is unknown; use one of {', '.join(FRAMES)}")
    anchors = Anchors.from_head(head)
    face = _Face(head)
    v = np.asarray(head.v_template, np.float64)
    lm = {k: v[i] for k, i in head.landmarks.items()}
    joints = np.asarray(head.J_regressor, np.float64) @ v
    eye_l, eye_r = joints[3], joints[4]
    centres = [lm.get("pupil_left", eye_l), lm.get("pupil_right", eye_r)]
    spec = SHAPES[shape]
    half_w, half_d = FRAMES[frame]
    a = spec.half_width * anchors.eye_half_gap
    b = a * spec.aspect
    cy = float(np.mean([c[1] for c in centres])) + 0.1 * b
    eyes = v[region_mask(head, "eye", "eyelashes", "eyelashes_lower")]
    cornea_z = float(eyes[:, 2].max()) if len(eyes) else float(max(eye_l[2], eye_r[2]) + 0.012)
    plane_z = cornea_z + LENS_GAP_M

    def lifted(xy: np.ndarray, clearance: float) -> np.ndarray:
        """(x, y) -> points at the lens plane or in front of the face by `clearance`."""
        z = np.maximum(plane_z, face.front_z(xy) + clearance)
        return np.column_stack([xy, z])

    pieces: list[tuple[np.ndarray, np.ndarray, int]] = []   # (verts, faces, label: 0 frame, 1 lens)
    outline = _superellipse(a, b, spec.exponent, RIM_SAMPLES)
    hinge_t = 0.35                                       # hinges and bridge ends at this share of b
    reach = a * (1 - hinge_t ** spec.exponent) ** (1 / spec.exponent)
    rims, hinges = [], []
    centres = [np.array([c[0] + np.sign(c[0]) * LENS_OUTSET * a, cy]) for c in centres]
    for centre in centres:
        side = 1.0 if centre[0] > 0 else -1.0
        xy = _drooped(outline, spec.droop, side, a) + centre
        rim = lifted(xy, CLEARANCE_M + half_d)
        rim[:, 2] = np.maximum(_moving_average(rim[:, 2], 3, closed=True), rim[:, 2])
        rims.append(rim)
        pieces.append((*tube(rim, (0.0, 0.0, 1.0), half_w, half_d, closed=True), 0))
        hinges.append((side, np.array([centre[0] + side * reach, cy + hinge_t * b])))
        if style == "sunglasses":
            lens_xy = np.concatenate([[centre], xy * 0.985 + 0.015 * centre])
            lens = lifted(lens_xy, CLEARANCE_M)
            lens[1:, 2] = rim[:, 2]
            fan = np.stack([np.zeros(RIM_SAMPLES, int), 1 + np.arange(RIM_SAMPLES),
                            1 + (np.arange(RIM_SAMPLES) + 1) % RIM_SAMPLES], -1)
            pieces.append((lens, _facing(lens, fan, (0.0, 0.0, 1.0)), 1))

    # the bridge: an arc over the nose from one rim's inner side to the other's
    inner = [c[0] - np.sign(c[0]) * reach for c in centres]
    xs = np.linspace(min(inner), max(inner), 15)
    span = (max(inner) - min(inner)) / 2
    arch = 0.0035 * (1 - ((xs - xs.mean()) / max(span, 1e-6)) ** 2)
    bridge = lifted(np.column_stack([xs, cy + hinge_t * b + arch]), CLEARANCE_M + half_d)
    bridge[:, 2] = _moving_average(bridge[:, 2], 2, closed=False).clip(min=bridge[:, 2])
    pieces.append((*tube(bridge, (0.0, 0.0, 1.0), half_d * 1.1, half_d, closed=False), 0))

    # temples: from each hinge straight back at its height, off the side of the head (measured
    # above the ear where they pass it: an ear sticks out, the temple rests in its root), never
    # narrowing towards the back, then down behind the ear
    ear_back = anchors.ear_z - 0.012
    for (side, hinge), rim in zip(hinges, rims):
        hinge_z = float(rim[np.argmin(np.linalg.norm(rim[:, :2] - hinge, axis=1)), 2])
        y = float(hinge[1])
        z = np.linspace(hinge_z - 0.004, ear_back, 16)
        front = z > anchors.ear_z + EAR_FRONT_M
        skull = np.where(front, face.side_x((y - 0.006, y + 0.006), z, side),
                         face.side_x((y + ABOVE_EAR_M[0], y + ABOVE_EAR_M[1]), z, side))
        x = np.maximum.accumulate(np.maximum(skull + TEMPLE_CLEARANCE_M + half_d, abs(hinge[0]) + half_d))
        x = np.maximum(_moving_average(x, 2, closed=False), x)
        path = [np.array([side * abs(hinge[0]), y, hinge_z]), *np.column_stack([side * x, np.full_like(z, y), z])]
        tail_z = ear_back - np.array([0.007, 0.012])
        tail_y = y - np.array([0.007, 0.018])
        path += [np.array([side * x[-1], ty, tz]) for ty, tz in zip(tail_y, tail_z)]
        path = np.asarray(path)
        path[1:] = face.surface.pushed_out(path[1:], TEMPLE_CLEARANCE_M + half_d)
        pieces.append((*tube(np.asarray(path), (1.0, 0.0, 0.0), half_w * 0.9, half_d * 0.8, closed=False), 0))

    verts_all, faces, labels = merged(pieces)
    bridge_mid = np.array([0.0, cy + hinge_t * b, float(face.front_z(np.array([[0.0, cy + hinge_t * b]]))[0])])
    if raised:
        verts_all, bridge_mid = _pushed_up(head, anchors, verts_all, bridge_mid)
    source = rigid_skin_vertex(head, bridge_mid)
    names = (GLASSES_REGION, LENS_REGION) if style == "sunglasses" else (GLASSES_REGION,)
    return Part(
        name="glasses", verts=verts_all, faces=faces, source=np.full(len(verts_all), source),
        region=GLASSES_REGION, labels=labels, label_names=names,
        metadata={"glasses": {"style": style, "shape": shape, "frame": frame, "lens_plane_z": plane_z,
                              "raised": raised}},
    )


def _pushed_up(head: HeadModel, anchors: Anchors, verts: np.ndarray,
               bridge: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Glasses pushed up onto the head ("sunglasses on her head"): tipped back RAISED_DEG[1] about
    their bridge and set with it on the outermost surface (hair, hat or scalp) where a ray from
    the skull's centre RAISED_DEG[0] above the horizontal leaves it, then lifted along that ray by
    the least step at which the rims and lenses clear it by RAISED_CLEARANCE_M -> (vertices, the
    bridge's new place). (Turned about the skull's centre, they rose to the crown and stood off it.)"""
    surface = BodySurface(head, tuple(r for r in head.region_names
                                      if r not in (*INNER_REGIONS, GLASSES_REGION, LENS_REGION)))
    centre = np.asarray(anchors.skull_center, np.float64)
    up = np.radians(RAISED_DEG[0])
    ray = np.array([0.0, np.sin(up), np.cos(up)])
    seat = centre + ray * outer_radius(surface, centre[None], ray[None])[0]
    t = np.radians(RAISED_DEG[1])
    turn = np.array([[1.0, 0.0, 0.0], [0.0, np.cos(t), np.sin(t)], [0.0, -np.sin(t), np.cos(t)]])
    front = verts[:, 2] > bridge[2] - 0.008   # rims, lenses, bridge (the temples running back may rest in hair)
    placed = (verts - bridge) @ turn.T + seat
    for lift in np.arange(0.0, 0.05, 0.002):
        if surface.signed_distance(placed[front] + lift * ray).min() > RAISED_CLEARANCE_M:
            break
    return placed + lift * ray, seat + lift * ray


def _facing(verts: np.ndarray, faces: np.ndarray, direction) -> np.ndarray:
    """Faces turned so that their normals point along `direction`."""
    a, b, c = (verts[faces[:, k]] for k in range(3))
    flip = (np.cross(b - a, c - a) @ np.asarray(direction, np.float64)) < 0
    faces = faces.copy()
    faces[flip] = faces[flip][:, ::-1]
    return faces


def add_glasses(head: HeadModel, style: str | None, shape: str = "rectangular", frame: str = "thin",
                raised: bool = False) -> HeadModel:
    """`head` wearing glasses (`style` None or "none": unchanged), `raised` onto the head."""
    if style in (None, "none"):
        return head
    return attach(head, glasses_part(head, style, shape, frame, raised))
