import random
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# Under pytest-xdist's `--dist loadfile` (make test) each file runs whole on one worker, and files
# are handed out in collection order. The SLURM and Snakemake files take minutes, much of it waiting
# on other processes: collected in name order they started late and left the other worker idle at
# the end. The longest files go first (longest processing time first), the rest keep their order.
LONG_FILES = ("test_scaleout.py", "test_workflow.py", "test_head_parts.py", "test_head_retarget.py", "test_avatar.py")


def pytest_collection_modifyitems(config, items):
    rank = {name: i for i, name in enumerate(LONG_FILES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(LONG_FILES)))   # stable: file order kept otherwise


@pytest.fixture(autouse=True)
def _seed_everything():
    """Every test starts from the same random state."""
    random.seed(0)
    np.random.seed(0)
    try:
        import torch

        torch.manual_seed(0)
    except ImportError:  # pragma: no cover - torch is a hard dependency
        pass
    yield


@pytest.fixture
def project_root() -> Path:
    return ROOT
