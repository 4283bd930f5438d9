"""Temporal stability on the decoded video: landmark jitter and flicker inside the face.

Both use the landmarks the standard landmarker detects on the frames (`landmarker.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from .landmarker import LEFT_EYE, RIGHT_EYE, RIGID_POINTS

# The upper face: forehead, temples, cheeks and nose down to the nostrils (Face Mesh indices,
# in order around the outline). Lips, chin and jaw are left out: they move when speaking.
UPPER_FACE = (234, 127, 162, 21, 54, 103, 67, 109, 10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 2, 93)
RIGHT_BROW = (70, 63, 105, 66, 107, 55, 65, 52, 53, 46)
LEFT_BROW = (300, 293, 334, 296, 336, 285, 295, 282, 283, 276)


@dataclass(frozen=True)
class FlickerRegion:
    """How the face region is cut (fractions of the polygon sizes)."""

    shrink: float = 0.12  # pull the outline this far towards its centre: off the silhouette edge
    eye_grow: float = 1.6  # eyes and brows are cut out this much larger (blinks and brow raises move)


REGION = FlickerRegion()


def landmark_jitter(points: np.ndarray) -> float:
    """Mean acceleration magnitude in px/frame^2 of rigid face points, points [T,468,2] (T >= 3).

    Only points that move with the skull (`RIGID_POINTS`) count, so speech does not read as
    jitter: smooth head motion has small second differences, frame-to-frame tremble of the
    render (or of the detection on it) makes them large. Frames without a face are skipped.
    """
    if points.shape[0] < 3:
        raise ValueError(f"jitter needs at least 3 frames, got {points.shape[0]}")
    rigid = points[:, list(RIGID_POINTS)]
    accel = rigid[2:] - 2 * rigid[1:-1] + rigid[:-2]
    norms = np.linalg.norm(accel, axis=-1)
    finite = np.isfinite(norms)
    if not finite.any():
        raise ValueError("jitter needs three consecutive frames with a face")
    return float(norms[finite].mean())


def _scaled(points: np.ndarray, factor: float) -> list[tuple[float, float]]:
    centre = points.mean(0)
    return [tuple(p) for p in centre + (points - centre) * factor]


def face_region_mask(points: np.ndarray, size: tuple[int, int], region: FlickerRegion = REGION) -> np.ndarray:
    """[H,W] bool: the upper-face skin of one frame's landmarks [468,2], without eyes and brows."""
    height, width = size
    canvas = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(canvas)
    draw.polygon(_scaled(points[list(UPPER_FACE)], 1.0 - region.shrink), fill=1)
    for part in (RIGHT_EYE, LEFT_EYE, RIGHT_BROW, LEFT_BROW):
        draw.polygon(_scaled(points[list(part)], region.eye_grow), fill=0)
    return np.asarray(canvas, bool)


def similarity(src: np.ndarray, dst: np.ndarray) -> tuple[complex, complex]:
    """Least-squares similarity z -> a z + b (rotation, scale, shift) taking points src to dst [N,2]."""
    zs, zd = src[:, 0] + 1j * src[:, 1], dst[:, 0] + 1j * dst[:, 1]
    ms, md = zs.mean(), zd.mean()
    cs, cd = zs - ms, zd - md
    a = np.vdot(cs, cd) / max(np.vdot(cs, cs).real, 1e-12)
    return complex(a), complex(md - a * ms)


def align_previous(previous: np.ndarray, a: complex, b: complex) -> np.ndarray:
    """Warp the previous frame [H,W,3] by z -> a z + b, onto the current frame's pixel grid."""
    inv_a = 1.0 / a
    inv_b = -b * inv_a
    coeffs = (inv_a.real, -inv_a.imag, inv_b.real, inv_a.imag, inv_a.real, inv_b.imag)
    height, width = previous.shape[:2]
    warped = Image.fromarray(previous).transform((width, height), Image.AFFINE, coeffs, resample=Image.BILINEAR)
    return np.asarray(warped)


class FaceFlicker:
    """Streams frame pairs: mean |frame difference| (8-bit levels) over the upper-face skin,
    after the previous frame is aligned to the current one by the similarity transform of
    the rigid landmarks, so head motion does not count; what is left is the render changing
    in place: texture swimming, shading pops, noise, compression breathing.
    """

    def __init__(self, region: FlickerRegion = REGION):
        self.region = region
        self._previous: tuple[np.ndarray, np.ndarray] | None = None
        self.pairs: list[float] = []

    def add(self, frame: np.ndarray, points: np.ndarray | None) -> None:
        if points is None or not np.isfinite(points).all():
            self._previous = None
            return
        if self._previous is not None:
            prev_frame, prev_points = self._previous
            rigid = list(RIGID_POINTS)
            a, b = similarity(prev_points[rigid], points[rigid])
            aligned = align_previous(prev_frame, a, b)
            mask = face_region_mask(points, frame.shape[:2], self.region)
            if mask.any():
                diff = np.abs(frame[mask].astype(np.float32) - aligned[mask].astype(np.float32))
                self.pairs.append(float(diff.mean()))
        self._previous = (frame, points)

    @property
    def value(self) -> float | None:
        return float(np.mean(self.pairs)) if self.pairs else None
