"""The rasterizer interface both backends share, and picking a backend by name.

The surface is nvdiffrast's: `rasterize(clip_pos [B,V,4], tri [F,3] int32, (H, W))` returns
`rast [B,H,W,4]` = (u, v, z/w, triangle_id + 1), 0 in all channels where no triangle covers
the pixel centre. Barycentrics are perspective-correct and weight the triangle's corners as
(u, v, 1 - u - v). Row 0 is clip-space y = -1 (the bottom of the picture, as in OpenGL and
nvdiffrast); the renderer flips rows when it writes images.

Each backend also offers `coverage(clip_pos, tri, (H, W)) -> [B,H,W]`: the fraction of the
pixel area inside any triangle, from several samples per pixel. Shading code uses it to
antialias silhouettes (`portraittalker.render.interpolate.antialias`). And
`surface_samples(clip_pos, tri, front, labels, (H, W)) -> [B,H,W,4]`: the same samples, each
holding the surface label of the nearest face among `front[b]` (those turned towards the
camera), -1 where only other faces cover it, 0 where none does; the renderer blends the pixels
whose samples see another surface than their centre (`compose.surface_edge_colours`).
"""

from __future__ import annotations

import logging
from typing import Protocol

import torch

from ..config import RENDER_BACKENDS as BACKENDS
from ..errors import PortraitTalkerError

log = logging.getLogger(__name__)


class Rasterizer(Protocol):
    name: str
    device: torch.device

    def rasterize(self, clip_pos: torch.Tensor, tri: torch.Tensor, resolution: tuple[int, int]) -> torch.Tensor:
        ...

    def coverage(self, clip_pos: torch.Tensor, tri: torch.Tensor, resolution: tuple[int, int]) -> torch.Tensor:
        ...

    def surface_samples(self, clip_pos: torch.Tensor, tri: torch.Tensor, front: list, labels,
                        resolution: tuple[int, int]) -> torch.Tensor:
        ...


def nvdiffrast_available() -> bool:
    """True when CUDA is usable and the nvdiffrast package imports."""
    if not torch.cuda.is_available():
        return False
    try:
        import nvdiffrast.torch  # noqa: F401
    except Exception:  # ImportError, or a broken CUDA extension build
        return False
    return True


_CACHE: dict[str, Rasterizer] = {}


def resolve_backend(backend: str = "auto") -> str:
    """The concrete backend name for `backend` ("auto": nvdiffrast on CUDA when present, else EGL)."""
    if backend not in BACKENDS:
        raise PortraitTalkerError(f"render backend '{backend}' is unknown (choose one of {', '.join(BACKENDS)})")
    if backend == "auto":
        return "nvdiffrast" if nvdiffrast_available() else "egl"
    return backend


def get_rasterizer(backend: str = "auto") -> Rasterizer:
    """One shared rasterizer per backend name: GL contexts and CUDA contexts are costly to make."""
    name = resolve_backend(backend)
    if name not in _CACHE:
        if name == "nvdiffrast":
            if not nvdiffrast_available():
                raise PortraitTalkerError(
                    "render backend 'nvdiffrast' needs CUDA and the nvdiffrast package "
                    "(pip install git+https://github.com/NVlabs/nvdiffrast); use --backend egl instead"
                )
            from .nvdiffrast_backend import NvdiffrastRasterizer

            _CACHE[name] = NvdiffrastRasterizer()
        else:
            from .egl import EGLRasterizer

            _CACHE[name] = EGLRasterizer()
        log.info("render backend: %s (%s)", name, getattr(_CACHE[name], "description", name))
    return _CACHE[name]
