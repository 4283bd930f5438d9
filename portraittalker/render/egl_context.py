"""A headless OpenGL context on EGL (Mesa llvmpipe on a CPU, the vendor driver on a GPU), made
without torch: the torch rasterizer (`egl.py`) and the playback path (`playback.py`) share it."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..errors import PortraitTalkerError

EGL_PACKAGES = "libegl1 libegl-mesa0 libgl1-mesa-dri"
_made_in: set[int] = set()  # ids of the processes that made a context (a forked child inherits the set)


def made_in_this_process() -> bool:
    """Whether this process has made an EGL context. A process forked after that inherits the
    driver's state without its threads (llvmpipe's rasteriser), so it must not draw."""
    return os.getpid() in _made_in


def create_egl_context():
    """A standalone moderngl context on EGL, or a PortraitTalkerError naming what to install."""
    try:
        import moderngl
    except ImportError as err:
        raise PortraitTalkerError(f"the EGL render backend needs the Python package moderngl (pip install moderngl): {err}") from err
    try:
        ctx = moderngl.create_standalone_context(backend="egl", require=330)
    except Exception as err:  # moderngl/glcontext raise plain Exceptions for a missing libEGL
        raise PortraitTalkerError(
            f"no OpenGL/EGL context could be created ({str(err).splitlines()[0] if str(err) else type(err).__name__}); "
            f"install the Debian packages {EGL_PACKAGES} (scripts/install_system_deps.sh does it)"
        ) from err
    _made_in.add(os.getpid())
    return ctx


@dataclass(frozen=True)
class EGLContext:
    """What `egl_frames.EGLFrameRenderer` draws on: a moderngl `ctx` (an `egl.EGLRasterizer` is
    one too, holding the torch path's context)."""

    ctx: object

    @staticmethod
    def create() -> "EGLContext":
        return EGLContext(create_egl_context())
