# Speech: any audio file -> 16 kHz mono WAV (muxed into the videos, read by the metrics), and the
# same file -> per-frame FLAME parameters (+ the same curves as ARKit CSV). Depends on the clip
# only, so one clip drives every avatar without recomputation.


rule prepare_audio:
    input:
        clip_audio,
    output:
        "results/clips/{clip}/audio.wav",
    log:
        "results/logs/prepare_audio/{clip}.log",
    benchmark:
        "results/benchmarks/prepare_audio/{clip}.tsv"
    params:
        max_seconds=config["speech"]["max_seconds"],
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    shell:
        "{STEP}/prepare_audio.py --in {input:q} --out {output:q} --max-seconds {params.max_seconds}"
        " > {log:q} 2>&1 " + ON_FAIL


# What predict_flame computes with, beyond its settings and checkpoint: every module it imports
# (tests/test_workflow_code_version.py keeps the list whole). A change re-runs the clips and,
# through their flame.npz, their videos; training code (corpus, engines) is left out.
SPEECH_CODE = tuple(f"portraittalker/speech/{m}.py" for m in (
    "__init__", "audio", "blocks", "channels", "checkpoint", "closure_decoding", "coarticulation", "features",
    "lipsync_eval", "model", "model_config", "model_numpy", "motion", "predict", "presence", "signal1d", "tts", "upper_face",
    "visemes",
)) + ("portraittalker/export/__init__.py", "portraittalker/export/arkit_csv.py", "portraittalker/head/__init__.py",
      "portraittalker/head/basis.py", "steps/predict_flame.py")
SPEECH_CODE_VERSION = code_version(BASEDIR, SPEECH_CODE)


def clip_motion_seed(wildcards) -> int:
    """The head-motion and blink generator's seed for a clip: speech.motion_seed offset by a stable hash
    of the clip's name (one seed for every clip made every video of a batch blink at the same moment)."""
    import zlib

    return config["speech"]["motion_seed"] + zlib.crc32(wildcards.clip.encode("utf-8")) % 1_000_003


def presence_model_input(wildcards):
    """The speech-presence detector's weights when speech.presence_gate is on (a retrained gate re-runs the clips)."""
    if not config["speech"].get("presence_gate", True):
        return []
    return config_path("speech.presence_model", must_exist=False)  # train_speech_presence makes it


# Reads the clip's own file through the decoding and loudness normalisation prepare_audio uses
# (speech/audio.py), not audio.wav: the two jobs run side by side instead of one after the other.
rule predict_flame:
    input:
        audio=clip_audio,
        checkpoint=config_path("speech.checkpoint", must_exist=False),  # train_audio2flame makes it
        presence=presence_model_input,  # [] with speech.presence_gate: false
    output:
        flame="results/clips/{clip}/flame.npz",
        arkit="results/clips/{clip}/arkit.csv",
    log:
        "results/logs/predict_flame/{clip}.log",
    benchmark:
        "results/benchmarks/predict_flame/{clip}.tsv"
    params:
        fps=config["speech"]["fps"],
        code_version=SPEECH_CODE_VERSION,
        seed=clip_motion_seed,
        max_seconds=config["speech"]["max_seconds"],
        features=config["speech"]["features"],
        presence=(
            f"--presence-model {shlex.quote(config_path('speech.presence_model', must_exist=False))}"
            if config["speech"].get("presence_gate", True)
            else "--no-presence-gate"
        ),
        wav2vec2=(
            f"--wav2vec2-path {shlex.quote(config_path('speech.wav2vec2_path'))}"
            if config["speech"].get("wav2vec2_path")
            else ""
        ),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    shell:
        "{STEP}/predict_flame.py --audio {input.audio:q} --out {output.flame:q} --arkit-csv {output.arkit:q} --fps {params.fps}"
        " --checkpoint {input.checkpoint:q} --seed {params.seed} --max-seconds {params.max_seconds} --features {params.features} {params.wav2vec2}"
        " {params.presence}"
        " --threads {threads}"
        " > {log:q} 2>&1 " + ON_FAIL
