"""Per-video evaluation: every metric of the metrics JSON (DESIGN.md) for one rendered video.

Each metric is an object `{"value": number | null, "reason": str | null, ...details}`; a
metric whose weights or inputs are missing keeps `value: null` and says why.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from ..errors import MissingWeightsError, PortraitTalkerError
from . import av_sync as avs
from .fid import FeatureStats, cached_reference_stats, feature_stats, frechet_distance, image_features
from .inception import load_fid_inception
from .lse import lse_from_embeddings
from .media import (Audio, LandmarkTrack, list_frame_files, open_video, read_audio, read_frames, read_image,
                    read_landmarks, video_info)
from .mfcc import syncnet_mfcc
from .syncnet import crop_and_resize, crop_boxes_from_landmarks, load_syncnet, syncnet_embeddings
from .temporal import landmark_jitter, static_region_mask

log = logging.getLogger(__name__)

SCHEMA = "portraittalker.metrics/1"
SYNCNET_FPS = 25.0
SYNCNET_SAMPLE_RATE_HZ = 16000


@dataclass(frozen=True)
class EvaluationSettings:
    syncnet_weights: Path | None = None
    inception_weights: Path | None = None
    fid_reference: Path | None = None
    max_offset_frames: int = 15  # search range of both sync measures, as the standard LSE
    fid_max_frames: int = 200  # evenly spaced frames per set fed to Inception
    fid_cache_dir: Path | None = None  # reference statistics are reused from here across videos
    device: str = "cpu"
    progress: bool = True


def metric(value: float | int | None = None, reason: str | None = None, **details: Any) -> dict[str, Any]:
    """One metric entry; exactly one of value / reason is set."""
    if value is None and reason is None:
        raise ValueError("a metric without a value needs a reason")
    return {"value": value, "reason": None if value is not None else reason, **details}


def _syncnet_metrics(video: Path, audio: Audio, landmarks: LandmarkTrack, s: EvaluationSettings) -> dict[str, dict]:
    names = ("lse_c", "lse_d", "syncnet_offset_frames")

    def unavailable(reason: str) -> dict[str, dict]:
        return {n: metric(reason=reason) for n in names}

    try:
        net = load_syncnet(s.syncnet_weights, s.device)
    except MissingWeightsError as err:
        return unavailable(str(err))
    if not landmarks.has("nose_tip", "chin"):
        return unavailable("landmarks lack nose_tip/chin, needed to place the SyncNet face crop")
    fps, _ = video_info(video)
    if abs(fps - SYNCNET_FPS) > 0.01:
        return unavailable(f"SyncNet needs {SYNCNET_FPS:g} fps video, {video} has {fps:g} fps")
    _, _, frames = open_video(video)
    boxes = crop_boxes_from_landmarks(landmarks.point("nose_tip"), landmarks.point("chin"))
    # Frames past the end of the audio have nothing to sync with (reference: samples // 640).
    # Crops are kept as uint8 224x224 (150 kB per frame), not full frames.
    audio_frames = len(audio.samples) * int(SYNCNET_FPS) // audio.sample_rate_hz
    crops = [crop_and_resize(frame, boxes[min(i, len(boxes) - 1)]) for i, frame in zip(range(audio_frames), frames)]
    mfcc = syncnet_mfcc(audio.samples, audio.sample_rate_hz)
    try:
        video_emb, audio_emb = syncnet_embeddings(net, torch.stack(crops), mfcc, progress=s.progress)
    except PortraitTalkerError as err:
        return unavailable(str(err))
    result = lse_from_embeddings(video_emb, audio_emb, s.max_offset_frames)
    weights = str(s.syncnet_weights)
    return {
        "lse_c": metric(result.lse_c, weights=weights, windows=int(video_emb.shape[0])),
        "lse_d": metric(result.lse_d, weights=weights, distances_by_offset=[round(d, 5) for d in result.distances]),
        "syncnet_offset_frames": metric(result.offset_frames, unit="frames; > 0: video lags audio"),
    }


def _fid_metric(frames_dir: Path | None, s: EvaluationSettings) -> dict[str, Any]:
    if s.fid_reference is None:
        return metric(reason="no FID reference frames configured (set evaluation.fid_reference to a folder of images)")
    if frames_dir is None:
        return metric(reason="no rendered PNG frames given (--frames; the workflow keeps them when fid_reference is set)")
    if not Path(s.fid_reference).is_dir():
        return metric(reason=f"{s.fid_reference}: FID reference folder not found")
    try:
        net = load_fid_inception(s.inception_weights, s.device)
    except MissingWeightsError as err:
        return metric(reason=str(err))

    def stats_of(folder: Path) -> FeatureStats:
        images = read_frames(folder, s.fid_max_frames, size=frame_size)
        if len(images) < 2:
            raise PortraitTalkerError(f"{folder}: FID needs at least 2 frames")
        return feature_stats(image_features(images, net.pool_features, device=s.device, progress=s.progress))

    try:
        # Reference images are brought to the rendered frame size, so both sets reach
        # Inception through the same resize.
        frame_size = read_image(list_frame_files(frames_dir)[0]).shape[:2]
        rendered = stats_of(frames_dir)
        reference = cached_reference_stats(Path(s.fid_reference), Path(s.inception_weights), s.fid_max_frames,
                                           frame_size, s.fid_cache_dir, stats_of)
    except PortraitTalkerError as err:  # too few or unreadable frames: no FID, but the other metrics stand
        return metric(reason=str(err))
    return metric(
        frechet_distance(rendered, reference),
        frame_size=list(frame_size),
        weights=str(s.inception_weights),
        reference=str(s.fid_reference),
        frames=rendered.count,
        reference_frames=reference.count,
        note="few-sample FID is biased upwards; compare runs with equal frame counts",
    )


def _av_sync_metrics(audio: Audio, landmarks: LandmarkTrack, fps: float, s: EvaluationSettings) -> dict[str, dict]:
    names = ("av_offset_frames", "av_corr", "av_corr_at_zero")
    if not landmarks.has("lip_inner_top", "lip_inner_bottom"):
        return {n: metric(reason="landmarks lack lip_inner_top/lip_inner_bottom") for n in names}
    aperture = avs.mouth_aperture(landmarks)
    envelope = avs.energy_envelope(audio, fps, landmarks.num_frames)
    result = avs.av_sync(aperture, envelope, s.max_offset_frames)
    if result is None:
        reason = "mouth aperture or speech energy is constant: no correlation defined"
        return {n: metric(reason=reason) for n in names}
    return {
        "av_offset_frames": metric(result.offset_frames, unit="frames; > 0: mouth lags audio"),
        "av_corr": metric(result.corr, unit="Pearson r at the best offset",
                          correlations_by_offset=[None if np.isnan(r) else round(r, 4) for r in result.correlations]),
        "av_corr_at_zero": metric(result.corr_at_zero, unit="Pearson r at zero offset"),
    }


def _flicker_metric(frames_dir: Path | None, video: Path) -> dict[str, Any]:
    """From the PNG frames when kept, else from the decoded video."""
    if frames_dir is not None:
        files = list_frame_files(frames_dir)
        count, images = len(files), (read_image(f) for f in files)
    else:
        _, count, images = open_video(video)
    if count < 2:
        return metric(reason="flicker needs at least 2 frames")
    previous, total, count = None, 0.0, 0
    for image in images:  # streamed: only the static region of two frames is held at a time
        count += 1
        if previous is None:
            mask = static_region_mask(*image.shape[:2])
        region = image[mask].astype(np.float32)
        if previous is not None:
            total += float(np.abs(region - previous).mean())
        previous = region
    return metric(total / (count - 1), unit="mean |frame difference| in 8-bit levels, top image corners")


def evaluate_video(
    video: str | Path, audio: str | Path, landmarks: str | Path, frames: str | Path | None, settings: EvaluationSettings
) -> dict[str, Any]:
    """All metrics of one rendered video as a JSON-ready dict (`frames`: the PNG folder, when
    render_frames kept one; FID needs it)."""
    start = time.perf_counter()
    video, frames = Path(video), (Path(frames) if frames is not None else None)
    track = read_landmarks(landmarks)
    sound = read_audio(audio, SYNCNET_SAMPLE_RATE_HZ)
    fps, frame_estimate = video_info(video)

    results: dict[str, dict] = {}
    results.update(_syncnet_metrics(video, sound, track, settings))
    results["fid"] = _fid_metric(frames, settings)
    results.update(_av_sync_metrics(sound, track, fps, settings))
    results["landmark_jitter_px"] = (
        metric(landmark_jitter(track.points), unit="mean landmark acceleration, px/frame^2", image_size=list(track.size))
        if track.num_frames >= 3
        else metric(reason="jitter needs at least 3 frames")
    )
    results["flicker"] = _flicker_metric(frames, video)
    for name, entry in results.items():
        if entry["value"] is None:
            log.info("%s: %s", name, entry["reason"])
    return {
        "schema": SCHEMA,
        "avatar": video.parent.name,
        "clip": video.stem,
        "inputs": {"video": str(video), "audio": str(audio), "landmarks": str(landmarks), "frames": str(frames)},
        "video": {"fps": fps, "frames": frame_estimate, "landmark_frames": track.num_frames, "size": list(track.size)},
        "audio_seconds": round(sound.duration_seconds, 4),
        "metrics": results,
        "wall_seconds": round(time.perf_counter() - start, 3),
    }
