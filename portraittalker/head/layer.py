"""`FlameLayer`: a thin `nn.Module` that owns a head model's buffers and calls `lbs`."""

from __future__ import annotations

import numpy as np
import torch
from torch import Tensor, nn

from ..errors import PortraitTalkerError
from ..io import FlameSequence
from .lbs import lbs
from .model import HeadModel


class FlameLayer(nn.Module):
    """FLAME parameters -> posed vertices for one `HeadModel`.

    Buffers are float32 and follow the module across devices (`.to(device)`).
    """

    def __init__(self, head: HeadModel):
        super().__init__()
        self.head = head
        self.model_id = head.model_id
        self.num_shape = head.num_shape
        self.num_expression = head.num_expression
        f32 = lambda a: torch.as_tensor(np.asarray(a, dtype=np.float32))  # noqa: E731
        self.register_buffer("v_template", f32(head.v_template))
        self.register_buffer("dirs", f32(np.concatenate([head.shapedirs, head.exprdirs], axis=2)))
        self.register_buffer("posedirs", f32(head.posedirs))
        self.register_buffer("J_regressor", f32(head.J_regressor))
        self.register_buffer("lbs_weights", f32(head.lbs_weights))
        self.register_buffer("parents", torch.as_tensor(np.asarray(head.parents, dtype=np.int64)))
        self.register_buffer("faces", torch.as_tensor(np.asarray(head.faces, dtype=np.int64)))
        # ARKit-52 -> this head's basis; a head without one still skins raw coefficients.
        try:
            retarget, self._retarget_error = head.arkit_retarget(), None
        except PortraitTalkerError as err:
            retarget, self._retarget_error = np.zeros((52, head.num_expression), np.float32), str(err)
        self.register_buffer("arkit_retarget", f32(retarget))

    def _coeffs(self, name: str, value: Tensor | None, width: int, batch: int) -> Tensor:
        """Pad [B,k<=width] coefficients with zeros (FLAME users often pass only the first k)."""
        ref = self.v_template
        if value is None:
            return ref.new_zeros(batch, width)
        if value.ndim != 2 or value.shape[0] != batch or value.shape[1] > width:
            raise PortraitTalkerError(
                f"head model '{self.model_id}': {name} must be [B={batch}, <= {width}], got {tuple(value.shape)}")
        value = value.to(ref)
        return torch.nn.functional.pad(value, (0, width - value.shape[1]))

    def skin(
        self,
        expression: Tensor,
        jaw_pose: Tensor,
        neck_pose: Tensor,
        global_pose: Tensor,
        eye_pose: Tensor,
        shape: Tensor | None = None,
    ) -> tuple[Tensor, Tensor]:
        """Like `forward` but also returns the posed joints [B,J,3]."""
        batch = expression.shape[0]
        for name, value, width in (("jaw_pose", jaw_pose, 3), ("neck_pose", neck_pose, 3),
                                   ("global_pose", global_pose, 3), ("eye_pose", eye_pose, 6)):
            if tuple(value.shape) != (batch, width):
                raise PortraitTalkerError(
                    f"head model '{self.model_id}': {name} must be [{batch},{width}], got {tuple(value.shape)}")
        betas = torch.cat([
            self._coeffs("shape", shape, self.num_shape, batch),
            self._coeffs("expression", expression, self.num_expression, batch),
        ], dim=1)
        # FLAME joint order: global, neck, jaw, eye_left, eye_right
        pose = torch.cat([global_pose, neck_pose, jaw_pose, eye_pose], dim=1).to(self.v_template)
        return lbs(betas, pose, self.v_template, self.dirs, self.posedirs, self.J_regressor,
                   self.parents, self.lbs_weights)

    def forward(
        self,
        expression: Tensor,
        jaw_pose: Tensor,
        neck_pose: Tensor,
        global_pose: Tensor,
        eye_pose: Tensor,
        shape: Tensor | None = None,
    ) -> Tensor:
        """expression [B,<=E], poses [B,3] (eye_pose [B,6]) axis-angle, shape [B,<=S] -> verts [B,V,3]."""
        return self.skin(expression, jaw_pose, neck_pose, global_pose, eye_pose, shape)[0]

    @property
    def retarget_error(self) -> str | None:
        """Why this head cannot play ARKit-52 sequences (no retargeting), or None."""
        return self._retarget_error

    def check_sequence(self, seq: FlameSequence) -> None:
        """Refuse a sequence that is not ARKit-52 (every head plays ARKit-52 via its retargeting)."""
        seq.validate("FLAME sequence")
        if self._retarget_error:
            raise PortraitTalkerError(self._retarget_error)

    def expression_from_arkit(self, arkit_weights: Tensor) -> Tensor:
        """ARKit-52 weights [B,52] -> this head's expression coefficients [B,E]."""
        return arkit_weights.to(self.v_template) @ self.arkit_retarget

    def forward_sequence(self, seq: FlameSequence, frames: slice = slice(None),
                         shape: Tensor | None = None) -> Tensor:
        """Check `seq` and skin frames[`frames`] -> verts [T,V,3]."""
        self.check_sequence(seq)
        t = lambda a: torch.as_tensor(np.asarray(a[frames], dtype=np.float32), device=self.v_template.device)  # noqa: E731
        expression = self.expression_from_arkit(t(seq.expression))
        if shape is not None and shape.shape[0] == 1:
            shape = shape.expand(expression.shape[0], -1)
        return self(expression, t(seq.jaw_pose), t(seq.neck_pose), t(seq.global_pose), t(seq.eye_pose), shape)
