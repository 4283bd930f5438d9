"""MFCCs as the SyncNet evaluation computes them (13 coefficients at 100 Hz from 16 kHz audio).

SyncNet v2 was trained on the MFCCs of the `python_speech_features` defaults: 25 ms
rectangular windows every 10 ms, pre-emphasis 0.97, a 512-point power spectrum, 26 triangular
mel filters from 0 Hz to Nyquist, log, orthonormal DCT-II, sinusoidal lifter 22, and the first
coefficient replaced by the log frame energy. The input is int16-scaled audio (the reference
reads WAVs as int16), which fixes the absolute level of the log energies the network saw.
"""

from __future__ import annotations

import numpy as np
from scipy.fft import dct

EPS = np.finfo(np.float64).eps


def hz_to_mel(hz: np.ndarray | float) -> np.ndarray:
    return 2595.0 * np.log10(1.0 + np.asarray(hz) / 700.0)


def mel_to_hz(mel: np.ndarray | float) -> np.ndarray:
    return 700.0 * (10.0 ** (np.asarray(mel) / 2595.0) - 1.0)


def mel_filterbank(num_filters: int, nfft: int, sample_rate_hz: int) -> np.ndarray:
    """[num_filters, nfft//2+1] triangular filters on FFT-bin edges (floored, as the reference)."""
    mel_points = np.linspace(hz_to_mel(0.0), hz_to_mel(sample_rate_hz / 2), num_filters + 2)
    bins = np.floor((nfft + 1) * mel_to_hz(mel_points) / sample_rate_hz).astype(int)
    bank = np.zeros((num_filters, nfft // 2 + 1))
    for j in range(num_filters):
        lo, mid, hi = bins[j], bins[j + 1], bins[j + 2]
        for i in range(lo, mid):
            bank[j, i] = (i - lo) / (mid - lo)
        for i in range(mid, hi):
            bank[j, i] = (hi - i) / (hi - mid)
    return bank


def frame_signal(signal: np.ndarray, frame_len: int, step: int) -> np.ndarray:
    """[num_frames, frame_len] frames; the tail is zero-padded so every sample is covered."""
    n = len(signal)
    num_frames = 1 if n <= frame_len else 1 + int(np.ceil((n - frame_len) / step))
    padded = np.zeros((num_frames - 1) * step + frame_len)
    padded[:n] = signal
    idx = np.arange(frame_len)[None, :] + step * np.arange(num_frames)[:, None]
    return padded[idx]


def syncnet_mfcc(
    samples: np.ndarray,
    sample_rate_hz: int = 16000,
    num_ceps: int = 13,
    num_filters: int = 26,
    nfft: int = 512,
    window_seconds: float = 0.025,
    step_seconds: float = 0.01,
    preemphasis: float = 0.97,
    lifter: int = 22,
) -> np.ndarray:
    """MFCCs [num_ceps, N] (N ≈ 100 per second) of float audio `samples` [S] in [-1, 1]."""
    signal = np.asarray(samples, dtype=np.float64) * 32768.0  # int16 scale, as the reference
    signal = np.append(signal[:1], signal[1:] - preemphasis * signal[:-1])
    frames = frame_signal(signal, int(round(window_seconds * sample_rate_hz)), int(round(step_seconds * sample_rate_hz)))
    power = np.abs(np.fft.rfft(frames, nfft)) ** 2 / nfft
    energy = np.maximum(power.sum(axis=1), EPS)
    mel_energy = np.maximum(power @ mel_filterbank(num_filters, nfft, sample_rate_hz).T, EPS)
    ceps = dct(np.log(mel_energy), type=2, axis=1, norm="ortho")[:, :num_ceps]
    n = np.arange(num_ceps)
    ceps *= 1.0 + (lifter / 2.0) * np.sin(np.pi * n / lifter)
    ceps[:, 0] = np.log(energy)
    return ceps.T.astype(np.float32)
