"""Who speaks the training corpus: engines, their voices and languages, and what is held out.

Five engines give speech with their own phone timings, two more with aligned ones. Training uses
espeak-ng (formant synthesis, every language, many voice variants), Festival (eleven real speakers
in five languages: diphones recorded from English, Italian, Czech and Finnish speakers, HTS models
of an American and a Catalan speaker), Open JTalk (an HTS model of a real Japanese speaker) and
RHVoice (HTS models of real English speakers, Debian non-free, phones timed by pocketsphinx's
aligner; its two LGPL voices by default). MBROLA (thirteen real speakers' diphones in six
languages, Debian contrib/non-free) and SVOX Pico (HMM voices of two real English speakers, Debian
non-free, phones aligned as RHVoice's) are options, off by default (no measurable gain:
docs/speech_experiments.md). Festival's Russian voice is never trained on: it is a unit-selection
voice that ships its speaker's own labelled recordings, which `real_speech.py` uses as real Russian
speech for evaluation. Flite is held out whole (its clustergen models of the awb, rms and slt
speakers and the kal diphones): it never enters training or validation and measures how the model
does on an engine it has never heard. A set of espeak voice variants is held out the same way for
ko, en, zh and ja.
"""

from __future__ import annotations

# Appended, never reordered: an utterance's random draws are seeded with its engine's index here.
ENGINES: tuple[str, ...] = ("espeak", "festival", "flite", "openjtalk", "mbrola", "rhvoice", "pico")
HELD_OUT_ENGINE = "flite"

ESPEAK_TRAIN_VARIANTS: tuple[str, ...] = (
    "", "+f1", "+f2", "+f3", "+f4", "+f5", "+m1", "+m2", "+m3", "+m4", "+m5", "+m6", "+klatt", "+klatt2", "+klatt4",
    "+Andy", "+Annie", "+boris", "+david", "+linda", "+steph", "+adam", "+benjamin", "+caleb", "+edward", "+iven", "+john",
    "+max", "+paul", "+robert", "+shelby", "+travis", "+victor", "+aunty", "+belinda", "+grandma", "+grandpa",
)
ESPEAK_HELD_OUT_VARIANTS: tuple[str, ...] = ("+m7", "+klatt3", "+Alicia", "+Michael", "+steph2", "+norbert")
HELD_OUT_VARIANT_LANGUAGES: tuple[str, ...] = ("ko", "en", "zh", "ja")

# engine -> its voices as (voice, language). espeak's voice per language comes from sentences.LANGUAGES.
ENGINE_VOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "festival": (
        ("kal_diphone", "en"), ("ked_diphone", "en"), ("cmu_us_slt_arctic_hts", "en"),   # US English: 2 male, 1 female
        ("lp_diphone", "it"), ("pc_diphone", "it"),                                       # Italian: female, male
        ("czech_dita", "cs"), ("czech_machac", "cs"), ("czech_krb", "cs"),                # Czech: woman, man, boy
        ("suo_fi_lj_diphone", "fi"), ("hy_fi_mv_diphone", "fi"),                          # Finnish: female, male
        ("upc_ca_ona_hts", "ca"),                                                         # Catalan: female (HTS)
    ),
    "flite": (("kal16", "en"), ("awb", "en"), ("rms", "en"), ("slt", "en")),
    "openjtalk": (("mei_normal", "ja"),),
    # MBROLA diphone databases, each cut from one real speaker's recordings (espeak-ng's mb-* voices)
    "mbrola": (
        ("mb-us1", "en"), ("mb-us2", "en"), ("mb-us3", "en"), ("mb-en1", "en"),          # US female, 2 US male, British male
        ("mb-de1", "de"), ("mb-de2", "de"), ("mb-fr1", "fr"), ("mb-fr4", "fr"),          # German, French: female, male each
        ("mb-es1", "es"), ("mb-es3", "es"), ("mb-it3", "it"), ("mb-it4", "it"),          # Spanish, Italian: male, female each
        ("mb-jp2", "ja"),                                                                  # Japanese female
    ),
    # RHVoice's HTS models of real English speakers (Debian non-free). Its alan and slt voices are
    # left out: slt is a held-out Flite speaker, and alan is modelled on CMU ARCTIC's awb, who is a
    # held-out Flite speaker and the real-voice evaluation's arctic_a0007 as well.
    "rhvoice": (
        ("bdl", "en"), ("clb", "en"),                 # CMU ARCTIC's US male and US female
        ("evgeniy-eng", "en"), ("lyubov", "en"),      # a male and a female speaker with a Russian accent
    ),
    # SVOX Pico's HMM models of real speakers (Debian non-free): a US and a British woman
    "pico": (("en-US", "en"), ("en-GB", "en")),
}

# The Festival voices a corpus trains on by default: () is every voice of ENGINE_VOICES (11 real
# speakers in English, Italian, Czech, Finnish and Catalan), as the shipped checkpoint was trained.
DEFAULT_FESTIVAL_VOICES: tuple[str, ...] = ()
ENGLISH_FESTIVAL_VOICES: tuple[str, ...] = ("kal_diphone", "ked_diphone", "cmu_us_slt_arctic_hts")

# The RHVoice voices a corpus trains on by default: the two under LGPL-2.1+ (bdl, clb). The other
# two are CC BY-NC-ND 4.0, which would put a non-commercial licence on a network trained on them.
DEFAULT_RHVOICE_VOICES: tuple[str, ...] = ("bdl", "clb")

# Voices made of recordings that the real-voice evaluation uses: never in any training corpus.
EVALUATION_ONLY_VOICES: tuple[str, ...] = ("msu_ru_nsh_clunits",)

assert not set(ESPEAK_TRAIN_VARIANTS) & set(ESPEAK_HELD_OUT_VARIANTS)
