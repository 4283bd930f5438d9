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
import os
from pathlib import Path

import numpy as np
from scipy.spatial.transform import Rotation

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


def yaw_pitch_roll(axis_angle: np.ndarray) -> np.ndarray:
    """Axis-angle [T,3] (FLAME axes) -> [T,3] yaw (about y), pitch (x), roll (z) in radians."""
    return Rotation.from_rotvec(axis_angle.astype(np.float64)).as_euler("YXZ")


def pose_columns(seq: FlameSequence) -> np.ndarray:
    """[T,9] HeadYaw, HeadPitch, HeadRoll, LeftEye*, RightEye* in radians / pi."""
    head = Rotation.from_rotvec(seq.global_pose.astype(np.float64)) * Rotation.from_rotvec(seq.neck_pose.astype(np.float64))
    parts = [head.as_euler("YXZ"), yaw_pitch_roll(seq.eye_pose[:, :3]), yaw_pitch_roll(seq.eye_pose[:, 3:])]
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
