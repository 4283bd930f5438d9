"""Which jobs need a GPU, decided from the configuration alone.

The workflow plans cluster requests with these before any job runs (so this module must not
import torch): a job asks SLURM for a GPU only when it will use one. The weights-free prior and
the OpenGL/EGL renderer run on any CPU node, so a CPU-only cluster runs the default batch.
"""

from __future__ import annotations

from pathlib import Path

GPU_GUIDANCE = ("sds",)         # guidance kinds that run a diffusion model
GPU_RENDER_BACKENDS = ("nvdiffrast",)  # `auto` takes EGL where no GPU was asked for


def guidance_uses_gpu(requested: str, sd_model_path: str | Path | None) -> bool:
    """SDS runs when asked for, or on `auto` with a configured Stable Diffusion folder
    (the same rule `guidance.select.choose_guidance_kind` applies inside the job)."""
    if requested == "auto":
        return sd_model_path is not None
    return requested in GPU_GUIDANCE


def render_uses_gpu(backend: str) -> bool:
    """Only an explicit `nvdiffrast` backend needs CUDA; `auto` and `egl` render on a CPU."""
    return backend in GPU_RENDER_BACKENDS
