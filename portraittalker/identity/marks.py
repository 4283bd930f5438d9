"""Marks on the skin: moles, scars, tattoos, war paint, a black eye, a bandage, a port-wine stain,
acne, vitiligo, soot or dirt and a face painted white, as names.

The prompt says what it can ("a mole on his cheek" -> "mole_cheek", "a scar" -> "scar");
`choose_skin_marks` fills in what it leaves open (where a beauty mark sits, which side, the
paint's colour) from the seed, and the identity records one full name per mark:

    mole_<place>_<side>      place: lip (above the mouth corner) | cheekbone | cheek | chin | nose | forehead
    scar_<place>_<side>      place: cheek | eye (down through brow and cheek) | chin | forehead | nose
    tattoo_face              moko-style spirals on the cheeks and chin
    tattoo_<place>_<side>    place: neck (a motif on the side of the neck) | teardrop (under the eye)
    paint_<colour>           stripes across both cheeks; colour a key of lexicon.CLOTHING_COLORS_SRGB
                             with its spaces as underscores
    bindi_<colour>           a round dot between the brows (red unless said; colour as for paint)
    bruise_eye_<side>        a black eye
    bandage_<place>_<side>   an adhesive bandage; place: cheek | eye (across the brow) | nose (across the
                             bridge) | chin | forehead
    stain_cheek_<side>       a port-wine stain over one cheek
    soot, dirt               smudges of soot or dirt over the face (the painter's seed shapes them)
    acne                     red spots on the cheeks, forehead and chin (the painter's seed places them)
    rednose                  a reddened nose (a cold, the cold, a drinker's, rosacea): its tip and wings flushed
    vitiligo                 patches of skin without pigment, round the eyes and mouth and scattered
                             elsewhere (the painter's seed shapes them)
    whiteface[_<style>]      the face painted white (a geisha's, kabuki); style: mime (black marks
                             through the eyes) | clown (a red nose and a wide red mouth)

Sides are the person's own (left is +x on the head).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .styling import pick

SIDES = ("left", "right")
PLACES: dict[str, tuple[str, ...]] = {
    "mole": ("lip", "cheekbone", "cheek", "chin", "nose", "forehead"),
    "scar": ("cheek", "eye", "chin", "forehead", "nose"),
    "tattoo": ("face", "neck", "teardrop"),
    "bruise": ("eye",),
    "bandage": ("cheek", "eye", "nose", "chin", "forehead"),
    "stain": ("cheek",),
}
# where a mark the prompt places nowhere goes: (place, weight); a beauty mark sits above the
# mouth corner or on the cheekbone, a plain mole on the face's usual spots
DEFAULT_PLACES: dict[str, tuple[tuple[str, float], ...]] = {
    "beauty": (("lip", 2), ("cheekbone", 1)),
    "mole": (("lip", 1), ("cheekbone", 1), ("cheek", 2), ("chin", 1)),
    "scar": (("cheek", 1),),
    "tattoo": (("neck", 1),),   # "tattoos", "tattooed": the side of the neck, bare in every outfit
    "bruise": (("eye", 1),),
    "bandage": (("cheek", 2), ("eye", 1), ("nose", 1)),
    "stain": (("cheek", 1),),
}
PAINT_COLORS = (("black", 1), ("red", 1))   # war paint of no said colour
BINDI_COLOR = "red"                         # a bindi of no said colour (kumkum)
COLOURED = frozenset({"paint", "bindi"})    # marks whose second word is a colour, not a place
SYMMETRIC = frozenset({"tattoo_face"})       # marks on both sides at once
WHOLE = frozenset({"acne", "vitiligo", "whiteface", "rednose", "soot", "dirt"})     # marks over the whole face: named in full by the prompt


class SkinMark(NamedTuple):
    kind: str                 # mole | scar | tattoo | paint | bindi | bruise | bandage | stain | acne | vitiligo
    #                           | whiteface | rednose | soot | dirt
    place: str | None         # a key of PLACES[kind]; the colour (with spaces) for paint or a bindi; whiteface's style
    side: str | None          # left | right | None (both, or the middle)


def parse_mark(name: str) -> SkinMark:
    """'mole_cheek_left' -> SkinMark('mole', 'cheek', 'left'); 'paint_light_blue' -> ('paint', 'light blue', None)."""
    kind, _, rest = name.partition("_")
    if kind in COLOURED:
        return SkinMark(kind, rest.replace("_", " ") or None, None)
    place, _, side = rest.partition("_")
    return SkinMark(kind, place or None, side or None)


def choose_skin_marks(said: tuple[str, ...], rng: np.random.Generator) -> tuple[tuple[str, ...], list[str]]:
    """The prompt's marks (`PromptAttributes.skin_marks`: 'mole', 'beauty', 'scar_eye_left',
    'paint', 'paint_red' ...) as full names, the seed picking what they leave open; -> (names,
    ["skin_marks"] if the seed picked any of it)."""
    out: list[str] = []
    chosen = False
    for word in said:
        kind, place, side = parse_mark(word)
        if kind in WHOLE:
            name = word
        elif kind == "paint":
            if place is None:
                place, chosen = pick(PAINT_COLORS, rng), True
            name = f"paint_{place.replace(' ', '_')}"
        elif kind == "bindi":
            name = f"bindi_{(place or BINDI_COLOR).replace(' ', '_')}"
        else:
            if place is None:
                place, chosen = pick(DEFAULT_PLACES[kind], rng), True
            kind = "mole" if kind == "beauty" else kind
            name = f"{kind}_{place}"
            if name not in SYMMETRIC:
                if side is None:
                    side, chosen = SIDES[int(rng.integers(2))], True
                name = f"{name}_{side}"
        if name not in out:
            out.append(name)
    if any(name.startswith("whiteface_") for name in out):   # "a clown in whiteface": one paint, the clown's
        out = [name for name in out if name != "whiteface"]
    return tuple(out), ["skin_marks"] * chosen
