"""Waveform augmentation for the synthetic corpus: what a real recording has and TTS output lacks.

Room reverberation (synthetic impulse responses), background noise at several SNRs (and always a
faint noise floor: TTS closures are digital silence, a real /p/ never is), background music
(synthetic: harmonic notes, a bass line and drums, through the pauses too, so that a tone with
partials in the formant range is not taken for a vowel; off by default), band-limited
telephone speech, lossy codecs (MP3, Opus, AAC round trips through ffmpeg, re-aligned to the
original so phone timings stay exact) and level. Vocal-tract length (VTLP) is applied to the
features (features.py), speaking rate and pitch by the engines, so timings stay exact. Every
function is pure given its `rng`.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

import numpy as np
from scipy.signal import butter, fftconvolve, lfilter, resample_poly, sosfilt


@dataclass(frozen=True)
class AugmentConfig:
    reverb_prob: float = 0.4
    rt60_s: tuple[float, float] = (0.1, 0.7)
    noise_prob: float = 0.7
    snr_db: tuple[float, float] = (5.0, 40.0)
    noise_floor_db: tuple[float, float] = (-75.0, -55.0)  # dBFS of the always-present floor
    telephone_prob: float = 0.12
    codec_prob: float = 0.25
    codecs: tuple[str, ...] = ("mp3", "opus", "aac")
    gain_db: tuple[float, float] = (-30.0, 6.0)
    music_prob: float = 0.0       # > 0: background music under that share of utterances (draws
                                  # nothing at 0, so a corpus without it is the same as before it)
    music_snr_db: tuple[float, float] = (0.0, 20.0)


# ffmpeg settings per codec: (encoder, muxer, demuxer, bit rates in kbit/s to draw from)
CODEC_SETTINGS: dict[str, tuple[str, str, str, tuple[int, ...]]] = {
    "mp3": ("libmp3lame", "mp3", "mp3", (24, 32, 48, 64, 96)),
    "opus": ("libopus", "ogg", "ogg", (12, 16, 24, 32)),
    "aac": ("aac", "adts", "aac", (32, 48, 64, 96)),
}
_MAX_CODEC_SHIFT = 4000  # samples: encoders' priming delay is at most a few ms


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


def synth_music(n: int, rate: int, rng: np.random.Generator) -> np.ndarray:
    """[n] a stretch of synthetic backing music, unit rms: chords of harmonic notes (plucked,
    decaying, or held like a pad) on a steady beat, a bass line an octave or two below, and
    drums (a kick's falling sine, a hi-hat's noise burst) on some of the beats."""
    if n == 0:
        return np.zeros(0, np.float32)
    t = np.arange(n) / rate
    beat = 60.0 / rng.uniform(70, 150)
    scale = np.array([0, 2, 4, 5, 7, 9, 11] if rng.random() < 0.5 else [0, 2, 3, 5, 7, 8, 10])
    root = rng.uniform(130.0, 260.0)
    held = rng.random() < 0.4
    partials = np.arange(1, 9)
    bright = rng.uniform(0.6, 1.6)  # how fast the partials fall off
    out, end = np.zeros(n), n / rate
    start = -rng.uniform(0, beat)
    while start < end:
        length = beat * float(rng.choice([1, 2, 4]))
        degree = rng.integers(0, 7, size=int(rng.integers(1, 4)))
        notes = [root * 2 ** ((scale[d] + 12 * rng.integers(0, 2)) / 12) for d in degree]
        lo, hi = max(0, int(start * rate)), min(n, int((start + length) * rate))
        if hi > lo:
            tt = t[lo:hi] - start
            env = np.minimum(tt / 0.08, 1.0) * np.exp(-tt / (length * 0.8)) if held else np.exp(-tt / rng.uniform(0.15, 0.6))
            for f0 in notes + [notes[0] / float(rng.choice([2, 4]))]:   # the chord and its bass
                k = partials[partials * f0 < 0.45 * rate]
                phases = rng.uniform(0, 2 * np.pi, len(k))
                out[lo:hi] += env * (np.sin(2 * np.pi * f0 * tt[:, None] * k + phases) / k**bright).sum(1)
        start += length
    if rng.random() < 0.6:  # drums on the beat
        k_len, h_len = int(0.25 * rate), int(0.05 * rate)
        first = rng.uniform(0, beat)
        for b in np.arange(first, end, beat / 2):
            i = int(b * rate)
            if round((b - first) / beat * 2) % 2 == 0:   # a kick on the beat: 110 Hz falling to 50
                tt = np.arange(min(k_len, n - i)) / rate
                out[i:i + len(tt)] += 3.0 * np.sin(2 * np.pi * (50 * tt + 1.8 * (1 - np.exp(-tt / 0.03)))) * np.exp(-tt / 0.08)
            hh = rng.standard_normal(min(h_len, n - i))
            out[i:i + len(hh)] += 0.5 * np.diff(np.concatenate([[0.0], hh])) * np.exp(-np.arange(len(hh)) / (0.01 * rate))
    return (out / (np.sqrt(np.mean(out**2)) + 1e-12)).astype(np.float32)


def add_music(wave: np.ndarray, rate: int, snr_db: float, rng: np.random.Generator) -> np.ndarray:
    """Speech [N] with synthetic backing music (`synth_music`) under it at `snr_db` (speech power
    over the whole clip against the music's), the music running through the pauses too."""
    music = synth_music(len(wave), rate, rng)
    signal_power = np.mean(wave**2) + 1e-12
    return (wave + music * np.sqrt(signal_power / 10 ** (snr_db / 10))).astype(np.float32)


def add_noise_floor(wave: np.ndarray, level_dbfs: float, rng: np.random.Generator) -> np.ndarray:
    return (wave + rng.standard_normal(len(wave)) * 10 ** (level_dbfs / 20)).astype(np.float32)


def telephone(wave: np.ndarray, rate: int) -> np.ndarray:
    """A phone line: 300-3400 Hz band and 8 kHz sampling."""
    sos = butter(4, [300, 3400], btype="bandpass", fs=rate, output="sos")
    band = sosfilt(sos, wave)
    return resample_poly(resample_poly(band, 1, rate // 8000), rate // 8000, 1)[: len(wave)].astype(np.float32)


def _best_shift(original: np.ndarray, decoded: np.ndarray, max_shift: int) -> int:
    """Lag (samples) that best aligns `decoded` to `original` (decoded[k + lag] ~ original[k])."""
    n = min(len(original), len(decoded))
    corr = fftconvolve(decoded[:n], original[:n][::-1])  # index n-1 is lag 0
    lags = np.arange(-max_shift, max_shift + 1)
    return int(lags[np.argmax(corr[n - 1 + lags])])


def codec_round_trip(wave: np.ndarray, rate: int, codec: str, bitrate_kbps: int) -> np.ndarray:
    """Encode with a lossy codec and decode back (ffmpeg), re-aligned to the input's timing."""
    import imageio_ffmpeg

    encoder, mux, demux, _ = CODEC_SETTINGS[codec]
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    pcm = (np.clip(wave, -1, 1) * 32767).astype("<i2").tobytes()
    raw = ["-f", "s16le", "-ar", str(rate), "-ac", "1"]
    enc = subprocess.run([ffmpeg, "-v", "error", *raw, "-i", "-", "-c:a", encoder, "-b:a", f"{bitrate_kbps}k", "-f", mux, "-"],
                         input=pcm, capture_output=True, check=True).stdout
    dec = subprocess.run([ffmpeg, "-v", "error", "-f", demux, "-i", "-", *raw, "-"], input=enc, capture_output=True, check=True).stdout
    out = np.frombuffer(dec, "<i2").astype(np.float32) / 32768.0
    lag = _best_shift(wave, out, min(_MAX_CODEC_SHIFT, len(wave) // 2))
    out = out[lag:] if lag >= 0 else np.concatenate([np.zeros(-lag, np.float32), out])
    out = out[: len(wave)]
    return np.pad(out, (0, len(wave) - len(out))).astype(np.float32)


def augment(wave: np.ndarray, rate: int, rng: np.random.Generator, cfg: AugmentConfig = AugmentConfig()) -> np.ndarray:
    """Apply a random chain of recording effects to a 16 kHz waveform [N] (peak about 1)."""
    if rng.random() < cfg.reverb_prob:
        wave = add_reverb(wave, rate, rng.uniform(*cfg.rt60_s), rng)
    if rng.random() < cfg.noise_prob:
        wave = add_noise(wave, rng.uniform(*cfg.snr_db), rng)
    if cfg.music_prob > 0 and rng.random() < cfg.music_prob:
        wave = add_music(wave, rate, rng.uniform(*cfg.music_snr_db), rng)
    wave = add_noise_floor(wave / (np.abs(wave).max() + 1e-9) * 0.5, rng.uniform(*cfg.noise_floor_db), rng)
    if rng.random() < cfg.telephone_prob:
        wave = telephone(wave, rate)
    if rng.random() < cfg.codec_prob:
        codec = str(rng.choice(cfg.codecs))
        wave = codec_round_trip(wave, rate, codec, int(rng.choice(CODEC_SETTINGS[codec][3])))
    wave = wave * 10 ** (rng.uniform(*cfg.gain_db) / 20)
    return np.clip(wave, -1, 1).astype(np.float32)
