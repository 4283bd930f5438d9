"""Rendering: nvdiffrast-shaped rasterizers (OpenGL/EGL on CPU, nvdiffrast on CUDA), torch
interpolation/texture/antialias shared by both, shading, backdrop and portrait cameras."""

from .baked import BakedAppearance, bake_appearance
from .camera import (
    Camera,
    Orbit,
    look_at,
    orbit_cameras,
    perspective,
    portrait_orbit,
    project_points,
    random_cameras,
    turntable_cameras,
)
from .interpolate import antialias, fragments, interpolate, interpolate_fragments, texture
from .rasterizer import BACKENDS, get_rasterizer, nvdiffrast_available, resolve_backend
from .renderer import HeadRenderer, RenderLayers

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
