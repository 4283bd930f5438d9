"""Audio2Flame: a small transformer encoder from audio features to speech channels.

features [B, N, F] at 100 Hz -> strided conv front (relative position, 2x downsampling)
-> transformer encoder with a banded attention mask (each 20 ms frame sees +-`context_s`
of audio: enough for coarticulation, and the same whether the clip is 3 s or 10 min)
-> linear head -> channels [B, N/2, C] at 50 Hz.
No absolute positions are used, so any crop length works at training and inference.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from .model_config import FREQ_STRIDE, ModelConfig


def band_mask(n: int, reach: int, device: torch.device) -> torch.Tensor:
    """[n, n] bool, True where frame i may attend to frame j (|i - j| <= reach)."""
    idx = torch.arange(n, device=device)
    return (idx[None, :] - idx[:, None]).abs() <= reach


class EncoderLayer(nn.Module):
    """Pre-norm transformer layer over scaled_dot_product_attention with a banded mask.

    Parameter names match `nn.TransformerEncoderLayer`, but the forward avoids its CPU fast
    path, whose masked softmax is several times slower than SDPA for banded masks.
    """

    def __init__(self, d_model: int, num_heads: int, ff_dim: int, dropout: float) -> None:
        super().__init__()
        self.self_attn = nn.MultiheadAttention(d_model, num_heads, dropout=dropout, batch_first=True)
        self.linear1 = nn.Linear(d_model, ff_dim)
        self.linear2 = nn.Linear(ff_dim, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)
        self.dropout = nn.Dropout(dropout)
        self.num_heads = num_heads
        self.attn_dropout = dropout

    def forward(self, x: torch.Tensor, allowed: torch.Tensor) -> torch.Tensor:
        """x [B, M, d], allowed [M, M] bool -> [B, M, d]."""
        b, m, d = x.shape
        qkv = F.linear(self.norm1(x), self.self_attn.in_proj_weight, self.self_attn.in_proj_bias)
        q, k, v = qkv.view(b, m, 3, self.num_heads, d // self.num_heads).permute(2, 0, 3, 1, 4)
        a = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed, dropout_p=self.attn_dropout if self.training else 0.0)
        x = x + self.dropout(self.self_attn.out_proj(a.transpose(1, 2).reshape(b, m, d)))
        return x + self.dropout(self.linear2(self.dropout(F.gelu(self.linear1(self.norm2(x))))))


class Encoder(nn.Module):
    def __init__(self, layers: list[EncoderLayer]) -> None:
        super().__init__()
        self.layers = nn.ModuleList(layers)

    def forward(self, x: torch.Tensor, allowed: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            x = layer(x, allowed)
        return x


class Audio2Flame(nn.Module):
    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.config = config
        d, c = config.d_model, config.freq_channels
        # Kernels shared across mel bands: a formant pattern moved up or down the mel axis (another
        # vocal tract) meets the same filters, where the dense front below sees other inputs.
        self.freq_front = nn.Sequential(*[
            module
            for c_in, kernel, padding in config.freq_convs
            for module in (nn.Conv2d(c_in, c, kernel_size=kernel, stride=FREQ_STRIDE, padding=padding), nn.GELU())
        ]) if c > 0 else None
        self.front = nn.Sequential(
            nn.Conv1d(config.front_dim, d, kernel_size=5, padding=2),
            nn.GELU(),
            nn.Conv1d(d, d, kernel_size=4, stride=2, padding=1),  # 100 Hz -> 50 Hz
            nn.GELU(),
        )
        # Depthwise conv as a relative positional embedding (as in wav2vec2).
        self.pos_conv = nn.Conv1d(d, d, kernel_size=9, padding=4, groups=d)
        self.norm_in = nn.LayerNorm(d)
        self.encoder = Encoder([EncoderLayer(d, config.num_heads, config.ff_dim, config.dropout) for _ in range(config.num_layers)])
        self.norm_out = nn.LayerNorm(d)
        self.head = nn.Linear(d, config.num_channels)
        self.phone_head = nn.Linear(d, config.num_phone_classes) if config.num_phone_classes > 0 else None

    @property
    def reach_frames(self) -> int:
        return self.config.reach_frames

    def encode(self, features: torch.Tensor) -> torch.Tensor:
        """features [B, N, F] (normalised) -> hidden states [B, ceil(N/2), d]."""
        if self.freq_front is not None:
            maps = self.freq_front(features.unsqueeze(1))        # [B, c, N, bands]
            features = maps.permute(0, 2, 1, 3).flatten(2)       # [B, N, c * bands]
        x = self.front(features.transpose(1, 2))                 # [B, d, N/2]
        x = x + self.pos_conv(x)
        x = self.norm_in(x.transpose(1, 2))                      # [B, M, d]
        x = self.encoder(x, band_mask(x.shape[1], self.reach_frames, x.device))
        return self.norm_out(x)

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        """features [B, N, F] (normalised) -> channels [B, ceil(N/2), C]."""
        return self.head(self.encode(features))

    def forward_with_phones(self, features: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        """-> (channels [B, M, C], phone-class logits [B, M, K] or None without the head)."""
        return self.heads(self.encode(features))

    def heads(self, hidden: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        """Hidden states [B, M, d] (`encode`) -> (channels, phone-class logits or None)."""
        return self.head(hidden), (self.phone_head(hidden) if self.phone_head is not None else None)


def output_frames(num_feature_frames: int) -> int:
    """Model output length for N input frames (conv k=4, s=2, p=1)."""
    return (num_feature_frames + 2 - 4) // 2 + 1
