"""Unpickle model files (FLAME .pkl) as data: only allowlisted classes are ever resolved.

A pickle can name any importable callable and call it while loading (`os.system` with a
shell command is the classic). FLAME files come from the web, so `SafeUnpickler` resolves
only what FLAME 2020 / 2023 pickles actually contain:

- numpy arrays, dtypes and scalars (`_reconstruct`, `ndarray`, `dtype`, `scalar`, `_frombuffer`);
- `copyreg._reconstructor` with `object` (how Python 2 pickles plain objects), `set`/`frozenset`;
- the scipy.sparse matrix classes (`J_regressor`), under their old or new module paths;
- any `chumpy.*` class, replaced by the inert `ChumpyStandIn` (chumpy itself never imports);
- `_codecs.encode` for latin-1 only (Python 3 writes bytes this way in protocol-2 pickles).

Anything else stops loading with a one-line error naming the file and the refused class,
before that class is imported or called.
"""

from __future__ import annotations

import _compat_pickle
import codecs
import pickle
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from ..errors import PortraitTalkerError

SPARSE_CLASSES = ("csc_matrix", "csr_matrix", "coo_matrix", "bsr_matrix", "dia_matrix", "dok_matrix",
                  "lil_matrix", "csc_array", "csr_array", "coo_array")


class ChumpyStandIn:
    """Takes the place of any chumpy class while unpickling; keeps the state it is given."""

    def __new__(cls, *args, **kwargs):
        return super().__new__(cls)

    def __init__(self, *args, **kwargs):
        self.args = args

    def __setstate__(self, state: Any) -> None:
        self.state = state


def _latin1_encode(text: str, encoding: str = "latin1") -> bytes:
    """`_codecs.encode` restricted to the one codec pickle uses for bytes."""
    if codecs.lookup(encoding).name != "iso8859-1":
        raise pickle.UnpicklingError(f"_codecs.encode with codec '{encoding}'")
    return codecs.encode(text, "latin1")


def _numpy_multiarray():
    try:  # numpy >= 2 keeps it in numpy._core; numpy.core is a deprecated alias there
        from numpy._core import multiarray
    except ImportError:  # pragma: no cover - numpy 1.x
        from numpy.core import multiarray
    return multiarray


def _numpy_frombuffer():
    try:
        from numpy._core.numeric import _frombuffer
    except ImportError:  # pragma: no cover - numpy 1.x
        from numpy.core.numeric import _frombuffer
    return _frombuffer


def _allowed(module: str, name: str) -> Any | None:
    """The object an allowlisted (module, name) stands for, else None."""
    if module == "chumpy" or module.startswith("chumpy."):
        return ChumpyStandIn
    if module in ("numpy.core.multiarray", "numpy._core.multiarray") and name in ("_reconstruct", "scalar"):
        return getattr(_numpy_multiarray(), name)
    if module in ("numpy.core.numeric", "numpy._core.numeric") and name == "_frombuffer":
        return _numpy_frombuffer()
    if module == "numpy" and name in ("ndarray", "dtype"):
        return getattr(np, name)
    if module == "numpy.dtypes" and name.endswith("DType") and hasattr(np.dtypes, name):
        return getattr(np.dtypes, name)
    if module == "copyreg" and name == "_reconstructor":
        import copyreg

        return copyreg._reconstructor
    if module == "builtins" and name in ("object", "set", "frozenset"):
        return {"object": object, "set": set, "frozenset": frozenset}[name]
    if module == "_codecs" and name == "encode":
        return _latin1_encode
    if module.startswith("scipy.sparse") and name in SPARSE_CLASSES:
        import scipy.sparse  # scipy on first use: render jobs never read a pickle (~0.3 s less start-up)

        return getattr(scipy.sparse, name)
    return None


class SafeUnpickler(pickle.Unpickler):
    """`pickle.Unpickler` whose `find_class` resolves only the allowlist above."""

    def __init__(self, file: BinaryIO, source: str):
        super().__init__(file, encoding="latin1")  # FLAME files are Python-2 pickles
        self.source = source

    def find_class(self, module: str, name: str) -> Any:
        # Python-2 names (copy_reg, __builtin__) -> Python 3, as the default find_class would.
        if (module, name) in _compat_pickle.NAME_MAPPING:
            module, name = _compat_pickle.NAME_MAPPING[(module, name)]
        module = _compat_pickle.IMPORT_MAPPING.get(module, module)
        found = _allowed(module, name)
        if found is None:
            raise RefusedClassError(f"{self.source}: refused to load class '{module}.{name}' "
                                    "(model files may hold arrays only; this file may be unsafe)")
        return found


class RefusedClassError(PortraitTalkerError):
    """A pickle named a class outside the allowlist."""


def safe_load_pickle(path: str | Path, what: str = "model pickle") -> Any:
    """Load a pickle file through `SafeUnpickler`; any failure is one `PortraitTalkerError` line."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            return SafeUnpickler(f, str(path)).load()
    except RefusedClassError:
        raise
    except Exception as err:  # pickle raises many types for a damaged or foreign file
        raise PortraitTalkerError(f"{path}: not a readable {what} ({type(err).__name__}: {err})") from err
