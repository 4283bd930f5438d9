"""Read weights-only `torch.save` files without torch: every tensor comes back as a numpy array.

A `torch.save` file is a zip: `<name>/data.pkl` pickles the object (dicts, lists, numbers,
strings, and each tensor as `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)`
over a storage named by a persistent id), `<name>/data/<key>` holds each storage's raw bytes
and `<name>/byteorder` their byte order. Checkpoints are files users hand us, so, as in
`head/safe_pickle.py` for FLAME pickles, `ArchiveUnpickler.find_class` resolves only what
`torch.load(weights_only=True)` would need for such a file; anything else is refused before
it is imported or called. Loading this way costs no `import torch` (~1.4 s per process).
"""

from __future__ import annotations

import pickle
import zipfile
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .errors import PortraitTalkerError

# torch storage class -> element dtype, little-endian ("BFloat16" is widened to float32 on read).
STORAGE_DTYPES = {
    "HalfStorage": "<f2", "FloatStorage": "<f4", "DoubleStorage": "<f8", "BFloat16Storage": "<u2",
    "ComplexFloatStorage": "<c8", "ComplexDoubleStorage": "<c16",
    "ByteStorage": "u1", "CharStorage": "i1", "ShortStorage": "<i2", "IntStorage": "<i4", "LongStorage": "<i8",
    "BoolStorage": "?",
}


class RefusedGlobalError(PortraitTalkerError):
    """The archive's pickle named something outside the allowlist."""


@dataclass(frozen=True)
class StorageType:
    """Stands in for `torch.FloatStorage` & co.: only persistent ids may use it (it is not callable)."""

    name: str


@dataclass(frozen=True)
class Storage:
    """One storage's elements [numel] as read from `data/<key>`, and its torch type name."""

    values: np.ndarray
    type_name: str


def rebuild_tensor(storage: Storage, storage_offset: int, size: tuple, stride: tuple, requires_grad: bool = False,
                   backward_hooks: Any = None, metadata: Any = None) -> np.ndarray:
    """`torch._utils._rebuild_tensor_v2` as a numpy copy; a view reaching past its storage is refused
    (as_strided would otherwise read memory the file does not own)."""
    if not isinstance(storage, Storage):
        raise pickle.UnpicklingError("tensor without a storage")
    if not (_is_index(storage_offset) and isinstance(size, tuple) and isinstance(stride, tuple)
            and len(size) == len(stride) and all(map(_is_index, size + stride))):
        raise pickle.UnpicklingError(f"malformed tensor (offset {storage_offset!r}, size {size!r}, stride {stride!r})")
    values = storage.values
    if 0 in size:
        out = np.empty(size, values.dtype)
    else:
        last = storage_offset + sum((n - 1) * s for n, s in zip(size, stride))
        if last >= values.size:
            raise pickle.UnpicklingError(f"tensor of size {size} reaches element {last} of a {values.size}-element storage")
        view = np.lib.stride_tricks.as_strided(values[storage_offset:], shape=size,
                                               strides=[s * values.itemsize for s in stride], writeable=False)
        out = np.array(view, dtype=values.dtype.newbyteorder("="), order="C")
    if storage.type_name == "BFloat16Storage":  # bfloat16 is the top half of a float32
        out = (out.astype(np.uint32) << 16).view(np.float32)
    return out


def rebuild_parameter(data: np.ndarray, requires_grad: bool = False, backward_hooks: Any = None) -> np.ndarray:
    """`torch._utils._rebuild_parameter`: an nn.Parameter is its data here."""
    if not isinstance(data, np.ndarray):
        raise pickle.UnpicklingError("parameter without a tensor")
    return data


def _is_index(value: Any) -> bool:
    return type(value) is int and value >= 0


def _allowed(module: str, name: str) -> Any | None:
    """The object an allowlisted (module, name) stands for, else None."""
    if module == "torch._utils":
        return {"_rebuild_tensor_v2": rebuild_tensor, "_rebuild_parameter": rebuild_parameter}.get(name)
    if module == "torch" and name in STORAGE_DTYPES:
        return StorageType(name)
    if module == "collections" and name == "OrderedDict":
        return OrderedDict
    return None


class ArchiveUnpickler(pickle.Unpickler):
    """Unpickles `data.pkl` of a torch zip archive: allowlisted globals only, storages from the zip."""

    def __init__(self, archive: zipfile.ZipFile, prefix: str, source: str):
        super().__init__(_open_member(archive, f"{prefix}data.pkl"), encoding="utf-8")
        self.archive, self.prefix, self.source = archive, prefix, source
        self.byteorder = ">" if _read_text(archive, f"{prefix}byteorder", "little") == "big" else "<"
        self.storages: dict[str, Storage] = {}

    def find_class(self, module: str, name: str) -> Any:
        found = _allowed(module, name)
        if found is None:
            raise RefusedGlobalError(f"{self.source}: refused to load '{module}.{name}' "
                                     "(checkpoints may hold tensors and plain data only; this file may be unsafe)")
        return found

    def persistent_load(self, pid: Any) -> Storage:
        if not (isinstance(pid, tuple) and len(pid) == 5 and pid[0] == "storage" and isinstance(pid[1], StorageType)
                and isinstance(pid[2], str) and _is_index(pid[4])):
            raise pickle.UnpicklingError(f"unknown persistent id {pid!r:.80}")
        _, storage_type, key, _location, numel = pid
        if key not in self.storages:
            dtype = np.dtype(STORAGE_DTYPES[storage_type.name]).newbyteorder(self.byteorder)
            raw = _read_member(self.archive, f"{self.prefix}data/{key}")
            if len(raw) < numel * dtype.itemsize:
                raise pickle.UnpicklingError(f"storage {key} holds {len(raw)} bytes, {numel * dtype.itemsize} expected")
            self.storages[key] = Storage(np.frombuffer(raw, dtype, count=numel), storage_type.name)
        return self.storages[key]


def _open_member(archive: zipfile.ZipFile, name: str):
    try:
        return archive.open(name)
    except KeyError:
        raise pickle.UnpicklingError(f"archive has no {name}") from None


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    with _open_member(archive, name) as f:
        return f.read()


def _read_text(archive: zipfile.ZipFile, name: str, default: str) -> str:
    try:
        return archive.read(name).decode().strip()
    except KeyError:  # written before torch recorded it: little-endian
        return default


def load_torch_archive(path: str | Path, what: str = "checkpoint") -> Any:
    """The object a weights-only `torch.save` wrote to `path`, tensors as numpy arrays (native byte
    order, C-contiguous, bfloat16 as float32). Any failure is one `PortraitTalkerError` naming the file."""
    path = Path(path)
    try:
        if not zipfile.is_zipfile(path):
            raise PortraitTalkerError(f"{path}: not a readable {what} (not a torch.save zip archive; "
                                      "files from torch < 1.6 must be re-saved)")
        with zipfile.ZipFile(path) as archive:
            pickles = [n for n in archive.namelist() if n.endswith("data.pkl") and n.count("/") == 1]
            if len(pickles) != 1:
                raise PortraitTalkerError(f"{path}: not a readable {what} (no single <name>/data.pkl in the archive)")
            return ArchiveUnpickler(archive, pickles[0][: -len("data.pkl")], str(path)).load()
    except PortraitTalkerError:
        raise
    except Exception as err:  # pickle, zip and numpy raise many types for a damaged or foreign file
        raise PortraitTalkerError(f"{path}: not a readable {what} ({type(err).__name__}: {err})") from err
