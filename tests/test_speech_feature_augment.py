"""Training-crop feature augmentation (feature_augment.py) and its use in the crop sampler."""

from dataclasses import replace

import numpy as np
import pytest

from portraittalker.speech.channels import NUM_CHANNELS
from portraittalker.speech.corpus import Corpus
from portraittalker.speech.feature_augment import (FeatureAugment, augment_raw, closure_events, drift, level_wobble, mask, short_clip,
                                                   shorten_closures, warp_mel_axis)
from portraittalker.speech.features import MelSettings, _hz_to_mel, _mel_to_hz
from portraittalker.speech.training import sample_batch

F = 80


def _band_centres_hz(n: int = F, s: MelSettings = MelSettings()) -> np.ndarray:
    return _mel_to_hz(np.linspace(_hz_to_mel(s.fmin_hz), _hz_to_mel(s.fmax_hz), n + 2)[1:-1])


def _toy_corpus(lengths=(340, 180, 500)) -> Corpus:
    rng = np.random.default_rng(7)
    n_feat = np.array(lengths)
    n_tgt = (n_feat + 1) // 2
    return Corpus(
        features=rng.normal(size=(n_feat.sum(), F)).astype(np.float16),
        targets=rng.uniform(size=(n_tgt.sum(), NUM_CHANNELS)).astype(np.float16),
        closure=(rng.uniform(size=n_tgt.sum()) > 0.9).astype(np.float16),
        phone_class=rng.integers(0, 5, n_tgt.sum()).astype(np.int8),
        feat_offsets=np.concatenate([[0], np.cumsum(n_feat)]), target_offsets=np.concatenate([[0], np.cumsum(n_tgt)]),
        language=np.array(["en"] * len(lengths)), split=np.array(["train"] * len(lengths)),
        engine=np.array(["espeak"] * len(lengths)), voice=np.array([""] * len(lengths)),
        feature_kind="logmel", held_out_engine="flite", corpus_hash="toy", utterance_norm=True)


def _batch(seed: int, augment: FeatureAugment | None, corpus: Corpus | None = None):
    corpus = _toy_corpus() if corpus is None else corpus
    idx = np.arange(len(corpus))
    pads = np.full((len(corpus), F), -1.0, np.float32)
    return sample_batch(corpus, idx, np.full(len(idx), 1 / len(idx)), 300, 6, np.random.default_rng(seed),
                        np.zeros(F, np.float32), np.ones(F, np.float32), pads, augment)


@pytest.mark.parametrize("alpha", [0.92, 1.08])
def test_warp_moves_a_single_band_to_the_scaled_frequency(alpha):
    centres = _band_centres_hz()
    feats = np.zeros((3, F), np.float32)
    feats[:, 40] = 1.0
    out = warp_mel_axis(feats, alpha)
    assert out.shape == feats.shape
    peak = np.average(centres, weights=out[0])          # interpolation spreads it over two bands
    assert peak == pytest.approx(alpha * centres[40], rel=0.02)
    assert (peak > centres[40]) == (alpha > 1)
    assert np.allclose(warp_mel_axis(feats, 1.0), feats)  # no warp, no change


def test_drift_is_a_centred_ramp_with_the_asked_tilt():
    d = drift(300, F, gain=0.6, tilt=0.4)
    assert d.shape == (300, F) and abs(d.mean()) < 1e-6
    assert d[-1].mean() - d[0].mean() == pytest.approx(0.6, abs=1e-5)
    assert (d[-1, -1] - d[-1, 0]) - (d[0, -1] - d[0, 0]) == pytest.approx(0.4, abs=1e-5)


def test_masks_zero_bands_and_only_speech_frames():
    cfg = FeatureAugment(freq_mask_prob=1.0, time_mask_prob=1.0)
    x = np.ones((300, F), np.float32)
    mask(x, 200, np.random.default_rng(3), cfg)
    zero_bands = np.flatnonzero((x == 0).all(0))
    zero_frames = np.flatnonzero((x == 0).all(1))
    assert 1 <= len(zero_bands) <= cfg.freq_masks * cfg.freq_mask_bands
    assert 1 <= len(zero_frames) <= cfg.time_masks * cfg.time_mask_frames and zero_frames.max() < 200


def test_augmented_batches_keep_shapes_and_targets_and_are_seeded():
    plain = _batch(0, None)
    aug = _batch(0, FeatureAugment(blur_prob=0.5))
    again = _batch(0, FeatureAugment(blur_prob=0.5))
    other = _batch(1, FeatureAugment(blur_prob=0.5))
    assert [t.shape for t in aug] == [t.shape for t in plain]
    assert all(np.array_equal(a.numpy(), b.numpy()) for a, b in zip(aug, again))       # deterministic per seed
    assert not np.allclose(aug[0].numpy(), other[0].numpy())
    # the same crops with or without augmentation: only the features change, never the targets
    assert all(np.array_equal(a.numpy(), b.numpy()) for a, b in zip(aug[1:], plain[1:]))
    assert np.abs(aug[0].numpy() - plain[0].numpy()).mean() > 0.05


def test_augmentation_changes_the_features_of_every_crop():
    corpus = _toy_corpus()
    cfg = FeatureAugment(warp_prob=1.0, drift_prob=1.0)
    seg = corpus.utterance(0)[0][:300]
    out = augment_raw(seg, np.random.default_rng(0), cfg)
    assert np.abs(out - seg).mean() > 0.05
    with pytest.raises(ValueError, match="warp range"):
        FeatureAugment(warp=(0.2, 1.1))


def test_blur_smooths_the_mel_axis_only():
    rng = np.random.default_rng(0)
    seg = rng.normal(size=(50, F)).astype(np.float32)
    cfg = FeatureAugment(warp_prob=0.0, drift_prob=0.0, blur_prob=1.0)
    out = augment_raw(seg, np.random.default_rng(1), cfg)
    assert out.shape == seg.shape
    assert np.abs(np.diff(out, axis=1)).mean() < 0.6 * np.abs(np.diff(seg, axis=1)).mean()  # bands smoothed
    assert np.allclose(out.mean(1), seg.mean(1), atol=0.15)                                  # level per frame kept


def test_level_wobble_moves_whole_frames_slowly_around_zero():
    g = level_wobble(400, np.random.default_rng(0), 0.8, 12.0)
    assert g.shape == (400, 1)
    assert abs(float(g.mean())) < 1e-5 and np.isclose(float(g.std()), 0.8, rtol=1e-3)
    # syllable-slow: neighbouring frames nearly equal, frames half a second apart unrelated
    assert np.corrcoef(g[:-1, 0], g[1:, 0])[0, 1] > 0.99
    assert abs(np.corrcoef(g[:-50, 0], g[50:, 0])[0, 1]) < 0.3
    seg = np.random.default_rng(1).normal(size=(300, F)).astype(np.float32)
    out = augment_raw(seg, np.random.default_rng(2), FeatureAugment(warp_prob=0.0, drift_prob=0.0, level_prob=1.0))
    shift = out - seg
    assert np.allclose(shift, shift[:, :1], atol=1e-5)   # the same offset in every band: loudness, not colour
    assert shift[:, 0].std() > 0.1


def test_short_clips_are_normalised_on_their_own_and_keep_targets_aligned():
    rng = np.random.default_rng(0)
    seg = (rng.normal(size=(300, F)) + np.linspace(0, 3, F)).astype(np.float32)  # a crop with a spectral offset
    first, clip = short_clip(seg, np.random.default_rng(2), FeatureAugment(short_prob=1.0))
    assert first % 2 == 0 and len(clip) % 2 == 0
    assert 60 <= len(clip) <= 200 and first + len(clip) <= len(seg)
    assert np.abs(clip.mean(0)).max() < 0.5                 # its own mean taken out
    assert short_clip(seg, np.random.default_rng(2), FeatureAugment(short_prob=0.0)) is None
    # in the sampler: a short clip is a short utterance: fewer target frames, each its own frame's target
    corpus = _toy_corpus()
    idx = np.arange(len(corpus))
    pads = np.full((len(corpus), F), -1.0, np.float32)
    args = (corpus, idx, np.full(len(idx), 1 / len(idx)), 300, 6, np.random.default_rng(5), np.zeros(F, np.float32),
            np.ones(F, np.float32), pads)
    x, y, c, m, k = sample_batch(*args, FeatureAugment(short_prob=1.0))
    lengths = m.sum(1).numpy()
    assert (lengths >= 30).all() and (lengths <= 100).all()
    all_targets = corpus.targets.astype(np.float32)
    for b in range(6):
        n = int(lengths[b])
        first = int(np.flatnonzero((all_targets == y[b, 0].numpy()).all(1))[0])  # random targets: rows are unique
        assert np.array_equal(y[b, :n].numpy(), all_targets[first: first + n])  # a contiguous stretch of one utterance
        assert np.array_equal(k[b, :n].numpy(), corpus.phone_class[first: first + n])
        assert (y[b, n:] == 0).all() and (k[b, n:] == -1).all()


def test_each_closure_is_cut_in_its_middle_to_at_least_a_frame_and_features_follow():
    closure = np.zeros(60, np.float32)
    closure[10:20] = 1.0      # 200 ms
    closure[30:33] = 1.0      # 60 ms
    closure[40] = 1.0         # 20 ms: too short to cut
    closure[[9, 20]] = 0.5    # the lips closing and opening
    cfg = FeatureAugment(closure_cut_prob=1.0, closure_keep=(0.25, 0.25))
    keep_t, keep_f = shorten_closures(closure, 119, np.random.default_rng(0), cfg)
    assert len(keep_t) == 60 and len(keep_f) == 119
    assert np.array_equal(np.flatnonzero(~keep_t), [11, 12, 13, 14, 15, 16, 17, 18, 31, 32])  # 200 -> 40 ms, 60 -> 20 ms
    assert np.array_equal(keep_f, np.repeat(keep_t, 2)[:119])                           # two 100 Hz frames per target
    kept = closure[keep_t]
    assert [e.stop - e.start for e in closure_events(kept)] == [2, 1, 1]
    assert kept[9] == 0.5 and kept[12] == 0.5                                             # closing and opening kept
    assert shorten_closures(closure, 119, np.random.default_rng(0), FeatureAugment()) is None  # off by default
    # in the sampler: full-closure runs come out at most a quarter as long (a frame at least)
    corpus = _toy_corpus()
    corpus = replace(corpus, closure=(np.arange(len(corpus.closure)) % 12 < 8).astype(np.float16))
    c = _batch(3, FeatureAugment(closure_cut_prob=1.0, closure_keep=(0.25, 0.25)), corpus)[2].numpy()
    c0 = _batch(3, FeatureAugment(), corpus)[2].numpy()
    assert max(e.stop - e.start for row in c0 for e in closure_events(row)) == 8
    assert max(e.stop - e.start for row in c for e in closure_events(row)) == 2
