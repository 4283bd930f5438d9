# Avatars: text prompt -> tri-grid appearance over the head (avatar.pt), then a preview.
# Depends on the prompt, seed and guidance settings only (passed as params, so editing one
# avatar's entry re-runs that avatar alone).


rule create_avatar:
    output:
        "results/avatars/{avatar}/avatar.pt",
    log:
        "results/logs/create_avatar/{avatar}.log",
    params:
        # Everything the avatar depends on, as one quoted argument string: a change to any
        # of it (prompt, seed, guidance settings) re-runs this avatar only.
        args=create_avatar_args,
        checkpoints="results/checkpoints/avatars/{avatar}",
    threads: 2
    resources:
        mem_mb=4000,
        runtime=60,
        gpu=GPUS,
    shell:
        "{STEP}/create_avatar.py {params.args} --threads {threads} --checkpoint-dir {params.checkpoints:q}"
        " --out {output:q} > {log:q} 2>&1 " + ON_FAIL


rule preview_avatar:
    input:
        "results/avatars/{avatar}/avatar.pt",
    output:
        image="results/avatars/{avatar}/preview.png",
        turntable="results/avatars/{avatar}/turntable.mp4",
    log:
        "results/logs/preview_avatar/{avatar}.log",
    params:
        backend=config["render"]["backend"],
        frames=config["render"]["turntable_frames"],
    threads: 2
    resources:
        mem_mb=2000,
        runtime=10,
        gpu=GPUS,
    shell:
        "{STEP}/render_preview.py --avatar {input:q} --out-image {output.image:q}"
        " --out-turntable {output.turntable:q} --backend {params.backend} --turntable-frames {params.frames}"
        " > {log:q} 2>&1 " + ON_FAIL
