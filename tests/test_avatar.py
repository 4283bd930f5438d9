"""Tri-grid field, Avatar save/load, and the optimisation: end to end, resume, determinism."""

import logging
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from test_avatar_standins import standin_head

from portraittalker.appearance import Avatar, TriGridConfig, TriGridField, load_avatar, save_avatar
from portraittalker.appearance.create import AvatarRequest, create_avatar
from portraittalker.errors import MissingWeightsError, PortraitTalkerError
from portraittalker.head.head_npz import save_head_npz
from portraittalker.scene import Scene

ROOT = Path(__file__).resolve().parent.parent


def _field(seed=0, **kw):
    return TriGridField(TriGridConfig(resolutions=(8, 16), channels=4, hidden=16, **kw), torch.Generator().manual_seed(seed))


def test_trigrid_shapes_ranges_and_gradients():
    field = _field()
    pts = torch.rand(500, 3) * 0.4 - 0.2
    albedo, spec = field(pts)
    assert albedo.shape == (500, 3) and spec.shape == (500, 1)
    assert albedo.min() >= 0 and albedo.max() <= 1
    albedo.sum().backward()
    for plane in field.planes:
        assert plane.grad is not None and plane.grad.abs().sum() > 0


def test_trigrid_planes_are_bilinear_in_space():
    # a point halfway between two texel centres of one plane reads their mean feature
    field = _field()
    with torch.no_grad():
        for plane in field.planes:
            plane.zero_()
        field.planes[0][0, 0] = torch.arange(8.0)[None, :].expand(8, 8)  # xy plane, channel 0 ramps in x
    box = field.bbox_max - field.bbox_min
    texel = box[0] / 8
    x = field.bbox_min[0] + texel * 2.0  # between texel centres 1 (1.5 texels) and 2 (2.5 texels)
    pts = torch.stack([x, field.bbox_min[1] + box[1] / 2, field.bbox_min[2] + box[2] / 2])[None]
    assert float(field.features(pts)[0, 0].detach()) == pytest.approx(1.5, abs=1e-5)


def test_avatar_save_load_round_trip(tmp_path):
    avatar = Avatar(_field(seed=1), Scene(), "bundled", {"prompt": "김치 👩", "seed": 3, "attrs": ("a", 1)})
    path = tmp_path / "a" / "avatar.pt"
    save_avatar(avatar, path)
    loaded = load_avatar(path)
    pts = torch.rand(100, 3) * 0.3 - 0.15
    assert torch.equal(loaded.appearance(pts)[0], avatar.appearance(pts)[0])
    assert loaded.metadata["prompt"] == "김치 👩" and loaded.metadata["attrs"] == ["a", 1]
    assert loaded.scene == avatar.scene and loaded.head_model == "bundled"
    assert [p.name for p in path.parent.iterdir()] == ["avatar.pt"]  # no temporary left behind


def test_load_avatar_errors_are_actionable(tmp_path):
    with pytest.raises(PortraitTalkerError, match="avatar not found"):
        load_avatar(tmp_path / "missing.pt")
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"not a torch file")
    with pytest.raises(PortraitTalkerError, match="not a readable avatar"):
        load_avatar(junk)
    other = tmp_path / "other.pt"
    torch.save({"weights": torch.zeros(3)}, other)
    with pytest.raises(PortraitTalkerError, match="not a portraittalker avatar"):
        load_avatar(other)


@pytest.fixture(scope="module")
def head_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("head") / "standin.npz"
    save_head_npz(standin_head(), path)
    return str(path)


def _request(head_path, **kw):
    base = dict(prompt="blue-haired woman, night", seed=7, head=head_path, render_size=48, steps=8, checkpoint_every=3,
                init_steps=20, field_resolutions=(16, 32, 64))
    base.update(kw)
    return AvatarRequest(**base)


@pytest.mark.slow
def test_prior_avatar_end_to_end_learns_the_prompt(head_path):
    avatar = create_avatar(_request(head_path, steps=40, init_steps=0, checkpoint_dir=None), progress=False)
    head = avatar.head if avatar.head is not None else standin_head()  # dressed: hair is its own geometry
    hair_region = "hair" if "hair" in head.region_names and head.region_mask("hair").any() else "hair_cap"
    hair = avatar.appearance(torch.as_tensor(head.v_template[head.region_mask(hair_region)]))[0].mean(0)
    # Skin away from the hair: at this test's coarse tri-grid (16-64 texels) the hair shell's
    # colour reaches the skin beside it.
    from scipy.spatial import cKDTree

    face = head.v_template[head.region_mask("skin")]
    if head.region_mask("hair").any():
        face = face[cKDTree(head.v_template[head.region_mask("hair")]).query(face)[0] > 0.03]
    skin = avatar.appearance(torch.as_tensor(face))[0].mean(0)
    assert hair[2] > 2 * hair[0] and hair[2] > 1.5 * hair[1]  # blue hair
    assert skin[0] > skin[2]                                    # warm skin
    md = avatar.metadata
    assert md["guidance"]["kind"] == "prior" and md["steps"] == 40
    assert md["attributes"]["hair_color"] == "blue"
    assert ["blue haired", "hair_color=blue"] in md["attributes_found"]
    assert md["words_ignored"] == []
    assert md["head_model_id"] and md["package_version"] and md["wall_time_s"] > 0
    assert avatar.scene.background.top[2] > avatar.scene.background.top[0]  # night: blue sky


class _Killed(Exception):
    pass


def _kill_after(step_to_die):
    def hook(step):
        if step == step_to_die:
            raise _Killed

    return hook


@pytest.mark.slow
def test_killed_and_restarted_run_matches_uninterrupted(head_path, tmp_path):
    reference = create_avatar(_request(head_path, checkpoint_dir=str(tmp_path / "ref")), progress=False)
    ckpt = tmp_path / "ckpt"
    with pytest.raises(_Killed):
        create_avatar(_request(head_path, checkpoint_dir=str(ckpt)), on_step=_kill_after(7), progress=False)
    assert sorted(p.name.rsplit("-", 1)[1] for p in ckpt.iterdir()) == ["0000003.ckpt", "0000006.ckpt"]
    resumed = create_avatar(_request(head_path, checkpoint_dir=str(ckpt)), progress=False)
    assert resumed.metadata["resumed_from_step"] == 6
    for (name, a), (_, b) in zip(reference.field.state_dict().items(), resumed.field.state_dict().items()):
        assert torch.equal(a, b), name
    # a different seed does not pick up this run's checkpoints
    other = create_avatar(_request(head_path, seed=8, steps=2, checkpoint_dir=str(ckpt)), progress=False)
    assert other.metadata["resumed_from_step"] == 0


def test_sds_without_weights_is_a_clear_error(head_path, tmp_path):
    with pytest.raises(MissingWeightsError, match="Stable Diffusion weights not found"):
        create_avatar(_request(head_path, guidance="sds", sd_model_path=str(tmp_path / "nope")), progress=False)
    with pytest.raises(PortraitTalkerError, match="empty prompt"):
        create_avatar(_request(head_path, prompt="  "), progress=False)


@pytest.mark.slow
def test_step_script(head_path, tmp_path):
    out = tmp_path / "avatars" / "x" / "avatar.pt"
    cmd = [sys.executable, "steps/create_avatar.py", "--prompt", "elderly woman, sunny beach 🏖", "--seed", "1",
           "--out", str(out), "--head", head_path, "--steps", "4", "--checkpoint-every", "2", "--render-size", "32", "--threads", "1",
           "--init-steps", "10"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    avatar = load_avatar(out)
    assert not any((out.parent / "checkpoints").glob("*.ckpt"))  # cleared once the avatar is written
    assert avatar.metadata["seed"] == 1 and avatar.metadata["attributes"]["background"] == "beach"
    bad = subprocess.run(cmd[:3] + [""] + cmd[4:], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines()[-1].startswith("error: empty prompt")
    helped = subprocess.run([sys.executable, "steps/create_avatar.py", "--help"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert helped.returncode == 0 and "--negative-prompt" in helped.stdout


def test_training_views_cover_cameras_expressions_and_jaw():
    from portraittalker.appearance.views import ViewConfig, sample_views

    cfg = ViewConfig()
    v = sample_views(cfg, 2000, 16, torch.Generator().manual_seed(0))
    assert float(v.yaw_deg.abs().max()) <= cfg.yaw_range_deg and float(v.yaw_deg.abs().max()) > 150
    assert 0.5 < float((v.yaw_deg.abs() <= 45).float().mean()) < 0.85  # mostly, not only, frontal
    assert float(v.pitch_deg.abs().max()) <= cfg.pitch_range_deg
    assert cfg.zoom_range[0] <= float(v.distance_scale.min()) and float(v.distance_scale.max()) <= cfg.zoom_range[1]
    jaw = v.jaw_pose[:, 0]
    assert float(jaw.min()) >= 0 and float(jaw.max()) <= cfg.jaw_open_max_rad
    assert 0.3 < float((jaw > 0).float().mean()) < 0.7 and torch.all(v.jaw_pose[:, 1:] == 0)
    active = (v.expression > 0).float().mean()
    assert abs(float(active) - cfg.expression_probability) < 0.03
    assert float(v.expression.max()) <= cfg.expression_max


def test_training_renders_follow_the_jaw(head_path):
    from portraittalker.appearance.views import HeadViewRenderer, Views
    from portraittalker.head import load_head_model

    renderer = HeadViewRenderer(load_head_model(head_path), Scene(), size=48)
    field = _field()
    zeros = torch.zeros(2)
    jaw = torch.tensor([[0.0, 0.0, 0.0], [0.3, 0.0, 0.0]])
    views = Views(zeros, zeros, torch.full((2,), 0.4), torch.zeros(2, 16), jaw)
    with torch.no_grad():
        images = renderer.render(views, field)
    assert images.shape == (2, 48, 48, 3)
    assert float((images[0] - images[1]).abs().max()) > 0.05  # the open jaw shows in the picture


def test_damaged_checkpoint_is_skipped(tmp_path):
    from portraittalker.appearance.checkpoint import CheckpointStore

    store = CheckpointStore(tmp_path, "abc123")
    for step in (3, 6, 9):
        store.save(step, {"value": torch.tensor(float(step))})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["avatar-abc123-0000006.ckpt", "avatar-abc123-0000009.ckpt"]
    (tmp_path / "avatar-abc123-0000009.ckpt").write_bytes(b"truncated")
    assert store.latest()["step"] == 6
    assert CheckpointStore(tmp_path, "other").latest() is None


def test_a_prompt_with_no_word_understood_is_warned_of(caplog):
    from portraittalker.appearance.create import warn_if_unread
    from portraittalker.identity.prompt import parse_prompt

    with caplog.at_level(logging.WARNING, logger="portraittalker.appearance.create"):
        warn_if_unread(parse_prompt("a woman with long hair"), 3)
        assert not caplog.records
        warn_if_unread(parse_prompt("ქალი გრძელი თმით"), 3)   # Georgian: no glossary
    assert len(caplog.records) == 1 and "no word of it was understood" in caplog.text and "seed 3" in caplog.text
