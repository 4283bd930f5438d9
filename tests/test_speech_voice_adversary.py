"""Voice-adversarial training (training.VoiceAdversary, `adversary_weight`): the gradient-reversal
layer, that weight 0 changes nothing, and that the adversary never reaches the checkpoint."""

from dataclasses import replace

import numpy as np
import pytest
import torch

from portraittalker.speech.corpus import CorpusConfig, build_corpus, save_corpus
from portraittalker.speech.features import LogMelFeatures
from portraittalker.speech.model import Audio2Flame, ModelConfig
from portraittalker.torch_archive import load_torch_archive
from portraittalker.speech.training import (TrainConfig, VoiceAdversary, dann_strength, pad_rows, reverse_gradient, run_training,
                                            sample_batch, speech_loss, voice_labels, voice_name)
from portraittalker.speech.visemes import VISEME_CLASSES

TINY_MODEL = ModelConfig(d_model=32, num_layers=1, num_heads=2, ff_dim=64, dropout=0.0, num_phone_classes=len(VISEME_CLASSES))


@pytest.fixture(scope="module")
def tiny_corpus():
    cfg = CorpusConfig(languages=("ko", "ja"), sentences_per_language=4, validation_fraction=0.25, engines=("espeak",),
                       held_out_engine_sentences=0, held_out_variant_sentences=1)
    return cfg, *build_corpus(cfg, LogMelFeatures(utterance_norm=True))


def test_gradient_reversal_flips_and_scales_the_gradient():
    torch.manual_seed(0)
    x = torch.randn(3, 5, requires_grad=True)
    w = torch.randn(3, 5)
    y = reverse_gradient(x, 0.37)
    assert torch.equal(y, x)                            # identity forward
    (y * w).sum().backward()
    assert torch.allclose(x.grad, -0.37 * w)
    x.grad = None
    (reverse_gradient(x, 0.0) * w).sum().backward()
    assert torch.equal(x.grad, torch.zeros_like(w))


def test_dann_strength_ramps_from_zero_to_one():
    assert dann_strength(0.0) == 0.0
    assert dann_strength(0.5) == pytest.approx(2 / (1 + np.exp(-5)) - 1)
    assert 0.9999 < dann_strength(1.0) <= 1.0
    assert all(a < b for a, b in zip(map(dann_strength, np.linspace(0, 1, 11)), map(dann_strength, np.linspace(0.1, 1.1, 11))))


def test_voice_names_and_labels_train_voices_only(tiny_corpus):
    assert voice_name("espeak", "de+m3") == voice_name("espeak", "fr+m3") == "espeak:m3"
    assert voice_name("espeak", "en-us") == "espeak:base" and voice_name("festival", "kal_diphone") == "festival:kal_diphone"
    _, corpus, _ = tiny_corpus
    train_idx = corpus.training_indices()
    labels, names = voice_labels(corpus, train_idx)
    assert (labels[train_idx] >= 0).all() and (labels[corpus.split != "train"] == -1).all()
    assert names == sorted({voice_name(e, v) for e, v in zip(corpus.engine[train_idx], corpus.voice[train_idx])})
    assert "espeak:m7" not in names                      # the held-out variant never becomes a class


def test_sample_batch_draws_the_same_with_the_utterances(tiny_corpus):
    _, corpus, _ = tiny_corpus
    idx = corpus.training_indices()
    spec = LogMelFeatures(utterance_norm=True).spec
    mean, std = np.zeros(spec.dim, np.float32), np.ones(spec.dim, np.float32)
    args = (corpus, idx, np.full(len(idx), 1 / len(idx)), 100, 4)
    pads = pad_rows(corpus, spec, mean, std)
    rng_a, rng_b = np.random.default_rng(3), np.random.default_rng(3)
    plain = sample_batch(*args, rng_a, mean, std, pads)
    more = sample_batch(*args, rng_b, mean, std, pads, with_utterances=True)
    assert len(plain) == 5 and len(more) == 6
    assert all(torch.equal(a, b) for a, b in zip(plain, more[:5])) and set(more[5]) <= set(idx)
    assert rng_a.random() == rng_b.random()   # both streams stand at the same place afterwards


def test_weight_zero_leaves_loss_and_gradients_identical():
    """The adversary's path (encode, heads, pooled reversal) at weight 0 gives the network the same
    loss and the same gradients as the plain forward."""
    torch.manual_seed(1)
    model = Audio2Flame(TINY_MODEL)
    adversary = VoiceAdversary(TINY_MODEL.d_model, 5)
    x, y = torch.randn(3, 60, TINY_MODEL.feature_dim), torch.rand(3, 30, TINY_MODEL.num_channels)
    m = torch.ones(3, 30)
    m[1, 20:] = 0
    k = torch.randint(0, len(VISEME_CLASSES), (3, 30))
    cfg = TrainConfig(model=TINY_MODEL)

    def speech(pred, logits):
        return speech_loss(pred, y, m, cfg) + cfg.phone_weight * torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), k.reshape(-1))

    def grads(with_adversary: bool, weight: float):
        model.zero_grad(set_to_none=True)
        if with_adversary:
            h = model.encode(x)
            loss = speech(*model.heads(h))
            total = loss + weight * torch.nn.functional.cross_entropy(adversary(h, m, 0.8), torch.tensor([0, 3, 4]))
        else:
            total = loss = speech(*model.forward_with_phones(x))
        total.backward()
        return loss.item(), {k: p.grad.clone() for k, p in model.named_parameters()}

    loss0, g0 = grads(False, 0.0)
    loss1, g1 = grads(True, 0.0)
    assert loss0 == loss1 and all(torch.equal(g0[k], g1[k]) for k in g0)
    _, g2 = grads(True, 0.5)   # and a weight above 0 does reach the encoder, not the channel head
    assert not torch.equal(g0["front.0.weight"], g2["front.0.weight"]) and torch.equal(g0["head.weight"], g2["head.weight"])


def test_tiny_adversarial_training_runs_and_saves_the_network_alone(tmp_path, tiny_corpus):
    cfg, corpus, records = tiny_corpus
    save_corpus(corpus, records, cfg, tmp_path / "corpus")
    keys = {}
    for weight in (0.0, 0.5):
        out = tmp_path / f"w{weight}" / "model.pt"
        figures = run_training(tmp_path / "corpus", out, steps=6, max_minutes=2, batch_size=4, threads=1, adversary_weight=weight,
                               model=TINY_MODEL, eval_every=3)
        assert ("voice_adversary" in figures) == (weight > 0)
        keys[weight] = set(load_torch_archive(out, what="test")["state_dict"])
    assert keys[0.0] == keys[0.5] and not any("adversary" in k or k.startswith("net.") for k in keys[0.5])
    assert len(figures["voice_adversary"]["train_accuracy_by_interval"]) == 2


def test_adversarial_training_is_seeded(tiny_corpus):
    from portraittalker.speech.training import train

    _, corpus, _ = tiny_corpus
    cfg = TrainConfig(steps=4, eval_every=4, batch_size=2, crop_s=1.0, model=TINY_MODEL, adversary_weight=0.3, closure_decoding=None)
    spec = LogMelFeatures(utterance_norm=True).spec
    a, _, _ = train(corpus, spec, cfg)
    b, _, _ = train(corpus, spec, cfg)
    c, _, _ = train(corpus, spec, replace(cfg, adversary_weight=0.0))
    sa, sb, sc = (x.model.state_dict() for x in (a, b, c))
    assert all(torch.equal(sa[k], sb[k]) for k in sa)
    assert not all(torch.equal(sa[k], sc[k]) for k in sa)
