"""Parts added to a head from identity choices: hair, facial hair and clothes, as geometry.

Each part is built from the head's own surface (strands grown from the scalp, shells offset
from the skin and body) and appended to the `HeadModel` rigged like the skin it rests on.
`dress_head` takes plain names (the identity's choices) so the head package does not depend
on how a prompt was read.
"""

from __future__ import annotations

import logging
import time

from ..model import HeadModel
from .crown import add_crown
from .dental import add_dental
from .earrings import add_earrings
from .eyepatch import add_eyepatch
from .face_mask import add_face_mask
from .facial_hair import add_facial_hair
from .garments import GARMENTS, add_garment
from .glasses import add_glasses
from .goggles import STYLES as GOGGLES, add_goggles
from .hair import add_hair
from .headband import add_headband
from .headphones import add_headphones
from .headwear import HAT_BRIMS, HIDES_HAIR, add_headwear
from .horns import add_horns
from .monocle import add_monocle
from .mouth_prop import add_mouth_prop
from .hearing_aids import add_hearing_aids
from .necklace import add_necklace
from .neckerchief import add_neckerchief
from .piercings import add_piercings
from .cape import add_cape
from .sash import add_sash
from .scarf import add_scarf
from .shawl import add_shawl
from .suspenders import add_suspenders
from .veil import add_veil

# the coverings that press the fringe back (it poked through their front), and all that press an afro down
PRESSES_FRINGE = frozenset({"beanie", "ushanka", "beret", "cap", "flat_cap", "peaked_cap", *HAT_BRIMS, "chef_hat", "helmet",
                            "hard_hat", "bandana", "mortarboard"})
PRESSES_HAIR = PRESSES_FRINGE | {"fez", "kufi"}
AFRO_UNDER_HAT = 0.3          # share of an afro's volume left under them
# coverings whose shell or cloth reaches down the back of the head past where a ponytail is
# tied: under them it is tied at the nape (tied at the back of the head, the tail came out through
# a helmet's shell, cut off, and hung in the air behind it)
GATHERS_LOW = PRESSES_FRINGE - {"beret", "bandana", "mortarboard"}
BARE_TEMPLES = frozenset({"bald", "balding", "shaved", "buzz", "mohawk", "undercut"})   # no hair in front of the ears

log = logging.getLogger(__name__)

__all__ = ["add_cape", "add_sash", "add_crown", "add_dental", "add_earrings", "add_eyepatch", "add_face_mask", "add_facial_hair", "add_garment", "add_glasses",
           "add_hair", "add_headband", "add_headphones", "add_headwear", "add_hearing_aids", "add_horns", "add_monocle", "add_mouth_prop", "add_neckerchief",
           "add_necklace", "add_piercings", "add_scarf", "add_shawl", "add_suspenders", "add_veil", "dress_head"]


def dress_head(head: HeadModel, *, hair_style: str, hair_curl: float = 0.0, facial_hair: str = "none",
               sideburns: bool = False, moustache: str | None = None,
               garment: str | None = None, tie: bool = False, tie_style: str = "necktie", seed: int = 0,
               hair_fringe: float | None = None, fringe_split: str | None = None, widows_peak: bool = False,
               bald_top: bool = False, side_shave: bool = False, hair_gather: str | None = None,
               glasses: str | None = None, glasses_shape: str = "rectangular",
               glasses_frame: str = "thin", glasses_eye: str = "right", glasses_raised: bool = False,
               headwear: str | None = None,
               headwear_backwards: bool = False, headwear_trim: str | None = None,
               earrings: str | None = None, necklace: str | None = None, scarf: bool = False, neckerchief: bool = False,
               cape: bool = False, shawl: bool = False, sash: str | None = None,
               headphones: str | None = None,
               crown: str | None = None, piercings: tuple[str, ...] = (), eyepatch: str | None = None,
               headband: str | None = None, teeth: tuple[str, ...] = (), horns: str | None = None,
               suspenders: bool = False, veil: bool = False, bib: bool = False, recede: bool = False,
               face_mask: str | None = None, face_mask_down: bool = False, mouth_prop: str | None = None,
               hearing_aids: bool = False) -> HeadModel:
    """`head` with hair, facial hair, a garment, a necklace, a scarf or neckerchief, a head covering, glasses,
    earrings and headphones attached (clothes first, suspenders, the necklace and then the scarf on them:
    long hair and beards lie on all three; a headscarf (over a collarless neck) or turban and no hair
    under it, a beanie or cap over the hair; a bride's veil pinned over the back of the bare head's
    hair, falling behind the head and shoulders (under a tiara or flowers); glasses (or a monocle
    over one eye, its chain down to the chest) next: they clear the face only, their temples pass
    under hair and cloth; headphones ("headphones", "headset" with a boom mic, or "neck": round the neck)
    and a crown or tiara over everything; a crown never over a hat, cap, beanie or turban; a
    headband, sweatband, crown of flowers or bow on the bare head's hair; the face's piercings;
    braces or metal caps on the teeth; a pipe, cigar, cigarette, toothpick or straw in the mouth;
    horns (on a helmet, the hair or the skin); a hood worn up replaces a hoodie's hood lying down
    and hides the hair and the ears' earrings)."""
    t0 = time.perf_counter()
    bare = head   # the body before clothes relabel the skin under them (the cape takes its shape)
    if garment is not None:
        # under a scarf or a headscarf's drape the collar is hidden, and its points would poke
        # through the cloth (the drape crumpled over a thobe's collar into shards at the throat)
        head = add_garment(head, garment, tie=tie, tie_style=tie_style,
                           collar=not scarf and headwear not in ("headscarf", "keffiyeh", "hood"), hood_down=headwear != "hood")
    # on the shirt, under a scarf's ends and long hair; a jacket, suit or cardigan hides them (its V
    # is narrower than they are apart: laid over it, they ran down its lapels)
    head = add_suspenders(head, suspenders and (garment is None or GARMENTS[garment].inner is None), bib=bib)
    head = add_sash(head, sash)   # across the clothes; a scarf, a necklace and long hair over it
    if headwear != "headscarf":  # a headscarf's drape covers the neck
        head = add_necklace(head, necklace)
        head = add_scarf(head, scarf)
        head = add_neckerchief(head, neckerchief)   # low on the neck, over a shirt's collar
    head = add_cape(head, cape, bare)               # over the clothes; long hair lies on it
    head = add_shawl(head, shawl, bare)             # over the clothes, round the bare neck; long hair on it
    # a full beard's sideburns grow up into the hair at the temples; on a head bare there they
    # stood up beside the ears as slabs ending in the air
    head = add_facial_hair(head, facial_hair, sideburns, moustache=moustache,
                           into_hair=hair_style not in BARE_TEMPLES and not bald_top and not side_shave)
    head = add_face_mask(head, face_mask, face_mask_down)   # over a beard; its loops under the hair
    if headwear in PRESSES_FRINGE:
        hair_fringe = 0.0  # a cap's, hat's or beanie's front presses the fringe back (it poked through it)
        if hair_style == "spiky":     # pressed flat under it (stood up, the spikes came through)
            hair_style = "short"
        if hair_style == "undercut":  # its hair is all under the covering, which keeps its own round shape
            hair_style = "shaved"     # (laid on that narrow ridge of hair, a cap crumpled); the sides show stubble
    if headwear in GATHERS_LOW and hair_style == "ponytail":
        hair_gather = "low"
    # an afro under a cap, beanie, hat, headphones or a crown is pressed down: at full volume, what stood
    # out below the covering's edge flared 6 cm sideways and poked through a cap's visor
    volume = AFRO_UNDER_HAT if headwear in PRESSES_HAIR or headphones in ("headphones", "headset") or crown else 1.0
    if hair_style == "set" and volume < 1.0:   # a set's lift is pressed flat under them: a close crop
        hair_style = "short"
    if headwear not in HIDES_HAIR:
        head = add_hair(head, hair_style, curl=hair_curl, seed=seed, fringe=hair_fringe, volume=volume,
                        fringe_split=fringe_split if hair_fringe else None, peak=widows_peak, bald_top=bald_top,
                        side_shave=side_shave, gather_at=hair_gather, recede=recede,
                        tuck_front=headwear == "ushanka")   # its flaps over the ears, the hair falling from under them
    head = add_headwear(head, headwear, backwards=headwear_backwards, on_afro=hair_style == "afro",
                        trim=headwear_trim)
    # a veil over the hair, under a tiara or flowers; never with a head covering (it is pinned in the hair)
    head = add_veil(head, veil and headwear is None)
    head = add_eyepatch(head, eyepatch)   # its strap on the hair, under a hat or helmet
    head = add_horns(head, horns)         # out of the helmet, the hair or the skin
    if glasses == "monocle":
        head = add_monocle(head, glasses_eye)
    elif glasses in GOGGLES:   # over the eyes, or raised onto the forehead (over a hat's front)
        head = add_goggles(head, glasses, raised=glasses_raised)
    else:
        head = add_glasses(head, glasses, glasses_shape, glasses_frame, raised=glasses_raised)
    head = add_piercings(head, piercings)
    head = add_dental(head, teeth)
    head = add_mouth_prop(head, mouth_prop)   # a pipe, cigar or cigarette at the mouth's corner, over a beard
    if headwear not in ("headscarf", "hood", "keffiyeh", "ushanka"):  # a scarf, a hood or ear flaps cover the ears
        head = add_earrings(head, earrings)
        head = add_hearing_aids(head, hearing_aids)   # behind the ears, over the hair there
    head = add_headphones(head, headphones is not None, mic=headphones == "headset", neck=headphones == "neck")
    if headwear in (None, "headscarf"):
        head = add_crown(head, crown)
    # a halo floats over a hat too; an agal holds a keffiyeh on
    if headwear is None or (headband == "halo" and headwear != "chef_hat") or (headband == "agal" and headwear == "keffiyeh"):
        head = add_headband(head, headband, hair_style, hair_gather)
    worn = f"backwards {headwear}" if headwear_backwards else headwear
    extras = "".join(f", {w}" for w in (worn, glasses, earrings and f"{earrings} earrings",
                                         necklace and f"{necklace} necklace", scarf and "scarf", cape and "cape",
                                         sash and ("sari drape" if sash == "drape" else "sash"),
                                         neckerchief and "neckerchief",
                                         suspenders and ("overalls" if bib else "suspenders"), headphones, crown, headband,
                                         piercings and "piercings: " + " ".join(piercings),
                                         teeth and "teeth: " + " ".join(teeth), horns and f"{horns} horns",
                                         eyepatch and f"eye patch over the {eyepatch} eye", veil and "veil",
                                         face_mask and f"{face_mask} mask" + (" under the chin" if face_mask_down else ""),
                                         mouth_prop and f"a {mouth_prop} in the mouth",
                                         hearing_aids and "hearing aids") if w)
    worn_tie = (" with a bow tie" if tie_style == "bow" else " with a tie") if tie else ""
    log.info("dressed the head (%s hair, %s, %s%s%s) in %.1f s: %d vertices", hair_style,
             (f"{moustache} " if moustache else "") + (f"{facial_hair} with sideburns" if sideburns else facial_hair), garment, worn_tie, extras,
             time.perf_counter() - t0, head.num_vertices)
    return head
