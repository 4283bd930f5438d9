"""FLAME pickle -> the project's head-model .npz (steps/convert_head_model.py).

Converting once means run time never unpickles: the workflow turns `head.model: x.pkl` into
`results/head/x.npz` and every job loads that.
"""

from __future__ import annotations

from pathlib import Path

from .head_npz import save_head_npz
from .loading import load_head_model
from .model import HeadModel


def convert_head_model(source: str | Path, out: str | Path) -> HeadModel:
    """Load `source` (FLAME .pkl or project .npz), write it to `out` atomically, return it."""
    head = load_head_model(source)
    head.metadata = {**head.metadata, "converted_from": Path(source).name}
    save_head_npz(head, out)
    return head
