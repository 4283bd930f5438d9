"""Whole-clip passes of speech -> motion run in blocks: the same numbers as one pass, and a long
clip needs a few copies of itself, not a dozen (a 1-hour clip took 3.4 GB)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import numpy as np
import soundfile as sf

from portraittalker.speech import audio, features, motion
from portraittalker.speech.audio import SAMPLE_RATE_HZ, decode_audio, gated_level_dbfs, load_speech
from portraittalker.speech.features import LogMelFeatures
from portraittalker.speech.motion import loudness_db

ROOT = Path(__file__).resolve().parent.parent


def long_clip(seconds: float) -> np.ndarray:
    """The demo clips one after another at varying loudness, `seconds` long."""
    clips = [decode_audio(ROOT / "data" / "clips" / f"{name}.wav") for name in ("en_hello", "ko_hello")]
    gains = np.random.default_rng(0).uniform(0.5, 1.5, int(seconds / 4) + 2)
    return np.concatenate([clips[i % 2] * g for i, g in enumerate(gains)])[: int(seconds * SAMPLE_RATE_HZ)].astype(np.float32)


def outputs(path: Path) -> dict[str, np.ndarray]:
    wave = load_speech(path)
    return {"speech": wave, "logmel": LogMelFeatures(utterance_norm=True)(wave), "level": np.array(gated_level_dbfs(wave)),
            "loudness": loudness_db(wave, 250, 25.0)}


def test_blocks_give_the_numbers_of_one_pass(tmp_path, monkeypatch):
    src = tmp_path / "clip.wav"
    sf.write(src, long_clip(10.0) + 0.01, SAMPLE_RATE_HZ, subtype="PCM_16")  # an offset to take off, too
    whole = outputs(src)
    # Blocks of odd sizes that end mid-way through gating blocks, frames and windows.
    monkeypatch.setattr(features, "_BLOCK_FRAMES", 7)
    monkeypatch.setattr(features, "_STFT_BLOCK_FRAMES", 5)
    monkeypatch.setattr(audio, "BLOCK_SAMPLES", 1201)
    monkeypatch.setattr(motion, "BLOCK_SAMPLES", 997)
    for name, value in outputs(src).items():
        np.testing.assert_array_equal(value, whole[name], err_msg=name)


def peak_copies(fn, nbytes: int) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / nbytes
    finally:
        tracemalloc.stop()


def test_a_long_clip_needs_a_few_copies_of_itself(tmp_path):
    """5 minutes, peak traced memory in copies of the float32 clip (before the blocks: load 5.0,
    log-mel 13.8, loudness 4.0; for 1 hour the log-mel's 13.8 was 3.2 GB)."""
    wave = long_clip(300.0)
    src = tmp_path / "long.wav"
    sf.write(src, wave, SAMPLE_RATE_HZ, subtype="PCM_16")
    assert peak_copies(lambda: load_speech(src), wave.nbytes) < 3
    assert peak_copies(lambda: LogMelFeatures(utterance_norm=True)(wave), wave.nbytes) < 8
    assert peak_copies(lambda: loudness_db(wave, 7500, 25.0), wave.nbytes) < 3.5
