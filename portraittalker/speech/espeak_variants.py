"""Generated espeak-ng voice variants: many more speakers than the ~40 variants espeak-ng ships.

A voice variant (espeak-ng-data/voices/!v/NAME) is a small text file that scales each formant's
frequency, height and width, sets the pitch base and range, breathiness, flutter, roughness,
voicing and consonant strength, spectral tone and echo. `random_variant` draws one such file for
a plausible speaker: a child, a woman or a man, whose vocal-tract length scales every formant
together (shorter tract: higher formants), with each formant then moved a little on its own (the
vowel space of one speaker is not the scaled space of another), and a voice source from clear to
breathy or rough: up to about 175 more vocal tracts than the 37 training variants, for a network
that must follow speakers it never heard (measured with 170: no gain, docs/speech_experiments.md).

espeak-ng reads variants only from its data folder, so `variant_data_dir` builds a folder that is
the installed espeak-ng-data (symbolic links, nothing copied) plus the generated variant files, for
`espeak_Initialize(path)`. Names start with "ptv" and cannot be any shipped variant's.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from ..errors import PortraitTalkerError

PREFIX = "ptv"
_MAX_VOICES = 349  # espeak-ng's voice list (N_VOICES_LIST - 1): beyond it a voice is not found
# Speaker kinds: (share, vocal-tract scale of the formants, pitch base in Hz)
_KINDS = {
    "man": (0.45, (0.88, 1.04), (60, 125)),
    "woman": (0.42, (1.04, 1.20), (135, 215)),
    "child": (0.13, (1.18, 1.32), (210, 300)),
}


def variant_name(index: int) -> str:
    return f"{PREFIX}{index:03d}"


def random_variant(rng: np.random.Generator, name: str) -> str:
    """The text of an espeak-ng voice variant file for one random speaker."""
    kinds = list(_KINDS)
    kind = kinds[int(rng.choice(len(kinds), p=[_KINDS[k][0] for k in kinds]))]
    _, (lo, hi), (p_lo, p_hi) = _KINDS[kind]
    scale = rng.uniform(lo, hi)
    base = int(rng.uniform(p_lo, p_hi))
    lines = ["language variant", f"name {name}", f"gender {'male' if kind == 'man' else 'female'}", "",
             f"pitch {base} {int(base * rng.uniform(1.25, 1.9))}"]
    for n in range(9):
        # formants 1-3 carry the vowels: each moves up to +-6% apart from the tract's scale;
        # height (amplitude) and width (bandwidth) in percent of the default voice's
        own = rng.uniform(0.94, 1.06) if 1 <= n <= 3 else rng.uniform(0.97, 1.03)
        freq = int(round(100 * scale * own))
        height = int(rng.uniform(60, 130)) if n <= 3 else int(rng.uniform(40, 110))
        width = int(rng.uniform(70, 170))
        lines.append(f"formant {n} {freq} {height} {width}")
    if rng.random() < 0.5:  # breathy: aspiration noise in the formants, on top of the voicing
        level = rng.uniform(0.5, 4.0)
        lines.append("breath " + " ".join(str(int(round(level * w))) for w in (0, 1, 2, 2, 2, 3, 3, 2)))
        lines.append("breathw 150 150 200 200 400 400 400 400")
    lines.append(f"flutter {int(rng.integers(0, 16))}")
    lines.append(f"roughness {int(rng.integers(0, 5))}")
    lines.append(f"voicing {int(rng.uniform(60, 160))}")
    lines.append(f"consonants {int(rng.uniform(60, 130))} {int(rng.uniform(50, 130))}")
    if rng.random() < 0.4:  # spectral tilt: a brighter or darker voice (frequency/amplitude pairs)
        lines.append("tone 600 {} 1200 {} 2000 {} 3000 {}".format(*(int(rng.uniform(20, 255)) for _ in range(4))))
    if rng.random() < 0.3:  # a little room echo (delay ms, amplitude %)
        lines.append(f"echo {int(rng.uniform(20, 140))} {int(rng.uniform(5, 25))}")
    return "\n".join(lines) + "\n"


def random_variants(count: int, seed: int) -> dict[str, str]:
    """`count` variant files {name: text}, a pure function of (count, seed)."""
    rng = np.random.default_rng([seed, 0x7E5])
    return {variant_name(i): random_variant(rng, variant_name(i)) for i in range(count)}


def installed_data_dir() -> Path:
    """The installed espeak-ng-data folder, as the espeak-ng program reports it ("Data at: ...";
    asking the library would reset the data path of a synthesiser already running in this process)."""
    try:
        report = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired) as err:
        raise PortraitTalkerError(f"espeak-ng not found ({err}); install it: apt-get install espeak-ng") from None
    match = re.search(r"Data at:\s*(\S.*)$", report, re.M)
    data = Path(match.group(1).strip()) if match else None
    if data is None or not (data / "phontab").is_file():
        raise PortraitTalkerError(f"espeak-ng-data not found (espeak-ng --version: {report.strip()!r}); install it: apt-get install espeak-ng-data")
    return data


def variant_data_dir(root: str | os.PathLike, variants: dict[str, str], shipped: tuple[str, ...]) -> Path:
    """A folder for espeak_Initialize(path): `root`/<hash>/espeak-ng-data is the installed data
    (linked) with only the `shipped` variants (names as in `+name`) plus `variants` in voices/!v.
    espeak-ng lists at most 349 voices (languages, variants and MBROLA voices), so the unused
    variants and the MBROLA voices (voices/mb; the mbrola engine runs on the installed data) stay out.
    Built once per set of variants (atomically: a half-built folder is never used); returns the
    folder that holds espeak-ng-data."""
    shipped = tuple(sorted({v.lstrip("+") for v in shipped if v.strip("+")}))
    digest = hashlib.sha256("".join(f"{k}\n{v}" for k, v in sorted(variants.items())).encode()
                            + "\n".join(shipped).encode()).hexdigest()[:12]
    out = Path(root) / f"espeak_variants_{digest}"
    if (out / "espeak-ng-data" / "phontab").exists():
        return out
    source = installed_data_dir()
    languages = sum(1 for f in (source / "lang").rglob("*") if f.is_file())
    if languages + len(shipped) + len(variants) > _MAX_VOICES:
        raise PortraitTalkerError(f"espeak-ng lists at most {_MAX_VOICES} voices: {languages} languages and {len(shipped)} shipped "
                                  f"variants leave room for {_MAX_VOICES - languages - len(shipped)} generated ones, not {len(variants)}")
    Path(root).mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=root, prefix=".espeak_variants_"))
    try:
        data = tmp / "espeak-ng-data"
        (data / "voices" / "!v").mkdir(parents=True)
        for entry in source.iterdir():
            if entry.name != "voices":
                (data / entry.name).symlink_to(entry)
        for name in shipped:
            (data / "voices" / "!v" / name).symlink_to(source / "voices" / "!v" / name)
        for name, text in variants.items():
            if (data / "voices" / "!v" / name).exists():
                raise PortraitTalkerError(f"generated espeak variant {name} would replace a shipped one")
            (data / "voices" / "!v" / name).write_text(text)
        try:
            tmp.rename(out)
        except OSError:
            if not (out / "espeak-ng-data" / "phontab").exists():
                raise
            shutil.rmtree(tmp, ignore_errors=True)  # another worker finished first: use its folder
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out
