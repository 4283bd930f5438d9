"""scripts/bench.py: figures from --json scripts, from plain stdout, and null with a reason."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

JSON_SCRIPT = """
import argparse, json
p = argparse.ArgumentParser(); p.add_argument("--json", action="store_true"); a = p.parse_args()
print("warming up")
print(json.dumps({"render_fps_512": 37.5, "backend": "egl"}) if a.json else "fps 37.5")
"""
PLAIN_SCRIPT = """
import argparse
argparse.ArgumentParser().parse_args()
print("backend logmel")
print("audio2flame_realtime_factor: 12.25")
"""
FAILING_SCRIPT = """
import sys
sys.exit("error: no prompt prior available")
"""


def test_bench_collects_json_plain_and_failed_figures(tmp_path):
    (tmp_path / "bench_render.py").write_text(JSON_SCRIPT)
    (tmp_path / "bench_speech.py").write_text(PLAIN_SCRIPT)
    (tmp_path / "bench_avatar.py").write_text(FAILING_SCRIPT)
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--out", str(out), "--scripts-dir", str(tmp_path), "--skip-demo"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text())
    assert report["render_fps_512"] == 37.5 and report["backends"]["render"] == "egl"
    assert report["audio2flame_realtime_factor"] == 12.25 and report["backends"]["speech"] == "logmel"
    assert report["avatar_seconds"] is None and "no prompt prior available" in report["reasons"]["avatar_seconds"]
    assert report["demo_wall_seconds"] is None and "skipped" in report["reasons"]["demo_wall_seconds"]
    assert report["machine"]["cpu_count"] >= 1 and report["machine"]["torch"]
    assert "render_fps_512" not in report["reasons"]
