"""FLAME-layout head geometry: the model, linear blend skinning, loaders, the bundled head."""

from .basis import BUNDLED_HEAD_ID, EXPRESSION_COMPONENTS, NUM_EXPRESSION, component_index
from .layer import FlameLayer
from .lbs import axis_angle_to_matrix, lbs
from .loading import BUNDLED_HEAD_PATH, load_head_model
from .model import JOINT_NAMES, LANDMARK_NAMES, REGION_NAMES, HeadModel

__all__ = [
    "BUNDLED_HEAD_ID", "BUNDLED_HEAD_PATH", "EXPRESSION_COMPONENTS", "FlameLayer", "HeadModel",
    "JOINT_NAMES", "LANDMARK_NAMES", "NUM_EXPRESSION", "REGION_NAMES", "axis_angle_to_matrix",
    "component_index", "lbs", "load_head_model",
]
