"""A procedural stand-in head: a closed, head-sized ellipsoid with FLAME-style metadata.

Used by the render tests and benchmark so they run without a built head model; it has the
attributes `HeadRenderer` reads (v_template, faces, regions, region_names, landmarks).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class ProxyHead:
    v_template: np.ndarray
    faces: np.ndarray
    regions: np.ndarray | None = None
    region_names: tuple[str, ...] | None = None
    landmarks: dict[str, int] = field(default_factory=dict)


def _nearest(verts: np.ndarray, point: tuple[float, float, float]) -> int:
    return int(np.argmin(np.linalg.norm(verts - np.asarray(point), axis=1)))


def proxy_head(rings: int = 48, segments: int = 96, radii: tuple[float, float, float] = (0.078, 0.11, 0.095)) -> ProxyHead:
    """Ellipsoid head (metres, centred 2 cm above the origin, face towards +z): a UV sphere
    with `rings` x `segments` quads, faces wound outwards; the lower front is labelled
    "lips", landmarks sit where a face's would."""
    theta = np.linspace(0.0, math.pi, rings + 1)[1:-1]  # polar angle from +y, poles separate
    phi = np.linspace(0.0, 2 * math.pi, segments, endpoint=False)
    t, p = np.meshgrid(theta, phi, indexing="ij")
    ring = np.stack([np.sin(t) * np.sin(p), np.cos(t), np.sin(t) * np.cos(p)], -1).reshape(-1, 3)
    verts = np.concatenate([[[0.0, 1.0, 0.0]], ring, [[0.0, -1.0, 0.0]]]) * np.asarray(radii) + [0.0, 0.02, 0.0]
    top, bottom, n_ring = 0, len(verts) - 1, rings - 1

    def vid(i: int, j: int) -> int:
        return 1 + i * segments + (j % segments)

    faces = []
    for j in range(segments):
        faces.append([top, vid(0, j), vid(0, j + 1)])
        faces.append([bottom, vid(n_ring - 1, j + 1), vid(n_ring - 1, j)])
    for i in range(n_ring - 1):
        for j in range(segments):
            a, b, c, d = vid(i, j), vid(i, j + 1), vid(i + 1, j), vid(i + 1, j + 1)
            faces += [[a, c, b], [b, c, d]]
    faces = np.asarray(faces, dtype=np.int32)
    # Orient outwards (the renderer checks too, but a fixture should be tidy).
    centroids = verts[faces].mean(1)
    normals = np.cross(verts[faces[:, 1]] - verts[faces[:, 0]], verts[faces[:, 2]] - verts[faces[:, 0]])
    if (normals * (centroids - verts.mean(0))).sum() < 0:
        faces = faces[:, ::-1].copy()

    names = ("skin", "lips")
    y0 = 0.02 - 0.55 * radii[1]
    lips = (np.abs(verts[:, 0]) < 0.025) & (np.abs(verts[:, 1] - y0) < 0.008) & (verts[:, 2] > 0)
    regions = lips.astype(np.int64)
    rx, ry, rz = radii
    landmarks = {
        "eye_outer_left": _nearest(verts, (0.045, 0.03, rz)),
        "eye_outer_right": _nearest(verts, (-0.045, 0.03, rz)),
        "nose_tip": _nearest(verts, (0.0, 0.0, rz)),
        "mouth_corner_left": _nearest(verts, (0.022, y0, rz)),
        "mouth_corner_right": _nearest(verts, (-0.022, y0, rz)),
        "chin": _nearest(verts, (0.0, 0.02 - 0.92 * ry, 0.5 * rz)),
    }
    return ProxyHead(verts.astype(np.float32), faces, regions, names, landmarks)
