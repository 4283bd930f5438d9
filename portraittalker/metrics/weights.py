"""Loading the evaluation networks' pretrained weights from local files (never downloaded)."""

from __future__ import annotations

from pathlib import Path

import torch

from ..errors import MissingWeightsError, PortraitTalkerError


def read_state_dict(path: str | Path | None, *, what: str, config_key: str, file_hint: str) -> dict:
    """The state dict at `path`; MissingWeightsError (-> a null metric) when not configured/found."""
    if path is None:
        raise MissingWeightsError(f"{what} weights not configured (set {config_key} to {file_hint})")
    path = Path(path)
    if not path.is_file():
        raise MissingWeightsError(f"{path}: {what} weights not found (set {config_key} to {file_hint})")
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as err:  # pickle and zip errors vary by file
        raise PortraitTalkerError(f"{path}: not a readable {what} state dict ({err})".replace("\n", " ")) from err
    if isinstance(state, dict) and isinstance(state.get("state_dict"), dict):
        state = state["state_dict"]
    if not isinstance(state, dict):
        raise PortraitTalkerError(f"{path}: not a {what} state dict (found {type(state).__name__})")
    return state


def load_exactly(net: torch.nn.Module, state: dict, path: str | Path, what: str) -> torch.nn.Module:
    """Load `state` into `net`, refusing a file whose keys are not exactly the network's."""
    missing, unexpected = net.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise PortraitTalkerError(
            f"{path}: not a {what} state dict (missing {len(missing)} keys e.g. {missing[:2]}, "
            f"unexpected {len(unexpected)} e.g. {unexpected[:2]})"
        )
    return net.eval()
