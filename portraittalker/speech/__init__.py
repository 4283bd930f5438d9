"""Speech -> FLAME: audio ingest, features, the audio2flame transformer, motion, corpus, training."""

from .audio import prepare_audio
from .predict import predict_flame

__all__ = ["prepare_audio", "predict_flame"]
