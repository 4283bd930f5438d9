"""Speech-aware head motion, blinks, brows and gaze from a seeded generator.

The model only moves the mouth; everything else a viewer reads as "alive" comes from here,
driven by the loudness envelope: nods (a dip of the head, FLAME +x rotation) on stressed
syllables, a slow wander whose amplitude follows voice activity (still in pauses), a brow
flash on the strongest stresses, blinks every few seconds and occasional gaze shifts.
Same waveform + seed -> same motion.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .audio import SAMPLE_RATE_HZ
from .blocks import BLOCK_SAMPLES, running_sum
from .signal1d import find_peaks, gaussian_filter1d  # scipy's, in numpy: a prediction job never imports scipy


@dataclass(frozen=True)
class MotionStyle:
    nod_rad: float = 0.06              # nod depth for the strongest stress
    nod_time_s: float = 0.18           # time from onset to the bottom of a nod
    wander_rad: tuple[float, float, float] = (0.02, 0.035, 0.012)  # pitch, yaw, roll (1 sigma)
    wander_smooth_s: float = 0.7
    pause_stillness: float = 0.3       # wander amplitude in pauses, relative to speech
    torso_share: float = 0.25          # part of the wander given to global_pose (torso sway)
    blink_interval_s: float = 3.5      # mean time between blinks
    blink_min_gap_s: float = 1.0
    double_blink_prob: float = 0.12
    brow_raise: float = 0.3
    gaze_rad: tuple[float, float] = (0.02, 0.04)  # pitch, yaw of gaze shifts


@dataclass(frozen=True)
class Motion:
    neck_pose: np.ndarray    # [T,3]
    global_pose: np.ndarray  # [T,3]
    eye_pose: np.ndarray     # [T,6] left then right eye
    blink: np.ndarray        # [T] 0 open .. 1 closed
    brow_raise: np.ndarray   # [T]


def loudness_db(wave: np.ndarray, num_frames: int, fps: float) -> np.ndarray:
    """Per-frame RMS level [T] in dBFS over a two-frame window centred on each frame."""
    centres = ((np.arange(num_frames) + 0.5) / fps * SAMPLE_RATE_HZ).astype(int)
    half = max(1, int(SAMPLE_RATE_HZ / fps))
    # Running energy, squared a block at a time: one float64 copy of the clip, not three.
    power = running_sum((np.square(wave[i:i + BLOCK_SAMPLES], dtype=np.float64) for i in range(0, len(wave), BLOCK_SAMPLES)),
                        len(wave))
    lo = np.clip(centres - half, 0, len(wave))
    hi = np.clip(centres + half, 0, len(wave))
    mean_power = (power[hi] - power[lo]) / np.maximum(hi - lo, 1)
    return 10 * np.log10(mean_power + 1e-10)


def voice_activity(level_db: np.ndarray, fps: float) -> np.ndarray:
    """[T] in [0,1]: smoothed 'someone is speaking' from the level relative to the loud parts."""
    if level_db.size == 0:
        return level_db
    reference = np.percentile(level_db, 95)
    active = ((level_db > reference - 30) & (level_db > -55)).astype(np.float64)
    return np.clip(gaussian_filter1d(active, sigma=0.12 * fps, mode="nearest"), 0, 1)


def _smooth_noise(rng: np.random.Generator, n: int, sigma_frames: float) -> np.ndarray:
    """[n] smoothed white noise of unit standard deviation *in expectation*.

    Scaled by the filter's own gain, not by the sample's spread: a clip much shorter than the
    smoothing holds a nearly constant stretch of noise, and dividing that by its tiny spread
    turned a half-second clip's head by tens of degrees.
    """
    sigma = max(sigma_frames, 1e-3)
    x = gaussian_filter1d(rng.standard_normal(n + 200), sigma=sigma, mode="wrap")[100:-100]
    impulse = np.zeros(2 * int(4 * sigma + 0.5) + 1)  # the kernel's full support (truncate=4)
    impulse[impulse.size // 2] = 1.0
    return x / np.linalg.norm(gaussian_filter1d(impulse, sigma=sigma, mode="constant"))


def _stress_peaks(level_db: np.ndarray, activity: np.ndarray, fps: float) -> tuple[np.ndarray, np.ndarray]:
    """Frame indices of stressed-syllable loudness peaks and their strength in [0,1]."""
    if level_db.size < 3:
        return np.zeros(0, int), np.zeros(0)
    smooth = gaussian_filter1d(level_db, sigma=0.04 * fps, mode="nearest")
    peaks = find_peaks(smooth, prominence=6.0, distance=max(1, int(0.45 * fps)))
    peaks = peaks[activity[peaks] > 0.5]
    reference = np.percentile(level_db, 95) if level_db.size else 0.0
    strength = np.clip((smooth[peaks] - (reference - 12)) / 12, 0, 1)
    return peaks, strength


def _blink_curve(rng: np.random.Generator, duration_s: float, style: MotionStyle) -> list[float]:
    starts, t = [], rng.uniform(0.4, 2.0)
    while t < duration_s:
        starts.append(t)
        if rng.random() < style.double_blink_prob:
            starts.append(t + 0.35)
        t += max(style.blink_min_gap_s, rng.gamma(4.0, style.blink_interval_s / 4.0))
    return starts


BLINK_CLOSE_S, BLINK_HOLD_S, BLINK_REOPEN_S = 0.07, 0.05, 0.13
BLINK_S = BLINK_CLOSE_S + BLINK_HOLD_S + BLINK_REOPEN_S


def _blink_shape(tau: np.ndarray) -> np.ndarray:
    """Eyelid closure for time since blink onset (s): fast close, short hold, slower open."""
    close, hold, reopen = BLINK_CLOSE_S, BLINK_HOLD_S, BLINK_REOPEN_S
    out = np.zeros_like(tau)
    a = (tau >= 0) & (tau < close)
    out[a] = 0.5 - 0.5 * np.cos(np.pi * tau[a] / close)
    out[(tau >= close) & (tau < close + hold)] = 1.0
    c = (tau >= close + hold) & (tau < close + hold + reopen)
    out[c] = 0.5 + 0.5 * np.cos(np.pi * (tau[c] - close - hold) / reopen)
    return out


def generate_motion(wave: np.ndarray, num_frames: int, fps: float, seed: int = 0, style: MotionStyle = MotionStyle(),
                    presence: np.ndarray | None = None) -> Motion:
    """Head, eye, blink and brow motion for `num_frames` frames of the 16 kHz waveform [N].

    `presence` [T] in [0, 1] (the speech-presence gate at the frame rate) scales voice activity:
    where music or noise is loud but no one speaks, the head is as still as in a pause and does
    not nod; blinks and gaze are unaffected."""
    rng = np.random.default_rng(seed)
    t = (np.arange(num_frames) + 0.5) / fps
    level = loudness_db(wave, num_frames, fps)
    activity = voice_activity(level, fps)
    if presence is not None:
        activity = activity * np.asarray(presence, np.float64)[:num_frames]

    # Slow wander, damped in pauses.
    gain = style.pause_stillness + (1 - style.pause_stillness) * gaussian_filter1d(activity, 0.3 * fps, mode="nearest")
    wander = np.stack([_smooth_noise(rng, num_frames, style.wander_smooth_s * fps) * a for a in style.wander_rad], 1)
    wander *= gain[:, None]
    torso = np.stack([_smooth_noise(rng, num_frames, 1.5 * style.wander_smooth_s * fps) * a for a in style.wander_rad], 1)
    global_pose = style.torso_share * torso * gain[:, None]

    # Nods and brow flashes on stressed syllables: a gamma-shaped dip starting just before the peak.
    peaks, strength = _stress_peaks(level, activity, fps)
    nod = np.zeros(num_frames)
    brow = np.zeros(num_frames)
    for p, s in zip(peaks, strength):
        # Each evaluated where it is not negligible (a nod decays to 1e-11 by 30 nod times, a
        # flash by 8 sigma), so a long clip costs time linear in its length.
        near = slice(max(0, p - int(1.2 * fps) - 1), p + int((30 * style.nod_time_s + 0.05) * fps) + 1)
        tau = t[near] - (t[p] - 0.05)
        x = np.clip(tau / style.nod_time_s, 0, None)
        nod[near] += style.nod_rad * s * rng.uniform(0.6, 1.0) * x * np.exp(1 - x)
        if s > 0.8:
            brow[near] += style.brow_raise * s * np.exp(-0.5 * ((t[near] - t[p]) / 0.15) ** 2)
    neck_pose = wander.copy()
    neck_pose[:, 0] += nod

    # Blinks, evaluated on a 1 ms grid and max-pooled per frame so none falls between frames.
    blink = np.zeros(num_frames)
    fine = np.arange(0, num_frames / fps, 0.001)
    if fine.size:
        curve = np.zeros_like(fine)
        for s0 in _blink_curve(rng, num_frames / fps, style):
            span = slice(int(s0 / 0.001), int((s0 + BLINK_S) / 0.001) + 2)  # the shape is 0 outside
            curve[span] = np.maximum(curve[span], _blink_shape(fine[span] - s0))
        frame_of = np.minimum((fine * fps).astype(int), num_frames - 1)
        np.maximum.at(blink, frame_of, curve)

    # Gaze: hold a fixation for 1-3 s, then jump (saccades are instantaneous at video rates).
    eye = np.zeros((num_frames, 3))
    k = 0
    while k < num_frames:
        hold = int(rng.uniform(1.0, 3.0) * fps) + 1
        target = [rng.normal(0, style.gaze_rad[0]), rng.normal(0, style.gaze_rad[1]), 0.0] if rng.random() < 0.5 else [0.0, 0.0, 0.0]
        eye[k:k + hold] = target
        k += hold
    return Motion(
        neck_pose=neck_pose.astype(np.float32),
        global_pose=global_pose.astype(np.float32),
        eye_pose=np.concatenate([eye, eye], 1).astype(np.float32),
        blink=np.clip(blink, 0, 1).astype(np.float32),
        brow_raise=np.clip(brow, 0, 1).astype(np.float32),
    )
