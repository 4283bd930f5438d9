"""Metrics: LSE over planted offsets, SyncNet/Inception loading, FID, weights-free measures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import torch
from torch import nn

from portraittalker.errors import MissingWeightsError, PortraitTalkerError
from portraittalker.metrics import av_sync as avs
from portraittalker.metrics.evaluate import EvaluationSettings, evaluate_video
from portraittalker.metrics.fid import feature_stats, fid_between, frechet_distance, trace_sqrt_product
from portraittalker.metrics.inception import FEATURE_DIM, FidInceptionV3, load_fid_inception
from portraittalker.metrics.lse import lse_from_embeddings, offset_distance_curve
from portraittalker.metrics.media import Audio, read_frames, read_landmarks
from portraittalker.metrics.mfcc import syncnet_mfcc
from portraittalker.metrics.syncnet import SyncNet, crop_and_resize, crop_boxes_from_landmarks, load_syncnet
from portraittalker.metrics.temporal import flicker, landmark_jitter

ROOT = Path(__file__).resolve().parent.parent
FPS = 25
SR = 16000
LANDMARK_NAMES = ("mouth_corner_left", "mouth_corner_right", "lip_inner_top", "lip_inner_bottom",
                  "lip_outer_top", "lip_outer_bottom", "nose_tip", "chin")


@pytest.fixture()
def one_thread():
    """Full-size networks on a shared CPU run faster on one thread than fighting for two."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


# ---------------------------------------------------------------- synthetic talking clip

def syllable_envelope(num_frames: int, seed: int = 0) -> np.ndarray:
    """[T] in [0,1]: random on/off syllables, smoothed over 2 frames (speech-like)."""
    rng = np.random.default_rng(seed)
    env = np.repeat(rng.random(num_frames // 3 + 1) > 0.45, 3)[:num_frames].astype(float)
    return np.convolve(env, [0.25, 0.5, 0.25], mode="same")


def make_clip(folder: Path, num_frames: int = 30, size: int = 96, mouth_lag: int = 0, seed: int = 0) -> dict[str, Path]:
    """A face disc whose dark mouth ellipse opens with a 220 Hz tone's loudness.

    `mouth_lag` > 0 delays the mouth by that many frames relative to the sound.
    Writes frames/*.png, landmarks.npz, audio.wav and video.mp4 (25 fps, via imageio-ffmpeg).
    """
    import imageio_ffmpeg
    from PIL import Image, ImageDraw

    env = syllable_envelope(num_frames + abs(mouth_lag), seed)
    # mouth_env[t] = audio_env[t - mouth_lag]
    lead, lag = max(0, -mouth_lag), max(0, mouth_lag)
    audio_env, mouth_env = env[lag : lag + num_frames], env[lead : lead + num_frames]

    t = np.arange(num_frames * SR // FPS) / SR
    gain = np.repeat(audio_env, SR // FPS)
    wav = (0.5 * gain * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    sf.write(folder / "audio.wav", wav, SR)

    frames_dir = folder / "frames"
    frames_dir.mkdir()
    cx, cy, half_w = size / 2, size * 0.7, size * 0.12
    points = np.zeros((num_frames, len(LANDMARK_NAMES), 2))
    writer = imageio_ffmpeg.write_frames(str(folder / "video.mp4"), (size, size), fps=FPS, quality=9,
                                         macro_block_size=1, pix_fmt_out="yuv420p")
    writer.send(None)
    for i in range(num_frames):
        aperture = 1.0 + 0.12 * size * mouth_env[i]
        image = Image.new("RGB", (size, size), (40, 60, 90))
        draw = ImageDraw.Draw(image)
        draw.ellipse([size * 0.2, size * 0.15, size * 0.8, size * 0.95], fill=(220, 180, 150))
        draw.ellipse([cx - half_w, cy - aperture / 2, cx + half_w, cy + aperture / 2], fill=(60, 20, 20))
        image.save(frames_dir / f"{i:06d}.png")
        writer.send(np.asarray(image).tobytes())
        points[i] = [(cx - half_w, cy), (cx + half_w, cy), (cx, cy - aperture / 2), (cx, cy + aperture / 2),
                     (cx, cy - aperture / 2 - 2), (cx, cy + aperture / 2 + 2), (cx, size * 0.5), (cx, size * 0.93)]
    writer.close()
    np.savez(folder / "landmarks.npz", points=points.astype(np.float32), names=np.array(LANDMARK_NAMES), size=np.array([size, size]))
    return {"video": folder / "video.mp4", "audio": folder / "audio.wav", "landmarks": folder / "landmarks.npz",
            "frames": frames_dir}


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


def test_evaluate_with_random_syncnet_end_to_end(tmp_path, one_thread):
    torch.manual_seed(0)
    clip = make_clip(tmp_path, num_frames=20)
    weights = tmp_path / "syncnet_v2.model"
    torch.save(SyncNet().state_dict(), weights)
    out = evaluate_video(clip["video"], clip["audio"], clip["landmarks"], clip["frames"],
                         EvaluationSettings(syncnet_weights=weights, progress=False))
    m = out["metrics"]
    assert m["lse_c"]["reason"] is None and m["lse_d"]["reason"] is None
    assert np.isfinite(m["lse_d"]["value"]) and m["lse_d"]["value"] > 0
    assert m["lse_c"]["value"] >= 0
    assert -15 <= m["syncnet_offset_frames"]["value"] <= 15
    assert m["lse_c"]["windows"] == 20 - 5
    assert len(m["lse_d"]["distances_by_offset"]) == 31
    assert out["video"]["fps"] == pytest.approx(25)


# ---------------------------------------------------------------- weights-free measures and the CLI

def test_evaluate_cli_without_weights_reports_reasons(tmp_path):
    clip = make_clip(tmp_path, num_frames=40, mouth_lag=2, seed=3)
    out = tmp_path / "metrics" / "a" / "c.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "steps" / "evaluate.py"), "--video", str(clip["video"]), "--audio", str(clip["audio"]),
         "--landmarks", str(clip["landmarks"]), "--frames", str(clip["frames"]), "--out", str(out),
         "--syncnet-weights", str(tmp_path / "missing.model")],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    m = json.loads(out.read_text())["metrics"]
    for name in ("lse_c", "lse_d", "fid"):
        assert m[name]["value"] is None and m[name]["reason"]
    assert "missing.model" in m["lse_c"]["reason"]
    assert m["av_offset_frames"]["value"] == 2
    assert m["av_corr"]["value"] > 0.8
    assert m["av_corr"]["value"] > m["av_corr_at_zero"]["value"]
    assert m["flicker"]["value"] < 1.0  # the synthetic background is static (bar codec noise: PNGs are exact)
    assert m["landmark_jitter_px"]["value"] > 0


def test_evaluate_cli_bad_input_is_one_line_error(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "steps" / "evaluate.py"), "--video", "v.mp4", "--audio", "a.wav",
         "--landmarks", str(tmp_path / "none.npz"), "--frames", str(tmp_path), "--out", str(tmp_path / "m.json")],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "none.npz" in proc.stderr


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


def test_jitter_grows_with_tremble():
    t = np.linspace(0, 2 * np.pi, 60)
    smooth = np.stack([np.stack([100 + 10 * np.sin(t + k), 100 + 10 * np.cos(t + k)], axis=1) for k in range(5)], axis=1)
    shaky = smooth + np.random.default_rng(0).normal(scale=1.0, size=smooth.shape)
    step = t[1] - t[0]  # uniform circular motion: |second difference| = 2 r (1 - cos step)
    assert landmark_jitter(smooth) == pytest.approx(2 * 10 * (1 - np.cos(step)), rel=1e-6)
    assert landmark_jitter(shaky) > 1.0


def test_flicker_zero_for_static_background_and_grows_with_noise():
    rng = np.random.default_rng(0)
    static = np.full((6, 64, 64, 3), 120, np.uint8)
    static[:, 24:40, 24:40] = rng.integers(0, 255, size=(6, 16, 16, 3))  # a moving centre does not count
    assert flicker(static) == 0.0
    noisy = np.clip(static + rng.normal(scale=8, size=static.shape), 0, 255).astype(np.uint8)
    assert flicker(noisy) > 3.0


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


def test_read_landmarks(tmp_path):
    clip = make_clip(tmp_path, num_frames=6)
    track = read_landmarks(clip["landmarks"])
    assert track.points.shape == (6, len(LANDMARK_NAMES), 2) and track.size == (96, 96)
    assert track.has("nose_tip", "chin") and not track.has("ear")


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


@pytest.mark.slow
def test_evaluate_fid_with_random_inception(tmp_path, one_thread):
    torch.manual_seed(0)
    clip = make_clip(tmp_path, num_frames=4)
    weights = tmp_path / "pt_inception.pth"
    torch.save(FidInceptionV3().state_dict(), weights)
    settings = EvaluationSettings(inception_weights=weights, fid_reference=clip["frames"], fid_max_frames=3,
                                  fid_cache_dir=tmp_path / "cache", progress=False)
    fid = evaluate_video(clip["video"], clip["audio"], clip["landmarks"], clip["frames"], settings)["metrics"]["fid"]
    assert fid["reason"] is None and fid["frames"] == 3
    assert fid["value"] == pytest.approx(0.0, abs=1e-3)  # the reference is the rendered set itself
    cached = list((tmp_path / "cache").glob("fid_reference_*.npz"))
    assert len(cached) == 1
    # A second video reuses the cached reference statistics (same value, no recomputation).
    again = evaluate_video(clip["video"], clip["audio"], clip["landmarks"], clip["frames"], settings)["metrics"]["fid"]
    assert again["value"] == pytest.approx(fid["value"], abs=1e-9)
    assert list((tmp_path / "cache").glob("fid_reference_*.npz")) == cached
    # A reference set of another size is resized to the frame size, not refused.
    from PIL import Image

    big = tmp_path / "big_reference"
    big.mkdir()
    for i, f in enumerate(sorted(clip["frames"].iterdir())):
        Image.open(f).resize((150, 150)).save(big / f"{i}.png")
    settings = EvaluationSettings(inception_weights=weights, fid_reference=big, fid_max_frames=3, progress=False)
    other = evaluate_video(clip["video"], clip["audio"], clip["landmarks"], clip["frames"], settings)["metrics"]["fid"]
    assert other["reason"] is None and other["frame_size"] == [96, 96]
    assert 0 <= other["value"] < 1.0  # same content after the round trip through 150 px
