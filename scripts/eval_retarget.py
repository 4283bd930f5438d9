#!/usr/bin/env python
"""How well ARKit-52 retargets onto a FLAME-layout head: the test fixture of
tests/flame_fixture.py (a shrink-wrapped, re-shaped, re-framed copy of the source head whose
expression basis mixes the true deformations with 76+ unrelated ones) is registered and solved,
and each action's fitted deformation is compared with the true one.

    python scripts/eval_retarget.py [--source bundled]

Prints one JSON object: per-action relative error |E m_a - d_a| / |d_a|, its median and max,
landmark distances (mm) and region agreement, and the solve time.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import numpy as np  # noqa: E402
from flame_fixture import build_flame_fixture  # noqa: E402

from portraittalker.arkit import arkit_index  # noqa: E402
from portraittalker.head import load_head_model  # noqa: E402
from portraittalker.head.retarget import arkit_source_from_head, solve_arkit_retargeting  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="bundled", help="ARKit source head (default: bundled)")
    args = parser.parse_args()
    source = arkit_source_from_head(load_head_model(args.source))
    fixture = build_flame_fixture(source)
    with tempfile.TemporaryDirectory() as tmp:
        head = load_head_model(fixture.write_pickle(Path(tmp) / "generic_model.pkl"))
    t0 = time.perf_counter()
    fit = solve_arkit_retargeting(head, source)
    seconds = time.perf_counter() - t0
    errors = {}
    for name in fixture.active:
        a = arkit_index(name)
        truth = fixture.true_deltas[a]
        errors[name] = round(float(np.linalg.norm(head.exprdirs @ fit.matrix[a] - truth) / np.linalg.norm(truth)), 4)
    landmark_mm = {n: round(1000 * float(np.linalg.norm(head.v_template[i] - fixture.true_landmarks[n])), 2)
                   for n, i in fit.landmarks.items()}
    print(json.dumps({
        "source": args.source,
        "fixture_vertices": head.num_vertices,
        "actions": len(errors),
        "relative_error_median": round(float(np.median(list(errors.values()))), 4),
        "relative_error_max": round(float(max(errors.values())), 4),
        "landmark_mm_median": round(float(np.median(list(landmark_mm.values()))), 2),
        "landmark_mm_max": round(float(max(landmark_mm.values())), 2),
        "region_agreement": round(float((fit.regions == fixture.true_regions).mean()), 4),
        "solve_seconds": round(seconds, 1),
        "relative_error": errors,
        "landmark_mm": landmark_mm,
    }, indent=1))


if __name__ == "__main__":
    main()
