#!/usr/bin/env python
"""Frames per second of full portrait frames: rasterize + tri-grid decode + shading + AA.

    python scripts/bench_render.py                      # 512x512, EGL, anny head, 2 threads
    python scripts/bench_render.py --avatar results/avatars/A/avatar.pt --mode frames   # a real, dressed avatar
    python scripts/bench_render.py --prompt "a woman with long wavy hair in a hoodie" --mode frames   # made here
    python scripts/bench_render.py --mode exact --backend nvdiffrast --threads 16

Modes (all produce the same picture to within rounding, see tests/test_render.py):
  exact   the differentiable torch path: tri-grid decoded at every covered pixel, per frame
  baked   torch path, tri-grid decoded once per avatar on a per-face lattice
  frames  the output-frame path of steps/render_frames.py (all-GL on EGL, uint8 out)
Prints one line per repeat and a summary with the median, plus where the time goes. With
--avatar A.pt the head is that avatar's own (its body, hair, garments, as render_frames draws
it) and the appearance its decoder (--prompt: an avatar made first with steps/create_avatar.py,
not timed); without, the neutral anny body (else the procedural proxy)
and a fresh tri-grid decoder (default config). The head talks over the benchmark as a clip's
does, inside the speech stage's pose envelope (jaw opening and closing, neck and torso turning,
gaze shifts, a blink), so the raster changes every frame. Frames mode draws only the faces the
avatar's clips can show, found once as steps/bake_appearance.py does (render/visibility.py;
--visibility off: every face). The one-off bake and face search are reported apart.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from portraittalker.errors import PortraitTalkerError  # noqa: E402
from portraittalker.render import BACKENDS, HeadRenderer  # noqa: E402


class StageTimer:
    """Wraps callables and accumulates their wall time by stage name."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, name, fn):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            out = fn(*args, **kwargs)
            self.seconds[name] += time.perf_counter() - start
            return out
        return timed


def talking_posed(head):
    """pose_fn(frames) -> (verts [T,V,3], FlameSequence) of `head` (a HeadModel) talking:
    jaw, neck, torso and gaze inside `visibility.speech_envelope()`, a blink."""
    from portraittalker.arkit import arkit_index
    from portraittalker.head import FlameLayer
    from portraittalker.io import FlameSequence

    layer = FlameLayer(head)

    def pose(frames: int):
        t = np.linspace(0.0, 1.0, frames, dtype=np.float32)
        wave = lambda cycles, phase=0.0: np.sin(2 * np.pi * (cycles * t + phase)).astype(np.float32)  # noqa: E731
        expression = np.zeros((frames, 52), np.float32)
        expression[:, arkit_index("jawOpen")] = 0.8 * (0.5 - 0.5 * np.cos(4 * np.pi * t))
        expression[:, arkit_index("mouthSmileLeft")] = expression[:, arkit_index("mouthSmileRight")] = 0.3 + 0.3 * wave(1.0)
        blink = np.abs(t - 0.6) < 0.04
        expression[blink, arkit_index("eyeBlinkLeft")] = expression[blink, arkit_index("eyeBlinkRight")] = 1.0
        jaw = np.zeros((frames, 3), np.float32)
        jaw[:, 0] = 0.2 * (0.5 - 0.5 * np.cos(4 * np.pi * t))
        neck = np.stack([0.08 * wave(1.0), 0.15 * wave(1.5, 0.1), 0.04 * wave(2.0, 0.3)], 1)
        torso = np.stack([0.03 * wave(0.7, 0.2), 0.05 * wave(1.1), 0.01 * wave(0.5)], 1)
        gaze = np.stack([0.05 * wave(2.0, 0.4), 0.1 * wave(3.0), 0.0 * t], 1)
        seq = FlameSequence(expression, jaw, neck, torso, np.concatenate([gaze, gaze], 1), 25.0)
        with torch.no_grad():
            return layer.forward_sequence(seq), seq

    pose.layer = layer
    return pose


def load_geometry(spec: str | None, avatar=None):
    """(head, pose_fn, description): pose_fn(jaw [B]) -> verts [B,V,3]. No `spec` with an
    avatar: the avatar's own head, as steps/render_frames.py draws it."""
    if spec is None and avatar is not None:
        from portraittalker.appearance.avatar import avatar_head

        head = avatar_head(avatar)
        return head, talking_posed(head), f"the avatar's own head ({len(head.v_template)} verts, {len(head.faces)} faces)"
    spec = spec or "anny"
    if spec != "proxy":
        try:
            from portraittalker.head import load_head_model

            head = load_head_model(spec)
            return head, talking_posed(head), f"head model '{spec}' ({len(head.v_template)} verts, {len(head.faces)} faces)"
        except (PortraitTalkerError, ImportError) as err:
            print(f"note: {err}; using the procedural proxy head", file=sys.stderr)
    from portraittalker.render.proxy import proxy_head

    head = proxy_head(72, 144)
    rest = torch.from_numpy(head.v_template)
    return head, lambda frames: (rest[None].expand(frames, -1, -1), None), f"proxy head ({len(rest)} verts, {len(head.faces)} faces)"


def load_appearance(avatar, path: str | None):
    if avatar is not None:
        return avatar.appearance, avatar.scene, f"avatar {path}"
    from portraittalker.appearance.trigrid import TriGridConfig, TriGridField
    from portraittalker.scene import Scene

    field = TriGridField(TriGridConfig(), torch.Generator().manual_seed(0))
    return field, Scene(), "tri-grid field (default config, random init)"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--size", type=int, default=512)
    p.add_argument("--frames", type=int, default=48, help="frames per repeat")
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    p.add_argument("--backend", choices=BACKENDS, default="egl")
    p.add_argument("--head", default=None, help="'anny' (neutral), 'bundled', a head-model path, or 'proxy' "
                   "(default: --avatar's own head, else 'anny')")
    p.add_argument("--framing", default="upper_body")
    p.add_argument("--avatar", default=None, help="avatar.pt to decode (default: a fresh tri-grid field)")
    p.add_argument("--prompt", default=None, help="make the avatar first from this prompt (prompt prior, --seed), "
                   "into a temporary folder; the avatar's build is not timed")
    p.add_argument("--seed", type=int, default=0, help="seed of --prompt's avatar")
    p.add_argument("--mode", choices=("exact", "baked", "frames"), nargs="+", default=["frames", "exact"])
    p.add_argument("--visibility", choices=("on", "off"), default="on",
                   help="frames mode: draw only the faces the clips can show (on, as render_frames with a baked file) or every face")
    args = p.parse_args()

    if args.prompt and args.avatar:
        p.error("give --avatar or --prompt, not both")
    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        if args.prompt:
            args.avatar = make_avatar(args.prompt, args.seed, Path(tmp) / "avatar.pt")
        run(args)


def make_avatar(prompt: str, seed: int, out: Path) -> str:
    """steps/create_avatar.py as a user runs it (the prior), output to `out`."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(ROOT / "steps" / "create_avatar.py"), "--prompt", prompt,
                           "--seed", str(seed), "--out", str(out)], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"error: create_avatar failed: {proc.stderr.strip().splitlines()[-1:]}")
    print(f"made the avatar for {prompt!r} (seed {seed}) in {time.perf_counter() - start:.0f} s (not timed below)")
    return str(out)


def run(args: argparse.Namespace) -> None:
    avatar = None
    if args.avatar:
        from portraittalker.appearance.avatar import load_avatar

        avatar = load_avatar(args.avatar)
    head, pose, head_desc = load_geometry(args.head, avatar)
    appearance, scene, app_desc = load_appearance(avatar, args.avatar)
    renderer = HeadRenderer(head, size=args.size, backend=args.backend, framing=args.framing)
    device = renderer.device
    timer = StageTimer()
    renderer.rasterizer.rasterize = timer.wrap("rasterize", renderer.rasterizer.rasterize)
    renderer.rasterizer.coverage = timer.wrap("coverage", renderer.rasterizer.coverage)
    decode = timer.wrap("appearance decode", appearance)
    baked = None
    if {"baked", "frames"} & set(args.mode):
        start = time.perf_counter()
        baked = renderer.bake(appearance)
        print(f"baked the appearance once in {time.perf_counter() - start:.2f} s (lattice R {baked.resolution.min()}-{baked.resolution.max()})")
        if args.visibility == "on" and renderer.backend == "egl" and hasattr(pose, "layer"):
            import dataclasses

            from portraittalker.render.visibility import visible_faces

            start = time.perf_counter()
            vis = visible_faces(renderer, pose.layer)
            baked = dataclasses.replace(baked, visibility=vis)
            print(f"found the {len(vis.faces)} of {len(head.faces)} faces the clips can show once in "
                  f"{time.perf_counter() - start:.2f} s ({vis.poses} poses, {vis.rings} rings)")
    print(f"backend {renderer.backend} ({getattr(renderer.rasterizer, 'description', '')}); {head_desc}; {app_desc}")
    print(f"{args.size}x{args.size}, framing {args.framing}, batch {args.batch}, torch threads {args.threads}")

    all_verts, seq = pose(args.frames)
    vis = getattr(baked, "visibility", None)
    poses = []
    for s in range(0, args.frames, args.batch):
        frames = slice(s, min(s + args.batch, args.frames))
        inside = None if vis is None or seq is None else vis.envelope.contains(seq, frames)
        poses.append((all_verts[frames].to(device), inside))
    if vis is not None:
        inside = sum(int(p[1].sum()) for p in poses)
        print(f"{inside} of {args.frames} frames inside the pose envelope draw only the faces the clips can show")
    renderers = {
        "exact": lambda verts, inside: renderer.render(verts, decode, scene),
        "baked": lambda verts, inside: renderer.render(verts, baked, scene),
        "frames": lambda verts, inside: renderer.render_frames(verts, baked, scene, poses_inside=inside),
    }
    mask_share = float(renderer.render_layers(poses[0][0], baked or decode, scene).mask.float().mean())
    for mode in args.mode:
        run = renderers[mode]
        with torch.no_grad():
            run(*poses[0])  # warm-up: shader compile, buffer allocation
        fps, cpu_fps = [], []
        for repeat in range(args.repeats):
            timer.seconds.clear()
            start, cpu_start = time.perf_counter(), time.process_time()
            with torch.no_grad():
                for verts, inside in poses:
                    run(verts, inside)
            if device.type == "cuda":
                torch.cuda.synchronize()
            elapsed = time.perf_counter() - start
            cpu = time.process_time() - cpu_start  # all threads of this process, GL's included
            fps.append(args.frames / elapsed)
            cpu_fps.append(args.frames / cpu)
            stages = "".join(f", {k} {1e3 * v / args.frames:.1f}" for k, v in timer.seconds.items())
            print(f"[{mode}] repeat {repeat}: {fps[-1]:.1f} fps wall, {1e3 * cpu / args.frames:.0f} ms CPU/frame "
                  f"(wall ms/frame: total {1e3 * elapsed / args.frames:.1f}{stages})")
        print(f"[{mode}] median {statistics.median(fps):.1f} fps, best {max(fps):.1f} fps over {args.repeats} x "
              f"{args.frames} frames; {statistics.median(cpu_fps):.1f} frames per CPU-second")
    print(f"subject covers {100 * mask_share:.0f}% of the frame")
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1):
        print(f"warning: load average {load:.1f} on {os.cpu_count()} CPUs: other work shares the machine; "
              "wall-clock figures are pessimistic")


if __name__ == "__main__":
    main()
