#!/usr/bin/env python
"""Issue 11 check: in every demo video the standard face landmarker finds the face in every
frame, and its mouth aperture follows the clip's jaw motion (goal r >= 0.9).

Reads results/videos/{avatar}/{clip}.mp4 and results/clips/{clip}/flame.npz for the pairs the
manifest renders (run `make run` first). Prints one line per video and a summary; exit code 1
when a video misses the goal and --strict is given.

    .venv/bin/python scripts/check_demo_faces.py [--manifest config/manifest.yaml] [--results results]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse

from portraittalker.cli import run_step


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--manifest", default="config/manifest.yaml")
    p.add_argument("--results", default="results")
    p.add_argument("--strict", action="store_true", help="exit 1 when any video misses the goal")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    from portraittalker.errors import PortraitTalkerError
    from portraittalker.manifest import load_manifest
    from portraittalker.metrics.jaw_follow import JAW_FOLLOW_GOAL_R, check_jaw_follow
    from portraittalker.metrics.landmarker import TOOL_NAME

    manifest = load_manifest(args.manifest)
    results = Path(args.results)
    print(f"landmarker: {TOOL_NAME}")
    print(f"{'video':<36} {'frames':>6} {'face':>6} {'detector':>8} {'r(mouth, jaw)':>13}  result")
    checks = []
    for avatar, clip in manifest.renders:
        video, flame = results / "videos" / avatar / f"{clip}.mp4", results / "clips" / clip / "flame.npz"
        if not video.is_file() or not flame.is_file():
            raise PortraitTalkerError(f"{video}: not rendered yet (run `make run` first)")
        c = check_jaw_follow(video, flame)
        checks.append(c)
        r = "n/a" if c.jaw_r is None else f"{c.jaw_r:.3f}"
        verdict = "ok" if c.passed else ("FACE LOST" if not c.face_in_every_frame else f"r < {JAW_FOLLOW_GOAL_R}")
        print(f"{avatar}/{clip:<{35 - len(avatar)}} {c.frames:>6} {c.face_frames:>6} {c.detector_frames:>8} {r:>13}  {verdict}")
    every = sum(c.face_in_every_frame for c in checks)
    good = sum(c.passed for c in checks)
    rs = [c.jaw_r for c in checks if c.jaw_r is not None]
    print(f"face in every frame: {every}/{len(checks)} videos; r >= {JAW_FOLLOW_GOAL_R}: {good}/{len(checks)}; "
          f"min r {min(rs):.3f}" if rs else "no correlations")
    if args.strict and good < len(checks):
        sys.exit(1)


if __name__ == "__main__":
    run_step(main)
