"""Does the face in a delivered video open its mouth when the motion says the jaw opens?

The standard landmarker (`landmarker.py`) runs on the decoded MP4; its mouth aperture is
correlated with the jaw opening of the clip's `flame.npz` (jaw_pose[:, 0], or the jawOpen
weight for a head without a jaw joint: the two describe the same motion). A face lost in any
frame, or a mouth that does not follow the jaw, means the render or the encode broke it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..arkit import arkit_index
from ..io import load_flame
from .av_sync import fill_gaps, mouth_aperture, pearson
from .landmarker import TOOL_NAME, track_faces
from .media import open_video

JAW_FOLLOW_GOAL_R = 0.9  # issue 11: the detected mouth aperture follows the jaw


@dataclass(frozen=True)
class JawFollow:
    video: str
    frames: int
    face_frames: int  # frames where the mesh placed a face
    detector_frames: int  # frames where the detector alone found a face
    jaw_r: float | None  # Pearson r(detected mouth aperture, jaw opening); None: undefined
    jaw_source: str
    tool: str = TOOL_NAME

    @property
    def face_in_every_frame(self) -> bool:
        return self.frames > 0 and self.face_frames == self.frames and self.detector_frames == self.frames

    @property
    def passed(self) -> bool:
        return self.face_in_every_frame and self.jaw_r is not None and self.jaw_r >= JAW_FOLLOW_GOAL_R


def jaw_opening(flame_npz: str | Path) -> tuple[np.ndarray, str]:
    """[T] jaw opening of a motion file and where it came from."""
    seq = load_flame(flame_npz)
    jaw = np.asarray(seq.jaw_pose[:, 0], float)
    if np.ptp(jaw) > 1e-6:
        return jaw, "jaw_pose[:, 0]"
    return np.asarray(seq.expression[:, arkit_index("jawOpen")], float), "jawOpen"


def check_jaw_follow(video: str | Path, flame_npz: str | Path, progress: bool = False) -> JawFollow:
    _, estimate, frames = open_video(video)
    faces = track_faces(frames, progress=progress, total=estimate)
    jaw, source = jaw_opening(flame_npz)
    aperture = fill_gaps(mouth_aperture(faces))
    n = min(len(jaw), len(aperture))
    r = pearson(aperture[:n], jaw[:n]) if n >= 3 else float("nan")
    return JawFollow(str(video), faces.num_frames, int(faces.found.sum()), int(faces.detected.sum()),
                     None if not np.isfinite(r) else round(float(r), 4), source)
