"""The bundled head: rest pose, jaw, blinks, expression semantics, identity, labels, the asset."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from portraittalker.errors import PortraitTalkerError
from portraittalker.head import (BUNDLED_HEAD_ID, BUNDLED_HEAD_PATH, EXPRESSION_COMPONENTS, LANDMARK_NAMES,
                                 REGION_NAMES, FlameLayer, load_head_model)
from portraittalker.head.bundled.build import vertex_parts
from portraittalker.head.bundled.rig import Part
from portraittalker.io import FlameSequence

MM = 1e-3


@pytest.fixture(scope="module")
def head():
    return load_head_model("bundled")


@pytest.fixture(scope="module")
def layer(head):
    return FlameLayer(head)


def pose(layer, expression=None, jaw=0.0, shape=None, **named):
    """Skin one frame; `named` expression components by name."""
    e = torch.zeros(1, layer.num_expression)
    if expression is not None:
        e[0] = torch.as_tensor(expression)
    for name, value in named.items():
        e[0, EXPRESSION_COMPONENTS.index(name)] = value
    zeros = torch.zeros(1, 3)
    jaw_pose = torch.tensor([[jaw, 0.0, 0.0]])
    with torch.no_grad():
        return layer(e, jaw_pose, zeros, zeros, torch.zeros(1, 6), shape)[0].numpy()


def lip_gap(head, verts):
    lm = head.landmarks
    return verts[lm["lip_inner_top"], 1] - verts[lm["lip_inner_bottom"], 1]


def lid_gap(head, verts, side):
    lm = head.landmarks
    return verts[lm[f"eyelid_upper_{side}"], 1] - verts[lm[f"eyelid_lower_{side}"], 1]


def test_asset_layout_and_size(head):
    assert head.model_id == BUNDLED_HEAD_ID
    assert head.expression_names == EXPRESSION_COMPONENTS
    assert 3000 < head.num_vertices < 15000
    assert head.posedirs.shape == (36, head.num_vertices * 3)
    assert head.J_regressor.shape == (5, head.num_vertices)
    assert np.allclose(head.lbs_weights.sum(axis=1), 1.0, atol=1e-5)
    assert np.allclose(head.J_regressor.sum(axis=1), 1.0, atol=1e-4)
    assert BUNDLED_HEAD_PATH.stat().st_size < 5_000_000
    meta = json.loads((BUNDLED_HEAD_PATH.parent / "metadata.json").read_text())
    assert meta["vertices"] == head.num_vertices and meta["model_id"] == BUNDLED_HEAD_ID


def test_zero_parameters_give_the_template(head, layer):
    np.testing.assert_allclose(pose(layer), head.v_template, atol=1e-6)


def test_joints_sit_on_the_anatomy(head, layer):
    joints = head.J_regressor @ head.v_template
    lm = head.landmarks
    eye_left, eye_right = joints[3], joints[4]
    assert eye_left[0] > 0.02 and eye_right[0] < -0.02  # FLAME: +x is the subject's left
    assert abs(eye_left[1] - eye_right[1]) < 1e-4
    jaw = joints[2]
    assert jaw[1] > head.v_template[lm["chin"], 1] + 0.05 and jaw[2] < head.v_template[lm["chin"], 2] - 0.05


def test_global_rotation_is_rigid_about_the_root(head, layer):
    angle = torch.tensor([[0.0, 0.4, 0.0]])
    zeros = torch.zeros(1, 3)
    with torch.no_grad():
        verts = layer(torch.zeros(1, 16), zeros, zeros, angle, torch.zeros(1, 6))[0].numpy()
    root = head.J_regressor[0] @ head.v_template
    c, s = np.cos(0.4), np.sin(0.4)
    rot = np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])
    expected = (head.v_template - root) @ rot.T + root
    np.testing.assert_allclose(verts, expected, atol=1e-5)


def test_jaw_opens_the_mouth_and_moves_only_the_lower_face(head, layer):
    rest = head.v_template
    opened = pose(layer, jaw=0.25)
    moved = np.linalg.norm(opened - rest, axis=1)
    part = vertex_parts(head)
    lm = head.landmarks
    nose = (np.abs(rest[:, 0]) < 0.02) & (rest[:, 1] > rest[lm["nose_tip"], 1] - 0.006)
    ears = (np.abs(rest[:, 0]) > 0.068) & (rest[:, 2] < 0.0)
    still = (rest[:, 1] > 0.0) | ears | nose | (part == Part.TEETH_UPPER)
    assert np.all(moved[still] < 1e-6)  # skull, eyes, ears, nose and upper teeth untouched
    assert moved[part == Part.TEETH_LOWER].min() > 8 * MM
    assert moved[lm["chin"]] > 15 * MM
    assert lip_gap(head, rest) < 4 * MM
    assert lip_gap(head, opened) > lip_gap(head, rest) + 12 * MM
    # the chin swings down and back, as a hinge in front of the ear makes it
    assert opened[lm["chin"], 1] < rest[lm["chin"], 1] - 12 * MM


@pytest.mark.parametrize("side, other", [("left", "right"), ("right", "left")])
def test_blink_closes_one_eyelid(head, layer, side, other):
    rest = head.v_template
    closed = pose(layer, **{f"blink_{side}": 1.0})
    assert lid_gap(head, rest, side) > 6 * MM
    assert lid_gap(head, closed, side) < 0.5 * MM  # margins meet (slightly overlap)
    assert abs(lid_gap(head, closed, other) - lid_gap(head, rest, other)) < 1e-6
    # the pupil is hidden: a ray from it towards the viewer now hits the lid
    pupil = rest[head.landmarks[f"pupil_{side}"]] + [0.0, 0.0, 1e-4]
    skin_faces = head.faces[np.all(vertex_parts(head)[head.faces] == Part.SKIN, axis=1)]
    assert not ray_hits(rest, skin_faces, pupil, np.array([0.0, 0.0, 1.0]))
    assert ray_hits(closed, skin_faces, pupil, np.array([0.0, 0.0, 1.0]))


def ray_hits(verts, faces, origin, direction) -> bool:
    """Möller-Trumbore: does the ray origin + t·direction (t > 0) cross any triangle?"""
    a, b, c = (verts[faces[:, k]].astype(np.float64) for k in range(3))
    e1, e2 = b - a, c - a
    pvec = np.cross(direction, e2)
    det = np.einsum("ij,ij->i", e1, pvec)
    ok = np.abs(det) > 1e-14
    inv = np.where(ok, 1.0 / np.where(ok, det, 1.0), 0.0)
    tvec = origin - a
    u = np.einsum("ij,ij->i", tvec, pvec) * inv
    qvec = np.cross(tvec, e1)
    v = (qvec @ direction) * inv
    t = np.einsum("ij,ij->i", e2, qvec) * inv
    return bool(np.any(ok & (u >= 0) & (v >= 0) & (u + v <= 1) & (t > 0)))


def test_lip_press_closes_the_rest_gap_and_depress_opens_it(head, layer):
    assert lip_gap(head, pose(layer, lip_press=1.0)) < 0.2 * MM
    assert lip_gap(head, pose(layer, lower_lip_depress=1.0)) > lip_gap(head, head.v_template) + 3 * MM


@pytest.mark.parametrize("name, landmark, axis, sign", [
    ("mouth_smile", "mouth_corner_left", 1, +1),
    ("mouth_frown", "mouth_corner_left", 1, -1),
    ("lip_spread", "mouth_corner_left", 0, +1),
    ("lip_spread", "mouth_corner_right", 0, -1),
    ("lip_pucker", "mouth_corner_left", 0, -1),
    ("lip_pucker", "lip_outer_top", 2, +1),
    ("lip_funnel", "lip_outer_bottom", 2, +1),
    ("upper_lip_raise", "lip_outer_top", 1, +1),
    ("lower_lip_depress", "lip_outer_bottom", 1, -1),
    ("lower_lip_tuck", "lip_outer_bottom", 2, -1),
    ("jaw_forward", "chin", 2, +1),
])
def test_expression_components_do_what_they_say(head, layer, name, landmark, axis, sign):
    idx = head.landmarks[landmark]
    delta = pose(layer, **{name: 1.0})[idx, axis] - head.v_template[idx, axis]
    assert sign * delta > 1.5 * MM


def test_brow_and_cheek_components_are_local(head, layer):
    rest = head.v_template
    brow = head.region_mask("brow")
    raised = pose(layer, brow_raise=1.0)
    lowered = pose(layer, brow_lower=1.0)
    assert (raised - rest)[brow, 1].mean() > 3 * MM and (lowered - rest)[brow, 1].mean() < -2 * MM
    assert np.abs(raised - rest)[head.region_mask("lips")].max() < 0.1 * MM
    puffed = pose(layer, cheek_puff=1.0)
    lm = head.landmarks
    left_cheek = np.argmax(np.where(head.region_mask("beard"), puffed[:, 0] - rest[:, 0], -1))
    assert puffed[left_cheek, 0] - rest[left_cheek, 0] > 4 * MM
    assert np.abs(puffed - rest)[head.region_mask("hair_cap")].max() < 0.1 * MM
    assert np.abs(puffed[lm["eye_outer_left"]] - rest[lm["eye_outer_left"]]).max() < 0.5 * MM


def test_every_expression_component_is_smooth_and_bounded(head):
    """Displacements are a few millimetres at most and vary smoothly across mesh edges."""
    dirs = head.exprdirs
    edges = np.concatenate([head.faces[:, [0, 1]], head.faces[:, [1, 2]], head.faces[:, [2, 0]]])
    edge_len = np.linalg.norm(head.v_template[edges[:, 0]] - head.v_template[edges[:, 1]], axis=1)
    for k, name in enumerate(EXPRESSION_COMPONENTS):
        magnitude = np.linalg.norm(dirs[:, :, k], axis=1)
        assert 1.5 * MM < magnitude.max() < 12 * MM, name
        jump = np.linalg.norm(dirs[edges[:, 0], :, k] - dirs[edges[:, 1], :, k], axis=1)
        assert np.percentile(jump / np.maximum(edge_len, 1e-4), 99.5) < 1.0, name  # no tearing


def test_identity_components_change_proportions_and_joints_follow(head, layer):
    names = head.metadata["shape_names"]
    rest = head.v_template

    def shaped(name, value=1.0):
        s = torch.zeros(1, head.num_shape)
        s[0, names.index(name)] = value
        return pose(layer, shape=s)

    wide = shaped("head_width")
    span = lambda v: v[:, 0].max() - v[:, 0].min()  # noqa: E731
    head_only = rest[:, 1] > -0.1
    assert span(wide[head_only]) > span(rest[head_only]) + 8 * MM
    long_face = shaped("face_length")
    chin = head.landmarks["chin"]
    assert long_face[chin, 1] < rest[chin, 1] - 8 * MM
    spaced = shaped("eye_spacing")
    joints = head.J_regressor @ spaced
    assert joints[3, 0] - joints[4, 0] > (head.J_regressor @ rest)[3, 0] - (head.J_regressor @ rest)[4, 0] + 4 * MM


def test_regions_and_landmarks_are_complete_and_symmetric(head):
    for name in REGION_NAMES:
        assert head.region_mask(name).sum() > 10, name
    assert set(LANDMARK_NAMES) <= set(head.landmarks)
    v = head.v_template
    lm = head.landmarks
    for a, b in (("mouth_corner_left", "mouth_corner_right"), ("eye_outer_left", "eye_outer_right"),
                 ("eye_inner_left", "eye_inner_right")):
        assert v[lm[a], 0] > 0 > v[lm[b], 0]
        np.testing.assert_allclose(v[lm[a]] * [-1, 1, 1], v[lm[b]], atol=2.5 * MM)
    assert v[lm["nose_tip"], 2] == pytest.approx(v[:, 2].max(), abs=1e-6)
    assert v[lm["chin"], 1] < v[lm["lip_outer_bottom"], 1] < v[lm["lip_outer_top"], 1] < v[lm["nose_tip"], 1]
    mouth_width = v[lm["mouth_corner_left"], 0] - v[lm["mouth_corner_right"], 0]
    assert 40 * MM < mouth_width < 60 * MM
    assert head.region_mask("eye").sum() == head.metadata["parts"]["eye_left"] * 2


def test_a_sequence_in_a_foreign_basis_is_refused(layer):
    t = 3
    seq = FlameSequence(expression=np.zeros((t, 100), np.float32), jaw_pose=np.zeros((t, 3), np.float32),
                        neck_pose=np.zeros((t, 3), np.float32), global_pose=np.zeros((t, 3), np.float32),
                        eye_pose=np.zeros((t, 6), np.float32), fps=25.0, expression_basis="flame2020")
    with pytest.raises(PortraitTalkerError, match="flame2020"):
        layer.check_sequence(seq)
    ok = FlameSequence(expression=np.zeros((t, 52), np.float32), jaw_pose=np.full((t, 3), 0.1, np.float32),
                       neck_pose=np.zeros((t, 3), np.float32), global_pose=np.zeros((t, 3), np.float32),
                       eye_pose=np.zeros((t, 6), np.float32), fps=25.0)
    assert layer.forward_sequence(ok).shape == (t, layer.v_template.shape[0], 3)


def test_eye_pose_turns_only_the_eyeballs(head, layer):
    zeros = torch.zeros(1, 3)
    eyes = torch.tensor([[0.0, 0.3, 0.0, 0.0, 0.3, 0.0]])
    with torch.no_grad():
        verts = layer(torch.zeros(1, 16), zeros, zeros, zeros, eyes)[0].numpy()
    moved = np.linalg.norm(verts - head.v_template, axis=1) > 1e-6
    assert np.array_equal(moved, head.region_mask("eye") & moved) and moved.sum() > 100
    pupil = head.landmarks["pupil_left"]
    assert verts[pupil, 0] > head.v_template[pupil, 0] + 2 * MM  # yaw +0.3 looks towards +x


@pytest.mark.slow
def test_build_is_deterministic_and_structurally_sound():
    """Two draft builds give identical arrays; the skin is closed and faces point outwards."""
    from portraittalker.head.bundled.build import BuildSettings, build_bundled_head
    from portraittalker.head.bundled.meshing import signed_volume

    first, second = (build_bundled_head(BuildSettings.draft()) for _ in range(2))
    for key in ("v_template", "faces", "shapedirs", "exprdirs", "posedirs", "J_regressor", "lbs_weights", "regions"):
        np.testing.assert_array_equal(getattr(first, key), getattr(second, key), err_msg=key)
    assert first.landmarks == second.landmarks
    skin = vertex_parts(first) == Part.SKIN
    skin_faces = first.faces[np.all(skin[first.faces], axis=1)]
    edges = np.sort(np.concatenate([skin_faces[:, [0, 1]], skin_faces[:, [1, 2]], skin_faces[:, [2, 0]]]), axis=1)
    _, counts = np.unique(edges, axis=0, return_counts=True)
    assert np.all(counts >= 2)  # watertight: no open boundary
    assert signed_volume(first.v_template.astype(np.float64), skin_faces) > 0.005  # litres of head, outward
