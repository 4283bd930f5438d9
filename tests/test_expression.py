"""The resting expression the prompt names, laid under the speech motion."""

import numpy as np
import pytest

from portraittalker.arkit import ARKIT_NAMES, NUM_ARKIT
from portraittalker.expression import RESTING_EXPRESSIONS, resting_weights, with_resting_expression
from portraittalker.identity import parse_prompt
from portraittalker.identity.scene_choice import choose_scene
from portraittalker.io import FlameSequence
from portraittalker.scene import Scene

JAW, PRESS = ARKIT_NAMES.index("jawOpen"), ARKIT_NAMES.index("mouthPressLeft")


def _speech(frames: int = 40, seed: int = 0) -> FlameSequence:
    rng = np.random.default_rng(seed)
    expression = rng.uniform(0, 1, (frames, NUM_ARKIT)).astype(np.float32) ** 3
    zeros = lambda w: np.zeros((frames, w), np.float32)  # noqa: E731
    return FlameSequence(expression, zeros(3), zeros(3), zeros(3), zeros(6), 25.0)


@pytest.mark.parametrize("prompt, mood", [
    ("a smiling young woman", "smile"), ("a woman with a warm smile in warm light", "smile"),
    ("a happy grandpa", "smile"), ("a stern judge", "stern"), ("an angry old man", "stern"),
    ("a sad young woman crying", "sad"), ("a surprised boy", "surprised"),
    ("a nervous teenager", "worried"), ("a tired nurse after a long shift", "tired"), ("a sleepy toddler", "tired"),
    ("a woman with tired eyes", "neutral"),   # bags under the eyes, not the mood
    ("a man who is not smiling", "neutral"), ("a woman", "neutral"), ("a man, expressionless", "neutral"),
    ("웃는 젊은 여자", "smile"), ("笑顔の女性", "smile"), ("一个严肃的老人", "stern"), ("una anciana triste", "sad"),
    ("un homme souriant", "smile"), ("eine lächelnde Frau", "smile"), ("una donna sorridente", "smile"),
])
def test_the_prompt_names_the_mood_and_the_scene_carries_it(prompt, mood):
    scene = choose_scene(parse_prompt(prompt))
    assert scene.expression == mood
    assert Scene.from_dict(scene.to_dict()) == scene


def test_scenes_recorded_before_the_mood_rest_neutral():
    d = Scene().to_dict()
    d.pop("expression")
    assert Scene.from_dict(d).expression == "neutral"


def test_neutral_leaves_the_motion_as_it_is():
    seq = _speech()
    assert with_resting_expression(seq, "neutral") is seq


@pytest.mark.parametrize("mood", sorted(set(RESTING_EXPRESSIONS) - {"neutral"}))
def test_a_mood_lies_under_every_frame_and_leaves_jaw_and_closures_to_the_speech(mood):
    seq = _speech()
    rest = resting_weights(mood)
    out = with_resting_expression(seq, mood)
    assert out.expression.shape == seq.expression.shape and out.expression.dtype == np.float32
    assert (out.expression >= 0).all() and (out.expression <= 1).all()
    named = rest > 0
    # each frame is at least the mood and at least the speech on every channel the mood names
    assert (out.expression[:, named] >= rest[named] - 1e-6).all()
    assert (out.expression[:, named] >= seq.expression[:, named] - 1e-6).all()
    assert np.array_equal(out.expression[:, ~named], seq.expression[:, ~named])
    assert rest[JAW] == 0 and rest[PRESS] == 0  # the speech opens and shuts the mouth
    assert np.array_equal(out.jaw_pose, seq.jaw_pose) and out.fps == seq.fps
    out.validate()


def test_an_unknown_mood_is_refused():
    with pytest.raises(ValueError, match="unknown resting expression 'smug'"):
        resting_weights("smug")
