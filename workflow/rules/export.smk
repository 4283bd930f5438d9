# Export: the avatar as a rigged, textured glTF 2.0 binary (GLB) that plays one clip.
# The base-colour texture depends on the avatar only: baked once, embedded in each clip's GLB.


rule bake_texture:
    input:
        avatar="results/avatars/{avatar}/avatar.pt",
        head=HEAD_INPUT,
    output:
        "results/exports/{avatar}/base_colour.png",
    log:
        "results/logs/bake_texture/{avatar}.log",
    benchmark:
        "results/benchmarks/bake_texture/{avatar}.tsv"
    params:
        size=config["export"]["texture_size"],
        head=RENDER_HEAD_OPT,
    threads: 2
    resources:
        mem_mb=3000,
        runtime=10,
    shell:
        "{STEP}/bake_texture.py --avatar {input.avatar:q} --out {output:q} --size {params.size} {params.head}"
        " --threads {threads} > {log:q} 2>&1 " + ON_FAIL


rule export_glb:
    input:
        avatar="results/avatars/{avatar}/avatar.pt",
        flame="results/clips/{clip}/flame.npz",
        texture="results/exports/{avatar}/base_colour.png",
        head=HEAD_INPUT,
    output:
        "results/exports/{avatar}/{clip}.glb",
    log:
        "results/logs/export_glb/{avatar}/{clip}.log",
    benchmark:
        "results/benchmarks/export_glb/{avatar}/{clip}.tsv"
    params:
        head=RENDER_HEAD_OPT,
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    shell:
        "{STEP}/export_glb.py --avatar {input.avatar:q} --flame {input.flame:q} --texture {input.texture:q}"
        " --out {output:q} {params.head} > {log:q} 2>&1 " + ON_FAIL
