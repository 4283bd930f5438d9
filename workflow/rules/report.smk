# Evaluation per video and the HTML catalog of the batch.


rule evaluate:
    # Reads the delivered MP4 (frames and audio track); the clip's WAV is only the reference
    # its audio track is checked against, landmarks.npz only says whether the render added grain.
    input:
        video="results/videos/{avatar}/{clip}.mp4",
        audio="results/clips/{clip}/audio.wav",
        landmarks="results/renders/{avatar}/{clip}/landmarks.npz",
    output:
        "results/metrics/{avatar}/{clip}.json",
    log:
        "results/logs/evaluate/{avatar}/{clip}.log",
    benchmark:
        "results/benchmarks/evaluate/{avatar}/{clip}.tsv"
    params:
        # Always explicit, so the step never reads config.yaml's defaults instead of this run's.
        weights=f"--syncnet-weights {shlex.quote(config_path('evaluation.syncnet_weights') or 'none')}",
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    shell:
        "{STEP}/evaluate.py --video {input.video:q} --audio {input.audio:q} --landmarks {input.landmarks:q}"
        " {params.weights} --out {output:q} > {log:q} 2>&1 " + ON_FAIL


rule evaluate_batch:
    # FID is a distribution distance: one figure per batch, from frames of all its videos.
    input:
        videos=lambda wc: [f"results/videos/{a}/{c}.mp4" for a, c in MANIFEST.renders],
    output:
        "results/metrics/batch.json",
    log:
        "results/logs/evaluate_batch.log",
    benchmark:
        "results/benchmarks/evaluate_batch.tsv"
    params:
        # Always explicit, so the step never reads config.yaml's defaults instead of this run's.
        weights=" ".join(
            f"--{flag} {shlex.quote(config_path(key) or 'none')}"
            for flag, key in (("inception-weights", "evaluation.inception_weights"),
                              ("fid-reference", "evaluation.fid_reference"))
        ),
    threads: 1
    resources:
        mem_mb=4000,
        runtime=30,
    shell:
        "{STEP}/evaluate_batch.py --videos {input.videos:q} {params.weights} --out {output:q} > {log:q} 2>&1 " + ON_FAIL


rule catalog:
    # Light and reads every result: run it where the results are, never as a cluster job.
    localrule: True
    input:
        videos=lambda wc: [f"results/videos/{a}/{c}.mp4" for a, c in MANIFEST.renders],
        metrics=lambda wc: [f"results/metrics/{a}/{c}.json" for a, c in MANIFEST.renders],
        batch="results/metrics/batch.json",
        previews=lambda wc: [f"results/avatars/{a}/preview.png" for a in sorted({a for a, _ in MANIFEST.renders})],
        glbs=glb_outputs,
        arkit=lambda wc: [f"results/clips/{c}/arkit.csv" for c in sorted({c for _, c in MANIFEST.renders})],
    output:
        html="results/catalog/index.html",
        csv="results/catalog/summary.csv",
    log:
        "results/logs/catalog.log",
    params:
        manifest=config_path("manifest"),
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    shell:
        "{STEP}/build_catalog.py --results results --manifest {params.manifest:q} --out results/catalog"
        " > {log:q} 2>&1 " + ON_FAIL
