# Manifest logic in one place: which avatars, clips and pairs exist, and input functions.
import shlex
import sys
from pathlib import Path

BASEDIR = Path(workflow.basedir)
sys.path.insert(0, str(BASEDIR))
from portraittalker.errors import PortraitTalkerError
from portraittalker.manifest import SAFE_ID, load_manifest


def project_file(path):
    """A configured path: as given if it exists from the working directory, else beside the Snakefile."""
    path = Path(str(path))
    return str(path if path.is_absolute() or path.exists() else BASEDIR / path)


try:
    MANIFEST = load_manifest(project_file(config["manifest"]), root=Path.cwd())
except PortraitTalkerError as err:
    # One line naming the entry; stop before any job is planned.
    sys.exit(f"error: {err}")

PYTHON = config.get("python") or sys.executable
GPUS = int(config.get("gpus_per_job", 0))
STEP = f"{PYTHON} {BASEDIR / 'steps'}"  # one script per rule; the rule passes every path
# On failure, print the step's last log line (its one-line error) and keep the log.
ON_FAIL = '|| {{ tail -n 1 {log:q} >&2; exit 1; }}'

wildcard_constraints:
    avatar=SAFE_ID.pattern[1:-1],
    clip=SAFE_ID.pattern[1:-1],


def clip_audio(wildcards):
    return MANIFEST.clip(wildcards.clip).audio


def create_avatar_args(wildcards):
    """create_avatar.py options for one manifest avatar (manifest entry over config defaults)."""
    entry = MANIFEST.avatar(wildcards.avatar)
    defaults = config["avatar"]
    options = {
        "--prompt": entry.prompt,
        "--negative-prompt": entry.negative_prompt,
        "--seed": entry.seed,
        "--guidance": entry.guidance or defaults["guidance"],
        "--steps": entry.steps or defaults.get("steps"),
        "--guidance-scale": entry.guidance_scale or defaults.get("guidance_scale"),
        "--sd-model": defaults.get("sd_model_path") and project_file(defaults["sd_model_path"]),
        "--render-size": defaults.get("render_size"),
        "--checkpoint-every": defaults.get("checkpoint_every"),
        "--head": config["head"]["model"],
    }
    return " ".join(f"{flag} {shlex.quote(str(value))}" for flag, value in options.items() if value not in (None, ""))


def all_outputs(wildcards):
    videos = [f"results/videos/{a}/{c}.mp4" for a, c in MANIFEST.renders]
    metrics = [f"results/metrics/{a}/{c}.json" for a, c in MANIFEST.renders]
    previews = [f"results/avatars/{a}/preview.png" for a in sorted({a for a, _ in MANIFEST.renders})]
    return videos + metrics + previews + ["results/catalog/index.html"]
