"""Clothes as geometry: shells offset from the body, plus collars, lapels, hoods and ties.

A garment is one or two layers. Each layer is the body's own neck/torso surface below a
neckline (crew, V, scoop; measured around the neck's axis), copied and pushed out by the
fabric's thickness, with a rim that folds back to the skin so its edge has depth. Extra
pieces are swept along curves found on the body: a shirt collar (a stand hugging the neck
and a fall turned down over it), suit lapels along the V, a hood lying around the back of
the neck, a tie from the collar down the shirt front, a clergy shirt's band collar with its tab, a
turtleneck's roll up the neck. A sleeveless layer (a waistcoat, a tank top) is cut down the shoulders.

Regions: the outer garment is `cloth`, what shows inside it (the shirt under a jacket or a
cardigan) `cloth_inner`, the tie `tie`; the painter colours them from the identity. Every
vertex rides on the body vertex under it (skinning copied), so clothes turn with the torso
and collars follow the neck.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach
from .body import Anchors, BodySurface, region_mask, smoothstep
from .contour import boundary_edges, outwards, strip, thickened

CLOTH, INNER, TIE = "cloth", "cloth_inner", "tie"
REGION_NAMES = (CLOTH, INNER, TIE)
BODY_REGIONS = ("neck", "torso")
NECK_ZONE_M = 0.03            # vertices within neck radius + this of the neck's axis are "neck" for necklines
RIM_LIFT_M = 0.0008           # the rim folds back to this far above the skin
HEM_WIDTH_M = 0.02            # a band this wide along a garment's edge ...
HEM_LIFT_M = 0.004            # ... stands this much prouder than the rest
COLLAR_STAND_M = 0.026        # shirt collar: height of the stand up the neck ...
COLLAR_FALL_M = 0.036         # ... and of the part turned down over it
COLLAR_GAP_DEG = 14.0         # half-angle of the opening at the front of the collar
GROWN_FACE_M = 0.1            # eyes to chin from about six years old on: collars are full size ...
MIN_COLLAR_SCALE = 0.5        # ... on a smaller face they shrink with it, to half on a baby's
BAND_M = 0.04                 # a clerical collar: a band this tall round the neck ...
ROLL_M = (0.045, 0.007)       # a turtleneck's roll: how far up the neck, how thick its fold stands ...
UNDER_CHIN_M = 0.008          # what stands up the neck (a roll, a collar) keeps this far under the chin ...
MIN_STAND_M = 0.008           # ... but stands at least this tall
TAB_DEG = 11.0                # ... with a white tab this half-angle wide at its front (about 2 cm)
MAX_RAY_M = 0.6               # rays cast onto the body give up after this distance
HIDDEN_MARGIN_M = 0.012       # skin this far inside a layer's edge is hidden under it (takes its region)
UNDERLAP_M = 0.025            # an inner layer reaches this far under the outer one's edge (no skin between)
ARMHOLE_SNAP_M = 0.03         # edge points this near a sleeveless layer's armhole line are moved onto it
TIE_STYLES = ("necktie", "bow")
BOW_HALF_SPAN_M = 0.048       # a bow tie: its wings reach this far either side of the knot ...
BOW_WING_M = (0.010, 0.024)   # ... their half-height at the knot and at the ends
LAPEL_NOTCH = (0.22, 0.6)     # a lapel's notch: where down the V (share of its depth), how deep (share of the width)
LAPEL_EDGE_LIFT_M = 0.006     # a lapel's outer edge over the jacket
HOOD_TAPER_DEG = 70.0         # a lying hood thins into the garment over this much of its arc at each end ...
HOOD_FLAT_SIDES = 0.55        # ... and is this flat over the shoulders (height / width; 1 behind the neck)


@dataclass(frozen=True)
class Neckline:
    """Where a layer ends at the neck: `kind` crew | v | scoop; `raise_m` lifts the line at
    the back/sides (metres above the shoulder line; at or under it the line runs where the neck
    widens into the shoulders, outside the neck zone, and the cut stood up in flaps there);
    `depth_m`/`width_m` shape V and scoop."""

    kind: str = "crew"
    raise_m: float = 0.012
    depth_m: float = 0.0
    width_m: float = 0.0


@dataclass(frozen=True)
class Layer:
    """`armhole`: 0 for sleeves; else the layer is sleeveless (a waistcoat) and ends at this
    share of the shoulders' half-width, leaving the arms and the shoulders' ends to the shirt."""

    region: str
    thickness_m: float
    neckline: Neckline
    armhole: float = 0.0


@dataclass(frozen=True)
class GarmentSpec:
    outer: Layer
    inner: Layer | None = None
    collar: str | None = None        # None | "outer" | "inner": which layer wears a shirt collar
    lapels: bool = False
    hood: bool = False
    band: bool = False               # a clerical collar: a band round the neck, its front tab the inner region
    roll: bool = False               # a turtleneck: the knit rolled up the neck all round


GARMENTS: dict[str, GarmentSpec] = {
    "t_shirt": GarmentSpec(Layer(CLOTH, 0.004, Neckline("crew", 0.010))),
    "sweater": GarmentSpec(Layer(CLOTH, 0.009, Neckline("crew", 0.018))),
    "hoodie": GarmentSpec(Layer(CLOTH, 0.011, Neckline("crew", 0.012)), hood=True),
    "collared_shirt": GarmentSpec(Layer(CLOTH, 0.004, Neckline("v", 0.02, 0.035, 0.03)), collar="outer"),
    # a tee with a V at the throat: a v-neck, scrubs
    "v_neck": GarmentSpec(Layer(CLOTH, 0.004, Neckline("v", 0.01, 0.075, 0.03))),
    # sleeveless, a scoop at the front, straps over the shoulders: the arms' tops are bare
    "tank_top": GarmentSpec(Layer(CLOTH, 0.004, Neckline("scoop", 0.006, 0.06, 0.035), armhole=0.5)),
    # a turtleneck (polo neck, roll neck): a sweater whose knit rises up the neck all round, folded over
    "turtleneck": GarmentSpec(Layer(CLOTH, 0.009, Neckline("crew", 0.018)), roll=True),
    # a clergy shirt: closed at the neck under a band collar with a white tab (a priest's, a vicar's)
    "clerical": GarmentSpec(Layer(CLOTH, 0.004, Neckline("crew", 0.016)), band=True),
    "blouse": GarmentSpec(Layer(CLOTH, 0.004, Neckline("v", 0.008, 0.065, 0.05))),
    "dress": GarmentSpec(Layer(CLOTH, 0.004, Neckline("scoop", 0.006, 0.07, 0.09))),
    "suit": GarmentSpec(Layer(CLOTH, 0.014, Neckline("v", 0.014, 0.24, 0.045)),
                        Layer(INNER, 0.004, Neckline("v", 0.02, 0.02, 0.025)), collar="inner", lapels=True),
    "jacket": GarmentSpec(Layer(CLOTH, 0.013, Neckline("v", 0.012, 0.22, 0.05)),
                          Layer(INNER, 0.004, Neckline("crew", 0.006)), lapels=True),
    "cardigan": GarmentSpec(Layer(CLOTH, 0.008, Neckline("v", 0.008, 0.15, 0.05)),
                            Layer(INNER, 0.004, Neckline("crew", 0.008))),
    "school_uniform": GarmentSpec(Layer(CLOTH, 0.012, Neckline("v", 0.014, 0.22, 0.045)),
                                  Layer(INNER, 0.004, Neckline("v", 0.02, 0.02, 0.025)), collar="inner",
                                  lapels=True),
    # a waistcoat (a suit's vest, a sweater vest, a gilet): sleeveless, a V low on the chest over a
    # collared shirt whose sleeves and shoulders show
    "vest": GarmentSpec(Layer(CLOTH, 0.010, Neckline("v", 0.008, 0.17, 0.04), armhole=0.58),
                        Layer(INNER, 0.004, Neckline("v", 0.02, 0.02, 0.025)), collar="inner"),
    # a wrap (kimono, hanbok, a martial-arts gi, a bathrobe): a deep V over an under-robe whose
    # collar shows as a band inside its edges (drawn symmetric: the cloth's crossing is not modelled)
    "robe": GarmentSpec(Layer(CLOTH, 0.010, Neckline("v", 0.014, 0.13, 0.03)),
                        Layer(INNER, 0.004, Neckline("v", 0.02, 0.10, 0.012))),
}


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.maximum(np.linalg.norm(v, axis=-1, keepdims=True), 1e-12)


class NeckFrame:
    """Cylindrical coordinates around the neck's axis: angle 0 at the front, + to the left."""

    def __init__(self, a: Anchors):
        self.axis_z = float((a.neck_base[2] + a.neck_joint[2]) / 2)
        self.line_y = a.shoulder_y   # where the neck meets the shoulders (at the sides)
        self.chin_y = float(a.chin[1])
        self.jaw_y = float(a.chin[1] + 0.5 * (a.mouth_y - a.chin[1]))   # the jaw's angle, under the ears
        # a small child's collar is smaller (an adult's stood up over a toddler's cheeks)
        self.scale = float(np.clip((a.eye_y - float(a.chin[1])) / GROWN_FACE_M, MIN_COLLAR_SCALE, 1.0))
        self.radius = a.neck_radius
        self.shoulder_half_width = a.shoulder_half_width

    def angle(self, p: np.ndarray) -> np.ndarray:
        return np.arctan2(p[:, 0], p[:, 2] - self.axis_z)

    def under_chin(self, theta: np.ndarray, neckline: "Neckline", foot_m: float, height: float) -> np.ndarray:
        """[T] how tall what stands up the neck from `foot_m` over the neckline may be at angles `theta`:
        `height`, but its top at least UNDER_CHIN_M under the chin in front, rising to under the
        jaw's angle at the sides; free behind (a child's short neck has little room: a full-size roll
        or collar rose over the mouth)."""
        ahead = np.clip(np.cos(theta), 0.0, 1.0)
        cap = self.chin_y + (self.jaw_y - self.chin_y) * (1.0 - ahead) - UNDER_CHIN_M
        room = cap - (self.line_at(theta, neckline) + foot_m)
        limited = smoothstep(-0.4, 0.0, np.cos(theta))
        return height - limited * np.clip(height - np.maximum(room, MIN_STAND_M), 0.0, None)

    def line_at(self, theta: np.ndarray, neckline: "Neckline") -> np.ndarray:
        """[T] the neckline's height at angles `theta` round the neck (on its surface ring)."""
        ring = np.stack([np.sin(theta), np.zeros_like(theta), np.cos(theta)], 1) * self.radius + [0.0, 0.0, self.axis_z]
        return self.line_height(ring, neckline)

    def radial(self, p: np.ndarray) -> np.ndarray:
        return np.hypot(p[:, 0], p[:, 2] - self.axis_z)

    def line_height(self, p: np.ndarray, neckline: Neckline) -> np.ndarray:
        """Height of the neckline over each point's angle (the crew line dips at the front)."""
        front = np.clip(np.cos(self.angle(p)), 0.0, 1.0) ** 2
        return self.line_y + neckline.raise_m - 0.022 * front


def _opening(p: np.ndarray, frame: NeckFrame, neckline: Neckline) -> np.ndarray:
    """[N] bool: inside the V or scoop opening at the front of the chest."""
    if neckline.kind == "crew" or neckline.depth_m <= 0:
        return np.zeros(len(p), dtype=bool)
    top = frame.line_y + neckline.raise_m
    bottom = top - neckline.depth_m
    front = p[:, 2] > frame.axis_z
    t = np.clip((p[:, 1] - bottom) / max(top - bottom, 1e-6), 0.0, 1.0)
    if neckline.kind == "v":
        half = (frame.radius * 0.6 + neckline.width_m) * t
    else:  # scoop: a rounded U
        half = (frame.radius * 0.6 + neckline.width_m) * np.sqrt(t)
    return front & (p[:, 1] > bottom) & (np.abs(p[:, 0]) < half)


def opening_record(frame: NeckFrame, neckline: Neckline) -> dict:
    """The outer layer's front opening as plain numbers (metres), kept in the dressed head's
    metadata (`garment_opening`): where the shirt shows, for tools and tests."""
    top = frame.line_y + neckline.raise_m
    return {"kind": neckline.kind, "top_y": top, "bottom_y": top - neckline.depth_m,
            "half_width": frame.radius * 0.6 + neckline.width_m, "axis_z": frame.axis_z}


def covered(head: HeadModel, frame: NeckFrame, neckline: Neckline, armhole: float = 0.0) -> np.ndarray:
    """[V] bool: body vertices a layer with this neckline (and `armhole`, Layer's) covers."""
    v = np.asarray(head.v_template, dtype=np.float64)
    body = region_mask(head, *BODY_REGIONS)
    near_neck = frame.radial(v) < frame.radius + NECK_ZONE_M
    above_line = v[:, 1] > frame.line_height(v, neckline)
    inside = body & ~(near_neck & above_line) & ~_opening(v, frame, neckline)
    if armhole > 0:
        inside &= np.abs(v[:, 0]) < armhole * frame.shoulder_half_width
    return inside


def _neckline_snap(body: BodySurface, frame: "NeckFrame", neckline: Neckline):
    """Edge points -> the same points moved onto the ideal neckline (a clean line instead of
    the triangles' saw-tooth); points far from the line (e.g. where the body mesh ends) stay."""
    def snap(p: np.ndarray) -> np.ndarray:
        out = p.copy()
        in_v = np.zeros(len(p), dtype=bool)
        if neckline.kind != "crew" and neckline.depth_m > 0:
            # the opening's outline in the front (x, y) plane, densely sampled
            top = frame.line_y + neckline.raise_m
            bottom = top - neckline.depth_m
            t = np.linspace(0.0, 1.0, 200)
            scale = np.sqrt(t) if neckline.kind == "scoop" else t
            half = (frame.radius * 0.6 + neckline.width_m) * scale
            curve = np.concatenate([np.stack([half, bottom + t * (top - bottom)], 1),
                                    np.stack([-half, bottom + t * (top - bottom)], 1)])
            dist, idx = cKDTree(curve).query(p[:, :2])
            in_v = (p[:, 2] > frame.axis_z) & (dist < 0.03) & (p[:, 1] < top + 0.005)
            if in_v.any():
                target = curve[idx[in_v]]
                out[in_v] = front_points(body, target[:, 0], target[:, 1], 0.0)
        line = frame.line_height(p, neckline)
        on_line = (np.abs(p[:, 1] - line) < 0.035) & (frame.radial(p) < frame.radius + NECK_ZONE_M + 0.015) & ~in_v
        if on_line.any():
            out[on_line] = around_neck(body, frame, frame.angle(p[on_line]), line[on_line], 0.0)
        return out
    return snap


def _onto_armhole(body: BodySurface, frame: NeckFrame, armhole: float, edge_only: bool):
    """Points -> the same with those past a sleeveless layer's armhole line (and, for its edge,
    `edge_only`, those just inside it) moved onto the line and back onto the skin: a clean cut
    down the shoulder instead of the triangles' saw-tooth, and no face reaching onto the arm."""
    cut = armhole * frame.shoulder_half_width

    def move(p: np.ndarray) -> np.ndarray:
        out = p.copy()
        beyond = np.abs(out[:, 0]) - cut
        near = beyond > (-ARMHOLE_SNAP_M if edge_only else 0.0)
        if near.any():
            q = out[near]
            q[:, 0] = np.sign(q[:, 0]) * cut
            out[near] = body.onto(q)
        return out
    return move


def _deep_inside(v: np.ndarray, mask: np.ndarray, faces: np.ndarray, margin: float) -> np.ndarray:
    """[V] bool: vertices of `mask` further than `margin` from its border (and not on it)."""
    border = np.unique(faces[mask[faces].any(axis=1) & ~mask[faces].all(axis=1)])
    border = border[mask[border]]
    mask = mask.copy()
    mask[border] = False
    if not len(border):
        return mask.copy()
    return mask & (cKDTree(v[border]).query(v)[0] > margin)


def offset_shell(head: HeadModel, body: BodySurface, mask: np.ndarray, thickness: float, smooth_iters: int = 3,
                 snap=None, strict: bool = False, hemless: np.ndarray | None = None,
                 clip=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Copy the faces over `mask` [V] and lift them by `thickness`, with a rim at the edge
    folding back to the skin -> (verts, faces, source head vertex per vert). Edges over
    `hemless` [V] (hidden under another layer) get no raised hem; `snap` moves the edge's
    points, `clip` every point (both points [N,3] -> [N,3])."""
    faces = np.asarray(head.faces, dtype=np.int64)
    # every face touching the mask, so the edge (snapped onto the neckline below) has no notches
    keep = mask[faces].any(axis=1) if snap is not None and not strict else mask[faces].all(axis=1)
    if not keep.any():
        return np.zeros((0, 3)), np.zeros((0, 3), dtype=np.int64), np.zeros(0, dtype=np.int64)
    sub = faces[keep]
    used = np.unique(sub)
    remap = np.full(head.num_vertices, -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    v = np.asarray(head.v_template, dtype=np.float64)
    normals = body.query(v[used])[1]
    local = remap[sub]
    for _ in range(smooth_iters):  # average normals over neighbours: no creases in armpits/folds
        acc = np.zeros_like(normals)
        for k in range(3):
            np.add.at(acc, local[:, k], normals[local].mean(axis=1))
        normals = _unit(acc + normals)
    rim_edges = boundary_edges(local)
    base = v[used].copy()
    if snap is not None:
        edge = np.unique(rim_edges)
        base[edge] = snap(base[edge])
        normals[edge] = body.query(base[edge])[1]
    if clip is not None:
        clipped = clip(base)
        moved = np.flatnonzero(np.any(clipped != base, axis=1))
        if len(moved):
            base[moved] = clipped[moved]
            normals[moved] = body.query(base[moved])[1]
    # a band along the edge stands a little prouder (a hem/rib), which also keeps the skin
    # from poking through where big triangles bridge the hollow between neck and chest
    edge_ids = np.unique(rim_edges)
    if hemless is not None:
        edge_ids = edge_ids[~hemless[used[edge_ids]]]
    if len(edge_ids):
        d_edge, _ = cKDTree(base[edge_ids]).query(base)
        band = np.clip(1.0 - d_edge / HEM_WIDTH_M, 0.0, 1.0)
    else:
        band = np.zeros(len(base))
    outer = base + normals * (thickness + HEM_LIFT_M * band)[:, None]
    rim = base + normals * RIM_LIFT_M
    n = len(used)
    # rim quad per boundary edge (a, b): outer a, outer b, rim b, rim a
    a, b = rim_edges[:, 0], rim_edges[:, 1]
    rim_faces = np.concatenate([np.stack([a, b, b + n], 1), np.stack([a, b + n, a + n], 1)])[:, ::-1]
    verts = np.concatenate([outer, rim])
    return verts, np.concatenate([local, rim_faces]), np.concatenate([used, used])


def _cast(body: BodySurface, origin: np.ndarray, direction: np.ndarray, offset: float,
          max_steps: int = 80) -> np.ndarray:
    """Sphere-trace rays [N] from `origin` along `direction` onto the body; the hit points are
    lifted by `offset` along the surface normal. Rays that miss stop where they are."""
    p = body.march(origin, _unit(direction), MAX_RAY_M, steps=max_steps)
    sd, n, _ = body.query(p)
    missed = sd > 0.005
    p[missed] -= sd[missed, None] * n[missed]        # a ray that passed the body: nearest surface point
    return p + body.query(p)[1] * offset


def front_points(body: BodySurface, x: np.ndarray, y: np.ndarray, offset: float) -> np.ndarray:
    """Points on the front of the body at (x, y), lifted by `offset`: rays cast along -z."""
    origin = np.stack([x, y, np.full_like(x, 0.35)], axis=1)
    return _cast(body, origin, np.tile([0.0, 0.0, -1.0], (len(x), 1)), offset)


def around_neck(body: BodySurface, frame: "NeckFrame", theta: np.ndarray, y: np.ndarray, offset: float) -> np.ndarray:
    """Points on the neck/body surface at angles `theta` around the neck axis, heights `y`."""
    direction = np.stack([np.sin(theta), np.zeros_like(theta), np.cos(theta)], axis=1)
    origin = np.stack([np.zeros_like(theta), y, np.full_like(theta, frame.axis_z)], 1) + direction * 0.3
    return _cast(body, origin, -direction, offset)


def _collar(body: BodySurface, frame: NeckFrame, neckline: Neckline, lift: float) -> tuple[np.ndarray, np.ndarray]:
    """Shirt collar: stand up the neck from the neckline, then turned down and out, open at the front."""
    gap = np.radians(COLLAR_GAP_DEG)
    theta = np.concatenate([np.linspace(gap, np.pi, 14), np.linspace(-np.pi, -gap, 14)[1:]])
    direction = np.stack([np.sin(theta), np.zeros_like(theta), np.cos(theta)], axis=1)
    s = frame.scale
    base, top = _stand(body, frame, neckline, theta, frame.under_chin(theta, neckline, 0.004, COLLAR_STAND_M * s), lift)
    outward = direction
    front = np.clip(np.cos(theta), 0.0, 1.0)
    fall_len = COLLAR_FALL_M * s * (1.0 + 0.9 * front ** 4)     # pointed collar tips at the front
    fall = top + outward * s * (0.014 + 0.01 * front[:, None]) - np.array([0.0, 1.0, 0.0]) * fall_len[:, None]
    fall = fall - np.sign(theta)[:, None] * np.array([1.0, 0.0, 0.0]) * (0.012 * s * front ** 4)[:, None]
    fall = _rest_on(body, fall, lift + 0.006)
    verts, faces = strip([base, top, fall])
    normals = np.concatenate([direction, direction, direction])
    return thickened(verts, faces, normals, 0.0015)


def _stand(body: BodySurface, frame: NeckFrame, neckline: Neckline, theta: np.ndarray, height: float,
           lift: float, foot_m: float = 0.004) -> tuple[np.ndarray, np.ndarray]:
    """A collar's stand at angles `theta` round the neck: its foot `foot_m` above the neckline,
    its top `height` above that -> (foot, top) rows [T,3]."""
    base_y = frame.line_at(theta, neckline) + foot_m
    return (around_neck(body, frame, theta, base_y, lift + 0.002),
            around_neck(body, frame, theta, base_y + height, lift + 0.004))


def _band_collar(body: BodySurface, frame: NeckFrame, neckline: Neckline, lift: float
                 ) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """A clerical collar: a band standing up the neck all round -> [(piece, verts, faces)]: the
    band, and the tab at its front standing a little prouder."""
    tab = np.radians(TAB_DEG)
    pieces = []
    for name, theta, extra in (("band", np.linspace(tab, 2 * np.pi - tab, 33), 0.0),
                               ("tab", np.linspace(-tab - 0.03, tab + 0.03, 5), 0.002)):
        # the foot tucks under the shirt's hem (on the neckline a line of skin showed between them)
        foot, top = _stand(body, frame, neckline, theta, BAND_M, lift + extra, foot_m=-0.006)
        direction = np.stack([np.sin(theta), np.zeros_like(theta), np.cos(theta)], axis=1)
        verts, faces = strip([foot, top])
        pieces.append((name, *thickened(verts, faces, np.concatenate([direction, direction]), 0.0015)))
    return pieces


def _roll_neck(body: BodySurface, frame: NeckFrame, neckline: Neckline, lift: float) -> tuple[np.ndarray, np.ndarray]:
    """A turtleneck's roll: a tube of knit from under the neckline's hem up the neck all round, its
    top edge folded over (standing out further than its foot)."""
    theta = np.linspace(0.0, 2 * np.pi, 48, endpoint=False)
    height, fold = ROLL_M
    foot = -0.006
    height = frame.under_chin(theta, neckline, foot, height)   # [T]
    rows = [_stand(body, frame, neckline, theta, h, lift + fold * f, foot_m=foot)[1]
            for h, f in ((0.0, 0.3), (0.5 * height, 0.8), (height, 1.0), (height + 0.004, 0.4))]
    verts, faces = strip(rows, closed=True)
    return verts, outwards(verts, faces, np.array([0.0, float(verts[:, 1].mean()), frame.axis_z]))


def _rest_on(body: BodySurface, p: np.ndarray, clearance: float) -> np.ndarray:
    """Push points that are closer to the body than `clearance` out to it."""
    sd, n, _ = body.query(p)
    return p + n * np.clip(clearance - sd, 0.0, None)[:, None]


def _lapels(body: BodySurface, frame: NeckFrame, neckline: Neckline, lift: float) -> tuple[np.ndarray, np.ndarray]:
    """Flaps folded back along both edges of a V, widest near the shoulders."""
    top = frame.line_y + neckline.raise_m
    bottom = top - neckline.depth_m
    t = np.linspace(0.08, 1.0, 40)
    pieces_v, pieces_f = [], []
    # the notch where the collar meets the lapel (a suit's gorge), a quarter of the way down
    notch = 1.0 - LAPEL_NOTCH[1] * np.exp(-0.5 * ((t - LAPEL_NOTCH[0]) / 0.025) ** 2)
    for side in (1.0, -1.0):
        y = top + (bottom - top) * t
        half = (frame.radius * 0.6 + neckline.width_m) * (1.0 - t)
        edge = front_points(body, side * half, y, lift + 0.003)
        width = (0.05 * (1.0 - t) ** 0.8 + 0.004) * notch
        # the outer edge stands off the jacket, so the lapel reads by its shadow
        out = front_points(body, side * (half + width), y - 0.006 * (1 - t), lift + LAPEL_EDGE_LIFT_M)
        verts, faces = strip([edge, out])
        if side < 0:
            faces = faces[:, ::-1]
        normals = body.query(verts)[1]
        verts, faces = thickened(verts, faces, normals, 0.002)
        pieces_v.append(verts)
        pieces_f.append(faces + sum(len(p) for p in pieces_v[:-1]))
    return np.concatenate(pieces_v), np.concatenate(pieces_f)


def _tie(body: BodySurface, frame: NeckFrame, neckline: Neckline, lift: float, length: float) -> tuple[np.ndarray, np.ndarray]:
    """A tie: knot just under the collar, blade widening down the shirt front."""
    top = frame.line_y + neckline.raise_m - 0.006
    s = np.linspace(0.0, 1.0, 16)
    y = top - s * length
    half = np.interp(s * length, [0.0, 0.035, 0.045, length], [0.019, 0.014, 0.013, 0.036])
    bulge = np.interp(s * length, [0.0, 0.035, 0.05], [0.008, 0.007, 0.002])
    centre = front_points(body, np.zeros_like(y), y, 0.0)
    normals = body.query(centre)[1]
    centre = centre + normals * (lift + bulge)[:, None]
    left = centre + np.stack([half, np.zeros_like(y), np.zeros_like(y)], 1)
    right = centre - np.stack([half, np.zeros_like(y), np.zeros_like(y)], 1)
    tip = centre[-1:] - np.array([[0.0, 0.025, 0.0]])
    verts, faces = strip([right, centre, left])
    k = len(y)
    faces = np.concatenate([faces, [[k - 1, 3 * k, 2 * k - 1], [2 * k - 1, 3 * k, 3 * k - 1]]])
    verts = np.concatenate([verts, tip])
    normals = body.query(verts)[1]
    return thickened(verts, faces[:, ::-1], normals, 0.003)


def _bow_tie(body: BodySurface, frame: NeckFrame, neckline: Neckline, lift: float) -> tuple[np.ndarray, np.ndarray]:
    """A bow tie under the collar's points: two wings flaring out from a knot, their ends
    rounded, lying on the shirt front (a slab, so it reads from the side too)."""
    centre_y = frame.line_y + neckline.raise_m - 0.014
    x = np.linspace(-BOW_HALF_SPAN_M, BOW_HALF_SPAN_M, 17)
    reach = np.abs(x) / BOW_HALF_SPAN_M
    # pinched at the knot, widest near the ends, the ends rounded off
    half = BOW_WING_M[0] + (BOW_WING_M[1] - BOW_WING_M[0]) * np.sin(np.pi / 2 * np.minimum(reach / 0.8, 1.0))
    half *= np.sqrt(np.clip(1.0 - np.maximum(reach - 0.8, 0.0) / 0.2 * 0.7, 0.0, 1.0))
    bulge = 0.006 * (1.0 - reach) + 0.002                            # the knot stands proud
    rows = [centre_y + half * t for t in (-1.0, -0.5, 0.0, 0.5, 1.0)]
    surface = [front_points(body, x, y, 0.0) for y in rows]
    normals = [body.query(p)[1] for p in surface]
    lifted = [p + n * (lift + bulge)[:, None] for p, n in zip(surface, normals)]
    verts, faces = strip(lifted)
    return thickened(verts, faces[:, ::-1], body.query(verts)[1], 0.005)


def _hood(body: BodySurface, frame: NeckFrame, lift: float) -> tuple[np.ndarray, np.ndarray]:
    """A hood lying down: a thick roll around the back of the neck from one collarbone to the
    other, tapering into the garment at both ends (a flat end cap would show as a disc)."""
    theta = np.linspace(np.radians(55), np.radians(305), 26)
    direction = np.stack([np.sin(theta), np.zeros_like(theta), np.cos(theta)], axis=1)
    back = np.clip(-np.cos(theta), 0.0, 1.0)
    ends = np.minimum(theta - theta[0], theta[-1] - theta) / np.radians(HOOD_TAPER_DEG)
    taper = 0.25 + 0.75 * smoothstep(0.0, 1.0, ends)
    # a child's hood is a child's size: full size from about six (an adult's roll stood off a
    # toddler's shoulders like a life ring)
    s = frame.scale
    radius = (0.022 + 0.014 * back) * taper * s
    # the cloth lies flat on the shoulders and stands up behind the neck: seen from the front
    # a round tube read as two balloons beside the neck
    height = radius * (HOOD_FLAT_SIDES + (1.0 - HOOD_FLAT_SIDES) * back)
    ring = around_neck(body, frame, theta, np.full_like(theta, frame.line_y + 0.01 * s), lift)
    # (lowered by what the flattening takes off, so it still rests on the shoulders)
    centre = ring + direction * radius[:, None] + np.array([0.0, 0.006 * s, 0.0]) \
        - np.array([0, 1, 0]) * (0.012 * s * back + radius - height)[:, None]
    phi = np.linspace(0.0, 2 * np.pi, 12, endpoint=False)
    up = np.array([0.0, 1.0, 0.0])
    rows = np.stack([c + r * np.cos(phi)[:, None] * d + h * np.sin(phi)[:, None] * up
                     for c, d, r, h in zip(centre, direction, radius, height)])          # [T, 12, 3]
    k = len(theta)
    verts = np.concatenate([rows.transpose(1, 0, 2).reshape(-1, 3), centre[[0, k - 1]]])  # vertex r * k + t
    tube = []
    for r in range(12):
        for t in range(k - 1):
            i, j = r * k + t, ((r + 1) % 12) * k + t
            tube += [[i, i + 1, j + 1], [i, j + 1, j]]
    tube = np.asarray(tube, dtype=np.int64)
    # wind the tube outward from its axis
    tri = verts[tube]
    fn = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    _, ci = cKDTree(centre).query(tri.mean(axis=1))
    flip = ((tri.mean(axis=1) - centre[ci]) * fn).sum(-1) < 0
    tube[flip] = tube[flip][:, ::-1]
    # the small end caps face along the tube, away from its middle (their radial offset from
    # the centre is perpendicular to their normal, so the test above cannot orient them)
    caps = []
    for n_end, (end, inward) in enumerate(((0, 1), (k - 1, k - 2))):
        ci_end = len(verts) - 2 + n_end
        cap = np.asarray([[ci_end, r * k + end, ((r + 1) % 12) * k + end] for r in range(12)], dtype=np.int64)
        tri = verts[cap]
        fn = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
        out = centre[end] - centre[inward]
        flip = (fn @ out) < 0
        cap[flip] = cap[flip][:, ::-1]
        caps.append(cap)
    return verts, np.concatenate([tube, *caps])


def garment_parts(head: HeadModel, kind: str, tie: bool = False, collar: bool = True,
                  hood_down: bool = True, tie_style: str = "necktie") -> list[Part]:
    """Parts for a garment kind (lexicon.GARMENTS); `tie` adds a tie on the shirt front (a
    necktie, or a bow at the collar for `tie_style` "bow"); `collar`
    False leaves a shirt collar off (a scarf wrapped over it would show its points through);
    `hood_down` False leaves a hoodie's hood off its shoulders (it is worn up, as headwear)."""
    if kind not in GARMENTS:
        raise PortraitTalkerError(f"garment '{kind}' is unknown (one of {', '.join(GARMENTS)})")
    if tie_style not in TIE_STYLES:
        raise PortraitTalkerError(f"tie style '{tie_style}' is unknown (one of {', '.join(TIE_STYLES)})")
    if head.regions is None or not region_mask(head, *BODY_REGIONS).any():
        raise PortraitTalkerError(f"head model '{head.model_id}' has no neck/torso regions to dress")
    spec = GARMENTS[kind]
    a = Anchors.from_head(head)
    body = BodySurface(head)
    frame = NeckFrame(a)
    v = np.asarray(head.v_template, dtype=np.float64)
    parts: list[Part] = []
    outer_mask = covered(head, frame, spec.outer.neckline, spec.outer.armhole)
    layers = [(spec.outer, outer_mask)]
    if spec.inner is not None:
        inner_mask = covered(head, frame, spec.inner.neckline)
        # where the outer layer leaves it visible, and a band under the outer layer's edge, so
        # no skin shows between the two; deeper under the outer layer it would only cost faces
        inner_mask &= ~_deep_inside(v, outer_mask, np.asarray(head.faces), UNDERLAP_M)
        layers.append((spec.inner, inner_mask))
    for layer, mask in layers:
        inner = layer is not spec.outer
        snap, clip = _neckline_snap(body, frame, layer.neckline), None
        if layer.armhole > 0:
            neckline_snap, edge = snap, _onto_armhole(body, frame, layer.armhole, edge_only=True)
            snap, clip = (lambda p: edge(neckline_snap(p))), _onto_armhole(body, frame, layer.armhole, edge_only=False)
        verts, faces, source = offset_shell(head, body, mask, layer.thickness_m, snap=snap, strict=inner,
                                            hemless=outer_mask if inner else None, clip=clip)
        if len(faces):
            # the skin hidden under a layer takes its region (the outer layer wins where both
            # lie); skin near the edge keeps its own, so the visible neck is never painted with
            # the garment's colour in the stair steps of its triangles
            edge = verts[np.unique(faces[faces >= len(verts) // 2])]
            hides = _deep_inside(v, mask, np.asarray(head.faces), 0.0) & (cKDTree(edge).query(v)[0] > HIDDEN_MARGIN_M)
            if inner:
                hides &= ~outer_mask
            opening = None
            if layer is spec.outer and spec.inner is not None:
                opening = {"garment_opening": opening_record(frame, layer.neckline)}
            parts.append(Part(f"{kind}:{layer.region}", verts, faces, source, layer.region,
                              relabel=np.flatnonzero(hides), metadata=opening))
    extras: list[tuple[str, str, np.ndarray, np.ndarray]] = []
    if spec.collar is not None and collar:
        layer = spec.outer if spec.collar == "outer" else spec.inner
        cv, cf = _collar(body, frame, layer.neckline, layer.thickness_m)
        extras.append(("collar", layer.region, cv, cf))
    if spec.roll:
        rv, rf = _roll_neck(body, frame, spec.outer.neckline, spec.outer.thickness_m)
        extras.append(("roll", CLOTH, rv, rf))
    if spec.band:
        for name, bv, bf in _band_collar(body, frame, spec.outer.neckline, spec.outer.thickness_m):
            extras.append((name, INNER if name == "tab" else CLOTH, bv, bf))
    if spec.lapels:
        lv, lf = _lapels(body, frame, spec.outer.neckline, spec.outer.thickness_m)
        extras.append(("lapels", CLOTH, lv, lf))
    if spec.hood and hood_down:
        hv, hf = _hood(body, frame, spec.outer.thickness_m)
        extras.append(("hood", CLOTH, hv, hf))
    if tie:
        shirt = spec.inner if spec.inner is not None else spec.outer
        if tie_style == "bow":
            tv, tf = _bow_tie(body, frame, shirt.neckline, shirt.thickness_m + 0.002)
        else:
            length = max(spec.outer.neckline.depth_m + 0.06, 0.2) if spec.inner is not None else 0.3
            tv, tf = _tie(body, frame, shirt.neckline, shirt.thickness_m + 0.002, min(length, 0.3))
        extras.append(("tie", TIE, tv, tf))
    body_ids = np.flatnonzero(region_mask(head, *BODY_REGIONS))
    tree = cKDTree(v[body_ids])
    for name, region, ev, ef in extras:
        _, idx = tree.query(ev)
        parts.append(Part(f"{kind}:{name}", ev, ef, body_ids[idx], region))
    return parts


def add_garment(head: HeadModel, kind: str, tie: bool = False, collar: bool = True,
                hood_down: bool = True, tie_style: str = "necktie") -> HeadModel:
    for part in garment_parts(head, kind, tie, collar, hood_down, tie_style):
        head = attach(head, part)
    return head
