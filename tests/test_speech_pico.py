"""SVOX Pico: its voices in the corpus plan, and real synthesis with pocketsphinx's phone timings
where the Debian package is installed (`apt-get install libttspico-utils`, non-free)."""

import numpy as np
import pytest

from portraittalker.errors import PortraitTalkerError
from portraittalker.speech import pico
from portraittalker.speech.corpus import CorpusConfig, plan_jobs
from portraittalker.speech.tts import Style
from portraittalker.speech.voices import ENGINE_VOICES, ENGINES

VOICES = [name for name, _ in ENGINE_VOICES["pico"]]


def test_pico_is_appended_so_no_other_engine_changes_its_draws():
    assert ENGINES.index("pico") == len(ENGINES) - 1
    assert ENGINES[:6] == ("espeak", "festival", "flite", "openjtalk", "mbrola", "rhvoice")


def test_pico_voices_speak_english_training_and_validation_sentences():
    cfg = CorpusConfig(languages=("en",), sentences_per_language=0, engines=("pico",), pico_sentences_per_voice=10,
                       held_out_engine_sentences=0, held_out_variant_sentences=0)
    jobs = plan_jobs(cfg)
    assert len(jobs) == 10 * len(VOICES) and {(j.voice, j.language) for j in jobs} == set(ENGINE_VOICES["pico"])
    assert all({j.split for j in jobs if j.voice == v} == {"train", "val"} for v in VOICES)


def test_a_missing_pico_voice_says_how_to_install_it():
    with pytest.raises(PortraitTalkerError, match="libttspico-utils"):
        pico.synthesize("Bob made a map.", "xx-XX")


@pytest.mark.parametrize("voice", VOICES)
def test_pico_speaks_with_aligned_phones(voice):
    if not pico.available(voice):
        pytest.skip(f"Pico voice {voice} not installed (apt-get install libttspico-utils)")
    slow = pico.synthesize("Bob made a map.", voice, Style(duration_stretch=1.3, pitch_semitones=2.0))
    fast = pico.synthesize("Bob made a map.", voice, Style(duration_stretch=0.8))
    assert slow.sample_rate_hz == 16000 and slow.duration_s > fast.duration_s * 1.3
    assert [p.ipa for p in slow.phonemes if p.ipa] == ["b", "ɑ", "b", "m", "eɪ", "d", "ə", "m", "æ", "p"]
    starts = [p.start_s for p in slow.phonemes]
    assert starts == sorted(starts) and starts[-1] < slow.duration_s
    # the lips are shut for the first b: between 1 and 4 kHz (above a voice bar) it is far quieter than the vowel after it
    from scipy.signal import butter, sosfilt

    w = sosfilt(butter(4, [1000, 4000], btype="band", fs=16000, output="sos"), slow.waveform)
    level = lambda a, b: np.sqrt(np.mean(w[int(a * 16000):int(b * 16000)] ** 2))
    first_b, vowel = slow.phonemes[1], slow.phonemes[2]
    assert level(first_b.start_s, vowel.start_s) < 0.3 * level(vowel.start_s, slow.phonemes[3].start_s)
