"""predict_flame with the shipped checkpoint: frame counts, format invariance, lips, silence, motion."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from scipy.signal import resample_poly

from portraittalker.errors import PortraitTalkerError
from portraittalker.arkit import arkit_index
from portraittalker.io import load_flame
from portraittalker.speech.audio import SAMPLE_RATE_HZ
from portraittalker.speech.channels import arkit_to_channels
from portraittalker.speech.checkpoint import save_checkpoint
from portraittalker.speech.corpus import resample_to_16k
from portraittalker.speech.features import FeatureSpec, LogMelFeatures
from portraittalker.speech.motion import generate_motion
from portraittalker.speech.closure_decoding import ClosureDecoding
from portraittalker.speech.predict import flame_from_waveform, get_checkpoint, predict_channels, predict_flame
from portraittalker.speech.training import lips_shut
from speech_fixtures import ffmpeg_encode, speak, speech_16k

ROOT = Path(__file__).resolve().parent.parent
CHECKPOINT = Path(os.environ.get("PT_SPEECH_CHECKPOINT", ROOT / "models/audio2flame/model.pt"))
LIP_PRESS = arkit_index("mouthPressLeft")


@pytest.fixture(scope="module")
def speech() -> np.ndarray:
    # 0.3 s pads keep the duration away from a frame-rounding boundary at 25 fps
    return speech_16k("Maybe we can buy a big map of Paris, Bob.", pad_s=0.31)


def test_same_speech_in_three_formats_gives_the_same_motion(tmp_path: Path, speech):
    stereo8k = np.stack([resample_poly(speech, 1, 2)] * 2, 1)
    files = [
        ffmpeg_encode(stereo8k, 8000, tmp_path / "a.ogg", ["-c:a", "libvorbis", "-q:a", "5"]),
        ffmpeg_encode(resample_poly(speech, 441, 160), 44100, tmp_path / "b.mp3", ["-c:a", "libmp3lame", "-b:a", "128k"]),
        ffmpeg_encode(resample_poly(speech, 3, 1), 48000, tmp_path / "c.wav", []),
    ]
    seqs = [predict_flame(f, fps=25, checkpoint=CHECKPOINT) for f in files]
    expected = round(len(speech) / SAMPLE_RATE_HZ * 25)
    assert [s.num_frames for s in seqs] == [expected] * 3
    ref = seqs[2]
    for s in seqs[:2]:
        jaw, jaw_ref = s.jaw_pose[:, 0], ref.jaw_pose[:, 0]
        assert np.corrcoef(jaw, jaw_ref)[0, 1] > 0.9
        assert np.abs(jaw - jaw_ref).mean() < 0.012  # radians; the jaw spans ~0.2
        assert np.abs(s.expression - ref.expression).mean() < 0.03
        # Head motion reacts to stress peaks, so a peak near threshold may shift by a frame or
        # two between codecs: the motion must agree overall, not sample for sample.
        neck_diff = np.abs(s.neck_pose - ref.neck_pose)
        assert neck_diff.mean() < 0.005 and neck_diff.max() < 0.06


@pytest.mark.parametrize("fps", [25, 30, 60, 23.976])
def test_frame_count_is_duration_times_fps(tmp_path: Path, speech, fps):
    wav = tmp_path / "s.wav"
    sf.write(wav, speech, SAMPLE_RATE_HZ)
    seq = predict_flame(wav, fps=fps, checkpoint=CHECKPOINT)
    assert seq.num_frames == round(len(speech) / SAMPLE_RATE_HZ * fps)
    assert seq.expression_basis == "arkit52" and seq.fps == fps
    assert seq.expression.shape == (seq.num_frames, 52) and seq.eye_pose.shape == (seq.num_frames, 6)


def test_mouth_follows_speech_and_bilabials_close_the_lips(tmp_path: Path):
    utt = speak("Mama, papa, bob. Aha, mama, ipa ama.", "en-us", rate_wpm=140)
    wave = 0.5 * resample_to_16k(utt.waveform, utt.sample_rate_hz)
    wav = tmp_path / "s.wav"
    sf.write(wav, wave, SAMPLE_RATE_HZ)
    seq = predict_flame(wav, fps=50, checkpoint=CHECKPOINT)
    jaw = seq.jaw_pose[:, 0]
    assert jaw.max() > 0.1  # open vowels open the jaw (~6 degrees or more)
    events = list(utt.phonemes)
    closures = [(ev.start_s + nxt.start_s) / 2 for ev, nxt in zip(events, events[1:]) if ev.ipa in ("m", "b", "p")]
    assert len(closures) >= 8
    shut = lips_shut(arkit_to_channels(seq.jaw_pose, seq.expression))
    closed = [shut[max(0, int((c - 0.04) * 50)): int((c + 0.04) * 50) + 1].any() for c in closures]
    assert np.mean(closed) >= 0.85
    nasal = [c for c, ev in zip(closures, [e for e in events if e.ipa in ("m", "b", "p")]) if ev.ipa == "m"]
    assert min(seq.expression[int(c * 50) - 2: int(c * 50) + 3, LIP_PRESS].max() for c in nasal) > 0.5  # /m/ presses
    vowels = [ev.start_s + 0.03 for ev in events if ev.ipa.startswith(("a", "ɑ"))]
    assert np.mean([shut[int(v * 50)] for v in vowels]) < 0.2
    assert np.mean([seq.expression[int(v * 50), LIP_PRESS] for v in vowels]) < 0.3


def test_silence_keeps_the_mouth_closed_but_still_blinks(tmp_path: Path):
    wav = tmp_path / "silence.wav"
    sf.write(wav, np.zeros(8 * SAMPLE_RATE_HZ, np.float32), SAMPLE_RATE_HZ)
    seq = predict_flame(wav, fps=25, checkpoint=CHECKPOINT)
    assert np.abs(seq.jaw_pose).max() < 1e-3
    mouth = [arkit_index(n) for n in ("mouthPucker", "mouthStretchLeft", "mouthFunnel", "mouthRollLower", "jawOpen")]
    assert np.abs(seq.expression[:, mouth]).max() < 1e-3
    assert (seq.expression[:, arkit_index("eyeBlinkLeft")] > 0.9).sum() >= 1


def test_motion_is_seeded_speech_aware_and_still_in_pauses(speech):
    wave = np.concatenate([speech, np.zeros(3 * SAMPLE_RATE_HZ, np.float32), speech])
    n = round(len(wave) / SAMPLE_RATE_HZ * 25)
    a, b, c = (generate_motion(wave, n, 25, seed=s) for s in (0, 0, 1))
    np.testing.assert_array_equal(a.neck_pose, b.neck_pose)
    assert np.abs(a.neck_pose - c.neck_pose).max() > 1e-3
    speaking = slice(int(0.5 * 25), int((len(speech) / SAMPLE_RATE_HZ - 0.4) * 25))
    pause = slice(int((len(speech) / SAMPLE_RATE_HZ + 0.8) * 25), int((len(speech) / SAMPLE_RATE_HZ + 2.2) * 25))
    speed = np.abs(np.diff(a.neck_pose, axis=0)).sum(1)
    assert speed[speaking].mean() > 1.5 * speed[pause].mean()
    blinks = np.flatnonzero(np.diff((a.blink > 0.5).astype(int)) == 1)
    assert 1 <= len(blinks) <= n / 25 / 1.0  # every few seconds, never faster than the minimum gap


@pytest.mark.parametrize("seconds", [0.1, 0.5, 2.0])
def test_a_short_clip_moves_the_head_no_more_than_a_long_one(speech, seconds):
    """The head's wander has the same spread whatever the clip's length: a clip shorter than the
    wander's smoothing once had its near-constant noise divided by its tiny spread (0.5 s: 75 degrees)."""
    wave = np.resize(speech, int(seconds * SAMPLE_RATE_HZ))
    n = max(1, round(seconds * 25))
    turn = max(float(np.abs(generate_motion(wave, n, 25, seed=s).neck_pose).max()) for s in range(20))
    assert np.degrees(turn) < 10
    long = generate_motion(np.tile(speech, 20), 20 * round(len(speech) / SAMPLE_RATE_HZ * 25), 25, seed=0)
    assert np.degrees(long.neck_pose[:, 1].std()) == pytest.approx(np.degrees(0.035), rel=0.5)  # yaw wander, 1 sigma


def _window_lengths(ckpt, feats, monkeypatch) -> list[int]:
    """The frame count of every window predict_channels hands the network."""
    lengths, forward = [], ckpt.forward_with_phones

    def spy(batch):
        lengths.extend([batch.shape[1]] * batch.shape[0])
        return forward(batch)

    monkeypatch.setattr(ckpt, "forward_with_phones", spy)
    predict_channels(ckpt, feats)
    monkeypatch.undo()
    return lengths


def test_long_clips_are_windowed_without_seams(speech, monkeypatch):
    ckpt = get_checkpoint(CHECKPOINT)
    feats = ckpt.normalise(LogMelFeatures()(np.tile(speech, 20)))   # over a minute: several windows
    assert len(_window_lengths(ckpt, feats, monkeypatch)) >= 2
    whole = ckpt.forward_with_phones(feats[None, : len(feats) // 2 * 2])[0][0]
    windowed = predict_channels(ckpt, feats)
    # Away from the clip's two ends (where the whole pass has no padding at all) the windows agree.
    inner = slice(10, len(whole) - 10)
    assert np.abs(windowed[: len(whole)][inner] - whole[inner]).max() < 0.05


@pytest.mark.parametrize("seconds", [0.3, 4.0, 31.0, 95.0])
def test_windows_cover_the_clip_and_little_else(speech, monkeypatch, seconds):
    """The network runs on the clip and its context, not on padding up to a whole window (a
    4 s clip once ran on 14.4 s of frames)."""
    ckpt = get_checkpoint(CHECKPOINT)
    feats = ckpt.normalise(LogMelFeatures()(np.resize(speech, int(seconds * SAMPLE_RATE_HZ))))
    lengths = _window_lengths(ckpt, feats, monkeypatch)
    context = 240   # 1.2 s each side at 100 Hz
    assert sum(lengths) - context * len(lengths) - len(feats) in range(0, 2 * len(lengths))
    assert len(set(lengths)) == 1 and all(n % 2 == 0 for n in lengths)
    assert len(predict_channels(ckpt, feats)) == (len(feats) + 1) // 2


def test_closure_decoding_only_adds_closures_and_keeps_the_jaw(speech):
    ckpt = get_checkpoint(CHECKPOINT)
    feats = ckpt.normalise(LogMelFeatures()(speech))
    channels, bilabial = predict_channels(ckpt, feats, with_phones=True)
    assert np.array_equal(channels, predict_channels(ckpt, feats)) and bilabial.shape == (len(channels),)
    assert 0 <= bilabial.min() and bilabial.max() <= 1
    plain = flame_from_waveform(speech, 25, ckpt, closure_decoding=None)
    decoded = flame_from_waveform(speech, 25, ckpt, closure_decoding=ClosureDecoding(press_jaw=None, press_level=None))
    assert np.array_equal(plain.jaw_pose, decoded.jaw_pose)
    shut_plain = lips_shut(arkit_to_channels(plain.jaw_pose, plain.expression))
    shut_decoded = lips_shut(arkit_to_channels(decoded.jaw_pose, decoded.expression))
    assert (shut_decoded | ~shut_plain).all()          # every closure the network made is kept
    changed = np.abs(decoded.expression - plain.expression).max(axis=1) > 1e-6
    assert changed.mean() < 0.3                         # and only frames near an added closure change
    # the default also fades presses over an open jaw or a loud vowel: only mouthPress changes, the jaw never
    faded = flame_from_waveform(speech, 25, ckpt)
    assert np.array_equal(faded.jaw_pose, decoded.jaw_pose)
    press = [arkit_index("mouthPressLeft"), arkit_index("mouthPressRight")]
    assert (faded.expression[:, press] <= decoded.expression[:, press] + 1e-6).all()


def test_feature_type_mismatch_is_refused(tmp_path: Path):
    ckpt = get_checkpoint(CHECKPOINT)
    other = type(ckpt)(model=ckpt.model, feature_spec=FeatureSpec(kind="wav2vec2", dim=80, encoder_id="hubert-h80-l2"),
                        feature_mean=ckpt.feature_mean, feature_std=ckpt.feature_std)
    path = tmp_path / "w2v.pt"
    save_checkpoint(other, path)
    wav = tmp_path / "s.wav"
    sf.write(wav, np.zeros(SAMPLE_RATE_HZ, np.float32), SAMPLE_RATE_HZ)
    with pytest.raises(PortraitTalkerError, match="trained on wav2vec2 features"):
        predict_flame(wav, checkpoint=path, features="logmel")


def test_predict_flame_step_runs_standalone(tmp_path: Path, speech):
    wav = tmp_path / "in.flac"
    sf.write(wav, speech, SAMPLE_RATE_HZ)
    out = tmp_path / "flame.npz"
    proc = subprocess.run([sys.executable, str(ROOT / "steps/predict_flame.py"), "--audio", str(wav), "--out", str(out),
                           "--fps", "25"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    seq = load_flame(out)
    assert seq.num_frames == round(len(speech) / SAMPLE_RATE_HZ * 25) and seq.fps == 25


@pytest.mark.parametrize("num_samples", [1234, 16000, 65437])
def test_stft_power_frames_like_librosa(num_samples):
    """The log-mel features' numpy STFT equals librosa.stft(center=True)'s power (the shipped
    checkpoint was trained on those), while predict_flame no longer imports librosa."""
    import librosa

    from portraittalker.speech.features import stft_power

    wave = np.random.default_rng(num_samples).standard_normal(num_samples).astype(np.float32)
    reference = np.abs(librosa.stft(wave, n_fft=512, hop_length=160, win_length=400, center=True)) ** 2
    ours = stft_power(wave, 512, 400)
    assert ours.shape == reference.shape and ours.dtype == np.float32
    np.testing.assert_allclose(ours, reference, rtol=0, atol=1e-5 * float(reference.max()))
