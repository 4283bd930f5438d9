"""Scale-out: the SLURM profile on a real single-node cluster, preemption, DVC, avatar cache.

One small workflow (1 avatar x 1 short clip, tiny render sizes, few avatar steps) runs
through the unmodified `workflow/profiles/slurm` on the test cluster of scripts/slurm/, which
has no GPU: the default configuration asks for none (GPU requests are derived from the
configuration, checked by a dry run below). While its create_avatar job runs, the test preempts it
(`scontrol requeue`) once the first checkpoint exists; SLURM restarts it and it must resume.
The same project then goes through a DVC push -> delete -> pull round trip, and a second
project directory must take the avatar from the between-workflow cache.

Every cluster interaction has a hard timeout. Without root (the cluster needs it) the
workflow runs locally and the SLURM-only checks are skipped with the reason.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import soundfile as sf
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SNAKEMAKE = str(BIN / "snakemake")
DVC = str(BIN / "dvc")
START_CLUSTER = ROOT / "scripts" / "slurm" / "start_test_cluster.sh"
STOP_CLUSTER = ROOT / "scripts" / "slurm" / "stop_test_cluster.sh"
SLURM_STATE = Path(os.environ.get("PORTRAITTALKER_SLURM_STATE", "/tmp/portraittalker-slurm"))

AVATAR, CLIP = "probe", "short"
CLIP_SECONDS = 1.2
FPS = 25
TEST_CONFIG = "config/scaleout_test.yaml"
WORKFLOW_TIMEOUT_S = 480  # hard limit for the whole cluster run
DVC_OUTS = ("results/avatars", "results/videos", "results/clips", "results/metrics", "results/catalog")


def run(cmd: list[str], cwd: Path, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run a command with a hard timeout; its output is kept for assertion messages."""
    return subprocess.run(cmd, cwd=cwd, env=env, timeout=timeout, capture_output=True, text=True)


# Ignored build outputs of `make setup` the workflow needs (the catalog's three.js player).
SETUP_OUTPUTS = ("web/dist",)


def copy_project(dst: Path, src: Path = ROOT) -> Path:
    """Copy the working tree (tracked + untracked, not ignored files) and what `make setup` built:
    a fresh, set-up clone with local edits."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=src,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (src / name).is_file():
            (dst / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src / name, dst / name)
    for built in SETUP_OUTPUTS:
        if (src / built).is_dir():
            shutil.copytree(src / built, dst / built, dirs_exist_ok=True)
    return dst


def write_small_batch(project: Path) -> None:
    """A 1.2 s clip cut from a demo clip, a one-avatar manifest and tiny settings."""
    audio, rate = sf.read(ROOT / "data" / "clips" / "en_hello.wav")
    sf.write(project / "data" / "clips" / "scaleout_short.wav", audio[: int(CLIP_SECONDS * rate)], rate)
    manifest = {
        "avatars": [{"id": AVATAR, "prompt": "young woman with red hair, green sweater, studio light", "seed": 3}],
        "clips": [{"id": CLIP, "audio": "data/clips/scaleout_short.wav"}],
    }
    (project / "config" / "scaleout_manifest.yaml").write_text(yaml.safe_dump(manifest))
    overrides = {
        "manifest": "config/scaleout_manifest.yaml",
        "avatar": {"steps": 12, "render_size": 32, "checkpoint_every": 4, "init_steps": 20},
        "render": {"size": 64, "turntable_frames": 2},
        "video": {"preset": "ultrafast"},
        "export": {"texture_size": 1024},
    }
    (project / TEST_CONFIG).write_text(yaml.safe_dump(overrides))


def git_init(project: Path) -> None:
    ident = ["-c", "user.name=scaleout-test", "-c", "user.email=scaleout@test.invalid"]
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", *ident, "commit", "-qm", "snapshot"]):
        subprocess.run(cmd, cwd=project, check=True, capture_output=True, timeout=60)


def tree_digest(project: Path, roots=DVC_OUTS) -> dict[str, str]:
    """sha256 of every file under the given result folders (symlinks followed)."""
    digests = {}
    for root in roots:
        for path in sorted((project / root).rglob("*")):
            if path.is_file():
                digests[str(path.relative_to(project))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


# --- the test cluster -----------------------------------------------------------------------

@dataclass
class Cluster:
    env: dict | None  # environment with SLURM_CONF, None when unavailable
    reason: str = ""


@pytest.fixture(scope="module")
def cluster():
    if os.geteuid() != 0:
        yield Cluster(None, "the SLURM test cluster needs root (it starts munged/slurmd/mariadbd)")
        return
    env = {**os.environ, "PORTRAITTALKER_SLURM_STATE": str(SLURM_STATE)}
    already_up = (SLURM_STATE / "env.sh").exists()
    try:
        started = run(["bash", str(START_CLUSTER)], ROOT, env, timeout=420)
    except subprocess.TimeoutExpired:
        pytest.fail("start_test_cluster.sh did not finish in 420 s")
    if started.returncode == 3:
        yield Cluster(None, f"SLURM test cluster unavailable: {started.stderr.strip().splitlines()[-1]}")
        return
    assert started.returncode == 0, started.stderr
    env["SLURM_CONF"] = str(SLURM_STATE / "slurm.conf")
    yield Cluster(env)
    if not already_up:
        run(["bash", str(STOP_CLUSTER)], ROOT, env, timeout=120)


# --- preemption while the workflow runs --------------------------------------------------------

@dataclass
class Preemption:
    """Requeues the create_avatar job once its first checkpoint exists (as a preempting
    scheduler would), then lets it start again at once instead of after SLURM's requeue delay."""
    checkpoint_dir: Path
    env: dict
    job_id: str | None = None
    error: str | None = None
    stop: threading.Event = field(default_factory=threading.Event)

    def avatar_job(self) -> str | None:
        listed = run(["squeue", "-h", "-t", "RUNNING", "-o", "%i|%k"], self.checkpoint_dir, self.env, timeout=20)
        for line in listed.stdout.splitlines():
            job_id, _, comment = line.partition("|")
            if comment.startswith("rule_create_avatar"):
                return job_id
        return None

    def watch(self) -> None:
        while not self.stop.wait(0.5):
            # Completed checkpoints only: "*.ckpt" would also match the hidden temporary file a
            # checkpoint is written to before its atomic rename.
            if not any(self.checkpoint_dir.glob("avatar-*.ckpt")):
                continue
            job_id = self.avatar_job()
            if job_id is None:
                continue
            requeued = run(["scontrol", "requeue", job_id], self.checkpoint_dir, self.env, timeout=20)
            if requeued.returncode != 0:
                self.error = requeued.stderr
                return
            self.job_id = job_id
            self.release(job_id)
            return

    def release(self, job_id: str) -> None:
        """A requeued job waits ~2 min (BeginTime); once it is pending again, start it now."""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not self.stop.is_set():
            state = run(["squeue", "-h", "-j", job_id, "-o", "%T"], self.checkpoint_dir, self.env, timeout=20)
            if state.stdout.strip() == "PENDING":
                released = run(["scontrol", "update", f"JobId={job_id}", "StartTime=now"],
                               self.checkpoint_dir, self.env, timeout=20)
                if released.returncode == 0:
                    return
            time.sleep(0.5)
        self.error = f"requeued job {job_id} was not pending again within 90 s"


@dataclass
class WorkflowRun:
    project: Path
    output_cache: Path
    via: str  # "slurm" or "local"
    returncode: int
    log: str
    started_at: str  # sacct -S format
    preemption: Preemption | None = None
    seconds: float = 0.0


def run_workflow(cmd: list[str], project: Path, env: dict, timeout: float) -> tuple[int, str]:
    """Snakemake in its own process group, killed as a group (and its jobs cancelled) on timeout."""
    proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        return proc.returncode, out
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        if "SLURM_CONF" in env:
            run(["scancel", "--full", "-u", "root"], project, env, timeout=20)
        pytest.fail(f"workflow did not finish within {timeout} s:\n{out[-3000:]}")


@pytest.fixture(scope="module")
def workflow_run(cluster, tmp_path_factory) -> WorkflowRun:
    base = tmp_path_factory.mktemp("scaleout")
    project = copy_project(base / "project_a")
    write_small_batch(project)
    git_init(project)
    cache = base / "output-cache"
    cache.mkdir()
    env = {**(cluster.env or os.environ), "SNAKEMAKE_OUTPUT_CACHE": str(cache)}
    # `--cache create_avatar`, not a bare `--cache`: only a named rule reaches the cluster
    # jobs, where the entry is stored (and, on a hit, fetched).
    common = ["--cache", "create_avatar", "--configfile", TEST_CONFIG]
    started_at = time.strftime("%Y-%m-%dT%H:%M:%S")
    t0 = time.monotonic()
    if cluster.env is None:
        rc, log = run_workflow([SNAKEMAKE, "--cores", "2", *common], project, env, WORKFLOW_TIMEOUT_S)
        return WorkflowRun(project, cache, "local", rc, log, started_at, seconds=time.monotonic() - t0)

    # The project's real profile as a user runs it; only status polling is made quicker.
    profile = ["--profile", "workflow/profiles/slurm", "--slurm-init-seconds-before-status-checks", "3",
               "--seconds-between-status-checks", "3"]
    preemption = Preemption(project / "results" / "checkpoints" / "avatars" / AVATAR, env)
    watcher = threading.Thread(target=preemption.watch, daemon=True)
    watcher.start()
    try:
        rc, log = run_workflow([SNAKEMAKE, *profile, *common], project, env, WORKFLOW_TIMEOUT_S)
    finally:
        preemption.stop.set()
        watcher.join(timeout=30)
    return WorkflowRun(project, cache, "slurm", rc, log, started_at, preemption, time.monotonic() - t0)


def require_slurm(workflow_run: WorkflowRun, cluster: Cluster) -> None:
    if workflow_run.via != "slurm":
        pytest.skip(cluster.reason)


def sacct_jobs(workflow_run: WorkflowRun, env: dict) -> list[tuple[str, str, str]]:
    """(job id, state, comment) of every record since the run started, requeued ones included."""
    out = run(["sacct", "-X", "-D", "-n", "-P", "-S", workflow_run.started_at, "-o", "JobID,State,Comment"],
              workflow_run.project, env, timeout=30)
    assert out.returncode == 0, out.stderr
    return [tuple(line.split("|", 2)) for line in out.stdout.splitlines() if line.strip()]


# --- the checks ----------------------------------------------------------------------------------

@pytest.mark.slow
def test_slurm_run_produces_the_video_and_jobs_show_in_sacct(workflow_run, cluster):
    assert workflow_run.returncode == 0, workflow_run.log[-4000:]
    require_slurm(workflow_run, cluster)
    import imageio_ffmpeg

    video = workflow_run.project / "results" / "videos" / AVATAR / f"{CLIP}.mp4"
    frames, seconds = imageio_ffmpeg.count_frames_and_secs(str(video))
    assert abs(frames - round(CLIP_SECONDS * FPS)) <= 1
    assert seconds == pytest.approx(CLIP_SECONDS, abs=1.5 / FPS)
    assert (workflow_run.project / "results" / "catalog" / "index.html").is_file()

    jobs = sacct_jobs(workflow_run, cluster.env)
    rules = {re.sub(r"_wildcards_.*", "", comment).removeprefix("rule_") for _, _, comment in jobs}
    assert {"create_avatar", "preview_avatar", "render_frames"} <= rules, jobs
    # Light steps travel as group jobs (one submission per clip / video), not one per rule.
    assert any(r.startswith("speech_") for r in rules) and any(r.startswith("finish_") for r in rules), jobs
    assert not {"prepare_audio", "predict_flame", "encode_video", "evaluate"} & rules, jobs
    final_state = {job_id: state for job_id, state, _ in jobs}  # sacct lists records oldest first
    # (the preempted job's own end is checked below: Snakemake may have retried it as another job)
    preempted = workflow_run.preemption.job_id if workflow_run.preemption else None
    assert {state for job_id, state in final_state.items() if job_id != preempted} == {"COMPLETED"}, jobs


@pytest.mark.slow
def test_preempted_avatar_job_resumes_from_its_checkpoint(workflow_run, cluster):
    assert workflow_run.returncode == 0, workflow_run.log[-4000:]
    require_slurm(workflow_run, cluster)
    preemption = workflow_run.preemption
    assert preemption.error is None, preemption.error
    assert preemption.job_id is not None, "create_avatar finished before its first checkpoint"

    jobs = sacct_jobs(workflow_run, cluster.env)
    records = [state for job_id, state, _ in jobs if job_id == preemption.job_id]
    assert records[0] == "REQUEUED", jobs
    # SLURM starts the requeued job again; if Snakemake's status poll sees it between the requeue's
    # cancellation and that restart, it retries the rule as a new job (the profile's retries) and
    # the requeued copy ends FAILED. Either way a create_avatar job completes, from the checkpoint (below).
    retries = [state for job_id, state, comment in jobs
               if comment.startswith("rule_create_avatar") and job_id != preemption.job_id]
    assert records[-1] == "COMPLETED" or "COMPLETED" in retries, jobs
    sys.path.insert(0, str(workflow_run.project))
    from portraittalker.appearance.avatar import load_avatar

    metadata = load_avatar(workflow_run.project / "results" / "avatars" / AVATAR / "avatar.pt").metadata
    every = 4
    assert metadata["resumed_from_step"] >= every and metadata["resumed_from_step"] % every == 0, metadata
    assert metadata["resumed_from_step"] < metadata["steps"] == 12


@pytest.mark.slow
def test_dvc_push_delete_pull_round_trip_is_byte_identical(workflow_run):
    assert workflow_run.returncode == 0, workflow_run.log[-4000:]
    project = workflow_run.project
    env = {**os.environ, "SNAKEMAKE_ARGS": f"--configfile {TEST_CONFIG}", "SNAKEMAKE": SNAKEMAKE, "DVC": DVC}
    env.pop("SNAKEMAKE_OUTPUT_CACHE", None)
    # The stage's command finds the finished workflow up to date: repro records, runs nothing.
    repro = run([DVC, "repro"], project, env, timeout=300)
    assert repro.returncode == 0, repro.stdout + repro.stderr
    assert "Nothing to be done" in repro.stdout + repro.stderr
    before = tree_digest(project)
    assert any(name.endswith(".mp4") for name in before) and any(name.endswith("avatar.pt") for name in before)

    pushed = run([DVC, "push"], project, env, timeout=300)  # to the default remote next to the project
    assert pushed.returncode == 0, pushed.stderr
    assert any((project.parent / "portraittalker-dvc-remote").rglob("*")), "default remote is empty"

    for out in (*DVC_OUTS, "results/renders", ".dvc/cache"):
        shutil.rmtree(project / out, ignore_errors=True)
    restored = run(["bash", "scripts/dvc_restore.sh", "pull"], project, env, timeout=300)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert tree_digest(project) == before

    dry = run([SNAKEMAKE, "-n", "--configfile", TEST_CONFIG], project, env, timeout=120)
    assert dry.returncode == 0, dry.stderr
    assert "Nothing to be done" in dry.stdout + dry.stderr, dry.stdout + dry.stderr


@pytest.mark.slow
def test_second_workflow_dir_reuses_the_cached_avatar(workflow_run, tmp_path):
    assert workflow_run.returncode == 0, workflow_run.log[-4000:]
    second = copy_project(tmp_path / "project_b", src=workflow_run.project)
    avatar = f"results/avatars/{AVATAR}/avatar.pt"
    env = {**os.environ, "SNAKEMAKE_OUTPUT_CACHE": str(workflow_run.output_cache)}
    t0 = time.monotonic()
    reused = run([SNAKEMAKE, "--cores", "1", "--cache", "create_avatar", "--configfile", TEST_CONFIG, "--", avatar],
                 second, env)
    seconds = time.monotonic() - t0
    assert reused.returncode == 0, reused.stderr
    assert "from cache" in reused.stderr
    step_log = second / "results" / "logs" / "create_avatar" / f"{AVATAR}.log"
    # the step never ran (Snakemake made the file)
    assert not step_log.exists() or step_log.stat().st_size == 0, step_log.read_text()[-1500:] + reused.stderr[-3000:]
    assert (second / avatar).resolve().parent == workflow_run.output_cache
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    assert digest(second / avatar) == digest(workflow_run.project / avatar)
    assert seconds < 60

    # A change to the avatar code is a new code version: the cached entry no longer applies.
    with open(second / "steps" / "create_avatar.py", "a") as script:
        script.write("\n# edited\n")
    changed = run([SNAKEMAKE, "--list-changes", "params", "--configfile", TEST_CONFIG], second, env)
    assert changed.returncode == 0, changed.stderr
    assert avatar in changed.stdout


def gpu_requests(project: Path, *args: str) -> dict[str, set[int]]:
    """rule -> the `gpu` resource values its jobs get in a dry run with the real slurm profile."""
    dry = run([SNAKEMAKE, "-n", "--profile", "workflow/profiles/slurm", *args], project, timeout=180)
    assert dry.returncode == 0, dry.stdout[-2000:] + dry.stderr[-2000:]
    requests: dict[str, set[int]] = {}
    for block in re.split(r"\n(?=\s*(?:local)?rule \w+:)", dry.stdout):
        rule = re.search(r"rule (\w+):", block)
        resources = re.search(r"resources: (.*)", block)
        if rule and resources:
            gpu = re.search(r"\bgpu=(\d+)", resources.group(1))
            requests.setdefault(rule.group(1), set()).add(int(gpu.group(1)) if gpu else 0)
    return requests


def test_slurm_profile_asks_for_gpus_only_where_the_configuration_uses_one(tmp_path):
    profile = yaml.safe_load((ROOT / "workflow" / "profiles" / "slurm" / "config.yaml").read_text())
    assert profile["executor"] == "slurm" and profile["slurm-requeue"] is True and profile["retries"] >= 1
    gpu_keys = {"gpu", "gpus", "gres", "gpu_model", "nvidia_gpu"}
    assert not any(set(r) & gpu_keys for r in profile["set-resources"].values()), profile["set-resources"]

    project = copy_project(tmp_path / "project")
    write_small_batch(project)
    # Default configuration: the prior and EGL everywhere, so no job asks for a GPU ...
    cpu_only = gpu_requests(project, "--configfile", TEST_CONFIG)
    assert {"create_avatar", "preview_avatar", "render_frames"} <= set(cpu_only)
    assert all(values == {0} for values in cpu_only.values()), cpu_only

    manifest = yaml.safe_load((project / "config" / "scaleout_manifest.yaml").read_text())
    manifest["avatars"].append({"id": "painted", "prompt": "a man in a red coat", "guidance": "sds"})
    (project / "config" / "scaleout_manifest.yaml").write_text(yaml.safe_dump(manifest))
    # An SDS avatar without weights is refused at planning, naming the entry.
    refused = run([SNAKEMAKE, "-n", "--profile", "workflow/profiles/slurm", "--configfile", TEST_CONFIG], project)
    assert refused.returncode != 0 and "id 'painted'" in refused.stderr and "avatar.sd_model_path" in refused.stderr
    (project / "weights" / "sd21").mkdir(parents=True)  # an SD folder: only its existence is planned on
    # ... SDS avatars ask for one (the manifest entry's guidance counts), and nvdiffrast renders do.
    gpu = gpu_requests(project, "--configfile", TEST_CONFIG, "--config",
                       "avatar={guidance: prior, sd_model_path: weights/sd21}", "render={backend: nvdiffrast}")
    assert gpu["create_avatar"] == {0, 1}, gpu  # 'probe' uses the prior, 'painted' asks for SDS
    assert gpu["render_frames"] == {1} and gpu["preview_avatar"] == {1}, gpu
    assert not {"prepare_audio", "predict_flame", "encode_video", "evaluate"} & {r for r, v in gpu.items() if v != {0}}
