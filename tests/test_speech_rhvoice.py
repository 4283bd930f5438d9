"""RHVoice: its voices in the corpus plan, the held-out speakers kept out, and real synthesis with
pocketsphinx's phone timings where the Debian voices are installed
(`bash scripts/install_system_deps.sh --rhvoice`)."""

import numpy as np
import pytest

from portraittalker.errors import PortraitTalkerError
from portraittalker.speech import rhvoice
from portraittalker.speech.corpus import CorpusConfig, plan_jobs
from portraittalker.speech.tts import Style
from portraittalker.speech.voices import ENGINE_VOICES, ENGINES

VOICES = [name for name, _ in ENGINE_VOICES["rhvoice"]]


def test_engines_keep_their_seed_indices():
    # appended after the first five: their utterances stayed the same when it was added
    assert ENGINES.index("rhvoice") == 5 and ENGINES[:5] == ("espeak", "festival", "flite", "openjtalk", "mbrola")


def test_the_held_out_speakers_never_speak_for_rhvoice():
    # slt is a held-out Flite speaker; alan is modelled on awb, a held-out Flite speaker and a real evaluation clip's
    assert not {"slt", "alan", "awb"} & set(VOICES)
    assert {language for _, language in ENGINE_VOICES["rhvoice"]} == {"en"}


def test_rhvoice_voices_share_the_training_and_validation_sentences():
    cfg = CorpusConfig(languages=("en",), sentences_per_language=0, engines=("rhvoice",), rhvoice_sentences_per_voice=10,
                       held_out_engine_sentences=0, held_out_variant_sentences=0, rhvoice_voices=())  # (): all of them
    jobs = plan_jobs(cfg)
    assert len(jobs) == 10 * len(VOICES) and {j.voice for j in jobs} == set(VOICES)
    assert all({j.split for j in jobs if j.voice == v} == {"train", "val"} for v in VOICES)


def test_rhvoice_trains_on_its_lgpl_voices_by_default():
    # evgeniy-eng and lyubov are CC BY-NC-ND: a network trained on them would inherit a non-commercial licence
    cfg = CorpusConfig(languages=("en",), sentences_per_language=0, engines=("rhvoice",), rhvoice_sentences_per_voice=10,
                       held_out_engine_sentences=0, held_out_variant_sentences=0)
    jobs = plan_jobs(cfg)
    assert [j.voice for j in jobs[:4]] == ["bdl", "bdl", "bdl", "bdl"] and {j.voice for j in jobs} == {"bdl", "clb"}
    # the same utterances as when the engine had only these two voices (the shipped corpus was built so)
    assert [j.index for j in jobs if j.voice == "clb"] == list(range(1, 20, 2))
    with pytest.raises(PortraitTalkerError, match="unknown RHVoice voice.*slt"):
        CorpusConfig(rhvoice_voices=("bdl", "slt"))


@pytest.mark.parametrize("voice", VOICES)
def test_rhvoice_speaks_with_aligned_phones(voice):
    if not rhvoice.available(voice):
        pytest.skip(f"RHVoice voice {voice} not installed (apt-get install rhvoice rhvoice-english)")
    slow = rhvoice.synthesize("Bob made a map.", voice, Style(duration_stretch=1.3))
    fast = rhvoice.synthesize("Bob made a map.", voice, Style(duration_stretch=0.8))
    assert slow.sample_rate_hz == 16000 and slow.duration_s > fast.duration_s * 1.3
    phones = [p.ipa for p in slow.phonemes if p.ipa]
    assert phones == ["b", "ɑ", "b", "m", "eɪ", "d", "ə", "m", "æ", "p"]
    starts = [p.start_s for p in slow.phonemes]
    assert starts == sorted(starts) and starts[-1] < slow.duration_s
    # the lips are shut for the first b: between 1 and 4 kHz (above a voice bar) it is far quieter than the vowel after it
    from scipy.signal import butter, sosfilt

    w = sosfilt(butter(4, [1000, 4000], btype="band", fs=16000, output="sos"), slow.waveform)
    first_b, vowel = slow.phonemes[1], slow.phonemes[2]
    level = lambda a, b: np.sqrt(np.mean(w[int(a * 16000):int(b * 16000)] ** 2))
    assert level(first_b.start_s, vowel.start_s) < 0.3 * level(vowel.start_s, slow.phonemes[3].start_s)
