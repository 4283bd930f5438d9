"""Proportions of the bundled head and its sculpt as one signed distance field.

All measures are metres in FLAME's head space (y up, +z out of the face, +x to the subject's
left), chosen from adult anthropometric averages: head breadth ~15 cm, vertex-to-chin
~23 cm, interpupillary distance ~63 mm, mouth width ~50 mm. The rig and the blendshapes
read the same `Anatomy`, so moving a feature here moves its weights and deformations too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .sdf import arc_tube, capsule, ellipsoid, round_cone, smax, smin, sphere


@dataclass(frozen=True)
class Anatomy:
    # eyes: eyeball centres at (±eye_x, eye_y, eye_z)
    eye_x: float = 0.0315
    eye_y: float = 0.0
    eye_z: float = 0.0615
    eyeball_radius: float = 0.0120
    lid_inner_radius: float = 0.0132   # hollow of the socket around the eyeball
    lid_outer_radius: float = 0.0158
    fissure_half_width: float = 0.0150  # palpebral fissure, along x from the eye centre
    upper_lid_angle: float = 0.34       # margin elevation (rad, about the eye centre's x axis)
    lower_lid_angle: float = -0.40
    canthal_tilt: float = 0.10          # outer corner raised by this angle (rad)
    # mouth: stomion line y = mouth_y (+ a little at the corners), corners at ±mouth_half_width
    mouth_y: float = -0.0720
    mouth_half_width: float = 0.0250
    lip_front_z: float = 0.0935
    slit_half_thickness: float = 0.0011  # lips parted by ~2 mm at rest
    # jaw hinge (temporomandibular joint), neck and torso roots
    jaw_joint: tuple = (0.0, -0.020, 0.004)
    neck_joint: tuple = (0.0, -0.070, -0.018)
    root_joint: tuple = (0.0, -0.190, -0.020)
    torso_bottom_y: float = -0.44
    nose_tip: tuple = (0.0, -0.034, 0.1165)
    chin: tuple = (0.0, -0.1135, 0.078)

    # -- derived curves -------------------------------------------------------------------
    def stomion_y(self, x: np.ndarray) -> np.ndarray:
        """Height of the mouth line at lateral position x (corners slightly raised)."""
        u = np.clip(np.asarray(x) / self.mouth_half_width, -1.2, 1.2)
        return self.mouth_y + 0.0012 * u ** 2

    def mouth_front_z(self, x: np.ndarray) -> np.ndarray:
        """Depth of the lips' front surface along the dental arch."""
        u = np.clip(np.asarray(x) / self.mouth_half_width, -1.3, 1.3)
        return self.lip_front_z - 0.0125 * u ** 2

    def slit_half_height(self, x: np.ndarray) -> np.ndarray:
        u = np.asarray(x) / (self.mouth_half_width + 0.0008)
        return self.slit_half_thickness * np.clip(1.0 - u ** 2, 0.0, 1.0) ** 0.6

    def eye_center(self, side: int) -> np.ndarray:
        """side +1 = subject's left (+x), -1 = right."""
        return np.array([side * self.eye_x, self.eye_y, self.eye_z])

    def lid_margins(self, lateral: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Upper and lower lid margin elevations (rad) at `lateral` = |x - eye_x| signed outward.

        The fissure is almond-shaped: full height at the centre, closing at both canthi.
        """
        u = np.clip(lateral / self.fissure_half_width, -1.0, 1.0)
        shape = np.sqrt(np.clip(1.0 - u ** 2, 0.0, 1.0)) * (1.0 - 0.12 * u)  # rounder medially
        middle = 0.5 * (self.upper_lid_angle + self.lower_lid_angle) + self.canthal_tilt * u
        half = 0.5 * (self.upper_lid_angle - self.lower_lid_angle)
        return middle + half * shape, middle - half * shape


def eye_local(p: np.ndarray, anatomy: Anatomy, side: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(outward lateral offset, elevation angle about the x axis, distance) around one eye."""
    q = p - anatomy.eye_center(side)
    lateral = side * q[:, 0]
    elevation = np.arctan2(q[:, 1], np.maximum(q[:, 2], 1e-6))
    return lateral, elevation, np.linalg.norm(q, axis=-1)


def eyelid_shell(p: np.ndarray, anatomy: Anatomy, side: int) -> np.ndarray:
    """A spherical shell in front of the eyeball with the almond fissure cut out of it."""
    lateral, elevation, dist = eye_local(p, anatomy, side)
    mid = 0.5 * (anatomy.lid_inner_radius + anatomy.lid_outer_radius)
    half = 0.5 * (anatomy.lid_outer_radius - anatomy.lid_inner_radius)
    shell = np.abs(dist - mid) - half
    upper, lower = anatomy.lid_margins(lateral)
    # distance (metres along the eyeball surface) to the fissure's inside; > 0 outside it
    r = anatomy.lid_outer_radius
    vertical = np.maximum(elevation - upper, lower - elevation) * r
    horizontal = np.abs(lateral) - anatomy.fissure_half_width
    opening = np.maximum(vertical, horizontal)
    front = p[:, 2] - anatomy.eye_z  # only the front half of the shell exists
    shell = smax(shell, -front - 0.005, 0.002)
    return smax(shell, -opening, 0.0009)


def mouth_opening_sdf(p: np.ndarray, a: Anatomy) -> np.ndarray:
    """The lens-shaped slit between the lips and the oral cavity behind it (carved from the head)."""
    x, y, z = p[:, 0], p[:, 1], p[:, 2]
    slit = np.maximum(np.abs(y - a.stomion_y(x)) - a.slit_half_height(x), 0.052 - z)
    slit = np.maximum(slit, np.abs(x) - (a.mouth_half_width + 0.001))
    cavity = ellipsoid(p, (0.0, a.mouth_y - 0.002, 0.061), (0.025, 0.013, 0.024))
    return smin(slit, cavity, 0.003)


def head_sdf(p: np.ndarray, a: Anatomy) -> np.ndarray:
    """The whole skin surface: cranium, face, ears, neck and shoulders, with the mouth opening."""
    x, y, z = p[:, 0], p[:, 1], p[:, 2]
    ax = np.abs(x)
    pm = np.stack([ax, y, z], axis=-1)  # mirrored: features placed once, on the +x side

    # cranium and forehead
    d = ellipsoid(p, (0.0, 0.028, -0.008), (0.075, 0.087, 0.096))
    d = smin(d, ellipsoid(p, (0.0, 0.045, 0.030), (0.061, 0.058, 0.057)), 0.02)  # forehead fill
    # midface (maxilla), cheekbones, malar and buccal fat
    d = smin(d, ellipsoid(p, (0.0, -0.022, 0.030), (0.056, 0.056, 0.052)), 0.02)
    d = smin(d, ellipsoid(pm, (0.046, -0.010, 0.052), (0.021, 0.013, 0.021)), 0.012)
    d = smin(d, ellipsoid(pm, (0.054, 0.008, 0.022), (0.016, 0.026, 0.032)), 0.015)  # temples
    d = smin(d, round_cone(pm, (0.050, -0.012, 0.045), (0.062, -0.016, -0.002), 0.009, 0.007), 0.016)  # zygomatic arch
    d = smin(d, ellipsoid(pm, (0.033, -0.032, 0.061), (0.022, 0.020, 0.019)), 0.015)
    d = smin(d, ellipsoid(pm, (0.039, -0.054, 0.045), (0.018, 0.022, 0.022)), 0.02)
    d = smin(d, ellipsoid(pm, (0.054, -0.042, 0.010), (0.013, 0.032, 0.024)), 0.02)  # masseter
    # lower face: mandible body, jaw line, chin, the muzzle around the mouth
    d = smin(d, ellipsoid(p, (0.0, -0.066, 0.020), (0.052, 0.040, 0.054)), 0.02)
    d = smin(d, round_cone(pm, (0.047, -0.070, -0.005), (0.021, -0.103, 0.058), 0.009, 0.009), 0.025)
    d = smin(d, ellipsoid(p, (0.0, -0.100, 0.071), (0.020, 0.015, 0.015)), 0.015)
    d = smin(d, ellipsoid(p, (0.0, -0.062, 0.063), (0.030, 0.027, 0.026)), 0.012)

    # orbits: a shallow hollow under the brow, then the socket proper
    d = smax(d, -ellipsoid(pm, (a.eye_x, a.eye_y + 0.003, a.eye_z + 0.017), (0.017, 0.011, 0.006)), 0.006)
    d = smax(d, -sphere(pm, (a.eye_x, a.eye_y, a.eye_z), a.lid_inner_radius), 0.002)
    # lateral orbital rim, closing the socket's outer side
    d = smin(d, ellipsoid(pm, (0.0530, a.eye_y - 0.002, a.eye_z - 0.010), (0.0080, 0.017, 0.014)), 0.006)
    # brow ridge, swept back at the sides
    d = smin(d, round_cone(pm, (0.004, 0.019, 0.080), (0.048, 0.018, 0.061), 0.0085, 0.006), 0.012)
    # eyelids
    for side in (1, -1):
        d = smin(d, eyelid_shell(p, a, side), 0.0025)

    # nose: dorsum from the nasion to the tip, side walls, tip, alae, columella; nostrils cut from below
    tip = np.asarray(a.nose_tip) - (0.0, 0.0, 0.009)  # centre of the tip's rounding
    d = smin(d, round_cone(p, (0.0, 0.010, 0.078), tip + (0.0, 0.004, 0.0), 0.0055, 0.0080), 0.008)
    d = smin(d, ellipsoid(p, (0.0, -0.024, 0.088), (0.012, 0.017, 0.011)), 0.010)
    d = smin(d, ellipsoid(p, tip, (0.0100, 0.0085, 0.0095)), 0.006)
    d = smin(d, ellipsoid(pm, (0.0115, -0.0400, 0.0905), (0.0064, 0.0062, 0.0105)), 0.007)
    d = smin(d, capsule(p, tip + (0.0, -0.006, -0.002), (0.0, -0.0455, 0.0930), 0.0028), 0.005)
    d = smax(d, -ellipsoid(pm, (0.0072, -0.0445, 0.1000), (0.0036, 0.0022, 0.0060)), 0.0015)

    # lips: two tapered tubes along the dental arch
    hw = a.mouth_half_width + 0.002
    upper = arc_tube(p, hw,
                     center_y=lambda u: a.mouth_y + 0.0048 + 0.0010 * u ** 2,
                     center_z=lambda u: a.lip_front_z - 0.0052 - 0.0125 * u ** 2,
                     radius=lambda u: 0.0010 + 0.0047 * np.sqrt(np.clip(1 - u ** 2, 0, 1)))
    lower = arc_tube(p, hw,
                     center_y=lambda u: a.mouth_y - 0.0058 + 0.0022 * u ** 2,
                     center_z=lambda u: a.lip_front_z - 0.0075 - 0.0120 * u ** 2,
                     radius=lambda u: 0.0010 + 0.0058 * np.sqrt(np.clip(1 - u ** 2, 0, 1)))
    d = smin(d, smin(upper, lower, 0.002), 0.004)

    d = smax(d, -mouth_opening_sdf(p, a), 0.0012)

    # ears: a flattened disc with a concha bowl, tilted back
    q = pm - np.array([0.073, -0.010, -0.012])
    tilt = 0.25
    qy = q[:, 1] * np.cos(tilt) - q[:, 2] * np.sin(tilt)
    qz = q[:, 1] * np.sin(tilt) + q[:, 2] * np.cos(tilt)
    qe = np.stack([q[:, 0] + 0.45 * qz, qy, qz], axis=-1)  # sheared: the back rim stands off the head
    ear = ellipsoid(qe, (0.004, 0.0, 0.0), (0.0085, 0.031, 0.017))
    ear = smax(ear, -ellipsoid(qe, (0.0105, -0.004, 0.003), (0.006, 0.013, 0.009)), 0.002)
    ear = smax(ear, -ellipsoid(qe, (0.0110, 0.010, -0.001), (0.004, 0.012, 0.011)), 0.002)
    d = smin(d, ear, 0.004)

    # neck, trapezius slope, shoulders and upper chest
    d = smin(d, round_cone(p, (0.0, -0.060, -0.012), (0.0, -0.200, -0.028), 0.055, 0.061), 0.025)
    torso = ellipsoid(p, (0.0, -0.330, -0.018), (0.160, 0.140, 0.098))  # chest and upper back
    torso = smin(torso, round_cone(pm, (0.030, -0.192, -0.026), (0.155, -0.222, -0.022), 0.046, 0.050), 0.05)
    torso = smin(torso, round_cone(pm, (0.162, -0.238, -0.022), (0.182, -0.45, -0.020), 0.050, 0.045), 0.03)
    d = smin(d, torso, 0.04)
    d = smax(d, a.torso_bottom_y - y, 0.004)
    return d
