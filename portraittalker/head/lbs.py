"""Linear blend skinning for FLAME-layout heads, as pure functions of tensors.

Follows the FLAME / SMPL formulation: blendshapes in the rest pose, joints regressed from the
shaped mesh, pose correctives from (R - I) of every non-root joint, then rigid transforms
along the kinematic tree blended per vertex. Batch dimension first everywhere.
"""

from __future__ import annotations

import torch
from torch import Tensor


def axis_angle_to_matrix(axis_angle: Tensor) -> Tensor:
    """Rodrigues' formula. axis_angle [N,3] radians -> rotation matrices [N,3,3].

    Uses the Taylor-safe form so the gradient at zero rotation is finite.
    """
    theta2 = (axis_angle * axis_angle).sum(-1, keepdim=True)  # [N,1]
    theta = torch.sqrt(theta2.clamp_min(1e-12))
    small = theta2 < 1e-8
    # sin(t)/t and (1-cos(t))/t^2, with their series near zero
    a = torch.where(small, 1.0 - theta2 / 6.0, torch.sin(theta) / theta)
    b = torch.where(small, 0.5 - theta2 / 24.0, (1.0 - torch.cos(theta)) / theta2.clamp_min(1e-12))
    x, y, z = axis_angle.unbind(-1)
    zero = torch.zeros_like(x)
    skew = torch.stack([zero, -z, y, z, zero, -x, -y, x, zero], dim=-1).view(-1, 3, 3)
    eye = torch.eye(3, dtype=axis_angle.dtype, device=axis_angle.device).expand_as(skew)
    return eye + a[..., None] * skew + b[..., None] * (skew @ skew)


def blend_shapes(coeffs: Tensor, dirs: Tensor) -> Tensor:
    """coeffs [B,K], dirs [V,3,K] -> per-vertex offsets [B,V,3]."""
    return torch.einsum("bk,vck->bvc", coeffs, dirs)


def rigid_transforms(rot_mats: Tensor, joints: Tensor, parents: Tensor) -> tuple[Tensor, Tensor]:
    """Compose joint rotations along the kinematic tree.

    rot_mats [B,J,3,3], joints [B,J,3] rest-pose joint positions, parents [J] (root = -1).
    Returns posed joints [B,J,3] and skinning transforms [B,J,4,4] that map rest-pose points
    to posed points (the rest-pose joint position already removed).
    """
    batch, num_joints = joints.shape[:2]
    rel_joints = joints.clone()
    rel_joints[:, 1:] = joints[:, 1:] - joints[:, parents[1:]]
    local = torch.zeros(batch, num_joints, 4, 4, dtype=joints.dtype, device=joints.device)
    local[..., :3, :3] = rot_mats
    local[..., :3, 3] = rel_joints
    local[..., 3, 3] = 1.0
    chain = [local[:, 0]]
    for j in range(1, num_joints):
        chain.append(chain[int(parents[j])] @ local[:, j])
    world = torch.stack(chain, dim=1)  # [B,J,4,4]
    posed_joints = world[..., :3, 3]
    # subtract the transformed rest joint so the transform acts on rest-pose coordinates
    offset = (world[..., :3, :3] @ joints[..., None])[..., 0]
    skinning = world.clone()
    skinning[..., :3, 3] = world[..., :3, 3] - offset
    return posed_joints, skinning


def lbs(
    betas: Tensor,
    pose: Tensor,
    v_template: Tensor,
    shapedirs: Tensor,
    posedirs: Tensor,
    J_regressor: Tensor,
    parents: Tensor,
    lbs_weights: Tensor,
) -> tuple[Tensor, Tensor]:
    """Skin a FLAME-layout head.

    betas [B,K] (identity and expression coefficients, concatenated like FLAME's),
    pose [B,J*3] axis-angle per joint in FLAME order, v_template [V,3], shapedirs [V,3,K],
    posedirs [(J-1)*9, V*3], J_regressor [J,V], parents [J], lbs_weights [V,J].
    Returns vertices [B,V,3] and posed joints [B,J,3].
    """
    batch = betas.shape[0]
    num_joints = J_regressor.shape[0]
    v_shaped = v_template[None] + blend_shapes(betas, shapedirs)
    joints = torch.einsum("jv,bvc->bjc", J_regressor, v_shaped)

    rot_mats = axis_angle_to_matrix(pose.reshape(-1, 3)).view(batch, num_joints, 3, 3)
    eye = torch.eye(3, dtype=pose.dtype, device=pose.device)
    pose_feature = (rot_mats[:, 1:] - eye).reshape(batch, -1)  # [B,(J-1)*9]
    v_posed = v_shaped + (pose_feature @ posedirs).view(batch, -1, 3)

    posed_joints, transforms = rigid_transforms(rot_mats, joints, parents)
    per_vertex = torch.einsum("vj,bjrc->bvrc", lbs_weights, transforms)  # [B,V,4,4]
    verts = (per_vertex[..., :3, :3] @ v_posed[..., None])[..., 0] + per_vertex[..., :3, 3]
    return verts, posed_joints
