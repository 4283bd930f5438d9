"""Register one head mesh onto another: a similarity (scale, rotation, translation) by ICP from
a facial anchor, then a smooth non-rigid fit of every vertex onto the other surface.

Both meshes are in the project's convention (metres, y up, +z out of the face), so no rotation
search is needed: the initial guess puts the two nose tips together and ICP refines scale,
rotation and translation on the face. The non-rigid step moves each vertex towards its closest
point on the target while keeping neighbouring displacements alike (a membrane energy on the
displacement field), with the stiffness lowered over a few rounds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse
import scipy.sparse.linalg

from ..errors import PortraitTalkerError
from .mesh_query import MeshQuery, vertex_normals


@dataclass(frozen=True)
class RegistrationSettings:
    """Lengths are fractions of the target face's width (outer eye corner to outer eye corner)."""

    icp_region: float = 1.2            # ICP uses moving vertices this close to the moving anchor
    icp_iterations: int = 40
    match_distance: float = 0.15       # pairs farther apart than this are not trusted ...
    match_normal_cos: float = 0.3      # ... nor those whose normals disagree this much
    stiffness: tuple[float, ...] = (20.0, 5.0, 1.0, 0.3)  # membrane weight per non-rigid round
    rounds_per_stiffness: int = 2
    transfer_distance: float = 0.03    # after the fit, a vertex this close to the target is matched


@dataclass(frozen=True)
class Similarity:
    """x -> scale * R x + t."""

    scale: float
    rotation: np.ndarray
    translation: np.ndarray

    def apply(self, points: np.ndarray) -> np.ndarray:
        return self.scale * points @ self.rotation.T + self.translation

    def vectors_back(self, vectors: np.ndarray) -> np.ndarray:
        """Displacements in the target frame -> the moving mesh's own frame."""
        return (vectors @ self.rotation) / self.scale


def umeyama(src: np.ndarray, dst: np.ndarray, weights: np.ndarray | None = None) -> Similarity:
    """Least-squares similarity taking src [N,3] onto dst [N,3] (Umeyama 1991), optionally weighted."""
    w = np.ones(len(src)) if weights is None else np.asarray(weights, np.float64)
    w = w / w.sum()
    mu_s, mu_d = w @ src, w @ dst
    xs, xd = src - mu_s, dst - mu_d
    cov = (xd * w[:, None]).T @ xs
    u, sv, vt = np.linalg.svd(cov)
    fix = np.eye(3)
    fix[2, 2] = np.sign(np.linalg.det(u @ vt)) or 1.0
    rotation = u @ fix @ vt
    var_s = (w * (xs ** 2).sum(1)).sum()
    scale = float(np.trace(np.diag(sv) @ fix) / var_s)
    return Similarity(scale, rotation, mu_d - scale * rotation @ mu_s)


def _trusted(moved: np.ndarray, moved_normals: np.ndarray, target: MeshQuery, target_normals: np.ndarray,
             max_distance: float, min_cos: float):
    hits = target.closest(moved)
    normals = hits.interpolate(target.faces, target_normals)
    normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)
    ok = (hits.distance < max_distance) & ((normals * moved_normals).sum(1) > min_cos)
    return hits, ok


def register_similarity(moving: np.ndarray, moving_faces: np.ndarray, moving_anchor: np.ndarray,
                        target: MeshQuery, target_anchor: np.ndarray, face_width: float,
                        settings: RegistrationSettings = RegistrationSettings()) -> Similarity:
    """ICP (point-to-point, with scale) of the moving face onto the target, from anchors together."""
    near = np.linalg.norm(moving - moving_anchor, axis=1) < settings.icp_region * face_width
    if near.sum() < 10:
        raise PortraitTalkerError("registration: fewer than 10 vertices near the moving mesh's nose tip")
    points = moving[near]
    normals = vertex_normals(moving, moving_faces)[near]
    target_normals = vertex_normals(target.vertices, target.faces)
    sim = Similarity(1.0, np.eye(3), target_anchor - moving_anchor)
    for it in range(settings.icp_iterations):
        moved = sim.apply(points)
        # Loose at first (the anchors only roughly agree), then as strict as the final match.
        reach = settings.match_distance * face_width * max(1.0, 3.0 * (1 - it / 10))
        hits, ok = _trusted(moved, normals @ sim.rotation.T, target, target_normals, reach, settings.match_normal_cos)
        if ok.sum() < 10:
            raise PortraitTalkerError("registration: the two faces do not overlap (are both y-up, +z forward, in metres?)")
        sim = umeyama(points[ok], hits.point[ok])
    return sim


def membrane_laplacian(num_vertices: int, faces: np.ndarray) -> scipy.sparse.csr_matrix:
    """Graph Laplacian L = D - A of the mesh's edges: d^T L d = sum over edges |d_i - d_j|^2."""
    edges = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    edges = np.unique(np.sort(edges, axis=1), axis=0)
    ones = np.ones(len(edges))
    adjacency = scipy.sparse.coo_matrix((ones, (edges[:, 0], edges[:, 1])), shape=(num_vertices,) * 2)
    adjacency = (adjacency + adjacency.T).tocsr()
    degree = scipy.sparse.diags(np.asarray(adjacency.sum(1)).ravel())
    return (degree - adjacency).tocsr()


def fit_nonrigid(vertices: np.ndarray, faces: np.ndarray, target: MeshQuery, face_width: float,
                 settings: RegistrationSettings = RegistrationSettings()) -> np.ndarray:
    """Vertices [V,3] (already similarity-aligned to the target) -> deformed onto the target.

    Each round solves (W + k L) D = W (C - V) for the displacement D, C the closest target
    points, W 1 where a match is trusted (close, normals agreeing) and 0 elsewhere.
    """
    laplacian = membrane_laplacian(len(vertices), faces)
    target_normals = vertex_normals(target.vertices, target.faces)
    current = np.asarray(vertices, np.float64).copy()
    for stiffness in settings.stiffness:
        for _ in range(settings.rounds_per_stiffness):
            normals = vertex_normals(current, faces)
            hits, ok = _trusted(current, normals, target, target_normals,
                                settings.match_distance * face_width, settings.match_normal_cos)
            system = (scipy.sparse.diags(ok.astype(np.float64)) + stiffness * laplacian
                      + 1e-9 * scipy.sparse.identity(len(current))).tocsc()
            solve = scipy.sparse.linalg.factorized(system)
            rhs = np.where(ok[:, None], hits.point - vertices, 0.0)
            displacement = np.stack([solve(rhs[:, k]) for k in range(3)], axis=1)
            current = vertices + displacement
    return current
