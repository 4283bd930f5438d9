"""Metrics building blocks: LSE over planted offsets, MFCC, SyncNet/Inception loading, FID maths, lag search.

The metrics read from real rendered video are tested in test_metrics_video.py."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from portraittalker.errors import MissingWeightsError, PortraitTalkerError
from portraittalker.metrics import av_sync as avs
from portraittalker.metrics.fid import feature_stats, fid_between, frechet_distance, trace_sqrt_product
from portraittalker.metrics.inception import FEATURE_DIM, FidInceptionV3, load_fid_inception
from portraittalker.metrics.lse import lse_from_embeddings, offset_distance_curve
from portraittalker.metrics.media import Audio, read_frames
from portraittalker.metrics.mfcc import syncnet_mfcc
from portraittalker.metrics.syncnet import SyncNet, crop_and_resize, crop_boxes_from_landmarks, load_syncnet

FPS = 25
SR = 16000


@pytest.fixture()
def one_thread():
    """Full-size networks on a shared CPU run faster on one thread than fighting for two."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def syllable_envelope(num_frames: int, seed: int = 0) -> np.ndarray:
    """[T] in [0,1]: random on/off syllables, smoothed over 2 frames (speech-like)."""
    rng = np.random.default_rng(seed)
    env = np.repeat(rng.random(num_frames // 3 + 1) > 0.45, 3)[:num_frames].astype(float)
    return np.convolve(env, [0.25, 0.5, 0.25], mode="same")


# ---------------------------------------------------------------- LSE on embedding streams

def planted_streams(offset: int, n: int = 120, dim: int = 64, noise: float = 0.5, seed: int = 0):
    """Audio embeddings and video embeddings that show audio `offset` windows late."""
    rng = np.random.default_rng(seed)
    audio = rng.normal(size=(n + 40, dim))
    video = audio[20 - offset : 20 - offset + n] + noise * rng.normal(size=(n, dim))
    return torch.tensor(video, dtype=torch.float32), torch.tensor(audio[20 : 20 + n], dtype=torch.float32)


@pytest.mark.parametrize("offset", [-4, 0, 3, 7])
def test_lse_recovers_planted_offset(offset):
    video, audio = planted_streams(offset)
    result = lse_from_embeddings(video, audio, max_offset=15)
    assert result.offset_frames == offset
    assert len(result.distances) == 31
    assert result.lse_d == pytest.approx(min(result.distances))


def test_lse_confidence_higher_when_synchronised():
    video, audio = planted_streams(2)
    synced = lse_from_embeddings(video, audio)
    rng = np.random.default_rng(1)
    unsynced = lse_from_embeddings(torch.tensor(rng.normal(size=video.shape), dtype=torch.float32), audio)
    assert synced.lse_c > 5.0 * max(unsynced.lse_c, 1e-3)
    assert synced.lse_d < unsynced.lse_d - 1.0


def test_offset_curve_matches_direct_computation():
    video, audio = planted_streams(1, n=20, dim=8)
    curve = offset_distance_curve(video, audio, max_offset=2)
    # entry k compares video i with audio i + k - 2 (zeros outside the clip)
    padded = torch.cat([torch.zeros(2, 8), audio, torch.zeros(2, 8)])
    direct = torch.stack([torch.stack([torch.dist(video[i], padded[i + k] - 0) for i in range(20)]).mean() for k in range(5)])
    assert torch.allclose(curve, direct, atol=1e-4)


# ---------------------------------------------------------------- MFCC

def test_mfcc_rate_shape_and_energy():
    t = np.arange(SR) / SR
    wav = np.where(t < 0.5, 0.0, 0.3 * np.sin(2 * np.pi * 300 * t)).astype(np.float32)
    mfcc = syncnet_mfcc(wav, SR)
    assert mfcc.shape == (13, 99)  # 25 ms windows every 10 ms over 1 s
    assert np.isfinite(mfcc).all()
    assert mfcc[0, 70:].mean() > mfcc[0, :40].mean() + 20  # log energy: tone >> silence


def test_mfcc_matches_python_speech_features_reference():
    # Golden columns from python_speech_features 0.6: mfcc(int16 signal, 16000), frames 10 and 40.
    t = np.arange(8000) / 16000
    x16 = np.round(8000 * np.sin(2 * np.pi * 300 * t) * np.minimum(1, t / 0.2) + 2000 * np.sin(2 * np.pi * 1700 * t))
    mfcc = syncnet_mfcc(x16.astype(np.int16) / 32768.0, SR)
    assert mfcc.shape == (13, 49)
    ref10 = [19.0935, 8.4605, -15.8246, 10.3632, 30.4944, -12.3816, -55.7256, -32.8457, 2.3784, -16.5187, -41.4202,
             -17.3193, 14.0851]
    ref40 = [19.3717, 11.4438, -10.2859, 10.8454, 24.4157, -18.6411, -57.0116, -30.6041, 4.1219, -17.2756, -43.8339,
             -19.421, 13.732]
    np.testing.assert_allclose(mfcc[:, 10], ref10, atol=2e-3)
    np.testing.assert_allclose(mfcc[:, 40], ref40, atol=2e-3)


def test_face_crop_geometry_and_padding():
    nose = np.tile([[50.0, 40.0]], (20, 1))
    chin = np.tile([[50.0, 60.0]], (20, 1))
    boxes = crop_boxes_from_landmarks(nose, chin)
    # half-size 20 px around the nose, widened by 0.4 and extended downwards (reference crop)
    np.testing.assert_allclose(boxes[0], [50 - 28, 40 - 20, 50 + 28, 40 + 36])
    mouth_y = 50.0
    assert (mouth_y - boxes[0, 1]) / (boxes[0, 3] - boxes[0, 1]) > 0.5  # mouth in the lower half
    frame = np.zeros((80, 100, 3), np.uint8)
    frame[..., 0] = 200  # red
    crop = crop_and_resize(frame, np.array([-100, 0, 100, 80]), size=20)
    assert crop.shape == (3, 20, 20) and crop.dtype == torch.uint8
    assert crop[:, 10, 15].tolist() == [0, 0, 200]  # inside: BGR order
    assert crop[:, 10, 2].tolist() == [110, 110, 110]  # outside: the reference's grey padding


# ---------------------------------------------------------------- SyncNet end to end

def test_syncnet_shapes_match_reference_layout():
    net = SyncNet().eval()
    with torch.no_grad():
        assert net.forward_audio(torch.zeros(2, 1, 13, 20)).shape == (2, 1024)
        assert net.forward_video(torch.zeros(2, 3, 5, 224, 224)).shape == (2, 1024)
    # Published syncnet_v2.model keys and shapes (pooling layers take Sequential indices too).
    shapes = {k: tuple(v.shape) for k, v in net.state_dict().items()}
    assert shapes["netcnnaud.0.weight"] == (64, 1, 3, 3)
    assert shapes["netcnnaud.18.weight"] == (512, 256, 5, 4)
    assert shapes["netcnnaud.19.running_var"] == (512,)
    assert shapes["netcnnlip.0.weight"] == (96, 3, 5, 7, 7)
    assert shapes["netcnnlip.18.weight"] == (512, 256, 1, 6, 6)
    assert shapes["netfcaud.3.weight"] == shapes["netfclip.3.weight"] == (1024, 512)
    assert shapes["netfclip.1.running_mean"] == (512,)


def test_syncnet_loading_errors(tmp_path):
    with pytest.raises(MissingWeightsError):
        load_syncnet(None)
    with pytest.raises(MissingWeightsError):
        load_syncnet(tmp_path / "absent.model")
    torch.save({"something": torch.zeros(3)}, tmp_path / "wrong.model")
    with pytest.raises(PortraitTalkerError, match="not a SyncNet"):
        load_syncnet(tmp_path / "wrong.model")


# ---------------------------------------------------------------- weights-free measures

@pytest.mark.parametrize("lag", [-3, 0, 4])
def test_av_sync_recovers_mouth_lag(lag):
    env = syllable_envelope(200, seed=5)
    aperture = 10 * np.roll(env, lag)[20:180]
    level = np.where(env > 0.01, 20 * np.log10(env + 1e-3), -60)[20:180]
    result = avs.av_sync(aperture, level, max_offset=15)
    assert result.offset_frames == lag
    assert result.corr > 0.8


def test_av_sync_constant_mouth_is_undefined():
    assert avs.av_sync(np.ones(50), np.random.default_rng(0).normal(size=50)) is None


def test_energy_envelope_follows_loudness():
    samples = np.concatenate([np.zeros(SR // 5), 0.5 * np.ones(SR // 5)]).astype(np.float32)
    level = avs.energy_envelope(Audio(samples, SR), fps=25, num_frames=10)
    assert np.allclose(level[:5], -60) and np.allclose(level[5:], 20 * np.log10(0.5), atol=1e-3)


def test_read_frames_brings_references_to_the_frame_size(tmp_path):
    from PIL import Image

    wide = np.zeros((100, 200, 3), np.uint8)
    wide[:, :50] = (255, 0, 0)  # outer quarters are cropped away by the centre crop
    wide[:, 50:150] = (0, 255, 0)
    wide[:, 150:] = (0, 0, 255)
    Image.fromarray(wide).save(tmp_path / "a.png")
    Image.fromarray(np.full((30, 30, 3), 7, np.uint8)).save(tmp_path / "b.png")
    frames = read_frames(tmp_path, size=(40, 40))
    assert frames.shape == (2, 40, 40, 3)
    assert np.all(frames[0, :, 3:-3] == (0, 255, 0)) and np.all(frames[1] == 7)


# ---------------------------------------------------------------- FID

class TinyInceptionLike(nn.Module):
    """Inception-shaped in miniature: conv stem, a two-branch mixed block, global pool."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2), nn.ReLU())
        self.branch1 = nn.Conv2d(8, 6, 1)
        self.branch3 = nn.Conv2d(8, 6, 3, padding=1)

    def forward(self, x):
        x = self.stem(2 * x - 1)
        x = torch.cat([torch.relu(self.branch1(x)), torch.relu(self.branch3(x))], 1)
        return x.mean(dim=(2, 3))


def test_fid_of_set_with_itself_is_zero_and_grows_with_noise():
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    net = TinyInceptionLike().eval()
    base = rng.integers(0, 255, size=(64, 8, 8, 3)).astype(np.uint8).repeat(4, axis=1).repeat(4, axis=2)  # blocky 32x32
    fids = [fid_between(base, base, net)]
    for sigma in (5, 20, 40):
        noisy = np.clip(base + rng.normal(scale=sigma, size=base.shape), 0, 255).astype(np.uint8)
        fids.append(fid_between(base, noisy, net))
    # Random small convs give features of scale ~0.1, hence small absolute FIDs: compare ratios.
    assert fids[0] <= 1e-9 * fids[-1]
    assert fids[1] < fids[2] < fids[3]
    assert fids[3] > 10 * fids[1]


def test_frechet_distance_of_known_gaussians():
    rng = np.random.default_rng(0)
    a = feature_stats(rng.normal(size=(20000, 2)))
    b = feature_stats(rng.normal(size=(20000, 2)) * 2 + np.array([3.0, 0.0]))
    # |mu|^2 + tr(I + 4I - 2*2I) = 9 + 2
    assert frechet_distance(a, b) == pytest.approx(11.0, rel=0.03)


def test_trace_sqrt_product_matches_matrix_square_root():
    from scipy import linalg

    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(40, 12)), rng.normal(size=(40, 12)) @ rng.normal(size=(12, 12))
    a, b = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    assert trace_sqrt_product(a, b) == pytest.approx(np.trace(linalg.sqrtm(a @ b)).real, rel=1e-8)
    few = np.cov(rng.normal(size=(5, 12)), rowvar=False)  # rank 4: singular
    assert trace_sqrt_product(few, few) == pytest.approx(np.trace(few), rel=1e-6)


def test_frechet_sample_route_matches_covariance_route():
    rng = np.random.default_rng(3)
    a = feature_stats(rng.normal(size=(30, 64)))  # fewer samples than dimensions: Gram route
    b = feature_stats(rng.normal(size=(25, 64)) * 1.5 + 0.2)
    diff = a.mean - b.mean
    by_cov = diff @ diff + np.trace(a.cov) + np.trace(b.cov) - 2 * trace_sqrt_product(a.cov, b.cov)
    assert frechet_distance(a, b) == pytest.approx(by_cov, rel=1e-6)
    assert frechet_distance(a, a) == pytest.approx(0.0, abs=1e-9)


def test_inception_random_weights_load_from_path(tmp_path, one_thread):
    torch.manual_seed(0)
    path = tmp_path / "pt_inception.pth"
    torch.save(FidInceptionV3().state_dict(), path)
    net = load_fid_inception(path)
    with torch.no_grad():
        feats = net.pool_features(torch.rand(2, 3, 80, 80), resize=False)
    assert feats.shape == (2, FEATURE_DIM) and torch.isfinite(feats).all()
    with pytest.raises(MissingWeightsError):
        load_fid_inception(tmp_path / "absent.pth")
