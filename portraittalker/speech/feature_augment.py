"""On-the-fly augmentation of log-mel training crops: a fresh draw every time a crop is sampled.

The corpus stores one VTLP warp and one recording condition per utterance (corpus.py,
augment.py); here every crop gets more, cheaply, in feature space: a vocal-tract-length warp of
the mel axis (a real frequency scaling: each mel band reads the band at f / alpha), a slow drift
of loudness and spectral tilt across the crop, and SpecAugment-style masks (Park et al. 2019)
of a few mel bands and of short stretches of time, so no single cue (one formant region, one
frame) carries a phone. Two more stand in for what real recordings bring and the generated
sentences lack: a blur of the mel axis, so the fine harmonic structure of the engines' voice
sources (a formant synthesiser's pulse, one HTS voice's pitch) cannot carry a phone; and short
clips: an isolated word or two cut from a crop and normalised on its own, as inference
normalises a 1-2 s recording (its utterance mean is the mean of those few phones, not of a
sentence: a per-band offset of about 0.6 nats rms on espeak speech); these two are off by
default. So are briefer closures, for the 20-50 ms a talker's lips stay shut in a cluster or a
fast phrase: each full closure's middle cut out of an utterance, features and targets alike
(measured: no gain; the engines' own closures are already about that brief). Only training crops
are touched; validation and test never are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .features import FEATURE_RATE_HZ, MelSettings, _hz_to_mel, band_centres_hz, utterance_mean_norm
from .signal1d import gaussian_filter1d


@dataclass(frozen=True)
class FeatureAugment:
    warp_prob: float = 0.8
    # frequency scale alpha (> 1: shorter vocal tract); 0.85-1.15 with 360 espeak sentences per language
    # beat 0.92-1.08 with 180 on every held-out figure, four seeds each (docs/speech_experiments.md)
    warp: tuple[float, float] = (0.85, 1.15)
    drift_prob: float = 0.5
    gain_drift: float = 0.7                    # nats of log power, start to end of the crop, at most
    tilt_drift: float = 0.5                    # nats between the lowest and highest band, at most
    freq_mask_prob: float = 0.5
    freq_masks: int = 2
    freq_mask_bands: int = 8                   # widest band mask, in mel bands
    time_mask_prob: float = 0.3
    time_masks: int = 2
    time_mask_frames: int = 5                  # widest time mask: 50 ms at 100 Hz
    # Off by default: measured (3000 steps, same corpus) with blur 0.25 + short clips 0.15, and with
    # short clips 0.15 alone, neither beat the shipped checkpoint (docs/speech_experiments.md).
    blur_prob: float = 0.0
    blur_bands: tuple[float, float] = (0.5, 1.5)  # Gaussian sigma of the mel-axis blur, in bands
    short_prob: float = 0.0                    # share of crops cut down to a short clip...
    short_s: tuple[float, float] = (0.6, 2.0)  # ...this long, normalised on its own
    level_prob: float = 0.0                    # share of crops whose loudness wobbles syllable by syllable...
    level_nats: float = 0.8                    # ...by at most this rms (nats of log power)...
    level_s: tuple[float, float] = (0.06, 0.2)  # ...changing over this (Gaussian sigma, seconds)
    # Off by default: measured (3000 steps, two seeds), no gain (docs/speech_experiments.md).
    closure_cut_prob: float = 0.0              # share of utterances whose p/b/m closures are shortened...
    closure_keep: tuple[float, float] = (0.3, 1.0)  # ...each to this share of its length, 20 ms at least

    def __post_init__(self) -> None:
        lo, hi = self.warp
        if not 0.5 < lo <= hi < 2.0:
            raise ValueError(f"FeatureAugment: warp range {self.warp} must lie inside (0.5, 2)")
        if not 0.0 < self.short_s[0] <= self.short_s[1]:
            raise ValueError(f"FeatureAugment: short clip lengths {self.short_s} must be positive and ordered")


def warp_mel_axis(feats: np.ndarray, alpha: float, settings: MelSettings = MelSettings()) -> np.ndarray:
    """[T, F] log-mel -> the same spectra with every frequency scaled by `alpha`.

    Band j (centre f_j) takes the value the input had at f_j / alpha, linearly interpolated
    between bands, so a formant at f moves to alpha * f; beyond the edges the edge band repeats.
    """
    n = feats.shape[1]
    mel_lo, mel_hi = _hz_to_mel(settings.fmin_hz), _hz_to_mel(settings.fmax_hz)
    step = (mel_hi - mel_lo) / (n + 1)
    centres_hz = band_centres_hz(n, settings)
    src = np.clip((_hz_to_mel(centres_hz / alpha) - mel_lo) / step - 1, 0, n - 1)
    lo = np.minimum(np.floor(src).astype(int), n - 2)
    w = (src - lo).astype(np.float32)
    return feats[:, lo] * (1 - w) + feats[:, lo + 1] * w


def drift(num_frames: int, num_bands: int, gain: float, tilt: float) -> np.ndarray:
    """[T, F] additive log-power ramp: loudness `gain` and tilt `tilt` (low to high band) grow
    linearly across the crop, centred on zero.

    A constant offset would be pointless: the utterance normalisation (features.utterance_mean_norm)
    removes it at inference. What it leaves is slow change: a speaker turning, a channel drifting.
    """
    t = np.linspace(-0.5, 0.5, num_frames, dtype=np.float32)[:, None]
    band = np.linspace(-0.5, 0.5, num_bands, dtype=np.float32)[None, :]
    return t * (gain + tilt * band)


def level_wobble(num_frames: int, rng: np.random.Generator, rms: float, sigma_frames: float) -> np.ndarray:
    """[T, 1] additive log-power curve: smoothed noise of rms `rms` and zero mean, changing on the
    time scale of syllables. Real talkers stress and de-stress syllables, turn and lean; the
    engines' level follows the vowel far more tightly, so a model can learn "loud means open".
    This breaks that link in training: openness must be read from the spectrum's shape."""
    g = gaussian_filter1d(rng.standard_normal(num_frames), sigma_frames, mode="reflect")
    g = g - g.mean()
    return (g * rms / (g.std() + 1e-9)).astype(np.float32)[:, None]


def closure_events(closure: np.ndarray) -> list[slice]:
    """Runs of full closure (closure weight >= 0.99) in a [M] 50 Hz closure-weight track."""
    on = np.concatenate([[0], (closure >= 0.99).astype(int), [0]])
    d = np.diff(on)
    return [slice(s, e) for s, e in zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1))]


def shorten_closures(closure: np.ndarray, num_features: int, rng: np.random.Generator,
                     cfg: FeatureAugment) -> tuple[np.ndarray, np.ndarray] | None:
    """With probability `closure_cut_prob`: which 50 Hz target frames [M] and 100 Hz feature
    frames [N] of an utterance to keep, the middle of each full closure (a run of closure weight
    >= 0.99 in `closure` [M]: the lips shut for a p, b or m) cut out so that a share
    `closure_keep` of it (at least one target frame, 20 ms) remains; the lips' closing and
    opening, and the sound's transitions into and out of the closure, stay as they were.
    None: the utterance stays whole."""
    if cfg.closure_cut_prob <= 0 or rng.random() >= cfg.closure_cut_prob:  # no draw when off
        return None
    keep = np.ones(len(closure), bool)
    for event in closure_events(closure):
        length = event.stop - event.start
        kept = max(1, int(round(rng.uniform(*cfg.closure_keep) * length)))
        first = event.start + (kept + 1) // 2
        keep[first: first + length - kept] = False
    return keep, np.repeat(keep, 2)[:num_features]


def augment_raw(seg: np.ndarray, rng: np.random.Generator, cfg: FeatureAugment) -> np.ndarray:
    """Un-normalised log-mel crop [T, F] -> warped and drifted copy (same shape)."""
    out = seg
    if rng.random() < cfg.warp_prob:
        out = warp_mel_axis(out, float(rng.uniform(*cfg.warp)))
    if rng.random() < cfg.drift_prob:
        out = out + drift(len(out), out.shape[1], float(rng.uniform(-1, 1) * cfg.gain_drift), float(rng.uniform(-1, 1) * cfg.tilt_drift))
    if cfg.blur_prob > 0 and rng.random() < cfg.blur_prob:  # no draw when off: the other draws stay as they were
        out = gaussian_filter1d(out, float(rng.uniform(*cfg.blur_bands)), axis=1, mode="nearest")
    if cfg.level_prob > 0 and rng.random() < cfg.level_prob:  # no draw when off, as above
        sigma = float(rng.uniform(*cfg.level_s)) * FEATURE_RATE_HZ
        out = out + level_wobble(len(out), rng, float(rng.uniform(0.2, 1.0) * cfg.level_nats), sigma)
    return out.astype(np.float32, copy=False)


def short_clip(seg: np.ndarray, rng: np.random.Generator, cfg: FeatureAugment) -> tuple[int, np.ndarray] | None:
    """With probability `short_prob`: (first frame, features) of a short clip cut from an
    utterance-normalised crop [T, F] and normalised again on its own (features.utterance_mean_norm;
    the utterance's mean was already taken out, so this is the short recording's own mean on top).
    The first frame is even, so the 50 Hz targets stay aligned. None: the crop stays whole."""
    if cfg.short_prob <= 0 or rng.random() >= cfg.short_prob:  # no draw when off
        return None
    length = 2 * int(rng.uniform(*cfg.short_s) * FEATURE_RATE_HZ / 2)
    if length < 8 or length >= len(seg):
        return None
    first = 2 * int(rng.integers(0, (len(seg) - length) // 2 + 1))
    return first, utterance_mean_norm(seg[first: first + length], FEATURE_RATE_HZ)


def mask(x: np.ndarray, valid: int, rng: np.random.Generator, cfg: FeatureAugment) -> None:
    """In place on a normalised crop [T, F]: band and time masks set to 0, the corpus mean.
    Time masks fall inside the first `valid` frames (the speech, not the padding)."""
    n_bands = x.shape[1]
    if rng.random() < cfg.freq_mask_prob:
        for _ in range(int(rng.integers(1, cfg.freq_masks + 1))):
            width = int(rng.integers(1, cfg.freq_mask_bands + 1))
            start = int(rng.integers(0, n_bands - width + 1))
            x[:, start: start + width] = 0.0
    if rng.random() < cfg.time_mask_prob and valid > cfg.time_mask_frames:
        for _ in range(int(rng.integers(1, cfg.time_masks + 1))):
            width = int(rng.integers(1, cfg.time_mask_frames + 1))
            start = int(rng.integers(0, valid - width + 1))
            x[start: start + width] = 0.0
