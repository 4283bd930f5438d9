"""The playback path (render/playback.py): a clip's render from the baked file's clip rig, without
torch, drawing the torch path's frames. The numpy skinning and normals are pinned to the torch
functions they mirror; the steps end to end on the small posable head of test_render_steps."""

from __future__ import annotations

import dataclasses
import importlib
import multiprocessing
import os
import subprocess
import sys
import types

import numpy as np
import pytest
import torch
from PIL import Image
from test_render_steps import ROOT, posable_proxy, run_step

from portraittalker.appearance.avatar import Avatar, save_avatar
from portraittalker.appearance.trigrid import TriGridConfig, TriGridField
from portraittalker.errors import PortraitTalkerError
from portraittalker.head import FlameLayer
from portraittalker.head.head_npz import save_head_npz
from portraittalker.io import FLAME_KEYS, FlameSequence, save_flame
from portraittalker.render.clip_rig import numpy_layer
from portraittalker.render.visibility import envelope_poses, speech_envelope
from portraittalker.scene import Background, Scene

torch_lbs = importlib.import_module("portraittalker.head.lbs")  # the module: the package exports the function
lbs_numpy = importlib.import_module("portraittalker.head.lbs_numpy")
playback = importlib.import_module("portraittalker.render.playback")
SIZE = 64


def rigged_head(seed: int = 0):
    """The posable proxy with random expression blendshapes, pose correctives and a dense retarget."""
    head = posable_proxy()
    rng = np.random.default_rng(seed)
    n, e = head.num_vertices, head.num_expression
    exprdirs = np.where(rng.random((n, 3, e)) < 0.1, rng.normal(0, 0.004, (n, 3, e)), 0.0).astype(np.float32)
    return dataclasses.replace(head, exprdirs=exprdirs, posedirs=rng.normal(0, 1e-3, head.posedirs.shape).astype(np.float32),
                               arkit_matrix=rng.normal(0, 0.3, (52, e)).astype(np.float32))


def talking(frames: int, seed: int) -> FlameSequence:
    """Poses spanning the speech stage's envelope: expressions, jaw, neck, torso, gaze."""
    poses = envelope_poses(speech_envelope(), frames, seed=seed)
    return FlameSequence(**{k: np.ascontiguousarray(poses[k]) for k in FLAME_KEYS}, fps=25.0)


def test_numpy_skinning_matches_torch_lbs():
    """Within 1e-5 m on random poses; within float32 rounding (1e-7 m) given the same rotations: the
    sines and square roots of torch's kernels are the only arithmetic the numpy twin does not
    reproduce, and the matrix products' summation order is the BLAS's (to the bit on some CPUs,
    a few ulp apart on others)."""
    layer = FlameLayer(rigged_head())
    twin = numpy_layer(layer)
    assert twin.posedirs is not None
    seq = talking(24, seed=4)
    seq = dataclasses.replace(seq, neck_pose=seq.neck_pose * 3.0)  # well past small angles
    with torch.no_grad():
        expected = layer.forward_sequence(seq).numpy()
    np.testing.assert_allclose(twin.forward_sequence(seq), expected, rtol=0, atol=1e-5)
    rotations = lbs_numpy.axis_angle_to_matrix
    try:
        lbs_numpy.axis_angle_to_matrix = lambda aa: torch_lbs.axis_angle_to_matrix(torch.from_numpy(aa)).numpy()
        for batch in (slice(0, 8), slice(8, 14)):
            np.testing.assert_allclose(twin.forward_sequence(seq, batch), expected[batch], rtol=0, atol=1e-7)
    finally:
        lbs_numpy.axis_angle_to_matrix = rotations
    aa = np.random.default_rng(1).normal(0, 0.3, (500, 3)).astype(np.float32)
    np.testing.assert_allclose(rotations(aa), torch_lbs.axis_angle_to_matrix(torch.from_numpy(aa)).numpy(), rtol=0, atol=3e-7)


def test_numpy_normals_match_torch_to_the_bit():
    from portraittalker.render import playback
    from portraittalker.render.mesh import face_normals, vertex_normals

    head = posable_proxy()
    verts = (head.v_template[None] + np.random.default_rng(2).normal(0, 0.01, (3, head.num_vertices, 3))).astype(np.float32)
    faces = np.asarray(head.faces, np.int64)
    face_n = face_normals(torch.from_numpy(verts), torch.from_numpy(faces))
    assert np.array_equal(playback.face_normals(verts, faces), face_n.numpy())
    normals = playback.vertex_normals(verts, playback.corner_rounds(faces), face_n.numpy())
    assert np.array_equal(normals, vertex_normals(torch.from_numpy(verts), torch.from_numpy(faces), face_n).numpy())


def test_light_rig_and_grain_key_match_their_torch_twins():
    from portraittalker.render import shading
    from portraittalker.render.grain import _GOLDEN, _MASK32, grain_hash, grain_key
    from portraittalker.render.lights import light_rig
    from portraittalker.scene import Light, Lighting

    rng = np.random.default_rng(3)
    for _ in range(200):
        lighting = Lighting(*[Light(tuple(rng.normal(size=3) * rng.uniform(0.1, 3)), tuple(rng.random(3)), float(rng.random()))
                              for _ in range(3)])
        for ours, theirs in zip(light_rig(lighting), shading.light_rig(lighting, torch.zeros(1))):
            assert np.array_equal(ours, theirs.numpy())
    for frame in range(0, 5000, 7):
        assert grain_key(frame, 3) == int(grain_hash(torch.tensor([(frame + _GOLDEN * 3) & _MASK32]))[0])


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    """A small avatar on the rigged head, baked (visible faces and clip rig), and a talking clip."""
    root = tmp_path_factory.mktemp("playback")
    head_path = root / "head.npz"
    save_head_npz(rigged_head(), head_path)
    field = TriGridField(TriGridConfig(resolutions=(8, 16), channels=4, hidden=8), torch.Generator().manual_seed(5))
    avatar = root / "avatar.pt"
    save_avatar(Avatar(field, Scene(background=Background(film_grain=0.4)), head_model=str(head_path)), avatar)
    flame = root / "flame.npz"
    save_flame(talking(12, seed=7), flame)
    baked = root / "baked_appearance.npz"
    proc = run_step("bake_appearance.py", "--avatar", avatar, "--out", baked, "--size", SIZE, "--framing", "head")
    assert proc.returncode == 0, proc.stderr
    assert "with the clip rig" in proc.stdout
    return {"root": root, "head": head_path, "avatar": avatar, "flame": flame, "baked": baked}


def render(clip, name: str, *extra, baked=None):
    out = clip["root"] / name
    proc = run_step("render_frames.py", "--avatar", clip["avatar"], "--flame", clip["flame"], "--out", out / "frames",
                    "--landmarks", out / "landmarks.npz", "--size", SIZE, "--framing", "head", "--backend", "egl",
                    "--batch", 5, "--baked", baked or clip["baked"], *extra)
    assert proc.returncode == 0, proc.stderr
    frames = np.stack([np.asarray(Image.open(p)) for p in sorted((out / "frames").glob("*.png"))])
    with np.load(out / "landmarks.npz") as data:
        landmarks = {k: data[k] for k in data.files}
    return frames, landmarks, proc.stderr


def test_playback_path_draws_the_torch_paths_frames(clip):
    """The same head passed as --head takes the torch path; frames equal to the bit but where a
    rotation's last bit differs (a silhouette sample may flip there), landmarks within 1e-3 px."""
    played, marks, log = render(clip, "playback")
    assert "playback path" in log
    drawn, torch_marks, torch_log = render(clip, "torch", "--head", clip["head"])
    assert "torch path: --head given" in torch_log
    assert played.shape == drawn.shape == (12, SIZE, SIZE, 3)
    diff = np.abs(played.astype(int) - drawn).max(-1)
    print(f"frames identical {int((diff.reshape(12, -1).max(1) == 0).sum())}/12, pixels differing {int((diff > 0).sum())}, "
          f"max {int(diff.max())}")
    assert (diff > 0).mean() < 1e-3 and (diff <= 1).mean() > 0.9995
    np.testing.assert_allclose(marks["points"], torch_marks["points"], rtol=0, atol=1e-3)
    for key in ("names", "size", "fps", "backend", "film_grain"):
        assert np.array_equal(marks[key], torch_marks[key]), key
    assert float(marks["film_grain"]) == pytest.approx(0.4)


def test_playback_render_step_imports_no_torch(clip, tmp_path):
    args = ["--avatar", clip["avatar"], "--flame", clip["flame"], "--video", tmp_path / "clip.mp4", "--baked", clip["baked"],
            "--size", SIZE, "--framing", "head", "--backend", "auto", "--film-grain", "off", "--threads", 2]
    code = ("import sys; sys.path.insert(0, 'steps'); import render_frames; render_frames.main(sys.argv[1:]); "
            "print('torch' in sys.modules, sorted(m for m in sys.modules if m.startswith(('scipy', 'portraittalker.appearance'))))")
    proc = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "False []"
    assert (tmp_path / "clip.mp4").stat().st_size > 0
    with np.load(tmp_path / "clip.landmarks.npz") as data:
        assert data["points"].shape[0] == 12 and float(data["film_grain"]) == 0.0


def test_old_or_mismatched_baked_files_take_the_torch_path(clip):
    """A version-1 file (no clip rig), another image size, another avatar file: the torch path."""
    old = clip["root"] / "baked_v1.npz"
    with np.load(clip["baked"]) as data:
        arrays = {k: data[k] for k in data.files if not k.startswith("clip_")}
    arrays["format_version"] = np.int32(1)
    np.savez(old, **arrays)
    frames_old, _, log = render(clip, "old", baked=old)
    assert "torch path: no clip rig" in log
    frames_torch, _, _ = render(clip, "torch_again", "--head", clip["head"])
    assert np.array_equal(frames_old, frames_torch)

    proc = run_step("render_frames.py", "--avatar", clip["avatar"], "--flame", clip["flame"], "--out", clip["root"] / "big",
                    "--size", SIZE + 16, "--framing", "head", "--backend", "egl", "--baked", clip["baked"])
    assert proc.returncode == 0 and f"torch path: baked for {SIZE} px head renders, not {SIZE + 16} px head" in proc.stderr
    other = clip["root"] / "other.pt"
    other.write_bytes(clip["avatar"].read_bytes())
    save_avatar(Avatar(TriGridField(TriGridConfig(resolutions=(8,), channels=4, hidden=8), torch.Generator().manual_seed(9)),
                       Scene(), head_model=str(clip["head"])), other)
    proc = run_step("render_frames.py", "--avatar", other, "--flame", clip["flame"], "--out", clip["root"] / "other",
                    "--size", SIZE, "--framing", "head", "--backend", "egl", "--baked", clip["baked"])
    assert proc.returncode == 0 and "torch path: baked from another avatar file" in proc.stderr


def test_the_avatars_resting_expression_lies_under_the_clip_on_both_paths(clip):
    """An avatar whose prompt smiled: both render paths draw the clip with the smile laid under it
    (the frames of the plain avatar playing the clip with the smile added by hand), not the clip alone."""
    from portraittalker.appearance.avatar import load_avatar
    from portraittalker.expression import with_resting_expression
    from portraittalker.io import load_flame

    root = clip["root"]
    plain = load_avatar(clip["avatar"])
    smiling = root / "smiling.pt"
    save_avatar(Avatar(plain.field, dataclasses.replace(plain.scene, expression="smile"), head_model=str(clip["head"])),
                smiling)
    baked = root / "smiling_baked.npz"
    assert run_step("bake_appearance.py", "--avatar", smiling, "--out", baked, "--size", SIZE, "--framing", "head").returncode == 0
    by_hand = root / "smiled_by_hand.npz"
    save_flame(with_resting_expression(load_flame(clip["flame"]), "smile"), by_hand)

    def frames(avatar, flame, name, baked_file, *extra):
        out = root / name
        proc = run_step("render_frames.py", "--avatar", avatar, "--flame", flame, "--out", out, "--size", SIZE,
                        "--framing", "head", "--backend", "egl", "--baked", baked_file, *extra)
        assert proc.returncode == 0, proc.stderr
        return np.stack([np.asarray(Image.open(p)) for p in sorted(out.glob("*.png"))]), proc.stderr

    played, log = frames(smiling, clip["flame"], "smile_playback", baked)
    assert "playback path" in log
    drawn, log = frames(smiling, clip["flame"], "smile_torch", baked, "--head", clip["head"])
    assert "torch path" in log
    expected, _ = frames(clip["avatar"], by_hand, "smiled_by_hand", clip["baked"], "--head", clip["head"])
    neutral, _, _ = render(clip, "neutral_again")
    assert np.array_equal(drawn, expected)
    assert (np.abs(played.astype(int) - drawn).max(-1) > 1).mean() < 1e-3
    assert not np.array_equal(played, neutral)


def test_drawing_processes_draw_the_same_frames_as_one(clip):
    """--threads 2 draws alternate batches in two forked processes (12 frames in batches of 5:
    three batches, out of order across the processes); frames and landmarks equal to the bit."""
    one, marks_one, log_one = render(clip, "one_process", "--threads", 1)
    two, marks_two, log_two = render(clip, "two_processes", "--threads", 2)
    assert "2 processes" in log_two and "processes" not in log_one
    assert np.array_equal(one, two)
    assert np.array_equal(marks_one["points"], marks_two["points"])


def _failing_batches(how: str, go):
    """playback._drawn in a forked worker: batches from worker 0 (spans 0 and 2), a failure
    from worker 1 (span 1) once `go` is set (after the parent has read span 0: otherwise the
    failure may arrive first, and the render rightly fails at once)."""
    def drawn(rig, baked, seq, scene, spans, inside, buffer):
        for k, span in enumerate(spans):
            if span.start != 1:
                out = buffer(k)[:1]
                out[:] = span.start + 1  # the frame's own mark, read back through the shared slot
                yield span, out, np.zeros((1, 1, 2), np.float32)
                continue
            go.wait(60)
            if how == "raise":
                raise ValueError("boom in a worker")
            elif how == "user":
                raise PortraitTalkerError("clip.npz: bad frame 3")
            else:
                os._exit(3)
    return drawn


@pytest.mark.parametrize("how, error, message", [
    ("raise", RuntimeError, "render worker failed: ValueError: boom in a worker"),
    ("user", PortraitTalkerError, "clip.npz: bad frame 3"),
    ("exit", RuntimeError, r"render worker playback-1 died \(exit code 3\)"),
])
def test_a_failing_drawing_process_fails_the_render(monkeypatch, how, error, message):
    go = multiprocessing.get_context("fork").Event()
    monkeypatch.setattr(playback, "_drawn", _failing_batches(how, go))
    rig = types.SimpleNamespace(camera=types.SimpleNamespace(image_size=(2, 2)))
    batches = playback._drawn_in_processes(rig, None, None, None, [slice(0, 1), slice(1, 2), slice(2, 3)], None, 2)
    span, images, _ = next(batches)
    assert span == slice(0, 1) and images.shape == (1, 2, 2, 3) and (images == 1).all()
    go.set()
    with pytest.raises(error, match=message):
        next(batches)
    batches.close()


def test_posing_the_visible_part_equals_posing_the_whole_mesh(clip):
    """Frames inside the visible faces' envelope pose only what those faces need: the same
    values to the bit where any drawn face, fan or landmark reads them."""
    from portraittalker.io import load_flame
    from portraittalker.render.baked import load_playback
    from portraittalker.render.mesh_topology import boundary_fans

    baked, rig = load_playback(clip["baked"])
    # The proxy head's joints regress from every vertex: keep a scattered sixth of them (both
    # sides pose this rig), so the part is a true subset whose joint sums span several blocks.
    regressor = rig.layer.J_regressor * (np.arange(rig.layer.J_regressor.shape[1]) % 6 == 0)
    rig = dataclasses.replace(rig, layer=dataclasses.replace(rig.layer, J_regressor=regressor))
    visible = baked.visibility.faces
    visible = visible[rig.faces[visible].max(axis=1) < len(rig.layer.v_template) // 3]  # any set: one region's
    fans = np.unique(boundary_fans(rig.layer.v_template, rig.faces))
    part = playback.VisiblePart.of(rig, visible, fans)
    print(f"posing {len(part.vertices)} of {len(rig.layer.v_template)} vertices, {len(part.faces)} of {len(rig.faces)} faces")
    assert len(part.vertices) < len(rig.layer.v_template) and len(part.faces) < len(rig.faces)
    seq = load_flame(clip["flame"])
    span = slice(2, 9)
    camera = rig.camera.expand(span.stop - span.start)
    data, face_n, marks = part.pose(rig, seq, span, camera)
    clip_xy, verts, normals = data[..., 0:4], data[..., 4:7], data[..., 7:10]
    assert np.array_equal(marks, whole_marks := rig.layer.forward_sequence(seq, span)[:, rig.landmark_index])
    assert whole_marks.shape == (span.stop - span.start, len(rig.landmark_index), 3)
    whole = rig.layer.forward_sequence(seq, span)
    whole_n = playback.face_normals(whole, rig.faces.astype(np.int64)) * np.float32(rig.normal_sign)
    whole_normals = playback.vertex_normals(whole, playback.corner_rounds(rig.faces.astype(np.int64)), whole_n)
    drawn = np.unique(rig.faces[visible])
    read = np.union1d(np.union1d(drawn, fans), rig.landmark_index)
    assert np.array_equal(verts[:, read], whole[:, read])
    assert np.array_equal(clip_xy[:, read], camera.to_clip(whole)[:, read])
    assert np.array_equal(normals[:, drawn], whole_normals[:, drawn])
    assert np.array_equal(face_n[:, visible], whole_n[:, visible])
