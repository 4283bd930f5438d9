"""Visemes: the mouth pose of each IPA phoneme, in speech channels (ARKit mouth/jaw weights), with
dominance weights.

espeak-ng reports phonemes as IPA, so one table covers every language. A phoneme token may hold
several symbols (diphthongs "aɪ", affricates "tʃ", vowels with diacritics "o̞"); `viseme_parts`
splits diphthongs into successive vowel targets and reduces consonant clusters to the most
visible articulation. Dominance (after Cohen & Massaro) says how strongly a phoneme imposes its
pose on its neighbours: bilabials and labiodentals dominate the lips, vowels dominate the jaw,
velars and /h/ barely constrain anything and take the shape of the vowels around them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np

from .channels import CHANNELS, JAW, NUM_CHANNELS


@dataclass(frozen=True)
class Viseme:
    """A mouth pose (speech channels [C]) and its dominance over the jaw and the lips."""

    name: str
    pose: np.ndarray
    jaw_dominance: float
    lip_dominance: float
    bilabial: bool = False


def _pose(jaw: float, **components: float) -> np.ndarray:
    v = np.zeros(NUM_CHANNELS, np.float32)
    v[JAW] = jaw
    for key, value in components.items():
        v[CHANNELS.index(key)] = value
    return v


def _v(name, jaw, jd, ld, bilabial=False, **comps) -> Viseme:
    return Viseme(name, _pose(jaw, **comps), jd, ld, bilabial)


# Jaw opening (jawOpen) is a fraction of JAW_OPEN_MAX_RAD. Smiles widen i/e a little.
BILABIAL_JAW = 0.06  # p/b/m: the jaw stays slightly open while the lips close against it (mouthClose)
SILENCE = _v("silence", 0.0, 1.0, 0.8)
_VOWELS: dict[str, Viseme] = {
    "a": _v("a", 0.95, 1.0, 0.8, mouthStretch=0.15, mouthLowerDown=0.3),
    "ɑ": _v("ɑ", 0.95, 1.0, 0.8, mouthLowerDown=0.3),
    "ä": _v("ä", 0.92, 1.0, 0.8, mouthLowerDown=0.3),
    "æ": _v("æ", 0.80, 1.0, 0.8, mouthStretch=0.35, mouthUpperUp=0.2),
    "ɐ": _v("ɐ", 0.75, 1.0, 0.8, mouthLowerDown=0.2),
    "ɒ": _v("ɒ", 0.85, 1.0, 0.8, mouthPucker=0.3),
    "ʌ": _v("ʌ", 0.65, 1.0, 0.8, mouthLowerDown=0.15),
    "ɛ": _v("ɛ", 0.60, 1.0, 0.8, mouthStretch=0.35),
    "e": _v("e", 0.45, 1.0, 0.8, mouthStretch=0.5, mouthSmile=0.15),
    "ə": _v("ə", 0.40, 1.0, 0.6),
    "ɘ": _v("ɘ", 0.35, 1.0, 0.6),
    "ɜ": _v("ɜ", 0.50, 1.0, 0.6, mouthFunnel=0.15),
    "ɚ": _v("ɚ", 0.40, 1.0, 0.8, mouthFunnel=0.4, mouthPucker=0.2),
    "ɤ": _v("ɤ", 0.40, 1.0, 0.6, mouthStretch=0.15),
    "ø": _v("ø", 0.40, 1.0, 1.0, mouthPucker=0.6),
    "œ": _v("œ", 0.55, 1.0, 1.0, mouthPucker=0.45),
    "ɵ": _v("ɵ", 0.40, 1.0, 1.0, mouthPucker=0.45),
    "o": _v("o", 0.50, 1.0, 1.0, mouthPucker=0.65, mouthFunnel=0.25),
    "ɔ": _v("ɔ", 0.65, 1.0, 1.0, mouthPucker=0.45, mouthFunnel=0.2),
    "i": _v("i", 0.18, 1.0, 1.0, mouthStretch=0.85, mouthSmile=0.25),
    "ɪ": _v("ɪ", 0.28, 1.0, 0.8, mouthStretch=0.55),
    "ɨ": _v("ɨ", 0.22, 1.0, 0.8, mouthStretch=0.35),
    "ɯ": _v("ɯ", 0.22, 1.0, 0.8, mouthStretch=0.25),
    "y": _v("y", 0.16, 1.0, 1.2, mouthPucker=0.85),
    "ʏ": _v("ʏ", 0.24, 1.0, 1.0, mouthPucker=0.65),
    "u": _v("u", 0.18, 1.0, 1.2, mouthPucker=0.95, mouthFunnel=0.2),
    "ʊ": _v("ʊ", 0.28, 1.0, 1.0, mouthPucker=0.6),
    "ʉ": _v("ʉ", 0.20, 1.0, 1.0, mouthPucker=0.7),
}
_CONSONANTS: dict[str, Viseme] = {}


def _add(symbols: str, viseme: Viseme) -> None:
    for s in symbols:
        _CONSONANTS[s] = viseme


_add("pbmɓ", _v("bilabial", BILABIAL_JAW, 0.9, 1.2, bilabial=True, mouthPress=1.0, mouthClose=BILABIAL_JAW,
                  mouthRollUpper=0.15, mouthRollLower=0.15, cheekPuff=0.08))
_add("ɸβ", _v("bilabial_fricative", 0.06, 0.6, 2.0, mouthPress=0.45, mouthPucker=0.2))
_add("fvɱʋ", _v("labiodental", 0.10, 0.6, 1.8, mouthRollLower=0.9, mouthUpperUp=0.3))
_add("θð", _v("dental", 0.16, 0.5, 0.6, mouthLowerDown=0.25, tongueOut=0.4))
_add("tdnlɾrɬɫɗ", _v("alveolar", 0.16, 0.35, 0.35))
_add("sz", _v("sibilant", 0.10, 0.6, 0.6, mouthStretch=0.35, jawForward=0.2))
_add("ɹɻ", _v("approximant_r", 0.20, 0.35, 0.9, mouthFunnel=0.45, mouthPucker=0.3))
_add("ʃʒɕʑʂʐ", _v("postalveolar", 0.12, 0.6, 1.5, mouthFunnel=0.85, mouthPucker=0.35, jawForward=0.2))
_add("jçɲʎʝc", _v("palatal", 0.16, 0.35, 0.5, mouthStretch=0.4))
_add("kgɡŋɴxɣχʁqɢɰʀ", _v("velar", 0.25, 0.2, 0.2))
_add("hɦʔħʕ", _v("glottal", 0.30, 0.1, 0.1))
_add("wɥ", _v("labial_glide", 0.12, 0.5, 2.0, mouthPucker=0.9, mouthFunnel=0.2))
# The "visibility" order that picks one articulation for a consonant cluster such as "tʃ".
_CONSONANT_PRIORITY = ("bilabial", "labiodental", "labial_glide", "postalveolar", "bilabial_fricative",
                       "approximant_r", "sibilant", "dental", "palatal", "alveolar", "velar", "glottal")


def _base_symbols(ipa: str) -> list[str]:
    """IPA token -> its base letters (no diacritics, length or stress marks, tone letters)."""
    out = []
    for ch in unicodedata.normalize("NFD", ipa):
        if unicodedata.combining(ch) or ch in "ːˑˈˌ'ʰʲʷ̃˞-_|0123456789˥˦˧˨˩":
            continue
        out.append(ch)
    return out


def viseme_parts(ipa: str) -> list[Viseme]:
    """The viseme sequence of one phoneme token: [] is silence; diphthongs give two or more."""
    symbols = _base_symbols(ipa)
    if not symbols:
        return [SILENCE]
    vowels = [_VOWELS[s] for s in symbols if s in _VOWELS]
    consonants = [_CONSONANTS[s] for s in symbols if s in _CONSONANTS]
    if consonants and not vowels:
        return [min(consonants, key=lambda v: _CONSONANT_PRIORITY.index(v.name))]
    if vowels:
        return vowels
    return [_VOWELS["ə"]]  # an unknown letter: a neutral, lightly open mouth


# Phone classes for the model's auxiliary phone-posterior head: the consonant visemes, silence
# and four vowel groups by mouth shape. Learning to tell them apart keeps the encoder listening
# to articulation (what a p or an o sounds like) rather than to a voice's loudness pattern.
VISEME_CLASSES: tuple[str, ...] = (
    "silence", *_CONSONANT_PRIORITY, "vowel_open", "vowel_round", "vowel_spread", "vowel_mid",
)


def viseme_class(v: Viseme) -> int:
    if v is SILENCE:
        return 0
    if v.name in _CONSONANT_PRIORITY:
        return VISEME_CLASSES.index(v.name)
    pose = dict(zip(CHANNELS, v.pose))
    if pose["jawOpen"] >= 0.6:
        return VISEME_CLASSES.index("vowel_open")
    if pose["mouthPucker"] >= 0.4:
        return VISEME_CLASSES.index("vowel_round")
    if pose["mouthStretch"] >= 0.4:
        return VISEME_CLASSES.index("vowel_spread")
    return VISEME_CLASSES.index("vowel_mid")
