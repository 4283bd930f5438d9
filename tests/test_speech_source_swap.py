"""The voice-source swap (augment.swap_source): the vocal-tract filter and the timing stay, the
glottal source (tilt, breathiness, jitter, shimmer) changes, and a corpus without it is the same.

Arranged on a synthetic two-vowel utterance: a 110 Hz pulse train through known formant
resonators (/a/ then /i/), with digital silence around and between them.
"""

import numpy as np
from scipy.linalg import solve_toeplitz
from scipy.signal import find_peaks, freqz, lfilter

from portraittalker.speech.augment import AugmentConfig, augment, swap_source
from speech_fixtures import augment_draws

RATE = 16000
F0_HZ = 110.0
A_FORMANTS_HZ, I_FORMANTS_HZ = (730, 1090, 2440, 3500), (270, 2290, 3010, 3600)
A_STEADY = slice(int(0.25 * RATE), int(0.55 * RATE))   # inside the /a/, away from its edges


def _source(tilt: float = 0.0, breath: float = 0.0, jitter_ms: float = 0.0, shimmer_db: float = 0.0) -> AugmentConfig:
    """A config whose source_* ranges are single values."""
    return AugmentConfig(source_tilt_pole=(tilt, tilt), source_breath=(breath, breath), source_jitter_ms=(jitter_ms, jitter_ms),
                         source_shimmer_db=(shimmer_db, shimmer_db))


def _vowel(formants_hz, seconds: float) -> np.ndarray:
    n = int(seconds * RATE)
    pulses = np.zeros(n)
    pulses[:: int(RATE / F0_HZ)] = 1.0
    y = lfilter([1.0], [1.0, -0.8], pulses)   # a glottal pulse's falling spectrum
    for f in formants_hz:
        r = np.exp(-np.pi * (60 + f / 20) / RATE)
        y = lfilter([1.0], [1.0, -2 * r * np.cos(2 * np.pi * f / RATE), r * r], y)
    return y / np.abs(y).max()


def _utterance() -> np.ndarray:
    def gap(s: float) -> np.ndarray:
        return np.zeros(int(s * RATE))

    return (0.3 * np.concatenate([gap(0.2), _vowel(A_FORMANTS_HZ, 0.4), gap(0.1), _vowel(I_FORMANTS_HZ, 0.4), gap(0.2)])).astype(np.float32)


def _envelope_db(x: np.ndarray, order: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """(frequencies, LPC envelope in dB) of a segment, by scipy's Toeplitz solver (not augment's Levinson)."""
    x = lfilter([1.0, -0.97], [1.0], x.astype(np.float64)) * np.hanning(len(x))
    r = np.correlate(x, x, "full")[len(x) - 1: len(x) + order + 1]
    a = np.concatenate([[1.0], -solve_toeplitz(r[:-1], r[1:])])
    f, h = freqz([1.0], a, worN=512, fs=RATE)
    return f, 20 * np.log10(np.abs(h))


def _harmonicity(x: np.ndarray) -> float:
    """Normalised autocorrelation one pitch period apart: 1 for a perfectly periodic voice."""
    x = x.astype(np.float64) - x.mean()
    lag = int(RATE / F0_HZ)
    return float((x[:-lag] * x[lag:]).sum() / np.sqrt((x[:-lag] ** 2).sum() * (x[lag:] ** 2).sum()))


def _high_over_low_db(x: np.ndarray) -> float:
    power = np.abs(np.fft.rfft(x.astype(np.float64) * np.hanning(len(x)))) ** 2
    f = np.fft.rfftfreq(len(x), 1 / RATE)
    return float(10 * np.log10(power[f > 4000].sum() / power[f < 1000].sum()))


def _rms_db(x: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(x.astype(np.float64) ** 2)))


def test_an_unchanged_source_resynthesises_the_input_without_clicks():
    wave = _utterance()
    out = swap_source(wave, RATE, np.random.default_rng(0), _source())
    steady = wave[A_STEADY].astype(np.float64)
    snr_db = 10 * np.log10(np.sum(steady**2) / np.sum((out[A_STEADY] - steady) ** 2))
    assert snr_db > 30   # the filter, the residual and the overlap-add fit together
    assert np.abs(np.diff(out)).max() <= 1.1 * np.abs(np.diff(wave)).max()   # no steps at the frame joins


def test_a_new_source_keeps_length_level_timing_and_silence():
    wave = _utterance()
    for seed in range(3):
        out = swap_source(wave, RATE, np.random.default_rng(seed), AugmentConfig())
        assert out.shape == wave.shape and out.dtype == np.float32
        assert abs(_rms_db(out) - _rms_db(wave)) < 0.5
        frame = RATE // 50   # the 20 ms level contour follows the input's
        level = lambda x: 10 * np.log10(np.mean(x[: len(x) // frame * frame].reshape(-1, frame).astype(np.float64) ** 2, 1) + 1e-10)  # noqa: E731
        loud = level(wave) > -60
        assert np.abs(level(out)[loud] - level(wave)[loud]).max() < 3.0
        onset = int(0.2 * RATE)   # digital silence stays silent (-70 dB) up to the vowel's onset, give or take 2 ms
        assert np.abs(out[: onset - RATE // 500]).max() < 1e-4 * np.abs(wave).max()
        assert np.abs(out[onset: onset + RATE // 100]).max() > 0.05


def test_a_breathy_jittery_source_keeps_the_formants_and_loses_harmonicity():
    wave = _utterance()
    f, before = _envelope_db(wave[A_STEADY])
    band = (f > 200) & (f < 4000)
    out = swap_source(wave, RATE, np.random.default_rng(1), _source(breath=0.5, jitter_ms=0.08, shimmer_db=1.5))
    _, after = _envelope_db(out[A_STEADY])
    change = after[band] - before[band]
    assert np.sqrt(np.mean((change - change.mean()) ** 2)) < 2.0   # dB: the vocal tract is the same
    peaks = f[find_peaks(after)[0]]
    for formant in A_FORMANTS_HZ[:3]:
        assert np.abs(peaks - formant).min() < 60
    assert _harmonicity(wave[A_STEADY]) > 0.99 and _harmonicity(out[A_STEADY]) < 0.85   # the source is noisier
    assert _high_over_low_db(out[A_STEADY]) > _high_over_low_db(wave[A_STEADY]) + 6    # aspiration fills the highs


def test_a_tilted_source_is_darker_with_the_formants_where_they_were():
    wave = _utterance()
    out = swap_source(wave, RATE, np.random.default_rng(2), _source(tilt=0.7))
    f, before = _envelope_db(wave[A_STEADY])
    _, after = _envelope_db(out[A_STEADY])
    peaks_before, peaks_after = f[find_peaks(before)[0]], f[find_peaks(after)[0]]
    for formant in A_FORMANTS_HZ[:3]:
        assert np.abs(peaks_before - formant).min() < 40 and np.abs(peaks_after - formant).min() < 40
    assert _high_over_low_db(out[A_STEADY]) < _high_over_low_db(wave[A_STEADY]) - 6
    assert _harmonicity(out[A_STEADY]) > 0.99   # a tilt alone leaves the voice periodic


def test_the_swap_is_deterministic_under_its_generator():
    wave = _utterance()
    one = swap_source(wave, RATE, np.random.default_rng(7))
    np.testing.assert_array_equal(one, swap_source(wave, RATE, np.random.default_rng(7)))
    assert np.abs(one - swap_source(wave, RATE, np.random.default_rng(8))).max() > 1e-3


def test_source_swap_off_draws_nothing_so_a_corpus_without_it_is_unchanged():
    wave = _utterance()
    assert augment_draws(wave, RATE, source_prob=1e-12) == augment_draws(wave, RATE, source_prob=0.0) + 1   # drawn only when on
    default = augment(wave, RATE, np.random.default_rng(5), AugmentConfig(codec_prob=0.0))
    off = augment(wave, RATE, np.random.default_rng(5), AugmentConfig(codec_prob=0.0, source_prob=0.0))
    on = augment(wave, RATE, np.random.default_rng(5), AugmentConfig(codec_prob=0.0, source_prob=1.0))
    np.testing.assert_array_equal(off, default)
    assert np.abs(on - off).max() > 1e-3
