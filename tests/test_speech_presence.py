"""The speech-presence detector and its gate: speech vs generated music and noise, the gate leaves
speech's channels as they are and rests the jaw on music, malformed weights are refused, the
config switch turns it off, and the numpy runtime equals its torch twin."""

from pathlib import Path

import numpy as np
import pytest

from portraittalker.errors import PortraitTalkerError
from portraittalker.speech.channels import JAW, LIP_PRESS, NUM_CHANNELS
from portraittalker.speech.closure_decoding import ClosureDecoding, decode_closures
from portraittalker.speech.audio import SAMPLE_RATE_HZ, normalize_loudness
from portraittalker.speech.augment import coloured_noise, synth_instrumental, synth_music
from portraittalker.speech.features import LogMelFeatures
from portraittalker.speech.predict import flame_from_waveform, get_checkpoint
from portraittalker.speech.presence import (
    DEFAULT_PRESENCE_MODEL, PresenceGate, PresenceModel, decode_where_speaking, load_presence_model, presence_gate,
    save_presence_model,
)
from speech_fixtures import speech_16k

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / DEFAULT_PRESENCE_MODEL
CHECKPOINT = ROOT / "models/audio2flame/model.pt"
RATE = 50.0


@pytest.fixture(scope="module")
def presence() -> PresenceModel:
    return load_presence_model(MODEL)


@pytest.fixture(scope="module")
def speech() -> np.ndarray:
    return normalize_loudness(speech_16k("Maybe we can buy a big map of Paris, Bob. It is a long way home.", pad_s=0.3))


def _p(model: PresenceModel, wave: np.ndarray) -> np.ndarray:
    return model(LogMelFeatures(utterance_norm=True)(wave))


def test_detector_separates_speech_from_music_and_noise(presence, speech):
    rng = np.random.default_rng(7)
    n = 6 * SAMPLE_RATE_HZ
    p_speech = _p(presence, speech)
    inner = p_speech[int(0.5 * RATE):-int(0.5 * RATE)]  # away from the pads either side
    assert np.median(inner) > 0.9
    for wave in (synth_music(n, SAMPLE_RATE_HZ, rng), synth_instrumental(n, SAMPLE_RATE_HZ, rng),
                 coloured_noise(n, rng, "pink").astype(np.float32)):
        p = _p(presence, normalize_loudness(0.1 * wave))
        assert np.mean(p > 0.5) < 0.15, np.mean(p > 0.5)


def test_gate_holds_pauses_opens_early_and_rests_elsewhere():
    p = np.zeros(300)
    p[100:150] = 1.0
    p[160:200] = 1.0   # a 0.2 s pause inside speech
    g = presence_gate(p, RATE, PresenceGate())
    assert np.all(g[100:200] == 1.0)              # held over the pause
    assert g[100] == 1.0 and g[100 - 2] > 0.95 and g[100 - 5] > 0.5  # open before the onset (lead 0.12 s)
    short = np.ones(300)
    short[100:120] = 0.0                          # 0.4 s without speech: left to the loudness gate
    assert np.all(presence_gate(short, RATE) == 1.0)
    assert np.all(g[:80] == 0.0) and np.all(g[240:] == 0.0)
    assert np.all((g >= 0) & (g <= 1))


def test_closures_are_decoded_where_someone_speaks_and_nowhere_else():
    """Two short p/b/m the network half heard (a press bump, P(bilabial) high), one in speech and
    one under music: decoding shuts the first exactly as without a gate and finds no closure
    where the gate rests the mouth."""
    m = 200
    channels = np.zeros((m, NUM_CHANNELS), np.float32)
    channels[:, JAW] = 0.4
    bilabial = np.zeros(m, np.float32)
    for at in (50, 150):
        channels[at - 1:at + 2, JAW] = 0.1
        channels[at - 1:at + 2, LIP_PRESS] = (0.2, 0.3, 0.2)
        bilabial[at - 1:at + 2] = (0.6, 0.9, 0.6)
    speaking = np.zeros(m, np.float32)
    speaking[:100] = 1.0
    decoding = ClosureDecoding()
    out = decode_where_speaking(channels, bilabial, RATE, decoding, None, speaking)
    alone, peaks = decode_closures(channels, bilabial, RATE, decoding)
    assert set(peaks.tolist()) >= {50, 150}                  # both are closures to the decoder alone
    np.testing.assert_array_equal(out[:90], alone[:90])      # in speech: decoded exactly as without a gate
    assert out[50, LIP_PRESS] > 0.9 and np.all(out[100:] == 0.0)
    np.testing.assert_array_equal(decode_where_speaking(channels, bilabial, RATE, None, None, None), channels)


def test_gate_leaves_speech_channels_unchanged_and_rests_the_jaw_on_music(presence, speech):
    ckpt = get_checkpoint(CHECKPOINT)
    off = flame_from_waveform(speech, 25, ckpt, presence=None)
    on = flame_from_waveform(speech, 25, ckpt, presence=presence)
    speaking = np.abs(off.jaw_pose[:, 0]) > 0.01
    assert speaking.sum() > 20
    np.testing.assert_array_equal(on.jaw_pose[speaking], off.jaw_pose[speaking])
    np.testing.assert_array_equal(on.expression[speaking], off.expression[speaking])
    for make, most_open in ((synth_instrumental, 0.05), (synth_music, 0.3)):  # the backing alone is harder
        music = normalize_loudness(0.1 * make(6 * SAMPLE_RATE_HZ, SAMPLE_RATE_HZ, np.random.default_rng(5)))
        jaw_off = np.degrees(flame_from_waveform(music, 25, ckpt, presence=None).jaw_pose[:, 0])
        jaw_on = np.degrees(flame_from_waveform(music, 25, ckpt, presence=presence).jaw_pose[:, 0])
        assert np.mean(jaw_off > 3) > 0.3           # the network alone "sings" along (0.49 and more)
        assert np.mean(jaw_on > 3) < most_open and jaw_on.mean() < 0.3 * jaw_off.mean()


def test_malformed_weights_are_refused_with_one_line(tmp_path, presence):
    bad = tmp_path / "model.npz"
    np.savez(bad, format=np.array("speech_presence_v1"), feature_mean=np.zeros(80, np.float32))
    with pytest.raises(PortraitTalkerError) as err:
        load_presence_model(bad)
    assert "not a readable speech-presence model" in str(err.value) and "\n" not in str(err.value)
    wrong = dict(presence.w)
    wrong["conv0_w"] = wrong["conv0_w"][:, :4]
    save_presence_model(wrong, {}, tmp_path / "shape.npz")
    with pytest.raises(PortraitTalkerError, match="conv0"):
        load_presence_model(tmp_path / "shape.npz")
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, format=np.array("speech_presence_v1"), feature_mean=np.array([{"a": 1}], dtype=object))
    with pytest.raises(PortraitTalkerError):
        load_presence_model(pickled)
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(PortraitTalkerError):
        load_presence_model(tmp_path / "junk.npz")
    with pytest.raises(PortraitTalkerError, match="not found"):
        load_presence_model(tmp_path / "missing.npz")


def test_saved_weights_round_trip(tmp_path, presence, speech):
    save_presence_model(presence.w, {"note": "copy"}, tmp_path / "m.npz")
    again = load_presence_model(tmp_path / "m.npz")
    feats = LogMelFeatures(utterance_norm=True)(speech)
    np.testing.assert_array_equal(again(feats), presence(feats))
    assert again.metadata["note"] == "copy"


def test_training_twice_gives_the_same_detector(tmp_path):
    """`make train-speech` reproduces its detector: the speech pool (espeak-ng, each utterance in a
    fresh process), the scenes and the steps are all seeded."""
    pytest.importorskip("torch")
    from portraittalker.speech.presence_training import PresenceTrainConfig, train_presence

    cfg = PresenceTrainConfig(utterances={"espeak": 3}, voice_dir=str(tmp_path), scenes=4, val_scenes=2, scene_s=3.0,
                              steps=3, batch=2, crop=64)
    (w1, m1), (w2, m2) = train_presence(cfg), train_presence(cfg)
    assert m1["speech_utterances"] == 3 and sorted(w1) == sorted(w2)
    for name in w1:
        np.testing.assert_array_equal(w1[name], w2[name], err_msg=name)
    np.testing.assert_equal(m1["validation"], m2["validation"])  # NaN where a share has no frames


def test_numpy_runtime_equals_the_torch_twin(speech):
    torch = pytest.importorskip("torch")
    from portraittalker.speech.presence_training import PresenceTrainConfig, _net, export_weights

    cfg = PresenceTrainConfig(hidden=8, dilations=(1, 3))
    torch.manual_seed(0)
    net = _net(80, cfg).eval()
    feats = LogMelFeatures(utterance_norm=True)(speech)
    mean, std = feats.mean(0), feats.std(0) + 1e-3
    model = PresenceModel(export_weights(net, mean, std, cfg))
    from portraittalker.speech.presence import to_50hz

    with torch.no_grad():
        ref = net(torch.from_numpy(((to_50hz(feats) - mean) / std)[None].astype(np.float32)))[0].numpy()
    np.testing.assert_allclose(model.logits(feats), ref, atol=1e-4)


def test_config_option_switches_the_gate_off(tmp_path):
    from portraittalker.config import load_config

    from portraittalker.config import DEFAULT_CONFIG

    assert load_config().speech.presence_gate is True
    cfg = tmp_path / "c.yaml"
    text = Path(DEFAULT_CONFIG).read_text()
    assert "  presence_gate: true" in text
    cfg.write_text(text.replace("  presence_gate: true", "  presence_gate: false"))
    assert load_config(cfg).speech.presence_gate is False
    from portraittalker.speech.predict import predict_flame

    music = normalize_loudness(0.1 * synth_music(4 * SAMPLE_RATE_HZ, SAMPLE_RATE_HZ, np.random.default_rng(5)))
    import soundfile as sf

    sf.write(tmp_path / "music.wav", music, SAMPLE_RATE_HZ)
    off = predict_flame(tmp_path / "music.wav", checkpoint=CHECKPOINT, presence_model=None)
    on = predict_flame(tmp_path / "music.wav", checkpoint=CHECKPOINT)
    assert np.degrees(off.jaw_pose[:, 0]).mean() > 2 * np.degrees(on.jaw_pose[:, 0]).mean()


def test_workflow_passes_the_switch_to_predict_flame(tmp_path):
    import re
    import subprocess
    import sys

    manifest = tmp_path / "m.yaml"
    manifest.write_text(f"avatars:\n  - {{id: a, prompt: a man}}\nclips:\n  - {{id: c, audio: {ROOT / 'data/clips/en_hello.wav'}}}\n")

    def predict_command(*overrides: str) -> str:
        proc = subprocess.run([sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), "--directory", str(tmp_path),
                               "-n", "-p", "--cores", "1", "results/clips/c/flame.npz", *overrides, "--config", f"manifest={manifest}"],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return re.search(r"predict_flame\.py .*", proc.stdout).group(0)

    on = predict_command()
    assert f"--presence-model {ROOT / DEFAULT_PRESENCE_MODEL}" in on and "--no-presence-gate" not in on
    user = tmp_path / "user.yaml"  # a user's own config file layered over the defaults
    user.write_text("speech: {presence_gate: false}\n")
    off = predict_command("--configfile", str(user))
    assert "--no-presence-gate" in off and "--presence-model" not in off
