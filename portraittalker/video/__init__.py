"""Video muxing: PNG frames + WAV audio -> H.264 yuv420p + AAC MP4 (ffmpeg)."""

from .mux import encode_video, ffmpeg_exe, probe_video

__all__ = ["encode_video", "ffmpeg_exe", "probe_video"]
