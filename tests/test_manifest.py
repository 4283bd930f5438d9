import textwrap

import pytest

from portraittalker.errors import PortraitTalkerError
from portraittalker.manifest import load_manifest


def write(tmp_path, text, audio=("a.wav",)):
    for name in audio:
        (tmp_path / name).write_bytes(b"RIFF")
    path = tmp_path / "manifest.yaml"
    path.write_text(textwrap.dedent(text))
    return path


GOOD = """
avatars:
  - {id: man, prompt: "a man", seed: 3}
  - {id: woman, prompt: "a woman"}
clips:
  - {id: hi, audio: a.wav, language: en}
"""


def test_all_pairs_by_default(tmp_path):
    m = load_manifest(write(tmp_path, GOOD), root=tmp_path)
    assert m.renders == (("man", "hi"), ("woman", "hi"))
    assert m.avatar("man").seed == 3


def test_an_unsaid_seed_comes_from_the_id(tmp_path):
    """Without seeds, a batch's avatars still differ in what their prompts leave unsaid."""
    text = "avatars:\n" + "".join(f"  - {{id: w{i}, prompt: a woman}}\n" for i in range(8)) + "clips:\n  - {id: hi, audio: a.wav}\n"
    seeds = [a.seed for a in load_manifest(write(tmp_path, text), root=tmp_path).avatars]
    assert len(set(seeds)) == 8
    assert seeds == [a.seed for a in load_manifest(write(tmp_path, text), root=tmp_path).avatars]  # and stays


def test_explicit_renders(tmp_path):
    text = GOOD + "renders:\n  - {avatar: woman, clip: hi}\n"
    assert load_manifest(write(tmp_path, text), root=tmp_path).renders == (("woman", "hi"),)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("avatars:\n  - {id: x}\nclips:\n  - {id: hi, audio: a.wav}\n", "avatars[0] (id 'x') has no 'prompt'"),
        (
            "avatars:\n  - {id: x, prompt: a}\n  - {id: x, prompt: b}\nclips:\n  - {id: hi, audio: a.wav}\n",
            "avatars[1] id 'x' is used twice",
        ),
        ("avatars:\n  - {id: ../x, prompt: a}\nclips:\n  - {id: hi, audio: a.wav}\n", "id '../x' is not a safe file name"),
        ("avatars:\n  - {id: x, prompt: a}\nclips:\n  - {id: hi, audio: gone.wav}\n", "clips[0] (id 'hi') audio file not found: gone.wav"),
        ("avatars:\n  - {id: x, prompt: a}\nclips:\n  - {id: hi, audio: empty.wav}\n", "clips[0] (id 'hi') audio file is empty"),
        ("avatars:\n  - {id: x, prompt: a}\nclips:\n  - {id: hi, audio: clips.wav}\n", "clips[0] (id 'hi') audio is a folder"),
        ("avatars:\n  - {id: x, prompt: '  '}\nclips:\n  - {id: hi, audio: a.wav}\n", "empty prompt"),
        ("avatars: [ {id: x, prompt: a\nclips: []\n", "broken YAML at line"),
        (GOOD + "renders:\n  - {avatar: nobody, clip: hi}\n", "renders[0] names unknown avatar 'nobody'"),
    ],
)
def test_bad_manifest_one_line(tmp_path, text, expected):
    (tmp_path / "empty.wav").write_bytes(b"")
    (tmp_path / "clips.wav").mkdir()
    with pytest.raises(PortraitTalkerError) as info:
        load_manifest(write(tmp_path, text), root=tmp_path)
    message = str(info.value)
    assert expected in message
    assert "\n" not in message
    assert "manifest.yaml" in message
