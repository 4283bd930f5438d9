"""Pinhole cameras in head space (metres, y up, the subject looks towards +z).

OpenGL conventions: the camera looks down its own -z, clip space is [-1,1]^3, and pixel
coordinates put (0, 0) at the top-left corner of the picture with pixel centres at +0.5.
Portrait framing starts from facial landmarks (eyes, chin) and places an orbit camera on
the subject's front axis; turntables and training views vary the orbit's yaw and pitch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import torch

from ..config import FRAMINGS


@dataclass(frozen=True)
class Camera:
    """A batch of cameras: world_to_camera [B,4,4], projection [B,4,4], image (H, W)."""

    world_to_camera: torch.Tensor
    projection: torch.Tensor
    image_size: tuple[int, int]

    @property
    def batch_size(self) -> int:
        return int(self.world_to_camera.shape[0])

    @property
    def view_projection(self) -> torch.Tensor:
        return self.projection @ self.world_to_camera

    @property
    def position(self) -> torch.Tensor:
        """Camera centres in world space [B,3]."""
        rot = self.world_to_camera[:, :3, :3]
        trans = self.world_to_camera[:, :3, 3:]
        return -(rot.transpose(1, 2) @ trans)[..., 0]

    def expand(self, batch_size: int) -> "Camera":
        """Broadcast a single camera to `batch_size` (a batch of that size is returned as is)."""
        if self.batch_size == batch_size:
            return self
        if self.batch_size != 1:
            raise ValueError(f"cannot broadcast {self.batch_size} cameras to a batch of {batch_size}")
        return replace(
            self,
            world_to_camera=self.world_to_camera.expand(batch_size, 4, 4),
            projection=self.projection.expand(batch_size, 4, 4),
        )

    def index(self, items: slice | torch.Tensor | list[int]) -> "Camera":
        return replace(self, world_to_camera=self.world_to_camera[items], projection=self.projection[items])

    def to(self, device: torch.device | str) -> "Camera":
        return replace(self, world_to_camera=self.world_to_camera.to(device), projection=self.projection.to(device))

    def to_clip(self, points: torch.Tensor) -> torch.Tensor:
        """points [B,V,3] in world space -> homogeneous clip coordinates [B,V,4]."""
        homo = torch.cat([points, torch.ones_like(points[..., :1])], dim=-1)
        return homo @ self.view_projection.to(points).transpose(1, 2)


def perspective(fov_y_deg: torch.Tensor, aspect: float, near: torch.Tensor, far: torch.Tensor) -> torch.Tensor:
    """OpenGL projection matrices [B,4,4] from vertical field of view (degrees) and clip planes [B]."""
    f = 1.0 / torch.tan(torch.deg2rad(fov_y_deg) / 2)
    proj = torch.zeros((*f.shape, 4, 4), dtype=f.dtype)
    proj[..., 0, 0] = f / aspect
    proj[..., 1, 1] = f
    proj[..., 2, 2] = (far + near) / (near - far)
    proj[..., 2, 3] = 2 * far * near / (near - far)
    proj[..., 3, 2] = -1.0
    return proj


def look_at(eye: torch.Tensor, target: torch.Tensor, up: tuple[float, float, float] = (0.0, 1.0, 0.0)) -> torch.Tensor:
    """World-to-camera matrices [B,4,4] for cameras at eye [B,3] looking at target [B,3]."""
    forward = torch.nn.functional.normalize(target - eye, dim=-1)
    up_t = torch.tensor(up, dtype=eye.dtype).expand_as(forward)
    right = torch.nn.functional.normalize(torch.cross(forward, up_t, dim=-1), dim=-1)
    true_up = torch.cross(right, forward, dim=-1)
    rot = torch.stack([right, true_up, -forward], dim=-2)  # rows: camera axes in world space
    view = torch.eye(4, dtype=eye.dtype).repeat(*eye.shape[:-1], 1, 1)
    view[..., :3, :3] = rot
    view[..., :3, 3] = -(rot @ eye[..., None])[..., 0]
    return view


@dataclass(frozen=True)
class Orbit:
    """A camera on a sphere around `target` (metres): yaw 0 / pitch 0 is straight in front
    (+z), positive yaw swings towards the subject's left (+x), positive pitch looks down
    from above. `depth_margin` is the scene depth kept either side of the target."""

    target: tuple[float, float, float]
    distance: float
    fov_y_deg: float = 20.0
    yaw_deg: float = 0.0
    pitch_deg: float = 0.0
    depth_margin: float = 0.6


def orbit_cameras(
    orbit: Orbit,
    size: tuple[int, int],
    yaw_deg: torch.Tensor | None = None,
    pitch_deg: torch.Tensor | None = None,
    distance: torch.Tensor | None = None,
) -> Camera:
    """Cameras [B] on `orbit`, with optional per-camera yaw/pitch (degrees) and distance [B]."""
    yaw = torch.as_tensor(orbit.yaw_deg if yaw_deg is None else yaw_deg, dtype=torch.float32).reshape(-1)
    pitch = torch.as_tensor(orbit.pitch_deg if pitch_deg is None else pitch_deg, dtype=torch.float32).reshape(-1)
    dist = torch.as_tensor(orbit.distance if distance is None else distance, dtype=torch.float32).reshape(-1)
    yaw, pitch, dist = torch.broadcast_tensors(yaw, pitch, dist)
    yaw_r, pitch_r = torch.deg2rad(yaw), torch.deg2rad(pitch)
    direction = torch.stack([torch.sin(yaw_r) * torch.cos(pitch_r), torch.sin(pitch_r), torch.cos(yaw_r) * torch.cos(pitch_r)], -1)
    target = torch.tensor(orbit.target, dtype=torch.float32).expand_as(direction)
    eye = target + dist[:, None] * direction
    near = (dist - orbit.depth_margin).clamp_min(0.02)
    far = dist + orbit.depth_margin
    fov = torch.full_like(dist, orbit.fov_y_deg)
    height, width = size
    return Camera(look_at(eye, target), perspective(fov, width / height, near, far), (height, width))


TOP_MARGIN = 0.1       # face heights of room kept above the head's top (hair, hat) ...
MAX_TOP_EXTRA = 0.5    # ... by raising the frame's top edge at most this far (the face shrinks by up to 11%)


def portrait_orbit(
    verts_rest: np.ndarray,
    landmarks: dict[str, int] | None = None,
    framing: str = "upper_body",
    fov_y_deg: float = 20.0,
) -> Orbit:
    """A frontal orbit that frames a head: verts_rest [V,3] (head space), `landmarks` the
    vertex indices of a head model (eye corners, chin). Without those landmarks the face is
    estimated from the bounding box of the mesh (e.g. a real FLAME file).

    "head": the head fills the frame, eyes ~41% from the top. "upper_body": head and
    shoulders, eyes ~32% from the top, as in an interview shot.
    """
    if framing not in FRAMINGS:
        from ..errors import PortraitTalkerError

        raise PortraitTalkerError(f"framing '{framing}' is unknown (choose one of {', '.join(FRAMINGS)})")
    verts_rest = np.asarray(verts_rest, dtype=np.float64)
    landmarks = landmarks or {}
    eye_names = [n for n in ("eye_outer_left", "eye_outer_right", "eye_inner_left", "eye_inner_right") if n in landmarks]
    if eye_names and "chin" in landmarks:
        eyes = verts_rest[[landmarks[n] for n in eye_names]].mean(axis=0)
        chin = verts_rest[landmarks["chin"]]
        face_height = max(float(eyes[1] - chin[1]), 1e-3)  # eye line to chin
        centre_x, eye_y, front_z = float(eyes[0]), float(eyes[1]), float(eyes[2])
    else:
        lo, hi = verts_rest.min(axis=0), verts_rest.max(axis=0)
        face_height = 0.38 * float(hi[1] - lo[1])
        centre_x, eye_y, front_z = float((lo[0] + hi[0]) / 2), float(hi[1]) - face_height, float(hi[2])
    # Frame height, and how far above the eye line the top edge of the frame sits (face heights).
    frame_h, top_above_eyes = (4.2, 1.35) if framing == "upper_body" else (2.8, 1.15)
    if eye_names and "chin" in landmarks:
        # a tall top (an afro, a bun, a top hat) widens the frame upwards, within reason, rather than
        # being cut off by its edge; the frame's bottom edge stays where it was on the body
        top = (float(verts_rest[:, 1].max()) - eye_y) / face_height + TOP_MARGIN
        extra = float(np.clip(top - top_above_eyes, 0.0, MAX_TOP_EXTRA))
        frame_h, top_above_eyes = frame_h + extra, top_above_eyes + extra
    target_y = eye_y + (top_above_eyes - frame_h / 2) * face_height
    target_z = front_z - 0.8 * face_height  # roughly the middle of the skull
    distance = frame_h * face_height / 2 / math.tan(math.radians(fov_y_deg) / 2)
    margin = max(0.35, 4.0 * face_height)
    return Orbit((centre_x, target_y, target_z), distance, fov_y_deg, depth_margin=margin)


def turntable_cameras(orbit: Orbit, num_frames: int, size: tuple[int, int], pitch_deg: float = 5.0) -> Camera:
    """`num_frames` cameras circling the subject once, starting in front."""
    yaw = torch.arange(num_frames, dtype=torch.float32) * (360.0 / num_frames)
    return orbit_cameras(orbit, size, yaw_deg=yaw, pitch_deg=torch.full_like(yaw, pitch_deg))


def random_cameras(
    orbit: Orbit,
    num: int,
    size: tuple[int, int],
    generator: torch.Generator | None = None,
    yaw_range_deg: float = 40.0,
    pitch_range_deg: float = 15.0,
    distance_jitter: float = 0.15,
) -> Camera:
    """Training views: yaw and pitch uniform in ±range, distance scaled by 1 ± jitter."""
    u = torch.rand((num, 3), generator=generator) * 2 - 1
    return orbit_cameras(
        orbit,
        size,
        yaw_deg=u[:, 0] * yaw_range_deg,
        pitch_deg=u[:, 1] * pitch_range_deg,
        distance=orbit.distance * (1 + distance_jitter * u[:, 2]),
    )


def project_points(points: torch.Tensor, camera: Camera) -> torch.Tensor:
    """points [B,L,3] in world space -> pixel coordinates [B,L,2] (x right, y down, origin at
    the top-left corner of the picture)."""
    clip = camera.to_clip(points)
    ndc = clip[..., :2] / clip[..., 3:4]
    height, width = camera.image_size
    x = (ndc[..., 0] + 1) * 0.5 * width
    y = (1 - ndc[..., 1]) * 0.5 * height
    return torch.stack([x, y], dim=-1)
