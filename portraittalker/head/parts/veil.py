"""A bridal veil as geometry: a sheet of thin cloth pinned over the back of the head, falling behind it.

Its top edge is an arc over the back of the crown (over a bun or the hair, behind a tiara) from
one side of the head to the other, leaning back so it ends behind the ears: the face stays
open (a veil over the face would hide the speech). From each point of that edge a column of the
sheet falls like a hanging rope, a little outwards and backwards, sliding over the hair, the
shoulders and the back (`BodySurface.pushed_out` at every step) with its links kept their
length; the sheet is then smoothed and given a few soft vertical folds that deepen towards the
hem. From the front it shows round the sides of the head and neck and over the shoulders.
The renderer has no translucency, so the cloth is opaque (its painter keeps it pale and matt).
The top rows ride rigidly on the head; the rest on the body under them.
"""

from __future__ import annotations

import numpy as np

from ..model import HeadModel
from .attach import Part, attach
from .body import Anchors, BodySurface, rigid_skin_vertex
from .contour import strip, thickened

VEIL_REGION = "veil"
COLUMNS, ROWS = 41, 44
LEAN_DEG = 28.0            # the top edge's plane leans back this far from upright ...
REACH_DEG = 84.0           # ... and runs this far down each side from the top
HUB_BACK_M = 0.015         # that plane's hub lies this far behind the skull's centre (the edge ends behind the ears)
LENGTH_M = 0.55            # the sheet's length from the top edge
FALL = np.array([0.0, -1.0, -0.12])  # the cloth falls down and a little back (behind the shoulders) ...
FLARE = (0.5, 0.15)        # ... and out from the head's axis by these shares sideways and backwards (it
                           # stands off the hair at the sides, and hangs down the back)
CLEARANCE_M = 0.004        # off the hair, skin and clothes
THICKNESS_M = 0.0012
FOLDS = 7                  # soft folds across the sheet ...
FOLD_DEPTH_M = 0.012       # ... from half way down, this deep at the hem
SMOOTHING_ROUNDS = 6
SUBSTEPS = 4               # steps of the fall between rows


def _top_edge(body: BodySurface, a: Anchors) -> np.ndarray:
    """[COLUMNS,3] the arc the veil is pinned along, cast onto the dressed head from outside."""
    lean = np.radians(LEAN_DEG)
    up = np.array([0.0, np.cos(lean), -np.sin(lean)])
    hub = np.array([0.0, a.eye_y, float(a.skull_center[2]) - HUB_BACK_M])
    angles = np.radians(np.linspace(-REACH_DEG, REACH_DEG, COLUMNS))
    direction = np.sin(angles)[:, None] * np.array([1.0, 0.0, 0.0]) + np.cos(angles)[:, None] * up
    edge = body.march(hub + direction * 0.4, -direction, 0.4, max_step=0.03, steps=120)
    for _ in range(3):   # round off the strands' kinks
        edge[1:-1] = 0.5 * edge[1:-1] + 0.25 * (edge[:-2] + edge[2:])
    return body.pushed_out(edge, CLEARANCE_M)


def _hung(body: BodySurface, a: Anchors, top: np.ndarray) -> np.ndarray:
    """[ROWS,COLUMNS,3] the sheet: each column falls from its top point, sliding over the body."""
    axis = np.array([0.0, 0.0, float(a.skull_center[2])])
    out = (top - axis) * np.array([1.0, 0.0, 1.0])
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
    fall = FALL / np.linalg.norm(FALL) + out * np.array([FLARE[0], 0.0, FLARE[1]])
    fall /= np.linalg.norm(fall, axis=1, keepdims=True)
    link = LENGTH_M / (ROWS - 1) / SUBSTEPS
    neck = np.array([0.0, 0.0, float(a.neck_base[2])])
    rows, p = [top], top
    reach = _radius(top, neck)
    for k in range((ROWS - 1) * SUBSTEPS):
        # in steps shorter than a garment's gap to the skin (a longer one slipped under the cloth)
        moved = body.pushed_out(p + fall * link, CLEARANCE_M) - p
        p = body.pushed_out(p + moved / np.maximum(np.linalg.norm(moved, axis=1, keepdims=True), 1e-9) * link,
                            CLEARANCE_M)
        # never closer to the body's axis than higher up: the sheet spans gaps (a neckline behind the neck)
        # that a column alone would fall into
        r = _radius(p, neck)
        flat = (p - neck) * np.array([1.0, 0.0, 1.0])
        p = neck + flat * (np.maximum(r, reach) / r)[:, None] + p * np.array([0.0, 1.0, 0.0])
        reach = np.maximum(r, reach)
        if (k + 1) % SUBSTEPS == 0:
            rows.append(p)
    return np.stack(rows)


def _radius(p: np.ndarray, axis_point: np.ndarray) -> np.ndarray:
    """[N] horizontal distance of `p` [N,3] from the vertical line through `axis_point`."""
    return np.maximum(np.linalg.norm((p - axis_point) * np.array([1.0, 0.0, 1.0]), axis=1), 1e-9)


def _softened(body: BodySurface, grid: np.ndarray) -> np.ndarray:
    """The sheet smoothed across and down (no column catches on a strand), its folds added, kept
    off the body; the top edge stays where it is pinned."""
    g = grid.copy()
    for _ in range(SMOOTHING_ROUNDS):
        g[1:, 1:-1] = 0.5 * g[1:, 1:-1] + 0.25 * (g[1:, :-2] + g[1:, 2:])
        g[1:-1] = 0.5 * g[1:-1] + 0.25 * (g[:-2] + g[2:])
        g = body.pushed_out(g.reshape(-1, 3), CLEARANCE_M, rounds=2).reshape(g.shape)
        g[0] = grid[0]
    across = np.gradient(g, axis=1)
    down = np.gradient(g, axis=0)
    normal = np.cross(down, across)
    normal /= np.maximum(np.linalg.norm(normal, axis=-1, keepdims=True), 1e-9)
    u = np.linspace(0.0, 1.0, g.shape[1])[None, :, None]
    t = np.linspace(0.0, 1.0, g.shape[0])[:, None, None]
    # (only where it hangs free: folds in the cloth bunched beside the neck crumpled it into shards)
    g = g + normal * FOLD_DEPTH_M * np.clip((t - 0.5) / 0.5, 0.0, 1.0) ** 1.5 * np.sin(FOLDS * 2 * np.pi * u)
    return body.pushed_out(g.reshape(-1, 3), CLEARANCE_M, rounds=5).reshape(g.shape)


def veil_part(head: HeadModel) -> Part:
    """The veil on the dressed `head` (hair, clothes and anything on the hair already built), as one part."""
    a = Anchors.from_head(head)
    body = BodySurface(head)
    grid = _softened(body, _hung(body, a, _top_edge(body, a)))
    grid[..., 1] = np.maximum(grid[..., 1], a.bottom_y + 0.005)
    verts, faces = strip(list(grid))
    # facing away from the head's axis (the body lies on the inner side)
    centre = np.array([0.0, 0.0, float(a.skull_center[2])])
    tri = verts[faces]
    fn = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    normals = np.zeros_like(verts)
    np.add.at(normals, faces.reshape(-1), np.repeat(fn, 3, axis=0))
    normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)
    outward = ((verts - centre) * np.array([1.0, 0.0, 1.0]) * normals).sum(-1)
    normals *= np.where(np.median(outward) < 0, -1.0, 1.0)
    verts, faces = thickened(verts, faces, normals, THICKNESS_M)
    source = body.query(verts)[2]
    on_head = verts[:, 1] > float(a.neck_joint[1])
    source[on_head] = rigid_skin_vertex(head, a.crown)
    return Part(name="veil", verts=verts, faces=faces, source=source, region=VEIL_REGION,
                metadata={"veil": {"top_y": float(grid[0, :, 1].max()), "hem_y": float(grid[-1, :, 1].mean())}})


def add_veil(head: HeadModel, veil: bool) -> HeadModel:
    """`head` wearing a veil behind it (`veil` False: unchanged)."""
    return attach(head, veil_part(head)) if veil else head
