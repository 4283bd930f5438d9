"""Speech synthesis with phoneme timings through libespeak-ng (ctypes, no Python binding needed).

libespeak-ng reports one `espeakEVENT_PHONEME` per phoneme with its position in the audio when
initialised with `espeakINITIALIZE_PHONEME_EVENTS`; with `espeakINITIALIZE_PHONEME_IPA` the
event carries the phoneme as IPA (UTF-8), which lets one viseme table serve every language.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from dataclasses import dataclass

import numpy as np

from ..errors import PortraitTalkerError
from .tts import PhonemeEvent, Utterance  # noqa: F401  (re-exported: the corpus's common types)

# espeak_ng.h / speak_lib.h constants.
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_PHONEME_EVENTS = 0x0001
_INITIALIZE_PHONEME_IPA = 0x0002
_INITIALIZE_DONT_EXIT = 0x8000
_CHARS_UTF8 = 1
_EVENT_LIST_TERMINATED = 0
_EVENT_WORD = 1
_EVENT_END = 5
_EVENT_PHONEME = 7
_PARAM_RATE = 1
_PARAM_PITCH = 3
_PARAM_RANGE = 4
_PARAM_WORDGAP = 7


class _EventId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),  # milliseconds from the start of this synthesis
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", _EventId),
    ]


_Callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))


@dataclass(frozen=True)
class Prosody:
    """Voice settings: espeak rate (words/min), pitch and pitch range (0-100), word gap (10 ms)."""

    rate_wpm: int = 175
    pitch: int = 50
    pitch_range: int = 50
    word_gap: int = 0


class ESpeak:
    """A process-wide libespeak-ng synthesiser (the library keeps global state; one lock)."""

    _lock = threading.Lock()
    _instance: "ESpeak | None" = None

    def __init__(self, data_path: str | None = None) -> None:
        """`data_path`: the folder holding an espeak-ng-data (espeak_variants.variant_data_dir:
        the installed data plus generated voice variants); None: the installed data."""
        name = ctypes.util.find_library("espeak-ng") or "libespeak-ng.so.1"
        try:
            self._lib = ctypes.CDLL(name)
        except OSError as err:
            raise PortraitTalkerError(
                f"libespeak-ng not found ({err}); install it: apt-get install espeak-ng libespeak-ng1"
            ) from None
        lib = self._lib
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
            ctypes.c_uint, ctypes.POINTER(ctypes.c_uint), ctypes.c_void_p,
        ]
        options = _INITIALIZE_PHONEME_EVENTS | _INITIALIZE_PHONEME_IPA | _INITIALIZE_DONT_EXIT
        self.data_path = data_path
        self.sample_rate_hz = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path.encode() if data_path else None, options)
        if self.sample_rate_hz <= 0:
            raise PortraitTalkerError("libespeak-ng failed to initialise (is espeak-ng-data installed?)")
        self._chunks: list[np.ndarray] = []
        self._events: list[PhonemeEvent] = []
        self._callback = _Callback(self._on_synth)  # keep a reference: C holds the pointer
        lib.espeak_SetSynthCallback(self._callback)

    @classmethod
    def get(cls, data_path: str | None = None) -> "ESpeak":
        """The process's synthesiser, reading `data_path` (None: the installed data). The library
        has one global state, so asking for another data folder initialises it again."""
        with cls._lock:
            if cls._instance is None or cls._instance.data_path != data_path:
                cls._instance = ESpeak(data_path)
            return cls._instance

    def _on_synth(self, wav, num_samples, events) -> int:
        if num_samples > 0 and wav:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(num_samples,)).astype(np.float32))
        i = 0
        while events[i].type != _EVENT_LIST_TERMINATED:
            ev = events[i]
            if ev.type == _EVENT_PHONEME:
                ipa = bytes(ev.id.string).split(b"\0", 1)[0].decode("utf-8", errors="replace")
                self._events.append(PhonemeEvent(ipa=ipa, start_s=ev.audio_position / 1000.0))
            i += 1
        return 0  # 0 = continue synthesis

    def synthesize(self, text: str, voice: str, prosody: Prosody = Prosody()) -> Utterance:
        """Speak `text` with espeak voice `voice` (e.g. 'ko', 'en-us+f3', 'cmn-latn-pinyin')."""
        with self._lock:
            lib = self._lib
            if lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise PortraitTalkerError(f"espeak-ng has no voice '{voice}' (list them: espeak-ng --voices)")
            lib.espeak_SetParameter(_PARAM_RATE, int(prosody.rate_wpm), 0)
            lib.espeak_SetParameter(_PARAM_PITCH, int(prosody.pitch), 0)
            lib.espeak_SetParameter(_PARAM_RANGE, int(prosody.pitch_range), 0)
            lib.espeak_SetParameter(_PARAM_WORDGAP, int(prosody.word_gap), 0)
            self._chunks, self._events = [], []
            data = text.encode("utf-8") + b"\0"
            buf = ctypes.create_string_buffer(data)
            status = lib.espeak_Synth(buf, len(data), 0, 0, 0, _CHARS_UTF8, None, None)
            lib.espeak_Synchronize()
            if status != 0:
                raise PortraitTalkerError(f"espeak-ng failed to synthesise {text[:40]!r} with voice '{voice}'")
            wave = np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.float32)
            return Utterance(wave / 32768.0, self.sample_rate_hz, tuple(self._events))
