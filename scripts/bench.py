#!/usr/bin/env python
"""`make bench`: run the component benchmarks and a timed demo, write results/bench.json.

    python scripts/bench.py --out results/bench.json [--skip-demo] [--cores N]

Each component benchmark is a script in scripts/ that prints figures. It is called with
`--json` and is expected to print one JSON object on the last line of stdout:

    scripts/bench_render.py --json  -> {"render_fps_512": 41.2, "backend": "egl", ...}
    scripts/bench_speech.py --json  -> {"audio2flame_realtime_factor": 55.0, "backend": "logmel", ...}
    scripts/bench_avatar.py --json  -> {"avatar_seconds": 310.5, "backend": "prior", ...}

A script whose `--json` takes a file name gets a temporary one and that file is read; a
script without `--json` is re-run plainly and its stdout searched for a clearly labelled
figure (`render_fps_512: 41.2`, `median 41.2 fps`, `real-time factor: 55x`,
`avatar: 310.5 s wall`); a figure that cannot be had is written as null with a reason. The demo figure is the wall time of a
`snakemake` run of the demo manifest in a fresh temporary copy of the project.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portraittalker.io import atomic_path  # noqa: E402


@dataclass(frozen=True)
class Benchmark:
    script: str  # file name in the scripts folder
    figure: str  # key in bench.json
    component: str  # key in bench.json "backends"
    json_keys: tuple[str, ...]  # keys the script's JSON may give the figure under, preferred first
    stdout_patterns: tuple[str, ...]  # fallbacks for scripts without --json; group 1 = the number
    backend_pattern: str  # stdout fallback for the backend name; group 1
    args: tuple[str, ...] = ()  # options the script always gets
    extra: tuple[str, ...] = ()  # further keys of the script's JSON copied into bench.json


NUMBER = r"([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)"
DRESSED_PROMPT = "a 30-year-old woman with long wavy brown hair in a red hoodie"
BENCHMARKS = (
    # The output-frame path (what steps/render_frames.py runs, skinning on one torch thread as
    # there) and the differentiable torch path (what avatar optimisation runs); both at 512x512
    # with the tri-grid appearance.
    Benchmark("bench_render.py", "render_fps_512", "render", ("render_fps_512", "median_fps", "fps"),
              (rf"render_fps_512\s*[:=]\s*{NUMBER}", rf"median\s+{NUMBER}\s*fps"), r"^backend[:=\s]+([\w.-]+)",
              ("--mode", "frames", "--threads", "1")),
    # The same on a dressed avatar (hair, garment, per-layer appearance) made from a prompt: the
    # issue-11 figure (goal >= 25 fps); more faces and more overdraw than the bare body.
    Benchmark("bench_render.py", "render_fps_512_dressed", "render_dressed", ("render_fps_512", "median_fps", "fps"),
              (rf"render_fps_512\s*[:=]\s*{NUMBER}", rf"median\s+{NUMBER}\s*fps"), r"^backend[:=\s]+([\w.-]+)",
              ("--mode", "frames", "--threads", "1", "--prompt", DRESSED_PROMPT)),
    Benchmark("bench_render.py", "render_fps_512_differentiable", "render_differentiable",
              ("render_fps_512", "median_fps", "fps"),
              (rf"render_fps_512\s*[:=]\s*{NUMBER}", rf"median\s+{NUMBER}\s*fps"), r"^backend[:=\s]+([\w.-]+)",
              ("--mode", "exact")),
    Benchmark("bench_speech.py", "audio2flame_realtime_factor", "speech",
              ("audio2flame_realtime_factor", "realtime_factor", "real_time_factor"),
              (rf"audio2flame_realtime_factor\s*[:=]\s*{NUMBER}", rf"real[- ]?time factor\s*[:=]?\s*{NUMBER}"),
              r"\((\w+) features"),
    Benchmark("bench_avatar.py", "avatar_seconds", "avatar", ("avatar_seconds", "wall_s", "wall_seconds"),
              (rf"avatar_seconds\s*[:=]\s*{NUMBER}", rf"avatar:\s*{NUMBER}\s*s wall"), r"px \(([\w.-]+)\)"),
    # Snakemake as a user runs it: clip -> MP4 for an existing avatar over the clip's duration
    # (goal <= 1.0), and a 6 avatars x 4 clips batch with per-rule times (in the record).
    Benchmark("bench_throughput.py", "throughput_ratio", "throughput", ("throughput_ratio",),
              (rf"throughput_ratio\s*[:=]\s*{NUMBER}",), r"^$",
              extra=("batch_wall_seconds", "batch_cpu_seconds", "clip_to_mp4_seconds", "clip_to_mp4_cpu_seconds",
                     "clip_seconds", "load_average_1min", "per_rule")),
)
# Keys a script's JSON may use to name the backend(s) it ran on.
BACKEND_KEYS = ("backend", "backends", "rasterizer", "render_backend", "features", "guidance")


def last_json_object(stdout: str) -> dict | None:
    """The last stdout line that is a JSON object (progress lines may precede it)."""
    for line in reversed(stdout.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                return value
    return None


def figure_from_stdout(stdout: str, patterns: tuple[str, ...]) -> float | None:
    for pattern in patterns:
        found = re.findall(pattern, stdout, flags=re.IGNORECASE | re.MULTILINE)
        if found:
            return float(found[-1])
    return None


def _tail(text: str, lines: int = 5) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _figure_from_json(data: dict, bench: Benchmark) -> tuple[float | None, object]:
    value = next((data[k] for k in bench.json_keys if isinstance(data.get(k), (int, float))
                  and not isinstance(data.get(k), bool)), None)
    backends = {k: data[k] for k in BACKEND_KEYS if data.get(k) is not None}
    backend = next(iter(backends.values())) if len(backends) == 1 else (backends or None)
    return value, backend


def run_benchmark(bench: Benchmark, scripts_dir: Path, timeout_s: float) -> dict:
    """Run one script; returns {value, reason, backend, record} where record goes to bench.json.

    Tried in turn: `--json` (JSON object on the last stdout line), `--json FILE` (for scripts
    whose --json takes a path), then no option with the figure read from labelled stdout.
    """
    path = scripts_dir / bench.script
    record: dict = {"script": str(path)}
    if not path.is_file():
        return {"value": None, "reason": f"{path.name} not found", "backend": None, "record": record}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        json_file = Path(tmp) / "figures.json"
        mode = "json"
        while True:
            extra = {"json": ["--json"], "json_file": ["--json", str(json_file)], "plain": []}[mode]
            cmd = [sys.executable, str(path), *bench.args, *extra]
            start = time.perf_counter()
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=timeout_s)
            except subprocess.TimeoutExpired:
                return {"value": None, "reason": f"{path.name} ran past {timeout_s:g} s", "backend": None, "record": record}
            record.update(command=cmd[1:], mode=mode, returncode=proc.returncode,
                          wall_seconds=round(time.perf_counter() - start, 2))
            # argparse refusals: "--json: expected one argument" / "unrecognized arguments: --json"
            if proc.returncode == 2 and "--json" in proc.stderr and mode != "plain":
                mode = "json_file" if mode == "json" and "expected one argument" in proc.stderr else "plain"
                continue
            break
        if proc.returncode != 0:
            reason = f"{path.name} exited {proc.returncode}: {_tail(proc.stderr, 1) or 'no message'}"
            return {"value": None, "reason": reason, "backend": None, "record": {**record, "stderr_tail": _tail(proc.stderr)}}
        data = None
        if mode == "json":
            data = last_json_object(proc.stdout)
        elif mode == "json_file" and json_file.is_file():
            try:
                data = json.loads(json_file.read_text())
            except json.JSONDecodeError:
                data = None
    record["stdout_tail"] = _tail(proc.stdout)
    if isinstance(data, dict):
        record["json"] = data
        value, backend = _figure_from_json(data, bench)
    else:
        value = figure_from_stdout(proc.stdout, bench.stdout_patterns)
        found = re.search(bench.backend_pattern, proc.stdout, flags=re.IGNORECASE | re.MULTILINE)
        backend = found.group(1) if found else None
    if value is None:
        return {"value": None, "reason": f"{path.name} printed no '{bench.figure}' figure", "backend": backend,
                "record": record}
    return {"value": float(value), "reason": None, "backend": backend, "record": record}


def project_files() -> list[Path]:
    """Tracked and untracked-but-not-ignored files: what a fresh checkout would hold."""
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], capture_output=True, cwd=ROOT, check=True)
    return [Path(p) for p in out.stdout.decode().split("\0") if p and (ROOT / p).is_file()]


def time_demo(cores: int, timeout_s: float) -> dict:
    """Wall seconds of `snakemake` on the demo manifest in a temporary copy of the project."""
    snakemake = Path(sys.executable).with_name("snakemake")
    base = [str(snakemake)] if snakemake.exists() else [sys.executable, "-m", "snakemake"]
    with tempfile.TemporaryDirectory(prefix="portraittalker-demo-") as tmp:
        copy = Path(tmp)
        try:
            files = project_files()
        except (subprocess.CalledProcessError, FileNotFoundError) as err:
            return {"value": None, "reason": f"cannot list project files with git ({err})"}
        for rel in files:
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, copy / rel)
        cmd = [*base, "--cores", str(cores), "--config", f"python={sys.executable}"]
        start = time.perf_counter()
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=copy, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            return {"value": None, "reason": f"demo ran past {timeout_s:g} s", "command": cmd}
        wall = time.perf_counter() - start
        videos = sorted(str(p.relative_to(copy)) for p in (copy / "results" / "videos").rglob("*.mp4"))
        if proc.returncode != 0:
            return {"value": None, "reason": f"snakemake exited {proc.returncode}: {_tail(proc.stderr, 1)}",
                    "command": cmd, "stderr_tail": _tail(proc.stderr, 15)}
        return {"value": round(wall, 2), "reason": None, "command": cmd, "videos": videos, "files_copied": len(files)}


def machine_info() -> dict:
    import torch

    info = {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "cuda": torch.cuda.is_available(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        pages, page_size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        info["memory_gib"] = round(pages * page_size / 2**30, 1)
    except (OSError, ValueError):
        pass
    if info["cuda"]:
        info["gpu"] = torch.cuda.get_device_name(0)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    if commit.returncode == 0:
        info["git_commit"] = commit.stdout.strip()
    return info


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default="results/bench.json")
    p.add_argument("--scripts-dir", default=str(ROOT / "scripts"), help="folder of the bench_*.py scripts")
    p.add_argument("--timeout", type=float, default=1800, help="seconds allowed per component benchmark")
    p.add_argument("--skip-demo", action="store_true", help="do not time the snakemake demo run")
    p.add_argument("--demo-timeout", type=float, default=7200)
    p.add_argument("--cores", type=int, default=os.cpu_count() or 1, help="snakemake --cores for the demo")
    args = p.parse_args(argv)

    report: dict = {"schema": "portraittalker.bench/1", "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    reasons, backends, scripts = {}, {}, {}
    for bench in BENCHMARKS:
        print(f"running {bench.script} ...", flush=True)
        result = run_benchmark(bench, Path(args.scripts_dir), args.timeout)
        report[bench.figure] = result["value"]
        if result["reason"]:
            reasons[bench.figure] = result["reason"]
        backends[bench.component] = result["backend"]
        scripts[bench.figure] = result["record"]
        print(f"  {bench.figure} = {result['value']}" + (f"  ({result['reason']})" if result["reason"] else ""), flush=True)
        data = result["record"].get("json") or {}
        for key in bench.extra:
            report[key] = data.get(key)
            if key == "per_rule" and isinstance(data.get(key), dict):
                for rule, row in data[key].items():
                    print(f"    {rule:15s} {row['jobs']:3d} jobs  mean {row['mean_s']:6.2f} s  total {row['total_s']:7.1f} s")
            elif key in data:
                print(f"  {key} = {data[key]}", flush=True)

    if args.skip_demo:
        demo = {"value": None, "reason": "skipped (--skip-demo)"}
    else:
        print("timing the demo workflow (snakemake, fresh copy) ...", flush=True)
        demo = time_demo(args.cores, args.demo_timeout)
        print(f"  demo_wall_seconds = {demo['value']}" + (f"  ({demo['reason']})" if demo["reason"] else ""), flush=True)
    report["demo_wall_seconds"] = demo["value"]
    if demo["reason"]:
        reasons["demo_wall_seconds"] = demo["reason"]
    report.update(reasons=reasons, backends=backends, machine=machine_info(), scripts=scripts,
                  demo={k: v for k, v in demo.items() if k not in ("value", "reason")})

    with atomic_path(args.out) as tmp:
        tmp.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
