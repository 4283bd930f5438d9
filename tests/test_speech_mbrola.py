"""MBROLA: .pho parsing, the phone table of every voice the corpus uses, and real synthesis
where the Debian voices are installed (`bash scripts/install_system_deps.sh --mbrola`)."""

import numpy as np
import pytest

from portraittalker.speech import mbrola
from portraittalker.speech.corpus import CorpusConfig, plan_jobs
from portraittalker.speech.sentences import LANGUAGES, load_lexicon
from portraittalker.speech.tts import Style
from portraittalker.speech.visemes import _CONSONANTS, _VOWELS, _base_symbols, viseme_parts
from portraittalker.speech.voices import ENGINE_VOICES, ENGINES
from portraittalker.speech.phonesets import MBROLA_IPA_BY_LANGUAGE

VOICES = [mbrola.MbrolaVoice(name, language) for name, language in ENGINE_VOICES["mbrola"]]


def test_parse_pho_times_phones_from_durations():
    pho = "; a comment\n_ 80\nm 65\nEI 55 0 232 80 215\nb 65\n_ 300\n_ 1\n"
    events, total = mbrola.parse_pho(pho, "en")
    assert [(e.ipa, round(e.start_s, 3)) for e in events] == [("", 0.0), ("m", 0.08), ("eɪ", 0.145), ("b", 0.2), ("", 0.265)]
    assert total == pytest.approx(0.566)
    with pytest.raises(KeyError, match="'Xq'"):
        mbrola.parse_pho("_ 80\nXq 50\n", "en")


def test_every_mbrola_ipa_symbol_is_a_known_viseme():
    for language, table in MBROLA_IPA_BY_LANGUAGE.items():
        for phone, ipa in table.items():
            unknown = [s for s in _base_symbols(ipa) if s not in _VOWELS and s not in _CONSONANTS]
            assert not unknown, (language, phone, ipa)
    assert all(v.language in MBROLA_IPA_BY_LANGUAGE and v.language in LANGUAGES for v in VOICES)


def test_engines_keep_their_seed_indices():
    # an utterance's random draws are seeded with ENGINES.index(engine): adding one must not move the others
    assert ENGINES[:4] == ("espeak", "festival", "flite", "openjtalk")


def test_mbrola_voices_read_their_own_languages_in_the_corpus_plan():
    cfg = CorpusConfig(languages=("en",), sentences_per_language=0, engines=("mbrola",), mbrola_sentences_per_voice=10,
                       held_out_engine_sentences=0, held_out_variant_sentences=0)
    jobs = plan_jobs(cfg)
    assert len(jobs) == 10 * len(VOICES)
    assert {(j.voice, j.language) for j in jobs} == set(ENGINE_VOICES["mbrola"])
    assert all({j.split for j in jobs if j.voice == v.espeak_voice} == {"train", "val"} for v in VOICES)


def _installed(voice):
    if not mbrola.available(voice.database):
        pytest.skip(f"mbrola voice {voice.database} not installed (apt-get install mbrola {voice.package})")


@pytest.mark.parametrize("voice", VOICES, ids=lambda v: v.database)
def test_every_phone_a_voice_speaks_on_its_lexicon_maps(voice):
    _installed(voice)
    import subprocess

    words = load_lexicon(LANGUAGES[voice.language])
    text = "\n".join(" ".join(words[i:i + 40]) + "." for i in range(0, len(words), 40))
    pho = subprocess.run(["espeak-ng", "-v", voice.espeak_voice, "-q", "--pho"], input=text, capture_output=True,
                         text=True, timeout=120, check=True).stdout
    events, total = mbrola.parse_pho(pho, voice.language)  # KeyError names any phone without IPA
    assert total > len(words) * 0.15
    assert sum(any(v.bilabial for v in viseme_parts(e.ipa)) for e in events) > 10


@pytest.mark.parametrize("voice", [VOICES[0], VOICES[-1]], ids=lambda v: v.database)
def test_mbrola_speaks_with_its_own_phone_timings(voice):
    _installed(voice)
    text = {"en": "Maybe Bob can map a pub.", "ja": "ぼくは まめを たべます。"}[voice.language]
    slow = mbrola.synthesize(text, voice, Style(1.3, 2.0))
    fast = mbrola.synthesize(text, voice, Style(0.8, -2.0))
    assert slow.duration_s > 1.25 * fast.duration_s
    for utt in (slow, fast):
        starts = np.array([p.start_s for p in utt.phonemes])
        assert utt.phonemes[0].ipa == "" and np.all(np.diff(starts) > 0) and starts[-1] < utt.duration_s
        assert {"m", "b"} <= {p.ipa for p in utt.phonemes}
        rate, wave = utt.sample_rate_hz, utt.waveform
        # silent in the lead pause, loud inside each m/b's following vowel: the timings are the waveform's
        assert np.sqrt(np.mean(wave[: int(0.07 * rate)] ** 2)) < 1e-3
        vowels = [(a.start_s, b.start_s) for a, b in zip(utt.phonemes, utt.phonemes[1:]) if viseme_parts(a.ipa)[0].jaw_dominance == 1.0
                  and len(viseme_parts(a.ipa)) == 1 and a.ipa]
        loud = [np.sqrt(np.mean(wave[int(s * rate): int(e * rate)] ** 2)) for s, e in vowels]
        assert len(loud) >= 3 and min(loud) > 0.02
