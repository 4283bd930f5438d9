"""From a signed distance field to a clean, light triangle mesh.

The field is sampled on a per-axis graded grid (fine where the face is, coarse over the
torso), meshed with marching cubes in index space and mapped back to metres, then cleaned
(largest component), Taubin-smoothed and decimated with quadric error metrics.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import scipy.sparse
from skimage.measure import marching_cubes
from tqdm import tqdm

SDF = Callable[[np.ndarray], np.ndarray]


def graded_axis(lo: float, hi: float, fine_lo: float, fine_hi: float, fine_step: float,
                coarse_step: float) -> np.ndarray:
    """Sample positions on [lo, hi]: `fine_step` apart inside [fine_lo, fine_hi], coarse outside."""
    below = np.arange(fine_lo, lo - coarse_step, -coarse_step)[1:][::-1]
    fine = np.arange(fine_lo, fine_hi + 0.5 * fine_step, fine_step)
    above = np.arange(fine[-1], hi + coarse_step, coarse_step)[1:]
    return np.concatenate([below, fine, above])


def sample_grid(sdf: SDF, xs: np.ndarray, ys: np.ndarray, zs: np.ndarray, desc: str = "sdf") -> np.ndarray:
    """Evaluate `sdf` on the grid xs × ys × zs, one x-slab at a time -> volume [X,Y,Z] float32."""
    volume = np.empty((len(xs), len(ys), len(zs)), dtype=np.float32)
    yy, zz = np.meshgrid(ys, zs, indexing="ij")
    for i, x in enumerate(tqdm(xs, desc=desc, leave=False)):
        pts = np.stack([np.full(yy.size, x), yy.ravel(), zz.ravel()], axis=-1)
        volume[i] = sdf(pts).reshape(yy.shape)
    return volume


def mesh_sdf(sdf: SDF, xs: np.ndarray, ys: np.ndarray, zs: np.ndarray, desc: str = "sdf") -> tuple[np.ndarray, np.ndarray]:
    """Zero level set of `sdf` on a graded grid -> verts [V,3] metres, faces [F,3] (outward, CCW)."""
    volume = sample_grid(sdf, xs, ys, zs, desc)
    verts_idx, faces, _, _ = marching_cubes(volume, level=0.0, gradient_direction="ascent")
    verts = np.stack([np.interp(verts_idx[:, a], np.arange(len(ax)), ax)
                      for a, ax in enumerate((xs, ys, zs))], axis=-1)
    faces = faces.astype(np.int64)
    if signed_volume(verts, faces) < 0:  # make triangles face outwards
        faces = faces[:, ::-1].copy()
    return verts, faces


def vertex_adjacency(num_verts: int, faces: np.ndarray) -> scipy.sparse.csr_matrix:
    i = faces[:, [0, 1, 2, 1, 2, 0]].ravel()
    j = faces[:, [1, 2, 0, 0, 1, 2]].ravel()
    adj = scipy.sparse.coo_matrix((np.ones_like(i, dtype=np.float64), (i, j)), shape=(num_verts, num_verts)).tocsr()
    adj.data[:] = 1.0
    return adj


def largest_component(verts: np.ndarray, faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Keep the connected component with the most faces (drops specks from the CSG)."""
    n, labels = scipy.sparse.csgraph.connected_components(vertex_adjacency(len(verts), faces), directed=False)
    if n == 1:
        return verts, faces
    keep_label = np.bincount(labels[faces[:, 0]]).argmax()
    return compact(verts, faces[labels[faces[:, 0]] == keep_label])


def compact(verts: np.ndarray, faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop unreferenced vertices and renumber faces."""
    used = np.unique(faces)
    remap = np.full(len(verts), -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    return verts[used], remap[faces]


def taubin_smooth(verts: np.ndarray, faces: np.ndarray, iterations: int = 10, lam: float = 0.5,
                  mu: float = -0.53, fixed: np.ndarray | None = None) -> np.ndarray:
    """Taubin λ|μ smoothing (removes voxel staircase without shrinking). fixed [V] bool stays put."""
    adj = vertex_adjacency(len(verts), faces)
    degree = np.asarray(adj.sum(axis=1)).ravel()
    mean_op = scipy.sparse.diags(1.0 / np.maximum(degree, 1)) @ adj
    v = verts.astype(np.float64).copy()
    for _ in range(iterations):
        for step in (lam, mu):
            delta = mean_op @ v - v
            if fixed is not None:
                delta[fixed] = 0.0
            v = v + step * delta
    return v


def decimate(verts: np.ndarray, faces: np.ndarray, target_faces: int) -> tuple[np.ndarray, np.ndarray]:
    """Quadric-error decimation (pyfqmr) to about `target_faces` triangles."""
    import pyfqmr

    simplifier = pyfqmr.Simplify()
    simplifier.setMesh(np.ascontiguousarray(verts, dtype=np.float64), np.ascontiguousarray(faces, dtype=np.int32))
    simplifier.simplify_mesh(target_count=int(target_faces), aggressiveness=5, preserve_border=True, verbose=False)
    v, f, _ = simplifier.getMesh()
    return compact(np.asarray(v, dtype=np.float64), np.asarray(f, dtype=np.int64))


def project_to_zero_set(sdf: SDF, points: np.ndarray, steps: int = 2, h: float = 2e-4) -> np.ndarray:
    """Newton steps p -= f(p) ∇f / |∇f|² onto the field's zero level (central differences)."""
    p = points.copy()
    for _ in range(steps):
        f = sdf(p)
        grad = np.stack([(sdf(p + e) - sdf(p - e)) / (2 * h) for e in np.eye(3) * h], axis=-1)
        p -= (f / np.maximum((grad * grad).sum(-1), 1e-6))[:, None] * grad
    return p


def relax_onto_sdf(sdf: SDF, verts: np.ndarray, faces: np.ndarray, iterations: int = 3,
                   step: float = 0.5) -> np.ndarray:
    """Even out triangle sizes (tangential Laplacian moves) and put every vertex back on the
    exact surface: removes marching-cubes and decimation noise without shrinking thin parts."""
    adj = vertex_adjacency(len(verts), faces)
    degree = np.asarray(adj.sum(axis=1)).ravel()
    mean_op = scipy.sparse.diags(1.0 / np.maximum(degree, 1)) @ adj
    v = verts.copy()
    for _ in range(iterations):
        n = vertex_normals(v, faces)
        delta = mean_op @ v - v
        delta -= (delta * n).sum(-1, keepdims=True) * n  # tangential only
        v = project_to_zero_set(sdf, v + step * delta)
    return v


def decimate_regions(verts: np.ndarray, faces: np.ndarray, region: np.ndarray,
                     targets: dict[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Decimate each face region [F] to its own triangle budget, keeping the seams between them.

    Borders are preserved by the simplifier, so the pieces' seam vertices coincide exactly and
    are welded back together afterwards.
    """
    pieces_v, pieces_f, offset = [], [], 0
    for label, target in targets.items():
        v, f = compact(verts, faces[region == label])
        v, f = decimate(v, f, target)
        pieces_v.append(v)
        pieces_f.append(f + offset)
        offset += len(v)
    merged_v, merged_f = np.concatenate(pieces_v), np.concatenate(pieces_f)
    _, first, inverse = np.unique(merged_v, axis=0, return_index=True, return_inverse=True)
    order = np.argsort(first)  # keep first-seen order, so the result is deterministic and stable
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return merged_v[first[order]], rank[inverse.ravel()][merged_f]


def signed_volume(verts: np.ndarray, faces: np.ndarray) -> float:
    """Enclosed volume (positive for outward-facing triangles)."""
    a, b, c = (verts[faces[:, k]] for k in range(3))
    return float(np.einsum("ij,ij->i", a, np.cross(b, c)).sum() / 6.0)


def vertex_normals(verts: np.ndarray, faces: np.ndarray) -> np.ndarray:
    a, b, c = (verts[faces[:, k]] for k in range(3))
    fn = np.cross(b - a, c - a)
    normals = np.zeros_like(verts)
    for k in range(3):
        np.add.at(normals, faces[:, k], fn)
    return normals / np.maximum(np.linalg.norm(normals, axis=-1, keepdims=True), 1e-12)


def icosphere(subdivisions: int) -> tuple[np.ndarray, np.ndarray]:
    """Unit icosphere -> verts [V,3], faces [F,3] (outward)."""
    t = (1.0 + 5 ** 0.5) / 2.0
    verts = np.array([[-1, t, 0], [1, t, 0], [-1, -t, 0], [1, -t, 0], [0, -1, t], [0, 1, t], [0, -1, -t],
                      [0, 1, -t], [t, 0, -1], [t, 0, 1], [-t, 0, -1], [-t, 0, 1]], dtype=np.float64)
    faces = np.array([[0, 11, 5], [0, 5, 1], [0, 1, 7], [0, 7, 10], [0, 10, 11], [1, 5, 9], [5, 11, 4],
                      [11, 10, 2], [10, 7, 6], [7, 1, 8], [3, 9, 4], [3, 4, 2], [3, 2, 6], [3, 6, 8],
                      [3, 8, 9], [4, 9, 5], [2, 4, 11], [6, 2, 10], [8, 6, 7], [9, 8, 1]], dtype=np.int64)
    verts /= np.linalg.norm(verts, axis=1, keepdims=True)
    for _ in range(subdivisions):
        edges = np.sort(np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]), axis=1)
        unique, inverse = np.unique(edges, axis=0, return_inverse=True)
        mids = verts[unique].mean(axis=1)
        mids /= np.linalg.norm(mids, axis=1, keepdims=True)
        m = inverse.reshape(3, -1).T + len(verts)  # midpoints of edges (01, 12, 20) per face
        a, b, c = faces.T
        faces = np.concatenate([np.stack([a, m[:, 0], m[:, 2]], 1), np.stack([b, m[:, 1], m[:, 0]], 1),
                                np.stack([c, m[:, 2], m[:, 1]], 1), m])
        verts = np.concatenate([verts, mids])
    return verts, faces
