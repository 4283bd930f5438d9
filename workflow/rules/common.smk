# Manifest logic in one place: which avatars, clips and pairs exist, and input functions.
import hashlib
import shlex
import sys
from pathlib import Path

BASEDIR = Path(workflow.basedir)
sys.path.insert(0, str(BASEDIR))
from portraittalker.config import (ANNY_BASIS_VERSION, BAKED_FORMAT_VERSION, HEAD_BUILTINS, HEAD_PICKLE_SUFFIXES,
                                   configured_path)
from portraittalker.errors import PortraitTalkerError
from portraittalker.manifest import SAFE_ID, load_manifest
from portraittalker.placement import guidance_uses_gpu, render_uses_gpu


def code_version(root, entries, extra=""):
    """Package version + sha256 over the names and bytes of the package's top-level modules (io,
    scene, config ...), of `entries` (files or folders under `root`) and of `extra`, e.g.
    "0.1.0+3f2a...". A rule takes it as a param: Snakemake re-runs a job when its params change,
    but sees only the rule's own code, not the modules its step imports. Caches compare it verbatim."""
    import portraittalker

    paths = sorted(root.glob("portraittalker/*.py"))
    for entry in map(root.joinpath, entries):
        paths += [entry] if entry.is_file() else sorted(
            f for f in entry.rglob("*") if f.is_file() and "__pycache__" not in f.parts
        )
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    digest.update(extra.encode())
    return f"{portraittalker.__version__}+{digest.hexdigest()[:16]}"


def config_path(key, must_exist=True, **kwargs):
    """The configured path at dotted `key` ("avatar.sd_model_path"), absolute, or None when unset.
    Relative paths are relative to the project root (portraittalker.config.configured_path, the
    resolver the step scripts use too); a configured path that does not exist stops the run here."""
    value = config
    for part in key.split("."):
        value = (value or {}).get(part)
    try:
        path = configured_path(key, value, must_exist=must_exist, **kwargs)
    except PortraitTalkerError as err:
        sys.exit(f"error: {err}")
    return None if path is None else str(path)


try:
    MANIFEST = load_manifest(config_path("manifest", must_exist=False), root=Path.cwd())
except PortraitTalkerError as err:
    # One line naming the entry; stop before any job is planned.
    sys.exit(f"error: {err}")

PYTHON = config.get("python") or sys.executable
SD_MODEL = config_path("avatar.sd_model_path")
# head.model: "anny" (default: each avatar gets its own body, built from the prompt's identity on
# the anny basis, which rule build_head_basis extracts once), a shipped head by name, a project
# .npz, or a FLAME pickle. A pickle is converted once (rule convert_head_model, which also solves
# its ARKit-52 retargeting) and every job then loads only the .npz.
HEAD_SPEC = str(config["head"]["model"])
# The basis file name carries its format version: a new extraction format is a new artifact.
ANNY_BASIS = f"results/head/anny_upper_body-v{ANNY_BASIS_VERSION}.npz"
# Avatars read the basis from the per-install cache (`make setup` builds it; a job that finds
# none builds it under a lock), not from this artifact: as a job input its provenance would
# enter the between-workflow cache key, which a cluster job (content hash) and a local run
# (producer hash) compute differently. The anny version and the basis format are in the avatar
# code version instead (avatars.smk).
HEAD_BASIS = None
ARKIT_SOURCE_BASIS = None  # the anny basis, when a FLAME head's ARKit retargeting is solved from it
if HEAD_SPEC in HEAD_BUILTINS:
    HEAD_SOURCE, HEAD_FILE = None, None
else:
    HEAD_SOURCE = config_path("head.model", hint=f"use one of {', '.join(HEAD_BUILTINS)} or a FLAME .pkl / project .npz")
    converted = Path(HEAD_SOURCE).suffix.lower() in HEAD_PICKLE_SUFFIXES
    HEAD_FILE = f"results/head/converted/{Path(HEAD_SOURCE).stem}.npz" if converted else HEAD_SOURCE
    ARKIT_SOURCE_BASIS = ANNY_BASIS if converted else None
HEAD_ARG = HEAD_FILE or HEAD_SPEC  # what create_avatar's --head gets
HEAD_INPUT = [HEAD_FILE] if HEAD_FILE else []
AVATAR_HEAD_INPUT = HEAD_INPUT
# Renders use the avatar's own head when it carries one (anny), else the shared head file.
RENDER_HEAD_OPT = "" if HEAD_SPEC == "anny" else f"--head {shlex.quote(HEAD_ARG)}"
STEP = f"{PYTHON} {BASEDIR / 'steps'}"  # one script per rule; the rule passes every path
# On failure, print the step's last log line (its one-line error) and keep the log.
ON_FAIL = '|| {{ tail -n 1 {log:q} >&2; exit 1; }}'

wildcard_constraints:
    avatar=SAFE_ID.pattern[1:-1],
    clip=SAFE_ID.pattern[1:-1],


def clip_audio(wildcards):
    return MANIFEST.clip(wildcards.clip).audio


def avatar_guidance(wildcards):
    return MANIFEST.avatar(wildcards.avatar).guidance or config["avatar"]["guidance"]


for _i, _entry in enumerate(MANIFEST.avatars):
    if (_entry.guidance or config["avatar"]["guidance"]) == "sds" and SD_MODEL is None:
        sys.exit(f"error: {config['manifest']}: avatars[{_i}] (id '{_entry.id}') asks for guidance sds but "
                 "avatar.sd_model_path is not set: point it at a local diffusers folder or use guidance prior")


# GPU requests (SLURM `gpu` resource) only for jobs that will use one: SDS avatars, and
# rendering when the backend is nvdiffrast. The default batch asks for none.
def avatar_gpus(wildcards):
    return int(guidance_uses_gpu(avatar_guidance(wildcards), SD_MODEL))


RENDER_GPUS = int(render_uses_gpu(config["render"]["backend"]))


def create_avatar_args(wildcards):
    """create_avatar.py options for one manifest avatar (manifest entry over config defaults)."""
    entry = MANIFEST.avatar(wildcards.avatar)
    defaults = config["avatar"]
    options = {
        "--prompt": entry.prompt,
        "--negative-prompt": entry.negative_prompt,
        "--seed": entry.seed,
        "--guidance": avatar_guidance(wildcards),
        "--steps": entry.steps or defaults.get("steps"),
        "--guidance-scale": entry.guidance_scale or defaults.get("guidance_scale"),
        "--sd-model": SD_MODEL or "none",  # explicit: the step never falls back to config.yaml's
        "--render-size": defaults.get("render_size"),
        "--checkpoint-every": defaults.get("checkpoint_every"),
        "--init-steps": defaults.get("init_steps"),
        "--head": HEAD_ARG,
        "--head-basis": HEAD_BASIS,
    }
    flags = ["--allow-cpu-sds" if defaults.get("allow_cpu_sds") else "--no-allow-cpu-sds"]
    return " ".join([f"{flag} {shlex.quote(str(value))}" for flag, value in options.items() if value not in (None, "")]
                    + flags)


def glb_outputs(wildcards=None):
    return [f"results/exports/{a}/{c}.glb" for a, c in MANIFEST.renders]


def all_outputs(wildcards):
    videos = [f"results/videos/{a}/{c}.mp4" for a, c in MANIFEST.renders]
    metrics = [f"results/metrics/{a}/{c}.json" for a, c in MANIFEST.renders]
    previews = [f"results/avatars/{a}/preview.png" for a in sorted({a for a, _ in MANIFEST.renders})]
    return videos + metrics + previews + glb_outputs() + ["results/metrics/batch.json", "results/catalog/index.html"]
