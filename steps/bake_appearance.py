#!/usr/bin/env python
"""Decode an avatar's appearance once on every face's barycentric lattice (baked_appearance.npz),
so each clip's render_frames reads it instead of decoding the tri-grid again; with it, the faces
the avatar's clips can show from the render camera (--size, --framing) in any pose the speech
stage writes (render/visibility.py): render_frames draws only those; and, where EGL is present,
the clip rig (render/clip_rig.py): render_frames then renders each clip without torch."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import positive_int, run_step  # noqa: E402
from portraittalker.config import FRAMINGS  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--avatar", required=True, help="avatar.pt from create_avatar")
    p.add_argument("--out", required=True, help="baked_appearance.npz to write")
    p.add_argument("--head", default=None, help="head model the renders use: 'anny', 'bundled' or a FLAME .pkl/.npz (default: the avatar's own head)")
    p.add_argument("--threads", type=positive_int, default=None, help="torch CPU threads (default: torch's choice)")
    p.add_argument("--size", type=positive_int, default=512, help="image side of the renders the visible faces are found for (default 512)")
    p.add_argument("--framing", choices=FRAMINGS, default="upper_body", help="framing of those renders")
    p.add_argument("--visibility", choices=("on", "off"), default="on",
                   help="on: also find the faces the clips can show (needs EGL; skipped with a note without it)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    import torch

    from portraittalker.appearance.avatar import avatar_head, load_avatar
    from portraittalker.avatar_file import avatar_fingerprint
    from portraittalker.head import FlameLayer
    from portraittalker.render.baked import bake_appearance, save_baked, topology_key
    from portraittalker.render.clip_rig import clip_rig_for
    from portraittalker.render.renderer import canonical_mesh

    if args.threads:
        os.environ.setdefault("LP_NUM_THREADS", str(args.threads))  # llvmpipe reads it when the context is made
        torch.set_num_threads(args.threads)
    avatar = load_avatar(args.avatar)
    head = avatar_head(avatar, args.head)
    verts, faces = canonical_mesh(head)
    baked = bake_appearance(avatar.appearance_on(head), verts, faces)
    renderer, layer, note, rig = egl_renderer(head, args.size, args.framing), FlameLayer(head), "", None
    if renderer is not None:
        if args.visibility == "on":
            baked, note = with_visibility(baked, renderer, layer)
        # What the clips' renders need besides the lattice: they then run without torch
        # (render/playback.py). Made for this head; a render with another --head takes the torch path.
        rig = clip_rig_for(renderer, layer, args.framing, avatar.scene.to_dict(), avatar_fingerprint(args.avatar))
        note += "; with the clip rig" if rig is not None else ""
    save_baked(baked, args.out, topology_key(verts, faces), rig)
    r = baked.resolution
    print(f"wrote {args.out}: {len(baked.values)} lattice values on {len(r)} faces (R {r.min()}-{r.max()}){note}")


def egl_renderer(head, size: int, framing: str):
    """A HeadRenderer on EGL at `size` and `framing`, or None with a note where no EGL context can be made."""
    from portraittalker.errors import PortraitTalkerError
    from portraittalker.render import HeadRenderer

    try:
        return HeadRenderer(head, size=size, backend="egl", framing=framing)
    except PortraitTalkerError as err:
        print(f"note: no visible-face set or clip rig (render_frames draws every face, with torch): {err}",
              file=sys.stderr)
        return None


def with_visibility(baked, renderer, layer):
    """(baked with the faces the clips can show from `renderer`'s camera, a note for the log)."""
    import dataclasses
    import time

    from portraittalker.render.visibility import visible_faces

    start = time.perf_counter()
    vis = visible_faces(renderer, layer)
    return dataclasses.replace(baked, visibility=vis), (
        f"; {len(vis.faces)} of {len(renderer.faces)} faces visible at {renderer.size} px over {vis.poses} poses, "
        f"{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    run_step(main)
