"""Phone alignment of a real English recording with a known transcript, by pocketsphinx.

pocketsphinx's PyPI wheel ships an en-us acoustic model trained on real speech and the CMU
pronouncing dictionary; its forced aligner places each phone of the transcript in the audio
(10 ms resolution). The phones come back as ARPAbet and are turned into IPA here, so the same
viseme table that makes the training targets (visemes.py) reads them.
"""

from __future__ import annotations

import re
from math import gcd

import numpy as np
from scipy.signal import resample_poly

from ..errors import PortraitTalkerError
from .audio import SAMPLE_RATE_HZ
from .espeak import PhonemeEvent
from .tts import Utterance

_FRAME_S = 0.01  # pocketsphinx's frame step

# ARPAbet (CMU dictionary, no stress marks in pocketsphinx's alignment) -> IPA. AH is most often
# the unstressed schwa in running speech ("the", "a", "of"), so it reads as ə.
ARPABET_IPA: dict[str, str] = {
    "AA": "ɑ", "AE": "æ", "AH": "ə", "AO": "ɔ", "AW": "aʊ", "AY": "aɪ", "EH": "ɛ", "ER": "ɚ", "EY": "eɪ",
    "IH": "ɪ", "IY": "i", "OW": "oʊ", "OY": "ɔɪ", "UH": "ʊ", "UW": "u",
    "B": "b", "CH": "tʃ", "D": "d", "DH": "ð", "F": "f", "G": "ɡ", "HH": "h", "JH": "dʒ", "K": "k",
    "L": "l", "M": "m", "N": "n", "NG": "ŋ", "P": "p", "R": "ɹ", "S": "s", "SH": "ʃ", "T": "t",
    "TH": "θ", "V": "v", "W": "w", "Y": "j", "Z": "z", "ZH": "ʒ",
}


def normalise_transcript(text: str) -> str:
    """Lower-case words the CMU dictionary can look up: letters and apostrophes only."""
    return " ".join(re.sub(r"[^a-z' ]+", " ", text.lower()).split())


def align_phones(wave: np.ndarray, transcript: str, source: str = "recording") -> list[PhonemeEvent]:
    """16 kHz waveform [N] + its English transcript -> timed IPA phones ("" marks silence)."""
    try:
        from pocketsphinx import Decoder
    except ImportError:
        raise PortraitTalkerError("pocketsphinx is not installed (pip install pocketsphinx); it aligns real speech") from None
    text = normalise_transcript(transcript)
    if not text:
        raise PortraitTalkerError(f"{source}: empty transcript; give the words spoken in the recording")
    pcm = (np.clip(wave, -1, 1) * 32767).astype(np.int16).tobytes()
    decoder = Decoder(samprate=SAMPLE_RATE_HZ, bestpath=False, loglevel="FATAL")
    try:
        decoder.set_align_text(text)
    except Exception as err:  # a word missing from the dictionary
        raise PortraitTalkerError(f"{source}: pocketsphinx cannot align '{text}' ({err}); check the transcript's words") from None
    # First pass finds the words, second the phones inside them.
    try:
        for phase in ("words", "phones"):
            if phase == "phones":
                decoder.set_alignment()
            decoder.start_utt()
            decoder.process_raw(pcm, full_utt=True)
            decoder.end_utt()
        alignment = decoder.get_alignment()
    except RuntimeError:
        alignment = None
    if alignment is None:
        raise PortraitTalkerError(f"{source}: pocketsphinx could not align the transcript with the audio "
                                  f"(is it the words spoken, in English?)")
    events = []
    for word in alignment:
        for phone in word:
            name = phone.name.upper()
            events.append(PhonemeEvent(ARPABET_IPA.get(name, ""), phone.start * _FRAME_S))
    if not any(e.ipa for e in events):
        raise PortraitTalkerError(f"{source}: the alignment holds no phones")
    return events


def aligned_utterance(wave: np.ndarray, rate_hz: int, text: str, source: str) -> Utterance:
    """A synthesiser's output that prints no phone timings (RHVoice, Pico) -> an `Utterance` at 16 kHz
    whose phones pocketsphinx aligned to the known `text`. Mono, resampled to the aligner's rate, with
    80 ms of silence in front, as every engine's utterance has, so the first phone's start can be placed."""
    wave = np.asarray(wave, np.float32)
    wave = wave if wave.ndim == 1 else wave.mean(1)
    if rate_hz != SAMPLE_RATE_HZ:
        g = gcd(SAMPLE_RATE_HZ, rate_hz)
        wave = resample_poly(wave, SAMPLE_RATE_HZ // g, rate_hz // g)
    wave = np.concatenate([np.zeros(int(0.08 * SAMPLE_RATE_HZ), np.float32), wave.astype(np.float32)])
    return Utterance(wave, SAMPLE_RATE_HZ, tuple(align_phones(wave, text, source)))
