"""The speech-driven channels the model predicts and how they map onto FLAME parameters.

Channel 0 is the jaw opening (FLAME jaw_pose[0], radians) divided by JAW_OPEN_MAX_RAD so every
channel lives roughly in [0, 1]; the rest are mouth components of the bundled expression basis.
Blinks, brows and head pose are not speech channels: the motion generator makes them.
"""

from __future__ import annotations

import numpy as np


JAW_OPEN_MAX_RAD = 0.25  # a wide "a": about 14 degrees, FLAME's natural range

MOUTH_COMPONENTS: tuple[str, ...] = (
    "lip_pucker",
    "lip_spread",
    "lip_press",
    "lip_funnel",
    "upper_lip_raise",
    "lower_lip_depress",
    "lower_lip_tuck",
    "jaw_forward",
)
CHANNELS: tuple[str, ...] = ("jaw_open", *MOUTH_COMPONENTS)
NUM_CHANNELS = len(CHANNELS)
JAW = 0
LIP_PRESS = CHANNELS.index("lip_press")


# Transitional: each speech channel written onto the ARKit names it stands for (flame.npz is
# ARKit-52). A bilateral channel drives both sides.
CHANNEL_ARKIT: dict[str, tuple[str, ...]] = {
    "lip_pucker": ("mouthPucker",),
    "lip_spread": ("mouthStretchLeft", "mouthStretchRight"),
    "lip_press": ("mouthPressLeft", "mouthPressRight"),
    "lip_funnel": ("mouthFunnel",),
    "upper_lip_raise": ("mouthUpperUpLeft", "mouthUpperUpRight"),
    "lower_lip_depress": ("mouthLowerDownLeft", "mouthLowerDownRight"),
    "lower_lip_tuck": ("mouthRollLower",),
    "jaw_forward": ("jawForward",),
}


def channels_to_arkit(channels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """channels [T, C] -> (jaw_pose [T,3] axis-angle radians, ARKit-52 weights [T,52])."""
    from ..arkit import arkit_index, zeros

    # jawOpen and jaw_pose[:, 0] are the same motion (arkit.py): one value, two spellings.
    jaw_open = np.clip(channels[:, JAW], 0.0, 1.0)
    jaw_pose = np.zeros((channels.shape[0], 3), np.float32)
    jaw_pose[:, 0] = jaw_open * JAW_OPEN_MAX_RAD
    arkit = zeros(channels.shape[0])
    arkit[:, arkit_index("jawOpen")] = jaw_open
    for c, name in enumerate(MOUTH_COMPONENTS, start=1):
        for target in CHANNEL_ARKIT[name]:
            arkit[:, arkit_index(target)] = np.clip(channels[:, c], 0.0, 1.0)
    return jaw_pose, arkit


def arkit_to_channels(jaw_pose: np.ndarray, arkit: np.ndarray) -> np.ndarray:
    """Inverse of `channels_to_arkit` (for tracked data): [T,3], [T,52] -> channels [T, C]."""
    from ..arkit import arkit_indices

    out = np.zeros((jaw_pose.shape[0], NUM_CHANNELS), np.float32)
    out[:, JAW] = jaw_pose[:, 0] / JAW_OPEN_MAX_RAD
    for c, name in enumerate(MOUTH_COMPONENTS, start=1):
        out[:, c] = arkit[:, arkit_indices(*CHANNEL_ARKIT[name])].mean(axis=1)
    return out
