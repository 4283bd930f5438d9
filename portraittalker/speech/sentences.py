"""Random training sentences from the small per-language word/syllable lists in `lexicon/`.

Real words keep the phonotactics (and espeak's pronunciation rules) of each language; random
order gives many distinct sentences from a few hundred words. Chinese is written in tone-numbered
pinyin (the cmn-latn-pinyin voice), Japanese in kana, Korean in Hangul.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


@dataclass(frozen=True)
class Language:
    code: str            # short code used in reports and splits
    voice: str           # espeak-ng voice name
    lexicon: str         # file in lexicon/
    words_per_sentence: tuple[int, int]
    join: str = " "


LANGUAGES: dict[str, Language] = {
    "ko": Language("ko", "ko", "ko.txt", (3, 7)),
    "en": Language("en", "en-us", "en.txt", (4, 10)),
    "zh": Language("zh", "cmn-latn-pinyin", "zh.txt", (4, 12)),
    "ja": Language("ja", "ja", "ja.txt", (3, 7)),
    "de": Language("de", "de", "de.txt", (4, 9)),
    "fr": Language("fr", "fr", "fr.txt", (4, 9)),
    "es": Language("es", "es", "es.txt", (4, 9)),
    "it": Language("it", "it", "it.txt", (4, 9)),
    # Spoken by Festival's real-speaker voices (voices.ENGINE_VOICES); espeak-ng speaks them too.
    "cs": Language("cs", "cs", "cs.txt", (4, 9)),
    "fi": Language("fi", "fi", "fi.txt", (3, 8)),
    "ca": Language("ca", "ca", "ca.txt", (4, 9)),
    "ru": Language("ru", "ru", "ru.txt", (3, 8)),
}


def load_lexicon(language: Language) -> list[str]:
    return (LEXICON_DIR / language.lexicon).read_text(encoding="utf-8").split()


# Kana of the m/b/p rows (hiragana and katakana): the Japanese syllables that close the lips.
_KANA_BILABIAL = frozenset("まみむめもばびぶべぼぱぴぷぺぽマミムメモバビブベボパピプペポ")
# Hangul jamo indices of ㅁ ㅂ ㅃ ㅍ as a syllable's initial, and of ㅁ ㅂ ㅄ ㅍ as its final.
_HANGUL_INITIAL_BILABIAL = frozenset({6, 7, 8, 17})
_HANGUL_FINAL_BILABIAL = frozenset({16, 17, 18, 26})


def has_bilabial(word: str, code: str) -> bool:
    """Whether a lexicon word holds a p, b or m (read from its spelling in the lexicon's script)."""
    if code == "ja":
        return any(ch in _KANA_BILABIAL for ch in word)
    if code == "ko":
        syllables = [ord(ch) - 0xAC00 for ch in word if 0 <= ord(ch) - 0xAC00 < 11172]
        return any(s // 588 in _HANGUL_INITIAL_BILABIAL or s % 28 in _HANGUL_FINAL_BILABIAL for s in syllables)
    return any(ch in "pbmпбм" for ch in word.lower())  # Latin and Cyrillic script, pinyin


def random_sentence(language: Language, words: list[str], rng: np.random.Generator, bilabial_weight: float = 1.0) -> str:
    """A sentence of random words, with a comma now and then so espeak inserts real pauses.
    `bilabial_weight` > 1 draws words with p/b/m that much more often (closure-rich sentences)."""
    n = int(rng.integers(language.words_per_sentence[0], language.words_per_sentence[1] + 1))
    if bilabial_weight == 1.0:
        picked = [words[i] for i in rng.integers(0, len(words), n)]
    else:
        w = np.array([bilabial_weight if has_bilabial(word, language.code) else 1.0 for word in words])
        picked = [words[i] for i in rng.choice(len(words), n, p=w / w.sum())]
    if n > 4 and rng.random() < 0.5:
        k = int(rng.integers(2, n - 1))
        picked[k - 1] += ","
    return language.join.join(picked) + str(rng.choice([".", ".", "?", "!"]))
