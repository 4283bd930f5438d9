"""Audio features for the audio-to-FLAME model, at a fixed 100 frames per second.

`logmel` (numpy STFT with librosa's framing) is the weights-free default. `wav2vec2` runs a
transformers speech encoder (wav2vec2 or HuBERT) from a local folder and resamples its 50 Hz
hidden states to 100 Hz. Long recordings go through it in overlapping chunks
(`EncoderChunking`), so memory stays bounded whatever the length; weights load from the local
folder only, from safetensors when present. The checkpoint records the `FeatureSpec` it was
trained on; `check_compatible` refuses a mismatch instead of silently feeding the model
features it has never seen.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import MissingWeightsError, PortraitTalkerError
from .audio import SAMPLE_RATE_HZ
from .blocks import running_sum

FEATURE_RATE_HZ = 100
_HOP = SAMPLE_RATE_HZ // FEATURE_RATE_HZ  # 160 samples = 10 ms
# Feature frames per pass of the STFT and of the utterance mean: their float64/complex128
# temporaries (~8 KB a frame in the FFT) for a whole 1-hour clip (360k frames) at once took
# 3.2 GB; 80 s worth at a time takes 70 MB, and each frame's numbers are the same.
_BLOCK_FRAMES = 8192
# The STFT's passes are smaller still: 256 frames' temporaries (~2 MB) stay in cache, which
# halves its time against 8192 at once (10 ms against 22 ms a minute of speech).
_STFT_BLOCK_FRAMES = 256


@dataclass(frozen=True)
class FeatureSpec:
    """What the model eats: feature kind, width and rate (and the encoder's id for wav2vec2)."""

    kind: str                     # "logmel" | "wav2vec2"
    dim: int
    rate_hz: int = FEATURE_RATE_HZ
    encoder_id: str = ""          # model_type/hidden size of the local wav2vec2 encoder
    utterance_norm: bool = False  # log-mel minus its running mean over speech (utterance_mean_norm)

    def to_dict(self) -> dict:
        return asdict(self)

    @staticmethod
    def from_dict(d: dict) -> "FeatureSpec":
        return FeatureSpec(**d)

    def extractor(self, wav2vec2_path: str | Path | None = None) -> "FeatureExtractor":
        """An extractor that produces exactly these features."""
        return make_extractor(self.kind, wav2vec2_path, utterance_norm=self.utterance_norm)


class FeatureExtractor(Protocol):
    spec: FeatureSpec

    def __call__(self, wave: np.ndarray) -> np.ndarray:
        """wave [N] float32 at 16 kHz -> features [ceil(N / 160), dim] float32."""


def num_feature_frames(num_samples: int) -> int:
    return max(1, -(-num_samples // _HOP))


@dataclass(frozen=True)
class MelSettings:
    n_fft: int = 512
    win_length: int = 400          # 25 ms
    fmin_hz: float = 40.0
    fmax_hz: float = 7600.0
    floor: float = 1e-6            # added to the mel power before the log
    vtlp_boundary_hz: float = 4800.0  # VTLP warps linearly below this, then bends to reach Nyquist
    norm_window_s: float = 5.0     # utterance mean: running mean over speech +- this long
    norm_active_db: float = 35.0   # frames within this of the loud parts count as speech for the mean


def _hz_to_mel(f):
    """Slaney's mel scale (as librosa's default): linear below 1 kHz, logarithmic above."""
    f = np.asarray(f, np.float64)
    lin = f / (200.0 / 3)
    return np.where(f >= 1000.0, 15.0 + np.log(np.maximum(f, 1e-9) / 1000.0) / (np.log(6.4) / 27.0), lin)


def _mel_to_hz(m):
    m = np.asarray(m, np.float64)
    return np.where(m >= 15.0, 1000.0 * np.exp((np.log(6.4) / 27.0) * (m - 15.0)), (200.0 / 3) * m)


def vtlp_warp(freq_hz: np.ndarray, alpha: float, boundary_hz: float, nyquist_hz: float) -> np.ndarray:
    """Vocal-tract-length perturbation of a frequency axis (Jaitly & Hinton 2013): f -> alpha f
    up to a boundary, then a straight line that keeps Nyquist fixed."""
    cut = boundary_hz * min(alpha, 1.0) / alpha
    upper = nyquist_hz - (nyquist_hz - boundary_hz * min(alpha, 1.0)) / (nyquist_hz - cut) * (nyquist_hz - freq_hz)
    return np.where(freq_hz <= cut, freq_hz * alpha, upper)


def mel_filterbank(n_mels: int, settings: MelSettings, warp: float = 1.0) -> np.ndarray:
    """[n_mels, n_fft/2+1] triangular, area-normalised filters, evaluated on a VTLP-warped axis."""
    nyquist = SAMPLE_RATE_HZ / 2
    fft_hz = np.linspace(0, nyquist, settings.n_fft // 2 + 1)
    f = vtlp_warp(fft_hz, warp, settings.vtlp_boundary_hz, nyquist) if warp != 1.0 else fft_hz
    edges = _mel_to_hz(np.linspace(_hz_to_mel(settings.fmin_hz), _hz_to_mel(settings.fmax_hz), n_mels + 2))
    lo, mid, hi = edges[:-2, None], edges[1:-1, None], edges[2:, None]
    tri = np.maximum(0, np.minimum((f[None] - lo) / (mid - lo), (hi - f[None]) / (hi - mid)))
    return (tri * (2.0 / (hi - lo))).astype(np.float32)


def utterance_mean_norm(feats: np.ndarray, rate_hz: float, settings: MelSettings = MelSettings()) -> np.ndarray:
    """Subtract a running mean of the speech frames (+-norm_window_s), per band.

    The long-term average spectrum holds the recording channel (microphone, room colour, codec)
    and much of the speaker's timbre; articulation lives in the changes around it. Only frames
    near the loud parts enter the mean, so pauses do not dilute it.
    """
    energy = np.log(np.exp(feats).sum(1) + 1e-12)
    active = energy > np.percentile(energy, 95) - settings.norm_active_db * np.log(10) / 10
    w = active.astype(np.float64)
    csum = running_sum((feats[i:i + _BLOCK_FRAMES] * w[i:i + _BLOCK_FRAMES, None] for i in range(0, len(feats), _BLOCK_FRAMES)),
                       len(feats), (feats.shape[1],))
    ccount = np.concatenate([[0.0], np.cumsum(w)])
    half = int(settings.norm_window_s * rate_hz)
    idx = np.arange(len(feats))
    lo, hi = np.clip(idx - half, 0, len(feats)), np.clip(idx + half + 1, 0, len(feats))
    count = ccount[hi] - ccount[lo]
    overall = csum[-1] / max(ccount[-1], 1.0)
    out = np.empty(feats.shape, np.float32)
    for rows in (slice(start, start + _BLOCK_FRAMES) for start in range(0, len(feats), _BLOCK_FRAMES)):
        mean = (csum[hi[rows]] - csum[lo[rows]]) / np.maximum(count[rows], 1)[:, None]
        mean = np.where(count[rows, None] > 0.5 * rate_hz, mean, overall)
        out[rows] = feats[rows] - mean
    return out


def band_centres_hz(n_mels: int, settings: MelSettings = MelSettings()) -> np.ndarray:
    """[n_mels] centre frequency of each band of `mel_filterbank` (unwarped)."""
    return _mel_to_hz(np.linspace(_hz_to_mel(settings.fmin_hz), _hz_to_mel(settings.fmax_hz), n_mels + 2)[1:-1])


def mid_band_level(feats: np.ndarray, settings: MelSettings = MelSettings(), band_hz: tuple[float, float] = (500.0, 4000.0)) -> np.ndarray:
    """Utterance-normalised log-mel [N, F] -> [N]: the mean of the bands centred in `band_hz`,
    in nats against the running speech mean (utterance_mean_norm), so a steady gain or channel
    colour does not move it (above the mel floor). That is where an open vowel's first two formants radiate; lips pressed together
    radiate almost nothing there (a nasal murmur lies below it, a stop's closure is silent)."""
    centres = band_centres_hz(feats.shape[1], settings)
    keep = (centres >= band_hz[0]) & (centres <= band_hz[1])
    return feats[:, keep].mean(1).astype(np.float32)


def stft_power(wave: np.ndarray, n_fft: int, win_length: int, hop: int = _HOP) -> np.ndarray:
    """|STFT|^2 [n_fft/2+1, frames] of `wave` [N]: periodic Hann window of `win_length` centred in
    `n_fft`, frames centred on k * hop (zero padding) -- librosa.stft(center=True)'s framing
    (tested equal). numpy's FFT instead of librosa's: importing librosa and loading its numba
    kernels costs ~1.5 s of every predict_flame job, more than the inference."""
    offset = (n_fft - win_length) // 2
    window = np.zeros(n_fft)
    window[offset:offset + win_length] = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(win_length) / win_length)
    padded = np.pad(np.asarray(wave, np.float32), n_fft // 2)
    frames = np.lib.stride_tricks.sliding_window_view(padded, n_fft)[::hop]
    power = np.empty((n_fft // 2 + 1, len(frames)), np.float32)
    for start in range(0, len(frames), _STFT_BLOCK_FRAMES):
        block = frames[start:start + _STFT_BLOCK_FRAMES]
        spectrum = np.fft.rfft(block * window, axis=1)
        block_power = spectrum.real ** 2
        block_power += spectrum.imag ** 2
        power[:, start:start + len(block)] = block_power.T
    return power


class LogMelFeatures:
    """log(mel power + floor), 80 bands 40-7600 Hz, 25 ms window, 10 ms hop; optionally minus the
    running speech mean (`utterance_norm`). `warp` != 1 is VTLP for training-time augmentation."""

    def __init__(self, n_mels: int = 80, utterance_norm: bool = False, settings: MelSettings = MelSettings()) -> None:
        self.spec = FeatureSpec(kind="logmel", dim=n_mels, utterance_norm=utterance_norm)
        self.settings = settings
        self._mel = mel_filterbank(n_mels, settings)

    def __call__(self, wave: np.ndarray, warp: float = 1.0) -> np.ndarray:
        s = self.settings
        n = num_feature_frames(len(wave))
        bank = self._mel if warp == 1.0 else mel_filterbank(self.spec.dim, s, warp)
        feats = _fit_length(np.log(bank @ stft_power(wave, s.n_fft, s.win_length) + s.floor).T, n)  # power freed here
        return utterance_mean_norm(feats, FEATURE_RATE_HZ, s) if self.spec.utterance_norm else feats


@dataclass(frozen=True)
class EncoderChunking:
    """How a long recording is fed to the speech encoder: chunks of `chunk_s` seconds, each run
    with `context_s` seconds of audio on both sides whose outputs are then dropped."""

    chunk_s: float = 20.0
    context_s: float = 3.0


def _conv_geometry(config) -> tuple[int, int]:
    """(stride, receptive field) in samples of a wav2vec2-style feature encoder (320, 400 as shipped)."""
    stride, field = 1, 1
    for kernel, step in zip(config.conv_kernel, config.conv_stride):
        field += (kernel - 1) * stride
        stride *= step
    return stride, field


class Wav2Vec2Features:
    """Hidden states of a local wav2vec2/HuBERT encoder (transformers), linearly upsampled to 100 Hz."""

    def __init__(self, model_path: str | Path, layer: int = -1, chunking: EncoderChunking = EncoderChunking()) -> None:
        path = Path(model_path)
        if not (path / "config.json").is_file():
            raise MissingWeightsError(
                f"{path}: no transformers wav2vec2/HuBERT model here (config.json missing); set speech.wav2vec2_path to a local folder"
            )
        import torch
        from transformers import AutoConfig, AutoModel

        config = AutoConfig.from_pretrained(path, local_files_only=True)
        if config.model_type not in ("wav2vec2", "hubert", "wavlm", "data2vec-audio"):
            raise PortraitTalkerError(f"{path}: model_type '{config.model_type}' is not a wav2vec2-style speech encoder")
        self._torch = torch
        safetensors = True if any(path.glob("*.safetensors")) else None  # else .bin via weights_only torch.load
        self._model = AutoModel.from_pretrained(path, local_files_only=True, use_safetensors=safetensors).eval()
        self._layer = layer
        self._stride, self._field = _conv_geometry(config)
        self._chunk_frames = max(1, round(chunking.chunk_s * SAMPLE_RATE_HZ / self._stride))
        self._context_frames = round(chunking.context_s * SAMPLE_RATE_HZ / self._stride)
        self.spec = FeatureSpec(
            kind="wav2vec2", dim=int(config.hidden_size), encoder_id=f"{config.model_type}-h{config.hidden_size}-l{config.num_hidden_layers}"
        )

    def __call__(self, wave: np.ndarray) -> np.ndarray:
        torch = self._torch
        n = num_feature_frames(len(wave))
        x = torch.from_numpy(wave.astype(np.float32))
        x = (x - x.mean()) / (x.std() + 1e-7)  # the feature extractor's zero-mean/unit-var normalisation
        if x.numel() < self._field:  # the conv stack needs one receptive field (25 ms)
            x = torch.nn.functional.pad(x, (0, self._field - x.numel()))
        hidden = self._encode(x)                               # [frames@50Hz, dim]
        up = torch.nn.functional.interpolate(hidden.T[None], size=n, mode="linear", align_corners=False)
        return up[0].T.numpy().astype(np.float32)

    def _encode(self, x):
        """Normalised samples [N] -> hidden states [F, dim], F = (N - field) // stride + 1.

        Chunk by chunk: the encoder sees at most chunk + 2 x context frames of audio at once.
        Chunks start on the encoder's frame grid, so frame k of a chunk starting at frame a is
        frame a + k of the whole recording; only each chunk's own frames are kept.
        """
        torch = self._torch
        frames = (x.numel() - self._field) // self._stride + 1
        parts = []
        with torch.no_grad(), self._whole_recording_norm(x):
            for first in range(0, frames, self._chunk_frames):
                last = min(frames, first + self._chunk_frames)
                lo, hi = max(0, first - self._context_frames), min(frames, last + self._context_frames)
                window = x[lo * self._stride:(hi - 1) * self._stride + self._field]
                out = self._model(window[None], output_hidden_states=True)
                parts.append(out.hidden_states[self._layer][0][first - lo:last - lo])
        return torch.cat(parts)

    @contextlib.contextmanager
    def _whole_recording_norm(self, x):
        """Group-norm encoders (wav2vec2-base, HuBERT-base) normalise their first conv layer's
        channels over the whole input's time axis. Chunked, that would be each chunk's own
        statistics; instead they are accumulated over the whole recording in a streaming pass
        and held fixed while the chunks run, as an unchunked pass would have them."""
        layer = self._model.feature_extractor.conv_layers[0]
        norm = getattr(layer, "layer_norm", None)
        if not isinstance(norm, self._torch.nn.GroupNorm):
            yield
            return
        torch = self._torch
        conv = layer.conv
        (kernel,), (step,) = conv.kernel_size, conv.stride
        total = (x.numel() - kernel) // step + 1
        block = self._chunk_frames * self._stride // step   # conv frames per pass
        sums = torch.zeros(conv.out_channels, dtype=torch.float64)
        squares = torch.zeros_like(sums)
        with torch.no_grad():
            for first in range(0, total, block):
                last = min(total, first + block)
                y = conv(x[first * step:(last - 1) * step + kernel][None, None])[0].double()  # [C, frames]
                sums += y.sum(1)
                squares += (y * y).sum(1)
        mean = sums / total
        var = (squares / total - mean * mean).clamp_min(0)
        scale = (norm.weight.double() / torch.sqrt(var + norm.eps)).float()
        shift = (norm.bias.double() - mean * norm.weight.double() / torch.sqrt(var + norm.eps)).float()
        scale, shift = scale[None, :, None], shift[None, :, None]
        # The hook's return value replaces the norm's output: x * scale + shift per channel.
        handle = norm.register_forward_hook(lambda module, inputs, output: inputs[0] * scale + shift)
        try:
            yield
        finally:
            handle.remove()


def quiet_row(features: np.ndarray, percentile: float = 2.0) -> np.ndarray:
    """[F]: the clip's own quietest features, used to pad windows and crops past its ends.

    With utterance-mean normalisation digital silence has no fixed value, so padding takes what
    quiet sounds like in this clip (its noise floor)."""
    return np.percentile(features, percentile, axis=0).astype(np.float32)


def _fit_length(feats: np.ndarray, n: int) -> np.ndarray:
    if len(feats) >= n:
        return feats[:n]
    return np.concatenate([feats, np.repeat(feats[-1:], n - len(feats), axis=0)])


def make_extractor(kind: str, wav2vec2_path: str | Path | None = None, utterance_norm: bool = True) -> FeatureExtractor:
    """`utterance_norm` applies to log-mel (the default for new models; a checkpoint says which)."""
    if kind == "logmel":
        return LogMelFeatures(utterance_norm=utterance_norm)
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
