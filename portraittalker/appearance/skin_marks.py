"""Marks painted on the skin (identity/marks.py's names) as pure functions of points in the
head's front view: where a mole, bindi, scar or bandage lies, and the ink of moko-style face tattoos,
a rose, a teardrop, war paint stripes, acne's spots, vitiligo's patches, soot or dirt, a port-wine
stain, a face painted white (a mime's or a clown's marks on it). `paint.PriorTarget.skin_mark` lays them over the skin."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import torch
from torch import Tensor

from .fields import gauss as _gauss, segment_distance as _segment_distance, tensor as _t
from .noise import fractal_noise, value_noise

if TYPE_CHECKING:
    from .paint import FaceAnchors

# -- marks on the skin (identity/marks.py's names) ----------------------------------------------
# Placed from the face's anchors in the head's front view (x, y); a mark paints only skin within
# MARK_DEPTH_M behind the face's surface at its centre, so it never shows through on the back of
# the head or an ear. Widths are a few millimetres: the tri-grid's texels are ~2 mm.
MARK_DEPTH_M = 0.025
MOLE_RADIUS_M, MOLE_EDGE_M = 0.0017, 0.0004        # a 3.4 mm round spot
MOLE_SRGB, MOLE_OPACITY = (0.22, 0.13, 0.08), 0.92  # dark brown
BINDI_RADIUS_M, BINDI_OVER_EYES_M = 0.0038, 0.013 # a 7.6 mm dot this far above the eyes' centres
BINDI_OPACITY = 0.95
SCAR_HALF_WIDTH_M = 0.0022                         # a 4.4 mm line, its ends tapered (a 2.8 mm one was lost
SCAR_EDGE_M = 0.001                                # in the tri-grid's fit on a pale face); its darker rim either side
SCAR_SRGB, SCAR_SHARE, SCAR_LIGHTEN = (0.92, 0.68, 0.66), 0.85, 1.12  # mostly pink, a little lighter than the skin
SCAR_RIM_DARKENING = 0.45                          # on pale skin the rim is what shows
INK_SRGB, INK_OPACITY = (0.04, 0.06, 0.12), 0.94   # blue-black tattoo ink
INK_HALF_WIDTH_M = 0.001                           # a tattoo's line (2 mm)
SPIRAL_PITCH_M = 0.0055                            # a moko spiral's arms this far apart
PAINT_STRIPES, PAINT_STRIPE_GAP_M, PAINT_HALF_HEIGHT_M = 3, 0.0105, 0.0030   # war paint across each cheek
PAINT_OPACITY = 0.88
BRUISE_TINT = (0.32, 0.20, 0.55)                   # a black eye keeps this share of each channel (purple-blue)
BRUISE_RADII_M = (0.023, 0.019)                    # its soft ellipse round the socket (x, y)
NECK_TATTOO_ANGLE = 0.85                           # radians from the front: the side of the neck, seen from the front
NECK_TATTOO_RISE_M = 0.038                         # the rose's bud this far above the neck's middle
NECK_ROSE_SCALE = 1.3                              # the rose drawn 1.3 times its 3.5 cm (lines too)
# acne: ACNE_SPOTS red papules, each a core of ACNE_RADIUS_M (the seed picks in the range) in an
# inflamed halo ACNE_HALO times as wide, over the zones below (share of the spots, centre from the
# anchors, half axes); a core under ~2.5 mm across is lost in the tri-grid's 2 mm texels
ACNE_SPOTS = 36
ACNE_RADIUS_M = (0.0013, 0.0024)
ACNE_HALO = 2.4
ACNE_SRGB, ACNE_OPACITY, ACNE_HALO_OPACITY = (0.62, 0.16, 0.15), 0.7, 0.3
ACNE_ZONES = (("cheek_left", 0.3, (0.021, 0.016)), ("cheek_right", 0.3, (0.021, 0.016)),
              ("forehead", 0.25, (0.038, 0.011)), ("chin", 0.15, (0.014, 0.008)))
# vitiligo: skin without melanin (milky, a pink tinge) in sharp-edged patches a few centimetres
# across, on face, ears and neck alike (points in 3D, not the front view), gathered round the eyes
# and mouth: the noise above VITILIGO_LEVEL[0] is depigmented, VITILIGO_LEVEL[1] lower there
VITILIGO_SRGB = (0.95, 0.84, 0.79)
VITILIGO_FREQUENCY, VITILIGO_OCTAVES, VITILIGO_EDGE = 22.0, 3, 0.012
VITILIGO_LEVEL = (0.70, 0.2)
VITILIGO_AROUND_M = (0.024, 0.022)   # the gathering round each eye and round the mouth
# a face painted white (greasepaint): from the hairline (FACE_PAINT_TOP_M above the brows) to the
# chin (FACE_PAINT_CHIN_M below the mouth), out to FACE_PAINT_SIDE_M past the eyes' centres, on
# skin no deeper than FACE_PAINT_DEPTH_M behind the nose tip (not the ears); a rounded-box outline
FACE_PAINT_SRGB, FACE_PAINT_OPACITY = (0.94, 0.93, 0.91), 0.93
FACE_PAINT_TOP_M, FACE_PAINT_CHIN_M, FACE_PAINT_SIDE_M = 0.075, 0.043, 0.036
FACE_PAINT_DEPTH_M, FACE_PAINT_EDGE_M = 0.075, 0.0015
MIME_SRGB = (0.03, 0.03, 0.035)                    # a mime's black marks: a thin upright stroke through
MIME_STROKE_M = (0.0032, 0.014, 0.02)              # each eye (half width, above the brow, below the eye;
                                                   # thinner, the tri-grid greyed it)
# a clown's red nose (a disc over the tip) and a wide smile painted round the lips: a crescent
# CLOWN_MOUTH_M[0] past each corner, CLOWN_MOUTH_M[1] high at the middle, its ends turned up
CLOWN_SRGB, CLOWN_NOSE_M = (0.86, 0.08, 0.08), 0.014
RED_NOSE_SRGB, RED_NOSE_OPACITY = (0.78, 0.26, 0.24), 0.55   # a flushed nose: blood under the skin, not paint
RED_NOSE_RADII_M = (0.014, 0.012)                           # the flush round the tip (across, down), over the wings
CLOWN_MOUTH_M, CLOWN_SMILE_PER_M = (0.015, 0.0085), 8.0
# an adhesive bandage: a tan strip (length, width) with rounded corners and a paler pad at its
# middle, laid at an angle across where the words put it
BANDAGE_M, BANDAGE_PAD_M, BANDAGE_CORNER_M = (0.042, 0.015), 0.014, 0.005
BANDAGE_SRGB, BANDAGE_PAD_SRGB, BANDAGE_OPACITY = (0.85, 0.68, 0.54), (0.95, 0.92, 0.87), 0.97
# soot or dirt on the face: blotches (noise above GRIME_LEVEL) thickest on the cheeks, nose and
# forehead, a thin film elsewhere; the skin's shading kept
GRIME_SRGB = {"soot": (0.16, 0.15, 0.15), "dirt": (0.36, 0.27, 0.19)}
GRIME_OPACITY, GRIME_FILM = {"soot": 0.75, "dirt": 0.6}, 0.18
GRIME_FREQUENCY, GRIME_LEVEL, GRIME_EDGE = 36.0, 0.52, 0.06
# a port-wine stain: a wine-red patch over one cheek, from the jaw to the eye and temple, its edge irregular
STAIN_SRGB, STAIN_OPACITY = (0.55, 0.10, 0.20), 0.6
STAIN_RADII_M = (0.032, 0.036)                    # across, up and down, round the cheek's middle


def side_sign(side: str | None) -> float:
    return -1.0 if side == "right" else 1.0


def _ink_line(d: Tensor) -> Tensor:
    """[N] in [0,1]: a tattoo line at distance `d` (m) from its centre line."""
    return torch.sigmoid((INK_HALF_WIDTH_M - d.abs()) / 0.0003)


def _spiral(q: Tensor, r_min: float, r_max: float, turn: float = 1.0) -> Tensor:
    """[N]: an Archimedean spiral's line around the origin of 2D points q [N,2] (arms
    SPIRAL_PITCH_M apart; `turn` +1/-1 its handedness, for mirrored pairs)."""
    r = q.norm(dim=1)
    phase = (r / SPIRAL_PITCH_M - turn * torch.atan2(q[:, 1], q[:, 0]) / (2 * math.pi))
    d = (torch.frac(phase) - 0.5).abs() * SPIRAL_PITCH_M
    d = torch.where(r < r_min, r_min - r + d, d)
    return _ink_line(d) * torch.sigmoid((r_max - r) / 0.0006)


def _arc(q: Tensor, radius: float, lo: float, hi: float) -> Tensor:
    """[N]: a line along the circle of `radius` round the origin, between angles lo..hi (radians)."""
    angle = torch.atan2(q[:, 1], q[:, 0])
    return _ink_line(q.norm(dim=1) - radius) * torch.sigmoid((angle - lo) / 0.05) * torch.sigmoid((hi - angle) / 0.05)


def mole_centre(an: FaceAnchors, place: str, s: float) -> tuple[float, float]:
    """(x, y) of a mole at `place` on the side `s` (+1 the person's left)."""
    eye, corner = an.eye_centers[0 if s > 0 else 1], an.mouth_corners[0 if s > 0 else 1]
    mouth_y = float(an.mouth_corners[0][1] + an.mouth_corners[1][1]) / 2
    return {
        "lip": (float(corner[0]) + s * 0.003, float(corner[1]) + 0.013),   # above the mouth corner
        "cheekbone": (float(eye[0]) + s * 0.013, float(eye[1]) - 0.027),
        "cheek": (float(eye[0]) + s * 0.008, float(eye[1]) - 0.047),
        "chin": (s * 0.009, mouth_y - 0.026),
        "nose": (s * 0.009, float(an.nose_tip[1]) + 0.005),                 # on the wing
        "forehead": (float(eye[0]) * 0.6, an.brow_y + 0.026),
    }[place]


def bindi_centre(an: FaceAnchors) -> tuple[float, float]:
    """(x, y) of a bindi: on the midline, between and a little above the brows (measured from the
    eyes: the brow region's mean lies above the brows' inner ends, where it sat too high)."""
    return 0.0, float(an.eye_centers[0][1] + an.eye_centers[1][1]) / 2 + BINDI_OVER_EYES_M


def _face_lines(an: FaceAnchors, s: float) -> tuple[float, float, float, float]:
    """Where marks on side `s` are placed from: that eye's centre (x, y), the mouth's height and the
    bridge of the nose's."""
    eye = an.eye_centers[0 if s > 0 else 1]
    ex, ey = float(eye[0]), float(eye[1])
    mouth_y = float(an.mouth_corners[0][1] + an.mouth_corners[1][1]) / 2
    return ex, ey, mouth_y, (ey + float(an.nose_tip[1])) / 2 + 0.006


def scar_segment(an: FaceAnchors, place: str, s: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """The scar's two ends (x, y): 4-6 cm across the cheek, down through brow and cheek ("over
    his eye", a sword's cut), on the chin, the forehead or the bridge of the nose."""
    ex, ey, mouth_y, bridge_y = _face_lines(an, s)
    return {
        "cheek": ((ex + s * 0.018, ey - 0.02), (ex - s * 0.004, ey - 0.063)),
        "eye": ((ex + s * 0.002, an.brow_y + 0.012), (ex + s * 0.008, ey - 0.034)),
        "chin": ((s * 0.018, mouth_y - 0.02), (-s * 0.008, mouth_y - 0.034)),
        "forehead": ((s * 0.004, an.brow_y + 0.046), (s * 0.038, an.brow_y + 0.018)),
        "nose": ((-0.014 * s, bridge_y + 0.005), (0.016 * s, bridge_y - 0.004)),
    }[place]


def moko(q: Tensor, an: FaceAnchors) -> Tensor:
    """[N] ink: face tattoos in the style of tā moko: a spiral on each cheek with curved lines
    sweeping round it from the nose towards the jaw, and a mirrored pair of small spirals on the
    chin; the eyes, lips and the nose's tip stay clear."""
    ink = torch.zeros(len(q))
    mouth = (_t(an.mouth_corners[0]) + _t(an.mouth_corners[1]))[:2] / 2
    for eye, s in ((an.eye_centers[0], 1.0), (an.eye_centers[1], -1.0)):
        c = _t([float(eye[0]) + s * 0.006, float(eye[1]) - 0.044])
        d = (q - c) * _t([s, 1.0])                                   # mirrored: +x points outwards
        ink = torch.maximum(ink, _spiral(d, 0.0015, 0.0135, turn=s))
        for radius in (0.0185, 0.024):                               # arcs round it, nose side to jaw
            ink = torch.maximum(ink, _arc(d, radius, -2.6, 1.2))
        chin = (q - (mouth + _t([s * 0.0115, -0.024]))) * _t([s, 1.0])
        ink = torch.maximum(ink, _spiral(chin, 0.001, 0.0075, turn=s))
    clear_eyes = sum(1 - torch.sigmoid((0.024 - (q - _t(e[:2])).norm(dim=1)) / 0.001) for e in an.eye_centers) - 1
    clear_lips = torch.sigmoid((((q - mouth) / _t([abs(float(an.mouth_corners[0][0] - an.mouth_corners[1][0])) / 2 + 0.005,
                                                     0.015])).norm(dim=1) - 1.0) / 0.06)
    clear_nose = torch.sigmoid(((q - _t(an.nose_tip[:2])).norm(dim=1) - 0.016) / 0.001)
    return ink * clear_eyes * clear_lips * clear_nose


def rose(q: Tensor) -> Tensor:
    """[N] ink: a stylised rose about 3.5 cm tall in local coordinates q [N,2] (m, +y up): a
    spiral bud, five petals round it, a curving stem with two leaves."""
    ink = _spiral(q, 0.0008, 0.0055)
    for k in range(5):                                               # each petal: the outer half of a circle
        a = 2 * math.pi * k / 5 + 0.3
        petal = _rotate(q - _t([0.0075 * math.cos(a), 0.0075 * math.sin(a)]), a)
        ink = torch.maximum(ink, _arc(petal, 0.0048, -1.5, 1.5))
    stem = _segment_distance(q, _t([0.0, -0.012]), _t([0.003, -0.03]))
    ink = torch.maximum(ink, _ink_line(stem))
    for y, s in ((-0.019, 1.0), (-0.025, -1.0)):                     # two leaves, outlines of ellipses
        leaf = _rotate(q - _t([0.0015 + s * 0.0055, y]), s * 0.6) / _t([0.0055, 0.0028])
        ink = torch.maximum(ink, _ink_line((leaf.norm(dim=1) - 1) * 0.0028))
    return ink


def _rotate(q: Tensor, angle: float) -> Tensor:
    """2D points q [N,2] turned by -angle (a direction at `angle` comes to lie along +x)."""
    c, s = math.cos(angle), math.sin(angle)
    return torch.stack([c * q[:, 0] + s * q[:, 1], -s * q[:, 0] + c * q[:, 1]], 1)


def teardrop(q: Tensor) -> Tensor:
    """[N] ink: a filled teardrop, point up, ~4.5 mm wide and 7.5 mm tall, its round end at q's origin."""
    r, h = 0.0023, 0.0052
    half = torch.where(q[:, 1] < 0, (r ** 2 - q[:, 1] ** 2).clamp_min(0).sqrt(), r * (1 - q[:, 1] / h).clamp_min(0))
    return torch.sigmoid((half - q[:, 0].abs()) / 0.0003) * torch.sigmoid((h - q[:, 1]) / 0.0003) \
        * torch.sigmoid((q[:, 1] + r) / 0.0003)


def war_paint(q: Tensor, an: FaceAnchors, seed: int) -> Tensor:
    """[N] paint: PAINT_STRIPES horizontal stripes across each cheek below the eyes, from beside
    the nose outwards, their edges brushed."""
    out = torch.zeros(len(q))
    brush = 0.0012 * (value_noise(torch.cat([q, torch.zeros(len(q), 1)], 1), 400.0, seed + 23) - 0.5)
    for eye, s in ((an.eye_centers[0], 1.0), (an.eye_centers[1], -1.0)):
        x = s * q[:, 0]
        inner, outer = 0.4 * abs(float(eye[0])), abs(float(eye[0])) + 0.03
        along = torch.sigmoid((x - inner) / 0.002) * torch.sigmoid((outer - x) / 0.004)
        for k in range(PAINT_STRIPES):
            y = float(eye[1]) - 0.021 - k * PAINT_STRIPE_GAP_M - 0.08 * (x - inner)   # dipping a little outwards
            out = torch.maximum(out, along * torch.sigmoid((PAINT_HALF_HEIGHT_M - (q[:, 1] - y).abs() + brush) / 0.0004))
    return out


def acne_spots(an: FaceAnchors, seed: int) -> np.ndarray:
    """[ACNE_SPOTS, 3]: (x, y, radius) of acne's spots, placed by the seed in ACNE_ZONES."""
    rng = np.random.default_rng(seed + 31)
    mouth_y = float(an.mouth_corners[0][1] + an.mouth_corners[1][1]) / 2
    centres = {"cheek_left": (float(an.eye_centers[0][0]) + 0.006, float(an.eye_centers[0][1]) - 0.042),
               "cheek_right": (float(an.eye_centers[1][0]) - 0.006, float(an.eye_centers[1][1]) - 0.042),
               "forehead": (0.0, an.brow_y + 0.03), "chin": (0.0, mouth_y - 0.027)}
    shares = np.array([share for _, share, _ in ACNE_ZONES])
    zone = rng.choice(len(ACNE_ZONES), size=ACNE_SPOTS, p=shares / shares.sum())
    angle, r = rng.uniform(0, 2 * np.pi, ACNE_SPOTS), np.sqrt(rng.uniform(0, 1, ACNE_SPOTS))   # uniform in the ellipse
    out = np.zeros((ACNE_SPOTS, 3))
    for k, z in enumerate(zone):
        name, _, (ax, ay) = ACNE_ZONES[z]
        cx, cy = centres[name]
        out[k] = (cx + ax * r[k] * np.cos(angle[k]), cy + ay * r[k] * np.sin(angle[k]), rng.uniform(*ACNE_RADIUS_M))
    return out


def acne(q: Tensor, spots: np.ndarray) -> tuple[Tensor, Tensor]:
    """([N] cores, [N] halos) in [0,1] of `acne_spots` at 2D points q [N,2]."""
    core, halo = torch.zeros(len(q)), torch.zeros(len(q))
    for x, y, r in spots:
        d = (q - _t([x, y])).norm(dim=1)
        core = torch.maximum(core, torch.sigmoid((r - d) / (0.25 * r)))
        halo = torch.maximum(halo, torch.exp(-(d / (ACNE_HALO * r)) ** 2))
    return core, halo


def vitiligo(p: Tensor, an: FaceAnchors, seed: int) -> Tensor:
    """[N] in [0,1] at points p [N,3]: where the skin has lost its pigment."""
    eyes = torch.minimum(*((p - _t(e)).norm(dim=1) for e in an.eye_centers))
    mouth = (p - _t((np.asarray(an.mouth_corners[0]) + np.asarray(an.mouth_corners[1])) / 2)).norm(dim=1)
    around = torch.maximum(_gauss(eyes, VITILIGO_AROUND_M[0]), _gauss(mouth, VITILIGO_AROUND_M[1]))
    level = VITILIGO_LEVEL[0] - VITILIGO_LEVEL[1] * around
    return torch.sigmoid((fractal_noise(p, VITILIGO_FREQUENCY, VITILIGO_OCTAVES, seed + 43) - level) / VITILIGO_EDGE)


def face_paint_area(p: Tensor, an: FaceAnchors) -> Tensor:
    """[N] in [0,1]: the face a white face paint covers, hairline to chin, cheek to cheek, soft-edged."""
    mouth_y = float(an.mouth_corners[0][1] + an.mouth_corners[1][1]) / 2
    top, bottom = an.brow_y + FACE_PAINT_TOP_M, mouth_y - FACE_PAINT_CHIN_M
    half = (abs(float(an.eye_centers[0][0])) + abs(float(an.eye_centers[1][0]))) / 2 + FACE_PAINT_SIDE_M
    centre, half_height = (top + bottom) / 2, (top - bottom) / 2
    u, v = p[:, 0] / half, (p[:, 1] - centre) / half_height
    # a rounded box (superellipse), narrowing towards the chin as a jaw does
    v_low = v.clamp(max=0)
    u = u / (1 - 0.35 * v_low ** 2)
    r = (u.abs() ** 4 + v.abs() ** 4) ** 0.25
    edge = FACE_PAINT_EDGE_M / min(half, half_height)
    front = torch.sigmoid((p[:, 2] - (float(an.nose_tip[2]) - FACE_PAINT_DEPTH_M)) / 0.003)
    return torch.sigmoid((1 - r) / edge) * front


def mime_marks(q: Tensor, an: FaceAnchors) -> Tensor:
    """[N]: a mime's black strokes, one upright through each eye from above the brow to the cheek."""
    half, above, below = MIME_STROKE_M
    out = torch.zeros(len(q))
    for eye in an.eye_centers:
        a, b = _t([float(eye[0]), an.brow_y + above]), _t([float(eye[0]), float(eye[1]) - below])
        t = ((q[:, 1] - b[1]) / (a[1] - b[1])).clamp(0, 1)
        width = half * (0.5 + 0.5 * torch.sin(math.pi * t))               # tapered at both ends
        out = torch.maximum(out, torch.sigmoid((width - _segment_distance(q, a, b)) / 0.0003))
    return out


def red_nose(q: Tensor, an: FaceAnchors) -> Tensor:
    """[N]: how flushed a reddened nose is: fullest over the tip, fading over the wings and up the bridge."""
    e = (q - _t(an.nose_tip[:2]) - _t([0.0, 0.003])) / _t(RED_NOSE_RADII_M)
    return torch.exp(-(e.norm(dim=1) ** 2) * 1.5)


def bandage_frame(an: FaceAnchors, place: str, s: float) -> tuple[tuple[float, float], float]:
    """A bandage's centre (x, y) and the angle of its length from +x: slanting on the cheekbone, across
    the outer end of the brow ("eye": a boxer's cut), across the bridge of the nose, on the chin or the forehead."""
    ex, ey, mouth_y, bridge_y = _face_lines(an, s)
    return {
        "cheek": ((ex + s * 0.006, ey - 0.036), s * 0.5),
        "eye": ((ex + s * 0.011, an.brow_y + 0.002), s * 1.1),
        "nose": ((0.0, bridge_y), 0.0),
        "chin": ((s * 0.006, mouth_y - 0.028), s * 0.2),
        "forehead": ((ex * 0.5, an.brow_y + 0.032), s * 0.35),
    }[place]


def bandage(q: Tensor, centre: tuple[float, float], angle: float) -> tuple[Tensor, Tensor]:
    """([N] the strip, [N] its pad) at front-view points q: a rounded rectangle BANDAGE_M along `angle`."""
    local = _rotate(q - _t(centre), angle).abs()
    half = _t([BANDAGE_M[0] / 2 - BANDAGE_CORNER_M, BANDAGE_M[1] / 2 - BANDAGE_CORNER_M])
    d = local - half
    outside = d.clamp_min(0).norm(dim=1) + d.max(dim=1).values.clamp(max=0) - BANDAGE_CORNER_M
    strip = torch.sigmoid(-outside / 0.0004)
    pad = torch.sigmoid((BANDAGE_PAD_M / 2 - local[:, 0]) / 0.0004) * torch.sigmoid((0.36 * BANDAGE_M[1] - local[:, 1]) / 0.0004)
    return strip, pad * strip


def grime(p: Tensor, an: FaceAnchors, seed: int) -> Tensor:
    """[N] in [0,1]: how much soot or dirt lies at points p [N,3]: blotches on the cheeks, nose and
    forehead over a thin film on the whole face (face_paint_area's)."""
    mouth_y = float(an.mouth_corners[0][1] + an.mouth_corners[1][1]) / 2
    zones = torch.zeros(len(p))
    for eye in an.eye_centers:   # the cheeks under each eye, and the forehead and nose between
        zones = torch.maximum(zones, _gauss((p[:, :2] - _t([float(eye[0]), float(eye[1]) - 0.03])).norm(dim=1), 0.028))
    zones = torch.maximum(zones, _gauss((p[:, :2] - _t([0.0, an.brow_y + 0.02])).norm(dim=1), 0.03))
    zones = torch.maximum(zones, _gauss((p[:, :2] - _t([0.0, (an.brow_y + mouth_y) / 2])).norm(dim=1), 0.02))
    blotch = torch.sigmoid((fractal_noise(p, GRIME_FREQUENCY, 3, seed + 47) - GRIME_LEVEL + 0.25 * zones) / GRIME_EDGE)
    return face_paint_area(p, an) * (GRIME_FILM + (1 - GRIME_FILM) * blotch * (0.4 + 0.6 * zones))


def port_wine_stain(p: Tensor, an: FaceAnchors, s: float, seed: int) -> Tensor:
    """[N] in [0,1]: a port-wine stain over the cheek on side `s`, its edge irregular."""
    eye = an.eye_centers[0 if s > 0 else 1]
    e = (p[:, :2] - _t([float(eye[0]) + s * 0.01, float(eye[1]) - 0.03])) / _t(STAIN_RADII_M)
    wobble = 0.6 * (fractal_noise(p, 30.0, 2, seed + 53) - 0.5)
    return torch.sigmoid((1 + wobble - e.norm(dim=1)) / 0.05)


def clown_marks(q: Tensor, an: FaceAnchors) -> Tensor:
    """[N]: a clown's red nose (a disc over the tip) and wide smile (a crescent round the lips, its ends up)."""
    nose = torch.sigmoid((CLOWN_NOSE_M - (q - _t(an.nose_tip[:2])).norm(dim=1)) / 0.0006)
    mouth = (_t(an.mouth_corners[0]) + _t(an.mouth_corners[1]))[:2] / 2
    half_width = abs(float(an.mouth_corners[0][0] - an.mouth_corners[1][0])) / 2 + CLOWN_MOUTH_M[0]
    x = (q[:, 0] - mouth[0]) / half_width
    centre_y = mouth[1] - 0.001 + CLOWN_SMILE_PER_M * (q[:, 0] - mouth[0]) ** 2
    half_height = CLOWN_MOUTH_M[1] * (1 - x ** 2).clamp_min(0).sqrt()
    smile = torch.sigmoid((half_height - (q[:, 1] - centre_y).abs()) / 0.0005)
    return torch.maximum(nose, smile)
