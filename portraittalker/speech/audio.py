"""Audio ingest: any common recording -> 16 kHz mono, loudness-normalised PCM WAV.

Decoding goes through ffmpeg (imageio-ffmpeg's static binary, so MP3/M4A/OGG work without
system codecs); soundfile is the fallback for WAV/FLAC/OGG when ffmpeg is unavailable. A file
that already is 16 kHz mono PCM-16 WAV (the prepared `audio.wav` every prediction job reads) is
read directly: the same samples, without ffmpeg's process or soundfile's import (~0.1-0.2 s).
Loudness is normalised with a gated RMS (the idea of EBU R128 without K-weighting): only
blocks above an absolute and a relative gate count, so pauses do not drag the level down,
and pure silence is passed through unchanged (a silent clip is valid: the mouth stays shut).
A file holding less than its header declares (a download cut off), less than a word lasts, or
damaged in places is used with one warning line; one that decodes to nothing is a PortraitTalkerError.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import wave as wav_file
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..errors import PortraitTalkerError
from ..io import atomic_path
from .blocks import BLOCK_SAMPLES

SAMPLE_RATE_HZ = 16_000
TARGET_LEVEL_DBFS = -20.0       # gated RMS of the speech after normalisation
PEAK_LIMIT = 0.98               # linear; louder peaks are scaled down instead of clipped
# Below this a 50 ms block counts as silence: EBU R128's absolute gate. At -60 dBFS, speech
# recorded 50 dB under full scale (a far or turned-down microphone, peaks near -50 dBFS) was all
# "silence", left unnormalised, and the face never moved; hiss 70 dB down still is silence.
_ABSOLUTE_GATE_DBFS = -70.0
_RELATIVE_GATE_DB = -20.0       # ... or this far under the ungated level
_BLOCK_S = 0.05
# A stereo recording whose channels cancel when averaged (one microphone wired in opposite
# polarity, or an M/S pair) would become silence: below this share of the louder channel's
# energy, the louder channel alone is the speech.
_CANCELLED_SHARE = 0.1
# A whole file decodes to the length its header declares within 0.01 s in every format tried
# (WAV, FLAC, MP3, OGG, Opus, M4A); a download or export cut off falls short by more than this.
_SHORT_BY_S = 0.1
# Shorter than any spoken word: a file cut off whose header declares no length (a raw MP3
# stream) cannot be told from a whole one, except that so little of it is left.
_BRIEF_S = 0.15
_WAV_HEAD_BYTES = 1 << 16  # a WAV's chunks before its samples (fmt, LIST, bext) fit in this
_REDO = "re-export or re-download it"

log = logging.getLogger(__name__)


class Decoded(NamedTuple):
    """A decoder's result: mono samples [N] at 16 kHz, the length in seconds the file's header
    declares (None: none, or not known to this decoder), and the decoder's error messages."""

    wave: np.ndarray
    declared_s: float | None = None
    errors: tuple[str, ...] = ()


def _ffmpeg_exe() -> str | None:
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except Exception:  # no bundled binary for this platform: fall back to soundfile
        return None


def decode_audio(path: str | os.PathLike, max_seconds: float | None = None) -> np.ndarray:
    """Decode `path` to a float32 mono waveform [N] at 16 kHz, in [-1, 1].

    Reads at most `max_seconds` + 1 s, so an over-long file is detected without decoding all
    of it. Raises PortraitTalkerError naming the file when it cannot be read or holds no audio;
    logs one warning when it holds less than its header declares (cut off) or is damaged.
    """
    path = Path(path)
    if path.is_dir():
        raise PortraitTalkerError(f"{path}: is a folder, not an audio file")
    if not path.is_file():
        raise PortraitTalkerError(f"{path}: audio file not found")
    if path.stat().st_size == 0:
        raise PortraitTalkerError(f"{path}: audio file is empty")
    decoded = _read_pcm16_mono_16k(path, max_seconds)
    if decoded is None:
        exe = _ffmpeg_exe()
        decoded = _decode_with_ffmpeg(path, exe, max_seconds) if exe is not None else _decode_with_soundfile(path)
    # A WAV's header is read here for every decoder: ffmpeg takes a cut WAV's length from its size.
    declared_s = _wav_declared_seconds(path)
    declared_s = decoded.declared_s if declared_s is None else declared_s
    if max_seconds is not None and declared_s is not None:
        declared_s = min(declared_s, max_seconds + 1.0)  # what was read of it
    check_complete(path, len(decoded.wave) / SAMPLE_RATE_HZ, declared_s, decoded.errors)
    wave = decoded.wave
    bad = ~np.isfinite(wave)
    if bad.any():  # a float WAV from a broken tool: inf would become a full-scale click
        log.warning(
            "%s: %d samples are NaN or infinite; they are played as silence (check the tool that wrote the file)",
            path, int(bad.sum()))
        wave = np.where(bad, np.float32(0), wave)
    return np.clip(wave, -1.0, 1.0, out=wave)  # each decoder's array is its own


def check_complete(path: Path, held_s: float, declared_s: float | None, errors: tuple[str, ...]) -> None:
    """Raise when `path` decoded to nothing; else warn (one line) when it holds `held_s`, less than
    the `declared_s` its header says (a download or export cut off), less than any word lasts, or
    its decoder reported `errors` (damaged in places). Either way the user is told what to do."""
    if held_s == 0:
        if declared_s:
            raise PortraitTalkerError(f"{path}: holds no audio though its header says {declared_s:.1f} s; {_REDO}")
        if errors:
            raise PortraitTalkerError(f"{path}: no audio could be decoded ({errors[-1]}); {_REDO}")
        raise PortraitTalkerError(f"{path}: audio stream is empty (no samples decoded)")
    if declared_s is not None and declared_s - held_s > _SHORT_BY_S:
        log.warning("%s: the recording ends early: its header says %.1f s but it holds %.1f s (cut off or damaged); only "
                    "that is used; %s", path, declared_s, held_s, _REDO)
    elif held_s < _BRIEF_S:
        log.warning("%s: holds only %.2f s of audio, too short for a word (cut off?); only that is used; %s",
                    path, held_s, _REDO)
    elif errors:
        log.warning("%s: damaged in places (%d decoding error(s), the first: %s): the speech may have gaps; %s",
                    path, len(errors), errors[0], _REDO)


class WavLayout(NamedTuple):
    channels: int
    bytes_per_s: int
    data_offset: int   # where the samples start
    data_bytes: int    # their size as the header says (0 or 0xFFFFFFFF: left unknown)


def _wav_layout(head: bytes) -> WavLayout | None:
    """The layout a RIFF/WAVE file or stream declares in `head` (its start, up to its first
    sample); None when `head` holds no such header."""
    if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    channels, byte_rate, pos = 0, 0, 12
    while pos + 8 <= len(head):
        chunk, size = head[pos : pos + 4], int.from_bytes(head[pos + 4 : pos + 8], "little")
        if chunk == b"fmt ":
            channels = int.from_bytes(head[pos + 10 : pos + 12], "little")
            byte_rate = int.from_bytes(head[pos + 16 : pos + 20], "little")
        elif chunk == b"data":
            return WavLayout(channels, byte_rate, pos + 8, size) if channels >= 1 else None
        pos += 8 + size + size % 2
    return None


def _wav_declared_seconds(path: Path) -> float | None:
    """The length a WAV file's header declares; None for other files and for a size left unknown
    (0 or 0xFFFFFFFF, as a writer streaming to a pipe leaves it)."""
    with open(path, "rb") as f:
        layout = _wav_layout(f.read(_WAV_HEAD_BYTES))
    if layout is None or layout.data_bytes in (0, 0xFFFFFFFF) or layout.bytes_per_s == 0:
        return None
    return layout.data_bytes / layout.bytes_per_s


def _read_pcm16_mono_16k(path: Path, max_seconds: float | None) -> Decoded | None:
    """Samples / 32768 of a 16 kHz mono PCM-16 WAV (as ffmpeg decodes it), or None for any other file."""
    try:
        with wav_file.open(str(path), "rb") as f:
            if (f.getnchannels(), f.getsampwidth(), f.getframerate(), f.getcomptype()) != (1, 2, SAMPLE_RATE_HZ, "NONE"):
                return None
            n = f.getnframes()
            if n == 0:  # a size a streaming writer left at 0: ffmpeg reads such a file to its end
                return None
            if max_seconds is not None:
                n = min(n, int((max_seconds + 1.0) * SAMPLE_RATE_HZ))
            data = f.readframes(n)
    # Not a WAV, or one the stdlib cannot read (its chunk walk raises RuntimeError on a chunk size
    # past the end, e.g. garbage after a header): ffmpeg's turn, and its message.
    except (wav_file.Error, EOFError, RuntimeError):
        return None
    wave = np.frombuffer(data[: len(data) // 2 * 2], "<i2").astype(np.float32)
    wave /= np.float32(32768)
    return Decoded(wave)


def _decode_with_ffmpeg(path: Path, exe: str, max_seconds: float | None) -> Decoded:
    # Info level with each line's level named: the input's declared duration, and its errors apart.
    cmd = [exe, "-nostdin", "-hide_banner", "-nostats", "-loglevel", "level+info", "-i", str(path), "-vn", "-map", "0:a:0"]
    if max_seconds is not None:
        cmd += ["-t", f"{max_seconds + 1.0:.3f}"]
    # Every channel out, in a WAV header that says how many (a pipe has no other way to tell),
    # made mono here, where a pair that cancels can be caught.
    cmd += ["-ar", str(SAMPLE_RATE_HZ), "-acodec", "pcm_f32le", "-map_metadata", "-1", "-bitexact", "-f", "wav", "-"]
    proc = subprocess.run(cmd, capture_output=True)
    declared_s, errors = ffmpeg_report(proc.stderr.decode(errors="replace"))
    if proc.returncode != 0:
        if any("matches no streams" in line for line in errors):  # a video or image without a sound track
            raise PortraitTalkerError(f"{path}: has no audio stream; give a recording with sound")
        reason = errors[-1] if errors else f"ffmpeg exit code {proc.returncode}"
        raise PortraitTalkerError(f"{path}: not a readable audio file ({reason}); {_REDO}")
    channels, data = _split_piped_wav(proc.stdout)
    if channels == 0:
        raise PortraitTalkerError(f"{path}: ffmpeg decoded no audio; convert it to WAV and try again")
    samples = np.frombuffer(data[: len(data) // (4 * channels) * 4 * channels], dtype="<f4")
    return Decoded(downmix(samples.reshape(-1, channels)), declared_s, errors)


_LOG_LINE = re.compile(r"(?:\[[^\]]*\] )*\[(\w+)\] (.*)")  # "[in#0 @ 0x..] [error] message"
_DURATION = re.compile(r"\s*Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
_VIDEO_STREAM = re.compile(r"\s*Stream #0:\d+.*: Video: ")


def ffmpeg_report(stderr: str) -> tuple[float | None, tuple[str, ...]]:
    """(the duration the input declares in seconds, or None; the error messages) from ffmpeg's
    stderr at `-loglevel level+info`. A duration ffmpeg estimated from the file's size, or that of
    a container holding video (not cover art), says nothing of the audio's: None then."""
    declared_s, trusted, errors = None, True, []
    for line in stderr.splitlines():
        match = _LOG_LINE.match(line)
        if match is None:
            continue
        level, message = match.groups()
        if level in ("error", "fatal", "panic"):
            errors.append(message.strip())
        elif "Estimating duration from bitrate" in message:
            trusted = False
        elif _VIDEO_STREAM.match(message) and "(attached pic)" not in message:
            trusted = False
        elif declared_s is None and (duration := _DURATION.match(message)):
            hours, minutes, seconds = duration.groups()
            declared_s = 3600 * int(hours) + 60 * int(minutes) + float(seconds)
    return (declared_s if trusted else None), tuple(errors)


def _split_piped_wav(stream: bytes) -> tuple[int, bytes]:
    """(channel count, sample bytes) of the WAV ffmpeg writes to a pipe, whose sizes it cannot
    fill in; (0, b"") when `stream` holds no such WAV."""
    layout = _wav_layout(stream)
    return (0, b"") if layout is None else (layout.channels, stream[layout.data_offset :])


def downmix(channels: np.ndarray) -> np.ndarray:
    """[N, C] -> mono [N]: the channels' mean, or the loudest channel where the mean cancels."""
    mono = channels.mean(axis=1)
    energy = np.mean(np.square(channels, dtype=np.float64), axis=0)
    if channels.shape[1] > 1 and np.mean(np.square(mono, dtype=np.float64)) < _CANCELLED_SHARE * energy.max():
        return np.ascontiguousarray(channels[:, int(np.argmax(energy))])
    return mono


def _decode_with_soundfile(path: Path) -> Decoded:
    import librosa
    import soundfile as sf

    try:
        data, rate = sf.read(str(path), dtype="float32", always_2d=True)
    except Exception as err:
        raise PortraitTalkerError(f"{path}: not a readable audio file ({err})") from None
    mono = downmix(data)
    return Decoded(librosa.resample(mono, orig_sr=rate, target_sr=SAMPLE_RATE_HZ) if rate != SAMPLE_RATE_HZ else mono)


def gated_level_dbfs(wave: np.ndarray, sample_rate_hz: int = SAMPLE_RATE_HZ) -> float | None:
    """Gated RMS level of `wave` [N] in dBFS, or None when every block is below the gate."""
    block = max(1, int(_BLOCK_S * sample_rate_hz))
    n = len(wave) // block
    if n == 0:
        blocks_ms = np.array([np.mean(wave.astype(np.float64) ** 2)])
    else:
        blocks = wave[: n * block].reshape(n, block)
        step = max(1, BLOCK_SAMPLES // block)  # each block's mean on its own: the same numbers
        blocks_ms = np.concatenate([np.mean(blocks[i:i + step].astype(np.float64) ** 2, axis=1) for i in range(0, n, step)])
    db = 10 * np.log10(blocks_ms + 1e-20)
    keep = db > _ABSOLUTE_GATE_DBFS
    if not keep.any():
        return None
    ungated = 10 * np.log10(blocks_ms[keep].mean())
    keep &= db > ungated + _RELATIVE_GATE_DB
    return float(10 * np.log10(blocks_ms[keep].mean()))


def normalize_loudness(wave: np.ndarray, sample_rate_hz: int = SAMPLE_RATE_HZ) -> np.ndarray:
    """Scale `wave` [N] to TARGET_LEVEL_DBFS gated RMS, limiting peaks; silence is untouched."""
    return scaled_to_target(wave, gated_level_dbfs(wave, sample_rate_hz))


def scaled_to_target(wave: np.ndarray, level: float | None) -> np.ndarray:
    """`wave` [N] of gated level `level` (dBFS, None: silence) scaled to TARGET_LEVEL_DBFS, peaks limited."""
    if level is None:
        return wave.astype(np.float32)
    gain = 10 ** ((TARGET_LEVEL_DBFS - level) / 20)
    peak = max(float(np.max(wave)), -float(np.min(wave))) * gain  # |wave|'s peak without a copy of it
    if peak > PEAK_LIMIT:
        gain *= PEAK_LIMIT / peak
    return (wave * gain).astype(np.float32, copy=False)


def prepare_audio(in_path: str | os.PathLike, out_path: str | os.PathLike, max_seconds: float = 600) -> float:
    """Convert any readable recording to the project's `audio.wav` (16 kHz mono PCM-16).

    Returns the duration in seconds. Nothing is written when the input is unreadable, empty
    or longer than `max_seconds`.
    """
    import soundfile as sf

    wave, level = _speech_and_level(in_path, max_seconds)
    if level is None and np.any(wave):
        log.warning(
            "%s: nothing louder than %g dBFS (a very quiet recording or noise): the face will not speak; "
            "raise the recording's level", in_path, _ABSOLUTE_GATE_DBFS)
    with atomic_path(out_path) as tmp:
        sf.write(str(tmp), wave, SAMPLE_RATE_HZ, subtype="PCM_16", format="WAV")
    return len(wave) / SAMPLE_RATE_HZ


def load_speech(path: str | os.PathLike, max_seconds: float | None = None) -> np.ndarray:
    """Any readable recording -> offset-free, loudness-normalised 16 kHz mono float32 [N]: what
    `prepare_audio` writes, and what predict_flame reads from the same file. Longer than
    `max_seconds` (when given) raises a PortraitTalkerError naming the file."""
    return _speech_and_level(path, max_seconds)[0]


def _speech_and_level(path: str | os.PathLike, max_seconds: float | None) -> tuple[np.ndarray, float | None]:
    """`load_speech`'s waveform, and the gated level it was normalised from (None: below the gate,
    left as it was), so prepare_audio's quiet-input check does not measure it a second time."""
    wave = decode_audio(path, max_seconds=max_seconds)
    if max_seconds is not None and len(wave) / SAMPLE_RATE_HZ > max_seconds:
        raise PortraitTalkerError(
            f"{path}: audio is longer than the {max_seconds:g} s limit (speech.max_seconds); trim it or raise the limit"
        )
    # A constant offset (a cheap sound card's) is no sound, but it counts as loudness: it would
    # hold the speech ~20 dB under the target and open the jaw on a silent clip.
    offset = wave.mean(dtype=np.float64)
    for start in range(0, len(wave), BLOCK_SAMPLES):  # in place: no whole-clip float64 copy
        wave[start:start + BLOCK_SAMPLES] = wave[start:start + BLOCK_SAMPLES] - offset
    level = gated_level_dbfs(wave)
    return scaled_to_target(wave, level), level


def read_prepared(path: str | os.PathLike) -> np.ndarray:
    """Read a prepared 16 kHz mono WAV as float32 [N]; refuses other rates (run prepare_audio)."""
    import soundfile as sf

    path = Path(path)
    try:
        wave, rate = sf.read(str(path), dtype="float32", always_2d=True)
    except Exception as err:
        raise PortraitTalkerError(f"{path}: not a readable WAV ({err}); run prepare_audio first") from None
    if rate != SAMPLE_RATE_HZ:
        raise PortraitTalkerError(f"{path}: expected {SAMPLE_RATE_HZ} Hz audio, got {rate} Hz; run prepare_audio first")
    return wave.mean(axis=1)
