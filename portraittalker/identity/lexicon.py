"""The prompt lexicon: phrases -> (attribute, value), plus the colour palettes they name.

Entries are regular expressions over a normalised prompt (casefolded, hyphens and
underscores turned into spaces). Order matters: the parser tries entries top to bottom and a
span of text is consumed by the first entry that matches it, so specific phrases ("white
hair", "black background", "in her seventies") come before the bare words they contain
("white", "black", "her"). Colours are sRGB in [0, 1] (easy to author); `look.py` converts
them to linear RGB. The vocabulary names *what* the prompt says; `resolve.py` decides what
it means for the head (phenotype, hair style, garment).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

# -- colours ---------------------------------------------------------------------------------
def luminance(rgb) -> float:
    """Rec. 709 luma of an RGB triple (of the colour tables here, or a linear colour)."""
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


HAIR_COLORS_SRGB: dict[str, tuple[float, float, float]] = {
    "black": (0.06, 0.05, 0.05),
    "dark brown": (0.20, 0.13, 0.09),
    "brown": (0.33, 0.21, 0.13),
    "light brown": (0.55, 0.40, 0.27),
    "blonde": (0.86, 0.73, 0.48),
    "platinum": (0.93, 0.90, 0.82),
    "red": (0.60, 0.22, 0.08),
    "auburn": (0.45, 0.17, 0.08),
    "grey": (0.63, 0.61, 0.58),   # a warm grey: a neutral one read blue-grey beside warm skin (grey brows on dark skin)
    "silver": (0.78, 0.78, 0.80),
    "white": (0.92, 0.92, 0.91),
    "blue": (0.12, 0.32, 0.85),
    "green": (0.14, 0.58, 0.28),
    "pink": (0.95, 0.48, 0.70),
    "purple": (0.48, 0.22, 0.75),
    "orange": (0.95, 0.48, 0.12),
    "teal": (0.08, 0.58, 0.58),
    "yellow": (0.95, 0.85, 0.20),
    # dyed shades a prompt names on their own ("burgundy hair", "rose gold hair", "pastel pink hair")
    "bright red": (0.78, 0.07, 0.09),
    "burgundy": (0.40, 0.07, 0.13),
    "mahogany": (0.33, 0.12, 0.08),
    "dark blonde": (0.62, 0.48, 0.29),
    "rose gold": (0.87, 0.60, 0.54),
    "pastel pink": (0.97, 0.72, 0.82),
    "pastel blue": (0.62, 0.78, 0.95),
    "pastel purple": (0.76, 0.64, 0.92),
    "pastel green": (0.60, 0.88, 0.72),
    # neon dyes ("neon pink hair", "hot pink", "lime green"): more saturated than the plain dyes
    "hot pink": (1.00, 0.18, 0.60),
    "neon green": (0.42, 0.95, 0.16),
}
# a second colour not said ("two-tone hair"): the one of these two further from the hair's own in lightness
CONTRAST_ACCENT = "contrast"
CONTRAST_COLORS = ("black", "platinum")
HAIR_COLOR_SYNONYMS = {
    "blond": "blonde", "golden": "blonde", "honey": "blonde", "ash blonde": "blonde", "sandy": "light brown",
    "strawberry blonde": "blonde", "ginger": "red", "copper": "red", "gray": "grey", "salt and pepper": "grey",
    "chestnut": "auburn", "jet black": "black", "raven": "black", "violet": "purple",
    # a shade named with its hue ("chocolate brown", "silver grey") and food and metal names for hair colours
    "chocolate brown": "dark brown", "chocolate": "dark brown", "espresso": "dark brown", "raven black": "black",
    "blue black": "black", "off black": "black", "chestnut brown": "auburn", "sandy blonde": "light brown",
    "golden brown": "light brown", "ash brown": "brown", "silver grey": "grey", "steel grey": "grey",
    "pure white": "white", "peroxide blonde": "blonde", "flaxen": "blonde", "wheat": "blonde", "fire red": "red",
    "fiery red": "red", "titian": "red", "coppery": "red", "toffee": "light brown", "cinnamon": "auburn",
    "henna": "auburn", "hennaed": "auburn", "henna red": "auburn",   # a deep coppery red
    "turquoise": "teal", "cyan": "teal", "dark": "dark brown", "light": "light brown", "snow white": "white",
    "sun bleached": "blonde", "bleached": "blonde", "bleach blonde": "blonde", "platinum blonde": "platinum",
    "platinum blond": "platinum", "white blonde": "platinum", "white blond": "platinum", "ice blonde": "platinum", "cherry red": "bright red", "fire engine red": "bright red", "scarlet": "bright red",
    "crimson": "bright red", "wine red": "burgundy", "maroon": "burgundy", "plum": "burgundy",
    "dark red": "mahogany", "dirty blonde": "dark blonde", "dirty blond": "dark blonde", "dark blond": "dark blonde",
    "caramel": "light brown", "lilac": "pastel purple", "lavender": "pastel purple", "pastel violet": "pastel purple",
    "pastel lilac": "pastel purple", "mint": "pastel green", "mint green": "pastel green", "baby pink": "pastel pink",
    "cotton candy": "pastel pink", "bubblegum pink": "pastel pink", "baby blue": "pastel blue", "icy blue": "pastel blue",
    "neon pink": "hot pink", "fuchsia": "hot pink", "magenta": "hot pink", "electric pink": "hot pink",
    "bright pink": "hot pink", "vivid pink": "hot pink", "neon green": "neon green", "lime green": "neon green",
    "lime": "neon green", "acid green": "neon green", "electric green": "neon green", "toxic green": "neon green",
    "electric blue": "blue", "neon blue": "blue", "vivid blue": "blue", "bright blue": "blue", "cobalt blue": "blue",
    "neon purple": "purple", "electric purple": "purple", "vivid purple": "purple", "bright purple": "purple",
    "neon orange": "orange", "bright orange": "orange", "neon yellow": "yellow", "bright yellow": "yellow",
    "neon red": "bright red", "vivid red": "bright red", "honey blonde": "blonde", "golden blonde": "blonde",
    "mousy brown": "light brown", "mousy": "light brown", "pastel": "pastel pink",
}
# Dyed colours: eyebrows keep a natural colour.
UNNATURAL_HAIR = {"blue", "green", "pink", "purple", "orange", "teal", "yellow", "bright red", "burgundy", "rose gold",
                  "pastel pink", "pastel blue", "pastel purple", "pastel green", "hot pink", "neon green"}

EYE_COLORS_SRGB: dict[str, tuple[float, float, float]] = {
    "brown": (0.36, 0.21, 0.10),
    "dark brown": (0.20, 0.12, 0.06),
    "black": (0.08, 0.06, 0.05),
    "blue": (0.30, 0.52, 0.82),
    "green": (0.30, 0.56, 0.32),
    "hazel": (0.52, 0.40, 0.20),
    "grey": (0.52, 0.56, 0.60),
    "amber": (0.72, 0.46, 0.15),
}
EYE_COLOR_SYNONYMS = {"gray": "grey", "dark": "dark brown",
                      # a shade of the eyes' colour is that colour (the palette has no lighter blue or green)
                      **{f"{shade} {c}": c.replace("gray", "grey")
                         for shade in ("pale", "light", "bright", "icy", "ice", "deep", "piercing", "striking",
                                       "sparkling", "vivid")
                         for c in ("blue", "green", "grey", "gray", "hazel")},
                      "deep brown": "dark brown", "light brown": "hazel"}

HORN_SRGB = (0.78, 0.70, 0.54)   # horn's own colour: a pale yellowish ivory
# skin no one is born with: an alien's green, a zombie's grey-green, a devil's red (the face's shading,
# blush and marks are painted over it as over any skin)
FANTASY_SKIN_SRGB: dict[str, tuple[float, float, float]] = {
    "green": (0.42, 0.62, 0.33), "blue": (0.36, 0.52, 0.80), "grey": (0.60, 0.62, 0.58),
    "grey green": (0.55, 0.62, 0.49), "red": (0.78, 0.28, 0.22), "purple": (0.56, 0.40, 0.70)}
_FANTASY_SKIN_NAMES = {"gray": "grey", "ashen": "grey", "ashy grey": "grey", "violet": "purple", "lilac": "purple",
                       "grey green": "grey green", "gray green": "grey green", "greenish grey": "grey green",
                       "greenish gray": "grey green"}
CLOTHING_COLORS_SRGB: dict[str, tuple[float, float, float]] = {
    "black": (0.06, 0.06, 0.07), "white": (0.90, 0.90, 0.88), "grey": (0.45, 0.46, 0.48),
    "red": (0.70, 0.10, 0.10), "blue": (0.15, 0.30, 0.65), "navy": (0.08, 0.12, 0.30),
    "green": (0.18, 0.45, 0.22), "yellow": (0.90, 0.78, 0.20), "orange": (0.90, 0.45, 0.12),
    "pink": (0.90, 0.50, 0.65), "purple": (0.42, 0.20, 0.60), "brown": (0.40, 0.26, 0.15),
    "beige": (0.80, 0.72, 0.58), "denim": (0.28, 0.38, 0.55), "charcoal": (0.17, 0.18, 0.20),
    "olive": (0.40, 0.42, 0.20), "teal": (0.10, 0.50, 0.50), "cream": (0.93, 0.89, 0.78),
    "burgundy": (0.40, 0.07, 0.12), "light blue": (0.62, 0.76, 0.90), "mustard": (0.80, 0.62, 0.15),
    # metallic cloth ("a gold dress", "a silver jacket"), and a laurel wreath's leaves
    "gold": (0.78, 0.60, 0.25), "silver": (0.64, 0.65, 0.68), "laurel": (0.28, 0.40, 0.18),
    # fashion's named shades, said only (no palette picks them)
    "coral": (0.96, 0.50, 0.44), "peach": (0.98, 0.76, 0.62), "mint": (0.64, 0.88, 0.74), "rust": (0.66, 0.28, 0.12),
    "sage": (0.60, 0.68, 0.54), "terracotta": (0.78, 0.42, 0.30), "turquoise": (0.18, 0.76, 0.74),
    "bronze": (0.62, 0.45, 0.24), "ochre": (0.80, 0.58, 0.30),
}
# glasses frames (sRGB); lexicon words for them
GLASSES_COLORS_SRGB: dict[str, tuple[float, float, float]] = {
    "black": (0.04, 0.04, 0.045), "tortoiseshell": (0.36, 0.20, 0.09), "gold": (0.80, 0.64, 0.32),
    "silver": (0.72, 0.73, 0.75), "gunmetal": (0.30, 0.31, 0.33), "brown": (0.33, 0.20, 0.11),
    "red": (0.65, 0.08, 0.10), "blue": (0.12, 0.25, 0.60), "navy": (0.07, 0.10, 0.26),
    "green": (0.15, 0.38, 0.20), "white": (0.88, 0.88, 0.86), "pink": (0.88, 0.48, 0.62),
    "purple": (0.38, 0.18, 0.55), "grey": (0.42, 0.43, 0.45), "clear": (0.78, 0.76, 0.72),
    "orange": (0.90, 0.42, 0.08), "yellow": (0.92, 0.76, 0.12),
}
METAL_FRAMES = frozenset({"gold", "silver", "gunmetal"})  # shinier, and thin unless said
# earrings (sRGB): metals, pearl, and "diamond" as bright silver
EARRING_COLORS_SRGB: dict[str, tuple[float, float, float]] = {
    "gold": (0.83, 0.66, 0.30), "silver": (0.78, 0.79, 0.81), "pearl": (0.92, 0.90, 0.84),
    "diamond": (0.92, 0.93, 0.96), "black": (0.05, 0.05, 0.06), "red": (0.70, 0.08, 0.12),
}
GLASSES_COLOR_SYNONYMS = {
    "tortoise shell": "tortoiseshell", "tortoise": "tortoiseshell", "horn": "tortoiseshell", "metal": "silver",
    "wire": "silver", "steel": "silver", "chrome": "silver", "golden": "gold", "gray": "grey",
    "transparent": "clear", "crystal": "clear", "brass": "gold",
}
CLOTHING_COLOR_SYNONYMS = {
    "gray": "grey", "dark": "charcoal", "khaki": "beige", "tan": "beige", "maroon": "burgundy", "wine": "burgundy",
    "violet": "purple", "lavender": "purple", "sky blue": "light blue", "pale blue": "light blue",
    "baby blue": "light blue", "off white": "cream", "ivory": "cream", "navy blue": "navy", "dark blue": "navy",
    "royal blue": "blue", "crimson": "red", "saffron": "orange", "scarlet": "red", "emerald": "green", "forest green": "green",
    "dark green": "green", "camel": "beige", "rose": "pink", "lilac": "purple",
    "salmon": "coral", "mint green": "mint", "sage green": "sage", "copper": "rust", "sapphire": "blue", "ruby": "red",
    "dusty rose": "pink", "dusty pink": "pink", "aqua": "turquoise", "peach colored": "peach", "peach coloured": "peach",
    # bright and neon shades: the palette's own hue
    "bright red": "red", "bright blue": "blue", "electric blue": "blue", "cobalt blue": "blue", "bright green": "green",
    "lime green": "green", "lime": "green", "neon green": "green", "hot pink": "pink", "neon pink": "pink",
    "bright pink": "pink", "fuchsia": "pink", "magenta": "pink", "bright yellow": "yellow", "neon yellow": "yellow",
    "bright orange": "orange", "neon orange": "orange", "bright purple": "purple", "golden": "gold",
    "metallic gold": "gold", "metallic silver": "silver",
    # a shade named with its hue ("emerald green", "burnt orange") and a few more named shades
    "emerald green": "green", "bottle green": "green", "olive green": "olive", "khaki green": "olive",
    "charcoal grey": "charcoal", "charcoal gray": "charcoal", "mustard yellow": "mustard", "wine red": "burgundy",
    "blood red": "red", "cherry red": "red", "jet black": "black", "pitch black": "black", "snow white": "white",
    "chocolate brown": "brown", "chocolate": "brown", "burnt orange": "rust", "teal blue": "teal", "cobalt": "blue",
    "indigo": "navy", "cyan": "turquoise", "plum": "burgundy", "mauve": "purple", "periwinkle": "light blue",
    "caramel": "bronze",
    # no one colour: the seed picks a bright one (resolve._bright_colours)
    "colorful": "bright", "colourful": "bright", "multicolored": "bright", "multicoloured": "bright",
    "multi colored": "bright", "multi coloured": "bright", "vibrant": "bright", "vivid": "bright",
}
# a shade said of a palette colour ("vibrant red", "a pastel pink cardigan", "a dark red dress"): that colour,
# or the palette's darker or lighter one where it has one (the word had been left unread)
_SHADES = ("vibrant", "vivid", "rich", "deep", "muted", "soft", "pastel", "pale", "light", "dark", "bright", "neon")
_HUES = ("red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "grey", "teal")
_SHADED = {("dark", "red"): "burgundy", ("deep", "red"): "burgundy", ("dark", "grey"): "charcoal",
           ("deep", "grey"): "charcoal", ("deep", "blue"): "navy", ("light", "brown"): "beige", ("pale", "brown"): "beige",
           ("soft", "blue"): "light blue", ("pastel", "blue"): "light blue", ("light", "grey"): "grey"}
CLOTHING_COLOR_SYNONYMS.update({f"{shade} {colour}": _SHADED.get((shade, colour), colour)
                                for shade in _SHADES for colour in _HUES
                                if f"{shade} {colour}" not in CLOTHING_COLOR_SYNONYMS | CLOTHING_COLORS_SRGB.keys()})
BRIGHT = "bright"   # a colour said only as "colourful": resolve picks one of BRIGHT_COLORS for it
BRIGHT_COLORS = ("red", "orange", "yellow", "green", "pink", "purple", "blue", "teal")

# Skin tone on a 0 (very pale) .. 1 (very deep) scale; the palette interpolates a ramp.
SKIN_TONE_WORDS: dict[str, float] = {
    "very pale": 0.0, "pale": 0.05, "porcelain": 0.02, "fair": 0.12, "light": 0.2, "medium": 0.45,
    "olive": 0.42, "tan": 0.5, "tanned": 0.5, "brown": 0.68, "dark": 0.86, "deep": 0.93, "ebony": 0.95,
    "wheatish": 0.4, "dusky": 0.72,   # Indian English: light brown, and a deeper brown
    "black": 0.9, "white": 0.08,      # "black skin" (Vietnamese da đen, Indonesian kulit hitam), "white skin"
}
# Ancestry words set defaults (tone, hair, eyes) that explicit words override.
ETHNICITY_DEFAULTS: dict[str, tuple[float, str, str]] = {
    "east asian": (0.24, "black", "dark brown"),
    "southeast asian": (0.45, "black", "dark brown"),
    "south asian": (0.60, "black", "dark brown"),
    "european": (0.14, "brown", "blue"),
    "nordic": (0.06, "blonde", "blue"),
    "mediterranean": (0.34, "dark brown", "brown"),
    "african": (0.88, "black", "dark brown"),
    "african american": (0.78, "black", "dark brown"),
    "latino": (0.42, "dark brown", "brown"),
    "middle eastern": (0.40, "black", "brown"),
    "indigenous american": (0.50, "black", "dark brown"),
    "pacific islander": (0.58, "black", "dark brown"),
    "aboriginal australian": (0.84, "dark brown", "dark brown"),
    "mixed": (0.50, "dark brown", "brown"),
}

# -- what a prompt may name ---------------------------------------------------------------------
HAIR_STYLES: tuple[str, ...] = (
    "bald", "buzz", "short", "medium", "shoulder", "long_straight", "long_wavy", "bob", "ponytail", "bun",
    "pigtails", "afro", "mohawk", "undercut", "shaved", "short_locs", "locs", "long_locs", "balding", "space_buns",
    "braids", "mullet", "spiky", "braid", "set",
)
LOCS_STYLES = ("short_locs", "locs", "long_locs")   # dreadlocks, locs, box braids: separate ropes
GARMENTS: tuple[str, ...] = (
    "t_shirt", "collared_shirt", "suit", "jacket", "sweater", "cardigan", "hoodie", "blouse", "dress",
    "school_uniform", "robe", "vest", "tank_top", "clerical", "turtleneck", "v_neck",
)
# garments worn over another (its shirt shows at the neck) and the ones worn under them
BARE_CHEST = "bare"   # a garment kind outside GARMENTS: nothing worn above the waist (no cloth geometry)
# a kind outside GARMENTS: "a uniform" said without whose. A trade's own ("a nurse in uniform": her scrubs),
# else a child's school uniform or an adult's service jacket (styling.choose_garment)
GENERIC_UNIFORM = "uniform"
OUTER_GARMENTS = frozenset({"suit", "jacket", "cardigan", "school_uniform", "robe", "vest", GENERIC_UNIFORM})
UNDER_GARMENTS = frozenset({"collared_shirt", "blouse", "t_shirt", "sweater", "hoodie", "turtleneck", "tank_top",
                            "v_neck"})
FACIAL_HAIR: tuple[str, ...] = ("none", "stubble", "moustache", "goatee", "short_beard", "full_beard", "long_beard")
# When several facial-hair words appear ("white moustache and beard"), the fullest one wins.
FACIAL_HAIR_RANK = {name: i for i, name in enumerate(FACIAL_HAIR)}
# A moustache's shape (identity.FacialHair.moustache; None: the plain one), drawn by head.parts.facial_hair.MOUSTACHES:
# walrus (bushy, wide, hanging over the lip and past its corners), handlebar (long ends curling up), pencil (a thin
# line along the lip's edge), horseshoe (ends straight down beside the mouth to the jaw), chevron (thick, covering
# the whole upper lip), fu_manchu (thin ends hanging below the jaw), toothbrush (a small block under the nose)
MOUSTACHE_STYLES: tuple[str, ...] = ("walrus", "handlebar", "pencil", "horseshoe", "chevron", "fu_manchu", "toothbrush")

# -- phrase patterns ---------------------------------------------------------------------------
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
            "eighties": 80, "nineties": 90}
_NUM = (r"\d{1,3}|(?:" + "|".join(_TENS) + r")(?:\s+(?:" + "|".join(_UNITS[1:10]) + r"))?|"
        + "|".join(sorted(_UNITS[1:], key=len, reverse=True)))
_DECADE = r"(?:[2-9]0\s?'?s|" + "|".join(_DECADES) + ")"


def number_value(text: str) -> float:
    """'35' -> 35, 'thirty five' -> 35, 'six' -> 6."""
    text = text.strip()
    if text.isdigit():
        return float(text)
    words = text.split()
    total = _TENS.get(words[0], None)
    if total is None:
        return float(_UNITS.index(words[0]))
    return float(total + (_UNITS.index(words[1]) if len(words) > 1 else 0))


def _alt(words: dict | list | tuple | set) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_HAIR_C = _alt([*HAIR_COLORS_SRGB, *HAIR_COLOR_SYNONYMS])
# a hair colour said before its length or texture ("sun bleached shaggy hair"); not the words that
# also name skin ("a black curly haired man" is a Black man)
_HAIR_C0 = _alt([c for c in [*HAIR_COLORS_SRGB, *HAIR_COLOR_SYNONYMS]
                 if c not in ("black", "white", "brown", "dark", "light")])
# ... those words too where the phrase ends in the noun "hair" ("white short hair", "black long wavy hair":
# French, Spanish and Italian put the colour first, and their translations kept that order)
_HAIR_C0_HAIR = rf"{_HAIR_C0}|(?:black|white|brown|dark|light)(?=\s+(?:[\w-]+\s+){{0,3}}hair\b)"
_EYE_C = _alt([*EYE_COLORS_SRGB, *EYE_COLOR_SYNONYMS])
_CLOTH_C = _alt([*CLOTHING_COLORS_SRGB, *CLOTHING_COLOR_SYNONYMS])
_LENGTH = {
    "very short": "short", "short": "short", "cropped": "short", "chin length": "bob", "medium length": "medium",
    "mid length": "medium", "medium": "medium", "shoulder length": "shoulder", "long": "long", "very long": "long",
    "waist length": "long", "long flowing": "long", "flowing": "long", "shaggy": "medium",
    "mid back length": "long", "hip length": "long", "chest length": "long", "collarbone length": "medium",
    "jaw length": "bob", "ear length": "short",
}
# where the hair ends, said as a place on the body ("hair down to her waist", "hair past her shoulders")
_HAIR_ENDS = {"waist": "long", "hips": "long", "hip": "long", "back": "long", "mid back": "long",
              "shoulder blades": "long", "chest": "long", "collarbone": "medium", "collarbones": "medium",
              "neck": "medium", "chin": "bob", "jaw": "bob", "jawline": "bob", "ears": "short", "ear": "short"}


def _hair_ends(m) -> dict:
    """Hair said by where it ends: on the shoulders "shoulder" length, past them long, else `_HAIR_ENDS`."""
    where, prep = m.group("where"), m.group("prep") or "to"   # "reaching her shoulders": to them
    if where.startswith("shoulder") and where != "shoulder blades":
        length = "long" if re.match(r"past|below|over|beyond|just", prep) else "medium" if prep == "above" else "shoulder"
    else:
        length = _HAIR_ENDS[where]
    return {"hair_length": length, **_said_hair_color(m)}
_TEXTURE = {
    "straight": "straight", "sleek": "straight", "wavy": "wavy", "curly": "curly", "kinky": "curly",
    "coily": "curly", "frizzy": "curly", "tousled": "wavy", "messy": "wavy", "voluminous": "wavy",
    "wild": "wavy", "unruly": "wavy", "untamed": "wavy", "unkempt": "wavy", "dishevelled": "wavy", "disheveled": "wavy",
    "windswept": "wavy", "windblown": "wavy", "wind blown": "wavy", "bedhead": "wavy",
    "spiky": "straight", "spiked": "straight", "gelled": "straight",   # short, stood up (drawn combed)
    "permed": "curly", "teased": "wavy", "crimped": "wavy",
}
_SHORT_TEXTURES = {"spiky", "spiked"}
# garment nouns -> kind (specific before general; colour may precede)
_GARMENT_NOUNS: dict[str, str] = {
    "school uniform": "school_uniform", "sailor uniform": "school_uniform", "uniform": GENERIC_UNIFORM,
    "school blazer": "school_uniform",
    "hooded sweatshirt": "hoodie", "hoodie": "hoodie", "hoody": "hoodie",
    "business suit": "suit", "suit jacket": "suit", "pantsuit": "suit", "pant suit": "suit", "trouser suit": "suit",
    "skirt suit": "suit", "power suit": "suit", "three piece suit": "suit", "two piece suit": "suit",
    "pinstripe suit": "suit", "pinstriped suit": "suit", "tuxedo": "suit", "suit": "suit", "formal wear": "suit",
    "formal attire": "suit", "business attire": "suit", "formal clothes": "suit",
    "cardigan": "cardigan", "sweater": "sweater", "jumper": "sweater", "pullover": "sweater",
    "turtleneck": "turtleneck", "turtle neck": "turtleneck", "polo neck": "turtleneck", "roll neck": "turtleneck",
    "rollneck": "turtleneck", "mock neck": "turtleneck",
    "crewneck": "sweater", "crew neck": "sweater", "knitwear": "sweater", "sweatshirt": "sweater", "knit": "sweater",
    "blazer": "jacket", "leather jacket": "jacket", "denim jacket": "jacket", "jacket": "jacket",
    "coat": "jacket", "sport coat": "jacket", "trench coat": "jacket", "raincoat": "jacket", "parka": "jacket",
    "puffer jacket": "jacket", "puffer": "jacket", "windbreaker": "jacket", "overcoat": "jacket",
    "peacoat": "jacket", "pea coat": "jacket", "anorak": "jacket", "bomber jacket": "jacket",
    "varsity jacket": "jacket", "track jacket": "jacket", "tracksuit": "jacket",
    "kimono": "robe", "yukata": "robe", "hanbok": "robe", "hanfu": "robe", "bathrobe": "robe",
    "dressing gown": "robe", "karate gi": "robe", "judo gi": "robe", "jiu jitsu gi": "robe", "martial arts gi": "robe",
    "judogi": "robe", "karategi": "robe", "dogi": "robe", "qipao": "dress", "cheongsam": "dress", "sari": "dress",
    "saree": "dress", "ao dai": "dress", "robes": "robe", "robe": "robe", "tutu": "dress", "kurta": "collared_shirt", "sherwani": "jacket", "henley": "t_shirt", "crop top": "blouse", "tunic": "blouse",
    "dress shirt": "collared_shirt", "button up shirt": "collared_shirt", "button down shirt": "collared_shirt",
    "polo shirt": "collared_shirt", "flannel shirt": "collared_shirt", "collared shirt": "collared_shirt",
    "oxford shirt": "collared_shirt", "shirt": "collared_shirt", "polo": "collared_shirt",
    "t shirt": "t_shirt", "tshirt": "t_shirt", "tee": "t_shirt", "sports bra": "t_shirt", "jersey": "t_shirt",
    "undershirt": "t_shirt", "top": "blouse", "blouse": "blouse",
    "sundress": "dress", "gown": "dress", "dress": "dress", "pinafore dress": "dress", "pinafore": "dress",
    "peasant blouse": "blouse",
    "evening gown": "dress", "evening dress": "dress", "ball gown": "dress", "ballgown": "dress", "cocktail dress": "dress",
    "prom dress": "dress", "soccer jersey": "t_shirt", "football jersey": "t_shirt", "basketball jersey": "t_shirt",
    "hockey jersey": "t_shirt", "baseball jersey": "t_shirt", "football shirt": "t_shirt", "soccer shirt": "t_shirt",
    "casual clothes": "casual", "casual clothing": "casual", "casual outfit": "casual", "casual wear": "casual",
    "casual": "casual", "clothes": "casual", "outfit": "casual", "attire": "casual",
    "onesie": "sweater", "sleepsuit": "sweater", "babygrow": "sweater", "romper": "t_shirt",
    "pajamas": "collared_shirt", "pyjamas": "collared_shirt",
    # a collared robe (a Gulf thobe), a pleated shirt, a pullover tunic, a loose kaftan, a cloak,
    # West Africa's wide-sleeved robes over a shirt (agbada, boubou)
    "thobe": "collared_shirt", "thawb": "collared_shirt", "dishdasha": "collared_shirt", "kandura": "collared_shirt",
    "guayabera": "collared_shirt", "dashiki": "t_shirt", "kaftan": "blouse", "caftan": "blouse", "poncho": "sweater",
    "abaya": "dress", "leotard": "dress", "agbada": "robe", "boubou": "robe", "grand boubou": "robe", "charro suit": "suit", "mariachi suit": "suit", "zoot suit": "suit",
    # a long tunic over trousers (South Asia), a lace blouse (Indonesia), a skirt with its blouse or
    # bodice (India, the Alps), a sheer embroidered shirt (the Philippines)
    "salwar kameez": "blouse", "shalwar kameez": "blouse", "kameez": "blouse", "kurti": "blouse",
    "churidar": "blouse", "kebaya": "blouse", "huipil": "blouse", "lehenga choli": "dress", "lehenga": "dress",
    "anarkali": "dress", "ghagra choli": "dress", "dirndl": "dress", "barong tagalog": "collared_shirt",
    "barong": "collared_shirt",
    # one-piece work or flight suits, collared at the neck (not overalls, whose bib hangs on straps)
    "boiler suit": "collared_shirt", "boilersuit": "collared_shirt", "jumpsuit": "collared_shirt",
    "coveralls": "collared_shirt", "flight suit": "collared_shirt", "mechanic's overalls": "collared_shirt",
    # sleeveless over a shirt: a waistcoat (American "vest"; a British vest is an undershirt, said
    # "vest top"), a sweater vest, a gilet
    "waistcoat": "vest", "vest": "vest", "suit vest": "vest", "sweater vest": "vest", "sweatervest": "vest",
    "gilet": "vest", "puffer vest": "vest", "down vest": "vest", "fleece vest": "vest", "body warmer": "vest",
    "bodywarmer": "vest",
    # sleeveless on straps (a British "vest" is this, said "vest top")
    "tank top": "tank_top", "tanktop": "tank_top", "vest top": "tank_top", "singlet": "tank_top",
    "gym clothes": "tank_top", "gym wear": "tank_top", "gym gear": "tank_top", "workout clothes": "tank_top",
    "workout gear": "tank_top", "athletic wear": "tank_top", "activewear": "tank_top", "active wear": "tank_top",
    "sportswear": "tank_top", "sports clothes": "tank_top", "exercise clothes": "tank_top",
    "camisole": "tank_top", "cami": "tank_top", "cami top": "tank_top", "muscle shirt": "tank_top",
    "muscle tee": "tank_top", "sleeveless top": "tank_top", "sleeveless tee": "tank_top",
    "sleeveless t shirt": "tank_top", "v neck t shirt": "v_neck", "v neck tee": "v_neck", "v neck shirt": "v_neck",
    "v neck top": "v_neck", "v neck": "v_neck", "vneck": "v_neck",
    "sleeveless shirt": "tank_top", "athletic vest": "tank_top",
    "running vest": "tank_top", "basketball vest": "tank_top",
    # bare shoulders on straps or none: the nearest the avatar has is the tank top's straps
    "tube top": "tank_top", "halter top": "tank_top", "halterneck top": "tank_top", "bandeau top": "tank_top",
    "off shoulder top": "tank_top", "off the shoulder top": "tank_top", "corset": "tank_top", "bustier": "tank_top",
    "bikini top": "tank_top", "bikini": "tank_top", "swimsuit": "tank_top", "bathing suit": "tank_top",
    "swimming costume": "tank_top", "one piece swimsuit": "tank_top", "leotard top": "tank_top",
    # a neoprene wetsuit closes high round the neck; a fleece is a soft zip-up sweater; printed tees
    "wetsuit": "turtleneck", "fleece": "sweater", "fleece jacket": "jacket", "graphic tee": "t_shirt",
    "graphic t shirt": "t_shirt", "band t shirt": "t_shirt", "band tee": "t_shirt", "tie dye shirt": "t_shirt",
    "tie dye t shirt": "t_shirt", "toga": "robe",
    # a clergy shirt under its band collar; a cassock shows the same at the neck
    "clergy shirt": "clerical", "clerical shirt": "clerical", "cassock": "clerical", "soutane": "clerical",
}
_GARMENT = _alt(_GARMENT_NOUNS)
SLEEVED_TOPS = frozenset({"t_shirt", "collared_shirt", "blouse", "sweater"})
# what a garment is made of or patterned with, said between its colour and its name ("a green velvet
# dress", "a red plaid shirt"): read past (the avatar's cloth is plain), but leather and denim colour it
_FABRIC = _alt(["velvet", "silk", "silky", "satin", "wool", "woolen", "woollen", "cotton", "linen", "leather", "denim",
                "lace", "lacy", "cable knit", "knitted", "knit", "cashmere", "tweed", "corduroy", "fleece", "flannel", "sequined",
                "sequinned", "embroidered", "floral", "striped", "breton", "plaid", "checked", "checkered", "tartan", "buffalo check",
                "buffalo plaid", "traditional",
                "polka dot", "polka dotted", "patterned", "printed", "hawaiian", "aloha", "flowered", "flowery",
                "gingham", "pinstriped", "pinstripe", "stripy", "spotted", "dotted", "camouflage", "camo",
                "oversized", "baggy", "loose", "fitted", "wrinkled", "crisp", "quilted", "padded", "fur lined", "fur trimmed", "faux fur", "shearling", "sherpa",
                "fur", "furry", "mink", "fox fur", "leopard print", "leopard", "cheetah print", "animal print",
                "zebra print", "zebra striped", "zebra",
                "vintage", "sleeveless", "short sleeved", "long sleeved", "chunky", "cropped",
                # ordinary words of cut, wear and use ("a red sports jersey", "a green zip-up hoodie"): they name
                # nothing of their own, so the colour before them is still the garment's (not words that begin a
                # garment's own name, "school blazer", "formal attire", "football shirt", which would split it)
                "sports", "sport", "team", "rugby", "ski", "work", "zip up", "zip", "zipped", "zippered", "button up",
                "button down", "buttoned", "plain", "simple", "basic", "casual", "smart", "elegant", "classic",
                "stylish", "cosy", "cozy", "comfy", "comfortable", "soft", "warm", "thick", "heavy", "lightweight",
                "long", "short", "big", "large", "worn", "faded", "ripped", "torn", "distressed", "tattered", "shabby",
                "clean", "neat", "pressed", "tailored", "slim fit", "loose fitting", "tight", "tight fitting",
                "form fitting", "skin tight", "boxy", "flowing", "flowy", "maxi", "midi", "mini", "knee length",
                "floor length", "ankle length", "pleated", "ruffled", "frilly", "wrap", "strapless", "backless", "shiny",
                "glossy", "sparkly", "glittery", "shimmery", "matching", "favourite", "favorite", "fancy", "summer",
                "winter", "party", "evening", "cocktail", "new", "natural", "suede", "sequin", "double breasted",
                "single breasted", "quarter zip", "half zip", "rain", "field"])
# the same for hair, between its length or colour and its name ("long thick black hair", "short natural afro")
_HAIR_MOD = _alt(["thick", "thin", "fine", "full", "lush", "luscious", "silky", "shiny", "glossy", "lustrous", "healthy",
                  "soft", "smooth", "fluffy", "bouncy", "layered", "feathered", "textured", "neat", "neatly combed",
                  "combed", "brushed", "styled", "well groomed", "groomed", "tidy", "natural", "loose", "plain",
                  "simple", "classic"])
_HAIR_MODS = rf"(?:(?:{_HAIR_MOD})\s+){{0,2}}"
# a second colour of a two-coloured pattern ("a red and white checkered keffiyeh"): read past, the
# first colour said is the garment's
_AND_COLOR = rf"(?:\s+and\s+(?P<and_color>{_CLOTH_C}))?"
# the colour of a thing worn, said before its name, past its material or pattern ("a black knitted beanie")
_WORN_COLOR = rf"(?:(?P<color>{_CLOTH_C}){_AND_COLOR}\s+)?(?:(?:{_FABRIC})\s+){{0,2}}"
# a garment's print or weave, painted on its cloth (appearance/paint.py): the words that say it
PATTERNS: dict[str, str] = {
    **dict.fromkeys(("striped", "stripy", "stripes", "breton", "sailor striped"), "stripes"),
    **dict.fromkeys(("pinstripe", "pinstriped", "pinstripes"), "pinstripes"),
    **dict.fromkeys(("plaid", "tartan", "checked", "checkered", "chequered", "check", "gingham", "flannel",
                     "lumberjack", "buffalo check", "buffalo plaid"), "plaid"),
    **dict.fromkeys(("polka dot", "polka dotted", "polka dots", "dotted", "spotted"), "dots"),
    **dict.fromkeys(("floral", "flowered", "flowery", "hawaiian", "aloha"), "floral"),
    **dict.fromkeys(("camouflage", "camo"), "camo"),
    **dict.fromkeys(("leopard print", "leopard", "cheetah print", "animal print"), "leopard"),
    **dict.fromkeys(("zebra print", "zebra striped", "zebra"), "zebra"),
    **dict.fromkeys(("fur", "furry", "faux fur", "mink", "fox fur"), "fur"),
}
_PATTERN_WORD = re.compile(r"(?<!\w)(?:" + "|".join(sorted(PATTERNS, key=len, reverse=True)) + r")(?!\w)")
HEADWEAR_PRINTS = frozenset({"stripes", "plaid", "dots", "floral", "camo"})   # the ones a head covering takes


_FUR_CLOTH = re.compile(r"(?<!\w)(?:fur|furry|faux\s+fur|mink|fox\s+fur|bearskin|wolf\s?skin|sheepskin)(?![\w-]|[\s-]+(?:lined|trimmed))")
# fur only at an edge: "a fur-lined parka", "a fur-trimmed hood", "a hood with fur trim", "a fur ruff"
_FUR_EDGE = re.compile(r"(?<!\w)(?:fur[\s-]+(?:trimmed|lined|edged)|fur\s+(?:trim|ruff)s?"
                       r"|hoods?\s+(?:with|edged\s+(?:with|in)|trimmed\s+(?:with|in)|lined\s+with)\s+(?:(?:a|faux)\s+)*fur)(?!\w)")


# an animal print's ground, unless the prompt names a colour (its marks: prints.second_colour)
ANIMAL_PRINT_COLORS = {"leopard": "ochre", "zebra": "white"}


def said_pattern(text: str) -> str | None:
    """The pattern the first pattern word of `text` names ("a red plaid flannel shirt": plaid)."""
    m = _PATTERN_WORD.search(_FUR_EDGE.sub(" ", text))   # a fur-trimmed or fur-lined coat is not a fur coat
    return PATTERNS[m.group(0)] if m else None


# the colour a garment's material gives it when the prompt names none
_MATERIAL_COLORS: dict[str, str] = {"leather jacket": "black", "denim jacket": "denim", "bomber jacket": "olive",
                                    "leather": "black", "denim": "denim", "tweed": "brown", "corduroy": "brown",
                                    "parka": "olive", "parkas": "olive", "peasant blouse": "white"}


@dataclass(frozen=True)
class Entry:
    """A lexicon entry: `pattern` matched on word boundaries (unless `bounded` is False, as
    for CJK text and emoji, which have no spaces between words); `apply(match)` returns the
    attribute updates it implies."""

    pattern: str
    apply: Callable[["object"], dict]
    bounded: bool = True


def _set(**values) -> Callable[[object], dict]:
    return lambda _m: dict(values)


def _age(lo: float, hi: float, **more) -> Callable[[object], dict]:
    """An age word: the range of years it means (the seed picks within it) and its middle."""
    return _set(age_years=(lo + hi) / 2, age_range=(float(lo), float(hi)), **more)


def _age_number(m) -> dict:
    n = number_value(m.group("n") or m.groupdict().get("n2"))
    if n > 110:  # "1080 year old" is not a person's age
        return {}
    return {"age_years": n, "age_range": (n, n), "age_stated": True}


def _age_months(m) -> dict:
    """A baby's age in months or weeks, in years."""
    n = number_value(m.group("n")) / (12.0 if m.group("unit").startswith("month") else 52.0)
    if n > 6:  # "36 months old" is a toddler; "1000 weeks old" is not how anyone's age is said
        return {}
    n = round(n, 2)
    return {"age_years": n, "age_range": (n, n), "age_stated": True}


ABOUT_YEARS = 1.0   # "about 8 years old" is 7 to 9 (give or take 3, an 8-year-old was drawn at 5.5)


def _age_about(m) -> dict:
    """An approximate age ("around 45"): the number as `_age_number` reads it, give or take ABOUT_YEARS."""
    out = _age_number(m)
    if out:
        n = out["age_years"]
        out["age_range"] = (max(0.0, n - ABOUT_YEARS), n + ABOUT_YEARS)
    return out


def _age_nearly(m) -> dict:
    """An age said as nearly a number ("pushing 70"): half a year to three years under it."""
    out = _age_number(m)
    if out:
        n = out["age_years"]
        out.update(age_years=n - 1.5, age_range=(max(0.0, n - 3.0), n - 0.5))
    return out


def _age_between(m) -> dict:
    """An age said as a span ("aged 45-50"): its middle, the span its range (nothing when it is no age span)."""
    lo, hi = number_value(m.group("n")), number_value(m.group("n2"))
    if not 0 < lo < hi <= lo + 20 or hi > 110:
        return {}
    return {"age_years": (lo + hi) / 2, "age_range": (float(lo), float(hi)), "age_stated": True}


# a kin word after "his", "her" or "their" is another person's kin, not the person shown ("a man and his
# daughter" is the man)
_NOT_THEIRS = r"(?<!his )(?<!her )(?<!their )"


def _age_decade(m) -> dict:
    word = m.group("decade").replace("'", "").replace(" ", "")
    start = float(_DECADES[word] if word in _DECADES else int(word[:2]))
    part = (m.groupdict().get("part") or "").strip()
    lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(part, (0, 9))
    out = {"age_years": start + (lo + hi) / 2, "age_range": (start + lo, start + hi), "age_stated": True}
    sex = {"her": "female", "his": "male"}.get(m.groupdict().get("pron") or "")
    return {**out, "sex": sex} if sex else out  # "a professor in her 30s": the pronoun is taken with the age


def _hair(m) -> dict:
    return {**_length_texture(m), **_said_hair_color(m)}


def _length_texture(m) -> dict:
    """The hair's length and texture said in a match (its colour groups are read apart)."""
    out: dict = {}
    g = m.groupdict()
    if g.get("length"):
        out["hair_length"] = _LENGTH[g["length"]]
    # of two textures in a row ("long voluminous wavy hair") the second, nearer the noun, is the curl
    texture = g.get("tex1b") or g.get("tex1") or g.get("tex0") or g.get("tex2")
    if texture:
        out["hair_texture"] = _TEXTURE[texture]
        if texture in _SHORT_TEXTURES:
            out.setdefault("hair_length", "short")
            out["hair_spiky"] = True
    return out


def _ombre(m) -> dict:
    """Ombre: the hair's ends fade to a second colour (blonde unless said). A dark colour said before
    the word is the hair's own ("brown ombre hair"), any other the ends' ("blonde ombre", "pink ombre")."""
    base, ends = (HAIR_COLOR_SYNONYMS.get(c, c) if c else None
                  for c in (m.group("base"), m.group("color") or m.group("color2")))
    if base not in ("black", "dark brown", "brown") and not ends:
        base, ends = None, base
    return {"hair_accent": ends or "blonde", "hair_accent_style": "tips", **({"hair_color": base} if base else {}),
            **_length_texture(m)}


def _split_dye(m) -> dict:
    """Split-dyed hair: the first colour said on the person's right, the second on the left; with one
    colour or none, the other half contrasts with the hair's colour (`CONTRAST_ACCENT`)."""
    said = [HAIR_COLOR_SYNONYMS.get(c, c) for c in m.group("c1", "c3", "c5", "c2", "c4", "c6") if c]
    return {**({"hair_color": said[0]} if said else {}), "hair_accent": said[1] if len(said) > 1 else CONTRAST_ACCENT,
            "hair_accent_style": "split", **_length_texture(m)}


def _hair_accent(style: str, default: str | None = None) -> Callable[[object], dict]:
    """A second colour in the hair ("blonde highlights", "a white streak", "pink tips", "ombre")."""
    def read(m) -> dict:
        c = next((v for k, v in m.groupdict().items() if k.startswith("color") and v), None) or default
        return {"hair_accent": HAIR_COLOR_SYNONYMS.get(c, c), "hair_accent_style": style} if c else {}
    return read


def _brow_shape(m) -> dict:
    """{"brow_shape": arched | straight} with the size and colour said with it."""
    size = m.group("size")
    return {"brow_shape": "straight" if m.group("shape") in ("straight", "flat", "level") else "arched",
            **({"brows": "thin" if size in ("thin", "plucked", "fine", "delicate", "sparse") else "thick"} if size else {}),
            **_brow_color(m)}


def _brow_color(m) -> dict:
    """{"brow_color": ...} for the colour said with the brows ("dark" brows are dark brown)."""
    c = m.groupdict().get("color")
    if c is None and re.match(r"(?:\w+\s+)?dark\b", m.group(0)):
        c = "dark brown"
    return {"brow_color": HAIR_COLOR_SYNONYMS.get(c, c)} if c else {}


def _said_hair_color(m) -> dict:
    """{"hair_color": ...} for the colour group of a hair match, {} when none was said."""
    c = m.groupdict().get("color") or m.groupdict().get("color0")
    return {"hair_color": HAIR_COLOR_SYNONYMS.get(c, c)} if c else {}


def _coiled(usual: str, long: str, short: str) -> Callable[[object], dict]:
    """Twists: curly hair of the style `usual`, or `long`/`short` when the prompt says so ("long
    twists"), in the colour said."""
    def apply(m) -> dict:
        style = {"long": long, "short": short}.get(m.group("length") or "", usual)
        return {"hair_style": style, "hair_texture": "curly", **_said_hair_color(m)}
    return apply


# locks' length word -> style (unsaid or any other length: to the shoulders)
LOCS_LENGTH = {"short": "short_locs", "long": "long_locs"}
_LOCS_SAID = rf"(?:(?P<length>{_alt(_LENGTH)})\s+)?(?:(?P<color>{_HAIR_C})\s+)?"
_LOCS_UP = r"(?P<up>\s+(?:tied|piled|pulled|swept|put)\s+up|\s+(?:tied\s+|piled\s+|pulled\s+)?(?:up\s+)?in(?:to)?\s+an?\s+(?:(?:high|low|big|top|messy|tight)\s+)?(?:bun|updo|top\s?knot))?"


def _locs(usual: str, short: str = "short_locs") -> Callable[[object], dict]:
    """Dreadlocks, locs or box braids: ropes of coiled hair, `usual`, `short` or long as the prompt
    says ("short dreadlocks", "long box braids"), in the colour said; tied up they are a bun."""
    def apply(m) -> dict:
        if m.group("up"):
            return {"hair_style": "bun", "hair_texture": "curly", **_said_hair_color(m)}
        length = _LENGTH.get(m.group("length") or "")
        style = {**LOCS_LENGTH, "short": short}.get(length, usual)
        return {"hair_style": style, "hair_texture": "curly", **_said_hair_color(m)}
    return apply


def _braids(m) -> dict:
    """Braids of no said kind: two plaits, or box braids on tightly curled hair (`hair_braids`)."""
    return {**_hair_style("braids")(m), "hair_braids": True}


def _one_braid(m) -> dict:
    """One braid (`hair_gather`: "french" from the crown, "side" or "side_right" over the left or right
    shoulder, else from the nape)."""
    at = "french" if m.group("french") else None
    if m.group("side") or m.group("over"):  # over the left shoulder unless the right is said
        at = "side_right" if m.group("right") else "side"
    return {**_hair_style("braid")(m), **({"hair_gather": at} if at else {})}


def _wig(m) -> dict:
    """A wig is the hair seen: its colour, length and texture; a judge's or powdered wig is white curls."""
    out = {"hair_wig": True, **_said_hair_color(m)}
    if m.group("length"):
        out["hair_length"] = _LENGTH[m.group("length")]
    if m.group("tex"):
        out["hair_texture"] = _TEXTURE[m.group("tex")]
    if m.group("powdered"):
        out = {"hair_color": "white", "hair_texture": "curly", "hair_length": "short", **out}
    return out


def _hair_style(style: str, texture: str | None = None) -> Callable[[object], dict]:
    """A style word, with the length, texture and colour said with it; `texture`: the one the style
    itself has (cornrows, afro puffs are curly)."""
    def apply(m) -> dict:
        out = {"hair_style": style, **_said_hair_color(m)}
        if m.groupdict().get("length"):  # "long grey braids"
            out["hair_length"] = _LENGTH[m.group("length")]
        if m.groupdict().get("tex"):     # "curly pigtails"
            out["hair_texture"] = _TEXTURE[m.group("tex")]
        if texture is not None:
            out["hair_texture"] = texture
        return out
    return apply


def _gathered(style: str) -> Callable[[object], dict]:
    """A ponytail or bun, tied high (on the crown: "a high ponytail", "a top knot") or low (at the nape: "a low
    bun", "a chignon") when said; a side ponytail, or one worn over a shoulder, over the front of the left
    shoulder unless the right is said."""
    plain = _hair_style(style)

    def apply(m) -> dict:
        words = m.group(0)
        at = "high" if re.search(r"(?<!\w)(?:high|top\s?knot|top)(?!\w)", words) else \
            "low" if re.search(r"(?<!\w)(?:low|chignon)(?!\w)", words) else None
        said = m.groupdict()
        if said.get("side") or said.get("over"):
            at = "side_right" if said.get("right") else "side"
        return {**plain(m), **({"hair_gather": at} if at else {})}
    return apply


# what is said of a beard's size -> its kind (words not listed, such as "full" or "thick", keep a full beard)
_BEARD_SIZES = {"short": "short_beard", "trimmed": "short_beard", "neat": "short_beard", "small": "short_beard",
                "scruffy": "short_beard", "thin": "short_beard", "sparse": "short_beard", "patchy": "short_beard",
                "wispy": "short_beard", "light": "short_beard", "scraggly": "short_beard",
                "long": "long_beard", "bushy": "long_beard", "big": "long_beard", "flowing": "long_beard",
                "wizard": "long_beard", "braided": "long_beard", "plaited": "long_beard", "viking": "long_beard"}
# what is said of a moustache -> its shape (MOUSTACHE_STYLES): its name, the nearest named one, or its size
# ("a bushy moustache" hangs like a walrus, "a thin moustache" is a pencil line); others keep the plain one
_MOUSTACHE_WORDS = {"walrus": "walrus", "handlebar": "handlebar", "pencil": "pencil", "horseshoe": "horseshoe",
                    "chevron": "chevron", "fu manchu": "fu_manchu", "toothbrush": "toothbrush",
                    "imperial": "handlebar", "dali": "handlebar", "waxed": "handlebar", "curled": "handlebar",
                    "curly": "handlebar", "biker": "horseshoe", "lampshade": "chevron", "droopy": "walrus",
                    "drooping": "walrus", "hitler": "toothbrush"}
_MOUSTACHE_SIZES = {"bushy": "walrus", "thick": "walrus", "big": "walrus", "heavy": "walrus", "huge": "walrus",
                    "large": "walrus", "full": "chevron", "dense": "chevron",
                    "thin": "pencil", "small": "pencil", "narrow": "pencil", "little": "pencil", "tiny": "pencil",
                    "wispy": "pencil", "sparse": "pencil"}
_NOT_A_SHADE = r"(?!light\s+(?:brown|blonde?)\b)"   # "a light brown beard": a colour, not a light beard of brown
_BEARD_SIZE = _alt([*_BEARD_SIZES, *_MOUSTACHE_WORDS, *_MOUSTACHE_SIZES, "neatly trimmed", "well groomed", "groomed"])


def _moustache_style(words: str) -> str | None:
    """The moustache shape the words before "moustache" say (MOUSTACHE_STYLES): a named shape beats a size."""
    said = re.findall(rf"(?<!\w)(?:{_alt([*_MOUSTACHE_WORDS, *_MOUSTACHE_SIZES])})(?!\w)", words)
    named = [_MOUSTACHE_WORDS[w] for w in said if w in _MOUSTACHE_WORDS]
    sized = [_MOUSTACHE_SIZES[w] for w in said if w in _MOUSTACHE_SIZES]
    return (named or sized or [None])[0]


def _facial_hair(m) -> dict:
    noun = m.group("noun")
    size = (m.group("size") or m.group("size0") or "").strip()
    style = {}
    if noun.startswith("beard") or noun == "bearded":
        kind = _BEARD_SIZES.get(size, "full_beard")
    elif noun in ("moustache", "mustache", "moustached", "mustached"):
        kind = "moustache"
        shape = _moustache_style(m.group(0)[:m.start("noun") - m.start()])
        style = {"moustache_style": shape} if shape else {}
    else:
        kind = "goatee"
    return {"facial_hair": kind, **style, **_said_beard_color(m)}


def _said_beard_color(m) -> dict:
    """{"facial_hair_color": ...} for the colour group of a facial-hair match, {} when none was said."""
    c = m.groupdict().get("color")
    return {"facial_hair_color": HAIR_COLOR_SYNONYMS.get(c, c)} if c else {}


def _eyes(m) -> dict:
    c = m.group("color")
    return {"eye_color": EYE_COLOR_SYNONYMS.get(c, c)}


def _odd_eyes(m) -> dict:
    """Heterochromia: the colours of the two eyes where said (the first the person's left unless
    the words put it on the right), else only that they differ (the seed picks)."""
    g = {k: EYE_COLOR_SYNONYMS.get(v, v) for k, v in m.groupdict().items() if v and k.startswith("c")}
    if "c1" not in g:
        return {"heterochromia": True}
    right_first = (m.groupdict().get("s1") or "") == "right"
    left, right = (g["c2"], g["c1"]) if right_first else (g["c1"], g["c2"])
    return {"heterochromia": True, "eye_color": left, "eye_color_right": right}


def _cloth_color(c: str | None) -> str | None:
    return CLOTHING_COLOR_SYNONYMS.get(c, c) if c else None


_GLASSES_THICK = {"thick", "heavy", "chunky", "bold", "horn", "plastic", "nerdy", "hipster", "oversized", "big",
                  "large", "geek", "geeky", "safety", "protective"}   # (safety glasses: a sturdy clear frame)
_GLASSES_THIN = {"thin", "wire", "metal", "rimless", "gold", "silver", "steel", "delicate", "small", "aviator",
                 "frameless", "titanium", "aviators", "half moon", "half rim", "half rimmed", "semi rimless"}
_GLASSES_ROUND = {"round", "oval", "circular", "lennon"}
_GLASSES_AVIATOR = {"aviator", "aviators", "pilot", "teardrop"}
_GLASSES_RECT = {"square", "rectangular", "rectangle", "browline"}
_GLASSES_WORDS = (_GLASSES_THICK | _GLASSES_THIN | _GLASSES_ROUND | _GLASSES_AVIATOR | _GLASSES_RECT
                  | {"reading", "cat eye", "retro", "vintage", "designer", "prescription", "dark", "tinted", "mirrored",
                     "pair of", "small", "black"})
_GLASSES_MOD = _alt([*GLASSES_COLORS_SRGB, *GLASSES_COLOR_SYNONYMS, *_GLASSES_WORDS]) + r"|[a-z]+\s+shaped"


def _glasses(m) -> dict:
    """Glasses or sunglasses, with a frame colour, shape and thickness where the words say so."""
    text = m.group(0)
    tokens = text.split()
    words = set(tokens) | {" ".join(pair) for pair in zip(tokens, tokens[1:])}   # "half moon"
    sun = bool(re.search(r"sun\s?glasses|shades|aviators|dark glasses|tinted", text))
    out: dict = {"glasses": "sunglasses" if sun else "glasses"}
    colours = re.findall(rf"\b(?:{_alt([*GLASSES_COLORS_SRGB, *GLASSES_COLOR_SYNONYMS])})\b", text)
    named = [GLASSES_COLOR_SYNONYMS.get(c, c) for c in colours]
    if named:
        out["glasses_color"] = named[0]
    if words & _GLASSES_AVIATOR:
        out["glasses_shape"] = "aviator"
    elif words & _GLASSES_ROUND:
        out["glasses_shape"] = "round"
    elif words & _GLASSES_RECT:
        out["glasses_shape"] = "rectangular"
    if words & _GLASSES_THICK:
        out["glasses_frame"] = "thick"
    elif words & _GLASSES_THIN:
        out["glasses_frame"] = "thin"
    return out


_GOGGLES_C = _alt([*GLASSES_COLORS_SRGB, *GLASSES_COLOR_SYNONYMS])
# goggles worn up: "goggles on her forehead", "pushed up on his helmet", "on top of her head"
_RAISED_ON_HEAD = (r"\s+(?:(?:pushed|perched|resting|sitting|propped|worn)\s+)?(?:up\s+)?(?:on|onto|over)\s+"
                   r"(?:top\s+of\s+)?(?:his|her|their|the)\s+(?:forehead|head|brow|helmet|hat|beanie|cap|hair)"
                   r"|\s+pushed\s+up")


def _goggles(m) -> dict:
    """Goggles: tinted for snow, clear for work, the lab, swimming or flying; raised where said."""
    tinted = re.search(r"ski|snow|tinted|mirrored", m.group("kind") or "")
    out: dict = {"glasses": "ski_goggles" if tinted else "goggles", "glasses_raised": m.group("raised") is not None}
    if m.group("color"):
        out["glasses_color"] = GLASSES_COLOR_SYNONYMS.get(m.group("color"), m.group("color"))
    return out


_MONOCLE_METAL = _alt(["gold", "golden", "silver", "steel", "gunmetal", "brass", "metal"])


def _monocle(m) -> dict:
    """A monocle, in the metal said, over the eye said (the person's own)."""
    out: dict = {"glasses": "monocle"}
    metal = m.group("color")
    if metal:
        metal = "gold" if metal == "brass" else metal
        out["glasses_color"] = GLASSES_COLOR_SYNONYMS.get(metal, metal)
    if m.group("eye") or m.group("eye2"):
        out["glasses_eye"] = m.group("eye") or m.group("eye2")
    return out


_NECKLACE_KINDS = {"pearl": "pearls", "pearls": "pearls", "bead": "pearls", "beaded": "pearls", "beads": "pearls",
                   "shell": "pearls", "puka": "pearls",
                   "pendant": "pendant", "locket": "pendant", "cross": "cross", "crucifix": "cross",
                   "chain": "chain", "chains": "chain", "choker": "choker"}
_SOFT_CHOKERS = ("black", "velvet", "lace", "leather", "ribbon")  # a choker of these is a black band


def _necklace(m) -> dict:
    """A necklace: a chain, a pendant or locket, a cross, pearls or beads, a choker; its colour as far as said."""
    words = m.group(0).split()
    kind = next((_NECKLACE_KINDS[w] for w in words if w in _NECKLACE_KINDS), None)
    colour = next((w for w in words if w in EARRING_COLORS_SRGB or w in ("golden", *_SOFT_CHOKERS)), None)
    out: dict = {"necklace": kind or "any"}
    if colour:
        out["necklace_color"] = "gold" if colour == "golden" else "black" if colour in _SOFT_CHOKERS else colour
    return out


_SCARF_WORDS = r"wool|woollen|woolen|woolly|wooly|knit|knitted|cashmere|silk|chunky|thick|long|warm|winter|cozy|cosy"


def _first_cloth_color(text: str) -> str | None:
    colour = re.search(rf"(?<!\w)(?:{_CLOTH_C})(?!\w)", text)
    return _cloth_color(colour.group(0)) if colour else None


def _scarf(m) -> dict:
    """A scarf round the neck, in the first colour said with it."""
    colour = _first_cloth_color(m.group(0))
    return {"scarf": True, **({"scarf_color": colour} if colour else {})}


# a bandana said with no place on a cowboy is the one round his neck (his hat is on his head),
# and his is red unless its colour is said
_HEAD_PLACE = re.compile(r"\s+(?:over|on|covering|under|in)\s+(?:his|her|their|the)\s+(?:hair|head)")
_COWBOY = re.compile(r"(?<!\w)cow(?:boy|girl|poke|hand)s?(?!\w)")


def _neckerchief(m) -> dict:
    """A neckerchief: a bandana or kerchief knotted round the neck, in the first colour said with it."""
    colour = _first_cloth_color(m.group(0)) or ("red" if _COWBOY.search(m.string) else None)
    return {"scarf": True, "scarf_style": "neckerchief", **({"scarf_color": colour} if colour else {})}


_DO_RAG = re.compile(r"(?i)d[ou]-?rag")


def _bandana(m) -> dict:
    """A bandana or do-rag over the head; a cowboy's bandana said with no place, round his neck."""
    do_rag = _DO_RAG.search(m.group(0))
    placed = _HEAD_PLACE.search(m.group(0)) or _HEAD_PLACE.match(m.string, m.end())
    if _COWBOY.search(m.string) and not do_rag and not placed:
        return _neckerchief(m)
    return _worn_on_head("bandana", m, "black" if do_rag else None)


# what else a prompt may put round a cowboy's neck
_NECK_CLOTH = re.compile(r"scarf|scarves|muffler|neckerchief|bandann?a|kerchief|(?<!bow\s)tie(?!\w)|cravat")


def _cowboy(sex: str) -> Callable[[object], dict]:
    """A cowboy's or cowgirl's hat, and a red neckerchief unless the prompt names what is round the neck."""
    def apply(m) -> dict:
        out = {"sex": sex, "headwear": "cowboy_hat"}
        if not _NECK_CLOTH.search(m.string):
            out.update(scarf=True, scarf_style="neckerchief", scarf_color="red")
        return out
    return apply


def _suspenders(m) -> dict:
    """Suspenders (British braces) over the shirt, in the colour said with them."""
    colour = _cloth_color(m.group("color"))
    return {"suspenders": True, **({"suspenders_color": colour} if colour else {})}


def _apron(m) -> dict:
    """An apron: a bib on straps (the overalls' geometry), white unless a colour is said."""
    return {"suspenders": True, "overalls": True, "suspenders_color": _cloth_color(m.group("color")) or "white"}


def _overalls(m) -> dict:
    """Overalls (dungarees): suspenders holding a bib, in the colour said (else denim, or the
    material's), over a shirt of another colour."""
    colour = _cloth_color(m.group("color")) or _MATERIAL_COLORS.get(m.group("fabric") or "", "denim")
    return {"suspenders": True, "overalls": True, "suspenders_color": colour}


# -- marks on the skin (identity/marks.py names them) ------------------------------------------
# where a phrase puts a mark: the body word -> the place, per kind (None: where the seed puts it)
_MARK_PLACES: dict[str, dict[str, str | None]] = {
    "mole": {"cheekbone": "cheekbone", "cheek": "cheek", "chin": "chin", "jaw": "chin", "jawline": "chin",
             "nose": "nose", "forehead": "forehead", "temple": "forehead", "brow": "forehead", "eyebrow": "forehead",
             "lip": "lip", "mouth": "lip", "eye": "cheekbone"},
    "scar": {"cheekbone": "cheek", "cheek": "cheek", "face": "cheek", "facial": "cheek", "jaw": "cheek",
             "jawline": "cheek", "eye": "eye", "brow": "eye", "eyebrow": "eye", "chin": "chin", "lip": "chin",
             "mouth": "chin", "forehead": "forehead", "temple": "forehead", "nose": "nose"},
    "tattoo": {**dict.fromkeys(("face", "facial", "cheek", "cheekbone", "chin", "forehead", "jaw", "jawline", "lip",
                                "mouth", "temple", "nose"), "face"),
               **dict.fromkeys(("neck", "throat", "shoulder", "chest", "arm", "collarbone", "hand"), "neck"),
               "eye": "teardrop", "teardrop": "teardrop", "tear drop": "teardrop", "moko": "face"},
    "bandage": {"cheek": "cheek", "cheekbone": "cheek", "face": "cheek", "jaw": "chin", "jawline": "chin", "eye": "eye",
                "eyebrow": "eye", "brow": "eye", "nose": "nose", "chin": "chin", "lip": "chin", "mouth": "chin",
                "forehead": "forehead", "temple": "forehead"},
    "stain": dict.fromkeys(("cheek", "cheekbone", "face", "facial", "jaw", "jawline", "eye", "temple"), "cheek"),
}
_BODY = (r"cheekbones?|cheeks?|chin|jawline|jaw|nose|forehead|temples?|eyebrows?|brows?|eyes?|lips?|mouth|face"
         r"|necks?|throat|shoulders?|chest|arms?|collarbones?|hands?")
# "... on his left cheek", "... across the right side of her face", "... under one eye" (the glossed
# "cicatriz en la mejilla" comes as "scar cheek")
_MARK_WHERE = (r"(?:\s+(?:(?:on|across|over|above|below|under|beside|by|near|next\s+to|at|down|through|along|running"
               r"(?:\s+(?:down|across|through|over))?)\s+)?(?:(?P<pron>his|her|their|the|one|each)\s+)?"
               r"(?:(?P<side>left|right)\s+)?(?:(?:side|corner)\s+of\s+(?:(?:his|her|their|the)\s+)?)?"
               rf"(?P<place>{_BODY}))?")
_MARK_SIZE = (r"(?:(?:small|tiny|little|dark|brown|black|large|big|prominent|cute|single|long|thin|jagged|old|faint"
              r"|deep|fresh|vertical|diagonal|battle|sword|duell?ing|knife|visible|noticeable|heavy|heavily|intricate"
              r"|rose|flower|floral|dragon|star|snake|skull|heart|butterfly|spider\s?web|spider|swallow|script|tribal"
              r"|maori|polynesian|traditional|black\s+ink|ink)\s+){0,3}")


def _skin_mark(m) -> dict:
    """A mole, beauty mark, scar, tattoo, bandage or port-wine stain, with where the phrase puts it
    (marks.py's words); a birthmark or wart is drawn as a mole."""
    g = m.groupdict()
    word = g["kind"]
    kind = ("beauty" if word.startswith("beauty") else "mole" if word.startswith(("mole", "birth", "wart"))
            else "scar" if word.startswith("scar") else "stain" if "wine" in word
            else "bandage" if re.search(r"band|plaster", word) else "tattoo")
    body = "moko" if "moko" in word else re.sub(r"s$", "", g.get("place") or g.get("place0") or "")
    place = _MARK_PLACES["mole" if kind == "beauty" else kind].get(body)
    if place == "teardrop" and body == "eye" and not re.search(r"under|below", m.group(0)):
        place = "face"   # "tattoos around his eyes": the face's; "a tattoo under one eye": a teardrop
    side = g.get("side") or g.get("side0")
    name = "_".join(x for x in (kind, place, side if place else None) if x)
    sex = {"her": "female", "his": "male"}.get(g.get("pron") or "")
    return {"skin_marks": name, **({"sex": sex} if sex else {})}


def _war_paint(m) -> dict:
    colour = _cloth_color(m.group("color"))
    return {"skin_marks": f"paint_{colour.replace(' ', '_')}" if colour else "paint"}


def _bindi(m) -> dict:
    colour = _cloth_color(m.group("color"))
    # a bindi is worn mostly by women; a tilak by men and women alike
    return {"skin_marks": f"bindi_{colour.replace(' ', '_')}" if colour else "bindi",
            **({"sex": "female"} if m.group("word").startswith("bindi") else {})}


def _black_eye(m) -> dict:
    g = m.groupdict()
    side = g.get("side") or g.get("side2") or g.get("side3")
    sex = {"her": "female", "his": "male"}.get(g.get("pron") or "")
    return {"skin_marks": f"bruise_eye_{side}" if side else "bruise_eye", **({"sex": sex} if sex else {})}


# -- the face's paint and skin, the teeth ---------------------------------------------------
# British "braces" hold trousers up. Dental unless the words are about clothes: teeth, metal or
# orthodontic say dental; trousers, suspenders or a shirt or suit "and braces" say clothes; a
# colour before it ("red braces") says clothes on an adult, but a child's or teen's coloured
# braces are the bands on dental ones.
_DENTAL = re.compile(r"teeth|metal|silver|steel|ceramic|clear|dental|orthodontic|train")
_SUSPENDERS = re.compile(r"trousers|pants|slacks|jeans|suspenders|waistcoat|bow\s+tie|flat\s+cap|holding\s+up"
                         r"|(?:shirt|suit|shirtsleeves)\s+(?:and|with)\s+(?:\w+\s+)?braces"
                         r"|braces\s+and\s+(?:a\s+)?(?:\w+\s+)?shirt")
_YOUNG = re.compile(r"(?<!\w)(?:teen\w*|boys?|girls?|kids?|child(?:ren)?|schoolboy|schoolgirl|youngsters?"
                    r"|1?\d\s+years?\s+old)(?!\w)")


def _braces(m) -> dict:
    """Braces on the teeth, unless the words round them are about trousers (see _SUSPENDERS)."""
    near = m.string[max(0, m.start() - 40):m.end() + 40]
    if _DENTAL.search(m.group(0)):
        return {"teeth": "braces"}
    if _SUSPENDERS.search(near) or (m.group("color") and not _YOUNG.search(m.string)):
        return _suspenders(m)
    return {"teeth": "braces"}


def _metal_teeth(m) -> dict:
    """A gold or silver tooth (one), or gold teeth or a grill (the front row)."""
    metal = "silver" if m.group("metal") == "silver" else "gold"
    return {"teeth": f"{metal}_{'tooth' if m.group('one') else 'teeth'}"}


def _mouth_prop(m) -> dict:
    """What is held in the mouth ("a pipe", "cigars", "a chain smoker": a cigarette)."""
    word = m.group("smoker") or m.group("kind")
    kind = ("pipe" if word.startswith("pipe") else "cigar" if re.match(r"cigars?$", word)
            else "toothpick" if word.startswith("toothpick") else "cigarette")
    return {"mouth_prop": kind}


def _piercing(m, kind: str) -> dict:
    """A piercing of `kind`, in gold when the words say so (silver otherwise)."""
    gold = re.search(r"gold", m.group(0))
    return {"piercings": kind, **({"piercings_color": "gold"} if gold else {})}


def _headphone_trade(m) -> dict:
    """A trade that wears headphones: a headset for gamers, streamers and call centres; a host is an anchor."""
    text = m.group(0)
    out: dict = {"headphones": "headset" if re.search(r"gamer|e-?sport|call|air traffic|streamer", text) else "headphones"}
    if re.search(r"host|presenter|announcer", text):
        out["role"] = "anchor"
    return out


def _crown(m) -> dict:
    """A crown (gold unless said) or a tiara (silver unless said)."""
    text = m.group(0)
    colour = re.search(r"gold|silver|diamond|crystal", text)
    style = "tiara" if re.search(r"tiara|circlet", text) else "crown"
    out: dict = {"crown": style}
    if colour:
        out["crown_color"] = {"golden": "gold", "crystal": "diamond"}.get(colour.group(0), colour.group(0))
    return out


def _eyepatch(m) -> dict:
    """An eye patch over the eye said ("over his left eye"), else either (the seed picks)."""
    side = re.search(r"left|right", m.group(0))
    return {"eyepatch": side.group(0) if side else "either"}


_RESPIRATOR = re.compile(r"respirator|n95|kn95|ffp[23]|dust")
_CLOTH_MASK = re.compile(r"cloth|fabric|cotton|knit|bandann?a|kerchief|neck\s?gaiter|buff|reusable|homemade")
_MASK_DOWN = re.compile(r"down|under|below|beneath|(?:a)?round\s+(?:his|her|their|the)\s+chin|on\s+(?:his|her|their|the)\s+chin")


def _face_mask(m) -> dict:
    """A face mask over nose and mouth: a surgical one unless a respirator (N95, FFP2) or cloth (a
    bandana over the face) is said; in the first colour said with it; pulled down under the chin if said."""
    text = m.group(0)
    style = "respirator" if _RESPIRATOR.search(text) else "cloth" if _CLOTH_MASK.search(text) else "surgical"
    colour = _first_cloth_color(text)
    return {"face_mask": style, "face_mask_down": bool(_MASK_DOWN.search(text)),
            **({"face_mask_color": colour} if colour else {})}


_DECADE_WORDS = {"twenties": "2", "thirties": "3", "forties": "4", "fifties": "5", "sixties": "6", "seventies": "7",
                 "eighties": "8", "nineties": "9"}


def _era(m) -> dict:
    """A decade of the last century as a period ("1950s", "80s", "fifties style", "the roaring twenties")."""
    digit = m.group("d") or _DECADE_WORDS.get(m.group("w") or "", "2")
    return {"era": f"19{digit}0s"}


def _headphones(m) -> dict:
    """Headphones, or a headset with a boom mic (a gaming headset, "headset"), in the first colour said."""
    text = m.group(0)
    colour = _first_cloth_color(text)
    kind = "neck" if re.search(r"neck$", text) else "headset" if re.search(r"head\s?set", text) else "headphones"
    return {"headphones": kind, **({"headphones_color": colour} if colour else {})}


def _earrings(m) -> dict:
    """Earrings: a hoop, a stud or a pearl, in gold, silver, pearl ..., as far as the words say."""
    kind = m.group("kind") or m.group("kind2") or m.group("kind3") or ""
    colour = m.group("color") or m.group("color2") or m.group("color3")
    style = "hoop" if kind.startswith("hoop") else "pearl" if "pearl" in (kind, colour) else \
        "stud" if kind.startswith(("stud", "diamond")) or colour == "diamond" else None
    out: dict = {"earrings": style or "any"}
    if colour:
        out["earrings_color"] = "gold" if colour == "golden" else colour
    return out


def _trade(garment: str, color: str, **more) -> Callable[[object], dict]:
    """A trade named without its clothes ("a soldier"): what it usually wears, which a garment the
    prompt names still replaces ("a soldier in a black suit")."""
    return _set(clothing=garment, clothing_color=color, trade_outfit=True, **more)


def _uniform(m, default: str, garment: str = "jacket") -> dict:
    """A uniform: `garment` in the colour named with it, else the trade's colour."""
    return {"clothing": garment, "clothing_color": _cloth_color(m.group("color")) or default}


def _garment(m) -> dict:
    out: dict = {"clothing": _GARMENT_NOUNS[m.group("garment")]}
    if "sleeveless" in m.group(0) and out["clothing"] in SLEEVED_TOPS:
        out["clothing"] = "tank_top"   # a sleeveless shirt or tee (a sleeveless dress stays a dress)
    if pattern := said_pattern(m.string[m.start():m.start("tie")] if m.group("tie") else m.group(0)):  # not the tie's
        out["clothing_pattern"] = pattern
        if m.group("and_color"):
            out["clothing_pattern_color"] = _cloth_color(m.group("and_color"))
        if pattern == "camo" and not m.group("color"):
            out["clothing_color"] = "olive"   # camouflage's ground
        if pattern in ANIMAL_PRINT_COLORS and not m.group("color"):
            out["clothing_color"] = ANIMAL_PRINT_COLORS[pattern]   # the animal's own ground
        if pattern == "fur" and not m.group("color"):
            out["clothing_color"] = "brown"
    if m.group("color"):
        out["clothing_color"] = _cloth_color(m.group("color"))
    elif material := next((w for w in (m.groupdict().get("fabric"), m.group("garment")) if w in _MATERIAL_COLORS), None):
        out["clothing_color"] = _MATERIAL_COLORS[material]  # a leather jacket is black unless the prompt says otherwise
    if m.groupdict().get("tie") is not None:
        out["tie"] = True
        if m.group("tcolor"):
            out["tie_color"] = _cloth_color(m.group("tcolor"))
    return out


def _worn_color(m) -> dict:
    return {"clothing_color": _cloth_color(m.group("color"))}


def _tie(m) -> dict:
    out: dict = {"tie": True}
    if "bow" in m.group(0):
        out["tie_style"] = "bow"
    if m.group("color"):
        out["tie_color"] = _cloth_color(m.group("color"))
    return out


def _something(m) -> dict:
    """"forty something", "40-something": the decade from its start."""
    decade = m.group("decade")
    start = float(_TENS.get(decade) or int(decade))
    return {"age_years": start + 4.5, "age_range": (start, start + 9.0), "age_stated": True}


def _age_bound(m) -> dict:
    """"over 50": 51 to 60; "under 30": 20 to 29 (a bound said of a person's age)."""
    if m.group("over"):
        lo = float(m.group("over")) + 1.0
        return {"age_years": lo + 4.5, "age_range": (lo, lo + 9.0), "age_stated": True}
    hi = float(m.group("under")) - 1.0
    return {"age_years": hi - 4.5, "age_range": (hi - 9.0, hi), "age_stated": True}


def _lipstick(m) -> dict:
    c = m.groupdict().get("color")
    return {"makeup": f"{_cloth_color(c)} lipstick" if c else "lipstick"}


_SKIN_SHADE = {"light": -0.18, "dark": 0.15, "deep": 0.2}  # "light brown skin" lies between light and brown


def _skin(m) -> dict:
    shade = _SKIN_SHADE.get(m.groupdict().get("shade") or "", 0.0)
    tanned = m.group("tone") in ("tan", "tanned")   # a tan is the sun's, not a sign of ancestry
    return {"skin_tone": round(min(max(SKIN_TONE_WORDS[m.group("tone")] + shade, 0.0), 1.0), 2),
            **({"skin_tanned": True} if tanned else {})}


def _background_color(m) -> dict:
    return {"background": "plain", "background_color": m.group("color")}


# a number followed by one of these is a height or weight, not an age ("a man, 6'2\", 200 lbs")
_UNITS_OF_BODY = r"cm|m|kg|kgs|lbs?|pounds|ft|feet|foot|inches|in|stone|st"
_PERSON_NOUNS = ("girl", "boy", "child", "kid", "man", "woman", "lady", "person", "son", "daughter", "student")
# "a girl of six", "a boy, 7,": a bare number right after a person noun is an age
_AFTER_PERSON = "(?:" + "|".join(f"(?<={n} of )|(?<={n}, )|(?<={n} \\()|(?<={n} aged )" for n in _PERSON_NOUNS) + ")"
# "a woman around 45", "a man of about 60": an approximate age right after a person noun
_NEAR_PERSON = "(?:" + "|".join(f"(?<={n} )" for n in _PERSON_NOUNS) + ")"
# "black" and "white" name ancestry only before a word for a person ("a Black woman", "white
# elderly man"); elsewhere they are a colour ("a white chef's jacket", "black-rimmed glasses")
# "a soldier in uniform": the trade's own uniform, not a school's
_NOT_FACIAL_HAIR = r"(?!\s+(?:beards?|bearded|moustaches?|mustaches?|goatees?|stubble|sideburns))"
_IN_UNIFORM = r"(?:\s+in\s+(?:(?:a|his|her|their|full)\s+)?(?:dress\s+)?uniforms?)?"
# "a woman, black, 30s": a list item right after a person noun names ancestry too
_LISTED_AFTER_PERSON = "(?:" + "|".join(f"(?<={n}, )" for n in _PERSON_NOUNS) + r")(?:{0})(?=\s*(?:[,;.]|$))"
_PERSON_AHEAD = (r"(?=\s+(?:(?:young|old|elderly|middle aged|teenage|little|older|tall|short|slim|heavy)\s+)?"
                 r"(?:man|men|woman|women|boy|boys|girl|girls|person|people|guy|lady|child|kid|teen|teenager"
                 r"|male|female|gentleman|grandmother|grandfather|mother|father|grandma|grandpa|adult|senior"
                 r"|chef|cook|nurse|doctor|soldier|police|officer|pilot|teacher|professor|student|scientist"
                 r"|businessman|businesswoman|news anchor|anchor|reporter|journalist|actor|actress|singer"
                 r"|athlete|farmer|worker|artist|musician)s?\b"
                 r"(?!'|\s+(?:hat|toque|uniform|coat|jacket|whites|outfit)))")  # "a white chef's hat": the hat's

# a build word before one of these describes it, not the body ("thin white moustache")
_NOT_THE_BODY = (rf"(?!\s+(?:(?:{_HAIR_C}|{_CLOTH_C}|rimmed|framed|knit|knitted|wool|woolen|woollen|pointed|pointy)\s+){{0,2}}"
                 r"(?:beards?|moustaches?|mustaches?|goatees?|stubble|sideburns|eyebrows?|brows|lips|lashes"
                 r"|eyelashes|eye\s?liner|liner|mascara|make\s?up|lipstick|glasses|frames?|rims?|spectacles"
                 r"|hair|fringe|bangs|braids?|plaits?|ponytail|lines|wrinkles|scarf|necklace|chain|jacket|coat"
                 r"|sweater|jumper|cardigan|knit|shirt|tie|hat|cap|turban|beanie|hood|hoodie|stripes?|fabric"
                 r"|wool|font|voice|smile|nose|face\s+paint)\b)")
# an origin word before one of these names the thing's style, not the person's ancestry
# ("a man in a Hawaiian shirt", "an Italian suit")
_NOT_ANCESTRY = (rf"(?!\s+(?:{_GARMENT}|shirts?|hats?|caps?|style|styled|food|cuisine|restaurant|flag|print"
                 r"|pattern|accent|cut|tailoring|design|fashion)\b)")


def _origin(words: str, **values) -> Entry:
    """An ancestry or origin named by `words` (a regex), unless it names a style of thing."""
    return Entry(rf"(?:{words}){_NOT_ANCESTRY}", _set(**values))


# what is said of a hat's shape, size or wear before its colour ("a wide brimmed black hat", "a floppy red hat", "a
# tall black top hat": "tall" of a hat is not the person's)
_HAT_WORDS = (r"(?:wide|broad)[\s-]brimmed|floppy|big|large|small|little|tall|battered|worn|knitted|knit|woolly|wooly"
              r"|fuzzy|furry|warm|cosy|cozy|chunky|slouchy|fitted|stiff|soft|classic|simple|shabby|crumpled|jaunty")


def _headwear(kind: str, words: str) -> Entry:
    """A head covering named by `words` (a regex), with the colour (and shape or wear: _HAT_WORDS) said before it."""
    return Entry(rf"(?:(?:{_HAT_WORDS})\s+){{0,2}}{_WORN_COLOR}(?:{words})s?", lambda m: _worn_on_head(kind, m))


# head coverings of cloth that take a print said with them ("a floral headscarf", "a striped beanie")
PRINTED_HEADWEAR = frozenset({"headscarf", "turban", "beanie", "flat_cap", "cap"})


def _worn_on_head(kind: str, m, default_color: str | None = None) -> dict:
    """A head covering of `kind` in the colour said before it (else `default_color`, else the seed's), with
    the print said with it when it is cloth."""
    colour = _cloth_color(m.group("color")) or default_color
    pattern = said_pattern(m.group(0)) if kind in PRINTED_HEADWEAR else None
    return {"headwear": kind, **({"headwear_color": colour} if colour else {}),
            **({"headwear_pattern": pattern} if pattern in HEADWEAR_PRINTS else {})}


_HELMET_KINDS = (r"bike|bicycle|cycling|cycle|motorcycle|motorbike|crash|riding|combat|army|military|soldier'?s?"
                 r"|knight'?s?|football|hockey|lacrosse|ski|skiing|snowboard|climbing|fire(?:man'?s?|fighter'?s?)?"
                 r"|space|pilot'?s?|racing|roman|viking|spartan|gladiator'?s?|medieval")
# what a helmet is painted when the prompt says no colour: the one its trade or kind wears
_HELMET_COLOURS = ((r"knights?|medieval|roman|viking|spartan|gladiators?|armou?r|steel|metal|iron|silver|chrome", "grey"),
                   (r"astronauts?|cosmonauts?|space", "white"),
                   (r"soldiers?|army|military|combat|marines?|infantry|troopers?", "olive"),
                   (r"fire\s?(?:man|men|fighters?)|fire", "yellow"))


def _helmet(m) -> dict:
    """A helmet in the colour said before it, else the one its kind or the prompt's trade wears
    (a knight's steel, a soldier's olive, a firefighter's yellow), else the seed's."""
    if _cloth_color(m.group("color")) in CLOTHING_COLORS_SRGB:
        return _worn_on_head("helmet", m)
    for words, colour in _HELMET_COLOURS:
        if re.search(rf"(?i)(?<!\w)(?:{words})(?!\w)", m.string):
            return {"headwear": "helmet", "headwear_color": colour}
    return {"headwear": "helmet"}


_HORN_WORDS = (r"devil'?s?|demon'?s?|satyr'?s?|bull'?s?|ox|cow|buffalo|viking|little|small|tiny|short|big|large|long"
               r"|curved|curly|pointy|pointed|sharp|two")


def _horns(m) -> dict:
    """Horns on the head: an ox's (a bull's, a Viking's) or else a devil's, in the colour said before them."""
    kind = "ox" if re.search(r"(?i)bull|ox|viking|cow|buffalo", m.group(0)) else "devil"
    colour = _cloth_color(m.group("color"))
    return {"horns": kind, **({"horns_color": colour} if colour else {})}


def _feature(name: str, words: str) -> Entry:
    """A feature of the face (a key of face.FEATURE_TARGETS) named by `words` (a regex)."""
    return Entry(words, _set(face_features=name))


# the eyes' outline: words -> a key of face.FEATURE_TARGETS
_EYE_SHAPES = {
    "upturned eyes": r"upturned|up\s?turned|upswept|upward\s+slanting|up\s?slanted|slanted|slanting|cat|feline|fox|foxy",
    "downturned eyes": r"downturned|down\s?turned|downward\s+slanting|down\s?slanted|droopy|drooping|puppy(?:\s+dog)?|hound\s+dog",
    "almond eyes": r"almond(?:\s+shaped)?",
    "round eyes": r"round|rounded|saucer|owlish|owl",
    "monolid eyes": r"monolid(?:ded)?|single\s+lidded|hooded\s+monolid",
    "deep-set eyes": r"deep\s+set|deeply\s+set|sunken|hollow",
    "wide-set eyes": r"wide\s+set|widely\s+(?:set|spaced)|wide\s+apart|far\s+apart",
    "close-set eyes": r"close\s+set|closely\s+(?:set|spaced)|close\s+together|narrow\s+set",
}
_EYE_SHAPE_WORDS = "|".join(_EYE_SHAPES.values())
# what may stand between a shape word and "eyes": other words of the eyes' look ("almond shaped dark
# brown eyes", "big round blue eyes"); the colour and size words are left to their own entries
_EYE_WORDS = rf"big|large|huge|doe|small|little|bright|piercing|dark|light|pale|deep|kind|sparkling|striking|beautiful|" \
             rf"expressive|{_EYE_SHAPE_WORDS}|{_EYE_C}"


def _eye_shape(name: str, words: str) -> Entry:
    """The eyes' outline ("almond shaped eyes", "cat eyed", "deep set brown eyes"): the shape word,
    and "eyes" when nothing stands between."""
    return _feature(name, rf"(?:{words})(?:\s+(?:eyes|eyed|eyelids|lids)\b|(?=(?:\s+(?:{_EYE_WORDS}))+\s+eyes\b))")


def _toque(m) -> dict:
    return _worn_on_head("chef_hat" if re.search(r"(?<!\w)(?:chefs?|cooks?)(?!\w)", m.string) else "beanie", m)


# a hood worn up: "hood up", "pulled up her hood", "a hooded figure", a cloak's or a monk's cowl.
# "a hoodie" alone is worn with its hood down; "Robin Hood" is a name, "the hood" a neighbourhood,
# "hooded eyes" an eyelid's shape, "a hooded jacket" only a garment
_HOODED_NOT = (rf"(?!\s+(?:(?:{_CLOTH_C})\s+)?(?:eyes|eyelids?|lids|sweatshirts?|sweat\s?shirts?|jackets?|tops?|coats?"
               r"|jumpers?|sweaters?|parkas?|anoraks?|raincoats?|hoodies?|tracksuits?|crows?|cobras?|seals?))")
_HOOD_TRADES = ((r"cowls?|robes?|monks?|friars?", "brown"), (r"cloaks?|capes?|mantles?|cloaked", "black"))


def _said_color(m) -> str | None:
    """The clothing colour in the first of a match's colour groups (color, color2 ...) that took part."""
    return next((_cloth_color(c) for k, c in m.groupdict().items() if k.startswith("color") and c), None)


def _hood(m) -> dict:
    """A hood worn up, in the colour said with it (else the garment's, which resolve.py takes): a
    prompt naming no garment wears a hoodie, a cloak's or a cowl's hood a coat of the cloth's colour
    over more of it (a robe, not a coat over a shirt)."""
    said = _said_color(m)
    trim = {"headwear_trim": "fur"} if _FUR_EDGE.search(m.string) else {}   # a ruff round its opening
    for words, colour in _HOOD_TRADES:
        if re.search(rf"(?<!\w)(?:{words})(?!\w)", m.group(0)):
            colour = said or colour
            return {"headwear": "hood", "headwear_color": colour, "clothing": "jacket", "clothing_color": colour,
                    "inner_color": colour, "trade_outfit": True, **trim}
    return {"headwear": "hood", **({"headwear_color": said} if said else {}), "clothing": "hoodie",
            "trade_outfit": True, **trim}


# a band over the hair: a head or hair band (an Alice band over the top of the head), a sweatband
# round the forehead; "a band", "a rock band", "a wedding band" are none of them
_SPORTY = r"sweat|tennis|sports?|athletic|terry|running|runners?|jogg|workout|gym|fitness|yoga|basketball|squash"


def _headband(m) -> dict:
    """A headband in the colour said before it: a sweatband when the words or the person are sporty."""
    colour = _cloth_color(m.group("color")) or ("cream" if m.group("pearl") else None)   # pearls' white
    style = "sweatband" if re.search(rf"(?<!\w)(?:{_SPORTY})", m.string) else "band"
    return {"headband": style, **({"headband_color": colour} if colour else {})}


_BOW_SIZE = r"big|large|huge|giant|small|little|tiny|cute|satin|silk|silky|velvet|ribbon|lace"
_GATHERED_HAIR = r"hair|head|pigtails?|ponytails?|braids?|plaits?|buns?|curls|locks"


def _hair_bow(m) -> dict:
    """A bow in the hair, in the colour said before it, else the seed's."""
    colour = _said_color(m)
    return {"headband": "bow", **({"headband_color": colour} if colour else {})}


_VEIL_WORDS = r"long|short|sheer|lace|lacy|tulle|silk|chiffon|bridal|wedding|cathedral|flowing|delicate|thin|fine"


def _veil(m) -> dict:
    """A bride's veil, in the colour said (else white)."""
    said = _said_color(m)
    return {"veil": "veil", **({"veil_color": said} if said else {})}


_FLOWER_COLOURS = {"daisy": "white", "daisies": "white", "rose": "red", "roses": "red", "sunflowers": "yellow",
                   "sunflower": "yellow", "lavender": "purple", "cherry blossom": "pink", "cherry blossoms": "pink"}


_ONE_FLOWER = r"hibiscus|rose|lily|orchid|plumeria|frangipani|gardenia|daisy|sunflower|peony|lotus|camellia|poppy"
_ONE_FLOWER_COLOURS = {"hibiscus": "red", "rose": "red", "lily": "white", "orchid": "purple", "plumeria": "white",
                       "frangipani": "white", "gardenia": "white", "daisy": "white", "sunflower": "yellow",
                       "peony": "pink", "lotus": "pink", "camellia": "pink", "poppy": "red"}


def _one_flower(m) -> dict:
    """One flower in the hair, in the colour said (or the flower's own: a hibiscus is red), else the seed's."""
    kind = re.search(rf"(?<!\w)(?:{_ONE_FLOWER})(?!\w)", m.group(0))
    colour = _said_color(m) or (_ONE_FLOWER_COLOURS[kind.group(0)] if kind else None)
    return {"headband": "flower", **({"headband_color": colour} if colour else {})}


def _flowers(m) -> dict:
    """A crown of flowers, in the colour said (or the flowers' own: daisies are white), else the seed's."""
    kind = next((k for k in sorted(_FLOWER_COLOURS, key=len, reverse=True) if re.search(rf"(?<!\w){k}(?!\w)", m.group(0))),
                None)
    colour = _said_color(m) or _FLOWER_COLOURS.get(kind or "")
    return {"headband": "flowers", **({"headband_color": colour} if colour else {})}


_CAP = r"(?:(?:baseball|ball|trucker|snapback)\s+)?(?:caps?|hats?)|snapbacks?"    # a cap that may be worn back to front
_FLOWER = r"flowers?|floral|flowery|daisy|daisies|roses?|blossoms?|cherry blossoms?|sunflowers?|lavender|wild\s?flowers?"

# the words that end a garment's name ("in a red smock with ...")
_THEN = r"and|with|in|on|over|under|at|from|while|who|that|which|for"
# what follows "in a red ..." that is the scene's or the picture's, not clothes
_NOT_WORN = (r"light|lights|lighting|lit|glow|neon|tones?|tint|hues?|sky|walls?|background|backdrop|setting|scene"
             r"|photo|photograph|picture|image|shot|style|frame|world|place|mood|colou?rs?|shade|palette|car|house")

ENTRIES: tuple[Entry, ...] = (
    # a bride's veil behind the head, in the colour said ("a white lace veil", "a long tulle veil", "a black
    # mantilla"); a veil over the face (a face veil, a niqab) would hide the speech and is not one
    Entry(rf"(?<!face\s)(?:(?P<color>{_CLOTH_C})\s+)?(?:(?:{_VEIL_WORDS})\s+){{0,3}}(?:(?P<color2>{_CLOTH_C})\s+)?"
          rf"(?:(?:{_VEIL_WORDS})\s+){{0,2}}(?:veil|mantilla)s?"
          r"(?!\s+(?:over|across|covering|on|hiding)\s+(?:her|his|their|the)\s+face)",
          _veil),
    # head coverings, with their colour ("a woman in a black hijab", "a man with a saffron turban")
    _headwear("keffiyeh", r"keffiyeh|keffiyah|kaffiyeh|kufiyah?|kuffiyeh|ghutra|gutra|shemagh|shmagh|hatta"),
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:agal|igal|egal|iqal)s?",   # the cord that holds a keffiyeh on
          lambda m: {"headband": "agal", **({"headband_color": c} if (c := _said_color(m)) else {})}),
    # a niqab's face veil is not drawn (it would hide the mouth the speech moves): the hijab under it is
    _headwear("headscarf", r"hijabi|hijab|head\s?scarf|head\s?wrap|head covering|khimar|shayla|niqab|burqa|wimple"
                           r"|(?:silk\s+)?scarf\s+(?:over|on|covering|around|round)\s+(?:her|his|their|the)\s+(?:head|hair)"),
    # a hood worn up (resolve.py gives it the garment's colour), a cloak's hood, a monk's cowl
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:(?:{_FABRIC})\s+){{0,2}}(?:hooded\s+)?(?:cloaks?|capes?|mantles?|robes?)"
          rf"\s+with\s+(?:a|its|the)\s+hood(?:\s+(?:up|raised))?"
          rf"|(?:(?P<color2>{_CLOTH_C})\s+)?(?:(?:{_FABRIC})\s+){{0,2}}(?:hooded\s+(?:cloaks?|capes?|mantles?|robes?)"
          r"|(?:monk'?s?\s+)?cowls?)", _hood),
    # ... and one worn down is not worn: the garment alone ("a raincoat with the hood down")
    Entry(r"(?:(?:with\s+)?(?:the|its|his|her|their)\s+)?hoods?\s+(?:down|lowered|pushed\s+back)", lambda m: {}),
    Entry(rf"(?<!robin )(?:(?P<color>{_CLOTH_C})\s+)?hoods?\s+(?:up|on|raised|pulled\s+(?:up|over\s+(?:his|her|their|the)"
          r"\s+(?:head|face|eyes)))|(?:pull(?:s|ed|ing)?|put(?:s|ting)?|wears?|wearing)\s+(?:up\s+)?(?:his|her|their|the)"
          r"\s+hoods?(?:\s+up)?", _hood),
    Entry(rf"(?:wearing|in|under|with)\s+an?\s+(?:(?P<color>{_CLOTH_C})\s+)?(?:(?:{_FABRIC})\s+){{0,2}}"
          r"hood(?!\s+ornament)"
          rf"|hooded{_HOODED_NOT}"
          r"|cloaked", _hood),
    # a bonnet (a baby's, a prairie or Victorian one) frames the face and ties under the chin: drawn as a hood
    # worn up, white unless said, over whatever is worn (not a car's bonnet: "under the bonnet")
    Entry(rf"(?<!under the )(?<!the car's )(?<!the cars )(?:(?P<color>{_CLOTH_C})\s+)?(?:(?:{_FABRIC}|lace|frilly|frilled|baby|sun|prairie"
          r"|victorian|pioneer|amish)\s+){0,2}bonnets?(?!\s+(?:of|open))",
          lambda m: {"headwear": "hood", "headwear_color": _said_color(m) or "white"}),
    # a sari: a dress (the blouse and the skirt) and its pallu, a broad drape in its cloth across the
    # chest and over the left shoulder; a sash from the hip over the shoulder (a pageant's, a royal one)
    Entry(rf"(?:(?P<color>{_CLOTH_C}){_AND_COLOR}\s+)?(?:(?:{_FABRIC})\s+){{0,2}}(?:saris?|sarees?|sarries?)",
          lambda m: {"clothing": "dress", "scarf": True, "scarf_style": "drape",
                     **({"clothing_color": c} if (c := _said_color(m)) else {})}),
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:(?:{_FABRIC}|pageant|royal|beauty\s+queen'?s?)\s+){{0,2}}sash(?:es)?",
          lambda m: {"scarf": True, "scarf_style": "sash", **({"scarf_color": c} if (c := _said_color(m)) else {})}),
    # a cape or cloak without a hood (one with a hood is worn up, above): over the shoulders and down the
    # back, in its colour ("a red cape", "a black velvet cloak", "a superhero's cape")
    Entry(rf"(?:(?:long|flowing|billowing|short|heavy)\s+)?(?:(?P<color>{_CLOTH_C})\s+)?"
          rf"(?:(?:{_FABRIC}|long|flowing|billowing|superhero'?s?|vampire'?s?|royal)\s+){{0,2}}"
          r"(?:capes?|cloaks?|mantles?)(?!\s+(?:with\s+(?:a|its|the)\s+hood|town|cod|verde|horn|buffalo|may)\b)",
          lambda m: {"scarf": True, "scarf_style": "cape", **({"scarf_color": c} if (c := _said_color(m)) else {}),
                     # a fur cloak (a Viking's, a king's mantle) is fur all over, brown unless said
                     **({"scarf_fur": True, "scarf_color": c or "brown"} if _FUR_CLOTH.search(m.group(0)) else {})}),
    # one flower in the hair or behind the ear (a hibiscus, a rose), before the crown of flowers
    Entry(rf"(?:a|one|single|a\s+single)\s+(?:(?:big|large|small|little|fresh|tropical)\s+)?"
          rf"(?:(?P<color>{_CLOTH_C})\s+)?"
          rf"(?:(?:{_ONE_FLOWER})(?:\s+flower)?|flower|blossom)\s+(?:tucked\s+)?(?:in|behind|over|above|into)\s+"
          r"(?:his|her|their|one)\s+(?:hair|ears?)", _one_flower),
    # a band over the hair, a sweatband round the forehead, a crown of flowers (before the crown's words)
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:(?:{_FLOWER})\s+)(?:crowns?|wreaths?|garlands?|circlets?|head\s?bands?"
          rf"|halos?|tiaras?)|(?:crowns?|wreaths?|garlands?|circlets?|rings?|halos?)\s+of\s+(?:(?:wild|small|little|fresh"
          rf"|spring|summer)\s+)?(?:(?P<color2>{_CLOTH_C})\s+)?(?:{_FLOWER})|(?:(?:wild|small|little|fresh)\s+)?"
          rf"(?:(?P<color3>{_CLOTH_C})\s+)?(?:{_FLOWER})\s+(?:in|woven\s+into|braided\s+into)\s+(?:his|her|their)\s+hair"
          r"|flower\s?crowned", _flowers),
    # a wreath of leaves (laurel, olive, bay: green, or gold when said) and a halo (gold unless said)
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:(?:laurel|olive|bay|leaf|leafy)\s+)(?:wreaths?|crowns?|circlets?|garlands?)"
          r"|(?:wreaths?|crowns?)\s+of\s+(?:laurels?|olive\s+leaves|bay\s+leaves|leaves)|laurels\s+(?:on|round|around)"
          r"\s+(?:his|her|their|the)\s+head",
          lambda m: {"headband": "wreath", **({"headband_color": c} if (c := _said_color(m)) else {})}),
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:glowing\s+|shining\s+|golden\s+)?halos?(?!\s+braids?)",
          lambda m: {"headband": "halo", **({"headband_color": c} if (c := _said_color(m)) else {})}),
    # a bow or ribbon tied in the hair ("a pink bow in her hair", "a big red bow", "hair ribbons"); a bow
    # tie is a tie, a bow and arrow a weapon, and a bare "bow" is not enough
    Entry(rf"(?:(?:{_BOW_SIZE})\s+)?(?:(?P<color>{_CLOTH_C})\s+)?(?:(?:{_BOW_SIZE})\s+)?(?:(?:hair\s?(?:bows?|ribbons?))"
          rf"|(?:bows?|ribbons?)\s+(?:in|on|atop|tied\s+(?:in|to|round|around))\s+(?:his|her|their|the|each)\s+"
          rf"(?:{_GATHERED_HAIR}))|(?:(?:{_BOW_SIZE})\s+)?(?P<color2>{_CLOTH_C})\s+(?:(?:{_BOW_SIZE})\s+)?(?:bows?|ribbons)"
          rf"(?!\s*-?\s*ties?|\s+and\s+arrows?|\w)|(?:tied|held)\s+(?:back\s+|up\s+)?with\s+(?:an?\s+)?(?:(?:{_BOW_SIZE})\s+)?"
          rf"(?:(?P<color3>{_CLOTH_C})\s+)?(?:ribbons?|bows?)", _hair_bow),
    Entry(rf"(?<!wrist ){_WORN_COLOR}(?:(?:tennis|sports?|terry(?:\s?cloth)?|athletic|running|workout"
          r"|yoga|elastic|velvet|padded|knotted|thin|wide|plastic|(?P<pearl>pearl|pearled|pearly|beaded)|jewell?ed"
          r"|rhinestone|crystal|sequin(?:n?ed)?|embellished)\s+)?(?:sweat\s?bands?|head\s?bands?|hair\s?bands?"
          r"|alice\s+bands?|bandeaus?)(?!\s+(?:on|around|round)\s+(?:his|her|their|the|a|each)\s+(?:wrists?|arms?))",
          _headband),
    # piercings of the face: a nose stud or ring, a septum ring, a lip ring, an eyebrow bar
    Entry(r"(?:(?:gold|golden|silver|small|tiny|little)\s+){0,2}(?:nose\s+(?:studs?|piercings?)|pierced nose)",
          lambda m: _piercing(m, "nose_stud")),
    Entry(r"(?:(?:gold|golden|silver|small|tiny|little)\s+){0,2}nose\s+(?:rings?|hoops?)", lambda m: _piercing(m, "nose_ring")),
    Entry(r"(?:(?:gold|golden|silver|small|tiny|little)\s+){0,2}(?:septum(?:\s+(?:rings?|piercings?))?|bull\s?rings?)",
          lambda m: _piercing(m, "septum")),
    Entry(r"(?:(?:gold|golden|silver|small|tiny|little)\s+){0,2}(?:lip\s+(?:rings?|piercings?|studs?|hoops?)|snake\s?bites)",
          lambda m: _piercing(m, "lip_ring")),
    Entry(r"(?:eye)?brow\s+(?:piercings?|rings?|bars?)|pierced\s+(?:eye)?brows?", lambda m: _piercing(m, "brow")),
    Entry(r"(?:(?:lots\s+of|many|multiple|several|facial)\s+)?piercings|pierced\s+face",
          lambda m: {"piercings": ("nose_ring", "lip_ring", "brow")}),
    # marks on the skin: a mole or beauty mark, a scar, a tattoo (where the phrase puts it), war
    # paint, a black eye ("black eyes" is an eye colour; "a black eye" the bruise)
    Entry(r"(?:heavily\s+)?scarred\s+(?:face|cheeks?)", _set(skin_marks="scar_cheek")),
    Entry(r"(?:heavily\s+)?tattooed\s+(?:face|cheeks?|chin)|face\s+tattooed", _set(skin_marks="tattoo_face")),
    Entry(rf"{_MARK_SIZE}(?:(?P<side0>left|right)\s+)?(?:(?P<place0>cheek|chin|forehead|nose|lip|face|facial|neck"
          rf"|throat|tear\s?drop)\s+)?(?P<kind>beauty\s+(?:marks?|spots?)|(?:port\s+)?wine\s+(?:stain|birth\s?mark|mark)s?"
          rf"|birth\s?marks?|moles?|warts?|scars?|scarred|tattoos?|tattooed|(?:tā|ta)\s+moko|moko"
          rf"|(?:adhesive\s+|sticking\s+)?(?:band\s?aids?|plasters?|bandages?)(?!\s+(?:a?round|on|over)\s+(?:his|her|their|the)\s+head)"
          rf"){_MARK_WHERE}", _skin_mark),
    # soot or dirt on the face ("a firefighter with soot on his face", "a grimy face", "mud streaked cheeks")
    Entry(r"(?:(?:covered|smeared|streaked|smudged)\s+(?:in|with)\s+)?soot(?:y|\s+(?:stained|covered|smeared|streaked))?"
          r"(?:\s+(?:face|cheeks?)|\s+(?:on|across|over|smeared\s+on|smudged\s+on)\s+(?:his|her|their|the)\s+(?:face|cheeks?))?"
          r"|(?:blackened|smoke\s+stained)\s+face", _set(skin_marks="soot")),
    Entry(r"(?:dirty|grimy|grubby|muddy|dirt\s+(?:streaked|smeared|covered|stained)|mud\s+(?:streaked|smeared|covered|caked|"
          r"splattered)|grime\s+(?:streaked|covered))\s+(?:face|cheeks?)"
          r"|(?:dirt|mud|grime|grease|smudges?\s+of\s+dirt)\s+(?:on|across|over|smeared\s+on|smudged\s+on)\s+(?:his|her|their|the)"
          r"\s+(?:face|cheeks?)|face\s+(?:covered|smeared|streaked|caked)\s+(?:in|with)\s+(?:dirt|mud|grime)",
          _set(skin_marks="dirt")),
    # a bandage round the head: a white band round the forehead
    Entry(r"(?:(?:white|gauze)\s+)?bandages?\s+(?:wrapped\s+)?(?:a?round|on|over)\s+(?:his|her|their|the)\s+head"
          r"|(?:bandaged|bandage\s+wrapped)\s+head|head\s+bandage", _set(headband="sweatband", headband_color="white")),
    # overalls: a bib on straps over the shirt ("blue denim overalls", "dungarees"; not a boiler suit)
    Entry(rf"(?:(?P<color>{_CLOTH_C}){_AND_COLOR}\s+)?(?:(?P<fabric>{_FABRIC})\s+){{0,2}}(?:bib\s+)?"
          r"(?:overalls|dungarees|bib\s+and\s+brace|salopettes?)", _overalls),
    # an apron: a bib on straps, drawn as the overalls' are ("a butcher's apron", "a red apron")
    Entry(rf"{_WORN_COLOR}(?:(?:chef'?s?|kitchen|cooking|butcher'?s?|baker'?s?|bib|work|waist)\s+)?aprons?", _apron),
    # suspenders over the shirt ("red suspenders", "trouser braces"; "braces" alone: _braces)
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:(?:leather|elastic|clip-?on|striped|thin|wide|old-?fashioned)\s+)?"
          r"(?:suspenders|(?:trouser|pants)\s+braces|galluses)", _suspenders),
    # lederhosen: leather shorts on leather braces, the braces what a portrait shows (the shirt is said apart)
    Entry(r"lederhosen", _set(suspenders=True, suspenders_color="brown")),
    # dental braces (not British braces, which hold trousers up: _braces), a gold or silver tooth, gold teeth or a grill
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:(?:metal|dental|orthodontic|fixed|ceramic|clear|train\s+track)\s+)?braces"
          r"(?:\s+on\s+(?:his|her|their|the)\s+teeth)?|train\s+tracks\s+on\s+(?:his|her|their)\s+teeth", _braces),
    Entry(r"(?P<metal>gold|golden|silver)\s+(?:(?P<one>(?:front\s+)?tooth|canine)|(?:front\s+)?teeth|grills?|grillz|fronts)"
          r"|(?:(?:diamond|iced\s+out)\s+)?(?:grills|grillz)|grill\s+on\s+(?:his|her|their)\s+teeth"
          r"|(?:(?<=with a )|(?<=wearing a )|(?<=and a ))grill(?!\s+(?:behind|in\s+the\s+background|pan))",
          _metal_teeth),
    # a vampire's fangs; a gap between the front teeth
    Entry(r"(?:(?:vampire|vampiric|sharp|pointed|pointy|long|little|small)\s+){0,2}(?:fangs|canines)|vampire\s+teeth",
          _set(teeth="fangs")),
    Entry(r"gap[\s-]+tooth(?:ed)?(?:\s+(?:smile|grin))?|gap\s+teeth|(?:a\s+)?(?:small\s+|little\s+|big\s+|wide\s+)?gap"
          r"\s+(?:in|between)\s+(?:his|her|their|the)\s+(?:two\s+)?(?:front\s+)?teeth|diastema", _set(teeth="gap")),
    # buck teeth: the upper front teeth longer and standing out
    Entry(r"(?:big\s+|large\s+|prominent\s+)?buck[\s-]?(?:teeth|tooth|toothed)|(?:an?\s+)?(?:big\s+)?overbite"
          r"|protruding\s+(?:front\s+|upper\s+)?teeth|rabbit\s+teeth|bunny\s+teeth", _set(teeth="buck")),
    # held in the mouth: a pipe, a cigar, a cigarette, a toothpick, a straw ("smoking a pipe", "a cigar
    # between his teeth", "a pipe smoker"; not bagpipes, a pipe wrench, a straw hat or a smoking jacket)
    Entry(r"(?:(?:smoking|puffing(?:\s+on)?|chewing(?:\s+on)?|sucking\s+on|biting(?:\s+on)?|holding|lighting)\s+)?"
          r"(?:(?:a|an|his|her|their)\s+)?(?:(?:old|wooden|briar|corncob|corn\s+cob|tobacco|long|curved|bent|lit|lighted"
          r"|fat|thick|big|huge|cuban|havana|unlit|burning|smouldering|smoldering|thin|hand\s+rolled|rolled)\s+){0,2}"
          r"(?P<kind>(?<!bag)pipe(?!s|\s+(?:organ|wrench|fitter|cleaner|band|dream|line))|cigars?(?!\s+(?:box|lounge|bar))"
          r"|cigarettes?(?!\s+(?:pants|trousers|jeans))|cigs?|ciggies?|toothpicks?)"
          r"(?:\s+smoker|\s+(?:in|between|hanging\s+from|dangling\s+from|clenched\s+(?:in|between))\s+"
          r"(?:(?:his|her|their|the)\s+)?(?:mouth|lips|teeth))?"
          r"|(?P<smoker>chain)\s+smoker", _mouth_prop),
    Entry(r"(?:(?:chewing(?:\s+on)?|sucking\s+on|with)\s+)?(?:a\s+)?(?:(?:piece|blade|stalk|stem|wisp)\s+of\s+(?:straw|hay|grass"
          r"|wheat)|straw|grass\s+stalk|wheat\s+stalk)(?=\s+(?:in|between|hanging\s+from|dangling\s+from)\s+(?:his|her|their"
          r"|the)\s+(?:mouth|lips|teeth))(?:\s+(?:in|between|hanging\s+from|dangling\s+from)\s+(?:his|her|their|the)\s+"
          r"(?:mouth|lips|teeth))"
          r"|(?:chewing(?:\s+on)?|sucking\s+on)\s+(?:a\s+)?(?:(?:piece|blade|stalk|stem)\s+of\s+)?(?:straw|hay|grass|wheat)",
          _set(mouth_prop="straw")),
    # hearing aids behind the ears ("a hearing aid", "behind-the-ear hearing aids", "a cochlear implant")
    Entry(r"(?:(?:behind\s+the\s+ear|bte|small|tiny|beige|grey|gray|silver|modern|digital|two|a\s+pair\s+of)\s+){0,3}"
          r"(?:hearing\s+aids?|hearing\s+devices?|cochlear\s+implants?)(?:\s+(?:in|on|behind)\s+(?:his|her|their|both|each)"
          r"\s+ears?)?", _set(hearing_aids=True)),
    # a lost (milk) tooth: one upper incisor gone
    Entry(r"(?:a\s+)?missing\s+(?:(?:front|baby|milk|top)\s+)?tooth|(?:a\s+)?(?:front\s+)?tooth\s+missing"
          r"|lost\s+(?:(?:his|her|their|a)\s+)?(?:(?:first|front|baby|milk)\s+)?tooth"
          r"|(?:a\s+)?gap\s+where\s+(?:(?:his|her|their|a)\s+)?(?:front\s+)?tooth\s+(?:was|used\s+to\s+be)",
          _set(teeth="missing_tooth")),
    # vitiligo: patches of skin without pigment
    Entry(r"vitiligo|(?:white|pale|light|depigmented)\s+patches\s+(?:on|of|across)\s+(?:his|her|their|the)\s+(?:skin|face)"
          r"|depigmented\s+(?:skin|patches)", _set(skin_marks="vitiligo")),
    # acne ("spotty" not of clothes: "a spotty dress"; "spots" alone may be polka dots)
    Entry(rf"(?:(?:bad|severe|mild|teenage|adolescent|cystic|some|a\s+few)\s+)?(?:acne(?:\s+scarred)?|pimples|pimple|pimply"
          rf"|zits?|blemish(?:es|ed)?(?!\s+free)|break\s?outs?|spots\s+on\s+(?:his|her|their)\s+(?:face|cheeks|forehead|chin)"
          rf"|spotty(?!\s+(?:(?:{_CLOTH_C})\s+)?(?:{_GARMENT}|{_FABRIC}|scarf|tie|bow\s+tie|headscarf|bandana|fabric"
          r"|pattern|print)\b)"
          r"(?:\s+(?:face|skin|complexion))?)", _set(skin_marks="acne")),
    # a reddened nose: its tip and wings flushed (a clown's red nose comes with the clown's paint)
    Entry(r"(?:(?:a|his|her|their)\s+)?(?:(?:bright|rosy|ruddy|bulbous)\s+)?(?:red|rosy|ruddy|reddened|pink|flushed)"
          r"\s+(?:nose|nosed)|(?:red|reddened|ruddy)\s+(?:tip\s+of\s+the|nose\s+tip)|rosacea|(?:a\s+)?drinker'?s\s+nose",
          _set(skin_marks="rednose")),
    # a face painted white: a geisha's or kabuki actor's, a mime's (black marks at the eyes), a clown's (red nose and
    # mouth); "a white face" alone may be a pale one
    Entry(r"(?<!and )(?:white\s+(?:face\s+paint|face\s+make\s?up|make\s?up|greasepaint|painted\s+face|powdered\s+face"
          r"|face\s+powder)|whiteface|face\s+painted\s+white|painted\s+white\s+face|kabuki(?:\s+(?:make\s?up|paint"
          r"|face\s+paint|actors?))?|geisha\s+make\s?up)", _set(skin_marks="whiteface")),
    Entry(r"(?:mime|pierrot)(?:'?s)?\s+(?:make\s?up|face\s+paint|face)", _set(skin_marks="whiteface_mime")),
    Entry(r"clown(?:'?s)?\s+(?:make\s?up|face\s+paint|face|paint)|clown\s+nose|red\s+clown\s+nose",
          _set(skin_marks="whiteface_clown")),
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+(?:and\s+(?:{_CLOTH_C})\s+)?)?(?:(?:tribal|native|warrior)\s+)?"
          r"(?:war\s?paint|face\s+paint(?:ed|ing)?|painted\s+(?:face|cheeks)|face\s+painted|(?:tribal|war)\s+markings)",
          _war_paint),
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?P<word>bindis?|tilaka?|kumkum(?:\s+dot)?|dot\s+(?:on|in\s+the\s+middle\s+of)"
          r"\s+(?:her|his|the)\s+forehead)", _bindi),
    Entry(r"(?:(?<=(?<!\w)a )|(?<=(?<!\w)one )|(?<=(?<!\w)his )|(?<=(?<!\w)her ))(?:(?P<side>left|right)\s+)?"
          r"(?:(?:bruised|swollen|nasty|big|purple)\s+)?black\s+eye(?!s|\s+(?:make\s?up|shadow|liner|patch|mask|colou?r))"
          r"|(?:bruised|swollen)\s+(?:(?P<side2>left|right)\s+)?eye(?!s)|shiner"
          r"|bruise\s+(?:around|under|over|on)\s+(?P<pron>his|her|one|the)\s+(?:(?P<side3>left|right)\s+)?eye(?!s)",
          _black_eye),
    Entry(rf"(?:(?P<length>{_alt(_LENGTH)})\s+)?(?:(?P<tex>{_alt(_TEXTURE)})\s+)?(?:(?P<color>{_HAIR_C})\s+)?"
          r"(?:(?P<powdered>powdered|judge'?s|barrister'?s|court|horsehair)\s+)?(?:wigs?|periwigs?)", _wig),
    # braids pinned round the head (a crown or halo braid, milkmaid braids) are hair put up: a bun,
    # not a royal crown
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?(?:(?:braided|braid|plaited|plait)\s+(?:crown|halo|updo)|crown\s+braids?"
          r"|halo\s+braids?|milkmaid\s+(?:braids?|plaits?)|braids?\s+(?:pinned|wrapped|wound)\s+(?:up|around|round)"
          r"(?:\s+(?:her|his|their|the)\s+head)?)", _hair_style("bun")),
    # a crown or tiara, and the royals who wear them ("a king", "a queen": a crown; "a princess": a tiara)
    Entry(r"(?:(?:gold|golden|silver|diamond|jewell?ed|bejewell?ed|royal|sparkling|crystal|small|tall)\s+){0,2}"
          r"(?:crowns?|crowned|diadems?|tiaras?|circlets?)", _crown),
    # a king or queen wears a red royal cape over the shoulders unless the prompt says another
    Entry(r"(?<!burger )kings?(?!\s+(?:size|sized|bed|prawns?|crab))", _set(sex="male", royal_crown="crown", royal_cape=True)),
    Entry(r"queens?(?!\s+(?:size|sized|bed))", _set(sex="female", royal_crown="crown", royal_cape=True)),
    Entry(r"princess(?:es)?", _set(sex="female", royal_crown="tiara")),
    # an eye patch, over the eye said ("a black eye patch over his left eye", "a patch over one eye")
    Entry(r"(?:(?:black|leather|pirate'?s?)\s+){0,2}(?:eye\s?-?patch(?:es)?|patch\s+over\s+(?:his|her|their|one)"
          r"\s+(?:(?:left|right)\s+)?eye)(?:\s+(?:over|on|covering)\s+(?:his|her|their|the|one)\s+(?:(?:left|right)\s+)?eye)?",
          _eyepatch),
    # a face mask: surgical, a respirator or cloth ("a blue surgical mask", "an N95", "a black cloth face mask",
    # "a mask over her mouth and nose", "a bandana over his face"), worn or pulled down under the chin. A mask
    # said with no such word (a masquerade's, a superhero's, a ski mask) is not one.
    Entry(rf"(?:(?:{_CLOTH_C}|disposable|paper|thin|protective|reusable|homemade|cotton|cloth|fabric|knit|pleated)\s+){{0,3}}"
          r"(?:(?:(?:surgical|medical|hospital|procedure|covid(?:[- ]?19)?|face|cloth|fabric|dust|protective)[- ]?)+masks?"
          r"|(?:n95|kn95|ffp[23])(?:[- ]?(?:masks?|respirators?))?|respirators?(?:\s+masks?)?"
          r"|masks?\s+(?:over|covering)\s+(?:his|her|their)\s+(?:face|mouth|nose)(?:\s+and\s+(?:mouth|nose))?"
          r"|(?:bandann?as?|kerchiefs?|neck\s?gaiters?)\s+(?:tied\s+|pulled\s+up\s+)?(?:over|across|covering)\s+"
          r"(?:his|her|their|the)\s+(?:face|mouth|nose)(?:\s+and\s+(?:mouth|nose))?)"
          r"(?:\s+(?:(?:pulled|pushed|slipped|worn|hanging|tucked)\s+)?(?:down\s+)?"
          r"(?:(?:under|below|beneath|(?:a)?round|on)\s+(?:his|her|their|the)\s+chin)"
          r"|\s+(?:pulled|pushed|slipped)\s+down)?",
          _face_mask),
    # over-ear headphones or a headset with a mic, in their colour, on the head or round the neck; in-ear
    # buds are not modelled
    Entry(rf"(?:(?:{_CLOTH_C}|over[- ]?ear|studio|wireless|bluetooth|noise[- ]cancell?ing|big|large|chunky|dj|gaming"
          r"|retro|pair of)\s+){0,3}(?:headphones?|head\s?sets?|ear\s?muffs)"
          r"(?:\s+(?:worn\s+|hanging\s+|resting\s+)?(?:a)?round\s+(?:his|her|their|the)\s+neck)?",
          _headphones),
    # trades that wear them: a podcaster, a streamer, a radio host or DJ, a gamer, a call-centre agent
    Entry(r"podcasters?|podcast hosts?|(?:live\s?|twitch\s+)?streamers?|radio\s+(?:hosts?|presenters?|djs?|announcers?)"
          r"|djs?|disc jockeys?|(?:pro\s+)?gamers?|e-?sports?\s+players?|call\s+cent(?:er|re)\s+(?:agents?|workers?)"
          r"|air traffic controllers?|sound engineers?|music producers?",
          _headphone_trade),
    # armour and mail: a high-necked shell of steel over the chest (the cut of a crew-necked sweater), in
    # overlapping plates or rings (prints.METAL_PATTERNS)
    Entry(r"(?:(?:shining|steel|silver|iron|metal|plate|medieval|knight'?s?|full|suit\s+of)\s+){0,2}"
          r"(?:armou?r|breast\s?plate|cuirass)", _set(clothing="sweater", clothing_color="silver", clothing_pattern="plate")),
    Entry(r"(?:(?:steel|silver|iron|metal|medieval|knight'?s?|suit\s+of)\s+){0,2}(?:chain\s?mail|mail\s+shirt|hauberk|coat\s+of\s+mail)",
          _set(clothing="sweater", clothing_color="silver", clothing_pattern="mail")),
    # a neck scarf (a flight attendant's, a small silk one knotted at the throat) is a neckerchief
    Entry(rf"(?:(?:{_CLOTH_C}|silk|little|small|printed)\s+){{0,2}}neck\s?scarf", _neckerchief),
    # a shawl collar or shawl lapels are a cardigan's or a tuxedo's rolled collar, not a shawl: the garment's own V
    Entry(r"shawl[\s-]+(?:collar(?:ed)?|lapels?)", lambda m: {}),
    # a shawl (a pashmina, a rebozo, a fur or silk stole: a bare 'stole' is a verb): a large cloth over both shoulders
    Entry(rf"(?:(?:{_CLOTH_C}|{_SCARF_WORDS}|lace|crocheted?)\s+){{0,3}}(?:shawl|pashmina|rebozo|(?:fur|mink|silk|velvet|lace|wool|knitted)\s+stole)s?(?!\w)",
          lambda m: {**_scarf(m), "scarf_style": "shawl"}),
    # a scarf round the neck, in its colour ("a red wool scarf", "a knitted scarf", "a muffler")
    Entry(rf"(?:(?:{_CLOTH_C}|{_SCARF_WORDS})\s+){{0,3}}(?:scarf|scarves|muffler|neck\s?warmer|snood|dupatta)s?"
          r"(?:\s+(?:wrapped\s+|tied\s+|knotted\s+)?(?:a)?round\s+(?:his|her|their|the)\s+neck)?", _scarf),
    _headwear("chef_hat", r"chef'?s?\s+(?:hat|toque)|toque blanche|toque de cuisine"),
    # a toque is a chef's hat on a chef or cook, else the Canadian knit cap
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:toque|tuque)s?", _toque),
    # a fur hat with ear flaps (an ushanka, a trapper's hat), brown unless said (before the beanie's
    # "winter hat")
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:ushankas?|(?:(?:fur|furry|wool(?:l?en)?|winter|russian|trapper'?s?)\s+)?"
          r"(?:hats?|caps?)\s+with\s+(?:(?:fur|furry)\s+)?ear\s?flaps|ear\s?flap\s+(?:hats?|caps?)"
          r"|(?:fur|trapper'?s?|russian)\s+(?:hats?|caps?))", lambda m: _worn_on_head("ushanka", m, "brown")),
    _headwear("beanie", r"beanie|wool(?:l?en|l?y)? hat|knit(?:ted)? (?:hat|cap)|bobble hat"
                        r"|winter hat|ski hat"),
    _headwear("beret", r"beret|basque (?:hat|cap)|tam o'? ?shanter"),
    # a papakha (a tall brimless fur hat) sits as a knit cap does, brown unless said
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?papakhas?", lambda m: _worn_on_head("beanie", m, "brown")),
    # a builder's hard hat: a dome with a short peak, safety yellow unless a colour is named
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:hard\s?hats?|safety helmets?|construction helmets?)",
          lambda m: _worn_on_head("hard_hat", m, "yellow")),
    # a graduate's mortarboard (black unless said), and the gown with it ("in cap and gown": a black gown too)
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:(?:graduation\s+)?caps?|mortar\s?boards?)\s+and\s+gowns?",
          lambda m: {"headwear": "mortarboard", "clothing": "robe",
                     "headwear_color": (c := _cloth_color(m.group("color")) or "black"), "clothing_color": c}),
    Entry(rf"{_WORN_COLOR}(?:mortar\s?boards?|(?:graduation|grad|academic|square\s+academic|college)\s+(?:caps?|hats?))",
          lambda m: _worn_on_head("mortarboard", m)),
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:graduation|academic|grad|doctoral)\s+(?:gowns?|robes?)",
          lambda m: {"clothing": "robe", "clothing_color": _cloth_color(m.group("color")) or "black"}),
    # a surgeon's scrub cap is cloth tied close over the hair, as a bandana is (a cap's visor read as a
    # baseball cap), the scrubs' teal unless a colour is named
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:surgical|scrub|surgeon'?s?|theatre|theater|operating(?:\s+room)?)\s+caps?",
          lambda m: _worn_on_head("bandana", m, "teal")),
    # a horned (Viking) helmet: a helmet with ox horns out of its sides
    Entry(rf"(?:(?P<color>{_CLOTH_C}|steel|metal|iron|silver|chrome)\s+)?(?:horned\s+(?:viking\s+)?|viking\s+)helmets?"
          r"(?:\s+with\s+(?:two\s+)?horns)?|helmets?\s+with\s+(?:two\s+)?(?:big\s+|large\s+)?horns",
          lambda m: {"headwear_color": "grey", **_helmet(m), "horns": "ox"}),   # iron, unless said
    # a helmet: its colour said, a metal one steel grey, else what the trade wears (_helmet)
    Entry(rf"(?:(?P<color>{_CLOTH_C}|steel|metal|iron|silver|chrome)\s+)?(?:(?:{_HELMET_KINDS})\s+)?helmets?", _helmet),
    # a neckerchief: a bandana or kerchief knotted round the neck ("a red bandana around his neck",
    # "a neckerchief", "a neck bandana")
    Entry(rf"(?:(?:{_CLOTH_C}|paisley|cotton|silk|printed|little|small)\s+){{0,3}}"
          r"(?:neckerchiefs?|neck\s?(?:bandann?as?|kerchiefs?|scarf|scarves)|(?:bandann?as?|kerchiefs?)(?:\s+(?:tied|knotted|worn))?"
          r"\s+(?:a)?round\s+(?:his|her|their|the)\s+(?:neck|throat))", _neckerchief),
    # a bandana or do-rag tied over the head (over the face, ignored)
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:paisley\s+)?(?:bandanas?|bandannas?|kerchiefs?|do-?rags?|du-?rags?)"
          r"(?:\s+(?:over|on|covering)\s+(?:his|her|their|the)\s+(?:hair|head))?(?!\s+(?:a)?round\s+(?:his|her|their|the)\s+(?:neck|face)|\s+over\s+(?:his|her|their|the)\s+(?:face|mouth|nose))",
          _bandana),
    _headwear("kippah", r"kippah|kipah|kippa|yarmulke|yarmulka|skull\s?cap|zucchetto"),
    _headwear("fez", r"fez(?:zes|es)?|tarboosh|tarbush"),
    _headwear("kufi", r"kufi|kufis|taqiyah|taqiya|tagiyah|prayer\s+cap|topi|kofia|koofiyad"),
    Entry(r"(?:santa|christmas|xmas)\s+(?:hats?|caps?)", _set(headwear="beanie", headwear_color="red")),
    # a cap worn back to front ("a backwards baseball cap", "a red cap worn backwards", "his cap on backwards")
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:backwards?|reversed|back[\s-]to[\s-]front)\s+(?:(?P<color2>{_CLOTH_C})\s+)?"
          rf"(?:(?:{_FABRIC})\s+){{0,2}}(?:{_CAP})|(?:(?P<color3>{_CLOTH_C})\s+)?(?:(?:{_FABRIC})\s+){{0,2}}(?:{_CAP})\s+"
          r"(?:(?:worn|turned|put|on)\s+){0,2}(?:backwards?|back[\s-]to[\s-]front|the\s+wrong\s+way(?:\s+round)?|reversed)",
          lambda m: {"headwear": "cap", "headwear_backwards": True,
                     **({"headwear_color": c} if (c := _said_color(m)) else {})}),
    # a flat cap (a low crown on a short stiff brim) or a newsboy cap is tweed (grey) unless its colour is
    # said; a bowler or derby is black; a fisherman's (Greek, Breton, mariner's) cap is a navy flat cap
    Entry(rf"{_WORN_COLOR}(?:(?:flat|tweed|gatsby|ivy|driving)\s+caps?)",
          lambda m: _worn_on_head("flat_cap", m, "grey")),
    Entry(rf"{_WORN_COLOR}(?:(?:greek\s+)?fisherm[ae]n'?s?|breton|mariner'?s?|greek)\s+caps?",
          lambda m: _worn_on_head("flat_cap", m, "navy")),
    Entry(rf"{_WORN_COLOR}(?:newsboy\s+caps?|baker\s?boy\s+caps?)", lambda m: _worn_on_head("cap", m, "grey")),
    # a peaked (service) cap: a police officer's, an officer's, a pilot's, a chauffeur's or a conductor's is
    # navy, a captain's or sailor's white-topped, unless a colour is said (drawn as a baseball cap, a police
    # officer looked off duty)
    Entry(rf"{_WORN_COLOR}(?:(?:peaked|police(?:\s+officer'?s?)?|(?:(?:army|military|naval|navy|air\s+force)\s+)?officer'?s?"
          r"|service|combination|pilot'?s?|chauffeur'?s?|conductor'?s?|doorman'?s?)\s+(?:caps?|hats?))",
          lambda m: _worn_on_head("peaked_cap", m, "navy")),
    Entry(rf"{_WORN_COLOR}(?:(?:(?:sea\s+|ship'?s?\s+|boat\s+)?captain'?s?|skipper'?s?|sailor'?s?|yachting)\s+(?:caps?|hats?))",
          lambda m: _worn_on_head("peaked_cap", m, "white")),
    Entry(rf"{_WORN_COLOR}(?:(?:bowler|derby)\s+hats?|bowlers?)(?!\s+(?:in|on|at)\s+(?:cricket|the\s+crease))",
          lambda m: _worn_on_head("bowler", m, "black")),
    # a cloche, the 1920s' close bell-shaped hat worn low over the brows: a bowler's round crown and
    # narrow brim are its nearest shape (its colour the seed's unless said)
    Entry(rf"{_WORN_COLOR}cloche(?:\s+hats?)?", lambda m: _worn_on_head("bowler", m)),
    _headwear("cap", r"(?:baseball|ball|trucker|flat|newsboy|cloth)\s+cap|(?:baseball|trucker|dad)\s+hat|snapback"
                     r"|cap"),
    _headwear("top_hat", r"(?:top|stovepipe|opera|silk)\s+hats?"),
    _headwear("sombrero", r"sombrero|mariachi\s+hat"),
    _headwear("cowboy_hat", r"cowboy\s+hat|stetson|ten[\s-]gallon\s+hat|akubra|rodeo\s+hat"),
    # ("a pointed black hat": its colour may stand between the shape and the hat)
    Entry(rf"{_WORN_COLOR}(?:(?:tall|big|large|huge|floppy)\s+)?(?:pointed|pointy|wizard'?s?|witch'?s?|witches'?|sorcerer'?s?|magic)\s+"
          rf"(?:(?P<color2>{_CLOTH_C})\s+)?hats?",
          lambda m: {**_worn_on_head("pointed_hat", m),
                     **({"headwear_color": _cloth_color(m.group("color2"))} if m.group("color2") else {})}),
    # a pirate's or a colonial's three-cornered hat
    _headwear("tricorn", r"(?:tricorne?|three[\s-]cornered|cocked|pirate'?s?)\s+hat|tricornes?"),
    _headwear("hat", r"(?:(?:(?:wide|broad)\s+)?brim(?:med)?\s+)?(?:(?:(?:sun|straw|panama|bowler|felt|bicorne?"
                     r"|conical|bucket|fishing|safari)\s?){0,2}hat|bicornes?"   # "a straw sun hat"
                     r"|fedora|trilby|boater|deerstalker)"),
    # a sailor's oilskin rain hat, yellow unless said
    Entry(rf"{_WORN_COLOR}sou'?[\s-]?westers?", lambda m: _worn_on_head("hat", m, "yellow")),
    _headwear("turban", r"turban|dastar|pagri|pagdi|patka|keski|gele|head\s?tie"),   # a gele: a tall wrapped head tie
    # horns on the head ("devil horns", "a demon with red horns", "bull horns"); never a horn that is
    # played, horn-rimmed glasses or a shoehorn; a devil or a demon has them
    Entry(rf"(?:(?:{_HORN_WORDS})\s+){{0,2}}(?:(?P<color>{_CLOTH_C})\s+)?(?:(?:{_HORN_WORDS})\s+){{0,2}}horns"
          r"(?!\s+(?:section|player|band))"
          rf"|horned(?!\s*-?\s*rim)(?=\s+(?:devil|demon|beast|god|man|woman|creature|figure|king|helmet))", _horns),
    Entry(r"devils?|demons?|she-?devils?|satan|lucifer|mephistopheles", _set(horns="devil")),
    # lines a smile or frown leaves are wrinkles, not the mood ("smile lines", "frown lines")
    Entry(r"(?:laugh|smile|frown)\s+lines", _set(age_marks="wrinkles")),
    # the mood the face rests in under the speech (expression.RESTING_EXPRESSIONS); "a warm smile"
    # before the lighting words take "warm"
    Entry(r"(?:(?:warm|big|broad|wide|gentle|soft|friendly|slight|toothy|bright|crooked|lopsided|wry|half|kind|kindly"
          r"|sweet|shy|cheeky|confident|knowing|faint|small|little|subtle|pleasant|radiant|charming)\s+)?"
          r"(?:smiling|smiles?|grinning|grins?|smirking|smirks?)"
          r"|beaming|laughing|cheerful|cheery|happy|joyful|jolly|friendly|smiley|kindly|kind[\s-](?:looking|faced)"
          r"|good[\s-]natured|confident|self[\s-]?assured|proud|smug|charismatic|playful|mischievous|flirty|flirtatious"
          r"|cheeky|serene|excited|enthusiastic|content(?!\s+(?:creators?|writers?|moderators?|managers?))|contented"
          r"|delighted|amused|gleeful"
          # a kind, gentle or sweet person is shown smiling ("a kind grandmother", "kind eyes"; not "a kind of")
          r"|kind(?:\s+eyes)?(?!\s+of\b)|gentle(?:\s+eyes)?(?!\s+(?:light|lighting|glow|breeze|waves?|giant)\b)"
          r"|sweet(?!\s+(?:sixteen|16|shop|potato|corn|tea)\b)|warm[\s-]?hearted|kind[\s-]?hearted|good[\s-]?hearted",
          _set(expression="smile")),
    Entry(r"stern|serious|angry|frowning|frowns?|scowling|scowls?|grumpy|furious|annoyed|grim|fierce|mean looking"
          r"|tough(?:[\s-]looking)?|hard[\s-]looking|hard[\s-]faced|menacing|intimidating"
          r"|(?:furrowed|knitted)\s+(?:eye)?brows?",
          _set(expression="stern")),
    Entry(r"sad|crying|tearful|melancholy|melancholic|sorrowful|gloomy|unhappy|depressed|upset",
          _set(expression="sad")),
    Entry(r"worried|nervous|anxious|scared|frightened|afraid|fearful|concerned|uneasy|confused|puzzled|perplexed"
          r"|bewildered", _set(expression="worried")),
    Entry(r"(?:tired|sleepy|exhausted|drowsy|weary|fatigued|half asleep|heavy eyed|bored|jaded)(?!\s+(?:looking\s+)?eyes)",
          _set(expression="tired")),   # "tired eyes" are bags under them
    Entry(r"surprised|shocked|astonished|amazed|startled|raised\s+(?:eye)?brows|(?:eye)?brows\s+raised",
          _set(expression="surprised")),
    Entry(r"determined|focused(?!\s+(?:on|light|lighting|shot))|intense\s+(?:gaze|stare|look|expression)|resolute|stoic|steely",
          _set(expression="stern")),
    Entry(r"neutral expression|expressionless|blank expression|poker face|straight face|deadpan|pensive|thoughtful"
          r"|contemplative|calm(?!\s+(?:sea|water|lake|day|evening|morning|weather))|composed|relaxed"
          r"|wise|soft[\s-]spoken|quiet(?!\s+(?:street|room|library|cafe|park|place)\b)|dignified",
          _set(expression="neutral")),
    # the shape of the face and its parts ("a big nose", "high cheekbones", "a square jaw"): the
    # targets each draws are face.FEATURE_TARGETS. Before the build words, so "thin lips" or
    # "chubby cheeks" describe the face, not the body.
    # "big blue eyes", "big round eyes": the size word here, the colour and shape by their own entries
    _feature("big eyes", rf"(?:big|large|huge|doe)(?:\s+eyes|(?=(?:\s+(?:{_EYE_WORDS}))+\s+eyes\b))|doe eyed|big eyed|wide eyed"),
    _feature("small eyes", rf"(?:small|little|tiny|beady)(?:\s+eyes|(?=(?:\s+(?:{_EYE_WORDS}))+\s+eyes\b))|small eyed"),
    _feature("big nose", r"(?:big|large|long|huge|prominent|bulbous|strong)\s+nosed?"),
    _feature("button nose", r"button\s+nosed?"),
    _feature("small nose", r"(?:small|little|tiny|short|petite|delicate|dainty|cute)\s+nosed?"),
    _feature("hooked nose", r"(?:hooked|hook|aquiline|roman|beak(?:ed)?|hawk(?:ish)?|crooked|bumpy|broken|boxer'?s?)\s+nosed?"),
    _feature("upturned nose", r"(?:upturned|turned up|snub|pug|ski\s+slope)\s+nosed?"),
    _feature("broad nose", r"(?:broad|wide|flat|flattened)\s+nosed?"),
    _feature("narrow nose", r"(?:narrow|thin|slim|slender|pointed|pointy|sharp|chiseled|chiselled)\s+nosed?"),
    _feature("full lips", r"(?:full|plump|thick|big|pouty|luscious|fleshy|puffy)\s+(?:lips|lipped)"),
    _feature("thin lips", r"(?:thin|narrow|tight)\s+(?:lips|lipped)"),
    _feature("wide mouth", r"(?:wide|big|large|broad)\s+mouth"),
    _feature("small mouth", r"(?:small|little|tiny)\s+mouth"),
    _feature("square jaw", r"(?:square|strong|chiseled|chiselled|angular|defined|sharp|wide|broad|heavy|firm|lantern)"
                           r"\s+(?:jaw|jawline|jaw line|jawed)"),
    # "chiseled features": a defined jaw and cheekbones
    Entry(r"(?:chiseled|chiselled|sculpted|sharp|strong|angular)\s+(?:facial\s+)?features",
          _set(face_features=("square jaw", "high cheekbones"))),
    _feature("narrow jaw", r"(?:narrow|soft|delicate|slim|small|weak|v shaped)\s+(?:jaw|jawline|jaw line|jawed)"),
    _feature("cleft chin", r"(?:cleft|dimpled|butt)\s+chin|chin dimple|cleft in (?:his|her|the) chin"),
    _feature("double chin", r"double chin(?:ned)?"),
    _feature("pointed chin", r"(?:pointed|pointy|sharp|narrow)\s+chin"),
    _feature("prominent chin", r"(?:prominent|strong|jutting|protruding|big|large|square)\s+chin"),
    _feature("weak chin", r"(?:weak|receding|small|little|soft)\s+chin|chinless"),
    _feature("high cheekbones", r"(?:high|prominent|sharp|defined|pronounced|chiseled|chiselled|strong)\s+cheek\s?bones"),
    _feature("hollow cheeks", r"(?:hollow|hollowed|sunken|gaunt|thin)\s+(?:cheeks|cheeked)"),
    _feature("full cheeks", r"(?:chubby|full|round|plump|puffy|fat|apple)\s+(?:cheeks|cheeked)"),
    _feature("dimples", r"dimples|dimpled (?:cheeks|smile)"),
    _feature("round face", r"(?:round|rounded|moon|circular)\s+face"),
    # a baby face: round, with full cheeks (its young look is the age's to give, not the face's)
    Entry(r"baby\s?faced|baby\s?face", _set(face_features=("round face", "full cheeks"))),
    _feature("long face", r"(?:long|elongated|oblong|horse)\s+(?:face|faced)"),
    _feature("square face", r"(?:square|squarish|boxy)\s+(?:face|faced)"),
    _feature("heart face", r"heart\s+(?:shaped\s+)?(?:face|faced)"),
    _feature("narrow face", r"(?:narrow|thin|slim|gaunt)\s+(?:face|faced)"),
    _feature("wide face", r"(?:wide|broad)\s+(?:face|faced)"),
    _feature("big ears", r"(?:big|large|huge|protruding|prominent|jug|elephant|floppy|cauliflower)\s+(?:ears|eared)"
                         r"|ears that stick out|sticking out ears"),
    _feature("small ears", r"(?:small|little|tiny)\s+ears"),
    _feature("hooded eyes", r"hooded\s+(?:eyes|eyelids|lids)|heavy[\s-]lidded(?:\s+eyes)?|droopy\s+(?:eyelids|lids)"),
    *(_eye_shape(name, words) for name, words in _EYE_SHAPES.items()),
    _feature("jowls", r"(?:(?:heavy|saggy|sagging|droopy|drooping|big|fleshy)\s+)?jowls|jowly|jowled"),
    _feature("eye bags", r"(?:(?:heavy|dark|puffy)\s+)?bags\s+under\s+(?:his|her|their|the)\s+eyes"
                         r"|(?:heavy\s+|puffy\s+)?eye\s?bags|dark\s+circles(?:\s+under\s+(?:his|her|their|the)\s+eyes)?|puffy\s+eyes|tired\s+eyes"),
    _feature("pointy ears", r"(?:pointy|pointed|elf|elfin|elfish|elven|elvish|vulcan)\s+(?:ears|eared)|ears\s+like\s+an\s+elf"),
    _feature("high forehead", r"(?:high|big|large|broad|tall|wide|prominent)\s+forehead"),
    _feature("low forehead", r"(?:low|small|narrow|short)\s+forehead"),
    _feature("thick neck", r"(?:thick|wide|bull|muscular|fat)\s+neck"),
    _feature("long neck", r"(?:long|swan|slender|elegant)\s+neck"),
    Entry(r"(?:rosy|flushed|pink|red)\s+cheeks|sun\s?burn(?:t|ed)|sun\s?burn\b", _set(makeup="blush")),
    # a person between the sexes: anny's gender between its poles, a share of the face's sex characters, no
    # beard by chance
    Entry(r"androgynous(?:\s+(?:features|looks?|face))?|androgyne|non[\s-]?binary|enby|gender[\s-]?(?:neutral|queer|fluid)"
          r"|agender", _set(androgynous=True)),
    # a monocle, before the necklaces so that its chain is not one ("a gold monocle on a chain",
    # "a monocle in his left eye")
    Entry(rf"(?:(?P<color>{_MONOCLE_METAL})\s+(?:rimmed\s+|framed\s+)?)?(?:(?P<eye2>left|right)\s+eye\s+)?monocles?"
          rf"(?:\s+(?:on|with|and)\s+(?:a\s+)?(?:(?:thin|fine|long|little|small|{_MONOCLE_METAL})\s+){{0,2}}chain)?"
          r"(?:\s+(?:over|in|on|at)\s+(?:his|her|their|the|one)\s+(?P<eye>left|right)\s+eye)?", _monocle),
    # a stethoscope hangs round the neck as a necklace does (it takes the necklace's place)
    Entry(r"(?:(?P<color>black|silver|red|blue)\s+)?stethoscopes?",
          lambda m: {"necklace": "stethoscope",
                     "necklace_color": m.group("color") if m.group("color") in EARRING_COLORS_SRGB else "black"}),
    # necklaces: "a pearl necklace", "a string of pearls", "a thin gold chain", "a locket", "a black velvet choker"
    Entry(r"(?:(?:thin|delicate|fine|simple|dainty|elegant|long|short|small|big|large|chunky|heavy|thick)\s+)?"
          r"(?:(?:gold|golden|silver|diamond|black|red|emerald|ruby|sapphire|jade|turquoise)\s+)?"
          r"(?:(?:puka\s+shell|shell|pearl|pendant|locket|cross|chain|beaded|bead)\s+)?(?:necklace|necklet)s?"
          r"|(?:(?:a\s+)?(?:single|double|long|short)\s+)?(?:string|strand|strands|rope)\s+of\s+pearls"
          r"|(?<!\w)pearls(?!\s+(?:earrings?|studs?|of wisdom))"
          r"|(?:(?:thin|delicate|fine|tight|black|velvet|lace|leather|ribbon|gold|golden|silver|pearl)\s+){0,2}choker"
          r"|(?:(?:gold|golden|silver)\s+)?(?:pendant|locket|crucifix)(?!\s+(?:lights?|lamps?))"
          r"|(?<=wearing a )(?:(?:small|little|gold|golden|silver)\s+){0,2}cross"
          r"|(?:(?:small|little|gold|golden|silver)\s+)?cross\s+(?:a)?round\s+(?:his|her|their|the)\s+neck"
          r"|(?:(?:thin|delicate|fine|chunky|heavy|thick)\s+)?(?:gold|golden|silver)\s+chains?", _necklace),
    # a soldier's identity tags hang on a thin steel chain (the tags themselves are not drawn)
    Entry(r"(?:dog|identity|id)\s+tags?", _set(necklace="chain", necklace_color="silver")),
    # jewellery said as a whole ("gold jewelry", "lots of silver jewellery"): earrings and a necklace of that metal
    Entry(r"(?:(?:lots|plenty)\s+of\s+|(?:heavy|chunky|fine|delicate|traditional|bridal|beaded|colou?rful)\s+)?"
          r"(?:(?P<color>gold|golden|silver)\s+)?(?:jewell?ery|jewelry|bling)",
          lambda m: {"earrings": "any",
                     "necklace": "pearls" if "beaded" in m.group(0) else "chain" if m.group("color") else "any",
                     **({"earrings_color": c, "necklace_color": c} if (c := {"golden": "gold"}.get(m.group("color") or "",
                                                                                 m.group("color"))) else {})}),
    # ear gauges (plugs in stretched lobes): from the front a dark disc in each lobe, as a black stud
    Entry(r"(?:(?:ear|black)\s+)?gauges|gauged\s+ears|stretched\s+(?:ear\s?)?lobes|ear\s+stretchers|(?:flesh|ear)\s+tunnels",
          _set(earrings="stud", earrings_color="black")),
    # earrings: "pearl earrings", "small gold hoops", "diamond studs", "silver hoop earrings"
    Entry(r"(?:(?:small|large|big|little|tiny|huge|thin|chunky|simple|elegant|dangling|dangly|drop)\s+)?"
          r"(?:(?P<color>gold|golden|silver|pearl|diamond|black|red)\s+)?(?:(?P<kind>hoop|stud|pearl|drop|dangly)\s+)?"
          r"(?:earrings?|ear rings?)|(?:(?P<color2>gold|golden|silver|diamond|pearl)\s+)?(?P<kind2>hoops|studs)"
          r"|(?P<color3>gold|golden|silver|diamond|pearl)\s+(?P<kind3>hoop|stud)(?!\w)", _earrings),
    # glasses, with what is said of their frame ("thick black-rimmed glasses", "gold aviators")
    Entry(rf"bespectacled|(?:(?:{_GLASSES_MOD})(?:\s+(?:rimmed|rim|framed|frame|frames))?\s+){{0,4}}"
          r"(?:eye\s?glasses|glasses|spectacles|specs|sun\s?glasses|shades(?!\s+of\b)|aviators)", _glasses),
    # glasses pushed up onto the head ("sunglasses on her head", "glasses pushed up on top of his head")
    Entry(r"(?:(?<=glasses)|(?<=shades))\s+(?:(?:pushed|perched|resting|sitting|propped)\s+)?(?:up\s+)?"
          r"(?:on|onto)\s+(?:top\s+of\s+)?(?P<whose>his|her|their|the)\s+(?:head|hair|forehead)(?!\w)",
          lambda m: {"glasses_raised": True, **({"sex": {"his": "male", "her": "female"}[m.group("whose")]}
                                                if m.group("whose") in ("his", "her") else {})}, bounded=False),
    # goggles: one deep frame on a strap; ski goggles' lens tinted, the others clear; pushed up onto
    # the forehead (or a hat) when said so
    Entry(rf"(?:(?P<color>{_GOGGLES_C})\s+)?(?P<kind>(?:(?:ski|snow|snowboard|snowboarding|tinted|mirrored|"
          r"safety|protective|lab|swimming|swim|welding|aviator|steampunk|motorcycle|racing|round)\s+){0,2})"
          rf"goggles(?P<raised>(?={_RAISED_ON_HEAD}))?", _goggles),   # (not taking the hat's words) ...
    Entry(r"(?<=goggles)\s+(?:(?:pushed|perched|resting|sitting|propped|worn)\s+)?(?:up\s+)?(?:(?:on|onto|over)\s+"
          r"(?:top\s+of\s+)?(?P<whose>his|her|their|the)\s+(?:forehead|brow)|pushed\s+up)(?!\w)",
          lambda m: {"sex": {"his": "male", "her": "female"}[m.group("whose")]} if m.group("whose") in ("his", "her")
          else {}, bounded=False),   # ... but its own words where the goggles rest (a "her" says a woman)
    # a baby's age in months or weeks: "a 3-month-old baby", "six weeks old"
    Entry(rf"(?P<n>{_NUM})\s*(?P<unit>months?|weeks?)\s+old", _age_months),
    # an approximate age: "about ten years old", "a boy, about ten,", "a woman, roughly 40"
    Entry(rf"(?:around|about|approximately|roughly|circa)\s+(?P<n>{_NUM})\s*(?:y\.?\s?o\b\.?|years?\s+old|yrs?\s+old)"
          rf"|(?<=, )(?:around|about|approximately|roughly|circa)\s+(?P<n2>{_NUM})(?:\s+years?(?:\s+old)?)?(?=\s*(?:[,;.]|$))",
          _age_about),
    # a thing's age, not a person's ("2000 year old robes", "a 1000-year-old vampire" is read for the vampire alone)
    Entry(r"\d{4,}\s*(?:years?|yrs?)\s+old", lambda m: {}),
    # age in numbers and words: "25 y.o.", "25yo", "thirty five years old", "6-year-old", "aged 30"
    Entry(rf"(?P<n>{_NUM})\s*(?:y\.?\s?o\b\.?|years?\s+old|yrs?\s+old|year\s+old|yo|years?\s+of\s+age)", _age_number),
    # "aged about nine", "pushing 70" (just under it), "aged 45-50" (the middle of the two)
    Entry(rf"(?:aged|age)\s+(?:around|about|approximately|roughly|circa)\s+(?P<n>{_NUM})(?!\s*(?:mm|k|p)\b)", _age_about),
    Entry(rf"pushing\s+(?P<n>{_NUM})(?!\s*(?:mm|k|p|%)\b)", _age_nearly),
    Entry(rf"(?:aged|age|ages)\s+(?P<n>{_NUM})\s+(?:to\s+|and\s+)?(?P<n2>{_NUM})(?!\s*(?:mm|k|p)\b)", _age_between),
    Entry(rf"(?:aged|age|at age|age of)\s+(?P<n>{_NUM})(?!\s*(?:mm|k|p)\b)", _age_number),
    Entry(rf"{_AFTER_PERSON}(?P<n>{_NUM})(?!\s*(?:mm|k|p|%|{_UNITS_OF_BODY})\b|\s*['\"′″])", _age_number),
    Entry(rf"{_NEAR_PERSON}(?:of\s+)?(?:around|about|approximately|roughly|circa)\s+(?P<n>{_NUM})"
          r"(?:\s+years?(?:\s+old)?)?(?!\s*(?:mm|k|p|%|cm|m|kg|lbs?)\b)", _age_about),
    # a comma-list item: "black woman, 30", "a man, white, 40s", "a girl, early teens" is not a number
    Entry(rf"(?<=, )(?P<n>{_NUM})(?=\s*(?:[,;.]|$))", _age_number),
    Entry(rf"(?<=, )(?P<n>{_NUM})\s+(?:years?|yrs?)(?=\s*(?:[,;.]|$))", _age_number),   # "male, 45 years"
    Entry(rf"(?<=, )(?:(?P<part>early|mid|late)\s+)?(?P<decade>{_DECADE})(?=\s*(?:[,;.]|$))", _age_decade),
    # "a mid-30s woman", "late twenties man", "30s woman": a decade said right before the person
    # (a bare "80s" or "90s" there is more often a style of dress: "an 80s man" is left alone)
    Entry(rf"(?P<part>early|mid|late)\s+(?P<decade>{_DECADE}){_PERSON_AHEAD}", _age_decade),
    Entry(rf"(?P<decade>[2-7]0\s?'?s|twenties|thirties|forties|fifties|sixties|seventies){_PERSON_AHEAD}", _age_decade),
    # "in her seventies", "in his early 30s", "in their late sixties", "thirty something"
    Entry(rf"in\s+(?P<pron>her|his|their|the)\s+(?:(?P<part>early|mid|late)\s+)?(?P<decade>{_DECADE})", _age_decade),
    Entry(rf"(?P<decade>(?:{_alt(_TENS)})|[2-9]0)\s*something", _something),
    # a period (after the ages: "30s woman", "in his 50s" and ", 80s" are ages): its look fills in what is unsaid
    # (eras.py): "a 1950s housewife", "an 80s rock star", "70s style", "a Victorian lady", "the Wild West"
    Entry(r"(?:the\s+)?(?:(?:19)?(?P<d>[2-9])0\s?'?s|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties"
          r"|nineties)(?=\s+(?:style|styled|fashion|era|look|glamou?r|vibes?|aesthetic|inspired|clothes|outfit|hair)))"
          r"(?:[\s-]+(?:style|styled|era|fashion|inspired|look|aesthetic|vibes?))?"
          r"|roaring\s+(?:twenties|20s)|jazz\s+age", _era),
    # the 2000s ("y2k", "the noughties", "early 2000s fashion"); "2000s" alone, as a year's decade, is the period too
    Entry(r"(?:(?:early|mid|late)\s+)?(?:the\s+)?(?:2000\s?'?s|y2k|noughties|naughties)(?:[\s-]+(?:style|styled|era|fashion"
          r"|inspired|look|aesthetic|vibes?))?", _set(era="2000s")),
    Entry(r"victorian|edwardian|regency(?:\s+era)?|(?:19th|nineteenth)\s+century", _set(era="victorian")),
    Entry(r"medieval|mediaeval|(?:the\s+)?middle\s+ages", _set(era="medieval")),
    Entry(r"renaissance|elizabethan|tudor", _set(era="renaissance")),
    Entry(r"(?:the\s+)?(?:wild|old)\s+west(?:ern)?|frontier", _set(era="wild_west")),
    # "a woman over 50", "a man under 30": the ten years past or before the number
    Entry(rf"(?:over|above|older than|past)\s+(?P<over>[2-9]\d)(?!\s*(?:%|kg|lbs?|cm|m|tattoos|\w*s\b))"
          rf"|(?:under|below|younger than)\s+(?P<under>[2-9]\d)(?!\s*(?:%|kg|lbs?|cm|m|\w*s\b))", _age_bound),
    # before the hair entry, which would read "grey hair" alone. Thinning hair: a man's recedes to a bare crown
    # and temples (styling.choose_hair: the balding style, or the length or style said, from the sides
    # and back only); a woman's thins all over, which the smooth hair cannot show, so hers is as if unsaid
    Entry(rf"thinning\s+(?:(?P<color>{_HAIR_C})\s+)?hair|(?:his\s+|her\s+)?hair\s+thinning(?:\s+on\s+top)?"
          r"|thinning\s+on\s+top|balding|going\s+bald|male\s+pattern\s+baldness|bald\s+(?:spot|patch)",
          lambda m: {**_said_hair_color(m), "hair_thinning": True}),
    # a receding hairline is not balding: the temples are bare, the top keeps its hair (styling.choose_hair)
    Entry(rf"receding\s+(?:(?P<color>{_HAIR_C})\s+)?hair(?:\s?line)?|(?:his\s+|her\s+)?hair\s?line\s+receding"
          r"|receding\s+temples|receded\s+hair\s?line|(?:hair\s?line|temples)\s+(?:has\s+|have\s+)?receded",
          lambda m: {**_said_hair_color(m), "hair_receding": True}),
    # locks hang from the whole scalp in separate ropes, to the shoulders unless the prompt says how
    # long; box braids are worn long. Before the hair entry: its "locks" is any hair ("golden locks").
    Entry(rf"{_LOCS_SAID}(?:dreadlocks|dreadlocs|dread\s+locks|dreads|sister\s?locks|micro\s?locs|(?:faux\s+)?locs)"
          + _LOCS_UP, _locs("locs")),
    Entry(rf"{_LOCS_SAID}(?:box|knotless|goddess|micro)\s+braids" + _LOCS_UP, _locs("long_locs", short="locs")),
    # a second colour in the hair, before the hair's own colour words take it
    # hair going grey: grey mixed through the hair's own colour, most at the temples ("salt and pepper hair", "greying
    # brown hair", "grey at the temples"); a salt-and-pepper beard stays a grey beard
    Entry(rf"(?:salt[\s-]and[\s-]pepper|greying|graying|silvering)\s+(?:(?P<color0>{_HAIR_C0}|black|brown|dark)\s+)?"
          r"hair|(?:greying|graying|silvering|going\s+(?:grey|gray))(?:\s+at\s+the\s+temples)?"
          r"|(?:grey|gray|silver)(?:ing)?"
          r"\s+(?:at|around)\s+the\s+temples|(?:greying|graying|grey|gray|silver)\s+temples",
          lambda m: {**_said_hair_color(m), "hair_accent": "grey", "hair_accent_style": "greying"}),
    Entry(r"grizzled", _set(hair_accent="grey", hair_accent_style="greying")),   # grey hairs through the hair
    Entry(rf"(?P<color>{_HAIR_C})\s+(?:highlights|streaks|lowlights|balayage|babylights)", _hair_accent("highlights")),
    Entry(r"highlights|balayage|babylights|highlighted hair", _hair_accent("highlights", default="blonde")),
    Entry(rf"(?:an?\s+|one\s+)(?P<color>{_HAIR_C})\s+(?:streak|stripe|forelock|lock)(?:\s+(?:in|of)\s+(?:his|her|their)\s+hair)?"
          rf"|(?:a\s+)?(?:streak|stripe)\s+of\s+(?P<color2>{_HAIR_C})(?:\s+(?:in|through)\s+(?:his|her|their)\s+hair)?",
          _hair_accent("streak")),
    # dark roots grown out under a lighter colour ("blonde hair with dark roots", "black roots")
    Entry(rf"(?:(?P<color>{_HAIR_C})|grown\s+out|visible|regrown)\s+roots(?:\s+showing)?", _hair_accent("roots", default="dark brown")),
    # each half of the head its own colour ("half black half white hair", "split dyed pink and blue hair",
    # "two-tone hair"), before the hair entry takes one of the colours
    Entry(rf"(?:(?P<length>{_alt(_LENGTH)})\s+)?(?:(?P<tex1>{_alt(_TEXTURE)})\s+)?"
          rf"(?:half\s+(?P<c1>{_HAIR_C})\s+(?:and\s+)?half\s+(?P<c2>{_HAIR_C})"
          rf"|(?:(?P<c3>{_HAIR_C})\s+(?:and\s+)?(?P<c4>{_HAIR_C})\s+)?(?:split\s+(?:dyed?|colou?r(?:ed)?)|two\s+tone)"
          rf"(?:\s+(?P<c5>{_HAIR_C})\s+and\s+(?P<c6>{_HAIR_C}))?)(?:\s+hair)?", _split_dye),
    # (the length, texture and own colour said before it are the hair's: "long wavy brown ombre hair")
    Entry(rf"(?:(?P<length>{_alt(_LENGTH)})\s+)?(?:(?P<tex1>{_alt(_TEXTURE)})\s+)?(?:(?P<base>{_HAIR_C})\s+)?"
          rf"(?:ombr[eé]|dip\s?dyed|frosted)(?:\s+(?P<color>{_HAIR_C}))?(?:\s+hair)?(?:\s+(?:tips|ends))?"
          rf"|(?P<color2>{_HAIR_C})\s+(?:hair\s+)?(?:tips|ends)(?!\s+of)",
          _ombre),
    # a beehive is a tall updo: the bun is the nearest (before the hair entry, which would take "hairdo")
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?beehive(?:\s+(?:hairdo|hairstyle|hair))?", _hair_style("bun")),
    # "natural hair" (a Black woman's): her own coils, not straightened; of anyone else it says nothing
    Entry(rf"(?:(?:her|his|their)\s+)?(?:(?P<length>{_alt(_LENGTH)})\s+)?{_HAIR_MODS}(?:(?P<tex1>{_alt(_TEXTURE)})\s+)?"
          rf"natural\s+(?:(?P<color>{_HAIR_C})\s+)?"
          r"(?P<noun>hair|curls|coils|texture)(?:\s+texture)?",
          lambda m: {**_hair(m), "hair_natural": True,
                     **({"hair_texture": "curly"} if m.group("noun") in ("curls", "coils") else {})}),
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?hair\s+(?:that\s+)?(?:(?:falls?|falling|goes|going|reaches|reaching|comes|coming"
          r"|hangs?|hanging|flows?|flowing|is|cut|grown|worn)\s+)?(?:all\s+the\s+way\s+)?(?:down\s+)?"
          r"(?:(?P<prep>past|below|to|over|beyond|at|above|just\s+past|just\s+below|just\s+above|onto|on)"
          r"|reaches|reaching|touches|touching|brushes|brushing|grazes|grazing)\s+"
          r"(?:(?:his|her|their|the)\s+)?(?P<where>waist|hips?|mid\s+back|back|shoulder\s+blades|shoulders?|chest"
          r"|collarbones?|neck|chin|jawline|jaw|ears?)", _hair_ends),
    # hair worn down: loose, and long enough to fall ("a bride with her hair down")
    Entry(rf"(?:(?:her|his|their)\s+)?(?:long\s+)?(?:(?P<color>{_HAIR_C})\s+)?hair\s+(?:worn\s+|let\s+)?(?:down|loose)"
          r"(?!\s+(?:to|past|over|below))",
          lambda m: {"hair_length": "long", **_said_hair_color(m)}),
    # hair: "blue haired", "long wavy brown hair", "short curly hair", "redhead", "bald"
    # (a length or a texture may end in a comma, as a text-to-image prompt lists them: "long, straight, black hair")
    Entry(rf"(?:(?P<color0>{_HAIR_C0_HAIR})\s+(?=(?:{_alt(_TEXTURE)}|{_alt(_LENGTH)})\s))?"
          rf"(?:(?P<tex0>{_alt(_TEXTURE)}),?\s+)?(?:(?P<length>{_alt(_LENGTH)}),?\s+)?{_HAIR_MODS}"
          rf"(?:(?P<tex1>{_alt(_TEXTURE)}),?\s+)?(?:(?P<tex1b>{_alt(_TEXTURE)}),?\s+)?"
          rf"(?:(?P<color>{_HAIR_C})\s+)?{_HAIR_MODS}"
          rf"(?:(?P<tex2>{_alt(_TEXTURE)})\s+)?(?:haired|hair|hairstyle|hairdo|locks|mane)"
          r"(?!\s?(?:clips?|slides?|pins?|grips?)\b)", _hair),   # a yellow hair clip's colour is not the hair's
    # half-up: the hair from the temples and crown tied back, the rest hanging loose: long hair off the face (before
    # the bun and ponytail: "a half-up bun" is not a bun)
    Entry(r"half[\s-]?up(?:[\s,-]+(?:and\s+)?half[\s-]?down)?(?:\s+(?:hairstyle|hairdo|style|ponytail|bun|top\s?knot))?",
          _set(hair_length="long", hair_fringe="back")),
    # two buns high on the head (space buns, double buns, "her hair in two buns"), before the one bun
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?(?:hair\s+(?:in|tied in|tied into|up in)\s+)?"
          r"(?:space\s+buns|double\s+buns|twin\s+buns|two\s+(?:(?:little|small|high|messy|top)\s+)?buns|pigtail\s+buns"
          r"|odango|bubble\s+buns|mickey\s+buns)", _hair_style("space_buns")),
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?(?:hair\s+(?:in|tied in|tied into|up in|pulled back in)\s+(?:a\s+|two\s+)?)?"
          r"(?:(?:tight|sleek|low|high|neat|loose|messy|small|big|little|top|space|double|twin|curled|elegant)\s+){0,2}"
          r"(?:buns?|top knot|topknot|updo|chignon|french twist|french roll)", _gathered("bun")),
    # a braided ponytail is one braid (before the ponytail)
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?(?:(?P<length>long|short)\s+)?(?:braided|plaited)\s+pony\s?tail|pony\s?tail\s+braid",
          _hair_style("braid")),
    Entry(rf"(?:(?:long|short)\s+)?(?:(?P<color>{_HAIR_C})\s+)?"
          r"(?:(?:high|low|tight|sleek|messy|loose|long|short|slicked|(?P<side>side))\s+){0,2}"
          r"(?:pony\s?tail)(?P<over>\s+(?:draped\s+|hanging\s+|worn\s+|falling\s+|swept\s+)?(?:over|across)"
          r"\s+(?:her|his|their|one|the)\s+(?:left\s+|(?P<right>right)\s+)?shoulder)?", _gathered("ponytail")),
    Entry(rf"(?:(?P<length>long|short)\s+)?(?:(?P<color>{_HAIR_C})\s+)?"
          r"(?:(?P<tex>curly|wavy|straight|frizzy)\s+)?(?:(?:twin|two|double|matching)\s+)?"
          r"(?:braided pigtails|pigtail braids|(?:french|dutch|fishtail)\s+"
          r"(?:braids|plaits)|plaits|braided hair|two braids)", _hair_style("braids")),
    Entry(rf"(?:(?P<length>long|short)\s+)?(?:(?P<color>{_HAIR_C})\s+)?"
          r"(?:(?P<tex>curly|wavy|straight|frizzy)\s+)?(?:pigtails|pig tails|twin tails|twintails|bunches)",
          _hair_style("pigtails")),
    # bare "braids" say braided hair but not which kind: who wears them decides (styling.choose_hair)
    Entry(rf"(?:(?P<length>long|short)\s+)?(?:(?P<color>{_HAIR_C})\s+)?(?:(?P<tex>curly|wavy|straight|frizzy)\s+)?braids",
          _braids),
    # one braid: the hair gathered at the nape and plaited down the back; a French or Dutch braid from the
    # crown; a side braid, or one worn over the shoulder, over the front of a shoulder
    Entry(rf"(?:(?P<length>long|short)\s+)?(?:(?:single|one|thick|loose|neat|tight|simple|big|little|small"
          rf"|(?P<french>french|dutch)|fishtail|(?P<side>side))\s+){{0,2}}(?:(?P<color>{_HAIR_C})\s+)?"
          r"(?:braid|plait)(?P<over>\s+(?:draped\s+|hanging\s+|worn\s+|falling\s+)?(?:over|across)"
          r"\s+(?:her|his|their|one|the)\s+(?:left\s+|(?P<right>right)\s+)?shoulder)?", _one_braid),
    # an afro puff: curly hair gathered in a round puff on top (the bun's place)
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?(?:afro puffs?|puff\s?balls?|hair puffs?)",
          _hair_style("bun", texture="curly")),
    # a short afro (a "TWA") is short coiled hair, not the tall rounded afro
    Entry(rf"(?:short|small|tiny|cropped)\s+{_HAIR_MODS}(?:(?P<color>{_HAIR_C})\s+)?{_HAIR_MODS}afro|twa|teeny weeny afro",
          _hair_style("short", texture="curly")),
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?{_HAIR_MODS}(?:afro|fro)", _hair_style("afro")),
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?(?:mohawk haircut|mohawk|mohican|faux\s?hawk)", _hair_style("mohawk")),
    # a bob is short: "a short bob", "a long bob" (a lob) are bobs too
    Entry(rf"(?:(?:short|long|chin length|sharp|blunt|classic)\s+)?(?:(?P<tex>curly|wavy|straight|sleek)\s+)?"
          rf"(?:(?P<color>{_HAIR_C})\s+)?(?:bob (?:hair)?cut|bobbed|bob|lob)", _hair_style("bob")),
    # a shaved head is a bare scalp with stubble; a buzz cut keeps a few millimetres of hair
    Entry(r"(?<!half )(?:clean\s+)?shaved head|shaven head|shaved scalp|shaved bald|skinhead|head shaved",
          _hair_style("shaved")),
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?(?:buzz cut|buzzcut|buzzed|crew cut|close cropped)", _hair_style("buzz")),
    Entry(r"curtain (?:bangs|fringe)|(?:bangs|fringe) parted in the middle|middle parted (?:bangs|fringe)",
          _set(hair_fringe="curtain")),
    Entry(r"side[\s-]?swept (?:bangs|fringe)|(?:bangs|fringe) swept to (?:the|one) side|side (?:bangs|fringe)",
          _set(hair_fringe="swept")),
    Entry(r"(?:(?:blunt|heavy|thick|straight[\s-]cut)\s+)?(?:fringe|bangs)|bowl cut", _set(hair_fringe="fringe")),
    Entry(r"widow'?s\s+peak", _set(hair_peak=True)),
    # one side of the head shaved or clipped, the rest kept long and combed over ("shaved sides" is an undercut);
    # always the person's right side ("left" or "right" said with it is not read)
    Entry(r"(?:side\s?shave[dn]?|side\s+cut|shaved\s+side|one\s+side\s+shaved"
          r"|half\s+shaved(?:\s+head)?"
          r"|side\s+shaved|(?:hair\s+)?shaved\s+on\s+one\s+side|asymmetric(?:al)?\s+undercut|side\s+undercut)(?!s)",
          _set(hair_side_shave=True)),
    Entry(rf"(?:(?P<length>{_alt(_LENGTH)})\s+)?(?:slicked back|slicked-back|swept back|combed back|brushed back|quiff"
          r"|pompadour|slicked(?:\s+down)?(?=\s+(?:\w+\s+)?hair\b))", lambda m: {**_length_texture(m), "hair_fringe": "back"}),
    Entry(r"(?:(?:neat|neatly|sharp|deep)\s+)?side part(?:ed|ing)?|parted (?:neatly\s+)?(?:to|on) the side",
          _set(hair_fringe="back")),  # a parting, on hair of any length
    # a middle parting: the hair falls to either side of it, as a curtain fringe does
    Entry(r"(?:middle|center|centre)\s+part(?:ed|ing)?|parted\s+(?:in|down)\s+the\s+(?:middle|center|centre)",
          _set(hair_fringe="curtain")),
    # a high-top: tall, tightly curled hair over faded sides (the afro's volume is the nearest); a flat top, a crew cut
    Entry(r"hi(?:gh)?\s?top(?:\s+(?:fade|haircut|cut|afro))?(?!\s+(?:sneakers|shoes|trainers|boots))",
          _set(hair_style="afro", hair_texture="curly")),
    Entry(r"flat\s?top(?:\s+(?:haircut|cut))?(?!\s+hats?)", _hair_style("buzz")),
    Entry(r"(?:(?:high|low|mid|skin|taper)\s+)?fade(?:\s+(?:haircut|cut))?|taper(?:ed)? cut", _hair_style("buzz")),
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?(?:pixie cut|pixie|short back and sides)", _hair_style("short")),
    # short hair set in rollers: lifted, in soft curls
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?(?:(?:shampoo|wash)(?:\s+|-)and(?:\s+|-)set|roller set)",
          _hair_style("set", texture="wavy")),
    # hair grown only on top, over shaved or clipped sides
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?(?:undercut|disconnected cut|(?:hair\s+)?(?:shaved|short|buzzed|clipped|faded)"
          r"(?:\s+on)?(?:\s+the)?\s+sides?(?:\s+and\s+back)?,?\s+(?:and\s+|but\s+|with\s+)?(?:long|longer)"
          r"(?:\s+hair)?(?:\s+on)?(?:\s+the)?\s+top|long on top|shaved sides)", _hair_style("undercut")),
    # twists (two-strand, Bantu knots) are coiled hair worn short unless the prompt says long
    Entry(rf"(?:(?P<length>long|short)\s+)?(?:(?P<color>{_HAIR_C})\s+)?(?:two strand\s+)?(?:twists|twist out|bantu knots)",
          _coiled("short", long="long_wavy", short="short")),
    # "braided platinum hair": the hair entry reads the colour, this the braids
    Entry(r"(?:braided|plaited)(?!\s+(?:\w+\s+)?(?:beard|moustache|mustache|goatee))", _braids),
    # "her hair pulled back", "hair tied back": gathered at the back of the head
    Entry(r"(?:pulled|tied|scraped)\s+back", _hair_style("ponytail")),
    # a shag or wolf cut: layered hair of middle length
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?(?:(?:shag(?:gy)?|wolf)\s+(?:haircut|hair\s?cut|cut|hairstyle)|shag(?!\s+carpet))",
          lambda m: {"hair_length": "medium", **_said_hair_color(m)}),
    # hair combed over a thinning crown
    Entry(r"comb\s?over|combed over", _set(hair_style="short", hair_fringe="back")),
    Entry(r"bald headed|bald\s+head|bald|hairless", _hair_style("bald")),
    # curls of a colour are the hair's ("platinum curls", "auburn ringlets", "long silver tresses")
    Entry(rf"(?:(?P<length>{_alt(_LENGTH)})\s+)?(?P<color>{_HAIR_C})\s+(?P<noun>curls|ringlets|coils|tresses)",
          lambda m: {**_hair(m), **({"hair_texture": "curly"} if m.group("noun") != "tresses" else {})}),
    Entry(rf"(?:(?P<length>{_alt(_LENGTH)})\s+)?(?:curls|ringlets|perm|permed|perms)",
          lambda m: {**_length_texture(m), "hair_texture": "curly"}),
    # rows braided flat to the scalp read as close-cropped hair
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?(?:cornrows|corn rows|cornrow braids)",
          _hair_style("buzz", texture="curly")),
    # a mullet's length is its own: short on top and at the sides, long at the back
    Entry(rf"(?:(?:long|short|classic|modern|retro|80s|1980s)\s+)?(?:(?P<tex>curly|wavy|straight)\s+)?"
          rf"(?:(?P<color>{_HAIR_C})\s+)?mullet", _hair_style("mullet")),
    Entry(r"redheaded|redhead|red head", _set(hair_color="red")),
    # rainbow hair: drawn as pink with blue highlights (one colour and one accent is what hair carries)
    Entry(r"rainbow(?:\s+(?:coloured|colored|dyed))?(?=\s+hair)|rainbow\s+haired",
          _set(hair_color="pink", hair_accent="blue", hair_accent_style="highlights")),
    # "an undercut dyed pink", "hair dyed blue", "pink-dyed hair": the colour is the hair's
    Entry(rf"(?:dyed|bleached|coloured|colored|tinted)\s+(?P<color>{_HAIR_C})", _said_hair_color),
    Entry(rf"(?P<color>{_HAIR_C})\s+(?:dyed|tinted)(?!\s+(?:beard|moustache|mustache|goatee))", _said_hair_color),
    # a bare colour word is the hair's, unless facial hair follows ("a long blonde beard")
    Entry(r"(?:platinum blonde|platinum blond)" + _NOT_FACIAL_HAIR, _set(hair_color="platinum")),
    Entry(r"(?:blonde|blond)" + _NOT_FACIAL_HAIR, _set(hair_color="blonde")),
    Entry(r"ginger" + _NOT_FACIAL_HAIR, _set(hair_color="red")),  # "a ginger woman"
    Entry(r"brunette", _set(hair_color="brown")),
    # eyes: "green eyes", "blue eyed"
    # eyes of two colours ("one blue eye and one brown eye", "a green left eye and a blue right
    # eye", "heterochromia"), before the single colour
    Entry(rf"(?:one|a)\s+(?P<c1>{_EYE_C})\s+(?:(?P<s1>left|right)\s+)?(?:eye\s+)?and\s+(?:one|a|the\s+other)\s+"
          rf"(?P<c2>{_EYE_C})\s+(?:(?:left|right)\s+)?eye|(?:heterochromia|heterochromatic|odd|mismatched"
          r"|two\s+different\s+colou?red|different\s+colou?red)(?:\s+(?:eyes|iris(?:es)?))?", _odd_eyes),
    Entry(rf"(?P<color>{_EYE_C})(?:\s+(?:eyes|eyed)|(?=(?:\s+(?:{_EYE_SHAPE_WORDS}|doe))+\s+eyes\b))", _eyes),
    # facial hair: "white moustache", "short beard", "bearded", "goatee"
    Entry(r"clean shaven|clean shaved|beardless|shaved face|no beard", _set(facial_hair="none")),
    Entry(rf"(?:(?:long|thick|bushy|big|short|neat|wide|full)\s+)?(?:(?P<color>{_HAIR_C})\s+)?"
          r"(?:sideburns|side\s?burns|mutton\s?chops|side\s?whiskers|sideboards)",
          lambda m: {"sideburns": True, **_said_beard_color(m)}),
    # ("light stubble" is sparse stubble, not light brown)
    Entry(rf"(?:(?!light\s+(?:stubble|scruff))(?P<color>{_HAIR_C})\s+)?(?:stubble|five o'?\s?clock shadow|unshaven|scruff"
          r"|designer stubble"
          r"|stubbly(?:\s+(?:jaw|chin|face|cheeks))?|scruffy\s+(?:jaw|chin|face))",
          lambda m: {"facial_hair": "stubble", **_said_beard_color(m)}),
    Entry(r"soul\s+patch|chin\s+puff|imperial\s+beard", _set(facial_hair="goatee")),
    Entry(rf"(?:(?P<color>{_HAIR_C})\s+)?fu\s?manchu(?!\s+(?:moustache|mustache))",   # "a Fu Manchu": the moustache
          lambda m: {"facial_hair": "moustache", "moustache_style": "fu_manchu", **_said_beard_color(m)}),
    Entry(r"chin\s?strap(?:\s+beard)?|(?:short\s+)?boxed\s+beard", _set(facial_hair="short_beard")),
    Entry(rf"(?:{_NOT_A_SHADE}(?P<size0>{_BEARD_SIZE})\s+(?:{_NOT_A_SHADE}(?:{_BEARD_SIZE})\s+)?)?"
          rf"(?:(?P<color>{_HAIR_C})\s+(?:(?:dyed|tinted)\s+)?)?"   # ("a henna-dyed beard")
          rf"(?:(?P<size>{_BEARD_SIZE})\s+)?"
          r"(?P<noun>beard|bearded|moustached|mustached|moustache|mustache|goatee)", _facial_hair),
    # clothing: "in casual clothes", "red dress", "black suit and tie", "shirt and tie", "with a red tie"
    # garments whose name carries their colour (a colour named with them still wins: "white tuxedo")
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:tuxedo|tux|dinner jacket)",
          lambda m: {"clothing": "suit", "clothing_color": _cloth_color(m.group("color")) or "black", "tie": True,
                     "tie_color": "black", "tie_style": "bow", "inner_color": "white"}),
    Entry(r"wedding dress|wedding gown|bridal gown|bridal dress", _set(clothing="dress", clothing_color="white")),
    # a Japanese school's sailor uniform (seifuku): navy over white, a red tie for its knotted scarf (the
    # sailor collar is not modelled; a neckerchief there crumpled against the shirt's collar)
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:sailor\s+(?:school\s+)?(?:uniform|suit)|seifuku|sera\s?fuku)",
          lambda m: {"clothing": "school_uniform", "clothing_color": _cloth_color(m.group("color")) or "navy",
                     "inner_color": "white", "tie": True, "tie_color": "red"}),
    Entry(rf"{_WORN_COLOR}(?:lab coat|doctor'?s coat)|white coat", lambda m: _uniform(m, "white")),
    # uniforms of a trade: their cut and colour, not a school's. A colour named with the uniform
    # wins ("a green army jacket"); before the bare trade it is the person's ("a Black soldier").
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:(?:military|army|combat|camouflage|camo)"
          rf"(?:\s+(?:uniform|jacket|fatigues|officers?|generals?|majors?|colonels?))?(?!\s+(?:{_GARMENT})\b)|fatigues"
          rf"|soldier'?s?\s+uniform)",
          lambda m: {**_uniform(m, "olive"), **({"clothing_pattern": "camo"} if "camo" in m.group(0) else {})}),
    Entry(rf"(?:soldiers?|marines?|paratroopers?|infantry(?:man|men)?|colonels?|sergeants?|lieutenants?|corporals?"
          rf"|brigadiers?){_IN_UNIFORM}", _trade("jacket", "olive")),
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:police|pilot'?s?|naval|navy|security guard'?s?)\s+uniform",
          lambda m: _uniform(m, "navy")),
    # a police officer wears a navy peaked cap and a firefighter a yellow helmet over a tan turnout coat,
    # unless the prompt puts something else on their heads (in the same navy jacket, a firefighter was
    # drawn the same as a police officer)
    Entry(rf"police(?:\s+officers?)?{_IN_UNIFORM}", _trade("jacket", "navy", headwear="peaked_cap", headwear_color="navy")),
    Entry(rf"pilots?{_IN_UNIFORM}", _trade("jacket", "navy")),
    Entry(rf"policeman{_IN_UNIFORM}", _trade("jacket", "navy", sex="male", headwear="peaked_cap", headwear_color="navy")),
    Entry(rf"policewoman{_IN_UNIFORM}", _trade("jacket", "navy", sex="female", headwear="peaked_cap", headwear_color="navy")),
    Entry(rf"(?:firefighters?|fire fighters?){_IN_UNIFORM}",
          _trade("jacket", "mustard", headwear="helmet", headwear_color="yellow")),
    Entry(rf"(?:firem[ae]n){_IN_UNIFORM}", _trade("jacket", "mustard", sex="male", headwear="helmet", headwear_color="yellow")),
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:medical\s+|surgical\s+)?(?:scrubs|scrub\s+(?:top|shirt)s?)", lambda m: _uniform(m, "teal", "v_neck")),
    Entry(r"nurses?|surgeons?", _trade("v_neck", "teal")),
    Entry(r"(?:(?:high|hi)\s?vis(?:ibility)?|safety|reflective)\s+(?:vests?|waistcoats?)",
          _set(clothing="vest", clothing_color="orange")),
    Entry(r"(?:(?:high|hi)\s?vis(?:ibility)?|safety|reflective)\s+jackets?",
          _set(clothing="jacket", clothing_color="orange")),
    # a builder wears a yellow hard hat unless the prompt gives one of its own
    Entry(r"construction workers?|road workers?|site workers?",
          lambda m: _trade("jacket", "orange")(m) if re.search(r"hard\s?hat|helmet", m.string)
          else _trade("jacket", "orange", headwear="hard_hat", headwear_color="yellow")(m)),
    Entry(r"astronauts?|cosmonauts?", _trade("jacket", "white")),
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?space\s?suits?", lambda m: _uniform(m, "white")),
    # goths wear black and dark eye make-up (hair and skin as the prompt says)
    Entry(r"goth[\s-]?girls?", _age(18, 25, sex="female", clothing_color="black", makeup="eye makeup")),
    Entry(r"goths?|gothic", _set(clothing_color="black", makeup="eye makeup")),
    # a doctor: a white coat and a stethoscope round the neck (a necklace the prompt names replaces it)
    Entry(r"doctors?|physicians?|medics?|general practitioners?|paediatricians?|pediatricians?",
          _trade("jacket", "white", necklace="stethoscope", necklace_color="black")),
    Entry(r"pharmacists?|(?:lab(?:oratory)?\s+)?scientists?|chemists?", _trade("jacket", "white")),
    # a cowboy's hat (its colour said with it: "a cowboy in a black hat") and red neckerchief
    Entry(r"cowboys?", _cowboy("male")),
    Entry(r"cowgirls?", _cowboy("female")),
    # a nun's veil and habit; a Buddhist monk's shaven head
    Entry(r"nuns?", _trade("sweater", "black", sex="female", headwear="headscarf", headwear_color="black")),
    Entry(r"(?:(?:buddhist|(?P<east>tibetan|shaolin)|zen|theravada)\s+)?monks?",   # (a Tibetan's or Shaolin's ancestry)
          lambda m: {"sex": "male", "hair_style": "bald", "facial_hair": "none",
                     **({"ethnicity": "east asian"} if m.group("east") else {})}),
    # a black robe over a white shirt; a judge is seldom young (an age said still wins)
    Entry(r"judges?(?!'?s?\s+wigs?)", lambda m: {**_trade("robe", "black")(m), **_age(45, 70)(m)}),
    # the martial arts' white gi, a wrap
    Entry(r"(?:karate(?:ka)?s?|judokas?|judo|jiu\s?jitsu|taekwondo|martial\s+artists?)(?!\s+(?:gi|dogi)\b)",
          _trade("robe", "white")),
    Entry(r"salarym[ae]n", _trade("suit", "charcoal", sex="male")),
    # clergy in black (the collar and robes are not modelled); a priestess or a pastor may be either
    # a rabbi's black kippah, the pope's white cassock and zucchetto, an imam's white kufi (a covering the prompt names wins)
    Entry(r"rabbis?", _trade("sweater", "black", sex="male", headwear="kippah", headwear_color="black")),
    Entry(r"popes?", _trade("sweater", "white", sex="male", headwear="kippah", headwear_color="white")),
    Entry(r"(?:catholic\s+|orthodox\s+|anglican\s+|lutheran\s+)?(?:priests?|bishops?|vicars?|pastors?|reverends?|"
          r"chaplains?|parsons?|clergym[ae]n|curates?|deacons?)", _trade("clerical", "black", sex="male")),
    Entry(r"friars?", _trade("sweater", "black", sex="male")),
    # the collar alone makes the shirt a clergy shirt, of the colour said for the shirt (white is the tab's)
    Entry(r"(?:(?:a|the)\s+)?(?:white\s+)?(?:clerical|roman|priest'?s?|clergy|preacher'?s?)\s+collar",
          _set(clothing="clerical")),
    Entry(r"imams?", _trade("sweater", "white", sex="male", headwear="kufi", headwear_color="white")),   # a white kufi
    Entry(r"priestess(?:es)?", _trade("sweater", "black", sex="female")),
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?chef'?s?\s+(?:jacket|whites|coat|uniform)", lambda m: _uniform(m, "white")),
    Entry(r"chefs?", _trade("jacket", "white", headwear="chef_hat", headwear_color="white")),   # and a toque
    # no top at all: the chest is skin (a woman's or girl's is drawn in a tank top: styling.choose_garment)
    Entry(r"shirtless|topless|bare[\s-]?chested|(?:with\s+)?(?:a\s+)?bare\s+(?:chest|torso)|"
          r"(?:stripped|naked|nude)\s+to\s+the\s+waist|without\s+(?:a\s+)?(?:shirt|top)|no\s+(?:shirt|top)\s+on",
          _set(clothing=BARE_CHEST)),
    # (not "long hair on top", not a top hat)
    Entry(rf"(?:(?P<color>{_CLOTH_C}){_AND_COLOR}\s+)?(?:(?P<fabric>{_FABRIC})\s+){{0,2}}"
          rf"(?<!\bon )(?<!\bon the )(?<!\bat the )(?P<garment>{_GARMENT})(?!\s+hats?\b)(?:\s+(?P<tie>and|with)\s+(?:a\s+)?"
          rf"(?:(?P<tcolor>{_CLOTH_C})\s+)?(?:neck)?tie)?", _garment),
    Entry(rf"(?:(?:skinny|thin|wide)\s+)?{_WORN_COLOR}(?:(?:power|skinny|thin|wide|kipper|clip\s?on)\s+)?(?:necktie|bow[\s-]?tie|tie)", _tie),
    # "in black", "dressed all in white": a colour worn, not skin or ancestry (those entries come
    # later); "in red light", "in a white background" are the scene's
    Entry(rf"(?:(?:dressed|clad|clothed)\s+)?(?:all\s+)?in\s+(?:all\s+)?(?P<color>{_CLOTH_C})"
          r"(?!\s+(?:light|lights|lit|lighting|glow|neon|background|backdrop|tones?|tint|hues?|sky|walls?|room"
          r"|(?:\w+\s+)?(?:goggles|glasses|sunglasses|spectacles))\b)",
          _worn_color),
    # make-up and marks of age
    Entry(r"no makeup|no make up|without makeup|bare faced|makeup free|(?:minimal|natural|light|subtle)\s+make\s?up",
          _set(makeup="none")),
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?:lipstick|lip gloss)", _lipstick),
    Entry(rf"(?P<color>red|pink|dark red|crimson|scarlet|plum|berry|coral)\s+lips", _lipstick),  # "red lips": painted
    Entry(r"(?:glossy|glossed|shiny|lacquered)\s+lips", _lipstick),
    Entry(r"(?:long|thick|dark|fluttery|full|voluminous)\s+(?:eye)?lashes", _set(makeup="eye makeup")),
    Entry(r"(?:(?:heavy|thick|dark|bold|black|smudged|winged|dramatic|cat eye)\s+)?"
          r"(?:eyeliner|eye liner|eyeshadow|eye shadow|mascara)|smoky eyes|smokey eyes"
          r"|(?:kohl\s+rimmed|kohl\s+lined|kohl|kajal)(?:\s+eyes)?"
          r"|(?:(?:false|fake|long|thick)\s+)?(?:lash|eyelash)\s+extensions|false\s+(?:eye)?lashes", _set(makeup="eye makeup")),
    Entry(r"blush|rouge", _set(makeup="blush")),
    # heavy makeup: made up, the eyes lined as well
    Entry(r"(?:heavy|full|dramatic|bold|thick|lots\s+of)\s+(?:makeup|make\s+up)|full\s+glam",
          _set(makeup=("makeup", "eye makeup"))),
    Entry(r"makeup|make up|made up|glamorous|glam", _set(makeup="makeup")),
    # deep lines: the most deeply lined an age gives
    Entry(r"(?:deep|deeply|heavily|heavy|very|lots\s+of|many|thick)\s+(?:wrinkles|wrinkled|wrinkly|lined(?:\s+face)?)"
          r"|(?:deep|heavy)\s+(?:lines|furrows)|furrowed|craggy|leathery",
          _set(age_marks=("wrinkles", "deep wrinkles"))),
    Entry(r"wrinkles|wrinkled|wrinkly|lined face|weathered|weather beaten|crow'?s\s+feet|(?:laugh|smile|frown)\s+lines",
          _set(age_marks="wrinkles")),
    Entry(r"age spots|liver spots", _set(age_marks="age spots")),
    # background colours before skin/ethnicity words that share a colour name
    Entry(r"(?P<color>white|black|grey|gray|blue|green)\s+(?:background|backdrop)", _background_color),
    Entry(r"(?:plain|simple|seamless|neutral|clean)\s+background|backdrop", _set(background="plain")),
    Entry(r"black and white|black & white|monochrome|b&w", _set(style="monochrome")),
    # skin: a colour no one is born with ("green skin", "a blue-skinned alien"), else a natural tone
    Entry(r"(?P<color>(?:grey|gray)[\s-]green|greenish (?:grey|gray)|green|blue|grey|gray|ashen|red|purple|violet|lilac)"
          r"[\s-]+(?:skinned|skin|complexion)",
          lambda m: {"skin_color": _FANTASY_SKIN_NAMES.get(m.group("color").replace("-", " "),
                                                           m.group("color").replace("-", " "))}),
    # skin
    Entry(r"(?:(?P<shade>light|dark|deep)\s+)?"
          r"(?P<tone>very pale|porcelain|pale|fair|light|medium|olive|tanned|tan|brown|dark|deep|ebony|wheatish|"
          r"dusky|black|white)[\s-]+"
          r"(?:skinned|skin|complexion|skin tone)(?![\s-]+tight)", _skin),
    # ("sun tanned": below; "pale blue eyes" are the eyes')
    Entry(r"(?<!sun )(?<!sun)(?P<tone>very pale|pale|tanned|porcelain|wheatish)(?!\s+\w+\s+eyes)", _skin),
    Entry(r"(?:a\s+)?(?:(?:deep|dark|golden|healthy|light)\s+)?(?:sun\s?)?tan(?=\s*(?:$|[,.;]|and\b|with\b))"
          r"|sun\s?(?:tanned|kissed|bronzed)(?:\s+(?:skin|complexion))?",
          _set(skin_tone=SKIN_TONE_WORDS["tanned"], skin_tanned=True)),
    Entry(r"freckles|freckled|freckly", _set(freckles=True)),
    # glitter on the face is worn as eye make-up (the painter has no sparkle)
    Entry(r"(?:(?:gold|golden|silver|pink|blue|purple)\s+)?glitter(?:\s+(?:make\s?up|eye\s?shadow|on\s+(?:his|her|their)\s+(?:face|eyes|cheeks)))?"
          r"|glittery\s+(?:make\s?up|eye\s?shadow|eyes)", _set(makeup="eye makeup")),
    # the brows' shape: "arched eyebrows", "thin high-arched brows", "straight dark eyebrows" (with their size and colour)
    Entry(r"(?:(?P<size>thick|bushy|heavy|full|bold|thin|plucked|fine|delicate|sparse)\s+)?(?:(?:high|highly|sharply"
          r"|softly|gently|dramatically)\s+)?(?P<shape>arched|arching|curved|angled|straight|flat|level)\s+"
          rf"(?:(?P<color>{_HAIR_C})\s+)?(?:eye\s?)?brows?", _brow_shape),
    # eyebrows: "bushy eyebrows", "a unibrow", "thin plucked brows", "grey eyebrows", "bushy white brows"
    # (the colour said is the brows' own; unsaid, they are a shade of the hair's)
    Entry(r"(?:(?:very|big|thick|bushy|heavy|dark|full|bold|strong|shaggy|wild|untamed)\s+){1,2}"
          rf"(?:(?P<color>{_HAIR_C})\s+)?(?:eye\s?)?brows?"
          r"|unibrow|monobrow", lambda m: {"brows": "thick", **_brow_color(m)}),
    Entry(r"(?:(?:very|thin|sparse|plucked|pencil(?:ed)?|light|fine|faint|delicate|narrow)\s+){1,2}"
          rf"(?:(?P<color>{_HAIR_C})\s+)?(?:eye\s?)?brows?",
          lambda m: {"brows": "thin", **_brow_color(m)}),
    Entry(rf"(?P<color>{_HAIR_C})\s+(?:eye\s?)?brows?", _brow_color),
    # albinism: the palest skin, white-blond hair, pale blue eyes
    Entry(r"albino|albinism", _set(skin_tone=0.0, hair_color="platinum", eye_color="blue")),
    # age words (with sex where the word carries it); the seed picks an age within the range
    Entry(r"middle aged|middle age|midlife", _age(45, 58)),
    Entry(r"elders?|tribal elder", _age(70, 84)),
    # a great-grandparent is older than most grandparents
    Entry(r"great[\s-]+(?:grand(?:mother|ma|mom|mama)|granny)", _age(75, 90, sex="female")),
    Entry(r"great[\s-]+(?:grand(?:father|pa|dad|papa|daddy))", _age(75, 90, sex="male")),
    Entry(r"grandmother|grandma|granny|nana|grandmom|grandmama|babushka|abuelita|abuela|nonna|bubbe|bubbie|oma",
          _age(65, 80, sex="female")),
    Entry(r"grandfather|grandpa|granddad|grandad|grandpapa|granddaddy|gramps|abuelito|abuelo|nonno|zayde|opa",
          _age(65, 80, sex="male")),
    Entry(r"very old|ancient|centenarian|nonagenarian", _age(86, 95)),
    Entry(r"octogenarian", _age(80, 89)),
    # ages said by the stage of life: in retirement's golden years, nearing retirement, a youth (a young man or woman)
    Entry(r"golden\s+years|(?:of\s+)?retirement\s+age", _age(65, 80)),
    Entry(r"(?:approaching|nearing|near|close\s+to)\s+retirement", _age(58, 65)),
    Entry(r"youths?(?!\s+(?:pastor|club|group|hostel|league|team|center|centre|worker|orchestra))", _age(15, 20)),
    Entry(r"quadragenarian", _age(40, 49)), Entry(r"quinquagenarian", _age(50, 59)),
    Entry(r"sexagenarian", _age(60, 69)), Entry(r"septuagenarian", _age(70, 79)),
    Entry(r"old lady|old woman|old women|old ladies|elderly lady|elderly woman|aged woman", _age(70, 84, sex="female")),
    # a widow or widower is most often old; a niece or nephew a child; a lass young
    Entry(r"widow", _age(60, 80, sex="female")), Entry(r"widower", _age(60, 80, sex="male")),
    Entry(rf"{_NOT_THEIRS}niece", _age(6, 14, sex="female")), Entry(rf"{_NOT_THEIRS}nephew", _age(6, 14, sex="male")),
    Entry(r"lass|lassie", _age(16, 24, sex="female")),
    Entry(r"old man|old men|old gentleman|elderly man|elderly gentleman|aged man", _age(70, 84, sex="male")),
    Entry(r"elderly|senior citizen|seniors|senior|pensioner|retiree|retired|aged|old", _age(70, 84)),
    Entry(r"older|mature|seasoned", _age(55, 66)),
    Entry(r"newborn|new born", _age(0.1, 0.5)),
    Entry(r"baby|infant", _age(0.5, 1.5)),
    Entry(r"toddler|toddlers", _age(1.5, 3.5)),
    Entry(r"preschooler|preschool|kindergartner|kindergartener", _age(3.5, 5.5)),
    Entry(r"little girl|small girl|young girl", _age(5, 8, sex="female")),
    Entry(r"little boy|small boy|young boy", _age(5, 8, sex="male")),
    # the school says the age: high school 14-17, middle school 11-14, primary school 6-11
    Entry(r"high\s?school girl", _age(14, 17, sex="female", role="student")),
    Entry(r"high\s?school boy", _age(14, 17, sex="male", role="student")),
    Entry(r"(?:middle|junior high) school girl", _age(11, 14, sex="female", role="student")),
    Entry(r"(?:middle|junior high) school boy", _age(11, 14, sex="male", role="student")),
    Entry(r"(?:middle|junior high) school (?:student|pupil|kid)|middle schooler", _age(11, 14, role="student")),
    Entry(r"(?:elementary|primary|grade) school (?:student|pupil|kid|child)|school\s?child(?:ren)?|school\s?kid",
          _age(6, 11, role="student")),
    Entry(r"schoolgirl|school girl", _age(8, 14, sex="female", role="student")),
    Entry(r"schoolboy|school boy", _age(8, 14, sex="male", role="student")),
    Entry(r"little kid|small child|little child|little one|young child|young children|young kids?", _age(4, 7)),
    Entry(r"child|kid|children|kids|youngster|grade schooler", _age(6, 10)),
    Entry(r"preteen|pre teen|tweens?", _age(10, 12)),
    # "young" before a child's or a teen's age word means the young end of it, not a young adult
    Entry(r"young (?:teenage|teen|teenaged) girls?", _age(13, 15, sex="female")),
    Entry(r"young (?:teenage|teen|teenaged) boys?", _age(13, 15, sex="male")),
    Entry(r"young (?:teenagers?|teens?|teenaged|teenage|adolescents?)", _age(13, 15)),
    Entry(r"teenage girl|teen girl|teenaged girl", _age(14, 17, sex="female")),
    Entry(r"teenage boy|teen boy|teenaged boy", _age(14, 17, sex="male")),
    Entry(r"teenager|teenagers|teenaged|teenage|teens|teen|adolescent|high school student|high schooler",
          _age(14, 17)),
    # a parent is an adult ("a mother and her daughter" is the mother; "a young mother" stays young)
    Entry(r"mother|mom|mum|mommy|mummy|mama", _age(25, 45, sex="female")),
    Entry(r"father|dad|daddy|papa", _age(25, 50, sex="male")),
    Entry(rf"{_NOT_THEIRS}(?:daughter|granddaughter)", _age(6, 12, sex="female")),
    Entry(rf"{_NOT_THEIRS}grandson", _age(6, 12, sex="male")),
    Entry(r"boy", _age(7, 12, sex="male")),
    # a weather presenter (before "girl": a weather girl is a grown woman)
    Entry(r"weather\s?woman|weather girl", _set(role="anchor", sex="female")),
    Entry(r"weather\s?man", _set(role="anchor", sex="male")),
    # a girl named by a scene, a style or a trade is a young woman, not a child
    Entry(r"(?<!little )(?<!small )(?:goth|emo|punk|grunge|college|party|cover|career|working|it|valley|e|gamer|city|"
          r"office|shop|show|surfer|skater|bond|poster|gibson|vsco|country|farm)[\s-]?girls?", _age(18, 25, sex="female")),
    Entry(r"girl", _age(7, 12, sex="female")),
    Entry(r"college student|university student|undergraduate", _age(19, 23, role="student")),
    Entry(r"young adult|youthful|young", _age(20, 28)),
    Entry(r"adult|grown up", _age(28, 45)),
    # roles that imply clothes (an explicit garment still wins)
    Entry(r"news anchor|newsreader|news presenter|anchorwoman|anchorman|anchor|presenter|newscaster|news caster"
          r"|weather (?:forecaster|presenter)|forecaster|reporter|journalist|host", _set(role="anchor")),
    Entry(r"businesswoman|business woman", _set(role="business", sex="female")),
    Entry(r"businessman|business man", _set(role="business", sex="male")),
    Entry(r"executive|ceo|lawyer|banker|politician|diplomat|manager|entrepreneur|business person|businessperson"
          r"|professional",
          _set(role="business")),
    Entry(r"professors?", _age(40, 65, role="teacher")),  # an age said in the prompt still wins
    Entry(r"teacher|librarian|scholar|academic", _set(role="teacher")),
    Entry(r"headmistress|schoolmistress|school\s?marm", _set(role="teacher", sex="female")),
    Entry(r"headmaster|schoolmaster", _set(role="teacher", sex="male")),
    Entry(r"student|pupil", _set(role="student")),
    Entry(r"rapper|skater|skateboarder|gamer|hacker|streetwear", _set(role="street")),
    # sex
    # words that lean to one sex without saying it ("a beautiful person", "a handsome Korean idol")
    Entry(r"beautiful|pretty|gorgeous|lovely", _set(sex_cue="female")),
    Entry(r"handsome|rugged|manly|macho", _set(sex_cue="male")),
    # image-board tags of stable-diffusion prompts ("1girl, solo"): who is shown, not a child's age
    Entry(r"(?:1|one)\s?girl|(?:[2-9]|multiple)\s?girls", _set(sex="female")),
    Entry(r"(?:1|one)\s?boy|(?:[2-9]|multiple)\s?boys", _set(sex="male")),
    Entry(r"woman|women|female|feminine|lady|ladies|gal|madam|mother|mom|mum|mommy|aunt|auntie|wife|sister"
          r"|bride|queen|princess|actress|waitress|heroine|girlfriend|nun|she|her|hers|herself|mrs|ms"
          r"|policewoman|sportswoman|spokeswoman|chairwoman|matriarch|saleswoman|congresswoman|anchorwoman"
          r"|weatherwoman|horsewoman|cowgirl|pregnant|expectant mother|mother to be|mum to be|mom to be"
          r"|firewoman|fisherwoman|hostess|duchess|countess|empress|sorceress|goddess|baroness",
          _set(sex="female")),
    Entry(r"man|men|male|masculine|guy|guys|gentleman|gentlemen|dude|lad|bloke|fellow|chap|sir|mr|father|dad"
          r"|daddy|uncle|husband|son|brother|groom|king|prince|actor|waiter|hero|boyfriend|monk|he|him|his"
          r"|himself|policeman|sportsman|spokesman|chairman|patriarch|fisherman|fishermen|fireman|postman"
          r"|salesman|craftsman|doorman|cameraman|handyman|repairman|workman|nobleman|congressman|anchorman"
          r"|weatherman|horseman|cowboy|mailman|milkman|woodsman|seaman|sailor|duke|emperor|baron",
          _set(sex="male")),
    # ancestry / origin
    _origin(r"latina", ethnicity="latino", sex="female"),
    _origin(r"vikings?", ethnicity="nordic", sex="male"),
    _origin(r"sikhs?", ethnicity="south asian"),
    Entry(r"k[\s-]?pop(?:\s+(?:idol|star|singer))?s?", _age(18, 28, ethnicity="east asian")),
    _origin(r"filipina", ethnicity="southeast asian", sex="female"),
    # "south asian" and "southeast asian" before the bare "asian" the east Asian entry holds
    _origin(r"south asian|indian|pakistani|bangladeshi|sri lankan|nepali|nepalese|desi|punjabi|tamil",
            ethnicity="south asian"),
    _origin(r"southeast asian|south east asian|filipino|vietnamese|thai|indonesian|malaysian|burmese|cambodian|laotian|lao"
            r"|hmong",
            ethnicity="southeast asian"),
    _origin(r"east asian|asian|chinese|japanese|korean|taiwanese|mongolian|hong kong|singaporean|tibetan|kazakh"
            r"|kyrgyz|buryat|yakut",
            ethnicity="east asian"),
    _origin(r"scandinavian|nordic|swedish|norwegian|danish|finnish|icelandic|swede|norwegian", ethnicity="nordic"),
    _origin(r"mediterranean|italian|greek|spanish|portuguese|sicilian", ethnicity="mediterranean"),
    _origin(rf"white{_PERSON_AHEAD}|{_LISTED_AFTER_PERSON.format('white')}|european|caucasian|british|english"
            r"|irish|scottish|welsh|french|german|dutch|(?<!nail )(?<!shoe )polish(?!\s+(?:on\s+)?(?:her\s+|his\s+)?nails)"
            r"|russian|ukrainian|czech|austrian|swiss|belgian",
            ethnicity="european"),
    _origin(r"african american|afro american|black american", ethnicity="african american"),
    _origin(rf"(?<!south )african|black{_PERSON_AHEAD}|{_LISTED_AFTER_PERSON.format('black')}|nigerian|kenyan|ghanaian"
            r"|ethiopian|somali|senegalese|congolese|ugandan|tanzanian|rwandan|cameroonian|zimbabwean|sudanese"
            r"|jamaican|haitian|maasai|masai|zulu|xhosa|yoruba|igbo|eritrean|somalian|malian|angolan|zambian|malawian"
            r"|ivorian|liberian|namibian|mozambican", ethnicity="african"),
    _origin(r"latino|latin american|latinx|hispanic|mexican|brazilian|colombian|peruvian|argentinian|argentine"
            r"|chilean|cuban|venezuelan|puerto rican|dominican", ethnicity="latino"),
    _origin(r"middle eastern|arab|arabic|persian|iranian|turkish|lebanese|egyptian|saudi|syrian|iraqi|israeli"
            r"|moroccan|emirati|yemeni|jordanian|palestinian|kuwaiti|qatari|omani|bahraini|libyan|tunisian|algerian"
            r"|kurdish|afghan|tajik|uzbek|armenian|azerbaijani", ethnicity="middle eastern"),
    _origin(r"native american|indigenous(?! australian)|first nations(?! australian)|inuit|navajo|quechua",
            ethnicity="indigenous american"),
    _origin(r"pacific islander|polynesian|samoan|hawaiian|maori|tongan|fijian|tahitian|micronesian|melanesian",
            ethnicity="pacific islander"),
    _origin(r"(?:indigenous|aboriginal|first nations) australian|aboriginal|torres strait islander",
            ethnicity="aboriginal australian"),
    _origin(r"mixed race|mixed heritage|mixed ethnicity|biracial|multiracial|eurasian", ethnicity="mixed"),
    # a nation or city of many ancestries says nothing of the face: read, and the seed picks one
    # (after "african american", "native american" and "latin american", which do say it)
    _origin(r"american|canadian|australian|new zealander|south african|alaskan|texan|californian|new yorker"
            r"|londoner|parisian|berliner"),
    # build ("a thin moustache", "heavy eyeliner", "a chunky knit" say nothing of the body)
    Entry(rf"(?:muscular|athletic|bodybuilder|fit|strong|buff|brawny|sporty|toned|broad shouldered|burly|beefy"
          rf"|well built|hulking){_NOT_THE_BODY}",
          _set(build="muscular")),
    # stature: "tall" of the person (not of a hat or crown); "short" only of the person ("a short man",
    # "short and stocky"), never of the hair, a beard or sleeves; "petite" is small and slim
    Entry(rf"(?:very\s+)?(?:tall|towering|long\s+legged){_NOT_THE_BODY}", _set(stature="tall")),
    Entry(r"(?:very\s+)?(?:short|small)(?=\s*(?:,|\band\b)?\s*(?:stocky|chubby|slim|thin|plump|round|stout|heavy)\b"
          rf"{_NOT_THE_BODY}|\s+(?:man|woman|person|guy|lady|fellow|gentleman)\b)|diminutive", _set(stature="short")),
    Entry(rf"petite{_NOT_THE_BODY}", _set(stature="short", build="slim")),
    Entry(rf"(?:slim|thin|skinny|slender|lean|gaunt|lanky|wiry|scrawny|svelte){_NOT_THE_BODY}", _set(build="slim")),
    Entry(r"(?:chubby|overweight|heavy set|heavyset|plump|fat|stocky|heavy|portly|obese|round faced|chunky"
          rf"|plus size|plus sized|curvy|full figured|big boned){_NOT_THE_BODY}",
          _set(build="heavy")),
    # lighting mood
    Entry(r"soft lighting|soft light|softbox|soft box|diffuse light|diffused light|(?:soft\s+)?window light|natural light",
          _set(lighting="soft")),
    Entry(r"dramatic lighting|dramatic light|hard light|harsh light|chiaroscuro|low key|spotlight|spot light"
          r"|spotlit|stage lighting|stage light|rembrandt lighting|rembrandt light",
          _set(lighting="dramatic")),
    Entry(r"rim light|rim lighting|backlit|backlight|back light", _set(lighting="rim")),
    Entry(r"neon lights|neon light|neon", _set(lighting="neon")),
    Entry(r"studio lighting|studio light", _set(lighting="studio")),
    Entry(r"cinematic lighting|cinematic", _set(lighting="cinematic")),
    Entry(r"warm lighting|warm light|candlelight|candle light|warm", _set(lighting="warm")),
    Entry(r"cool lighting|cool light|cold light|cold", _set(lighting="cool")),
    Entry(r"natural lighting|natural light|daylight", _set(lighting="natural")),
    # time of day / weather
    Entry(r"at night|nighttime|night time|midnight|night|evening", _set(time_of_day="night")),
    Entry(r"golden hour|sunset|sunrise|dusk|dawn", _set(time_of_day="golden hour")),
    Entry(r"sunny|sunlight|sunshine|sunlit|bright day|daytime|midday|noon|summer", _set(time_of_day="sunny")),
    Entry(r"overcast|cloudy|rainy|rain|foggy|fog|winter", _set(time_of_day="overcast")),
    Entry(r"morning|afternoon|day", _set(time_of_day="day")),
    # background / scene
    Entry(r"city street|street|city|urban|downtown|alley|new york|tokyo", _set(background="city street")),
    # hair set in loose waves ("beach waves"), not a beach behind the person
    Entry(r"(?:beachy?|loose|soft|mermaid|hollywood|glam|finger|vintage)\s+waves", _set(hair_texture="wavy")),
    Entry(r"beach|seaside|ocean|sea|coast", _set(background="beach")),
    Entry(r"news studio|newsroom|tv studio|television studio", _set(background="studio")),
    Entry(r"photo studio|studio", _set(background="studio")),
    Entry(r"office|workplace", _set(background="office")),
    Entry(r"forest|woods|park|garden|nature|outdoors|outdoor|playground|field|meadow|countryside|mountains?"
          r"|landscape|jungle|farm|lake|river", _set(background="forest")),
    Entry(r"(?:(?:cozy|cosy|warm|bright)\s+)?(?:living room|bedroom|kitchen|library|cafe|coffee shop|indoors|indoor"
          r"|room|home|classroom|school)",
          _set(background="indoor")),
    # style
    Entry(r"film grain|grainy|grain|35mm|analog|kodak|film", _set(style="film grain")),
    Entry(r"vignette|vignetting", _set(style="vignette")),
    Entry(r"high quality|best quality|masterpiece|(?:ultra|highly|extremely|very)\s+detailed|detailed|4k|8k|16k|hd|uhd|hdr"
          r"|sharp focus|sharp|(?:ultra|hyper)\s+realistic|ultra high res|absurdres|highres"
          r"|(?:detailed\s+|realistic\s+)?skin\s+(?:texture|detail|pores)",
          _set(style="high quality")),
    Entry(r"(?:photorealistic|photo realistic|hyperrealistic|realistic|3d)\s+render|photorealistic|photo realistic"
          r"|hyperrealistic|realistic|raw photo|dslr|bokeh|shallow depth of field"
          r"|\d{2,3}\s?mm(?:\s+lens)?|f\s?/?\s?\d(?:\.\d)?",
          _set(style="photorealistic")),
    # a text-to-image prompt's rendering and camera boilerplate: the look of the picture, none of the person
    Entry(r"octane(?:\s+render)?|unreal\s+engine(?:\s+\d)?|cinema\s?4d|v[\s-]?ray|ray\s?tracing|volumetric\s+(?:lighting|light|fog)"
          r"|(?:trending\s+on\s+)?artstation|award[\s-]winning(?:\s+(?:photo|photograph|photography|portrait))?"
          r"|(?:canon|nikon|sony|fujifilm|fuji|leica|hasselblad)(?:\s+(?:eos|alpha|a\d|[a-z]?\d{1,4}[a-z]?|xt\d|gfx|r\d|"
          r"mark|ii|iii|iv|\d+d))*|by\s+greg\s+rutkowski|greg\s+rutkowski",
          _set(style="photorealistic")),
    # framing
    Entry(r"close upper body|upper body|close up|closeup|headshot|portrait|bust|head and shoulders|mug\s?shot|selfie"
          r"|passport photo|id photo",
          _set(framing="upper body")),
    # emoji have no word boundaries (words of other languages are glossed first: translate.py)
    # last of the words: a colour worn on a thing no entry above knows ("in a white guayabera-like
    # smock"): the clothes take the colour; a scene's word was taken by the entries above
    # (its name is one or two words: "a red salwar kameez")
    Entry(rf"(?:wearing|wears|in|dressed\s+in)\s+(?:an?|his|her|their)\s+(?P<color>{_CLOTH_C}){_AND_COLOR}\s+"
          rf"(?:(?:{_FABRIC})\s+){{0,2}}(?!(?:{_NOT_WORN})\b)[a-z]{{2,}}(?:\s+(?!(?:{_NOT_WORN}|{_THEN})\b)[a-z]{{2,}})?"
          rf"(?=\s*(?:$|[,;.!]|(?:{_THEN})\b))", _worn_color),
    Entry(r"👵", _age(65, 80, sex="female"), bounded=False),
    Entry(r"👴", _age(65, 80, sex="male"), bounded=False),
    # a person emoji joined (ZWJ) to a hair component: "👩‍🦰" is a red-haired woman
    Entry("\u200d?🦰", _set(hair_color="red"), bounded=False),
    Entry("\u200d?🦱", _set(hair_texture="curly"), bounded=False),
    Entry("\u200d?🦳", _set(hair_color="white"), bounded=False),
    Entry("\u200d?🦲", _set(hair_style="bald"), bounded=False),
    Entry(r"👨|🧔", _set(sex="male"), bounded=False),
    Entry(r"👩", _set(sex="female"), bounded=False),
    Entry(r"👶|🧒", _age(6, 10), bounded=False),
    Entry(r"🌃|🌙", _set(time_of_day="night"), bounded=False),
    Entry(r"🏖️|🏖", _set(background="beach"), bounded=False),
    Entry(r"☀️|☀|🌞", _set(time_of_day="sunny"), bounded=False),
)

# Words that carry no appearance (not reported as ignored).
STOPWORDS = frozenset(
    "a an the of in on with and at by wearing wears has having who is are to for from photo photograph "
    "picture image shot person people face looking standing sitting smiling background lighting light "
    "lit view style very quality her his their its into up someone somebody human dressed tied as "
    "into one two no not without never have does doesn't isn't looks look like lookalike costume cosplay cosplaying "
    "years year yrs solo viewer ultra descent origin heritage over under dyed whose that which".split()
)
