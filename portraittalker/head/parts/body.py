"""What the parts are built on: the head's outer surface as a distance field, and its anchors.

`BodySurface` answers, for any point, the signed distance to the head/body skin (negative
inside), the outward normal there and the nearest skin vertex; hair strands collide with it
and shells are offset from it. `Anchors` are the few positions a hairstyle or a collar is
placed by (eye line, crown, ears, chin, neck base ...), read from the head's landmarks,
regions and joints, so the same code dresses any head in the project's frame (metres, y up,
+z out of the face, +x to the subject's left).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from ..model import HeadModel

# a k-d tree query of this many points or more runs on all cores (fewer: on one; query_workers)
PARALLEL_QUERY_POINTS = 20_000
# points sampled inside each triangle (barycentric), besides its corners
SAMPLE_BARYCENTRIC = ((1 / 3, 1 / 3, 1 / 3), (2 / 3, 1 / 6, 1 / 6), (1 / 6, 2 / 3, 1 / 6), (1 / 6, 1 / 6, 2 / 3))
# regions inside the head (never the outer surface a part rests on)
INNER_REGIONS = ("eye", "teeth", "mouth_cavity", "tongue", "eyelashes")


def smoothstep(edge0: float, edge1: float, x: np.ndarray) -> np.ndarray:
    """0 below edge0, 1 above edge1 (or the reverse when edge0 > edge1), a cubic ramp between."""
    t = np.clip((x - edge0) / (edge1 - edge0), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def soft_max(u: np.ndarray, v: np.ndarray, k: float) -> np.ndarray:
    """max(u, v) with its crease rounded over about `k` (log-sum-exp); -soft_max(-u, -v, k) is a soft minimum."""
    m = np.maximum(u, v)
    return m + k * np.log(np.exp((u - m) / k) + np.exp((v - m) / k))


def vertex_normals(verts: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Area-weighted vertex normals [V,3] (unit; zero for unreferenced vertices)."""
    a, b, c = (verts[faces[:, k]] for k in range(3))
    fn = np.cross(b - a, c - a)
    normals = np.zeros_like(verts, dtype=np.float64)
    for k in range(3):
        np.add.at(normals, faces[:, k], fn)
    return normals / np.maximum(np.linalg.norm(normals, axis=-1, keepdims=True), 1e-12)


def outward_sign(verts: np.ndarray, faces: np.ndarray) -> float:
    """+1 when the faces wind with normals pointing away from the mesh centre, else -1."""
    a, b, c = (verts[faces[:, k]] for k in range(3))
    fn = np.cross(b - a, c - a)
    centroids = (a + b + c) / 3.0
    return 1.0 if float(((centroids - verts.mean(axis=0)) * fn).sum()) >= 0 else -1.0


def _lattice(n: int) -> np.ndarray:
    """[S,3] barycentrics of a lattice with `n` steps per edge, corners left out (they are vertices)."""
    b = np.array([(i, j, n - i - j) for i in range(n + 1) for j in range(n + 1 - i)], np.float64) / n
    return b[b.max(axis=1) < 1.0]


def region_mask(head: HeadModel, *names: str) -> np.ndarray:
    mask = np.zeros(head.num_vertices, dtype=bool)
    if head.regions is None:
        return mask
    for name in names:
        if name in head.region_names:
            mask |= head.regions == head.region_names.index(name)
    return mask


def nearest_of(head: HeadModel, allowed: np.ndarray, points: np.ndarray) -> np.ndarray:
    """[N] for each of `points` [N,3], the nearest head vertex among `allowed` ([V] bool): what a
    part's vertices ride on (skinning copied from it)."""
    ids = np.flatnonzero(allowed)
    return ids[cKDTree(np.asarray(head.v_template, np.float64)[ids]).query(points)[1]]


def rigid_skin_vertex(head: HeadModel, point: np.ndarray) -> int:
    """The skin vertex nearest `point` that is skinned to a single joint (the head's): what a
    rigid accessory (glasses, earrings) rides on."""
    v = np.asarray(head.v_template, np.float64)
    skin = region_mask(head, "skin")
    rigid = np.asarray(head.lbs_weights).max(axis=1) > 0.999
    candidates = np.flatnonzero(skin & rigid) if (skin & rigid).any() else np.flatnonzero(skin)
    return int(candidates[np.argmin(np.linalg.norm(v[candidates] - point, axis=1))])


def query_workers(n: int) -> int:
    """Threads for a k-d tree query of n points: all cores for a dense grid, one for a handful
    (a necklace hanging or a strand pushed out queries a few points thousands of times, and
    starting a thread pool each time cost more than the search)."""
    return -1 if n >= PARALLEL_QUERY_POINTS else 1


PHANTOM_INSIDE_M = 0.01   # an "inside" reading this far from the surface is an open edge's, not the body's (`unphantom`)


def unphantom(sd: np.ndarray) -> np.ndarray:
    """Signed distances [N] with "inside" readings deeper than PHANTOM_INSIDE_M read as outside.
    The sign is the nearest sample's normal's; in the air beside an open edge (a garment's rim
    folding in, a sleeveless dress's armhole) that sample faces away, and a point 6 cm out from a
    child's shoulder read 6 cm inside it. For what is laid over the body (hair, cloth) nothing lies
    that deep inside."""
    return np.where(sd < -PHANTOM_INSIDE_M, -sd, sd)


class BodySurface:
    """Signed distance to the head's outer surface from its nearest vertices (accurate near the
    surface, a fair bound further out): sign from the vertex normal, size from the distance."""

    def __init__(self, head: HeadModel, regions: tuple[str, ...] | None = None, subdivisions: int = 0):
        """regions: only the faces wholly in these head regions (default: all but the inner ones);
        subdivisions: sample each triangle on a barycentric lattice this fine instead of at
        SAMPLE_BARYCENTRIC (for what must rest within a millimetre of a coarse mesh)."""
        verts = np.asarray(head.v_template, dtype=np.float64)
        faces = np.asarray(head.faces, dtype=np.int64)
        self.winding = outward_sign(verts, faces)
        normals = vertex_normals(verts, faces) * self.winding
        if regions is None:
            inner = region_mask(head, *INNER_REGIONS)
            faces = faces[~inner[faces].any(axis=1)]
        else:
            faces = faces[region_mask(head, *regions)[faces].all(axis=1)]
        used = np.unique(faces)
        # samples: the outer vertices plus points inside every triangle (coarse meshes have
        # triangles a centimetre wide, and nearest-vertex distances alone would be too rough)
        bary = np.asarray(SAMPLE_BARYCENTRIC) if subdivisions < 2 else _lattice(subdivisions)
        inside = np.einsum("sk,fkd->fsd", bary, verts[faces]).reshape(-1, 3)
        inside_n = np.einsum("sk,fkd->fsd", bary, normals[faces]).reshape(-1, 3)
        corner = faces[:, np.argmax(bary, axis=1)].reshape(-1)
        self.points = np.concatenate([verts[used], inside])
        self.normals = np.concatenate([normals[used], inside_n])
        self.normals /= np.maximum(np.linalg.norm(self.normals, axis=-1, keepdims=True), 1e-12)
        self.index = np.concatenate([used, corner])        # the head vertex each sample belongs to
        self.tree = cKDTree(self.points)

    def query(self, p: np.ndarray, k: int = 4) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """points [N,3] -> (signed distance [N], outward normal [N,3], nearest head vertex id [N])."""
        dist, idx = self.tree.query(np.asarray(p, dtype=np.float64), k=k, workers=query_workers(len(p)))
        w = 1.0 / (dist + 1e-4)
        w /= w.sum(axis=1, keepdims=True)
        n = (self.normals[idx] * w[..., None]).sum(axis=1)
        n /= np.maximum(np.linalg.norm(n, axis=-1, keepdims=True), 1e-12)
        offset = p - self.points[idx[:, 0]]
        side = np.sign((offset * n).sum(-1))
        side[side == 0] = 1.0
        return side * dist[:, 0], n, self.index[idx[:, 0]]

    def nearest(self, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Fast form for dense grids: (signed distance [N], nearest head vertex id [N]) from the
        single nearest sample."""
        dist, idx = self.tree.query(np.asarray(p, dtype=np.float64), k=1, workers=query_workers(len(p)))
        side = np.sign(((p - self.points[idx]) * self.normals[idx]).sum(-1))
        side[side == 0] = 1.0
        return side * dist, self.index[idx]

    def signed_distance(self, p: np.ndarray) -> np.ndarray:
        return self.nearest(p)[0]

    def height(self, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(height [N] over the surface, outward normal [N,3]) of points [N,3] near it: their distance from the
        nearest sample's tangent plane, smooth where the distance from the sample itself rises and falls between
        samples by a few mm (a shell thinner than that over the skin was a row of beads, the skin between them)."""
        _, idx = self.tree.query(np.asarray(p, dtype=np.float64), k=1, workers=query_workers(len(p)))
        n = self.normals[idx]
        return ((p - self.points[idx]) * n).sum(-1), n

    def onto(self, p: np.ndarray) -> np.ndarray:
        """Points [N,3] moved along the surface normal onto the surface (for points already near it)."""
        sd, n, _ = self.query(p)
        return p - sd[:, None] * n

    def march(self, origin: np.ndarray, direction: np.ndarray, reach: float, max_step: float = 0.05,
              steps: int = 80) -> np.ndarray:
        """Rays [N] sphere-traced from `origin` along unit `direction` until they touch the surface
        (or have gone `reach` metres, where they stop): the points reached [N,3]."""
        p = np.asarray(origin, dtype=np.float64).copy()
        travelled = np.zeros(len(p))
        for _ in range(steps):
            sd = self.signed_distance(p)
            # a ray from outside reaches the surface (|sd| small) before it can be inside; read "inside"
            # far from every sample, it is beside an open edge whose sample faces away (in front of a
            # dress's open neckline the rim's inner side did: a neckerchief's point stood 9 cm off the chest)
            sd = unphantom(sd)
            moving = (sd > 0.0005) & (travelled < reach)
            if not moving.any():
                break
            step = np.where(moving, np.minimum(np.maximum(sd, 0.0) * 0.9, max_step), 0.0)
            p = p + direction * step[:, None]
            travelled += step
        return p

    def pushed_out(self, p: np.ndarray, clearance, rounds: int = 3) -> np.ndarray:
        """`p` [N,3] moved out along the surface normal wherever it lies closer than `clearance`
        (a number or [N]) to the surface or inside it; a few rounds, as one push along a blended
        normal may fall short in a crease."""
        p = np.array(p, dtype=np.float64)
        for _ in range(rounds):
            sd, n, _ = self.query(p)
            short = np.clip(clearance - sd, 0.0, None)
            if not short.any():
                break
            p += n * short[:, None]
        return p


RAY_REACH_M = 0.2          # outer_radius: rays are cast this far from their hubs ...
RAY_STEP_M = 0.001         # ... sampled this finely
TOUCH_M = 0.003            # ... and meet the surface this near its samples (their spacing)
INSIDE_TRUSTED_M = 0.015   # ... or inside it, this near them


def outer_radius(body: BodySurface, hubs: np.ndarray, directions: np.ndarray, reach: float = RAY_REACH_M,
                 step: float = RAY_STEP_M) -> np.ndarray:
    """[N] how far from each hub along its direction the outermost surface lies (0 where none): the
    first point, coming in from `reach`, that touches or is inside it. (Sampled finely: a
    sphere-traced ray crossed a temple's thin hair into the head.)"""
    t = np.arange(reach, 0.0, -step)
    p = hubs[:, None] + directions[:, None] * t[None, :, None]
    signed = body.nearest(p.reshape(-1, 3))[0].reshape(len(hubs), len(t))
    # near a sample, or inside (trusted only near one: far off an open edge, such as a beanie's rim,
    # the sign is unreliable; and between a coarse mesh's samples, such as a hat's, a ray may pass
    # more than TOUCH_M from every one)
    near = (np.abs(signed) < TOUCH_M) | ((signed < 0) & (signed > -INSIDE_TRUSTED_M))
    first = np.argmax(near, axis=1)
    return np.where(near.any(axis=1), t[first], 0.0)


@dataclass(frozen=True)
class Anchors:
    """Positions (metres, head frame) the parts are placed by."""

    eye_y: float              # height of the eye line
    eye_half_gap: float       # |x| of each eye centre
    brow_y: float
    nose_tip: np.ndarray
    chin: np.ndarray
    mouth_y: float
    crown: np.ndarray         # top of the head
    skull_center: np.ndarray  # centre of the cranium
    skull_radii: np.ndarray   # half extents of the cranium (x, y, z)
    ear_z: float              # depth of the ears (splits face from back of the head)
    face_z: float             # depth of the cheeks' front
    neck_base: np.ndarray     # root joint (where the neck meets the shoulders)
    neck_joint: np.ndarray
    neck_radius: float
    shoulder_half_width: float
    shoulder_y: float         # top of the shoulders
    bottom_y: float           # lowest point of the body

    @classmethod
    def from_head(cls, head: HeadModel) -> "Anchors":
        v = np.asarray(head.v_template, dtype=np.float64)
        lm = {k: v[i] for k, i in head.landmarks.items()}
        joints = np.asarray(head.J_regressor, dtype=np.float64) @ v
        neck_base, neck_joint = joints[0], joints[1]
        eye_l, eye_r = joints[3], joints[4]
        if "pupil_left" in lm and "pupil_right" in lm:
            eye_y = float((lm["pupil_left"][1] + lm["pupil_right"][1]) / 2)
        else:
            eye_y = float((eye_l[1] + eye_r[1]) / 2)
        eye_half_gap = float(abs(eye_l[0] - eye_r[0]) / 2)
        nose = lm.get("nose_tip", v[np.argmax(v[:, 2])])
        chin = lm.get("chin", np.array([0.0, eye_y - 0.11, nose[2] - 0.02]))
        mouth_y = float(lm["lip_outer_top"][1]) if "lip_outer_top" in lm else float(nose[1] - 0.03)
        brows = v[region_mask(head, "brow")]
        brow_y = float(brows[:, 1].mean()) if len(brows) else eye_y + 0.022
        head_pts = v[(v[:, 1] > eye_y - 0.01) & ~region_mask(head, *INNER_REGIONS, "neck", "torso")]
        crown = head_pts[np.argmax(head_pts[:, 1])]
        lo, hi = head_pts.min(axis=0), head_pts.max(axis=0)
        skull_center = np.array([0.0, (eye_y + crown[1]) / 2 - 0.01, (lo[2] + hi[2]) / 2 - 0.01])
        skull_radii = np.array([(hi[0] - lo[0]) / 2, crown[1] - skull_center[1], (hi[2] - lo[2]) / 2])
        ears = v[region_mask(head, "ear")] if "ear" in head.region_names else v[:0]
        ear_z = float(ears[:, 2].mean()) if len(ears) else float(skull_center[2] + 0.01)
        face_z = float(nose[2] - 0.045)
        ring = v[np.abs(v[:, 1] - (neck_joint[1] + neck_base[1]) / 2) < 0.01]
        ring = ring[np.abs(ring[:, 0]) < 0.09]
        neck_radius = float(np.percentile(np.abs(ring[:, 0]), 95)) if len(ring) else 0.055
        body = v[v[:, 1] < neck_base[1] + 0.02]
        shoulder_half_width = float(np.percentile(np.abs(body[:, 0]), 99)) if len(body) else 0.2
        top = v[(np.abs(v[:, 0]) > neck_radius + 0.05) & (np.abs(v[:, 0]) < shoulder_half_width - 0.03)
                & (v[:, 1] < neck_joint[1])]
        shoulder_y = float(top[:, 1].max()) if len(top) else float(neck_base[1])
        return cls(eye_y, eye_half_gap, brow_y, nose, chin, mouth_y, crown, skull_center, skull_radii, ear_z,
                   face_z, neck_base, neck_joint, neck_radius, shoulder_half_width, shoulder_y, float(v[:, 1].min()))
