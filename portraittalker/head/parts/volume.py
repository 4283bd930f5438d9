"""Implicit volumes -> triangle meshes, for parts too free-form to offset from the skin (hair).

A part's solid is a signed function f(p) (negative inside) sampled on a regular grid and
meshed with marching cubes; what lies deep inside the body is cut away (never seen), the
surface is Taubin-smoothed and decimated to a triangle budget so rendering stays fast.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from skimage.measure import marching_cubes

from ..bundled.meshing import compact, decimate, signed_volume, taubin_smooth

Field = Callable[[np.ndarray], np.ndarray]


def value_noise(p: np.ndarray, frequency: float, seed: int) -> np.ndarray:
    """Smooth 3D value noise in [0, 1] at points [N,3] (trilinear lattice, smoothstep weights)."""
    q = np.asarray(p, dtype=np.float64) * frequency
    base = np.floor(q).astype(np.int64)
    f = q - base
    w = f * f * (3 - 2 * f)
    out = np.zeros(len(q))
    for corner in range(8):
        o = np.array([(corner >> k) & 1 for k in range(3)])
        c = base + o
        h = (c[:, 0] * 73856093) ^ (c[:, 1] * 19349663) ^ (c[:, 2] * 83492791) ^ (seed * 2654435761)
        h = (h ^ (h >> 13)) * 1274126177
        val = ((h ^ (h >> 16)) & 0xFFFF) / 65535.0
        wt = np.prod(np.where(o == 1, w, 1 - w), axis=1)
        out += wt * val
    return out


def sample_narrow_band(field: Field, axes: list[np.ndarray], coarse: int = 3) -> np.ndarray:
    """`field` on the grid axes[0] x axes[1] x axes[2] -> [X,Y,Z], evaluated exactly only near
    the surface: a grid `coarse` times sparser is sampled first and trilinearly upsampled;
    fine points whose upsampled value is within 1.2 coarse cells of zero (more than the
    distance from any fine point to its coarse cell's corners) are evaluated."""
    from scipy.ndimage import map_coordinates

    coarse_axes = [ax[::coarse] if (len(ax) - 1) % coarse == 0 else np.append(ax[::coarse], ax[-1]) for ax in axes]
    cgrid = np.stack(np.meshgrid(*coarse_axes, indexing="ij"), axis=-1)
    cvals = field(cgrid.reshape(-1, 3)).reshape(cgrid.shape[:3])
    # fine index -> coarse fractional index, per axis
    coords = [np.interp(ax, cax, np.arange(len(cax))) for ax, cax in zip(axes, coarse_axes)]
    mesh = np.meshgrid(*coords, indexing="ij")
    values = map_coordinates(cvals, mesh, order=1, mode="nearest")
    step = max(float(ax[1] - ax[0]) if len(ax) > 1 else 0.0 for ax in axes) * coarse
    band = np.abs(values) < 1.2 * step
    if band.any():
        fine = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1)[band]
        values[band] = field(fine)
    return values


def mesh_field(field: Field, lo: np.ndarray, hi: np.ndarray, step_m: float, max_faces: int,
               smooth_iterations: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """Zero level set of `field` inside the box [lo, hi] -> (verts [V,3], faces [F,3] outward)."""
    axes = [np.arange(a, b + step_m, step_m) for a, b in zip(lo, hi)]
    values = sample_narrow_band(field, axes).astype(np.float32)
    # close the volume at the box walls so the surface never ends open at the border
    outside = float(max(np.abs(values).max(), step_m))
    values[[0, -1], :, :] = outside
    values[:, [0, -1], :] = outside
    values[:, :, [0, -1]] = outside
    if values.min() >= 0:
        return np.zeros((0, 3)), np.zeros((0, 3), dtype=np.int64)
    verts_idx, faces, _, _ = marching_cubes(values, level=0.0, gradient_direction="ascent")
    verts = lo + verts_idx * step_m
    faces = faces.astype(np.int64)
    if signed_volume(verts, faces) < 0:
        faces = faces[:, ::-1].copy()
    verts, faces = drop_specks(verts, faces)
    verts = taubin_smooth(verts, faces, iterations=smooth_iterations)
    if len(faces) > max_faces:
        verts, faces = decimate(verts, faces, max_faces)
    return verts, faces


def drop_specks(verts: np.ndarray, faces: np.ndarray, min_share: float = 0.01) -> tuple[np.ndarray, np.ndarray]:
    """Remove connected pieces with fewer than `min_share` of the faces (crumbs of the field)."""
    import scipy.sparse
    from scipy.sparse.csgraph import connected_components

    i = faces[:, [0, 1, 2]].ravel()
    j = faces[:, [1, 2, 0]].ravel()
    adj = scipy.sparse.coo_matrix((np.ones(len(i)), (i, j)), shape=(len(verts), len(verts)))
    _, labels = connected_components(adj, directed=False)
    face_label = labels[faces[:, 0]]
    counts = np.bincount(face_label)
    keep = counts[face_label] >= max(min_share * len(faces), 1)
    return (verts, faces) if keep.all() else compact(verts, faces[keep])


def drop_hidden(verts: np.ndarray, faces: np.ndarray, hidden: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Remove the faces whose three vertices are all `hidden` [V] (inside the body)."""
    keep = ~hidden[faces].all(axis=1)
    if keep.all():
        return verts, faces
    return compact(verts, faces[keep])
