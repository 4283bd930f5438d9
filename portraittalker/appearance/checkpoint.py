"""Resumable optimisation checkpoints, written atomically, matched by a run fingerprint.

A checkpoint holds everything the next step depends on (field and optimiser state, the RNG
state, the step), so a killed run resumed from it continues bit-for-bit on CPU. The file
name carries a fingerprint of the run's settings: a checkpoint directory shared between
runs (or left over from an edited prompt) never resumes the wrong avatar.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from ..io import atomic_path

log = logging.getLogger(__name__)


def run_fingerprint(settings: dict[str, Any]) -> str:
    """A short stable hash of JSON-serialisable run settings."""
    blob = json.dumps(settings, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:12]


@dataclass(frozen=True)
class CheckpointStore:
    directory: Path
    fingerprint: str
    keep: int = 2

    def _name(self, step: int) -> Path:
        return self.directory / f"avatar-{self.fingerprint}-{step:07d}.ckpt"

    def _existing(self) -> list[tuple[int, Path]]:
        if not self.directory.is_dir():
            return []
        pattern = re.compile(rf"avatar-{self.fingerprint}-(\d{{7}})\.ckpt$")
        found = [(int(m.group(1)), p) for p in self.directory.iterdir() if (m := pattern.match(p.name))]
        return sorted(found)

    def save(self, step: int, state: dict[str, Any]) -> Path:
        path = self._name(step)
        with atomic_path(path) as tmp:
            torch.save({"fingerprint": self.fingerprint, "step": step, **state}, tmp)
        for _, old in self._existing()[: -self.keep]:
            old.unlink(missing_ok=True)
        return path

    def clear(self) -> None:
        """Remove this run's checkpoints (once its avatar is safely written)."""
        for _, path in self._existing():
            path.unlink(missing_ok=True)

    def latest(self) -> dict[str, Any] | None:
        """The newest readable checkpoint of this run, or None. A damaged file (the machine
        died mid-rename is impossible, but a disk can still fail) is skipped with a warning."""
        for step, path in reversed(self._existing()):
            try:
                state = torch.load(path, map_location="cpu", weights_only=True)
            except Exception as err:  # noqa: BLE001 - any unreadable file is skipped alike
                log.warning("skipping unreadable checkpoint %s (%s)", path, type(err).__name__)
                continue
            if state.get("fingerprint") == self.fingerprint and state.get("step") == step:
                return state
        return None
