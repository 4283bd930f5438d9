import numpy as np
import pytest

from portraittalker.errors import PortraitTalkerError
from portraittalker.io import FlameSequence, atomic_path, load_flame, save_flame


def sequence(t=10, e=52):
    rng = np.random.default_rng(0)
    return FlameSequence(
        expression=rng.normal(size=(t, e)).astype(np.float32),
        jaw_pose=rng.normal(size=(t, 3)).astype(np.float32),
        neck_pose=np.zeros((t, 3), np.float32),
        global_pose=np.zeros((t, 3), np.float32),
        eye_pose=np.zeros((t, 6), np.float32),
        fps=25.0,
    )


def test_flame_roundtrip(tmp_path):
    seq = sequence()
    save_flame(seq, tmp_path / "f.npz")
    back = load_flame(tmp_path / "f.npz")
    np.testing.assert_allclose(back.expression, seq.expression)
    assert back.fps == 25.0 and back.num_frames == 10
    assert back.expression_basis == "arkit52" and back.expression_names[17] == "jawOpen"
    assert [p.name for p in tmp_path.iterdir()] == ["f.npz"]


def test_flame_shape_mismatch_is_refused(tmp_path):
    seq = sequence()
    bad = FlameSequence(**{**seq.__dict__, "jaw_pose": np.zeros((9, 3), np.float32)})
    with pytest.raises(PortraitTalkerError, match="jaw_pose"):
        save_flame(bad, tmp_path / "f.npz")
    assert not list(tmp_path.iterdir())


def test_only_arkit52_expressions_are_accepted(tmp_path):
    seq = sequence()
    with pytest.raises(PortraitTalkerError, match=r"\[T,52\]"):
        save_flame(FlameSequence(**{**seq.__dict__, "expression": np.zeros((10, 16), np.float32)}), tmp_path / "f.npz")
    with pytest.raises(PortraitTalkerError, match="flame2020"):
        save_flame(FlameSequence(**{**seq.__dict__, "expression_basis": "flame2020"}), tmp_path / "f.npz")
    assert not list(tmp_path.iterdir())


def test_atomic_path_leaves_nothing_on_failure(tmp_path):
    with pytest.raises(RuntimeError):
        with atomic_path(tmp_path / "out.bin") as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("killed")
    assert not list(tmp_path.iterdir())


def test_artifacts_get_the_mode_open_would_give_them(tmp_path):
    """Not the temporary file's private 0600: others may read the batch's results (umask allowing)."""
    import os
    import stat

    from portraittalker.io import atomic_dir

    with atomic_path(tmp_path / "video.mp4") as tmp:
        tmp.write_bytes(b"frames")
    plain = tmp_path / "plain"
    plain.write_bytes(b"")
    assert stat.S_IMODE(os.stat(tmp_path / "video.mp4").st_mode) == stat.S_IMODE(os.stat(plain).st_mode)
    with atomic_dir(tmp_path / "bundle") as tmp:
        (tmp / "a").write_bytes(b"")
    (tmp_path / "plain_dir").mkdir()
    assert stat.S_IMODE(os.stat(tmp_path / "bundle").st_mode) == stat.S_IMODE(os.stat(tmp_path / "plain_dir").st_mode)
