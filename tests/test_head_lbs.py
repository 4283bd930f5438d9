"""The pure LBS functions against independent references."""

from __future__ import annotations

import numpy as np
import torch
from scipy.spatial.transform import Rotation

from portraittalker.head.lbs import axis_angle_to_matrix, lbs, rigid_transforms


def test_axis_angle_matches_scipy_and_has_finite_gradient_at_zero():
    rng = np.random.default_rng(0)
    aa = rng.normal(scale=1.0, size=(64, 3))
    aa[0] = 0.0
    aa[1] = [1e-6, 0.0, 0.0]
    ours = axis_angle_to_matrix(torch.as_tensor(aa)).numpy()
    np.testing.assert_allclose(ours, Rotation.from_rotvec(aa).as_matrix(), atol=1e-10)
    x = torch.zeros(1, 3, dtype=torch.float64, requires_grad=True)
    axis_angle_to_matrix(x).sum().backward()
    assert torch.isfinite(x.grad).all()


def test_two_bone_chain_composes_rotations():
    """Root at the origin, child at (0,1,0): rotating both by 90° about z bends the chain."""
    joints = torch.tensor([[[0.0, 0.0, 0.0], [0.0, 1.0, 0.0]]], dtype=torch.float64)
    quarter = axis_angle_to_matrix(torch.tensor([[0.0, 0.0, np.pi / 2]] * 2, dtype=torch.float64))
    posed, transforms = rigid_transforms(quarter[None], joints, torch.tensor([-1, 0]))
    np.testing.assert_allclose(posed[0, 1].numpy(), [-1.0, 0.0, 0.0], atol=1e-12)
    tip = torch.tensor([0.0, 2.0, 0.0, 1.0], dtype=torch.float64)  # a point one unit beyond the child
    # the child turned 90° with its parent and 90° more itself: its bone now points down -y
    np.testing.assert_allclose((transforms[0, 1] @ tip)[:3].numpy(), [-1.0, -1.0, 0.0], atol=1e-12)


def test_lbs_blends_transforms_and_applies_correctives_in_rest_pose():
    """Two joints, three vertices: one on each joint, one half-and-half."""
    v = torch.tensor([[0.0, 0.5, 0.0], [0.0, 1.5, 0.0], [0.0, 1.0, 0.0]], dtype=torch.float64)
    weights = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]], dtype=torch.float64)
    regressor = torch.tensor([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], dtype=torch.float64)  # child joint at (0,1,0)
    shapedirs = torch.zeros(3, 3, 1, dtype=torch.float64)
    shapedirs[:, 0, 0] = 1.0  # one blendshape: shift everything by +x
    posedirs = torch.zeros(9, 9, dtype=torch.float64)
    pose = torch.tensor([[0.0, 0.0, 0.0, 0.0, 0.0, np.pi / 2]], dtype=torch.float64)
    verts, joints = lbs(torch.tensor([[0.0]], dtype=torch.float64), pose, v, shapedirs, posedirs, regressor,
                        torch.tensor([-1, 0]), weights)
    np.testing.assert_allclose(verts[0, 0].numpy(), [0.0, 0.5, 0.0], atol=1e-12)   # on the root: still
    np.testing.assert_allclose(verts[0, 1].numpy(), [-0.5, 1.0, 0.0], atol=1e-12)  # rotated about the child
    np.testing.assert_allclose(verts[0, 2].numpy(), [0.0, 1.0, 0.0], atol=1e-12)   # at the joint: fixed
    shifted, _ = lbs(torch.tensor([[0.25]], dtype=torch.float64), torch.zeros(1, 6, dtype=torch.float64), v,
                     shapedirs, posedirs, regressor, torch.tensor([-1, 0]), weights)
    np.testing.assert_allclose((shifted[0] - v).numpy(), [[0.25, 0, 0]] * 3, atol=1e-12)
    posedirs[3, 3:6] = torch.tensor([0.0, 0.0, 0.1], dtype=torch.float64)  # R[1,0] = sin θ (about z) moves v1 in z
    corrected, _ = lbs(torch.tensor([[0.0]], dtype=torch.float64), pose, v, shapedirs, posedirs, regressor,
                       torch.tensor([-1, 0]), weights)
    np.testing.assert_allclose((corrected - verts)[0, 1].numpy(), [0.0, 0.0, 0.1], atol=1e-12)
