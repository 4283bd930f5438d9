"""Audio2Flame: a small transformer encoder from audio features to speech channels.

features [B, N, F] at 100 Hz -> strided conv front (relative position, 2x downsampling)
-> transformer encoder with a banded attention mask (each 20 ms frame sees +-`context_s`
of audio: enough for coarticulation, and the same whether the clip is 3 s or 10 min)
-> linear head -> channels [B, N/2, C] at 50 Hz.
No absolute positions are used, so any crop length works at training and inference.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
from torch import nn

from .channels import NUM_CHANNELS


@dataclass(frozen=True)
class ModelConfig:
    feature_dim: int = 80
    d_model: int = 128
    num_layers: int = 4
    num_heads: int = 4
    ff_dim: int = 256
    dropout: float = 0.1
    context_s: float = 0.6       # attention reach either side, seconds
    out_rate_hz: int = 50
    num_channels: int = NUM_CHANNELS

    def to_dict(self) -> dict:
        return asdict(self)


def band_mask(n: int, reach: int, device: torch.device) -> torch.Tensor:
    """[n, n] bool, True where attention is NOT allowed (|i - j| > reach)."""
    idx = torch.arange(n, device=device)
    return (idx[None, :] - idx[:, None]).abs() > reach


class Audio2Flame(nn.Module):
    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.config = config
        d = config.d_model
        self.front = nn.Sequential(
            nn.Conv1d(config.feature_dim, d, kernel_size=5, padding=2),
            nn.GELU(),
            nn.Conv1d(d, d, kernel_size=4, stride=2, padding=1),  # 100 Hz -> 50 Hz
            nn.GELU(),
        )
        # Depthwise conv as a relative positional embedding (as in wav2vec2).
        self.pos_conv = nn.Conv1d(d, d, kernel_size=9, padding=4, groups=d)
        self.norm_in = nn.LayerNorm(d)
        layer = nn.TransformerEncoderLayer(
            d, config.num_heads, config.ff_dim, config.dropout, activation="gelu", batch_first=True, norm_first=True
        )
        self.encoder = nn.TransformerEncoder(layer, config.num_layers, enable_nested_tensor=False)
        self.norm_out = nn.LayerNorm(d)
        self.head = nn.Linear(d, config.num_channels)

    @property
    def reach_frames(self) -> int:
        return int(round(self.config.context_s * self.config.out_rate_hz))

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        """features [B, N, F] (normalised) -> channels [B, ceil(N/2), C]."""
        x = self.front(features.transpose(1, 2))                 # [B, d, N/2]
        x = x + self.pos_conv(x)
        x = self.norm_in(x.transpose(1, 2))                      # [B, M, d]
        mask = band_mask(x.shape[1], self.reach_frames, x.device)
        x = self.encoder(x, mask=mask)
        return self.head(self.norm_out(x))


def output_frames(num_feature_frames: int) -> int:
    """Model output length for N input frames (conv k=4, s=2, p=1)."""
    return (num_feature_frames + 2 - 4) // 2 + 1
