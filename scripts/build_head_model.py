#!/usr/bin/env python
"""Build the bundled head model (models/head/bundled_head.npz + metadata.json), deterministically.

    python scripts/build_head_model.py            # full resolution, ~1-2 min on one core
    python scripts/build_head_model.py --draft    # coarse, for quick looks
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from portraittalker.cli import run_step  # noqa: E402
from portraittalker.head.bundled.build import BuildSettings, build_bundled_head  # noqa: E402
from portraittalker.head.head_npz import save_head_npz  # noqa: E402
from portraittalker.io import atomic_path  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "head" / "bundled_head.npz")
    parser.add_argument("--draft", action="store_true", help="coarse mesh (seconds), for iteration")
    args = parser.parse_args(argv)

    started = time.time()
    settings = BuildSettings.draft() if args.draft else BuildSettings()
    head = build_bundled_head(settings)
    save_head_npz(head, args.out)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    metadata = {
        "model_id": head.model_id,
        "built_by": "scripts/build_head_model.py" + (" --draft" if args.draft else ""),
        "vertices": head.num_vertices,
        "faces": int(len(head.faces)),
        "shape_components": head.metadata["shape_names"],
        "expression_components": list(head.expression_names),
        "joints": ["global", "neck", "jaw", "eye_left", "eye_right"],
        "regions": {name: int(head.region_mask(name).sum()) for name in head.region_names},
        "landmarks": sorted(head.landmarks),
        "parts": head.metadata["parts"],
        "file_bytes": args.out.stat().st_size,
        "sha256": digest,
    }
    with atomic_path(args.out.with_name("metadata.json")) as tmp:
        tmp.write_text(json.dumps(metadata, indent=2) + "\n")
    print(json.dumps({k: metadata[k] for k in ("vertices", "faces", "file_bytes")}),
          f"in {time.time() - started:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    run_step(main)
