# Avatars: text prompt -> tri-grid appearance over the head (avatar.pt), then a preview.
# Depends on the prompt, seed and guidance settings only (passed as params, so editing one
# avatar's entry re-runs that avatar alone).
# What an avatar is made with, beyond its settings: a change to any of these files gives
# every avatar a new cache key (between-workflow cache, docs/scale-out.md).
AVATAR_CODE = ("portraittalker/appearance", "portraittalker/guidance", "portraittalker/head",
               "portraittalker/render", "steps/create_avatar.py", "models/head")


def anny_version():
    """The anny package shapes every default head (its basis lives in the per-install cache)."""
    try:
        from importlib.metadata import version

        return f"anny {version('anny')}"
    except Exception:  # noqa: BLE001 - not installed: FLAME / bundled heads only
        return "anny none"


AVATAR_CODE_VERSION = code_version(BASEDIR, AVATAR_CODE, anny_version())


rule create_avatar:
    input:
        head=AVATAR_HEAD_INPUT,
    output:
        "results/avatars/{avatar}/avatar.pt",
    log:
        "results/logs/create_avatar/{avatar}.log",
    params:
        # Everything the avatar depends on, as one quoted argument string: a change to any
        # of it (prompt, seed, guidance settings) re-runs this avatar only.
        args=create_avatar_args,
        code_version=AVATAR_CODE_VERSION,
    # Reusable across workflow directories: `--cache` + $SNAKEMAKE_OUTPUT_CACHE. The key is
    # the shell template, the params above and the code version; the avatar id is not part of
    # it (the checkpoint dir is in the template), so equal settings share one entry.
    cache: "omit-software"
    threads: 2
    resources:
        mem_mb=4000,
        runtime=60,
        gpu=avatar_gpus,
    shell:
        "{STEP}/create_avatar.py {params.args} --threads {threads}"
        # Resumable: a killed, requeued or retried job continues from its last checkpoint.
        " --checkpoint-dir results/checkpoints/avatars/{wildcards.avatar}"
        " --out {output:q} > {log:q} 2>&1 " + ON_FAIL


rule preview_avatar:
    input:
        avatar="results/avatars/{avatar}/avatar.pt",
        head=HEAD_INPUT,
    output:
        image="results/avatars/{avatar}/preview.png",
        turntable="results/avatars/{avatar}/turntable.mp4",
    log:
        "results/logs/preview_avatar/{avatar}.log",
    benchmark:
        "results/benchmarks/preview_avatar/{avatar}.tsv"
    params:
        backend=config["render"]["backend"],
        frames=config["render"]["turntable_frames"],
        size=config["render"]["size"],
        head=RENDER_HEAD_OPT,
    threads: 2
    resources:
        mem_mb=2000,
        runtime=10,
        gpu=RENDER_GPUS,
    shell:
        "{STEP}/render_preview.py --avatar {input.avatar:q} --out-image {output.image:q}"
        " --out-turntable {output.turntable:q} --backend {params.backend} --frames {params.frames}"
        " --size {params.size} {params.head}"
        " > {log:q} 2>&1 " + ON_FAIL
