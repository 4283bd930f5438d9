"""MBROLA (Debian `mbrola` + `mbrola-XX` voices, contrib/non-free): real speakers' diphones.

Each MBROLA voice is a database of diphones cut from one real speaker's recordings. espeak-ng
is its text front end: `espeak-ng -v mb-XX --pho` writes the phones with their durations (ms)
and pitch targets in MBROLA's .pho format, and `mbrola` renders exactly that file, so the
phone timings are the waveform's own. Durations follow `Style.duration_stretch` (espeak's
speaking rate) and pitch `Style.pitch_semitones` (mbrola's frequency ratio).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import soundfile as sf

from ..errors import PortraitTalkerError
from .phonesets import MBROLA_IPA_BY_LANGUAGE
from .tts import PhonemeEvent, Style, Utterance

DATABASE_DIR = Path("/usr/share/mbrola")
_BASE_RATE_WPM = 165  # espeak's rate for duration_stretch 1
_LEAD_PAUSE = "_ 80\n"


@dataclass(frozen=True)
class MbrolaVoice:
    espeak_voice: str    # the espeak-ng voice that writes this database's .pho
    language: str        # sentences.LANGUAGES code (and the phone table)

    @property
    def package(self) -> str:
        return f"mbrola-{self.database}"

    @property
    def database(self) -> str:
        return self.espeak_voice.removeprefix("mb-")


def database_path(name: str) -> Path:
    return DATABASE_DIR / name / name


def available(name: str | None = None) -> bool:
    tools = shutil.which("mbrola") is not None and shutil.which("espeak-ng") is not None
    return tools and (name is None or database_path(name).is_file())


def parse_pho(text: str, language: str) -> tuple[tuple[PhonemeEvent, ...], float]:
    """MBROLA .pho text -> (phone events in IPA, total duration s). Lines: `phone ms [pitch pairs]`;
    ';' starts a comment. A phone missing from the language's table is an error (KeyError)."""
    mapping = MBROLA_IPA_BY_LANGUAGE[language]
    events, t = [], 0.0
    for line in text.splitlines():
        fields = line.split(";", 1)[0].split()
        if len(fields) < 2:
            continue
        phone, ms = fields[0], float(fields[1])
        if phone not in mapping:
            raise KeyError(f"mbrola: phone '{phone}' ({language}) has no IPA mapping")
        if not events or events[-1].ipa or mapping[phone]:  # consecutive pauses are one
            events.append(PhonemeEvent(mapping[phone], t))
        t += ms / 1000.0
    return tuple(events), t


def synthesize(text: str, voice: MbrolaVoice, style: Style = Style()) -> Utterance:
    if not available(voice.database):
        raise PortraitTalkerError(f"mbrola voice '{voice.database}' not found; install it: apt-get install mbrola "
                                  f"{voice.package} (Debian contrib/non-free; or: bash scripts/install_system_deps.sh --mbrola)")
    rate = int(round(_BASE_RATE_WPM / max(style.duration_stretch, 0.1)))
    with tempfile.TemporaryDirectory(prefix="mbrola.") as tmp:
        pho, wav = Path(tmp) / "in.pho", Path(tmp) / "out.wav"
        front = subprocess.run(["espeak-ng", "-v", voice.espeak_voice, "-q", "--pho", "-s", str(rate), text],
                               capture_output=True, text=True, timeout=60)
        if front.returncode != 0 or not front.stdout.strip():
            raise PortraitTalkerError(f"espeak-ng -v {voice.espeak_voice} --pho failed on {text[:40]!r}: "
                                      f"{front.stderr.strip()[-200:]}")
        phones = _LEAD_PAUSE + front.stdout  # every engine's utterance starts with a pause
        pho.write_text(phones)
        ratio = 2.0 ** (style.pitch_semitones / 12.0)
        # -e: a diphone missing from the database is skipped with a warning, not fatal
        back = subprocess.run(["mbrola", "-e", "-f", f"{ratio:.4f}", str(database_path(voice.database)), str(pho), str(wav)],
                              capture_output=True, text=True, timeout=60)
        if back.returncode != 0 or not wav.is_file():
            raise PortraitTalkerError(f"mbrola {voice.database} failed on {text[:40]!r}: {back.stderr.strip()[-200:]}")
        events, _ = parse_pho(phones, voice.language)
        wave, sr = sf.read(wav, dtype="float32")
    return Utterance(wave if wave.ndim == 1 else wave.mean(1), sr, events)
