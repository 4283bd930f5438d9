#!/usr/bin/env python
"""Batch throughput, as Snakemake runs it: a 6 avatars x 4 clips batch, per-rule times, and
clip -> MP4 for an avatar that already exists, against the clip's duration.

    python scripts/bench_throughput.py [--json] [--avatars 6] [--clips 4] [--repeats 3]

Runs in a temporary copy of the project (its own results/). Figures:
  batch_wall_seconds     `snakemake --cores N` over the whole batch's videos (avatars included)
  per_rule               from each job's Snakemake `benchmark:` file: jobs, mean and total seconds
  clip_to_mp4_seconds    one new clip for an existing avatar: prepare_audio + predict_flame +
                         render_frames (frames piped into the MP4), Snakemake start-up included;
                         median of --repeats runs, each from nothing but the avatar
  throughput_ratio       clip_to_mp4_seconds / the clip's duration (goal: <= 1.0)
  clip_to_mp4_cpu_seconds  CPU of those runs, every process (snakemake, steps, ffmpeg), median
The 1-minute load average is printed with each figure: on a shared machine the walls stretch,
the CPU seconds much less.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The batch: six prompts the prior understands, four clips (two shipped, two spoken here).
PROMPTS = (
    ("city_man", "close upper body photo, 25 y.o. man in casual clothes, night, city street, soft lighting"),
    ("elderly_woman", "close upper body photo, elderly woman with white hair in a green cardigan, garden"),
    ("young_woman", "young woman with long black hair in a red dress, studio, warm light"),
    ("bearded_man", "middle-aged man with a brown beard in a blue shirt, office, daylight"),
    ("teen_boy", "teenage boy with short blond hair in a grey hoodie, park, afternoon"),
    ("old_man", "old man with grey hair and glasses in a black suit, library, soft light"),
)
SPOKEN = (  # (id, espeak-ng voice, text) for clips beyond the shipped two
    ("de_hello", "de", "Guten Tag! Ich bin ein sprechender Kopf aus einer Zeile Text."),
    ("fr_hello", "fr", "Bonjour! Je suis une tête parlante, née d'une ligne de texte."),
)
SHIPPED = ("en_hello", "ko_hello")


def project_copy(dest: Path) -> None:
    """Tracked and untracked-but-not-ignored files, as a fresh checkout holds them."""
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], capture_output=True, cwd=ROOT, check=True)
    for rel in (p for p in out.stdout.decode().split("\0") if p):
        if (ROOT / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)


def make_clips(work: Path, count: int) -> list[dict]:
    clips = [{"id": c, "audio": str(ROOT / "data" / "clips" / f"{c}.wav")} for c in SHIPPED]
    for ident, voice, text in SPOKEN:
        if len(clips) >= count:
            break
        wav = work / "clips" / f"{ident}.wav"
        wav.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["espeak-ng", "-v", voice, "-s", "165", "-w", str(wav), text], check=True, capture_output=True)
        clips.append({"id": ident, "audio": str(wav)})
    return clips[:count]


def children_cpu_seconds() -> float:
    """User + system CPU of every finished, waited-for descendant (snakemake, its jobs, ffmpeg)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def snakemake(work: Path, targets: list[str], manifest: Path, cores: int) -> tuple[float, float]:
    """(wall, CPU) seconds of one snakemake run."""
    exe = Path(sys.executable).with_name("snakemake")
    cmd = [str(exe) if exe.exists() else sys.executable, *([] if exe.exists() else ["-m", "snakemake"]),
           "--cores", str(cores), *targets, "--config", f"manifest={manifest}", f"python={sys.executable}"]
    start, cpu = time.perf_counter(), children_cpu_seconds()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=work)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"error: snakemake failed: {proc.stderr.strip().splitlines()[-1:]}")
    return wall, children_cpu_seconds() - cpu


def per_rule_times(results: Path) -> dict[str, dict]:
    """{rule: {jobs, mean_s, total_s}} from results/benchmarks/{rule}/**.tsv, and create_avatar
    from each avatar's recorded wall time (a between-workflow-cache rule has no benchmark file)."""
    table = {}
    import torch

    walls = []
    for avatar in sorted((results / "avatars").glob("*/avatar.pt")):
        meta = torch.load(avatar, map_location="cpu", weights_only=True).get("metadata", {})
        if isinstance(meta.get("wall_time_s"), (int, float)):
            walls.append(float(meta["wall_time_s"]))
    if walls:
        table["create_avatar"] = {"jobs": len(walls), "mean_s": round(statistics.mean(walls), 2),
                                  "total_s": round(sum(walls), 1)}
    for rule_dir in sorted(p for p in (results / "benchmarks").glob("*") if p.is_dir()):
        seconds = []
        for tsv in rule_dir.rglob("*.tsv"):
            with open(tsv) as f:
                rows = list(csv.DictReader(f, delimiter="\t"))
            seconds += [float(r["s"]) for r in rows]
        if seconds:
            table[rule_dir.name] = {"jobs": len(seconds), "mean_s": round(statistics.mean(seconds), 2),
                                    "total_s": round(sum(seconds), 1)}
    return table


def load_1min() -> float:
    return round(os.getloadavg()[0], 2)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--avatars", type=int, default=6)
    p.add_argument("--clips", type=int, default=4)
    p.add_argument("--repeats", type=int, default=3, help="clip -> MP4 runs (median reported)")
    p.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object on the last line")
    args = p.parse_args(argv)
    import soundfile as sf

    with tempfile.TemporaryDirectory(prefix="portraittalker-throughput-") as tmp:
        work = Path(tmp) / "project"
        project_copy(work)
        clips = make_clips(Path(tmp), args.clips)
        avatars = [{"id": i, "prompt": t, "seed": n + 1} for n, (i, t) in enumerate(PROMPTS[:args.avatars])]
        manifest = Path(tmp) / "manifest.yaml"
        manifest.write_text(yaml.safe_dump({"avatars": avatars, "clips": clips}))
        videos = [f"results/videos/{a['id']}/{c['id']}.mp4" for a in avatars for c in clips]

        print(f"batch: {len(avatars)} avatars x {len(clips)} clips -> {len(videos)} videos ...", flush=True)
        load_before = load_1min()
        batch_wall, batch_cpu = snakemake(work, videos, manifest, args.cores)
        rules = per_rule_times(work / "results")
        print(f"batch_wall_seconds: {batch_wall:.1f}  (CPU {batch_cpu:.0f} s; load average {load_before} -> {load_1min()})")
        for rule, row in rules.items():
            print(f"  {rule:15s} {row['jobs']:3d} jobs  mean {row['mean_s']:6.2f} s  total {row['total_s']:7.1f} s")

        # One more clip, for an avatar that exists: everything from the audio file to the MP4.
        probe = dict(clips[0], id="throughput_probe")
        manifest.write_text(yaml.safe_dump({"avatars": avatars, "clips": clips + [probe]}))
        duration = sf.info(probe["audio"]).duration
        target = f"results/videos/{avatars[0]['id']}/{probe['id']}.mp4"
        walls, cpus, loads = [], [], []
        for _ in range(args.repeats):
            for stale in (work / "results" / "clips" / probe["id"], work / "results" / "renders" / avatars[0]["id"] / probe["id"]):
                shutil.rmtree(stale, ignore_errors=True)
            (work / target).unlink(missing_ok=True)
            loads.append(load_1min())
            wall, cpu = snakemake(work, [target], manifest, args.cores)
            walls.append(wall)
            cpus.append(cpu)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        figures = {
            "batch_wall_seconds": round(batch_wall, 1),
            "batch_cpu_seconds": round(batch_cpu, 1),
            "batch": f"{len(avatars)} avatars x {len(clips)} clips",
            "per_rule": rules,
            "clip_seconds": round(duration, 2),
            "clip_to_mp4_seconds": round(wall, 2),
            "clip_to_mp4_runs": [round(w, 2) for w in walls],
            "throughput_ratio": round(wall / duration, 2),
            "clip_to_mp4_cpu_seconds": round(cpu, 2),
            "cpu_ratio": round(cpu / duration, 2),  # CPU seconds per second of speech, all processes
            "load_average_1min": loads,
            "cores": args.cores,
        }
        print(f"clip_to_mp4_seconds: {wall:.2f} for a {duration:.2f} s clip (runs {figures['clip_to_mp4_runs']}, "
              f"load {loads}); CPU {cpu:.1f} s ({figures['cpu_ratio']:.2f} CPU-s per s of speech)")
        print(f"throughput_ratio: {figures['throughput_ratio']:.2f}  (goal <= 1.0)")
        if args.json:
            print(json.dumps(figures))


if __name__ == "__main__":
    main()
