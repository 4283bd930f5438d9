"""Metrics read from a real rendered video (tests/data/talking_face, our own render, 3 s at
256 px): the landmarker on decoded frames, delivery faults caught (audio shifted, audio
missing), jitter and flicker responding to what they measure, FID per batch, the CLIs."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from scipy import ndimage

from portraittalker.errors import PortraitTalkerError
from portraittalker.metrics.evaluate import EvaluationSettings, evaluate_video
from portraittalker.metrics.jaw_follow import check_jaw_follow
from portraittalker.metrics.landmarker import FaceLandmarker, track_faces
from portraittalker.metrics.temporal import FaceFlicker, face_region_mask, residual_shift
from portraittalker.metrics.media import open_video, read_video_audio
from portraittalker.metrics.phones import PHONE_OPENNESS, openness_track, recognise_phones
from portraittalker.metrics.syncnet import SyncNet
from portraittalker.video.mux import encode_video, ffmpeg_exe

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "talking_face"
VIDEO, AUDIO, FLAME = FIXTURE / "video.mp4", FIXTURE / "audio.wav", FIXTURE / "flame.npz"
FPS = 25
SETTINGS = EvaluationSettings(progress=False)


@pytest.fixture(scope="module")
def frames() -> np.ndarray:
    _, _, it = open_video(VIDEO)
    return np.stack(list(it))


@pytest.fixture(scope="module")
def clean() -> dict:
    return evaluate_video(VIDEO, AUDIO, SETTINGS, film_grain=0.0)


def ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-y", "-loglevel", "error", *args], check=True)


def reencode(frames: np.ndarray, folder: Path, audio: Path | None = AUDIO) -> Path:
    """Frames -> MP4 through the project's own muxer (as encode_video does in the pipeline)."""
    pngs = folder / "frames"
    pngs.mkdir()
    for i, frame in enumerate(frames):
        Image.fromarray(frame).save(pngs / f"{i:06d}.png")
    out = folder / "video.mp4"
    encode_video(pngs, audio, out, fps=FPS, crf=18)
    return out


# ---------------------------------------------------------------- the landmarker on decoded frames

def test_landmarker_finds_the_rendered_face_and_its_mouth_follows_the_jaw():
    check = check_jaw_follow(VIDEO, FLAME)
    assert check.frames == 75
    assert check.face_frames == 75 and check.detector_frames == 75
    assert check.jaw_r is not None and check.jaw_r > 0.8
    assert check.jaw_source == "jaw_pose[:, 0]"


def test_landmarker_finds_no_face_in_a_blank_frame(frames):
    landmarker = FaceLandmarker()
    assert landmarker.detect(np.full((256, 256, 3), 90, np.uint8)) is None
    points, _, detected = landmarker(np.full((256, 256, 3), 90, np.uint8))
    assert points is None and not detected
    det = landmarker.detect(frames[0])
    assert det is not None and det.score > 0.5
    x0, y0, x1, y1 = det.box
    assert 0 < x0 < x1 < 256 and 0 < y0 < y1 < 256


def test_a_drifted_tracking_region_is_pulled_back_by_the_frames_own_detection(frames):
    """A region tracked from earlier frames that drifted up and grew (over white hair it misread
    an old woman's shut mouth as open) is read together with this frame's detected region."""
    frame = frames[30]
    reference, _, _ = FaceLandmarker()(frame)  # first frame: the detected region alone
    landmarker = FaceLandmarker()
    centre, side, angle = landmarker._roi_from_detection(landmarker.detect(frame))
    drifted = (centre + [0.0, -0.15 * side], 1.3 * side, angle)
    alone, _ = landmarker.mesh_points(frame, drifted)
    landmarker._roi = drifted
    tracked, _, _ = landmarker(frame)

    def error(points):
        return np.linalg.norm(points - reference, axis=1).mean()

    assert error(alone) > 3.0  # the drift misplaces the landmarks by pixels ...
    assert error(tracked) < 0.6 * error(alone)  # ... and the detection halves that


def test_landmarks_move_with_the_picture(frames):
    """Shift a frame 12 px right and 6 px down: every landmark follows (no projected mesh)."""
    base = track_faces([frames[10]]).points[0]
    shifted_frame = np.zeros_like(frames[10])
    shifted_frame[6:, 12:] = frames[10][:-6, :-12]
    moved = track_faces([shifted_frame]).points[0]
    offset = np.nanmedian(moved - base, axis=0)
    assert offset == pytest.approx([12, 6], abs=1.0)


# ---------------------------------------------------------------- delivery faults

def test_clean_video_has_no_delivery_faults(clean):
    m = clean["metrics"]
    assert clean["checks"] == []
    assert abs(m["mux_audio_offset_ms"]["value"]) < 5 and m["mux_audio_offset_ms"]["match"] > 0.9
    assert m["duration_gap_frames"]["value"] <= 1.0
    assert abs(m["av_offset_frames"]["value"]) <= 1
    assert m["face_found"]["value"] == 1.0
    sync = m["av_sync"]
    assert sync["value"] > 0.3 and sync["loudness_follower_r"] is not None
    assert sync["margin"] == pytest.approx(sync["value"] - sync["loudness_follower_r"], abs=1e-3)


def test_audio_shifted_in_the_mux_is_caught(tmp_path, clean):
    shifted = tmp_path / "shifted.mp4"
    ffmpeg("-i", str(VIDEO), "-itsoffset", "0.5", "-i", str(VIDEO), "-map", "0:v", "-map", "1:a", "-c", "copy", str(shifted))
    out = evaluate_video(shifted, AUDIO, SETTINGS, film_grain=0.0)
    m = out["metrics"]
    assert m["mux_audio_offset_ms"]["value"] == pytest.approx(500, abs=5)
    assert m["av_offset_frames"]["value"] == pytest.approx(-12.5, abs=1.5)  # the mouth now leads the sound
    assert m["av_sync"]["value"] < clean["metrics"]["av_sync"]["value"] - 0.3
    assert any("shifted by +500 ms" in c for c in out["checks"])
    assert any("mouth leads the sound" in c for c in out["checks"])


def test_missing_audio_is_caught(tmp_path):
    silent = tmp_path / "silent.mp4"
    ffmpeg("-i", str(VIDEO), "-map", "0:v", "-c", "copy", str(silent))
    assert read_video_audio(silent) is None
    out = evaluate_video(silent, AUDIO, SETTINGS, film_grain=0.0)
    m = out["metrics"]
    for name in ("mux_audio_offset_ms", "av_offset_frames", "av_sync", "lse_c"):
        assert m[name]["value"] is None and m[name]["reason"], name
    assert "no audio track" in m["av_sync"]["reason"]
    assert "the video has no audio track" in out["checks"]
    assert m["face_found"]["value"] == 1.0  # what can still be measured is


def test_frames_without_a_face_are_counted(tmp_path, frames):
    broken = frames.copy()
    broken[30:35] = 40  # five frames lost in rendering
    out = evaluate_video(reencode(broken, tmp_path), AUDIO, SETTINGS, film_grain=0.0)
    face = out["metrics"]["face_found"]
    assert face["frames_without_face"] == 5 and face["value"] == pytest.approx(70 / 75, abs=1e-3)
    assert any("no face found in 5 of 75 frames" in c for c in out["checks"])


# ---------------------------------------------------------------- jitter and flicker respond to what they measure

def test_jitter_grows_when_the_picture_trembles(tmp_path, frames, clean):
    rng = np.random.default_rng(0)
    shaky = np.zeros_like(frames)
    for i, frame in enumerate(frames):
        dx, dy = rng.integers(-3, 4, size=2)
        shaky[i] = np.roll(frame, (dy, dx), axis=(0, 1))
    out = evaluate_video(reencode(shaky, tmp_path), AUDIO, SETTINGS, film_grain=0.0)
    assert out["metrics"]["landmark_jitter_px"]["value"] > 3 * clean["metrics"]["landmark_jitter_px"]["value"]


def test_flicker_sees_noise_on_the_face_not_head_motion(tmp_path, frames, clean):
    rng = np.random.default_rng(1)
    noisy = np.clip(frames + rng.normal(0, 8, frames.shape), 0, 255).astype(np.uint8)  # the codec smooths some away
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    flick = evaluate_video(reencode(noisy, tmp_path / "a"), AUDIO, SETTINGS, film_grain=0.0)["metrics"]["flicker"]
    assert flick["value"] > clean["metrics"]["flicker"]["value"] + 1.0
    # A slow whole-picture drift (a camera pan) is aligned out: flicker stays near the clean one.
    drift = np.stack([np.roll(f, i // 5, axis=1) for i, f in enumerate(frames)])
    panned = evaluate_video(reencode(drift, tmp_path / "b"), AUDIO, SETTINGS, film_grain=0.0)["metrics"]["flicker"]
    assert panned["value"] < clean["metrics"]["flicker"]["value"] + 0.5


def test_flicker_does_not_count_the_landmarks_missing_the_picture_by_a_pixel(frames):
    """The landmarks of two frames agree, the picture moved 1.5 px between them (the landmarker's
    own wobble, on a real video): the residual shift aligns it, so flicker stays near 0."""
    frame = frames[10]
    points = track_faces([frame]).points[0]
    moved = ndimage.shift(frame.astype(np.float32), (1.5, -1.0, 0.0), order=1, mode="nearest").astype(np.uint8)
    assert residual_shift(frame.astype(np.float32).mean(2), moved.astype(np.float32).mean(2)) == \
        pytest.approx([1.5, -1.0], abs=0.2)
    flicker = FaceFlicker()
    flicker.add(frame, points)
    flicker.add(moved, points)
    mask = face_region_mask(points, frame.shape[:2])
    unaligned = np.abs(moved[mask].astype(np.float32) - frame[mask].astype(np.float32)).mean()
    assert unaligned > 1.0 and flicker.value < 0.3 * unaligned


def test_flicker_is_null_when_the_render_added_grain():
    m = evaluate_video(VIDEO, AUDIO, SETTINGS, film_grain=0.05)["metrics"]["flicker"]
    assert m["value"] is None and "film grain" in m["reason"] and "render.film_grain" in m["reason"]


# ---------------------------------------------------------------- the phone reference

def test_phone_reference_comes_from_the_audio():
    from portraittalker.metrics.media import read_audio

    audio = read_audio(AUDIO)
    segments = recognise_phones(audio)
    assert segments and all(s.phone in PHONE_OPENNESS for s in segments)
    spoken = [s for s in segments if s.phone != "SIL"]
    assert len(spoken) >= 8  # ~3 s of speech
    track = openness_track(segments, FPS, 75)
    assert track.shape == (75,) and 0 <= track.min() and track.max() <= 1 and track.std() > 0.1
    silence = openness_track(recognise_phones(type(audio)(np.zeros(16000, np.float32), 16000)), FPS, 25)
    assert np.all(silence == 0)


# ---------------------------------------------------------------- the step scripts

def test_evaluate_cli_writes_nulls_with_reasons(tmp_path):
    out = tmp_path / "metrics" / "a" / "c.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "steps" / "evaluate.py"), "--video", str(VIDEO), "--audio", str(AUDIO),
         "--out", str(out), "--syncnet-weights", str(tmp_path / "missing.model")],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text())
    m = data["metrics"]
    assert m["lse_c"]["value"] is None and "missing.model" in m["lse_c"]["reason"]
    assert "fid" not in m  # FID is per batch
    assert m["flicker"]["film_grain"] == "unknown"  # no render record given
    assert data["schema"] == "portraittalker.metrics/2" and data["checks"] == []


def test_evaluate_cli_bad_input_is_one_line_error(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "steps" / "evaluate.py"), "--video", str(tmp_path / "none.mp4"),
         "--out", str(tmp_path / "m.json")],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "none.mp4" in proc.stderr


@pytest.mark.slow
def test_evaluate_with_random_syncnet_reads_crops_from_detected_landmarks():
    torch.manual_seed(0)
    with tempfile.TemporaryDirectory() as tmp:
        weights = Path(tmp) / "syncnet_v2.model"
        torch.save(SyncNet().state_dict(), weights)
        m = evaluate_video(VIDEO, AUDIO, EvaluationSettings(syncnet_weights=weights, progress=False))["metrics"]
    assert m["lse_c"]["reason"] is None and np.isfinite(m["lse_d"]["value"]) and m["lse_d"]["value"] > 0
    assert m["lse_c"]["windows"] == 75 - 5
    assert -15 <= m["syncnet_offset_frames"]["value"] <= 15


@pytest.mark.slow
def test_batch_fid_with_random_inception(tmp_path):
    from portraittalker.metrics.batch import BatchSettings, evaluate_batch
    from portraittalker.metrics.inception import FidInceptionV3

    torch.manual_seed(0)
    weights = tmp_path / "pt_inception.pth"
    torch.save(FidInceptionV3().state_dict(), weights)
    reference = tmp_path / "reference"
    reference.mkdir()
    _, _, it = open_video(VIDEO)
    for i, frame in enumerate(it):
        if i % 15 == 0:
            Image.fromarray(frame).resize((300, 300)).save(reference / f"{i:03d}.png")  # resized back to 256
    settings = BatchSettings(inception_weights=weights, fid_reference=reference, fid_max_frames=5,
                             fid_cache_dir=tmp_path / "cache", progress=False)
    batch = evaluate_batch([VIDEO, VIDEO], settings)
    fid = batch["metrics"]["fid"]
    assert fid["reason"] is None and fid["videos"] == 2 and fid["frames"] >= 4 and fid["frame_size"] == [256, 256]
    assert 0 <= fid["value"] < 5.0  # the same frames after a 300 px round trip
    assert len(list((tmp_path / "cache").glob("fid_reference_*.npz"))) == 1
    none = evaluate_batch([VIDEO], BatchSettings(progress=False))["metrics"]["fid"]
    assert none["value"] is None and "fid_reference" in none["reason"]


def test_batch_cli_without_weights_reports_reasons(tmp_path):
    out = tmp_path / "batch.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "steps" / "evaluate_batch.py"), "--videos", str(VIDEO), str(VIDEO),
         "--fid-reference", str(tmp_path), "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    fid = json.loads(out.read_text())["metrics"]["fid"]
    assert fid["value"] is None and "Inception" in fid["reason"]


def test_read_video_audio_of_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(PortraitTalkerError, match="not found"):
        read_video_audio(tmp_path / "no.mp4")
