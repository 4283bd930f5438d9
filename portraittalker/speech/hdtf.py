"""User training data laid out HDTF-style: one folder per clip with audio and tracked FLAME.

    root/
      <clip>/audio.wav      (or .flac/.ogg/.mp3/.m4a; any rate, any channels)
      <clip>/flame.npz      per-frame tracked FLAME parameters (portraittalker.io format)

The tracked sequence is ARKit-52 (`flame.npz`, DESIGN.md; `load_flame` checks it) and covers the
audio to within a frame. Clips become a `Corpus` (targets resampled to the model's 50 Hz) that
training can use alone or together with the synthetic corpus.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np

from ..errors import PortraitTalkerError
from ..io import load_flame
from .audio import SAMPLE_RATE_HZ
from .channels import NUM_CHANNELS, arkit_to_channels
from .coarticulation import TARGET_RATE_HZ
from .corpus import Corpus, hash_corpus
from .features import FeatureExtractor, num_feature_frames

UNKNOWN_CLASS = -1  # tracked data has no phone timings: the auxiliary phone loss ignores its frames

AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".mp3", ".m4a")


def find_clips(root: str | Path) -> list[tuple[str, Path, Path]]:
    """(clip name, audio path, flame path) for every complete clip folder under `root`, sorted."""
    root = Path(root)
    if not root.is_dir():
        raise PortraitTalkerError(f"{root}: user-data folder not found")
    clips = []
    for d in sorted(p for p in root.iterdir() if p.is_dir()):
        audio = next((d / f"audio{s}" for s in AUDIO_SUFFIXES if (d / f"audio{s}").is_file()), None)
        if audio is not None and (d / "flame.npz").is_file():
            clips.append((d.name, audio, d / "flame.npz"))
    if not clips:
        raise PortraitTalkerError(f"{root}: no clip folders with audio.* and flame.npz (see portraittalker/speech/hdtf.py)")
    return clips


def resample_tracked(channels: np.ndarray, fps: float, num_frames: int) -> np.ndarray:
    """Tracked channels [T, C] at `fps` -> [num_frames, C] at 50 Hz (linear, frame centres)."""
    src = (np.arange(len(channels)) + 0.5) / fps
    dst = (np.arange(num_frames) + 0.5) / TARGET_RATE_HZ
    return np.stack([np.interp(dst, src, channels[:, k]) for k in range(NUM_CHANNELS)], 1).astype(np.float32)


def _is_validation(name: str, fraction: float) -> bool:
    return (zlib.crc32(name.encode()) % 1000) / 1000 < fraction


def load_user_corpus(root: str | Path, extractor: FeatureExtractor, validation_fraction: float = 0.1) -> Corpus:
    from .predict import load_speech

    feats, targs, langs, splits = [], [], [], []
    clips = find_clips(root)
    for name, audio_path, flame_path in clips:
        seq = load_flame(flame_path)
        wave = load_speech(audio_path)
        duration = len(wave) / SAMPLE_RATE_HZ
        if abs(seq.num_frames / seq.fps - duration) > 1.5 / seq.fps + 0.02:
            raise PortraitTalkerError(
                f"{flame_path}: {seq.num_frames} frames at {seq.fps:g} fps do not cover the {duration:.2f} s of {audio_path.name}"
            )
        f = extractor(wave)
        m = (num_feature_frames(len(wave)) + 1) // 2
        feats.append(f.astype(np.float16))
        targs.append(resample_tracked(arkit_to_channels(seq.jaw_pose, seq.expression), seq.fps, m).astype(np.float16))
        langs.append("user")
        splits.append("val" if _is_validation(name, validation_fraction) else "train")
    if len(clips) >= 2 and "val" not in splits:
        splits[-1] = "val"  # always hold something out
    if "train" not in splits:
        splits[0] = "train"
    corpus = Corpus(
        features=np.concatenate(feats), targets=np.concatenate(targs),
        closure=np.zeros(sum(len(t) for t in targs), np.float16),  # no phoneme timings: no closure check
        phone_class=np.full(sum(len(t) for t in targs), UNKNOWN_CLASS, np.int8),  # nor phone classes
        feat_offsets=np.cumsum([0] + [len(f) for f in feats]), target_offsets=np.cumsum([0] + [len(t) for t in targs]),
        language=np.array(langs), split=np.array(splits), engine=np.array(["tracked"] * len(langs)),
        voice=np.array([c[0] for c in clips]), feature_kind=extractor.spec.kind, held_out_engine="", corpus_hash="",
        utterance_norm=extractor.spec.utterance_norm,
    )
    corpus.corpus_hash = hash_corpus(corpus)
    return corpus


def concat_corpora(a: Corpus, b: Corpus) -> Corpus:
    if (a.feature_kind, a.utterance_norm) != (b.feature_kind, b.utterance_norm) or a.features.shape[1] != b.features.shape[1]:
        raise PortraitTalkerError(f"cannot mix {a.feature_kind} and {b.feature_kind} features in one training set")
    c = Corpus(
        features=np.concatenate([a.features, b.features]), targets=np.concatenate([a.targets, b.targets]),
        closure=np.concatenate([a.closure, b.closure]), phone_class=np.concatenate([a.phone_class, b.phone_class]),
        feat_offsets=np.concatenate([a.feat_offsets, a.feat_offsets[-1] + b.feat_offsets[1:]]),
        target_offsets=np.concatenate([a.target_offsets, a.target_offsets[-1] + b.target_offsets[1:]]),
        language=np.concatenate([a.language, b.language]), split=np.concatenate([a.split, b.split]),
        engine=np.concatenate([a.engine, b.engine]), voice=np.concatenate([a.voice, b.voice]),
        feature_kind=a.feature_kind, held_out_engine=a.held_out_engine or b.held_out_engine, corpus_hash="",
        utterance_norm=a.utterance_norm,
    )
    c.corpus_hash = hash_corpus(c)
    return c
