"""Training the speech-presence detector (presence.py) on generated data only.

Speech: utterances of the corpus builder's training jobs (espeak-ng, Festival, Open JTalk; never the
held-out engine or voices, never validation or test sentences), spoken as the corpus speaks them.
Non-speech: synthetic instrumental music (augment.synth_instrumental: chords, bass and drums, a
melody line, or both), coloured noise (steady or swelling like wind), room tone and silence.
Scenes of `scene_s` seconds lay one to three utterances (or none) over a background that spans all
or part of the scene, at a speech-over-background ratio drawn from `snr_db`: speech under music or
noise is labelled speech, music or noise alone is not. Labels run from an utterance's first phone to
the end of its last (short pauses inside an utterance count as speech). Features are the
utterance-normalised log-mel of the whole scene, as inference computes them for a clip, with the
corpus's vocal-tract warp. Seeded and deterministic; torch only here, inference is numpy.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field

import numpy as np

from .audio import SAMPLE_RATE_HZ, normalize_loudness
from .augment import add_noise_floor, add_reverb, coloured_noise, snr_gain, synth_instrumental, telephone
from .features import LogMelFeatures, num_feature_frames
from .presence import PresenceGate, presence_gate, to_50hz

log = logging.getLogger(__name__)
RATE_50 = 50.0


@dataclass(frozen=True)
class PresenceTrainConfig:
    seed: int = 0
    # corpus training jobs spoken, per engine (evenly spread over each engine's training jobs)
    utterances: dict = field(default_factory=lambda: {"espeak": 240, "festival": 160, "openjtalk": 40})
    voice_dir: str = "results/tts_voices"   # the Open JTalk HTS voice (corpus.CorpusConfig.voice_dir)
    scenes: int = 1000
    val_scenes: int = 96
    scene_s: float = 8.0
    speech_prob: float = 0.7        # share of scenes with speech in them
    partial_background_prob: float = 0.3  # the background covers only part of the scene
    snr_db: tuple[float, float] = (0.0, 30.0)   # speech over music / noise
    reverb_prob: float = 0.3
    telephone_prob: float = 0.05
    vtlp_warp: tuple[float, float] = (0.88, 1.12)
    hidden: int = 32
    dilations: tuple[int, ...] = (1, 2, 4, 8, 16)
    steps: int = 3000
    batch: int = 16
    crop: int = 256                 # 50 Hz frames per training crop
    lr: float = 3e-3
    threads: int = 1

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SpeechClip:
    wave: np.ndarray     # [N] 16 kHz
    start_s: float       # first phone
    end_s: float         # end of the last phone


def speech_span(phonemes, duration_s: float) -> tuple[float, float]:
    """(first phone's start, last phone's end) of an Utterance's events ("" is silence)."""
    spoken = [k for k, p in enumerate(phonemes) if p.ipa]
    if not spoken:
        return 0.0, 0.0
    last = spoken[-1]
    end = phonemes[last + 1].start_s if last + 1 < len(phonemes) else duration_s
    return float(phonemes[spoken[0]].start_s), float(min(end, duration_s))


def speech_pool(cfg: PresenceTrainConfig) -> list[SpeechClip]:
    """The corpus builder's training utterances (its jobs, texts and voices), `cfg.utterances` per engine."""
    from .corpus import CorpusConfig, _batches, _synthesize, plan_jobs, resample_to_16k

    ccfg = CorpusConfig(engines=tuple(cfg.utterances), voice_dir=cfg.voice_dir)
    jobs = [j for j in plan_jobs(ccfg) if j.split == "train"]
    chosen = []
    for engine, count in cfg.utterances.items():
        mine = [j for j in jobs if j.engine == engine]
        if count and mine:
            chosen += [mine[int(k)] for k in np.linspace(0, len(mine) - 1, min(count, len(mine))).round().astype(int)]
    pool = []
    for batch in _batches(chosen):
        for utt, _, _ in _synthesize(batch, ccfg):
            wave = resample_to_16k(utt.waveform, utt.sample_rate_hz)
            start, end = speech_span(utt.phonemes, len(wave) / SAMPLE_RATE_HZ)
            if end > start:
                pool.append(SpeechClip(wave, start, end))
    return pool


def background(kind: str, n: int, rng: np.random.Generator) -> np.ndarray:
    """[n] unit-rms non-speech of `kind`: music, noise (steady or swelling), room (low coloured noise)."""
    if kind == "music":
        return synth_instrumental(n, SAMPLE_RATE_HZ, rng)
    if kind in ("noise", "room"):
        x = coloured_noise(n, rng, str(rng.choice(["white", "pink", "brown"] if kind == "noise" else ["pink", "brown"])))
        if kind == "noise" and rng.random() < 0.4:  # swelling, like wind or traffic
            t = np.arange(n) / SAMPLE_RATE_HZ
            x = x * (1 + 0.8 * np.sin(2 * np.pi * rng.uniform(0.1, 1.0) * t + rng.uniform(0, 2 * np.pi)))
        return (x / (np.sqrt(np.mean(x**2)) + 1e-12)).astype(np.float32)
    return np.zeros(n, np.float32)


BACKGROUNDS = ("silence", "room", "noise", "music", "music")  # music twice: the case this is for


def make_scene(pool: list[SpeechClip], cfg: PresenceTrainConfig, rng: np.random.Generator,
               extractor: LogMelFeatures) -> tuple[np.ndarray, np.ndarray]:
    """One scene -> (utterance-normalised log-mel [N, 80] at 100 Hz, speech labels [ceil(N/2)] at 50 Hz)."""
    n = int(cfg.scene_s * SAMPLE_RATE_HZ)
    m = -(-num_feature_frames(n) // 2)
    voice = np.zeros(n, np.float64)
    labels = np.zeros(m, np.float32)
    t50 = (np.arange(m) + 0.5) / RATE_50
    if rng.random() < cfg.speech_prob:
        pos = rng.uniform(-1.0, 0.6 * cfg.scene_s)
        for _ in range(int(rng.integers(1, 4))):
            clip = pool[int(rng.integers(len(pool)))]
            w = clip.wave.astype(np.float64)
            if rng.random() < cfg.reverb_prob:
                w = add_reverb(w, SAMPLE_RATE_HZ, rng.uniform(0.1, 0.7), rng).astype(np.float64)
            w = w / (np.abs(w).max() + 1e-9) * 10 ** (rng.uniform(-6, 0) / 20)
            i0 = int(pos * SAMPLE_RATE_HZ)
            lo, hi = max(0, i0), min(n, i0 + len(w))
            if hi > lo:
                voice[lo:hi] += w[lo - i0:hi - i0]
                labels[(t50 >= pos + clip.start_s) & (t50 < pos + clip.end_s)] = 1.0
            pos += len(w) / SAMPLE_RATE_HZ + rng.uniform(0.2, 3.0)
            if pos > cfg.scene_s:
                break
    kind = str(rng.choice(BACKGROUNDS))
    bg = background(kind, n, rng).astype(np.float64)
    if kind != "silence" and rng.random() < cfg.partial_background_prob:
        a, b = np.sort(rng.uniform(0, n, 2)).astype(int)
        ramp = np.zeros(n)
        ramp[a:b] = 1.0
        bg = bg * np.convolve(ramp, np.ones(800) / 800, mode="same")
    speaking = labels.max() > 0
    if speaking and kind != "silence":
        active = np.abs(voice) > 1e-4
        p_voice = np.mean(voice[active] ** 2) if active.any() else 1.0
        gain = snr_gain(p_voice, rng.uniform(*cfg.snr_db))  # bg has unit rms
        if kind == "room":
            gain *= 10 ** (-rng.uniform(10, 30) / 20)  # room tone sits well below a voice
        wave = voice + gain * bg
    else:
        wave = voice + 0.3 * bg
    wave = add_noise_floor(wave / (np.abs(wave).max() + 1e-9) * 0.5, rng.uniform(-75, -55), rng)
    if rng.random() < cfg.telephone_prob:
        wave = telephone(wave, SAMPLE_RATE_HZ)
    wave = normalize_loudness(wave.astype(np.float32))
    feats = extractor(wave, float(rng.uniform(*cfg.vtlp_warp)))
    return feats, labels[: -(-len(feats) // 2)]


def make_scenes(pool: list[SpeechClip], cfg: PresenceTrainConfig, count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """`count` scenes -> (features at 50 Hz [count, M, 80], labels [count, M])."""
    extractor = LogMelFeatures(utterance_norm=True)
    feats, labels = [], []
    for k in range(count):
        f, y = make_scene(pool, cfg, np.random.default_rng([cfg.seed, seed, k]), extractor)
        feats.append(to_50hz(f))
        labels.append(y)
    m = min(len(y) for y in labels)
    return np.stack([f[:m] for f in feats]).astype(np.float32), np.stack([y[:m] for y in labels])


def _net(dim: int, cfg: PresenceTrainConfig):
    import torch
    from torch import nn

    class PresenceNet(nn.Module):
        """The torch twin of presence.PresenceModel (same layout, replicate padding)."""

        def __init__(self) -> None:
            super().__init__()
            self.proj = nn.Linear(dim, cfg.hidden)
            self.convs = nn.ModuleList(nn.Conv1d(cfg.hidden, cfg.hidden, 3, dilation=d) for d in cfg.dilations)
            self.out = nn.Linear(cfg.hidden, 1)

        def forward(self, x):  # normalised [B, M, F] -> logits [B, M]
            h = torch.relu(self.proj(x)).transpose(1, 2)
            for conv, d in zip(self.convs, cfg.dilations):
                h = h + torch.relu(conv(nn.functional.pad(h, (d, d), mode="replicate")))
            return self.out(h.transpose(1, 2))[..., 0]

    return PresenceNet()


def export_weights(net, mean: np.ndarray, std: np.ndarray, cfg: PresenceTrainConfig) -> dict[str, np.ndarray]:
    """The torch module's weights in presence.PresenceModel's layout."""
    w = {"feature_mean": mean, "feature_std": std, "dilations": np.asarray(cfg.dilations, np.int64),
         "proj_w": net.proj.weight.detach().numpy().T, "proj_b": net.proj.bias.detach().numpy(),
         "out_w": net.out.weight.detach().numpy()[0], "out_b": net.out.bias.detach().numpy()}
    for i, conv in enumerate(net.convs):
        w[f"conv{i}_w"] = conv.weight.detach().permute(2, 1, 0).numpy()
        w[f"conv{i}_b"] = conv.bias.detach().numpy()
    return {k: np.ascontiguousarray(v, np.int64 if k == "dilations" else np.float32) for k, v in w.items()}


def gate_figures(presence: np.ndarray, labels: np.ndarray, gate: PresenceGate = PresenceGate()) -> dict:
    """Frame figures over scenes [S, M]: accuracy at 0.5, speech frames the gate dims (< 1), frames
    without speech it leaves open (> 0)."""
    g = np.stack([presence_gate(p, RATE_50, gate) for p in presence])
    speech, other = labels > 0.5, labels <= 0.5
    return {"accuracy": round(float(((presence > 0.5) == speech).mean()), 4),
            "speech_frames_dimmed": round(float((g[speech] < 1).mean()), 4),
            "nonspeech_frames_open": round(float((g[other] > 0).mean()), 4),
            "speech_frames": int(speech.sum()), "nonspeech_frames": int(other.sum())}


def train_presence(cfg: PresenceTrainConfig = PresenceTrainConfig()) -> tuple[dict[str, np.ndarray], dict]:
    """Generate, train, evaluate -> (weights for presence.save_presence_model, metadata)."""
    import torch

    torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    t0 = time.time()
    pool = speech_pool(cfg)
    log.info("speech pool: %d utterances in %.1f s", len(pool), time.time() - t0)
    x, y = make_scenes(pool, cfg, cfg.scenes, 0)
    # other scenes of the same utterances: checks the fit; generalisation is measured on real music
    # (scripts/eval_presence_gate.py)
    xv, yv = make_scenes(pool[::-1], cfg, cfg.val_scenes, 1)
    log.info("scenes: %d + %d validation, %.1f s", len(x), len(xv), time.time() - t0)
    flat = x.reshape(-1, x.shape[-1])
    mean, std = flat.mean(0), flat.std(0) + 1e-3
    xn, xvn = (x - mean) / std, (xv - mean) / std
    net = _net(x.shape[-1], cfg)
    opt = torch.optim.Adam(net.parameters(), lr=cfg.lr)
    rng = np.random.default_rng(cfg.seed)
    lossf = torch.nn.BCEWithLogitsLoss()
    crop = min(cfg.crop, x.shape[1])
    for step in range(cfg.steps):
        for group in opt.param_groups:
            group["lr"] = cfg.lr * 0.5 * (1 + np.cos(np.pi * step / cfg.steps))
        idx = rng.integers(0, len(x), cfg.batch)
        starts = rng.integers(0, x.shape[1] - crop + 1, cfg.batch)
        xb = torch.from_numpy(np.stack([xn[i, s:s + crop] for i, s in zip(idx, starts)]))
        yb = torch.from_numpy(np.stack([y[i, s:s + crop] for i, s in zip(idx, starts)]))
        loss = lossf(net(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 250 == 0 or step == cfg.steps - 1:
            log.info("step %d loss %.4f (%.1f s)", step, float(loss.detach()), time.time() - t0)
    net.eval()
    with torch.no_grad():
        pv = torch.sigmoid(net(torch.from_numpy(xvn))).numpy()
    figures = gate_figures(pv, yv)
    log.info("validation scenes: %s", figures)
    weights = export_weights(net, mean.astype(np.float32), std.astype(np.float32), cfg)
    meta = {"config": cfg.to_dict(), "validation": figures, "gate": PresenceGate().to_dict(),
            "speech_utterances": len(pool), "train_seconds": round(time.time() - t0, 1),
            "features": {"kind": "logmel", "dim": int(x.shape[-1]), "utterance_norm": True, "rate_hz": 100}}
    return weights, meta
