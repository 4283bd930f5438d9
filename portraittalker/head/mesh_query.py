"""Closest points on a triangle mesh: which triangle, where on it (barycentric), how far.

Used to register one head mesh onto another and to carry per-vertex data (ARKit deformations,
region labels) across. Candidates come from a k-d tree over triangle centroids; the exact
closest point on each candidate is Ericson's point-triangle test (Real-Time Collision
Detection, 5.1.5), vectorised over points x candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree


@dataclass(frozen=True)
class SurfacePoints:
    """For each query point: its closest triangle, barycentric weights [N,3], point [N,3], distance [N]."""

    triangle: np.ndarray
    barycentric: np.ndarray
    point: np.ndarray
    distance: np.ndarray

    def interpolate(self, faces: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Per-vertex `values` [V,...] (vertex axis first) -> values at these points [N,...]."""
        corners = values[faces[self.triangle]]  # [N,3,...]
        w = self.barycentric.reshape(self.barycentric.shape + (1,) * (corners.ndim - 2))
        return (corners * w).sum(axis=1)


def closest_point_on_triangles(p: np.ndarray, a: np.ndarray, b: np.ndarray, c: np.ndarray
                               ) -> tuple[np.ndarray, np.ndarray]:
    """Points p [...,3] and triangles (a, b, c) [...,3] -> (closest point [...,3], barycentric [...,3])."""
    ab, ac, ap = b - a, c - a, p - a
    d1, d2 = (ab * ap).sum(-1), (ac * ap).sum(-1)
    bp = p - b
    d3, d4 = (ab * bp).sum(-1), (ac * bp).sum(-1)
    cp = p - c
    d5, d6 = (ab * cp).sum(-1), (ac * cp).sum(-1)
    va = d3 * d6 - d5 * d4
    vb = d5 * d2 - d1 * d6
    vc = d1 * d4 - d3 * d2
    tiny = 1e-30

    # Interior (default), then overwrite by Voronoi region, most specific last.
    denom = va + vb + vc
    v = vb / np.where(np.abs(denom) > tiny, denom, tiny)
    w = vc / np.where(np.abs(denom) > tiny, denom, tiny)
    bary = np.stack([1 - v - w, v, w], -1)

    def put(mask, weights):
        bary[mask] = weights[mask]

    # edge BC
    e_bc = (va <= 0) & ((d4 - d3) >= 0) & ((d5 - d6) >= 0)
    t = (d4 - d3) / np.maximum((d4 - d3) + (d5 - d6), tiny)
    put(e_bc, np.stack([np.zeros_like(t), 1 - t, t], -1))
    # edge AC
    e_ac = (vb <= 0) & (d2 >= 0) & (d6 <= 0)
    t = d2 / np.maximum(d2 - d6, tiny)
    put(e_ac, np.stack([1 - t, np.zeros_like(t), t], -1))
    # edge AB
    e_ab = (vc <= 0) & (d1 >= 0) & (d3 <= 0)
    t = d1 / np.maximum(d1 - d3, tiny)
    put(e_ab, np.stack([1 - t, t, np.zeros_like(t)], -1))
    # vertices
    ones = np.ones_like(d1)
    zeros = np.zeros_like(d1)
    put((d6 >= 0) & (d5 <= d6), np.stack([zeros, zeros, ones], -1))
    put((d3 >= 0) & (d4 <= d3), np.stack([zeros, ones, zeros], -1))
    put((d1 <= 0) & (d2 <= 0), np.stack([ones, zeros, zeros], -1))
    point = bary[..., :1] * a + bary[..., 1:2] * b + bary[..., 2:] * c
    return point, bary


class MeshQuery:
    """Closest-point queries against one triangle mesh (vertices [V,3], faces [F,3])."""

    def __init__(self, vertices: np.ndarray, faces: np.ndarray, candidates: int = 16):
        self.vertices = np.asarray(vertices, np.float64)
        self.faces = np.asarray(faces, np.int64)
        corners = self.vertices[self.faces]
        self._tree = cKDTree(corners.mean(axis=1))
        self._k = min(candidates, len(self.faces))  # nearest centroids checked exactly per point

    def closest(self, points: np.ndarray, chunk: int = 4096) -> SurfacePoints:
        points = np.asarray(points, np.float64)
        tri = np.empty(len(points), np.int64)
        bary = np.empty((len(points), 3))
        best = np.empty((len(points), 3))
        dist = np.empty(len(points))
        for lo in range(0, len(points), chunk):
            p = points[lo:lo + chunk]
            _, cand = self._tree.query(p, k=self._k)
            cand = cand.reshape(len(p), -1)
            corners = self.vertices[self.faces[cand]]  # [n,k,3,3]
            q, w = closest_point_on_triangles(p[:, None, :], corners[..., 0, :], corners[..., 1, :], corners[..., 2, :])
            d = np.linalg.norm(q - p[:, None, :], axis=-1)
            pick = d.argmin(axis=1)
            rows = np.arange(len(p))
            tri[lo:lo + chunk] = cand[rows, pick]
            bary[lo:lo + chunk] = w[rows, pick]
            best[lo:lo + chunk] = q[rows, pick]
            dist[lo:lo + chunk] = d[rows, pick]
        return SurfacePoints(tri, bary, best, dist)


def vertex_normals(vertices: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Area-weighted unit vertex normals [V,3] (zero for unused vertices)."""
    v = np.asarray(vertices, np.float64)
    corners = v[faces]
    face_n = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    normals = np.zeros_like(v)
    for k in range(3):
        np.add.at(normals, faces[:, k], face_n)
    length = np.linalg.norm(normals, axis=1, keepdims=True)
    return normals / np.maximum(length, 1e-12)
