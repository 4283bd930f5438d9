#!/usr/bin/env python
"""Export an avatar speaking one clip as a glTF 2.0 binary: skinned mesh, baked texture,
52 ARKit morph targets and the clip's animation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import positive_int, run_step  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--avatar", required=True, help="avatar.pt from create_avatar")
    p.add_argument("--flame", required=True, help="flame.npz from predict_flame")
    p.add_argument("--out", required=True, help="GLB to write (results/exports/{avatar}/{clip}.glb)")
    p.add_argument("--texture", default=None,
                   help="base-colour PNG from bake_texture.py (default: bake it now, --texture-size px)")
    p.add_argument("--texture-size", type=positive_int, default=2048, help="texture side when baking here (default 2048)")
    p.add_argument("--head", default=None, help="head model: 'anny', 'bundled' or a FLAME .pkl/.npz (default: the avatar's own head)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    from portraittalker.appearance.avatar import avatar_head, load_avatar
    from portraittalker.export.glb import bake_texture, encode_png, export_glb, load_texture
    from portraittalker.expression import with_resting_expression
    from portraittalker.io import load_flame

    avatar = load_avatar(args.avatar)
    seq = with_resting_expression(load_flame(args.flame), avatar.scene.expression)  # as the video shows it
    head = avatar_head(avatar, args.head)
    texture = load_texture(args.texture) if args.texture else encode_png(
        bake_texture(head, avatar.appearance_on(head), args.texture_size))
    extras = {"avatar": Path(args.avatar).parent.name, "clip": Path(args.flame).parent.name,
              "prompt": avatar.metadata.get("prompt"), "head_model": head.model_id}
    export_glb(head, texture, seq, args.out, extras=extras)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    run_step(main)
