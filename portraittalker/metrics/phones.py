"""A reference for mouth opening that is not loudness: phones recognised in the audio.

PocketSphinx's phone recogniser (the `allphone` search with the en-us acoustic model and
phone language model shipped in its PyPI wheel, trained on real speech, never by us) labels
the audio with ARPAbet phones; each phone gets an opening from the table below, one value
per video frame. The table is written for evaluation and is independent of the speech
model's viseme targets, so scoring a video against it does not grade the model against its
own training targets. For other languages the English phone set is an approximation, the
same for the model and for the loudness baseline it is compared with.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from ..errors import PortraitTalkerError
from .media import Audio

RECOGNISER = "PocketSphinx 5 allphone, en-us acoustic model + en-us phone LM (shipped in the pocketsphinx wheel)"
SAMPLE_RATE_HZ = 16000
FRAME_SECONDS = 0.01  # PocketSphinx reports segments in 10 ms frames
# The recogniser labels even digital silence with phones; a segment quieter than this (RMS,
# dB full scale, far below any speech) is silence. It only removes phones from near-silence
# and does not make the reference follow loudness within speech.
SILENCE_DBFS = -55.0

# Mouth opening of each ARPAbet phone, 0 = lips together, 1 = a wide "ah" (jaw and lips,
# from standard phonetics: vowel height for vowels, place of articulation for consonants).
PHONE_OPENNESS: dict[str, float] = {
    # open vowels
    "AA": 1.0, "AE": 0.85, "AO": 0.8, "AW": 0.85, "AY": 0.85, "AH": 0.65,
    # mid vowels
    "EH": 0.6, "EY": 0.5, "OW": 0.55, "OY": 0.6, "ER": 0.4,
    # close vowels
    "IH": 0.35, "IY": 0.25, "UH": 0.35, "UW": 0.25,
    # consonants
    "P": 0.0, "B": 0.0, "M": 0.0,
    "F": 0.1, "V": 0.1, "W": 0.15,
    "TH": 0.2, "DH": 0.2, "S": 0.15, "Z": 0.15, "SH": 0.2, "ZH": 0.2, "CH": 0.2, "JH": 0.2,
    "T": 0.2, "D": 0.2, "N": 0.2, "L": 0.25, "R": 0.25, "Y": 0.25,
    "K": 0.3, "G": 0.3, "NG": 0.3, "HH": 0.45,
    "SIL": 0.0,
}


@dataclass(frozen=True)
class PhoneSegment:
    phone: str
    start_s: float
    end_s: float


def recognise_phones(audio: Audio) -> list[PhoneSegment]:
    """ARPAbet phone segments of 16 kHz mono audio (non-speech fillers count as silence)."""
    try:
        from pocketsphinx import Decoder, get_model_path
    except ImportError as err:
        raise PortraitTalkerError("pocketsphinx is not installed (pip install pocketsphinx)") from err
    if audio.sample_rate_hz != SAMPLE_RATE_HZ:
        raise PortraitTalkerError(f"phone recognition needs {SAMPLE_RATE_HZ} Hz audio, got {audio.sample_rate_hz}")
    model = os.path.join(get_model_path(), "en-us")
    decoder = Decoder(hmm=os.path.join(model, "en-us"), allphone=os.path.join(model, "en-us-phone.lm.bin"),
                      lw=2.0, beam=1e-20, pbeam=1e-20, loglevel="FATAL")
    pcm = (np.clip(audio.samples, -1.0, 1.0) * 32767).astype(np.int16).tobytes()
    decoder.start_utt()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()
    out = []
    for seg in decoder.seg():
        phone = seg.word if seg.word in PHONE_OPENNESS else "SIL"  # +NSN+, +SPN+ and the like
        start, end = seg.start_frame * FRAME_SECONDS, (seg.end_frame + 1) * FRAME_SECONDS
        chunk = audio.samples[int(start * SAMPLE_RATE_HZ) : int(end * SAMPLE_RATE_HZ)].astype(np.float64)
        if chunk.size == 0 or 10 * np.log10(np.mean(chunk**2) + 1e-20) < SILENCE_DBFS:
            phone = "SIL"
        out.append(PhoneSegment(phone, start, end))
    return out


def openness_track(segments: list[PhoneSegment], fps: float, num_frames: int) -> np.ndarray:
    """[num_frames] phone openness at each video frame's centre time."""
    track = np.zeros(num_frames)
    times = (np.arange(num_frames) + 0.5) / fps
    for seg in segments:
        track[(times >= seg.start_s) & (times < seg.end_s)] = PHONE_OPENNESS[seg.phone]
    return track
