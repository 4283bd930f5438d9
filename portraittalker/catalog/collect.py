"""Gather a batch's artifacts: per avatar its metadata and files, per video its metrics.

Nothing here requires a finished batch: missing files stay `None` and the page says so.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..manifest import Manifest

log = logging.getLogger(__name__)

# Attribute keys the avatar engineer may use for the parsed prompt, newest first.
_ATTRIBUTE_KEYS = ("attributes", "prompt_attributes", "parsed_attributes")
# Parser bookkeeping that is not an attribute of the person or scene.
_NOT_ATTRIBUTES = {"prompt", "found", "ignored"}


@dataclass(frozen=True)
class VideoEntry:
    avatar: str
    clip: str
    video: Path | None  # results/videos/{avatar}/{clip}.mp4 when it exists
    metrics_path: Path | None
    metrics: dict[str, Any]  # the metrics JSON's "metrics" object ({} before evaluation)
    audio_seconds: float | None = None
    glb: Path | None = None  # results/exports/{avatar}/{clip}.glb
    arkit_csv: Path | None = None  # results/clips/{clip}/arkit.csv
    audio: Path | None = None  # results/clips/{clip}/audio.wav (the 3D player's sound)
    checks: tuple[str, ...] = ()  # delivery faults the evaluation found

    def value(self, name: str) -> float | None:
        """A metric's value; "metric.detail" reads a detail of it (e.g. av_sync.margin)."""
        base, _, detail = name.partition(".")
        entry = self.metrics.get(base)
        value = entry.get(detail or "value") if isinstance(entry, dict) else None
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    def reason(self, name: str) -> str | None:
        entry = self.metrics.get(name.partition(".")[0])
        if not isinstance(entry, dict):
            return "not evaluated yet" if not self.metrics else "metric not reported"
        return entry.get("reason")


@dataclass(frozen=True)
class AvatarCard:
    id: str
    prompt: str
    negative_prompt: str
    seed: int
    attributes: dict[str, Any]  # parsed prompt attributes that the prompt set
    ignored_words: list[str]  # prompt words the parser did not understand
    metadata: dict[str, Any]  # the rest of avatar.pt's metadata (guidance, timings, ...)
    avatar_file: Path | None
    preview: Path | None
    turntable: Path | None
    videos: list[VideoEntry] = field(default_factory=list)


def read_avatar_metadata(path: Path) -> dict[str, Any]:
    """`metadata` of an avatar.pt without building the field; {} if unreadable (logged)."""
    import torch

    try:
        data = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as err:  # a foreign or older file: the catalog still lists the avatar
        log.warning("%s: cannot read avatar metadata (%s)", path, type(err).__name__)
        return {}
    metadata = data.get("metadata") if isinstance(data, dict) else None
    return dict(metadata) if isinstance(metadata, dict) else {}


def _is_set(value: Any) -> bool:
    return value not in (None, False, "", [], (), {})


def prompt_attributes(metadata: dict[str, Any], prompt: str) -> dict[str, Any]:
    """The parsed attributes the prompt set: from the metadata, else by parsing the prompt."""
    attrs = next((metadata[k] for k in _ATTRIBUTE_KEYS if isinstance(metadata.get(k), dict)), None)
    if attrs is None:
        try:
            from ..identity.prompt import parse_prompt

            attrs = parse_prompt(prompt).to_dict()
        except Exception as err:  # parser absent or prompt refused: show the prompt only
            log.info("no parsed attributes for prompt %r (%s)", prompt, err)
            return {}
    return {k: v for k, v in attrs.items() if k not in _NOT_ATTRIBUTES and _is_set(v)}


def ignored_words(metadata: dict[str, Any]) -> list[str]:
    attrs = next((metadata[k] for k in _ATTRIBUTE_KEYS if isinstance(metadata.get(k), dict)), {})
    words = attrs.get("ignored") or metadata.get("words_ignored") or []
    return [str(w) for w in words] if isinstance(words, (list, tuple)) else []


def build_summary(metadata: dict[str, Any]) -> list[str]:
    """Short facts about how an avatar was made, from whichever metadata keys are present."""
    facts = []
    guidance = metadata.get("guidance")
    if isinstance(guidance, dict):
        kind, model = guidance.get("kind"), guidance.get("model_id")
        facts.append(f"guidance {kind}" + (f" ({model})" if model else "") if kind else "")
    elif guidance:
        facts.append(f"guidance {guidance}")
    if isinstance(metadata.get("steps"), (int, float)):
        facts.append(f"{int(metadata['steps'])} steps")
    wall = metadata.get("wall_time_s", metadata.get("wall_seconds"))
    if isinstance(wall, (int, float)):
        facts.append(f"built in {wall:.0f} s")
    head = metadata.get("head_model_id") or metadata.get("head_model")
    if head:
        facts.append(f"head {head}")
    return [f for f in facts if f]


def _existing(path: Path) -> Path | None:
    return path if path.is_file() else None


def read_metrics(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as err:
        log.warning("%s: unreadable metrics JSON (%s)", path, err)
        return {}
    return data if isinstance(data, dict) else {}


def read_batch_metrics(results: Path) -> dict[str, Any]:
    """The "metrics" object of results/metrics/batch.json ({} before it exists)."""
    path = _existing(results / "metrics" / "batch.json")
    data = read_metrics(path) if path else {}
    return data.get("metrics", {}) if isinstance(data.get("metrics"), dict) else {}


def collect_catalog(results: Path, manifest: Manifest) -> list[AvatarCard]:
    """One card per manifest avatar that renders at least one clip, in manifest order."""
    cards = []
    for entry in manifest.avatars:
        clips = [c for a, c in manifest.renders if a == entry.id]
        if not clips:
            continue
        folder = results / "avatars" / entry.id
        avatar_file = _existing(folder / "avatar.pt")
        metadata = read_avatar_metadata(avatar_file) if avatar_file else {}
        videos = []
        for clip in clips:
            metrics_path = _existing(results / "metrics" / entry.id / f"{clip}.json")
            data = read_metrics(metrics_path) if metrics_path else {}
            videos.append(
                VideoEntry(
                    avatar=entry.id,
                    clip=clip,
                    video=_existing(results / "videos" / entry.id / f"{clip}.mp4"),
                    metrics_path=metrics_path,
                    metrics=data.get("metrics", {}) if isinstance(data.get("metrics"), dict) else {},
                    audio_seconds=data.get("audio_seconds") or (data.get("video") or {}).get("audio_seconds"),
                    checks=tuple(str(c) for c in data.get("checks") or ()),
                    glb=_existing(results / "exports" / entry.id / f"{clip}.glb"),
                    arkit_csv=_existing(results / "clips" / clip / "arkit.csv"),
                    audio=_existing(results / "clips" / clip / "audio.wav"),
                )
            )
        cards.append(
            AvatarCard(
                id=entry.id,
                prompt=str(metadata.get("prompt") or entry.prompt),
                negative_prompt=str(metadata.get("negative_prompt") or entry.negative_prompt or ""),
                seed=int(metadata.get("seed", entry.seed)),
                attributes=prompt_attributes(metadata, entry.prompt),
                ignored_words=ignored_words(metadata),
                metadata={k: v for k, v in metadata.items() if k not in (*_ATTRIBUTE_KEYS, "prompt", "negative_prompt", "seed")},
                avatar_file=avatar_file,
                preview=_existing(folder / "preview.png"),
                turntable=_existing(folder / "turntable.mp4"),
                videos=videos,
            )
        )
    return cards
