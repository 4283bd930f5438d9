"""From parsed attributes to a concrete look: every colour and amount the prior paints.

Unspecified attributes get defaults that follow from the specified ones (an elderly person
gets grey hair, an East Asian person black hair and dark eyes, a woman long hair), so
`resolve_look` is the single place where the prior's assumptions live.
Colours here are linear RGB in [0, 1].
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .lexicon import (
    CLOTHING_COLORS_SRGB,
    CLOTHING_DEFAULT_COLOR,
    ETHNICITY_DEFAULTS,
    EYE_COLORS_SRGB,
    HAIR_COLORS_SRGB,
    UNNATURAL_HAIR,
)
from .prompt import PromptAttributes

RGB = tuple[float, float, float]

# sRGB skin ramp from very pale to very deep; the tone scale indexes it linearly.
_SKIN_RAMP_SRGB: tuple[RGB, ...] = (
    (0.97, 0.86, 0.78),
    (0.92, 0.75, 0.63),
    (0.80, 0.60, 0.46),
    (0.64, 0.44, 0.31),
    (0.45, 0.29, 0.19),
    (0.27, 0.17, 0.11),
)
DEFAULT_AGE_YEARS = 30.0
DEFAULT_SKIN_TONE = 0.25


def srgb_to_linear(c: RGB) -> RGB:
    return tuple(x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c)  # type: ignore[return-value]


def skin_color_srgb(tone: float) -> RGB:
    t = min(max(tone, 0.0), 1.0) * (len(_SKIN_RAMP_SRGB) - 1)
    i = min(int(t), len(_SKIN_RAMP_SRGB) - 2)
    f = t - i
    a, b = _SKIN_RAMP_SRGB[i], _SKIN_RAMP_SRGB[i + 1]
    return tuple(x + (y - x) * f for x, y in zip(a, b))  # type: ignore[return-value]


@dataclass(frozen=True)
class Look:
    """Everything the prior target needs, resolved to numbers."""

    age_years: float
    femininity: float          # 0 male .. 1 female, 0.5 when unsaid
    skin: RGB
    lips: RGB
    hair: RGB
    hair_length: str           # bald | short | medium | long
    brows: RGB
    facial_hair: str           # none | stubble | moustache | goatee | beard
    eyes: RGB
    clothing: RGB
    clothing_kind: str
    wrinkles: float            # 0 smooth .. 1 deeply lined
    rosiness: float            # cheek redness (children, fair skin)
    freckles: bool
    muscle_definition: float   # extra shading contrast on neck/torso

    def to_dict(self) -> dict:
        return asdict(self)


def _grey_hair(age: float) -> str:
    return "white" if age >= 78 else "silver" if age >= 68 else "grey"


def resolve_look(attrs: PromptAttributes) -> Look:
    age = attrs.age_years if attrs.age_years is not None else DEFAULT_AGE_YEARS
    femininity = {"female": 1.0, "male": 0.0}.get(attrs.sex or "", 0.5)
    eth = ETHNICITY_DEFAULTS.get(attrs.ethnicity or "")
    tone = attrs.skin_tone if attrs.skin_tone is not None else (eth[0] if eth else DEFAULT_SKIN_TONE)
    natural_hair = eth[1] if eth else ("black" if tone > 0.6 else "dark brown")
    if attrs.hair_color is not None:
        hair_name = attrs.hair_color
    elif age >= 60:
        hair_name = _grey_hair(age)
    else:
        hair_name = natural_hair
    # Dyed hair keeps natural brows; grey hair greys the brows a little less than the scalp.
    brow_name = natural_hair if hair_name in UNNATURAL_HAIR else ("grey" if hair_name in ("white", "silver") else hair_name)
    eye_name = attrs.eye_color or (eth[2] if eth else "brown")
    length = attrs.hair_length or ("long" if femininity > 0.75 else "medium" if femininity > 0.25 or age < 12 else "short")
    length = {"shoulder": "medium"}.get(length, length)
    facial_hair = attrs.facial_hair or "none"
    if femininity > 0.75 and attrs.facial_hair is None:
        facial_hair = "none"
    kind = attrs.clothing or "casual"
    cloth_name = attrs.clothing_color or CLOTHING_DEFAULT_COLOR.get(kind, "charcoal")

    skin_s = skin_color_srgb(tone)
    lip_red = 0.30 + 0.10 * femininity
    lips_s = tuple(s * (1 - lip_red) + r * lip_red for s, r in zip(skin_s, (0.72, 0.28, 0.30)))
    wrinkles = min(max((age - 35.0) / 40.0, 0.0), 1.0)
    rosiness = (0.5 if age < 14 else 0.15) * (1.0 - 0.6 * tone)
    return Look(
        age_years=float(age),
        femininity=femininity,
        skin=srgb_to_linear(skin_s),
        lips=srgb_to_linear(lips_s),  # type: ignore[arg-type]
        hair=srgb_to_linear(HAIR_COLORS_SRGB[hair_name]),
        hair_length=length,
        brows=srgb_to_linear(tuple(0.85 * c for c in HAIR_COLORS_SRGB[brow_name])),  # type: ignore[arg-type]
        facial_hair=facial_hair,
        eyes=srgb_to_linear(EYE_COLORS_SRGB[eye_name]),
        clothing=srgb_to_linear(CLOTHING_COLORS_SRGB[cloth_name]),
        clothing_kind=kind,
        wrinkles=wrinkles,
        rosiness=rosiness,
        freckles=attrs.freckles,
        muscle_definition=1.0 if attrs.build == "muscular" else 0.0,
    )


def region_palette(look: Look) -> dict[str, RGB]:
    """Flat base colour per head region (linear RGB): the field's starting point."""
    beard_cover = {"beard": 0.9, "stubble": 0.4}.get(look.facial_hair, 0.0)
    beard = tuple(s * (1 - beard_cover) + h * beard_cover for s, h in zip(look.skin, look.brows))
    return {
        "skin": look.skin,
        "lips": look.lips,
        "eye": srgb_to_linear((0.8, 0.77, 0.74)),
        "brow": look.brows,
        "hair_cap": look.skin if look.hair_length == "bald" else look.hair,
        "beard": beard,  # type: ignore[dict-item]
        "teeth": srgb_to_linear((0.9, 0.87, 0.8)),
        "mouth_cavity": srgb_to_linear((0.35, 0.1, 0.1)),
        "neck": tuple(0.93 * c for c in look.skin),  # type: ignore[dict-item]
        "torso": look.clothing,
    }
