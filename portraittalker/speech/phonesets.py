"""Engine phone sets -> IPA, so the one viseme table (visemes.py) reads every engine's phones.

"" is silence. Tables are data; an engine reporting a phone missing here is an error (KeyError
naming it), never silently skipped.
"""

from __future__ import annotations

# CMU/ARPAbet as Festival's and Flite's US voices (radio phone set) and pocketsphinx report it.
# Festival/Flite distinguish stressed ah (ʌ) from schwa ax; pocketsphinx's AH has no stress and
# is read as schwa in alignment.py.
CMU_IPA: dict[str, str] = {
    "aa": "ɑ", "ae": "æ", "ah": "ʌ", "ao": "ɔ", "aw": "aʊ", "ax": "ə", "axr": "ɚ", "ay": "aɪ", "eh": "ɛ",
    "er": "ɚ", "ey": "eɪ", "ih": "ɪ", "ix": "ɨ", "iy": "i", "ow": "oʊ", "oy": "ɔɪ", "uh": "ʊ", "uw": "u",
    "b": "b", "ch": "tʃ", "d": "d", "dh": "ð", "dx": "ɾ", "el": "l", "em": "m", "en": "n", "f": "f",
    "g": "ɡ", "hh": "h", "h": "h", "jh": "dʒ", "k": "k", "l": "l", "m": "m", "n": "n", "nx": "ŋ", "ng": "ŋ",
    "p": "p", "r": "ɹ", "s": "s", "sh": "ʃ", "t": "t", "th": "θ", "v": "v", "w": "w", "y": "j", "z": "z",
    "zh": "ʒ", "pau": "", "h#": "", "brth": "", "sil": "",
}

# Open JTalk (HTS Japanese labels). Capital vowels are devoiced (mouth shape kept, little
# voicing); N is the moraic nasal; cl the closure of a geminate consonant.
OPENJTALK_IPA: dict[str, str] = {
    "a": "a", "i": "i", "u": "ɯ", "e": "e", "o": "o", "A": "a", "I": "i", "U": "ɯ", "E": "e", "O": "o",
    "N": "ɴ", "cl": "ʔ", "k": "k", "ky": "kʲ", "g": "ɡ", "gy": "ɡʲ", "s": "s", "sh": "ɕ", "z": "z",
    "j": "dʑ", "t": "t", "ty": "tʲ", "ch": "tɕ", "ts": "ts", "d": "d", "dy": "dʲ", "n": "n", "ny": "ɲ",
    "h": "h", "hy": "ç", "f": "ɸ", "b": "b", "by": "bʲ", "p": "p", "py": "pʲ", "m": "m", "my": "mʲ",
    "r": "ɾ", "ry": "ɾʲ", "w": "ɰ", "y": "j", "v": "v", "pau": "", "sil": "",
}
