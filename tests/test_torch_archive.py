"""torch_archive reads weights-only torch.save files as torch.load(weights_only=True) does, without
torch, and refuses anything a weights-only file never holds."""

import pickle
import zipfile
from collections import OrderedDict
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import torch

from portraittalker.errors import PortraitTalkerError
from portraittalker.speech.model import Audio2Flame, ModelConfig
from portraittalker.torch_archive import Storage, load_torch_archive, rebuild_tensor

ROOT = Path(__file__).resolve().parent.parent


def assert_same(ours, theirs, where="root"):
    """Same structure; every tensor an equal numpy array of the same dtype (bfloat16 as float32)."""
    if isinstance(theirs, torch.Tensor):
        expected = theirs.float().numpy() if theirs.dtype == torch.bfloat16 else theirs.numpy()
        assert isinstance(ours, np.ndarray), where
        assert ours.dtype == expected.dtype and ours.shape == expected.shape, where
        assert ours.flags.c_contiguous and ours.flags.writeable, where
        np.testing.assert_array_equal(ours, expected, err_msg=where)
    elif isinstance(theirs, dict):
        assert type(ours) is type(theirs) and list(ours) == list(theirs), where
        for k in theirs:
            assert_same(ours[k], theirs[k], f"{where}/{k}")
    elif isinstance(theirs, (list, tuple)):
        assert type(ours) is type(theirs) and len(ours) == len(theirs), where
        for i, (a, b) in enumerate(zip(ours, theirs)):
            assert_same(a, b, f"{where}[{i}]")
    else:
        assert type(ours) is type(theirs) and ours == theirs, where


def test_shipped_checkpoint_reads_as_torch_loads_it():
    path = ROOT / "models/audio2flame/model.pt"
    ours = load_torch_archive(path)
    assert_same(ours, torch.load(path, map_location="cpu", weights_only=True))
    assert ours["state_dict"]["front.0.weight"].dtype == np.float16


def test_a_checkpoint_written_here_reads_as_torch_loads_it(tmp_path: Path):
    torch.manual_seed(1)
    model = Audio2Flame(ModelConfig(feature_dim=12, d_model=16, num_layers=1, num_heads=2, ff_dim=24, num_phone_classes=3))
    base = torch.randn(6, 5, dtype=torch.float64)
    payload = {
        "state_dict": model.state_dict(),                      # an OrderedDict with _metadata
        "half": {k: v.half() for k, v in model.state_dict().items()},
        "dtypes": [torch.arange(7), torch.arange(7, dtype=torch.int32), torch.tensor([True, False, True]),
                   torch.randn(3, 2).to(torch.bfloat16), torch.arange(-3, 3, dtype=torch.int8),
                   torch.arange(9, dtype=torch.uint8), torch.arange(4, dtype=torch.int16)],
        "views": (base.t(), base[2:, 1:4], base[::2, ::3], base[3]),  # strides, offsets, one shared storage
        "odd shapes": [torch.tensor(2.5), torch.zeros(0, 3), torch.ones(1, 1, 1)],
        "parameter": torch.nn.Parameter(torch.randn(2, 2)),
        "plain": {"name": "x", "n": 3, "ratio": 0.25, "none": None, "flag": True, "nested": [1, (2.0, "3")]},
        "ordered": OrderedDict(b=1, a=2),
    }
    path = tmp_path / "tiny.pt"
    torch.save(payload, path)
    expected = torch.load(path, map_location="cpu", weights_only=True)
    expected["parameter"] = expected["parameter"].detach()
    assert_same(load_torch_archive(path), expected)


def test_a_forbidden_global_is_refused_before_it_runs(tmp_path: Path):
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            import os

            return os.system, (f"touch {marker}",)

    torch.save({"weights": torch.zeros(2)}, tmp_path / "model.pt")  # a real archive, its pickle swapped
    with zipfile.ZipFile(tmp_path / "model.pt") as src, zipfile.ZipFile(tmp_path / "evil.pt", "w") as dst:
        for name in src.namelist():
            dst.writestr(name, pickle.dumps({"weights": Payload()}, protocol=2) if name.endswith("data.pkl") else src.read(name))
    with pytest.raises(PortraitTalkerError, match=r"evil\.pt: refused to load '(posix|os|nt)\.system'"):
        load_torch_archive(tmp_path / "evil.pt")
    assert not marker.exists()

    torch.save({"ratio": Fraction(1, 3)}, tmp_path / "fraction.pt")  # any class outside the allowlist
    with pytest.raises(PortraitTalkerError, match=r"fraction\.pt: refused to load 'fractions\.Fraction'"):
        load_torch_archive(tmp_path / "fraction.pt")


def test_damaged_and_foreign_files_are_one_error_naming_the_file(tmp_path: Path):
    (tmp_path / "text.pt").write_text("not a checkpoint")
    with pytest.raises(PortraitTalkerError, match=r"text\.pt: not a readable checkpoint \(not a torch.save zip"):
        load_torch_archive(tmp_path / "text.pt")
    torch.save({"w": torch.zeros(4)}, tmp_path / "ok.pt")
    with zipfile.ZipFile(tmp_path / "ok.pt") as src, zipfile.ZipFile(tmp_path / "cut.pt", "w") as dst:
        for name in src.namelist():
            dst.writestr(name, src.read(name)[:8] if "/data/" in name else src.read(name))  # a truncated storage
    with pytest.raises(PortraitTalkerError, match=r"cut\.pt: not a readable checkpoint .*storage 0 holds 8 bytes"):
        load_torch_archive(tmp_path / "cut.pt")


def test_a_view_past_its_storage_is_refused():
    storage = Storage(np.arange(6, dtype=np.float32), "FloatStorage")
    np.testing.assert_array_equal(rebuild_tensor(storage, 1, (2, 2), (3, 1)), [[1, 2], [4, 5]])
    for offset, size, stride in [(0, (7,), (1,)), (3, (2, 2), (2, 1)), (0, (2,), (6,))]:
        with pytest.raises(pickle.UnpicklingError, match="reaches element"):
            rebuild_tensor(storage, offset, size, stride)
    with pytest.raises(pickle.UnpicklingError, match="malformed tensor"):
        rebuild_tensor(storage, 0, (2,), (-1,))
