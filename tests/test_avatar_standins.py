"""Small procedural stand-ins for the avatar tests: a FLAME-layout head with region labels.

A real `HeadModel` (so `FlameLayer`, `HeadRenderer` and the prior all run their real code)
built from three ellipsoids (head, neck, torso): region labels by position, landmarks at
the nearest vertices, expression blendshapes that move the lower face, a jaw joint.
"""

from __future__ import annotations

import math

import numpy as np

from portraittalker.head.basis import BUNDLED_HEAD_ID, EXPRESSION_COMPONENTS
from portraittalker.head.model import REGION_NAMES, HeadModel


def _ellipsoid(rings: int, segments: int, radii, centre) -> tuple[np.ndarray, np.ndarray]:
    theta = np.linspace(0.0, math.pi, rings + 1)[1:-1]
    phi = np.linspace(0.0, 2 * math.pi, segments, endpoint=False)
    t, p = np.meshgrid(theta, phi, indexing="ij")
    ring = np.stack([np.sin(t) * np.sin(p), np.cos(t), np.sin(t) * np.cos(p)], -1).reshape(-1, 3)
    verts = np.concatenate([[[0.0, 1.0, 0.0]], ring, [[0.0, -1.0, 0.0]]]) * np.asarray(radii) + np.asarray(centre)
    n_ring = rings - 1

    def vid(i, j):
        return 1 + i * segments + (j % segments)

    faces = []
    for j in range(segments):
        faces.append([0, vid(0, j + 1), vid(0, j)])
        faces.append([len(verts) - 1, vid(n_ring - 1, j), vid(n_ring - 1, j + 1)])
    for i in range(n_ring - 1):
        for j in range(segments):
            a, b, c, d = vid(i, j), vid(i, j + 1), vid(i + 1, j), vid(i + 1, j + 1)
            faces += [[a, b, c], [b, d, c]]
    faces = np.asarray(faces, dtype=np.int64)
    normals = np.cross(verts[faces[:, 1]] - verts[faces[:, 0]], verts[faces[:, 2]] - verts[faces[:, 0]])
    if (normals * (verts[faces].mean(1) - np.asarray(centre))).sum() < 0:
        faces = faces[:, ::-1].copy()
    return verts, faces


def standin_head(rings: int = 32, segments: int = 64, seed: int = 0) -> HeadModel:
    parts = [
        _ellipsoid(rings, segments, (0.078, 0.11, 0.095), (0.0, 0.02, 0.0)),
        _ellipsoid(12, 24, (0.05, 0.07, 0.05), (0.0, -0.1, -0.01)),
        _ellipsoid(12, 32, (0.19, 0.09, 0.11), (0.0, -0.21, -0.01)),
    ]
    verts, faces, offset, part = [], [], 0, []
    for k, (v, f) in enumerate(parts):
        verts.append(v)
        faces.append(f + offset)
        part.append(np.full(len(v), k))
        offset += len(v)
    v = np.concatenate(verts).astype(np.float32)
    f = np.concatenate(faces).astype(np.int64)
    part = np.concatenate(part)
    x, y, z = v[:, 0], v[:, 1], v[:, 2]
    name = lambda n: REGION_NAMES.index(n)  # noqa: E731
    regions = np.full(len(v), name("skin"))
    head = part == 0
    eye_c = [np.array([0.032, 0.035, 0.075]), np.array([-0.032, 0.035, 0.075])]
    regions[head & (y > 0.065) | head & (y > 0.0) & (z < -0.02)] = name("hair_cap")
    regions[head & (np.abs(x) > 0.012) & (np.abs(x) < 0.052) & (y > 0.05) & (y < 0.06) & (z > 0.05)] = name("brow")
    for c in eye_c:
        regions[head & (np.linalg.norm(v - c, axis=1) < 0.016)] = name("eye")
    regions[head & (np.abs(x) < 0.026) & (y > -0.05) & (y < -0.034) & (z > 0.05)] = name("lips")
    regions[head & (y < -0.05) & (z > 0.02)] = name("beard")
    regions[part == 1] = name("neck")
    regions[part == 2] = name("torso")
    nearest = lambda p: int(np.argmin(np.linalg.norm(v - np.asarray(p), axis=1)))  # noqa: E731
    landmarks = {
        "mouth_corner_left": nearest((0.026, -0.042, 0.09)), "mouth_corner_right": nearest((-0.026, -0.042, 0.09)),
        "lip_inner_top": nearest((0.0, -0.039, 0.1)), "lip_inner_bottom": nearest((0.0, -0.045, 0.1)),
        "lip_outer_top": nearest((0.0, -0.034, 0.1)), "lip_outer_bottom": nearest((0.0, -0.05, 0.1)),
        "eye_outer_left": nearest((0.048, 0.035, 0.07)), "eye_outer_right": nearest((-0.048, 0.035, 0.07)),
        "eye_inner_left": nearest((0.016, 0.035, 0.09)), "eye_inner_right": nearest((-0.016, 0.035, 0.09)),
        "nose_tip": nearest((0.0, 0.0, 0.12)), "chin": nearest((0.0, -0.085, 0.06)),
    }
    rng = np.random.default_rng(seed)
    mouth = np.array([0.0, -0.042, 0.09])
    near_mouth = np.exp(-(np.linalg.norm(v - mouth, axis=1) / 0.03) ** 2) * head
    e = len(EXPRESSION_COMPONENTS)
    exprdirs = (near_mouth[:, None, None] * rng.normal(0.0, 0.004, (1, 3, e))).astype(np.float32)
    shapedirs = np.zeros((len(v), 3, 2), np.float32)
    # joints: global, neck, jaw, eye_left, eye_right
    j_reg = np.zeros((5, len(v)), np.float32)
    j_reg[0] = 1.0 / len(v)
    j_reg[1, part == 1] = 1.0 / (part == 1).sum()
    jaw_pts = [nearest((0.06, -0.02, -0.02)), nearest((-0.06, -0.02, -0.02))]
    j_reg[2, jaw_pts] = 0.5
    for k, c in enumerate(eye_c):
        j_reg[3 + k, nearest(c)] = 1.0
    weights = np.zeros((len(v), 5), np.float32)
    weights[part == 2, 0] = 1.0
    weights[part == 1, 1] = 1.0
    lower = head & (y < -0.036) & (z > -0.02)
    weights[head & ~lower, 1] = 1.0
    weights[lower, 2] = 1.0
    return HeadModel(
        v_template=v, faces=f, shapedirs=shapedirs, exprdirs=exprdirs,
        posedirs=np.zeros((36, len(v) * 3), np.float32), J_regressor=j_reg,
        parents=np.array([-1, 0, 1, 1, 1]), lbs_weights=weights, model_id=BUNDLED_HEAD_ID,
        expression_names=EXPRESSION_COMPONENTS, regions=regions, region_names=REGION_NAMES, landmarks=landmarks,
    ).validate("stand-in head")
