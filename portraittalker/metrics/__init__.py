"""Lip-sync and image metrics, measured on the delivered video.

`evaluate.evaluate_video` decodes an MP4's frames and audio track, detects face landmarks on
the frames with a standard landmarker (`landmarker.py`: MediaPipe BlazeFace + Face Mesh) and
writes the per-video metrics JSON (DESIGN.md): delivery checks, face found, weights-free sync
against a loudness baseline (`av_sync.py`, `phones.py`), jitter and face flicker
(`temporal.py`), and SyncNet LSE-C / LSE-D when its weights are given. `batch.py` computes
FID once per batch. Weights-backed metrics report `null` with a reason when weights are
absent. `jaw_follow.py` and `face_analyser.py` serve the check scripts in scripts/.
"""
