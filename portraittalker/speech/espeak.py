"""Speech synthesis with phoneme timings through libespeak-ng (ctypes, no Python binding needed).

libespeak-ng reports one `espeakEVENT_PHONEME` per phoneme with its position in the audio when
initialised with `espeakINITIALIZE_PHONEME_EVENTS`; with `espeakINITIALIZE_PHONEME_IPA` the
event carries the phoneme as IPA (UTF-8), which lets one viseme table serve every language.

A voiceless stop's or affricate's event comes at its release: the silent closure before it
(35-50 ms at the median in en, de, fr, ko, zh, ja) is reported as the end of the phone before.
Festival, Flite and Open JTalk put the closure inside the stop, as a phonetician does, and the
closure is when the lips are shut for a /p/. `move_stops_to_closures` (synthesize(closure_timed_stops=True))
moves each such event back to where the sound fell silent.

libespeak-ng carries state from one utterance into the next (the same text comes out up to 2% longer,
its phones shifted, after other texts; espeak_Initialize does not reset it), so on POSIX each
utterance is spoken in a forked child of a process that has spoken none: the same text, voice and
prosody give the same samples whatever was spoken before, and a corpus build does not depend on
which worker spoke what.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import io
import os
import threading
from dataclasses import dataclass

import numpy as np

from ..errors import PortraitTalkerError
from .tts import PhonemeEvent, Utterance

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

# Phones whose event espeak-ng times at the release: voiceless stops and affricates (IPA's first
# letter; "p", "pʰ", "pf", "t", "ts", "tʃ", "tɕ", "k", ...). Voiced stops and nasals are timed at
# their closure already (measured: their quiet part starts within 10 ms of the event).
_RELEASE_TIMED = frozenset("ptkcqʈ")
_HOP_S = 0.005             # level envelope resolution
_CLOSURE_DROP_DB = 18.0    # the closure: this far below the loudest 5 ms of the phone before
_MAX_CLOSURE_S = 0.12      # never move an event back further than this
_KEEP_BEFORE_S = 0.02      # and keep at least this much of the phone before


def move_stops_to_closures(wave: np.ndarray, rate: int, events: tuple[PhonemeEvent, ...]) -> tuple[PhonemeEvent, ...]:
    """Move each voiceless stop's (or affricate's) event from its release back to the start of the
    quiet closure before it: the contiguous 5 ms frames, ending at the event, whose level is
    `_CLOSURE_DROP_DB` under the loudest frame of the phone before. Empty events inside the closure
    (espeak-ng's syllable boundaries, as in Chinese) become part of the stop. A quiet run longer than
    `_MAX_CLOSURE_S`, or one at the utterance's start, is a pause: the event stays at the release."""
    hop = max(1, int(round(rate * _HOP_S)))
    n = len(wave) // hop
    if n == 0:
        return tuple(events)
    level = 10 * np.log10(np.mean(np.asarray(wave[: n * hop], np.float64).reshape(n, hop) ** 2, axis=1) + 1e-12)
    out: list[PhonemeEvent] = []
    sounded: PhonemeEvent | None = None  # the last event with a phone
    for ev in events:
        start = _closure_start(level, sounded.start_s, ev.start_s) if ev.ipa[:1] in _RELEASE_TIMED and sounded else None
        if start is not None:
            while out and not out[-1].ipa and out[-1].start_s >= start:  # a boundary inside the closure
                out.pop()
            ev = PhonemeEvent(ev.ipa, start)
        out.append(ev)
        sounded = ev if ev.ipa else sounded
    return tuple(out)


def _closure_start(level: np.ndarray, before_s: float, release_s: float) -> float | None:
    """Start (s) of the quiet run in `level` (dB per 5 ms) that ends at `release_s`, after the phone
    starting at `before_s`; None where there is none or it is a pause (longer than _MAX_CLOSURE_S)."""
    i = min(len(level), int(round(release_s / _HOP_S)))
    b0 = int(before_s / _HOP_S)
    earliest = max(before_s + _KEEP_BEFORE_S, release_s - _MAX_CLOSURE_S)
    if i - b0 < 2 or earliest >= release_s:
        return None
    quiet = level[b0:i].max() - _CLOSURE_DROP_DB
    k = i
    while k - 1 >= 0 and level[k - 1] < quiet and (k - 1) * _HOP_S >= earliest:
        k -= 1
    reached_cap = k - 1 >= 0 and level[k - 1] < quiet and release_s - (k - 1) * _HOP_S > _MAX_CLOSURE_S
    return k * _HOP_S if k < i and not reached_cap else None


def load_library() -> ctypes.CDLL:
    """libespeak-ng, or an error that says how to install it."""
    name = ctypes.util.find_library("espeak-ng") or "libespeak-ng.so.1"
    try:
        return ctypes.CDLL(name)
    except OSError as err:
        raise PortraitTalkerError(f"libespeak-ng not found ({err}); install it: apt-get install espeak-ng libespeak-ng1") from None


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
        self._lib = lib = load_library()
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

    def synthesize(self, text: str, voice: str, prosody: Prosody = Prosody(), closure_timed_stops: bool = False) -> Utterance:
        """Speak `text` with espeak voice `voice` (e.g. 'ko', 'en-us+f3', 'cmn-latn-pinyin'). With
        `closure_timed_stops`, voiceless stops start at their closure, not at their release (module doc)."""
        with self._lock:
            wave, events = _in_forked_child(lambda: self._speak(text, voice, prosody))
        return Utterance(wave, self.sample_rate_hz, move_stops_to_closures(wave, self.sample_rate_hz, events) if closure_timed_stops else events)

    def _speak(self, text: str, voice: str, prosody: Prosody) -> tuple[np.ndarray, tuple[PhonemeEvent, ...]]:
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
        return wave / 32768.0, tuple(self._events)


def _in_forked_child(speak) -> tuple[np.ndarray, tuple[PhonemeEvent, ...]]:
    """speak() -> (wave, events), run in a forked child and sent back as arrays (no pickle); the
    parent's library state stays as initialised (module doc). In this process where the OS cannot fork."""
    if not hasattr(os, "fork"):
        return speak()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into the caller's stack
        try:
            os.close(read_fd)
            try:
                wave, events = speak()
                arrays = {"wave": np.asarray(wave), "ipa": np.array([e.ipa for e in events], dtype=np.str_),
                          "start": np.array([e.start_s for e in events], np.float64)}
            except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
                arrays = {"error": np.array(str(exc) if isinstance(exc, PortraitTalkerError) else f"espeak-ng: {exc!r}")}
            buffer = io.BytesIO()
            np.savez(buffer, **arrays)
            with os.fdopen(write_fd, "wb") as out:
                out.write(buffer.getvalue())
        finally:
            os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        data = pipe.read()  # all of it before waiting, or a long utterance would block the child
    _, status = os.waitpid(pid, 0)
    if not data:
        raise PortraitTalkerError(f"espeak-ng's synthesis process ended without a result (wait status {status})")
    with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
        if "error" in arrays:
            raise PortraitTalkerError(str(arrays["error"]))
        events = tuple(PhonemeEvent(ipa=str(i), start_s=float(t)) for i, t in zip(arrays["ipa"], arrays["start"]))
        return arrays["wave"], events
