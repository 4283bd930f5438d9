"""What every clip's render of one avatar derives from the avatar, its head and the render camera,
as plain arrays (a `ClipRig`): the skinning buffers, the GL frame path's mesh attributes, the
camera, the landmarks and the scene. Rule bake_appearance makes it once per avatar with torch
(`clip_rig_for`) and stores it in baked_appearance.npz (`baked.py`); the playback path
(`playback.py`) then renders a clip from it without importing torch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..head.lbs_numpy import NumpyLayer
from .hair_strands import StrandFrames


@dataclass(frozen=True)
class FixedCamera:
    """One render camera as arrays, batch-first like `camera.Camera`: view_projection [B,4,4],
    position [B,3] (head space), image (H, W)."""

    view_projection: np.ndarray
    position: np.ndarray
    image_size: tuple[int, int]

    def expand(self, batch: int) -> "FixedCamera":
        """The camera repeated for a batch of `batch` frames (views, no copies)."""
        return FixedCamera(np.broadcast_to(self.view_projection[:1], (batch, 4, 4)),
                           np.broadcast_to(self.position[:1], (batch, 3)), self.image_size)

    def to_clip(self, points: np.ndarray) -> np.ndarray:
        """points [B,V,3] in head space -> homogeneous clip coordinates [B,V,4] (`Camera.to_clip`)."""
        vp = self.view_projection[0]
        return points @ vp[:, :3].T + vp[:, 3]

    def project(self, points: np.ndarray) -> np.ndarray:
        """points [B,L,3] -> pixel coordinates [B,L,2], x right, y down (`camera.project_points`)."""
        clip = self.to_clip(points)
        ndc = clip[..., :2] / clip[..., 3:4]
        height, width = self.image_size
        return np.stack([(ndc[..., 0] + 1) * 0.5 * width, (1 - ndc[..., 1]) * 0.5 * height], axis=-1)


@dataclass(frozen=True)
class ClipRig:
    """layer: the head's skinning buffers; faces [F,3] int32; occlusion [V,2] visibility of each
    vertex's front and back side (`occlusion.surface_occlusion`); normal_sign (`mesh.outward_sign`); order [F] and sides [F]:
    the GL frame path's shading order and closed surfaces (`HeadRenderer.frame_layout`);
    camera and framing of the renders; landmark names and vertex indices; scene: the avatar's
    `Scene.to_dict()`; avatar: the `avatar_file.avatar_fingerprint` of the avatar it came from;
    strands: the hair's strand directions (`hair_strands.StrandFrames`), None where the head
    has none or the rig was baked before them (the round highlight then)."""

    layer: NumpyLayer
    faces: np.ndarray
    occlusion: np.ndarray
    normal_sign: float
    order: np.ndarray
    sides: np.ndarray
    camera: FixedCamera
    framing: str
    landmark_names: tuple[str, ...]
    landmark_index: np.ndarray
    scene: dict
    avatar: str
    strands: StrandFrames | None = None


def clip_rig_for(renderer, layer, framing: str, scene: dict, avatar: str) -> ClipRig | None:
    """The ClipRig of `renderer` (a HeadRenderer made with `framing`) and `layer` (its head's
    FlameLayer), read off the very tensors the torch path renders with; None for a head that
    cannot play ARKit-52 sequences (the torch path reports why)."""
    if layer.retarget_error:
        return None
    order, sides = renderer.frame_layout()
    camera = renderer.camera
    return ClipRig(
        numpy_layer(layer), _array(renderer.faces, np.int32), _array(renderer.rest_attributes[:, 3:5]), float(renderer.normal_sign),
        np.asarray(order, np.int64), np.asarray(sides, np.int8),
        FixedCamera(_array(camera.view_projection), _array(camera.position), tuple(int(x) for x in camera.image_size)),
        framing, tuple(renderer.landmark_names), _array(renderer.landmark_index, np.int64), dict(scene), avatar,
        getattr(renderer, "strands", None))


def numpy_layer(layer) -> NumpyLayer:
    """The buffers of `layer` (a FlameLayer) as a NumpyLayer: the expression basis only (clips
    pass no shape coefficients), pose correctives only when not all zero."""
    posedirs = _array(layer.posedirs)
    exprdirs = _array(layer.dirs)[:, :, layer.num_shape:]
    return NumpyLayer(_array(layer.v_template), np.ascontiguousarray(exprdirs), posedirs if posedirs.any() else None,
                      _array(layer.J_regressor), _array(layer.parents, np.int64), _array(layer.lbs_weights),
                      _array(layer.arkit_retarget))


def _array(tensor, dtype=np.float32) -> np.ndarray:
    return np.ascontiguousarray(tensor.detach().cpu().numpy(), dtype=dtype)
