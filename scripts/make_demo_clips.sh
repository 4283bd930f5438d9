#!/usr/bin/env bash
# Regenerates the committed demo clips in data/clips/ with espeak-ng and flite (run once; the WAVs are
# committed so `make run` needs no speech synthesiser).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p data/clips
espeak-ng -v en-us -s 165 -w data/clips/en_hello.wav "Hello! I am a talking head, made from one line of text."
espeak-ng -v ko -s 175 -w data/clips/ko_hello.wav "안녕하세요. 저는 텍스트로 만든 아바타입니다."
# Another engine (Debian flite; its awb voice is a statistical model of a real Scottish speaker,
# and Flite is the engine the speech model is never trained on).
flite -voice awb -t "Good morning. My face was made from a single line of text, and my voice from another." -o data/clips/en_flite.wav
