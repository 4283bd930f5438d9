"""Batch metrics: FID of a whole batch of rendered videos against a reference image set.

FID compares two distributions; a single 4-second video gives ~100 near-identical frames and
a badly biased estimate, so it is computed once per batch, from frames sampled evenly across
all of the batch's decoded MP4s.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import MissingWeightsError, PortraitTalkerError
from .evaluate import metric
from .fid import FeatureStats, cached_reference_stats, feature_stats, frechet_distance, image_features
from .inception import load_fid_inception
from .media import open_video, read_frames, video_info

SCHEMA = "portraittalker.batch-metrics/1"


@dataclass(frozen=True)
class BatchSettings:
    inception_weights: Path | None = None
    fid_reference: Path | None = None
    fid_max_frames: int = 500  # frames sampled from the whole batch (and at most this many references)
    fid_cache_dir: Path | None = None  # reference statistics are reused from here across batches
    device: str = "cpu"
    progress: bool = True


def sample_video_frames(videos: list[Path], max_frames: int) -> np.ndarray:
    """[N,H,W,3] uint8: frames evenly spaced over each video, `max_frames` in all, split
    across the videos in proportion to their lengths. All videos must share one frame size."""
    counts, size = [], None
    for video in videos:
        counts.append(max(video_info(video)[1], 1))
    total = sum(counts)
    picked = []
    for video, count in zip(videos, counts):
        want = max(1, round(max_frames * count / total))
        _, _, frames = open_video(video)
        decoded = list(frames)  # one short video at a time
        if not decoded:
            raise PortraitTalkerError(f"{video}: no frames to decode")
        keep = np.unique(np.linspace(0, len(decoded) - 1, min(want, len(decoded))).round().astype(int))
        for i in keep:
            if size is None:
                size = decoded[i].shape
            if decoded[i].shape != size:
                raise PortraitTalkerError(f"{video}: frame size {decoded[i].shape[:2]} differs from the batch's {size[:2]}")
            picked.append(decoded[i])
    return np.stack(picked)


def batch_fid(videos: list[Path], s: BatchSettings) -> dict[str, Any]:
    if not videos:
        return metric(reason="no videos in the batch")
    if s.fid_reference is None:
        return metric(reason="no FID reference frames configured (set evaluation.fid_reference to a folder of images)")
    if not Path(s.fid_reference).is_dir():
        return metric(reason=f"{s.fid_reference}: FID reference folder not found")
    try:
        net = load_fid_inception(s.inception_weights, s.device)
    except MissingWeightsError as err:
        return metric(reason=str(err))

    def stats(images: np.ndarray) -> FeatureStats:
        return feature_stats(image_features(images, net.pool_features, device=s.device, progress=s.progress))

    try:
        rendered = sample_video_frames(videos, s.fid_max_frames)
        if len(rendered) < 2:
            raise PortraitTalkerError("FID needs at least 2 frames")
        frame_size = rendered.shape[1:3]
        # Reference images are brought to the rendered frame size, so both sets reach
        # Inception through the same resize.
        reference = cached_reference_stats(
            Path(s.fid_reference), Path(s.inception_weights), s.fid_max_frames, frame_size, s.fid_cache_dir,
            lambda folder: stats(read_frames(folder, s.fid_max_frames, size=frame_size)))
        ours = stats(rendered)
    except PortraitTalkerError as err:
        return metric(reason=str(err))
    return metric(
        frechet_distance(ours, reference),
        frame_size=list(frame_size),
        weights=str(s.inception_weights),
        reference=str(s.fid_reference),
        frames=ours.count,
        reference_frames=reference.count,
        videos=len(videos),
        note="few-sample FID is biased upwards; compare batches with equal frame counts",
    )


def evaluate_batch(videos: list[str | Path], s: BatchSettings) -> dict[str, Any]:
    start = time.perf_counter()
    videos = [Path(v) for v in videos]
    return {
        "schema": SCHEMA,
        "videos": [str(v) for v in videos],
        "metrics": {"fid": batch_fid(videos, s)},
        "wall_seconds": round(time.perf_counter() - start, 3),
    }
