"""Shared plumbing for the step scripts in `steps/`: logging and one-line errors."""

from __future__ import annotations

import argparse
import gc
import logging
import math
import sys
from typing import Callable

from .errors import PortraitTalkerError


def run_step(main: Callable[[list[str] | None], None], argv: list[str] | None = None) -> None:
    """Run a step's `main`, turning project errors into one stderr line and exit code 1. A
    script's last call: its process ends after it."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        main(argv)
    except PortraitTalkerError as err:
        print(f"error: {err}", file=sys.stderr)
        sys.exit(1)
    except OSError as err:  # an output path that is a folder, a folder we may not write, a full disk
        logging.getLogger(__name__).debug("OS error", exc_info=True)
        name = err.filename2 or err.filename  # a rename's target, else the one path
        where = f"{name}: " if name else ""
        print(f"error: {where}{err.strerror or err}; check the path and its permissions", file=sys.stderr)
        sys.exit(1)
    # The interpreter's last garbage collection would walk every object the imports made
    # (0.25-0.3 s after `import torch`); they die with the process, so leave them out of it.
    gc.freeze()


def positive_float(text: str) -> float:
    """argparse type: a finite number above zero (a frame rate, a duration)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"{text!r} must be a finite number above 0")
    return value


def positive_int(text: str) -> int:
    """argparse type: a whole number above zero (a size in pixels, a count, threads)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be above 0")
    return value
