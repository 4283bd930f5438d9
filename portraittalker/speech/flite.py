"""Flite (Debian `flite`): speech with phone timings from its `-psdur` segment listing.

Flite's US voices: kal (diphone) and awb, rms, slt (clustergen: statistical models of real
speakers). `-psdur` prints each segment with its end time. Durations follow
`Style.duration_stretch` (Flite's duration_stretch feature); pitch is left to the voice.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import soundfile as sf

from ..errors import PortraitTalkerError
from .phonesets import CMU_IPA
from .tts import Style, Utterance, events_from_ends


def available() -> bool:
    return shutil.which("flite") is not None


def synthesize(text: str, voice: str, style: Style = Style()) -> Utterance:
    if not available():
        raise PortraitTalkerError("flite not found; install it: apt-get install flite (or: bash scripts/install_system_deps.sh --train)")
    with tempfile.TemporaryDirectory(prefix="flite.") as tmp:
        wav = Path(tmp) / "out.wav"
        proc = subprocess.run(["flite", "-voice", voice, "--setf", f"duration_stretch={style.duration_stretch:.3f}",
                               "-psdur", "-t", text, "-o", str(wav)], capture_output=True, text=True, timeout=60)
        if proc.returncode != 0 or not wav.is_file():
            raise PortraitTalkerError(f"flite failed on {text[:40]!r} with voice '{voice}': {proc.stderr.strip()[-200:]} "
                                      f"(voices: flite -lv)")
        labels = [(s.rsplit(":", 1)[0], float(s.rsplit(":", 1)[1])) for s in proc.stdout.split() if ":" in s]
        wave, rate = sf.read(wav, dtype="float32")
    return Utterance(wave if wave.ndim == 1 else wave.mean(1), rate, events_from_ends(labels, CMU_IPA, "flite"))
