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

# Festival's Italian voices (lp, pc: italian_phoneset). A trailing 1 marks a stressed vowel.
ITALIAN_IPA: dict[str, str] = {
    "i": "i", "e": "e", "E": "ɛ", "a": "a", "o": "o", "O": "ɔ", "u": "u",
    "i1": "i", "e1": "e", "E1": "ɛ", "a1": "a", "o1": "o", "O1": "ɔ", "u1": "u",
    "j": "j", "w": "w", "p": "p", "t": "t", "k": "k", "b": "b", "d": "d", "g": "ɡ", "f": "f", "s": "s",
    "S": "ʃ", "v": "v", "z": "z", "Z": "ʒ", "ts": "ts", "tS": "tʃ", "dz": "dz", "dZ": "dʒ", "m": "m",
    "n": "n", "J": "ɲ", "ng": "ŋ", "nf": "ɱ", "l": "l", "L": "ʎ", "r": "r", "#": "", "_": "", "pau": "",
}

# Festival's Czech voices (dita, machac, krb: czech.scm). "~" marks the palatal or
# postalveolar member of a pair; r~ is the raised trill ř (r~* its voiceless variant).
CZECH_IPA: dict[str, str] = {
    "a": "a", "a:": "aː", "e": "ɛ", "e:": "ɛː", "i": "ɪ", "i:": "iː", "o": "o", "o:": "oː", "u": "u", "u:": "uː",
    "b": "b", "c": "ts", "c~": "tʃ", "ch": "x", "d": "d", "d~": "dʲ", "dz": "dz", "dz~": "dʒ", "f": "f",
    "g": "ɡ", "h": "ɦ", "j": "j", "k": "k", "l": "l", "m": "m", "n": "n", "n*": "ŋ", "n~": "ɲ", "p": "p",
    "r": "r", "r~": "r̝", "r~*": "r̝̊", "s": "s", "s~": "ʃ", "t": "t", "t~": "tʲ", "v": "v", "z": "z", "z~": "ʒ",
    "#": "", "_": "", "pau": "",
}

# Festival's Finnish voices (suopuhe lj, mv: finnish_phones). ":" marks length; @ is ä, 7 is ö.
FINNISH_IPA: dict[str, str] = {
    **{p: q for p, q in zip("aeiouy@7&", ("a", "e", "i", "o", "u", "y", "æ", "ø", "ə"))},
    **{p + ":": q + "ː" for p, q in zip("aeiouy@7", ("a", "e", "i", "o", "u", "y", "æ", "ø"))},
    **{p: q for p, q in zip(("p", "t", "k", "b", "d", "g", "f", "T", "D", "s", "z", "S", "Z", "h", "v", "m", "n", "N",
                             "l", "L", "r", "j", "w"),
                            ("p", "t", "k", "b", "d", "ɡ", "f", "θ", "ð", "s", "z", "ʃ", "ʒ", "h", "ʋ", "m", "n", "ŋ",
                             "l", "ʎ", "r", "j", "w"))},
    "#": "", "##": "", "_": "", "pau": "",
}
FINNISH_IPA.update({p + ":": q + "ː" for p, q in list(FINNISH_IPA.items()) if q and not q.endswith("ː") and len(p) == 1
                    and p not in "aeiouy@7&"})

# Festival's Catalan voice (upc_ca_ona_hts, central Catalan phones). A trailing 1 marks stress.
CATALAN_IPA: dict[str, str] = {
    "ax": "ə", "a": "a", "a1": "a", "e": "e", "e1": "e", "E": "ɛ", "E1": "ɛ", "i": "i", "i1": "i",
    "o": "o", "o1": "o", "O": "ɔ", "O1": "ɔ", "u": "u", "u1": "u", "j": "j", "w": "w",
    "b": "b", "d": "d", "g": "ɡ", "p": "p", "t": "t", "k": "k", "f": "f", "s": "s", "z": "z", "S": "ʃ", "Z": "ʒ",
    "m": "m", "n": "n", "J": "ɲ", "l": "l", "L": "ʎ", "r": "ɾ", "rr": "r", "pau": "", "_": "", "#": "",
}

# Festival's Russian voice (msu_ru_nsh_clunits). Doubled vowels are stressed, doubled
# consonants palatalised; ae/ay/ur are the second degree of vowel reduction.
RUSSIAN_IPA: dict[str, str] = {
    "ii": "i", "yy": "ɨ", "uu": "u", "ee": "e", "oo": "o", "aa": "a",
    "a": "ɐ", "e": "ɪ", "i": "ɪ", "y": "ɨ", "u": "ʊ", "ae": "ə", "ay": "ɪ", "ur": "ʊ",
    "p": "p", "pp": "pʲ", "b": "b", "bb": "bʲ", "t": "t", "tt": "tʲ", "d": "d", "dd": "dʲ", "k": "k", "kk": "kʲ",
    "g": "ɡ", "gg": "ɡʲ", "c": "ts", "ch": "tɕ", "f": "f", "ff": "fʲ", "v": "v", "vv": "vʲ", "s": "s", "ss": "sʲ",
    "z": "z", "zz": "zʲ", "sh": "ʂ", "sch": "ɕː", "zh": "ʐ", "h": "x", "hh": "xʲ", "m": "m", "mm": "mʲ",
    "n": "n", "nn": "nʲ", "l": "ɫ", "ll": "lʲ", "r": "r", "rr": "rʲ", "j": "j", "pau": "", "#": "", "_": "",
}

# MBROLA diphone voices as espeak-ng drives them (`espeak-ng -v mb-XX --pho`): SAMPA, with a few
# voice-specific marks. Shared symbols first; `MBROLA_IPA_BY_LANGUAGE` settles those a language
# reads its own way (an English r is the approximant, a German R uvular, a Spanish one a trill).
_MBROLA_SAMPA: dict[str, str] = {
    "_": "", "@": "ə", "{": "æ", "A": "ɑ", "A:": "ɑː", "E": "ɛ", "I": "ɪ", "O": "ɔ", "O:": "ɔː", "Q": "ɒ",
    "U": "ʊ", "V": "ʌ", "Y": "ʏ", "2": "ø", "2:": "øː", "3:": "ɜː", "6": "ɐ", "9": "œ",
    "a": "a", "a:": "aː", "e": "e", "e:": "eː", "i": "i", "i:": "iː", "o": "o", "o:": "oː", "u": "u", "u:": "uː",
    "y": "y", "y:": "yː", "a~": "ɑ̃", "e~": "ɛ̃", "o~": "ɔ̃", "9~": "œ̃",
    "@U": "oʊ", "AI": "aɪ", "aI": "aɪ", "aU": "aʊ", "EI": "eɪ", "eI": "eɪ", "OI": "ɔɪ", "OY": "ɔʏ", "oI": "oɪ",
    "I@": "ɪə", "e@": "eə",
    "p": "p", "p_h": "p", "b": "b", "t": "t", "t_h": "t", "d": "d", "k": "k", "k_h": "k", "g": "ɡ",
    "f": "f", "v": "v", "T": "θ", "D": "ð", "s": "s", "z": "z", "S": "ʃ", "Z": "ʒ", "C": "ç", "x": "x", "h": "h",
    "tS": "tʃ", "dZ": "dʒ", "ts": "ts", "dz": "dz", "pf": "pf",
    "m": "m", "n": "n", "N": "ŋ", "J": "ɲ", "l": "l", "l=": "əl", "5": "ɫ", "L": "ʎ", "j": "j", "w": "w",
    "r": "r", "r=": "ɚ", "4": "ɾ", "R": "ʁ",
}
MBROLA_IPA_BY_LANGUAGE: dict[str, dict[str, str]] = {
    "en": {**_MBROLA_SAMPA, "r": "ɹ", "O2": "ɔ", "@U": "əʊ"},
    "de": dict(_MBROLA_SAMPA),
    "fr": dict(_MBROLA_SAMPA),
    # es1 marks some final vowels with "/", es3 writes the y of "yo" J^ and the trill R2
    "es": {**_MBROLA_SAMPA, "e/": "e", "o/": "o", "J^": "ʝ", "R2": "r", "H": "h"},
    # a trailing 1 is a stressed vowel; i/ a final unstressed i
    "it": {**_MBROLA_SAMPA, "E1": "ɛ", "O1": "ɔ", "a1": "a", "e1": "e", "i1": "i", "o1": "o", "u1": "u", "i/": "i"},
    "ja": {**_MBROLA_SAMPA, "u": "ɯ", "U": "ɯ", "r": "ɾ", "c": "ç"},  # c: the ç of ひ
}
