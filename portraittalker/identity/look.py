"""From an `Identity` to a concrete look: every colour and amount the painter uses.

Who the person is (age, hair, clothes, skin tone) is decided in `resolve.py`; this module
only turns those names into numbers. Colours here are linear RGB in [0, 1].
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import numpy as np

from .lexicon import (BARE_CHEST, CLOTHING_COLORS_SRGB, EARRING_COLORS_SRGB, EYE_COLORS_SRGB, GLASSES_COLORS_SRGB,
                      HAIR_COLORS_SRGB, FANTASY_SKIN_SRGB, HORN_SRGB, METAL_FRAMES, UNNATURAL_HAIR, luminance)
from .marks import parse_mark

if TYPE_CHECKING:
    from .types import Identity

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


def srgb_to_linear(c: RGB) -> RGB:
    return tuple(x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c)  # type: ignore[return-value]


# sunglasses' lenses: near-black glass (its shine is the specular)
LENS_LINEAR: RGB = srgb_to_linear((0.05, 0.05, 0.06))


def skin_color_srgb(tone: float) -> RGB:
    t = min(max(tone, 0.0), 1.0) * (len(_SKIN_RAMP_SRGB) - 1)
    i = min(int(t), len(_SKIN_RAMP_SRGB) - 2)
    f = t - i
    a, b = _SKIN_RAMP_SRGB[i], _SKIN_RAMP_SRGB[i + 1]
    return tuple(x + (y - x) * f for x, y in zip(a, b))  # type: ignore[return-value]


@dataclass(frozen=True)
class Look:
    """Everything the painter needs, resolved to numbers (colours linear RGB)."""

    age_years: float
    femininity: float          # 0 male .. 1 female
    skin: RGB
    lips: RGB
    hair: RGB
    hair_length: str           # bald | shaved (stubble only) | short | medium | long (how far painted hair reaches)
    brows: RGB
    facial_hair: str           # one of lexicon.FACIAL_HAIR
    eyes: RGB
    clothing: RGB
    clothing_kind: str         # one of lexicon.GARMENTS
    wrinkles: float            # 0 smooth .. 1 deeply lined
    rosiness: float            # cheek redness (children, fair skin)
    freckles: bool
    muscle_definition: float   # extra shading contrast on neck/torso
    hair_style: str = "short"  # one of lexicon.HAIR_STYLES
    hair_curl: float = 0.0
    bald_top: bool = False     # balding under another style: the scalp is bare where its geometry leaves it
    hair_recede: bool = False  # a receding hairline: the scalp is bare at the temples (hair.RecededHairline)
    side_shave: bool = False   # a side shave: the scalp's patch on the person's right is clipped (stubble)
    hair_accent: RGB | None = None      # a second colour in the hair (identity.Hair.accent) ...
    hair_accent_style: str | None = None  # ... highlights | streak | tips | greying | roots | split
    facial_hair_color: RGB = (0.05, 0.04, 0.03)
    moustache: str | None = None        # the moustache's shape (identity.FacialHair.moustache; None: plain)
    eyes_right: RGB | None = None       # the person's right eye's iris, when it differs (heterochromia)
    clothing_inner: RGB | None = None   # shirt under a jacket/cardigan, collar
    clothing_pattern: str | None = None  # the outer garment's print (appearance/prints.py), None plain
    clothing_pattern_color: RGB | None = None  # the print's second colour when the prompt names one
    tie: RGB | None = None
    lipstick: RGB | None = None
    eye_makeup: float = 0.0    # darkening of lids and lash line
    blush: float = 0.0
    age_spots: bool = False
    beard_shadow: float = 0.0  # shaved beard area's darkening (grown men) 0 .. 1
    eyeliner: float = 0.0      # darkening of the lid margins (lash line) 0 .. 1
    brow_density: float = 1.0  # eyebrow opacity (sparser with age, on women; above 1, denser and darker: boys)
    brow_width: float = 1.0    # the painted brow band's width, as a share of its own (narrower with age, on women)
    brow_arch: float = 1.0     # the brow's arch, as a share of its own (BROW_SHAPE_ARCH: arched or straight brows)
    lash_density: float = 1.0  # eyelash opacity (men's and boys' lashes look sparser)
    glasses: RGB | None = None           # the frame's colour (no glasses: None)
    glasses_finish: str = "plain"        # plain | metal (shinier) | tortoiseshell (mottled) | clear (the skin shows)
    headwear: RGB | None = None          # a headscarf's or turban's colour (none: None)
    headwear_kind: str | None = None
    headwear_pattern: str | None = None  # its print (appearance/prints.py), None plain
    earrings: RGB | None = None          # the earrings' colour (none: None)
    necklace: RGB | None = None          # the necklace's colour (none: None)
    necklace_style: str | None = None
    scarf: RGB | None = None             # the scarf's or neckerchief's colour (none: None)
    scarf_knit: bool = True              # a knitted scarf's ribs; a cape, sash or sari's drape is woven cloth
    scarf_fur: bool = False              # a cape of fur
    suspenders: RGB | None = None        # the suspenders' straps (none: None)
    headphones: RGB | None = None        # the headphones' colour (none: None)
    crown: RGB | None = None             # a crown's or tiara's metal (none: None)
    crown_style: str | None = None
    headband: RGB | None = None          # a headband's or sweatband's colour, a flower crown's main flowers' (none: None)
    headband_style: str | None = None    # band | sweatband | flowers | bow
    horns: RGB | None = None             # the horns' colour (none: None)
    veil: RGB | None = None              # the veil's colour (none: None)
    face_mask: RGB | None = None         # a face mask's colour (none: None)
    face_mask_style: str | None = None   # surgical | respirator | cloth
    piercings: RGB | None = None         # the piercings' metal (none: None)
    skin_marks: tuple[str, ...] = ()     # moles, scars, tattoos, war paint, a black eye (identity/marks.py's names)
    face_paint: RGB | None = None        # war paint's colour (none: None)

    def to_dict(self) -> dict:
        return asdict(self)


# how far painted hair reaches for each hair style (the hair geometry carries the rest)
STYLE_LENGTH = {
    "bald": "bald", "buzz": "short", "short": "short", "medium": "medium", "shoulder": "medium", "bob": "medium",
    "bun": "medium", "afro": "medium", "long_straight": "long", "long_wavy": "long", "ponytail": "long",
    "pigtails": "long", "mohawk": "shaved", "undercut": "shaved", "shaved": "shaved", "short_locs": "short",
    "locs": "medium", "long_locs": "long", "balding": "bald", "space_buns": "medium", "braids": "long", "braid": "long",
    "mullet": "short", "spiky": "short", "set": "short",   # balding: its hair is all geometry
}
LIPSTICK_SRGB = {"lipstick": (0.62, 0.16, 0.22)}
CROWN_STONES_SRGB = {"crown": (0.62, 0.04, 0.08), "tiara": (0.80, 0.88, 0.98)}   # rubies; a tiara's diamonds
# a flower crown's three kinds of flowers: the main colour, then two of these it is not; their hearts, the leaves
FLOWER_MIX = ("white", "pink", "yellow")
FLOWER_HEARTS_SRGB = (0.95, 0.72, 0.12)
FLOWER_HEARTS_ON_YELLOW_SRGB = (0.55, 0.3, 0.08)   # a yellow flower's heart is brown, not lost in its petals
LEAVES_SRGB = (0.22, 0.45, 0.16)
BLUSH_AMOUNT = 0.35
EYE_MAKEUP_AMOUNT = 0.6
# Default look of women from 18 to 60 years when the prompt names no make-up (and does not say "no make-up"):
# a subtle lash line, rosier lips and a touch of blush, as most portrait photos show. Documented
# in docs/avatar.md; "no makeup" turns it off, make-up words replace it. Not on a girl under 18
# (it was from 15): on a 15-17-year-old the lined eyes and made-up lips read as a woman's.
DEFAULT_MAKEUP = {"eyeliner": 0.35, "blush": 0.12}
MAKEUP_YEARS = (18.0, 60.0)
# Lip colour: share of a red mixed into the skin colour (men's lips are closer to their skin;
# lips pale with age).
LIP_RED = {"male": 0.12, "female": 0.42, "female_made_up": 0.55, "child": 0.3}
# a girl's lips take the child's red until the first age, a woman's from the second (with a
# woman's 0.42 a six-year-old's lips read as made up, older)
GIRL_LIP_YEARS = (10.0, 16.0)
LIP_RED_SRGB = (0.72, 0.28, 0.30)
LIP_DARKER = 0.75               # ... the red's luma at most this share of the skin's
LIP_PALING_PER_YEAR = 0.012     # from LIP_PALING_FROM_YEARS on, less red per year (an old woman's lips,
LIP_PALING_FROM_YEARS = 45.0    # still as pink as a young woman's, read as lipstick on a young face)
LIP_PALING_MAX = 0.6
# A shaved man's beard shadow: grows in from BEARD_FROM_YEARS to BEARD_FULL_YEARS; white and
# grey beards show less.
BEARD_SHADOW = 0.6
BEARD_FROM_YEARS, BEARD_FULL_YEARS = 13.0, 21.0
LASH_DENSITY = {"male": 0.35, "female": 1.0}
# lashes thin and pale with age: a woman's dense dark lash band reads young (and made up) on an
# old face; from LASH_THINNING_FROM_YEARS to LASH_THINNING_FULL_YEARS her density falls to LASH_DENSITY_OLD
LASH_THINNING_FROM_YEARS, LASH_THINNING_FULL_YEARS, LASH_DENSITY_OLD = 50.0, 78.0, 0.7
# cheek redness: a child's rosy cheeks, painted as round patches, read as blush on a boy
CHILD_ROSINESS = {"female": 0.5, "male": 0.15}
ROSINESS = 0.15
PALE_BEARD_SHADOW_SCALE = {"white": 0.35, "silver": 0.5, "grey": 0.65, "platinum": 0.4, "blonde": 0.6}
# brows are a shade darker than the scalp hair (grey ones more so: against pale old skin a
# scalp-grey brow vanishes, and a face without brows reads neither young nor female)
BROW_SHADE = {"grey": 0.7, "blonde": 0.85, "platinum": 0.7}
# ... and blonde brows lean towards light brown: a yellow darkened by scaling is khaki, which
# on warm or tanned skin reads as an olive-green band (a blond surfer's brows)
BROW_LEAN = {"blonde": ("light brown", 0.6),
             # ... and a redhead's are a softer ginger-brown, not the hair's saturated red-orange
             # (auburn's dark red-brown already reads as brows: test_head_anny's auburn woman)
             "red": ("light brown", 0.5)}
# fair hair's brows are sparser (and so lighter) than a brunette's: their density times this
BROW_SPARSE = {"red": 0.8, "blonde": 0.9, "dark blonde": 0.95, "platinum": 0.85}
# a boy's brows are painted denser (darker): distilled into the tri-grid, brows of the plain
# density lose contrast, and soft light brows made the face analyser read boys as girls
# (18 painted renders: P(male) 0.49 at density 0.6, 0.75 at 1, 0.82 at 1.4). Built at his own
# age's proportions (phenotype.py), a boy of seven is read a girl without them (0.61 at the
# density of puberty's ramp); his brows are a child's narrow ones (CHILD_BROW_WIDTH).
BOY_BROW_DENSITY, BOY_BROW_UNTIL_YEARS = 1.35, 18.0
# a baby's brows are faint and fill in over the first years (a toddler with an adult's dark brows
# looked scowling and older)
INFANT_BROW_YEARS, INFANT_BROW_DENSITY = (0.0, 1.0, 5.0), (0.3, 0.45, 1.0)
# a child's brows are fine and narrow; they grow to an adult's band in puberty (the painter also
# sizes the band by the face: paint.BROW_GROWN_IPD_M)
BROW_PUBERTY_YEARS, CHILD_BROW_WIDTH = (10.0, 16.0), 0.8
BROWS_SAID = {"thick": 1.5, "thin": 0.55}  # brow density times this when the prompt says so
BROW_SHAPE_ARCH = {"arched": 2.2, "straight": 0.15}   # the brow's arch times this when the prompt says so
# women's brows thin with age (men's do not)
BROW_THINNING_FROM_YEARS, BROW_THINNING_FULL_YEARS, BROW_THINNED = 50.0, 85.0, 0.3
BROW_NARROWED = 0.25   # ... and the band this much narrower at full thinning


def _rgb(table: dict, name: str | None) -> RGB | None:
    return None if name is None else srgb_to_linear(table[name])


def _brow_srgb(name: str) -> RGB:
    """The brows' colour (sRGB) for hair of this colour."""
    colour = HAIR_COLORS_SRGB[name]
    if name in BROW_LEAN:
        towards, share = BROW_LEAN[name]
        colour = tuple(c + share * (t - c) for c, t in zip(colour, HAIR_COLORS_SRGB[towards]))
    shade = BROW_SHADE.get(name, 0.85)
    return tuple(shade * c for c in colour)  # type: ignore[return-value]


def resolve_look(identity: "Identity") -> Look:
    """The colours and amounts of an identity (the one place the painter's numbers come from)."""
    femininity = 1.0 if identity.sex == "female" else 0.0
    age = identity.age_years
    skin_s = FANTASY_SKIN_SRGB[identity.skin_color] if identity.skin_color else skin_color_srgb(identity.skin_tone)
    default_makeup = identity.sex == "female" and MAKEUP_YEARS[0] <= age < MAKEUP_YEARS[1] and not identity.makeup
    lip_red = LIP_RED["female_made_up" if default_makeup else identity.sex]
    if identity.sex == "female":   # a girl's lips are a child's, nearer her skin, until her teens
        lip_red = float(np.interp(age, GIRL_LIP_YEARS, (LIP_RED["child"], lip_red)))
    lip_red *= 1.0 - min(LIP_PALING_MAX, LIP_PALING_PER_YEAR * max(0.0, age - LIP_PALING_FROM_YEARS))
    # the red is never lighter than LIP_DARKER of the skin: on dark skin a fixed pink-red made the
    # lips lighter than the face, coral, as if painted
    red_scale = min(1.0, LIP_DARKER * luminance(skin_s) / luminance(LIP_RED_SRGB))
    lips_s = tuple(s * (1 - lip_red) + r * red_scale * lip_red for s, r in zip(skin_s, LIP_RED_SRGB))
    hair_name = identity.hair.color
    natural = identity.facial_hair.color if identity.facial_hair.color not in UNNATURAL_HAIR else "dark brown"
    # Dyed hair keeps natural brows; grey hair greys the brows a little less than the scalp.
    brow_name = natural if hair_name in UNNATURAL_HAIR else ("grey" if hair_name in ("white", "silver") else hair_name)
    # said of the brows themselves ("grey eyebrows", "dark brows": dark brown, or black hair's black)
    if identity.brow_color is not None and not (identity.brow_color == "dark brown" and brow_name == "black"):
        brow_name = identity.brow_color
    lipstick = None
    for word in identity.makeup:
        if word.endswith("lipstick"):
            colour = word.removesuffix("lipstick").strip()
            lipstick = srgb_to_linear(CLOTHING_COLORS_SRGB[colour] if colour in CLOTHING_COLORS_SRGB
                                      else LIPSTICK_SRGB["lipstick"])
    made_up = "makeup" in identity.makeup
    if made_up and lipstick is None:
        lipstick = srgb_to_linear(LIPSTICK_SRGB["lipstick"])
    rosiness = (CHILD_ROSINESS[identity.sex] if age < 14 else ROSINESS) * (1.0 - 0.6 * identity.skin_tone)
    beard_grown = min(max((age - BEARD_FROM_YEARS) / (BEARD_FULL_YEARS - BEARD_FROM_YEARS), 0.0), 1.0)
    beard_shadow = (BEARD_SHADOW * beard_grown * PALE_BEARD_SHADOW_SCALE.get(identity.facial_hair.color, 1.0)
                    if identity.sex == "male" else 0.0)
    thinning = min(max((age - BROW_THINNING_FROM_YEARS) / (BROW_THINNING_FULL_YEARS - BROW_THINNING_FROM_YEARS),
                       0.0), 1.0)
    brow_density = 1.0 - BROW_THINNED * thinning * femininity
    infant = float(np.interp(age, INFANT_BROW_YEARS, INFANT_BROW_DENSITY))
    filled_in = (infant - INFANT_BROW_DENSITY[0]) / (1.0 - INFANT_BROW_DENSITY[0])   # 0 at birth .. 1 from five
    puberty = float(np.clip((age - BROW_PUBERTY_YEARS[0]) / (BROW_PUBERTY_YEARS[1] - BROW_PUBERTY_YEARS[0]), 0.0, 1.0))
    if identity.sex == "male" and age < BOY_BROW_UNTIL_YEARS:
        brow_density = 1.0 + (BOY_BROW_DENSITY - 1.0) * filled_in
    brow_density *= infant
    brow_density *= BROWS_SAID.get(identity.brows or "", 1.0) * BROW_SPARSE.get(brow_name, 1.0)
    lash_thinning = min(max((age - LASH_THINNING_FROM_YEARS) / (LASH_THINNING_FULL_YEARS - LASH_THINNING_FROM_YEARS),
                            0.0), 1.0)
    lash_density = LASH_DENSITY[identity.sex]
    lash_density = min(lash_density, lash_density + (LASH_DENSITY_OLD - lash_density) * lash_thinning)
    eyeliner = EYE_MAKEUP_AMOUNT if ("eye makeup" in identity.makeup or made_up) else (
        DEFAULT_MAKEUP["eyeliner"] if default_makeup else 0.0)
    blush = BLUSH_AMOUNT if ("blush" in identity.makeup or made_up) else (DEFAULT_MAKEUP["blush"] if default_makeup else 0.0)
    return Look(
        age_years=float(age),
        femininity=femininity,
        skin=srgb_to_linear(skin_s),
        lips=srgb_to_linear(lips_s),  # type: ignore[arg-type]
        hair=srgb_to_linear(HAIR_COLORS_SRGB[hair_name]),
        hair_length=STYLE_LENGTH[identity.hair.style],
        brows=srgb_to_linear(_brow_srgb(brow_name)),
        facial_hair=identity.facial_hair.style,
        eyes=srgb_to_linear(EYE_COLORS_SRGB[identity.eye_color]),
        eyes_right=(None if identity.eye_color_right is None
                    else srgb_to_linear(EYE_COLORS_SRGB[identity.eye_color_right])),
        clothing=srgb_to_linear(CLOTHING_COLORS_SRGB[identity.garment.color]),
        clothing_kind=identity.garment.kind,
        wrinkles=identity.age_marks,
        rosiness=rosiness,
        freckles=identity.freckles,
        muscle_definition=1.0 if identity.build == "muscular" else 0.0,
        hair_style=identity.hair.style,
        hair_curl=identity.hair.curl,
        bald_top=identity.hair.bald_top,
        hair_recede=identity.hair.recede,
        side_shave=identity.hair.side_shave,
        hair_accent=_rgb(HAIR_COLORS_SRGB, identity.hair.accent),
        hair_accent_style=identity.hair.accent_style,
        facial_hair_color=srgb_to_linear(HAIR_COLORS_SRGB[identity.facial_hair.color]),
        moustache=identity.facial_hair.moustache,
        clothing_inner=_rgb(CLOTHING_COLORS_SRGB, identity.garment.inner_color),
        clothing_pattern=identity.garment.pattern,
        clothing_pattern_color=_rgb(CLOTHING_COLORS_SRGB, identity.garment.pattern_color),
        tie=_rgb(CLOTHING_COLORS_SRGB, identity.garment.tie_color),
        lipstick=lipstick,
        eye_makeup=EYE_MAKEUP_AMOUNT if ("eye makeup" in identity.makeup or made_up) else 0.0,
        blush=blush,
        age_spots=identity.age_spots,
        beard_shadow=round(beard_shadow, 4),
        eyeliner=eyeliner,
        brow_density=round(brow_density, 4),
        brow_width=round((1.0 - BROW_NARROWED * thinning * femininity) * (CHILD_BROW_WIDTH + (1 - CHILD_BROW_WIDTH) * puberty), 4),
        brow_arch=BROW_SHAPE_ARCH.get(identity.brow_shape or "", 1.0),
        lash_density=round(lash_density, 4),
        glasses=_rgb(GLASSES_COLORS_SRGB, identity.glasses.color) if identity.glasses else None,
        glasses_finish=_glasses_finish(identity.glasses.color if identity.glasses else None),
        headwear=_rgb(CLOTHING_COLORS_SRGB, identity.headwear.color) if identity.headwear else None,
        headwear_kind=identity.headwear.kind if identity.headwear else None,
        headwear_pattern=identity.headwear.pattern if identity.headwear else None,
        earrings=_rgb(EARRING_COLORS_SRGB, identity.earrings.color) if identity.earrings else None,
        necklace=_rgb(EARRING_COLORS_SRGB, identity.necklace.color) if identity.necklace else None,
        necklace_style=identity.necklace.style if identity.necklace else None,
        scarf=_rgb(CLOTHING_COLORS_SRGB, identity.scarf.color) if identity.scarf else None,
        scarf_knit=identity.scarf is None or identity.scarf.style in ("scarf", "shawl"),
        scarf_fur=identity.scarf is not None and identity.scarf.fur,
        suspenders=_rgb(CLOTHING_COLORS_SRGB, identity.suspenders.color) if identity.suspenders else None,
        headphones=_rgb(CLOTHING_COLORS_SRGB, identity.headphones.color) if identity.headphones else None,
        crown=_rgb(EARRING_COLORS_SRGB, identity.crown.color) if identity.crown else None,
        crown_style=identity.crown.style if identity.crown else None,
        headband=_rgb(CLOTHING_COLORS_SRGB, identity.headband.color) if identity.headband else None,
        headband_style=identity.headband.style if identity.headband else None,
        horns=(_rgb(CLOTHING_COLORS_SRGB, identity.horns.color) if identity.horns.color in CLOTHING_COLORS_SRGB
               else srgb_to_linear(HORN_SRGB)) if identity.horns else None,
        veil=_rgb(CLOTHING_COLORS_SRGB, identity.veil.color) if identity.veil else None,
        face_mask=_rgb(CLOTHING_COLORS_SRGB, identity.face_mask.color) if identity.face_mask else None,
        face_mask_style=identity.face_mask.style if identity.face_mask else None,
        piercings=_rgb(EARRING_COLORS_SRGB, identity.piercings_color) if identity.piercings else None,
        skin_marks=identity.skin_marks,
        face_paint=next((_rgb(CLOTHING_COLORS_SRGB, m.place) for m in map(parse_mark, identity.skin_marks)
                         if m.kind == "paint"), None),
    )


def _glasses_finish(colour: str | None) -> str:
    if colour in METAL_FRAMES:
        return "metal"
    return "tortoiseshell" if colour == "tortoiseshell" else "clear" if colour == "clear" else "plain"


# how much of the beard region each facial-hair style darkens (the rest is skin)
BEARD_COVER = {"full_beard": 0.9, "long_beard": 0.9, "short_beard": 0.8, "stubble": 0.4, "goatee": 0.3,
               "moustache": 0.15}


SHAVED_STUBBLE = 0.45  # a shaved scalp: up to this much of the natural hair colour over the skin
CLIPPED_STUBBLE = 0.7  # an undercut's sides or a side shave, clipped a few millimetres long rather than shaved


def shaved_scalp(look: Look) -> RGB:
    """A shaved scalp's colour: skin darkened by stubble of the natural (brow) colour."""
    share = stubble_share(look)
    return tuple(s * (1 - share) + b * share for s, b in zip(look.skin, look.brows))  # type: ignore


def stubble_share(look: Look) -> float:
    """How much of the natural hair colour a shaved scalp shows at most over its skin."""
    return CLIPPED_STUBBLE if look.hair_style == "undercut" or look.side_shave else SHAVED_STUBBLE


BODY_SKIN_SHADE = 0.95   # the body's skin below the neck, against the face's


FUR_TRIM_SRGB = (0.6, 0.53, 0.44)   # a hood's fur ruff: a coyote's or faux fur's grey-brown


def region_palette(look: Look) -> dict[str, RGB]:
    """Flat base colour per head region (linear RGB): the field's starting point."""
    beard_cover = BEARD_COVER.get(look.facial_hair, 0.0)
    beard = tuple(s * (1 - beard_cover) + h * beard_cover for s, h in zip(look.skin, look.facial_hair_color))
    return {
        "skin": look.skin,
        "lips": look.lips,
        "eye": srgb_to_linear((0.8, 0.77, 0.74)),
        "brow": look.brows,
        "hair_cap": look.skin if look.hair_length == "bald" else shaved_scalp(look) if look.hair_length == "shaved"
        else look.hair,
        "beard": beard,  # type: ignore[dict-item]
        "teeth": srgb_to_linear((0.9, 0.87, 0.8)),
        "mouth_cavity": srgb_to_linear((0.35, 0.1, 0.1)),
        "neck": tuple(0.93 * c for c in look.skin),  # type: ignore[dict-item]
        # a bare chest is skin (as the painter's body_skin has it)
        "torso": (tuple(BODY_SKIN_SHADE * c for c in look.skin)  # type: ignore[dict-item]
                  if look.clothing_kind == BARE_CHEST else look.clothing),
        # hair and clothes as geometry (head/parts)
        "hair": look.hair,
        "facial_hair": look.facial_hair_color,
        "cloth": look.clothing,
        "cloth_inner": look.clothing_inner or look.clothing,
        "tie": look.tie or look.clothing,
        "glasses": look.glasses or srgb_to_linear(GLASSES_COLORS_SRGB["black"]),
        "lenses": LENS_LINEAR,
        "headwear": look.headwear or look.clothing,
        "earrings": look.earrings or srgb_to_linear(EARRING_COLORS_SRGB["gold"]),
        "necklace": look.necklace or srgb_to_linear(EARRING_COLORS_SRGB["gold"]),
        "scarf": look.scarf or look.clothing,
        "neckerchief": look.scarf or srgb_to_linear(CLOTHING_COLORS_SRGB["red"]),
        "suspenders": look.suspenders or srgb_to_linear(CLOTHING_COLORS_SRGB["black"]),
        "headphones": look.headphones or srgb_to_linear(CLOTHING_COLORS_SRGB["black"]),
        "crown": look.crown or srgb_to_linear(EARRING_COLORS_SRGB["gold"]),
        "crown_stones": srgb_to_linear(CROWN_STONES_SRGB[look.crown_style or "crown"]),
        "piercings": look.piercings or srgb_to_linear(EARRING_COLORS_SRGB["silver"]),
        "strap": srgb_to_linear(CLOTHING_COLORS_SRGB["black"]),
        "fur_trim": srgb_to_linear(FUR_TRIM_SRGB),
        "eyepatch": srgb_to_linear((0.035, 0.032, 0.03)),   # black leather
        "headband": look.headband or srgb_to_linear(CLOTHING_COLORS_SRGB["black"]),
        "horns": look.horns or srgb_to_linear(HORN_SRGB),
        "veil": look.veil or srgb_to_linear(CLOTHING_COLORS_SRGB["white"]),
        "face_mask": look.face_mask or srgb_to_linear(CLOTHING_COLORS_SRGB["light blue"]),
        **flower_palette(look),
    }


def flower_palette(look: Look) -> dict[str, RGB]:
    """A flower crown's regions: its three kinds of flowers (the look's colour first), their hearts, the leaves."""
    main = look.headband or srgb_to_linear(CLOTHING_COLORS_SRGB["pink"])
    others = [c for c in (srgb_to_linear(CLOTHING_COLORS_SRGB[name]) for name in FLOWER_MIX) if c != main][:2]
    yellow = main == srgb_to_linear(CLOTHING_COLORS_SRGB["yellow"])
    return {"flowers": main, "flowers_2": others[0], "flowers_3": others[1],
            "flower_hearts": srgb_to_linear(FLOWER_HEARTS_ON_YELLOW_SRGB if yellow else FLOWER_HEARTS_SRGB),
            "leaves": srgb_to_linear(LEAVES_SRGB)}
