"""Rendering: nvdiffrast-shaped rasterizers (OpenGL/EGL on CPU, nvdiffrast on CUDA), torch
interpolation/texture/antialias shared by both, shading, backdrop and portrait cameras.

The names below load on first use: a clip's render on the playback path (`playback.py`)
imports GL modules of this package without torch, which these would pull in.
"""

from __future__ import annotations

__all__ = [
    "BACKENDS",
    "BakedAppearance",
    "Camera",
    "HeadRenderer",
    "Orbit",
    "RenderLayers",
    "antialias",
    "bake_appearance",
    "fragments",
    "get_rasterizer",
    "interpolate",
    "interpolate_fragments",
    "look_at",
    "nvdiffrast_available",
    "orbit_cameras",
    "perspective",
    "portrait_orbit",
    "project_points",
    "random_cameras",
    "resolve_backend",
    "texture",
    "turntable_cameras",
]


def _load() -> None:
    """Bind every exported name, as an eager __init__ would (after the submodules: the function
    `interpolate` must win over the submodule of that name)."""
    from .baked import BakedAppearance, bake_appearance
    from .camera import (Camera, Orbit, look_at, orbit_cameras, perspective, portrait_orbit, project_points,
                         random_cameras, turntable_cameras)
    from .interpolate import antialias, fragments, interpolate, interpolate_fragments, texture
    from .rasterizer import BACKENDS, get_rasterizer, nvdiffrast_available, resolve_backend
    from .renderer import HeadRenderer, RenderLayers

    globals().update({k: v for k, v in locals().items() if k in __all__})


def __getattr__(name: str):
    if name in __all__:
        _load()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
