"""Speech -> FLAME: audio ingest, features, the audio2flame transformer, motion, corpus, training.

Submodules load on first use, so audio preparation never pays for importing torch.
"""

from importlib import import_module

__all__ = ["prepare_audio", "predict_flame"]
_SOURCES = {"prepare_audio": ".audio", "predict_flame": ".predict"}


def __getattr__(name: str):
    if name in _SOURCES:
        return getattr(import_module(_SOURCES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
