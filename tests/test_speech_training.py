"""Corpus building, training, the report, HDTF-style user data and the wav2vec2/HuBERT option.

Everything here is tiny (a handful of sentences, a one-layer model, a few steps) but real:
real espeak speech, real feature extractors, real optimisation, real files.
"""

import json
import runpy
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import torch

from portraittalker.errors import MissingWeightsError, PortraitTalkerError
from portraittalker.head.basis import BUNDLED_HEAD_ID
from portraittalker.io import FlameSequence, save_flame
from portraittalker.speech.audio import SAMPLE_RATE_HZ
from portraittalker.speech.channels import JAW, channels_to_arkit
from portraittalker.speech.checkpoint import load_checkpoint, save_checkpoint
from portraittalker.speech.corpus import CorpusConfig, build_corpus, load_corpus, resample_to_16k, save_corpus, targets_for
from portraittalker.speech.espeak import ESpeak
from portraittalker.speech.features import LogMelFeatures, Wav2Vec2Features
from portraittalker.speech.hdtf import load_user_corpus
from portraittalker.speech.model import ModelConfig
from portraittalker.speech.predict import predict_flame
from portraittalker.speech.training import TrainConfig, run_training, train
from portraittalker.speech.visemes import VISEME_CLASSES

TINY_MODEL = ModelConfig(d_model=32, num_layers=1, num_heads=2, ff_dim=64, dropout=0.0, num_phone_classes=len(VISEME_CLASSES))
TINY_TRAIN = TrainConfig(steps=4, eval_every=2, batch_size=2, crop_s=1.0, model=TINY_MODEL)


@pytest.fixture(scope="module")
def tiny_corpus():
    cfg = CorpusConfig(languages=("ko", "ja"), sentences_per_language=4, validation_fraction=0.25, engines=("espeak",),
                       held_out_engine_sentences=0, held_out_variant_sentences=1)
    return cfg, *build_corpus(cfg, LogMelFeatures(utterance_norm=True))


def test_corpus_is_deterministic_split_and_aligned(tiny_corpus):
    cfg, corpus, records = tiny_corpus
    assert len(corpus) == 10 and set(corpus.language) == {"ko", "ja"}
    assert corpus.split.tolist().count("val") == 4  # at least two held out per language
    assert corpus.split.tolist().count("test") == 2  # one held-out espeak voice variant per language
    assert set(corpus.voice[corpus.split == "test"]) <= {f"{c}+m7" for c in ("ko", "ja")}
    # Sentences, voices and prosody are seeded; libespeak-ng's waveform itself varies by a few
    # samples from call to call, so the corpus hash identifies a build, not a config.
    again, again_records = build_corpus(cfg, LogMelFeatures(utterance_norm=True))
    assert [(r["text"], r["voice"], r["rate_wpm"]) for r in again_records] == [(r["text"], r["voice"], r["rate_wpm"]) for r in records]
    for i in range(len(corpus)):
        f, t, c = corpus.utterance(i)
        assert len(t) == (len(f) + 1) // 2 and len(c) == len(t)
        assert t[:, JAW].max() > 0.5 and t[:3, JAW].max() < 0.1   # speech opens the jaw; the lead-in pad is shut
        assert corpus.classes(i)[:3].tolist() == [0, 0, 0] and corpus.classes(i).max() > 0  # silence, then phones
    assert len({r["voice"] for r in records}) > 2                  # voice variants are drawn


def test_training_improves_and_writes_checkpoint_and_report(tmp_path: Path, tiny_corpus):
    cfg, corpus, records = tiny_corpus
    save_corpus(corpus, records, cfg, tmp_path / "corpus")
    assert load_corpus(tmp_path / "corpus").corpus_hash == corpus.corpus_hash
    out = tmp_path / "model" / "model.pt"
    torch.manual_seed(0)
    figures = run_training(tmp_path / "corpus", out, steps=6, max_minutes=2, batch_size=4, threads=1)
    assert set(figures["per_language"]) == {"ko", "ja"}
    assert set(figures["test"]["per_language"]) == {"ko held-out voices", "ja held-out voices"}
    meta = json.loads((out.parent / "metadata.json").read_text())
    assert meta["features"]["kind"] == "logmel" and meta["head_model"] == BUNDLED_HEAD_ID
    assert meta["corpus_hash"] == corpus.corpus_hash and "per_language" in meta["validation"]
    assert meta["features"]["utterance_norm"] is True and meta["held_out_test"]["per_language"]
    report = json.loads((out.parent / "report.json").read_text())
    assert len(report["history"]["train_loss"]) == 6
    assert (out.parent / "loss_curves.png").stat().st_size > 1000 and "Pearson" in (out.parent / "report.md").read_text()
    # final figures are as inference delivers them (closure decoding), with the network's own beside them
    assert meta["validation"]["closure_decoding"]["enabled"] and "closed_fraction" in meta["held_out_test"]["bilabial_network"]
    assert (out.parent / "report.md").read_text().count("the network alone, before closure decoding") == 2
    assert out.stat().st_size < 5e6
    ckpt = load_checkpoint(out)
    assert ckpt.feature_spec.kind == "logmel"
    assert ckpt.model.config.freq_channels == TrainConfig().model.freq_channels > 0   # the 2-D front by default
    # the step script's --freq-channels 0 trains the dense front alone (what older checkpoints hold),
    # --context-s another attention reach than TrainConfig's
    train_step = runpy.run_path(str(Path(__file__).parent.parent / "steps" / "train_audio2flame.py"), run_name="not_main")["main"]
    dense = tmp_path / "dense" / "model.pt"
    train_step(["--corpus", str(tmp_path / "corpus"), "--out", str(dense), "--steps", "2", "--max-minutes", "1",
                "--batch-size", "4", "--freq-channels", "0", "--context-s", "1.0"])
    config = load_checkpoint(dense).model.config
    assert config.freq_channels == 0 and config.front_dim == config.feature_dim
    assert config.context_s == 1.0 and config.reach_frames == 50


class _StalledClock:
    """time.monotonic of a machine that stalls once: 0 at the start, then `later` minutes."""

    def __init__(self, later_minutes: float) -> None:
        self.calls, self.later_s = 0, later_minutes * 60

    def monotonic(self) -> float:
        self.calls += 1
        return 0.0 if self.calls == 1 else self.later_s


def _trained_weights(corpus, cfg) -> dict:
    torch.manual_seed(0)
    ckpt, _, _ = train(corpus, LogMelFeatures(utterance_norm=True).spec, cfg)
    return {k: v.clone() for k, v in ckpt.model.state_dict().items()}


def test_weights_do_not_depend_on_how_busy_the_machine_was(tiny_corpus, monkeypatch):
    from portraittalker.speech import training

    _, corpus, _ = tiny_corpus
    cfg = replace(TINY_TRAIN, steps=4, eval_every=4, max_minutes=10.0, closure_decoding=None)
    idle = _trained_weights(corpus, cfg)
    monkeypatch.setattr(training, "time", _StalledClock(later_minutes=6.0))  # 60% of the budget gone at once
    busy = _trained_weights(corpus, cfg)
    assert all(torch.equal(idle[k], busy[k]) for k in idle)
    # the clock-following schedule decays faster on that machine, so its weights differ
    monkeypatch.setattr(training, "time", _StalledClock(later_minutes=6.0))
    clocked = _trained_weights(corpus, replace(cfg, follow_clock=True))
    assert not all(torch.equal(idle[k], clocked[k]) for k in idle)


def test_loss_goes_down_in_a_few_dozen_steps(tiny_corpus):
    _, corpus, _ = tiny_corpus
    torch.manual_seed(0)
    _, history, _ = train(corpus, LogMelFeatures(utterance_norm=True).spec, replace(TINY_TRAIN, steps=40, eval_every=40, lr=3e-3, batch_size=4))
    assert np.mean(history.train_loss[-8:]) < 0.7 * np.mean(history.train_loss[:4])


def _write_clip(root: Path, name: str, text: str, fps: float = 25, basis: str = "arkit52") -> None:
    """A tracked clip: espeak speech + 'tracked' FLAME from its phonemes, at video rate."""
    utt = ESpeak.get().synthesize(text, "en-us")
    wave = resample_to_16k(utt.waveform, utt.sample_rate_hz)
    clip = root / name
    clip.mkdir(parents=True)
    sf.write(clip / "audio.wav", np.stack([wave, wave], 1), SAMPLE_RATE_HZ)  # stereo on purpose
    duration = len(wave) / SAMPLE_RATE_HZ
    t50, _ = targets_for(utt.phonemes, len(wave))
    n = round(duration * fps)
    grid = (np.arange(n) + 0.5) / fps
    tracked = np.stack([np.interp(grid, (np.arange(len(t50)) + 0.5) / 50, t50[:, k]) for k in range(t50.shape[1])], 1)
    jaw, expr = channels_to_arkit(tracked)
    zeros = np.zeros((n, 3), np.float32)
    save_flame(FlameSequence(expr, jaw, zeros, zeros, np.zeros((n, 6), np.float32), fps), clip / "flame.npz")
    if basis != "arkit52":  # written by another tool, in another expression basis
        with np.load(clip / "flame.npz") as data:
            arrays = {k: data[k] for k in data.files}
        np.savez(clip / "flame.npz", **{**arrays, "expression_basis": np.array(basis)})


def test_hdtf_style_user_data_loads_and_trains(tmp_path: Path):
    root = tmp_path / "hdtf"
    for i, text in enumerate(["Papa made a map.", "Bob is my buddy.", "A mama bear, maybe."]):
        _write_clip(root, f"clip{i}", text)
    (root / "incomplete").mkdir()  # folders without both files are skipped
    corpus = load_user_corpus(root, LogMelFeatures())
    assert len(corpus) == 3 and set(corpus.split) == {"train", "val"}
    f, t, _ = corpus.utterance(0)
    assert len(t) == (len(f) + 1) // 2 and t[:, JAW].max() > 0.5
    torch.manual_seed(0)
    ckpt, _, figures = train(corpus, LogMelFeatures().spec, TINY_TRAIN)
    assert "user" in figures["per_language"]


def test_hdtf_refuses_another_basis(tmp_path: Path):
    _write_clip(tmp_path / "hdtf", "a", "Hello there.", basis="flame2020")
    with pytest.raises(PortraitTalkerError, match="flame2020"):
        load_user_corpus(tmp_path / "hdtf", LogMelFeatures())


def _tiny_speech_encoder(kind: str, path: Path) -> None:
    from transformers import HubertConfig, HubertModel, Wav2Vec2Config, Wav2Vec2Model

    config_cls, model_cls = (Wav2Vec2Config, Wav2Vec2Model) if kind == "wav2vec2" else (HubertConfig, HubertModel)
    cfg = config_cls(hidden_size=24, num_hidden_layers=2, num_attention_heads=2, intermediate_size=48,
                     conv_dim=(16,) * 7, num_conv_pos_embeddings=8, num_conv_pos_embedding_groups=2, vocab_size=8)
    torch.manual_seed(0)
    model_cls(cfg).save_pretrained(path)


@pytest.mark.parametrize("kind", ["wav2vec2", "hubert"])
def test_wav2vec2_features_from_a_local_model(tmp_path: Path, kind):
    enc = tmp_path / kind
    _tiny_speech_encoder(kind, enc)
    extractor = Wav2Vec2Features(enc)
    wave = np.random.default_rng(0).standard_normal(SAMPLE_RATE_HZ + 123).astype(np.float32) * 0.1
    feats = extractor(wave)
    assert feats.shape == (-(-len(wave) // 160), 24) and np.isfinite(feats).all()
    assert extractor.spec.kind == "wav2vec2" and kind in extractor.spec.encoder_id

    cfg = CorpusConfig(languages=("en",), sentences_per_language=3, validation_fraction=0.34, engines=("espeak",),
                       held_out_engine_sentences=0, held_out_variant_sentences=0)
    corpus, _ = build_corpus(cfg, extractor)
    ckpt, _, _ = train(corpus, extractor.spec, TINY_TRAIN)
    path = tmp_path / "w2v_model" / "model.pt"
    save_checkpoint(ckpt, path)
    wav = tmp_path / "s.wav"
    sf.write(wav, wave, SAMPLE_RATE_HZ)
    seq = predict_flame(wav, fps=25, checkpoint=path, features="wav2vec2", wav2vec2_path=enc)
    assert seq.num_frames == round(len(wave) / SAMPLE_RATE_HZ * 25)
    with pytest.raises(PortraitTalkerError, match="trained on wav2vec2"):
        predict_flame(wav, checkpoint=path, features="logmel")


def test_missing_encoder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(MissingWeightsError, match="config.json missing"):
        Wav2Vec2Features(tmp_path / "nowhere")


def test_false_closure_penalty_counts_pressed_lips_in_open_vowels_only():
    from portraittalker.speech.channels import LIP_PRESS
    from portraittalker.speech.training import false_closure_penalty

    pred, target = torch.zeros(1, 4, 14), torch.zeros(1, 4, 14)
    target[0, :2, JAW] = 0.9                 # frames 0-1 open vowels, 2-3 a closure
    pred[0, :, LIP_PRESS] = torch.tensor([0.75, 0.1, 1.0, 1.0])
    assert torch.isclose(false_closure_penalty(pred, target, torch.ones(1, 4)), torch.tensor(0.25))  # (0.5 + 0) / 2
    assert false_closure_penalty(pred, target, torch.tensor([[0.0, 1.0, 1.0, 1.0]])) == 0


def test_jaw_correlation_loss_reads_the_contour_not_its_level_or_scale():
    from portraittalker.speech.training import jaw_correlation_loss

    target = torch.zeros(3, 50, 14)
    target[..., JAW] = torch.sin(torch.linspace(0, 6, 50))
    target[2, :, JAW] = 0.4                   # a pause: its crop is left out
    pred = target.clone()
    pred[0, :, JAW] = 3 * target[0, :, JAW] + 1  # the same contour, louder and offset
    pred[1, :, JAW] = -target[1, :, JAW]         # the contour upside down
    mask = torch.ones(3, 50)
    assert torch.isclose(jaw_correlation_loss(pred, target, mask), torch.tensor(1.0), atol=1e-5)  # (0 + 2) / 2
    assert torch.isclose(jaw_correlation_loss(pred[:1], target[:1], mask[:1]), torch.tensor(0.0), atol=1e-5)
    pred[0, 25:, JAW] = 9.0                      # padding past the mask does not count
    mask[0, 25:] = 0
    assert torch.isclose(jaw_correlation_loss(pred[:1], target[:1], mask[:1]), torch.tensor(0.0), atol=1e-5)
    assert jaw_correlation_loss(pred[2:], target[2:], mask[2:]) == 0
