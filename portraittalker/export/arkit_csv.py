"""`arkit.csv`: a FLAME sequence in the Live Link Face CSV layout (one place for this format).

Columns: `Timecode`, `BlendShapeCount`, the 52 ARKit weights under their capitalised names
(`arkit.LIVE_LINK_NAMES`, ARKit order), then head and eye rotations (`arkit.LIVE_LINK_POSE_COLUMNS`).
One row per video frame, the same frames as `flame.npz`.

- `Timecode` is `HH:MM:SS:FF.fff` from the clip start: FF the frame within the second at the
  clip's fps, .fff the sub-frame fraction (non-integer rates such as 23.976 fps).
- `BlendShapeCount` is 61 (52 weights + 9 rotations), as the app writes it.
- Rotations are yaw, pitch, roll in radians / pi (so in [-1, 1]) about FLAME's axes: pitch about
  +x (positive nods down), yaw about +y (positive turns toward the subject's left), roll about +z
  (the face's forward axis). The head is global_pose followed by neck_pose; each eye is its
  eye_pose, relative to the head.
"""

from __future__ import annotations

import csv
import math
import os
from pathlib import Path

import numpy as np

from ..arkit import LIVE_LINK_NAMES, LIVE_LINK_POSE_COLUMNS, NUM_ARKIT
from ..errors import PortraitTalkerError
from ..io import FlameSequence, atomic_path

HEADER: tuple[str, ...] = ("Timecode", "BlendShapeCount", *LIVE_LINK_NAMES, *LIVE_LINK_POSE_COLUMNS)
BLENDSHAPE_COUNT = NUM_ARKIT + len(LIVE_LINK_POSE_COLUMNS)  # 61
_WEIGHT_DECIMALS = 5
_ROTATION_DECIMALS = 6


def timecode(frame: int, fps: float) -> str:
    """Frame index -> 'HH:MM:SS:FF.fff' measured from the clip start."""
    t = frame / fps
    whole = int(np.floor(t + 1e-9))
    in_second = (t - whole) * fps
    ff = int(np.floor(in_second + 1e-6))
    sub = int(round((in_second - ff) * 1000)) % 1000
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}:{ff:02d}.{sub:03d}"


def _quat_from_rotvec(rotvec: np.ndarray) -> np.ndarray:
    """Axis-angle [T,3] -> unit quaternions [T,4] (x, y, z, w): scipy Rotation.from_rotvec's arithmetic."""
    angle = np.linalg.norm(rotvec, axis=-1, keepdims=True)
    small = angle <= 1e-3
    angle2 = angle ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(small, 0.5 - angle2 / 48 + angle2 ** 2 / 3840, np.sin(angle / 2) / (angle + small))
    return np.concatenate([rotvec * scale, np.cos(angle / 2)], axis=-1)


def _quat_compose(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """p * q (apply q, then p), as scipy's Rotation.__mul__."""
    cross = np.cross(p[:, :3], q[:, :3])
    xyz = p[:, 3:] * q[:, :3] + q[:, 3:] * p[:, :3] + cross
    w = p[:, 3] * q[:, 3] - p[:, 0] * q[:, 0] - p[:, 1] * q[:, 1] - p[:, 2] * q[:, 2]
    return np.concatenate([xyz, w[:, None]], axis=1)


def _euler_yxz(quat: np.ndarray) -> np.ndarray:
    """Quaternions [T,4] -> intrinsic Y-X-Z angles [T,3]: scipy's as_euler("YXZ") step for step (Bernardes
    & Viollet 2022; gimbal lock puts the third angle at 0), with libm's atan2/hypot as scipy's Cython
    calls them (numpy's vectorised arctan2 differs in the last bit). No scipy: a predict_flame job
    writing arkit.csv then never imports it (~2 s on a loaded machine)."""
    out = np.empty((len(quat), 3))
    for t, (x, y, z, w) in enumerate(quat.tolist()):
        a, b, c, d = w - x, z + y, x + w, y - z      # axes reversed for intrinsic: i, j, k = z, x, y; sign +1
        second = 2 * math.atan2(math.hypot(c, d), math.hypot(a, b))
        half_sum, half_diff = math.atan2(b, a), math.atan2(d, c)
        if abs(second) <= 1e-7:
            first, third = 2 * half_sum, 0.0
        elif abs(second - math.pi) <= 1e-7:
            first, third = 2 * half_diff, 0.0
        else:
            first, third = half_sum + half_diff, half_sum - half_diff
        angles = [first, second - math.pi / 2, third]
        for i, v in enumerate(angles):
            if v < -math.pi:
                angles[i] = v + 2 * math.pi
            elif v > math.pi:
                angles[i] = v - 2 * math.pi
        out[t] = angles
    return out


def yaw_pitch_roll(axis_angle: np.ndarray) -> np.ndarray:
    """Axis-angle [T,3] (FLAME axes) -> [T,3] yaw (about y), pitch (x), roll (z) in radians."""
    return _euler_yxz(_quat_from_rotvec(axis_angle.astype(np.float64)))


def pose_columns(seq: FlameSequence) -> np.ndarray:
    """[T,9] HeadYaw, HeadPitch, HeadRoll, LeftEye*, RightEye* in radians / pi."""
    head = _quat_compose(_quat_from_rotvec(seq.global_pose.astype(np.float64)), _quat_from_rotvec(seq.neck_pose.astype(np.float64)))
    parts = [_euler_yxz(head), yaw_pitch_roll(seq.eye_pose[:, :3]), yaw_pitch_roll(seq.eye_pose[:, 3:])]
    return np.concatenate(parts, axis=1) / np.pi


def write_arkit_csv(seq: FlameSequence, path: str | os.PathLike) -> None:
    """Write `seq` as a Live Link Face CSV (atomically)."""
    seq.validate(str(path))
    weights = np.clip(seq.expression, 0.0, 1.0)
    pose = pose_columns(seq)
    with atomic_path(path) as tmp:
        with open(tmp, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(HEADER)
            for k in range(seq.num_frames):
                w.writerow([timecode(k, seq.fps), BLENDSHAPE_COUNT,
                            *(f"{v:.{_WEIGHT_DECIMALS}f}" for v in weights[k]),
                            *(f"{v:.{_ROTATION_DECIMALS}f}" for v in pose[k])])


def read_arkit_csv(path: str | os.PathLike) -> tuple[list[str], np.ndarray, np.ndarray]:
    """-> (timecodes [T], ARKit weights [T,52] in ARKit order, rotations [T,9] radians / pi)."""
    path = Path(path)
    if not path.is_file():
        raise PortraitTalkerError(f"{path}: ARKit CSV not found (run predict_flame first)")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or tuple(rows[0]) != HEADER:
        raise PortraitTalkerError(f"{path}: not a Live Link Face ARKit CSV (header differs from Timecode, BlendShapeCount, "
                                  f"{LIVE_LINK_NAMES[0]}, …); re-run predict_flame")
    body = rows[1:]
    bad = [i + 2 for i, r in enumerate(body) if len(r) != len(HEADER)]
    if bad:
        raise PortraitTalkerError(f"{path}: line {bad[0]} has the wrong number of columns; re-run predict_flame")
    values = np.array([[float(v) for v in r[2:]] for r in body], np.float32).reshape(len(body), len(HEADER) - 2)
    return [r[0] for r in body], values[:, :NUM_ARKIT], values[:, NUM_ARKIT:]
