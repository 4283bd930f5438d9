#!/usr/bin/env python
"""Build the results catalog: index.html (a card per avatar), summary.csv and metrics.md."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse

from portraittalker.cli import run_step


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--results", default="results", help="results folder of the batch")
    p.add_argument("--manifest", default="config/manifest.yaml", help="manifest listing avatars, clips and renders")
    p.add_argument("--out", default="results/catalog", help="catalog folder to (re)write")
    p.add_argument("--root", default=None, help="folder the manifest's audio paths are relative to (default: cwd)")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    import logging

    from portraittalker.catalog.build import build_catalog
    from portraittalker.manifest import load_manifest

    manifest = load_manifest(args.manifest, root=Path(args.root) if args.root else None)
    files = build_catalog(Path(args.results), manifest, Path(args.out))
    logging.getLogger("build_catalog").info("wrote %s", ", ".join(str(f) for f in files))


if __name__ == "__main__":
    run_step(main)
