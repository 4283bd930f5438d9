"""Configuration: closed schema (a misspelt key is an error naming it) and the one path resolver
shared by the workflow's rules and the step scripts (relative to the project root)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from portraittalker.config import (
    DEFAULT_CONFIG,
    PROJECT_ROOT,
    check_config,
    configured_head,
    configured_path,
    load_config,
)
from portraittalker.errors import PortraitTalkerError

ROOT = Path(__file__).resolve().parent.parent
SNAKEMAKE = [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile")]


def defaults() -> dict:
    return yaml.safe_load(DEFAULT_CONFIG.read_text())


@pytest.mark.parametrize("edit, message", [
    (lambda c: c["avatar"].update(sd_modle_path="x"), "config avatar: unknown key(s) sd_modle_path"),
    (lambda c: c.update(sd_model_path="x"), "config top level: unknown key(s) sd_model_path"),
    (lambda c: c["speech_training"].update(train_step=3), "config speech_training: unknown key(s) train_step"),
    (lambda c: c["evaluation"].update(syncnet="x"), "config evaluation: unknown key(s) syncnet"),
    (lambda c: c["render"].update(backend="cuda"), "config render.backend: 'cuda' is not one of"),
])
def test_unknown_or_invalid_keys_are_refused_naming_them(edit, message):
    raw = defaults()
    check_config(raw)  # the shipped defaults pass
    edit(raw)
    with pytest.raises(PortraitTalkerError) as err:
        check_config(raw)
    assert message in str(err.value) and len(str(err.value).splitlines()) == 1


def test_load_config_checks_the_file(tmp_path):
    assert load_config().avatar.guidance in ("auto", "sds", "prior")
    raw = defaults()
    raw["speech"]["wav2vec_path"] = "x"
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(PortraitTalkerError, match="config speech: unknown key\\(s\\) wav2vec_path"):
        load_config(path)


def test_configured_paths_are_relative_to_the_project_root_wherever_we_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "models" / "audio2flame").mkdir(parents=True)  # a decoy beside the working directory
    assert configured_path("speech.checkpoint", "models/audio2flame") == PROJECT_ROOT / "models" / "audio2flame"
    assert configured_path("avatar.sd_model_path", str(tmp_path)) == tmp_path  # absolute stays
    assert configured_path("avatar.sd_model_path", None) is None and configured_path("x.y", "") is None
    with pytest.raises(PortraitTalkerError) as err:
        configured_path("avatar.sd_model_path", "weights/sd-2-1")
    assert str(err.value).startswith("config avatar.sd_model_path: ")
    assert str(PROJECT_ROOT / "weights" / "sd-2-1") in str(err.value)
    assert configured_path("speech.checkpoint", "models/none.pt", must_exist=False) == PROJECT_ROOT / "models/none.pt"
    assert configured_head("bundled") == "bundled"
    with pytest.raises(PortraitTalkerError, match="config head.model: .*generic_model.pkl does not exist"):
        configured_head("flame/generic_model.pkl")


def dry_run(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*SNAKEMAKE, "--directory", str(workdir), "-n", "-p", *args],
                          capture_output=True, text=True, timeout=180)


def small_manifest(workdir: Path) -> Path:
    manifest = workdir / "m.yaml"
    manifest.write_text(yaml.safe_dump({
        "avatars": [{"id": "a", "prompt": "a woman"}],
        "clips": [{"id": "c", "audio": str(ROOT / "data" / "clips" / "en_hello.wav")}],
    }))
    return manifest


def shell_command(dry: str, script: str) -> list[str]:
    line = next(line for line in dry.splitlines() if f"steps/{script}" in line)
    return shlex.split(line.split(">", 1)[0])


def test_rules_resolve_configured_paths_like_the_steps_do(tmp_path):
    """From another working directory, the rule passes the same absolute paths a step would
    resolve from the config (the SD folder, the wav2vec2 folder, the speech checkpoint)."""
    manifest = small_manifest(tmp_path)
    (tmp_path / "models" / "audio2flame").mkdir(parents=True)  # a decoy the old rule would have used
    dry = dry_run(tmp_path, "--config", f"manifest={manifest}",
                  "avatar={sd_model_path: models/audio2flame}", "speech={wav2vec2_path: models/audio2flame}")
    assert dry.returncode == 0, dry.stderr[-2000:]
    create = shell_command(dry.stdout, "create_avatar.py")
    assert create[create.index("--sd-model") + 1] == str(PROJECT_ROOT / "models" / "audio2flame")
    assert create[create.index("--guidance") + 1] == "auto"
    predict = shell_command(dry.stdout, "predict_flame.py")
    assert predict[predict.index("--wav2vec2-path") + 1] == str(PROJECT_ROOT / "models" / "audio2flame")
    assert predict[predict.index("--checkpoint") + 1] == str(PROJECT_ROOT / "models" / "audio2flame" / "model.pt")

    # Not configured: the rule says so explicitly, so the step never reads config.yaml's value.
    dry = dry_run(tmp_path, "--config", f"manifest={manifest}")
    create = shell_command(dry.stdout, "create_avatar.py")
    assert create[create.index("--sd-model") + 1] == "none"


@pytest.mark.parametrize("override, message", [
    ("avatar={sd_model_path: weights/sd21}", "config avatar.sd_model_path: "),
    ("speech={wav2vec2_path: weights/hubert}", "config speech.wav2vec2_path: "),
    ("head={model: flame/generic_model.pkl}", "config head.model: "),
    ("avatar={sd_modle_path: weights/sd21}", "config avatar: unknown key(s) sd_modle_path"),
])
def test_workflow_stops_with_one_line_naming_the_key(tmp_path, override, message):
    dry = dry_run(tmp_path, "--config", f"manifest={small_manifest(tmp_path)}", override)
    assert dry.returncode != 0
    errors = [line for line in (dry.stdout + dry.stderr).splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and message in errors[0], dry.stderr[-2000:]
    assert not (tmp_path / "results").exists()


def test_create_avatar_step_reads_the_config_path_from_the_project_root(tmp_path):
    """The step's own default (no --sd-model) goes through the same resolver: a missing
    configured folder is an error naming the key, not a quiet switch to the prior."""
    raw = defaults()
    raw["avatar"]["sd_model_path"] = "weights/not-here"
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump(raw))
    proc = subprocess.run([sys.executable, str(ROOT / "steps" / "create_avatar.py"), "--config", str(config),
                           "--prompt", "a", "--seed", "0", "--out", "a.pt"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert re.match(r"error: config avatar.sd_model_path: .*weights/not-here does not exist", proc.stderr.strip())
    assert not (tmp_path / "a.pt").exists()
