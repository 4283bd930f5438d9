"""A head's rig in glTF terms: joints, skin weights, ARKit morph targets, joint rotations.

glTF skinning is linear blend skinning: a vertex moves by sum_j w_j * (world_j @ IBM_j).
With joint nodes at the rest joints (translation = offset from the parent joint, identity
rest rotation) and inverse bind matrices that translate by -rest_joint, world_j @ IBM_j is
exactly the FLAME skinning transform `lbs.rigid_transforms` builds, so an engine reproduces
the project's skinning. Not carried over: FLAME's pose-corrective blendshapes (`posedirs`;
millimetres on the bundled head) and identity shape coefficients (the mesh is the template).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from ..arkit import ARKIT_NAMES, JAW_JOINT_NAMES, JAW_OPEN_MAX_RAD, arkit_index
from ..head.model import JOINT_NAMES, HeadModel

# glTF node names of the FLAME joints: FLAME's root ("global") sits at the base of the neck and
# turns neck and head; its "neck" joint turns the head on the neck. Engines call these neck/head.
JOINT_NODE_NAMES: dict[str, str] = {
    "global": "neck", "neck": "head", "jaw": "jaw", "eye_left": "eye_left", "eye_right": "eye_right",
}
INFLUENCES = 4  # glTF JOINTS_0 / WEIGHTS_0 carry four influences per vertex


@dataclass(frozen=True)
class Skeleton:
    """names [J] (glTF node names), parents [J] (root -1), rest_joints [J,3] metres,
    local_translation [J,3] (from the parent joint), inverse_bind [J,4,4] (column vectors)."""

    names: tuple[str, ...]
    parents: np.ndarray
    rest_joints: np.ndarray
    local_translation: np.ndarray
    inverse_bind: np.ndarray


def skeleton(head: HeadModel) -> Skeleton:
    rest = (head.J_regressor @ head.v_template).astype(np.float32)
    parents = np.asarray(head.parents, np.int64)
    local = rest.copy()
    local[1:] = rest[1:] - rest[parents[1:]]
    inverse_bind = np.tile(np.eye(4, dtype=np.float32), (len(rest), 1, 1))
    inverse_bind[:, :3, 3] = -rest
    names = tuple(JOINT_NODE_NAMES.get(n, n) for n in JOINT_NAMES)
    return Skeleton(names, parents, rest, local, inverse_bind)


def skin_influences(lbs_weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """lbs_weights [V,J] -> (joints uint8 [V,4], weights float32 [V,4] summing to 1).

    The four largest weights per vertex, renormalised (FLAME-layout heads have at most five
    joints and rarely more than two per vertex, so nothing is lost in practice).
    """
    weights = np.asarray(lbs_weights, np.float64)
    num_joints = weights.shape[1]
    if num_joints < INFLUENCES:
        weights = np.pad(weights, ((0, 0), (0, INFLUENCES - num_joints)))
    order = np.argsort(-weights, axis=1, kind="stable")[:, :INFLUENCES]
    top = np.take_along_axis(weights, order, axis=1).clip(min=0.0)
    top /= np.maximum(top.sum(1, keepdims=True), 1e-12)
    joints = np.where(top > 0, order, 0).astype(np.uint8)  # unused slots point at joint 0, weight 0
    return joints, top.astype(np.float32)


def jaw_open_offsets(head: HeadModel) -> np.ndarray:
    """[V,3] rest-pose offsets of opening the jaw joint fully (jawOpen = 1, arkit.py), from the
    project's own skinning (pose correctives included)."""
    from ..head.layer import FlameLayer

    layer = FlameLayer(head)
    zeros3 = torch.zeros(2, 3)
    jaw = zeros3.clone()
    jaw[1, 0] = JAW_OPEN_MAX_RAD
    with torch.no_grad():
        verts = layer(torch.zeros(2, head.num_expression), jaw, zeros3, zeros3, torch.zeros(2, 6))
    return (verts[1] - verts[0]).numpy()


def arkit_morph_targets(head: HeadModel) -> np.ndarray:
    """[52,V,3] position offsets, one per ARKit name (ARKit order).

    Morph k = sum_e arkit_retarget[k,e] * exprdirs[:,:,e]. `jawOpen` is moved by the jaw joint
    in this project (a head applies one of the two), so its morph holds that joint's full
    opening baked as a shape: ARKit-driven engines (Live Link Face, Audio2Face) open the mouth
    with it, while the exported clip animation turns the jaw joint and keeps it at 0.
    """
    retarget = head.arkit_retarget().astype(np.float64)  # [52,E]
    morphs = np.einsum("ke,vce->kvc", retarget, np.asarray(head.exprdirs, np.float64)).astype(np.float32)
    for name in JAW_JOINT_NAMES:
        morphs[arkit_index(name)] = jaw_open_offsets(head)
    assert morphs.shape[0] == len(ARKIT_NAMES)
    return morphs


def axis_angle_to_quaternion(axis_angle: np.ndarray) -> np.ndarray:
    """[N,3] radians -> unit quaternions [N,4] in glTF order (x, y, z, w)."""
    axis_angle = np.asarray(axis_angle, np.float64)
    angle = np.linalg.norm(axis_angle, axis=-1, keepdims=True)
    # sin(a/2)/a with its series near zero, so tiny rotations stay exact
    scale = np.where(angle > 1e-8, np.sin(angle / 2) / np.maximum(angle, 1e-12), 0.5 - angle**2 / 48)
    quat = np.concatenate([axis_angle * scale, np.cos(angle / 2)], axis=-1)
    return (quat / np.linalg.norm(quat, axis=-1, keepdims=True)).astype(np.float32)
