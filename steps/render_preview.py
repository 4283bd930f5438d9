#!/usr/bin/env python
"""Render an avatar's neutral front preview (PNG) and, optionally, a turntable (silent MP4)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import positive_float, positive_int, run_step  # noqa: E402
from portraittalker.config import FRAMINGS  # noqa: E402  (torch-free, so --help stays fast)
from portraittalker.config import RENDER_BACKENDS as BACKENDS  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--avatar", required=True, help="avatar.pt from create_avatar")
    p.add_argument("--out-image", required=True, help="preview PNG to write")
    p.add_argument("--out-turntable", default=None, help="turntable MP4 to write (skipped when absent)")
    p.add_argument("--size", type=positive_int, default=512)
    p.add_argument("--frames", type=positive_int, default=48, help="turntable frames (one full turn)")
    p.add_argument("--fps", type=positive_float, default=24.0, help="turntable frame rate")
    p.add_argument("--backend", choices=BACKENDS, default="auto")
    p.add_argument("--head", default=None, help="head model: 'anny', 'bundled' or a FLAME .pkl/.npz (default: the avatar's own head)")
    p.add_argument("--framing", choices=FRAMINGS, default="upper_body")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    from portraittalker.appearance.avatar import avatar_head, load_avatar
    from portraittalker.head import FlameLayer
    from portraittalker.render import HeadRenderer
    from portraittalker.render.preview import neutral_verts, render_preview_image, render_turntable

    avatar = load_avatar(args.avatar)
    head = avatar_head(avatar, args.head)
    renderer = HeadRenderer(head, size=args.size, backend=args.backend, framing=args.framing)
    verts = neutral_verts(FlameLayer(head), expression=avatar.scene.expression)  # the mood the prompt names
    # one decode for the picture and all turntable frames, each lattice point on its own face's layer
    baked = renderer.bake(avatar.appearance_on(head))
    render_preview_image(renderer, verts, baked, avatar.scene, args.out_image)
    if args.out_turntable:
        render_turntable(renderer, verts, baked, avatar.scene, args.out_turntable, args.frames, args.fps)


if __name__ == "__main__":
    run_step(main)
