"""The faces an avatar's clips can show (render/visibility.py): found once over a pose envelope,
drawn alone by the EGL frame path for poses inside it, with the same frames as every face."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import torch
from test_render_steps import posable_proxy

from portraittalker.appearance.trigrid import TriGridConfig, TriGridField
from portraittalker.errors import PortraitTalkerError
from portraittalker.head import FlameLayer, HeadModel
from portraittalker.head.model import REGION_NAMES
from portraittalker.io import FLAME_KEYS, FlameSequence
from portraittalker.render import HeadRenderer
from portraittalker.render.baked import load_baked, save_baked, topology_key
from portraittalker.render.sequence import render_sequence
from portraittalker.render.visibility import envelope_poses, grow_faces, speech_envelope, visible_faces
from portraittalker.scene import Background, Scene

SIZE = 96


def hooded_proxy() -> HeadModel:
    """The posable proxy inside a hood: a larger copy of the shell, open over the face, on the
    neck joint. The hood hides the back of the head, shows its own inside round the opening,
    and its back is hidden behind its front: an open surface, as hair and garments are."""
    head = posable_proxy()
    v = head.v_template.astype(np.float64)
    centre = v.mean(0)
    shell = centre + 1.12 * (v - centre)
    centroids = shell[head.faces].mean(1)
    opening = (centroids[:, 2] > 0.045) & (centroids[:, 1] > -0.1) & (centroids[:, 1] < 0.08)
    n = len(v)
    faces = np.concatenate([head.faces, head.faces[~opening] + n])
    weights = np.concatenate([head.lbs_weights, np.tile([[0, 1, 0, 0, 0]], (n, 1))]).astype(np.float32)
    pad = lambda a: np.concatenate([a, np.zeros_like(a)])  # noqa: E731
    return dataclasses.replace(
        head, v_template=np.concatenate([v, shell]).astype(np.float32), faces=faces, shapedirs=pad(head.shapedirs),
        exprdirs=pad(head.exprdirs), posedirs=np.zeros((36, 2 * n * 3), np.float32),
        J_regressor=np.concatenate([head.J_regressor, np.zeros_like(head.J_regressor)], 1), lbs_weights=weights,
        regions=np.concatenate([head.regions, np.full(n, REGION_NAMES.index("torso"))])).validate("hooded proxy")


@pytest.fixture(scope="module")
def hooded():
    head = hooded_proxy()
    renderer = HeadRenderer(head, size=SIZE, backend="egl", framing="head")
    layer = FlameLayer(head)
    baked = renderer.bake(TriGridField(TriGridConfig(resolutions=(8, 16), channels=4, hidden=8), torch.Generator().manual_seed(2)))
    vis = visible_faces(renderer, layer, count=48)
    return head, renderer, layer, dataclasses.replace(baked, visibility=vis)


def sequence(poses: dict[str, np.ndarray]) -> FlameSequence:
    return FlameSequence(**{k: np.ascontiguousarray(poses[k]) for k in FLAME_KEYS}, fps=25.0)


def test_visible_faces_draw_the_frames_of_every_face_inside_the_envelope(hooded):
    """Poses drawn inside the envelope, none of those the set was found with: frames
    bit-identical to every face drawn, from well under every face in both passes."""
    head, renderer, layer, baked = hooded
    num_faces = len(head.faces)
    assert 0.3 * num_faces < len(baked.visibility.faces) < 0.75 * num_faces
    seq = sequence(envelope_poses(speech_envelope(), 16, seed=99))
    assert speech_envelope().contains(seq).all()
    scene = Scene(background=Background(film_grain=0.3))
    verts = layer.forward_sequence(seq)
    ids = torch.arange(16)
    full = renderer.render_frames(verts, baked, scene, frame_ids=ids)
    every = renderer.gl_frames().counts  # faces in the shading and coverage passes of the last frame
    seen = renderer.render_frames(verts, baked, scene, frame_ids=ids, poses_inside=np.ones(16, bool))
    shaded, covered = renderer.gl_frames().counts
    print(f"faces {num_faces}, visible {len(baked.visibility.faces)}, drawn {every} -> {(shaded, covered)}")
    assert shaded < every[0] and covered < every[1]  # a coarse mesh: two rings are a wide margin
    assert np.array_equal(full, seen)
    # Not vacuous: the set found from one frontal pose alone misses faces these poses show.
    narrow = visible_faces(renderer, layer, count=1, rings=0)  # the neutral pose only
    one_pose = dataclasses.replace(baked, visibility=narrow)
    assert not np.array_equal(full, renderer.render_frames(verts, one_pose, scene, frame_ids=ids,
                                                           poses_inside=np.ones(16, bool)))


def test_a_pose_outside_the_envelope_draws_every_face(hooded, tmp_path):
    """render_sequence checks each frame's pose: a head turned far past the envelope (its hood's
    side in view) is drawn from every face, frames inside from the set, all as every face."""
    head, renderer, layer, baked = hooded
    poses = envelope_poses(speech_envelope(), 4, seed=5)
    poses["neck_pose"][2] = [0.0, 1.2, 0.0]
    seq = sequence(poses)
    assert speech_envelope().contains(seq).tolist() == [True, True, False, True]
    frames = []
    result = render_sequence(renderer, layer, seq, baked, Scene(), None, batch_size=4, progress=False,
                             frame_sink=frames.append)
    assert result.num_frames == 4
    full = renderer.render_frames(layer.forward_sequence(seq), dataclasses.replace(baked, visibility=None), Scene())
    assert np.array_equal(frames[0], full)
    forced = renderer.render_frames(layer.forward_sequence(seq), baked, Scene(), poses_inside=np.ones(4, bool))
    assert np.array_equal(forced[[0, 1, 3]], full[[0, 1, 3]]) and not np.array_equal(forced[2], full[2])
    # The same switches on a frame renderer without closed surfaces or draw order, whose full
    # shading index buffer is otherwise never rewritten.
    from portraittalker.render.egl_frames import EGLFrameRenderer

    saved = renderer._gl_frames
    try:
        renderer._gl_frames = EGLFrameRenderer(renderer.rasterizer, renderer.faces, renderer.rest_attributes[:, 3:5],
                                               renderer.normal_sign)
        verts = layer.forward_sequence(seq)
        plain = renderer.render_frames(verts, baked, Scene(), poses_inside=np.array([True, True, False, True]))
        assert np.array_equal(plain, full)
    finally:
        renderer._gl_frames = saved


def test_another_camera_draws_every_face(hooded):
    head, renderer, layer, baked = hooded
    other = HeadRenderer(head, size=SIZE + 8, backend="egl", framing="head")
    assert baked.visibility.matches(renderer.camera) and not baked.visibility.matches(other.camera)
    assert not baked.visibility.matches(HeadRenderer(head, size=SIZE, backend="egl", framing="upper_body").camera)
    verts = layer.forward_sequence(sequence(envelope_poses(speech_envelope(), 2, seed=1)))
    frames = other.render_frames(verts, baked, Scene(), poses_inside=np.ones(2, bool))
    counts = other.gl_frames().counts
    assert np.array_equal(frames, other.render_frames(verts, dataclasses.replace(baked, visibility=None), Scene()))
    assert counts == other.gl_frames().counts  # every face drawn


def test_visible_set_round_trips_and_refuses_another_topology(hooded, tmp_path):
    head, renderer, layer, baked = hooded
    path = tmp_path / "baked_appearance.npz"
    key = topology_key(renderer.verts_canonical, renderer.faces)
    save_baked(baked, path, key)
    loaded = load_baked(path, key)
    vis, back = baked.visibility, loaded.visibility
    assert np.array_equal(back.faces, vis.faces) and back.faces.dtype == np.int32
    assert np.array_equal(back.envelope.lo, vis.envelope.lo) and np.array_equal(back.envelope.hi, vis.envelope.hi)
    assert np.array_equal(back.view_projection, vis.view_projection) and back.image_size == vis.image_size == (SIZE, SIZE)
    assert (back.poses, back.rings) == (vis.poses, vis.rings) and back.matches(renderer.camera)
    assert np.array_equal(back.probe, vis.probe) and back.rig_matches(layer)
    torch.testing.assert_close(loaded.values, baked.values.float())
    with pytest.raises(PortraitTalkerError, match="another head mesh"):
        load_baked(path, topology_key(renderer.verts_canonical * 1.01, renderer.faces))
    save_baked(dataclasses.replace(baked, visibility=None), path, key)  # as files made before the sets
    assert load_baked(path, key).visibility is None


def test_grow_faces_adds_rings_of_neighbours():
    faces = np.array([[0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 6]])
    keep = np.array([True, False, False, False, False])
    assert grow_faces(faces, keep, 0).tolist() == keep.tolist()
    assert grow_faces(faces, keep, 1).tolist() == [True, True, True, False, False]
    assert grow_faces(faces, keep, 2).tolist() == [True, True, True, True, True]


def test_a_head_that_poses_differently_draws_every_face(hooded, caplog):
    """The same rest mesh on another rig (the jaw no longer moves the chin): the probe vertices
    differ, so render_sequence draws every face (and says so)."""
    head, renderer, layer, baked = hooded
    stiff = dataclasses.replace(head, lbs_weights=np.tile(np.float32([[0, 1, 0, 0, 0]]), (len(head.v_template), 1)))
    stiff_layer = FlameLayer(stiff)
    assert baked.visibility.rig_matches(layer) and not baked.visibility.rig_matches(stiff_layer)
    seq = sequence(envelope_poses(speech_envelope(), 3, seed=8))
    frames = []
    with caplog.at_level("WARNING"):
        render_sequence(renderer, stiff_layer, seq, baked, Scene(), None, batch_size=3, progress=False, frame_sink=frames.append)
    assert "poses differently" in caplog.text
    full = renderer.render_frames(stiff_layer.forward_sequence(seq), dataclasses.replace(baked, visibility=None), Scene())
    assert np.array_equal(frames[0], full)
