"""A FLAME-2020-layout head built from a source head, with an expression basis made from known
deformations, for testing the ARKit retargeting and playing speech through a FLAME pickle.

The template is a new mesh, not the source's: an icosphere's rays from inside the skull,
each vertex placed where its ray last leaves the source's outer surface (a shrink-wrap), so
topology, vertex density and vertex positions all differ from the source. It is then moved
into its own frame (scaled, pitched, shifted, as FLAME's frame differs from the default
head's), and given another face shape (stretched, with smooth bumps of a few millimetres, as
another person's face would be). Every vertex knows the source surface point it came from, so each ARKit action's true
deformation on the template is known. The expression basis is 100 components: invertible
mixtures of those true deformations, then smooth deformations that are none of them (FLAME has
expressions ARKit does not name). Identity and pose-corrective blendshapes are zeros; joints
and skinning weights are placed from the source's landmarks (a jaw that opens the mouth).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse
from scipy.spatial import cKDTree

from portraittalker.arkit import ARKIT_NAMES, NUM_ARKIT
from portraittalker.head.retarget import INTERIOR_REGIONS, JOINT_DRIVEN, ArkitSource

NUM_SHAPE, NUM_EXPRESSION, NUM_POSE_CORRECTIVES = 300, 100, 36
FRAME_SCALE = 1.06                   # the fixture's head is 6% larger than the source's
FRAME_PITCH_RAD = np.deg2rad(4.0)    # and tilted 4 degrees nose-down
FRAME_SHIFT_M = np.array([0.004, 0.021, -0.013])
FACE_STRETCH = np.array([1.05, 0.96, 1.0])  # another person: a wider, shorter face ...
FACE_BUMPS, FACE_BUMP_SIGMA_M, FACE_BUMP_M = 12, 0.025, 0.004  # ... with its own smooth bumps


@dataclass
class FlameFixture:
    arrays: dict                 # FLAME pickle keys
    true_deltas: np.ndarray      # [52,V,3] each ARKit action's deformation on this template (its frame)
    true_landmarks: dict         # name -> point [3] in this frame (the source landmark, moved)
    true_regions: np.ndarray     # [V] source region label of each vertex
    active: tuple[str, ...]      # ARKit actions the source deforms (non-joint ones)

    @property
    def num_vertices(self) -> int:
        return len(self.arrays["v_template"])

    def write_pickle(self, path: Path) -> Path:
        with open(path, "wb") as f:
            pickle.dump(self.arrays, f, protocol=2)  # FLAME files are Python-2 pickles
        return path


def icosphere(level: int) -> tuple[np.ndarray, np.ndarray]:
    t = (1 + 5 ** 0.5) / 2
    v = [(-1, t, 0), (1, t, 0), (-1, -t, 0), (1, -t, 0), (0, -1, t), (0, 1, t), (0, -1, -t), (0, 1, -t),
         (t, 0, -1), (t, 0, 1), (-t, 0, -1), (-t, 0, 1)]
    f = [(0, 11, 5), (0, 5, 1), (0, 1, 7), (0, 7, 10), (0, 10, 11), (1, 5, 9), (5, 11, 4), (11, 10, 2), (10, 7, 6),
         (7, 1, 8), (3, 9, 4), (3, 4, 2), (3, 2, 6), (3, 6, 8), (3, 8, 9), (4, 9, 5), (2, 4, 11), (6, 2, 10),
         (8, 6, 7), (9, 8, 1)]
    verts = [np.array(p, float) / np.linalg.norm(p) for p in v]
    faces = [tuple(x) for x in f]
    for _ in range(level):
        cache, out = {}, []

        def mid(a, b):
            key = (min(a, b), max(a, b))
            if key not in cache:
                m = verts[a] + verts[b]
                verts.append(m / np.linalg.norm(m))
                cache[key] = len(verts) - 1
            return cache[key]

        for a, b, c in faces:
            ab, bc, ca = mid(a, b), mid(b, c), mid(c, a)
            out += [(a, ab, ca), (b, bc, ab), (c, ca, bc), (ab, bc, ca)]
        faces = out
    return np.array(verts), np.array(faces, np.int64)


def last_exit(origin: np.ndarray, dirs: np.ndarray, verts: np.ndarray, faces: np.ndarray, max_t: float,
              max_angle: float = 0.08):
    """For rays origin + t * dirs: the largest t <= max_t hitting the mesh (the head's outer
    surface, not the chest a downward ray reaches next), its triangle and barycentrics
    (Moller-Trumbore on the triangles seen within `max_angle` of each ray)."""
    corners = verts[faces]
    centre_dirs = corners.mean(1) - origin
    centre_dirs /= np.linalg.norm(centre_dirs, axis=1, keepdims=True)
    tree = cKDTree(centre_dirs)
    t_best = np.full(len(dirs), -np.inf)
    tri_best = np.full(len(dirs), -1)
    bary_best = np.zeros((len(dirs), 3))
    candidates = tree.query_ball_point(dirs, r=2 * np.sin(max_angle / 2))
    for i, cand in enumerate(candidates):
        if not cand:
            continue
        c = corners[cand]
        e1, e2 = c[:, 1] - c[:, 0], c[:, 2] - c[:, 0]
        pvec = np.cross(dirs[i], e2)
        det = (e1 * pvec).sum(1)
        ok = np.abs(det) > 1e-14
        inv = np.where(ok, 1 / np.where(ok, det, 1), 0)
        tvec = origin - c[:, 0]
        u = (tvec * pvec).sum(1) * inv
        qvec = np.cross(tvec, e1)
        v = (dirs[i] * qvec).sum(1) * inv
        t = (e2 * qvec).sum(1) * inv
        hit = ok & (u >= 0) & (v >= 0) & (u + v <= 1) & (t > 0) & (t <= max_t)
        if hit.any():
            k = np.flatnonzero(hit)[np.argmax(t[hit])]
            t_best[i], tri_best[i] = t[k], cand[k]
            bary_best[i] = (1 - u[k] - v[k], u[k], v[k])
    return t_best, tri_best, bary_best


def _smooth_fields(points: np.ndarray, count: int, rng: np.random.Generator, sigma_m=0.02, amplitude_m=0.003):
    """`count` smooth deformations [V,3,count]: a Gaussian bump of random direction each."""
    centres = points[rng.choice(len(points), count, replace=False)]
    dirs = rng.normal(size=(count, 3))
    dirs /= np.linalg.norm(dirs, axis=1, keepdims=True)
    bump = np.exp(-((points[:, None, :] - centres[None]) ** 2).sum(-1) / (2 * sigma_m ** 2))  # [V,count]
    return amplitude_m * bump[:, None, :] * dirs.T[None]


def build_flame_fixture(source: ArkitSource, level: int = 5, seed: int = 0) -> FlameFixture:
    rng = np.random.default_rng(seed)
    lm = {k: source.vertices[i] for k, i in source.landmarks.items()}
    eyes = (lm["eye_outer_left"] + lm["eye_outer_right"]) / 2
    width = source.face_width
    centre = eyes + np.array([0.0, -0.15, -0.8]) * width      # inside the skull, behind the eyes
    chin_y = lm["chin"][1] if "chin" in lm else eyes[1] - 1.3 * width

    outer = source.faces
    if source.regions is not None:
        interior = [source.region_names.index(n) for n in INTERIOR_REGIONS if n in source.region_names]
        outer = outer[~np.isin(source.regions, interior)[outer].all(1)]
    dirs, sphere_faces = icosphere(level)
    t, tri, bary = last_exit(centre, dirs, source.vertices, outer, max_t=2.2 * width)
    t = np.where(tri >= 0, t, 0.0)
    points = centre + t[:, None] * dirs
    keep = (tri >= 0) & (t < 2.2 * width) & (points[:, 1] > chin_y - 0.6 * width)
    index = -np.ones(len(dirs), np.int64)
    index[keep] = np.arange(keep.sum())
    faces = index[sphere_faces]
    faces = faces[(faces >= 0).all(1)]
    used = np.unique(faces)
    remap = -np.ones(keep.sum(), np.int64)
    remap[used] = np.arange(len(used))
    faces = remap[faces]
    points, tri, bary = points[keep][used], tri[keep][used], bary[keep][used]
    corner = outer[tri]                                          # [V,3] source vertex ids
    true_src = (source.deltas[:, corner] * bary[None, :, :, None]).sum(2)  # [52,V,3] source frame
    regions = None if source.regions is None else np.asarray(source.regions)[corner[np.arange(len(tri)), bary.argmax(1)]]

    # Another face: stretched about the face centre and bumped; the actions stay attached to the
    # same anatomical points (each vertex keeps its true deformation).
    points = eyes + (points - eyes) * FACE_STRETCH
    points = points + _smooth_fields(points, FACE_BUMPS, rng, FACE_BUMP_SIGMA_M, FACE_BUMP_M).sum(2)
    lm = {k: eyes + (p - eyes) * FACE_STRETCH for k, p in lm.items()}  # landmarks: stretch only (bumps are small)

    # The fixture's own frame: x_f = s R (x - centre) + shift.
    c, s_ = np.cos(FRAME_PITCH_RAD), np.sin(FRAME_PITCH_RAD)
    rot = np.array([[1, 0, 0], [0, c, -s_], [0, s_, c]])
    to_frame = lambda x: FRAME_SCALE * (x - centre) @ rot.T + FRAME_SHIFT_M  # noqa: E731
    v_template = to_frame(points)
    true_deltas = FRAME_SCALE * true_src @ rot.T
    v = len(v_template)

    active = tuple(n for a, n in enumerate(ARKIT_NAMES)
                   if n not in JOINT_DRIVEN and np.abs(true_deltas[a]).max() > 1e-5)
    act_idx = [ARKIT_NAMES.index(n) for n in active]
    mix = rng.normal(size=(len(act_idx), len(act_idx))) + 3 * np.eye(len(act_idx))  # invertible mixtures
    mixed = np.einsum("ak,avc->vck", mix, true_deltas[act_idx])
    extra = _smooth_fields(v_template, NUM_EXPRESSION - len(act_idx), rng)
    exprdirs = np.concatenate([mixed, extra], axis=2)
    shapedirs = np.concatenate([np.zeros((v, 3, NUM_SHAPE), np.float32), exprdirs.astype(np.float32)], axis=2)

    # The mouth: a slit along the lip line between the corners (faces across it removed, as
    # FLAME's mouth is an opening), lower lip and chin on the jaw joint.
    frame_lm = {k: to_frame(p) for k, p in lm.items()}
    up = rot @ np.array([0, 1, 0.0])
    fwd = rot @ np.array([0, 0, 1.0])
    mouth = (frame_lm["lip_inner_top"] + frame_lm["lip_inner_bottom"]) / 2
    half_mouth = 0.5 * np.linalg.norm(frame_lm["mouth_corner_left"] - frame_lm["mouth_corner_right"])
    height = (v_template - mouth) @ up                           # metres above the lip line
    depth = (v_template - mouth) @ fwd                           # metres in front of the lips
    across = np.abs((v_template - mouth) @ np.cross(up, fwd))    # metres sideways from the midline
    in_mouth = (across < 0.95 * half_mouth) & (depth > -0.02)
    slit = in_mouth[faces].all(1) & (np.ptp(np.sign(height[faces]), axis=1) > 0)
    faces = faces[~slit]
    below = np.where(in_mouth, (height < 0).astype(float), 1 / (1 + np.exp(np.clip(height / 0.006, -50, 50))))
    jaw_w = below / (1 + np.exp(-(depth + 0.07) / 0.01))  # the slit's lower edge is on the jaw, the upper not
    neck_h = (v_template - frame_lm.get("chin", mouth - 0.05 * up)) @ up
    root_w = 1 / (1 + np.exp((neck_h + 0.04) / 0.006)) * (1 - jaw_w)
    weights = np.zeros((v, 5))
    weights[:, 2] = jaw_w
    weights[:, 0] = root_w
    weights[:, 1] = 1 - jaw_w - root_w
    def ring(mask):
        row = np.zeros(v)
        row[mask] = 1 / mask.sum()
        return row

    eye_l, eye_r = (frame_lm[f"pupil_{s}"] if f"pupil_{s}" in frame_lm else frame_lm[f"eye_outer_{s}"]
                    for s in ("left", "right"))
    jaw_height = ((v_template - mouth) @ up)
    side = np.abs((v_template - mouth)[:, 0])
    regressor = np.stack([
        ring(np.ones(v, bool)),
        ring(np.abs(neck_h + 0.03) < 0.004),                                        # neck: a ring low on the neck
        ring((np.abs(jaw_height - 0.03) < 0.008) & (depth < -0.06) & (side > 0.05)),  # jaw: by the ears
        ring(np.linalg.norm(v_template - eye_l, axis=1) < 0.012),
        ring(np.linalg.norm(v_template - eye_r, axis=1) < 0.012),
    ])
    assert (regressor.sum(1) > 0.99).all(), f"a joint has no vertices to regress from: {regressor.sum(1)}"
    arrays = {
        "v_template": v_template.astype(np.float64),
        "f": faces.astype(np.uint32),
        "shapedirs": shapedirs,
        "posedirs": np.zeros((v, 3, NUM_POSE_CORRECTIVES), np.float32),
        "J_regressor": scipy.sparse.csc_matrix(regressor),
        "kintree_table": np.array([[4294967295, 0, 1, 1, 1], [0, 1, 2, 3, 4]], dtype=np.int64),
        "weights": weights,
        "bs_style": "lbs",
        "bs_type": "lrotmin",
    }
    return FlameFixture(arrays, true_deltas.astype(np.float32), frame_lm,
                        regions if regions is not None else np.zeros(v, np.int64), active)
