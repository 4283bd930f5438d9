# Render: posed head + avatar appearance -> PNG frames -> H.264/AAC MP4.


rule render_frames:
    input:
        avatar="results/avatars/{avatar}/avatar.pt",
        flame="results/clips/{clip}/flame.npz",
        head=HEAD_INPUT,
    output:
        frames=directory("results/renders/{avatar}/{clip}/frames"),
        landmarks="results/renders/{avatar}/{clip}/landmarks.npz",
    log:
        "results/logs/render_frames/{avatar}/{clip}.log",
    params:
        size=config["render"]["size"],
        backend=config["render"]["backend"],
        head=HEAD_ARG,
        framing=config["render"]["framing"],
    threads: 2
    resources:
        mem_mb=4000,
        runtime=30,
        gpu=RENDER_GPUS,
    shell:
        "{STEP}/render_frames.py --avatar {input.avatar:q} --flame {input.flame:q} --out {output.frames:q}"
        " --landmarks {output.landmarks:q} --size {params.size} --backend {params.backend} --head {params.head:q}"
        " --framing {params.framing} --threads {threads} > {log:q} 2>&1 " + ON_FAIL


rule encode_video:
    input:
        frames="results/renders/{avatar}/{clip}/frames",
        audio="results/clips/{clip}/audio.wav",
    output:
        "results/videos/{avatar}/{clip}.mp4",
    log:
        "results/logs/encode_video/{avatar}/{clip}.log",
    params:
        fps=config["speech"]["fps"],
        crf=config["video"]["crf"],
        preset=config["video"]["preset"],
    threads: 2
    resources:
        mem_mb=1000,
        runtime=10,
    shell:
        "{STEP}/encode_video.py --frames {input.frames:q} --audio {input.audio:q} --out {output:q}"
        " --fps {params.fps} --crf {params.crf} --preset {params.preset} > {log:q} 2>&1 " + ON_FAIL
