"""Blendshapes of the bundled head, authored as smooth displacement fields.

Each component is a function of rest-pose positions: Gaussian falloffs around anatomical
points from `Anatomy`, split between the upper and lower lip by the jaw's skinning
fraction, so "lip_press" closes exactly the rest gap between the lips and "blink_left"
rotates the left lids over the eyeball until their margins meet. Coefficient 1 is a full,
natural instance of the shape; displacements are in metres.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from ..basis import EXPRESSION_COMPONENTS
from .anatomy import Anatomy, eye_local
from .rig import Part, jaw_fraction
from .sdf import smoothstep

Field = Callable[[np.ndarray, np.ndarray, Anatomy], np.ndarray]

SHAPE_COMPONENTS: tuple[str, ...] = (
    "head_width", "head_height", "face_length", "jaw_width", "nose_size", "nose_projection",
    "cheekbones", "chin_projection", "lip_protrusion", "brow_ridge", "eye_spacing", "neck_thickness",
)


def gauss(p: np.ndarray, center, sigma) -> np.ndarray:
    q = (p - np.asarray(center)) / np.asarray(sigma)
    return np.exp(-0.5 * (q * q).sum(axis=-1))


def vec(dx=0.0, dy=0.0, dz=0.0) -> np.ndarray:
    """Stack per-vertex components (scalars broadcast) into [N,3]."""
    n = max(np.size(c) for c in (dx, dy, dz))
    return np.stack([np.broadcast_to(np.asarray(c, dtype=float), (n,)) for c in (dx, dy, dz)], axis=-1)


def lower_fraction(p: np.ndarray, part: np.ndarray, a: Anatomy) -> np.ndarray:
    """1 on the lower lip / jaw side of the mouth line, 0 on the upper side."""
    f = jaw_fraction(p, a)
    f[part == Part.TEETH_LOWER] = 1.0
    f[part == Part.TEETH_UPPER] = 0.0
    return f


def mouth_zone(p: np.ndarray, a: Anatomy, scale: float = 1.0) -> np.ndarray:
    return gauss(p, (0.0, a.mouth_y, a.lip_front_z - 0.006), np.array([0.021, 0.013, 0.018]) * scale)


def near_slit(p: np.ndarray, a: Anatomy, width: float) -> np.ndarray:
    return np.exp(-(((p[:, 1] - a.stomion_y(np.clip(p[:, 0], -a.mouth_half_width, a.mouth_half_width))) / width) ** 2))


def upper_minus_lower(p, part, a):
    return 1.0 - 2.0 * lower_fraction(p, part, a)


# -- expression components -------------------------------------------------------------------
def lip_pucker(p, part, a):
    zone = mouth_zone(p, a)
    return vec(-0.45 * p[:, 0] * zone, -upper_minus_lower(p, part, a) * 0.0008 * near_slit(p, a, 0.006) * zone,
               0.0075 * zone)


def lip_spread(p, part, a):
    zone = mouth_zone(p, a, 1.3)
    corner = np.clip(np.abs(p[:, 0]) / a.mouth_half_width, 0, 1.4) ** 2
    return vec(0.26 * p[:, 0] * zone, 0.0012 * corner * zone - upper_minus_lower(p, part, a) * 0.0006 * near_slit(p, a, 0.006) * zone,
               -0.003 * corner * zone)


def lip_press(p, part, a):
    """Bring the lips together on the mouth line: points within 2 mm of it land on it (closing
    the rest gap whatever its meshed width), points further away follow less (monotone, no fold)."""
    ax = np.minimum(np.abs(p[:, 0]), a.mouth_half_width)
    offset = p[:, 1] - a.stomion_y(ax)
    pull = 1.0 - smoothstep(0.002, 0.008, np.abs(offset))
    lateral = 1.0 - smoothstep(a.mouth_half_width, a.mouth_half_width + 0.012, np.abs(p[:, 0]))
    zone = mouth_zone(p, a, 1.2)
    return vec(0.0, -offset * pull * lateral, -0.0015 * zone)


def lip_funnel(p, part, a):
    zone = mouth_zone(p, a)
    flare = near_slit(p, a, 0.010) * zone
    s = upper_minus_lower(p, part, a)
    return vec(-0.22 * p[:, 0] * zone, np.where(s > 0, 0.0025, 0.0030) * s * flare, 0.0055 * zone)


def upper_lip_raise(p, part, a):
    g = gauss(p, (0.0, a.mouth_y + 0.006, a.lip_front_z - 0.004), (0.019, 0.009, 0.016))
    up = 1.0 - lower_fraction(p, part, a)
    return vec(0.0, 0.0042 * g * up, 0.0012 * g * up)


def lower_lip_depress(p, part, a):
    g = gauss(p, (0.0, a.mouth_y - 0.008, a.lip_front_z - 0.006), (0.019, 0.010, 0.016))
    low = lower_fraction(p, part, a)
    return vec(0.0, -0.0050 * g * low, 0.0012 * g * low)


def lower_lip_tuck(p, part, a):
    g = gauss(p, (0.0, a.mouth_y - 0.006, a.lip_front_z - 0.004), (0.018, 0.008, 0.014))
    low = lower_fraction(p, part, a)
    return vec(0.0, 0.0032 * g * low, -0.0055 * g * low)


def _per_side(p, fn):
    return sum(fn(side) for side in (1, -1))


def mouth_smile(p, part, a):
    def side(s):
        corner = gauss(p, (s * (a.mouth_half_width + 0.002), a.mouth_y + 0.002, a.mouth_front_z(a.mouth_half_width) - 0.004),
                       (0.012, 0.010, 0.016))
        cheek = gauss(p, (s * 0.034, -0.030, 0.068), (0.015, 0.013, 0.020))
        return vec(s * 0.0040 * corner, 0.0055 * corner + 0.0025 * cheek, -0.0022 * corner + 0.0015 * cheek)
    return _per_side(p, side)


def mouth_frown(p, part, a):
    def side(s):
        corner = gauss(p, (s * (a.mouth_half_width + 0.002), a.mouth_y - 0.001, a.mouth_front_z(a.mouth_half_width) - 0.004),
                       (0.011, 0.012, 0.016))
        return vec(s * 0.0012 * corner, -0.0048 * corner, 0.0)
    chin = gauss(p, (0.0, -0.098, 0.08), (0.014, 0.010, 0.014))
    return _per_side(p, side) + vec(0.0, 0.0015 * chin, 0.0008 * chin)


def cheek_puff(p, part, a):
    def side(s):
        g = gauss(p, (s * 0.040, a.mouth_y + 0.012, 0.060), (0.014, 0.015, 0.018))
        out = np.array([s * 0.8, 0.0, 0.6])
        return 0.0070 * g[:, None] * out
    zone = mouth_zone(p, a)
    return _per_side(p, side) + vec(0.0, 0.0, 0.0015 * zone)


def _brow(p, a, s, below_sigma=0.007, above_sigma=0.024):
    """A falloff centred on one brow, short towards the eye and long up the forehead."""
    c = np.array([s * (a.eye_x + 0.002), a.eye_y + 0.023, a.eye_z + 0.018])
    sigma_y = np.where(p[:, 1] > c[1], above_sigma, below_sigma)
    q = np.stack([(p[:, 0] - c[0]) / 0.020, (p[:, 1] - c[1]) / sigma_y, (p[:, 2] - c[2]) / 0.030], axis=-1)
    return np.exp(-0.5 * (q * q).sum(-1))


def brow_raise(p, part, a):
    return _per_side(p, lambda s: vec(0.0, 0.0060 * _brow(p, a, s), 0.0006 * _brow(p, a, s)))


def brow_lower(p, part, a):
    glabella = gauss(p, (0.0, a.eye_y + 0.016, a.eye_z + 0.026), (0.010, 0.010, 0.014))
    return _per_side(p, lambda s: vec(-s * 0.0022 * _brow(p, a, s), -0.0042 * _brow(p, a, s),
                                      0.0008 * _brow(p, a, s))) + vec(0.0, -0.0015 * glabella, 0.0015 * glabella)


def blink(p, part, a, s):
    """Rotate one eye's lids about the eyeball's horizontal axis until the margins overlap.

    Each lid vertex turns by the angle its margin needs (full at the margin, fading over
    ~0.6 rad of lid towards the brow or cheek), so lids slide over the eyeball, not through it.
    """
    lateral, elevation, dist = eye_local(p, a, s)
    upper, lower = a.lid_margins(lateral)
    meet = lower + 0.32 * (upper - lower)
    overlap = 0.03
    # the whole lid rim (its rounded edge included) turns fully; the lid fades out beyond it
    upper_turn = (meet - overlap - upper) * (1.0 - smoothstep(0.15, 0.80, elevation - upper))
    lower_turn = (meet + overlap - lower) * (1.0 - smoothstep(0.12, 0.55, lower - elevation))
    turn = np.where(elevation > 0.5 * (upper + lower), upper_turn, lower_turn)
    reach = (1.0 - smoothstep(a.lid_outer_radius + 0.0015, a.lid_outer_radius + 0.007, dist))
    reach *= 1.0 - smoothstep(a.fissure_half_width + 0.001, a.fissure_half_width + 0.006, np.abs(lateral))
    reach *= smoothstep(-0.004, 0.0, p[:, 2] - a.eye_z)
    reach[part != Part.SKIN] = 0.0
    turn = turn * reach
    q = p - a.eye_center(s)
    c, sn = np.cos(turn), np.sin(turn)
    # turning by +t about the eye centre raises elevation atan2(y, z) by t
    return vec(0.0, q[:, 1] * c + q[:, 2] * sn - q[:, 1], q[:, 2] * c - q[:, 1] * sn - q[:, 2])


def blink_left(p, part, a):
    return blink(p, part, a, 1)


def blink_right(p, part, a):
    return blink(p, part, a, -1)


def nose_wrinkle(p, part, a):
    def side(s):
        bridge = gauss(p, (s * 0.011, -0.008, 0.086), (0.008, 0.011, 0.014))
        ala = gauss(p, (s * 0.015, -0.041, 0.092), (0.007, 0.006, 0.010))
        return vec(s * 0.0012 * ala, 0.0030 * bridge + 0.0022 * ala, 0.0005 * bridge)
    lip = gauss(p, (0.0, a.mouth_y + 0.008, a.lip_front_z - 0.004), (0.016, 0.008, 0.014))
    return _per_side(p, side) + vec(0.0, 0.0014 * lip * (1.0 - lower_fraction(p, part, a)), 0.0)


def jaw_forward(p, part, a):
    return vec(0.0, 0.0, 0.0050 * lower_fraction(p, part, a))


EXPRESSION_FIELDS: dict[str, Field] = {
    "lip_pucker": lip_pucker, "lip_spread": lip_spread, "lip_press": lip_press, "lip_funnel": lip_funnel,
    "upper_lip_raise": upper_lip_raise, "lower_lip_depress": lower_lip_depress, "lower_lip_tuck": lower_lip_tuck,
    "mouth_smile": mouth_smile, "mouth_frown": mouth_frown, "cheek_puff": cheek_puff, "brow_raise": brow_raise,
    "brow_lower": brow_lower, "blink_left": blink_left, "blink_right": blink_right, "nose_wrinkle": nose_wrinkle,
    "jaw_forward": jaw_forward,
}
assert tuple(EXPRESSION_FIELDS) == EXPRESSION_COMPONENTS


# -- identity components ---------------------------------------------------------------------
def head_weight(p: np.ndarray) -> np.ndarray:
    """1 on the head, fading to 0 down the neck, so identity changes leave the torso alone."""
    return 1.0 - smoothstep(-0.120, -0.190, p[:, 1])


def head_width(p, a):
    return vec(0.08 * p[:, 0] * head_weight(p))


def head_height(p, a):
    return vec(0.0, 0.10 * np.maximum(p[:, 1] - a.eye_y, 0.0))


def face_length(p, a):
    front = smoothstep(-0.05, 0.02, p[:, 2])
    return vec(0.0, 0.10 * np.minimum(p[:, 1] - a.eye_y, 0.0) * head_weight(p) * front)


def jaw_width(p, a):
    g = np.exp(-0.5 * ((p[:, 1] + 0.080) / 0.022) ** 2) * smoothstep(-0.03, 0.0, p[:, 2]) * head_weight(p)
    return vec(0.16 * p[:, 0] * g)


def nose_size(p, a):
    root = np.array([0.0, -0.045, 0.086])
    g = gauss(p, (0.0, -0.028, 0.100), (0.016, 0.022, 0.018))
    return 0.18 * (p - root) * g[:, None]


def nose_projection(p, a):
    g = gauss(p, a.nose_tip, (0.010, 0.012, 0.012))
    return vec(0.0, -0.0015 * g, 0.0045 * g)


def cheekbones(p, a):
    return _per_side(p, lambda s: 0.0040 * gauss(p, (s * 0.050, -0.012, 0.050), (0.015, 0.012, 0.016))[:, None]
                     * np.array([s * 0.7, 0.0, 0.7]))


def chin_projection(p, a):
    g = gauss(p, a.chin, (0.016, 0.014, 0.020))
    return vec(0.0, -0.001 * g, 0.0050 * g)


def lip_protrusion(p, a):
    return vec(0.0, 0.0, 0.0030 * mouth_zone(p, a))


def brow_ridge(p, a):
    return _per_side(p, lambda s: vec(0.0, 0.0, 0.0030 * gauss(p, (s * 0.028, 0.019, 0.078), (0.018, 0.008, 0.012))))


def eye_spacing(p, a):
    return _per_side(p, lambda s: vec(s * 0.0030 * gauss(p, a.eye_center(s), (0.013, 0.013, 0.016))))


def neck_thickness(p, a):
    g = np.exp(-0.5 * ((p[:, 1] + 0.140) / 0.035) ** 2) * (p[:, 1] < -0.085 - 0.3 * np.maximum(p[:, 2], 0.0))
    return vec(0.10 * p[:, 0] * g, 0.0, 0.10 * (p[:, 2] + 0.018) * g)


SHAPE_FIELDS: dict[str, Callable[[np.ndarray, Anatomy], np.ndarray]] = {
    "head_width": head_width, "head_height": head_height, "face_length": face_length, "jaw_width": jaw_width,
    "nose_size": nose_size, "nose_projection": nose_projection, "cheekbones": cheekbones,
    "chin_projection": chin_projection, "lip_protrusion": lip_protrusion, "brow_ridge": brow_ridge,
    "eye_spacing": eye_spacing, "neck_thickness": neck_thickness,
}
assert tuple(SHAPE_FIELDS) == SHAPE_COMPONENTS


def expression_basis(verts: np.ndarray, part: np.ndarray, a: Anatomy) -> np.ndarray:
    """exprdirs [V,3,E] in `EXPRESSION_COMPONENTS` order. Eyeballs never deform; teeth only
    through fields that read the jaw side (jaw_forward carries the lower teeth)."""
    dirs = np.stack([EXPRESSION_FIELDS[name](verts, part, a) for name in EXPRESSION_COMPONENTS], axis=-1)
    dirs[(part == Part.EYE_LEFT) | (part == Part.EYE_RIGHT)] = 0.0
    teeth = (part == Part.TEETH_UPPER) | (part == Part.TEETH_LOWER)
    dirs[teeth] = 0.0
    jaw_idx = EXPRESSION_COMPONENTS.index("jaw_forward")
    dirs[teeth, :, jaw_idx] = jaw_forward(verts[teeth], part[teeth], a)
    return dirs


def identity_basis(verts: np.ndarray, part: np.ndarray, a: Anatomy) -> np.ndarray:
    """shapedirs [V,3,S]. Rigid parts (eyeballs, teeth) move as a whole with their centroid."""
    dirs = np.stack([SHAPE_FIELDS[name](verts, a) for name in SHAPE_COMPONENTS], axis=-1)
    for piece in (Part.EYE_LEFT, Part.EYE_RIGHT, Part.TEETH_UPPER, Part.TEETH_LOWER):
        mask = part == piece
        centroid = verts[mask].mean(axis=0, keepdims=True)
        dirs[mask] = np.stack([SHAPE_FIELDS[name](centroid, a) for name in SHAPE_COMPONENTS], axis=-1)
    return dirs


def pose_correctives(verts: np.ndarray, part: np.ndarray, a: Anatomy, num_joints: int = 5) -> np.ndarray:
    """posedirs [(J-1)*9, V*3]. Only the jaw has correctives: opening it (the sin θ entry of
    its R - I) stretches the upper lip down a little and draws the mouth corners inwards."""
    posedirs = np.zeros(((num_joints - 1) * 9, len(verts), 3))
    skin = (part == Part.SKIN).astype(float)
    upper_lip = gauss(verts, (0.0, a.mouth_y + 0.005, a.lip_front_z - 0.004), (0.018, 0.007, 0.014))
    upper_lip *= 1.0 - lower_fraction(verts, part, a)
    corners = sum(gauss(verts, (s * a.mouth_half_width, a.mouth_y, a.mouth_front_z(a.mouth_half_width)),
                        (0.008, 0.009, 0.012)) for s in (1, -1))
    corrective = vec(-0.10 * verts[:, 0] * corners, -0.006 * upper_lip, -0.004 * corners) * skin[:, None]
    jaw_row = 9 * 1  # joint 2 (jaw) is the second non-root joint
    posedirs[jaw_row + 7] = corrective  # R[2,1] = sin θ for a rotation θ about x
    return posedirs.reshape(posedirs.shape[0], -1)
