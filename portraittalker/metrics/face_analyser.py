"""An off-the-shelf face age/sex analyser, and what a prompt says to expect from it.

The analyser is `@vladmandic/face-api` (SSD MobileNet v1 face detector + AgeGenderNet; MIT,
weights inside the npm package) run in Node.js on the TensorFlow.js WebAssembly CPU backend
by `tools/face_analyser/analyse.cjs`. We neither train nor tune it: it reads our renders the
way it reads photos. `make face-analyser` (or the first use) installs it from the npm
registry with the committed lockfile; nothing is downloaded when it runs.

What a prompt names (sex, child / teen / adult / elderly) is read by a small keyword table
here, independent of the avatar builder's own prompt parser, so a parser mistake cannot make
the check agree with itself.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from ..config import PROJECT_ROOT
from ..errors import PortraitTalkerError

TOOL_DIR = PROJECT_ROOT / "tools" / "face_analyser"
SCRIPT = TOOL_DIR / "analyse.cjs"
NODE_MODULES = TOOL_DIR / "node_modules"

# Age groups by years (a prompt's "N-year-old" decides its group).
CHILD_MAX_YEARS = 12
TEEN_MAX_YEARS = 19
ELDERLY_MIN_YEARS = 60

_FEMALE = r"woman|women|girl|schoolgirl|lady|ladies|female|mother|grandmother|grandma|granny|daughter|sister|wife|actress|queen|princess|mom|mum|aunt|she|her"
_MALE = r"man|men|boy|schoolboy|gentleman|gentlemen|male|father|grandfather|grandpa|son|brother|husband|actor|king|prince|dad|uncle|guy|he|his"
_CHILD = r"child|children|kid|kids|little|toddler|baby|infant|schoolgirl|schoolboy|girl|boy"
_TEEN = r"teen|teenage|teenager|adolescent|high[- ]school"
_ELDERLY = r"elderly|old|aged|senior|grandmother|grandfather|grandma|grandpa|granny|retired|pensioner|octogenarian|nonagenarian"
_ADULT = r"adult|woman|women|man|men|lady|gentleman|mother|father|businessman|businesswoman|anchor|professional"
_MIDDLE_AGED = r"middle[- ]aged"  # before _ELDERLY, whose "aged" it contains
_DECADES = {"twenties": 25, "thirties": 35, "forties": 45, "fifties": 55, "sixties": 65,
            "seventies": 75, "eighties": 85, "nineties": 95}


@dataclass(frozen=True)
class Expectation:
    """What a prompt names: sex 'female' | 'male' | None, age group 'child' | 'teen' | 'adult' | 'elderly' | None."""

    sex: str | None
    age_group: str | None


def _has(pattern: str, text: str) -> bool:
    return re.search(rf"\b(?:{pattern})\b", text) is not None


_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_NUMBER_WORDS.update({w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)})
_NUMBER = r"\d{1,3}|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)|" \
    + "|".join(sorted((w for w in _NUMBER_WORDS if _NUMBER_WORDS[w] < 20), key=len, reverse=True))


def _number(token: str) -> int:
    """'45' / 'seven' / 'seventy-five' -> its value."""
    if token.isdigit():
        return int(token)
    return sum(_NUMBER_WORDS[w] for w in re.split(r"[- ]", token))


def _named_years(text: str) -> int | None:
    """An age a prompt states: "30-year-old", "ten-year-old", "25 y.o.", "aged five", "a boy of
    seven", "in her forties", "in his 70s"."""
    years = re.search(rf"\b({_NUMBER})\s*(?:-|\s)?\s*(?:y\.?\s*o\.?(?!\w)|years?(?:[- ]old)?\b|yrs?\b)", text)
    if years:
        return _number(years.group(1))
    aged = re.search(rf"\b(?:aged|age|of)\s+({_NUMBER})\b", text)
    if aged:
        return _number(aged.group(1))
    decade = re.search(r"\bin (?:his|her|their) (?:early |mid[- ]|late )?(\w+?)\b", text)
    if decade and decade.group(1) in _DECADES:
        return _DECADES[decade.group(1)]
    tens = re.search(r"\bin (?:his|her|their) (?:early |mid[- ]|late )?([1-9]0)'?s\b", text)
    return int(tens.group(1)) + 5 if tens else None


def expectation(prompt: str) -> Expectation:
    """Sex and age group a prompt names (None where it names none, or both sexes)."""
    text = prompt.lower()
    female, male = _has(_FEMALE, text), _has(_MALE, text)
    sex = "female" if female and not male else "male" if male and not female else None
    n = _named_years(text)
    if n is not None:
        group = ("child" if n <= CHILD_MAX_YEARS else "teen" if n <= TEEN_MAX_YEARS
                 else "elderly" if n >= ELDERLY_MIN_YEARS else "adult")
    elif _has(_MIDDLE_AGED, text):
        group = "adult"
    elif _has(_ELDERLY, text):
        group = "elderly"
    elif _has(_TEEN, text):
        group = "teen"
    elif _has(r"young (?:woman|man|lady|adult)", text) or _has(_ADULT, text) and not _has(_CHILD, text):
        group = "adult"
    elif _has(_CHILD, text):
        group = "child"
    else:
        group = None
    return Expectation(sex, group)


@dataclass(frozen=True)
class FaceReading:
    """The analyser's reading of one image: its most confident face, or none."""

    id: str
    found: bool
    age_years: float | None = None
    sex: str | None = None
    sex_probability: float | None = None
    score: float | None = None


def ensure_installed() -> Path:
    """The analyser's folder, with its npm packages installed from the lockfile if missing."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        raise PortraitTalkerError("node not found: the face analyser runs in Node.js (apt-get install nodejs npm)")
    if not (NODE_MODULES / "@vladmandic" / "face-api" / "model").is_dir():
        if npm is None:
            raise PortraitTalkerError("npm not found: needed once to install the face analyser (apt-get install npm)")
        proc = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=TOOL_DIR,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            tail = proc.stderr.strip().splitlines()[-1:] if proc.stderr else []
            raise PortraitTalkerError(f"{TOOL_DIR}: npm ci failed ({' '.join(tail)}); run `make face-analyser`")
    return TOOL_DIR


def analyse_images(images: list[tuple[str, Path]]) -> tuple[str, list[FaceReading]]:
    """(tool name, one reading per (id, image path)) from one Node.js run."""
    ensure_installed()
    with tempfile.TemporaryDirectory(prefix="face_analyser_") as tmp:
        job = []
        for i, (key, path) in enumerate(images):
            path = Path(path)
            if not path.is_file():
                raise PortraitTalkerError(f"{path}: image not found")
            with Image.open(path) as im:
                rgb = np.asarray(im.convert("RGB"))
            raw = Path(tmp) / f"{i:05d}.rgb"
            raw.write_bytes(np.ascontiguousarray(rgb).tobytes())
            job.append({"id": key, "rgb": str(raw), "width": int(rgb.shape[1]), "height": int(rgb.shape[0])})
        proc = subprocess.run(["node", str(SCRIPT)], input=json.dumps({"images": job}), cwd=TOOL_DIR,
                              capture_output=True, text=True)
    if proc.returncode != 0:
        raise PortraitTalkerError(f"{SCRIPT}: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else 'failed'}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    readings = []
    for item in out["results"]:
        faces = sorted(item["faces"], key=lambda f: -f["score"])
        if faces:
            f = faces[0]
            readings.append(FaceReading(item["id"], True, float(f["age"]), str(f["sex"]), float(f["sex_probability"]),
                                        float(f["score"])))
        else:
            readings.append(FaceReading(item["id"], False))
    return str(out["tool"]), readings


@dataclass(frozen=True)
class AnalyserSummary:
    sex_named: int  # prompts that name one sex
    sex_right: int  # ... whose face the analyser reads as that sex
    mean_age: dict[str, float]  # per age group the prompts name, over faces found
    faces_found: int
    images: int

    @property
    def sex_accuracy(self) -> float | None:
        return self.sex_right / self.sex_named if self.sex_named else None


def summarise(prompts: list[str], readings: list[FaceReading]) -> AnalyserSummary:
    named = right = 0
    ages: dict[str, list[float]] = {}
    for prompt, reading in zip(prompts, readings):
        want = expectation(prompt)
        if want.sex is not None:
            named += 1
            right += int(reading.found and reading.sex == want.sex)  # no face read counts as wrong
        if want.age_group is not None and reading.found:
            ages.setdefault(want.age_group, []).append(float(reading.age_years))
    return AnalyserSummary(named, right, {g: float(np.mean(a)) for g, a in ages.items()},
                           sum(r.found for r in readings), len(readings))
