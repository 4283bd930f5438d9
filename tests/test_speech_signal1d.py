"""The numpy gaussian_filter1d / find_peaks a prediction job uses equal scipy's, bit for bit; arkit.csv's
numpy Euler angles equal scipy Rotation's to the last bit or two and print the same; and a predict_flame
process (arkit.csv included) imports no scipy."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy.ndimage import gaussian_filter1d as scipy_gaussian_filter1d
from scipy.signal import find_peaks as scipy_find_peaks
from scipy.spatial.transform import Rotation

from portraittalker.export.arkit_csv import _ROTATION_DECIMALS, _quat_compose, _quat_from_rotvec, yaw_pitch_roll

from portraittalker.speech.signal1d import find_peaks, gaussian_filter1d

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("mode", ["nearest", "wrap", "reflect", "mirror", "constant"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_gaussian_filter1d_equals_scipy(mode, dtype):
    rng = np.random.default_rng(7)
    for n in (1, 2, 5, 37, 400, 2301):
        for sigma in (1e-3, 0.3, 1.0, 1.2, 3.0, 7.5, 25.0):   # radius up to 100, beyond short signals
            x = (rng.standard_normal(n) * 10 - 30).astype(dtype)
            got, want = gaussian_filter1d(x, sigma, mode=mode), scipy_gaussian_filter1d(x, sigma, mode=mode)
            assert got.dtype == want.dtype
            np.testing.assert_array_equal(got, want, err_msg=f"n={n} sigma={sigma}")


def test_gaussian_filter1d_axis_equals_scipy():
    x = np.random.default_rng(3).random((331, 9)).astype(np.float32)
    for axis in (0, 1, -1):
        np.testing.assert_array_equal(gaussian_filter1d(x, 1.5, axis=axis, mode="nearest"),
                                      scipy_gaussian_filter1d(x, 1.5, axis=axis, mode="nearest"))


def test_find_peaks_equals_scipy():
    rng = np.random.default_rng(11)
    checked = 0
    for trial in range(120):
        n = int(rng.integers(0, 1500))
        x = scipy_gaussian_filter1d(rng.standard_normal(n) * 12 - 30, rng.uniform(0.2, 3.0), mode="nearest")
        if trial % 3 == 0:
            x = np.round(x / 2) * 2                   # plateaus and equal heights
        for prominence, distance in ((6.0, max(1, int(0.45 * 25))), (6.0, 1), (0.5, 3.7), (None, 5), (2.0, None)):
            kw = {k: v for k, v in (("prominence", prominence), ("distance", distance)) if v is not None}
            want = scipy_find_peaks(x, **kw)[0]
            np.testing.assert_array_equal(find_peaks(x, **kw), want, err_msg=f"trial {trial} {kw}")
            checked += len(want)
    assert checked > 1000


@pytest.mark.parametrize("scale", [1e-5, 1e-3, 0.05, 0.3, 1.0, 3.0])
def test_arkit_euler_equals_scipy_rotation(scale):
    rng = np.random.default_rng(5)
    a, b = rng.standard_normal((4000, 3)) * scale, rng.standard_normal((4000, 3)) * scale
    a[:3] = [[0, 0, 0], [np.pi / 2, 0, 0], [-np.pi / 2, 0, 0]]        # identity and both gimbal locks
    with pytest.warns(UserWarning, match="Gimbal lock"):
        want = Rotation.from_rotvec(a).as_euler("YXZ")
    np.testing.assert_array_equal(_quat_from_rotvec(a), Rotation.from_rotvec(a).as_quat())
    got = yaw_pitch_roll(a)
    head = _quat_compose(_quat_from_rotvec(a), _quat_from_rotvec(b))
    from portraittalker.export.arkit_csv import _euler_yxz
    got_head, want_head = _euler_yxz(head), (Rotation.from_rotvec(a) * Rotation.from_rotvec(b)).as_euler("YXZ")
    for g, w in ((got, want), (got_head, want_head)):
        np.testing.assert_allclose(g, w, rtol=0, atol=2e-15)
        assert [f"{v:.{_ROTATION_DECIMALS}f}" for v in (g / np.pi).ravel()] == \
            [f"{v:.{_ROTATION_DECIMALS}f}" for v in (w / np.pi).ravel()]


def test_predict_flame_imports_no_scipy():
    code = ("import sys; sys.argv = ['predict_flame', '--help']\n"
            "import runpy\n"
            "try:\n    runpy.run_path('steps/predict_flame.py', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "import portraittalker.speech.predict, portraittalker.io, portraittalker.export.arkit_csv\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
