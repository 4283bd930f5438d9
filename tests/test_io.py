import numpy as np
import pytest

from portraittalker.errors import PortraitTalkerError
from portraittalker.io import FlameSequence, atomic_path, load_flame, save_flame


def sequence(t=10, e=16):
    rng = np.random.default_rng(0)
    return FlameSequence(
        expression=rng.normal(size=(t, e)).astype(np.float32),
        jaw_pose=rng.normal(size=(t, 3)).astype(np.float32),
        neck_pose=np.zeros((t, 3), np.float32),
        global_pose=np.zeros((t, 3), np.float32),
        eye_pose=np.zeros((t, 6), np.float32),
        fps=25.0,
        head_model="test-basis",
    )


def test_flame_roundtrip(tmp_path):
    seq = sequence()
    save_flame(seq, tmp_path / "f.npz")
    back = load_flame(tmp_path / "f.npz")
    np.testing.assert_allclose(back.expression, seq.expression)
    assert back.fps == 25.0 and back.head_model == "test-basis" and back.num_frames == 10
    assert [p.name for p in tmp_path.iterdir()] == ["f.npz"]


def test_flame_shape_mismatch_is_refused(tmp_path):
    seq = sequence()
    bad = FlameSequence(**{**seq.__dict__, "jaw_pose": np.zeros((9, 3), np.float32)})
    with pytest.raises(PortraitTalkerError, match="jaw_pose"):
        save_flame(bad, tmp_path / "f.npz")
    assert not list(tmp_path.iterdir())


def test_atomic_path_leaves_nothing_on_failure(tmp_path):
    with pytest.raises(RuntimeError):
        with atomic_path(tmp_path / "out.bin") as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("killed")
    assert not list(tmp_path.iterdir())
