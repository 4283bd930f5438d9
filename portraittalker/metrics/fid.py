"""Fréchet Inception Distance between two image sets, given any feature extractor.

FID = |mu1 - mu2|^2 + tr(S1 + S2 - 2 (S1 S2)^(1/2)) over Gaussian fits of the features
(Heusel et al. 2017), computed exactly from the samples without a matrix square root.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import torch

FeatureFn = Callable[[torch.Tensor], torch.Tensor]  # [B,3,H,W] in [0,1] -> [B,D]


@dataclass(frozen=True)
class FeatureStats:
    """A Gaussian fit kept in sample form: mean [D] and mean-centred features [N,D].

    Keeping the samples (rather than the D x D covariance) makes FID on few frames cheap
    and exact: see `frechet_distance`.
    """

    mean: np.ndarray
    centered: np.ndarray

    @property
    def count(self) -> int:
        return int(self.centered.shape[0])

    @property
    def cov(self) -> np.ndarray:
        """Unbiased covariance [D,D]."""
        return self.centered.T @ self.centered / (self.count - 1)


def feature_stats(features: np.ndarray) -> FeatureStats:
    """Gaussian fit of features [N,D] (N >= 2)."""
    features = np.asarray(features, dtype=np.float64)
    if features.ndim != 2 or features.shape[0] < 2:
        raise ValueError(f"need at least two feature vectors [N,D]; got shape {features.shape}")
    mean = features.mean(axis=0)
    return FeatureStats(mean, features - mean)


def trace_sqrt_product(cov_a: np.ndarray, cov_b: np.ndarray) -> float:
    """tr((A B)^(1/2)) for symmetric PSD A, B via two symmetric eigendecompositions.

    A B is similar to A^(1/2) B A^(1/2), which is symmetric PSD, so the trace is the sum of
    the square roots of that matrix's eigenvalues; unlike a general matrix square root
    (scipy.linalg.sqrtm) this stays real for rank-deficient covariances.
    """
    w, v = np.linalg.eigh(cov_a)
    root_a = (v * np.sqrt(np.clip(w, 0.0, None))) @ v.T
    middle = root_a @ cov_b @ root_a
    eig = np.linalg.eigvalsh((middle + middle.T) / 2)
    return float(np.sqrt(np.clip(eig, 0.0, None)).sum())


def frechet_distance(a: FeatureStats, b: FeatureStats) -> float:
    """|mu_a - mu_b|^2 + tr(A) + tr(B) - 2 tr((A B)^(1/2))  (>= 0).

    With A = Xa^T Xa / (Na-1) and B likewise, the nonzero eigenvalues of A B are the squared
    singular values of Xb Xa^T / sqrt((Na-1)(Nb-1)). When both sets have fewer samples than
    feature dimensions (the usual per-video case: 2048-d Inception features) that Na x Nb
    route costs O(N^2 D) instead of O(D^3).
    """
    diff = a.mean - b.mean
    na, nb = a.count - 1, b.count - 1
    trace_a, trace_b = float((a.centered**2).sum()) / na, float((b.centered**2).sum()) / nb
    if a.centered.shape[1] <= min(a.count, b.count):
        cross = trace_sqrt_product(a.cov, b.cov)
    else:
        cross = float(np.linalg.svd(b.centered @ a.centered.T, compute_uv=False).sum()) / np.sqrt(na * nb)
    return float(max(diff @ diff + trace_a + trace_b - 2 * cross, 0.0))


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


def _fingerprint(reference: Path, weights: Path, max_frames: int, frame_size: tuple[int, int]) -> str:
    """Changes whenever the reference images, the weights, the frame budget or size change."""
    h = hashlib.sha1(f"{reference.resolve()}|{max_frames}|{tuple(frame_size)}".encode())
    for path in [weights, *sorted(p for p in reference.iterdir() if p.is_file())]:
        st = path.stat()
        h.update(f"{path.name}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def cached_reference_stats(
    reference: Path,
    weights: Path,
    max_frames: int,
    frame_size: tuple[int, int],
    cache_dir: Path | None,
    compute: Callable[[Path], FeatureStats],
) -> FeatureStats:
    """Reference-set statistics, computed once per (folder, weights, budget, size) and reused.

    Every video of a batch is compared with the same reference folder; its Inception pass
    dominates the cost on CPU. The cache is an .npz written atomically, so parallel jobs at
    worst compute it twice.
    """
    from ..io import atomic_path

    if cache_dir is None:
        return compute(reference)
    path = Path(cache_dir) / f"fid_reference_{_fingerprint(reference, weights, max_frames, frame_size)}.npz"
    if path.is_file():
        with np.load(path) as data:
            return FeatureStats(data["mean"], data["centered"])
    stats = compute(reference)
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:
            np.savez(f, mean=stats.mean, centered=stats.centered)
    return stats
