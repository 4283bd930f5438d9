"""Build results/catalog/: index.html, summary.csv, metrics.md and the 3D player (viewer.html +
its script), swapped in atomically."""

from __future__ import annotations

from pathlib import Path

from ..io import atomic_dir
from ..manifest import Manifest
from .collect import collect_catalog, read_batch_metrics
from .page import render_index
from .tables import batch_lines, markdown_tables, summary_csv
from .viewer import viewer_files

SUMMARY_CSV = "summary.csv"
METRICS_MD = "metrics.md"
INDEX_HTML = "index.html"


def build_catalog(results: Path, manifest: Manifest, out: Path) -> list[Path]:
    """Write the catalog folder `out` for the videos `manifest` asks for; returns its files."""
    results, out = Path(results), Path(out)
    cards = collect_catalog(results, manifest)
    batch = read_batch_metrics(results)
    files = {
        SUMMARY_CSV: summary_csv(cards),
        METRICS_MD: markdown_tables(cards, batch),
        # Links are computed against the final folder, not the temporary one.
        INDEX_HTML: render_index(cards, out, {"summary.csv": SUMMARY_CSV, "metrics table (Markdown)": METRICS_MD},
                                 batch_lines(batch)),
    }
    player = viewer_files()  # the three.js GLB player the clips link to
    with atomic_dir(out) as tmp:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8")
        for name, data in player.items():
            (tmp / name).write_bytes(data)
    return [out / name for name in (*files, *player)]
