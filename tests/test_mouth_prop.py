"""Something held in the mouth: read from the prompt, kept on the identity, built at the lips, moving with the jaw."""

import numpy as np
import pytest
import torch
from test_head_parts import head  # noqa: F401  (the bundled head, a module fixture)

from portraittalker.errors import PortraitTalkerError
from portraittalker.head.layer import FlameLayer
from portraittalker.head.parts import add_mouth_prop, dress_head
from portraittalker.head.parts.body import region_mask
from portraittalker.head.parts.mouth_prop import KINDS, REGIONS
from portraittalker.identity import identity_from_prompt, parse_prompt


def _posed(model, jaw_open: float) -> np.ndarray:
    zero3 = torch.zeros(1, 3)
    with torch.no_grad():
        return FlameLayer(model)(torch.zeros(1, model.num_expression), torch.tensor([[jaw_open, 0.0, 0.0]]), zero3,
                                 zero3, torch.zeros(1, 6))[0].numpy()


@pytest.mark.parametrize("kind", KINDS)
def test_a_prop_leaves_the_lips_forwards_and_down_at_one_side(head, kind):
    held = add_mouth_prop(head, kind)
    held.validate(kind)
    v = np.asarray(held.v_template, np.float64)
    prop = v[head.num_vertices:]
    lm = {k: v[i] for k, i in head.landmarks.items()}
    lips = v[:head.num_vertices][region_mask(head, "lips")]
    hold = np.asarray(held.metadata["mouth_prop"]["hold"])
    assert np.linalg.norm(lips - hold, axis=1).min() < 0.008               # its end between the lips ...
    assert 0 < hold[0] < lm["mouth_corner_left"][0]                       # ... in from the person's left corner
    far = prop[np.argmax(np.linalg.norm(prop - hold, axis=1))]
    assert far[2] > lips[:, 2].max() + 0.03 and far[1] < hold[1]          # its far end out in front and lower
    names = {held.region_names[r] for r in np.asarray(held.regions)[head.num_vertices:]}
    assert names <= set(REGIONS)


@pytest.mark.parametrize("kind", ("cigarette", "pipe"))
def test_a_prop_goes_down_with_the_jaw_and_keeps_its_shape(head, kind):
    held = add_mouth_prop(head, kind)
    rest, opened = _posed(held, 0.0)[head.num_vertices:], _posed(held, 0.25)[head.num_vertices:]
    assert (opened[:, 1] - rest[:, 1]).mean() < -0.004                    # down with the lower lip
    pairs = np.random.default_rng(0).integers(0, len(rest), (200, 2))
    before = np.linalg.norm(rest[pairs[:, 0]] - rest[pairs[:, 1]], axis=1)
    after = np.linalg.norm(opened[pairs[:, 0]] - opened[pairs[:, 1]], axis=1)
    assert np.abs(after - before).max() < 0.02 * before.max()             # nearly rigid


def test_a_pipe_has_an_upright_bowl_and_props_errors(head):
    v = np.asarray(add_mouth_prop(head, "pipe").v_template, np.float64)[head.num_vertices:]
    assert np.ptp(v[:, 1]) > 0.04                                         # the bowl stands up from the stem's end
    with pytest.raises(PortraitTalkerError, match="unknown"):
        add_mouth_prop(head, "banana")
    assert add_mouth_prop(head, None) is head
    dressed = dress_head(head, hair_style="short", facial_hair="full_beard", mouth_prop="cigar")
    assert "mouth_prop_cigar" in dressed.metadata["parts"]


@pytest.mark.parametrize("prompt, kind", [
    ("an old sea captain smoking a pipe", "pipe"), ("a pipe smoker", "pipe"), ("a detective with a pipe", "pipe"),
    ("a gangster with a cigar", "cigar"), ("a man with a fat cigar between his teeth", "cigar"),
    ("a woman smoking a cigarette", "cigarette"), ("a chain smoker", "cigarette"),
    ("a man with a toothpick in his mouth", "toothpick"), ("a cowboy chewing on a piece of straw", "straw"),
    ("a farmer with a straw in his mouth", "straw"),
    # not held in the mouth
    ("a farmer in a straw hat", None), ("a piper with bagpipes", None), ("a plumber with a pipe wrench", None),
    ("a man in a smoking jacket", None), ("a woman in cigarette pants", None),
])
def test_mouth_props_from_the_prompt(prompt, kind):
    attrs = parse_prompt(prompt)
    assert attrs.mouth_prop == kind, (prompt, attrs.found)


def test_a_child_smokes_nothing_and_a_mask_hides_the_mouth():
    assert identity_from_prompt("a man smoking a pipe", 0).mouth_prop == "pipe"
    assert identity_from_prompt("a girl smoking a cigarette", 0).mouth_prop is None
    assert identity_from_prompt("a boy with a toothpick in his mouth", 0).mouth_prop == "toothpick"
    assert identity_from_prompt("a man in a surgical mask smoking a cigarette", 0).mouth_prop is None
    assert identity_from_prompt("a man with a mask pulled down under his chin smoking a cigarette", 0).mouth_prop == "cigarette"
    assert identity_from_prompt("a sea captain", 0).mouth_prop is None                 # never by chance
    ident = identity_from_prompt("a gangster with a cigar", 0)
    assert type(ident).from_dict(ident.to_dict()) == ident


def test_prop_materials_are_fixed_colours_on_the_accessories_layer():
    from portraittalker.appearance.layers import LAYER_REGIONS
    from portraittalker.appearance.parts import MOUTH_PROP_REGIONS, PART_COLOURS_SRGB

    assert set(MOUTH_PROP_REGIONS) == set(REGIONS) and set(REGIONS) <= set(PART_COLOURS_SRGB)
    assert set(REGIONS) <= set(LAYER_REGIONS["glasses"])
    paper, ember = PART_COLOURS_SRGB["prop_paper"][0], PART_COLOURS_SRGB["prop_ember"][0]
    assert min(paper) > 0.8 and ember[0] > 3 * ember[2]                 # white paper, a glowing end


@pytest.mark.parametrize("prompt, kind", [
    ("un viejo fumando una pipa", "pipe"), ("una mujer con un cigarrillo", "cigarette"), ("un homme avec un cigare", "cigar"),
    ("ein alter Mann mit Pfeife", "pipe"), ("파이프를 문 노인", "pipe"), ("葉巻をくわえた男", "cigar"), ("叼着烟斗的老人", "pipe"),
    ("una mujer de oro puro", None),
])
def test_mouth_props_in_other_languages(prompt, kind):
    assert parse_prompt(prompt).mouth_prop == kind
