"""FLAME-layout head geometry: the model, linear blend skinning, loaders, the bundled head.

Submodules load on first use, so a job that only needs the basis ids (`head.basis`, e.g. speech
prediction) never pays for importing torch (`head.layer`, `head.lbs`).
"""

from importlib import import_module

_SOURCES = {
    "BUNDLED_HEAD_ID": ".basis", "EXPRESSION_COMPONENTS": ".basis", "NUM_EXPRESSION": ".basis", "component_index": ".basis",
    "FlameLayer": ".layer", "axis_angle_to_matrix": ".lbs",  # not lbs: that name is the submodule's too
    "BUNDLED_HEAD_PATH": ".loading", "load_head_model": ".loading",
    "JOINT_NAMES": ".model", "LANDMARK_NAMES": ".model", "REGION_NAMES": ".model", "HeadModel": ".model",
}
__all__ = sorted(_SOURCES)


def __getattr__(name: str):
    if name in _SOURCES:
        return getattr(import_module(_SOURCES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
