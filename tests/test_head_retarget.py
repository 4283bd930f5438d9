"""ARKit-52 retargeting onto a FLAME-layout head: a fixture whose expression basis is made from
known deformations (tests/flame_fixture.py) must get them back through registration, transfer
and least squares; landmarks and regions come from the same registration."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
import torch
from flame_fixture import FRAME_PITCH_RAD, build_flame_fixture

from portraittalker.arkit import ARKIT_NAMES, EXPRESSION_BASIS, arkit_index
from portraittalker.errors import PortraitTalkerError
from portraittalker.head import FlameLayer, load_head_model
from portraittalker.head.retarget import (
    JAW_JOINT,
    JOINT_DRIVEN,
    arkit_source_from_head,
    solve_arkit_retargeting,
)
from portraittalker.io import FlameSequence


@pytest.fixture(scope="module")
def source():
    return arkit_source_from_head(load_head_model("bundled"))


@pytest.fixture(scope="module")
def fixture(source):
    return build_flame_fixture(source)


@pytest.fixture(scope="module")
def flame_pkl(fixture, tmp_path_factory):
    return fixture.write_pickle(tmp_path_factory.mktemp("flame") / "generic_model.pkl")


@pytest.fixture(scope="module")
def solved(flame_pkl, source):
    head = load_head_model(flame_pkl)
    return head, solve_arkit_retargeting(head, source)


def relative_errors(head, matrix, fixture) -> dict[str, float]:
    out = {}
    for name in fixture.active:
        a = arkit_index(name)
        predicted = head.exprdirs @ matrix[a]
        out[name] = float(np.linalg.norm(predicted - fixture.true_deltas[a]) / np.linalg.norm(fixture.true_deltas[a]))
    return out


def test_retargeting_recovers_each_known_action(solved, fixture):
    head, fit = solved
    assert head.num_vertices == fixture.num_vertices and head.num_expression == 100
    assert len(fixture.active) >= 20  # every action the source head moves
    errors = relative_errors(head, fit.matrix, fixture)
    assert max(errors.values()) < 0.2, errors
    assert float(np.median(list(errors.values()))) < 0.08, errors
    for name in JOINT_DRIVEN:  # jawOpen and eyeLook* are the jaw and eye joints' job
        assert not fit.matrix[arkit_index(name)].any(), name
    # The similarity found the fixture's 4-degree pitch (source -> fixture is the inverse).
    pitch = np.arctan2(fit.registration["rotation"][2][1], fit.registration["rotation"][1][1])
    assert abs(pitch + FRAME_PITCH_RAD) < np.deg2rad(1.5), np.rad2deg(pitch)
    assert fit.matched_fraction > 0.95


def test_registration_is_what_makes_it_work(solved, fixture, source):
    """Without the non-rigid fit, or without ICP as well, the same solve is clearly worse: the
    accuracy above comes from registering, not from the basis alone."""
    from portraittalker.head.registration import RegistrationSettings

    head, fit = solved
    good = relative_errors(head, fit.matrix, fixture)
    for settings in (RegistrationSettings(stiffness=(1e6,)),                     # similarity only
                     RegistrationSettings(icp_iterations=1, stiffness=(1e6,))):  # nose tips only
        worse = relative_errors(head, solve_arkit_retargeting(head, source, settings).matrix, fixture)
        assert max(worse.values()) > 2 * max(good.values())
        assert np.median(list(worse.values())) > 1.5 * np.median(list(good.values()))


def test_landmarks_and_regions_come_from_the_registration(solved, fixture):
    head, fit = solved
    v = head.v_template
    distances = {name: float(np.linalg.norm(v[idx] - fixture.true_landmarks[name])) for name, idx in fit.landmarks.items()}
    assert max(distances.values()) < 0.012 and float(np.median(list(distances.values()))) < 0.004, distances
    on_jaw = head.lbs_weights[:, JAW_JOINT] > 0.5
    assert on_jaw[fit.landmarks["lip_inner_bottom"]] and not on_jaw[fit.landmarks["lip_inner_top"]]
    assert (fit.regions == fixture.true_regions).mean() > 0.9


def test_converted_head_plays_arkit_through_the_flame_layer(flame_pkl, fixture, tmp_path, project_root):
    # Unconverted, a FLAME head refuses speech motion and says how to convert it.
    raw = FlameLayer(load_head_model(flame_pkl))
    seq = FlameSequence(
        expression=np.zeros((2, 52), np.float32), jaw_pose=np.zeros((2, 3), np.float32),
        neck_pose=np.zeros((2, 3), np.float32), global_pose=np.zeros((2, 3), np.float32),
        eye_pose=np.zeros((2, 6), np.float32), fps=25.0, expression_basis=EXPRESSION_BASIS, expression_names=ARKIT_NAMES)
    with pytest.raises(PortraitTalkerError, match="convert_head_model.py"):
        raw.forward_sequence(seq)

    out = tmp_path / "flame.npz"
    done = subprocess.run([sys.executable, "steps/convert_head_model.py", "--in", str(flame_pkl), "--out", str(out),
                           "--arkit-source", "bundled"],  # the source the fixture's truth comes from
                          cwd=project_root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.split("ARKit-52 retargeting:", 1)[1])
    assert report["matched_fraction"] > 0.95
    head = load_head_model(out)
    assert head.arkit_matrix is not None and head.regions is not None and len(head.landmarks) >= 12

    smile, jaw = arkit_index("mouthSmileLeft"), arkit_index("jawOpen")
    seq.expression[1, smile] = 1.0
    seq.expression[1, jaw] = 1.0            # ignored: the jaw joint opens the mouth ...
    seq.jaw_pose[1, 0] = 0.2                # ... from jaw_pose
    layer = FlameLayer(head)
    with torch.no_grad():
        verts = layer.forward_sequence(seq).numpy()
    moved = verts[1] - verts[0]
    not_jaw = head.lbs_weights[:, JAW_JOINT] < 1e-3
    truth = fixture.true_deltas[smile]
    err = np.linalg.norm(moved[not_jaw] - truth[not_jaw]) / np.linalg.norm(truth[not_jaw])
    assert err < 0.2
    chin = head.landmarks["chin"]
    assert moved[chin, 1] < -0.005  # the jaw opened the mouth


@pytest.mark.slow
def test_fixture_flame_head_speaks_the_demo_clip_through_the_workflow(flame_pkl, tmp_path, project_root):
    """head.model -> the fixture's .pkl: Snakemake converts it once, makes an avatar on it and
    renders the demo clip to an MP4 whose mouth opens and closes with the speech."""
    import imageio_ffmpeg
    import yaml

    clip = project_root / "data" / "clips" / "en_hello.wav"
    (tmp_path / "m.yaml").write_text(yaml.safe_dump({
        "avatars": [{"id": "flame", "prompt": "young woman with red hair, studio light", "seed": 3}],
        "clips": [{"id": "en", "audio": str(clip)}],
    }))
    (tmp_path / "c.yaml").write_text(yaml.safe_dump({
        "manifest": str(tmp_path / "m.yaml"),
        "head": {"model": str(flame_pkl)},
        "avatar": {"guidance": "prior", "steps": 10, "render_size": 64, "checkpoint_every": 5, "init_steps": 20},
        "render": {"size": 128, "turntable_frames": 2},
        "video": {"preset": "ultrafast"},
    }))
    video = "results/videos/flame/en.mp4"
    run = subprocess.run([sys.executable, "-m", "snakemake", "--snakefile", str(project_root / "Snakefile"),
                          "--directory", str(tmp_path), "--cores", "2", "--configfile", str(tmp_path / "c.yaml"),
                          "--", video, "results/metrics/flame/en.json"],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-4000:]
    converted = tmp_path / "results" / "head" / "converted" / "generic_model.npz"
    assert load_head_model(converted).arkit_matrix is not None
    assert "convert_head_model" in run.stderr

    import soundfile as sf

    seconds = sf.info(str(clip)).duration
    frames, video_seconds = imageio_ffmpeg.count_frames_and_secs(str(tmp_path / video))
    assert abs(frames - round(seconds * 25)) <= 1 and abs(video_seconds - seconds) < 0.1
    marks = np.load(tmp_path / "results" / "renders" / "flame" / "en" / "landmarks.npz")
    names = [str(n) for n in marks["names"]]
    gap = np.linalg.norm(marks["points"][:, names.index("lip_inner_top")]
                         - marks["points"][:, names.index("lip_inner_bottom")], axis=1)
    # pixels at 128 px: the mouth opens and closes (a still mouth: ~0; this clip spans ~4 px, 3.96
    # since the jaw is smoothed at 25 ms, which lowers its peaks ~4%)
    assert gap.max() - gap.min() > 3.5
    metrics = json.loads((tmp_path / "results" / "metrics" / "flame" / "en.json").read_text())
    assert metrics
