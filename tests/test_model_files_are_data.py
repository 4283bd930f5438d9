"""Model files are data, never code: a static check over the package, steps and scripts that
every checkpoint is read with `torch.load(weights_only=True)`, numpy never unpickles, and the
only unpicklers are the allowlist ones: portraittalker/head/safe_pickle.py (FLAME pickles) and
portraittalker/torch_archive.py (torch.save files read without torch)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [p for d in ("portraittalker", "steps", "scripts") for p in sorted((ROOT / d).rglob("*.py"))]
ALLOWLIST_UNPICKLERS = (ROOT / "portraittalker" / "head" / "safe_pickle.py", ROOT / "portraittalker" / "torch_archive.py")


def calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node, ast.unparse(node.func)


def keyword(node: ast.Call, name: str):
    for kw in node.keywords:
        if kw.arg == name:
            return ast.literal_eval(kw.value) if isinstance(kw.value, ast.Constant) else "dynamic"
    return None


def test_every_model_file_is_read_as_data():
    assert len(SOURCES) > 50
    problems = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(), filename=str(path))
        where = path.relative_to(ROOT)
        for node, name in calls(tree):
            if name == "torch.load" and keyword(node, "weights_only") is not True:
                problems.append(f"{where}:{node.lineno}: torch.load without weights_only=True")
            if name in ("np.load", "numpy.load") and keyword(node, "allow_pickle") not in (None, False):
                problems.append(f"{where}:{node.lineno}: np.load with allow_pickle")
            if name in ("pickle.load", "pickle.loads", "pickle.Unpickler", "dill.load", "joblib.load") \
                    and path not in ALLOWLIST_UNPICKLERS:
                problems.append(f"{where}:{node.lineno}: {name} outside the allowlist unpickler")
        for node in ast.walk(tree):  # a subclass of pickle.Unpickler elsewhere would be a second door
            if isinstance(node, ast.ClassDef) and path not in ALLOWLIST_UNPICKLERS:
                if any("Unpickler" in ast.unparse(base) for base in node.bases):
                    problems.append(f"{where}:{node.lineno}: Unpickler subclass outside the allowlist modules")
    assert not problems, "\n".join(problems)
