"""Catalog: tables from a synthetic results tree, and the page in a real headless browser."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import numpy as np
import pytest
import soundfile as sf
import torch
from PIL import Image

from portraittalker.catalog.collect import build_summary, collect_catalog, read_avatar_metadata
from portraittalker.catalog.tables import format_value
from portraittalker.manifest import parse_manifest

ROOT = Path(__file__).resolve().parent.parent
MAGENTA = (255, 0, 255)  # preview colour of the first avatar, to spot it in the screenshot
AVATARS = ("night_man", "garden_woman")
CLIPS = ("en_hello", "ko_hello")


def write_mp4(path: Path, colour: tuple[int, int, int], frames: int = 8, size: int = 64) -> None:
    import imageio_ffmpeg

    path.parent.mkdir(parents=True, exist_ok=True)
    writer = imageio_ffmpeg.write_frames(str(path), (size, size), fps=25, macro_block_size=1, pix_fmt_out="yuv420p")
    writer.send(None)
    for i in range(frames):
        frame = np.zeros((size, size, 3), np.uint8)
        frame[:] = colour
        frame[size // 4 : size // 2, (i * 4) % size :] = 255
        writer.send(frame.tobytes())
    writer.close()


def metric(value=None, reason=None):
    return {"value": value, "reason": None if value is not None else reason}


def metrics_json(seed: int) -> dict:
    rng = np.random.default_rng(seed)
    mouth, loudness = float(rng.uniform(0.5, 0.9)), float(rng.uniform(0.2, 0.5))
    return {
        "schema": "portraittalker.metrics/2",
        "video": {"audio_seconds": 1.0},
        "checks": ["the video's audio is shifted by +480 ms against the clip"] if seed == 1 else [],
        "metrics": {
            "lse_c": metric(reason="SyncNet weights not configured"),
            "lse_d": metric(reason="SyncNet weights not configured"),
            "face_found": metric(1.0),
            "mux_audio_offset_ms": metric(480.0 if seed == 1 else 0.0),
            "av_offset_frames": metric(int(rng.integers(-2, 3))),
            "av_sync": {**metric(mouth), "loudness_follower_r": loudness, "margin": mouth - loudness},
            "landmark_jitter_px": metric(float(rng.uniform(0.1, 1.0))),
            "flicker": metric(float(rng.uniform(0.0, 2.0))),
        },
    }


BATCH_FID = 41.2


@pytest.fixture()
def batch(tmp_path):
    """results/ with two avatars x two clips; the second avatar has no turntable and one clip unevaluated."""
    import json

    results = tmp_path / "results"
    for i, clip in enumerate(CLIPS):
        sf.write(tmp_path / f"{clip}.wav", np.zeros(1600, np.float32), 16000)
    for a, avatar in enumerate(AVATARS):
        folder = results / "avatars" / avatar
        folder.mkdir(parents=True)
        metadata = {"prompt": f"prompt of {avatar}", "seed": a + 1, "guidance": "prior", "wall_seconds": 12.5}
        if a == 0:
            metadata["attributes"] = {"prompt": "x", "age_years": 25.0, "sex": "male", "lighting": ["soft"],
                                      "freckles": False, "found": [["25 y.o.", "age_years=25"]],
                                      "ignored": ["zorblax"]}
        torch.save({"format": "portraittalker-avatar", "field_state": {"w": torch.zeros(2)}, "metadata": metadata},
                   folder / "avatar.pt")
        colour = MAGENTA if a == 0 else (30, 160, 60)
        Image.new("RGB", (96, 96), colour).save(folder / "preview.png")
        if a == 0:
            write_mp4(folder / "turntable.mp4", (90, 90, 200))
        for c, clip in enumerate(CLIPS):
            write_mp4(results / "videos" / avatar / f"{clip}.mp4", (200, 120, 40))
            if (a, c) != (1, 1):
                path = results / "metrics" / avatar / f"{clip}.json"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(metrics_json(10 * a + c)))
    (results / "metrics" / "batch.json").write_text(json.dumps({"metrics": {"fid": metric(BATCH_FID)}}))
    manifest_yaml = tmp_path / "manifest.yaml"
    manifest_yaml.write_text(
        "avatars:\n"
        + "".join(f"  - {{id: {a}, prompt: 'prompt of {a}', seed: {i + 1}}}\n" for i, a in enumerate(AVATARS))
        + "clips:\n"
        + "".join(f"  - {{id: {c}, audio: '{tmp_path / (c + '.wav')}'}}\n" for c in CLIPS)
    )
    return {"root": tmp_path, "results": results, "manifest": manifest_yaml}


def build(batch) -> Path:
    out = batch["results"] / "catalog"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "steps" / "build_catalog.py"), "--results", str(batch["results"]),
         "--manifest", str(batch["manifest"]), "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return out


class Refs(HTMLParser):
    """Every src/href/poster in a page, and the tags that carry them."""

    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, link)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "poster") and value:
                self.refs.append((tag, name, value))


def page_refs(index: Path) -> list[tuple[str, str, str]]:
    parser = Refs()
    parser.feed(index.read_text(encoding="utf-8"))
    return parser.refs


def test_summary_csv_and_markdown_match_metrics(batch):
    out = build(batch)
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text())))
    assert [(r["avatar"], r["clip"]) for r in rows] == [(a, c) for a in AVATARS for c in CLIPS]
    expected = metrics_json(1)["metrics"]  # night_man / ko_hello
    row = rows[1]
    assert float(row["av_sync"]) == pytest.approx(expected["av_sync"]["value"])
    assert float(row["av_sync.margin"]) == pytest.approx(expected["av_sync"]["margin"])
    assert int(row["av_offset_frames"]) == expected["av_offset_frames"]["value"]
    assert row["lse_c"] == "" and "SyncNet weights not configured" in row["null_reasons"]
    assert rows[3]["av_sync"] == "" and "not evaluated yet" in rows[3]["null_reasons"]

    md = (out / "metrics.md").read_text()
    assert "| Avatar | Clip | LSE-C ↑ | LSE-D ↓ | Face found ↑ |" in md
    assert "Batch: FID ↓: 41.20" in md
    assert format_value(expected["av_sync"]["value"], 3) in md
    assert "Mean per avatar." in md and "Mean per clip." in md
    margins = [metrics_json(s)["metrics"]["av_sync"]["margin"] for s in (0, 1)]
    assert format_value(sum(margins) / 2, 3) in md  # night_man's mean margin
    assert "- SyncNet weights not configured" in md
    assert "- night_man/ko_hello: the video's audio is shifted by +480 ms against the clip" in md
    html = (out / "index.html").read_text()
    assert "Batch FID ↓: 41.20" in html and "shifted by +480 ms" in html


def test_collect_reads_metadata_and_parsed_attributes(batch):
    manifest = parse_manifest(__import__("yaml").safe_load(batch["manifest"].read_text()), root=batch["root"])
    cards = collect_catalog(batch["results"], manifest)
    assert [c.id for c in cards] == list(AVATARS)
    first, second = cards
    assert first.attributes == {"age_years": 25.0, "sex": "male", "lighting": ["soft"]}  # unset ones dropped
    assert first.metadata["guidance"] == "prior" and first.turntable is not None
    assert first.ignored_words == ["zorblax"] and second.ignored_words == []
    assert build_summary(first.metadata) == ["guidance prior", "built in 12 s"]
    assert second.turntable is None and second.videos[1].metrics == {}
    assert read_avatar_metadata(batch["root"] / "no_such.pt") == {}


def test_every_referenced_file_exists_and_links_are_relative(batch):
    out = build(batch)
    refs = page_refs(out / "index.html")
    sources = [(tag, ref) for tag, attr, ref in refs if attr == "src"]
    assert sum(tag == "video" for tag, _ in sources) == len(AVATARS) * len(CLIPS) + 1  # + one turntable
    assert sum(tag == "img" for tag, _ in sources) == len(AVATARS)
    assert sum(attr == "poster" and ref.endswith("preview.png") for _, attr, ref in refs) == len(AVATARS) * len(CLIPS)
    for tag, _, ref in refs:
        url = urlparse(ref)
        assert not url.scheme and not url.netloc and not ref.startswith("/"), f"{tag} link is not relative: {ref}"
        assert (out / unquote(url.path)).is_file(), f"{tag} references a missing file: {ref}"
    html = (out / "index.html").read_text()
    assert 'name="viewport"' in html and "http://" not in html and "https://" not in html
    assert "not understood: zorblax" in html and "guidance prior" in html


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def screenshot(index: Path, png: Path, width: int, height: int, profile: Path) -> np.ndarray:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
           f"--user-data-dir={profile}", f"--window-size={width},{height}", f"--screenshot={png}", index.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    assert png.is_file(), f"chromium wrote no screenshot (rc {proc.returncode}): {proc.stderr[-500:]}"
    return np.asarray(Image.open(png).convert("RGB")).astype(int)


def is_magenta(image: np.ndarray) -> np.ndarray:
    return (image[..., 0] > 230) & (image[..., 1] < 30) & (image[..., 2] > 230)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium; scripts/install_system_deps.sh does)")
@pytest.mark.parametrize("width,height", [(1280, 1000), (390, 1400)], ids=["desktop", "phone"])
def test_catalog_renders_in_headless_chromium(batch, tmp_path, width, height):
    out = build(batch)
    image = screenshot(out / "index.html", tmp_path / "shot.png", width, height, tmp_path / "profile")
    assert image.shape[:2] == (height, width)
    assert image.std() > 10, "screenshot is blank"
    assert len(np.unique(image.reshape(-1, 3), axis=0)) > 20, "screenshot has almost no content"
    # The first avatar's magenta preview is loaded through its relative link and laid out
    # within the page width (a single column on the phone).
    magenta = is_magenta(image)
    assert magenta.sum() > 500, "preview image did not load"
    cols = np.flatnonzero(magenta.any(axis=0))
    assert cols.max() < width and cols.max() - cols.min() < width
