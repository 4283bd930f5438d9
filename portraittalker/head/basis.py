"""The bundled head's expression basis: named components and the basis id.

A FLAME sequence records the id of the basis its `expression` coefficients live in; a head
model refuses a sequence made for another basis. Speech targets (visemes) and blinks are
authored against these names, so the order here is part of the artifact contract.
"""

BUNDLED_HEAD_ID = "portraittalker-head-v1"

EXPRESSION_COMPONENTS: tuple[str, ...] = (
    "lip_pucker",         # lips rounded and pushed forward (u, o, w)
    "lip_spread",         # corners pulled sideways (i, e)
    "lip_press",          # lips pressed together (p, b, m hold)
    "lip_funnel",         # lips flared open and forward (sh, ch, r)
    "upper_lip_raise",    # upper lip up, shows teeth (f, v with lower_lip_depress off)
    "lower_lip_depress",  # lower lip down, away from teeth
    "lower_lip_tuck",     # lower lip under upper teeth (f, v)
    "mouth_smile",
    "mouth_frown",
    "cheek_puff",
    "brow_raise",
    "brow_lower",
    "blink_left",         # 1.0 closes the left eyelid
    "blink_right",
    "nose_wrinkle",
    "jaw_forward",
)
NUM_EXPRESSION = len(EXPRESSION_COMPONENTS)


def component_index(name: str) -> int:
    return EXPRESSION_COMPONENTS.index(name)

# Transitional ARKit-52 -> bundled-basis retargeting (arkit.py): the ARKit names whose mean
# drives each component. Symmetric ARKit pairs collapse onto the bundled head's bilateral ones.
BUNDLED_ARKIT_SOURCES: dict[str, tuple[str, ...]] = {
    "lip_pucker": ("mouthPucker",),
    "lip_spread": ("mouthStretchLeft", "mouthStretchRight"),
    "lip_press": ("mouthPressLeft", "mouthPressRight"),
    "lip_funnel": ("mouthFunnel",),
    "upper_lip_raise": ("mouthUpperUpLeft", "mouthUpperUpRight"),
    "lower_lip_depress": ("mouthLowerDownLeft", "mouthLowerDownRight"),
    "lower_lip_tuck": ("mouthRollLower",),
    "mouth_smile": ("mouthSmileLeft", "mouthSmileRight"),
    "mouth_frown": ("mouthFrownLeft", "mouthFrownRight"),
    "cheek_puff": ("cheekPuff",),
    "brow_raise": ("browInnerUp",),
    "brow_lower": ("browDownLeft", "browDownRight"),
    "blink_left": ("eyeBlinkLeft",),
    "blink_right": ("eyeBlinkRight",),
    "nose_wrinkle": ("noseSneerLeft", "noseSneerRight"),
    "jaw_forward": ("jawForward",),
}
