"""The speech channels the model predicts: the ARKit-52 mouth and jaw subset.

Each channel is an ARKit weight in [0, 1]; a symmetric pair (mouthPressLeft/Right, …) shares one
channel, written to both sides. `jawOpen` is also the jaw joint: jaw_pose[:, 0] =
jawOpen * JAW_OPEN_MAX_RAD (arkit.py: one motion, two spellings). Blinks, brows and gaze are not
speech channels: the motion generator makes them (upper_face.py).
"""

from __future__ import annotations

import numpy as np

from ..arkit import JAW_OPEN_MAX_RAD, arkit_index, arkit_indices, zeros

# channel -> the ARKit names it drives (a bilateral channel drives both sides).
CHANNEL_ARKIT: dict[str, tuple[str, ...]] = {
    "jawOpen": ("jawOpen",),
    "mouthClose": ("mouthClose",),          # lips held together against an open jaw (p, b, m)
    "mouthFunnel": ("mouthFunnel",),
    "mouthPucker": ("mouthPucker",),
    "mouthPress": ("mouthPressLeft", "mouthPressRight"),
    "mouthRollLower": ("mouthRollLower",),  # lower lip under the upper teeth (f, v)
    "mouthRollUpper": ("mouthRollUpper",),
    "mouthStretch": ("mouthStretchLeft", "mouthStretchRight"),
    "mouthLowerDown": ("mouthLowerDownLeft", "mouthLowerDownRight"),
    "mouthUpperUp": ("mouthUpperUpLeft", "mouthUpperUpRight"),
    "mouthSmile": ("mouthSmileLeft", "mouthSmileRight"),
    "cheekPuff": ("cheekPuff",),
    "tongueOut": ("tongueOut",),
    "jawForward": ("jawForward",),
}
CHANNELS: tuple[str, ...] = tuple(CHANNEL_ARKIT)
NUM_CHANNELS = len(CHANNELS)
JAW = CHANNELS.index("jawOpen")
LIP_PRESS = CHANNELS.index("mouthPress")
MOUTH_CLOSE = CHANNELS.index("mouthClose")


def channel_index(name: str) -> int:
    return CHANNELS.index(name)


def channels_to_arkit(channels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """channels [T, C] -> (jaw_pose [T,3] axis-angle radians, ARKit-52 weights [T,52])."""
    weights = np.clip(channels, 0.0, 1.0)
    arkit = zeros(channels.shape[0])
    for c, name in enumerate(CHANNELS):
        for target in CHANNEL_ARKIT[name]:
            arkit[:, arkit_index(target)] = weights[:, c]
    jaw_pose = np.zeros((channels.shape[0], 3), np.float32)
    jaw_pose[:, 0] = arkit[:, arkit_index("jawOpen")] * JAW_OPEN_MAX_RAD
    return jaw_pose, arkit


def arkit_to_channels(jaw_pose: np.ndarray, arkit: np.ndarray) -> np.ndarray:
    """Inverse of `channels_to_arkit` (for tracked data): [T,3], [T,52] -> channels [T, C].

    The jaw comes from jaw_pose (a tracker's joint rotation), the rest from the weights; a
    bilateral channel is the mean of its two sides."""
    out = np.zeros((jaw_pose.shape[0], NUM_CHANNELS), np.float32)
    for c, name in enumerate(CHANNELS):
        out[:, c] = arkit[:, arkit_indices(*CHANNEL_ARKIT[name])].mean(axis=1)
    out[:, JAW] = jaw_pose[:, 0] / JAW_OPEN_MAX_RAD
    return out
