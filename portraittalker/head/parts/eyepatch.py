"""An eye patch as geometry: a stiff oval over one eye and its strap round the head.

The patch is an oval in the front view over the eye, each point cast onto the face from in
front and then stretched as a membrane over the socket (never nearer the skin or the eyeball
than its clearance), so it spans brow, cheek and the side of the nose like a stiff leather
patch instead of sinking into the socket. The strap runs in one tilted plane through the
patch: diagonally up across the forehead, over the far side of the head above the ear and
round the back (rays cast onto the dressed head, so it rides on the hair), passing under the
patch. Both ride rigidly on a skin vertex skinned to the head alone: blinks and brows move
under the patch, never through it (it clears the brow by more than a brow raise lifts it).
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach
from .body import INNER_REGIONS, Anchors, BodySurface, region_mask, rigid_skin_vertex
from .contour import neighbour_mean, thickened
from .glasses import tube

EYEPATCH_REGION = "eyepatch"
SIDES = ("left", "right")          # the person's own: left is +x
PATCH_RADII_M = (0.023, 0.0185)    # half width, half height of the oval
PATCH_TILT_DEG = 8.0               # its outer end a little higher
PATCH_CLEARANCE_M = 0.004          # off the skin and the eyeball
PATCH_THICKNESS_M = 0.002
STRAP_HALF_WIDTH_M = 0.0035
STRAP_HALF_THICKNESS_M = 0.0008
STRAP_CLEARANCE_M = 0.0015
HAIR_LAYER_M = 0.025              # the strap rides on what lies within this of the skull (hair)
SNUG_COVERINGS = frozenset({"bandana", "beanie", "beret", "headscarf"})   # cloth the strap lies on
STRAP_OVER_FAR_EAR_M = 0.03        # the strap crosses the far side this far above the eye line


def _eyeball(head: HeadModel, sign: float) -> tuple[np.ndarray, float]:
    """(centre, radius) of the eyeball on side `sign` (+1 the left)."""
    v = np.asarray(head.v_template, np.float64)
    eye = v[region_mask(head, "eye") & (v[:, 0] * sign > 0)]
    if not len(eye):
        raise PortraitTalkerError(f"head model '{head.model_id}' has no eyes to cover with a patch")
    centre = (eye.min(axis=0) + eye.max(axis=0)) / 2
    return centre, float(np.linalg.norm(eye - centre, axis=1).max())


def _patch(body: BodySurface, centre: np.ndarray, eye: tuple[np.ndarray, float], sign: float,
           rings: int = 8, spokes: int = 32) -> tuple[np.ndarray, np.ndarray]:
    """The patch's outer surface (a polar grid over the oval: verts, faces) cast onto the face
    and stretched over the socket."""
    rx, ry = PATCH_RADII_M
    tilt = np.radians(PATCH_TILT_DEG) * sign
    t = np.linspace(0, 2 * np.pi, spokes, endpoint=False)
    r = np.linspace(0, 1, rings + 1)[1:]
    x = (r[:, None] * np.cos(t)[None] * rx).ravel()
    y = (r[:, None] * np.sin(t)[None] * ry).ravel()
    x, y = np.concatenate([[0.0], x]), np.concatenate([[0.0], y])
    xy = np.stack([x * np.cos(tilt) - y * np.sin(tilt), x * np.sin(tilt) + y * np.cos(tilt)], 1) + centre[:2]
    start = np.column_stack([xy, np.full(len(xy), centre[2] + 0.15)])
    on = body.march(start, np.array([0.0, 0.0, -1.0]), 0.2, max_step=0.02, steps=120)
    floor = on[:, 2] + PATCH_CLEARANCE_M
    ball, radius = eye   # in front of the eyeball too (the body's surface leaves the eyes out)
    dx, dy = xy[:, 0] - ball[0], xy[:, 1] - ball[1]
    over = radius + PATCH_CLEARANCE_M
    inside = dx ** 2 + dy ** 2 < over ** 2
    floor[inside] = np.maximum(floor[inside], ball[2] + np.sqrt(over ** 2 - dx[inside] ** 2 - dy[inside] ** 2))
    faces = []
    for k in range(spokes):                        # the centre fan, then quads ring to ring
        faces.append([0, 1 + k, 1 + (k + 1) % spokes])
    for i in range(rings - 1):
        for k in range(spokes):
            a, b = 1 + i * spokes + k, 1 + i * spokes + (k + 1) % spokes
            faces += [[a, a + spokes, b], [b, a + spokes, b + spokes]]
    faces = np.asarray(faces, np.int64)
    z = floor.copy()   # a stiff patch spans the socket: a membrane held over the floor, its rim on it
    mean = neighbour_mean(faces, len(z))
    rim = np.arange(len(z) - spokes, len(z))
    for _ in range(60):
        z = np.maximum(floor, mean @ z)
        z[rim] = floor[rim]
    return np.column_stack([xy, z]), faces


def _strap(body: BodySurface, a: Anchors, centre: np.ndarray, sign: float) -> tuple[np.ndarray, np.ndarray]:
    """The strap's middle line [N,3], a closed loop round the head in the plane through the
    patch, a point above the far ear and the back of the head on the patch's side; and that
    plane's normal (the strap's width lies along it)."""
    far = np.array([-sign * a.skull_radii[0], a.eye_y + STRAP_OVER_FAR_EAR_M, a.ear_z])
    back = np.array([sign * 0.3 * a.skull_radii[0], a.eye_y - 0.005, a.skull_center[2] - a.skull_radii[2]])
    hub = (centre + far + back) / 3
    normal = np.cross(far - centre, back - centre)
    normal /= np.linalg.norm(normal)
    u = (centre - hub) - ((centre - hub) @ normal) * normal
    u /= np.linalg.norm(u)
    w = np.cross(normal, u)
    angles = np.linspace(0, 2 * np.pi, 96, endpoint=False)
    direction = np.cos(angles)[:, None] * u + np.sin(angles)[:, None] * w
    p = _outer_surface(body, a, hub, direction) + direction * (STRAP_HALF_THICKNESS_M + STRAP_CLEARANCE_M)
    for _ in range(3):  # round off the strands and tufts it was cast onto
        p = 0.5 * p + 0.25 * (np.roll(p, 1, axis=0) + np.roll(p, -1, axis=0))
    return body.pushed_out(p, STRAP_HALF_THICKNESS_M + STRAP_CLEARANCE_M), normal


def _outer_surface(body: BodySurface, a: Anchors, hub: np.ndarray, direction: np.ndarray,
                   step: float = 0.002) -> np.ndarray:
    """[N,3] where rays from `hub` (inside the head) along `direction` [N,3] last leave what lies
    on the head, looked for up to HAIR_LAYER_M beyond the skull's ellipsoid: the outermost
    surface, hair included. (Cast from outside, a ray could stop on a stray strand or, far from
    the mesh, on a wrong sign; the first exit from inside can be an inner surface.)"""
    centre, radii = np.asarray(a.skull_center, np.float64), np.asarray(a.skull_radii, np.float64)
    q, e = (hub - centre) / radii, direction / radii      # the skull's ellipsoid: |q + t e| = 1
    qe, ee = e @ q, (e * e).sum(axis=1)
    reach = (-qe + np.sqrt(np.maximum(qe ** 2 - ee * (q @ q - 1.0), 0.0))) / ee + HAIR_LAYER_M
    t = np.arange(0.0, float(reach.max()), step)
    inside = body.signed_distance((hub + direction[:, None] * t[None, :, None]).reshape(-1, 3)) < 0
    inside = inside.reshape(len(direction), len(t)) & (t[None] <= reach[:, None])
    last = np.where(inside, np.arange(len(t))[None], 0).max(axis=1)
    return hub + direction * t[np.minimum(last + 1, len(t) - 1)][:, None]


def eyepatch_part(head: HeadModel, side: str) -> Part:
    """An eye patch over the `side` eye ("left" or "right", the person's own) with its strap."""
    if side not in SIDES:
        raise PortraitTalkerError(f"eye patch side '{side}' is unknown; use left or right")
    a = Anchors.from_head(head)
    sign = 1.0 if side == "left" else -1.0
    # a hat's brim or a helmet is left out: the strap runs under it, on the hair; over a snug cloth
    # covering (a pirate's bandana) it runs on the cloth (under it, it stood out past the cloth's edge)
    snug = head.metadata.get("headwear", {}).get("kind") in SNUG_COVERINGS
    body = BodySurface(head, regions=tuple(r for r in head.region_names
                                           if r not in INNER_REGIONS and (snug or r != "headwear")))
    eye = _eyeball(head, sign)
    centre = np.array([eye[0][0] + sign * 0.003, eye[0][1] + 0.002, eye[0][2]])
    front, faces = _patch(body, centre, eye, sign)
    normals = np.tile(np.array([0.0, 0.0, 1.0]), (len(front), 1))
    pv, pf = thickened(front, faces, normals, PATCH_THICKNESS_M)
    pv = pv + np.array([0.0, 0.0, PATCH_THICKNESS_M])    # its back face on the clearance, not under it
    line, across = _strap(body, a, centre, sign)
    sv, sf = tube(line, across, STRAP_HALF_THICKNESS_M, STRAP_HALF_WIDTH_M, closed=True)
    verts = np.concatenate([pv, sv])
    source = np.full(len(verts), rigid_skin_vertex(head, eye[0]))
    return Part(name="eyepatch", verts=verts, faces=np.concatenate([pf, sf + len(pv)]), source=source,
                region=EYEPATCH_REGION, metadata={"eyepatch": {"side": side, "patch_vertices": int(len(pv))}})


def add_eyepatch(head: HeadModel, side: str | None) -> HeadModel:
    """`head` with an eye patch over the `side` eye (None: unchanged)."""
    return head if side is None else attach(head, eyepatch_part(head, side))
