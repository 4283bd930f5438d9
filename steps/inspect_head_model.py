#!/usr/bin/env python
"""Load a head model (FLAME .pkl, project .npz, or "bundled") and print its counts as one JSON object.

    python steps/inspect_head_model.py path/to/generic_model.pkl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import run_step  # noqa: E402
from portraittalker.head import load_head_model  # noqa: E402


def summary(spec: str) -> dict:
    head = load_head_model(spec)
    return {
        "model_id": head.model_id,
        "vertices": head.num_vertices,
        "faces": int(head.faces.shape[0]),
        "shape": head.num_shape,
        "expression": head.num_expression,
        "joints": head.num_joints,
        "pose_correctives": int(head.posedirs.shape[0]),
        "regions": None if head.regions is None else {n: int(head.region_mask(n).sum()) for n in head.region_names},
        "landmarks": len(head.landmarks),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help='head model: "bundled", a FLAME 2020/2023 .pkl, or a project .npz')
    args = parser.parse_args(argv)
    print(json.dumps(summary(args.path)))


if __name__ == "__main__":
    run_step(main)
