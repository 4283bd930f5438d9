"""Per-video evaluation: every metric of the metrics JSON (DESIGN.md), read from the MP4 itself.

The frames and the audio track are decoded from the delivered video; landmarks come from a
standard face landmarker run on those frames (`landmarker.py`), never from the mesh the
renderer projected. So a fault between rendering and delivery (audio shifted or missing in
the mux, frames dropped, a face the renderer lost) shows in the numbers.

Each metric is an object `{"value": number | null, "reason": str | null, ...details}`; a
metric whose weights or inputs are missing keeps `value: null` and says why. `checks` lists
the delivery faults found (empty when none). FID is a batch metric (`batch.py`).
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
from .landmarker import FaceTrack, track_faces
from .lse import lse_from_embeddings
from .media import Audio, open_video, read_audio, read_video_audio, video_info
from .mfcc import syncnet_mfcc
from .phones import RECOGNISER, openness_track, recognise_phones
from .syncnet import crop_and_resize, crop_boxes_from_landmarks, load_syncnet, syncnet_embeddings
from .temporal import FaceFlicker, landmark_jitter

log = logging.getLogger(__name__)

SCHEMA = "portraittalker.metrics/2"
SYNCNET_FPS = 25.0
SAMPLE_RATE_HZ = 16000


@dataclass(frozen=True)
class DeliveryTolerances:
    """When a muxing fault is reported (`checks`)."""

    audio_offset_ms: float = 40.0  # one 25 fps frame between the MP4's audio and the clip's
    duration_frames: float = 1.0  # DESIGN.md: video and audio end within one frame
    av_offset_frames: int = 3  # mouth-vs-sound lag beyond this is out of sync
    mux_search_seconds: float = 2.0  # largest audio shift looked for


TOLERANCES = DeliveryTolerances()


@dataclass(frozen=True)
class EvaluationSettings:
    syncnet_weights: Path | None = None
    max_offset_frames: int = 15  # search range of both sync measures, as the standard LSE
    device: str = "cpu"
    progress: bool = True


def metric(value: float | int | None = None, reason: str | None = None, **details: Any) -> dict[str, Any]:
    """One metric entry; exactly one of value / reason is set."""
    if value is None and reason is None:
        raise ValueError("a metric without a value needs a reason")
    return {"value": value, "reason": None if value is not None else reason, **details}


def _r(x: float) -> float | None:
    return None if x is None or not np.isfinite(x) else round(float(x), 4)


# -- delivery: the MP4's audio track against the clip --------------------------------------
def audio_offset_seconds(track: Audio, clip: Audio, max_seconds: float) -> tuple[float, float]:
    """(lag, normalised peak) of the best cross-correlation; lag > 0: the MP4's audio is late."""
    from scipy.signal import correlate

    a, b = track.samples.astype(np.float64), clip.samples.astype(np.float64)
    full = correlate(a, b, mode="full", method="fft")
    lags = np.arange(-len(b) + 1, len(a))
    window = np.abs(lags) <= int(max_seconds * track.sample_rate_hz)
    best = int(np.argmax(full[window]))
    peak = full[window][best] / max(np.sqrt((a @ a) * (b @ b)), 1e-12)
    return float(lags[window][best] / track.sample_rate_hz), float(peak)


def _delivery_metrics(track: Audio | None, clip: Audio | None, fps: float, frames: int,
                      checks: list[str]) -> dict[str, dict]:
    if track is None:
        checks.append("the video has no audio track")
        reason = "the video has no audio track"
        return {"mux_audio_offset_ms": metric(reason=reason), "duration_gap_frames": metric(reason=reason)}
    gap = abs(frames - track.duration_seconds * fps)
    if gap > TOLERANCES.duration_frames:
        checks.append(f"video and audio lengths differ by {gap:.1f} frames")
    out = {"duration_gap_frames": metric(round(gap, 3), unit="|video frames - audio seconds * fps|",
                                         audio_seconds=round(track.duration_seconds, 4), video_frames=frames)}
    if clip is None:
        out["mux_audio_offset_ms"] = metric(reason="no clip audio given to compare the video's audio track with")
        return out
    lag, peak = audio_offset_seconds(track, clip, TOLERANCES.mux_search_seconds)
    if abs(lag) * 1000 > TOLERANCES.audio_offset_ms:
        checks.append(f"the video's audio is shifted by {lag * 1000:+.0f} ms against the clip")
    if peak < 0.5:
        checks.append(f"the video's audio does not match the clip (correlation peak {peak:.2f})")
    out["mux_audio_offset_ms"] = metric(round(lag * 1000, 2), unit="ms; > 0: the video's audio is late",
                                        match=_r(peak))
    return out


# -- lip sync from the detected mouth ----------------------------------------------------------
def _av_metrics(track: Audio | None, faces: FaceTrack, fps: float, s: EvaluationSettings,
                checks: list[str]) -> dict[str, dict]:
    names = ("av_offset_frames", "av_sync")
    if track is None:
        return {n: metric(reason="the video has no audio track") for n in names}
    if not faces.found.any():
        return {n: metric(reason="the landmarker found no face in the video") for n in names}
    aperture = avs.fill_gaps(avs.mouth_aperture(faces))
    loudness = avs.energy_envelope(track, fps, faces.num_frames)
    out: dict[str, dict] = {}
    timing = avs.av_sync(aperture, loudness, s.max_offset_frames)
    if timing is None:
        out["av_offset_frames"] = metric(reason="mouth aperture or speech loudness is constant: no lag defined")
    else:
        if abs(timing.offset_frames) > TOLERANCES.av_offset_frames:
            way = "lags" if timing.offset_frames > 0 else "leads"
            checks.append(f"the mouth {way} the sound by {abs(timing.offset_frames)} frames")
        out["av_offset_frames"] = metric(
            timing.offset_frames, unit="frames; > 0: mouth lags sound (peak of r(mouth aperture, loudness))",
            corr_at_offset=_r(timing.corr), corr_at_zero=_r(timing.corr_at_zero),
            correlations_by_offset=[_r(r) for r in timing.correlations])
    try:
        phones = recognise_phones(track)
    except PortraitTalkerError as err:
        out["av_sync"] = metric(reason=str(err))
        return out
    reference = openness_track(phones, fps, faces.num_frames)
    mouth_r, follower_r = avs.pearson(aperture, reference), avs.pearson(loudness, reference)
    if not np.isfinite(mouth_r):
        out["av_sync"] = metric(reason="mouth aperture or phone openness is constant: no correlation defined")
        return out
    out["av_sync"] = metric(
        round(mouth_r, 4), unit="Pearson r(detected mouth aperture, phone openness) at zero lag",
        loudness_follower_r=_r(follower_r),
        margin=_r(mouth_r - follower_r) if np.isfinite(follower_r) else None,
        reference=RECOGNISER, phones=sum(p.phone != "SIL" for p in phones))
    return out


def _syncnet_metrics(video: Path, track: Audio | None, faces: FaceTrack, s: EvaluationSettings) -> dict[str, dict]:
    names = ("lse_c", "lse_d", "syncnet_offset_frames")

    def unavailable(reason: str) -> dict[str, dict]:
        return {n: metric(reason=reason) for n in names}

    try:
        net = load_syncnet(s.syncnet_weights, s.device)
    except MissingWeightsError as err:
        return unavailable(str(err))
    if track is None:
        return unavailable("the video has no audio track")
    if not faces.found.any():
        return unavailable("the landmarker found no face to crop for SyncNet")
    fps, _ = video_info(video)
    if abs(fps - SYNCNET_FPS) > 0.01:
        return unavailable(f"SyncNet needs {SYNCNET_FPS:g} fps video, {video} has {fps:g} fps")
    nose = np.stack([avs.fill_gaps(faces.point("nose_tip")[:, i]) for i in range(2)], axis=1)
    chin = np.stack([avs.fill_gaps(faces.point("chin")[:, i]) for i in range(2)], axis=1)
    boxes = crop_boxes_from_landmarks(nose, chin)
    # Frames past the end of the audio have nothing to sync with (reference: samples // 640).
    # Crops are kept as uint8 224x224 (150 kB per frame), not full frames.
    audio_frames = len(track.samples) * int(SYNCNET_FPS) // track.sample_rate_hz
    _, _, frames = open_video(video)
    crops = [crop_and_resize(frame, boxes[min(i, len(boxes) - 1)]) for i, frame in zip(range(audio_frames), frames)]
    mfcc = syncnet_mfcc(track.samples, track.sample_rate_hz)
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


def _face_metrics(faces: FaceTrack, flicker: FaceFlicker, film_grain: float | None, checks: list[str]) -> dict[str, dict]:
    found = faces.found
    missing = int((~found).sum())
    if missing:
        checks.append(f"no face found in {missing} of {faces.num_frames} frames")
    out = {"face_found": metric(
        round(float(found.mean()), 4) if faces.num_frames else 0.0, unit="fraction of frames with a face (landmarker)",
        frames_without_face=missing, detector_frames=int(faces.detected.sum()), frames=faces.num_frames,
        landmarker=faces.tool)}
    try:
        jitter = landmark_jitter(faces.points)
        out["landmark_jitter_px"] = metric(round(jitter, 4), unit="mean acceleration of rigid face landmarks, px/frame^2",
                                           image_size=list(faces.size))
    except ValueError as err:
        out["landmark_jitter_px"] = metric(reason=str(err))
    if film_grain:
        out["flicker"] = metric(reason=f"this video carries film grain (strength {film_grain:g}, from its prompt); "
                                       "flicker is measured with grain off: render with render.film_grain: false")
    elif flicker.value is None:
        out["flicker"] = metric(reason="flicker needs two consecutive frames with a face")
    else:
        out["flicker"] = metric(round(flicker.value, 4), unit="mean |frame difference| in 8-bit levels over the "
                                "upper-face skin, head motion aligned out", frame_pairs=len(flicker.pairs),
                                film_grain="off" if film_grain == 0 else "unknown")
    return out


def evaluate_video(video: str | Path, clip_audio: str | Path | None, settings: EvaluationSettings,
                   film_grain: float | None = None) -> dict[str, Any]:
    """All per-video metrics of one rendered MP4 as a JSON-ready dict.

    `clip_audio`: the clip's audio.wav, to check the MP4's audio track against (None: skip).
    `film_grain`: the grain strength the render added (0: none; None: unknown).
    """
    start = time.perf_counter()
    video = Path(video)
    fps, frame_estimate = video_info(video)
    track = read_video_audio(video, SAMPLE_RATE_HZ)
    clip = read_audio(clip_audio, SAMPLE_RATE_HZ) if clip_audio is not None else None

    flicker = FaceFlicker()
    _, _, frames = open_video(video)
    faces = track_faces(frames, settings.progress, frame_estimate, on_frame=flicker.add)
    checks: list[str] = []
    results: dict[str, dict] = {}
    results.update(_delivery_metrics(track, clip, fps, faces.num_frames, checks))
    results.update(_face_metrics(faces, flicker, film_grain, checks))
    results.update(_av_metrics(track, faces, fps, settings, checks))
    results.update(_syncnet_metrics(video, track, faces, settings))
    for name, entry in results.items():
        if entry["value"] is None:
            log.info("%s: %s", name, entry["reason"])
    for fault in checks:
        log.warning("%s: %s", video, fault)
    return {
        "schema": SCHEMA,
        "avatar": video.parent.name,
        "clip": video.stem,
        "inputs": {"video": str(video), "clip_audio": None if clip_audio is None else str(clip_audio)},
        "video": {"fps": fps, "frames": faces.num_frames, "size": list(faces.size),
                  "audio_seconds": None if track is None else round(track.duration_seconds, 4)},
        "checks": checks,
        "metrics": results,
        "wall_seconds": round(time.perf_counter() - start, 3),
    }

