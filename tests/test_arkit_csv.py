"""ARKit-52 names and order in flame.npz and arkit.csv; the CSV's timecodes, rotations and gaze."""

import csv
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from portraittalker.arkit import ARKIT_NAMES, LIVE_LINK_NAMES, LIVE_LINK_POSE_COLUMNS, arkit_index, zeros
from portraittalker.errors import PortraitTalkerError
from portraittalker.export.arkit_csv import read_arkit_csv, timecode, write_arkit_csv
from portraittalker.io import FlameSequence, load_flame
from portraittalker.speech.audio import SAMPLE_RATE_HZ
from portraittalker.arkit import JAW_OPEN_MAX_RAD
from portraittalker.speech.upper_face import eye_look_weights
from speech_fixtures import speech_16k

ROOT = Path(__file__).resolve().parent.parent


def _sequence(t: int = 10, fps: float = 25.0) -> FlameSequence:
    z3 = np.zeros((t, 3), np.float32)
    return FlameSequence(expression=zeros(t), jaw_pose=z3, neck_pose=z3.copy(), global_pose=z3.copy(),
                         eye_pose=np.zeros((t, 6), np.float32), fps=fps)


def test_predict_flame_step_writes_arkit_names_in_order_in_npz_and_csv(tmp_path: Path):
    wav = tmp_path / "in.wav"
    sf.write(wav, speech_16k("Maybe we can buy a big map of Paris.", pad_s=0.31), SAMPLE_RATE_HZ)
    npz, out_csv = tmp_path / "flame.npz", tmp_path / "arkit.csv"
    proc = subprocess.run([sys.executable, str(ROOT / "steps/predict_flame.py"), "--audio", str(wav), "--out", str(npz),
                           "--arkit-csv", str(out_csv), "--fps", "25"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    raw = np.load(npz)
    assert tuple(str(n) for n in raw["expression_names"]) == ARKIT_NAMES and str(raw["expression_basis"]) == "arkit52"
    assert ARKIT_NAMES[:3] == ("eyeBlinkLeft", "eyeLookDownLeft", "eyeLookInLeft") and ARKIT_NAMES[17] == "jawOpen"
    seq = load_flame(npz)

    with open(out_csv, newline="") as f:
        header = next(csv.reader(f))
    assert header == ["Timecode", "BlendShapeCount", *LIVE_LINK_NAMES, *LIVE_LINK_POSE_COLUMNS]
    assert header[2] == "EyeBlinkLeft" and header[19] == "JawOpen" and header[53] == "TongueOut" and header[54] == "HeadYaw"
    codes, weights, pose = read_arkit_csv(out_csv)
    assert len(codes) == seq.num_frames and codes[0] == "00:00:00:00.000" and codes[25] == "00:00:01:00.000"
    np.testing.assert_allclose(weights, seq.expression, atol=1e-5)
    # jawOpen and jaw_pose[:, 0] are one motion; speech opened the jaw.
    jaw_open = seq.expression[:, arkit_index("jawOpen")]
    np.testing.assert_allclose(seq.jaw_pose[:, 0], jaw_open * JAW_OPEN_MAX_RAD, atol=1e-6)
    assert jaw_open.max() > 0.3
    # Blinks and gaze come from the motion generator, consistently with eye_pose.
    assert seq.expression[:, arkit_index("eyeBlinkLeft")].max() > 0.9
    np.testing.assert_array_equal(seq.expression[:, arkit_index("eyeBlinkLeft")], seq.expression[:, arkit_index("eyeBlinkRight")])
    for name, w in eye_look_weights(seq.eye_pose).items():
        np.testing.assert_allclose(seq.expression[:, arkit_index(name)], w, atol=1e-6)
    np.testing.assert_allclose(pose[:, 3:5] * np.pi, seq.eye_pose[:, [1, 0]], atol=2e-5)  # small angles: yaw, pitch


def test_rotations_are_yaw_pitch_roll_over_pi_and_head_composes_torso_and_neck(tmp_path: Path):
    seq = _sequence(3)
    seq.global_pose[:, 1] = 0.2           # torso turned 0.2 rad toward the subject's left
    seq.neck_pose[1, 1] = 0.1             # frame 1: the neck turns further
    seq.neck_pose[2, 0] = 0.15            # frame 2: a nod (pitch) on top of the torso yaw
    seq.eye_pose[0, 3:] = [0.0, -0.3, 0.0]  # right eye looks toward the subject's right
    path = tmp_path / "a.csv"
    write_arkit_csv(seq, path)
    _, _, pose = read_arkit_csv(path)
    np.testing.assert_allclose(pose[:2, 0] * np.pi, [0.2, 0.3], atol=1e-5)
    np.testing.assert_allclose(pose[2, :3] * np.pi, [0.2, 0.15, 0.0], atol=1e-5)
    np.testing.assert_allclose(pose[0, 6] * np.pi, -0.3, atol=1e-5)
    assert np.abs(pose).max() <= 1.0


def test_eye_look_weights_follow_eye_rotation_directions():
    eye = np.zeros((4, 6), np.float32)
    eye[0, [0, 3]] = 0.25        # both eyes look down
    eye[1, [1, 4]] = 0.3         # both look toward the subject's left
    eye[2, [1, 4]] = -0.6        # both look right, fully
    w = eye_look_weights(eye)
    assert w["eyeLookDownLeft"][0] == pytest.approx(0.5) and w["eyeLookUpLeft"][0] == 0
    assert w["eyeLookOutLeft"][1] > 0.4 and w["eyeLookInRight"][1] > 0.4 and w["eyeLookInLeft"][1] == 0
    assert w["eyeLookInLeft"][2] == pytest.approx(1.0) and w["eyeLookOutRight"][2] == pytest.approx(1.0)
    assert all(v[3] == 0 for v in w.values())


@pytest.mark.parametrize("fps, frame, expected", [(25, 0, "00:00:00:00.000"), (25, 26, "00:00:01:01.000"),
                                                  (30, 30 * 3661, "01:01:01:00.000"), (23.976, 25, "00:00:01:01.024")])
def test_timecode_counts_frames_within_each_second(fps, frame, expected):
    assert timecode(frame, fps) == expected


def test_reading_a_foreign_csv_is_refused_with_the_file_named(tmp_path: Path):
    bad = tmp_path / "other.csv"
    bad.write_text("frame,jawOpen\n0,0.5\n")
    with pytest.raises(PortraitTalkerError, match="other.csv: not a Live Link Face ARKit CSV"):
        read_arkit_csv(bad)
