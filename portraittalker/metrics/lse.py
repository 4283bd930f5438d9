"""Lip-sync error (LSE-D, LSE-C) from per-window video and audio embeddings.

As in the standard SyncNet evaluation: for every video window, the Euclidean distance to the
audio embedding at each offset in [-max_offset, max_offset] (zero vectors past the clip ends),
averaged over windows. LSE-D is the minimum of that mean-distance curve, LSE-C (confidence)
its median minus the minimum; the arg-min gives the audio-visual offset.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass(frozen=True)
class LseResult:
    lse_d: float
    lse_c: float
    offset_frames: int  # > 0: the video lags the audio by this many frames
    distances: tuple[float, ...]  # mean distance per offset, offsets +max_offset .. -max_offset


def offset_distance_curve(video: torch.Tensor, audio: torch.Tensor, max_offset: int = 15) -> torch.Tensor:
    """Mean distance per shift [2*max_offset+1] between video [N,D] and audio [N,D] embeddings.

    Entry k compares video window i with audio window i + k - max_offset.
    """
    if video.shape != audio.shape or video.ndim != 2:
        raise ValueError(f"embeddings must both be [N,D]; got {tuple(video.shape)} and {tuple(audio.shape)}")
    width = 2 * max_offset + 1
    padded = F.pad(audio, (0, 0, max_offset, max_offset))
    windows = padded.unfold(0, width, 1).permute(0, 2, 1)  # [N,width,D]
    dists = F.pairwise_distance(video[:, None, :].expand_as(windows), windows)  # [N,width]
    return dists.mean(dim=0)


def lse_from_embeddings(video: torch.Tensor, audio: torch.Tensor, max_offset: int = 15) -> LseResult:
    curve = offset_distance_curve(video.float(), audio.float(), max_offset)
    min_val, min_idx = curve.min(dim=0)
    return LseResult(
        lse_d=float(min_val),
        lse_c=float(curve.median() - min_val),
        offset_frames=int(max_offset - min_idx),
        distances=tuple(float(d) for d in curve),
    )
