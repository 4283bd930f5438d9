"""RHVoice (Debian `rhvoice` + `rhvoice-english`, non-free): HTS models of real speakers.

RHVoice's English voices are statistical-parametric (HTS) models, each trained on one real
speaker's recordings. Its command-line tool prints no phone timings, so the phones come from
pocketsphinx's forced alignment of the known text (alignment.py; an acoustic model trained on
real speech, 10 ms steps). Durations follow `Style.duration_stretch` (RHVoice's rate, percent)
and pitch `Style.pitch_semitones` (its pitch, percent).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import soundfile as sf

from ..errors import PortraitTalkerError
from .alignment import aligned_utterance
from .tts import Style, Utterance

VOICE_DIR = Path("/usr/share/RHVoice/voices")


def available(voice: str | None = None) -> bool:
    tool = shutil.which("RHVoice-test") is not None
    return tool and (voice is None or (VOICE_DIR / voice).is_dir())


def synthesize(text: str, voice: str, style: Style = Style()) -> Utterance:
    """English `text` spoken by RHVoice's `voice`, resampled to 16 kHz, with pocketsphinx's phone timings."""
    if not available(voice):
        raise PortraitTalkerError(f"RHVoice voice '{voice}' not found; install it: apt-get install rhvoice rhvoice-english "
                                  f"(Debian non-free; or: bash scripts/install_system_deps.sh --rhvoice)")
    rate = int(round(100.0 / max(style.duration_stretch, 0.1)))
    # RHVoice's pitch percent is not exactly the F0 ratio (50 gave about 0.63x here); near 100 it is close enough
    pitch = int(round(100.0 * 2.0 ** (style.pitch_semitones / 12.0)))
    with tempfile.TemporaryDirectory(prefix="rhvoice.") as tmp:
        wav = Path(tmp) / "out.wav"
        proc = subprocess.run(["RHVoice-test", "-p", voice, "-r", str(rate), "-t", str(pitch), "-o", str(wav)],
                              input=text, capture_output=True, text=True, timeout=60)
        if proc.returncode != 0 or not wav.is_file():
            raise PortraitTalkerError(f"RHVoice-test failed on {text[:40]!r} with voice '{voice}': {proc.stderr.strip()[-200:]}")
        wave, rate_hz = sf.read(wav, dtype="float32")
    return aligned_utterance(wave, rate_hz, text, f"rhvoice {voice}")  # its voices speak at 24 kHz
