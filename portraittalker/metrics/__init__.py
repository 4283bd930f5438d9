"""Lip-sync and image metrics for rendered talking-head videos.

Weights-backed metrics (SyncNet LSE-C / LSE-D, FID) load their networks from local paths and
report `null` with a reason when the weights are absent; the weights-free measures
(audio-visual sync from lip landmarks, landmark jitter, background flicker) always run.
`evaluate.evaluate_video` combines them into the per-video metrics JSON (DESIGN.md).
"""
