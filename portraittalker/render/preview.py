"""An avatar's neutral front preview and a turntable video (silent H.264 yuv420p)."""

from __future__ import annotations

import os

import numpy as np
import torch

from ..errors import PortraitTalkerError
from ..io import atomic_path
from .camera import turntable_cameras
from .baked import BakedAppearance
from .renderer import AppearanceFn, HeadRenderer
from .renderer import to_uint8
from .sequence_output import write_png


def neutral_verts(layer: torch.nn.Module, batch: int = 1, expression: str = "neutral") -> torch.Tensor:
    """The head at rest (no pose; the resting `expression` of expression.py, none by default)
    from a FlameLayer: [batch,V,3]."""
    from ..expression import resting_weights

    zeros = lambda width: torch.zeros(batch, width)  # noqa: E731
    arkit = torch.from_numpy(resting_weights(expression)).expand(batch, -1)
    with torch.no_grad():
        return layer(layer.expression_from_arkit(arkit), zeros(3), zeros(3), zeros(3), zeros(6))


def render_preview_image(renderer: HeadRenderer, verts: torch.Tensor, appearance_fn: AppearanceFn | BakedAppearance,
                         scene, path) -> None:
    with torch.no_grad():
        image = to_uint8(renderer.render(verts[:1].to(renderer.device), appearance_fn, scene))[0]
    with atomic_path(path) as tmp:
        write_png(image, tmp)


def encode_silent_mp4(frames: np.ndarray, path: str | os.PathLike, fps: float) -> None:
    """frames [T,H,W,3] uint8 -> H.264 yuv420p MP4 without audio, written atomically."""
    try:
        import imageio_ffmpeg
    except ImportError as err:
        raise PortraitTalkerError("encoding a turntable needs imageio-ffmpeg (pip install imageio-ffmpeg)") from err
    height, width = frames.shape[1:3]
    with atomic_path(path) as tmp:
        writer = imageio_ffmpeg.write_frames(
            str(tmp), (width, height), fps=fps, codec="libx264", pix_fmt_out="yuv420p", quality=None,
            macro_block_size=2, ffmpeg_log_level="error",
            output_params=["-crf", "18", "-preset", "medium", "-movflags", "+faststart", "-an"],
        )
        writer.send(None)
        for frame in frames:
            writer.send(np.ascontiguousarray(frame))
        writer.close()


def render_turntable(
    renderer: HeadRenderer,
    verts: torch.Tensor,
    appearance_fn: AppearanceFn | BakedAppearance,
    scene,
    path: str | os.PathLike,
    num_frames: int = 48,
    fps: float = 24.0,
    batch_size: int = 8,
) -> None:
    """One full orbit of the neutral head (verts [1,V,3]) in `num_frames` frames."""
    cameras = turntable_cameras(renderer.orbit, num_frames, (renderer.size, renderer.size))
    frames = []
    with torch.no_grad():
        for start in range(0, num_frames, batch_size):
            cams = cameras.index(slice(start, start + batch_size))
            batch = verts[:1].to(renderer.device).expand(cams.batch_size, -1, -1)
            ids = torch.arange(start, start + cams.batch_size)
            if isinstance(appearance_fn, BakedAppearance):
                frames.append(renderer.render_frames(batch, appearance_fn, scene, camera=cams, frame_ids=ids))
            else:
                frames.append(to_uint8(renderer.render(batch, appearance_fn, scene, camera=cams, frame_ids=ids)))
    encode_silent_mp4(np.concatenate(frames), path, fps)
