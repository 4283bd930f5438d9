"""Loading head models: a synthetic FLAME-2020-layout pickle (chumpy-style, no chumpy needed),
FLAME-2023-style plain arrays, the project .npz, and files that must fail clearly."""

from __future__ import annotations

import contextlib
import json
import pickle
import subprocess
import sys
import types

import numpy as np
import pytest
import scipy.sparse
import torch

from portraittalker.errors import PortraitTalkerError
from portraittalker.head import FlameLayer, load_head_model
from portraittalker.head.head_npz import save_head_npz

V, F, K, P = 5023, 9976, 400, 36


class FakeCh:
    """Pickles like a chumpy `Ch`: a plain object whose __dict__ carries the array as `x`."""

    def __init__(self, x):
        self.x = x
        self._dirty_vars = set()


@contextlib.contextmanager
def fake_chumpy_modules():
    """Register fake `chumpy.*` modules only while pickling, so the file names chumpy classes."""
    ch_mod = types.ModuleType("chumpy.ch")
    FakeCh.__module__, FakeCh.__qualname__ = "chumpy.ch", "Ch"
    ch_mod.Ch = FakeCh
    fakes = {"chumpy": types.ModuleType("chumpy"), "chumpy.ch": ch_mod}
    assert not set(fakes) & set(sys.modules), "a real chumpy is imported; this test needs it absent"
    sys.modules.update(fakes)
    try:
        yield
    finally:
        for name in fakes:
            del sys.modules[name]


def flame_arrays(rng: np.random.Generator) -> dict:
    """FLAME-2020-sized random arrays with FLAME's tree and a jaw that owns the lower half."""
    v_template = rng.normal(scale=0.05, size=(V, 3))
    weights = np.zeros((V, 5))
    lower = v_template[:, 1] < 0
    weights[lower, 2] = 1.0
    weights[~lower, 1] = 1.0
    regressor = np.zeros((5, V))
    for j in range(5):
        idx = rng.choice(V, 8, replace=False)
        regressor[j, idx] = 1.0 / 8
    return {
        "v_template": v_template,
        "f": rng.integers(0, V, size=(F, 3)).astype(np.uint32),
        "shapedirs": rng.normal(scale=1e-3, size=(V, 3, K)),
        "posedirs": rng.normal(scale=1e-4, size=(V, 3, P)),
        "J_regressor": scipy.sparse.csc_matrix(regressor),
        "kintree_table": np.array([[4294967295, 0, 1, 1, 1], [0, 1, 2, 3, 4]], dtype=np.int64),
        "weights": weights,
        "bs_style": "lbs",
        "bs_type": "lrotmin",
    }


def write_flame_pickle(path, arrays: dict, chumpy_keys=("shapedirs",)) -> None:
    data = dict(arrays)
    for key in chumpy_keys:
        data[key] = FakeCh(data[key])
    with fake_chumpy_modules(), open(path, "wb") as f:
        pickle.dump(data, f, protocol=2)  # FLAME files are Python-2 pickles


@pytest.fixture(scope="module")
def arrays():
    return flame_arrays(np.random.default_rng(0))


@pytest.fixture
def flame_pickle(tmp_path, arrays):
    path = tmp_path / "generic_model.pkl"
    write_flame_pickle(path, arrays, chumpy_keys=("shapedirs", "v_template"))
    return path, arrays


def test_flame_2020_pickle_loads_without_chumpy_and_skins(flame_pickle):
    path, arrays = flame_pickle
    assert "chumpy" not in sys.modules
    with pytest.raises(ImportError):
        __import__("chumpy")
    head = load_head_model(path)
    assert head.model_id == "flame2020"
    assert (head.num_vertices, len(head.faces), head.num_shape, head.num_expression) == (V, F, 300, 100)
    assert head.posedirs.shape == (P, V * 3)
    np.testing.assert_allclose(head.exprdirs[:, :, 5], arrays["shapedirs"][:, :, 305], rtol=1e-6)
    assert head.regions is None and head.landmarks == {}

    layer = FlameLayer(head)
    zeros = torch.zeros(2, 3)
    shape = torch.zeros(2, 300)
    shape[1, 0] = 2.0
    expression = torch.zeros(2, 50)  # fewer than 100: the rest are zero, as in FLAME's layer
    expression[1, 3] = -1.0
    with torch.no_grad():
        verts = layer(expression, zeros, zeros, zeros, torch.zeros(2, 6), shape).numpy()
    np.testing.assert_allclose(verts[0], arrays["v_template"], atol=1e-6)
    expected = arrays["v_template"] + 2.0 * arrays["shapedirs"][:, :, 0] - arrays["shapedirs"][:, :, 303]
    np.testing.assert_allclose(verts[1], expected, atol=1e-6)

    # jaw rotation: pose correctives apply everywhere, the rigid part only to jaw-weighted vertices
    jaw = torch.tensor([[0.3, 0.0, 0.0]])
    with torch.no_grad():
        opened = layer(torch.zeros(1, 100), jaw, zeros[:1], zeros[:1], torch.zeros(1, 6))[0].numpy()
    upper = arrays["weights"][:, 1] == 1.0
    rot = np.array([[1, 0, 0], [0, np.cos(0.3), -np.sin(0.3)], [0, np.sin(0.3), np.cos(0.3)]])
    feature = np.zeros(P)
    feature[9:18] = (rot - np.eye(3)).ravel()
    posed = arrays["v_template"] + (arrays["posedirs"] @ feature)
    np.testing.assert_allclose(opened[upper], posed[upper], atol=1e-6)
    jaw_joint = arrays["J_regressor"].toarray()[2] @ arrays["v_template"]
    np.testing.assert_allclose(opened[~upper], (posed[~upper] - jaw_joint) @ rot.T + jaw_joint, atol=1e-6)


def test_flame_2023_style_plain_arrays_load(tmp_path, arrays):
    path = tmp_path / "flame2023.pkl"
    with open(path, "wb") as f:
        pickle.dump(arrays, f, protocol=4)
    head = load_head_model(path)
    assert head.model_id == "flame2023" and head.num_expression == 100


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.pop("weights"), "lacks key\\(s\\) weights"),
    (lambda d: d.update(shapedirs=np.zeros((V, 3, 10))), "'shapedirs' must have shape"),
    (lambda d: d.update(posedirs=np.zeros((V - 1, 3, P))), "'posedirs' must have shape"),
    (lambda d: d.update(weights=np.zeros((V, 4))), "'lbs_weights' must have shape"),
    (lambda d: d.update(kintree_table=np.array([[4294967295, 0, 0, 1, 1], [0, 1, 2, 3, 4]])), "kintree_table"),
])
def test_malformed_flame_pickles_name_the_key(tmp_path, arrays, mutate, message):
    arrays = dict(arrays)
    mutate(arrays)
    path = tmp_path / "generic_model.pkl"
    with open(path, "wb") as f:
        pickle.dump(arrays, f, protocol=2)
    with pytest.raises(PortraitTalkerError, match=message):
        load_head_model(path)


def test_unreadable_and_missing_files_fail_clearly(tmp_path):
    junk = tmp_path / "generic_model.pkl"
    junk.write_bytes(b"not a pickle at all")
    with pytest.raises(PortraitTalkerError, match="not a readable FLAME pickle"):
        load_head_model(junk)
    listing = tmp_path / "list.pkl"
    listing.write_bytes(pickle.dumps([1, 2, 3]))
    with pytest.raises(PortraitTalkerError, match="expected a FLAME model dictionary"):
        load_head_model(listing)
    with pytest.raises(PortraitTalkerError, match="not found"):
        load_head_model(tmp_path / "absent.pkl")
    other = tmp_path / "head.obj"
    other.write_text("v 0 0 0\n")
    with pytest.raises(PortraitTalkerError, match="unknown head-model format"):
        load_head_model(other)
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(PortraitTalkerError, match="not a readable head-model .npz"):
        load_head_model(broken)


def test_project_npz_round_trips_and_checks_keys(tmp_path):
    head = load_head_model("bundled")
    path = tmp_path / "head.npz"
    save_head_npz(head, path)
    again = load_head_model(path)
    for key in ("v_template", "faces", "shapedirs", "exprdirs", "posedirs", "J_regressor", "lbs_weights", "regions"):
        np.testing.assert_array_equal(getattr(again, key), getattr(head, key))
    assert again.landmarks == head.landmarks and again.expression_names == head.expression_names
    assert again.metadata["shape_names"] == head.metadata["shape_names"]

    data = dict(np.load(path))
    without = {k: v for k, v in data.items() if k != "J_regressor"}
    np.savez(tmp_path / "missing.npz", **without)
    with pytest.raises(PortraitTalkerError, match="lacks key\\(s\\) J_regressor"):
        load_head_model(tmp_path / "missing.npz")
    data["exprdirs"] = data["exprdirs"][:-1]
    np.savez(tmp_path / "misshaped.npz", **data)
    with pytest.raises(PortraitTalkerError, match="'exprdirs' must have shape"):
        load_head_model(tmp_path / "misshaped.npz")


def test_inspect_step_prints_counts(flame_pickle, project_root):
    path, _ = flame_pickle
    out = subprocess.run([sys.executable, "steps/inspect_head_model.py", str(path)], cwd=project_root,
                         capture_output=True, text=True, check=True)
    counts = json.loads(out.stdout)
    assert counts["vertices"] == V and counts["faces"] == F
    assert (counts["shape"], counts["expression"], counts["joints"]) == (300, 100, 5)
    bad = subprocess.run([sys.executable, "steps/inspect_head_model.py", str(path.with_name("nope.pkl"))],
                         cwd=project_root, capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stderr.strip().startswith("error:") and len(bad.stderr.strip().splitlines()) == 1


class _RunsShell:
    """Pickles as `os.system(command)`: loading it with plain `pickle` runs the command."""

    def __init__(self, command: str):
        self.command = command

    def __reduce__(self):
        import os

        return (os.system, (self.command,))


@pytest.mark.parametrize("protocol", [2, 4])
def test_malicious_flame_pickle_is_refused_and_its_code_never_runs(tmp_path, arrays, protocol):
    marker = tmp_path / "pwned"
    data = dict(arrays)
    data["v_template"] = _RunsShell(f"touch {marker}")
    path = tmp_path / "generic_model.pkl"
    with open(path, "wb") as f:
        pickle.dump(data, f, protocol=protocol)
    with pytest.raises(PortraitTalkerError) as err:
        load_head_model(path)
    message = str(err.value)
    assert str(path) in message and "refused" in message and len(message.splitlines()) == 1
    assert ("posix.system" in message) or ("os.system" in message) or ("nt.system" in message)
    assert not marker.exists()
    # The same file through plain pickle does run the command: the test's payload is real.
    with open(path, "rb") as f:
        pickle.load(f)
    assert marker.exists()


@pytest.mark.parametrize("module, name", [("builtins", "eval"), ("subprocess", "Popen"), ("numpy", "load"),
                                          ("scipy.sparse", "load_npz"), ("copyreg", "__newobj__x")])
def test_classes_outside_the_allowlist_are_refused(tmp_path, module, name):
    # GLOBAL opcode naming the class, then STOP: resolving it alone must already fail.
    path = tmp_path / "x.pkl"
    path.write_bytes(b"\x80\x02c" + f"{module}\n{name}\n".encode() + b".")
    with pytest.raises(PortraitTalkerError, match=f"refused to load class '{module}.{name}'"):
        load_head_model(path)


def test_python2_style_object_reconstruction_is_allowed(tmp_path, arrays):
    # Protocol 0/1 pickles rebuild plain objects through copy_reg._reconstructor(cls, object, None).
    data = dict(arrays)
    data["shapedirs"] = FakeCh(data["shapedirs"])
    with fake_chumpy_modules(), open(tmp_path / "old.pkl", "wb") as f:
        pickle.dump(data, f, protocol=1)
    raw = (tmp_path / "old.pkl").read_bytes()
    assert b"copy_reg\n_reconstructor" in raw
    head = load_head_model(tmp_path / "old.pkl")
    np.testing.assert_allclose(head.exprdirs[:, :, 0], arrays["shapedirs"][:, :, 300], rtol=1e-6)
