"""Audio2Flame's inference forward pass in numpy: the weights of `model.py`'s torch module, the same
outputs (float32, to ~1e-5), and no `import torch` (~1.4 s of every prediction job's start-up).

Math as pure functions over time-major arrays ([B, N, C]); `Audio2FlameNumpy` only owns the
weights. The parameter names and layouts are torch's (conv [out, in, k], linear [out, in]), so a
checkpoint's state dict is used as it is. Training keeps the torch module (it needs gradients);
tests pin the two equal.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .model_config import FREQ_STRIDE, ModelConfig

_LAYER_NORM_EPS = 1e-5  # nn.LayerNorm's default

# Eigen's float32 erf (a rational fit on [-4, 4], error < 5e-7): numpy has no erf, and math.erf
# element by element is ~20x slower (35 ms per layer on a 4 s clip).
_ERF_P = np.array([-2.72614225801306e-10, 2.77068142495902e-08, -2.10102402082508e-06, -5.69250639462346e-05,
                   -7.34990630326855e-04, -2.95459980854025e-03, -1.60960333262415e-02], np.float32)
_ERF_Q = np.array([-1.45660718464996e-05, -2.13374055278905e-04, -1.68282697438203e-03, -7.37332916720468e-03,
                   -1.42647390514189e-02], np.float32)


def erf(x: np.ndarray) -> np.ndarray:
    """Error function, float32-accurate (in-place steps: this runs on every hidden unit)."""
    x = np.maximum(x, -4.0)
    np.minimum(x, 4.0, out=x)
    x2 = x * x
    p = x2 * _ERF_P[0]
    p += _ERF_P[1]
    for c in _ERF_P[2:]:
        p *= x2
        p += c
    q = x2 * _ERF_Q[0]
    q += _ERF_Q[1]
    for c in _ERF_Q[2:]:
        q *= x2
        q += c
    p *= x
    p /= q
    return p


_GELU_BLOCK = 65536  # elements per pass: the erf's twenty in-place steps stay in cache (2x faster on 4M)


def gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU, as torch's default: x (1 + erf(x / sqrt 2)) / 2, block by block."""
    flat = np.ascontiguousarray(x).reshape(-1)
    out = np.empty_like(flat)
    for i in range(0, flat.size, _GELU_BLOCK):
        part = flat[i: i + _GELU_BLOCK]
        block = erf(part * np.float32(0.7071067811865476))
        block += 1.0
        block *= part
        block *= 0.5
        out[i: i + _GELU_BLOCK] = block
    return out.reshape(np.shape(x))


def linear(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """x [..., in], weight [out, in], bias [out] -> [..., out] (one GEMM over all leading axes)."""
    out = x.reshape(-1, x.shape[-1]) @ weight.T
    out += bias
    return out.reshape(*x.shape[:-1], weight.shape[0])


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Normalise the last axis (biased variance, as nn.LayerNorm)."""
    out = x - x.mean(-1, keepdims=True)
    var = np.einsum("...i,...i->...", out, out)[..., None] / np.float32(x.shape[-1])
    out *= 1.0 / np.sqrt(var + _LAYER_NORM_EPS)
    out *= weight
    out += bias
    return out


def conv1d(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, stride: int = 1, padding: int = 0) -> np.ndarray:
    """x [B, N, Cin], weight [Cout, Cin, k] -> [B, (N + 2 padding - k) // stride + 1, Cout].

    One GEMM per kernel tap over a strided view, summed: no [B, M, Cin * k] im2col copy (~25%
    faster at these sizes)."""
    c_out, c_in, k = weight.shape
    padded = np.pad(x, ((0, 0), (padding, padding), (0, 0)))
    m = (padded.shape[1] - k) // stride + 1
    out = padded[:, 0: stride * (m - 1) + 1: stride] @ weight[:, :, 0].T
    for j in range(1, k):
        out += padded[:, j: j + stride * (m - 1) + 1: stride] @ weight[:, :, j].T
    out += bias
    return out


def conv2d(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, stride: tuple[int, int], padding: tuple[int, int],
           rows: int = 256) -> np.ndarray:
    """Channels-last x [B, N, F, Cin], weight [Cout, Cin, kt, kf] -> [B, N', F', Cout]: per `rows`
    output frames (over the batch) the patches copied out of one strided view and one GEMM (per-tap
    GEMMs of 16 channels were 3x slower, and so were whole-clip patches, out of cache; the taps'
    views concatenated one by one took twice as long as this single copy)."""
    c_out, c_in, kt, kf = weight.shape
    (st, sf), (pt, pf) = stride, padding
    padded = np.pad(x, ((0, 0), (pt, pt), (pf, pf), (0, 0)))
    b, n_in, f_in, _ = padded.shape
    m = (n_in - kt) // st + 1
    k = (f_in - kf) // sf + 1
    s = padded.strides
    taps = np.lib.stride_tricks.as_strided(padded, (b, m, k, kt, kf, c_in), (s[0], s[1] * st, s[2] * sf, s[1], s[2], s[3]),
                                           writeable=False)                 # [B, N', F', kt, kf, Cin], no copy
    w = weight.transpose(2, 3, 1, 0).reshape(kt * kf * c_in, c_out)
    out = np.empty((b, m, k, c_out), np.float32)
    chunk = max(1, rows // b)
    for s0 in range(0, m, chunk):
        n = min(chunk, m - s0)
        np.matmul(taps[:, s0: s0 + n].reshape(b, n, k, -1), w, out=out[:, s0: s0 + n])
    out += bias
    return out


def depthwise_conv1d(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, padding: int) -> np.ndarray:
    """x [B, N, C], weight [C, 1, k] (groups=C) -> [B, N + 2 padding - k + 1, C]."""
    k = weight.shape[2]
    padded = np.pad(x, ((0, 0), (padding, padding), (0, 0)))
    m = padded.shape[1] - k + 1
    out = np.broadcast_to(bias, (x.shape[0], m, x.shape[2])).copy()
    for j in range(k):
        out += padded[:, j: j + m] * weight[:, 0, j]
    return out


@lru_cache(maxsize=32)
def _band_bias(rows: int, first_row: int, width: int, reach: int) -> np.ndarray:
    """[rows, width] float32: 0 where query first_row + i may attend to key j (model.band_mask), else -inf."""
    i, j = np.arange(rows)[:, None] + first_row, np.arange(width)[None, :]
    return np.where(np.abs(i - j) <= reach, np.float32(0), np.float32(-np.inf))


def banded_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, reach: int, block: int = 32) -> np.ndarray:
    """softmax(q k^T / sqrt(dh)) v over keys |i - j| <= reach only; q, k, v [B, H, M, dh] -> [B, H, M, dh].

    Queries go in blocks, each against the keys its band can reach: on a 6.4 s window (M = 320,
    reach 30) that is a quarter of the dense score matrix, and memory stays linear in M."""
    m = q.shape[2]
    q = q * np.float32(1.0 / np.sqrt(q.shape[3]))
    k_t = k.transpose(0, 1, 3, 2)
    out = np.empty_like(q)
    for start in range(0, m, block):
        stop, lo, hi = min(start + block, m), max(0, start - reach), min(m, start + block + reach)
        scores = q[:, :, start:stop] @ k_t[:, :, :, lo:hi]
        scores += _band_bias(stop - start, start - lo, hi - lo, reach)
        scores -= scores.max(-1, keepdims=True)  # the diagonal is always allowed: the max is finite
        np.exp(scores, out=scores)
        scores /= scores.sum(-1, keepdims=True)
        out[:, :, start:stop] = scores @ v[:, :, lo:hi]
    return out


def self_attention(x: np.ndarray, p: dict, prefix: str, num_heads: int, reach: int) -> np.ndarray:
    """Multi-head attention of x [B, M, d] to itself within +-reach frames; before the output projection."""
    b, m, d = x.shape
    qkv = linear(x, p[prefix + "in_proj_weight"], p[prefix + "in_proj_bias"])
    q, k, v = qkv.reshape(b, m, 3, num_heads, d // num_heads).transpose(2, 0, 3, 1, 4)  # each [B, H, M, dh]
    return banded_attention(q, k, v, reach).transpose(0, 2, 1, 3).reshape(b, m, d)


def encoder_layer(x: np.ndarray, p: dict, prefix: str, num_heads: int, reach: int) -> np.ndarray:
    """model.EncoderLayer (pre-norm) at inference: x [B, M, d] -> [B, M, d]."""
    a = self_attention(layer_norm(x, p[prefix + "norm1.weight"], p[prefix + "norm1.bias"]), p,
                       prefix + "self_attn.", num_heads, reach)
    x = x + linear(a, p[prefix + "self_attn.out_proj.weight"], p[prefix + "self_attn.out_proj.bias"])
    h = layer_norm(x, p[prefix + "norm2.weight"], p[prefix + "norm2.bias"])
    h = gelu(linear(h, p[prefix + "linear1.weight"], p[prefix + "linear1.bias"]))
    return x + linear(h, p[prefix + "linear2.weight"], p[prefix + "linear2.bias"])


def encode(p: dict, config: ModelConfig, features: np.ndarray) -> np.ndarray:
    """Audio2Flame.encode: normalised features [B, N, F] -> hidden states [B, N // 2, d]."""
    if config.freq_channels > 0:
        maps = features[..., None]                                         # [B, N, F, 1]
        for k, (_, _, padding) in enumerate(config.freq_convs):
            maps = gelu(conv2d(maps, p[f"freq_front.{2 * k}.weight"], p[f"freq_front.{2 * k}.bias"], FREQ_STRIDE, padding))
        features = maps.transpose(0, 1, 3, 2).reshape(maps.shape[0], maps.shape[1], -1)  # [B, N, c * bands]
    x = gelu(conv1d(features, p["front.0.weight"], p["front.0.bias"], padding=2))
    x = gelu(conv1d(x, p["front.2.weight"], p["front.2.bias"], stride=2, padding=1))  # 100 Hz -> 50 Hz
    x = x + depthwise_conv1d(x, p["pos_conv.weight"], p["pos_conv.bias"], padding=4)
    x = layer_norm(x, p["norm_in.weight"], p["norm_in.bias"])
    for i in range(config.num_layers):
        x = encoder_layer(x, p, f"encoder.layers.{i}.", config.num_heads, config.reach_frames)
    return layer_norm(x, p["norm_out.weight"], p["norm_out.bias"])


def parameter_shapes(config: ModelConfig) -> dict[str, tuple[int, ...]]:
    """Every parameter of Audio2Flame(config) and its shape: what a checkpoint's state dict must hold."""
    d, ff = config.d_model, config.ff_dim
    shapes = {
        "front.0.weight": (d, config.front_dim, 5), "front.0.bias": (d,),
        "front.2.weight": (d, d, 4), "front.2.bias": (d,),
        "pos_conv.weight": (d, 1, 9), "pos_conv.bias": (d,),
        "norm_in.weight": (d,), "norm_in.bias": (d,),
        "norm_out.weight": (d,), "norm_out.bias": (d,),
        "head.weight": (config.num_channels, d), "head.bias": (config.num_channels,),
    }
    for i in range(config.num_layers):
        pre = f"encoder.layers.{i}."
        shapes.update({
            pre + "self_attn.in_proj_weight": (3 * d, d), pre + "self_attn.in_proj_bias": (3 * d,),
            pre + "self_attn.out_proj.weight": (d, d), pre + "self_attn.out_proj.bias": (d,),
            pre + "linear1.weight": (ff, d), pre + "linear1.bias": (ff,),
            pre + "linear2.weight": (d, ff), pre + "linear2.bias": (d,),
            pre + "norm1.weight": (d,), pre + "norm1.bias": (d,), pre + "norm2.weight": (d,), pre + "norm2.bias": (d,),
        })
    for k, (c_in, kernel, _) in enumerate(config.freq_convs):
        shapes.update({f"freq_front.{2 * k}.weight": (config.freq_channels, c_in, *kernel),
                       f"freq_front.{2 * k}.bias": (config.freq_channels,)})
    if config.num_phone_classes > 0:
        shapes.update({"phone_head.weight": (config.num_phone_classes, d), "phone_head.bias": (config.num_phone_classes,)})
    return shapes


class Audio2FlameNumpy:
    """Holds Audio2Flame's weights (float32 numpy) and runs its forward pass."""

    def __init__(self, config: ModelConfig, state_dict: dict[str, np.ndarray]) -> None:
        shapes = parameter_shapes(config)
        missing, unexpected = sorted(shapes.keys() - state_dict.keys()), sorted(state_dict.keys() - shapes.keys())
        wrong = [k for k in shapes.keys() & state_dict.keys() if np.shape(state_dict[k]) != shapes[k]]
        if missing or unexpected or wrong:
            raise ValueError(f"state dict does not fit the model config (missing {missing[:2]}, "
                             f"unexpected {unexpected[:2]}, wrong shape {sorted(wrong)[:2]})")
        self.config = config
        self.weights = {k: np.ascontiguousarray(state_dict[k], np.float32) for k in shapes}

    @property
    def reach_frames(self) -> int:
        return self.config.reach_frames

    def state_dict(self) -> dict[str, np.ndarray]:
        return dict(self.weights)

    def forward_with_phones(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """features [B, N, F] (normalised) -> (channels [B, N // 2, C], phone-class logits [B, M, K] or None)."""
        h = encode(self.weights, self.config, np.asarray(features, np.float32))
        p = self.weights
        phones = linear(h, p["phone_head.weight"], p["phone_head.bias"]) if "phone_head.weight" in p else None
        return linear(h, p["head.weight"], p["head.bias"]), phones

    def __call__(self, features: np.ndarray) -> np.ndarray:
        """features [B, N, F] (normalised) -> channels [B, N // 2, C]."""
        return self.forward_with_phones(features)[0]
