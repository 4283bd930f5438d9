# Manifest logic in one place: which avatars, clips and pairs exist, and input functions.
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


def avatar_param(name):
    """Per-avatar setting from the manifest, falling back to the config default."""
    def get(wildcards):
        entry = MANIFEST.avatar(wildcards.avatar)
        value = getattr(entry, name)
        return config["avatar"].get(name) if value is None else value
    return get


def all_outputs(wildcards):
    videos = [f"results/videos/{a}/{c}.mp4" for a, c in MANIFEST.renders]
    metrics = [f"results/metrics/{a}/{c}.json" for a, c in MANIFEST.renders]
    previews = [f"results/avatars/{a}/preview.png" for a in sorted({a for a, _ in MANIFEST.renders})]
    return videos + metrics + previews + ["results/catalog/index.html"]
