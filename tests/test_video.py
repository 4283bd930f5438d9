import numpy as np
import pytest
import soundfile as sf
from PIL import Image

from portraittalker.errors import PortraitTalkerError
from portraittalker.video import encode_video, probe_video


def make_inputs(tmp_path, seconds=2.02, fps=25, sr=16000):
    frames = tmp_path / "frames"
    frames.mkdir()
    n = round(seconds * fps)
    for i in range(n):
        img = np.zeros((48, 64, 3), np.uint8)
        img[:, : (i % 64) + 1] = 200
        Image.fromarray(img).save(frames / f"{i:06d}.png")
    t = np.arange(int(seconds * sr)) / sr
    sf.write(tmp_path / "a.wav", 0.3 * np.sin(2 * np.pi * 220 * t), sr)
    return frames, tmp_path / "a.wav", n


def test_mp4_is_h264_aac_and_durations_match(tmp_path):
    frames, wav, n = make_inputs(tmp_path)
    encode_video(frames, wav, tmp_path / "v.mp4", fps=25)
    info = probe_video(tmp_path / "v.mp4")
    assert (info.video_codec, info.pix_fmt, info.audio_codec) == ("h264", "yuv420p", "aac")
    assert info.faststart
    assert info.video_seconds == pytest.approx(n / 25)
    assert abs(info.video_seconds - info.audio_seconds) <= 1 / 25


def test_gap_in_frames_is_refused_and_nothing_written(tmp_path):
    frames, wav, _ = make_inputs(tmp_path, seconds=0.4)
    (frames / "000003.png").unlink()
    with pytest.raises(PortraitTalkerError, match="without gaps"):
        encode_video(frames, wav, tmp_path / "out" / "v.mp4")
    assert not (tmp_path / "out" / "v.mp4").exists()
