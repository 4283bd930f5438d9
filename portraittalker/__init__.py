"""portraittalker: text prompt + speech clip -> 3D talking-head video."""

__version__ = "0.1.0"
