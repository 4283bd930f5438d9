"""Festival (Debian `festival` + festvox voices): speech with phone timings from the Segment relation.

One festival process speaks a whole batch: a generated Scheme script synthesises each sentence,
saves its waveform and prints every Segment item with its end time. Diphone voices (kal, ked,
the Italian, Czech and Finnish ones) are concatenations of a real speaker's recorded diphones,
the Russian voice selects units from a real speaker's recordings, and the HTS voices
(cmu_us_slt_arctic_hts, upc_ca_ona_hts) are statistical models of real speakers. Durations follow
`Style.duration_stretch` (Festival's Duration_Stretch, where the voice honours it); pitch is
left to the voice. Each voice's text front end reads its own 8-bit encoding (`VOICES`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import soundfile as sf

from ..errors import PortraitTalkerError
from .phonesets import CATALAN_IPA, CMU_IPA, CZECH_IPA, FINNISH_IPA, ITALIAN_IPA, RUSSIAN_IPA
from .tts import Style, Utterance, events_from_ends

_SEGS = "SEGS"
_TIMEOUT_S_PER_ITEM = 20


@dataclass(frozen=True)
class FestivalVoice:
    """A festvox voice: its Debian package, phone set (-> IPA) and the encoding its text front end reads."""

    package: str
    phones: dict[str, str]
    encoding: str = "utf-8"


VOICES: dict[str, FestivalVoice] = {
    "kal_diphone": FestivalVoice("festvox-kallpc16k", CMU_IPA),
    "ked_diphone": FestivalVoice("festvox-kdlpc16k", CMU_IPA),
    "cmu_us_slt_arctic_hts": FestivalVoice("festvox-us-slt-hts", CMU_IPA),
    "lp_diphone": FestivalVoice("festvox-italp16k", ITALIAN_IPA, "iso-8859-1"),
    "pc_diphone": FestivalVoice("festvox-itapc16k", ITALIAN_IPA, "iso-8859-1"),
    "czech_dita": FestivalVoice("festvox-czech-dita", CZECH_IPA, "iso-8859-2"),
    "czech_machac": FestivalVoice("festvox-czech-machac", CZECH_IPA, "iso-8859-2"),
    "czech_krb": FestivalVoice("festvox-czech-krb", CZECH_IPA, "iso-8859-2"),
    "suo_fi_lj_diphone": FestivalVoice("festvox-suopuhe-lj", FINNISH_IPA, "iso-8859-1"),
    "hy_fi_mv_diphone": FestivalVoice("festvox-suopuhe-mv", FINNISH_IPA, "iso-8859-1"),
    "upc_ca_ona_hts": FestivalVoice("festvox-ca-ona-hts", CATALAN_IPA, "iso-8859-1"),
    "msu_ru_nsh_clunits": FestivalVoice("festvox-ru", RUSSIAN_IPA),
}


def voice(name: str) -> FestivalVoice:
    if name not in VOICES:
        raise PortraitTalkerError(f"festival: unknown voice '{name}' (known: {', '.join(VOICES)})")
    return VOICES[name]


def available() -> bool:
    return shutil.which("festival") is not None


def _scheme_string(text: str) -> str:
    return '"' + text.replace("\\", " ").replace('"', " ") + '"'


def _encoded(text: str, name: str) -> bytes:
    """`text` as a Scheme string in the encoding voice `name`'s text front end reads."""
    encoding = voice(name).encoding
    try:
        return _scheme_string(text).encode(encoding)
    except UnicodeEncodeError:
        raise PortraitTalkerError(f"festival voice '{name}' reads {encoding} text; {text[:40]!r} does not fit it") from None


def synthesize_batch(items: Sequence[tuple[str, str, Style]]) -> list[Utterance]:
    """[(text, voice, style)] (voice e.g. 'kal_diphone', 'cmu_us_slt_arctic_hts') -> Utterances."""
    scripts = [_encoded(text, name) for text, name, _ in items]  # bad text fails before festival runs
    if not available():
        packages = " ".join(sorted({voice(v).package for _, v, _ in items}))
        raise PortraitTalkerError(f"festival not found; install it: apt-get install festival {packages} "
                                  "(or: bash scripts/install_system_deps.sh --train)")
    if not items:
        return []
    with tempfile.TemporaryDirectory(prefix="festival.") as tmp:
        lines, current = [], None
        for i, (text, name, style) in enumerate(items):
            if name != current:  # loading a voice costs; keep items grouped by voice
                lines.append(f"(voice_{name})".encode())
                current = name
            lines += [
                f"(Parameter.set 'Duration_Stretch {style.duration_stretch:.3f})".encode(),
                b"(set! u (Utterance Text " + scripts[i] + b"))",
                b"(utt.synth u)",
                f'(utt.save.wave u "{tmp}/{i}.wav" \'riff)'.encode(),
                f'(format t "{_SEGS} {i}")'.encode(),
                b'(mapcar (lambda (s) (format t " %s:%f" (item.name s) (item.feat s "end"))) (utt.relation.items u \'Segment))',
                b'(format t "\\n")',
            ]
        script = Path(tmp) / "batch.scm"
        script.write_bytes(b"\n".join(lines) + b"\n")
        try:
            proc = subprocess.run(["festival", "-b", str(script)], capture_output=True, text=True, errors="replace",
                                  timeout=_TIMEOUT_S_PER_ITEM * len(items))
        except subprocess.TimeoutExpired:
            raise PortraitTalkerError(f"festival timed out on a batch of {len(items)} sentences") from None
        labels: dict[int, list[tuple[str, float]]] = {}
        for line in proc.stdout.splitlines():
            if line.startswith(_SEGS):
                _, idx, *segs = line.split()
                labels[int(idx)] = [(s.rsplit(":", 1)[0], float(s.rsplit(":", 1)[1])) for s in segs]
        out = []
        for i, (text, name, _) in enumerate(items):
            wav = Path(tmp) / f"{i}.wav"
            if i not in labels or not wav.is_file():
                err = re.sub(r"\s+", " ", proc.stderr)[-300:]
                raise PortraitTalkerError(f"festival failed on {text[:40]!r} with voice '{name}' ({err or 'no output'}); "
                                          f"is {voice(name).package} installed?")
            wave, rate = sf.read(wav, dtype="float32")
            phones = events_from_ends(labels[i], voice(name).phones, f"festival voice '{name}'")
            out.append(Utterance(wave if wave.ndim == 1 else wave.mean(1), rate, phones))
        return out
