"""ARKit-52: the one expression space every head speaks (DESIGN.md).

Speech predicts these 52 blendshape weights in [0, 1]; `flame.npz` stores them in this order
(`expression_names`), `arkit.csv` writes them in the Live Link Face layout, the GLB names its
morph targets after them, and every head maps them onto its own geometry (the anny head has
them natively; FLAME and the bundled head through a retargeting matrix).

The order is Live Link Face's CSV order (Apple's ARFaceAnchor.BlendShapeLocation names, grouped
eyes, jaw, mouth, brows, cheeks, nose, tongue). It is part of the artifact contract.

`jawOpen` and `jaw_pose[:, 0]` describe the same motion (jaw_pose = jawOpen * JAW_OPEN_MAX_RAD):
a head applies exactly one of them, never both.
"""

from __future__ import annotations

import numpy as np

from .errors import PortraitTalkerError

EXPRESSION_BASIS = "arkit52"

# jawOpen = 1 is a wide "a": about 14 degrees of jaw rotation, FLAME's natural range.
JAW_OPEN_MAX_RAD = 0.25

ARKIT_NAMES: tuple[str, ...] = (
    "eyeBlinkLeft", "eyeLookDownLeft", "eyeLookInLeft", "eyeLookOutLeft", "eyeLookUpLeft",
    "eyeSquintLeft", "eyeWideLeft",
    "eyeBlinkRight", "eyeLookDownRight", "eyeLookInRight", "eyeLookOutRight", "eyeLookUpRight",
    "eyeSquintRight", "eyeWideRight",
    "jawForward", "jawRight", "jawLeft", "jawOpen",
    "mouthClose", "mouthFunnel", "mouthPucker", "mouthRight", "mouthLeft",
    "mouthSmileLeft", "mouthSmileRight", "mouthFrownLeft", "mouthFrownRight",
    "mouthDimpleLeft", "mouthDimpleRight", "mouthStretchLeft", "mouthStretchRight",
    "mouthRollLower", "mouthRollUpper", "mouthShrugLower", "mouthShrugUpper",
    "mouthPressLeft", "mouthPressRight", "mouthLowerDownLeft", "mouthLowerDownRight",
    "mouthUpperUpLeft", "mouthUpperUpRight",
    "browDownLeft", "browDownRight", "browInnerUp", "browOuterUpLeft", "browOuterUpRight",
    "cheekPuff", "cheekSquintLeft", "cheekSquintRight",
    "noseSneerLeft", "noseSneerRight",
    "tongueOut",
)
NUM_ARKIT = len(ARKIT_NAMES)
assert NUM_ARKIT == 52 and len(set(ARKIT_NAMES)) == 52

# Live Link Face CSV: Timecode, BlendshapeCount, the 52 weights (capitalised), then these
# rotations (normalised to [-1, 1] of the app's range; we write radians / pi).
LIVE_LINK_NAMES: tuple[str, ...] = tuple(n[0].upper() + n[1:] for n in ARKIT_NAMES)
LIVE_LINK_POSE_COLUMNS: tuple[str, ...] = (
    "HeadYaw", "HeadPitch", "HeadRoll",
    "LeftEyeYaw", "LeftEyePitch", "LeftEyeRoll",
    "RightEyeYaw", "RightEyePitch", "RightEyeRoll",
)

_INDEX = {name: i for i, name in enumerate(ARKIT_NAMES)}

# Names whose motion a head with a jaw joint takes from jaw_pose instead of the blendshape.
JAW_JOINT_NAMES: tuple[str, ...] = ("jawOpen",)
# Gaze: flame.npz writes eyeLook* weights that say the same as eye_pose (speech/upper_face.py);
# a head with eye joints turns its eyeballs from eye_pose and leaves these blendshapes off.
EYE_JOINT_NAMES: tuple[str, ...] = tuple(n for n in ARKIT_NAMES if n.startswith("eyeLook"))


def arkit_index(name: str) -> int:
    try:
        return _INDEX[name]
    except KeyError:
        raise PortraitTalkerError(f"'{name}' is not an ARKit-52 blendshape name") from None


def arkit_indices(*names: str) -> list[int]:
    return [arkit_index(n) for n in names]


def zeros(num_frames: int) -> np.ndarray:
    """An all-neutral ARKit weight array [T, 52] float32."""
    return np.zeros((num_frames, NUM_ARKIT), np.float32)


def retarget_matrix(components: tuple[str, ...], sources: dict[str, tuple[str, ...]]) -> np.ndarray:
    """[52, E] matrix taking ARKit weights onto a head's E named components.

    `sources[component]` lists the ARKit names whose mean drives that component (a bilateral
    component such as "lip_press" averages mouthPressLeft and mouthPressRight).
    """
    m = np.zeros((NUM_ARKIT, len(components)), np.float32)
    for e, comp in enumerate(components):
        names = sources.get(comp, ())
        for n in names:
            m[arkit_index(n), e] = 1.0 / len(names)
    return m
