"""The render step scripts end to end on a small posable head built here (no bundled assets)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from portraittalker.appearance.avatar import Avatar, save_avatar
from portraittalker.appearance.trigrid import TriGridConfig, TriGridField
from portraittalker.head import BUNDLED_HEAD_ID, EXPRESSION_COMPONENTS, FlameLayer, HeadModel
from portraittalker.head.head_npz import save_head_npz
from portraittalker.head.model import REGION_NAMES
from portraittalker.io import FlameSequence, save_flame
from portraittalker.render import HeadRenderer
from portraittalker.render.proxy import proxy_head
from portraittalker.render.sequence import render_sequence
from portraittalker.scene import Background, Scene

ROOT = Path(__file__).resolve().parent.parent


def posable_proxy() -> HeadModel:
    """The proxy ellipsoid as a FLAME-layout head: the lower front of the face hangs on the
    jaw joint, so a jaw pose moves the chin and lips."""
    proxy = proxy_head(24, 48)
    v = proxy.v_template.astype(np.float64)
    n, e = len(v), len(EXPRESSION_COMPONENTS)
    centre = v.mean(0)
    jaw_pivot = centre + [0.0, 0.0, -0.02]
    lower_front = (v[:, 1] < centre[1] - 0.02) & (v[:, 2] > -0.02)
    weights = np.zeros((n, 5))
    weights[:, 1] = 1.0
    weights[lower_front] = [0, 0, 1, 0, 0]
    regressor = np.zeros((5, n))
    regressor[0] = regressor[1] = 1.0 / n
    anchors = [int(np.argmin(np.linalg.norm(v - p, axis=1))) for p in (jaw_pivot, v[proxy.landmarks["eye_outer_left"]], v[proxy.landmarks["eye_outer_right"]])]
    for j, idx in zip((2, 3, 4), anchors):
        regressor[j, idx] = 1.0
    exprdirs = np.zeros((n, 3, e))
    exprdirs[proxy.regions == 1, 0, EXPRESSION_COMPONENTS.index("lip_spread")] = 0.005 * np.sign(v[proxy.regions == 1, 0])
    regions = np.where(proxy.regions == 1, REGION_NAMES.index("lips"), REGION_NAMES.index("skin"))
    return HeadModel(
        v_template=v.astype(np.float32), faces=proxy.faces, shapedirs=np.zeros((n, 3, 2), np.float32),
        exprdirs=exprdirs.astype(np.float32), posedirs=np.zeros((36, n * 3), np.float32),
        J_regressor=regressor.astype(np.float32), parents=np.array([-1, 0, 1, 1, 1]), lbs_weights=weights.astype(np.float32),
        model_id=BUNDLED_HEAD_ID, expression_names=EXPRESSION_COMPONENTS, regions=regions, landmarks=dict(proxy.landmarks),
    ).validate("posable proxy")


def talking_sequence(frames: int = 5) -> FlameSequence:
    t = np.linspace(0, 1, frames, dtype=np.float32)
    jaw = np.zeros((frames, 3), np.float32)
    jaw[:, 0] = 0.25 * np.sin(np.pi * t)  # opens then closes
    zeros = lambda w: np.zeros((frames, w), np.float32)  # noqa: E731
    return FlameSequence(zeros(52), jaw, zeros(3), zeros(3), zeros(6), 25.0)


@pytest.fixture(scope="module")
def assets(tmp_path_factory):
    root = tmp_path_factory.mktemp("render_assets")
    head_path = root / "head.npz"
    save_head_npz(posable_proxy(), head_path)
    field = TriGridField(TriGridConfig(resolutions=(8, 16), channels=4, hidden=8), torch.Generator().manual_seed(1))
    avatar_path = root / "avatar.pt"
    save_avatar(Avatar(field, Scene(), head_model=str(head_path)), avatar_path)
    flame_path = root / "flame.npz"
    save_flame(talking_sequence(), flame_path)
    return {"head": head_path, "avatar": avatar_path, "flame": flame_path}


def run_step(script: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "steps" / script), *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_render_sequence_moves_the_jaw_and_tracks_landmarks(tmp_path):
    head = posable_proxy()
    renderer = HeadRenderer(head, size=64, backend="egl", framing="head")
    appearance = lambda p: (torch.full((p.shape[0], 3), 0.5), torch.zeros(p.shape[0], 1))  # noqa: E731
    result = render_sequence(renderer, FlameLayer(head), talking_sequence(), appearance, Scene(), tmp_path / "frames", batch_size=2, progress=False)
    files = sorted(p.name for p in (tmp_path / "frames").iterdir())
    assert files == [f"{i:06d}.png" for i in range(5)]
    chin = result.landmarks[:, result.landmark_names.index("chin")]
    assert chin[2, 1] > chin[0, 1] + 1.0  # jaw open at mid-sequence: chin lower in the picture
    np.testing.assert_allclose(chin[0], chin[4], atol=1e-4)
    first, middle = (np.asarray(Image.open(tmp_path / "frames" / f)) for f in ("000000.png", "000002.png"))
    assert first.shape == (64, 64, 3) and np.abs(first.astype(int) - middle).sum() > 0


@pytest.mark.slow
def test_render_frames_step_writes_frames_and_landmarks(assets, tmp_path):
    out = tmp_path / "clip" / "frames"
    proc = run_step("render_frames.py", "--avatar", assets["avatar"], "--flame", assets["flame"], "--out", out, "--size", 48, "--backend", "egl", "--batch", 2)
    assert proc.returncode == 0, proc.stderr
    assert len(list(out.glob("*.png"))) == 5
    data = np.load(tmp_path / "clip" / "frames.landmarks.npz")
    assert data["points"].shape == (5, len(data["names"]), 2) and int(data["size"]) == 48
    assert str(data["backend"]) == "egl"
    assert np.all((data["points"] >= 0) & (data["points"] <= 48))


def test_default_landmarks_are_named_after_the_render_so_renders_sharing_a_folder_keep_their_own(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "steps"))
    from render_frames import default_landmarks_path

    a, b = (default_landmarks_path(f"out/{name}.mp4", None) for name in ("en", "ko"))
    assert (a, b) == (Path("out/en.landmarks.npz"), Path("out/ko.landmarks.npz"))
    assert default_landmarks_path(None, "out/en_frames") == Path("out/en_frames.landmarks.npz")
    assert default_landmarks_path("out/en.v2.mp4", "out/frames") == Path("out/en.v2.landmarks.npz")  # the video names the clip


@pytest.mark.slow
def test_render_frames_film_grain_switch_is_recorded(assets, tmp_path):
    """--film-grain off drops the grain a prompt asked for; landmarks.npz records what was added
    (the evaluation's flicker needs grain-free frames)."""
    from portraittalker.appearance.avatar import load_avatar

    grainy = tmp_path / "grainy.pt"
    avatar = load_avatar(assets["avatar"])
    save_avatar(Avatar(avatar.field, Scene(background=Background(film_grain=1.0)), head_model=avatar.head_model), grainy)
    frames = {}
    for switch in ("on", "off"):
        out = tmp_path / switch / "frames"
        proc = run_step("render_frames.py", "--avatar", grainy, "--flame", assets["flame"], "--out", out, "--size", 48,
                        "--backend", "egl", "--batch", 5, "--film-grain", switch)
        assert proc.returncode == 0, proc.stderr
        assert float(np.load(tmp_path / switch / "frames.landmarks.npz")["film_grain"]) == (1.0 if switch == "on" else 0.0)
        frames[switch] = np.asarray(Image.open(out / "000000.png")).astype(int)
    assert np.abs(frames["on"] - frames["off"]).mean() > 1.0  # grain: std 0.05 of full scale


@pytest.mark.slow
def test_render_preview_step_writes_png_and_h264_turntable(assets, tmp_path):
    png, mp4 = tmp_path / "preview.png", tmp_path / "turntable.mp4"
    proc = run_step("render_preview.py", "--avatar", assets["avatar"], "--out-image", png, "--out-turntable", mp4, "--size", 64, "--frames", 6, "--backend", "egl")
    assert proc.returncode == 0, proc.stderr
    assert Image.open(png).size == (64, 64)
    import imageio_ffmpeg

    probe = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-i", str(mp4)], capture_output=True, text=True)
    assert "h264" in probe.stderr and "yuv420p" in probe.stderr and "Audio" not in probe.stderr


def test_render_frames_refuses_a_sequence_for_another_basis(assets, tmp_path):
    seq = talking_sequence()
    other = FlameSequence(seq.expression, seq.jaw_pose, seq.neck_pose, seq.global_pose, seq.eye_pose, seq.fps)
    save_flame(other, tmp_path / "other.npz")
    with np.load(tmp_path / "other.npz") as data:  # a sequence written by another tool, in FLAME's basis
        arrays = {k: data[k] for k in data.files}
    np.savez(tmp_path / "other.npz", **{**arrays, "expression_basis": np.array("flame2020")})
    proc = run_step("render_frames.py", "--avatar", assets["avatar"], "--flame", tmp_path / "other.npz", "--out", tmp_path / "frames", "--backend", "egl")
    assert proc.returncode == 1
    assert proc.stderr.startswith("error:") and "flame2020" in proc.stderr
    assert not (tmp_path / "frames").exists()


def test_steps_have_help_and_offer_the_package_choices():
    from portraittalker.render import BACKENDS
    from portraittalker.render.camera import FRAMINGS

    for script in ("render_frames.py", "render_preview.py"):
        proc = run_step(script, "--help")
        assert proc.returncode == 0 and "--avatar" in proc.stdout
        assert all(name in proc.stdout for name in (*BACKENDS, *FRAMINGS))


def test_baked_appearance_file_renders_the_same_frames(assets, tmp_path):
    """steps/bake_appearance.py once per avatar, render_frames --baked per clip: the same frames
    as baking in the render (the file's visible faces drawn alone: the clip stays inside the
    speech stage's pose envelope); a file baked on another head is refused with a one-line error."""
    baked = tmp_path / "baked_appearance.npz"
    proc = run_step("bake_appearance.py", "--avatar", assets["avatar"], "--out", baked, "--size", 48)
    assert proc.returncode == 0, proc.stderr
    with np.load(baked) as data:
        num_faces, visible = data["values"].shape[0], data["visible_faces"]
        assert 0 < len(visible) < num_faces and tuple(data["visible_image_size"]) == (48, 48)
    frames = {}
    for name, extra in (("inline", ()), ("file", ("--baked", baked))):
        out = tmp_path / name / "frames"
        proc = run_step("render_frames.py", "--avatar", assets["avatar"], "--flame", assets["flame"], "--out", out,
                        "--size", 48, "--backend", "egl", "--batch", 5, *extra)
        assert proc.returncode == 0, proc.stderr
        frames[name] = np.stack([np.asarray(Image.open(p)) for p in sorted(out.glob("*.png"))])
    np.testing.assert_array_equal(frames["inline"], frames["file"])

    other = tmp_path / "other_head.npz"
    head = posable_proxy()
    save_head_npz(dataclasses.replace(head, v_template=head.v_template * 1.01), other)  # same faces, other shape
    proc = run_step("render_frames.py", "--avatar", assets["avatar"], "--flame", assets["flame"], "--out", tmp_path / "x",
                    "--size", 48, "--backend", "egl", "--head", other, "--baked", baked)
    last = proc.stderr.strip().splitlines()[-1]
    assert proc.returncode == 1 and last.startswith("error: ") and "baked for another head mesh" in last


def test_render_job_with_a_baked_file_builds_no_appearance_fields(assets, tmp_path):
    """A clip's render with --baked reads head and scene only: no tri-grid fields, no SciPy."""
    baked = tmp_path / "baked_appearance.npz"
    assert run_step("bake_appearance.py", "--avatar", assets["avatar"], "--out", baked).returncode == 0
    args = ["--avatar", assets["avatar"], "--flame", assets["flame"], "--video", tmp_path / "clip.mp4",
            "--baked", baked, "--size", 48, "--backend", "egl"]
    code = ("import sys; sys.path.insert(0, 'steps'); import render_frames; render_frames.main(sys.argv[1:]); "
            "print(sorted(m for m in sys.modules if m.startswith(('scipy', 'portraittalker.appearance'))))")
    proc = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "clip.mp4").stat().st_size > 0


def test_avatar_geometry_reads_what_load_avatar_reads(tmp_path):
    from portraittalker.appearance import avatar as full
    from portraittalker.appearance.avatar import load_avatar
    from portraittalker.errors import PortraitTalkerError
    from portraittalker.render import avatar_geometry as light

    assert (light.AVATAR_FORMAT, light.AVATAR_FORMAT_VERSION) == (full.AVATAR_FORMAT, full.AVATAR_FORMAT_VERSION)
    head = posable_proxy()
    field = TriGridField(TriGridConfig(resolutions=(8,), channels=4, hidden=8), torch.Generator().manual_seed(2))
    scene = Scene(background=Background(film_grain=0.25))
    path = tmp_path / "avatar.pt"
    save_avatar(Avatar(field, scene, head_model="anny", head=head), path)
    geometry, avatar = light.load_avatar_geometry(path), load_avatar(path)
    assert geometry.scene == avatar.scene == scene and geometry.head_model == "anny"
    np.testing.assert_array_equal(geometry.head_for().v_template, avatar.head.v_template)
    np.testing.assert_array_equal(geometry.head_for().faces, head.faces)
    torch.save({"format": "something else"}, tmp_path / "foreign.pt")
    for bad, words in ((tmp_path / "foreign.pt", "not a portraittalker avatar"), (tmp_path / "missing.pt", "not found")):
        with pytest.raises(PortraitTalkerError, match=words) as err:
            light.load_avatar_geometry(bad)
        assert str(bad) in str(err.value) and "\n" not in str(err.value)
