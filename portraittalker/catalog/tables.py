"""Metric tables: summary.csv (one row per video) and a paper-style Markdown table."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from typing import Iterable

from .collect import AvatarCard, VideoEntry


@dataclass(frozen=True)
class MetricColumn:
    key: str  # name in the metrics JSON
    label: str
    better: str  # "↑", "↓" or "" (no preferred direction)
    digits: int


# Per-video columns; "metric.detail" names a detail of a metric entry.
COLUMNS = (
    MetricColumn("lse_c", "LSE-C", "↑", 3),
    MetricColumn("lse_d", "LSE-D", "↓", 3),
    MetricColumn("face_found", "Face found", "↑", 3),
    MetricColumn("mux_audio_offset_ms", "Audio shift (ms)", "", 0),
    MetricColumn("av_offset_frames", "Sync offset (frames)", "", 0),
    MetricColumn("av_sync", "Mouth r", "↑", 3),
    MetricColumn("av_sync.loudness_follower_r", "Loudness r", "", 3),
    MetricColumn("av_sync.margin", "Margin", "↑", 3),
    MetricColumn("landmark_jitter_px", "Jitter (px/f²)", "↓", 3),
    MetricColumn("flicker", "Flicker", "↓", 3),
)
# Batch columns (results/metrics/batch.json).
BATCH_COLUMNS = (MetricColumn("fid", "FID", "↓", 2),)


def format_value(value: float | None, digits: int) -> str:
    """Fixed-point text; whole-frame offsets keep their sign; null or non-finite is '–'."""
    if value is None or not math.isfinite(value):
        return "–"
    if digits == 0:
        return f"{round(value):+d}" if round(value) else "0"
    return f"{value:.{digits}f}"


def _videos(cards: Iterable[AvatarCard]) -> list[VideoEntry]:
    return [v for card in cards for v in card.videos]


def _reasons(video: VideoEntry) -> list[str]:
    return sorted({r for c in COLUMNS if video.value(c.key) is None and (r := video.reason(c.key))})


def summary_csv(cards: list[AvatarCard]) -> str:
    """CSV text: avatar, clip, video path, seconds, every metric (empty = null), null reasons."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["avatar", "clip", "video", "audio_seconds", *(c.key for c in COLUMNS), "null_reasons"])
    for v in _videos(cards):
        values = ["" if v.value(c.key) is None else v.value(c.key) for c in COLUMNS]
        writer.writerow([v.avatar, v.clip, v.video or "", v.audio_seconds or "", *values, " | ".join(_reasons(v))])
    return out.getvalue()


def _mean(values: list[float | None]) -> float | None:
    present = [float(x) for x in values if x is not None]
    return sum(present) / len(present) if present else None


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + [":---:"] * (len(header) - 1)) + "|"]
    return lines + ["| " + " | ".join(r) + " |" for r in rows]


def batch_lines(batch: dict) -> list[str]:
    """'FID ↓: 41.20' or 'FID ↓: – (reason)' per batch metric."""
    out = []
    for c in BATCH_COLUMNS:
        entry = batch.get(c.key) if isinstance(batch.get(c.key), dict) else {}
        value = entry.get("value")
        reason = entry.get("reason") or ("not evaluated yet" if not batch else "metric not reported")
        out.append(f"{c.label} {c.better}: " + (format_value(value, c.digits) if value is not None else f"– ({reason})"))
    return out


def markdown_tables(cards: list[AvatarCard], batch: dict | None = None) -> str:
    """Batch metrics, per-video results grouped by avatar, then means per avatar and per clip;
    delivery faults and nulls footnoted."""
    videos = _videos(cards)
    header = [c.label + (f" {c.better}" if c.better else "") for c in COLUMNS]
    lines = ["# Results", "", "Batch: " + "; ".join(batch_lines(batch or {})), "",
             "Per video (grouped by avatar). ↑ higher is better, ↓ lower is better; – not available.", ""]
    lines += _table(["Avatar", "Clip", *header],
                    [[v.avatar, v.clip, *(format_value(v.value(c.key), c.digits) for c in COLUMNS)] for v in videos])

    def grouped(title: str, key: str) -> list[str]:
        groups: dict[str, list[VideoEntry]] = {}
        for v in videos:
            groups.setdefault(getattr(v, key), []).append(v)
        rows = [[name, str(len(vs)), *(format_value(_mean([v.value(c.key) for v in vs]),
                                                     max(c.digits, 1)) for c in COLUMNS)]
                for name, vs in groups.items()]
        return ["", f"Mean per {title}.", "", *_table([title.capitalize(), "Videos", *header], rows)]

    lines += grouped("avatar", "avatar") + grouped("clip", "clip")
    faults = [f"- {v.avatar}/{v.clip}: {c}" for v in videos for c in v.checks]
    if faults:
        lines += ["", "Delivery faults:", ""] + faults
    reasons = sorted({r for v in videos for r in _reasons(v)})
    if reasons:
        lines += ["", "Not available:", ""] + [f"- {r}" for r in reasons]
    return "\n".join(lines) + "\n"
