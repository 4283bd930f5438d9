"""Refinements of anny's coarse helper geometry.

Finer eyeballs: anny's helper eyes are 72-vertex spheres, too coarse for a round iris edge
and a smooth cornea highlight. Their triangles are split (each into four, by edge midpoints)
and the new rest positions put back on each eye's sphere; every per-vertex array of the new
vertices is the mean of its edge's two ends (blendshapes are linear, so that is exact along
the edge), so identity and expression still move them with the rest of the eye.

Hard edges: the helper teeth are blocks of a few faces each, and a vertex normal averaged
across a block's edge turns the whole face towards the edge (`split_creases`).
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


def _insert_rows(rows: np.ndarray, m: int, added: np.ndarray) -> np.ndarray:
    """Per-vertex `rows` [..., N, 3] with `added` [..., K, 3] inserted after the first `m` (the
    mesh's vertices), before the auxiliary points."""
    axis = rows.ndim - 2
    mesh = np.take(rows, np.arange(m), axis=axis)
    aux = np.take(rows, np.arange(m, rows.shape[axis]), axis=axis)
    return np.concatenate([mesh, added.astype(rows.dtype), aux], axis=axis)


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
        axis = rows.ndim - 2  # [..., N, 3]
        return _insert_rows(rows, m, 0.5 * (np.take(rows, p[:, 0], axis=axis) + np.take(rows, p[:, 1], axis=axis)))

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


def split_creases(basis: AnnyBasis, region: str, max_angle_deg: float) -> AnnyBasis:
    """`basis` with the vertices of `region` split along its creases: where two triangles meet at
    more than `max_angle_deg`, each side gets its own copy of the edge's vertices (every
    per-vertex row copied), so vertex normals stop averaging across the crease. Positions and
    motion are unchanged: the copies move as one."""
    m = basis.num_mesh_vertices
    label = basis.region_names.index(region)
    faces = basis.faces
    rows = np.flatnonzero((basis.regions[faces] == label).all(axis=1))
    corners = faces[rows]                                         # [S, 3]
    p = basis.template[:m].astype(np.float64)
    n = np.cross(p[corners[:, 1]] - p[corners[:, 0]], p[corners[:, 2]] - p[corners[:, 0]])
    n /= np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-18)
    # union-find over corners (face slot, vertex): two faces across a smooth edge share both ends
    parent = np.arange(corners.size)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    edges: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    for s, tri in enumerate(corners):
        for k in range(3):
            a, b = int(tri[k]), int(tri[(k + 1) % 3])
            edges.setdefault((min(a, b), max(a, b)), []).append((s, k, (k + 1) % 3))
    cos_max = np.cos(np.radians(max_angle_deg))
    for (a, b), sides in edges.items():
        for (s, ka, kb), (t, la, lb) in zip(sides, sides[1:]):
            if n[s] @ n[t] < cos_max:
                continue
            # the same vertex in both faces: match by vertex id, not by slot
            for u in (a, b):
                i = 3 * s + (ka if corners[s, ka] == u else kb)
                j = 3 * t + (la if corners[t, la] == u else lb)
                parent[find(i)] = find(j)
    # each vertex's first group of corners keeps it; every further group gets a copy
    flat = corners.reshape(-1).copy()
    sources: list[int] = []
    kept: set[int] = set()
    vertex_of_root: dict[int, int] = {}
    for i, v in enumerate(corners.reshape(-1).tolist()):
        root = find(i)
        if root not in vertex_of_root:
            vertex_of_root[root] = v if v not in kept else m + len(sources)
            if v in kept:
                sources.append(v)
            kept.add(v)
        flat[i] = vertex_of_root[root]
    if not sources:
        return basis
    src = np.asarray(sources, dtype=np.int64)

    def grow(rows: np.ndarray) -> np.ndarray:
        return _insert_rows(rows, m, np.take(rows, src, axis=rows.ndim - 2))

    new_faces = faces.copy()
    new_faces[rows] = flat.reshape(-1, 3)
    return replace(
        basis, template=grow(basis.template), faces=new_faces,
        pheno_basis=grow(basis.pheno_basis), local_pos=grow(basis.local_pos), local_neg=grow(basis.local_neg),
        arkit=grow(basis.arkit),
        joint_weights=np.concatenate([basis.joint_weights, basis.joint_weights[src]]),
        arm_weights=np.concatenate([basis.arm_weights, basis.arm_weights[src]]),
        regions=np.concatenate([basis.regions, basis.regions[src]]),
    )
