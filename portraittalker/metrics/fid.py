"""Fréchet Inception Distance between two image sets, given any feature extractor.

FID = |mu1 - mu2|^2 + tr(S1 + S2 - 2 (S1 S2)^(1/2)) over Gaussian fits of the features.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
from scipy import linalg

FeatureFn = Callable[[torch.Tensor], torch.Tensor]  # [B,3,H,W] in [0,1] -> [B,D]


@dataclass(frozen=True)
class GaussianStats:
    mean: np.ndarray  # [D]
    cov: np.ndarray  # [D,D]
    count: int


def feature_stats(features: np.ndarray) -> GaussianStats:
    """Mean and unbiased covariance of features [N,D] (N >= 2)."""
    features = np.asarray(features, dtype=np.float64)
    if features.ndim != 2 or features.shape[0] < 2:
        raise ValueError(f"need at least two feature vectors [N,D]; got shape {features.shape}")
    return GaussianStats(features.mean(axis=0), np.cov(features, rowvar=False), features.shape[0])


def frechet_distance(a: GaussianStats, b: GaussianStats, eps: float = 1e-6) -> float:
    """Fréchet distance between two Gaussians; regularises near-singular covariances."""
    diff = a.mean - b.mean
    with warnings.catch_warnings():  # rank-deficient covariances (few samples) are expected
        warnings.simplefilter("ignore", linalg.LinAlgWarning)
        covmean = linalg.sqrtm(a.cov @ b.cov)
    if not np.all(np.isfinite(covmean)):
        # Too few samples for a full-rank covariance: shift both diagonals slightly.
        offset = np.eye(a.cov.shape[0]) * eps
        covmean = linalg.sqrtm((a.cov + offset) @ (b.cov + offset))
    covmean = np.real(covmean)  # imaginary parts are numerical noise for PSD products
    value = diff @ diff + np.trace(a.cov) + np.trace(b.cov) - 2 * np.trace(covmean)
    return float(max(value, 0.0))


@torch.no_grad()
def image_features(
    images: np.ndarray, feature_fn: FeatureFn, batch_size: int = 16, device: str = "cpu", progress: bool = False
) -> np.ndarray:
    """Features [N,D] of uint8 images [N,H,W,3]."""
    starts = range(0, len(images), batch_size)
    if progress:
        from tqdm import tqdm

        starts = tqdm(starts, desc="FID features", unit="batch")
    out = []
    for start in starts:
        batch = torch.from_numpy(np.ascontiguousarray(images[start : start + batch_size])).to(device)
        batch = batch.permute(0, 3, 1, 2).float() / 255.0
        out.append(feature_fn(batch).double().cpu().numpy())
    return np.concatenate(out)


def fid_between(images_a: np.ndarray, images_b: np.ndarray, feature_fn: FeatureFn, **kwargs) -> float:
    """FID between uint8 image sets [Na,H,W,3] and [Nb,H',W',3] (the extractor resizes)."""
    return frechet_distance(
        feature_stats(image_features(images_a, feature_fn, **kwargs)),
        feature_stats(image_features(images_b, feature_fn, **kwargs)),
    )
