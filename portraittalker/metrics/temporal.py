"""Temporal stability on the decoded video: landmark jitter and flicker inside the face.

Both use the landmarks the standard landmarker detects on the frames (`landmarker.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage

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


RESIDUAL_SHIFT_MAX_PX = 2.0   # the landmarks' alignment is refined by at most this much


def residual_shift(previous: np.ndarray, current: np.ndarray, max_px: float = RESIDUAL_SHIFT_MAX_PX) -> np.ndarray:
    """(dy, dx) in pixels, within +-max_px, that moves `previous` [H,W] onto `current` [H,W]: the peak
    of their phase correlation (Hann-windowed), to a tenth of a pixel by a parabola through it."""
    h, w = current.shape
    window = np.outer(np.hanning(h), np.hanning(w))
    cross = np.fft.fft2((current - current.mean()) * window) * np.conj(np.fft.fft2((previous - previous.mean()) * window))
    corr = np.fft.ifft2(cross / np.maximum(np.abs(cross), 1e-9)).real
    iy, ix = np.unravel_index(int(np.argmax(corr)), corr.shape)

    def vertex(minus: float, centre: float, plus: float) -> float:
        bend = minus - 2.0 * centre + plus
        return 0.5 * (minus - plus) / bend if bend < 0 else 0.0

    dy = iy + vertex(corr[iy - 1, ix], corr[iy, ix], corr[(iy + 1) % h, ix])
    dx = ix + vertex(corr[iy, ix - 1], corr[iy, ix], corr[iy, (ix + 1) % w])
    return np.clip([dy - h if dy > h / 2 else dy, dx - w if dx > w / 2 else dx], -max_px, max_px)


class FaceFlicker:
    """Streams frame pairs: mean |frame difference| (8-bit levels) over the upper-face skin,
    after the previous frame is aligned to the current one by the similarity transform of
    the rigid landmarks and then by the residual shift of the two skin patches (the landmarks
    wobble by a pixel or two: on a lined old face that alone read as flicker), so head motion
    does not count; what is left is the render changing in place: texture swimming, shading
    pops, noise, compression breathing (and the shading of a head turning, which no 2D
    alignment takes out).
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
                rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
                box = np.s_[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
                now, then = frame[box].astype(np.float32), aligned[box].astype(np.float32)
                dy, dx = residual_shift(then.mean(axis=2), now.mean(axis=2))
                then = ndimage.shift(then, (dy, dx, 0.0), order=1, mode="nearest")
                self.pairs.append(float(np.abs(now - then)[mask[box]].mean()))
        self._previous = (frame, points)

    @property
    def value(self) -> float | None:
        return float(np.mean(self.pairs)) if self.pairs else None
