"""The prompt lexicon: phrases -> (attribute, value), plus the colour palettes they name.

Entries are regular expressions over a normalised prompt (casefolded, hyphens and
underscores turned into spaces). Order matters: the parser tries entries top to bottom and a
span of text is consumed by the first entry that matches it, so specific phrases ("white
hair", "black background") come before the bare words they contain ("white", "black").
Colours are sRGB in [0, 1] (easy to author); `look.py` converts them to linear RGB.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

# -- colours ---------------------------------------------------------------------------------
HAIR_COLORS_SRGB: dict[str, tuple[float, float, float]] = {
    "black": (0.06, 0.05, 0.05),
    "dark brown": (0.20, 0.13, 0.09),
    "brown": (0.33, 0.21, 0.13),
    "light brown": (0.55, 0.40, 0.27),
    "blonde": (0.86, 0.73, 0.48),
    "platinum": (0.93, 0.90, 0.82),
    "red": (0.60, 0.22, 0.08),
    "auburn": (0.45, 0.17, 0.08),
    "grey": (0.62, 0.62, 0.62),
    "silver": (0.78, 0.78, 0.80),
    "white": (0.92, 0.92, 0.91),
    "blue": (0.12, 0.32, 0.85),
    "green": (0.14, 0.58, 0.28),
    "pink": (0.95, 0.48, 0.70),
    "purple": (0.48, 0.22, 0.75),
    "orange": (0.95, 0.48, 0.12),
    "teal": (0.08, 0.58, 0.58),
    "yellow": (0.95, 0.85, 0.20),
}
HAIR_COLOR_SYNONYMS = {
    "blond": "blonde", "golden": "blonde", "ginger": "red", "copper": "red", "gray": "grey",
    "violet": "purple", "turquoise": "teal", "cyan": "teal", "dark": "dark brown", "light": "light brown",
}
# Dyed colours: eyebrows keep a natural colour.
UNNATURAL_HAIR = {"blue", "green", "pink", "purple", "orange", "teal", "yellow"}

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
EYE_COLOR_SYNONYMS = {"gray": "grey", "dark": "dark brown"}

CLOTHING_COLORS_SRGB: dict[str, tuple[float, float, float]] = {
    "black": (0.06, 0.06, 0.07), "white": (0.90, 0.90, 0.88), "grey": (0.45, 0.46, 0.48),
    "red": (0.70, 0.10, 0.10), "blue": (0.15, 0.30, 0.65), "navy": (0.08, 0.12, 0.30),
    "green": (0.18, 0.45, 0.22), "yellow": (0.90, 0.78, 0.20), "orange": (0.90, 0.45, 0.12),
    "pink": (0.90, 0.50, 0.65), "purple": (0.42, 0.20, 0.60), "brown": (0.40, 0.26, 0.15),
    "beige": (0.80, 0.72, 0.58), "denim": (0.28, 0.38, 0.55), "charcoal": (0.17, 0.18, 0.20),
    "olive": (0.40, 0.42, 0.20), "teal": (0.10, 0.50, 0.50),
}
CLOTHING_COLOR_SYNONYMS = {"gray": "grey", "dark": "charcoal", "khaki": "beige", "maroon": "red", "violet": "purple"}
# What a garment looks like when the prompt gives no colour.
CLOTHING_DEFAULT_COLOR = {
    "casual": "denim", "suit": "charcoal", "t shirt": "grey", "shirt": "white", "hoodie": "grey",
    "jacket": "charcoal", "sweater": "beige", "dress": "navy", "uniform": "navy", "coat": "charcoal",
}

# Skin tone on a 0 (very pale) .. 1 (very deep) scale; the palette interpolates a ramp.
SKIN_TONE_WORDS: dict[str, float] = {
    "very pale": 0.0, "pale": 0.05, "porcelain": 0.02, "fair": 0.12, "light": 0.2, "medium": 0.45,
    "olive": 0.42, "tan": 0.5, "tanned": 0.5, "brown": 0.68, "dark": 0.86, "deep": 0.93, "ebony": 0.95,
}
# Ethnicity words set defaults (tone, hair, eyes) that explicit words override.
ETHNICITY_DEFAULTS: dict[str, tuple[float, str, str]] = {
    "east asian": (0.28, "black", "dark brown"),
    "south asian": (0.62, "black", "dark brown"),
    "southeast asian": (0.45, "black", "dark brown"),
    "european": (0.14, "brown", "blue"),
    "nordic": (0.06, "blonde", "blue"),
    "mediterranean": (0.36, "dark brown", "brown"),
    "african": (0.88, "black", "dark brown"),
    "latino": (0.45, "dark brown", "brown"),
    "middle eastern": (0.42, "black", "brown"),
}

# -- phrase patterns ---------------------------------------------------------------------------
_HAIR_C = "|".join(sorted([*HAIR_COLORS_SRGB, *HAIR_COLOR_SYNONYMS], key=len, reverse=True))
_EYE_C = "|".join(sorted([*EYE_COLORS_SRGB, *EYE_COLOR_SYNONYMS], key=len, reverse=True))
_CLOTH_C = "|".join(sorted([*CLOTHING_COLORS_SRGB, *CLOTHING_COLOR_SYNONYMS], key=len, reverse=True))
_GARMENT = (
    r"casual clothes|casual clothing|casual outfit|clothes|outfit|t shirt|tshirt|polo shirt|shirt|hoodie|jacket"
    r"|blazer|sweater|jumper|pullover|cardigan|suit|dress|blouse|uniform|coat|turtleneck|tank top|top|vest"
)
_LENGTH = r"long|short|medium length|shoulder length|medium"


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


def _hair(m) -> dict:
    out: dict = {}
    if m.group("length"):
        out["hair_length"] = m.group("length").replace(" length", "").strip()
    if m.group("color"):
        c = m.group("color")
        out["hair_color"] = HAIR_COLOR_SYNONYMS.get(c, c)
    return out


def _age_years(m) -> dict:
    return {"age_years": float(m.group("n"))}


def _eyes(m) -> dict:
    c = m.group("color")
    return {"eye_color": EYE_COLOR_SYNONYMS.get(c, c)}


def _garment(m) -> dict:
    kind = m.group("garment")
    kind = {
        "tshirt": "t shirt", "tank top": "t shirt", "top": "t shirt", "polo shirt": "shirt", "clothes": "casual",
        "outfit": "casual", "blouse": "shirt", "turtleneck": "sweater", "jumper": "sweater", "pullover": "sweater",
        "cardigan": "sweater", "blazer": "jacket", "vest": "t shirt",
    }.get(kind, kind)
    kind = "casual" if kind.startswith("casual") else kind
    out = {"clothing": kind}
    if m.group("color"):
        c = m.group("color")
        out["clothing_color"] = CLOTHING_COLOR_SYNONYMS.get(c, c)
    return out


def _skin(m) -> dict:
    return {"skin_tone": SKIN_TONE_WORDS[m.group("tone")]}


def _background_color(m) -> dict:
    return {"background": "plain", "background_color": m.group("color")}


ENTRIES: tuple[Entry, ...] = (
    # age in numbers: "25 y.o.", "25yo", "25 years old", "25-year-old"
    Entry(r"(?P<n>\d{1,3})\s*(?:y\.?\s?o\b\.?|years?\s+old|year\s+old|yrs?\s+old)", _age_years),
    # hair: "blue haired", "long blonde hair", "short hair", "redhead", "bald"
    Entry(rf"(?:(?P<length>{_LENGTH})\s+)?(?:(?P<color>{_HAIR_C})\s+)?(?:haired|hair|hairstyle)", _hair),
    Entry(r"redhead|red head", _set(hair_color="red")),
    Entry(r"brunette", _set(hair_color="brown")),
    Entry(r"bald|shaved head|bald headed", _set(hair_length="bald")),
    # eyes: "green eyes", "blue eyed"
    Entry(rf"(?P<color>{_EYE_C})\s+(?:eyes|eyed)", _eyes),
    # clothing: "in casual clothes", "red dress", "black suit"
    Entry(rf"(?:(?P<color>{_CLOTH_C})\s+)?(?P<garment>{_GARMENT})", _garment),
    # background colours before skin/ethnicity words that share a colour name
    Entry(r"(?P<color>white|black|grey|gray|blue|green)\s+(?:background|backdrop)", _background_color),
    Entry(r"plain background|simple background|seamless background", _set(background="plain")),
    # skin
    Entry(r"(?P<tone>very pale|porcelain|pale|fair|light|medium|olive|tanned|tan|brown|dark|deep|ebony)\s+(?:skinned|skin|complexion)", _skin),
    Entry(r"(?P<tone>very pale|pale|tanned|porcelain)", _skin),
    Entry(r"freckles|freckled", _set(freckles=True)),
    # facial hair
    Entry(r"clean shaven|clean shaved|beardless", _set(facial_hair="none")),
    Entry(r"full beard|long beard|thick beard|bearded|beard", _set(facial_hair="beard")),
    Entry(r"stubble|five o clock shadow|unshaven", _set(facial_hair="stubble")),
    Entry(r"moustache|mustache", _set(facial_hair="moustache")),
    Entry(r"goatee", _set(facial_hair="goatee")),
    # age words (with sex where the word carries it)
    Entry(r"middle aged", _set(age_years=48.0)),
    Entry(r"grandmother|grandma|old lady|old woman", _set(age_years=75.0, sex="female")),
    Entry(r"grandfather|grandpa|old man", _set(age_years=75.0, sex="male")),
    Entry(r"elderly|senior|aged|old", _set(age_years=75.0)),
    Entry(r"baby|infant|toddler", _set(age_years=3.0)),
    Entry(r"little boy", _set(age_years=7.0, sex="male")),
    Entry(r"little girl", _set(age_years=7.0, sex="female")),
    Entry(r"child|kid|children|kids", _set(age_years=8.0)),
    Entry(r"boy", _set(age_years=11.0, sex="male")),
    Entry(r"girl", _set(age_years=11.0, sex="female")),
    Entry(r"teenager|teenage|teen|adolescent", _set(age_years=16.0)),
    Entry(r"young adult|young", _set(age_years=24.0)),
    Entry(r"adult", _set(age_years=35.0)),
    # sex
    Entry(r"woman|women|female|lady|businesswoman|mother|wife|queen|actress|she|her", _set(sex="female")),
    Entry(r"man|men|male|guy|gentleman|businessman|father|husband|king|actor|he|his", _set(sex="male")),
    # ethnicity / origin
    Entry(r"east asian|asian|chinese|japanese|korean", _set(ethnicity="east asian")),
    Entry(r"south asian|indian|pakistani|bangladeshi", _set(ethnicity="south asian")),
    Entry(r"southeast asian|filipino|vietnamese|thai|indonesian", _set(ethnicity="southeast asian")),
    Entry(r"scandinavian|nordic|swedish|norwegian", _set(ethnicity="nordic")),
    Entry(r"mediterranean|italian|greek|spanish", _set(ethnicity="mediterranean")),
    Entry(r"european|caucasian|white", _set(ethnicity="european")),
    Entry(r"african american|african|black", _set(ethnicity="african")),
    Entry(r"latino|latina|hispanic|mexican|brazilian", _set(ethnicity="latino")),
    Entry(r"middle eastern|arab|persian|turkish", _set(ethnicity="middle eastern")),
    # build
    Entry(r"muscular|athletic|bodybuilder|fit|strong|buff", _set(build="muscular")),
    Entry(r"slim|thin|skinny|slender", _set(build="slim")),
    Entry(r"chubby|overweight|heavy set|plump|fat", _set(build="heavy")),
    # lighting mood
    Entry(r"soft lighting|soft light|softbox|soft box|diffuse light|diffused light", _set(lighting="soft")),
    Entry(r"dramatic lighting|dramatic light|hard light|harsh light|chiaroscuro|low key", _set(lighting="dramatic")),
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
    Entry(r"beach|seaside|ocean|sea|coast", _set(background="beach")),
    Entry(r"photo studio|studio", _set(background="studio")),
    Entry(r"office|workplace", _set(background="office")),
    Entry(r"forest|woods|park|garden|nature|outdoors|outdoor", _set(background="forest")),
    Entry(r"living room|bedroom|kitchen|library|cafe|coffee shop|indoors|indoor|room|home", _set(background="indoor")),
    # style
    Entry(r"film grain|grainy|grain|35mm|analog|kodak|film", _set(style="film grain")),
    Entry(r"vignette|vignetting", _set(style="vignette")),
    Entry(r"high quality|best quality|masterpiece|highly detailed|detailed|4k|8k|hd|uhd|sharp focus|sharp", _set(style="high quality")),
    Entry(r"photorealistic|photo realistic|hyperrealistic|realistic|raw photo|dslr|bokeh|shallow depth of field", _set(style="photorealistic")),
    # framing
    Entry(r"close upper body|upper body|close up|closeup|headshot|portrait|bust|head and shoulders", _set(framing="upper body")),
    # a few words in other scripts; CJK and emoji have no word boundaries
    Entry(r"남자|남성|男人|男性|男|👨|🧔", _set(sex="male"), bounded=False),
    Entry(r"여자|여성|女人|女性|女|👩", _set(sex="female"), bounded=False),
    Entry(r"노인|할머니|할아버지|老人|👴|👵", _set(age_years=75.0), bounded=False),
    Entry(r"아이|어린이|孩子|儿童|👶|🧒", _set(age_years=8.0), bounded=False),
    Entry(r"밤|夜晚|夜|🌃|🌙", _set(time_of_day="night"), bounded=False),
    Entry(r"해변|海滩|海边|🏖️|🏖", _set(background="beach"), bounded=False),
    Entry(r"☀️|☀|🌞", _set(time_of_day="sunny"), bounded=False),
)

# Words that carry no appearance (not reported as ignored).
STOPWORDS = frozenset(
    "a an the of in on with and at by wearing wears has having who is are to for from photo photograph "
    "picture image shot person people face looking standing sitting smiling background lighting light "
    "lit view style very quality".split()
)
