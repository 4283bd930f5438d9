"""SVOX Pico (Debian `libttspico-utils` + `libttspico-data`, non-free): HMM voices of real speakers.

Pico's voices are small statistical-parametric (HMM) models, each trained on one real speaker's
recordings; its English ones are a US and a British woman. `pico2wave` prints no phone timings, so
the phones come from pocketsphinx's forced alignment of the known text (alignment.py), as for
RHVoice. Durations follow `Style.duration_stretch` (Pico's speed level, percent: higher is faster)
and pitch `Style.pitch_semitones` (its pitch level, percent of the voice's F0).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

import soundfile as sf

from ..errors import PortraitTalkerError
from .alignment import aligned_utterance
from .tts import Style, Utterance

LANG_DIR = Path("/usr/share/pico/lang")


def available(voice: str | None = None) -> bool:
    tool = shutil.which("pico2wave") is not None
    return tool and (voice is None or (LANG_DIR / f"{voice}_ta.bin").is_file())


def synthesize(text: str, voice: str, style: Style = Style()) -> Utterance:
    """English `text` spoken by Pico's `voice` (en-US, en-GB) at 16 kHz, with pocketsphinx's phone timings."""
    if not available(voice):
        raise PortraitTalkerError(f"Pico voice '{voice}' not found; install it: apt-get install libttspico-utils "
                                  f"(Debian non-free)")
    speed = int(round(100.0 / max(style.duration_stretch, 0.2)))
    pitch = int(round(100.0 * 2.0 ** (style.pitch_semitones / 12.0)))
    markup = f'<speed level="{speed}"><pitch level="{pitch}">{escape(text)}</pitch></speed>'
    with tempfile.TemporaryDirectory(prefix="pico.") as tmp:
        wav = Path(tmp) / "out.wav"
        proc = subprocess.run(["pico2wave", "-l", voice, "-w", str(wav), markup], capture_output=True, text=True, timeout=60)
        if proc.returncode != 0 or not wav.is_file():
            raise PortraitTalkerError(f"pico2wave failed on {text[:40]!r} with voice '{voice}': {proc.stderr.strip()[-200:]}")
        wave, rate_hz = sf.read(wav, dtype="float32")
    return aligned_utterance(wave, rate_hz, text, f"pico {voice}")
