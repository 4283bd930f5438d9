"""Festival (Debian `festival` + festvox voices): speech with phone timings from the Segment relation.

One festival process speaks a whole batch: a generated Scheme script synthesises each sentence,
saves its waveform and prints every Segment item with its end time. Diphone voices (kal, ked)
are concatenations of a real speaker's recorded diphones; the HTS voice (cmu_us_slt_arctic_hts)
is a statistical model of a real speaker. The diphone voices' durations follow
`Style.duration_stretch` (Festival's Duration_Stretch; the HTS voice keeps its own); pitch is
left to the voice.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence

import soundfile as sf

from ..errors import PortraitTalkerError
from .phonesets import CMU_IPA
from .tts import Style, Utterance, events_from_ends

_SEGS = "SEGS"
_TIMEOUT_S_PER_ITEM = 20


def available() -> bool:
    return shutil.which("festival") is not None


def _scheme_string(text: str) -> str:
    return '"' + text.replace("\\", " ").replace('"', " ") + '"'


def synthesize_batch(items: Sequence[tuple[str, str, Style]]) -> list[Utterance]:
    """[(text, voice, style)] (voice e.g. 'kal_diphone', 'cmu_us_slt_arctic_hts') -> Utterances."""
    if not available():
        raise PortraitTalkerError("festival not found; install it: apt-get install festival festvox-kallpc16k "
                                  "festvox-kdlpc16k festvox-us-slt-hts (or: bash scripts/install_system_deps.sh --train)")
    if not items:
        return []
    with tempfile.TemporaryDirectory(prefix="festival.") as tmp:
        lines, current = [], None
        for i, (text, voice, style) in enumerate(items):
            if voice != current:  # loading a voice costs; keep items grouped by voice
                lines.append(f"(voice_{voice})")
                current = voice
            lines += [
                f"(Parameter.set 'Duration_Stretch {style.duration_stretch:.3f})",
                f"(set! u (Utterance Text {_scheme_string(text)}))",
                "(utt.synth u)",
                f'(utt.save.wave u "{tmp}/{i}.wav" \'riff)',
                f'(format t "{_SEGS} {i}")',
                '(mapcar (lambda (s) (format t " %s:%f" (item.name s) (item.feat s "end"))) (utt.relation.items u \'Segment))',
                '(format t "\\n")',
            ]
        script = Path(tmp) / "batch.scm"
        script.write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            proc = subprocess.run(["festival", "-b", str(script)], capture_output=True, text=True,
                                  timeout=_TIMEOUT_S_PER_ITEM * len(items))
        except subprocess.TimeoutExpired:
            raise PortraitTalkerError(f"festival timed out on a batch of {len(items)} sentences") from None
        labels: dict[int, list[tuple[str, float]]] = {}
        for line in proc.stdout.splitlines():
            if line.startswith(_SEGS):
                _, idx, *segs = line.split()
                labels[int(idx)] = [(s.rsplit(":", 1)[0], float(s.rsplit(":", 1)[1])) for s in segs]
        out = []
        for i, (text, voice, _) in enumerate(items):
            wav = Path(tmp) / f"{i}.wav"
            if i not in labels or not wav.is_file():
                err = re.sub(r"\s+", " ", proc.stderr)[-300:]
                raise PortraitTalkerError(f"festival failed on {text[:40]!r} with voice '{voice}' ({err or 'no output'}); "
                                          f"is the festvox voice package installed?")
            wave, rate = sf.read(wav, dtype="float32")
            out.append(Utterance(wave if wave.ndim == 1 else wave.mean(1), rate, events_from_ends(labels[i], CMU_IPA, "festival")))
        return out
