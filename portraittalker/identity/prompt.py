"""Prompt parsing: free text -> `PromptAttributes` (what the prompt asks for, and what not).

The parser is a greedy phrase matcher over the lexicon (`lexicon.py`): it records every
attribute it recognises with the phrase that set it, and every remaining content word as
ignored, so a user can see in the avatar's metadata exactly what the prior understood.
Any script is accepted (Korean, Chinese, emoji ...); prompts in Korean, Japanese, Chinese, Spanish,
French and German are glossed into English first (`translate.py`); unknown words are simply reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass

from ..errors import PortraitTalkerError
from .lexicon import BARE_CHEST, ENTRIES, FACIAL_HAIR_RANK, GENERIC_UNIFORM, OUTER_GARMENTS, STOPWORDS, UNDER_GARMENTS
from .personas import expand_personas
from .translate import to_english

_MULTI_VALUED = ("lighting", "style", "makeup", "age_marks", "face_features", "piercings", "skin_marks", "teeth")


@dataclass(frozen=True)
class PromptAttributes:
    """Appearance and scene attributes named by a prompt; None = the prompt did not say."""

    prompt: str
    age_years: float | None = None         # the middle of the age the prompt names
    age_range: tuple[float, float] | None = None  # years (lo, hi); a number gives (n, n)
    age_stated: bool = False               # in numbers ("6", "in her seventies"): beats age words
    sex: str | None = None                 # "male" | "female"
    sex_cue: str | None = None             # a word that leans one way ("pretty", "handsome"): used when no word says the sex
    ethnicity: str | None = None           # key of lexicon.ETHNICITY_DEFAULTS
    skin_tone: float | None = None         # 0 very pale .. 1 very deep
    skin_tanned: bool = False              # the tone said is a tan (the sun's): it says nothing of ancestry
    freckles: bool = False
    brows: str | None = None               # thick | thin (eyebrows)
    brow_color: str | None = None          # key of lexicon.HAIR_COLORS_SRGB: the brows' own, when said
    brow_shape: str | None = None          # arched | straight (the painted brows' arch)
    hair_color: str | None = None          # key of lexicon.HAIR_COLORS_SRGB
    hair_accent: str | None = None         # a second hair colour: highlights, a streak or dyed tips ...
    hair_accent_style: str | None = None   # ... highlights | streak | tips | greying | roots | split
    hair_length: str | None = None         # short | medium | shoulder | long | bob
    hair_style: str | None = None          # one of lexicon.HAIR_STYLES (bun, ponytail, afro, bald ...)
    hair_texture: str | None = None        # straight | wavy | curly
    hair_fringe: str | None = None         # fringe (bangs over the forehead) | back (slicked or swept back) |
                                           # curtain (bangs parted in the middle) | swept (bangs swept aside)
    hair_wig: bool = False                 # the hair said is a wig (its colour says nothing of the age)
    hair_peak: bool = False                # a widow's peak: the hairline points down the middle of the forehead
    hair_braids: bool = False              # "braids" of no said kind: box braids or two plaits, by who wears them
    hair_natural: bool = False             # "natural hair": tightly curled hair worn unstraightened
    hair_thinning: bool = False            # thinning or balding hair (a man's recedes: styling.choose_hair)
    hair_receding: bool = False            # a receding hairline: bare temples, the top keeps its hair
    hair_side_shave: bool = False          # one side of the head shaved, the rest of the hair kept
    hair_spiky: bool = False               # short hair stood up in spikes ("spiky", "spiked")
    hair_gather: str | None = None         # high | low: a ponytail or bun tied there; side | side_right: over a shoulder; french: a braid
    facial_hair: str | None = None         # one of lexicon.FACIAL_HAIR
    facial_hair_color: str | None = None
    moustache_style: str | None = None     # one of lexicon.MOUSTACHE_STYLES (None: a plain moustache)
    sideburns: bool = False                # sideburns, mutton chops
    eye_color: str | None = None
    heterochromia: bool = False            # eyes of two colours ...
    eye_color_right: str | None = None     # ... the person's right eye's, when said
    clothing: str | None = None            # one of lexicon.GARMENTS, or "casual"
    clothing_color: str | None = None
    clothing_pattern: str | None = None    # lexicon.PATTERNS: the outer garment's print or weave
    clothing_pattern_color: str | None = None  # its second colour ("a red and white striped shirt")
    inner_color: str | None = None         # the shirt under a jacket, suit or cardigan
    tie: bool = False
    tie_color: str | None = None
    tie_style: str | None = None           # bow (a bow tie); None: a necktie
    glasses: str | None = None             # glasses | sunglasses | monocle | goggles | ski_goggles
    glasses_color: str | None = None       # key of lexicon.GLASSES_COLORS_SRGB (the frame)
    glasses_shape: str | None = None       # rectangular | round | aviator
    glasses_frame: str | None = None       # thin | thick
    glasses_eye: str | None = None         # a monocle's eye: left | right (the person's own)
    glasses_raised: bool = False           # goggles pushed up onto the forehead
    # headscarf | turban | beanie | beret | cap | flat_cap | peaked_cap | hat | top_hat | sombrero | cowboy_hat | pointed_hat | bowler | tricorn
    # | chef_hat | helmet | hard_hat | bandana | kippah | hood | fez | kufi | keffiyeh
    headwear: str | None = None
    headwear_color: str | None = None      # key of lexicon.CLOTHING_COLORS_SRGB
    headwear_backwards: bool = False       # a cap worn back to front
    headwear_trim: str | None = None       # fur: a fur ruff round a hood's opening ("a fur-trimmed hood")
    headwear_pattern: str | None = None    # a cloth head covering's print ("a floral headscarf"; appearance/prints.py)
    earrings: str | None = None            # stud | pearl | hoop | any (earrings of no said kind)
    earrings_color: str | None = None      # key of lexicon.EARRING_COLORS_SRGB
    necklace: str | None = None            # chain | pendant | cross | pearls | choker | any (a necklace of no said kind)
    necklace_color: str | None = None      # key of lexicon.EARRING_COLORS_SRGB
    scarf: bool = False                    # a scarf round the neck (a headscarf is headwear)
    scarf_color: str | None = None         # key of lexicon.CLOTHING_COLORS_SRGB
    scarf_fur: bool = False                # a cape of fur (a Viking's cloak)
    scarf_style: str | None = None         # None: a scarf | neckerchief (a bandana knotted round the neck) | cape | shawl | sash | drape (a sari's)
    suspenders: bool = False               # suspenders, British braces (dental braces are teeth)
    suspenders_color: str | None = None    # key of lexicon.CLOTHING_COLORS_SRGB
    overalls: bool = False                 # the straps hold a bib (overalls, dungarees)
    headphones: str | None = None          # headphones | headset (with a boom mic)
    headphones_color: str | None = None    # key of lexicon.CLOTHING_COLORS_SRGB
    crown: str | None = None               # crown | tiara
    eyepatch: str | None = None            # the eye it covers: left | right | either (the seed's)
    piercings: tuple[str, ...] = ()         # head.parts.piercings.KINDS
    piercings_color: str | None = None     # gold | silver
    royal_crown: str | None = None         # what a royal named wears when the prompt names none (a king's crown)
    royal_cape: bool = False               # a king's or queen's red cape, when the prompt names nothing round the neck
    crown_color: str | None = None         # key of lexicon.EARRING_COLORS_SRGB
    headband: str | None = None            # band (over the top of the head) | sweatband (round the forehead) | flowers | bow (in the hair)
    headband_color: str | None = None      # key of lexicon.CLOTHING_COLORS_SRGB (flowers: the main flowers')
    veil: str | None = None                # veil (a bride's, behind the head) | none (the prompt said without one)
    veil_color: str | None = None          # key of lexicon.CLOTHING_COLORS_SRGB
    face_mask: str | None = None           # surgical | respirator | cloth (a face mask over nose and mouth)
    face_mask_color: str | None = None     # key of lexicon.CLOTHING_COLORS_SRGB
    face_mask_down: bool = False           # pulled down under the chin
    mouth_prop: str | None = None          # pipe | cigar | cigarette | toothpick | straw (held in the mouth)
    hearing_aids: bool = False             # a hearing aid behind each ear
    skin_color: str | None = None          # a key of lexicon.FANTASY_SKIN_SRGB (green, blue ...); None: a natural tone
    horns: str | None = None               # head.parts.horns.KINDS: ox (a Viking helmet's) | devil
    horns_color: str | None = None         # key of lexicon.CLOTHING_COLORS_SRGB; None: the horn's own
    role: str | None = None                # anchor | business | teacher | student | street
    era: str | None = None                 # eras.ERAS: a period whose look fills in what is unsaid ("a 1950s housewife")
    build: str | None = None               # muscular | slim | heavy
    stature: str | None = None             # tall | short (anny's height)
    androgynous: bool = False              # between the sexes ("androgynous", "non-binary")
    makeup: tuple[str, ...] = ()           # lipstick | red lipstick | eye makeup | blush | makeup | none
    age_marks: tuple[str, ...] = ()        # wrinkles | deep wrinkles | age spots
    face_features: tuple[str, ...] = ()    # keys of face.FEATURE_TARGETS ("big nose", "high cheekbones" ...)
    skin_marks: tuple[str, ...] = ()       # marks.py's words, place and side where said ("mole_cheek", "beauty", "paint_red")
    teeth: tuple[str, ...] = ()            # braces | gold_tooth | gold_teeth | silver_tooth | silver_teeth | fangs | gap | buck
    expression: str | None = None          # resting mood: smile | stern | sad | surprised | neutral (expression.py)
    lighting: tuple[str, ...] = ()         # soft | dramatic | rim | neon | studio | warm | cool ...
    time_of_day: str | None = None         # night | golden hour | sunny | overcast | day
    background: str | None = None          # city street | beach | studio | office | forest | indoor | plain
    background_color: str | None = None
    style: tuple[str, ...] = ()            # film grain | vignette | high quality | photorealistic
    framing: str | None = None
    found: tuple[tuple[str, str], ...] = ()   # (phrase, "attr=value, ...") in prompt order
    ignored: tuple[str, ...] = ()             # content words the lexicon does not know

    def to_dict(self) -> dict:
        d = asdict(self)
        d["found"] = [list(pair) for pair in self.found]
        for key in (*_MULTI_VALUED, "ignored"):
            d[key] = list(d[key])
        if self.age_range is not None:
            d["age_range"] = list(self.age_range)
        return d


# stable-diffusion emphasis: "(red hair:1.3)", "((smile))", "[freckles]" -> the words inside
_PRONOUN = re.compile(r"(?<!\w)(her|his)(?!\w)")
_WEIGHTED = re.compile(r"\(([^():]*):\s*-?\d+(?:\.\d+)?\)")
_EMPHASIS = re.compile(r"\({2,}([^()]*)\){2,}|\[+([^\[\]]*)\]+|\{+([^{}]*)\}+")


def normalise_prompt(prompt: str) -> str:
    """Casefold, NFKC (full-width forms -> ASCII), emphasis syntax dropped, hyphens/underscores
    -> spaces."""
    text = unicodedata.normalize("NFKC", prompt).casefold()
    text = _WEIGHTED.sub(r" \1 ", text)
    text = _EMPHASIS.sub(lambda m: " " + next(g for g in m.groups() if g is not None) + " ", text)
    return re.sub(r"[-_‐–—/]+", " ", text)


# "without a beard", "not bald", "no moustache": a phrase right after a negation
_NEGATED = re.compile(r"(?<!\w)(?:no|not|without|never|non|isn'?t|is not|doesn'?t have|does not have|free of|lacking)"
                      r"\s+(?:(?:a|an|any|the|wearing|have|has|with)\s+)*$")


def _negated(phrase: str, updates: dict) -> dict:
    """What a negated phrase means: no facial hair, hair (not bald), no make-up; anything else
    the prompt said is not there is simply not applied."""
    if "facial_hair" in updates:
        return {"facial_hair": "none"}
    if "makeup" in updates:
        return {"makeup": "none"}
    if "veil" in updates:
        return {"veil": "none"}  # "a bride without a veil": not the persona's
    if re.fullmatch(r"hair|hairs", phrase.strip()):
        return {"hair_style": "bald"}  # "no hair" ("no grey hair" only drops the grey)
    return {}


_TRADE_EXTRAS = (("headwear", "headwear_color"), ("necklace", "necklace_color"))
PERSONA_BEARD_FROM_YEARS = 16.0   # younger than this, a persona's beard is left off


def _layer_clothes(values: dict, updates: dict, trade_outfit: bool) -> bool:
    """Clothes named so far (`values`) meet a phrase's `updates`, both changed in place; returns
    whether the clothes are still only what a trade word implies ("a soldier")."""
    if updates.pop("trade_outfit", False):
        if values.get("clothing") == GENERIC_UNIFORM:   # "a uniform soldier": the trade's own uniform
            values.pop("clothing")
        return trade_outfit or "clothing" not in values
    if trade_outfit and updates.get("clothing") == GENERIC_UNIFORM:
        del updates["clothing"]   # "a nurse in uniform": hers, not a garment beating it (its colour still does)
    if trade_outfit and ("clothing" in updates or "clothing_color" in updates):
        # a garment or colour the prompt names beats the trade's ("a chef in red")
        for key in ("clothing", "clothing_color") if "clothing" in updates else ("clothing_color",):
            values.pop(key, None)
        return "clothing" not in updates
    if updates.get("clothing") == "clerical" and values.get("clothing") in UNDER_GARMENTS:
        values["clothing"] = "clerical"   # "a grey shirt with a clerical collar": that shirt, with the collar
    if updates.get("clothing") in OUTER_GARMENTS and values.get("clothing") in UNDER_GARMENTS | {BARE_CHEST}:
        # "a white blouse and a black blazer": the blazer is worn over the blouse ("shirtless in a
        # leather jacket": the jacket is drawn, closed over a shirt)
        if "clothing_color" in values:
            values.setdefault("inner_color", values.pop("clothing_color"))
        values.pop("clothing")
    return trade_outfit


def _unsaid(updates: dict, values: dict, own: set[str]) -> dict:
    """A persona description's `updates` for what the prompt itself (`values`, so far) left
    unsaid: its stated age does not beat the prompt's age word ("a young Einstein"), its beard
    not the prompt's, a man's beard stays off a woman ("a woman dressed as Santa Claus") and a
    child ("a baby wizard"), and its hairstyle off hair whose length or texture the prompt says (`own`: the
    attributes the prompt's own words set)."""
    if "age_years" in values:
        updates = {k: v for k, v in updates.items() if k not in ("age_years", "age_range", "age_stated")}
        if values["age_years"] < 40:  # "a young Einstein" has not gone grey yet
            updates = {k: v for k, v in updates.items() if v not in ("grey", "white", "silver") or "hair" not in k}
    if (values.get("sex") == "female" or values.get("age_years", PERSONA_BEARD_FROM_YEARS) < PERSONA_BEARD_FROM_YEARS) \
            and "facial_hair" in updates:
        updates = {k: v for k, v in updates.items() if k not in ("facial_hair", "facial_hair_color", "moustache_style")}
    if "facial_hair" in values:   # a persona's moustache shape is not the prompt's beard's ("Einstein with a goatee")
        updates.pop("moustache_style", None)
    if own & {"hair_length", "hair_texture"} and "hair_style" not in values:
        # hair the prompt describes is worn as described, not in the persona's bun ("a bride with long wavy hair",
        # "a geisha with short hair")
        updates = {k: v for k, v in updates.items() if k not in ("hair_style", "hair_gather")}
    if values.get("clothing") in OUTER_GARMENTS and updates.get("clothing") in UNDER_GARMENTS \
            and "clothing_color" in updates:   # "a black waistcoat over a white shirt": the shirt's colour shows
        updates = {**updates, "inner_color": updates["clothing_color"]}
    return {k: v for k, v in updates.items() if k not in values or k in _MULTI_VALUED}


def _merge_age(values: dict, updates: dict) -> None:
    """The age a phrase's `updates` say, met with the one said before (`values`, changed in place): where
    the two overlap both hold ("a boy, about 8": 7 to 9, not the boy's 7 to 12); else a number beats a
    word's range ("a boy of 13"), and otherwise the first said wins ("old man ... young")."""
    new = updates.get("age_range")
    if new is None:
        return
    old, stated = values.get("age_range"), bool(updates.get("age_stated"))
    if old is not None:
        lo, hi = max(old[0], new[0]), min(old[1], new[1])
        # (two ranges that only touch do not narrow to the one year between them: "a middle aged mother")
        if lo < hi or (lo == hi and (old[0] == old[1] or new[0] == new[1])):
            new, stated = (lo, hi), stated or values.get("age_stated", False)
        elif not stated or values.get("age_stated"):
            return
    values.update(age_years=(new[0] + new[1]) / 2, age_range=new)
    if stated:
        values["age_stated"] = True


def _describe(updates: dict) -> str:
    """'age_years=25.0' for a stated age, 'age_years=70-84' for an age word's range."""
    shown = dict(updates)
    lo_hi = shown.pop("age_range", None)
    shown.pop("age_stated", None)
    if lo_hi is not None and lo_hi[0] != lo_hi[1]:
        shown["age_years"] = f"{lo_hi[0]:g}-{lo_hi[1]:g}"
    return ", ".join(f"{k}={v}" for k, v in shown.items())


def parse_prompt(prompt: str) -> PromptAttributes:
    """Parse a prompt; an empty (or whitespace-only) prompt is a PortraitTalkerError."""
    if not isinstance(prompt, str) or not prompt.strip():
        raise PortraitTalkerError("empty prompt: describe the person, e.g. --prompt 'elderly woman, soft lighting'")
    # "Albert Einstein", "a geisha": the look the name stands for, read after the prompt's own words
    text, personas, described = expand_personas(to_english(normalise_prompt(prompt)))
    taken = [False] * len(text)
    hits: list[tuple[int, str, dict]] = []
    for entry in ENTRIES:
        pattern = rf"(?<!\w)(?:{entry.pattern})(?!\w)" if entry.bounded else entry.pattern
        rx, pos = re.compile(pattern), 0
        while (m := rx.search(text, pos)) is not None:
            start, end = m.span()
            if end == start or any(taken[start:end]):
                pos = start + 1  # a later, shorter match may still fit ("grey hair in a bun" -> "bun")
                continue
            taken[start:end] = [True] * (end - start)
            updates = entry.apply(m)
            if _NEGATED.search(text, 0, start):
                updates = _negated(m.group(0), updates)
            hits.append((start, m.group(0).strip(), updates))
            pos = end
    hits.sort(key=lambda h: h[0])

    values: dict = {}
    multi: dict[str, list[str]] = {k: [] for k in _MULTI_VALUED}
    found: list[tuple[str, str]] = [(name, f"persona: {desc}") for name, desc in personas]
    trade_outfit = False  # clothing so far is only what a trade word implies
    own: set[str] = set()  # what the prompt's own words said (a persona's look is read after them)
    # what a trade wears on its head ("a nun", "a rabbi") or round its neck (a doctor's stethoscope),
    # unless the prompt names one
    trade_extras: dict[str, dict] = {}
    for start, phrase, updates in hits:
        if not updates:
            continue
        updates = dict(updates)
        if start >= described:  # a persona's look fills in only what the prompt left unsaid
            updates = _unsaid(updates, values, own)
        else:
            own.update(updates)
        if updates.get("trade_outfit"):
            for group in _TRADE_EXTRAS:
                if group[0] in updates and group[0] not in trade_extras:
                    trade_extras[group[0]] = {k: updates.pop(k) for k in group if k in updates}
        trade_outfit = _layer_clothes(values, updates, trade_outfit)
        _merge_age(values, updates)
        for key, value in updates.items():
            if key in multi:  # one value or several ("lots of piercings")
                multi[key] += [v for v in dict.fromkeys(value if isinstance(value, tuple) else (value,))
                               if v not in multi[key]]
            elif key == "headphones" and value == "neck":  # "a DJ with headphones round his neck": not on the head
                values[key] = value
            elif key == "facial_hair" and key in values:  # "moustache and beard": the fullest wins
                values[key] = max(values[key], value, key=FACIAL_HAIR_RANK.__getitem__)
            elif key in ("age_years", "age_range", "age_stated"):
                continue  # merged above
            elif key in ("clothing_pattern", "clothing_pattern_color") and updates.get("clothing") != values.get("clothing"):
                continue  # another garment's print ("a blazer and a striped shirt": the shirt under it is not drawn printed)
            elif key == "clothing_color" and updates.get("clothing", values.get("clothing")) != values.get("clothing"):
                if values.get("clothing") in OUTER_GARMENTS and updates.get("clothing") in UNDER_GARMENTS:
                    values.setdefault("inner_color", value)  # "a blazer and a white shirt": under the blazer
                continue  # otherwise the colour was another garment's, which the avatar does not wear
            elif key not in values:  # the first mention wins ("old man ... young")
                values[key] = value
        found.append((phrase, _describe(updates)))

    if "sex" not in values:   # a pronoun taken with a phrase ("a mask under her chin") still says whose it is
        pronouns = set(_PRONOUN.findall(text[:described]))
        if len(pronouns) == 1:
            values["sex"] = "female" if pronouns == {"her"} else "male"
    if "headwear" not in values and "headband" not in values:   # a headband said is what is worn on the head
        values.update(trade_extras.get("headwear", {}))
    if "necklace" not in values:
        values.update(trade_extras.get("necklace", {}))
    leftover = "".join(ch if not t else " " for ch, t in zip(text, taken))
    ignored = tuple(
        w for w in (tok.strip(".,;:!?()[]{}\"'") for tok in leftover.split()) if w and w not in STOPWORDS
    )
    return PromptAttributes(prompt=prompt, **values, **{k: tuple(v) for k, v in multi.items()},
                            found=tuple(found), ignored=ignored)
