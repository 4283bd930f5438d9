"""Real human speech recordings that installable packages contain, with their transcripts.

For evaluation only: nothing here is ever used to train or tune the speech model.

- pocketsphinx's source package (PyPI sdist, BSD-2-Clause) carries test recordings: five
  LibriVox sentences read by one reader (public domain, with transcripts), "go forward ten
  meters" and five card-game commands (CMU test data). Fetched once with
  `pip download --no-binary :all: pocketsphinx==<installed version>` into a cache folder.
- Debian's alsa-utils ships a speaker's voice prompts ("Front left", …) in
  /usr/share/sounds/alsa/ (GPL-2+); the eight prompts become one clip with short pauses.

Each clip keeps its licence file beside it in the cache.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

from ..errors import PortraitTalkerError
from .audio import SAMPLE_RATE_HZ, decode_audio

ALSA_SOUNDS = Path("/usr/share/sounds/alsa")
ALSA_PROMPTS = ("Front_Left", "Front_Center", "Front_Right", "Side_Left", "Side_Right", "Rear_Left", "Rear_Center", "Rear_Right")
_PAUSE_S = 0.35  # silence between joined prompts


@dataclass(frozen=True)
class RealClip:
    clip_id: str
    speaker: str
    source: str
    transcript: str
    wave: np.ndarray   # 16 kHz mono float32
    licence: Path

    @property
    def duration_s(self) -> float:
        return len(self.wave) / SAMPLE_RATE_HZ


def _pocketsphinx_test_data(cache: Path) -> Path:
    """Extract pocketsphinx's test recordings (and licence) from its sdist into `cache`."""
    version = metadata.version("pocketsphinx")
    root = cache / f"pocketsphinx-{version}"
    if (root / "LICENSE").is_file() and (root / "test/data/librivox").is_dir():
        return root
    cache.mkdir(parents=True, exist_ok=True)
    sdist = cache / f"pocketsphinx-{version}.tar.gz"
    if not sdist.is_file():
        proc = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                               f"pocketsphinx=={version}", "-d", str(cache)],
                              capture_output=True, text=True)
        if proc.returncode != 0 or not sdist.is_file():
            raise PortraitTalkerError(f"could not fetch the pocketsphinx {version} source package from PyPI (its test recordings "
                                      f"are the real speech): {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else 'no file'}")
    wanted = ("LICENSE", "test/data/librivox/", "test/data/cards/", "test/data/goforward.raw")
    with tarfile.open(sdist) as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.split("/", 1)[-1].startswith(wanted)]
        tar.extractall(cache, members=members, filter="data")
    return root


def _read_raw16(path: Path) -> np.ndarray:
    return np.fromfile(path, dtype="<i2").astype(np.float32) / 32768.0


def pocketsphinx_clips(cache: Path) -> list[RealClip]:
    root = _pocketsphinx_test_data(cache)
    data, licence = root / "test/data", root / "LICENSE"
    clips = []
    for wav in sorted((data / "librivox").glob("*.wav")):
        text = wav.with_suffix(".txt").read_text().strip()
        clips.append(RealClip(f"librivox_{wav.stem.rsplit('-', 1)[-1]}", "librivox_reader",
                              "pocketsphinx sdist: LibriVox 'Sense and Sensibility' (public domain)", text, decode_audio(wav), licence))
    clips.append(RealClip("goforward", "cmu_goforward", "pocketsphinx sdist: test/data/goforward.raw", "go forward ten meters",
                          _read_raw16(data / "goforward.raw"), licence))
    transcripts = {}
    for line in (data / "cards/cards.transcription").read_text().splitlines():
        words, _, utt = line.rpartition("(")
        transcripts[utt.strip(") ")] = words.replace("<s>", "").replace("</s>", "").strip()
    for wav in sorted((data / "cards").glob("*.wav")):
        clips.append(RealClip(f"cards_{wav.stem}", "cmu_cards", "pocketsphinx sdist: test/data/cards", transcripts[wav.stem],
                              decode_audio(wav), licence))
    return clips


def alsa_clip() -> RealClip | None:
    """alsa-utils' voice prompts joined into one clip (None when alsa-utils is not installed)."""
    files = [ALSA_SOUNDS / f"{p}.wav" for p in ALSA_PROMPTS]
    if not all(f.is_file() for f in files):
        return None
    pause = np.zeros(int(_PAUSE_S * SAMPLE_RATE_HZ), np.float32)
    parts = []
    for f in files:
        parts += [decode_audio(f), pause]
    transcript = " ".join(p.replace("_", " ").lower() for p in ALSA_PROMPTS)
    return RealClip("alsa_prompts", "alsa_voice", "Debian alsa-utils: /usr/share/sounds/alsa", transcript,
                    np.concatenate(parts), Path("/usr/share/doc/alsa-utils/copyright"))


def real_speech_clips(cache: str | Path) -> list[RealClip]:
    """Every real recording available: pocketsphinx's test data (+ alsa-utils' prompts if installed)."""
    clips = pocketsphinx_clips(Path(cache))
    alsa = alsa_clip()
    return clips + ([alsa] if alsa is not None else [])
