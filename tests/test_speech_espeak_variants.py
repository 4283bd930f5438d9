"""Generated espeak-ng voice variants: plausible speakers, read by libespeak-ng from a linked data folder."""

from __future__ import annotations

import re

import numpy as np
import pytest

from portraittalker.errors import PortraitTalkerError
from portraittalker.speech.corpus import CorpusConfig, build_corpus, generated_variant_dir
from portraittalker.speech.espeak import ESpeak
from portraittalker.speech.espeak_variants import random_variants, variant_data_dir
from portraittalker.speech.features import LogMelFeatures
from portraittalker.speech.voices import ESPEAK_HELD_OUT_VARIANTS, ESPEAK_TRAIN_VARIANTS


@pytest.fixture(autouse=True)
def installed_data_afterwards():
    """libespeak-ng has one global state: leave it on the installed data for the other tests."""
    yield
    ESpeak.get()


def _pitch_hz(wave: np.ndarray, rate: int) -> float:
    """Median autocorrelation pitch over the voiced 64 ms frames."""
    frame, out = int(0.064 * rate), []
    for s in range(0, len(wave) - frame, frame // 4):
        x = wave[s: s + frame] * np.hanning(frame)
        if np.sqrt(np.mean(x ** 2)) < 0.02:
            continue
        ac = np.correlate(x, x, "full")[frame - 1:]
        lo, hi = rate // 450, rate // 55
        out.append(rate / (lo + np.argmax(ac[lo:hi])))
    return float(np.median(out))


def test_variants_are_a_pure_function_of_the_seed_and_stay_in_human_ranges():
    a, b = random_variants(40, 7), random_variants(40, 7)
    assert a == b and random_variants(40, 8) != a
    assert list(a) == [f"ptv{i:03d}" for i in range(40)]
    for name, text in a.items():
        assert text.startswith("language variant\nname " + name)
        base, top = map(int, re.search(r"^pitch (\d+) (\d+)$", text, re.M).groups())
        assert 60 <= base < top <= 600
        formants = [tuple(map(int, m)) for m in re.findall(r"^formant (\d) (\d+) (\d+) (\d+)$", text, re.M)]
        assert [f[0] for f in formants] == list(range(9))
        assert all(80 <= f[1] <= 145 for f in formants)  # within a child's and a large man's vocal tract
    kinds = {re.search(r"^gender (\w+)$", t, re.M).group(1) for t in a.values()}
    assert kinds == {"male", "female"}


def test_generated_voices_speak_at_their_own_pitch(tmp_path):
    variants = random_variants(30, 3)
    bases = {n: int(re.search(r"^pitch (\d+)", t, re.M).group(1)) for n, t in variants.items()}
    low, high = min(bases, key=bases.get), max(bases, key=bases.get)
    assert bases[high] > 2 * bases[low]
    data = str(variant_data_dir(tmp_path, variants, ESPEAK_TRAIN_VARIANTS))
    text = "a long calm vowel, aaah, and another one, ooh"
    speech = {n: ESpeak.get(data).synthesize(text, f"en-us+{n}") for n in (low, high)}
    pitch = {n: _pitch_hz(u.waveform, u.sample_rate_hz) for n, u in speech.items()}
    assert pitch[high] > 1.6 * pitch[low]
    # the phones still come with timings, and the shipped variants are still there
    assert [p.ipa for p in speech[low].phonemes] == [p.ipa for p in speech[high].phonemes]
    assert len(ESpeak.get(data).synthesize(text, "en-us+klatt2").waveform) > 0


def test_data_folder_refuses_more_voices_than_espeak_lists(tmp_path):
    with pytest.raises(PortraitTalkerError, match="at most 349 voices"):
        variant_data_dir(tmp_path, random_variants(300, 0), ESPEAK_TRAIN_VARIANTS)
    assert not any(tmp_path.iterdir())  # nothing half-built left behind


def test_corpus_speaks_a_share_of_espeak_sentences_with_generated_voices_never_the_held_out_ones(tmp_path):
    cfg = CorpusConfig(languages=("en",), sentences_per_language=12, engines=("espeak",), held_out_engine="flite",
                       held_out_engine_sentences=0, held_out_variant_sentences=4, validation_fraction=0.25,
                       espeak_generated_voices=20, espeak_generated_share=0.5, voice_dir=str(tmp_path))
    _, records = build_corpus(cfg, LogMelFeatures(utterance_norm=True))
    voices = {r["split"]: [] for r in records}
    for r in records:
        voices[r["split"]].append(r["voice"].split("+")[-1] if "+" in r["voice"] else "")
    generated = [v for v in voices["train"] + voices["val"] if v.startswith("ptv")]
    assert 2 <= len(generated) <= 10
    assert not any(v.startswith("ptv") for v in voices["test"])
    assert {f"+{v}" for v in voices["test"]} <= set(ESPEAK_HELD_OUT_VARIANTS)
    assert generated_variant_dir(cfg).parent == tmp_path
    # Off, the plan draws nothing more: every sentence has the text and, unless a generated voice
    # took it, the voice of a corpus without the option.
    off = CorpusConfig(languages=("en",), sentences_per_language=12, engines=("espeak",), held_out_engine="flite",
                       held_out_engine_sentences=0, held_out_variant_sentences=4, validation_fraction=0.25)
    _, plain = build_corpus(off, LogMelFeatures(utterance_norm=True))
    assert [r["text"] for r in plain] == [r["text"] for r in records]
    assert all(r["voice"] == p["voice"] or "+ptv" in r["voice"] for r, p in zip(records, plain))
    assert not any("+ptv" in p["voice"] for p in plain)
