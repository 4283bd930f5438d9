"""FLAME-layout head geometry: the model, linear blend skinning, loaders, the bundled head.

The names below load on first use: a clip's render on the playback path skins with
`lbs_numpy` without torch, which these would pull in.
"""

from __future__ import annotations

__all__ = [
    "BUNDLED_HEAD_ID", "BUNDLED_HEAD_PATH", "EXPRESSION_COMPONENTS", "FlameLayer", "HeadModel",
    "JOINT_NAMES", "LANDMARK_NAMES", "NUM_EXPRESSION", "REGION_NAMES", "axis_angle_to_matrix",
    "component_index", "lbs", "load_head_model",
]


def _load() -> None:
    """Bind every exported name, as an eager __init__ would (after the submodules: the function
    `lbs` must win over the submodule of that name)."""
    from .basis import BUNDLED_HEAD_ID, EXPRESSION_COMPONENTS, NUM_EXPRESSION, component_index
    from .layer import FlameLayer
    from .lbs import axis_angle_to_matrix, lbs
    from .loading import BUNDLED_HEAD_PATH, load_head_model
    from .model import JOINT_NAMES, LANDMARK_NAMES, REGION_NAMES, HeadModel

    globals().update({k: v for k, v in locals().items() if k in __all__})


def __getattr__(name: str):
    if name in __all__:
        _load()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
