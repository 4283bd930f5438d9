"""A face mask as geometry: a sheet over nose, mouth and chin, held by loops round the ears.

The sheet is a grid of rays cast from a hub inside the head (at the mouth's height, the skull's
depth): columns fan round the face from cheek to cheek, and each column's rows are spaced along
the face's own profile between the mask's top edge (over the bridge of the nose, dropping over
the cheeks towards the ears) and its bottom edge (under the chin, rising to the angle of the
jaw). Cloth is stretched between nose, cheeks and chin, so the sheet is a membrane held over
the face (never nearer the skin than its clearance) with its rim on it: it spans the hollows
under the nose and round the mouth as a taut mask does. A surgical mask has three pleats across.

Pulled down ("a mask under his chin") the same sheet sits lower: from under the lower lip round
the chin, the mouth free. Each vertex rides on the skin under it (never on the lips): the lower
part opens with the jaw, and the mouth moves under the cloth. The ear loops ride on the head.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach
from .body import Anchors, BodySurface, nearest_of, region_mask, rigid_skin_vertex, smoothstep
from .contour import strip, thickened
from .glasses import tube

FACE_MASK_REGION = "face_mask"
STYLES = ("surgical", "respirator", "cloth")
COLUMNS, ROWS = 41, 30
FAN_PITCHES = 160                 # rays per column over the face's profile, before the rows are spaced ...
FAN_DEG = (55.0, -80.0)           # ... from this far above the horizontal to this far below
RAY_REACH_M = 0.25                # rays are cast in from this far out ...
MET_M = 0.02                      # ... and one that ends this near its hub met nothing
YAW_DEG = 64.0                    # the side edges lie this far round the face from its middle
CLEARANCE_M = 0.003               # off the skin (and a beard)
COVER_DEG = 2.2                   # the sheet clears every surface point this near each of its rays (a cell)
UNDER_CHIN_M = 0.03               # its lower edge runs this far back under the chin ...
UNDER_CHIN_DOWN_M = 0.037         # ... pulled down, further (round the chin towards the throat)
ADULT_FACE_M = 0.125              # an adult's eyes to chin: the offsets above are an adult's ...
FACE_SCALE_RANGE = (0.4, 1.3)     # ... and scale with the face's own
THICKNESS_M = 0.0012
MEMBRANE_ROUNDS = 200
PLEATS = 3                        # a surgical mask's folds across its middle ...
PLEAT_DEPTH_M = 0.0015            # ... each a step this deep
RESPIRATOR_DOME_M = 0.008         # a respirator's cup stands this much further off in its middle
LOOP_RADIUS_M = 0.0012
LOOP_CLEARANCE_M = 0.0015


def _ear(head: HeadModel, a: Anchors, sign: float) -> tuple[np.ndarray, np.ndarray]:
    """(lowest, highest) corners [3] of the box round the ear on side `sign` (+1 the left): the
    skin standing out furthest sideways between the mouth's and the brow's height, behind the face."""
    v = np.asarray(head.v_template, np.float64)
    skin = v[region_mask(head, "skin") & (v[:, 0] * sign > 0)]
    band = skin[(skin[:, 1] > a.mouth_y - 0.01) & (skin[:, 1] < a.brow_y + 0.01) & (skin[:, 2] < a.face_z - 0.03)]
    if not len(band):
        raise PortraitTalkerError(f"head model '{head.model_id}' has no ears to hang a face mask on")
    x = np.abs(band[:, 0])
    ear = band[x > x.max() - 0.012]
    return ear.min(axis=0), ear.max(axis=0)


def face_scale(a: Anchors) -> float:
    """The face's height (eyes to chin) as a share of an adult's: the mask's offsets shrink with it (a
    baby's face is half an adult's)."""
    return float(np.clip((a.eye_y - float(a.chin[1])) / ADULT_FACE_M, *FACE_SCALE_RANGE))


def _edges(a: Anchors, lip_bottom_y: float, down: bool, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Heights [COLUMNS] of the top and bottom edges at |yaw| share `u` (0 the middle, 1 the sides)."""
    nose_y, chin_y, s = float(a.nose_tip[1]), float(a.chin[1]), face_scale(a)
    jaw_angle_y = a.mouth_y - 0.035 * s
    if down:   # round the chin under the lower lip, the mouth free
        top_mid, top_side = lip_bottom_y - 0.012 * s, jaw_angle_y + 0.005 * s
        bottom_mid, bottom_side = chin_y - 0.03 * s, jaw_angle_y - 0.01 * s
    else:      # over the bridge of the nose, dropping to the cheeks; under the chin, up to the jaw's angle
        top_mid, top_side = a.eye_y - 0.35 * (a.eye_y - nose_y), nose_y + 0.002 * s
        bottom_mid, bottom_side = chin_y - 0.004 * s, jaw_angle_y
    top = top_side + (top_mid - top_side) * (1.0 - smoothstep(0.0, 0.45, u))
    bottom = bottom_mid + (bottom_side - bottom_mid) * smoothstep(0.25, 1.0, u)
    return top, bottom


def _profile_rows(body: BodySurface, hub: np.ndarray, yaw: float, top_y: float, bottom_y: float,
                  under_chin: float) -> tuple[np.ndarray, np.ndarray]:
    """(directions [ROWS,3], distances [ROWS]) of the rays from `hub` at `yaw` that meet the face
    from height `top_y` down to `bottom_y` or to `under_chin` metres behind the chin's front
    (under it the face runs back, not down), evenly spaced along the face."""
    pitch = np.radians(np.linspace(*FAN_DEG, FAN_PITCHES))
    d = _direction(yaw, pitch)
    hit = body.march(hub + d * RAY_REACH_M, -d, RAY_REACH_M, max_step=0.02, steps=120)
    r = np.linalg.norm(hit - hub, axis=1)
    # a ray that met nothing (past the head's top, under the jaw, through a crease) ends at the hub
    met = r > MET_M
    pitch, hit, r = pitch[met], hit[met], r[met]
    forward = hit @ np.array([np.sin(yaw), 0.0, np.cos(yaw)])
    below = hit[:, 1] < hub[1] - 0.02
    chin = below & (hit[:, 1] >= bottom_y)   # (not the shoulders, which steep rays at the sides meet)
    front = forward[chin].max() if chin.any() else forward.max()
    keep = (hit[:, 1] >= bottom_y) & ~(below & (forward < front - under_chin))
    starts = np.flatnonzero(hit[:, 1] <= top_y)
    if not len(starts):
        raise PortraitTalkerError("the face is too small for a face mask")
    lo = hi = starts[0]
    while hi + 1 < len(hit) and keep[hi + 1]:   # down the face until it ends or turns back under the chin
        hi += 1
    if hi - lo < 2:
        raise PortraitTalkerError("the face is too small for a face mask")
    if lo > 0:   # the top edge where the face crosses its height, between two rays (ray to ray, it stepped)
        t = (hit[lo - 1, 1] - top_y) / max(hit[lo - 1, 1] - hit[lo, 1], 1e-9)
        pitch, r = (np.concatenate([[x[lo - 1] + t * (x[lo] - x[lo - 1])], x[lo:hi + 1]]) for x in (pitch, r))
        hit = np.concatenate([[hit[lo - 1] + t * (hit[lo] - hit[lo - 1])], hit[lo:hi + 1]])
    else:
        pitch, hit, r = pitch[:hi + 1], hit[:hi + 1], r[:hi + 1]
    # (a step where a ray passes the nose's wing to the cheek behind it counts as a usual one: rows
    # spaced along such a jump bunched on it)
    steps = np.linalg.norm(np.diff(hit, axis=0), axis=1)
    along = np.concatenate([[0.0], np.cumsum(np.minimum(steps, 3.0 * np.median(steps)))])
    wanted = np.linspace(0.0, along[-1], ROWS)
    angle = np.interp(wanted, along, pitch)
    dist = np.interp(wanted, along, r)
    return _direction(yaw, angle), dist


def _direction(yaw: float, pitch: np.ndarray) -> np.ndarray:
    """[N,3] unit rays round the head's vertical axis at `yaw` (0 straight ahead, + to the person's left)
    and `pitch` [N] radians up from the horizontal."""
    return np.stack([np.sin(yaw) * np.cos(pitch), np.sin(pitch), np.cos(yaw) * np.cos(pitch)], 1)


def _highest(body: BodySurface, hub: np.ndarray, directions: np.ndarray) -> np.ndarray:
    """[ROWS,COLUMNS] the furthest of the face's surface samples from `hub` round each ray of
    `directions` (within about a cell): a nose's tip between two rays stays under the sheet."""
    def angles(v: np.ndarray) -> np.ndarray:
        return np.stack([np.arctan2(v[:, 0], v[:, 2]), np.arctan2(v[:, 1], np.hypot(v[:, 0], v[:, 2]))], 1)
    rel = body.points - hub
    rel = rel[rel[:, 2] > 0.0]
    tree = cKDTree(angles(rel))
    radius = np.linalg.norm(rel, axis=1)
    flat = directions.reshape(-1, 3)
    out = np.zeros(len(flat))
    for i, near in enumerate(tree.query_ball_point(angles(flat), np.radians(COVER_DEG))):
        if near:
            out[i] = radius[near].max()
    return out.reshape(directions.shape[:2])


def _membrane(floor: np.ndarray) -> np.ndarray:
    """[ROWS,COLUMNS] distances of a taut sheet held over `floor` (the same shape), its rim on it."""
    r = floor.copy()
    for _ in range(MEMBRANE_ROUNDS):
        mean = r.copy()
        mean[1:-1, 1:-1] = 0.25 * (r[:-2, 1:-1] + r[2:, 1:-1] + r[1:-1, :-2] + r[1:-1, 2:])
        r = np.maximum(floor, mean)
    return r


def _sheet(head: HeadModel, body: BodySurface, a: Anchors, style: str, down: bool) -> np.ndarray:
    """[ROWS,COLUMNS,3] the mask's outer surface."""
    lm = {k: np.asarray(head.v_template[i], np.float64) for k, i in head.landmarks.items()}
    lip_bottom_y = float(lm["lip_outer_bottom"][1]) if "lip_outer_bottom" in lm else a.mouth_y - 0.018
    hub = np.array([0.0, a.mouth_y, float(a.skull_center[2])])
    yaws = np.radians(np.linspace(-YAW_DEG, YAW_DEG, COLUMNS))
    tops, bottoms = _edges(a, lip_bottom_y, down, np.abs(yaws) / np.radians(YAW_DEG))
    under_chin = (UNDER_CHIN_DOWN_M if down else UNDER_CHIN_M) * face_scale(a)
    rays = [_profile_rows(body, hub, yaw, top, bottom, under_chin) for yaw, top, bottom in zip(yaws, tops, bottoms)]
    directions = np.stack([d for d, _ in rays], 1)                 # [ROWS,COLUMNS,3]
    floor = np.maximum(np.stack([r for _, r in rays], 1), _highest(body, hub, directions)) + CLEARANCE_M
    r = _membrane(floor)
    v = np.linspace(0.0, 1.0, ROWS)[:, None]
    u = np.linspace(-1.0, 1.0, COLUMNS)[None, :]
    middle = np.clip(1.0 - u ** 2, 0.0, 1.0) * np.clip(np.sin(np.pi * v), 0.0, 1.0)
    if style == "surgical":   # pleats: the cloth steps out at each fold, across the middle rows
        phase = np.clip((v - 0.25) / 0.5, 0.0, 1.0) * PLEATS
        r = r + PLEAT_DEPTH_M * (phase - np.floor(phase)) * ((v > 0.25) & (v < 0.75)) * np.clip(1.2 - np.abs(u), 0, 1)
    elif style == "respirator":   # a stiff cup, rounder than the face
        r = r + RESPIRATOR_DOME_M * middle
    return hub + directions * r[..., None]


def _loop(body: BodySurface, head: HeadModel, a: Anchors, top: np.ndarray, bottom: np.ndarray,
          sign: float) -> np.ndarray:
    """[N,3] an ear loop's middle line: from the mask's top corner over the ear, down behind it,
    under the lobe and back to the bottom corner."""
    lo, hi = _ear(head, a, sign)
    root_x = sign * (min(abs(lo[0]), abs(hi[0])) + 0.002)
    mid = (lo + hi) / 2
    ctrl = np.array([top,
                     [root_x, hi[1] - 0.004, hi[2] + 0.002],
                     [root_x, hi[1] + 0.002, mid[2]],
                     [root_x, mid[1], lo[2] - 0.004],
                     [root_x, lo[1] - 0.003, mid[2]],
                     bottom])
    t = np.linspace(0.0, 1.0, len(ctrl))
    s = np.linspace(0.0, 1.0, 60)
    line = np.stack([np.interp(s, t, ctrl[:, k]) for k in range(3)], 1)
    for _ in range(6):   # round off the corners of the path
        line[1:-1] = 0.5 * line[1:-1] + 0.25 * (line[:-2] + line[2:])
    return body.pushed_out(line, LOOP_RADIUS_M + LOOP_CLEARANCE_M)


def face_mask_part(head: HeadModel, style: str = "surgical", down: bool = False) -> Part:
    """A face mask of `style` (surgical | respirator | cloth) over nose and mouth, or `down` under the chin."""
    if style not in STYLES:
        raise PortraitTalkerError(f"face mask style '{style}' is unknown; use one of {', '.join(STYLES)}")
    if head.regions is None:
        raise PortraitTalkerError(f"head model '{head.model_id}' has no region labels to fit a face mask to")
    a = Anchors.from_head(head)
    body = BodySurface(head, regions=tuple(r for r in ("skin", "lips", "beard", "neck", "facial_hair", "eye")
                                           if r in head.region_names))
    grid = _sheet(head, body, a, style, down)
    verts, faces = strip(list(grid))
    hub = np.array([0.0, a.mouth_y, float(a.skull_center[2])])
    normals = verts - hub
    normals /= np.linalg.norm(normals, axis=1, keepdims=True)
    verts, faces = thickened(verts, faces, normals, THICKNESS_M)
    sheet_count = len(verts)
    # each point rides on the skin under it, never on the lips (their shapes would crumple the cloth)
    skin = region_mask(head, "skin", "beard", "neck", "facial_hair")
    source = nearest_of(head, skin, verts)
    loops_v, loops_f = [verts], [faces]
    loop_source = [source]
    offset = len(verts)
    for sign, column in ((1.0, -1), (-1.0, 0)):   # the person's left is +x: the last column
        line = _loop(body, head, a, grid[0, column], grid[-1, column], sign)
        lv, lf = tube(line, np.array([sign, 0.0, 0.0]), LOOP_RADIUS_M, LOOP_RADIUS_M, closed=False, sides=6)
        loops_v.append(lv)
        loops_f.append(lf + offset)
        loop_source.append(np.full(len(lv), rigid_skin_vertex(head, line[len(line) // 2])))
        offset += len(lv)
    return Part(name="face_mask", verts=np.concatenate(loops_v), faces=np.concatenate(loops_f),
                source=np.concatenate(loop_source), region=FACE_MASK_REGION,
                follow_expression=np.arange(offset) < sheet_count,
                metadata={"face_mask": {"style": style, "down": bool(down), "sheet_vertices": int(sheet_count)}})


def add_face_mask(head: HeadModel, style: str | None, down: bool = False) -> HeadModel:
    """`head` wearing a face mask of `style` (None: unchanged)."""
    return head if style is None else attach(head, face_mask_part(head, style, down))
