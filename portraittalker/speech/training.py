"""Training the audio2flame model on a corpus, with validation per language and held-out tests.

Random fixed-length crops of training utterances (padded with the utterance's own quiet and
loss-masked when short) train the banded transformer with an L1 loss on the speech channels,
an L1 loss on their frame-to-frame velocity (mouth motion, not just poses), one minus the
Pearson correlation of the jaw with its target per crop (the contour's shape, which L1 alone
flattens where a voice is unlike the training voices) and a cross-entropy on the auxiliary
phone-class head. Validation runs whole utterances of the training voices
(other sentences) per language; the test split (the held-out engine and the held-out espeak
voice variants, never trained on) is evaluated at the end: per language and engine, the
Pearson correlation of predicted and target jaw opening, and the bilabial check: how often the
lips shut inside p/b/m closures compared with open vowels.

Optionally (`adversary_weight` > 0) a voice adversary (Ganin & Lempitsky 2015): a small
classifier names the training voice of each crop from the encoder's output, mean-pooled over the
crop's frames, through a gradient-reversal layer, so the encoder is pushed toward features that
do not tell the voices apart. It exists only during training: the checkpoint holds the network alone.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field

import numpy as np
import torch
from tqdm import tqdm

from .channels import JAW, JAW_OPEN_MAX_RAD, LIP_PRESS, NUM_CHANNELS, channels_to_arkit
from .checkpoint import Checkpoint
from .closure_decoding import ClosureDecoding, bilabial_probability, closure_level
from .corpus import Corpus
from .feature_augment import FeatureAugment, augment_raw, closure_events, mask, short_clip, shorten_closures
from .features import FeatureSpec, quiet_row
from .lipsync_eval import lips_shut_weights
from .model import Audio2Flame, ModelConfig
from .presence import decode_where_speaking, presence_gate
from .visemes import VISEME_CLASSES

SILENCE_CLASS = VISEME_CLASSES.index("silence")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainConfig:
    steps: int = 2500
    max_minutes: float = 11.0       # wall-clock budget; training stops early at it
    follow_clock: bool = False      # True: the learning rate decays by whichever runs out first, steps or
                                    # minutes (the decay always completes, but the weights then depend on the
                                    # machine's speed); False: by steps alone, so a seed and a corpus give the
                                    # same weights wherever they run
    batch_size: int = 12
    crop_s: float = 3.0
    lr: float = 2e-3
    weight_decay: float = 0.01
    velocity_weight: float = 1.0
    jaw_weight: float = 2.0
    lip_press_weight: float = 4.0   # closures are brief; weight them so they are not averaged away
    closure_frame_weight: float = 2.0  # extra weight on frames inside p/b/m closures
    phone_weight: float = 0.3       # auxiliary phone-class cross-entropy
    bilabial_class_weight: float = 1.0  # weight of the bilabial class in that cross-entropy
    false_closure_weight: float = 0.0   # hinge on predicted mouthPress > 0.25 in open-vowel frames
    jaw_correlation_weight: float = 0.5  # 1 - Pearson r of jaw and its target per crop; 0: no term
    adversary_weight: float = 0.0   # > 0: voice-adversarial training (VoiceAdversary); 0 draws nothing extra
    eval_every: int = 250
    seed: int = 0
    threads: int = 1
    feature_augment: FeatureAugment | None = field(default_factory=FeatureAugment)  # None: crops as stored
    closure_decoding: ClosureDecoding | None = field(default_factory=ClosureDecoding)  # final figures as inference decodes
    model: ModelConfig = field(default_factory=lambda: ModelConfig(num_phone_classes=len(VISEME_CLASSES), freq_channels=16))


@dataclass
class History:
    step: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    val_step: list[int] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_jaw_r: list[float] = field(default_factory=list)


def feature_stats(corpus: Corpus, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    parts = [corpus.features[corpus.feat_offsets[i]: corpus.feat_offsets[i + 1]] for i in indices]
    x = np.concatenate(parts).astype(np.float64)
    return x.mean(0).astype(np.float32), (x.std(0) + 1e-3).astype(np.float32)


def learning_rate(progress: float, peak: float, warmup: float = 0.05, floor: float = 0.02) -> float:
    """Linear warm-up then cosine decay to `floor * peak`, as a function of progress in [0, 1]."""
    if progress < warmup:
        return peak * max(progress, 1e-3) / warmup
    q = min(1.0, (progress - warmup) / (1 - warmup))
    return peak * (floor + (1 - floor) * 0.5 * (1 + np.cos(np.pi * q)))


def pad_rows(corpus: Corpus, spec: FeatureSpec, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    """[U, F] normalised padding per utterance: its own quiet (utterance-normalised features) or
    digital silence (raw log-mel), as inference pads (predict.pad_features)."""
    if spec.utterance_norm or spec.kind != "logmel":
        rows = [quiet_row(corpus.features[corpus.feat_offsets[i]: corpus.feat_offsets[i + 1]].astype(np.float32))
                for i in range(len(corpus))]
    else:
        rows = [np.full(spec.dim, np.log(1e-6), np.float32)] * len(corpus)
    return ((np.stack(rows) - mean) / std).astype(np.float32)


def sample_batch(corpus: Corpus, indices: np.ndarray, probs: np.ndarray, crop: int, batch: int,
                 rng: np.random.Generator, mean: np.ndarray, std: np.ndarray, pads: np.ndarray,
                 augment: FeatureAugment | None = None, with_utterances: bool = False):
    """-> features [B, crop, F], targets [B, crop/2, C], closure weight [B, crop/2], mask [B, crop/2],
    phone classes [B, crop/2] (-1 = none), and with `with_utterances` the utterance index of each
    crop [B] (the same draws either way). `augment` draws fresh feature augmentation per crop
    (feature_augment.py) from a stream of its own, so the crops drawn are the same with or without it
    (unless it shortens closures: a shorter utterance draws another crop)."""
    f_dim = corpus.features.shape[1]
    x = np.empty((batch, crop, f_dim), np.float32)
    y = np.zeros((batch, crop // 2, NUM_CHANNELS), np.float32)
    m = np.zeros((batch, crop // 2), np.float32)
    c = np.zeros((batch, crop // 2), np.float32)
    k = np.full((batch, crop // 2), -1, np.int64)
    aug_rng = np.random.default_rng(rng.integers(2**63))
    picked = rng.choice(indices, size=batch, p=probs)
    for b, i in enumerate(picked):
        f, t, closure = corpus.utterance(int(i))
        classes = corpus.classes(int(i))
        cut = shorten_closures(closure, len(f), aug_rng, augment) if augment is not None else None
        if cut is not None:  # briefer closures, as talkers make them
            f, t, closure, classes = f[cut[1]], t[cut[0]], closure[cut[0]], classes[cut[0]]
        n = len(f)
        start = 2 * int(rng.integers(0, max(1, (n - crop) // 2 + 1))) if n > crop else 0
        seg = f[start: start + crop]
        x[b] = pads[i]
        if augment is not None:
            short = short_clip(seg, aug_rng, augment) if corpus.utterance_norm else None
            if short is not None:  # a short recording of its own: its own mean, its own quiet as padding
                start, seg = start + short[0], short[1]
                x[b] = (quiet_row(seg) - mean) / std
            seg = augment_raw(seg, aug_rng, augment)
        x[b, : len(seg)] = (seg - mean) / std
        if augment is not None:
            mask(x[b], len(seg), aug_rng, augment)
        end = start // 2 + (len(seg) + 1) // 2
        tseg = t[start // 2: end]
        y[b, : len(tseg)] = tseg
        m[b, : len(tseg)] = 1.0
        c[b, : len(tseg)] = closure[start // 2: end]
        k[b, : len(tseg)] = classes[start // 2: end]
    out = torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(c), torch.from_numpy(m), torch.from_numpy(k)
    return (*out, np.asarray(picked, np.int64)) if with_utterances else out


def speech_loss(pred: torch.Tensor, target: torch.Tensor, mask: torch.Tensor, cfg: TrainConfig) -> torch.Tensor:
    w = torch.ones(pred.shape[-1])
    w[JAW] = cfg.jaw_weight
    w[LIP_PRESS] = cfg.lip_press_weight
    pose = ((pred - target).abs() * w * mask[..., None]).sum() / (mask.sum() * w.sum() + 1e-9)
    vmask = (mask[:, 1:] * mask[:, :-1])[..., None]
    dv = (pred[:, 1:] - pred[:, :-1]) - (target[:, 1:] - target[:, :-1])
    vel = (dv.abs() * w * vmask).sum() / (vmask.sum() * w.sum() + 1e-9)
    return pose + cfg.velocity_weight * vel


def false_closure_penalty(pred: torch.Tensor, target: torch.Tensor, mask: torch.Tensor, margin: float = 0.25) -> torch.Tensor:
    """Mean hinge max(0, mouthPress - margin) over open-vowel frames (target jaw > 0.6): lips
    pressed where the mouth should be wide open."""
    open_vowel = (target[..., JAW] > 0.6).float() * mask
    return (torch.relu(pred[..., LIP_PRESS] - margin) * open_vowel).sum() / (open_vowel.sum() + 1e-9)


def jaw_correlation_loss(pred: torch.Tensor, target: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean over crops of 1 - Pearson r(predicted jaw, target jaw) on the valid frames: the
    contour's shape, whatever its level and scale (the real-voice figure is this r). Crops whose
    target barely moves (a pause) are left out."""
    p, t = pred[..., JAW], target[..., JAW]
    n = mask.sum(1).clamp(min=1.0)
    dp = (p - (p * mask).sum(1, keepdim=True) / n[:, None]) * mask
    dt = (t - (t * mask).sum(1, keepdim=True) / n[:, None]) * mask
    var_t = (dt * dt).sum(1)
    r = (dp * dt).sum(1) / torch.sqrt((dp * dp).sum(1) * var_t + 1e-8)
    keep = (var_t > 1e-3 * n).float()
    return ((1.0 - r) * keep).sum() / keep.sum().clamp(min=1.0)


class GradientReversal(torch.autograd.Function):
    """Identity forward; backward multiplies the gradient by -strength (Ganin & Lempitsky 2015)."""

    @staticmethod
    def forward(ctx, x: torch.Tensor, strength: float) -> torch.Tensor:
        ctx.strength = float(strength)
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad: torch.Tensor):
        return -ctx.strength * grad, None


def reverse_gradient(x: torch.Tensor, strength: float) -> torch.Tensor:
    return GradientReversal.apply(x, strength)


def dann_strength(progress: float) -> float:
    """The usual DANN ramp of the reversal strength over training progress p in [0, 1]:
    2 / (1 + exp(-10 p)) - 1 (0 at the start, 0.987 at the half, 1 at the end)."""
    return float(2.0 / (1.0 + np.exp(-10.0 * progress)) - 1.0)


def voice_name(engine: str, voice: str) -> str:
    """A training voice as the adversary tells it: the engine and its voice, espeak's by variant
    alone ("en+m3" and "de+m3" are one voice in two languages, so the class is not the language)."""
    if engine == "espeak":
        voice = voice.split("+", 1)[1] if "+" in voice else "base"
    return f"{engine}:{voice}"


def voice_labels(corpus: Corpus, train_idx: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """-> class [U] of every utterance (-1 outside the training split's voices), class names
    (sorted): only voices of training utterances are classes; held-out voices never enter."""
    names = [voice_name(str(corpus.engine[i]), str(corpus.voice[i])) for i in range(len(corpus))]
    classes = sorted({names[i] for i in train_idx})
    index = {n: c for c, n in enumerate(classes)}
    labels = np.full(len(corpus), -1, np.int64)
    labels[train_idx] = [index[names[i]] for i in train_idx]
    return labels, classes


class VoiceAdversary(torch.nn.Module):
    """Encoder output [B, M, d], frame mask [B, M] -> voice logits [B, V]: mean over the valid
    frames, gradient reversal, Linear -> ReLU -> Linear. Training only, never saved."""

    def __init__(self, d_model: int, num_voices: int, hidden: int | None = None) -> None:
        super().__init__()
        hidden = hidden or d_model
        self.net = torch.nn.Sequential(torch.nn.Linear(d_model, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, num_voices))

    def forward(self, h: torch.Tensor, mask: torch.Tensor, strength: float) -> torch.Tensor:
        pooled = (h * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp_min(1.0)
        return self.net(reverse_gradient(pooled, strength))


@torch.no_grad()
def predict_utterance(model: Audio2Flame, feats_norm: np.ndarray, with_phones: bool = False):
    """Whole utterance (normalised features [N,F], N even-padded) -> channels [ceil(N/2), C]; with
    `with_phones`, also the bilabial posterior of the phone-class head [ceil(N/2)] (None without one)."""
    n = len(feats_norm)
    x = feats_norm if n % 2 == 0 and n >= 4 else np.concatenate([feats_norm, np.repeat(feats_norm[-1:], max(4 - n, n % 2), 0)])
    channels, logits = model.forward_with_phones(torch.from_numpy(x[None]))
    channels = channels[0].numpy()[: (n + 1) // 2]
    if not with_phones:
        return channels
    return channels, (bilabial_probability(logits[0].numpy()[: (n + 1) // 2]) if logits is not None else None)


def _pearson(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / (np.sqrt((a * a).sum() * (b * b).sum()) + 1e-12))


def lips_shut(channels: np.ndarray) -> np.ndarray:
    """[M] bool: the lips meet (lipsync_eval.lips_shut_weights on the channels' ARKit weights)."""
    jaw_pose, arkit = channels_to_arkit(channels)
    return lips_shut_weights(jaw_pose[:, 0], arkit)


def group_name(corpus: Corpus, i: int) -> str:
    """Report group of utterance i: its language, plus the engine for held-out (test) speech."""
    lang = str(corpus.language[i])
    if corpus.split[i] != "test":
        return lang
    return f"{lang} {corpus.engine[i]}" if corpus.engine[i] == corpus.held_out_engine else f"{lang} held-out voices"


def level_readable(corpus: Corpus) -> bool:
    """The corpus holds utterance-normalised log-mel, the features closure_level reads."""
    return corpus.feature_kind == "logmel" and corpus.utterance_norm


def evaluate(model: Audio2Flame, corpus: Corpus, indices: np.ndarray, mean: np.ndarray, std: np.ndarray, cfg: TrainConfig,
             decoding: ClosureDecoding | None = None, presence=None) -> dict:
    """Figures over whole utterances: loss (of the network's own output), jaw r per group
    (group_name) and bilabial closure. With `decoding` (closure_decoding.py), r and the closure
    figures are those of the decoded channels, as inference delivers them, and `bilabial_network`
    holds the network's own. With `presence` (presence.PresenceModel, on utterance-normalised
    log-mel corpora), the decoded channels are gated as predict.py gates them, and
    `presence_gate` says how many speech frames (any phone but silence) the gate dimmed."""
    model.eval()
    dimmed = [0, 0]  # speech frames the presence gate dimmed, speech frames
    by_lang: dict[str, dict[str, list]] = {}
    losses, raw, decoded = [], [], []
    for i in indices:
        f, t, c = corpus.utterance(int(i))
        p, pb = predict_utterance(model, (f - mean) / std, with_phones=True)
        k = min(len(p), len(t))
        p, t, c = p[:k], t[:k], c[:k]
        losses.append(float(speech_loss(torch.from_numpy(p[None]), torch.from_numpy(t[None]), torch.ones(1, k), cfg)))
        level = closure_level(f, k) if decoding and decoding.press_level and level_readable(corpus) else None
        pb = None if pb is None else pb[:k]
        g = None
        if presence is not None:
            g = presence_gate(np.pad(presence(f), (0, k))[:k], model.config.out_rate_hz)
            speech = corpus.classes(int(i))[:k] != SILENCE_CLASS
            dimmed[0] += int((g[speech] < 1).sum())
            dimmed[1] += int(speech.sum())
        pd = decode_where_speaking(p, pb, model.config.out_rate_hz, decoding or None, level, g)
        d = by_lang.setdefault(group_name(corpus, int(i)), {"pred": [], "target": []})
        d["pred"].append(pd[:, JAW])
        d["target"].append(t[:, JAW])
        raw.append((p, t, c))
        decoded.append((pd, t, c))
    model.train()
    per_language = {
        lang: {"jaw_pearson_r": round(_pearson(np.concatenate(d["pred"]), np.concatenate(d["target"])), 4),
               "jaw_mae_rad": round(float(np.abs(np.concatenate(d["pred"]) - np.concatenate(d["target"])).mean() * JAW_OPEN_MAX_RAD), 4),
               "utterances": len(d["pred"])}
        for lang, d in sorted(by_lang.items())
    }
    out = {"loss": float(np.mean(losses)), "per_language": per_language, "bilabial": bilabial_figures(decoded)}
    if presence is not None:
        out["presence_gate"] = {"speech_frames_dimmed": round(dimmed[0] / max(dimmed[1], 1), 5), "speech_frames": dimmed[1]}
    if decoding:
        out["bilabial_network"] = bilabial_figures(raw)
        out["closure_decoding"] = decoding.to_dict()
    return out


def bilabial_figures(utterances: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> dict:
    """Closure figures over (predicted channels [M,C], targets [M,C], closure weight [M]) per utterance:
    closure events are runs of closure weight >= 0.99, open-vowel frames those with target jaw > 0.6."""
    press_closed, press_open, jaw_closed, shut_open, hits, shut_hits, events = [], [], [], [], 0, 0, 0
    for p, t, c in utterances:
        press_closed.append(p[c >= 0.99, LIP_PRESS])
        jaw_closed.append(p[c >= 0.99, JAW])
        open_vowel = t[:, JAW] > 0.6
        press_open.append(p[open_vowel, LIP_PRESS])
        shut = lips_shut(p)
        shut_open.append(shut[open_vowel])
        for ev in closure_events(c):
            events += 1
            hits += int(p[ev, LIP_PRESS].max() > 0.5)
            shut_hits += int(shut[ev].any())

    def mean_or_none(parts: list[np.ndarray], scale: float = 1.0) -> float | None:
        x = np.concatenate(parts) if parts else np.zeros(0)
        return round(float(x.mean()) * scale, 4) if x.size else None

    return {
        "closure_events": events,
        "pressed_fraction": round(hits / max(events, 1), 4),  # events whose predicted lip_press peaks > 0.5
        "closed_fraction": round(shut_hits / max(events, 1), 4),  # events where `lips_shut` holds for a frame
        "shut_in_open_vowels": mean_or_none(shut_open),  # false closures
        "lip_press_in_closures": mean_or_none(press_closed),
        "lip_press_in_open_vowels": mean_or_none(press_open),
        "jaw_open_rad_in_closures": mean_or_none(jaw_closed, JAW_OPEN_MAX_RAD),
    }


def train(corpus: Corpus, feature_spec: FeatureSpec, cfg: TrainConfig) -> tuple[Checkpoint, History, dict]:
    """Train from scratch; returns the checkpoint (best validation loss), history and final figures."""
    torch.manual_seed(cfg.seed)
    torch.set_num_threads(cfg.threads)
    rng = np.random.default_rng(cfg.seed)
    train_idx = corpus.training_indices()  # refuses a corpus whose held-out engine leaked into training
    val_idx = np.flatnonzero(corpus.split == "val")
    test_idx = np.flatnonzero(corpus.split == "test")
    lengths = np.diff(corpus.feat_offsets)[train_idx].astype(np.float64)
    probs = lengths / lengths.sum()
    mean, std = feature_stats(corpus, train_idx)
    pads = pad_rows(corpus, feature_spec, mean, std)
    model = Audio2Flame(ModelConfig(**{**asdict(cfg.model), "feature_dim": feature_spec.dim}))
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    crop = int(cfg.crop_s * 100) // 2 * 2
    history, best, best_state = History(), None, None
    class_weights = None
    if cfg.bilabial_class_weight != 1.0 and model.phone_head is not None:
        class_weights = torch.ones(model.config.num_phone_classes)
        class_weights[VISEME_CLASSES.index("bilabial")] = cfg.bilabial_class_weight
    adversary = None
    if cfg.adversary_weight > 0:  # built after the network, so the network's initial weights are the same
        voice_of, voices = voice_labels(corpus, train_idx)
        adversary = VoiceAdversary(model.config.d_model, len(voices))
        opt.add_param_group({"params": list(adversary.parameters())})
        adv_hits: list[float] = []
        log.info("voice adversary over %d training voices, weight %g", len(voices), cfg.adversary_weight)
    t0 = time.monotonic()
    bar = tqdm(range(1, cfg.steps + 1), desc="train", unit="step")
    for step in bar:
        # By steps, so the weights do not depend on how busy the machine was; follow_clock
        # trades that for a decay that always completes inside the budget.
        progress = step / cfg.steps
        if cfg.follow_clock:
            progress = max(progress, (time.monotonic() - t0) / 60 / cfg.max_minutes)
        for group in opt.param_groups:
            group["lr"] = learning_rate(progress, cfg.lr)
        x, y, closure, m, k, utt = sample_batch(corpus, train_idx, probs, crop, cfg.batch_size, rng, mean, std, pads,
                                                cfg.feature_augment, with_utterances=True)
        hidden = model.encode(x)
        pred, logits = model.heads(hidden)
        if adversary is not None:
            voice_logits = adversary(hidden, m, dann_strength(progress))
            voice = torch.from_numpy(voice_of[utt])
            adv_loss = torch.nn.functional.cross_entropy(voice_logits, voice)
            adv_hits.append(float((voice_logits.argmax(1) == voice).float().mean()))
        loss = speech_loss(pred, y, m * (1 + cfg.closure_frame_weight * closure), cfg)
        if cfg.false_closure_weight > 0:
            loss = loss + cfg.false_closure_weight * false_closure_penalty(pred, y, m)
        if cfg.jaw_correlation_weight > 0:
            loss = loss + cfg.jaw_correlation_weight * jaw_correlation_loss(pred, y, m)
        if logits is not None and cfg.phone_weight > 0 and bool((k >= 0).any()):
            loss = loss + cfg.phone_weight * torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), k.reshape(-1),
                                                                              weight=class_weights, ignore_index=-1)
        # (history keeps the speech losses alone, as without the adversary)
        total = loss + cfg.adversary_weight * adv_loss if adversary is not None else loss
        opt.zero_grad(set_to_none=True)
        total.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        if adversary is not None:
            torch.nn.utils.clip_grad_norm_(adversary.parameters(), 1.0)
        opt.step()
        history.step.append(step)
        history.train_loss.append(loss.item())
        out_of_time = (time.monotonic() - t0) / 60 >= cfg.max_minutes
        if step % cfg.eval_every == 0 or step == cfg.steps or out_of_time:
            figures = evaluate(model, corpus, val_idx, mean, std, cfg)
            rs = [v["jaw_pearson_r"] for v in figures["per_language"].values()]
            history.val_step.append(step)
            history.val_loss.append(figures["loss"])
            history.val_jaw_r.append(float(np.mean(rs)))
            bar.set_postfix(val=f"{figures['loss']:.4f}", r=f"{np.mean(rs):.3f}")
            if adversary is not None:
                log.info("step %d: voice adversary accuracy %.3f over the last %d steps (chance %.3f), strength %.3f",
                         step, np.mean(adv_hits[-cfg.eval_every:]), len(adv_hits[-cfg.eval_every:]), 1 / len(voices),
                         dann_strength(progress))
            if best is None or figures["loss"] < best["loss"]:
                best = {**figures, "step": step}
                best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        if out_of_time:
            if cfg.follow_clock:
                log.warning("training stopped at step %d: wall-clock budget of %.1f min reached", step, cfg.max_minutes)
            else:
                log.warning("training stopped at step %d of %d: wall-clock budget of %.1f min reached before the learning "
                            "rate finished its decay; raise train_max_minutes or lower train_steps (or set "
                            "train_follow_clock, whose weights depend on the machine's speed)", step, cfg.steps, cfg.max_minutes)
            break
    model.load_state_dict(best_state)
    if cfg.closure_decoding is not None:  # the final figures are those of inference: closure decoding on
        best.update(evaluate(model, corpus, val_idx, mean, std, cfg, cfg.closure_decoding))
    if test_idx.size:
        best["test"] = evaluate(model, corpus, test_idx, mean, std, cfg, cfg.closure_decoding)
    ckpt = Checkpoint(model=model.eval(), feature_spec=feature_spec, feature_mean=mean, feature_std=std)
    best["wall_minutes"] = round((time.monotonic() - t0) / 60, 2)
    best["steps_run"] = history.step[-1]
    if adversary is not None:  # how well the adversary named the voice: near chance = voice-invariant
        best["voice_adversary"] = {
            "voices": len(voices), "chance": round(1 / len(voices), 4), "weight": cfg.adversary_weight,
            "train_accuracy_by_interval": [round(float(np.mean(adv_hits[s: s + cfg.eval_every])), 4)
                                           for s in range(0, len(adv_hits), cfg.eval_every)]}
    return ckpt, history, best


def run_training(corpus_dir, out_path, steps: int = 2500, max_minutes: float = 11.0, batch_size: int = 12, threads: int = 1,
                 seed: int = 0, user_data=None, wav2vec2_path=None, **loss_weights: float) -> dict:
    """build_corpus output (+ optional HDTF-style user data) -> model.pt, metadata.json, report.*;
    `loss_weights`: TrainConfig's weights to change (false_closure_weight, closure_frame_weight ...)."""
    from ..errors import PortraitTalkerError
    from .corpus import load_corpus
    from .features import make_extractor
    from .hdtf import concat_corpora, load_user_corpus

    corpus = load_corpus(corpus_dir)
    extractor = make_extractor(corpus.feature_kind, wav2vec2_path, utterance_norm=corpus.utterance_norm)
    if extractor.spec.dim != corpus.features.shape[1]:
        raise PortraitTalkerError(f"{corpus_dir}: corpus features are {corpus.features.shape[1]}-d, extractor gives {extractor.spec.dim}-d")
    if user_data:
        corpus = concat_corpora(corpus, load_user_corpus(user_data, extractor))
    cfg = TrainConfig(steps=steps, max_minutes=max_minutes, batch_size=batch_size, threads=threads, seed=seed,
                      **loss_weights)
    ckpt, history, figures = train(corpus, extractor.spec, cfg)
    write_training_outputs(out_path, corpus, ckpt, history, figures, cfg, user_data)
    return figures


def write_training_outputs(out_path, corpus: Corpus, ckpt: Checkpoint, history: History, figures: dict, cfg: TrainConfig,
                           user_data=None) -> None:
    """A trained checkpoint (train's outputs) -> model.pt with its metadata, metadata.json, report.*"""
    from pathlib import Path

    from .. import __version__
    from .checkpoint import save_checkpoint
    from .report import write_report

    offsets = np.diff(corpus.feat_offsets)
    ckpt.metadata = {
        "fps_internal": ckpt.model.config.out_rate_hz,
        "corpus_hash": corpus.corpus_hash,
        "corpus_hours": round(float(offsets.sum()) / 100 / 3600, 3),
        "languages": sorted(set(corpus.language.tolist())),
        "train_utterances": int((corpus.split == "train").sum()),
        "val_utterances": int((corpus.split == "val").sum()),
        "test_utterances": int((corpus.split == "test").sum()),
        "engines": {e: int((corpus.engine == e).sum()) for e in sorted(set(corpus.engine.tolist()))},
        "held_out_engine": corpus.held_out_engine,
        "user_data": str(user_data) if user_data else None,
        "validation": {k: figures[k] for k in ("loss", "per_language", "bilabial", "bilabial_network", "closure_decoding", "step",
                                               "steps_run", "wall_minutes") if k in figures},
        "held_out_test": figures.get("test"),
        "train_config": {k: v for k, v in asdict(cfg).items() if k != "model"},
        "threads": cfg.threads,
        "package_version": __version__,
    }
    save_checkpoint(ckpt, out_path)
    write_report(Path(out_path).parent, history, figures, {**ckpt.metadata, "features": ckpt.feature_spec.to_dict()})
