"""Waveform augmentation for the synthetic corpus: reverb, noise, band limiting, level.

Speed, pitch and voice variants are done by espeak itself (so phoneme timings stay exact);
these are the recording-side effects a real clip has and espeak's clean output lacks. Every
function is pure given its `rng`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.signal import fftconvolve, lfilter, resample_poly


@dataclass(frozen=True)
class AugmentConfig:
    reverb_prob: float = 0.4
    rt60_s: tuple[float, float] = (0.1, 0.6)
    noise_prob: float = 0.6
    snr_db: tuple[float, float] = (8.0, 40.0)
    telephone_prob: float = 0.15
    gain_db: tuple[float, float] = (-30.0, 6.0)


def add_reverb(wave: np.ndarray, rate: int, rt60_s: float, rng: np.random.Generator, wet: float = 0.5) -> np.ndarray:
    """Convolve with a synthetic room: exponentially decaying noise (-60 dB at rt60_s)."""
    n = int(rt60_s * rate)
    t = np.arange(n) / rate
    ir = rng.standard_normal(n) * 10 ** (-3 * t / rt60_s)
    ir[0] = 1.0 / wet
    ir *= wet / np.sqrt(np.sum(ir**2))
    return fftconvolve(wave, ir)[: len(wave)].astype(np.float32)


def coloured_noise(n: int, rng: np.random.Generator, colour: str) -> np.ndarray:
    white = rng.standard_normal(n)
    if colour == "pink":   # Kellet's economical pink filter
        return lfilter([0.049922, -0.095993, 0.050612, -0.004408], [1, -2.494956, 2.017265, -0.522189], white)
    if colour == "brown":
        x = np.cumsum(white)
        return x - np.convolve(x, np.ones(801) / 801, mode="same")
    return white


def add_noise(wave: np.ndarray, snr_db: float, rng: np.random.Generator) -> np.ndarray:
    noise = coloured_noise(len(wave), rng, str(rng.choice(["white", "pink", "brown"])))
    signal_power = np.mean(wave**2) + 1e-12
    noise *= np.sqrt(signal_power / (np.mean(noise**2) + 1e-12) / 10 ** (snr_db / 10))
    return (wave + noise).astype(np.float32)


def telephone(wave: np.ndarray, rate: int) -> np.ndarray:
    """Down to 8 kHz and back: the band limit of a phone call or an 8 kHz recording."""
    return resample_poly(resample_poly(wave, 1, rate // 8000), rate // 8000, 1)[: len(wave)].astype(np.float32)


def augment(wave: np.ndarray, rate: int, rng: np.random.Generator, cfg: AugmentConfig = AugmentConfig()) -> np.ndarray:
    """Apply a random chain of recording effects to a 16 kHz waveform [N]."""
    if rng.random() < cfg.reverb_prob:
        wave = add_reverb(wave, rate, rng.uniform(*cfg.rt60_s), rng)
    if rng.random() < cfg.noise_prob:
        wave = add_noise(wave, rng.uniform(*cfg.snr_db), rng)
    if rng.random() < cfg.telephone_prob:
        wave = telephone(wave, rate)
    wave = wave * 10 ** (rng.uniform(*cfg.gain_db) / 20)
    return np.clip(wave, -1, 1).astype(np.float32)
