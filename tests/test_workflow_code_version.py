"""predict_flame's code version (workflow/rules/speech.smk) covers every module the step imports,
so a change to any of them re-runs the clips instead of leaving stale flame.npz files."""

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def speech_code() -> set[str]:
    text = (ROOT / "workflow" / "rules" / "speech.smk").read_text()
    block = re.search(r"^SPEECH_CODE = (.*?)^SPEECH_CODE_VERSION", text, re.S | re.M).group(1)
    tree = ast.parse(block, mode="eval")
    # the expression only builds string tuples; evaluate it without builtins
    return set(eval(compile(tree, "speech.smk", "eval"), {"__builtins__": {"tuple": tuple}}))  # noqa: S307


def test_predict_flame_code_version_covers_every_imported_module(tmp_path):
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['predict_flame.py', '--audio', {str(ROOT / 'data/clips/en_hello.wav')!r}, '--out', "
        f"{str(tmp_path / 'flame.npz')!r}, '--arkit-csv', {str(tmp_path / 'arkit.csv')!r}, '--max-seconds', '30']\n"
        "try:\n    runpy.run_path('steps/predict_flame.py', run_name='__main__')\nexcept SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('portraittalker') and m.__file__))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    files = {str(Path(line).resolve().relative_to(ROOT)) for line in out.splitlines() if line.endswith(".py")}
    assert "portraittalker/speech/predict.py" in files and (tmp_path / "flame.npz").is_file()
    covered = speech_code()
    top_level = {f for f in files if f.count("/") == 1}  # portraittalker/*.py: always in the version
    missing = sorted(files - covered - top_level)
    assert not missing, f"add to SPEECH_CODE in workflow/rules/speech.smk: {missing}"
    assert all((ROOT / f).is_file() for f in covered)
