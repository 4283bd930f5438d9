"""The workflow as a user drives it: manifest problems stop Snakemake before any job runs,
and the DAG re-plans only what an edit touches (slow: runs a tiny real batch)."""

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SNAKEMAKE = [sys.executable, "-m", "snakemake"]


def snakemake(workdir: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*SNAKEMAKE, "--snakefile", str(ROOT / "Snakefile"), "--directory", str(workdir), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def job_counts(dry_run_output: str) -> dict[str, int]:
    """Parse Snakemake's 'Job stats' table of a dry run."""
    counts: dict[str, int] = {}
    block = dry_run_output.split("Job stats:", 1)
    if len(block) < 2:
        return counts
    for line in block[1].splitlines()[3:]:
        match = re.match(r"^(\w+)\s+(\d+)$", line.strip())
        if not match:
            break
        counts[match.group(1)] = int(match.group(2))
    counts.pop("total", None)
    return counts


def write_manifest(path: Path, avatars: list[dict], clips: list[dict]) -> None:
    import yaml

    path.write_text(yaml.safe_dump({"avatars": avatars, "clips": clips}, sort_keys=False))


@pytest.mark.parametrize(
    "body, message",
    [
        ("avatars:\n  - {id: a}\nclips:\n  - {id: c, audio: CLIP}\n", "avatars[0] (id 'a') has no 'prompt'"),
        ("avatars:\n  - {id: a, prompt: x}\n  - {id: a, prompt: y}\nclips:\n  - {id: c, audio: CLIP}\n", "id 'a' is used twice"),
        ("avatars:\n  - {id: ../x, prompt: x}\nclips:\n  - {id: c, audio: CLIP}\n", "'../x' is not a safe file name"),
        ("avatars:\n  - {id: a, prompt: x}\nclips:\n  - {id: c, audio: nowhere.wav}\n", "audio file not found: nowhere.wav"),
        ("avatars: [ {id: a\n", "broken YAML"),
    ],
)
def test_bad_manifest_stops_snakemake_with_one_line(tmp_path, body, message):
    manifest = tmp_path / "m.yaml"
    manifest.write_text(body.replace("CLIP", str(ROOT / "data/clips/en_hello.wav")))
    proc = snakemake(tmp_path, "-n", "--config", f"manifest={manifest}", timeout=120)
    assert proc.returncode != 0
    errors = [line for line in (proc.stdout + proc.stderr).splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and message in errors[0] and str(manifest) in errors[0]
    assert not (tmp_path / "results").exists()


def test_each_clip_has_its_own_motion_seed(tmp_path):
    # one seed for every clip made every video of a batch blink at the same moment (1.2 s into each)
    manifest = tmp_path / "m.yaml"
    clips = [{"id": c, "audio": str(ROOT / "data/clips" / f"{c}.wav")} for c in ("en_hello", "ko_hello")]
    write_manifest(manifest, [{"id": "a", "prompt": "a man", "seed": 1}], clips)
    proc = snakemake(tmp_path, "-n", "-p", "--cores", "1", "results/clips/en_hello/flame.npz",
                     "results/clips/ko_hello/flame.npz", "--config", f"manifest={manifest}", timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    seeds = re.findall(r"predict_flame\.py .*?--seed (\d+)", proc.stdout)
    assert len(seeds) == 2 and seeds[0] != seeds[1]


@pytest.mark.slow
def test_tiny_batch_runs_and_replans_only_what_changed(tmp_path):
    for name in ("en_hello.wav", "ko_hello.wav"):
        shutil.copy(ROOT / "data/clips" / name, tmp_path / name)
    manifest = tmp_path / "manifest.yaml"
    # One avatar speaks both clips (a second one is only planned, below): each avatar costs
    # about 40 s of create, bake and preview jobs on a 2-core machine.
    avatars = [{"id": "man", "prompt": "25 y.o. man, night, city street", "seed": 1}]
    clips = [{"id": "en", "audio": str(tmp_path / "en_hello.wav")}, {"id": "ko", "audio": str(tmp_path / "ko_hello.wav")}]
    write_manifest(manifest, avatars, clips)
    small = tmp_path / "small.yaml"  # a user's own config file layered over the defaults
    small.write_text(
        "render: {size: 128, backend: auto, framing: upper_body, turntable_frames: 4}\n"
        "avatar: {guidance: prior, sd_model_path: null, steps: 10, guidance_scale: 100.0, render_size: 64,"
        " checkpoint_every: 5, init_steps: 20}\n"
        "export: {texture_size: 1024}\n"
    )
    overrides = ["--configfile", str(small), "--config", f"manifest={manifest}"]
    run = snakemake(tmp_path, "--cores", "2", *overrides)
    assert run.returncode == 0, run.stderr[-3000:]
    for c in ("en", "ko"):
        assert (tmp_path / "results/videos/man" / f"{c}.mp4").stat().st_size > 0
        assert (tmp_path / "results/exports/man" / f"{c}.glb").stat().st_size > 0
    if shutil.which("node") and (ROOT / "web/node_modules/gltf-validator").is_dir():
        # The default head's GLBs pass the Khronos validator, as the unit test's head does.
        glbs = sorted(map(str, (tmp_path / "results/exports").rglob("*.glb")))
        check = subprocess.run(["node", str(ROOT / "web/validate_glb.mjs"), *glbs], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout[-2000:]

    started = time.monotonic()
    again = snakemake(tmp_path, "-n", *overrides)
    assert time.monotonic() - started < 15
    assert again.returncode == 0 and job_counts(again.stdout) == {}, again.stdout[-2000:]

    avatars[0]["prompt"] = "25 y.o. man with a beard, night, city street"
    write_manifest(manifest, avatars, clips)
    plan = job_counts(snakemake(tmp_path, "-n", *overrides).stdout)
    assert plan.get("create_avatar") == 1 and plan.get("render_frames") == 2
    assert "prepare_audio" not in plan and "predict_flame" not in plan

    avatars[0]["prompt"] = "25 y.o. man, night, city street"
    clips[1]["audio"] = str(tmp_path / "en_hello.wav")
    write_manifest(manifest, avatars, clips)
    plan = job_counts(snakemake(tmp_path, "-n", *overrides).stdout)
    assert plan.get("prepare_audio") == 1 and plan.get("predict_flame") == 1 and plan.get("render_frames") == 1
    assert "create_avatar" not in plan

    clips[1]["audio"] = str(tmp_path / "ko_hello.wav")
    avatars.append({"id": "woman", "prompt": "elderly woman, sunny beach", "seed": 2})
    write_manifest(manifest, avatars, clips)
    plan = job_counts(snakemake(tmp_path, "-n", *overrides).stdout)  # a new avatar speaks the existing clips
    assert plan.get("create_avatar") == 1 and plan.get("render_frames") == 2
    assert "prepare_audio" not in plan and "predict_flame" not in plan
