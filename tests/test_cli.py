"""The step scripts' shared plumbing: one-line errors and checked numeric arguments."""

import argparse

import pytest

from portraittalker.cli import positive_float, positive_int, run_step


def test_an_os_error_is_one_line_naming_the_path(tmp_path, capsys):
    def main(argv):
        (tmp_path / "no" / "such" / "folder" / "out.wav").write_bytes(b"")

    with pytest.raises(SystemExit) as info:
        run_step(main, [])
    assert info.value.code == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [f"error: {tmp_path}/no/such/folder/out.wav: No such file or directory; check the path and its permissions"]


@pytest.mark.parametrize("text", ["0", "-5", "nan", "inf", "fast"])
def test_positive_float_refuses_what_no_frame_rate_can_be(text):
    with pytest.raises(argparse.ArgumentTypeError, match=repr(text)):
        positive_float(text)


def test_positive_numbers_pass():
    assert positive_float("29.97") == 29.97 and positive_int("512") == 512
    for text in ("0", "-1", "2.5"):
        with pytest.raises(argparse.ArgumentTypeError):
            positive_int(text)
