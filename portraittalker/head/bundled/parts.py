"""Rigid parts of the bundled head meshed separately from the skin: eyeballs and teeth."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import meshing
from .anatomy import Anatomy
from .sdf import rounded_box, smin


def eyeball_mesh(anatomy: Anatomy, side: int, subdivisions: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """A sphere with a slight corneal bulge, looking down +z, centred on one eye joint."""
    unit, faces = meshing.icosphere(subdivisions)
    front = np.arccos(np.clip(unit[:, 2], -1.0, 1.0))  # angle from the optical axis
    bulge = 0.0008 * np.clip(1.0 - front / 0.55, 0.0, 1.0) ** 2
    verts = unit * (anatomy.eyeball_radius + bulge)[:, None] + anatomy.eye_center(side)
    return verts, faces


@dataclass(frozen=True)
class Tooth:
    width: float      # mesio-distal, metres
    height: float     # crown height visible below the gum
    thickness: float  # labio-lingual


UPPER_TEETH = (Tooth(0.0086, 0.0105, 0.0068), Tooth(0.0067, 0.0095, 0.0062), Tooth(0.0077, 0.0102, 0.0078),
               Tooth(0.0071, 0.0085, 0.0088), Tooth(0.0068, 0.0080, 0.0090))
LOWER_TEETH = (Tooth(0.0054, 0.0092, 0.0058), Tooth(0.0060, 0.0092, 0.0060), Tooth(0.0070, 0.0098, 0.0072),
               Tooth(0.0070, 0.0085, 0.0080), Tooth(0.0071, 0.0080, 0.0085))


def arch_placements(teeth: tuple[Tooth, ...], front_z: float, curvature: float) -> list[tuple[float, float, float, Tooth]]:
    """(x, z, yaw, tooth) for each tooth on both sides of a parabolic arch z = front_z - c x²."""
    xs = np.linspace(0.0, 0.045, 2000)
    zs = front_z - curvature * xs ** 2
    arc = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(xs), np.diff(zs)))])
    placements, s = [], 0.0
    for tooth in teeth:
        x = float(np.interp(s + tooth.width / 2, arc, xs))
        slope = -2.0 * curvature * x
        normal = np.array([-slope, 1.0]) / np.hypot(slope, 1.0)  # outward, in (x, z)
        cx, cz = np.array([x, front_z - curvature * x ** 2]) - normal * tooth.thickness / 2
        yaw = float(np.arctan2(-slope, 1.0))
        placements += [(cx, cz, yaw, tooth), (-cx, cz, -yaw, tooth)]
        s += tooth.width
    return placements


def dental_arch_sdf(p: np.ndarray, placements, edge_y: float, direction: int) -> np.ndarray:
    """Union of rounded-box crowns; direction +1 grows up from the edge (upper), -1 down (lower)."""
    d = np.full(len(p), np.inf)
    for cx, cz, yaw, tooth in placements:
        rise = 0.0007 * abs(cx) / 0.01  # back teeth sit a little further from the occlusal plane
        cy = edge_y + direction * (tooth.height / 2 + rise)
        box = rounded_box(p, (cx, cy, cz), (tooth.width / 2 - 0.0002, tooth.height / 2, tooth.thickness / 2),
                          rounding=min(0.0016, tooth.thickness / 2 - 1e-4), yaw=yaw)
        d = smin(d, box, 0.0004) if np.isfinite(d).all() else box
    return d


def teeth_mesh(anatomy: Anatomy, upper: bool, step: float = 0.0005,
               target_faces: int = 1400) -> tuple[np.ndarray, np.ndarray]:
    """Upper (fixed to the skull) or lower (on the jaw) front teeth as one closed mesh."""
    if upper:
        placements = arch_placements(UPPER_TEETH, front_z=anatomy.lip_front_z - 0.0085, curvature=34.0)
        edge_y, direction = anatomy.mouth_y - 0.0006, 1
    else:
        placements = arch_placements(LOWER_TEETH, front_z=anatomy.lip_front_z - 0.0150, curvature=38.0)
        edge_y, direction = anatomy.mouth_y + 0.0012, -1
    xs = np.arange(-0.034, 0.034, step)
    ys = np.arange(anatomy.mouth_y - 0.016, anatomy.mouth_y + 0.016, step)
    zs = np.arange(0.045, anatomy.lip_front_z, step)
    verts, faces = meshing.mesh_sdf(lambda q: dental_arch_sdf(q, placements, edge_y, direction), xs, ys, zs,
                                    desc="teeth")
    verts, faces = meshing.largest_component(verts, faces)
    verts = meshing.taubin_smooth(verts, faces, iterations=5)
    return meshing.decimate(verts, faces, target_faces)
