"""Linear blend skinning in numpy: the twin of `lbs.py` and `FlameLayer.forward_sequence` for a
clip's render on the playback path (`render/playback.py`), which runs without torch.

The same formulation, float32 throughout, batch dimension first. Each product is rounded as
torch's x86 CPU build rounds it, so the vertices (and the frames drawn from them) match the
torch path's to the bit but for an occasional last-bit sine (tests/test_playback.py): MKL's
matrix products are fused multiply-adds in order along the shared dimension (`_fma_along`),
its long ones in blocks of `MKL_K_BLOCK` summed afterwards, and torch's own 3x3/4x4 products
are plain products summed in order (`_small_matmul`). Clips pose heads without shape
coefficients (the identity lives in the avatar's `v_template`), so the layer keeps the
expression basis only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..io import FlameSequence
from ..rounding import fma

MKL_K_BLOCK = 192  # MKL's sgemm block along the shared dimension (the joint regressor's 16k vertices)


def _fma_along(a: np.ndarray, b: np.ndarray, terms: list[tuple[np.ndarray, np.ndarray]] | None = None) -> np.ndarray:
    """a [M,K] @ b [K,N] as an MKL sgemm with K within one block: per output, fused multiply-adds
    in order along k. `terms[k]` (`_sparse_terms(b)`): the columns where b[k] is each output's
    first non-zero (a plain product: the sum so far is zero) and those where it comes later;
    zero terms leave a sum as it is. None: dense."""
    acc = np.zeros((b.shape[1], a.shape[0]), dtype=np.float32)  # [N,M]: row gathers are contiguous
    for k in range(a.shape[1]):
        if terms is None:
            acc = fma(acc, b[k, :, None], a[None, :, k])
            continue
        first, later = terms[k]
        acc[first] = b[k, first, None] * a[None, :, k]
        acc[later] = fma(acc[later], b[k, later, None], a[None, :, k])
    return acc.T


def _sparse_terms(b: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per row k of b [K,N]: (columns whose first non-zero is in row k, columns non-zero in row k after an earlier one)."""
    nonzero = b != 0
    first = np.where(nonzero.any(axis=0), np.argmax(nonzero, axis=0), len(b))  # each column's first non-zero row
    return [(np.flatnonzero(nonzero[k] & (first == k)), np.flatnonzero(nonzero[k] & (first < k))) for k in range(len(b))]


def _small_matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a [...,I,K] @ b [...,K,J] for tiny matrices, as torch's CPU loop: products summed in order."""
    return sum(a[..., :, k, None] * b[..., None, k, :] for k in range(a.shape[-1]))


def axis_angle_to_matrix(axis_angle: np.ndarray) -> np.ndarray:
    """Rodrigues' formula, as `lbs.axis_angle_to_matrix`: axis_angle [N,3] -> rotations [N,3,3]."""
    theta2 = (axis_angle * axis_angle).sum(-1, keepdims=True)  # [N,1]
    theta = np.sqrt(np.maximum(theta2, np.float32(1e-12)))
    small = theta2 < 1e-8
    # sin and cos correctly rounded (torch's SLEEF kernels are within one ulp of these)
    sin = np.sin(theta.astype(np.float64)).astype(np.float32)
    cos = np.cos(theta.astype(np.float64)).astype(np.float32)
    a = np.where(small, 1.0 - theta2 / 6.0, sin / theta)
    b = np.where(small, 0.5 - theta2 / 24.0, (1.0 - cos) / np.maximum(theta2, np.float32(1e-12)))
    x, y, z = axis_angle[:, 0], axis_angle[:, 1], axis_angle[:, 2]
    zero = np.zeros_like(x)
    skew = np.stack([zero, -z, y, z, zero, -x, -y, x, zero], axis=-1).reshape(-1, 3, 3)
    eye = np.eye(3, dtype=axis_angle.dtype)
    return eye + a[..., None] * skew + b[..., None] * _small_matmul(skew, skew)


def rigid_transforms(rot_mats: np.ndarray, joints: np.ndarray, parents: np.ndarray) -> np.ndarray:
    """As `lbs.rigid_transforms`, the skinning transforms only: rot_mats [B,J,3,3], joints [B,J,3]
    rest-pose joints, parents [J] (root -1) -> [B,J,3,4] mapping rest-pose points to posed ones."""
    batch, num_joints = joints.shape[:2]
    rel_joints = joints.copy()
    rel_joints[:, 1:] = joints[:, 1:] - joints[:, parents[1:]]
    local = np.zeros((batch, num_joints, 4, 4), dtype=joints.dtype)
    local[..., :3, :3] = rot_mats
    local[..., :3, 3] = rel_joints
    local[..., 3, 3] = 1.0
    chain = [local[:, 0]]
    for j in range(1, num_joints):
        chain.append(_small_matmul(chain[int(parents[j])], local[:, j]))
    world = np.stack(chain, axis=1)  # [B,J,4,4]
    offset = _small_matmul(world[..., :3, :3], joints[..., None])[..., 0]
    skinning = world[..., :3, :].copy()
    skinning[..., :3, 3] = world[..., :3, 3] - offset
    return skinning


@dataclass(frozen=True)
class NumpyLayer:
    """A `FlameLayer`'s buffers as float32 arrays (expression basis only, see the module note),
    posing ARKit-52 sequences like `FlameLayer.forward_sequence`."""

    v_template: np.ndarray      # [V,3]
    exprdirs: np.ndarray        # [V,3,E]
    posedirs: np.ndarray | None  # [(J-1)*9, V*3], None when all zero
    J_regressor: np.ndarray     # [J,V]
    parents: np.ndarray         # [J] int64
    lbs_weights: np.ndarray     # [V,J]
    arkit_retarget: np.ndarray  # [52,E]
    vertex_ids: np.ndarray | None = None  # [V] the mesh's index of each vertex (`restricted`); None: 0..V-1

    def restricted(self, vertices: np.ndarray) -> "NumpyLayer":
        """The layer posing only `vertices` (indices of this layer's) and the joint regressor's
        own, to the bit as this layer poses them: each vertex is skinned on its own, and the
        joints are summed in the same blocks of the mesh's vertex order. Its `vertex_ids` are the
        mesh's indices of the vertices it poses, sorted."""
        ids = np.arange(len(self.v_template)) if self.vertex_ids is None else self.vertex_ids
        keep = self.J_regressor.any(axis=0)  # a mask, not np.union1d: np.unique imports numpy.ma (16 ms)
        keep[np.asarray(vertices, np.int64)] = True
        keep = np.flatnonzero(keep)
        columns = (keep[:, None] * 3 + np.arange(3)).reshape(-1)
        return NumpyLayer(np.ascontiguousarray(self.v_template[keep]), np.ascontiguousarray(self.exprdirs[keep]),
                          None if self.posedirs is None else np.ascontiguousarray(self.posedirs[:, columns]),
                          np.ascontiguousarray(self.J_regressor[:, keep]), self.parents,
                          np.ascontiguousarray(self.lbs_weights[keep]), self.arkit_retarget, ids[keep])

    @cached_property
    def _sparsity(self) -> dict:
        """Where the bases are non-zero (blendshapes touch a few % of the vertices, most vertices
        hang on one joint): the fused multiply-add chains skip the zero terms."""
        num_verts = len(self.v_template)
        dirs = np.ascontiguousarray(self.exprdirs.reshape(num_verts * 3, -1).T)  # [E,V*3]
        weights = self.lbs_weights
        first = np.argmax(weights != 0, axis=1)  # each vertex's first joint with a weight
        later = [np.flatnonzero((weights[:, j] != 0) & (first < j)) for j in range(weights.shape[1])]
        return {"dirs": dirs, "dir_terms": _sparse_terms(dirs),
                "pose_terms": None if self.posedirs is None else _sparse_terms(self.posedirs),
                "joint_blocks": self._joint_blocks(),
                "first_joint": first, "first_weight": weights[np.arange(num_verts), first], "later_rows": later}

    def skin(self, expression: np.ndarray, pose: np.ndarray) -> np.ndarray:
        """As `lbs.lbs` with zero shape coefficients: expression [B,E], pose [B,J*3] axis-angle in
        FLAME joint order -> vertices [B,V,3]."""
        sparse = self._sparsity
        batch, num_verts = expression.shape[0], len(self.v_template)
        num_joints = self.J_regressor.shape[0]
        offsets = _fma_along(expression, sparse["dirs"], sparse["dir_terms"])  # [B,V*3]
        v_shaped = self.v_template[None] + offsets.reshape(batch, num_verts, 3)
        joints = self._regress_joints(v_shaped)
        rot_mats = axis_angle_to_matrix(pose.reshape(-1, 3)).reshape(batch, num_joints, 3, 3)
        v_posed = v_shaped
        if self.posedirs is not None:  # all-zero correctives would add exact zeros
            pose_feature = (rot_mats[:, 1:] - np.eye(3, dtype=np.float32)).reshape(batch, -1)
            v_posed = v_shaped + _fma_along(pose_feature, self.posedirs, sparse["pose_terms"]).reshape(batch, num_verts, 3)
        transforms = rigid_transforms(rot_mats, joints, self.parents).reshape(batch, num_joints, 12).transpose(1, 0, 2)
        # Blend weights x transforms [V,B,12]: per vertex, fused multiply-adds in joint order (the
        # first a plain product; most vertices hang on one joint).
        per_vertex = sparse["first_weight"][:, None, None] * transforms[sparse["first_joint"]]
        for j, rows in enumerate(sparse["later_rows"]):
            per_vertex[rows] = fma(per_vertex[rows], self.lbs_weights[rows, j, None, None], transforms[j][None])
        per_vertex = per_vertex.reshape(num_verts, batch, 3, 4)
        x, y, z = (np.ascontiguousarray(v_posed[..., k].T)[..., None] for k in range(3))  # [V,B,1]
        posed = per_vertex[..., 0] * x + per_vertex[..., 1] * y + per_vertex[..., 2] * z + per_vertex[..., 3]
        return np.ascontiguousarray(posed.transpose(1, 0, 2))

    def _joint_blocks(self) -> list[list[np.ndarray]]:
        """Per joint, its regressor's vertices (this layer's indices) grouped by MKL_K_BLOCK block of
        the mesh's vertex order, blocks in order."""
        ids = self.vertex_ids
        out = []
        for row in self.J_regressor:
            verts = np.flatnonzero(row)
            blocks = (verts if ids is None else ids[verts]) // MKL_K_BLOCK  # verts ascend, so blocks do
            out.append(np.split(verts, np.flatnonzero(np.diff(blocks)) + 1) if len(verts) else [])
        return out

    def _regress_joints(self, v_shaped: np.ndarray) -> np.ndarray:
        """J_regressor [J,V] applied to v_shaped [B,V,3] -> joints [B,J,3], as MKL sums 16k
        vertices: fused multiply-adds in order within blocks of MKL_K_BLOCK, the blocks added."""
        joints = np.zeros((v_shaped.shape[0], len(self.J_regressor), 3), dtype=np.float32)
        for j, blocks in enumerate(self._sparsity["joint_blocks"]):
            for verts in blocks:
                part = np.zeros((v_shaped.shape[0], 3), dtype=np.float32)
                for v in verts:
                    part = fma(part, self.J_regressor[j, v], v_shaped[:, v])
                joints[:, j] = joints[:, j] + part
        return joints

    def forward_sequence(self, seq: FlameSequence, frames: slice = slice(None)) -> np.ndarray:
        """Vertices [T,V,3] of frames[`frames`] of `seq` (checked by the caller: ARKit-52)."""
        f32 = lambda a: np.asarray(a[frames], dtype=np.float32)  # noqa: E731
        expression = _fma_along(f32(seq.expression), self.arkit_retarget)
        # FLAME joint order: global, neck, jaw, eye_left, eye_right
        pose = np.concatenate([f32(seq.global_pose), f32(seq.neck_pose), f32(seq.jaw_pose), f32(seq.eye_pose)], axis=1)
        return self.skin(expression, pose)
