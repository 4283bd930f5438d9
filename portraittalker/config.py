"""Configuration: one YAML of defaults (config/config.yaml) read into typed sections.

Workflows pass values to step scripts as arguments; library code that needs a whole section
(benchmarks, notebooks) reads it through `load_config`.

Paths in a configuration are relative to the project root (the folder of the Snakefile),
whatever the working directory; `configured_path` is the one place that resolves them, for the
workflow's rules and the step scripts alike. Paths given on a step's command line are the
user's own and relative to the working directory, as for any command-line tool.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import PortraitTalkerError

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Choices shared by the renderer, the step scripts' --help (which must not import torch) and
# workflow/schemas/config.schema.yaml.
RENDER_BACKENDS = ("auto", "egl", "nvdiffrast")
FRAMINGS = ("upper_body", "head")
DEFAULT_CONFIG = PROJECT_ROOT / "config" / "config.yaml"
CONFIG_SCHEMA = PROJECT_ROOT / "workflow" / "schemas" / "config.schema.yaml"
# head.model values that name a head shipped with the project; anything else is a path.
HEAD_BUILTINS = ("anny", "bundled")
# Format of the anny upper-body basis (head/anny/basis.py); its workflow artifact and per-install
# cache are named by it, so a new format is a new file. Here so the Snakefile need not import torch.
# 2: subdivided eyeballs, lower lashes as their own region; 3: nostrils are not mouth cavity;
# 4: the teeth split along their hard edges.
ANNY_BASIS_VERSION = 4
# Format of baked_appearance.npz (render/baked.py); rule bake_appearance passes it as a param, so
# a new format re-bakes existing avatars. 2: the clip rig (clips' renders run without torch);
# 3: each face's own lattice resolution.
BAKED_FORMAT_VERSION = 3
HEAD_PICKLE_SUFFIXES = (".pkl", ".pickle")


@dataclass(frozen=True)
class HeadConfig:
    model: str = "anny"


@dataclass(frozen=True)
class AvatarConfig:
    guidance: str = "auto"
    sd_model_path: str | None = None
    steps: int | None = None
    guidance_scale: float = 100.0
    render_size: int = 128
    checkpoint_every: int = 50
    init_steps: int = 100
    allow_cpu_sds: bool = False


@dataclass(frozen=True)
class SpeechConfig:
    checkpoint: str = "models/audio2flame/model.pt"
    fps: float = 25
    max_seconds: float = 600
    features: str = "auto"
    wav2vec2_path: str | None = None
    motion_seed: int = 0
    presence_gate: bool = True        # rest the mouth where the speech-presence detector hears no one speak
    presence_model: str = "models/speech_presence/model.npz"


@dataclass(frozen=True)
class RenderConfig:
    size: int = 512
    backend: str = "auto"
    framing: str = "upper_body"
    turntable_frames: int = 48
    film_grain: bool = True  # false: no grain even when the prompt asks (face flicker is measured grain-free)


@dataclass(frozen=True)
class VideoConfig:
    crf: int = 18
    preset: str = "veryfast"


@dataclass(frozen=True)
class ExportConfig:
    texture_size: int = 2048  # GLB base-colour texture side, pixels


@dataclass(frozen=True)
class EvaluationConfig:
    syncnet_weights: str | None = None
    inception_weights: str | None = None
    fid_reference: str | None = None


# Top-level keys only the workflow reads (workflow/schemas/config.schema.yaml checks them).
WORKFLOW_ONLY_KEYS = ("python", "speech_training")


@dataclass(frozen=True)
class Config:
    manifest: str = "config/manifest.yaml"
    head: HeadConfig = field(default_factory=HeadConfig)
    avatar: AvatarConfig = field(default_factory=AvatarConfig)
    speech: SpeechConfig = field(default_factory=SpeechConfig)
    render: RenderConfig = field(default_factory=RenderConfig)
    video: VideoConfig = field(default_factory=VideoConfig)
    export: ExportConfig = field(default_factory=ExportConfig)
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
        elif key not in WORKFLOW_ONLY_KEYS:
            raise PortraitTalkerError(f"config: unknown top-level key '{key}'")
    return Config(**kwargs)


def check_config(raw: dict[str, Any], schema_path: str | Path = CONFIG_SCHEMA) -> Config:
    """Validate a whole (merged) configuration against the JSON schema, then read it into the
    typed sections; the first problem is one line naming the key."""
    import jsonschema
    import yaml

    schema = yaml.safe_load(Path(schema_path).read_text())
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(raw), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = ".".join(str(p) for p in err.absolute_path) or "top level"
        if err.validator == "additionalProperties":
            unknown = sorted(set(err.instance) - set(err.schema.get("properties", {})))
            raise PortraitTalkerError(f"config {where}: unknown key(s) {', '.join(unknown)} (misspelt? see config/config.yaml)")
        raise PortraitTalkerError(f"config {where}: {err.message}")
    return config_from_dict(raw)


def load_config(path: str | Path = DEFAULT_CONFIG) -> Config:
    import yaml  # here, not at the top: step scripts read this module's constants at start-up

    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text()) or {}
    except FileNotFoundError:
        raise PortraitTalkerError(f"{path}: config file not found") from None
    except yaml.YAMLError as err:
        raise PortraitTalkerError(f"{path}: not valid YAML ({err})".replace("\n", " ")) from None
    return check_config(raw)


def resolve(path: str | Path | None) -> Path | None:
    """A config path, relative to the project root unless absolute."""
    if path is None:
        return None
    p = Path(path).expanduser()
    return p if p.is_absolute() else PROJECT_ROOT / p


def configured_path(key: str, value: str | Path | None, must_exist: bool = True,
                    hint: str = "fix the path or set it to null") -> Path | None:
    """The configured path `key` (e.g. "avatar.sd_model_path") resolved against the project root.

    None or "" -> None (not configured). A configured path that does not exist is an error naming
    the key: a missing file never means "use another backend instead".
    """
    if value is None or str(value) == "":
        return None
    path = resolve(value)
    if must_exist and not path.exists():
        where = "" if Path(str(value)).expanduser().is_absolute() else " (relative to the project root)"
        raise PortraitTalkerError(
            f"config {key}: {path} does not exist{where}; {hint}")
    return path


def option_or_configured_path(option: str | None, key: str, value: str | Path | None) -> Path | None:
    """A step's path option, else the configured `key`. The option is relative to the working
    directory ('none': not used); the configured value to the project root (and must exist)."""
    if option is None:
        return configured_path(key, value)
    return None if option.lower() == "none" else Path(option)


def configured_head(value: str) -> str:
    """head.model as a spec `load_head_model` takes: a shipped head's name, or the resolved path."""
    if str(value) in HEAD_BUILTINS:
        return str(value)
    return str(configured_path("head.model", value,
                               hint=f"use one of {', '.join(HEAD_BUILTINS)} or a FLAME .pkl / project .npz"))
