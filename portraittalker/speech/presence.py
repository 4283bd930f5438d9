"""Speech presence: P(someone is speaking) per 20 ms frame, and the gate that rests the mouth elsewhere.

The audio2flame network turns any tone with partials in the formant range into mouth motion: on
instrumental music alone its jaw stands open most of the time. A separate small detector, trained
only on generated data (the corpus engines' speech, alone and under synthetic music and noise,
against synthetic music, coloured noise, room tone and silence: `presence_training.py`), reads the
same utterance-normalised log-mel the network reads (no extra front end) and says where someone
speaks. `presence_gate` turns its output into a gate in [0, 1] with a short look-ahead (a first
syllable is not cut) and a hold over short pauses inside speech; predict.py multiplies the mouth
channels by it, so where the gate is 1 (speech) they are exactly the network's.

The detector: the features' pairs of 100 Hz frames averaged to 50 Hz, per-band normalisation, a
linear projection with ReLU, a stack of residual dilated 1-D convolutions (kernel 3, ReLU; with
dilations 1, 2, 4, 8, 16 it sees +-0.62 s: a few syllables, the rate at which speech's level and
spectrum change and music's mostly do not), a linear read-out and a sigmoid. Inference is numpy
(`PresenceModel`); the weights are a plain `.npz` read without pickle, shapes checked.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..config import resolve
from ..errors import PortraitTalkerError
from .closure_decoding import ClosureDecoding, decode_closures
from .signal1d import gaussian_filter1d

DEFAULT_PRESENCE_MODEL = "models/speech_presence/model.npz"
FORMAT = "speech_presence_v1"
KERNEL = 3


@dataclass(frozen=True)
class PresenceGate:
    """How presence becomes the mouth's gate (all times in seconds, at the 50 Hz channel rate).

    gate = ramp(max of presence over [t - hold_s, t + lead_s]) from `lo` (0) to `hi` (1), left at 1
    through any dimmed stretch shorter than `min_rest_s`, then smoothed with a Gaussian of
    `smooth_s` (sigma); values within 1e-3 of 1 are 1."""

    lead_s: float = 0.12     # opens this long before presence rises: the first syllable's onset is kept
    hold_s: float = 0.4      # stays open this long after it falls: pauses inside speech are held
    lo: float = 0.25         # presence at or below this: the mouth at rest
    hi: float = 0.5          # at or above this: the network's channels as they are
    smooth_s: float = 0.04   # the fade's smoothing
    min_rest_s: float = 0.6  # a stretch without speech shorter than this is left to the loudness gate (as
                             # before the presence gate): it rests the mouth through music intros, jingles and
                             # pauses filled with music, not the breath or room tone before a clip's first word

    def to_dict(self) -> dict:
        return asdict(self)


def _relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0, out=x)


def to_50hz(features: np.ndarray) -> np.ndarray:
    """[N, F] at 100 Hz -> [ceil(N/2), F]: each pair of frames averaged (the last one repeated if odd)."""
    f = np.asarray(features, np.float32)
    if len(f) % 2:
        f = np.concatenate([f, f[-1:]])
    return 0.5 * (f[0::2] + f[1::2])


def dilated_conv(h: np.ndarray, w: np.ndarray, b: np.ndarray, dilation: int) -> np.ndarray:
    """h [M, C_in], w [KERNEL, C_in, C_out], b [C_out] -> [M, C_out]: tap k reads h[t + (k - 1) * dilation],
    the ends repeated (torch: F.pad(mode="replicate") then Conv1d(dilation=...))."""
    m, half = len(h), w.shape[0] // 2
    pad = half * dilation
    padded = np.concatenate([np.repeat(h[:1], pad, 0), h, np.repeat(h[-1:], pad, 0)])
    out = padded[0:m] @ w[0]
    for k in range(1, w.shape[0]):
        out += padded[k * dilation:k * dilation + m] @ w[k]
    out += b
    return out


class PresenceModel:
    """Numpy runtime of the presence detector: owns its weights, nothing else."""

    def __init__(self, weights: dict[str, np.ndarray], metadata: dict | None = None) -> None:
        self.w = weights
        self.dilations = [int(d) for d in weights["dilations"]]
        self.metadata = metadata or {}

    def logits(self, features: np.ndarray) -> np.ndarray:
        """Utterance-normalised log-mel [N, F] at 100 Hz -> logits [ceil(N/2)] at 50 Hz."""
        w = self.w
        if len(features) == 0:
            return np.zeros(0, np.float32)
        x = (to_50hz(features) - w["feature_mean"]) / w["feature_std"]
        h = _relu(x @ w["proj_w"] + w["proj_b"])
        for i, d in enumerate(self.dilations):
            h = h + _relu(dilated_conv(h, w[f"conv{i}_w"], w[f"conv{i}_b"], d))
        return (h @ w["out_w"] + w["out_b"]).astype(np.float32)

    def __call__(self, features: np.ndarray) -> np.ndarray:
        """[N, F] at 100 Hz -> P(speech) [ceil(N/2)] in [0, 1] at 50 Hz."""
        z = np.clip(self.logits(features), -30, 30)
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)


def presence_gate(presence: np.ndarray, rate_hz: float, gate: PresenceGate = PresenceGate()) -> np.ndarray:
    """P(speech) [M] -> the mouth's gate [M] in [0, 1] (PresenceGate): 1 wherever speech is near."""
    p = np.asarray(presence, np.float64)
    m = len(p)
    if m == 0:
        return p.astype(np.float32)
    back, ahead = int(round(gate.hold_s * rate_hz)), int(round(gate.lead_s * rate_hz))
    # running max over [t - back, t + ahead]: window t of the padded series starts at p[t - back]
    padded = np.concatenate([np.full(back, -np.inf), p, np.full(ahead, -np.inf)])
    held = np.lib.stride_tricks.sliding_window_view(padded, back + ahead + 1).max(axis=1)
    g = np.clip((held - gate.lo) / max(gate.hi - gate.lo, 1e-6), 0.0, 1.0)
    # runs where the gate would dim, shorter than min_rest_s: left open
    dim = np.concatenate([[False], g < 1, [False]])
    edges = np.flatnonzero(np.diff(dim.astype(np.int8)))
    for a, b in zip(edges[0::2], edges[1::2]):
        if b - a < gate.min_rest_s * rate_hz:
            g[a:b] = 1.0
    if gate.smooth_s > 0:
        g = gaussian_filter1d(g, sigma=gate.smooth_s * rate_hz, mode="nearest")
    g = np.where(g > 1 - 1e-3, 1.0, np.clip(g, 0.0, 1.0))
    return g.astype(np.float32)


def gate_channels(channels: np.ndarray, bilabial: np.ndarray | None, gate: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """The network's channels [M, C] (all, mouthPress too) and bilabial posterior [M] times the
    presence gate [M]: where the gate is 1 they are returned exactly as given; where it is 0 the
    mouth rests and closure decoding finds no closure to shut."""
    out = np.asarray(channels, np.float32) * gate[: len(channels), None]
    return out.astype(np.float32), (None if bilabial is None else (bilabial * gate[: len(bilabial)]).astype(np.float32))


def decode_where_speaking(channels: np.ndarray, bilabial: np.ndarray | None, rate_hz: float,
                          decoding: ClosureDecoding | None, level: np.ndarray | None,
                          speaking: np.ndarray | None) -> np.ndarray:
    """The network's channels [M, C] closure-decoded (closure_decoding.py; `decoding` None: not)
    under the presence gate `speaking` [M] (None: no gate): gated before decoding, so that no
    closure is found where no one speaks, and after it, so that a closure shut where the gate
    fades fades with it."""
    if speaking is not None:
        channels, bilabial = gate_channels(channels, bilabial, speaking)
    out = channels if decoding is None else decode_closures(channels, bilabial, rate_hz, decoding, level)[0]
    return out if speaking is None else out * speaking[: len(out), None]


def save_presence_model(weights: dict[str, np.ndarray], metadata: dict, path: str | os.PathLike) -> None:
    """Write the weights (`.npz`, float32, no pickled objects) and `metadata.json` beside them."""
    from ..io import atomic_path

    path = Path(path)
    arrays = {k: np.asarray(v, np.int64 if k == "dilations" else np.float32) for k, v in weights.items()}
    arrays["format"] = np.array(FORMAT)
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            np.savez(fh, **arrays)
    with atomic_path(path.with_name("metadata.json")) as tmp:
        tmp.write_text(json.dumps({**metadata, "format": FORMAT}, indent=2, sort_keys=True) + "\n")


def _check_shapes(w: dict[str, np.ndarray]) -> None:
    dim = w["feature_mean"].shape
    if len(dim) != 1 or w["feature_std"].shape != dim or np.any(w["feature_std"] <= 0):
        raise ValueError("feature_mean/feature_std must be two equal vectors, std > 0")
    f, = dim
    if w["proj_w"].ndim != 2 or w["proj_w"].shape[0] != f:
        raise ValueError(f"proj_w must be [{f}, hidden], is {list(w['proj_w'].shape)}")
    h = w["proj_w"].shape[1]
    if w["proj_b"].shape != (h,) or w["out_w"].shape != (h,) or w["out_b"].shape != (1,):
        raise ValueError("proj_b, out_w, out_b do not match the hidden width")
    if w["dilations"].ndim != 1 or np.any(w["dilations"] < 1):
        raise ValueError("dilations must be a vector of positive integers")
    for i in range(len(w["dilations"])):
        if w[f"conv{i}_w"].shape != (KERNEL, h, h) or w[f"conv{i}_b"].shape != (h,):
            raise ValueError(f"conv{i} is not [{KERNEL}, {h}, {h}] + [{h}]")
    if not all(np.all(np.isfinite(v)) for v in w.values()):
        raise ValueError("non-finite weights")


def load_presence_model(path: str | os.PathLike = DEFAULT_PRESENCE_MODEL) -> PresenceModel:
    """Read a presence detector (`.npz` from save_presence_model). The file is data: read without
    pickle, its format and every array's shape checked; anything else is one PortraitTalkerError line."""
    path = Path(path)
    if not path.is_file():
        raise PortraitTalkerError(f"{path}: speech-presence model not found (train it: snakemake train_speech_presence, "
                                  f"or set speech.presence_gate: false)")
    try:
        with np.load(path, allow_pickle=False) as d:
            if "format" not in d.files or str(d["format"]) != FORMAT:
                raise ValueError(f"no '{FORMAT}' format tag")
            names = ["feature_mean", "feature_std", "proj_w", "proj_b", "out_w", "out_b", "dilations"]
            n_layers = int(d["dilations"].size) if "dilations" in d.files else 0
            names += [f"conv{i}_{p}" for i in range(n_layers) for p in ("w", "b")]
            missing = [k for k in names if k not in d.files]
            if missing:
                raise ValueError(f"missing {', '.join(missing)}")
            w = {k: (d[k].astype(np.int64) if k == "dilations" else d[k].astype(np.float32)) for k in names}
        _check_shapes(w)
    except Exception as err:  # noqa: BLE001 -- any unreadable file is the same user-facing error
        msg = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise PortraitTalkerError(f"{path}: not a readable speech-presence model ({msg}); retrain it: snakemake train_speech_presence --forcerun train_speech_presence") from None
    meta_path = path.with_name("metadata.json")
    try:
        metadata = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
    except (OSError, ValueError):
        metadata = {}
    return PresenceModel(w, metadata)


@lru_cache(maxsize=4)
def _cached(path: str, mtime: float) -> PresenceModel:
    return load_presence_model(path)


def get_presence_model(path: str | os.PathLike = DEFAULT_PRESENCE_MODEL) -> PresenceModel:
    """The presence detector for inference, cached per file version (a missing file raises)."""
    p = resolve(path)
    if not p.is_file():
        return load_presence_model(p)
    return _cached(str(p), p.stat().st_mtime)
