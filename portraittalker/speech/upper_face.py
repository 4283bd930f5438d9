"""The motion generator's blinks, brows and gaze as ARKit-52 columns of `flame.npz`.

Speech drives the mouth; the eyes and brows come from `motion.generate_motion`. They are written
into the ARKit columns a face-animation tool reads (eyeBlink*, brow*, eyeLook*), and the eyeLook
weights say the same thing as `eye_pose`, the eyeball joint rotations: a head with eye joints
turns the eyeballs from eye_pose, one without them (a pure blendshape rig) from eyeLook*.

Eye rotations are FLAME's axis-angle per eye (left eye first): +x pitch turns the gaze down,
+y yaw turns it toward the subject's left (+x), which is outward for the left eye and inward for
the right one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..arkit import arkit_index
from .motion import Motion


@dataclass(frozen=True)
class UpperFaceScale:
    """Rotation (radians) or raise (0..1) that makes an ARKit weight 1.0."""

    eye_look_yaw_rad: float = 0.6     # about 35 degrees: a full sideways look
    eye_look_up_rad: float = 0.45
    eye_look_down_rad: float = 0.5
    brow_outer_share: float = 0.7     # a brow flash lifts the outer brows a little less than the inner


def eye_look_weights(eye_pose: np.ndarray, scale: UpperFaceScale = UpperFaceScale()) -> dict[str, np.ndarray]:
    """eye_pose [T,6] (axis-angle, left eye then right) -> {ARKit eyeLook name: weights [T]}."""
    out: dict[str, np.ndarray] = {}
    for side, rot in (("Left", eye_pose[:, 0:3]), ("Right", eye_pose[:, 3:6])):
        pitch, yaw = rot[:, 0], rot[:, 1]
        toward_left = np.clip(yaw / scale.eye_look_yaw_rad, 0, 1)
        toward_right = np.clip(-yaw / scale.eye_look_yaw_rad, 0, 1)
        out[f"eyeLookDown{side}"] = np.clip(pitch / scale.eye_look_down_rad, 0, 1)
        out[f"eyeLookUp{side}"] = np.clip(-pitch / scale.eye_look_up_rad, 0, 1)
        # The subject's left is outward for the left eye and inward for the right eye.
        out[f"eyeLookOut{side}"] = toward_left if side == "Left" else toward_right
        out[f"eyeLookIn{side}"] = toward_right if side == "Left" else toward_left
    return out


def write_upper_face(expression: np.ndarray, motion: Motion, scale: UpperFaceScale = UpperFaceScale()) -> np.ndarray:
    """Fill the blink, brow and eyeLook columns of ARKit weights [T,52] from `motion` (in place)."""
    for name in ("eyeBlinkLeft", "eyeBlinkRight"):
        expression[:, arkit_index(name)] = motion.blink
    inner = arkit_index("browInnerUp")
    expression[:, inner] = np.maximum(expression[:, inner], motion.brow_raise)
    for name in ("browOuterUpLeft", "browOuterUpRight"):
        k = arkit_index(name)
        expression[:, k] = np.maximum(expression[:, k], scale.brow_outer_share * motion.brow_raise)
    for name, weights in eye_look_weights(motion.eye_pose, scale).items():
        expression[:, arkit_index(name)] = weights
    return expression
