"""The manifest: avatars (text prompts), clips (speech files) and which pairs to render.

Loaded once by the workflow before anything runs; every problem becomes one line that names
the manifest entry or file and says what to do. Imports nothing heavy, so `snakemake -n`
stays fast.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import yaml

from .errors import PortraitTalkerError

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "workflow" / "schemas" / "manifest.schema.yaml"
# Ids become directory names under results/: keep them boring and portable.
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")


@dataclass(frozen=True)
class AvatarEntry:
    id: str
    prompt: str
    negative_prompt: str = ""
    seed: int = 0
    guidance: str | None = None
    steps: int | None = None
    guidance_scale: float | None = None


def default_seed(avatar_id: str) -> int:
    """The seed of an avatar whose entry names none: from its id, so that a batch written without
    seeds does not give every woman the same unsaid face, age and dress (one seed, one set of choices)."""
    return zlib.crc32(avatar_id.encode()) % 100_000


@dataclass(frozen=True)
class ClipEntry:
    id: str
    audio: str
    language: str | None = None


@dataclass(frozen=True)
class Manifest:
    avatars: tuple[AvatarEntry, ...]
    clips: tuple[ClipEntry, ...]
    renders: tuple[tuple[str, str], ...] = field(default=())

    def avatar(self, avatar_id: str) -> AvatarEntry:
        return next(a for a in self.avatars if a.id == avatar_id)

    def clip(self, clip_id: str) -> ClipEntry:
        return next(c for c in self.clips if c.id == clip_id)


def _entry_name(path: tuple) -> str:
    """['avatars', 1, 'prompt'] -> 'avatars[1].prompt'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "top level"


def _schema_error(err: jsonschema.ValidationError, raw: dict, source: str) -> PortraitTalkerError:
    where = list(err.absolute_path)
    entry = _entry_name(tuple(where[:2])) if len(where) >= 2 else _entry_name(tuple(where))
    node = raw
    try:
        for part in where[:2]:
            node = node[part]
        ident = f" (id '{node['id']}')" if isinstance(node, dict) and "id" in node else ""
    except (KeyError, IndexError, TypeError):
        ident = ""
    if err.validator == "required":
        missing = err.message.split("'")[1]
        return PortraitTalkerError(f"{source}: {entry}{ident} has no '{missing}': add it")
    if err.validator == "additionalProperties":
        return PortraitTalkerError(f"{source}: {entry}{ident}: {err.message}")
    return PortraitTalkerError(f"{source}: {_entry_name(tuple(where))}{ident}: {err.message}")


def parse_manifest(raw: object, source: str = "manifest", root: Path | None = None) -> Manifest:
    """Validate a loaded manifest document; audio paths are checked relative to `root`."""
    if not isinstance(raw, dict):
        raise PortraitTalkerError(f"{source}: expected a mapping with 'avatars' and 'clips'")
    schema = yaml.safe_load(SCHEMA_PATH.read_text())
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(raw), key=lambda e: list(e.absolute_path))
    if errors:
        raise _schema_error(errors[0], raw, source)

    for kind in ("avatars", "clips"):
        seen: set[str] = set()
        for i, entry in enumerate(raw[kind]):
            ident = entry["id"]
            if not SAFE_ID.match(ident) or ".." in ident:
                raise PortraitTalkerError(
                    f"{source}: {kind}[{i}] id '{ident}' is not a safe file name: "
                    "use ASCII letters, digits, '_', '-', '.', starting with a letter or digit (at most 100; no '/' or '..')"
                )
            if ident in seen:
                raise PortraitTalkerError(f"{source}: {kind}[{i}] id '{ident}' is used twice: ids must be unique")
            seen.add(ident)

    for i, entry in enumerate(raw["avatars"]):
        if not entry["prompt"].strip():
            raise PortraitTalkerError(f"{source}: avatars[{i}] (id '{entry['id']}') has an empty prompt: describe the person")

    root = root or Path.cwd()
    for i, entry in enumerate(raw["clips"]):
        audio = Path(entry["audio"])
        audio = audio if audio.is_absolute() else root / audio
        where = f"{source}: clips[{i}] (id '{entry['id']}')"
        if audio.is_dir():
            raise PortraitTalkerError(f"{where} audio is a folder, not a recording: {entry['audio']}")
        if not audio.is_file():
            raise PortraitTalkerError(f"{where} audio file not found: {entry['audio']}")
        if audio.stat().st_size == 0:  # caught here, not by prepare_audio halfway through the batch
            raise PortraitTalkerError(f"{where} audio file is empty (0 bytes): {entry['audio']}")

    avatars = tuple(AvatarEntry(**{"seed": default_seed(a["id"]), **a}) for a in raw["avatars"])
    clips = tuple(ClipEntry(**c) for c in raw["clips"])
    avatar_ids, clip_ids = {a.id for a in avatars}, {c.id for c in clips}
    if "renders" in raw:
        renders = []
        for i, pair in enumerate(raw["renders"]):
            if pair["avatar"] not in avatar_ids:
                raise PortraitTalkerError(f"{source}: renders[{i}] names unknown avatar '{pair['avatar']}'")
            if pair["clip"] not in clip_ids:
                raise PortraitTalkerError(f"{source}: renders[{i}] names unknown clip '{pair['clip']}'")
            if (pair["avatar"], pair["clip"]) not in renders:
                renders.append((pair["avatar"], pair["clip"]))
        renders = tuple(renders)
    else:
        renders = tuple((a.id, c.id) for a in avatars for c in clips)
    return Manifest(avatars, clips, renders)


def load_manifest(path: str | Path, root: Path | None = None) -> Manifest:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PortraitTalkerError(f"{path}: manifest not found (set one with --config manifest=PATH)") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or "syntax error"
        raise PortraitTalkerError(f"{path}: broken YAML{where}: {problem}") from None
    return parse_manifest(raw, str(path), root)
