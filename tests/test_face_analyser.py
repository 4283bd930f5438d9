"""The off-the-shelf age/sex analyser: what prompts name, the summary figures, one real run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from portraittalker.metrics.face_analyser import Expectation, FaceReading, expectation, summarise

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("prompt,sex,group", [
    ("a little girl of six with pigtails", "female", "child"),
    ("a boy of seven", "male", "child"),
    ("a teenage girl with long black hair", "female", "teen"),
    ("a 30-year-old woman with long wavy brown hair", "female", "adult"),
    ("close upper body photo, 25 y.o. man in casual clothes, night", "male", "adult"),
    ("an elderly lady with grey hair in a bun", "female", "elderly"),
    ("an old bald man with a white moustache", "male", "elderly"),
    ("a young Korean news anchor with shoulder-length hair", None, "adult"),
    ("a 72 years old gentleman", "male", "elderly"),
    ("a man in his seventies with a grey beard", "male", "elderly"),
    ("an Indian woman in her 40s with her hair in a bun", "female", "adult"),
    ("a middle-aged woman in a suit", "female", "adult"),
    ("a ten-year-old boy", "male", "child"),
    ("a boy aged eleven", "male", "child"),
    ("a Nigerian man aged 45", "male", "adult"),
    ("a seventy-five-year-old woman", "female", "elderly"),
    ("a woman of 28 with blonde hair", "female", "adult"),
    ("a schoolboy", "male", "child"),
    ("portrait, soft light", None, None),
    ("a man and a woman", None, "adult"),
])
def test_expectation_reads_what_a_prompt_names(prompt, sex, group):
    assert expectation(prompt) == Expectation(sex, group)


def test_summary_counts_sex_and_mean_ages():
    prompts = ["a little girl", "a 30-year-old man", "an elderly woman", "an old man", "a news anchor"]
    readings = [FaceReading("0", True, 9.0, "female", 0.9), FaceReading("1", True, 31.0, "female", 0.6),
                FaceReading("2", True, 70.0, "female", 0.8), FaceReading("3", False),
                FaceReading("4", True, 28.0, "male", 0.7)]
    s = summarise(prompts, readings)
    assert (s.sex_named, s.sex_right) == (4, 2)  # no face read counts as wrong
    assert s.sex_accuracy == pytest.approx(0.5)
    assert s.mean_age == {"child": 9.0, "adult": pytest.approx(29.5), "elderly": 70.0}
    assert (s.faces_found, s.images) == (4, 5)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed (apt-get install nodejs npm)")
def test_analyser_reads_a_rendered_face_and_not_a_blank_image(tmp_path):
    from portraittalker.metrics.media import open_video

    _, _, frames = open_video(ROOT / "tests" / "data" / "talking_face" / "video.mp4")
    Image.fromarray(next(frames)).save(tmp_path / "face.png")
    frames.close()
    Image.fromarray(np.full((256, 256, 3), 120, np.uint8)).save(tmp_path / "blank.png")
    (tmp_path / "pairs.csv").write_text("prompt,image\n\"a 25 y.o. man\",face.png\n\"a woman\",blank.png\n")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_face_analyser.py"), "--pairs",
                           str(tmp_path / "pairs.csv"), "--json", str(tmp_path / "out.json")],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "analyser: @vladmandic/face-api" in proc.stdout
    import json

    out = json.loads((tmp_path / "out.json").read_text())
    face, blank = out["readings"]
    assert face["found"] and 0 < face["age_years"] < 100 and face["sex"] in ("male", "female")
    assert not blank["found"]
    assert "faces found: 1/2" in proc.stdout
