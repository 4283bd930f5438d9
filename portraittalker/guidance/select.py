"""Which guidance runs: `auto` picks SDS when the Stable Diffusion folder exists, else the prior."""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import MissingWeightsError, PortraitTalkerError

log = logging.getLogger(__name__)
GUIDANCE_KINDS = ("auto", "sds", "prior")


def choose_guidance_kind(requested: str, sd_model_path: str | Path | None) -> str:
    """-> "sds" or "prior". Asking for "sds" without weights is an error, not a fallback."""
    if requested not in GUIDANCE_KINDS:
        raise PortraitTalkerError(f"guidance '{requested}' is unknown (choose one of {', '.join(GUIDANCE_KINDS)})")
    has_weights = sd_model_path is not None and Path(sd_model_path).is_dir()
    if requested == "sds" and not has_weights:
        where = sd_model_path if sd_model_path is not None else "(avatar.sd_model_path is not set)"
        raise MissingWeightsError(
            f"{where}: Stable Diffusion weights not found; point --sd-model / avatar.sd_model_path at a local "
            "diffusers folder (e.g. stable-diffusion-2-1-base) or use --guidance prior")
    kind = "sds" if requested == "sds" or (requested == "auto" and has_weights) else "prior"
    log.info("guidance: %s (requested %s, sd_model_path=%s)", kind, requested, sd_model_path)
    return kind
