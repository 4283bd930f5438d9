"""Configuration: one YAML of defaults (config/config.yaml) read into typed sections.

Workflows pass values to step scripts as arguments; library code that needs a whole section
(benchmarks, notebooks) reads it through `load_config`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from .errors import PortraitTalkerError

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Choices shared by the renderer, the step scripts' --help (which must not import torch) and
# workflow/schemas/config.schema.yaml.
RENDER_BACKENDS = ("auto", "egl", "nvdiffrast")
FRAMINGS = ("upper_body", "head")
DEFAULT_CONFIG = PROJECT_ROOT / "config" / "config.yaml"


@dataclass(frozen=True)
class HeadConfig:
    model: str = "bundled"


@dataclass(frozen=True)
class AvatarConfig:
    guidance: str = "auto"
    sd_model_path: str | None = None
    steps: int | None = None
    guidance_scale: float = 100.0
    render_size: int = 128
    checkpoint_every: int = 50


@dataclass(frozen=True)
class SpeechConfig:
    checkpoint: str = "models/audio2flame/model.pt"
    fps: float = 25
    max_seconds: float = 600
    features: str = "auto"
    wav2vec2_path: str | None = None
    motion_seed: int = 0


@dataclass(frozen=True)
class RenderConfig:
    size: int = 512
    backend: str = "auto"
    framing: str = "upper_body"
    turntable_frames: int = 48


@dataclass(frozen=True)
class VideoConfig:
    crf: int = 18
    preset: str = "medium"


@dataclass(frozen=True)
class EvaluationConfig:
    syncnet_weights: str | None = None
    inception_weights: str | None = None
    fid_reference: str | None = None


@dataclass(frozen=True)
class Config:
    manifest: str = "config/manifest.yaml"
    head: HeadConfig = field(default_factory=HeadConfig)
    avatar: AvatarConfig = field(default_factory=AvatarConfig)
    speech: SpeechConfig = field(default_factory=SpeechConfig)
    render: RenderConfig = field(default_factory=RenderConfig)
    video: VideoConfig = field(default_factory=VideoConfig)
    evaluation: EvaluationConfig = field(default_factory=EvaluationConfig)


def _section(cls: type, values: dict[str, Any] | None, name: str):
    values = values or {}
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise PortraitTalkerError(f"config section '{name}': unknown key(s) {', '.join(unknown)}")
    return cls(**values)


def config_from_dict(raw: dict[str, Any]) -> Config:
    section_types = {f.name: f.default_factory for f in fields(Config) if f.name != "manifest"}
    kwargs: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "manifest":
            kwargs[key] = value
        elif key in section_types:
            kwargs[key] = _section(section_types[key], value, key)
        # Other top-level keys (e.g. Snakemake-only settings) are not ours to check.
    return Config(**kwargs)


def load_config(path: str | Path = DEFAULT_CONFIG) -> Config:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text()) or {}
    except FileNotFoundError:
        raise PortraitTalkerError(f"{path}: config file not found") from None
    except yaml.YAMLError as err:
        raise PortraitTalkerError(f"{path}: not valid YAML ({err})".replace("\n", " ")) from None
    return config_from_dict(raw)


def resolve(path: str | Path | None) -> Path | None:
    """A config path, relative to the project root unless absolute."""
    if path is None:
        return None
    p = Path(path)
    return p if p.is_absolute() else PROJECT_ROOT / p
