"""espeak-ng phoneme events and the coarticulated viseme targets built from them."""

from dataclasses import replace

import numpy as np
import pytest

from portraittalker.speech.channels import CHANNELS, JAW, LIP_PRESS, arkit_to_channels, channels_to_arkit
from portraittalker.speech.coarticulation import (
    TARGET_RATE_HZ, Segment, bilabial_closure_weight, coarticulated_targets, phoneme_segments,
)
from portraittalker.speech.espeak import ESpeak, PhonemeEvent, Prosody, move_stops_to_closures
from portraittalker.speech.sentences import LANGUAGES, has_bilabial, load_lexicon, random_sentence
from portraittalker.speech.visemes import SILENCE, VISEME_CLASSES, viseme_parts
from speech_fixtures import speak


@pytest.mark.parametrize("code, text", [("ko", "엄마 바다"), ("en", "mama papa"), ("zh", "ma1 ma5 ba4 ba5"), ("ja", "まめ ばか")])
def test_espeak_reports_timed_ipa_phonemes_with_bilabials(code, text):
    utt = speak(text, LANGUAGES[code].voice)
    starts = [p.start_s for p in utt.phonemes]
    assert utt.duration_s > 0.4 and np.all(np.diff(starts) >= 0) and starts[-1] <= utt.duration_s + 1e-3
    assert sum(p.ipa in ("m", "b", "p") for p in utt.phonemes) >= 2
    assert np.std(utt.waveform) > 0.01



def test_espeak_speaks_the_same_samples_whatever_it_spoke_before():
    """libespeak-ng keeps state across utterances (the same text came out up to 2% longer after
    others); each utterance is spoken from the initialised state, so a corpus build reproduces."""
    say = lambda: ESpeak.get().synthesize("Maybe a big map of Paris.", "en-us+m3", Prosody(150, 40, 60, 0))  # noqa: E731
    first = say()
    for text, voice in [("엄마 바다 아빠", "ko+grandma"), ("mama papa bob", "en-us+klatt2")]:
        ESpeak.get().synthesize(text, voice)
    again = say()
    assert np.array_equal(first.waveform, again.waveform) and first.phonemes == again.phonemes
    with pytest.raises(Exception, match="no voice 'xx-none'"):  # the child's error reaches the caller
        ESpeak.get().synthesize("a", "xx-none")


def _vowel_gap_vowel(rate: int, gap: tuple[float, float], length_s: float = 0.6) -> np.ndarray:
    """A loud 200 Hz tone with digital silence over `gap` (s) and a short burst at its end."""
    t = np.arange(int(length_s * rate)) / rate
    wave = 0.3 * np.sin(2 * np.pi * 200 * t)
    wave[(t >= gap[0]) & (t < gap[1])] = 0.0
    burst = (t >= gap[1]) & (t < gap[1] + 0.01)
    wave[burst] = 0.05 * np.random.default_rng(0).standard_normal(burst.sum())
    return wave.astype(np.float32)


def test_a_voiceless_stop_starts_where_its_closure_falls_silent():
    rate = 22050
    wave = _vowel_gap_vowel(rate, (0.20, 0.25))
    release = (PhonemeEvent("a", 0.0), PhonemeEvent("p", 0.25), PhonemeEvent("a", 0.26))
    moved = move_stops_to_closures(wave, rate, release)
    assert [e.ipa for e in moved] == ["a", "p", "a"] and abs(moved[1].start_s - 0.20) <= 0.0075 and moved[2] == release[2]
    # voiced stops and nasals are timed at their closure already; affricates move like stops
    assert move_stops_to_closures(wave, rate, (PhonemeEvent("a", 0.0), PhonemeEvent("b", 0.25)))[1].start_s == 0.25
    assert abs(move_stops_to_closures(wave, rate, (PhonemeEvent("a", 0.0), PhonemeEvent("tʃ", 0.25)))[1].start_s - 0.20) <= 0.0075
    # an empty event inside the closure (a syllable boundary) becomes part of the stop
    boundary = move_stops_to_closures(wave, rate, (PhonemeEvent("a", 0.0), PhonemeEvent("", 0.21), PhonemeEvent("pʰ", 0.25)))
    assert [e.ipa for e in boundary] == ["a", "pʰ"] and abs(boundary[1].start_s - 0.20) <= 0.0075


def test_a_stop_after_a_pause_keeps_its_release_time():
    rate = 16000
    wave = _vowel_gap_vowel(rate, (0.20, 0.45), length_s=0.8)  # 250 ms of silence: a pause, not a closure
    events = (PhonemeEvent("a", 0.0), PhonemeEvent("", 0.2), PhonemeEvent("p", 0.45), PhonemeEvent("a", 0.47))
    assert move_stops_to_closures(wave, rate, events) == events
    assert move_stops_to_closures(wave[: int(0.45 * rate)] * 0, rate, events[2:]) == events[2:]  # the utterance's first phone


@pytest.mark.parametrize("code, text", [("en", "a papa"), ("zh", "a1 pa4 pa4"), ("ko", "아파")])
def test_espeak_times_a_p_at_its_release_and_closure_timing_puts_the_silence_inside_the_p(code, text):
    def first_frames_of_each_p(utt):
        """(level of the p's first 10 ms, level of the 15 ms before it) per p, dB relative to the phone before."""
        hop = utt.sample_rate_hz // 200
        level = 10 * np.log10(np.mean(utt.waveform[: len(utt.waveform) // hop * hop].reshape(-1, hop) ** 2, 1) + 1e-12)
        out = []
        for i, p in enumerate(utt.phonemes):
            if p.ipa.startswith("p"):
                before = max(e.start_s for e in utt.phonemes[:i] if e.ipa)
                loud = level[int(before * 200): int(p.start_s * 200)].max()
                k = int(round(p.start_s * 200))
                out.append((level[k: k + 2].max() - loud, level[k - 3: k].max() - loud))
        return out

    as_released = first_frames_of_each_p(ESpeak.get().synthesize(text, LANGUAGES[code].voice))
    at_closure = first_frames_of_each_p(ESpeak.get().synthesize(text, LANGUAGES[code].voice, closure_timed_stops=True))
    assert as_released and len(as_released) == len(at_closure)
    assert all(before < -15 for _, before in as_released)  # espeak-ng: silent before its p event (the closure)
    for first, before in at_closure:
        assert first < -15 and before > first + 6  # moved: the p opens with the silence, sound just before it


def test_corpus_option_labels_espeak_stops_from_their_closure():
    from portraittalker.speech.corpus import CorpusConfig, build_corpus
    from portraittalker.speech.features import LogMelFeatures

    cfg = CorpusConfig(languages=("en",), sentences_per_language=6, engines=("espeak",), held_out_engine="flite",
                       held_out_engine_sentences=0, held_out_variant_sentences=0, train_bilabial_weight=3.0)
    plain, plain_records = build_corpus(cfg, LogMelFeatures(utterance_norm=True))
    timed, timed_records = build_corpus(replace(cfg, espeak_closure_timed_stops=True), LogMelFeatures(utterance_norm=True))
    assert [r["text"] for r in plain_records] == [r["text"] for r in timed_records]  # the same sentences and voices...
    assert [r["voice"] for r in plain_records] == [r["voice"] for r in timed_records]
    # ...with each p's closure now labelled as the p: ~40 ms more bilabial class per p
    bilabial = VISEME_CLASSES.index("bilabial")
    p_count = sum(r["text"].count("p") for r in plain_records)
    gained = (timed.phone_class == bilabial).sum() - (plain.phone_class == bilabial).sum()
    assert p_count >= 3 and gained >= p_count


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
