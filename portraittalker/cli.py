"""Shared plumbing for the step scripts in `steps/`: logging and one-line errors."""

from __future__ import annotations

import gc
import logging
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
    # The interpreter's last garbage collection would walk every object the imports made
    # (0.25-0.3 s after `import torch`); they die with the process, so leave them out of it.
    gc.freeze()
