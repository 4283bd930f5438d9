"""The audio2flame checkpoint: weights, model config, feature spec and normalisation, metadata.

One file (`model.pt`) holds everything inference needs; `metadata.json` next to it repeats the
human-readable part (feature type, fps, head basis, corpus hash, validation figures).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from ..errors import PortraitTalkerError
from ..head.basis import BUNDLED_HEAD_ID
from ..io import atomic_path
from .channels import CHANNELS
from .features import FeatureSpec
from .model import Audio2Flame, ModelConfig

FORMAT_VERSION = 1


@dataclass
class Checkpoint:
    model: Audio2Flame
    feature_spec: FeatureSpec
    feature_mean: np.ndarray        # [F] per-dimension normalisation of the features
    feature_std: np.ndarray         # [F]
    metadata: dict = field(default_factory=dict)

    def normalise(self, features: np.ndarray) -> np.ndarray:
        return ((features - self.feature_mean) / self.feature_std).astype(np.float32)


def save_checkpoint(ckpt: Checkpoint, path: str | Path) -> None:
    """Write `model.pt` (half-precision weights: the file stays small) and `metadata.json`."""
    path = Path(path)
    state = {k: v.detach().to(torch.float16) if v.is_floating_point() else v for k, v in ckpt.model.state_dict().items()}
    metadata = {
        **ckpt.metadata,
        "format_version": FORMAT_VERSION,
        "features": ckpt.feature_spec.to_dict(),
        "head_model": BUNDLED_HEAD_ID,
        "channels": list(CHANNELS),
        "model": ckpt.model.config.to_dict(),
    }
    payload = {
        "state_dict": state,
        "model_config": ckpt.model.config.to_dict(),
        "feature_spec": ckpt.feature_spec.to_dict(),
        "feature_mean": torch.from_numpy(ckpt.feature_mean.astype(np.float32)),
        "feature_std": torch.from_numpy(ckpt.feature_std.astype(np.float32)),
        "metadata": metadata,
    }
    with atomic_path(path) as tmp:
        torch.save(payload, tmp)
    with atomic_path(path.with_name("metadata.json")) as tmp:
        tmp.write_text(json.dumps(metadata, indent=2, sort_keys=True) + "\n")


def load_checkpoint(path: str | Path) -> Checkpoint:
    path = Path(path)
    if not path.is_file():
        raise PortraitTalkerError(f"{path}: audio2flame checkpoint not found (train it: snakemake train_audio2flame)")
    try:
        payload = torch.load(path, map_location="cpu", weights_only=True)
        config = ModelConfig(**payload["model_config"])
        model = Audio2Flame(config)
        model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in payload["state_dict"].items()})
    except Exception as err:
        raise PortraitTalkerError(f"{path}: not a readable audio2flame checkpoint ({type(err).__name__}: {err})") from None
    meta = payload.get("metadata", {})
    if meta.get("head_model", BUNDLED_HEAD_ID) != BUNDLED_HEAD_ID or meta.get("channels", list(CHANNELS)) != list(CHANNELS):
        raise PortraitTalkerError(f"{path}: checkpoint predicts another expression basis; retrain for {BUNDLED_HEAD_ID}")
    return Checkpoint(
        model=model.eval(),
        feature_spec=FeatureSpec.from_dict(payload["feature_spec"]),
        feature_mean=payload["feature_mean"].numpy(),
        feature_std=payload["feature_std"].numpy(),
        metadata=meta,
    )
