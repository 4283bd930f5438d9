"""SyncNet v2 (Chung & Zisserman 2016), the network of the standard LSE-C / LSE-D evaluation.

The layer layout follows the published `syncnet_v2.model` state dict (`netcnnaud.*`,
`netfcaud.*`, `netcnnlip.*`, `netfclip.*`), so that file loads unchanged. Inputs are as the
reference evaluation feeds them:
  audio: MFCC windows [B,1,13,20] (0.2 s = 5 video frames at 100 Hz),
  video: 5 consecutive 224x224 face crops [B,3,5,224,224], BGR channel order, 0..255 floats.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch import nn

from ..errors import PortraitTalkerError
from .weights import load_exactly, read_state_dict

CROP_SIZE = 224
FRAMES_PER_WINDOW = 5
MFCC_PER_FRAME = 4  # 100 Hz MFCC / 25 fps video
MFCC_PER_WINDOW = 20


def _conv2d_bn(cin: int, cout: int, kernel, padding=0) -> list[nn.Module]:
    return [nn.Conv2d(cin, cout, kernel, stride=1, padding=padding), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


def _conv3d_bn(cin: int, cout: int, kernel, stride=1, padding=0) -> list[nn.Module]:
    return [nn.Conv3d(cin, cout, kernel, stride=stride, padding=padding), nn.BatchNorm3d(cout), nn.ReLU(inplace=True)]


def _head(embedding_dim: int) -> nn.Sequential:
    return nn.Sequential(nn.Linear(512, 512), nn.BatchNorm1d(512), nn.ReLU(), nn.Linear(512, embedding_dim))


class SyncNet(nn.Module):
    """Two-stream audio / lip embedding network; both streams map to `embedding_dim` vectors."""

    def __init__(self, embedding_dim: int = 1024):
        super().__init__()
        # Sequential indices must match the published weights, pooling layers included.
        self.netcnnaud = nn.Sequential(
            *_conv2d_bn(1, 64, 3, padding=1),
            nn.MaxPool2d(kernel_size=1, stride=1),
            *_conv2d_bn(64, 192, 3, padding=1),
            nn.MaxPool2d(kernel_size=3, stride=(1, 2)),
            *_conv2d_bn(192, 384, 3, padding=1),
            *_conv2d_bn(384, 256, 3, padding=1),
            *_conv2d_bn(256, 256, 3, padding=1),
            nn.MaxPool2d(kernel_size=3, stride=2),
            *_conv2d_bn(256, 512, (5, 4)),
        )
        self.netfcaud = _head(embedding_dim)
        self.netfclip = _head(embedding_dim)
        self.netcnnlip = nn.Sequential(
            *_conv3d_bn(3, 96, (5, 7, 7), stride=(1, 2, 2)),
            nn.MaxPool3d(kernel_size=(1, 3, 3), stride=(1, 2, 2)),
            *_conv3d_bn(96, 256, (1, 5, 5), stride=(1, 2, 2), padding=(0, 1, 1)),
            nn.MaxPool3d(kernel_size=(1, 3, 3), stride=(1, 2, 2), padding=(0, 1, 1)),
            *_conv3d_bn(256, 256, (1, 3, 3), padding=(0, 1, 1)),
            *_conv3d_bn(256, 256, (1, 3, 3), padding=(0, 1, 1)),
            *_conv3d_bn(256, 256, (1, 3, 3), padding=(0, 1, 1)),
            nn.MaxPool3d(kernel_size=(1, 3, 3), stride=(1, 2, 2)),
            *_conv3d_bn(256, 512, (1, 6, 6)),
        )

    def forward_audio(self, mfcc_windows: torch.Tensor) -> torch.Tensor:
        """[B,1,13,20] MFCC windows -> [B,D] embeddings."""
        return self.netfcaud(self.netcnnaud(mfcc_windows).flatten(1))

    def forward_video(self, crops: torch.Tensor) -> torch.Tensor:
        """[B,3,5,224,224] BGR 0..255 crops -> [B,D] embeddings."""
        return self.netfclip(self.netcnnlip(crops).flatten(1))


def load_syncnet(path: str | Path | None, device: str | torch.device = "cpu") -> SyncNet:
    """SyncNet with weights from a local `syncnet_v2.model` state dict (never downloaded)."""
    state = read_state_dict(path, what="SyncNet", config_key="evaluation.syncnet_weights", file_hint="syncnet_v2.model")
    embedding_dim = state.get("netfcaud.3.weight", torch.empty(1024, 512)).shape[0]
    return load_exactly(SyncNet(embedding_dim), state, path, "SyncNet v2").to(device)


def crop_boxes_from_landmarks(
    nose_tip: np.ndarray, chin: np.ndarray, crop_scale: float = 0.4, smooth_frames: int = 13
) -> np.ndarray:
    """Square face crops [T,4] (x0, y0, x1, y1) in pixels, laid out as the reference pipeline.

    The reference crops a detected face box of half-size `bs` around its centre, widened by
    `crop_scale` and extended downwards, so the mouth sits in the lower half of the crop.
    Here the face centre is the nose tip and `bs` the nose-to-chin distance (a face detector's
    box spans about brows to chin, centred near the nose); a running median over
    `smooth_frames` steadies it, as the reference median-filters its detections.
    """
    from scipy.ndimage import median_filter

    centre = nose_tip
    half = np.linalg.norm(chin - nose_tip, axis=1)
    if smooth_frames > 1 and len(half) >= smooth_frames:
        centre = median_filter(centre, size=(smooth_frames, 1), mode="nearest")
        half = median_filter(half, size=smooth_frames, mode="nearest")
    half = np.maximum(half, 4.0)
    x0 = centre[:, 0] - half * (1 + crop_scale)
    x1 = centre[:, 0] + half * (1 + crop_scale)
    y0 = centre[:, 1] - half
    y1 = centre[:, 1] + half * (1 + 2 * crop_scale)
    return np.stack([x0, y0, x1, y1], axis=1)


def crop_and_resize(frame: np.ndarray, box: np.ndarray, size: int = CROP_SIZE, pad_value: float = 110.0) -> torch.Tensor:
    """Crop a frame [H,W,3] uint8 to box (x0, y0, x1, y1) -> [3,size,size] uint8 BGR.

    Outside the frame the crop is `pad_value` grey, as the reference pads before cropping.
    """
    import torch.nn.functional as F

    h, w, _ = frame.shape
    x0, y0, x1, y1 = (float(v) for v in box)
    # Sample at output pixel centres, in grid_sample's normalised coordinates.
    step_x, step_y = (x1 - x0) / size, (y1 - y0) / size
    xs = (x0 + (torch.arange(size) + 0.5) * step_x) / w * 2 - 1
    ys = (y0 + (torch.arange(size) + 0.5) * step_y) / h * 2 - 1
    gy, gx = torch.meshgrid(ys, xs, indexing="ij")
    grid = torch.stack([gx, gy], dim=-1)[None].float()
    image = torch.from_numpy(np.array(frame)).permute(2, 0, 1)[None].float() - pad_value
    crop = F.grid_sample(image, grid, mode="bilinear", padding_mode="zeros", align_corners=False)[0] + pad_value
    # OpenCV's BGR order, which SyncNet was trained on.
    return crop.flip(0).round().clamp(0, 255).to(torch.uint8)


@torch.no_grad()
def syncnet_embeddings(
    net: SyncNet, crops: torch.Tensor, mfcc: np.ndarray, batch_size: int = 20, progress: bool = False
) -> tuple[torch.Tensor, torch.Tensor]:
    """Video and audio embeddings [N,D] for every 5-frame window the clip fully covers.

    crops: [T,3,224,224] uint8 BGR per-frame face crops at 25 fps; mfcc: [13,M] at 100 Hz.
    """
    # As the reference: one window per start frame with 5 frames ahead; the caller trims the
    # crops to the audio length (samples // 640), and MFCC windows must fit inside the MFCCs.
    num_windows = min(crops.shape[0] - FRAMES_PER_WINDOW, (mfcc.shape[1] - MFCC_PER_WINDOW) // MFCC_PER_FRAME + 1)
    if num_windows < 1:
        raise PortraitTalkerError(
            f"clip too short for SyncNet: {crops.shape[0]} frames, need at least {FRAMES_PER_WINDOW + 1}"
        )
    device = next(net.parameters()).device
    mfcc_t = torch.from_numpy(np.ascontiguousarray(mfcc)).float()
    video, audio = [], []
    starts = range(0, num_windows, batch_size)
    if progress:
        from tqdm import tqdm

        starts = tqdm(starts, desc="SyncNet", unit="batch")
    for start in starts:
        idx = range(start, min(num_windows, start + batch_size))
        clips = torch.stack([crops[i : i + FRAMES_PER_WINDOW].transpose(0, 1) for i in idx]).float()  # [B,3,5,H,W]
        windows = torch.stack(
            [mfcc_t[:, i * MFCC_PER_FRAME : i * MFCC_PER_FRAME + MFCC_PER_WINDOW] for i in idx]
        )[:, None]
        video.append(net.forward_video(clips.to(device)).cpu())
        audio.append(net.forward_audio(windows.to(device)).cpu())
    return torch.cat(video), torch.cat(audio)
