"""Frames piped straight into ffmpeg: the MP4 equals what encode_video makes from PNGs, and the
render step can write the video without any image files."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf
from PIL import Image

from portraittalker.errors import PortraitTalkerError
from portraittalker.metrics.media import open_video
from portraittalker.video import encode_video, probe_video, video_pipe
from test_render_steps import assets, run_step  # noqa: F401  (module fixture: a posable head, avatar, clip)


def frames(count: int = 20, size: int = 64) -> np.ndarray:
    out = np.zeros((count, size, size, 3), np.uint8)
    for i in range(count):
        out[i, :, :, 0] = 40 + 8 * i
        out[i, size // 4:size // 2, (2 * i) % size:] = 255
    return out


def test_piped_video_matches_the_png_route(tmp_path):
    wav = tmp_path / "a.wav"
    sf.write(wav, np.sin(np.linspace(0, 400, 12800)).astype(np.float32) * 0.2, 16000)  # 0.8 s
    images = frames()
    with video_pipe(tmp_path / "piped.mp4", wav, (64, 64), 25.0) as video:
        video.write(images[:7])
        video.write(images[7:])
    (tmp_path / "png").mkdir()
    for i, image in enumerate(images):
        Image.fromarray(image).save(tmp_path / "png" / f"{i:06d}.png")
    encode_video(tmp_path / "png", wav, tmp_path / "png.mp4", fps=25.0)
    piped, ref = probe_video(tmp_path / "piped.mp4"), probe_video(tmp_path / "png.mp4")
    assert piped == ref and piped.video_codec == "h264" and piped.faststart and abs(piped.video_seconds - 0.8) < 1e-6
    _, _, a = open_video(tmp_path / "piped.mp4")
    _, _, b = open_video(tmp_path / "png.mp4")
    assert all(np.array_equal(x, y) for x, y in zip(a, b))  # same pixels: the same encoder settings


def test_video_pipe_failures_leave_no_file(tmp_path):
    out = tmp_path / "v.mp4"
    with pytest.raises(PortraitTalkerError, match="frames of shape"):
        with video_pipe(out, None, (64, 64), 25.0) as video:
            video.write(frames(2, 32))
    with pytest.raises(PortraitTalkerError, match="no frames"):
        with video_pipe(out, None, (64, 64), 25.0):
            pass
    with pytest.raises(PortraitTalkerError, match="audio file not found"):
        with video_pipe(out, tmp_path / "missing.wav", (64, 64), 25.0):
            pass
    assert list(tmp_path.iterdir()) == []


def test_render_frames_step_writes_the_video_without_png(assets, tmp_path):  # noqa: F811
    wav = tmp_path / "a.wav"
    sf.write(wav, np.zeros(3200, np.float32), 16000)  # 0.2 s: the 5-frame clip at 25 fps
    out = tmp_path / "v" / "clip.mp4"
    proc = run_step("render_frames.py", "--avatar", assets["avatar"], "--flame", assets["flame"], "--video", out,
                    "--audio", wav, "--size", 96, "--preset", "veryfast", "--threads", 1)
    assert proc.returncode == 0, proc.stderr[-2000:]
    info = probe_video(out)
    assert (info.width, info.height) == (96, 96) and abs(info.video_seconds - 0.2) < 1e-6 and info.audio_codec == "aac"
    assert sorted(p.name for p in out.parent.iterdir()) == ["clip.landmarks.npz", "clip.mp4"]
    refused = run_step("render_frames.py", "--avatar", assets["avatar"], "--flame", assets["flame"])
    assert refused.returncode == 2 and "--video" in refused.stderr
