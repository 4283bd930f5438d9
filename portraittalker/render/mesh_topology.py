"""Closed-surface analysis of a triangle mesh for back-face culling, and the boundary fans of its
silhouette (numpy, once per topology; no torch, so the playback path can use them)."""

from __future__ import annotations

import numpy as np


def _vertex_components(faces: np.ndarray, num_verts: int) -> np.ndarray:
    """Component label [V] of each vertex (faces sharing a vertex are connected): min-label
    propagation with pointer jumping, in numpy (render jobs do not import SciPy)."""
    labels = np.arange(num_verts)
    flat = faces.reshape(-1)
    while True:
        spread = labels.copy()
        np.minimum.at(spread, flat, np.repeat(labels[faces].min(axis=1), 3))
        spread = spread[spread]
        if np.array_equal(spread, labels):
            return labels
        labels = spread


def closed_sides(verts: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Per face [F] int8: +1 on a closed, consistently wound component whose winding normals
    point outward (positive enclosed volume), -1 on one wound inward, 0 elsewhere (open
    surfaces, seams, non-manifold edges).

    From outside a closed surface (an eyeball, a tongue) its faces turned away from the camera
    always lie behind faces of the same surface turned towards it, so they can be culled
    without changing a pixel; an open surface (a garment's inside through its neckline, the
    mouth through the lips) can show its back faces and keeps them."""
    faces = np.asarray(faces, dtype=np.int64)
    verts = np.asarray(verts, dtype=np.float64)
    num_verts = len(verts)
    a, b = faces, np.roll(faces, -1, axis=1)  # directed edges a->b, three per face
    key = a * num_verts + b
    twin = b * num_verts + a
    keys, counts = np.unique(key, return_counts=True)
    once = counts[np.searchsorted(keys, key)] == 1
    paired = np.isin(twin, keys)
    sealed = (once & paired).all(axis=1) & (a != b).all(axis=1)
    comp = _vertex_components(faces, num_verts)[faces[:, 0]]
    open_comp = np.bincount(comp, weights=~sealed, minlength=num_verts) > 0
    corners = verts[faces]
    volume = np.bincount(comp, weights=np.einsum("fi,fi->f", corners[:, 0], np.cross(corners[:, 1], corners[:, 2])),
                         minlength=num_verts)
    side = np.sign(volume).astype(np.int8)
    side[open_comp] = 0
    return side[comp]


def boundary_fans(verts: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Triangles [K,3] (apex, a, b) of vertex indices, one per directed edge a->b of the
    mesh's boundary chain (edges whose reverse does not cancel them, with multiplicity).

    In any projection, the signed count of faces over a point (those seen wound one way minus
    the other way) equals the winding number of the projected boundary chain around it, which
    these fans add up: where it is non-zero the mesh covers the point. So the mesh's
    silhouette is the faces wound one way plus that winding region, without the faces wound
    the other way (the backs of the garment and hair). Each connected piece of the boundary is
    a closed chain, so any apex works for it; the vertex nearest its centre (`verts` [V,3])
    keeps the fans small."""
    faces = np.asarray(faces, dtype=np.int64)
    num_verts = len(verts)
    a, b = faces.reshape(-1), np.roll(faces, -1, axis=1).reshape(-1)
    keys, counts = np.unique(a * num_verts + b, return_counts=True)
    reverse = (keys % num_verts) * num_verts + keys // num_verts
    pos = np.clip(np.searchsorted(keys, reverse), 0, len(keys) - 1)
    net = counts - np.where(keys[pos] == reverse, counts[pos], 0)
    edges = np.repeat(keys, np.maximum(net, 0))
    start, end = edges // num_verts, edges % num_verts
    if not len(edges):
        return np.zeros((0, 3), dtype=np.int64)
    piece = _vertex_components(np.stack([start, end, end], axis=1), num_verts)[start]
    labels, piece = np.unique(piece, return_inverse=True)
    points = np.asarray(verts, dtype=np.float64)[start]
    centre = np.stack([np.bincount(piece, weights=points[:, k]) for k in range(3)], 1) / np.bincount(piece)[:, None]
    dist = np.linalg.norm(points - centre[piece], axis=1)
    nearest = np.lexsort((dist, piece))
    first = nearest[np.r_[True, piece[nearest][1:] != piece[nearest][:-1]]]  # per piece, its closest start vertex
    apex = start[first][np.searchsorted(piece[first], piece)]
    return np.stack([apex, start, end], axis=1)


SURFACE_LABELS = 254  # an 8-bit coverage sample holds one (0: uncovered, 255: no surface)


def surface_labels(faces: np.ndarray, num_verts: int) -> np.ndarray:
    """Per face [F] int32: 1 + the number of its connected surface (faces sharing a vertex), in
    order of each surface's first face, counted modulo SURFACE_LABELS (a mesh of more surfaces
    gives two of them one label, and where those two meet the edge is left as it is).

    Where two surfaces meet in a picture (hair over the forehead, lips over the teeth, a collar
    over the neck) the edge lies inside the silhouette, which coverage antialiasing alone leaves
    as a pixel staircase; the frame paths blend those pixels by the surface each coverage sample
    sees (`compose.surface_edge_colours`)."""
    faces = np.asarray(faces, dtype=np.int64)
    if not len(faces):
        return np.zeros(0, dtype=np.int32)
    comp = _vertex_components(faces, num_verts)[faces[:, 0]]
    first = np.full(num_verts, len(faces), dtype=np.int64)
    np.minimum.at(first, comp, np.arange(len(faces)))
    rank = np.zeros(num_verts, dtype=np.int64)
    used = np.flatnonzero(first < len(faces))
    rank[used[np.argsort(first[used], kind="stable")]] = np.arange(1, len(used) + 1)
    return (1 + (rank[comp] - 1) % SURFACE_LABELS).astype(np.int32)
