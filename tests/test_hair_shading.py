"""Hair's strand highlight (render/hair_strands.py, shading.strand_highlight and its GL twin):
a band across the strands, the same on the torch, GL and playback paths, turning with the
head, and absent (the round highlight, to the bit) for heads and bakes made before it."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import torch
from test_playback import SIZE, render, rigged_head, talking
from test_render_steps import run_step

from portraittalker.appearance.avatar import Avatar, save_avatar
from portraittalker.appearance.trigrid import TriGridConfig, TriGridField
from portraittalker.head.head_npz import save_head_npz
from portraittalker.io import save_flame
from portraittalker.render import HeadRenderer, random_cameras
from portraittalker.render.baked import load_playback
from portraittalker.render.hair_strands import LOOK_KEY, fragment_tangents, strand_frames, strand_weight
from portraittalker.render.proxy import ProxyHead, proxy_head
from portraittalker.render.renderer import to_uint8
from portraittalker.render.shading import shade
from portraittalker.scene import Background, Light, Lighting, Scene

STRAIGHT = {"style": "long_straight", "curl": 0.1, "comb": "part", "gather": None}


@dataclasses.dataclass(frozen=True)
class HairyProxy(ProxyHead):
    metadata: dict = dataclasses.field(default_factory=dict)


def hairy(look: dict | None = STRAIGHT) -> HairyProxy:
    """The proxy ellipsoid with its upper part labelled hair (combed as `look`; None: a head made
    before the hair recorded it)."""
    head = proxy_head(24, 48)
    names = head.region_names + ("hair",)
    regions = np.where(head.v_template[:, 1] > 0.03, len(names) - 1, head.regions)
    return HairyProxy(head.v_template, head.faces, regions, names, head.landmarks, {} if look is None else {LOOK_KEY: look})


def turned(verts: np.ndarray, yaw_deg: float, pitch_deg: float) -> torch.Tensor:
    """verts [V,3] turned about y then nodded about x (as a head turns and nods), [1,V,3]."""
    y, p = math.radians(yaw_deg), math.radians(pitch_deg)
    ry = np.array([[math.cos(y), 0, math.sin(y)], [0, 1, 0], [-math.sin(y), 0, math.cos(y)]])
    rx = np.array([[1, 0, 0], [0, math.cos(p), -math.sin(p)], [0, math.sin(p), math.cos(p)]])
    return torch.from_numpy((verts @ (rx @ ry).T).astype(np.float32))[None]


def key_light_only(direction) -> Lighting:
    return Lighting(key=Light(tuple(direction), (1.0, 1.0, 1.0), 1.0), fill=Light((0, 0, 1), (1, 1, 1), 0.0),
                    rim=Light((0, 0, 1), (1, 1, 1), 0.0), ambient=(0.0, 0.0, 0.0))


def test_the_highlight_is_a_band_across_the_strands():
    """On a patch facing the camera with strands running up-down (tangent y), a light swung
    across the strands (about the tangent) keeps most of the highlight, one swung along them
    loses it: a band, not a spot. The round lobe loses as much either way."""
    n = torch.tensor([[0.0, 0.0, 1.0]])
    view = torch.tensor([[0.0, 0.0, 1.0]])
    t = torch.tensor([[0.0, 1.0, 0.0]])
    dark, spec = torch.zeros(1, 3), torch.ones(1, 1)

    def highlight(axis: int, degrees: float, strands: bool) -> float:
        a = math.radians(degrees)
        direction = [0.0, 0.0, math.cos(a)]
        direction[axis] = math.sin(a)
        lighting = key_light_only(direction)
        args = (t,) if strands else ()
        return float(shade(dark, spec, n, view, lighting, None, *args)[0, 0])

    for strands in (True, False):
        head_on = highlight(0, 0.0, strands)
        across, along = highlight(0, 40.0, strands) / head_on, highlight(1, 40.0, strands) / head_on
        print(f"strands={strands}: across {across:.3f}, along {along:.3f}")
        if strands:
            assert across > 0.6 and along < 0.25 and across > 4 * along
        else:
            assert across == pytest.approx(along, rel=1e-5)


def test_a_zero_tangent_leaves_the_round_highlight_to_the_bit():
    g = torch.Generator().manual_seed(0)
    albedo, spec = torch.rand(500, 3, generator=g), torch.rand(500, 1, generator=g)
    normal = torch.nn.functional.normalize(torch.randn(500, 3, generator=g), dim=-1)
    view = torch.nn.functional.normalize(torch.randn(500, 3, generator=g), dim=-1)
    off = torch.rand(500, generator=g) > 0.5
    tangent = torch.randn(500, 3, generator=g) * (~off)[:, None]
    plain = shade(albedo, spec, normal, view, Lighting())
    mixed = shade(albedo, spec, normal, view, Lighting(), None, tangent)
    assert torch.equal(plain[off], mixed[off]) and not torch.equal(plain[~off], mixed[~off])


def test_strand_weights_keep_coiled_and_cropped_hair_round():
    assert strand_weight(STRAIGHT) == 1.0
    for style in ("afro", "locs", "buzz", "spiky"):
        assert strand_weight({**STRAIGHT, "style": style}) == 0.0
    assert strand_weight({**STRAIGHT, "curl": 0.95}) == 0.0
    assert 0.0 < strand_weight({**STRAIGHT, "curl": 0.6}) < 1.0
    assert strand_frames(hairy({**STRAIGHT, "style": "afro"})) is None
    assert strand_frames(hairy(None)) is None
    frames = strand_frames(hairy())
    head = hairy()
    hair = head.regions == head.region_names.index("hair")
    assert np.array_equal(frames.weight > 0, hair[head.faces].all(1))


def test_strand_tangents_turn_with_the_head():
    """The tangent rebuilt from the posed face corners is the rest tangent turned as the head is."""
    head = hairy()
    frames = strand_frames(head)
    coef = torch.from_numpy(frames.coef)
    faces = torch.from_numpy(head.faces)
    g = torch.Generator().manual_seed(3)
    tri = torch.nonzero(torch.from_numpy(frames.weight) > 0)[:, 0][torch.randint(0, 900, (300,), generator=g)]
    bary = torch.rand(300, 3, generator=g)
    bary = bary / bary.sum(-1, keepdim=True)
    batch = torch.zeros(300, dtype=torch.long)
    rest = fragment_tangents(coef, torch.from_numpy(head.v_template)[None], faces, tri, batch, bary)
    pose = turned(head.v_template, 35.0, -20.0)
    posed = fragment_tangents(coef, pose, faces, tri, batch, bary)
    rotation = torch.linalg.lstsq(torch.from_numpy(head.v_template).double(), pose[0].double()).solution.T.float()
    torch.testing.assert_close(posed, rest @ rotation.T, atol=2e-5, rtol=1e-4)
    # on the sides of the head (away from the parting on top) the strands run downwards
    down = rest[:, 1] / rest.norm(dim=-1).clamp_min(1e-9)
    centre = (torch.from_numpy(head.v_template)[faces[tri].long()] * bary[:, :, None]).sum(1)
    side = centre[:, 1] < 0.08
    assert side.any() and (down[side] < -0.5).float().mean() > 0.9


def hair_pixels(renderer: HeadRenderer, verts: torch.Tensor, camera) -> np.ndarray:
    """[B,H,W] pixels whose centre or a neighbour's lies on a hair face (rim pixels borrow neighbours)."""
    rast = renderer.rasterizer.rasterize(camera.to_clip(verts), renderer.faces, camera.image_size).flip(1)
    tri = rast[..., 3].long() - 1
    on = (tri >= 0) & torch.from_numpy(renderer.strands.weight > 0)[tri.clamp_min(0)]
    near = torch.nn.functional.max_pool2d(on.float()[:, None], 3, 1, 1)[:, 0] > 0
    return near.numpy()


def test_gl_frames_match_the_torch_path_on_hair_and_leave_the_rest_unchanged():
    head, bald = hairy(), hairy(None)
    renderer = HeadRenderer(head, size=96, backend="egl", framing="head")
    before = HeadRenderer(bald, size=96, backend="egl", framing="head")
    assert renderer.strands is not None and before.strands is None
    baked = renderer.bake(TriGridField(TriGridConfig(), torch.Generator().manual_seed(5)))
    scenes = (Scene(), Scene(Lighting(key=Light((0.3, 0.6, 0.7), (0.5, 0.6, 1.0), 0.8), softness=0.9, specular=0.6),
                             Background(film_grain=0.4)))
    cameras = random_cameras(renderer.orbit, 3, (96, 96), torch.Generator().manual_seed(2))
    verts = torch.cat([turned(head.v_template, yaw, pitch) for yaw, pitch in ((0, 0), (30, 10), (-25, -15))])
    changed = 0
    for scene in scenes:
        ids = torch.tensor([4, 5, 6])
        with torch.no_grad():
            reference = to_uint8(renderer.render(verts, baked, scene, camera=cameras, frame_ids=ids)).astype(int)
            old_torch = to_uint8(before.render(verts, baked, scene, camera=cameras, frame_ids=ids)).astype(int)
        frames = renderer.render_frames(verts, baked, scene, camera=cameras, frame_ids=ids)
        old = before.render_frames(verts, baked, scene, camera=cameras, frame_ids=ids)
        diff = np.abs(frames - reference)
        assert diff.max() <= 2 and diff.mean() < 0.05
        hair = hair_pixels(renderer, verts, cameras)
        assert np.array_equal(frames[~hair], old[~hair])  # skin: byte-identical to the round highlight's frames
        assert np.array_equal(reference[~hair], old_torch[~hair])
        changed += int((np.abs(frames.astype(int) - old).max(-1) > 2)[hair].sum())
    assert changed > 200


@pytest.fixture(scope="module")
def hairy_clip(tmp_path_factory):
    """A rigged head with hair (combed: strand frames) as an avatar, baked with its clip rig, and a clip."""
    root = tmp_path_factory.mktemp("hairy")
    head = rigged_head()
    names = head.region_names + ("hair",)
    regions = np.where(head.v_template[:, 1] > 0.03, len(names) - 1, head.regions)
    head = dataclasses.replace(head, regions=regions, region_names=names, metadata={**head.metadata, LOOK_KEY: STRAIGHT})
    head_path = root / "head.npz"
    save_head_npz(head, head_path)
    field = TriGridField(TriGridConfig(resolutions=(8, 16), channels=4, hidden=8), torch.Generator().manual_seed(5))
    avatar = root / "avatar.pt"
    save_avatar(Avatar(field, Scene(), head_model=str(head_path)), avatar)
    flame = root / "flame.npz"
    save_flame(talking(12, seed=7), flame)
    baked = root / "baked_appearance.npz"
    proc = run_step("bake_appearance.py", "--avatar", avatar, "--out", baked, "--size", SIZE, "--framing", "head")
    assert proc.returncode == 0, proc.stderr
    return {"root": root, "head": head_path, "avatar": avatar, "flame": flame, "baked": baked}


def test_playback_draws_the_strand_highlight_as_the_torch_path(hairy_clip):
    _, rig = load_playback(hairy_clip["baked"])
    assert rig.strands is not None and (rig.strands.weight > 0).any()
    played, _, log = render(hairy_clip, "playback")
    assert "playback path" in log
    drawn, _, torch_log = render(hairy_clip, "torch", "--head", hairy_clip["head"])
    assert "torch path" in torch_log
    diff = np.abs(played.astype(int) - drawn).max(-1)
    assert (diff > 0).mean() < 1e-3 and (diff <= 1).mean() > 0.9995


def test_a_bake_made_before_strand_frames_draws_the_round_highlight(hairy_clip, tmp_path):
    """A baked file without the clip rig's strand keys (made before them) loads, its rig has no
    strand frames, and the clip renders as a head without them: the round highlight."""
    with np.load(hairy_clip["baked"]) as data:
        arrays = {k: data[k] for k in data.files if not k.startswith("clip_strand_")}
    old = tmp_path / "old_baked.npz"
    with open(old, "wb") as f:
        np.savez(f, **arrays)
    _, rig = load_playback(old)
    assert rig.strands is None
    played_old, _, _ = render(hairy_clip, "old", baked=old)
    played_new, _, _ = render(hairy_clip, "new")
    assert not np.array_equal(played_old, played_new)
    # the round highlight: as the torch path draws the head without its hair_look
    from portraittalker.head.head_npz import load_head_npz

    plain = tmp_path / "plain_head.npz"
    head = load_head_npz(hairy_clip["head"])
    save_head_npz(dataclasses.replace(head, metadata={k: v for k, v in head.metadata.items() if k != LOOK_KEY}), plain)
    drawn, _, _ = render(hairy_clip, "plain", "--head", plain, baked=old)
    diff = np.abs(played_old.astype(int) - drawn).max(-1)
    assert (diff > 0).mean() < 1e-3 and (diff <= 1).mean() > 0.9995
