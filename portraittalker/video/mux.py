"""Mux rendered frames and speech into an MP4 with the ffmpeg binary from imageio-ffmpeg.

No system ffmpeg is needed: the imageio-ffmpeg wheel ships a static build with libx264.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import ffmpeg
import numpy as np

from ..errors import PortraitTalkerError
from ..io import atomic_path

FRAME_PATTERN = "%06d.png"


def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def count_frames(frames_dir: Path) -> int:
    """Frames must be 000000.png, 000001.png, … without gaps (what render_frames writes)."""
    names = sorted(p.name for p in frames_dir.glob("*.png"))
    expected = [f"{i:06d}.png" for i in range(len(names))]
    if names != expected:
        raise PortraitTalkerError(f"{frames_dir}: frames must be numbered 000000.png … without gaps")
    return len(names)


def encode_video(
    frames_dir: str | Path,
    audio_wav: str | Path | None,
    out_mp4: str | Path,
    fps: float = 25.0,
    crf: int = 18,
    preset: str = "veryfast",
) -> None:
    """Encode `frames_dir/000000.png…` at `fps` with `audio_wav` into `out_mp4` (atomic).

    Frame counts come from the FLAME sequence (T = round(duration * fps)), so the two streams
    end within one frame of each other without trimming either.
    """
    frames_dir = Path(frames_dir)
    if not frames_dir.is_dir():
        raise PortraitTalkerError(f"{frames_dir}: frames folder not found (run render_frames first)")
    if count_frames(frames_dir) == 0:
        raise PortraitTalkerError(f"{frames_dir}: no PNG frames to encode")
    if audio_wav is not None and not Path(audio_wav).is_file():
        raise PortraitTalkerError(f"{audio_wav}: audio file not found")

    with atomic_path(out_mp4) as tmp:
        video = ffmpeg.input(str(frames_dir / FRAME_PATTERN), framerate=fps).video
        stream = _h264_aac(video, audio_wav, tmp, fps, crf, preset)
        try:
            stream.run(cmd=ffmpeg_exe(), capture_stdout=True, capture_stderr=True)
        except ffmpeg.Error as err:
            tail = err.stderr.decode(errors="replace").strip().splitlines()[-1:] if err.stderr else []
            raise PortraitTalkerError(f"{out_mp4}: ffmpeg failed: {' '.join(tail)}") from None


def _h264_aac(video, audio_wav: str | Path | None, out: Path, fps: float, crf: int, preset: str):
    """The one output layout of every MP4 here: H.264 yuv420p (plays everywhere), AAC 128 kb/s,
    `+faststart` so browsers can stream it."""
    video = video.filter("pad", "ceil(iw/2)*2", "ceil(ih/2)*2")  # yuv420p needs even sides
    streams = [video]
    audio_args = {}
    if audio_wav is not None:
        streams.append(ffmpeg.input(str(audio_wav)).audio)
        audio_args = {"acodec": "aac", "audio_bitrate": "128k"}
    return ffmpeg.output(
        *streams, str(out), vcodec="libx264", pix_fmt="yuv420p", crf=crf, preset=preset,
        movflags="+faststart", r=fps, **audio_args,
    ).overwrite_output()


class FrameWriter:
    """The write end of `video_pipe`: `write(frames)` sends uint8 [B,H,W,3] frames to ffmpeg."""

    def __init__(self, proc: subprocess.Popen, size_hw: tuple[int, int], out_mp4: Path, log):
        self._proc, self._size_hw, self._out, self._log = proc, size_hw, out_mp4, log
        self.frames = 0

    def write(self, frames: np.ndarray) -> None:
        frames = np.ascontiguousarray(frames, dtype=np.uint8)
        if frames.ndim == 3:
            frames = frames[None]
        if frames.shape[1:] != (*self._size_hw, 3):
            raise PortraitTalkerError(f"{self._out}: frames of shape {frames.shape[1:]} in a {self._size_hw} video")
        try:
            self._proc.stdin.write(frames.data)  # the (contiguous) array's own bytes, not a copy
        except BrokenPipeError:
            raise PortraitTalkerError(f"{self._out}: ffmpeg stopped early: {_tail(self._log)}") from None
        self.frames += frames.shape[0]


def _tail(log) -> str:
    log.seek(0)
    return " ".join(log.read().decode(errors="replace").strip().splitlines()[-1:])


@contextlib.contextmanager
def video_pipe(out_mp4: str | Path, audio_wav: str | Path | None, size_hw: tuple[int, int], fps: float,
               crf: int = 18, preset: str = "veryfast") -> Iterator[FrameWriter]:
    """Encode frames as they are rendered: raw RGB down a pipe into ffmpeg, no image files.

    `with video_pipe(out, audio, (h, w), fps) as video: video.write(frames)`. The MP4 is encoded
    as `encode_video` encodes (ffmpeg's own threads work while the caller renders the next
    frames) and appears atomically when the block ends without error.
    """
    if audio_wav is not None and not Path(audio_wav).is_file():
        raise PortraitTalkerError(f"{audio_wav}: audio file not found")
    height, width = size_hw
    # ffmpeg's messages go to a file, not to a pipe nobody reads (a full pipe stalls ffmpeg).
    with atomic_path(out_mp4) as tmp, tempfile.TemporaryFile() as log:
        video = ffmpeg.input("pipe:", format="rawvideo", pix_fmt="rgb24", s=f"{width}x{height}", framerate=fps)
        command = _h264_aac(video, audio_wav, tmp, fps, crf, preset).compile(cmd=ffmpeg_exe())
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=log)
        writer = FrameWriter(proc, (height, width), Path(out_mp4), log)
        try:
            yield writer
        finally:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass
            code = proc.wait()
        if code != 0:
            raise PortraitTalkerError(f"{out_mp4}: ffmpeg failed: {_tail(log)}")
        if writer.frames == 0:
            raise PortraitTalkerError(f"{out_mp4}: no frames to encode")


@dataclass(frozen=True)
class VideoInfo:
    video_codec: str | None
    pix_fmt: str | None
    width: int | None
    height: int | None
    fps: float | None
    video_seconds: float | None
    audio_codec: str | None
    audio_seconds: float | None
    faststart: bool


def probe_video(path: str | Path) -> VideoInfo:
    """Stream facts from ffmpeg's own report (imageio-ffmpeg ships no ffprobe)."""
    path = Path(path)
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(path), "-map", "0", "-c", "copy", "-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    log = proc.stderr
    if proc.returncode != 0:
        raise PortraitTalkerError(f"{path}: not a readable video ({log.strip().splitlines()[-1:]})")
    vmatch = re.search(r"Stream #0:\d+.*?: Video: (\w+).*?, (\w+)(?:\(.*?\))?, (\d+)x(\d+).*?, ([\d.]+) fps", log)
    amatch = re.search(r"Stream #0:\d+.*?: Audio: (\w+)", log)
    fps = float(vmatch.group(5)) if vmatch else None
    video_seconds = _count_frames(path) / fps if vmatch else None
    audio_seconds = _audio_seconds(path) if amatch else None
    with open(path, "rb") as f:
        head = f.read(1 << 16)
    moov, mdat = head.find(b"moov"), head.find(b"mdat")
    return VideoInfo(
        video_codec=vmatch.group(1) if vmatch else None,
        pix_fmt=vmatch.group(2) if vmatch else None,
        width=int(vmatch.group(3)) if vmatch else None,
        height=int(vmatch.group(4)) if vmatch else None,
        fps=fps,
        video_seconds=video_seconds,
        audio_codec=amatch.group(1) if amatch else None,
        audio_seconds=audio_seconds,
        faststart=moov != -1 and (mdat == -1 or moov < mdat),
    )


def _count_frames(path: Path) -> int:
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(path), "-map", "0:v:0", "-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    counts = re.findall(r"frame=\s*(\d+)", proc.stderr)
    if not counts:
        raise PortraitTalkerError(f"{path}: cannot count the video frames")
    return int(counts[-1])


def _audio_seconds(path: Path) -> float:
    """Decoded audio length: samples / rate, read from ffmpeg's decoded-size report."""
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(path), "-map", "0:a:0", "-ac", "1", "-ar", "16000",
         "-f", "s16le", "-"],
        capture_output=True,
    )
    if proc.returncode != 0:
        raise PortraitTalkerError(f"{path}: cannot decode the audio stream")
    return len(proc.stdout) / 2 / 16000
