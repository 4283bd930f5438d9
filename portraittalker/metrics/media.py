"""Reading the evaluation inputs: MP4 frames and audio track, WAV audio, image folders, render records.

Everything returns plain numpy arrays; images are uint8 RGB [H,W,3].
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np
import soundfile as sf
from PIL import Image

from ..errors import PortraitTalkerError

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


@dataclass(frozen=True)
class Audio:
    """Mono audio: `samples` [N] float32 in [-1, 1] at `sample_rate_hz`."""

    samples: np.ndarray
    sample_rate_hz: int

    @property
    def duration_seconds(self) -> float:
        return len(self.samples) / self.sample_rate_hz


def read_audio(path: str | Path, sample_rate_hz: int = 16000) -> Audio:
    """Read a WAV as mono float32, resampled to `sample_rate_hz` if it differs."""
    path = Path(path)
    if not path.is_file():
        raise PortraitTalkerError(f"{path}: audio file not found (run prepare_audio first)")
    try:
        samples, rate = sf.read(str(path), dtype="float32", always_2d=True)
    except Exception as err:  # soundfile raises its own LibsndfileError and RuntimeError
        raise PortraitTalkerError(f"{path}: not a readable audio file ({err})") from err
    samples = samples.mean(axis=1)
    if rate != sample_rate_hz:
        import librosa  # heavy import, only needed for foreign sample rates

        samples = librosa.resample(samples, orig_sr=rate, target_sr=sample_rate_hz).astype(np.float32)
    return Audio(samples, sample_rate_hz)


def read_video_audio(path: str | Path, sample_rate_hz: int = 16000) -> Audio | None:
    """The audio track of a video, decoded to mono float32 at `sample_rate_hz`; None when the
    file has no audio stream (a muxing fault the metrics report)."""
    import subprocess

    from ..video.mux import ffmpeg_exe

    path = Path(path)
    if not path.is_file():
        raise PortraitTalkerError(f"{path}: video not found (run encode_video first)")
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path), "-map", "0:a:0?", "-ac", "1",
         # Pad or trim to the container clock, so audio that starts late (a mux shift) stays late.
         "-af", "aresample=async=1:first_pts=0",
         "-ar", str(sample_rate_hz), "-f", "f32le", "-"],
        capture_output=True,
    )
    log = proc.stderr.decode(errors="replace")
    if "does not contain any stream" in log:  # "0:a:0?" matched nothing: no audio track
        return None
    if proc.returncode != 0:
        tail = log.strip().splitlines()[-1:]
        raise PortraitTalkerError(f"{path}: cannot decode the audio track ({' '.join(tail)})")
    return Audio(np.frombuffer(proc.stdout, np.float32).copy(), sample_rate_hz)


def _start_decoder(path: str | Path):
    """(imageio-ffmpeg frame generator, its metadata dict) for an existing video."""
    import imageio_ffmpeg

    path = Path(path)
    if not path.is_file():
        raise PortraitTalkerError(f"{path}: video not found (run encode_video first)")
    try:
        reader = imageio_ffmpeg.read_frames(str(path), pix_fmt="rgb24")
        meta = next(reader)
    except (RuntimeError, OSError, StopIteration) as err:
        raise PortraitTalkerError(f"{path}: cannot decode video ({err})".replace("\n", " ")) from err
    return reader, meta


def _frame_estimate(meta: dict) -> int:
    return int(round(float(meta.get("duration") or 0.0) * float(meta["fps"])))


def video_info(path: str | Path) -> tuple[float, int]:
    """(fps, frame count estimated from the container duration) without decoding frames."""
    reader, meta = _start_decoder(path)
    reader.close()  # stops ffmpeg
    return float(meta["fps"]), _frame_estimate(meta)


def open_video(path: str | Path) -> tuple[float, int, Iterator[np.ndarray]]:
    """Start decoding a video: (fps, estimated frame count, iterator of [H,W,3] uint8 RGB frames).

    Frames are streamed so long clips never sit in memory at full resolution.
    """
    reader, meta = _start_decoder(path)
    width, height = meta["size"]

    def frames() -> Iterator[np.ndarray]:
        try:
            for buf in reader:
                yield np.frombuffer(buf, np.uint8).reshape(height, width, 3)
        finally:
            reader.close()  # terminates ffmpeg when the caller stops early

    return float(meta["fps"]), _frame_estimate(meta), frames()


def list_frame_files(folder: str | Path) -> list[Path]:
    """Image files of a frame folder in name order (000000.png, 000001.png, ...)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PortraitTalkerError(f"{folder}: frame folder not found")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    if not files:
        raise PortraitTalkerError(f"{folder}: no PNG/JPEG frames in the folder")
    return files


def read_image(path: Path, size: tuple[int, int] | None = None) -> np.ndarray:
    """[H,W,3] uint8 RGB; with `size` (H,W), centre-cropped to that aspect and resized."""
    with Image.open(path) as im:
        im = im.convert("RGB")
        if size is not None and im.size != (size[1], size[0]):
            im = _fit(im, size)
        return np.asarray(im)


def _fit(im: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Centre crop to the aspect of `size` (H,W), then resize with a high-quality filter."""
    h, w = size
    src_w, src_h = im.size
    scale = min(src_w / w, src_h / h)
    crop_w, crop_h = round(w * scale), round(h * scale)
    left, top = (src_w - crop_w) // 2, (src_h - crop_h) // 2
    return im.crop((left, top, left + crop_w, top + crop_h)).resize((w, h), Image.BICUBIC)


def read_frames(folder: str | Path, max_frames: int | None = None, size: tuple[int, int] | None = None) -> np.ndarray:
    """Frames of a folder as [T,H,W,3] uint8; `max_frames` picks evenly spaced ones.

    With `size` (H,W) every image is brought to that size (centre crop + resize), so a
    reference set of any photo sizes compares with rendered frames at the same size.
    """
    files = list_frame_files(folder)
    if max_frames is not None and len(files) > max_frames:
        files = [files[i] for i in np.linspace(0, len(files) - 1, max_frames).round().astype(int)]
    frames = [read_image(f, size) for f in files]
    if len({f.shape for f in frames}) != 1:
        raise PortraitTalkerError(f"{folder}: frames differ in size; render them at one size")
    return np.stack(frames)


def read_film_grain(path: str | Path) -> float | None:
    """The film grain strength render_frames recorded in its landmarks.npz (None: not recorded)."""
    path = Path(path)
    if not path.is_file():
        raise PortraitTalkerError(f"{path}: render record not found (render_frames writes landmarks.npz)")
    try:
        with np.load(path, allow_pickle=False) as data:
            return float(data["film_grain"]) if "film_grain" in data.files else None
    except Exception as err:  # damaged archive
        raise PortraitTalkerError(f"{path}: not a readable landmarks .npz ({err})") from err
