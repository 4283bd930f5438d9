"""`Identity`: who the avatar is, as plain data (what avatar.pt records and the head is built from).

Everything here is a name or a number: anny phenotype and local-change values under anny's
own label names, hair/facial-hair/garment choices by name, colours by palette name (see
`lexicon.py`), plus what the prompt said and what was chosen because it did not say it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from ..errors import PortraitTalkerError


@dataclass(frozen=True)
class Hair:
    style: str           # one of lexicon.HAIR_STYLES
    color: str           # key of lexicon.HAIR_COLORS_SRGB
    curl: float = 0.0    # 0 straight .. 1 tight curls
    fringe: float | None = None  # hair over the forehead, 0 none .. 1 to the brows (None: the style's own)
    fringe_split: str | None = None  # curtain (parted in the middle) | swept (to one side); None: straight across
    peak: bool = False           # a widow's peak: the hairline points down the middle of the forehead
    accent: str | None = None    # a second colour (key of lexicon.HAIR_COLORS_SRGB) in it ...
    accent_style: str | None = None  # ... as highlights (thin streaks all over) | streak (one lock at the front) | tips | roots | split
    #                                  | greying (grey hairs all through, most at the temples)
    bald_top: bool = False       # balding: the style grows from the sides and back only (crown and temples bare)
    side_shave: bool = False     # the side of the head on the person's right clipped, the hair combed over to the left
    gather: str | None = None    # high (on the crown) | low (at the nape): where a ponytail or bun is tied;
                                 # french (from the crown) | side | side_right (over the left | right shoulder): one braid
    recede: bool = False         # a receding hairline: bare temples, the hair combed back


@dataclass(frozen=True)
class FacialHair:
    style: str = "none"  # one of lexicon.FACIAL_HAIR
    color: str = "black"
    sideburns: bool = False  # strips down from the temples (a full beard has its own)
    moustache: str | None = None  # its moustache's shape (lexicon.MOUSTACHE_STYLES; None: plain): a moustache's, or a
                                  # goatee's (its moustache part)


@dataclass(frozen=True)
class Garment:
    kind: str                        # one of lexicon.GARMENTS
    color: str                       # key of lexicon.CLOTHING_COLORS_SRGB (the outer layer)
    inner_color: str | None = None   # shirt under a jacket/cardigan/uniform; collar of a shirt
    tie_color: str | None = None     # None: no tie
    pattern: str | None = None       # None plain | stripes | pinstripes | plaid | dots | floral (lexicon.PATTERNS)
    pattern_color: str | None = None  # the pattern's second colour, when the prompt names one
    tie_style: str | None = None     # "bow": a bow tie; None: a necktie (when there is a tie)


@dataclass(frozen=True)
class Glasses:
    style: str = "glasses"           # glasses | sunglasses | monocle | goggles (clear) | ski_goggles (tinted)
    color: str = "black"             # key of lexicon.GLASSES_COLORS_SRGB (the frame)
    shape: str = "rectangular"       # rectangular | round | aviator
    frame: str = "thin"              # thin | thick
    eye: str | None = None           # a monocle's eye: left | right (the person's own); None for glasses
    raised: bool = False             # goggles pushed up onto the forehead


@dataclass(frozen=True)
class Earrings:
    style: str = "stud"              # stud | pearl | hoop
    color: str = "gold"              # key of lexicon.EARRING_COLORS_SRGB


@dataclass(frozen=True)
class Necklace:
    style: str = "chain"             # chain | pendant | cross | pearls | choker
    color: str = "gold"              # key of lexicon.EARRING_COLORS_SRGB (jewellery colours)


@dataclass(frozen=True)
class Scarf:
    color: str = "grey"              # key of lexicon.CLOTHING_COLORS_SRGB
    style: str = "scarf"             # scarf (a knitted wrap) | neckerchief (a cotton triangle knotted at the front)
                                     # | cape (over the shoulders and down the back)
                                     # | shawl (a knitted cloth over both shoulders, open down the front)
                                     # | sash (a band from the right hip over the left shoulder)
                                     # | drape (a sari's pallu: a broad sash, the sari's colour)
    fur: bool = False                # a cape of fur


@dataclass(frozen=True)
class Suspenders:
    color: str = "black"             # key of lexicon.CLOTHING_COLORS_SRGB
    bib: bool = False                # overalls (dungarees): a bib over the chest between the straps


@dataclass(frozen=True)
class Headphones:
    color: str = "black"             # key of lexicon.CLOTHING_COLORS_SRGB
    mic: bool = False                # a headset: a boom mic in front of the mouth
    neck: bool = False               # worn round the neck (the cups on the collarbones), not on the head


@dataclass(frozen=True)
class Crown:
    style: str = "crown"             # crown | tiara
    color: str = "gold"              # key of lexicon.EARRING_COLORS_SRGB (jewellery colours)


@dataclass(frozen=True)
class Headband:
    style: str = "band"              # band (an Alice band over the top) | sweatband (round the forehead) | flowers | bow (in the hair)
                                     # | wreath (laurel leaves) | halo (a ring floating above the head)
    color: str = "black"             # key of lexicon.CLOTHING_COLORS_SRGB (flowers: the main flowers' colour)


@dataclass(frozen=True)
class Horns:
    kind: str = "devil"              # head.parts.horns.KINDS: ox (a Viking helmet's) | devil
    color: str = "horn"              # horn (its natural colour) or a key of lexicon.CLOTHING_COLORS_SRGB


@dataclass(frozen=True)
class FaceMask:
    style: str = "surgical"          # surgical (pleated) | respirator (a cup: N95, FFP2) | cloth (fitted fabric)
    color: str = "light blue"        # key of lexicon.CLOTHING_COLORS_SRGB
    down: bool = False               # pulled down under the chin, the mouth free


@dataclass(frozen=True)
class Veil:
    color: str = "white"             # key of lexicon.CLOTHING_COLORS_SRGB


@dataclass(frozen=True)
class Headwear:
    kind: str = "headscarf"          # headscarf | turban | beanie | cap | hat | top_hat | sombrero | cowboy_hat | pointed_hat | bowler | tricorn | flat_cap | peaked_cap | chef_hat | helmet | hard_hat | bandana | kippah | hood | fez | kufi | keffiyeh
    color: str = "black"             # key of lexicon.CLOTHING_COLORS_SRGB
    backwards: bool = False          # a cap worn back to front: its visor over the nape
    trim: str | None = None          # fur: a fur ruff round a hood's opening
    pattern: str | None = None       # a cloth covering's print (appearance/prints.py): stripes | plaid | dots | floral


@dataclass(frozen=True)
class Identity:
    """Who the avatar is. `phenotype` and `local_changes` use anny's label names
    (phenotype in [0, 1], local changes in [-1, 1]); `chosen` lists what the prompt did not
    say and the seed decided (e.g. "sex", "age", "hair_style")."""

    prompt: str
    seed: int
    sex: str                                   # "female" | "male"
    age_years: float
    phenotype: dict[str, float]
    local_changes: dict[str, float]
    hair: Hair
    facial_hair: FacialHair
    garment: Garment
    skin_tone: float                           # 0 very pale .. 1 very deep
    eye_color: str                             # key of lexicon.EYE_COLORS_SRGB (both eyes, or the left)
    ethnicity: str                             # key of lexicon.ETHNICITY_DEFAULTS
    build: str = "average"                     # average | muscular | slim | heavy
    age_marks: float = 0.0                     # wrinkle depth 0 smooth .. 1 deeply lined
    age_spots: bool = False
    freckles: bool = False
    brows: str | None = None                   # thick | thin; None: as age and sex make them
    brow_color: str | None = None              # the brows' colour when said ("grey eyebrows"); None: the hair's shade
    brow_shape: str | None = None              # arched | straight when said; None: as sex and age make them
    makeup: tuple[str, ...] = ()               # make-up words; ("none",): the prompt said no make-up
    glasses: Glasses | None = None             # None: no glasses
    headwear: Headwear | None = None           # None: bare head (hair as chosen)
    earrings: Earrings | None = None           # None: no earrings
    necklace: Necklace | None = None           # None: no necklace
    scarf: Scarf | None = None                 # None: no scarf or neckerchief round the neck
    suspenders: Suspenders | None = None       # None: no suspenders (British braces) over the shirt
    headphones: Headphones | None = None       # None: no headphones
    crown: Crown | None = None                 # None: no crown or tiara
    eyepatch: str | None = None                # the eye an eye patch covers (left | right, the person's own); None: none
    headband: Headband | None = None           # None: no headband, sweatband or flower crown
    horns: Horns | None = None                 # None: no horns
    veil: Veil | None = None                   # None: no veil (a bride's, behind the head; never over the face)
    face_mask: FaceMask | None = None          # None: no face mask over nose and mouth
    mouth_prop: str | None = None              # held in the mouth: head.parts.mouth_prop.KINDS (pipe, cigar ...); None: none
    hearing_aids: bool = False                 # a behind-the-ear hearing aid on each ear
    skin_color: str | None = None              # a colour no one is born with (lexicon.FANTASY_SKIN_SRGB); None: skin_tone's
    piercings: tuple[str, ...] = ()            # head.parts.piercings.KINDS, in silver or gold (piercings_color)
    piercings_color: str = "silver"           # key of lexicon.EARRING_COLORS_SRGB
    skin_marks: tuple[str, ...] = ()           # moles, scars, tattoos, war paint, a black eye, acne, a face painted
                                               # white (marks.py's names)
    teeth: tuple[str, ...] = ()                # braces | gold_tooth | gold_teeth | silver_tooth | silver_teeth | fangs
                                               # | gap | missing_tooth | buck (head.parts.dental.KINDS)
    eye_color_right: str | None = None         # heterochromia: the person's right eye's colour (else eye_color)
    chosen: tuple[str, ...] = ()
    found: tuple[tuple[str, str], ...] = ()    # (phrase, "attr=value, ...") in prompt order
    ignored: tuple[str, ...] = ()              # content words the lexicon does not know
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["makeup"], d["chosen"], d["ignored"] = list(self.makeup), list(self.chosen), list(self.ignored)
        d["piercings"], d["skin_marks"], d["teeth"] = list(self.piercings), list(self.skin_marks), list(self.teeth)
        d["found"] = [list(pair) for pair in self.found]
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Identity":
        """Rebuild from `to_dict` output (e.g. an avatar.pt's metadata)."""
        try:
            d = dict(data)
            d["hair"] = Hair(**d["hair"])
            d["facial_hair"] = FacialHair(**d["facial_hair"])
            d["garment"] = Garment(**d["garment"])
            d["glasses"] = Glasses(**d["glasses"]) if d.get("glasses") else None  # older records have none
            d["headwear"] = Headwear(**d["headwear"]) if d.get("headwear") else None
            d["earrings"] = Earrings(**d["earrings"]) if d.get("earrings") else None
            d["necklace"] = Necklace(**d["necklace"]) if d.get("necklace") else None
            d["scarf"] = Scarf(**d["scarf"]) if d.get("scarf") else None  # older scarves have no style
            d["suspenders"] = Suspenders(**d["suspenders"]) if d.get("suspenders") else None  # older records have none
            d["headphones"] = Headphones(**d["headphones"]) if d.get("headphones") else None
            d["crown"] = Crown(**d["crown"]) if d.get("crown") else None
            d["headband"] = Headband(**d["headband"]) if d.get("headband") else None  # older records have none
            d["horns"] = Horns(**d["horns"]) if d.get("horns") else None
            d["veil"] = Veil(**d["veil"]) if d.get("veil") else None  # older records have none
            d["face_mask"] = FaceMask(**d["face_mask"]) if d.get("face_mask") else None
            d["phenotype"] = {str(k): float(v) for k, v in d["phenotype"].items()}
            d["local_changes"] = {str(k): float(v) for k, v in d["local_changes"].items()}
            d["makeup"], d["chosen"], d["ignored"] = tuple(d["makeup"]), tuple(d["chosen"]), tuple(d["ignored"])
            d["piercings"] = tuple(d.get("piercings", ()))
            d["skin_marks"] = tuple(d.get("skin_marks", ()))  # older records have none
            d["teeth"] = tuple(d.get("teeth", ()))
            d["found"] = tuple(tuple(pair) for pair in d["found"])
            known = {f.name for f in fields(cls)}
            return cls(**{k: v for k, v in d.items() if k in known})
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise PortraitTalkerError(f"identity record is incomplete or malformed ({err}); re-create the avatar") from err
