#!/usr/bin/env python
"""Decode an avatar's appearance once on every face's barycentric lattice (baked_appearance.npz),
so each clip's render_frames reads it instead of decoding the tri-grid again."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import run_step  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--avatar", required=True, help="avatar.pt from create_avatar")
    p.add_argument("--out", required=True, help="baked_appearance.npz to write")
    p.add_argument("--head", default=None, help="head model the renders use: 'anny', 'bundled' or a FLAME .pkl/.npz (default: the avatar's own head)")
    p.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    import torch

    from portraittalker.appearance.avatar import avatar_head, load_avatar
    from portraittalker.render.baked import bake_appearance, save_baked, topology_key
    from portraittalker.render.renderer import canonical_mesh

    if args.threads:
        torch.set_num_threads(args.threads)
    avatar = load_avatar(args.avatar)
    verts, faces = canonical_mesh(avatar_head(avatar, args.head))
    baked = bake_appearance(avatar.appearance, verts, faces)
    save_baked(baked, args.out, topology_key(verts, faces))
    print(f"wrote {args.out}: {tuple(baked.values.shape)} lattice values (R={baked.resolution})")


if __name__ == "__main__":
    run_step(main)
