"""Prompt + seed -> `Identity`: what the words fix, plus seeded choices for what they leave open.

The seed never crosses what the prompt says: an explicit age picks within its range, a
"woman" stays female, "long wavy hair" stays long and wavy. Each part draws from its own
random stream (seed, part), so adding a word about clothes does not reshuffle the face.
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace

import numpy as np

from .face import face_local_changes
from .lexicon import BARE_CHEST, BRIGHT, BRIGHT_COLORS, ETHNICITY_DEFAULTS, EYE_COLORS_SRGB
from .marks import choose_skin_marks
from .phenotype import phenotype_values
from .eras import with_era
from .prompt import PromptAttributes, parse_prompt
from .styling import (StyleWords, choose_crown, choose_earrings, choose_eyepatch, choose_face_mask, choose_facial_hair, choose_garment,
                      choose_glasses, choose_hair, choose_headband, choose_headphones, choose_headwear, choose_horns,
                      choose_necklace, choose_scarf, choose_suspenders, choose_veil, pick)
from .types import Identity

# what an unsaid attribute becomes (the seed picks)
DEFAULT_AGE_RANGE = (22.0, 45.0)        # years, when nothing names an age
ADULT_SEX_AGE_RANGE = (22.0, 45.0)      # "a woman", "a man"
# grey, silver or white hair (or beard) and no age word: the age that colour usually comes with
GREY_HAIR_AGE_RANGE = {"grey": (45.0, 70.0), "silver": (55.0, 75.0), "white": (62.0, 85.0)}
DEFAULT_ANCESTRY: tuple[tuple[str, float], ...] = (
    ("european", 4), ("east asian", 2), ("african", 2), ("latino", 1), ("south asian", 1), ("middle eastern", 1),
    ("mediterranean", 1), ("southeast asian", 1),
)
# Natural blonde or red hair (or beard), light eyes and freckles are mostly European: when the prompt names one
# of them and no ancestry, the seed picks among these instead (a dyed colour, such as pink, says nothing).
FAIR_ANCESTRY: tuple[tuple[str, float], ...] = (("european", 3), ("nordic", 1))
# "Natural hair" is said of tightly curled hair worn unstraightened, of African ancestry: with no
# ancestry said the seed picks among these (of anyone else the words would say nothing).
NATURAL_HAIR_ANCESTRY: tuple[tuple[str, float], ...] = (("african", 1), ("african american", 1))
# Vitiligo's unpigmented patches hardly show on the palest skin (the mark drawn and not seen):
# with no ancestry or skin tone said, the seed picks among the ancestries whose usual tone is at
# least this (lexicon.ETHNICITY_DEFAULTS)
VITILIGO_SHOWS_FROM_TONE = 0.4
# A skin tone said with no ancestry ("a woman with dark skin"): the seed picks among the ancestries whose usual
# tone (lexicon.ETHNICITY_DEFAULTS) lies within TONE_ANCESTRY of it (a European with very dark skin had been drawn)
TONE_ANCESTRY = 0.22
TONE_POOL: tuple[tuple[str, float], ...] = (*DEFAULT_ANCESTRY, ("african american", 1), ("nordic", 1))
FAIR_HAIR = frozenset({"blonde", "platinum", "red", "auburn"})
LIGHT_EYES = frozenset({"blue", "green", "grey"})
ODD_EYE = ("blue", "green", "brown", "hazel")   # the other eye's colour when only "heterochromia" is said
SKIN_TONE_JITTER = 0.05
EUROPEAN_EYES = (("blue", 3), ("brown", 3), ("green", 1), ("hazel", 2), ("grey", 1))
# cues that say the sex when no sex word does
FEMALE_CUES = {"dress", "blouse"}
WRINKLES_FROM_YEARS, WRINKLES_FULL_YEARS = 35.0, 80.0
# lines deepen slowly, then fast: on a straight line a woman of 60 was lined as deeply as one
# of 75 looks (0.56; now 0.44, at 70 0.70)
WRINKLES_CURVE = 1.4
SAID_WRINKLES, DEEP_WRINKLES = 0.6, 0.9    # the least wrinkle depth "wrinkles" and "deep wrinkles" give
AGE_SPOTS_FROM_YEARS = 62.0
ROYAL_CAPE_ELSE = "purple"    # a king's or queen's cape over clothes of its own red
# under this age a hood or bonnet is drawn as a snug cap: round a baby's short neck the hood's cloth
# crumpled into shards over the mouth and chin
HOOD_FROM_YEARS = 3.0
SMOKED = frozenset({"pipe", "cigar", "cigarette"})   # held in the mouth only from SMOKES_FROM_YEARS
SMOKES_FROM_YEARS = 18.0
# independent random streams, one per part of the identity
_STREAMS = {"sex": 1, "age": 2, "ancestry": 3, "phenotype": 4, "face": 5, "hair": 6, "beard": 7, "garment": 8,
            "colour": 9, "glasses": 10, "headwear": 11, "earrings": 12,
            "necklace": 13, "scarf": 14, "headphones": 15, "marks": 16, "headband": 17, "eyepatch": 18,
            "suspenders": 19, "odd eye": 20, "bright": 21,
            "face_mask": 22}
# the colours said of cloth, from its palette (lexicon.CLOTHING_COLORS_SRGB): "colourful" is one of BRIGHT_COLORS there
CLOTH_COLOR_FIELDS = ("clothing_color", "clothing_pattern_color", "inner_color", "tie_color", "headwear_color",
                      "scarf_color", "suspenders_color", "headband_color", "veil_color", "face_mask_color")


def _rng(seed: int, part: str) -> np.random.Generator:
    return np.random.default_rng([int(seed) & 0xFFFFFFFF, _STREAMS[part]])


def _sex(attrs: PromptAttributes, seed: int) -> tuple[str, bool]:
    """-> (sex, chosen by default?). Clothes, make-up and beards are cues when no word says."""
    if attrs.sex is not None:
        return attrs.sex, False
    if attrs.facial_hair not in (None, "none"):
        return "male", False
    if attrs.clothing in FEMALE_CUES or any(m != "none" for m in attrs.makeup):
        return "female", False
    if attrs.hair_style in ("bun", "pigtails", "space_buns", "braids"):
        return "female", False
    if attrs.clothing == BARE_CHEST:   # "a shirtless surfer": a bare chest is a man's or boy's
        return "male", False
    if attrs.sex_cue is not None:
        return attrs.sex_cue, False
    return ("female" if _rng(seed, "sex").uniform() < 0.5 else "male"), True


def _age(attrs: PromptAttributes, seed: int) -> tuple[float, bool]:
    rng = _rng(seed, "age")
    if attrs.age_range is not None:
        lo, hi = attrs.age_range
        return float(round(rng.uniform(lo, hi) if hi > lo else lo, 1)), False
    scalp = None if attrs.hair_wig else attrs.hair_color   # a white wig is worn at any age
    grey = next((GREY_HAIR_AGE_RANGE[c] for c in (scalp, attrs.facial_hair_color) if c in GREY_HAIR_AGE_RANGE), None)
    lo, hi = grey or (ADULT_SEX_AGE_RANGE if attrs.sex is not None else DEFAULT_AGE_RANGE)
    return float(round(rng.uniform(lo, hi), 1)), True


def _bright_colours(attrs: PromptAttributes, seed: int) -> PromptAttributes:
    """`attrs` with each cloth colour said only as "colourful" a bright one the seed picks (each its
    own, as far as there are), and that word dropped where another palette's colour was meant."""
    said = [f for f in dataclasses.fields(attrs) if f.name.endswith("_color") and getattr(attrs, f.name) == BRIGHT]
    if not said:
        return attrs
    rng = _rng(seed, "bright")
    options = list(rng.permutation(BRIGHT_COLORS))
    return replace(attrs, **{f.name: (str(options.pop(0)) if options else BRIGHT_COLORS[0])
                             if f.name in CLOTH_COLOR_FIELDS else None for f in said})


def _ancestries(options: tuple[tuple[str, float], ...], tone: float | None) -> tuple[tuple[str, float], ...]:
    """`options` (ancestry, weight) kept to those whose usual skin tone is near the `tone` said (None: all);
    when none of them is, the TONE_POOL's that are; when none of those, the nearest."""
    if tone is None:
        return options
    def near(pool):
        return tuple((e, w) for e, w in pool if abs(ETHNICITY_DEFAULTS[e][0] - tone) <= TONE_ANCESTRY)
    return near(options) or near(TONE_POOL) or (min(TONE_POOL, key=lambda ew: abs(ETHNICITY_DEFAULTS[ew[0]][0] - tone)),)


def identity_from_attributes(attrs: PromptAttributes, seed: int) -> Identity:
    attrs = _bright_colours(attrs, seed)
    chosen: list[str] = []
    sex, sex_chosen = _sex(attrs, seed)
    age, age_chosen = _age(attrs, seed)
    attrs = with_era(attrs, sex, age)   # a period's look for what the prompt leaves unsaid
    chosen += ["sex"] * sex_chosen + ["age"] * age_chosen
    ethnicity = attrs.ethnicity
    if ethnicity is None:
        fair = (attrs.hair_color in FAIR_HAIR or attrs.facial_hair_color in FAIR_HAIR or attrs.eye_color in LIGHT_EYES
                or attrs.freckles)
        pool = FAIR_ANCESTRY if fair else DEFAULT_ANCESTRY
        if attrs.hair_natural:
            pool = NATURAL_HAIR_ANCESTRY
        elif "vitiligo" in attrs.skin_marks and attrs.skin_tone is None and not fair:
            pool = tuple((e, w) for e, w in TONE_POOL if ETHNICITY_DEFAULTS[e][0] >= VITILIGO_SHOWS_FROM_TONE)
        ethnicity = pick(_ancestries(pool, None if attrs.skin_tanned else attrs.skin_tone), _rng(seed, "ancestry"))
        chosen.append("ethnicity")
    build = attrs.build or "average"

    colour_rng = _rng(seed, "colour")
    eth_tone, _, eth_eyes = ETHNICITY_DEFAULTS[ethnicity]
    if attrs.skin_tone is not None:
        tone = attrs.skin_tone
    else:
        tone = float(np.clip(eth_tone + colour_rng.uniform(-SKIN_TONE_JITTER, SKIN_TONE_JITTER), 0.0, 1.0))
    if attrs.eye_color is not None:
        eyes = attrs.eye_color
    elif ethnicity in ("european", "nordic"):
        eyes = pick(EUROPEAN_EYES, colour_rng)
    else:
        eyes = eth_eyes
    assert eyes in EYE_COLORS_SRGB
    eyes_right = attrs.eye_color_right
    if attrs.heterochromia and eyes_right is None:   # "heterochromia": a light eye beside a dark one, or the reverse
        eyes_right = pick(tuple((c, 1) for c in ODD_EYE if c != eyes and (c in LIGHT_EYES) != (eyes in LIGHT_EYES)),
                          _rng(seed, "odd eye"))
    if eyes_right == eyes:
        eyes_right = None

    # a face painted white is shaved under the paint (a beard the seed picked hid it: a clown's
    # red moustache read as his painted mouth)
    painted_white = any(m.startswith("whiteface") for m in attrs.skin_marks)
    words = StyleWords(
        hair_style=attrs.hair_style, hair_length=attrs.hair_length, hair_texture=attrs.hair_texture,
        hair_fringe=attrs.hair_fringe, hair_peak=attrs.hair_peak, hair_braids=attrs.hair_braids,
        hair_natural=attrs.hair_natural,
        hair_thinning=attrs.hair_thinning, hair_receding=attrs.hair_receding, hair_side_shave=attrs.hair_side_shave,
        hair_spiky=attrs.hair_spiky,
        hair_gather=attrs.hair_gather,
        hair_color=attrs.hair_color,
        hair_accent=attrs.hair_accent,
        hair_accent_style=attrs.hair_accent_style,
        facial_hair=attrs.facial_hair or ("none" if painted_white or attrs.androgynous else None),
        facial_hair_color=attrs.facial_hair_color,
        moustache_style=attrs.moustache_style,
        # suspenders are worn over a shirt (a sweater or jacket the seed put on would hide them), overalls over a T-shirt
        clothing=attrs.clothing or ("t_shirt" if attrs.overalls else "collared_shirt" if attrs.suspenders else None),
        clothing_color=attrs.clothing_color, clothing_pattern=attrs.clothing_pattern,
        clothing_pattern_color=attrs.clothing_pattern_color,
        inner_color=attrs.inner_color,
        tie=attrs.tie, tie_color=attrs.tie_color, tie_style=attrs.tie_style,
        role=attrs.role, hair_bow=attrs.headband == "bow")
    hair, natural, hair_chosen = choose_hair(words, sex, age, ethnicity, _rng(seed, "hair"))
    facial_hair, beard_chosen = choose_facial_hair(words, sex, age, natural, _rng(seed, "beard"))
    if attrs.sideburns:
        facial_hair = replace(facial_hair, sideburns=True)
    royal = attrs.royal_cape and not attrs.scarf   # a king's or queen's cape, when nothing else is round the neck
    scarf, scarf_chosen = choose_scarf(attrs.scarf or royal, attrs.scarf_color or ("red" if royal else None),
                                       _rng(seed, "scarf"), "cape" if royal else attrs.scarf_style, attrs.scarf_fur)
    suspenders, suspenders_chosen = choose_suspenders(attrs.suspenders, attrs.suspenders_color,
                                                      _rng(seed, "suspenders"), bib=attrs.overalls)
    # a neckerchief or suspenders in the clothes' colour would vanish on them
    on_clothes = {scarf.color} if scarf and scarf.style == "neckerchief" else set()
    on_clothes |= {suspenders.color} if suspenders else set()
    garment, garment_chosen = choose_garment(words, sex, age, _rng(seed, "garment"), frozenset(on_clothes))
    if scarf and scarf.style == "drape" and attrs.scarf_color is None:   # a sari's drape is the sari's own cloth
        scarf, scarf_chosen = replace(scarf, color=garment.color), []
    if royal and attrs.scarf_color is None and garment.color == scarf.color:   # a red cape would vanish on a red gown
        scarf = replace(scarf, color=ROYAL_CAPE_ELSE)
    glasses, glasses_chosen = choose_glasses(attrs.glasses, attrs.glasses_color, attrs.glasses_shape,
                                             attrs.glasses_frame, _rng(seed, "glasses"), attrs.glasses_eye,
                                             attrs.glasses_raised)
    headwear, headwear_chosen = choose_headwear(attrs.headwear, attrs.headwear_color, _rng(seed, "headwear"), garment,
                                                attrs.headwear_backwards, attrs.headwear_trim, attrs.headwear_pattern)
    if headwear is not None and headwear.kind == "hood" and age < HOOD_FROM_YEARS:
        headwear = replace(headwear, kind="beanie")   # a baby's hood or bonnet: a snug cap
    earrings, earrings_chosen = choose_earrings(attrs.earrings, attrs.earrings_color, _rng(seed, "earrings"))
    necklace, necklace_chosen = choose_necklace(attrs.necklace, attrs.necklace_color, _rng(seed, "necklace"))
    chosen += (hair_chosen + beard_chosen + garment_chosen + glasses_chosen + headwear_chosen + earrings_chosen
               + necklace_chosen)
    headphones, headphones_chosen = choose_headphones(attrs.headphones, attrs.headphones_color,
                                                      _rng(seed, "headphones"))
    headband, headband_chosen = choose_headband(attrs.headband, attrs.headband_color, _rng(seed, "headband"))
    if headwear is not None and headwear.kind == "keffiyeh" and headband is None:   # the agal that holds it on
        headband, headband_chosen = choose_headband("agal", None, _rng(seed, "headband"))
    chosen += scarf_chosen + suspenders_chosen + headphones_chosen + headband_chosen
    skin_marks, marks_chosen = choose_skin_marks(attrs.skin_marks, _rng(seed, "marks"))
    chosen += marks_chosen
    eyepatch, eyepatch_chosen = choose_eyepatch(attrs.eyepatch, _rng(seed, "eyepatch"))
    chosen += eyepatch_chosen
    face_mask, face_mask_chosen = choose_face_mask(attrs.face_mask, attrs.face_mask_color, attrs.face_mask_down,
                                                   _rng(seed, "face_mask"))
    chosen += face_mask_chosen
    # a pipe, cigar or cigarette is a grown-up's; nothing is held in a mouth a mask covers
    mouth_prop = attrs.mouth_prop
    if (face_mask is not None and not face_mask.down) or (mouth_prop in SMOKED and age < SMOKES_FROM_YEARS):
        mouth_prop = None

    wrinkles = float(np.clip((age - WRINKLES_FROM_YEARS) / (WRINKLES_FULL_YEARS - WRINKLES_FROM_YEARS), 0.0, 1.0))
    wrinkles = wrinkles ** WRINKLES_CURVE
    if "wrinkles" in attrs.age_marks:
        wrinkles = max(wrinkles, DEEP_WRINKLES if "deep wrinkles" in attrs.age_marks else SAID_WRINKLES)
    # "none" is kept only when it is all the prompt says ("no make-up"), so the look knows to
    # leave a woman's default make-up off
    makeup = tuple(m for m in attrs.makeup if m != "none") or tuple(m for m in attrs.makeup if m == "none")[:1]
    return Identity(
        prompt=attrs.prompt, seed=int(seed), sex=sex, age_years=age,
        phenotype=phenotype_values(age, sex, ethnicity, build, _rng(seed, "phenotype"), attrs.androgynous,
                                   attrs.stature),
        local_changes=face_local_changes(age, build, _rng(seed, "face"), sex, attrs.face_features, attrs.androgynous),
        hair=hair, facial_hair=facial_hair, garment=garment, skin_tone=round(tone, 4), eye_color=eyes,
        eye_color_right=eyes_right, ethnicity=ethnicity, build=build, age_marks=round(wrinkles, 4),
        age_spots=age >= AGE_SPOTS_FROM_YEARS or "age spots" in attrs.age_marks, freckles=attrs.freckles,
        brows=attrs.brows, brow_color=attrs.brow_color, brow_shape=attrs.brow_shape, makeup=makeup, glasses=glasses, headwear=headwear,
        earrings=earrings, necklace=necklace, scarf=scarf, suspenders=suspenders, headphones=headphones,
        crown=choose_crown(attrs.crown or attrs.royal_crown, attrs.crown_color), eyepatch=eyepatch, headband=headband,
        horns=choose_horns(attrs.horns, attrs.horns_color), veil=choose_veil(attrs.veil, attrs.veil_color),
        face_mask=face_mask,
        mouth_prop=mouth_prop,
        hearing_aids=attrs.hearing_aids,
        skin_color=attrs.skin_color,
        piercings=attrs.piercings,
        piercings_color=attrs.piercings_color or "silver", skin_marks=skin_marks, teeth=attrs.teeth,
        chosen=tuple(chosen), found=attrs.found, ignored=attrs.ignored,
    )


def identity_from_prompt(prompt: str, seed: int = 0) -> Identity:
    """The avatar's identity. An empty prompt is a PortraitTalkerError (from the parser)."""
    return identity_from_attributes(parse_prompt(prompt), seed)
