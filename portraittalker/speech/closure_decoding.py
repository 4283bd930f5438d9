"""Closure decoding: shut the lips where the network heard a p/b/m but did not quite close them.

The network's evidence for a bilabial closure (its mouthPress channel and, with the auxiliary
phone-class head, the posterior of the bilabial class) often peaks inside a short p, b or m
without reaching a shut pose: a 30-60 ms closure is averaged away. This step, applied to the
50 Hz speech channels before they are pooled onto video frames, finds closure events as local
peaks of a closure score

    score = (mouthPress + P(bilabial)) / 2        (mouthPress alone without a phone head)

at or above `threshold`, where the predicted jaw is nearly closed (jawOpen < `max_jaw`: a peak
inside an open vowel is not a closure) and the lips are not already shut, and blends the channels
there towards the pressed-lips pose of the training targets (coarticulation.closed_pose) with the
targets' closure shape: full closure for `hold_s` either side of the peak (0: the peak frame), a
raised-cosine ramp of `ramp_s` in and out. By default the jaw stays as predicted and the lips are
held together against it (mouthClose = jawOpen), so the jaw curve, and its r, are unchanged.
Everything away from a detected event is left as the network made it, but for two rules on the
press itself: mouthPress fades out as the predicted jaw opens past `press_jaw` (pressed lips need
a nearly shut jaw; a press over an open jaw is a vowel heard wrong, as on real voices next to
consonants the training voices do not press for), and as the sound radiated in the vowel formant
region rises past `press_level` (features.mid_band_level): lips pressed together let almost
nothing out there, an open vowel is the loudest thing in it. The network can miss that on a
voice unlike its training voices (a real speaker's short unstressed vowel, heard as a closure
with its jaw nearly shut); the level cannot, and a steady gain or channel colour does not move it.

`threshold`, `max_jaw`, `press_jaw` and `press_level` were chosen on the validation split of the training voices
(scripts/tune_closure_decoding.py), never on the held-out test speech or real recordings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from .channels import JAW, LIP_PRESS, MOUTH_CLOSE, channels_to_arkit
from .coarticulation import _CLOSURE_RAMP_S, closed_pose
from .features import mid_band_level
from .lipsync_eval import lips_shut_weights
from .visemes import VISEME_CLASSES

BILABIAL_CLASS = VISEME_CLASSES.index("bilabial")


@dataclass(frozen=True)
class ClosureDecoding:
    threshold: float = 0.15     # closure score a peak must reach
    max_jaw: float = 0.3        # predicted jawOpen (fraction of its range) at the peak must be below this
    hold_s: float = 0.0         # full closure this long either side of the peak (0: the peak frame)
    ramp_s: float = _CLOSURE_RAMP_S  # raised-cosine ramp into and out of it, as in the targets
    close_jaw: bool = False     # also bring the jaw to the closure's; False: the lips close over the
                                # jaw as predicted (held together against it: mouthClose = jawOpen)
    press_jaw: tuple[float, float] | None = (0.25, 0.4)  # (lo, hi): mouthPress fades out as jawOpen rises from lo
                                # to hi (fractions of its range); None: the network's press is kept
    press_level: tuple[float, float] | None = (1.25, 2.25)  # (lo, hi): mouthPress fades out as the mid-band level
                                # rises from lo to hi (nats over the running speech mean); None: off
    enabled: bool = True

    def to_dict(self) -> dict:
        return asdict(self)


def bilabial_probability(logits: np.ndarray) -> np.ndarray:
    """Phone-class logits [M, K] (visemes.VISEME_CLASSES) -> P(bilabial) [M] (softmax)."""
    z = np.asarray(logits, np.float64)
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return (e[:, BILABIAL_CLASS] / e.sum(axis=-1)).astype(np.float32)


def closure_score(channels: np.ndarray, bilabial_prob: np.ndarray | None = None) -> np.ndarray:
    """[M] closure evidence in [0, 1] from channels [M, C] and the bilabial posterior [M] (optional)."""
    press = np.clip(channels[:, LIP_PRESS], 0.0, 1.0)
    if bilabial_prob is None:
        return press.astype(np.float64)
    return 0.5 * (press + np.clip(bilabial_prob, 0.0, 1.0)).astype(np.float64)


def closure_peaks(score: np.ndarray, jaw: np.ndarray, threshold: float, max_jaw: float) -> np.ndarray:
    """Frame indices of closure events: local maxima of `score` (the first frame of a plateau)
    at or above `threshold` with `jaw` below `max_jaw` there."""
    s = np.asarray(score, np.float64)
    if s.size == 0:
        return np.zeros(0, np.int64)
    left = np.concatenate([[-np.inf], s[:-1]])
    right = np.concatenate([s[1:], [-np.inf]])
    # a plateau counts once: its first frame rises (or ties) from the left and is not lower than the right
    is_peak = (s > left) & (s >= right)
    # ... unless the plateau later rises again: then its first frame is not a maximum
    idx = np.flatnonzero(is_peak & (s >= threshold) & (np.asarray(jaw) < max_jaw))
    keep = []
    for k in idx:
        j = k
        while j + 1 < s.size and s[j + 1] == s[k]:
            j += 1
        if j + 1 >= s.size or s[j + 1] < s[k]:
            keep.append(k)
    return np.asarray(keep, np.int64)


def channels_shut(channels: np.ndarray) -> np.ndarray:
    """[M] bool: the lips meet (lipsync_eval.lips_shut_weights) in speech channels [M, C]."""
    jaw_pose, arkit = channels_to_arkit(channels)
    return lips_shut_weights(jaw_pose[:, 0], arkit)


def closure_weight(peaks: np.ndarray, num_frames: int, rate_hz: float, hold_s: float, ramp_s: float) -> np.ndarray:
    """[M] in [0, 1]: 1 within `hold_s` of a peak, a raised-cosine ramp over `ramp_s` beyond it
    (the shape of coarticulation.bilabial_closure_weight)."""
    w = np.zeros(num_frames)
    if len(peaks) == 0 or num_frames == 0:
        return w
    reach = int(np.ceil((hold_s + ramp_s) * rate_hz))
    for k in peaks:
        lo, hi = max(0, k - reach), min(num_frames, k + reach + 1)
        d = np.abs(np.arange(lo, hi) - k) / rate_hz - hold_s
        ramp = np.where(d <= 0, 1.0, np.where(d < ramp_s, 0.5 * (1 + np.cos(np.pi * np.clip(d, 0, ramp_s) / ramp_s)), 0.0))
        w[lo:hi] = np.maximum(w[lo:hi], ramp)
    return w


def decode_closures(channels: np.ndarray, bilabial_prob: np.ndarray | None = None, rate_hz: float = 50.0,
                    decoding: ClosureDecoding = ClosureDecoding(), level: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Channels [M, C] (50 Hz) -> (channels with detected closures shut [M, C], peak indices).
    `level` [M] (closure_level) is what `press_level` reads; without it that rule is skipped.

    Pure: the input is not modified. Frames away from a detected event are returned unchanged."""
    out = np.array(channels, dtype=np.float32, copy=True)
    if not decoding.enabled or out.shape[0] == 0:
        return out, np.zeros(0, np.int64)
    peaks = closure_peaks(closure_score(out, bilabial_prob), out[:, JAW], decoding.threshold, decoding.max_jaw)
    peaks = peaks[~channels_shut(out[peaks])]  # the network shut these itself: left as they are
    w = closure_weight(peaks, out.shape[0], rate_hz, decoding.hold_s, decoding.ramp_s).astype(np.float32)
    touched = w > 0
    if touched.any():
        wt = w[touched, None]
        closed = np.broadcast_to(closed_pose(), (int(touched.sum()), out.shape[1])).copy()
        if not decoding.close_jaw:  # the lips close over the jaw where it is: held together against it
            closed[:, JAW] = out[touched, JAW]
            closed[:, MOUTH_CLOSE] = out[touched, JAW]
        out[touched] = (1 - wt) * out[touched] + wt * closed
        if not decoding.close_jaw:  # exactly as predicted: the blend above may round the last bit
            out[touched, JAW] = channels[touched, JAW]
        # the lips press at least as hard as the network already had them
        out[touched, LIP_PRESS] = np.maximum(out[touched, LIP_PRESS], channels[touched, LIP_PRESS])
    if decoding.press_jaw is not None:
        out[:, LIP_PRESS] = np.minimum(out[:, LIP_PRESS], press_limit(out[:, JAW], *decoding.press_jaw))
    if decoding.press_level is not None and level is not None:
        out[:, LIP_PRESS] = np.minimum(out[:, LIP_PRESS], press_limit(level[: len(out)], *decoding.press_level))
    return out, peaks


def press_limit(x: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """[M] the most mouthPress an opening cue `x` allows (the jaw, or the mid-band level): 1 up to
    `lo`, a raised-cosine fall to 0 at `hi`. Pressed lips need a nearly shut jaw (inside the p/b/m
    of the validation voices the network's jaw averages an eighth of its range) and let little
    sound out; a press over a wide-open jaw or a loud vowel is a vowel heard wrong."""
    u = np.clip((np.asarray(x, np.float64) - lo) / max(hi - lo, 1e-6), 0.0, 1.0)
    return (0.5 * (1 + np.cos(np.pi * u))).astype(np.float32)


def closure_level(features: np.ndarray, num_out: int) -> np.ndarray:
    """Utterance-normalised log-mel [N, F] at 100 Hz -> features.mid_band_level at the 50 Hz
    channel rate [num_out]: each pair of frames averaged, the last value repeated to fill."""
    lvl = mid_band_level(features)
    if lvl.size == 0:
        return np.zeros(num_out, np.float32)
    lvl = np.concatenate([lvl, lvl[-1:]]) if lvl.size % 2 else lvl
    pairs = lvl.reshape(-1, 2).mean(1)
    return np.concatenate([pairs, np.repeat(pairs[-1:], max(0, num_out - pairs.size))])[:num_out].astype(np.float32)
