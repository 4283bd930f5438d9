"""Temporal stability: landmark jitter and flicker of static image regions."""

from __future__ import annotations

import numpy as np


def landmark_jitter(points: np.ndarray) -> float:
    """Mean landmark acceleration magnitude in px/frame^2 of points [T,L,2] (T >= 3).

    Smooth motion has small second differences; frame-to-frame tremble makes them large.
    """
    if points.shape[0] < 3:
        raise ValueError(f"jitter needs at least 3 frames, got {points.shape[0]}")
    accel = points[2:] - 2 * points[1:-1] + points[:-2]
    return float(np.linalg.norm(accel, axis=-1).mean())


def static_region_mask(height: int, width: int, fraction: float = 0.15) -> np.ndarray:
    """[H,W] bool mask of the two top corners: background in every portrait framing.

    The bottom corners can hold the torso, which moves with the head; the top ones stay
    clear of the head and shoulders.
    """
    mask = np.zeros((height, width), dtype=bool)
    h, w = max(1, int(height * fraction)), max(1, int(width * fraction))
    mask[:h, :w] = True
    mask[:h, -w:] = True
    return mask


def flicker(frames: np.ndarray, mask: np.ndarray | None = None) -> float:
    """Mean absolute frame-to-frame change (8-bit levels) inside a static mask.

    frames: [T,H,W,3] uint8 (T >= 2); mask: [H,W] bool, default the top corners.
    """
    if frames.shape[0] < 2:
        raise ValueError(f"flicker needs at least 2 frames, got {frames.shape[0]}")
    if mask is None:
        mask = static_region_mask(*frames.shape[1:3])
    region = frames[:, mask].astype(np.float32)  # [T,P,3]
    return float(np.abs(np.diff(region, axis=0)).mean())
