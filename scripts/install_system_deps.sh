#!/usr/bin/env bash
# Installs the Debian packages the project needs, when missing and when we may (root or sudo).
# espeak-ng: demo clips and the speech training corpus. libegl1/mesa: the CPU (EGL) rasterizer.
# nodejs/npm (when no node is on PATH): build the catalog's three.js player, run the glTF validator,
# run the face age/sex analyser (tools/face_analyser).
# With --test also chromium: the catalog test opens index.html in a real headless browser.
# With --train (and --test) the speech engines of the training corpus and its tests: Festival and its
# voices, Flite (the held-out test engine), Open JTalk with its dictionary; and alsa-utils, whose
# recorded voice prompts scripts/eval_real_speech.py uses; and RHVoice (below).
# With --eval only the packages whose real recordings scripts/eval_real_speech.py reads: alsa-utils'
# voice prompts and festvox-ru's speaker.
# With --mbrola the optional MBROLA engine (speech_training.corpus_engines: [..., mbrola]): mbrola and
# thirteen real speakers' diphone voices, from Debian's contrib/non-free components, which this
# enables when apt has no mbrola (their licence: non-commercial; models/audio2flame/TRAINING_DATA.md).
# With --rhvoice (and --train) RHVoice, a training engine: four real English speakers' HTS voices
# (two trained on: speech_training.corpus_rhvoice_voices), from Debian's non-free component, enabled
# the same way. With --pico the optional SVOX Pico engine (speech_training.corpus_engines: [..., pico]):
# its two English HMM voices, non-free as well.
# (The SLURM test cluster installs its own packages: scripts/slurm/start_test_cluster.sh.)
set -euo pipefail
packages=(espeak-ng libespeak-ng1 libegl1 libegl-mesa0 libgl1-mesa-dri libgl1)
speech=(festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts festvox-italp16k festvox-itapc16k
        festvox-czech-dita festvox-czech-machac festvox-czech-krb festvox-suopuhe-lj festvox-suopuhe-mv
        festvox-ca-ona-hts festvox-ru flite open-jtalk open-jtalk-mecab-naist-jdic alsa-utils)
mbrola=(mbrola mbrola-us1 mbrola-us2 mbrola-us3 mbrola-en1 mbrola-de1 mbrola-de2 mbrola-fr1 mbrola-fr4
        mbrola-es1 mbrola-es3 mbrola-it3 mbrola-it4 mbrola-jp2)
[ "${1:-}" = "--test" ] && packages+=(chromium "${speech[@]}")
rhvoice=(rhvoice rhvoice-english)
[ "${1:-}" = "--train" ] && packages+=("${speech[@]}" "${rhvoice[@]}")
[ "${1:-}" = "--eval" ] && packages+=(alsa-utils festvox-ru)
[ "${1:-}" = "--mbrola" ] && packages+=("${mbrola[@]}")
[ "${1:-}" = "--rhvoice" ] && packages+=("${rhvoice[@]}")
[ "${1:-}" = "--pico" ] && packages+=(libttspico-utils)
need=()
command -v npm >/dev/null || need+=(nodejs npm)
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in "${packages[@]}"; do
  have_pkg "$p" || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "portraittalker: missing Debian packages: ${need[*]} (install them: apt-get install ${need[*]})" >&2; exit 0
fi
echo "Installing Debian packages: ${need[*]}"
$SUDO apt-get update -qq
# MBROLA, RHVoice, Pico and their voices live in Debian's contrib and non-free components
has_candidate() { [[ "$(apt-cache policy "$1" 2>/dev/null)" == *"Candidate: "[0-9]* ]]; }
# optional_from_non_free ENGINE PROBE: enable contrib/non-free when apt has no PROBE package; without
# it, drop the engine's packages (training goes on without its voices)
optional_from_non_free() {
  [[ " ${need[*]} " == *" $1"* ]] && ! has_candidate "$2" || return 0
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  if [ -n "$codename" ] && [ -d /etc/apt/sources.list.d ]; then
    printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: contrib non-free\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$codename" | $SUDO tee /etc/apt/sources.list.d/portraittalker-contrib-non-free.sources >/dev/null
    $SUDO apt-get update -qq
  fi
  has_candidate "$2" || {
    echo "portraittalker: no $1 package in apt's sources; training goes on without its voices" >&2
    need=($(printf '%s\n' "${need[@]}" | grep -v "^$1" || true))
  }
}
optional_from_non_free mbrola mbrola-us1
optional_from_non_free rhvoice rhvoice-english
optional_from_non_free libttspico libttspico-utils
[ ${#need[@]} -eq 0 ] && exit 0
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
