"""Waveform augmentation for the synthetic corpus: what a real recording has and TTS output lacks.

Room reverberation (synthetic impulse responses), background noise at several SNRs (and always a
faint noise floor: TTS closures are digital silence, a real /p/ never is), background music
(synthetic: harmonic notes, a bass line and drums, through the pauses too, so that a tone with
partials in the formant range is not taken for a vowel; off by default; and, for the
speech-presence detector's non-speech, `synth_instrumental`: pads, plucked strings, a melody line,
a drum kit, in rooms), band-limited
telephone speech, lossy codecs (MP3, Opus, AAC round trips through ffmpeg, re-aligned to the
original so phone timings stay exact) and level. Off by default, another voice source
(`swap_source`): the utterance's vocal-tract filter and timing kept (frame-wise LPC), its glottal
excitation given another tilt, breathiness, jitter and shimmer, where synthetic voices differ most
from real ones. Vocal-tract length (VTLP) is applied to the features (features.py), speaking rate
and pitch by the engines, so timings stay exact. Every function is pure given its `rng`.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

import numpy as np
from scipy.ndimage import uniform_filter1d
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
    source_prob: float = 0.0      # > 0: another voice source (swap_source) for that share of utterances
                                  # (draws nothing at 0, so a corpus without it is the same as before it)
    source_tilt_pole: tuple[float, float] = (-0.3, 0.7)  # one-pole tilt of the new excitation: > 0 darker
                                  # (a lax, breathy glottis), < 0 brighter (a pressed one); 0.7 is -15 dB at 8 kHz
    source_breath: tuple[float, float] = (0.0, 0.5)      # share of the excitation's power made aspiration noise
    source_jitter_ms: tuple[float, float] = (0.0, 0.08)  # sd of the pulses' displacement in time
    source_shimmer_db: tuple[float, float] = (0.0, 1.5)  # sd of the excitation's gain from cycle to cycle


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


def snr_gain(signal_power: float, snr_db: float, noise_power: float = 1.0) -> float:
    """The gain that puts a noise of mean square `noise_power` `snr_db` below a signal of mean
    square `signal_power` (the one place where a mix's level is set from an SNR)."""
    return float(np.sqrt(signal_power / noise_power / 10 ** (snr_db / 10)))


def add_noise(wave: np.ndarray, snr_db: float, rng: np.random.Generator) -> np.ndarray:
    noise = coloured_noise(len(wave), rng, str(rng.choice(["white", "pink", "brown"])))
    signal_power = np.mean(wave**2) + 1e-12
    noise *= snr_gain(signal_power, snr_db, np.mean(noise**2) + 1e-12)
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


def synth_lead(n: int, rate: int, rng: np.random.Generator) -> np.ndarray:
    """[n] a monophonic instrumental melody, unit rms: notes of 0.12-0.8 s (legato glides or
    separate attacks) with vibrato, a fixed timbre (a sawtooth-like or clarinet-like odd-harmonic
    series, through one fixed body resonance) and no words: what a flute, violin or synth lead
    plays over a backing. Its level and pitch change at syllable rate; its spectral envelope stays."""
    if n == 0:
        return np.zeros(0, np.float32)
    t = np.arange(n) / rate
    scale = np.array([0, 2, 4, 5, 7, 9, 11, 12, 14, 16])
    root = rng.uniform(220.0, 660.0)
    lengths, total = [], 0.0
    while total < n / rate:
        lengths.append(float(rng.uniform(0.12, 0.8)))
        total += lengths[-1]
    bounds = np.concatenate([[0.0], np.cumsum(lengths)])
    notes = root * 2 ** (scale[rng.integers(0, len(scale), len(lengths))] / 12)
    note_of = np.minimum(np.searchsorted(bounds, t, side="right") - 1, len(lengths) - 1)
    glide = rng.random() < 0.5
    f0 = notes[note_of]
    if glide:  # legato: a 40 ms slide between notes
        f0 = uniform_filter1d(f0, max(1, int(0.04 * rate)))
    vib_rate, vib_depth = rng.uniform(4.5, 6.5), rng.uniform(0.0, 0.012)
    f0 = f0 * (1 + vib_depth * np.sin(2 * np.pi * vib_rate * t + rng.uniform(0, 2 * np.pi)))
    phase = 2 * np.pi * np.cumsum(f0) / rate
    odd = rng.random() < 0.4
    k = np.arange(1, 16)
    amp = np.where(k % 2 == 0, 0.1, 1.0) / k if odd else 1.0 / k ** rng.uniform(0.8, 1.4)
    out = np.zeros(n)
    for kk, a in zip(k, amp):
        out += a * np.sin(kk * phase) * (kk * f0 < 0.45 * rate)
    tau = t - bounds[note_of]
    attack = rng.uniform(0.01, 0.06)
    env = np.minimum(tau / attack, 1.0) if not glide else np.ones(n)
    env = env * np.exp(-tau / rng.uniform(0.5, 3.0))
    out *= env
    # one fixed body resonance (a peaking biquad), the same for every note
    fc, q, gain_db = rng.uniform(500, 3000), rng.uniform(1.0, 4.0), rng.uniform(0.0, 12.0)
    a_gain, w0 = 10 ** (gain_db / 40), 2 * np.pi * fc / rate
    alpha = np.sin(w0) / (2 * q)
    b = [1 + alpha * a_gain, -2 * np.cos(w0), 1 - alpha * a_gain]
    a = [1 + alpha / a_gain, -2 * np.cos(w0), 1 - alpha / a_gain]
    out = lfilter(b, a, out)
    return (out / (np.sqrt(np.mean(out**2)) + 1e-12)).astype(np.float32)


def _unit_rms(x: np.ndarray) -> np.ndarray:
    return (x / (np.sqrt(np.mean(x**2)) + 1e-12)).astype(np.float32)


def _chord_roots(n: int, rate: int, rng: np.random.Generator, beat_s: float) -> tuple[np.ndarray, np.ndarray]:
    """A chord progression: (start sample of each chord [K+1], its notes in Hz [K, 3]), 2-4 beats a chord."""
    root = rng.uniform(110.0, 262.0)
    minor = rng.random() < 0.5
    starts, chords, at = [0], [], 0
    while at < n:
        degree = int(rng.choice([0, 3, 4, 5, 7, 8, 9] if minor else [0, 2, 4, 5, 7, 9]))
        third = 3 if minor else 4
        chords.append(root * 2 ** (np.array([degree, degree + third, degree + 7]) / 12))
        at += int(beat_s * float(rng.choice([2, 4])) * rate)
        starts.append(min(at, n))
    return np.asarray(starts), np.asarray(chords)


def synth_pad(n: int, rate: int, rng: np.random.Generator) -> np.ndarray:
    """[n] a sustained pad, unit rms: a chord progression of detuned sawtooth voices (chorus),
    slow attack and release, through a low-pass whose cutoff sweeps slowly."""
    starts, chords = _chord_roots(n, rate, rng, 60.0 / rng.uniform(60, 130))
    t = np.arange(n) / rate
    out = np.zeros(n)
    detune = rng.uniform(0.002, 0.008)
    for (lo, hi), chord in zip(zip(starts[:-1], starts[1:]), chords):
        if hi <= lo:
            continue
        tt = t[lo:hi] - t[lo]
        env = np.minimum(tt / rng.uniform(0.05, 0.4), 1.0) * np.minimum((tt[-1] - tt) / 0.05 + 1e-3, 1.0)
        for f0 in chord:
            for d in (-detune, 0.0, detune):
                k = np.arange(1, max(2, min(16, int(0.45 * rate / (f0 * (1 + d))))))
                ph = 2 * np.pi * f0 * (1 + d) * tt[:, None] * k + rng.uniform(0, 2 * np.pi, len(k))
                out[lo:hi] += env * (np.sin(ph) / k).sum(1)
    cutoff = rng.uniform(600, 3000) * 2 ** (rng.uniform(0.5, 1.5) * np.sin(2 * np.pi * rng.uniform(0.03, 0.3) * t))
    # a one-pole low-pass whose cutoff moves: run block by block (10 ms) with its state carried over
    y, state, block = np.empty(n), 0.0, rate // 100
    for i in range(0, n, block):
        a = np.exp(-2 * np.pi * cutoff[i] / rate)
        y[i:i + block], zf = lfilter([1 - a], [1, -a], out[i:i + block], zi=[state * a])
        state = zf[0] / a if a > 0 else 0.0
    return _unit_rms(y)


def synth_plucks(n: int, rate: int, rng: np.random.Generator) -> np.ndarray:
    """[n] plucked strings (guitar, harp, piano-like), unit rms: an arpeggio or strummed chords of
    notes whose upper partials die faster than the lower (the tone darkens as it rings)."""
    beat = 60.0 / rng.uniform(60, 160)
    starts, chords = _chord_roots(n, rate, rng, beat)
    step = beat / float(rng.choice([1, 2, 3, 4]))  # notes per beat
    out = np.zeros(n)
    inharm = rng.uniform(0.0, 0.0004)
    decay = rng.uniform(0.3, 1.5)
    strum = rng.random() < 0.3
    at = rng.uniform(0, step)
    while at * rate < n:
        i = int(at * rate)
        chord = chords[np.searchsorted(starts, i, side="right") - 1]
        notes = chord * 2.0 ** rng.integers(-1, 2, 3) if strum else [chord[rng.integers(3)] * 2 ** int(rng.integers(0, 2))]
        length = min(n - i, int(min(3 * decay, 1.5) * rate))
        tt = np.arange(length) / rate
        for f0 in notes:
            k = np.arange(1, max(2, min(12, int(0.45 * rate / f0))))
            fk = f0 * k * np.sqrt(1 + inharm * k**2)
            amp = np.sin(np.pi * k * rng.uniform(0.1, 0.3)) / k  # where the string was plucked
            env = np.exp(-tt[:, None] * (1 / decay) * (1 + 0.15 * k**1.5))
            out[i:i + length] += (amp * env * np.sin(2 * np.pi * fk * tt[:, None] + rng.uniform(0, 2 * np.pi, len(k)))).sum(1)
        at += step * (1 if not strum else float(rng.choice([1, 2])))
    return _unit_rms(out)


def synth_drums(n: int, rate: int, rng: np.random.Generator) -> np.ndarray:
    """[n] a drum kit pattern, unit rms: kick, snare (a tone and a noise burst) or clap, closed and
    open hi-hats, on a 16-step grid at a drawn tempo, with a little swing and velocity."""
    beat = 60.0 / rng.uniform(70, 170)
    sixteenth = beat / 4
    kick = rng.random(16) < np.tile([0.9, 0.05, 0.2, 0.1], 4)
    snare = np.zeros(16, bool)
    snare[[4, 12]] = True
    snare |= rng.random(16) < 0.05
    hat = rng.random(16) < (rng.uniform(0.4, 1.0) if rng.random() < 0.7 else 0.0)
    out = np.zeros(n)
    step, at = 0, rng.uniform(0, beat)
    while at * rate < n:
        i = int((at + (sixteenth * rng.uniform(0, 0.2) if step % 2 else 0)) * rate)
        if i >= n:
            break
        v = rng.uniform(0.6, 1.0)
        s = step % 16
        if kick[s]:
            tt = np.arange(min(int(0.3 * rate), n - i)) / rate
            out[i:i + len(tt)] += 3 * v * np.sin(2 * np.pi * (45 * tt + rng.uniform(1.0, 2.5) * (1 - np.exp(-tt / 0.03)))) * np.exp(-tt / 0.1)
        if snare[s]:
            tt = np.arange(min(int(0.25 * rate), n - i)) / rate
            body = np.sin(2 * np.pi * rng.uniform(160, 240) * tt) * np.exp(-tt / 0.04)
            noise = lfilter([1, -0.5], [1], rng.standard_normal(len(tt))) * np.exp(-tt / rng.uniform(0.05, 0.15))
            out[i:i + len(tt)] += 1.5 * v * (0.5 * body + noise)
        if hat[s]:
            ln = min(int(rng.choice([0.05, 0.05, 0.3]) * rate), n - i)
            h = np.diff(np.concatenate([[0.0], rng.standard_normal(ln)]))
            out[i:i + ln] += 0.4 * v * h * np.exp(-np.arange(ln) / (ln / 4))
        at += sixteenth
        step += 1
    return _unit_rms(out)


def synth_instrumental(n: int, rate: int, rng: np.random.Generator) -> np.ndarray:
    """[n] instrumental music without voices, unit rms: one to four layers drawn from `synth_music`'s
    backing, a `synth_lead` melody, a `synth_pad`, `synth_plucks` and `synth_drums`, each at its own
    level (0 to -12 dB), optionally in a reverberant room (a mix, as recordings of music are)."""
    makers = (synth_music, synth_lead, synth_pad, synth_plucks, synth_drums)
    chosen = rng.choice(len(makers), size=int(rng.integers(1, 5)), replace=False)
    out = np.zeros(n)
    for k in sorted(chosen):
        out += makers[k](n, rate, rng) * 10 ** (-rng.uniform(0, 12) / 20)
    if rng.random() < 0.5:
        out = add_reverb(out, rate, rng.uniform(0.3, 2.5), rng, wet=rng.uniform(0.3, 0.8))
    return _unit_rms(out)


def add_music(wave: np.ndarray, rate: int, snr_db: float, rng: np.random.Generator) -> np.ndarray:
    """Speech [N] with synthetic backing music (`synth_music`) under it at `snr_db` (speech power
    over the whole clip against the music's), the music running through the pauses too."""
    music = synth_music(len(wave), rate, rng)
    signal_power = np.mean(wave**2) + 1e-12
    return (wave + music * snr_gain(signal_power, snr_db)).astype(np.float32)


# LPC analysis / resynthesis (swap_source)
LPC_FRAME_S = 0.025        # Hann windows, hop half a window (they sum to one: overlap-add is exact)
PRE_EMPHASIS = 0.97        # flattens speech's -6 dB/octave so the LPC fits the formants, not the slope
LPC_LAG_WINDOW_HZ = 60.0   # Gaussian lag window: widens the formant bandwidths a little, so no pole
                           # locks onto one harmonic of a high voice
GLOTTAL_CYCLE_S = 0.005    # jitter and shimmer change at about this spacing: a typical pitch period
BREATH_ENVELOPE_S = 0.002  # aspiration noise follows the excitation's envelope this closely: it bursts
                           # with each glottal pulse, as air does when the folds open


def lpc_order(rate: int) -> int:
    """The usual LPC order: two poles per kHz of bandwidth (a formant each), plus 4 for the
    glottal and radiation slope."""
    return rate // 1000 + 4


def _levinson(r: np.ndarray) -> np.ndarray:
    """Autocorrelations [F, p+1] -> inverse-filter coefficients A [F, p+1] (A[:, 0] = 1), all
    frames at once. The autocorrelation method keeps every 1/A stable."""
    a = np.zeros_like(r)
    a[:, 0] = 1.0
    err = r[:, 0].copy()
    for i in range(1, r.shape[1]):
        k = -(r[:, i] + (a[:, 1:i] * r[:, i - 1:0:-1]).sum(1)) / err
        a[:, 1:i] = a[:, 1:i] + k[:, None] * a[:, i - 1:0:-1]
        a[:, i] = k
        err = err * (1 - k**2)
    return a


def lpc_frames(frames: np.ndarray, order: int, rate: int) -> np.ndarray:
    """Windowed frames [F, n] -> inverse filters A [F, order+1]; a silent frame gets A = 1."""
    n = frames.shape[1]
    r = np.fft.irfft(np.abs(np.fft.rfft(frames, 2 * n)) ** 2)[:, : order + 1]
    lags = np.arange(order + 1)
    r = r * np.exp(-0.5 * (2 * np.pi * LPC_LAG_WINDOW_HZ * lags / rate) ** 2)
    r[:, 0] *= 1 + 1e-4   # a -40 dB white floor keeps the normal equations well conditioned
    silent = r[:, 0] <= 1e-20
    r[silent] = (lags == 0).astype(float)
    return _levinson(r)


def new_source(residual: np.ndarray, rate: int, rng: np.random.Generator, tilt_pole: float, breath: float,
               jitter_ms: float, shimmer_db: float) -> np.ndarray:
    """Another glottal excitation from an LPC residual [N]: its pulses (and its noise, where the
    speech is unvoiced) displaced by `jitter_ms`, their gains varied by `shimmer_db` (both sd,
    changing every GLOTTAL_CYCLE_S), its spectrum tilted by a one-pole filter, and a `breath` share of
    its power replaced by aspiration noise. Pulse times move by a fraction of a millisecond at
    most: the phones' timing stays."""
    n = len(residual)
    t = np.arange(n, dtype=np.float64)
    knots = np.arange(0, n + 1, max(1, int(GLOTTAL_CYCLE_S * rate)))

    def per_cycle(sd: float) -> np.ndarray:  # an independent value per cycle, linear in between
        return np.interp(t, knots, rng.standard_normal(len(knots)) * sd)

    e = np.interp(t + per_cycle(jitter_ms * 1e-3 * rate), t, residual)
    e = e * 10 ** (per_cycle(shimmer_db) / 20)
    e = lfilter([1.0], [1.0, -tilt_pole], e)
    power = uniform_filter1d(e**2, max(1, int(BREATH_ENVELOPE_S * rate)))
    noise = rng.standard_normal(n) * np.sqrt(np.maximum(power, 0))  # (a running mean can round below 0)
    return np.sqrt(1 - breath) * e + np.sqrt(breath) * noise


def swap_source(wave: np.ndarray, rate: int, rng: np.random.Generator, cfg: AugmentConfig = AugmentConfig()) -> np.ndarray:
    """The same speech [N] from another voice source: frame-wise LPC (pre-emphasis, Hann windows of
    LPC_FRAME_S, half overlapping) splits it into the vocal-tract filter, which carries what the
    mouth does, and the residual excitation; `new_source` (its tilt, breathiness, jitter and shimmer
    drawn from `cfg`'s source_* ranges) changes the excitation, which is filtered again frame by
    frame and overlap-added. Each frame's level is then put back to the input's, through gains
    overlap-added with the same windows (no steps at the joins); digital silence stays silent.
    Same length and timing as `wave`."""
    tilt, breath = rng.uniform(*cfg.source_tilt_pole), rng.uniform(*cfg.source_breath)
    jitter, shimmer = rng.uniform(*cfg.source_jitter_ms), rng.uniform(*cfg.source_shimmer_db)
    n = int(round(LPC_FRAME_S * rate)) // 2 * 2
    hop, order = n // 2, lpc_order(rate)
    if len(wave) < n:
        return wave.astype(np.float32)
    window = np.hanning(n + 1)[:n]  # periodic Hann: copies a hop apart sum to exactly one
    tail = n + (-len(wave)) % hop
    x = np.concatenate([np.zeros(n), wave.astype(np.float64), np.zeros(tail)])
    x_pre = lfilter([1.0, -PRE_EMPHASIS], [1.0], x)
    starts = np.arange(hop, len(x) - n + 1, hop)  # every sample of `wave` lies under two windows
    a = lpc_frames(np.stack([x_pre[s: s + n] for s in starts]) * window, order, rate)

    residual = np.zeros_like(x)
    for s, a_f in zip(starts, a):  # FIR inverse filter: exact from `order` samples of context
        residual[s: s + n] += window * lfilter(a_f, [1.0], x_pre[s - order: s + n])[order:]
    source = new_source(residual, rate, rng, tilt, breath, jitter, shimmer)
    out = np.zeros_like(x)
    for s, a_f in zip(starts, a):  # all-pole filter, run in from a window earlier so its state has settled
        lo = max(0, s - n)
        out[s: s + n] += window * lfilter([1.0], a_f, source[lo: s + n])[s - lo:]
    out = lfilter([1.0], [1.0, -PRE_EMPHASIS], out)

    def energies(y: np.ndarray) -> np.ndarray:
        return np.array([np.sum((window * y[s: s + n]) ** 2) for s in starts])

    tiny = 1e-12 * n
    gains = np.sqrt((energies(x) + tiny) / (energies(out) + tiny))
    gain = np.zeros_like(x)
    for s, g in zip(starts, gains):
        gain[s: s + n] += window * g
    return (out * gain)[n: n + len(wave)].astype(np.float32)


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
    if cfg.source_prob > 0 and rng.random() < cfg.source_prob:  # the voice first, then the room
        wave = swap_source(wave, rate, rng, cfg)
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
