# Avatars: text prompt -> tri-grid appearance over the head (avatar.pt), then a preview.
# Depends on the prompt, seed and guidance settings only (passed as params, so editing one
# avatar's entry re-runs that avatar alone).


rule create_avatar:
    output:
        "results/avatars/{avatar}/avatar.pt",
    log:
        "results/logs/create_avatar/{avatar}.log",
    params:
        prompt=avatar_param("prompt"),
        negative_prompt=avatar_param("negative_prompt"),
        seed=avatar_param("seed"),
        guidance=avatar_param("guidance"),
        steps=lambda wc: avatar_param("steps")(wc) or "",
        sd_model=config["avatar"]["sd_model_path"] or "",
        render_size=config["avatar"]["render_size"],
        head=config["head"]["model"],
        checkpoints="results/checkpoints/avatars/{avatar}",
    threads: 2
    resources:
        mem_mb=4000,
        runtime=60,
        gpu=GPUS,
    shell:
        "{STEP}/create_avatar.py --prompt {params.prompt:q} --negative-prompt {params.negative_prompt:q}"
        " --seed {params.seed} --guidance {params.guidance} --head {params.head:q}"
        " --render-size {params.render_size} --checkpoint-dir {params.checkpoints:q}"
        " $( [ -n {params.steps:q} ] && echo --steps {params.steps} )"
        " $( [ -n {params.sd_model:q} ] && echo --sd-model {params.sd_model:q} )"
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
