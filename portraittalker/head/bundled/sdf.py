"""Signed-distance primitives and smooth CSG operators over numpy point arrays.

Points are [N,3] float arrays in metres; every primitive returns distances [N] (negative
inside). Some primitives are bounds rather than exact distances (ellipsoids, tapered tubes),
which is all marching cubes needs as long as they are smooth near the surface.
"""

from __future__ import annotations

import numpy as np


def smoothstep(edge0: float, edge1: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - edge0) / (edge1 - edge0), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def smin(a: np.ndarray, b: np.ndarray, k: float) -> np.ndarray:
    """Polynomial smooth minimum (union) with blend radius k (metres)."""
    if k <= 0:
        return np.minimum(a, b)
    h = np.clip(0.5 + 0.5 * (b - a) / k, 0.0, 1.0)
    return b + (a - b) * h - k * h * (1.0 - h)


def smax(a: np.ndarray, b: np.ndarray, k: float) -> np.ndarray:
    """Smooth maximum: intersection, or subtraction as smax(a, -b, k)."""
    return -smin(-a, -b, k)


def sphere(p: np.ndarray, center, radius: float) -> np.ndarray:
    return np.linalg.norm(p - np.asarray(center), axis=-1) - radius


def ellipsoid(p: np.ndarray, center, radii) -> np.ndarray:
    """Quílez's first-order ellipsoid distance bound."""
    q = (p - np.asarray(center)) / np.asarray(radii)
    k0 = np.linalg.norm(q, axis=-1)
    k1 = np.linalg.norm(q / np.asarray(radii), axis=-1)
    return k0 * (k0 - 1.0) / np.maximum(k1, 1e-9)


def round_cone(p: np.ndarray, a, b, radius_a: float, radius_b: float) -> np.ndarray:
    """Capsule from a to b whose radius goes linearly from radius_a to radius_b."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    ab = b - a
    t = np.clip(((p - a) @ ab) / (ab @ ab), 0.0, 1.0)
    closest = a + t[:, None] * ab
    return np.linalg.norm(p - closest, axis=-1) - (radius_a + (radius_b - radius_a) * t)


def capsule(p: np.ndarray, a, b, radius: float) -> np.ndarray:
    return round_cone(p, a, b, radius, radius)


def rounded_box(p: np.ndarray, center, half_extents, rounding: float, yaw: float = 0.0) -> np.ndarray:
    """Box rotated by `yaw` radians about +y, edges rounded by `rounding`."""
    q = p - np.asarray(center)
    c, s = np.cos(yaw), np.sin(yaw)
    local = np.stack([c * q[:, 0] - s * q[:, 2], q[:, 1], s * q[:, 0] + c * q[:, 2]], axis=-1)
    d = np.abs(local) - (np.asarray(half_extents) - rounding)
    outside = np.linalg.norm(np.maximum(d, 0.0), axis=-1)
    inside = np.minimum(d.max(axis=-1), 0.0)
    return outside + inside - rounding


def arc_tube(p: np.ndarray, half_width: float, center_y, center_z, radius) -> np.ndarray:
    """A tube running along x in [-half_width, half_width] whose centre line and radius vary with x.

    center_y, center_z, radius are callables of u = x / half_width in [-1, 1]; the section at
    each x is a circle in the y-z plane, and the ends are closed by rounding over x.
    """
    u = np.clip(p[:, 0] / half_width, -1.0, 1.0)
    r = radius(u)
    section = np.hypot(p[:, 1] - center_y(u), p[:, 2] - center_z(u)) - r
    beyond = np.abs(p[:, 0]) - half_width
    return smax(section, beyond, 0.004)
