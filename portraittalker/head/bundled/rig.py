"""Rigging of the bundled head: skinning weights, joint regressor, region labels, landmarks.

Everything is a smooth function of rest-pose position (plus which part a vertex belongs to),
read off the same `Anatomy` the sculpt used, so it does not depend on the mesh topology.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from ..model import JOINT_NAMES, REGION_NAMES
from .anatomy import Anatomy, eye_local, mouth_opening_sdf
from .sdf import smoothstep


class Part(IntEnum):
    """Which separately-meshed piece a vertex belongs to."""

    SKIN = 0
    EYE_LEFT = 1
    EYE_RIGHT = 2
    TEETH_UPPER = 3
    TEETH_LOWER = 4


ROOT, NECK, JAW, EYE_LEFT, EYE_RIGHT = range(len(JOINT_NAMES))


def jaw_fraction(p: np.ndarray, a: Anatomy) -> np.ndarray:
    """How much each skin vertex follows the jaw rather than the skull, in [0, 1].

    The boundary is the mouth line between the lips (sharp: upper lip on the skull, lower
    lip on the jaw) that rises towards the jaw hinge across the cheeks (soft), and the
    influence fades out below the mandible's lower border and behind the ramus.
    """
    x, y, z = p[:, 0], p[:, 1], p[:, 2]
    ax = np.abs(x)
    lateral = smoothstep(a.mouth_half_width + 0.001, a.mouth_half_width + 0.018, ax)
    front_z = 0.074
    boundary = a.stomion_y(np.minimum(ax, a.mouth_half_width)) + 0.80 * np.maximum(front_z - z, 0.0) * lateral
    boundary = np.minimum(boundary, a.jaw_joint[1] - 0.008)  # nothing above the hinge follows the jaw
    width = 0.0007 + 0.011 * lateral
    f = smoothstep(-1.0, 1.0, (boundary - y) / width)
    # fade out under the jaw (into the throat) and behind the ramus (towards the ear and neck)
    border_y = np.interp(z, [-0.010, 0.075], [-0.082, -0.116])
    f *= 1.0 - smoothstep(0.0, 0.030, border_y - y)
    f *= smoothstep(-0.022, 0.002, z)
    f *= 1.0 - smoothstep(0.058, 0.068, ax) * (1.0 - smoothstep(0.012, 0.026, z))  # ears stay on the skull
    return f


def skinning_weights(p: np.ndarray, part: np.ndarray, a: Anatomy) -> np.ndarray:
    """lbs_weights [V,5] in FLAME joint order; rows sum to one."""
    w = np.zeros((len(p), len(JOINT_NAMES)))
    torso = smoothstep(-0.135, -0.200, p[:, 1])  # neck skin blends from the skull to the torso
    jaw = jaw_fraction(p, a) * (1.0 - torso)
    w[:, ROOT] = torso
    w[:, JAW] = jaw
    w[:, NECK] = 1.0 - torso - jaw
    rigid = {Part.EYE_LEFT: EYE_LEFT, Part.EYE_RIGHT: EYE_RIGHT, Part.TEETH_UPPER: NECK, Part.TEETH_LOWER: JAW}
    for piece, joint in rigid.items():
        mask = part == piece
        w[mask] = 0.0
        w[mask, joint] = 1.0
    return w


def affine_regressor_row(verts: np.ndarray, candidates: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Minimum-norm affine weights over `candidates` whose combination of `verts` is `target`.

    Solves  min |w|²  s.t.  Σ w_i v_i = target, Σ w_i = 1  (exact when the candidates span 3-D),
    so the joint follows the mesh when identity blendshapes move those vertices.
    """
    a = np.vstack([verts[candidates].T, np.ones(len(candidates))])  # [4,k]
    b = np.append(target, 1.0)
    w_local = a.T @ np.linalg.solve(a @ a.T, b)
    row = np.zeros(len(verts))
    row[candidates] = w_local
    return row


def joint_regressor(verts: np.ndarray, part: np.ndarray, a: Anatomy, neighbours: int = 300) -> np.ndarray:
    """J_regressor [5,V]: eye joints from their eyeballs, the rest from nearby skin vertices."""
    reg = np.zeros((len(JOINT_NAMES), len(verts)))
    skin = np.flatnonzero(part == Part.SKIN)
    for joint, target in ((ROOT, a.root_joint), (NECK, a.neck_joint), (JAW, a.jaw_joint)):
        target = np.asarray(target)
        nearest = skin[np.argsort(np.linalg.norm(verts[skin] - target, axis=1))[:neighbours]]
        reg[joint] = affine_regressor_row(verts, nearest, target)
    for joint, piece, side in ((EYE_LEFT, Part.EYE_LEFT, 1), (EYE_RIGHT, Part.EYE_RIGHT, -1)):
        reg[joint] = affine_regressor_row(verts, np.flatnonzero(part == piece), a.eye_center(side))
    return reg


def region_labels(p: np.ndarray, part: np.ndarray, a: Anatomy) -> np.ndarray:
    """regions [V] indexing REGION_NAMES, by part and by position on the skin."""
    index = {name: i for i, name in enumerate(REGION_NAMES)}
    x, y, z = p[:, 0], p[:, 1], p[:, 2]
    ax = np.abs(x)
    labels = np.full(len(p), index["skin"])

    # torso and neck (below the jaw line, behind the chin)
    jaw_line = np.interp(z, [-0.02, 0.08], [-0.085, -0.118])
    labels[(y < jaw_line - 0.006) | (y < -0.10) & (z < 0.02)] = index["neck"]
    labels[y < -0.185] = index["torso"]
    # hair cap: above a hairline that runs from the forehead down behind the ears
    hairline = np.interp(z, [-0.12, -0.03, 0.02, 0.06, 0.1], [-0.045, 0.0, 0.035, 0.058, 0.068])
    hairline = hairline + 0.012 * smoothstep(0.03, 0.06, ax) * (z > 0.0)  # temples recede
    behind_ear = (ax > 0.058) & (z > -0.03) & (z < 0.01) & (y < 0.03)
    labels[(y > hairline) & ~behind_ear & (labels == index["skin"])] = index["hair_cap"]
    # beard area: lower face outside the lips, down to the jaw line
    beard = (y < -0.048) & (z > -0.01) & (y > jaw_line - 0.008) & (labels == index["skin"])
    labels[beard & ~((ax < 0.018) & (y > -0.06) & (z < 0.08))] = index["beard"]
    # brows: arcs above the eyes
    for side in (1, -1):
        dx = side * x - (a.eye_x + 0.004)
        arc_y = a.eye_y + 0.021 - 0.10 * dx ** 2 / 0.02 - 0.004 * (dx / 0.025) ** 2
        brow = (np.abs(dx) < 0.025) & (np.abs(y - arc_y) < 0.0045 + 0.0015 * (dx < 0)) & (z > a.eye_z) & (side * x > 0.006)
        labels[brow & (labels == index["skin"])] = index["brow"]
    # lips: the vermilion around the mouth line, out to the corners
    stomion = a.stomion_y(np.minimum(ax, a.mouth_half_width))
    vermilion_top = 0.0092 - 0.006 * (ax / a.mouth_half_width) ** 2
    vermilion_bottom = 0.0115 - 0.007 * (ax / a.mouth_half_width) ** 2
    lips = ((y - stomion < vermilion_top) & (stomion - y < vermilion_bottom) & (ax < a.mouth_half_width + 0.001)
            & (z > a.mouth_front_z(x) - 0.0075))
    labels[lips & (part == Part.SKIN)] = index["lips"]
    # mouth cavity: the skin surface behind the lips' inner edge
    inner = (mouth_opening_sdf(p, a) < 0.0018) & (z < a.mouth_front_z(x) - 0.0045)
    labels[inner & (part == Part.SKIN)] = index["mouth_cavity"]
    # eye sockets' inner lid surface stays skin; eyeballs and teeth by part
    labels[(part == Part.EYE_LEFT) | (part == Part.EYE_RIGHT)] = index["eye"]
    labels[(part == Part.TEETH_UPPER) | (part == Part.TEETH_LOWER)] = index["teeth"]
    return labels


def nearest(verts: np.ndarray, candidates: np.ndarray, point) -> int:
    return int(candidates[np.argmin(np.linalg.norm(verts[candidates] - np.asarray(point), axis=1))])


def landmarks(verts: np.ndarray, part: np.ndarray, a: Anatomy) -> dict[str, int]:
    """Canonical landmark vertices (mouth, eyes, nose, chin) plus eyelid margins."""
    skin = np.flatnonzero(part == Part.SKIN)
    x, y, z = verts[:, 0], verts[:, 1], verts[:, 2]
    out: dict[str, int] = {}
    for name, side in (("left", 1), ("right", -1)):
        corner_x = side * a.mouth_half_width
        out[f"mouth_corner_{name}"] = nearest(verts, skin, (corner_x, a.stomion_y(corner_x), a.mouth_front_z(corner_x) - 0.002))
    # inner lip points: the lowest upper-lip / highest lower-lip vertex at the front of the slit
    centre = skin[(np.abs(x[skin]) < 0.0025) & (z[skin] > a.lip_front_z - 0.0065)]
    upper = centre[y[centre] > a.mouth_y]
    lower = centre[y[centre] < a.mouth_y]
    out["lip_inner_top"] = int(upper[np.argmin(y[upper])])
    out["lip_inner_bottom"] = int(lower[np.argmax(y[lower])])
    out["lip_outer_top"] = nearest(verts, skin, (0.0, a.mouth_y + 0.0092, a.lip_front_z - 0.001))
    out["lip_outer_bottom"] = nearest(verts, skin, (0.0, a.mouth_y - 0.0115, a.lip_front_z - 0.002))
    for name, side in (("left", 1), ("right", -1)):
        c = a.eye_center(side)
        # canthi: where the lid margins meet, on the lid's mid-surface
        r = 0.5 * (a.lid_inner_radius + a.lid_outer_radius)
        for corner, outward in (("outer", 1.0), ("inner", -1.0)):
            lat = outward * 0.9 * a.fissure_half_width  # the fissure ends on the eyeball's equator
            upper_m, lower_m = a.lid_margins(np.array(lat))
            elev = float(0.5 * (upper_m + lower_m))
            depth = np.sqrt(max(r ** 2 - lat ** 2, 0.0))
            point = c + (side * lat, depth * np.sin(elev), depth * np.cos(elev))
            out[f"eye_{corner}_{name}"] = nearest(verts, skin, point)
        # lid margins above and below the pupil: the rim vertices closest to the fissure's middle
        lateral, elevation, dist = eye_local(verts[skin], a, side)
        up, low = a.lid_margins(np.array(0.0))
        middle = 0.5 * (up + low)
        in_shell = (dist < a.lid_outer_radius + 0.0008) & (dist > a.lid_inner_radius - 0.0008) & (verts[skin, 2] > c[2])
        for window in (0.002, 0.004, 0.008):  # coarse (draft) meshes need a wider strip
            strip = in_shell & (np.abs(lateral) < window)
            above, below = strip & (elevation > middle), strip & (elevation < middle)
            if above.any() and below.any():
                break
        out[f"eyelid_upper_{name}"] = int(skin[above][np.argmin(elevation[above])])
        out[f"eyelid_lower_{name}"] = int(skin[below][np.argmax(elevation[below])])
        pupil = np.flatnonzero(part == (Part.EYE_LEFT if side == 1 else Part.EYE_RIGHT))
        out[f"pupil_{name}"] = int(pupil[np.argmax(z[pupil])])
    nose = skin[(np.abs(x[skin]) < 0.004) & (y[skin] > a.mouth_y + 0.012)]
    out["nose_tip"] = int(nose[np.argmax(z[nose])])
    out["chin"] = nearest(verts, skin, a.chin)
    return out
