"""Inference: speech waveform -> FlameSequence at any frame rate.

features (100 Hz) -> Audio2Flame in overlapping windows (50 Hz channels) -> closure decoding
(short p/b/m shut) -> gate to the rest pose where nobody speaks (the speech-presence detector,
presence.py, where no voice is heard over music or noise; the loudness gate where it is quiet) ->
light smoothing -> pooled onto the requested frame grid -> FLAME
jaw/expression, plus head motion, blinks and brows from the seeded motion generator.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..config import resolve
from ..io import FlameSequence
from .audio import SAMPLE_RATE_HZ, load_speech
from .channels import JAW, LIP_PRESS, MOUTH_CLOSE, channels_to_arkit
from .checkpoint import Checkpoint, load_checkpoint
from .closure_decoding import ClosureDecoding, bilabial_probability, closure_level
from .features import FEATURE_RATE_HZ, FeatureSpec, LogMelFeatures, check_compatible, make_extractor, quiet_row
from .motion import generate_motion, loudness_db, voice_activity
from .presence import DEFAULT_PRESENCE_MODEL, PresenceGate, PresenceModel, decode_where_speaking, get_presence_model, presence_gate
from .signal1d import gaussian_filter1d
from .upper_face import write_upper_face

log = logging.getLogger(__name__)

DEFAULT_CHECKPOINT = "models/audio2flame/model.pt"
_WINDOW_FRAMES = 3000     # feature frames per inference window at most (30 s)...
_CONTEXT_FRAMES = 120     # ...plus 1.2 s of context each side (beyond it a frame barely matters)
_SMOOTH_S = 0.012         # light temporal smoothing of the 50 Hz channels
# ... and of the jaw, with the lips held against it, a little more: on the validation voices,
# r(jaw, phones) at 25 fps for 12/16/20/25/30 ms: 0.9119/0.9128/0.9134/0.9138/0.9136, closures
# unchanged (smoothing the press as much would blur short closures: p/b/m shut 82.9% -> 78.6%)
_JAW_SMOOTH_S = 0.025


@lru_cache(maxsize=4)
def _cached_checkpoint(path: str, mtime: float) -> Checkpoint:
    return load_checkpoint(path, runtime="numpy")


def get_checkpoint(path: str | os.PathLike = DEFAULT_CHECKPOINT) -> Checkpoint:
    """The checkpoint for inference: numpy runtime (no torch import), cached per file version."""
    p = resolve(path)
    if not p.is_file():
        return load_checkpoint(p)  # raises the actionable error
    return _cached_checkpoint(str(p), p.stat().st_mtime)


def pad_features(ckpt: Checkpoint, features: np.ndarray) -> np.ndarray:
    """Normalised padding row [F] for windows past the clip's ends, as training padded its crops:
    the clip's own quiet (utterance-normalised features), or digital silence (raw log-mel)."""
    spec = ckpt.feature_spec
    if spec.utterance_norm or spec.kind != "logmel":
        return quiet_row(features)
    return ckpt.normalise(np.full((1, spec.dim), np.log(1e-6), np.float32))[0]  # log of the mel floor


def predict_channels(ckpt: Checkpoint, features: np.ndarray, with_phones: bool = False):
    """Normalised features [N, F] at 100 Hz -> speech channels [ceil(N/2), C] at 50 Hz; with
    `with_phones`, also the phone-class head's bilabial posterior [ceil(N/2)] (None without a head)."""
    n = features.shape[0]
    m = (n + 1) // 2
    pad_value = pad_features(ckpt, features)
    ctx = _CONTEXT_FRAMES
    # Windows of equal length, as few as fit: the network runs on n + 2 ctx frames per window,
    # not on padding up to a whole window (a 4 s clip once ran on 14.4 s).
    num_windows = max(1, -(-n // _WINDOW_FRAMES))
    core = -(-n // num_windows)
    core += core % 2   # even: the 50 Hz outputs of each window line up
    total = num_windows * core + 2 * ctx
    padded = np.empty((total, features.shape[1]), np.float32)
    padded[:] = pad_value
    padded[ctx:ctx + n] = features
    windows = np.stack([padded[w * core: w * core + core + 2 * ctx] for w in range(num_windows)])
    out, phones = [], []
    # 4 windows at a time: memory stays bounded on long clips (with 4 s windows this was ~20%
    # faster than 16 at a time; with 12 s windows 1, 2 and 4 at a time time the same)
    for batch in np.array_split(windows, max(1, -(-num_windows // 4))):
        y, logits = ckpt.forward_with_phones(batch)  # [b, (core+2ctx)/2, C], [.., K]
        out.append(y[:, ctx // 2: ctx // 2 + core // 2].reshape(-1, y.shape[-1]))
        if logits is not None:
            phones.append(logits[:, ctx // 2: ctx // 2 + core // 2].reshape(-1, logits.shape[-1]))
    channels = np.concatenate(out)[:m]
    if not with_phones:
        return channels
    return channels, (bilabial_probability(np.concatenate(phones)[:m]) if phones else None)


def to_frame_grid(channels_50hz: np.ndarray, num_frames: int, fps: float, rate_hz: float = 50.0) -> np.ndarray:
    """Average each channel over every video frame's exposure [k/fps, (k+1)/fps) -> [T, C].

    lip_press is max-pooled instead, so a bilabial closure shorter than a frame still shows.
    """
    m, c = channels_50hz.shape
    sub = 8  # sub-samples per video frame
    ts = (np.arange(num_frames * sub) + 0.5) / (fps * sub)
    src_t = (np.arange(m) + 0.5) / rate_hz
    fine = np.stack([np.interp(ts, src_t, channels_50hz[:, k]) for k in range(c)], 1).reshape(num_frames, sub, c)
    out = fine.mean(1)
    out[:, LIP_PRESS] = fine[:, :, LIP_PRESS].max(1)
    return out.astype(np.float32)


def on_frames(series_50hz: np.ndarray, num_frames: int, fps: float, rate_hz: float = 50.0) -> np.ndarray:
    """[M] at `rate_hz` -> [T] at each video frame's centre (linear interpolation)."""
    return np.interp((np.arange(num_frames) + 0.5) / fps, (np.arange(len(series_50hz)) + 0.5) / rate_hz, series_50hz)


def _utterance_logmel(spec: FeatureSpec) -> bool:
    """The features are the utterance-normalised log-mel closure_level reads (else it is computed apart)."""
    return spec.kind == "logmel" and spec.utterance_norm


def presence_features(ckpt: Checkpoint, raw: np.ndarray, wave: np.ndarray) -> np.ndarray:
    """What the presence detector reads: the network's own features when they are utterance-normalised
    log-mel (no extra front end), else that log-mel computed apart."""
    return raw if _utterance_logmel(ckpt.feature_spec) else LogMelFeatures(utterance_norm=True)(wave)


def flame_from_waveform(
    wave: np.ndarray, fps: float, ckpt: Checkpoint, seed: int = 0, extractor=None,
    closure_decoding: ClosureDecoding | None = ClosureDecoding(),
    presence: PresenceModel | None = None, gate: PresenceGate = PresenceGate(),
) -> FlameSequence:
    """Loudness-normalised 16 kHz waveform [N] -> FlameSequence with T = round(duration * fps).

    `closure_decoding=None` leaves the network's channels as they are (no closure decoding).
    `presence` (presence.PresenceModel) rests the mouth where it hears no speech (music, noise),
    and damps head motion there as in pauses; None: only the loudness gate."""
    duration_s = len(wave) / SAMPLE_RATE_HZ
    num_frames = max(1, int(round(duration_s * fps)))
    extractor = extractor or ckpt.feature_spec.extractor()
    check_compatible(ckpt.feature_spec, extractor.spec, "audio2flame checkpoint")
    raw = extractor(wave)
    channels, bilabial = predict_channels(ckpt, ckpt.normalise(raw), with_phones=True)  # [M, C] at 50 Hz, [M]
    rate = FEATURE_RATE_HZ / 2
    speaking = None
    if presence is not None:
        p = presence(presence_features(ckpt, raw, wave))
        speaking = presence_gate(np.pad(p, (0, max(0, len(channels) - len(p))), mode="edge")[: len(channels)], rate, gate)
    # Short p/b/m the network heard but did not quite shut (closure_decoding.py), on the network's
    # own channels, as its thresholds were chosen on them; where no one speaks, none.
    level = None
    if closure_decoding is not None and closure_decoding.press_level is not None:
        level = closure_level(raw if _utterance_logmel(ckpt.feature_spec) else LogMelFeatures(utterance_norm=True)(wave), len(channels))
    channels = decode_where_speaking(channels, bilabial, rate, closure_decoding, level, speaking)
    # Quiet -> rest pose, whatever the network makes of noise. lip_press is left alone: the
    # silent closure of a /p/ or /b/ must not be gated open.
    loud = voice_activity(loudness_db(wave, len(channels), rate), rate)
    gated = np.arange(channels.shape[1]) != LIP_PRESS
    channels[:, gated] *= loud[:, None]
    channels[:, LIP_PRESS] = np.clip(channels[:, LIP_PRESS], 0.0, 1.0)
    slow = np.isin(np.arange(channels.shape[1]), (JAW, MOUTH_CLOSE))
    channels[:, slow] = gaussian_filter1d(channels[:, slow], sigma=_JAW_SMOOTH_S * rate, axis=0, mode="nearest")
    channels[:, ~slow] = gaussian_filter1d(channels[:, ~slow], sigma=_SMOOTH_S * rate, axis=0, mode="nearest")
    frames = to_frame_grid(channels, num_frames, fps, rate)
    jaw_pose, expression = channels_to_arkit(frames)
    motion = generate_motion(wave, num_frames, fps, seed=seed,
                             presence=None if speaking is None else on_frames(speaking, num_frames, fps, rate))
    write_upper_face(expression, motion)
    return FlameSequence(
        expression=expression,
        jaw_pose=jaw_pose,
        neck_pose=motion.neck_pose,
        global_pose=motion.global_pose,
        eye_pose=motion.eye_pose,
        fps=float(fps),
    ).validate()


def predict_flame(
    wav_path: str | os.PathLike,
    fps: float = 25,
    checkpoint: str | os.PathLike = DEFAULT_CHECKPOINT,
    seed: int = 0,
    features: str = "auto",
    wav2vec2_path: str | os.PathLike | None = None,
    max_seconds: float | None = None,
    presence_model: str | os.PathLike | None = DEFAULT_PRESENCE_MODEL,
) -> FlameSequence:
    """Predict per-frame FLAME parameters for the speech in `wav_path` (any readable format).

    `features` must be "auto" or the checkpoint's own feature type; a mismatch is refused.
    `presence_model`: the speech-presence detector's weights (speech.presence_gate); None: no
    presence gate (the mouth follows whatever the network hears, music included).
    """
    ckpt = get_checkpoint(checkpoint)
    presence = get_presence_model(presence_model) if presence_model is not None else None
    kind = ckpt.feature_spec.kind if features == "auto" else features
    extractor = make_extractor(kind, resolve(wav2vec2_path) if wav2vec2_path else None, utterance_norm=ckpt.feature_spec.utterance_norm)
    check_compatible(ckpt.feature_spec, extractor.spec, checkpoint)
    wave = load_speech(wav_path, max_seconds=max_seconds)
    log.info("predict_flame: %s, %.2f s at %g fps with %s features", Path(wav_path).name, len(wave) / SAMPLE_RATE_HZ, fps, kind)
    return flame_from_waveform(wave, fps, ckpt, seed=seed, extractor=extractor, presence=presence)
