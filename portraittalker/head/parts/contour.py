"""Cut a patch of the skin mesh along a smooth contour, give a lifted shell an edge, and give a
sheet its thickness.

A shell copied from whole skin triangles ends in the triangles' stair steps. Cutting the
triangles where a smooth per-vertex value crosses a level (marching triangles) makes the
patch end on that value's iso-line instead, a curve as smooth as the value itself; new
vertices lie on the cut edges, so they are still on the skin surface.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from scipy import sparse


def clip_to_level(verts: np.ndarray, faces: np.ndarray, value: np.ndarray, level: float,
                  field: Callable[[np.ndarray], np.ndarray] | None = None, iterations: int = 8
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The part of the mesh where `value` [V] >= `level`, triangles cut along the iso-line.

    Cut points divide their edge linearly in `value`, or, given `field` (points [N,3] -> [N],
    equal to `value` at the vertices), where `field` crosses the level along the edge
    (bisection: a steep field over long edges still gives a smooth curve).
    -> (verts [V+E,3], faces [F',3] same winding, origin [V+E,3]: (a, b, t) per vertex, the
    point is a + t (b - a) on the input; the input's own vertices are (i, i, 0)). Unused
    input vertices are kept (callers compact)."""
    inside = value >= level
    n = len(verts)
    count = inside[faces].sum(axis=1)
    split = faces[(count == 1) | (count == 2)]
    # rotate each split face so its odd corner (alone inside or alone outside) comes first;
    # the rotation keeps the winding
    odd = np.where((count[(count == 1) | (count == 2)] == 1)[:, None], inside[split], ~inside[split]).argmax(axis=1)
    rows = np.arange(len(split))[:, None]
    abc = split[rows, (odd[:, None] + np.arange(3)[None]) % 3]
    # the crossing edges (a-b and a-c of each split face), each once, low end inside
    edges = np.concatenate([abc[:, [0, 1]], abc[:, [0, 2]]])
    key = np.sort(edges, axis=1)
    uniq, inverse = np.unique(key, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    lo, hi = uniq[:, 0], uniq[:, 1]
    t = np.clip((level - value[lo]) / np.where(value[hi] == value[lo], 1.0, value[hi] - value[lo]), 0.0, 1.0)
    if field is not None and len(uniq):
        below, above = np.zeros(len(uniq)), np.ones(len(uniq))
        lo_in = inside[lo]
        for _ in range(iterations):
            mid = (below + above) / 2
            f_mid = field(verts[lo] + mid[:, None] * (verts[hi] - verts[lo]))
            same_as_lo = (f_mid >= level) == lo_in
            below, above = np.where(same_as_lo, mid, below), np.where(same_as_lo, above, mid)
        t = (below + above) / 2
    cut = n + inverse
    ab, ac = cut[:len(split)], cut[len(split):]
    a, b, c = abc[:, 0], abc[:, 1], abc[:, 2]
    one = count[(count == 1) | (count == 2)] == 1
    small = np.stack([a, ab, ac], 1)[one]                       # only a inside: a small triangle
    quad = np.concatenate([np.stack([ab, b, c], 1)[~one], np.stack([ab, c, ac], 1)[~one]])  # b, c inside
    origin = np.concatenate([np.stack([np.arange(n), np.arange(n), np.zeros(n)], 1), np.stack([lo, hi, t], 1)])
    all_verts = np.concatenate([verts, verts[lo] + t[:, None] * (verts[hi] - verts[lo])])
    return all_verts, np.concatenate([faces[count == 3], small, quad]).astype(np.int64), origin


def boundary_edges(faces: np.ndarray) -> np.ndarray:
    """Directed edges [E,2] used by one face only (in that face's winding)."""
    edges = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    key = np.sort(edges, axis=1)
    _, inverse, counts = np.unique(key, axis=0, return_inverse=True, return_counts=True)
    return edges[counts[inverse.ravel()] == 1]


def thickened(verts: np.ndarray, faces: np.ndarray, normals: np.ndarray, thickness: float
              ) -> tuple[np.ndarray, np.ndarray]:
    """A sheet (collar, lapel, tie, visor) with some depth: the front faces wound towards
    `normals` (per vertex, pointing away from the body), the back copy pushed in by `thickness`
    and wound the other way, and its open edges closed by a rim (left open, a collar's front
    edge showed the gap between the two as a dashed dark line)."""
    faces = faces.copy()
    tri = verts[faces]
    fn = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    backwards = (fn * normals[faces].mean(axis=1)).sum(-1) < 0
    faces[backwards] = faces[backwards][:, ::-1]
    back = verts - normals * thickness
    n = len(verts)
    a, b = boundary_edges(faces).T             # in the front faces' winding: the rim faces outwards
    rim = np.concatenate([np.stack([a, a + n, b], -1), np.stack([b, a + n, b + n], -1)])
    return np.concatenate([verts, back]), np.concatenate([faces, faces[:, ::-1] + n, rim])


def outwards(verts: np.ndarray, faces: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """`faces` wound so that most face normals point away from `centre`."""
    tri = verts[faces]
    normal = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    return faces if (np.einsum("ij,ij->i", normal, tri.mean(axis=1) - centre) >= 0).mean() >= 0.5 else faces[:, ::-1]


def strip(rows: list[np.ndarray], closed: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """A quad strip through rows of points (each [K,3]) -> (verts, faces), wound row-to-row."""
    k = len(rows[0])
    verts = np.concatenate(rows)
    faces = []
    cols = k if closed else k - 1
    for r in range(len(rows) - 1):
        for c in range(cols):
            i, j = r * k + c, r * k + (c + 1) % k
            faces += [[i, j, j + k], [i, j + k, i + k]]
    return verts, np.asarray(faces, dtype=np.int64)


def neighbour_mean(faces: np.ndarray, n: int) -> sparse.csr_matrix:
    """[n, n] operator: the mean of each vertex's mesh neighbours."""
    edges = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    adjacency = sparse.coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n)).tocsr()
    adjacency = ((adjacency + adjacency.T) > 0).astype(np.float64)
    return sparse.diags(1.0 / np.maximum(np.asarray(adjacency.sum(axis=1)).ravel(), 1.0)) @ adjacency
