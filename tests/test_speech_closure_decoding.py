"""Closure decoding (portraittalker/speech/closure_decoding.py): pure numpy, deterministic."""

import numpy as np

from portraittalker.speech.channels import JAW, LIP_PRESS, MOUTH_CLOSE, NUM_CHANNELS, channel_index
from portraittalker.speech.closure_decoding import (
    BILABIAL_CLASS,
    ClosureDecoding,
    bilabial_probability,
    closure_peaks,
    closure_score,
    closure_level,
    closure_weight,
    decode_closures,
    press_limit,
)
from portraittalker.speech.features import LogMelFeatures, band_centres_hz
from portraittalker.speech.training import lips_shut

LOWER_DOWN = channel_index("mouthLowerDown")


def _speech(m: int = 40) -> np.ndarray:
    """Channels [m, C]: an open vowel everywhere (jaw 0.7, lips parted)."""
    ch = np.zeros((m, NUM_CHANNELS), np.float32)
    ch[:, JAW] = 0.7
    ch[:, LOWER_DOWN] = 0.3
    return ch


def test_score_is_the_mean_of_press_and_bilabial_posterior_or_press_alone():
    ch = _speech(3)
    ch[:, LIP_PRESS] = [0.2, 1.4, -0.1]
    assert np.allclose(closure_score(ch), [0.2, 1.0, 0.0])
    assert np.allclose(closure_score(ch, np.array([0.4, 0.0, 0.6])), [0.3, 0.5, 0.3])


def test_bilabial_probability_is_the_softmax_of_the_bilabial_class():
    logits = np.zeros((2, 17))
    logits[0, BILABIAL_CLASS] = np.log(16.0)  # 16 / (16 + 16 others)
    p = bilabial_probability(logits)
    assert np.allclose(p, [0.5, 1 / 17], atol=1e-6)


def test_peaks_need_the_threshold_a_nearly_closed_jaw_and_a_local_maximum():
    score = np.array([0.0, 0.1, 0.3, 0.1, 0.0, 0.5, 0.2, 0.0, 0.2, 0.2, 0.1, 0.6])
    jaw = np.full(len(score), 0.1)
    jaw[5] = 0.5                                      # inside an open vowel: not a closure
    assert closure_peaks(score, jaw, 0.15, 0.3).tolist() == [2, 8, 11]   # a plateau counts once, at its start
    assert closure_peaks(score, jaw, 0.25, 0.3).tolist() == [2, 11]
    assert closure_peaks(score, np.full(len(score), 0.1), 0.4, 0.3).tolist() == [5, 11]
    assert closure_peaks(np.zeros(0), np.zeros(0), 0.1, 0.3).size == 0
    # a plateau that rises again later is a shoulder, not a peak
    assert closure_peaks(np.array([0.0, 0.3, 0.3, 0.5, 0.0]), np.zeros(5), 0.1, 0.3).tolist() == [3]


def test_weight_is_one_at_the_peak_and_ramps_like_the_targets():
    w = closure_weight(np.array([10]), 21, 50.0, hold_s=0.0, ramp_s=0.035)
    assert w[10] == 1.0
    assert np.isclose(w[9], 0.5 * (1 + np.cos(np.pi * 0.02 / 0.035))) and w[9] == w[11]
    assert w[8] == 0.0 and w[12] == 0.0 and w.sum() < 2
    held = closure_weight(np.array([10]), 21, 50.0, hold_s=0.02, ramp_s=0.035)
    assert held[9] == held[11] == 1.0 and held[8] > 0


def test_decoding_shuts_the_lips_at_a_weak_closure_peak_and_leaves_the_rest_alone():
    ch = _speech()
    ch[18:23, JAW] = [0.4, 0.25, 0.2, 0.25, 0.4]     # the jaw dips for a short /b/ ...
    ch[18:23, LIP_PRESS] = [0.05, 0.2, 0.35, 0.2, 0.05]   # ... the press rises, but not to shut
    prob = np.zeros(len(ch), np.float32)
    prob[19:22] = [0.3, 0.45, 0.3]
    assert not lips_shut(ch)[18:23].any()
    before = ch.copy()
    out, peaks = decode_closures(ch, prob, 50.0, ClosureDecoding(threshold=0.175, max_jaw=0.3, press_jaw=None))
    assert np.array_equal(ch, before)                # pure
    assert peaks.tolist() == [20]
    assert lips_shut(out)[20]
    assert out[20, LIP_PRESS] == 1.0 and out[20, LOWER_DOWN] == 0.0
    assert np.isclose(out[20, MOUTH_CLOSE], ch[20, JAW])   # lips held together against the jaw
    assert np.array_equal(out[:, JAW], ch[:, JAW])          # the jaw is the network's (close_jaw=False)
    untouched = np.r_[0:19, 22:len(ch)]
    assert np.array_equal(out[untouched], ch[untouched])
    closed_jaw, _ = decode_closures(ch, prob, 50.0, ClosureDecoding(close_jaw=True))
    assert closed_jaw[20, JAW] < ch[20, JAW]


def test_decoding_ignores_open_vowels_weak_evidence_and_can_be_disabled():
    ch = _speech()
    ch[10, LIP_PRESS] = 0.4                         # a press blip inside an open vowel (jaw 0.7)
    ch[30, JAW] = 0.1
    ch[30, LIP_PRESS] = 0.1                          # a near-closed jaw with too little evidence
    out, peaks = decode_closures(ch, None, 50.0, ClosureDecoding(press_jaw=None))
    assert peaks.size == 0 and np.array_equal(out, ch)
    out, peaks = decode_closures(ch, None, 50.0, ClosureDecoding())  # the default fades the blip's press out
    assert peaks.size == 0 and out[10, LIP_PRESS] == 0.0 and np.array_equal(np.delete(out, 10, 0), np.delete(ch, 10, 0))
    ch[30, LIP_PRESS] = 0.3
    assert decode_closures(ch, None, 50.0, ClosureDecoding())[1].tolist() == [30]
    out, peaks = decode_closures(ch, None, 50.0, ClosureDecoding(enabled=False))
    assert peaks.size == 0 and np.array_equal(out, ch)
    empty, peaks = decode_closures(np.zeros((0, NUM_CHANNELS), np.float32), None)
    assert empty.shape == (0, NUM_CHANNELS) and peaks.size == 0


def test_a_closure_the_network_made_itself_is_left_alone():
    ch = _speech()
    ch[20, JAW] = 0.1
    ch[19:22, LIP_PRESS] = [0.3, 0.8, 0.3]           # already pressed at the peak
    out, peaks = decode_closures(ch, None, 50.0, ClosureDecoding(press_jaw=None))
    assert peaks.size == 0 and np.array_equal(out, ch)


def test_press_fades_out_over_an_open_jaw():
    assert np.allclose(press_limit(np.array([0.0, 0.25, 0.325, 0.4, 0.9]), 0.25, 0.4), [1.0, 1.0, 0.5, 0.0, 0.0])
    ch = _speech()
    ch[10, LIP_PRESS] = 0.8                          # pressed lips over an open vowel's jaw (0.7): heard wrong
    ch[20, JAW], ch[20, LIP_PRESS] = 0.08, 0.9       # a p/b/m: the jaw nearly shut
    ch[30, JAW], ch[30, LIP_PRESS] = 0.325, 0.8      # half-way: capped at 0.5
    out, _ = decode_closures(ch, None, 50.0, ClosureDecoding(press_jaw=(0.25, 0.4)))
    assert out[10, LIP_PRESS] == 0.0 and out[20, LIP_PRESS] == 0.9 and np.isclose(out[30, LIP_PRESS], 0.5)
    assert lips_shut(out)[20] and not lips_shut(out)[10]
    others = np.ones(NUM_CHANNELS, bool)
    others[LIP_PRESS] = False
    assert np.array_equal(out[:, others], ch[:, others])   # only the press changes
    kept, _ = decode_closures(ch, None, 50.0, ClosureDecoding(press_jaw=None))
    assert kept[10, LIP_PRESS] == 0.8


def test_press_fades_out_over_a_loud_vowel_formant_region():
    ch = _speech()
    ch[:, JAW] = 0.08                                  # the jaw nearly shut throughout: only the level decides
    ch[10, LIP_PRESS] = ch[20, LIP_PRESS] = ch[30, LIP_PRESS] = 0.8
    level = np.zeros(len(ch), np.float32)
    level[10], level[20], level[30] = 3.0, -2.0, 1.75  # a loud vowel, a closure's silence, half-way
    decoding = ClosureDecoding(press_jaw=None, press_level=(1.25, 2.25))
    out, _ = decode_closures(ch, None, 50.0, decoding, level)
    assert out[10, LIP_PRESS] == 0.0 and out[20, LIP_PRESS] == 0.8 and np.isclose(out[30, LIP_PRESS], 0.5)
    others = np.ones(NUM_CHANNELS, bool)
    others[LIP_PRESS] = False
    assert np.array_equal(out[:, others], ch[:, others])   # only the press changes
    assert np.array_equal(decode_closures(ch, None, 50.0, decoding)[0], ch)  # no level: the rule is skipped
    off = ClosureDecoding(press_jaw=None, press_level=None)
    assert np.array_equal(decode_closures(ch, None, 50.0, off, level)[0], ch)


def test_closure_level_is_the_mid_band_mean_at_the_channel_rate():
    mid = (band_centres_hz(80) >= 500) & (band_centres_hz(80) <= 4000)
    feats = np.zeros((7, 80), np.float32)
    feats[:, mid] = np.arange(7)[:, None]
    feats[:, ~mid] = 100.0                             # bands outside 500-4000 Hz are not read
    assert np.allclose(closure_level(feats, 4), [0.5, 2.5, 4.5, 6.0])
    assert np.allclose(closure_level(feats, 6), [0.5, 2.5, 4.5, 6.0, 6.0, 6.0])  # the last value fills


def test_closure_level_tells_a_vowel_from_a_murmur_at_any_gain():
    sr = 16000
    t = np.arange(sr // 2) / sr
    murmur = np.sin(2 * np.pi * 200 * t)               # a nasal murmur's energy: below 500 Hz
    vowel = (np.sin(2 * np.pi * 700 * t) + np.sin(2 * np.pi * 1200 * t)) / np.sqrt(2)  # F1 and F2
    wave = np.concatenate([murmur, vowel, murmur, vowel]).astype(np.float32) * 0.3
    extract = LogMelFeatures(utterance_norm=True)
    for gain in (1.0, 0.1):                            # the contrast holds whatever the gain
        level = closure_level(extract(wave * gain), 100)  # 2 s at 50 Hz
        assert level[30:45].mean() > level[5:20].mean() + 2.0
