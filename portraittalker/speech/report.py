"""The training report: report.json (all figures), report.md (readable) and loss_curves.png."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from ..io import atomic_path
from .training import History

R_GOAL = 0.8
REQUIRED_LANGUAGES = ("ko", "en", "zh", "ja")


def _polyline(draw: ImageDraw.ImageDraw, xs, ys, box, x_range, y_range, colour) -> None:
    (x0, y0, x1, y1), (xa, xb), (ya, yb) = box, x_range, y_range
    pts = [(x0 + (x - xa) / (xb - xa + 1e-12) * (x1 - x0), y1 - (y - ya) / (yb - ya + 1e-12) * (y1 - y0)) for x, y in zip(xs, ys)]
    if len(pts) > 1:
        draw.line(pts, fill=colour, width=2)


def plot_curves(history: History, path: Path, size=(900, 420)) -> None:
    """Train (moving average) and validation loss vs step, log scale, drawn with PIL."""
    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    box = (60, 30, size[0] - 20, size[1] - 40)
    draw.rectangle(box, outline="black")
    train = np.asarray(history.train_loss)
    k = max(1, len(train) // 50)
    smooth = np.convolve(train, np.ones(k) / k, mode="valid")
    steps = np.asarray(history.step)[k - 1:]
    allv = np.log10(np.concatenate([smooth, history.val_loss]) + 1e-9)
    yr = (allv.min() - 0.05, allv.max() + 0.05)
    xr = (1, max(history.step[-1], 2))
    _polyline(draw, steps, np.log10(smooth), box, xr, yr, (40, 90, 200))
    _polyline(draw, history.val_step, np.log10(history.val_loss), box, xr, yr, (210, 60, 40))
    for v in np.arange(np.ceil(yr[0] * 4) / 4, yr[1], 0.25):
        y = box[3] - (v - yr[0]) / (yr[1] - yr[0]) * (box[3] - box[1])
        draw.text((5, y - 6), f"{10 ** v:.3f}", fill="black")
    draw.text((box[0], 8), "loss (log scale): blue = train (moving average), red = validation", fill="black")
    draw.text((box[2] - 120, box[3] + 10), f"step {xr[1]}", fill="black")
    with atomic_path(path) as tmp:
        img.save(tmp, format="PNG")


def write_report(out_dir: str | Path, history: History, figures: dict, metadata: dict) -> dict:
    out = Path(out_dir)
    report = {"validation": figures, "metadata": metadata, "history": asdict(history)}
    with atomic_path(out / "report.json") as tmp:
        tmp.write_text(json.dumps(report, indent=1) + "\n")
    plot_curves(history, out / "loss_curves.png")
    def table(per_group: dict) -> list[str]:
        rows = []
        for group, v in per_group.items():
            lang = group.split()[0]
            mark = ("pass" if v["jaw_pearson_r"] >= R_GOAL else "FAIL") if lang in REQUIRED_LANGUAGES else ""
            rows.append(f"| {group} | {v['utterances']} | {v['jaw_pearson_r']:.3f} | {v['jaw_mae_rad']:.4f} | {mark} |")
        return rows

    def bilabial_lines(b: dict, network: dict | None = None, decoding: dict | None = None) -> list[str]:
        before = [] if not network else [
            f"- the network alone, before closure decoding (threshold {decoding['threshold']}, jawOpen < {decoding['max_jaw']}; "
            f"closure_decoding.py): shut in {100 * network['closed_fraction']:.1f}% of closures, "
            f"{100 * (network['shut_in_open_vowels'] or 0):.1f}% of open-vowel frames",
        ]
        return [
            f"- {b['closure_events']} closures. Lips shut (pressed, held against the jaw, or jaw < 1.1 deg with no lip-parting "
            f"shape) in {100 * b['closed_fraction']:.1f}% of them, vs {100 * (b['shut_in_open_vowels'] or 0):.1f}% of open-vowel frames",
            f"- lips actively pressed (predicted mouthPress peak > 0.5) in {100 * b['pressed_fraction']:.1f}% of closures",
            f"- mean predicted mouthPress inside closures {b['lip_press_in_closures']} vs {b['lip_press_in_open_vowels']} in open vowels; "
            f"jaw opening inside closures {b['jaw_open_rad_in_closures']} rad",
            *before,
        ]

    rows = table(figures["per_language"])
    b = figures["bilabial"]
    test = figures.get("test")
    held_out = [] if not test else [
        "",
        f"## Held-out test: engine `{metadata.get('held_out_engine')}` and espeak voice variants never trained on "
        "(goal r >= 0.8 for ko/en/zh/ja)",
        "",
        "| group | utterances | r | MAE (rad) | goal |",
        "|---|---|---|---|---|",
        *table(test["per_language"]),
        "",
        "Bilabial closure (p, b, m) in the held-out test speech (goal: >= 90% shut, < 3% of open-vowel frames):",
        "",
        *bilabial_lines(test["bilabial"], test.get("bilabial_network"), test.get("closure_decoding")),
    ]
    md = "\n".join([
        "# audio2flame training report",
        "",
        f"- corpus `{metadata.get('corpus_hash')}`, {metadata.get('corpus_hours')} h of generated speech, "
        f"{metadata.get('train_utterances')} train / {metadata.get('val_utterances')} validation / "
        f"{metadata.get('test_utterances', 0)} held-out test utterances; utterances per engine: {metadata.get('engines')}",
        *([f"- figures below measured on a rebuild of that corpus, `{metadata['evaluation_corpus_hash']}` (same engines, "
           "sentences and split sizes; the engines' output is not bit-identical between builds)"]
          if metadata.get("evaluation_corpus_hash") else []),
        f"- features `{metadata['features']['kind']}`; best checkpoint at step {figures['step']} of {figures['steps_run']} "
        f"({figures['wall_minutes']} min on {metadata.get('threads')} CPU thread(s))",
        f"- validation loss {figures['loss']:.4f}",
        "",
        "## Validation jaw opening (training voices, other sentences; Pearson r, predicted vs phoneme-derived target)",
        "",
        "| language | utterances | r | MAE (rad) | goal |",
        "|---|---|---|---|---|",
        *rows,
        "",
        "Bilabial closure (p, b, m) in validation speech:",
        "",
        *bilabial_lines(b, figures.get("bilabial_network"), figures.get("closure_decoding")),
        *held_out,
        "",
        "![loss curves](loss_curves.png)",
        "",
    ])
    with atomic_path(out / "report.md") as tmp:
        tmp.write_text(md)
    return report
