"""Hearing aids: read from the prompt, a case behind each ear, clear of the head and rigid on it."""

import numpy as np
import pytest
from test_head_parts import head  # noqa: F401  (the bundled head, a module fixture)

from portraittalker.head.parts import add_hearing_aids, dress_head
from portraittalker.head.parts.body import BodySurface
from portraittalker.head.parts.earrings import earlobes
from portraittalker.head.parts.hearing_aids import CASE_TOP_M, HEARING_AID_REGION
from portraittalker.identity import identity_from_prompt, parse_prompt


def test_a_case_behind_each_ear_clear_of_the_head_and_rigid(head):
    worn = add_hearing_aids(head, True)
    worn.validate("hearing aids")
    v = np.asarray(worn.v_template, np.float64)[head.num_vertices:]
    assert {worn.region_names[r] for r in np.asarray(worn.regions)[head.num_vertices:]} == {HEARING_AID_REGION}
    for lobe, side in zip(earlobes(head), (1.0, -1.0)):
        mine = v[v[:, 0] * side > 0]
        assert len(mine) > 20
        centre = mine.mean(axis=0)
        assert 0.01 < centre[1] - lobe[1] < CASE_TOP_M + 0.01             # beside the ear's upper half
        assert centre[2] < lobe[2] + 0.01                                   # behind the ear, not over the cheek
        assert np.linalg.norm(centre - lobe) < 0.06
    sd = BodySurface(head).signed_distance(v)
    assert np.percentile(sd, 5) > 0.0 and sd.min() > -0.003                 # out of the head (the tube's end meets the ear)
    assert np.abs(worn.exprdirs[head.num_vertices:]).max() == 0            # rigid on the head
    assert add_hearing_aids(head, False) is head
    assert "hearing_aids" in dress_head(head, hair_style="short", hearing_aids=True).metadata["parts"]


@pytest.mark.parametrize("prompt, worn", [
    ("an old man with hearing aids", True), ("a woman with a hearing aid", True),
    ("a boy with behind-the-ear hearing aids", True), ("a girl with a cochlear implant", True),
    ("a man hearing a sound", False), ("an old woman", False),
])
def test_hearing_aids_from_the_prompt(prompt, worn):
    a = parse_prompt(prompt)
    assert a.hearing_aids is worn and (not worn or not a.ignored), (a.found, a.ignored)
    assert identity_from_prompt(prompt, 0).hearing_aids is worn
