"""wav2vec2/HuBERT features of a long recording in overlapping chunks: the encoder never sees
more than one chunk plus its context, and the features equal one whole-recording pass."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from portraittalker.speech.audio import SAMPLE_RATE_HZ, decode_audio
from portraittalker.speech.features import EncoderChunking, Wav2Vec2Features

ROOT = Path(__file__).resolve().parent.parent
CHUNKING = EncoderChunking(chunk_s=10.0, context_s=3.0)


def tiny_encoder(kind: str, norm: str, path: Path) -> Path:
    from transformers import HubertConfig, HubertModel, Wav2Vec2Config, Wav2Vec2Model

    config_cls, model_cls = (Wav2Vec2Config, Wav2Vec2Model) if kind == "wav2vec2" else (HubertConfig, HubertModel)
    cfg = config_cls(hidden_size=24, num_hidden_layers=2, num_attention_heads=2, intermediate_size=48,
                     conv_dim=(16,) * 7, num_conv_pos_embeddings=8, num_conv_pos_embedding_groups=2, vocab_size=8,
                     feat_extract_norm=norm, conv_bias=norm == "layer")
    torch.manual_seed(0)
    model_cls(cfg).save_pretrained(path)
    return path


@pytest.fixture(scope="module")
def long_speech() -> np.ndarray:
    """About 66 s: the demo clips one after another at varying loudness."""
    clips = [decode_audio(ROOT / "data" / "clips" / f"{name}.wav") for name in ("en_hello", "ko_hello")]
    gains = np.random.default_rng(0).uniform(0.5, 1.5, 16)
    return np.concatenate([clips[i % 2] * g for i, g in enumerate(gains)]).astype(np.float32)


@pytest.mark.parametrize("kind, norm", [("wav2vec2", "group"), ("hubert", "layer")])
def test_chunked_features_equal_one_whole_pass_with_bounded_input(tmp_path, long_speech, kind, norm):
    extractor = Wav2Vec2Features(tiny_encoder(kind, norm, tmp_path / kind), chunking=CHUNKING)
    lengths = []
    extractor._model.register_forward_pre_hook(lambda module, args, kwargs: lengths.append(args[0].shape[-1]),
                                               with_kwargs=True)
    chunked = extractor(long_speech)
    assert len(lengths) == 7  # 66 s in 10 s chunks
    assert max(lengths) <= (CHUNKING.chunk_s + 2 * CHUNKING.context_s) * SAMPLE_RATE_HZ + 400

    # The reference: the plain transformers model over the whole recording at once.
    x = torch.from_numpy(long_speech)
    x = (x - x.mean()) / (x.std() + 1e-7)
    with torch.no_grad():
        hidden = extractor._model(x[None], output_hidden_states=True).hidden_states[-1][0]
    whole = torch.nn.functional.interpolate(hidden.T[None], size=len(chunked), mode="linear",
                                            align_corners=False)[0].T.numpy()
    assert chunked.shape == whole.shape == (-(-len(long_speech) // 160), 24)
    rms = np.sqrt((whole ** 2).mean())
    assert np.abs(chunked - whole).max() < 0.01 * np.abs(whole).max()
    assert np.sqrt(((chunked - whole) ** 2).mean()) < 0.002 * rms


def test_group_norm_statistics_matter(tmp_path, long_speech):
    """Why the whole-recording statistics: with each chunk's own group-norm statistics the
    features of a group-norm encoder drift by about 10% (the test above would fail)."""
    extractor = Wav2Vec2Features(tiny_encoder("wav2vec2", "group", tmp_path / "w"), chunking=CHUNKING)
    with_stats = extractor(long_speech)
    extractor._whole_recording_norm = lambda x: __import__("contextlib").nullcontext()
    per_chunk = extractor(long_speech)
    rel = np.sqrt(((with_stats - per_chunk) ** 2).mean() / (with_stats ** 2).mean())
    assert rel > 0.02


def test_encoder_loads_only_local_files(tmp_path, monkeypatch):
    import transformers

    path = tiny_encoder("wav2vec2", "layer", tmp_path / "w")
    calls = []
    for cls in (transformers.AutoConfig, transformers.AutoModel):
        original = cls.from_pretrained.__func__

        def spy(klass, *args, _original=original, **kwargs):
            calls.append((klass.__name__, kwargs.get("local_files_only"), kwargs.get("use_safetensors")))
            return _original(klass, *args, **kwargs)

        monkeypatch.setattr(cls, "from_pretrained", classmethod(spy))
    Wav2Vec2Features(path)
    assert ("AutoConfig", True, None) in calls and ("AutoModel", True, True) in calls
