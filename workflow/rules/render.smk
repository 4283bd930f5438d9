# Render: posed head + avatar appearance -> H.264/AAC MP4 (frames piped to ffmpeg as they are drawn).


# Frames go straight from the renderer into ffmpeg (no PNG round trip): every metric, FID
# included, reads the delivered MP4. steps/render_frames.py --out still writes a PNG folder
# by hand, and steps/encode_video.py muxes one.


# The appearance decoded once per avatar on the render's head (a lattice per face): every clip's
# render reads it instead of decoding the tri-grid again (seconds of CPU per clip). With it, the
# faces the avatar's clips can show from the render camera (size, framing) in any pose the speech
# stage writes: the EGL render draws only those (render/visibility.py).
rule bake_appearance:
    input:
        avatar="results/avatars/{avatar}/avatar.pt",
        head=HEAD_INPUT,
    output:
        "results/renders/{avatar}/baked_appearance.npz",
    log:
        "results/logs/bake_appearance/{avatar}.log",
    benchmark:
        "results/benchmarks/bake_appearance/{avatar}.tsv"
    params:
        head=RENDER_HEAD_OPT,
        size=config["render"]["size"],
        framing=config["render"]["framing"],
        visibility="off" if RENDER_GPUS else "on",
        format=BAKED_FORMAT_VERSION,  # a new file format (2: the clip rig) re-bakes existing avatars
    threads: 2
    resources:
        mem_mb=4000,
        runtime=30,
    shell:
        "{STEP}/bake_appearance.py --avatar {input.avatar:q} --out {output:q} {params.head}"
        " --size {params.size} --framing {params.framing} --visibility {params.visibility}"
        " --threads {threads} > {log:q} 2>&1 " + ON_FAIL


rule render_frames:
    input:
        avatar="results/avatars/{avatar}/avatar.pt",
        baked="results/renders/{avatar}/baked_appearance.npz",
        flame="results/clips/{clip}/flame.npz",
        audio="results/clips/{clip}/audio.wav",
        head=HEAD_INPUT,
    output:
        video="results/videos/{avatar}/{clip}.mp4",
        landmarks="results/renders/{avatar}/{clip}/landmarks.npz",
    log:
        "results/logs/render_frames/{avatar}/{clip}.log",
    benchmark:
        "results/benchmarks/render_frames/{avatar}/{clip}.tsv"
    params:
        size=config["render"]["size"],
        backend=config["render"]["backend"],
        head=RENDER_HEAD_OPT,
        framing=config["render"]["framing"],
        crf=config["video"]["crf"],
        preset=config["video"]["preset"],
        film_grain="on" if config["render"].get("film_grain", True) else "off",
    threads: 2
    resources:
        mem_mb=4000,
        runtime=30,
        gpu=RENDER_GPUS,
    shell:
        "{STEP}/render_frames.py --avatar {input.avatar:q} --baked {input.baked:q} --flame {input.flame:q} --video {output.video:q}"
        " --audio {input.audio:q} --crf {params.crf} --preset {params.preset}"
        " --landmarks {output.landmarks:q} --size {params.size} --backend {params.backend} {params.head}"
        " --framing {params.framing} --film-grain {params.film_grain} --threads {threads} > {log:q} 2>&1 " + ON_FAIL
