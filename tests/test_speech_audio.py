"""Audio ingest: formats, rates, channels, loudness, and the errors a user can act on."""

import logging
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from scipy.signal import resample_poly

from portraittalker.errors import PortraitTalkerError
from portraittalker.speech.audio import (
    SAMPLE_RATE_HZ,
    TARGET_LEVEL_DBFS,
    downmix,
    ffmpeg_report,
    gated_level_dbfs,
    prepare_audio,
)
from speech_fixtures import ffmpeg_encode, speech_16k

ROOT = Path(__file__).resolve().parent.parent


def warnings_of(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def cut(path: Path, share: float, extra: int = 0) -> Path:
    """`path` with only the first `share` of its bytes (plus `extra`): a download cut off."""
    data = path.read_bytes()
    path.write_bytes(data[: int(share * len(data)) + extra])
    return path


@pytest.fixture(scope="module")
def speech() -> np.ndarray:
    return speech_16k()


@pytest.mark.parametrize(
    "name, rate, channels, args",
    [
        ("in.wav", 48000, 1, []),
        ("in.flac", 22050, 2, []),
        ("in.ogg", 8000, 2, ["-c:a", "libvorbis", "-q:a", "4"]),
        ("in.mp3", 44100, 2, ["-c:a", "libmp3lame", "-b:a", "128k"]),
        ("in.m4a", 44100, 1, ["-c:a", "aac", "-b:a", "96k"]),
    ],
)
def test_any_format_becomes_16k_mono_normalised(tmp_path: Path, speech, name, rate, channels, args, caplog):
    wave = resample_poly(speech, rate, SAMPLE_RATE_HZ) if rate != SAMPLE_RATE_HZ else speech
    wave = 0.1 * wave  # quiet recording: normalisation must bring it up
    if channels == 2:
        wave = np.stack([wave, 0.8 * wave], 1)
    src = ffmpeg_encode(wave, rate, tmp_path / name, args)
    out = tmp_path / "audio.wav"
    duration = prepare_audio(src, out, max_seconds=60)
    data, sr = sf.read(out, always_2d=True)
    info = sf.info(out)
    assert sr == SAMPLE_RATE_HZ and data.shape[1] == 1 and info.subtype == "PCM_16"
    assert duration == pytest.approx(len(speech) / SAMPLE_RATE_HZ, abs=0.06)
    assert gated_level_dbfs(data[:, 0]) == pytest.approx(TARGET_LEVEL_DBFS, abs=1.5)
    assert np.abs(data).max() <= 0.99
    assert warnings_of(caplog) == []  # a whole file is not taken for a cut or damaged one


@pytest.mark.parametrize("rate, channels, subtype", [(SAMPLE_RATE_HZ, 1, "PCM_16"), (44100, 2, "FLOAT")])
def test_a_wav_cut_short_is_used_and_said_in_one_line(tmp_path: Path, speech, caplog, rate, channels, subtype):
    """Its header declares more samples than it holds: the rest is used, and the user is told,
    both on the prepared-WAV path (16 kHz mono PCM-16) and through ffmpeg (which sizes a cut WAV
    by its bytes and says nothing)."""
    wave = resample_poly(speech, rate, SAMPLE_RATE_HZ) if rate != SAMPLE_RATE_HZ else speech
    src = tmp_path / "download.wav"
    sf.write(src, np.stack([wave] * channels, 1), rate, subtype=subtype)
    whole_s = len(speech) / SAMPLE_RATE_HZ
    cut(src, 0.6, extra=1)  # mid-sample, too
    duration = prepare_audio(src, tmp_path / "audio.wav")
    assert duration == pytest.approx(0.6 * whole_s, abs=0.02)
    assert warnings_of(caplog) == [
        f"{src}: the recording ends early: its header says {whole_s:.1f} s but it holds {duration:.1f} s (cut off or "
        "damaged); only that is used; re-export or re-download it"]


def test_an_mp3_cut_mid_frame_is_used_and_said_in_one_line(tmp_path: Path, speech, caplog):
    src = ffmpeg_encode(speech, SAMPLE_RATE_HZ, tmp_path / "download.mp3", ["-c:a", "libmp3lame", "-b:a", "64k"])
    cut(src, 0.5, extra=7)  # the Xing header still declares the whole length
    duration = prepare_audio(src, tmp_path / "audio.wav")
    assert duration == pytest.approx(0.5 * len(speech) / SAMPLE_RATE_HZ, abs=0.1)
    [message] = warnings_of(caplog)
    assert message.startswith(f"{src}: the recording ends early: its header says {len(speech) / SAMPLE_RATE_HZ:.1f} s")
    assert message.endswith("re-export or re-download it")


def test_a_headerless_mp3_cut_to_a_sliver_is_used_and_said_in_one_line(tmp_path: Path, speech, caplog):
    """No Xing header (`-write_xing 0`): nothing declares the whole length, so a file cut to its
    first kilobyte looks whole; that it holds less than a word lasts is what gives it away."""
    src = ffmpeg_encode(speech, SAMPLE_RATE_HZ, tmp_path / "stream.mp3",
                        ["-c:a", "libmp3lame", "-b:a", "128k", "-write_xing", "0"])
    src.write_bytes(src.read_bytes()[:1000])
    duration = prepare_audio(src, tmp_path / "audio.wav")
    assert 0 < duration < 0.15
    [message] = warnings_of(caplog)
    assert message.startswith(f"{src}: holds only {duration:.2f} s of audio, too short for a word")
    assert message.endswith("re-export or re-download it")


def test_a_damaged_mp3_is_used_and_said_in_one_line(tmp_path: Path, speech, caplog):
    """Bytes changed in the middle (a bad sector, a faulty copy): the decoder skips what it cannot read."""
    src = ffmpeg_encode(speech, SAMPLE_RATE_HZ, tmp_path / "damaged.mp3", ["-c:a", "libmp3lame", "-b:a", "64k"])
    data = bytearray(src.read_bytes())
    rng = np.random.default_rng(0)
    for at in rng.integers(len(data) // 3, 2 * len(data) // 3, 12):
        data[at] ^= 0xFF
    src.write_bytes(bytes(data))
    assert prepare_audio(src, tmp_path / "audio.wav") == pytest.approx(len(speech) / SAMPLE_RATE_HZ, abs=0.1)
    [message] = warnings_of(caplog)
    assert message.startswith(f"{src}: damaged in places (") and message.endswith("re-export or re-download it")


def test_garbage_and_header_only_files_are_one_error_line(tmp_path: Path, speech):
    """Nothing decodable: one `error:` line naming the file and what to do, and nothing written."""
    garbage = np.random.default_rng(0).integers(0, 256, 30000, np.uint8).tobytes()
    header = tmp_path / "header.wav"
    sf.write(header, speech, SAMPLE_RATE_HZ, subtype="PCM_16")
    cases = {
        "noise.mp3": (garbage, r"not a readable audio file \(.+\); re-export or re-download it"),
        # the stdlib's WAV reader raised RuntimeError on this one (a traceback, not a message)
        "after_header.wav": (header.read_bytes()[:36] + garbage, r"not a readable audio file \(.+\); re-export or re-download it"),
        "no_samples.wav": (header.read_bytes()[:44], rf"holds no audio though its header says {len(speech) / SAMPLE_RATE_HZ:.1f} s; "
                                                     "re-export or re-download it"),
    }
    for name, (content, message) in cases.items():
        (tmp_path / name).write_bytes(content)
        proc = subprocess.run([sys.executable, str(ROOT / "steps/prepare_audio.py"), "--in", name, "--out", "audio.wav"],
                              capture_output=True, text=True, cwd=tmp_path)
        assert proc.returncode == 1, proc.stderr
        [line] = proc.stderr.strip().splitlines()
        assert re.fullmatch(f"error: {name}: {message}", line), line
        assert not (tmp_path / "audio.wav").exists()


def test_a_wav_whose_writer_left_the_size_at_zero_is_read_to_its_end(tmp_path: Path, speech, caplog):
    src = tmp_path / "streamed.wav"
    sf.write(src, speech, SAMPLE_RATE_HZ, subtype="PCM_16")
    data = bytearray(src.read_bytes())
    at = data.index(b"data") + 4
    data[at: at + 4] = bytes(4)
    src.write_bytes(bytes(data))
    assert prepare_audio(src, tmp_path / "audio.wav") == pytest.approx(len(speech) / SAMPLE_RATE_HZ, abs=1e-3)
    assert warnings_of(caplog) == []


def test_ffmpeg_report_trusts_only_an_audio_files_own_declared_length():
    def report(*lines):
        return ffmpeg_report("\n".join(lines))

    duration = "[info]   Duration: 01:02:03.45, start: 0.025057, bitrate: 128 kb/s"
    audio = "[info]   Stream #0:0: Audio: mp3 (mp3float), 44100 Hz, mono, fltp, 128 kb/s"
    assert report("[info] Input #0, mp3, from 'a.mp3':", duration, audio) == (pytest.approx(3723.45), ())
    cover = "[info]   Stream #0:1: Video: mjpeg (Baseline), yuvj420p, 300x300, 90k tbn (attached pic)"
    assert report(duration, audio, cover)[0] == pytest.approx(3723.45)
    film = "[info]   Stream #0:0[0x1](und): Video: h264 (High), yuv420p, 1280x720, 25 fps (default)"
    assert report(duration, film, audio)[0] is None  # the container's length, maybe the film's
    assert report("[in#0/wav @ 0x5] [warning] Estimating duration from bitrate, this may be inaccurate", duration)[0] is None
    errors = ["[mp3float @ 0x55] [error] big_values too big", "[aist#0:0/mp3 @ 0x5] [dec:mp3float @ 0x6] [error] Decoding error: x"]
    assert report(duration, *errors) == (pytest.approx(3723.45), ("big_values too big", "Decoding error: x"))


@pytest.mark.parametrize("name, args", [("in.wav", []), ("in.mp3", ["-c:a", "libmp3lame", "-b:a", "128k"])])
def test_stereo_channels_in_opposite_polarity_are_not_averaged_to_silence(tmp_path: Path, speech, name, args):
    """One microphone on both channels, one wired in reverse polarity: the mean is silence, the speech is not."""
    rate = 44100
    wave = resample_poly(speech, rate, SAMPLE_RATE_HZ)
    src = ffmpeg_encode(0.3 * np.stack([wave, -wave], 1), rate, tmp_path / name, args)
    prepare_audio(src, tmp_path / "audio.wav")
    out = sf.read(tmp_path / "audio.wav")[0]
    assert gated_level_dbfs(out) == pytest.approx(TARGET_LEVEL_DBFS, abs=1.5)
    n = min(len(out), len(speech))
    assert abs(np.corrcoef(out[:n], speech[:n])[0, 1]) > 0.9


def test_downmix_averages_unless_the_channels_cancel():
    rng = np.random.default_rng(0)
    left, right = rng.standard_normal((2, 1000)).astype(np.float32)
    assert np.allclose(downmix(np.stack([left, right], 1)), (left + right) / 2)  # independent: the mean
    assert np.allclose(downmix(np.stack([left, 0 * left], 1)), left / 2)  # one silent channel: the mean
    assert np.allclose(downmix(np.stack([0.5 * left, -left], 1)), -left)  # cancelling: the louder one
    assert np.array_equal(downmix(left[:, None]), left)


def test_a_constant_offset_is_removed_before_the_level_is_set(tmp_path: Path, speech):
    """An offset counts as loudness: left in, it held the speech ~20 dB under the target."""
    src = tmp_path / "offset.wav"
    sf.write(src, 0.3 * speech + 0.4, SAMPLE_RATE_HZ, subtype="FLOAT")
    prepare_audio(src, tmp_path / "audio.wav")
    out = sf.read(tmp_path / "audio.wav")[0]
    assert abs(out.mean()) < 1e-3
    assert gated_level_dbfs(out) == pytest.approx(TARGET_LEVEL_DBFS, abs=1.5)
    sf.write(src, np.full(SAMPLE_RATE_HZ, 0.4, np.float32), SAMPLE_RATE_HZ, subtype="FLOAT")
    prepare_audio(src, tmp_path / "audio.wav")
    assert np.abs(sf.read(tmp_path / "audio.wav")[0]).max() == 0  # an offset alone is silence


def test_nan_and_infinite_samples_are_silence_and_said(tmp_path: Path, speech, caplog):
    wave = (0.3 * speech).astype(np.float32)
    wave[1000:1010] = np.nan
    wave[5000] = np.inf
    src = tmp_path / "broken_float.wav"
    sf.write(src, wave, SAMPLE_RATE_HZ, subtype="FLOAT")
    prepare_audio(src, tmp_path / "audio.wav")
    out = sf.read(tmp_path / "audio.wav")[0]
    assert np.abs(out[1000:1010]).max() < 0.01 and abs(out[5000]) < 0.01  # not a full-scale click
    assert gated_level_dbfs(out) == pytest.approx(TARGET_LEVEL_DBFS, abs=1.5)
    assert "broken_float.wav: 11 samples are NaN or infinite" in caplog.text


def test_silence_is_valid_and_stays_silent(tmp_path: Path):
    src = tmp_path / "silence.wav"
    sf.write(src, np.zeros(SAMPLE_RATE_HZ, np.float32), 44100)
    out = tmp_path / "audio.wav"
    assert prepare_audio(src, out) == pytest.approx(1.0 * SAMPLE_RATE_HZ / 44100, abs=0.01)
    assert np.abs(sf.read(out)[0]).max() == 0


def test_prepare_audio_measures_the_level_once(tmp_path: Path, speech, monkeypatch):
    """The gated level is measured for normalising and reused by the quiet-input check."""
    from portraittalker.speech import audio

    calls = []
    measure = audio.gated_level_dbfs
    monkeypatch.setattr(audio, "gated_level_dbfs", lambda *a, **k: calls.append(1) or measure(*a, **k))
    src = tmp_path / "in.wav"
    sf.write(src, 0.3 * speech, SAMPLE_RATE_HZ, subtype="FLOAT")
    prepare_audio(src, tmp_path / "audio.wav")
    assert len(calls) == 1


def test_very_quiet_speech_is_normalised_and_faint_hiss_is_not(tmp_path: Path, speech):
    """Speech recorded 50 dB down (peaks near -53 dBFS) is still speech; hiss at -80 dBFS is silence."""
    rng = np.random.default_rng(0)
    quiet = speech / np.abs(speech).max() * 10 ** (-53 / 20)
    level = gated_level_dbfs(quiet)
    assert level is not None and level < -60
    src = tmp_path / "quiet.wav"
    sf.write(src, quiet, SAMPLE_RATE_HZ, subtype="PCM_24")
    prepare_audio(src, tmp_path / "audio.wav")
    # within 4 dB: the absolute gate drops the quiet input's softest blocks, not the output's
    assert gated_level_dbfs(sf.read(tmp_path / "audio.wav")[0]) == pytest.approx(TARGET_LEVEL_DBFS, abs=4)
    hiss = (rng.standard_normal(SAMPLE_RATE_HZ) * 10 ** (-80 / 20)).astype(np.float32)
    assert gated_level_dbfs(hiss) is None


@pytest.mark.parametrize("content", [b"", b"this is not audio at all" * 20])
def test_unreadable_or_empty_input_names_the_file_and_writes_nothing(tmp_path: Path, content: bytes):
    src = tmp_path / "broken.mp3"
    src.write_bytes(content)
    out = tmp_path / "audio.wav"
    with pytest.raises(PortraitTalkerError, match="broken.mp3"):
        prepare_audio(src, out)
    assert not out.exists() and not list(tmp_path.glob(".audio*"))


def test_a_video_without_sound_is_named_as_such(tmp_path: Path):
    import subprocess

    from portraittalker.speech.audio import _ffmpeg_exe

    src = tmp_path / "silent_film.mp4"
    subprocess.run([_ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "color=c=gray:s=32x32:d=1", "-c:v", "mpeg4",
                    str(src)], check=True)
    with pytest.raises(PortraitTalkerError, match="silent_film.mp4: has no audio stream"):
        prepare_audio(src, tmp_path / "audio.wav")
    assert not (tmp_path / "audio.wav").exists()


def test_overlong_input_is_refused(tmp_path: Path, speech):
    src = tmp_path / "long.wav"
    sf.write(src, np.tile(speech, 3), SAMPLE_RATE_HZ)
    out = tmp_path / "audio.wav"
    with pytest.raises(PortraitTalkerError, match=r"long.wav.*longer than the 2 s limit"):
        prepare_audio(src, out, max_seconds=2)
    assert not out.exists()


def test_prepare_audio_step_reports_one_line(tmp_path: Path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, str(root / "steps/prepare_audio.py"), "--in", str(tmp_path / "missing.ogg"),
                           "--out", str(tmp_path / "a.wav")], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [f"error: {tmp_path / 'missing.ogg'}: audio file not found"]
    # Bad values and unwritable outputs: one line each, no traceback.
    (tmp_path / "in.wav").write_bytes(b"")
    (tmp_path / "taken").mkdir()
    for args, code, line in [
        (["--in", str(tmp_path), "--out", "a.wav"], 1, f"error: {tmp_path}: is a folder, not an audio file"),
        (["--in", "in.wav", "--out", "a.wav", "--max-seconds", "0"], 2, "argument --max-seconds: '0' must be a finite number above 0"),
    ]:
        proc = subprocess.run([sys.executable, str(root / "steps/prepare_audio.py"), *args], capture_output=True, text=True,
                              cwd=tmp_path)
        assert proc.returncode == code and proc.stderr.strip().splitlines()[-1].endswith(line), proc.stderr
        assert "Traceback" not in proc.stderr


def test_a_step_names_an_output_it_cannot_write_in_one_line(tmp_path: Path, speech):
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    sf.write(tmp_path / "in.wav", speech, SAMPLE_RATE_HZ)
    (tmp_path / "taken.wav").mkdir()
    proc = subprocess.run([sys.executable, str(root / "steps/prepare_audio.py"), "--in", "in.wav", "--out", "taken.wav"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        "error: taken.wav: is a folder; give the output a file name"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.wav", "taken.wav"]  # no temporary left


def test_a_prepared_wav_is_read_directly_with_ffmpegs_samples(tmp_path: Path, speech, monkeypatch):
    """16 kHz mono PCM-16 (what prediction jobs read) skips ffmpeg and gets exactly its samples."""
    import imageio_ffmpeg

    from portraittalker.speech import audio

    prepared = tmp_path / "audio.wav"
    prepare_audio(ffmpeg_encode(speech, SAMPLE_RATE_HZ, tmp_path / "in.wav", []), prepared)
    exe = imageio_ffmpeg.get_ffmpeg_exe()
    expected = [audio._decode_with_ffmpeg(prepared, exe, limit).wave for limit in (None, 1.0)]
    monkeypatch.setattr(audio, "_ffmpeg_exe", lambda: pytest.fail("ffmpeg ran for a prepared WAV"))
    for limit, ref in zip((None, 1.0), expected):
        ours = audio.decode_audio(prepared, max_seconds=limit)
        assert ours.dtype == np.float32 and len(ours) == len(ref)
        np.testing.assert_array_equal(ours, ref)
    assert len(expected[1]) == 2 * SAMPLE_RATE_HZ < len(expected[0])
