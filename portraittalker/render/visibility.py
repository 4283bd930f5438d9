"""Faces an avatar's clips can show, decided once per avatar (the rest are left out of every frame).

On a dressed avatar about two thirds of the mesh never reaches a pixel in any frame a clip
makes: the scalp under the hair, the body under the garment, the backs of garment and hair.
llvmpipe pays most of a triangle's cost before it is culled or loses the depth test, so
hidden faces must leave the index buffers. The speech and motion stage moves the head only a
little (`speech/motion.py`: neck and torso wander, nods, gaze shifts; the jaw up to
`arkit.JAW_OPEN_MAX_RAD`), and the camera is fixed per render size and framing, so the faces
that can be seen are found once: face-id passes over poses spanning a `PoseEnvelope` (box
corners of the head and torso rotations, the jaw shut and wide open, random ARKit
expressions, gaze extremes), at the frame path's own sample positions (pixel centres in
the shading order, the 4x MSAA samples of the coverage pass's facing faces), their union
grown by mesh rings. A frame whose pose lies outside the recorded envelope, or another
camera, draws every face.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..arkit import JAW_OPEN_MAX_RAD, NUM_ARKIT
from ..io import FLAME_KEYS, POSE_WIDTHS

WIDTHS = {"expression": NUM_ARKIT, **POSE_WIDTHS}
# Parts whose visibility depends on the whole 52-weight expression space, which a few hundred
# poses sample thinly: the mouth interior through parted lips, and beards (a wild mouth shape
# can show a beard shell's inside at the lip corners: missed by 128 and by 256 sampled poses
# on a bearded avatar, while everything else held). Always kept; a few thousand faces at most.
ALWAYS_KEPT_REGIONS = ("teeth", "tongue", "mouth_cavity", "beard", "facial_hair", "glasses", "lenses", "braces",
                       "teeth_gold", "teeth_silver")
DEFAULT_POSES = 128
DEFAULT_RINGS = 2
PROBE_POSES = (1, 2)  # of envelope_poses: two box corners, jaw shut and open
PROBE_STRIDE = 16     # every 16th vertex


def _pose(layer, poses: dict[str, np.ndarray], index):
    """Vertices [N,V,3] (a tensor) of `layer` (a FlameLayer) in the poses[index] (ARKit expressions)."""
    import torch

    part = {k: torch.from_numpy(np.ascontiguousarray(v[index])) for k, v in poses.items()}
    with torch.no_grad():
        expression = layer.expression_from_arkit(part["expression"])
        return layer(expression, part["jaw_pose"], part["neck_pose"], part["global_pose"], part["eye_pose"]).float().cpu()


@dataclass(frozen=True)
class PoseEnvelope:
    """Per-component bounds of the FLAME parameters of a frame: lo, hi [67] in FLAME_KEYS order
    (expression 52 ARKit weights, jaw 3, neck 3, global 3, eye 6; axis-angle radians)."""

    lo: np.ndarray
    hi: np.ndarray

    @staticmethod
    def from_bounds(**bounds: tuple[list[float] | float, list[float] | float]) -> "PoseEnvelope":
        lo, hi = [], []
        for key in FLAME_KEYS:
            a, b = bounds.get(key, (0.0, 0.0))
            lo.append(np.broadcast_to(np.asarray(a, np.float32), (WIDTHS[key],)))
            hi.append(np.broadcast_to(np.asarray(b, np.float32), (WIDTHS[key],)))
        return PoseEnvelope(np.concatenate(lo), np.concatenate(hi))

    def split(self, values: np.ndarray) -> dict[str, np.ndarray]:
        """[..., 67] -> {FLAME key: [..., width]}."""
        out, start = {}, 0
        for key in FLAME_KEYS:
            out[key] = values[..., start:start + WIDTHS[key]]
            start += WIDTHS[key]
        return out

    def contains(self, seq, frames: slice = slice(None)) -> np.ndarray:
        """Per frame [T] of `seq` (a FlameSequence) [frames]: every parameter within bounds."""
        values = np.concatenate([np.asarray(getattr(seq, k)[frames], np.float32) for k in FLAME_KEYS], axis=1)
        return ((values >= self.lo - 1e-6) & (values <= self.hi + 1e-6)).all(axis=1)


def speech_envelope() -> PoseEnvelope:
    """What `speech/predict.py` writes, with a margin: ARKit weights in [0,1]; the jaw opened up
    to JAW_OPEN_MAX_RAD; neck = wander (pitch, yaw, roll 1 sigma 0.02, 0.035, 0.012 rad) plus
    nods (pitch, 0.06 rad a stress); torso = a quarter of another wander; gaze shifts (pitch,
    yaw sigma 0.02, 0.04). Each wander is divided by its standard deviation over the clip, which
    inflates it on short clips (a 4 s clip's torso turned 0.22 rad): over 400 generated clips of
    1.5-10 s, 99.3 % of frames lie inside these bounds (97.3 % inside half of them). A frame
    outside draws every face."""
    return PoseEnvelope.from_bounds(
        expression=(0.0, 1.0),
        jaw_pose=([0.0, 0.0, 0.0], [JAW_OPEN_MAX_RAD, 0.0, 0.0]),
        neck_pose=([-0.2, -0.35, -0.15], [0.3, 0.35, 0.15]),
        global_pose=([-0.1, -0.25, -0.06], [0.1, 0.25, 0.06]),
        eye_pose=([-0.12, -0.2, 0.0] * 2, [0.12, 0.2, 0.0] * 2),
    )


def envelope_poses(envelope: PoseEnvelope, count: int = DEFAULT_POSES, seed: int = 0) -> dict[str, np.ndarray]:
    """`count` poses {FLAME key: [N, width]} spanning `envelope`: the neutral pose; the 8 corners
    of the neck box with the torso at the same corner (the largest turns) and at the opposite
    one (head against body), jaw alternately shut and wide open; then uniform draws with each
    parameter at one of its bounds 30 % of the time. ARKit weights: sparse random expressions
    (a quarter of them drawn, a tenth at the top); eyes from the gaze box, both alike or not."""
    rng = np.random.default_rng(seed)
    lo, hi = envelope.lo.astype(np.float64), envelope.hi.astype(np.float64)
    u = rng.random((count, len(lo)))
    snap = rng.random((count, len(lo)))
    u = np.where(snap < 0.15, 0.0, np.where(snap < 0.3, 1.0, u))
    parts = envelope.split(u)
    expr = parts["expression"]
    pick = rng.random(expr.shape)
    expr[:] = np.where(pick < 0.1, 1.0, np.where(pick < 0.25, expr, 0.0))
    same_gaze = rng.random(count) < 0.5
    parts["eye_pose"][same_gaze, 3:] = parts["eye_pose"][same_gaze, :3]
    corners = ((np.arange(8)[:, None] >> np.arange(3)) & 1).astype(np.float64)  # [8,3]
    for i in range(min(count - 1, 16)):
        corner = corners[i % 8]
        parts["neck_pose"][i + 1] = corner
        parts["global_pose"][i + 1] = corner if i < 8 else 1.0 - corner
        parts["jaw_pose"][i + 1] = 1.0 if i % 2 else 0.0
    u[0] = 0.0
    values = lo + u * (hi - lo)
    values[0] = np.clip(0.0, lo, hi)  # neutral
    return {k: v.astype(np.float32) for k, v in envelope.split(values).items()}


def grow_faces(faces: np.ndarray, keep: np.ndarray, rings: int) -> np.ndarray:
    """Face mask [F] grown by `rings` rings of faces sharing a vertex."""
    faces = np.asarray(faces, dtype=np.int64)
    keep = keep.copy()
    for _ in range(rings):
        touched = np.zeros(int(faces.max()) + 1, dtype=bool)
        touched[faces[keep].reshape(-1)] = True
        keep = touched[faces].any(axis=1)
    return keep


@dataclass(frozen=True)
class FaceVisibility:
    """faces [K] int32 (sorted face indices) that can be seen from `view_projection` [4,4] at
    `image_size` (H, W) in any pose inside `envelope`; `poses`, `rings`: how it was found;
    `probe` [2,K,3]: every PROBE_STRIDE-th vertex in two of those poses, so a rig that poses
    differently (a changed head model or retargeting under the same rest mesh) is noticed."""

    faces: np.ndarray
    envelope: PoseEnvelope
    view_projection: np.ndarray
    image_size: tuple[int, int]
    poses: int
    rings: int
    probe: np.ndarray | None = None

    def rig_matches(self, layer, atol: float = 1e-5) -> bool:
        """Whether `layer` (a FlameLayer) poses the probe vertices as when the set was found
        (to `atol` metres: float differences between machines pass, another rig does not)."""
        if self.probe is None:
            return True
        verts = _pose(layer, envelope_poses(self.envelope, self.poses), list(PROBE_POSES))[:, ::PROBE_STRIDE]
        return verts.shape == self.probe.shape and bool(np.allclose(verts.numpy(), self.probe, rtol=0, atol=atol))

    def matches(self, camera) -> bool:
        """Whether every camera of the batch `camera` (a render.camera.Camera, or anything with
        image_size and view_projection [B,4,4]) is the recorded one."""
        if tuple(camera.image_size) != tuple(self.image_size):
            return False
        vp = camera.view_projection
        vp = (vp.detach().cpu().numpy() if hasattr(vp, "detach") else np.asarray(vp)).reshape(-1, 4, 4)
        return bool(np.allclose(vp, self.view_projection[None], rtol=1e-5, atol=1e-7))


def visible_faces(renderer, layer, envelope: PoseEnvelope | None = None, count: int = DEFAULT_POSES,
                  rings: int = DEFAULT_RINGS, seed: int = 0, batch: int = 8) -> FaceVisibility:
    """The faces of `renderer`'s head (a HeadRenderer on EGL) that reach a sample of its
    default camera's frames in poses spanning `envelope` (default `speech_envelope`), posed by
    `layer` (its FlameLayer), grown by `rings` mesh rings, plus ALWAYS_KEPT_REGIONS."""
    import torch

    from .mesh import face_normals

    envelope = envelope or speech_envelope()
    poses = envelope_poses(envelope, count, seed)
    frames = renderer.gl_frames()
    faces_np = renderer.faces.cpu().numpy()
    seen = np.zeros(len(faces_np), dtype=bool)
    camera = renderer.camera
    with torch.no_grad():
        for start in range(0, count, batch):
            verts = _pose(layer, poses, slice(start, start + batch))
            cams = camera.expand(verts.shape[0])
            face_n = (face_normals(verts, renderer.faces.cpu()) * renderer.normal_sign).numpy()
            seen |= frames.seen_faces(cams.to_clip(verts).numpy(), verts.numpy(), cams.position.numpy(), face_n,
                                      camera.image_size)
    seen = grow_faces(faces_np, seen, rings)
    regions, names = getattr(renderer, "regions", None), getattr(renderer, "region_names", None)
    if regions is not None and names is not None:
        kept = [names.index(n) for n in ALWAYS_KEPT_REGIONS if n in names]
        if kept:
            seen |= np.isin(np.asarray(regions)[faces_np], kept).any(axis=1)
    vp = camera.view_projection.detach().cpu().numpy()[0].astype(np.float32)
    probe = _pose(layer, poses, list(PROBE_POSES))[:, ::PROBE_STRIDE].numpy() if count > max(PROBE_POSES) else None
    return FaceVisibility(np.flatnonzero(seen).astype(np.int32), envelope, vp, tuple(camera.image_size), count, rings, probe)
