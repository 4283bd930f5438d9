"""Audio features for the audio-to-FLAME model, at a fixed 100 frames per second.

`logmel` (librosa) is the weights-free default. `wav2vec2` runs a transformers speech encoder
(wav2vec2 or HuBERT) from a local folder and resamples its 50 Hz hidden states to 100 Hz.
The checkpoint records the `FeatureSpec` it was trained on; `check_compatible` refuses a
mismatch instead of silently feeding the model features it has never seen.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import MissingWeightsError, PortraitTalkerError
from .audio import SAMPLE_RATE_HZ

FEATURE_RATE_HZ = 100
_HOP = SAMPLE_RATE_HZ // FEATURE_RATE_HZ  # 160 samples = 10 ms


@dataclass(frozen=True)
class FeatureSpec:
    """What the model eats: feature kind, width and rate (and the encoder's id for wav2vec2)."""

    kind: str                     # "logmel" | "wav2vec2"
    dim: int
    rate_hz: int = FEATURE_RATE_HZ
    encoder_id: str = ""          # model_type/hidden size of the local wav2vec2 encoder

    def to_dict(self) -> dict:
        return asdict(self)

    @staticmethod
    def from_dict(d: dict) -> "FeatureSpec":
        return FeatureSpec(**d)


class FeatureExtractor(Protocol):
    spec: FeatureSpec

    def __call__(self, wave: np.ndarray) -> np.ndarray:
        """wave [N] float32 at 16 kHz -> features [ceil(N / 160), dim] float32."""


def num_feature_frames(num_samples: int) -> int:
    return max(1, -(-num_samples // _HOP))


class LogMelFeatures:
    """log(mel power + eps), 80 bands up to 8 kHz, 25 ms window, 10 ms hop."""

    def __init__(self, n_mels: int = 80) -> None:
        self.spec = FeatureSpec(kind="logmel", dim=n_mels)
        import librosa

        self._mel = librosa.filters.mel(sr=SAMPLE_RATE_HZ, n_fft=512, n_mels=n_mels, fmin=40, fmax=7600).astype(np.float32)

    def __call__(self, wave: np.ndarray) -> np.ndarray:
        import librosa

        n = num_feature_frames(len(wave))
        stft = librosa.stft(wave.astype(np.float32), n_fft=512, hop_length=_HOP, win_length=400, center=True)
        power = (np.abs(stft) ** 2).astype(np.float32)
        mel = self._mel @ power                             # [n_mels, frames]
        feats = np.log(mel + 1e-6).T
        return _fit_length(feats, n)


class Wav2Vec2Features:
    """Hidden states of a local wav2vec2/HuBERT encoder (transformers), linearly upsampled to 100 Hz."""

    def __init__(self, model_path: str | Path, layer: int = -1) -> None:
        path = Path(model_path)
        if not (path / "config.json").is_file():
            raise MissingWeightsError(
                f"{path}: no transformers wav2vec2/HuBERT model here (config.json missing); set speech.wav2vec2_path to a local folder"
            )
        import torch
        from transformers import AutoConfig, AutoModel

        config = AutoConfig.from_pretrained(path)
        if config.model_type not in ("wav2vec2", "hubert", "wavlm", "data2vec-audio"):
            raise PortraitTalkerError(f"{path}: model_type '{config.model_type}' is not a wav2vec2-style speech encoder")
        self._torch = torch
        self._model = AutoModel.from_pretrained(path).eval()
        self._layer = layer
        self.spec = FeatureSpec(
            kind="wav2vec2", dim=int(config.hidden_size), encoder_id=f"{config.model_type}-h{config.hidden_size}-l{config.num_hidden_layers}"
        )

    def __call__(self, wave: np.ndarray) -> np.ndarray:
        torch = self._torch
        n = num_feature_frames(len(wave))
        x = torch.from_numpy(wave.astype(np.float32))
        x = (x - x.mean()) / (x.std() + 1e-7)  # the feature extractor's zero-mean/unit-var normalisation
        if x.numel() < 400:  # the conv stack needs one 25 ms receptive field
            x = torch.nn.functional.pad(x, (0, 400 - x.numel()))
        with torch.no_grad():
            out = self._model(x[None], output_hidden_states=True)
        hidden = out.hidden_states[self._layer][0]             # [frames@50Hz, dim]
        up = torch.nn.functional.interpolate(hidden.T[None], size=n, mode="linear", align_corners=False)
        return up[0].T.numpy().astype(np.float32)


def _fit_length(feats: np.ndarray, n: int) -> np.ndarray:
    if len(feats) >= n:
        return feats[:n]
    return np.concatenate([feats, np.repeat(feats[-1:], n - len(feats), axis=0)])


def make_extractor(kind: str, wav2vec2_path: str | Path | None = None) -> FeatureExtractor:
    if kind == "logmel":
        return LogMelFeatures()
    if kind == "wav2vec2":
        if wav2vec2_path is None:
            raise MissingWeightsError("speech.features is 'wav2vec2' but speech.wav2vec2_path is not set")
        return Wav2Vec2Features(wav2vec2_path)
    raise PortraitTalkerError(f"unknown speech feature type '{kind}' (use logmel or wav2vec2)")


def check_compatible(trained: FeatureSpec, given: FeatureSpec, checkpoint: str | Path) -> None:
    """Refuse features that differ from the ones the checkpoint was trained on."""
    if trained != given:
        raise PortraitTalkerError(
            f"{checkpoint}: trained on {trained.kind} features ({trained.dim}-d {trained.encoder_id}) but given "
            f"{given.kind} ({given.dim}-d {given.encoder_id}); set speech.features to match or retrain"
        )
