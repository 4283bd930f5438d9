"""Video muxing: PNG frames or piped raw frames + WAV audio -> H.264 yuv420p + AAC MP4 (ffmpeg)."""

from .mux import encode_video, ffmpeg_exe, probe_video, video_pipe

__all__ = ["encode_video", "ffmpeg_exe", "probe_video", "video_pipe"]
