#!/usr/bin/env python
"""Bake an avatar's appearance into the base-colour texture its GLBs carry (PNG, triangle atlas)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import positive_int, run_step  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--avatar", required=True, help="avatar.pt from create_avatar")
    p.add_argument("--out", required=True, help="PNG to write (results/exports/{avatar}/base_colour.png)")
    p.add_argument("--size", type=positive_int, default=2048, help="texture side in pixels (default 2048)")
    p.add_argument("--head", default=None, help="head model: 'anny', 'bundled' or a FLAME .pkl/.npz (default: the avatar's own head)")
    p.add_argument("--threads", type=positive_int, default=None, help="torch CPU threads (default: torch's choice)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    import torch
    from tqdm import tqdm

    from portraittalker.appearance.avatar import avatar_head, load_avatar
    from portraittalker.export.glb import bake_texture, save_texture

    if args.threads:
        torch.set_num_threads(args.threads)
    avatar = load_avatar(args.avatar)
    head = avatar_head(avatar, args.head)
    texture = bake_texture(head, avatar.appearance_on(head), args.size,
                           progress=lambda chunks: tqdm(chunks, desc="bake texture", unit="chunk"))
    save_texture(texture, args.out)
    print(f"wrote {args.out} ({args.size} px)")


if __name__ == "__main__":
    run_step(main)
