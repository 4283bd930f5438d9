"""scripts/bench.py: figures from --json scripts, --json FILE scripts, plain stdout, failures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

JSON_FLAG_SCRIPT = """
import argparse, json
p = argparse.ArgumentParser(); p.add_argument("--json", action="store_true"); p.add_argument("--mode"); p.add_argument("--prompt")
p.add_argument("--threads")
a = p.parse_args()
print("warming up")
fps = 26.5 if a.prompt else {"frames": 37.5, "exact": 9.5}[a.mode]
print(json.dumps({"render_fps_512": fps, "backend": "egl"}) if a.json else f"fps {fps}")
"""
PLAIN_SCRIPT = """
import argparse
argparse.ArgumentParser().parse_args()
print("audio: 60.0 s -> 1500 frames at 25 fps (logmel features, 1 thread(s))")
print("real-time factor: 48x")
"""
JSON_FILE_SCRIPT = """
import argparse, json
from pathlib import Path
p = argparse.ArgumentParser(); p.add_argument("--json", type=Path, default=None); a = p.parse_args()
print("prompt-prior avatar: 95.0 s wall, 120.0 s CPU, 400 steps at 128px (egl)")
if a.json:
    a.json.write_text(json.dumps({"wall_s": 95.25, "render_backend": "egl", "steps": 400}))
"""
FAILING_SCRIPT = """
import sys
sys.exit("error: bundled head model missing")
"""


def run_bench(scripts: Path, out: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--out", str(out), "--scripts-dir", str(scripts), "--skip-demo"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(out.read_text())


def test_bench_reads_json_flag_json_file_and_plain_stdout(tmp_path):
    (tmp_path / "bench_render.py").write_text(JSON_FLAG_SCRIPT)
    (tmp_path / "bench_speech.py").write_text(PLAIN_SCRIPT)
    (tmp_path / "bench_avatar.py").write_text(JSON_FILE_SCRIPT)
    report = run_bench(tmp_path, tmp_path / "bench.json")
    assert report["render_fps_512"] == 37.5 and report["backends"]["render"] == "egl"
    assert report["render_fps_512_differentiable"] == 9.5
    assert report["render_fps_512_dressed"] == 26.5 and report["backends"]["render_dressed"] == "egl"
    assert "hoodie" in " ".join(report["scripts"]["render_fps_512_dressed"]["command"])
    assert report["scripts"]["render_fps_512"]["mode"] == "json"
    assert report["audio2flame_realtime_factor"] == 48.0 and report["backends"]["speech"] == "logmel"
    assert report["scripts"]["audio2flame_realtime_factor"]["mode"] == "plain"
    assert report["avatar_seconds"] == 95.25 and report["backends"]["avatar"] == "egl"
    assert report["scripts"]["avatar_seconds"]["mode"] == "json_file"
    # No bench_throughput.py in this folder: that figure is null with a reason, like the skipped demo.
    assert set(report["reasons"]) == {"demo_wall_seconds", "throughput_ratio"}
    assert "skipped" in report["reasons"]["demo_wall_seconds"] and report["throughput_ratio"] is None
    assert report["machine"]["cpu_count"] >= 1 and report["machine"]["torch"]


def test_bench_failures_become_null_with_reason(tmp_path):
    (tmp_path / "bench_render.py").write_text(FAILING_SCRIPT)
    (tmp_path / "bench_speech.py").write_text("print('nothing to see')\n")
    report = run_bench(tmp_path, tmp_path / "bench.json")
    assert report["render_fps_512"] is None and "bundled head model missing" in report["reasons"]["render_fps_512"]
    assert report["audio2flame_realtime_factor"] is None
    assert "printed no 'audio2flame_realtime_factor'" in report["reasons"]["audio2flame_realtime_factor"]
    assert report["avatar_seconds"] is None and "not found" in report["reasons"]["avatar_seconds"]
