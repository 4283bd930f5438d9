"""Hair, facial hair and clothes: what the prompt names, else a sensible seeded default.

Defaults follow the person (a woman gets longer hair than a man, a boy or man unnamed-style
hair short (medium hair only when the prompt asks: on a soft-featured head it reads female), an elderly person grey hair,
a child a child's clothes, a news anchor a suit) and the seed picks among the plausible
options, so the same prompt with two seeds gives two different people of the same kind.
Each table below is (option, weight); weights are relative.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .lexicon import (BARE_CHEST, CONTRAST_ACCENT, CONTRAST_COLORS, ETHNICITY_DEFAULTS, GENERIC_UNIFORM, HAIR_COLORS_SRGB,
                      METAL_FRAMES, OUTER_GARMENTS, UNNATURAL_HAIR, luminance)
from .types import (Crown, Earrings, FacialHair, Garment, Glasses, Hair, Headband, Headphones, Headwear, Horns,
                    FaceMask, Necklace, Scarf, Suspenders, Veil)

Options = tuple[tuple[str, float], ...]

# life stages by age in years (upper bounds)
STAGES: tuple[tuple[str, float], ...] = (("child", 13.0), ("teen", 19.0), ("adult", 60.0), ("elderly", 200.0))

DEFAULT_HAIR_STYLE: dict[tuple[str, str], Options] = {
    ("female", "child"): (("pigtails", 3), ("ponytail", 2), ("shoulder", 2), ("long_straight", 2), ("bob", 1)),
    ("female", "teen"): (("long_straight", 4), ("long_wavy", 2), ("ponytail", 2), ("shoulder", 1)),
    ("female", "adult"): (("long_straight", 3), ("long_wavy", 3), ("shoulder", 2), ("ponytail", 1), ("bob", 1)),
    ("female", "elderly"): (("bun", 3), ("bob", 2), ("short", 2), ("medium", 1)),
    ("male", "child"): (("short", 1),),   # with a fringe (SHORT_FRINGE); a buzz cut read as a girl's tied-back hair
    ("male", "teen"): (("short", 4), ("buzz", 1)),
    ("male", "adult"): (("short", 5), ("buzz", 1)),
    ("male", "elderly"): (("short", 4), ("balding", 2), ("buzz", 1)),
}
# tightly curled hair is worn differently: afros and short crops are common defaults
DEFAULT_HAIR_STYLE_CURLY: dict[tuple[str, str], Options] = {
    ("female", "child"): (("pigtails", 3), ("afro", 2), ("bun", 1)),
    ("female", "teen"): (("afro", 2), ("long_wavy", 2), ("bun", 1), ("ponytail", 1)),
    ("female", "adult"): (("afro", 2), ("long_wavy", 2), ("bun", 2), ("shoulder", 1)),
    ("female", "elderly"): (("short", 2), ("bun", 2), ("afro", 1)),
    ("male", "child"): (("buzz", 2), ("short", 2)),
    ("male", "teen"): (("buzz", 2), ("short", 2), ("afro", 1)),
    ("male", "adult"): (("buzz", 3), ("short", 2), ("bald", 1), ("afro", 1)),
    ("male", "elderly"): (("buzz", 2), ("balding", 2), ("short", 1)),
}
# styles tightly curled hair is worn in only once straightened, relaxed or extended ("natural hair" is not)
STRAIGHTENED = frozenset({"long_wavy", "long_straight", "shoulder", "ponytail"})
# what the prompt says of the front ("bangs", "slicked back", "curtain bangs"), on the styles with loose front hair
PROMPT_FRINGE = {"fringe": 0.8, "back": 0.0, "curtain": 0.8, "swept": 0.8}
INFANT_YEARS = 2.5  # below this, unsaid hair is short whatever the sex
FRINGE_STYLES = ("short", "medium", "shoulder", "long_straight", "long_wavy", "bob")
# short hair's fringe (0 swept back .. 1 to the brows) by life stage: boys wear it brushed forward,
# older men swept back
SHORT_FRINGE = {"child": 0.65, "teen": 0.6, "adult": 0.35, "elderly": 0.0}
COILED_CURL = 0.8               # hair this curly stands up short rather than falling as a fringe
SET_CURL = 0.55                 # an older woman's set is at least this curly (soft curls), unless a texture is said
ADULT_SWEPT_FROM_CURL = 0.175   # an adult's short hair is swept aside from this curl, combed back below it
# hair length word -> style (when no style word is given)
LENGTH_STYLE = {"short": "short", "medium": "medium", "shoulder": "shoulder", "bob": "bob"}
CURL = {"straight": 0.0, "wavy": 0.55, "curly": 0.95}
# across this band of curl hair goes from strands to coils: the strand highlight fades out
# (render/hair_strands.py; waves keep most of it), a close crop turns matt and grainy (appearance/paint.py)
CURL_MATTE = (0.5, 0.85)
CURLY_ANCESTRY = {"african", "african american"}
BOX_BRAIDS_FROM_YEARS = 12.0   # younger girls' "braids" stay two plaits
NATURAL_HAIR_BY_ANCESTRY: dict[str, Options] = {
    "european": (("brown", 3), ("dark brown", 3), ("light brown", 2), ("blonde", 2), ("black", 1), ("auburn", 1)),
    "nordic": (("blonde", 4), ("light brown", 2), ("platinum", 1)),
    "mediterranean": (("dark brown", 3), ("black", 2), ("brown", 1)),
}
# grey with age: (from age in years, colour)
GREYING: tuple[tuple[float, str], ...] = ((58.0, "grey"), (68.0, "silver"), (78.0, "white"))
GREYING_JITTER_YEARS = 6.0

DEFAULT_FACIAL_HAIR: dict[str, Options] = {
    "adult": (("none", 5), ("stubble", 3), ("short_beard", 2), ("full_beard", 1), ("moustache", 1)),
    "elderly": (("none", 5), ("moustache", 2), ("full_beard", 2), ("stubble", 1)),
}
ROLE_GARMENT: dict[tuple[str, str], Options] = {
    ("anchor", "male"): (("suit", 1),),
    ("anchor", "female"): (("jacket", 2), ("blouse", 1)),
    ("business", "male"): (("suit", 1),),
    ("business", "female"): (("jacket", 2), ("blouse", 1)),
    ("teacher", "male"): (("cardigan", 1), ("jacket", 1), ("collared_shirt", 1)),
    ("teacher", "female"): (("cardigan", 1), ("blouse", 1)),
    ("street", "male"): (("hoodie", 2), ("t_shirt", 1)),
    ("street", "female"): (("hoodie", 2), ("t_shirt", 1)),
}
DEFAULT_GARMENT: dict[tuple[str, str], Options] = {
    ("female", "child"): (("t_shirt", 3), ("sweater", 2), ("hoodie", 1), ("dress", 1)),
    ("female", "teen"): (("hoodie", 2), ("t_shirt", 2), ("sweater", 1), ("blouse", 1)),
    ("female", "adult"): (("blouse", 3), ("sweater", 2), ("t_shirt", 1), ("dress", 1), ("jacket", 1)),
    ("female", "elderly"): (("cardigan", 3), ("blouse", 2), ("sweater", 1)),
    ("male", "child"): (("t_shirt", 3), ("hoodie", 2), ("sweater", 1)),
    ("male", "teen"): (("hoodie", 2), ("t_shirt", 2), ("collared_shirt", 1)),
    ("male", "adult"): (("collared_shirt", 3), ("t_shirt", 2), ("sweater", 2), ("jacket", 1)),
    ("male", "elderly"): (("collared_shirt", 2), ("cardigan", 2), ("sweater", 2)),
}
CASUAL_GARMENT: Options = (("t_shirt", 3), ("hoodie", 1), ("sweater", 1), ("collared_shirt", 1))
# colour palettes (lexicon.CLOTHING_COLORS_SRGB names)
GARMENT_COLORS: dict[str, Options] = {
    "t_shirt": (("grey", 2), ("white", 2), ("navy", 2), ("black", 1), ("olive", 1), ("red", 1)),
    "collared_shirt": (("white", 3), ("light blue", 3), ("blue", 1), ("grey", 1)),
    "suit": (("charcoal", 3), ("navy", 3), ("black", 1), ("grey", 1)),
    "jacket": (("navy", 2), ("black", 2), ("charcoal", 1), ("beige", 1), ("burgundy", 1)),
    "sweater": (("beige", 2), ("navy", 2), ("grey", 2), ("burgundy", 1), ("olive", 1), ("cream", 1)),
    "cardigan": (("beige", 2), ("grey", 2), ("burgundy", 1), ("green", 1), ("navy", 1), ("cream", 1)),
    "vest": (("charcoal", 2), ("black", 2), ("grey", 2), ("navy", 1), ("brown", 1), ("burgundy", 1)),
    "hoodie": (("grey", 3), ("black", 2), ("navy", 1), ("red", 1), ("green", 1)),
    "blouse": (("white", 2), ("cream", 2), ("light blue", 1), ("pink", 1), ("burgundy", 1), ("teal", 1)),
    "dress": (("navy", 2), ("black", 2), ("red", 1), ("green", 1), ("burgundy", 1)),
    "school_uniform": (("navy", 3), ("charcoal", 1), ("burgundy", 1), ("green", 1)),
    "robe": (("navy", 2), ("black", 1), ("burgundy", 1), ("green", 1), ("grey", 1), ("white", 1)),
    "tank_top": (("white", 3), ("black", 2), ("grey", 2), ("red", 1), ("navy", 1)),
    "clerical": (("black", 5), ("grey", 1)),
    "v_neck": (("white", 2), ("grey", 2), ("navy", 2), ("black", 1), ("olive", 1)),
    "turtleneck": (("black", 3), ("cream", 2), ("grey", 2), ("navy", 1), ("burgundy", 1), ("beige", 1)),
}
# an adult's unnamed "uniform": a service jacket in a service colour
UNIFORM_COLORS: Options = (("navy", 3), ("black", 1), ("olive", 1), ("charcoal", 1))
CHILD_COLORS: Options = (("red", 2), ("yellow", 2), ("blue", 2), ("green", 1), ("orange", 1), ("pink", 1),
                         ("purple", 1), ("teal", 1))
INNER_COLORS: Options = (("white", 4), ("light blue", 2), ("cream", 1))
TIE_COLORS: Options = (("burgundy", 3), ("navy", 2), ("red", 2), ("blue", 1), ("charcoal", 1))
HAS_INNER = OUTER_GARMENTS
# what a child wears in a bright colour when none is said
BRIGHT_FOR_CHILDREN = frozenset({"t_shirt", "hoodie", "sweater", "dress", "tank_top", "turtleneck", "v_neck"})


def life_stage(age_years: float) -> str:
    return next(name for name, upper in STAGES if age_years < upper)


def pick(options: Options, rng: np.random.Generator) -> str:
    names = [o for o, _ in options]
    weights = np.asarray([w for _, w in options], dtype=np.float64)
    return names[int(rng.choice(len(names), p=weights / weights.sum()))]


@dataclass(frozen=True)
class StyleWords:
    """The styling words a prompt may give (None/False: not said)."""

    hair_style: str | None = None
    hair_length: str | None = None
    hair_texture: str | None = None
    hair_fringe: str | None = None     # fringe | back | curtain | swept (prompt words), else by style and age
    hair_peak: bool = False            # a widow's peak
    hair_braids: bool = False          # "braids" of no said kind (the style word is braids)
    hair_natural: bool = False         # "natural hair": on tightly curled hair, worn in its own coils
    hair_thinning: bool = False        # thinning or balding hair (a man's recedes: choose_hair)
    hair_receding: bool = False        # a receding hairline: bare temples (choose_hair)
    hair_side_shave: bool = False      # one side of the head shaved (choose_hair)
    hair_spiky: bool = False           # short hair stood up in spikes (choose_hair)
    hair_gather: str | None = None     # as PromptAttributes.hair_gather (choose_hair)
    hair_color: str | None = None
    hair_accent: str | None = None
    hair_accent_style: str | None = None
    facial_hair: str | None = None
    facial_hair_color: str | None = None
    moustache_style: str | None = None   # lexicon.MOUSTACHE_STYLES
    clothing: str | None = None
    clothing_color: str | None = None
    clothing_pattern: str | None = None
    clothing_pattern_color: str | None = None
    inner_color: str | None = None     # the shirt under an outer garment
    tie: bool = False
    tie_color: str | None = None
    tie_style: str | None = None       # bow, or None for a necktie
    role: str | None = None
    hair_bow: bool = False             # a bow is tied in the hair


# styles with no hair on top to lose (the balding style is the bare top), or whose top is all
# there is (an undercut, a mohawk), or a volume with no roots (an afro)
BARE_TOP_STYLES = frozenset({"bald", "balding", "shaved", "mohawk", "undercut", "afro"})
# styles a side shave is cut into when no other is said: long enough to be combed over to the other side
SIDE_SHAVE_STYLES = frozenset({"short", "medium", "shoulder", "long_straight", "long_wavy", "bob"})
# hair a bow cannot be tied in, or where it would be hidden behind the head
BOW_HIDDEN = frozenset({"bald", "balding", "shaved", "buzz", "ponytail", "bun", "space_buns", "braids", "braid"})
# styles that hide the hair's texture (gathered up, plaited, or cropped to the scalp): not the seed's pick when
# the prompt says a texture ("curly grey hair" in a bun showed no curls)
TEXTURE_HIDDEN = frozenset({"bald", "shaved", "buzz", "ponytail", "bun", "space_buns", "braids", "pigtails",
                            "braid"})
# styles tied where the prompt says (Hair.gather): a ponytail or bun high or low, one braid from the crown
# (french), one braid or a ponytail over a shoulder (side, side_right)
GATHERED = {"ponytail": ("high", "low", "side", "side_right"), "bun": ("high", "low"), "braid": ("french", "side", "side_right")}


def natural_hair_color(ethnicity: str, rng: np.random.Generator) -> str:
    if ethnicity in NATURAL_HAIR_BY_ANCESTRY:
        return pick(NATURAL_HAIR_BY_ANCESTRY[ethnicity], rng)
    return ETHNICITY_DEFAULTS[ethnicity][1]


def aged_hair_color(natural: str, age_years: float, rng: np.random.Generator) -> str:
    age = age_years + rng.uniform(-GREYING_JITTER_YEARS, GREYING_JITTER_YEARS)
    colour = natural
    for start, grey in GREYING:
        if age >= start:
            colour = grey
    return colour


def contrast_colour(hair: str) -> str:
    """Of CONTRAST_COLORS the one further in lightness from the hair colour `hair` (a HAIR_COLORS_SRGB key)."""
    return max(CONTRAST_COLORS, key=lambda c: abs(luminance(HAIR_COLORS_SRGB[c]) - luminance(HAIR_COLORS_SRGB[hair])))


def choose_hair(words: StyleWords, sex: str, age_years: float, ethnicity: str,
                rng: np.random.Generator) -> tuple[Hair, str, list[str]]:
    """-> (hair, natural colour for brows/beard, names of what was chosen by default)."""
    chosen: list[str] = []
    natural = natural_hair_color(ethnicity, rng)
    beard = words.facial_hair_color
    if words.hair_color is None and beard is not None and beard not in UNNATURAL_HAIR:
        natural = beard  # "a ginger beard", "a grey beard": the hair is that colour too
    if words.hair_texture is not None:
        curl = CURL[words.hair_texture]
    else:
        curl = 0.95 if ethnicity in CURLY_ANCESTRY else float(rng.uniform(0.0, 0.35))
    stage = life_stage(age_years)
    # long hair "with an undercut" hides it: the hair's length decides what shows
    said_style = None if words.hair_style == "undercut" and words.hair_length not in (None, "short") \
        else words.hair_style
    # a man's thinning hair recedes from the crown and temples: short, it is the balding horseshoe; a
    # length or style said with it ("a balding man with a ponytail") grows from the sides and back. A
    # woman's thins all over, which smooth hair cannot show: her hair is as if the words were unsaid
    bald_top = words.hair_thinning and sex == "male"
    if bald_top and (said_style in (None, "short", "buzz") and words.hair_length in (None, "short")):
        said_style = "balding"
    if said_style == "braids" and words.hair_braids and ethnicity in CURLY_ANCESTRY and age_years >= BOX_BRAIDS_FROM_YEARS:
        # on tightly curled hair, bare "braids" are most often box braids: ropes from the whole scalp
        style = "locs" if words.hair_length == "short" else "long_locs"
        curl = max(curl, CURL["curly"])
    elif said_style == "braids" and sex == "male":
        style = "braid"   # a man's braided hair is one braid down his back, not a girl's two plaits
    elif said_style is not None:
        style = said_style
    elif words.hair_length == "long":
        style = "long_wavy" if curl >= 0.5 else "long_straight"
    elif words.hair_length in LENGTH_STYLE:
        style = LENGTH_STYLE[words.hair_length]
    else:
        # the tightly curled hair of African ancestry is worn its own way (afros, short crops);
        # other curly hair is worn as straight hair is, in curls
        table = DEFAULT_HAIR_STYLE_CURLY if curl >= 0.8 and ethnicity in CURLY_ANCESTRY else DEFAULT_HAIR_STYLE
        options = table[(sex, stage)] if age_years >= INFANT_YEARS else (("short", 1),)  # a baby's hair is short
        if words.hair_natural and table is DEFAULT_HAIR_STYLE_CURLY:   # not straightened or waved long
            options = tuple(o for o in options if o[0] not in STRAIGHTENED) or options
        if words.hair_color is not None:  # "with grey hair": hair to show it (not bald)
            options = tuple(o for o in options if o[0] not in ("bald", "balding"))
        if words.hair_bow:  # hair a bow shows in from the front (on a ponytail or bun it is behind the head)
            options = tuple(o for o in options if o[0] not in BOW_HIDDEN) or (("short", 1),)
        if words.hair_texture not in (None, "straight"):   # loose hair, for the curl or wave said to show
            options = tuple(o for o in options if o[0] not in TEXTURE_HIDDEN) or (("short", 1),)
        if words.hair_side_shave:   # hair long enough to comb over the other side
            options = tuple(o for o in options if o[0] in SIDE_SHAVE_STYLES) or (("shoulder", 1),)
        style = pick(options, rng)
        if style == "long_straight" and curl >= 0.5:
            style = "long_wavy"
        chosen.append("hair_style")
    if style == "short" and words.hair_spiky and curl < COILED_CURL:   # tightly curled hair does not spike
        style = "spiky"
    if style == "short" and said_style is None and sex == "female" and stage == "elderly" and curl < COILED_CURL \
            and words.hair_fringe is None and not (words.hair_side_shave or words.hair_receding):
        style = "set"   # an older woman's short hair, unless a crop is named ("a pixie cut")
    if style == "set" and words.hair_texture is None:
        curl = max(curl, SET_CURL)
    if style == "long_wavy" and words.hair_texture is None:
        curl = max(curl, 0.55)
    if style == "afro":
        curl = 1.0
    if words.hair_color is not None:
        colour = words.hair_color
    else:
        colour = aged_hair_color(natural, age_years, rng)
        chosen.append("hair_color")
    if colour not in UNNATURAL_HAIR and words.hair_color is not None:
        natural = colour
    elif colour in ("grey", "silver", "white"):
        natural = colour
    bald_top = bald_top and style not in BARE_TOP_STYLES
    side_shave = words.hair_side_shave and style not in BARE_TOP_STYLES and style != "buzz" and not bald_top
    # a receding hairline on hair that grows from the front (balding hair has already lost it)
    recede = words.hair_receding and style not in BARE_TOP_STYLES and not bald_top
    fringe = SHORT_FRINGE[stage] if style == "short" else None
    split = None
    if style == "short" and curl >= COILED_CURL:   # tightly curled short hair stands up: no fringe falls from it
        fringe = 0.0
    elif style == "short" and stage == "adult":
        # an adult's short hair is combed back or swept to one side, not a boy's straight fringe (a fringe
        # across the forehead made every default man's hair a bowl cut); the hair's curl draw picks which,
        # so no other choice of the seed moves
        fringe, split = (fringe, "swept") if curl >= ADULT_SWEPT_FROM_CURL else (0.0, None)
    elif style == "short" and stage == "child" and sex == "male":
        # a boy's fringe swept to one side: lying straight on the scalp to the brows (short hair no longer
        # stands off it) it was a girl's bob to the face analyser (a boy of seven 0.57, an eight-year-old
        # 0.54 female; swept, 0.56 and 0.89 male)
        split = "swept"
    if bald_top or side_shave or recede:   # no hair grows at the front to fall over the forehead, all is combed
        fringe, split = 0.0, None       # aside, or it is combed back off the bare temples
    elif words.hair_fringe is not None and style in FRINGE_STYLES:
        fringe = PROMPT_FRINGE[words.hair_fringe]
        split = words.hair_fringe if words.hair_fringe in ("curtain", "swept") else None
    accent = words.hair_accent if style not in ("bald", "shaved") else None
    if accent == CONTRAST_ACCENT:
        accent = contrast_colour(colour)
    return Hair(style=style, color=colour, curl=round(curl, 3), fringe=fringe, fringe_split=split,
                peak=words.hair_peak and not bald_top, accent=accent,
                accent_style=words.hair_accent_style if accent else None, bald_top=bald_top,
                side_shave=side_shave,
                gather=words.hair_gather if words.hair_gather in GATHERED.get(style, ()) else None,
                recede=recede), \
        natural, chosen


MOUSTACHED = frozenset({"moustache", "goatee"})   # facial hair whose moustache may take a shape (FacialHair.moustache)


def choose_facial_hair(words: StyleWords, sex: str, age_years: float, natural_hair: str,
                       rng: np.random.Generator) -> tuple[FacialHair, list[str]]:
    colour = words.facial_hair_color or natural_hair
    if words.facial_hair is not None:
        # a moustache's shape goes with a moustache, or a goatee's moustache; a beard grows over it
        shape = words.moustache_style if words.facial_hair in MOUSTACHED else None
        return FacialHair(words.facial_hair, colour, moustache=shape), []
    stage = life_stage(age_years)
    if sex != "male" or stage not in DEFAULT_FACIAL_HAIR:
        return FacialHair("none", colour), []
    return FacialHair(pick(DEFAULT_FACIAL_HAIR[stage], rng), colour), ["facial_hair"]


def _pick_apart(options: Options, rng: np.random.Generator, avoid: frozenset[str]) -> str:
    """`pick`, then once more among the others if it picked a colour in `avoid`."""
    colour = pick(options, rng)
    return pick(tuple(o for o in options if o[0] not in avoid) or options, rng) if colour in avoid else colour


def choose_garment(words: StyleWords, sex: str, age_years: float, rng: np.random.Generator,
                   avoid: frozenset[str] = frozenset()) -> tuple[Garment, list[str]]:
    """The garment the words name or the seed picks; a colour the seed picks (the tie's too) is
    never one in `avoid` (what lies on it: a red neckerchief vanished on a red t-shirt)."""
    chosen: list[str] = []
    stage = life_stage(age_years)
    kind = words.clothing
    if kind == BARE_CHEST and sex == "female":
        kind = "tank_top"   # a woman or girl said to wear no top is drawn in a tank top's straps
    if kind == BARE_CHEST:  # nothing to colour; the colour stands for no cloth and is never drawn
        return Garment(kind=kind, color="white"), chosen
    if kind == "casual":
        kind = pick(CASUAL_GARMENT, rng)
    elif kind is None and words.role == "student":
        kind = "school_uniform" if stage in ("child", "teen") else pick(CASUAL_GARMENT, rng)
    elif kind is None and (words.role, sex) in ROLE_GARMENT:
        kind = pick(ROLE_GARMENT[(words.role, sex)], rng)
    elif kind is None:
        kind = pick(DEFAULT_GARMENT[(sex, stage)], rng)
        chosen.append("garment")
    if kind == GENERIC_UNIFORM:
        kind = "school_uniform"   # a child's or a teen's; an adult's is a service jacket (below)
    service_uniform = kind == "school_uniform" and stage not in ("child", "teen")
    if service_uniform:
        kind = "jacket"  # an adult in "uniform" wears a service jacket, not a school blazer or a suit
    if words.clothing_color is not None:
        colour = words.clothing_color
    else:
        bright = stage == "child" and kind in BRIGHT_FOR_CHILDREN
        palette = UNIFORM_COLORS if service_uniform else CHILD_COLORS if bright else GARMENT_COLORS[kind]
        # nor the colour of a tie said to be worn on it
        colour = _pick_apart(palette, rng, avoid | ({words.tie_color} if words.tie_color else set()))
        chosen.append("garment_color")
    inner = (words.inner_color or pick(INNER_COLORS, rng)) if kind in HAS_INNER else None
    if kind == "robe" and words.inner_color is None:
        inner = "white"  # the under-robe's collar, white as a kimono's or a hanbok's is
    if kind == "collared_shirt":
        inner = colour  # the collar is the shirt
    if kind == "clerical":
        inner = "white"   # the collar's tab
    wants_tie = words.tie or (kind == "suit" and sex == "male") or (kind == "school_uniform" and rng.uniform() < 0.6)
    tie = None
    if wants_tie and kind != "hoodie":  # a bow tie is black unless said, as evening dress has it
        # a tie the seed colours stands out from the jacket or shirt it lies on (a burgundy tie vanished on a burgundy blazer)
        tie = words.tie_color or ("black" if words.tie_style == "bow"
                                  else _pick_apart(TIE_COLORS, rng, avoid | {colour, inner or colour}))
    if tie is not None and inner is None:
        inner = "white"
    return Garment(kind=kind, color=colour, inner_color=inner, tie_color=tie, pattern=words.clothing_pattern,
                   pattern_color=words.clothing_pattern_color,
                   tie_style=words.tie_style if tie is not None else None), chosen


GLASSES_FRAME_COLORS: Options = (("black", 3), ("tortoiseshell", 2), ("gunmetal", 1), ("silver", 1), ("gold", 1))
GLASSES_SHAPES: Options = (("rectangular", 3), ("round", 1))


def choose_glasses(style: str | None, color: str | None, shape: str | None, frame: str | None,
                   rng: np.random.Generator, eye: str | None = None, raised: bool = False
                   ) -> tuple[Glasses | None, list[str]]:
    """Glasses when the prompt names them (never by chance); what it leaves unsaid of the frame,
    the seed picks: metal frames are thin, tortoiseshell thick, sunglasses black. A monocle is a
    thin round rim, gold unless said, over the person's right eye unless the left is said.
    Goggles are clear plastic, ski goggles black, unless a colour is said; either may be `raised`."""
    if style is None:
        return None, []
    if style == "monocle":
        return Glasses(style=style, color=color or "gold", shape="round", frame="thin", eye=eye or "right"), []
    if style in ("goggles", "ski_goggles"):
        return Glasses(style=style, color=color or ("clear" if style == "goggles" else "black"), frame="thick",
                       raised=raised), []
    chosen: list[str] = []
    if color is None:
        color = "black" if style == "sunglasses" else pick(GLASSES_FRAME_COLORS, rng)
        chosen.append("glasses_color")
    if shape is None:
        shape = pick(GLASSES_SHAPES, rng)
        chosen.append("glasses_shape")
    if frame is None:
        frame = "thin" if color in METAL_FRAMES else "thick" if color == "tortoiseshell" else \
            pick((("thin", 1), ("thick", 1)), rng)
    return Glasses(style=style, color=color, shape=shape, frame=frame, raised=raised), chosen


HEADWEAR_COLORS: dict[str, Options] = {
    "headscarf": (("black", 3), ("beige", 2), ("navy", 1), ("grey", 1), ("burgundy", 1), ("white", 1),
                  ("olive", 1), ("pink", 1)),
    "turban": (("navy", 3), ("black", 2), ("white", 1), ("orange", 1), ("red", 1), ("burgundy", 1)),
    "beanie": (("grey", 2), ("black", 2), ("navy", 1), ("burgundy", 1), ("mustard", 1), ("olive", 1), ("cream", 1)),
    "ushanka": (("brown", 3), ("black", 1), ("grey", 1)),
    "cap": (("navy", 2), ("black", 2), ("red", 1), ("white", 1), ("grey", 1), ("olive", 1)),
    "hat": (("brown", 2), ("black", 2), ("beige", 2), ("charcoal", 1), ("navy", 1)),
    "top_hat": (("black", 5), ("grey", 1), ("brown", 1)),
    "sombrero": (("beige", 4), ("black", 1), ("brown", 1)),   # straw, or a mariachi's black felt
    "cowboy_hat": (("brown", 3), ("black", 2), ("beige", 2), ("white", 1)),
    "pointed_hat": (("black", 3), ("purple", 2), ("navy", 2), ("blue", 1)),
    "bowler": (("black", 4), ("brown", 1), ("grey", 1)),
    "tricorn": (("black", 4), ("brown", 2), ("navy", 1)),
    "beret": (("black", 4), ("navy", 2), ("red", 2), ("burgundy", 1), ("green", 1)),
    "keffiyeh": (("white", 3), ("red", 2)),
    "chef_hat": (("white", 1),),
    "helmet": (("black", 2), ("white", 2), ("red", 1), ("blue", 1), ("grey", 1), ("yellow", 1)),
    "flat_cap": (("grey", 3), ("brown", 2), ("charcoal", 2), ("beige", 1)),
    "peaked_cap": (("navy", 3), ("black", 2), ("white", 2), ("olive", 1)),
    "hard_hat": (("yellow", 4), ("white", 3), ("orange", 2), ("blue", 1)),
    "bandana": (("red", 3), ("navy", 2), ("black", 2), ("olive", 1)),
    "kippah": (("black", 3), ("navy", 2), ("white", 1), ("blue", 1)),
    "fez": (("red", 4), ("burgundy", 2), ("black", 1)),
    "kufi": (("white", 5), ("cream", 2), ("black", 1), ("navy", 1)),
    "mortarboard": (("black", 1),),
    "hood": (("grey", 3), ("black", 3), ("navy", 2), ("charcoal", 1), ("olive", 1), ("burgundy", 1)),
}
# a hood is part of these garments: worn up it is their colour
HOODED_GARMENTS = frozenset({"hoodie", "jacket"})


EARRING_STYLES_CHOSEN: Options = (("stud", 2), ("hoop", 2), ("pearl", 1))
EARRING_METALS: Options = (("gold", 3), ("silver", 2))


def choose_earrings(style: str | None, color: str | None, rng: np.random.Generator) -> tuple[Earrings | None, list[str]]:
    """Earrings when the prompt names them (never by chance): a pearl is pearl-white, the rest
    gold or silver unless said; a style left open ("earrings") the seed picks."""
    if style is None:
        return None, []
    chosen: list[str] = []
    if style == "any":
        style = "pearl" if color == "pearl" else pick(EARRING_STYLES_CHOSEN, rng)
        chosen.append("earrings_style")
    if style == "pearl":
        color = "pearl"
    elif color is None or color == "pearl":
        color = pick(EARRING_METALS, rng)
        chosen.append("earrings_color")
    return Earrings(style=style, color=color), chosen


NECKLACE_STYLES_CHOSEN: Options = (("chain", 3), ("pendant", 2), ("pearls", 2))


def choose_necklace(style: str | None, color: str | None, rng: np.random.Generator) -> tuple[Necklace | None, list[str]]:
    """A necklace when the prompt names one (never by chance): pearls are pearl-white unless a
    colour is said, a choker black, a chain or pendant gold or silver unless said; a style left
    open ("a necklace") the seed picks."""
    if style is None:
        return None, []
    chosen: list[str] = []
    if style == "any":
        style = "pearls" if color == "pearl" else pick(NECKLACE_STYLES_CHOSEN, rng)
        chosen.append("necklace_style")
    if color is None:
        if style in ("pearls", "choker"):
            color = "pearl" if style == "pearls" else "black"
        else:
            color = pick(EARRING_METALS, rng)
            chosen.append("necklace_color")
    return Necklace(style=style, color=color), chosen


SCARF_COLORS: Options = (("grey", 2), ("burgundy", 2), ("navy", 1), ("black", 1), ("cream", 1), ("mustard", 1),
                         ("olive", 1), ("red", 1))
CAPE_COLORS: Options = (("red", 3), ("black", 3), ("navy", 1), ("purple", 1), ("burgundy", 1))
SASH_COLORS: Options = (("white", 2), ("red", 2), ("blue", 2), ("gold", 1), ("purple", 1))
# a shawl is a knitted or woven cloth in a colour (black only when said)
SHAWL_COLORS: Options = (("cream", 2), ("grey", 2), ("burgundy", 2), ("mustard", 1), ("olive", 1), ("navy", 1),
                         ("red", 1))


def choose_scarf(worn: bool, color: str | None, rng: np.random.Generator,
                 style: str | None = None, fur: bool = False) -> tuple[Scarf | None, list[str]]:
    """A scarf or neckerchief when the prompt names one (never by chance), in its colour or one the seed
    picks; `fur`: a cape of fur."""
    if not worn:
        return None, []
    style = style or "scarf"
    fur = fur and style == "cape"
    if color:
        return Scarf(color=color, style=style, fur=fur), []
    options = {"cape": CAPE_COLORS, "sash": SASH_COLORS, "shawl": SHAWL_COLORS}.get(style, SCARF_COLORS)
    return Scarf(color=pick(options, rng), style=style, fur=fur), ["scarf_color"]


SUSPENDER_COLORS: Options = (("black", 3), ("brown", 2), ("red", 2), ("navy", 1), ("grey", 1))


def choose_suspenders(worn: bool, color: str | None, rng: np.random.Generator,
                      bib: bool = False) -> tuple[Suspenders | None, list[str]]:
    """Suspenders (with a bib: overalls) when the prompt names them (never by chance), in their
    colour or one the seed picks."""
    if not worn:
        return None, []
    return (Suspenders(color=color, bib=bib), []) if color else (Suspenders(color=pick(SUSPENDER_COLORS, rng), bib=bib),
                                                                 ["suspenders_color"])


HEADPHONE_COLORS: Options = (("black", 5), ("white", 2), ("grey", 1), ("navy", 1))


def choose_headphones(kind: str | None, color: str | None, rng: np.random.Generator) -> tuple[Headphones | None, list[str]]:
    """Headphones when the prompt or a trade names them (never by chance), in their colour or one
    the seed picks; a headset has a boom mic."""
    if kind is None:
        return None, []
    mic, neck = kind == "headset", kind == "neck"
    return (Headphones(color=color, mic=mic, neck=neck), []) if color else \
        (Headphones(color=pick(HEADPHONE_COLORS, rng), mic=mic, neck=neck), ["headphones_color"])


def choose_crown(style: str | None, color: str | None) -> Crown | None:
    """A crown (gold unless said) or a tiara (silver unless said) when the prompt names one or a
    royal who wears it; never by chance."""
    if style is None:
        return None
    return Crown(style=style, color=color or ("gold" if style == "crown" else "silver"))


def choose_eyepatch(side: str | None, rng: np.random.Generator) -> tuple[str | None, list[str]]:
    """The eye an eye patch covers: the one said, else one the seed picks; never by chance."""
    if side is None:
        return None, []
    if side in ("left", "right"):
        return side, []
    return pick((("left", 1), ("right", 1)), rng), ["eyepatch_side"]


def choose_headwear(kind: str | None, color: str | None, rng: np.random.Generator,
                    garment: Garment | None = None, backwards: bool = False,
                    trim: str | None = None, pattern: str | None = None) -> tuple[Headwear | None, list[str]]:
    """A headscarf, turban, beanie, cap, hat or chef's hat when the prompt names one (never by
    chance), in its colour or one the seed picks, with the print said (`pattern`); a hood worn up, the
    hoodie's or coat's colour, with its `trim` (fur) when said; a cap back to front when said so."""
    if kind is None:
        return None, []
    if color is None and kind == "hood" and garment is not None and garment.kind in HOODED_GARMENTS:
        color = garment.color
    chosen = [] if color is not None else ["headwear_color"]
    color = color if color is not None else pick(HEADWEAR_COLORS[kind], rng)
    return Headwear(kind=kind, color=color, backwards=backwards and kind == "cap",
                    trim=trim if kind == "hood" else None, pattern=pattern), chosen


HEADBAND_COLORS: dict[str, Options] = {
    "band": (("black", 3), ("red", 1), ("navy", 1), ("pink", 1), ("white", 1), ("burgundy", 1), ("mustard", 1)),
    "sweatband": (("white", 4), ("black", 2), ("red", 1), ("navy", 1), ("blue", 1)),
    "flowers": (("pink", 3), ("white", 2), ("yellow", 2), ("purple", 1), ("red", 1)),
    "flower": (("red", 3), ("pink", 2), ("white", 2), ("yellow", 1)),
    "bow": (("pink", 3), ("red", 3), ("white", 2), ("navy", 1), ("yellow", 1), ("black", 1)),
    "wreath": (("laurel", 1),),
    "halo": (("gold", 1),),
    "agal": (("black", 1),),
}


# what colour horns are when the prompt says none: an ox's their own, a devil's red
HORN_COLORS = {"ox": "horn", "devil": "red"}


def choose_horns(kind: str | None, color: str | None) -> Horns | None:
    """Horns when the prompt names them (never by chance), in the colour said, else their kind's."""
    return Horns(kind=kind, color=color or HORN_COLORS[kind]) if kind else None


def choose_veil(said: str | None, color: str | None) -> Veil | None:
    """A veil when the prompt (or a bride) names one, white unless a colour is said; "none": the
    prompt said without one."""
    return Veil(color=color or "white") if said == "veil" else None


# a surgical mask is pale blue and a respirator white unless said; a cloth mask's colour the seed picks
FACE_MASK_COLORS: dict[str, Options] = {
    "surgical": (("light blue", 1),),
    "respirator": (("white", 1),),
    "cloth": (("black", 4), ("navy", 2), ("grey", 2), ("white", 1), ("light blue", 1), ("burgundy", 1), ("olive", 1)),
}


def choose_face_mask(style: str | None, color: str | None, down: bool,
                     rng: np.random.Generator) -> tuple[FaceMask | None, list[str]]:
    """A face mask when the prompt names one (never by chance), in its colour or its kind's."""
    if style is None:
        return None, []
    options = FACE_MASK_COLORS[style]
    if color or len(options) == 1:
        return FaceMask(style=style, color=color or options[0][0], down=down), []
    return FaceMask(style=style, color=pick(options, rng), down=down), ["face_mask_color"]


def choose_headband(style: str | None, color: str | None, rng: np.random.Generator) -> tuple[Headband | None, list[str]]:
    """A headband, sweatband or crown of flowers when the prompt names one (never by chance), in its
    colour or one the seed picks (a flower crown's main flowers; the others are white and pink or yellow)."""
    if style is None:
        return None, []
    return (Headband(style=style, color=color), []) if color else \
        (Headband(style=style, color=pick(HEADBAND_COLORS[style], rng)), ["headband_color"])
