"""The numpy runtime of Audio2Flame (inference) gives the torch module's outputs, and the
predict_flame step runs on it without ever importing torch."""

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import torch

from portraittalker.errors import PortraitTalkerError
from portraittalker.io import load_flame
from portraittalker.speech.audio import SAMPLE_RATE_HZ
from portraittalker.speech.checkpoint import Checkpoint, load_checkpoint, save_checkpoint
from portraittalker.speech.features import FeatureSpec, LogMelFeatures
from portraittalker.speech.model import Audio2Flame, ModelConfig
from portraittalker.speech.model_numpy import Audio2FlameNumpy, erf, parameter_shapes
from portraittalker.speech.predict import flame_from_waveform, load_speech
from speech_fixtures import speech_16k

ROOT = Path(__file__).resolve().parent.parent
CHECKPOINT = ROOT / "models/audio2flame/model.pt"
TOLERANCE = 1e-4  # float32 sums in another order; the channels span ~[0, 1]


def torch_outputs(model: Audio2Flame, features: np.ndarray):
    with torch.no_grad():
        channels, phones = model.forward_with_phones(torch.from_numpy(features))
    return channels.numpy(), (phones.numpy() if phones is not None else None)


def test_erf_is_float32_accurate():
    x = np.linspace(-6, 6, 24001, dtype=np.float32)
    exact = np.array([math.erf(v) for v in x.astype(np.float64)])
    assert np.abs(erf(x) - exact).max() < 1e-6 and erf(x).dtype == np.float32


def test_shipped_checkpoint_on_real_features_matches_torch():
    numpy_ckpt, torch_ckpt = load_checkpoint(CHECKPOINT), load_checkpoint(CHECKPOINT, runtime="torch")
    assert isinstance(numpy_ckpt.model, Audio2FlameNumpy) and isinstance(torch_ckpt.model, Audio2Flame)
    feats = numpy_ckpt.normalise(LogMelFeatures(utterance_norm=numpy_ckpt.feature_spec.utterance_norm)(speech_16k()))
    batch = np.stack([feats[:200], feats[-200:]])  # two windows, as predict_channels batches them
    channels, phones = numpy_ckpt.forward_with_phones(batch)
    ref_channels, ref_phones = torch_outputs(torch_ckpt.model, batch)
    assert channels.shape == ref_channels.shape == (2, 100, numpy_ckpt.model.config.num_channels)
    assert np.abs(channels - ref_channels).max() < TOLERANCE and np.abs(phones - ref_phones).max() < TOLERANCE
    assert np.array_equal(torch_ckpt.forward_with_phones(batch)[0], ref_channels)  # either runtime, one call


@pytest.mark.parametrize("num_frames, freq_channels, freq_layers", [(7, 0, 2), (130, 0, 2), (261, 0, 2), (7, 3, 2),
                                                                    (130, 4, 3), (261, 3, 1)])
def test_random_tiny_model_matches_torch(num_frames, freq_channels, freq_layers):
    """Random weights everywhere (norms included), a reach shorter than the clip, odd lengths; with
    and without the 2-D convolutions over the mel bands (odd band counts: 11 -> 6 -> 3 -> 2)."""
    config = ModelConfig(feature_dim=11, d_model=24, num_layers=2, num_heads=3, ff_dim=40, dropout=0.0, context_s=0.3,
                         num_channels=5, num_phone_classes=4, freq_channels=freq_channels, freq_layers=freq_layers)
    torch.manual_seed(num_frames)
    model = Audio2Flame(config).eval()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn_like(p) * 0.3)
    features = np.random.default_rng(num_frames).standard_normal((2, num_frames, 11)).astype(np.float32)
    state = {k: v.numpy() for k, v in model.state_dict().items()}
    assert {k: v.shape for k, v in state.items()} == parameter_shapes(config)
    channels, phones = Audio2FlameNumpy(config, state).forward_with_phones(features)
    ref_channels, ref_phones = torch_outputs(model, features)
    assert channels.shape == ref_channels.shape and phones.shape == ref_phones.shape
    assert np.abs(channels - ref_channels).max() < TOLERANCE and np.abs(phones - ref_phones).max() < TOLERANCE
    no_phones = ModelConfig(**{**config.to_dict(), "num_phone_classes": 0})
    state = {k: v for k, v in state.items() if not k.startswith("phone_head.")}
    assert Audio2FlameNumpy(no_phones, state).forward_with_phones(features)[1] is None


def test_a_checkpoint_saved_here_loads_for_either_runtime(tmp_path: Path):
    config = ModelConfig(feature_dim=80, d_model=16, num_layers=1, num_heads=2, ff_dim=32, num_phone_classes=3)
    spec = FeatureSpec(kind="logmel", dim=80)
    ckpt = Checkpoint(model=Audio2Flame(config).eval(), feature_spec=spec, feature_mean=np.zeros(80, np.float32),
                      feature_std=np.ones(80, np.float32))
    save_checkpoint(ckpt, tmp_path / "model.pt")
    loaded = load_checkpoint(tmp_path / "model.pt")
    assert loaded.model.config == config and loaded.feature_spec == spec
    features = np.random.default_rng(0).standard_normal((1, 90, 80)).astype(np.float32)
    ref = load_checkpoint(tmp_path / "model.pt", runtime="torch").forward_with_phones(features)[0]
    assert np.abs(loaded.forward_with_phones(features)[0] - ref).max() < TOLERANCE
    save_checkpoint(loaded, tmp_path / "again.pt")  # a numpy-runtime checkpoint saves the same weights
    np.testing.assert_array_equal(load_checkpoint(tmp_path / "again.pt").model.weights["head.weight"],
                                  loaded.model.weights["head.weight"])


def test_a_front_of_2d_convolutions_needs_at_least_one_layer():
    with pytest.raises(ValueError, match="freq_layers"):
        ModelConfig(freq_channels=4, freq_layers=0)
    assert ModelConfig(freq_channels=0, freq_layers=0).front_dim == 80   # no 2-D front: the layers do not matter


def test_weights_that_do_not_fit_the_config_are_refused(tmp_path: Path):
    small = Audio2Flame(ModelConfig(feature_dim=80, d_model=16, num_layers=1, num_heads=2, ff_dim=32))
    spec = FeatureSpec(kind="logmel", dim=80)
    save_checkpoint(Checkpoint(model=small, feature_spec=spec, feature_mean=np.zeros(80, np.float32),
                               feature_std=np.ones(80, np.float32)), tmp_path / "model.pt")
    payload = torch.load(tmp_path / "model.pt", weights_only=True)
    payload["model_config"]["num_layers"] = 2  # the file claims a layer it has no weights for
    torch.save(payload, tmp_path / "model.pt")
    with pytest.raises(PortraitTalkerError, match=r"model\.pt: not a readable audio2flame checkpoint .*missing"):
        load_checkpoint(tmp_path / "model.pt")


def test_predict_flame_step_never_imports_torch_and_matches_the_torch_runtime(tmp_path: Path):
    wav, out = tmp_path / "audio.wav", tmp_path / "flame.npz"
    sf.write(wav, speech_16k("Maybe we can buy a big map of Paris, Bob.", pad_s=0.31), SAMPLE_RATE_HZ)
    check = ("import runpy, sys; sys.argv = sys.argv[1:]; "
             "runpy.run_path(sys.argv[0], run_name='not_main')['main'](sys.argv[1:]); "
             "assert 'torch' not in sys.modules, 'torch was imported'")
    proc = subprocess.run([sys.executable, "-c", check, str(ROOT / "steps/predict_flame.py"), "--audio", str(wav),
                           "--out", str(out), "--arkit-csv", str(tmp_path / "arkit.csv"), "--threads", "1"],  # as the rule runs it
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "arkit.csv").stat().st_size > 0
    seq = load_flame(out)
    ref = flame_from_waveform(load_speech(wav), 25, load_checkpoint(CHECKPOINT, runtime="torch"))
    assert seq.num_frames == ref.num_frames
    for name in ("expression", "jaw_pose", "neck_pose", "global_pose", "eye_pose"):
        assert np.abs(getattr(seq, name) - getattr(ref, name)).max() < TOLERANCE, name
