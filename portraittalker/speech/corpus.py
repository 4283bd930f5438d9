"""The synthetic training corpus: espeak-ng speech + phoneme-derived viseme targets.

For every language, random sentences are spoken with random voice variants and prosody,
augmented, resampled to 16 kHz, loudness-normalised exactly as at inference, and stored as
features (100 Hz) with coarticulated targets (50 Hz) and the bilabial-closure weight used by the
lip-closure check. A deterministic hash of the arrays identifies the corpus in checkpoints.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from math import gcd
from pathlib import Path

import numpy as np
from scipy.signal import resample_poly
from tqdm import tqdm

from ..errors import PortraitTalkerError
from ..io import atomic_dir
from .audio import SAMPLE_RATE_HZ, normalize_loudness
from .augment import AugmentConfig, augment
from .coarticulation import TARGET_RATE_HZ, bilabial_closure_weight, coarticulated_targets, phoneme_segments
from .espeak import ESpeak, PhonemeEvent, Prosody
from .features import FeatureExtractor, num_feature_frames
from .sentences import LANGUAGES, load_lexicon, random_sentence

VOICE_VARIANTS = ("", "+f1", "+f2", "+f3", "+f4", "+f5", "+m1", "+m2", "+m3", "+m4", "+m5", "+m6",
                  "+klatt", "+klatt2", "+klatt4", "+Andy", "+Annie", "+boris", "+david", "+linda", "+steph")


@dataclass(frozen=True)
class CorpusConfig:
    languages: tuple[str, ...] = ("ko", "en", "zh", "ja", "de", "fr", "es", "it")
    sentences_per_language: int = 150
    validation_fraction: float = 0.12
    seed: int = 1234
    rate_wpm: tuple[int, int] = (110, 230)
    pitch: tuple[int, int] = (15, 85)
    pad_s: tuple[float, float] = (0.1, 0.7)
    augment: AugmentConfig = field(default_factory=AugmentConfig)


@dataclass
class Corpus:
    """Utterance-concatenated arrays; utterance i spans feat_offsets[i]:feat_offsets[i+1] etc."""

    features: np.ndarray       # [sum N_i, F] float16, 100 Hz, raw (not normalised)
    targets: np.ndarray        # [sum M_i, C] float16, 50 Hz
    closure: np.ndarray        # [sum M_i] float16, bilabial closure weight
    feat_offsets: np.ndarray   # [U+1]
    target_offsets: np.ndarray  # [U+1]
    language: np.ndarray       # [U] str
    split: np.ndarray          # [U] "train" | "val"
    feature_kind: str
    corpus_hash: str

    def __len__(self) -> int:
        return len(self.language)

    def utterance(self, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        f = self.features[self.feat_offsets[i]: self.feat_offsets[i + 1]].astype(np.float32)
        t = self.targets[self.target_offsets[i]: self.target_offsets[i + 1]].astype(np.float32)
        c = self.closure[self.target_offsets[i]: self.target_offsets[i + 1]].astype(np.float32)
        return f, t, c


def resample_to_16k(wave: np.ndarray, rate: int) -> np.ndarray:
    g = gcd(rate, SAMPLE_RATE_HZ)
    return resample_poly(wave, SAMPLE_RATE_HZ // g, rate // g).astype(np.float32)


def synthesize_example(text: str, voice: str, prosody: Prosody, rng: np.random.Generator, cfg: CorpusConfig):
    """-> (waveform [N] 16 kHz normalised, phonemes shifted by the leading pad)."""
    utt = ESpeak.get().synthesize(text, voice, prosody)
    wave = resample_to_16k(utt.waveform, utt.sample_rate_hz)
    lead, tail = rng.uniform(*cfg.pad_s, size=2)
    wave = np.concatenate([np.zeros(int(lead * SAMPLE_RATE_HZ), np.float32), wave, np.zeros(int(tail * SAMPLE_RATE_HZ), np.float32)])
    phonemes = [PhonemeEvent(p.ipa, p.start_s + lead) for p in utt.phonemes]
    wave = normalize_loudness(augment(wave, SAMPLE_RATE_HZ, rng, cfg.augment))
    return wave, phonemes


def targets_for(phonemes, num_samples: int) -> tuple[np.ndarray, np.ndarray]:
    """Targets [M, C] and closure weight [M] at 50 Hz for a waveform of `num_samples`."""
    n_feat = num_feature_frames(num_samples)
    m = (n_feat + 1) // 2
    duration = num_samples / SAMPLE_RATE_HZ
    segments = phoneme_segments(phonemes, duration)
    t = (np.arange(m) + 0.5) / TARGET_RATE_HZ
    return coarticulated_targets(segments, m, TARGET_RATE_HZ), bilabial_closure_weight(segments, t).astype(np.float32)


def build_corpus(cfg: CorpusConfig, extractor: FeatureExtractor) -> tuple[Corpus, list[dict]]:
    """Synthesize the whole corpus in memory (deterministic for a given cfg)."""
    feats, targs, clos, langs, splits, records = [], [], [], [], [], []
    jobs = []
    for code in cfg.languages:
        if code not in LANGUAGES:
            raise PortraitTalkerError(f"speech corpus: unknown language '{code}' (known: {', '.join(LANGUAGES)})")
        n_val = max(2, int(round(cfg.sentences_per_language * cfg.validation_fraction)))
        jobs += [(code, k, "val" if k < n_val else "train") for k in range(cfg.sentences_per_language)]
    for code, k, split in tqdm(jobs, desc="corpus", unit="utt"):
        lang = LANGUAGES[code]
        rng = np.random.default_rng([cfg.seed, list(LANGUAGES).index(code), k])
        # Validation sentences come from their own stream, so no sentence is in both splits.
        text = random_sentence(lang, load_lexicon(lang), rng)
        voice = lang.voice + str(rng.choice(VOICE_VARIANTS))
        prosody = Prosody(rate_wpm=int(rng.integers(*cfg.rate_wpm)), pitch=int(rng.integers(*cfg.pitch)),
                          pitch_range=int(rng.integers(20, 90)), word_gap=int(rng.choice([0, 0, 0, 2, 5])))
        wave, phonemes = synthesize_example(text, voice, prosody, rng, cfg)
        f = extractor(wave)
        t, c = targets_for(phonemes, len(wave))
        feats.append(f.astype(np.float16))
        targs.append(t.astype(np.float16))
        clos.append(c.astype(np.float16))
        langs.append(code)
        splits.append(split)
        records.append({"language": code, "split": split, "voice": voice, "text": text, "duration_s": round(len(wave) / SAMPLE_RATE_HZ, 3),
                        "rate_wpm": prosody.rate_wpm, "pitch": prosody.pitch})
    corpus = Corpus(
        features=np.concatenate(feats), targets=np.concatenate(targs), closure=np.concatenate(clos),
        feat_offsets=np.cumsum([0] + [len(f) for f in feats]), target_offsets=np.cumsum([0] + [len(t) for t in targs]),
        language=np.array(langs), split=np.array(splits), feature_kind=extractor.spec.kind, corpus_hash="",
    )
    corpus.corpus_hash = hash_corpus(corpus)
    return corpus, records


def hash_corpus(c: Corpus) -> str:
    h = hashlib.sha256()
    for arr in (c.features, c.targets, c.feat_offsets, c.target_offsets, c.language.astype("U8"), c.split.astype("U8")):
        h.update(np.ascontiguousarray(arr).tobytes())
    h.update(c.feature_kind.encode())
    return h.hexdigest()[:16]


def save_corpus(corpus: Corpus, records: list[dict], cfg: CorpusConfig, out_dir: str | Path) -> None:
    with atomic_dir(out_dir) as tmp:
        np.savez(tmp / "corpus.npz", features=corpus.features, targets=corpus.targets, closure=corpus.closure,
                 feat_offsets=corpus.feat_offsets, target_offsets=corpus.target_offsets, language=corpus.language,
                 split=corpus.split, feature_kind=np.array(corpus.feature_kind), corpus_hash=np.array(corpus.corpus_hash))
        summary = {"corpus_hash": corpus.corpus_hash, "config": asdict(cfg), "utterances": records,
                   "hours": round(sum(r["duration_s"] for r in records) / 3600, 3)}
        (tmp / "manifest.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def load_corpus(path: str | Path) -> Corpus:
    path = Path(path)
    file = path / "corpus.npz" if path.is_dir() else path
    if not file.is_file():
        raise PortraitTalkerError(f"{file}: speech corpus not found (build it: snakemake build_corpus)")
    d = np.load(file, allow_pickle=False)
    return Corpus(features=d["features"], targets=d["targets"], closure=d["closure"], feat_offsets=d["feat_offsets"],
                  target_offsets=d["target_offsets"], language=d["language"], split=d["split"],
                  feature_kind=str(d["feature_kind"]), corpus_hash=str(d["corpus_hash"]))
