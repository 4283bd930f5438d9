"""What the teeth wear: braces and gold or silver teeth, read from the prompt and built on the teeth."""

import numpy as np
import pytest
import torch

from portraittalker.appearance.parts import PART_COLOURS_SRGB
from portraittalker.errors import PortraitTalkerError
from portraittalker.head import load_head_model
from portraittalker.head.layer import FlameLayer
from portraittalker.head.model import JOINT_NAMES
from portraittalker.head.parts import add_dental, dress_head
from portraittalker.identity import identity_from_prompt
from portraittalker.identity.types import Identity


@pytest.fixture(scope="module")
def head():
    return load_head_model("bundled")


@pytest.mark.parametrize("prompt, teeth", [
    ("a teenage boy with braces", ("braces",)), ("a girl with braces on her teeth", ("braces",)),
    ("a woman with metal braces", ("braces",)), ("a man with orthodontic braces", ("braces",)),
    ("a teenage girl with pink braces", ("braces",)),                 # a teen's coloured bands: dental
    ("a 14 year old with blue braces", ("braces",)), ("a 45 year old man with blue braces", ()),
    ("a woman with silver braces", ("braces",)), ("a girl with clear braces", ("braces",)),
    ("a man in a shirt and braces", ()), ("an old man with red braces", ()),  # British braces: suspenders
    ("a man wearing braces and a bow tie", ()), ("a farmer with braces holding up his trousers", ()),
    ("a man with a gold tooth", ("gold_tooth",)), ("a rapper with gold teeth", ("gold_teeth",)),
    ("a man with a gold grill", ("gold_teeth",)), ("a rapper wearing grills", ("gold_teeth",)),
    ("a woman with a silver tooth", ("silver_tooth",)), ("a man with short gold hair", ()),
    ("a woman with a gold necklace", ()), ("a chef at a grill", ()),
    ("a vampire", ("fangs",)), ("a woman with vampire fangs", ("fangs",)), ("a man with sharp canines", ("fangs",)),
    ("a woman with a gap in her front teeth", ("gap",)), ("a gap-toothed old man", ("gap",)),
    ("a generation gap", ()), ("a wolf with fangs of ice", ("fangs",)),
    ("a little boy with a missing front tooth", ("missing_tooth",)), ("a girl who lost her first tooth", ("missing_tooth",)),
    ("a boy with a tooth missing", ("missing_tooth",)), ("a woman missing the point", ()),
    ("a boy with buck teeth", ("buck",)), ("a buck-toothed man", ("buck",)), ("a man with an overbite", ("buck",)),
    ("a deer with a buck", ())])
def test_the_prompt_names_what_the_teeth_wear(prompt, teeth):
    assert identity_from_prompt(prompt, 0).teeth == teeth


def test_round_trip_and_older_records():
    identity = identity_from_prompt("a teenage boy with braces and a gold tooth", 0)
    assert identity.teeth == ("braces", "gold_tooth")
    assert Identity.from_dict(identity.to_dict()) == identity
    old = identity.to_dict()
    old.pop("teeth")
    assert Identity.from_dict(old).teeth == ()


def _new(head, worn, region):
    labels = np.asarray(worn.regions)[head.num_vertices:]
    return np.flatnonzero(labels == worn.region_names.index(region)) + head.num_vertices


def test_braces_sit_on_the_front_teeth_and_open_with_the_jaw(head):
    assert add_dental(head, ()) is head
    worn = add_dental(head, ("braces",))
    worn.validate("braces")
    ids = _new(head, worn, "braces")
    assert len(ids) == worn.num_vertices - head.num_vertices
    v = np.asarray(worn.v_template)
    on_jaw = np.asarray(worn.lbs_weights)[:, JOINT_NAMES.index("jaw")] >= 0.5
    teeth = np.flatnonzero(np.asarray(head.regions) == head.region_names.index("teeth"))
    upper, lower = ids[~on_jaw[ids]], ids[on_jaw[ids]]
    assert len(upper) and len(lower)                                        # both rows
    assert v[upper, 1].mean() > v[lower, 1].mean()
    for row, row_teeth in ((upper, teeth[~on_jaw[teeth]]), (lower, teeth[on_jaw[teeth]])):
        assert np.ptp(v[row, 0]) < np.ptp(v[row_teeth, 0])                  # the front teeth, not the molars
        assert np.abs(v[row, 0].mean()) < 0.002                             # both sides alike
        assert v[row, 2].max() > v[row_teeth, 2].max() + 0.0005             # proud of the teeth
    layer = FlameLayer(worn)
    z = lambda w: torch.zeros(1, w)  # noqa: E731
    shut = layer(z(layer.num_expression), z(3), z(3), z(3), z(6))[0].numpy()
    opened = layer(z(layer.num_expression), torch.tensor([[0.25, 0.0, 0.0]]), z(3), z(3), z(6))[0].numpy()
    assert np.abs(opened[upper] - shut[upper]).max() < 1e-6                 # the upper row stays with the skull
    assert (opened[lower, 1] - shut[lower, 1]).mean() < -0.003              # the lower row drops with the jaw


@pytest.mark.parametrize("kind, count, region", [("gold_tooth", 1, "teeth_gold"), ("gold_teeth", 6, "teeth_gold"),
                                                 ("silver_tooth", 1, "teeth_silver")])
def test_metal_caps_cover_one_upper_tooth_or_the_front_six(head, kind, count, region):
    worn = add_dental(head, (kind,))
    worn.validate(kind)
    ids = _new(head, worn, region)
    assert len(ids) == 8 * count                                           # a box per tooth
    v = np.asarray(worn.v_template)[ids]
    assert (np.asarray(worn.lbs_weights)[ids, JOINT_NAMES.index("jaw")] < 0.5).all()   # upper teeth
    if count == 1:
        assert 0.003 < v[:, 0].mean() < 0.02                                # an incisor on the person's left
    else:
        assert abs(v[:, 0].mean()) < 0.001 and np.ptp(v[:, 0]) > 0.02       # the front row, both sides
    rgb, specular = PART_COLOURS_SRGB[region]
    assert specular >= 0.8 and (rgb[0] > 1.5 * rgb[2]) == (region == "teeth_gold")


def test_fangs_reach_past_the_canines_edge_and_a_gap_parts_the_front_teeth(head):
    from portraittalker.head.parts.dental import tooth_sites

    worn = add_dental(head, ("fangs",))
    worn.validate("fangs")
    fangs = np.asarray(worn.v_template)[head.num_vertices:]
    assert (np.asarray(worn.regions)[head.num_vertices:] == worn.region_names.index("teeth")).all()   # tooth-coloured
    sites = tooth_sites(head, True, 3)
    for (point, _, edge, _), side in zip(sites[4:6], (1, -1)):
        one = fangs[np.sign(fangs[:, 0]) == side]
        assert abs(one[:, 0].mean() - point[0]) < 0.003                       # on each canine ...
        assert one[:, 1].min() < edge - 0.003                                  # ... reaching past its edge
    incisors = sites[0][2]
    assert fangs[:, 1].min() < incisors - 0.002                               # longer than the front teeth
    assert (np.asarray(worn.lbs_weights)[head.num_vertices:, JOINT_NAMES.index("jaw")] < 0.5).all()   # upper teeth
    gap = add_dental(head, ("gap",))
    slit = np.asarray(gap.v_template)[head.num_vertices:]
    assert (np.asarray(gap.regions)[head.num_vertices:] == gap.region_names.index("mouth_cavity")).all()   # dark
    assert abs(slit[:, 0].mean()) < 0.001 and np.ptp(slit[:, 0]) < 0.003     # a narrow slit on the midline ...
    assert slit[:, 2].max() > sites[0][0][2]                                  # ... on the teeth's front


def test_a_missing_tooth_is_the_mouths_dark_over_one_front_incisor(head):
    from portraittalker.head.parts.dental import CAP_HEIGHT_M, tooth_sites

    worn = add_dental(head, ("missing_tooth",))
    worn.validate("missing tooth")
    hole = np.asarray(worn.v_template)[head.num_vertices:]
    assert (np.asarray(worn.regions)[head.num_vertices:] == worn.region_names.index("mouth_cavity")).all()   # dark
    (point, _, edge, spacing), (other, *_) = tooth_sites(head, True, 1)[:2]
    assert abs(hole[:, 0].mean() - point[0]) < 0.002 and np.sign(point[0]) != np.sign(other[0])   # one incisor, not both
    assert np.ptp(hole[:, 0]) > 0.7 * spacing                                 # the whole crown's width ...
    assert hole[:, 1].min() < edge and hole[:, 1].max() > edge + 0.8 * CAP_HEIGHT_M   # ... and height
    assert hole[:, 2].max() > point[2]                                         # over the tooth's front


def test_buck_teeth_are_the_two_upper_front_teeth_longer_and_standing_out(head):
    from portraittalker.head.parts.dental import BUCK_M, tooth_sites

    worn = add_dental(head, ("buck",))
    worn.validate("buck teeth")
    teeth = np.asarray(worn.v_template)[head.num_vertices:]
    assert (np.asarray(worn.regions)[head.num_vertices:] == worn.region_names.index("teeth")).all()   # tooth-coloured
    (left, _, edge, _), (right, *_) = tooth_sites(head, True, 1)[:2]
    for box, point in zip((teeth[:8], teeth[8:]), (left, right)):                # one over each central incisor
        assert len(teeth) == 16 and abs(box[:, 0].mean() - point[0]) < 0.002
    assert teeth[:, 1].min() < edge - 0.8 * BUCK_M[0]                             # longer past the biting edge
    assert teeth[:, 2].max() > max(left[2], right[2]) + 1.5 * BUCK_M[1]           # and standing out
    assert np.abs(teeth[:, 0]).max() < abs(tooth_sites(head, True, 2)[2][0][0])   # the lateral incisors as they were


def test_dress_head_passes_the_teeth_on_and_refuses_unknown_kinds(head):
    dressed = dress_head(head, hair_style="bald", teeth=("braces", "gold_tooth"))
    assert {"braces", "teeth_gold"} <= set(dressed.region_names)
    with pytest.raises(PortraitTalkerError, match="'diamond_teeth' on the teeth"):
        add_dental(head, ("diamond_teeth",))
