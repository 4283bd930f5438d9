"""The audio2flame checkpoint: weights, model config, feature spec and normalisation, metadata.

One file (`model.pt`) holds everything inference needs; `metadata.json` next to it repeats the
human-readable part (feature type, fps, head basis, corpus hash, validation figures).
Loading picks a runtime: "numpy" (inference: `model_numpy.py`, torch is never imported) or
"torch" (training, and whatever needs gradients). Both read the file with `torch_archive`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import PortraitTalkerError
from ..head.basis import BUNDLED_HEAD_ID
from ..io import atomic_path
from ..torch_archive import load_torch_archive
from .channels import CHANNELS
from .features import FeatureSpec
from .model_config import ModelConfig
from .model_numpy import Audio2FlameNumpy

if TYPE_CHECKING:
    from .model import Audio2Flame

FORMAT_VERSION = 1
RUNTIMES = ("numpy", "torch")


@dataclass
class Checkpoint:
    model: "Audio2Flame | Audio2FlameNumpy"   # torch module (training) or numpy runtime (inference)
    feature_spec: FeatureSpec
    feature_mean: np.ndarray        # [F] per-dimension normalisation of the features
    feature_std: np.ndarray         # [F]
    metadata: dict = field(default_factory=dict)

    def normalise(self, features: np.ndarray) -> np.ndarray:
        return ((features - self.feature_mean) / self.feature_std).astype(np.float32)

    def forward_with_phones(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Normalised features [B, N, F] -> (channels [B, N // 2, C], phone logits [B, N // 2, K] or None),
        with whichever runtime the model was loaded for."""
        if isinstance(self.model, Audio2FlameNumpy):
            return self.model.forward_with_phones(features)
        import torch

        with torch.no_grad():
            channels, logits = self.model.forward_with_phones(torch.from_numpy(np.asarray(features, np.float32)))
        return channels.numpy(), (logits.numpy() if logits is not None else None)


def save_checkpoint(ckpt: Checkpoint, path: str | Path) -> None:
    """Write `model.pt` (half-precision weights: the file stays small) and `metadata.json`."""
    import torch

    path = Path(path)
    tensors = {k: torch.as_tensor(v).detach() for k, v in ckpt.model.state_dict().items()}  # either runtime
    state = {k: v.to(torch.float16) if v.is_floating_point() else v for k, v in tensors.items()}
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


def load_checkpoint(path: str | Path, runtime: str = "numpy") -> Checkpoint:
    """Read `model.pt` for the numpy runtime (inference, no torch) or the torch one (training)."""
    if runtime not in RUNTIMES:
        raise ValueError(f"runtime must be one of {RUNTIMES}, not {runtime!r}")
    path = Path(path)
    if not path.is_file():
        raise PortraitTalkerError(f"{path}: audio2flame checkpoint not found (train it: snakemake train_audio2flame)")
    payload = load_torch_archive(path, what="audio2flame checkpoint")
    try:
        config = ModelConfig(**payload["model_config"])
        state = {k: v.astype(np.float32) if v.dtype.kind == "f" else v for k, v in payload["state_dict"].items()}
        model = Audio2FlameNumpy(config, state) if runtime == "numpy" else _torch_model(config, state)
        feature_spec = FeatureSpec.from_dict(payload["feature_spec"])
        feature_mean, feature_std = (np.asarray(payload[k], np.float32) for k in ("feature_mean", "feature_std"))
    except Exception as err:
        raise PortraitTalkerError(f"{path}: not a readable audio2flame checkpoint ({type(err).__name__}: {err})") from None
    meta = payload.get("metadata", {})
    if meta.get("head_model", BUNDLED_HEAD_ID) != BUNDLED_HEAD_ID or meta.get("channels", list(CHANNELS)) != list(CHANNELS):
        raise PortraitTalkerError(f"{path}: checkpoint predicts another expression basis; retrain for {BUNDLED_HEAD_ID}")
    return Checkpoint(model=model, feature_spec=feature_spec, feature_mean=feature_mean, feature_std=feature_std,
                      metadata=meta)


def _torch_model(config: ModelConfig, state: dict[str, np.ndarray]) -> "Audio2Flame":
    import torch

    from .model import Audio2Flame

    model = Audio2Flame(config)
    model.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()})
    return model.eval()
