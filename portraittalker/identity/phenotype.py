"""Age, sex, ancestry and build -> anny phenotype values (anny's labels, each in [0, 1]).

anny's `age` parameter is not years: 0 is a newborn, 1/3 a child, 2/3 a young adult, 1 old
(MakeHuman's targets). Children's years are mapped to the age MakeHuman modelled its child
target at (10 years), not with anny's own calibration (its "morphological age" table,
fitted to WHO height-for-age data; `anny/data/shape_calibration/*.pth`), which gives children
an older child's proportions to reach their stature (below); that table also squeezes 18 to 64
years into a narrow band, so adults follow MakeHuman's line for the same targets instead, from the
"young" target at 25 years to the "old" one, reached here at 80 (MakeHuman says 90; on a smooth
CG face the full target is what makes a 75-80-year-old read old at all). Default heights follow the means of anny's calibrated height distributions. Ancestry words become
anny's african/asian/caucasian mix: anny has only these three, so the table below says,
honestly and coarsely, which of them a population's face shape sits between (skin tone, hair
and eye colour are chosen separately, in `resolve.py`).
"""

from __future__ import annotations

import numpy as np

ANNY_PHENOTYPE_LABELS: tuple[str, ...] = (
    "gender", "age", "muscle", "weight", "height", "proportions", "african", "asian", "caucasian",
)

# anny's morphological-age calibration: years -> anny age (shape_calibration/boys.pth, girls.pth);
# not used for the age itself (GROWTH_YEARS below), only for adults' floor and the heights' anchors
AGE_YEARS_ANCHORS: tuple[float, ...] = (0.0, 1.0, 4.0, 11.0, 16.0, 18.0, 64.0, 110.0)
ANNY_AGE_ANCHORS: tuple[float, ...] = (0.0, 0.05, 0.215, 0.415, 0.67, 0.77, 0.83, 1.0)

# Means of anny's calibrated height distributions (Beta alpha/(alpha+beta)) at these anny ages;
# constant beyond the last anchor (adults).
_HEIGHT_AGE_ANCHORS = (0.0, 0.05, 0.215, 0.415, 0.67)
HEIGHT_MEAN = {
    "male": (0.269, 0.475, 0.326, 0.377, 0.391),
    "female": (0.234, 0.471, 0.348, 0.470, 0.347),
}

# "tall" or "short": anny's height this far from its mean (about two standard deviations of adults')
STATURE_SHIFT = {"tall": 0.22, "short": -0.22}

# anny gender: 0 male .. 1 female; how far from the pole a person of that sex may be
GENDER_POLE = {"male": 0.0, "female": 1.0}
GENDER_SPREAD = 0.08
# an androgynous person: anny's gender this far from the middle, towards the sex the seed or words gave
ANDROGYNOUS_GENDER = (0.06, 0.14)

# ancestry -> (african, asian, caucasian) face-shape mix
ANCESTRY_MIX: dict[str, tuple[float, float, float]] = {
    "east asian": (0.0, 1.0, 0.0),
    "southeast asian": (0.1, 0.75, 0.15),
    "south asian": (0.15, 0.2, 0.65),
    "european": (0.0, 0.0, 1.0),
    "nordic": (0.0, 0.0, 1.0),
    "mediterranean": (0.05, 0.0, 0.95),
    "african": (1.0, 0.0, 0.0),
    "african american": (0.8, 0.0, 0.2),
    "latino": (0.15, 0.3, 0.55),
    "middle eastern": (0.1, 0.05, 0.85),
    "indigenous american": (0.0, 0.7, 0.3),
    "pacific islander": (0.2, 0.5, 0.3),
    "aboriginal australian": (0.75, 0.05, 0.2),
    "mixed": (0.4, 0.2, 0.4),
}
ANCESTRY_JITTER = 0.06   # seeded mix variation within a population

# build word -> (muscle range, weight range), anny values
BUILD_RANGES: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    "average": ((0.4, 0.6), (0.4, 0.6)),
    "muscular": ((0.85, 1.0), (0.5, 0.62)),
    "slim": ((0.35, 0.5), (0.1, 0.22)),
    "heavy": ((0.4, 0.55), (0.82, 0.95)),
}
PROPORTIONS_RANGE = (0.35, 0.65)
HEIGHT_JITTER = 0.08


# adult years -> anny age (young target 2/3 at 25, old target 1 at 80)
ADULT_YEARS_ANCHORS: tuple[float, ...] = (25.0, 80.0)
ADULT_ANNY_ANCHORS: tuple[float, ...] = (2 / 3, 1.0)
GROWN_ANNY_AGE = float(np.interp(16.0, AGE_YEARS_ANCHORS, ANNY_AGE_ANCHORS))   # 0.67: adults' floor

# Growing up follows the age MakeHuman modelled its child target at (makehuman 1.1 human.py, the
# "A8" age system: baby 1 year, child 10, young 25, old 90), not anny's calibration above. The
# calibration is fitted to stature: anny's children are small-headed for their height, so it
# buys a WHO height with an older child's body (7 years -> 0.30, 90% of the child target; 11 ->
# 0.415, past it; 16 -> grown). A portrait shows proportions, not stature. The first year keeps
# the calibration (1 year -> 0.05: anny's baby target at 0 is a newborn's length, 0.56 m); from
# there a line reaches the child target at 10. Head height over stature on the full anny body
# (male, default build; Medawar 1944 after Stratz: 5 heads at 2 years, 6 at 6, 7 at 12, 7.5-8
# adults) at the calibrated / these ages: 2 y 5.63 / 5.51, 4 y 6.04 / 5.79, 7 y 6.45 / 6.15,
# 10 y 6.78 / 6.59, 14 y 7.29 / 7.02; head height over shoulder-joint breadth relative to a
# man's (about 1.43 at 4, 1.34 at 7, 1.26 at 10, 1.13 at 14, 1.07 at 16 from Farkas 1994 head
# heights and Snyder et al. 1977 biacromial breadths): 4 y 1.35 / 1.45, 7 y 1.25 / 1.31,
# 10 y 1.17 / 1.22, 14 y 1.05 / 1.11, 16 y 1.00 / 1.07 (stature falls with it: a boy of seven
# 1.25 m -> 1.10 m). From the child target at 10 the line reaches the grown value at
# GROWN_BY_YEARS (MakeHuman's line would take to 25; face and shoulders have grown by about 20);
# adults are as before.
GROWTH_YEARS: tuple[float, ...] = (0.0, 1.0, 10.0)
GROWTH_ANNY: tuple[float, ...] = (0.0, 0.05, 1 / 3)
GROWN_BY_YEARS = 20.0


# A young boy's body and face take the proportions of a boy of BOY_SHAPE_YEARS: at his own
# age's (round face, large eyes, small nose and jaw) the face analyser read boys of seven and
# eight as girls (P(female) 0.55-0.62, denser brows or not), a boy of nine as a boy (0.88).
# From BOY_SHAPE_RAMP_YEARS[0] the shape age rises to BOY_SHAPE_YEARS, fully by
# BOY_SHAPE_RAMP_YEARS[1]; older boys keep their own. At 10.5 years' proportions (and anny's
# stature calibration) every boy of 4-10 read as 11-14 to people: at seven, 6.82 heads to his
# stature (full anny body), an 11-12-year-old's (Medawar 1944 after Stratz: 6 heads at 6
# years, 7 at 12); at nine's on the line above, 6.45. Girls keep their own age's shape.
BOY_SHAPE_YEARS = 9.0
BOY_SHAPE_RAMP_YEARS = (2.0, 5.0)


def shape_years(age_years: float, sex: str) -> float:
    """The age in years whose anny proportions a person of this age and sex is built with."""
    if sex != "male" or age_years >= BOY_SHAPE_YEARS:
        return float(age_years)
    ramp = float(np.clip((age_years - BOY_SHAPE_RAMP_YEARS[0]) / (BOY_SHAPE_RAMP_YEARS[1] - BOY_SHAPE_RAMP_YEARS[0]),
                         0.0, 1.0))
    return float(age_years + ramp * (BOY_SHAPE_YEARS - age_years))


def anny_age(age_years: float) -> float:
    """Years -> anny's age parameter, in [0, 1]: anny's calibration in the first year, a line to
    MakeHuman's child target at 10, a line from there to the grown value at GROWN_BY_YEARS,
    that until 25 and a line from 25 (young) to 80 years (old)."""
    if age_years < GROWN_BY_YEARS:
        age = np.interp(age_years, (*GROWTH_YEARS, GROWN_BY_YEARS), (*GROWTH_ANNY, GROWN_ANNY_AGE))
    else:
        age = max(GROWN_ANNY_AGE, np.interp(age_years, ADULT_YEARS_ANCHORS, ADULT_ANNY_ANCHORS))
    return float(np.clip(age, 0.0, 1.0))


def ancestry_mix(ethnicity: str, rng: np.random.Generator) -> tuple[float, float, float]:
    base = np.asarray(ANCESTRY_MIX[ethnicity], dtype=np.float64)
    mix = np.clip(base + rng.uniform(-ANCESTRY_JITTER, ANCESTRY_JITTER, 3) * (base > 0), 0.0, None)
    mix = mix / mix.sum()
    return tuple(float(round(x, 4)) for x in mix)  # type: ignore[return-value]


def phenotype_values(age_years: float, sex: str, ethnicity: str, build: str, rng: np.random.Generator,
                     androgynous: bool = False, stature: str | None = None) -> dict[str, float]:
    """anny phenotype dict for a person (`androgynous`: gender near the middle of anny's scale;
    `stature` tall or short: anny's height that far from the mean); `rng` varies what the words leave open."""
    age = anny_age(shape_years(age_years, sex))
    gender = abs(GENDER_POLE[sex] - rng.uniform(0.0, GENDER_SPREAD))
    if androgynous:
        gender = 0.5 + np.sign(GENDER_POLE[sex] - 0.5) * rng.uniform(*ANDROGYNOUS_GENDER)
    (m_lo, m_hi), (w_lo, w_hi) = BUILD_RANGES[build]
    muscle = rng.uniform(m_lo, m_hi)
    weight = rng.uniform(w_lo, w_hi)
    if build == "average" and age_years >= 65:
        muscle -= 0.1  # older bodies lose muscle tone
    height = np.interp(age, _HEIGHT_AGE_ANCHORS, HEIGHT_MEAN[sex]) + rng.uniform(-HEIGHT_JITTER, HEIGHT_JITTER)
    height += STATURE_SHIFT.get(stature or "", 0.0)
    african, asian, caucasian = ancestry_mix(ethnicity, rng)
    values = {
        "gender": gender, "age": age, "muscle": muscle, "weight": weight, "height": height,
        "proportions": rng.uniform(*PROPORTIONS_RANGE), "african": african, "asian": asian, "caucasian": caucasian,
    }
    return {k: float(round(np.clip(values[k], 0.0, 1.0), 4)) for k in ANNY_PHENOTYPE_LABELS}
