"""espeak-ng phoneme events and the coarticulated viseme targets built from them."""

import numpy as np
import pytest

from portraittalker.speech.channels import CHANNELS, JAW, LIP_PRESS, arkit_to_channels, channels_to_arkit
from portraittalker.speech.coarticulation import (
    TARGET_RATE_HZ, Segment, bilabial_closure_weight, coarticulated_targets, phoneme_segments,
)
from portraittalker.speech.espeak import PhonemeEvent
from portraittalker.speech.sentences import LANGUAGES, has_bilabial, load_lexicon, random_sentence
from portraittalker.speech.visemes import SILENCE, viseme_parts
from speech_fixtures import speak


@pytest.mark.parametrize("code, text", [("ko", "엄마 바다"), ("en", "mama papa"), ("zh", "ma1 ma5 ba4 ba5"), ("ja", "まめ ばか")])
def test_espeak_reports_timed_ipa_phonemes_with_bilabials(code, text):
    utt = speak(text, LANGUAGES[code].voice)
    starts = [p.start_s for p in utt.phonemes]
    assert utt.duration_s > 0.4 and np.all(np.diff(starts) >= 0) and starts[-1] <= utt.duration_s + 1e-3
    assert sum(p.ipa in ("m", "b", "p") for p in utt.phonemes) >= 2
    assert np.std(utt.waveform) > 0.01


def test_viseme_parts_split_diphthongs_and_pick_visible_consonant():
    assert [v.name for v in viseme_parts("aɪ")] == ["a", "ɪ"]
    assert [v.name for v in viseme_parts("tʃ")] == ["postalveolar"]
    assert [v.name for v in viseme_parts("o̞ː")] == ["o"]
    assert viseme_parts("") == [SILENCE]
    assert viseme_parts("m")[0].bilabial


def _targets(ipa_times, duration):
    segs = phoneme_segments([PhonemeEvent(i, t) for i, t in ipa_times], duration)
    n = int(round(duration * TARGET_RATE_HZ))
    return segs, coarticulated_targets(segs, n), (np.arange(n) + 0.5) / TARGET_RATE_HZ


def test_bilabial_closes_lips_between_open_vowels():
    # "a m a": 200 ms vowels around an 80 ms /m/
    segs, y, t = _targets([("a", 0.1), ("m", 0.3), ("a", 0.38), ("", 0.58)], 0.8)
    mid_m = np.argmin(np.abs(t - 0.34 + 0.012))
    mid_a = np.argmin(np.abs(t - 0.2))
    assert y[mid_m, LIP_PRESS] > 0.95 and y[mid_m, JAW] < 0.08
    assert abs(y[mid_m, CHANNELS.index("mouthClose")] - y[mid_m, JAW]) < 0.01  # lips held shut against the jaw
    assert y[mid_a, JAW] > 0.8 and y[mid_a, LIP_PRESS] < 0.2
    assert y[-1, JAW] < 0.05  # long final pause: mouth shut


def test_lip_rounding_is_anticipated_across_a_consonant():
    # "i t u" vs "i t i": the /t/ already shows rounding when a /u/ follows
    _, yu, t = _targets([("i", 0.0), ("t", 0.2), ("u", 0.28)], 0.5)
    _, yi, _ = _targets([("i", 0.0), ("t", 0.2), ("i", 0.28)], 0.5)
    k = np.argmin(np.abs(t - 0.24))
    pucker = CHANNELS.index("mouthPucker")
    assert yu[k, pucker] > yi[k, pucker] + 0.2


def test_closure_weight_peaks_inside_the_segment():
    t = np.linspace(0, 1, 1001)
    w = bilabial_closure_weight([Segment(0.4, 0.5, viseme_parts("b")[0])], t)
    assert w.max() == 1.0 and 0.4 < t[np.argmax(w)] < 0.5
    assert w[t < 0.33].max() == 0 and w[t > 0.55].max() == 0


def test_channels_round_trip_through_arkit_weights():
    rng = np.random.default_rng(0)
    ch = rng.uniform(0, 1, (7, len(CHANNELS))).astype(np.float32)
    jaw, expr = channels_to_arkit(ch)
    assert jaw.shape == (7, 3) and expr.shape == (7, 52)
    np.testing.assert_allclose(arkit_to_channels(jaw, expr), ch, atol=1e-6)


def test_sentences_are_deterministic_and_use_the_lexicon():
    lang = LANGUAGES["ko"]
    words = load_lexicon(lang)
    a = random_sentence(lang, words, np.random.default_rng(3))
    assert a == random_sentence(lang, words, np.random.default_rng(3))
    assert all(w.strip(",.?!") in words for w in a.split())


def test_bilabial_words_are_found_in_every_script():
    yes = [("mama", "en"), ("obst", "de"), ("ba4", "zh"), ("まめ", "ja"), ("パン", "ja"), ("엄마", "ko"), ("밥", "ko"), ("앞", "ko")]
    no = [("cat", "en"), ("ni3", "zh"), ("さくら", "ja"), ("학교", "ko"), ("사과", "ko")]
    assert all(has_bilabial(w, c) for w, c in yes) and not any(has_bilabial(w, c) for w, c in no)


def test_closure_rich_sentences_only_for_training():
    from portraittalker.speech.corpus import CorpusConfig, Job, _job_rng, _text_for

    def share(code, weight):
        lang = LANGUAGES[code]
        words = [w.strip(",.?!") for k in range(300) for w in random_sentence(lang, load_lexicon(lang), np.random.default_rng(k), weight).split()]
        return np.mean([has_bilabial(w, code) for w in words])

    for code in ("en", "ja", "ko", "zh"):
        assert share(code, 2.5) > share(code, 1.0) + 0.1
    cfg = CorpusConfig()
    for split in ("val", "test"):  # what the model is judged on keeps the plain sentences
        job = Job("espeak", "", "en", split, 5)
        assert _text_for(job, _job_rng(cfg, job), 2.5) == _text_for(job, _job_rng(cfg, job))
    job = Job("espeak", "", "en", "train", 5)
    assert _text_for(job, _job_rng(cfg, job), 2.5) != _text_for(job, _job_rng(cfg, job))
    assert _text_for(job, _job_rng(cfg, job), cfg.train_bilabial_weight) == _text_for(job, _job_rng(cfg, job))  # off by default


def test_speech_channels_are_the_arkit_mouth_and_jaw_subset():
    from portraittalker.arkit import ARKIT_NAMES
    from portraittalker.speech.channels import CHANNEL_ARKIT

    driven = {n for names in CHANNEL_ARKIT.values() for n in names}
    assert driven <= set(ARKIT_NAMES)
    assert {"jawOpen", "mouthClose", "mouthFunnel", "mouthPucker", "mouthPressLeft", "mouthPressRight", "mouthRollLower",
            "mouthRollUpper", "mouthStretchLeft", "mouthStretchRight", "mouthLowerDownLeft", "mouthLowerDownRight",
            "mouthUpperUpLeft", "mouthUpperUpRight", "mouthSmileLeft", "mouthSmileRight", "cheekPuff", "tongueOut"} <= driven
    assert CHANNELS[JAW] == "jawOpen"
